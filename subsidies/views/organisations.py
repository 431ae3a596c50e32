"""The applicant's organisations: create, change, invite a colleague, accept."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from herentq import ratelimit
from subsidies import forms, selectors, services
from subsidies.models import Invitation, Organisation
from subsidies.services import SubsidyError
from subsidies.views.common import safe_next


class OrganisationMixin(LoginRequiredMixin):
    def get_organisation(self) -> Organisation:
        return get_object_or_404(
            Organisation.objects.for_user(self.request.user), pk=self.kwargs["pk"]
        )


class OrganisationCreateView(LoginRequiredMixin, FormView):
    template_name = "subsidies/organisation_form.html"
    form_class = forms.OrganisationForm

    def form_valid(self, form):
        organisation = services.organisation_create(
            user=self.request.user, data=form.cleaned_data
        )
        messages.success(
            self.request,
            _("%(name)s is aangemaakt. U kunt nu een aanvraag starten.")
            % {"name": organisation.name},
        )
        return redirect(safe_next(self.request, organisation.get_absolute_url()))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            next=safe_next(self.request, ""), creating=True, **kwargs
        )


class OrganisationUpdateView(OrganisationMixin, FormView):
    template_name = "subsidies/organisation_form.html"
    form_class = forms.OrganisationForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.organisation = self.get_organisation()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.organisation}

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.organisation_update(
            organisation=self.organisation, user=self.request.user, data=data
        )
        messages.success(self.request, _("De gegevens zijn bewaard."))
        return redirect(self.organisation.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)


class OrganisationDetailView(OrganisationMixin, FormView):
    """The organisation, its members and the form to invite a colleague."""

    template_name = "subsidies/organisation_detail.html"
    form_class = forms.InvitationForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.organisation = self.get_organisation()
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        refusal = ratelimit.public_form_refusal(
            self.request, form="invitation", email=form.cleaned_data["email"]
        )
        if refusal:
            form.add_error("email", refusal)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        try:
            invitation = services.invitation_create(
                organisation=self.organisation,
                invited_by=self.request.user,
                email=form.cleaned_data["email"],
            )
        except SubsidyError as error:
            form.add_error("email", error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("We stuurden een uitnodiging naar %(email)s.")
            % {"email": invitation.email},
        )
        return redirect(self.organisation.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            organisation=self.organisation,
            memberships=self.organisation.memberships.select_related("user"),
            invitations=self.organisation.invitations.pending(),
            **kwargs,
        )


class OrganisationApplicationsView(OrganisationMixin, ListView):
    """Every file of one of the user's organisations, 20 a page (the dashboard
    shows the newest)."""

    template_name = "subsidies/organisation_applications.html"
    context_object_name = "applications"
    paginate_by = 20

    def get_queryset(self):
        self.organisation = self.get_organisation()
        return selectors.applications_of_organisation(self.organisation)

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)


class InvitationAcceptView(LoginRequiredMixin, TemplateView):
    template_name = "subsidies/invitation_accept.html"

    def get_invitation(self) -> Invitation:
        return get_object_or_404(
            Invitation.objects.select_related("organisation"),
            token=self.kwargs["token"],
        )

    def get_context_data(self, **kwargs):
        invitation = self.get_invitation()
        return super().get_context_data(
            invitation=invitation,
            is_valid=invitation.accepted_at is None
            and invitation.expires_at > timezone.now(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        invitation = self.get_invitation()
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except SubsidyError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(
            request,
            _("U bent nu lid van %(name)s.") % {"name": invitation.organisation.name},
        )
        return redirect(invitation.organisation.get_absolute_url())
