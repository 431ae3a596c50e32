"""The applicant's area after starting: the dashboard, the file, its messages,
receipt and attachments, withdrawing, deleting a draft and the final report."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from herentq import languages, mail
from herentq import services as herentq_services
from herentq.audit import action_label, audit_entries_for
from herentq.files import file_response
from herentq.forms import AccountLanguageForm, add_domain_error
from herentq.pdf import pdf_response
from subsidies import exports, forms, selectors, services
from subsidies.constants import AttachmentPurpose
from subsidies.models import Application, Attachment, Call
from subsidies.services import SubsidyError
from subsidies.views.common import ApplicationMixin, safe_next

# The events of the file the applicant reads in its history (in the audit
# trail's words, herentq.audit).
APPLICANT_EVENTS = frozenset(
    {
        "subsidies.application.draft_created",
        "subsidies.application.submitted",
        "subsidies.application.request_information",
        "subsidies.application.resubmitted",
        "subsidies.application.start_screening",
        "subsidies.application.declare_inadmissible",
        "subsidies.application.put_on_agenda",
        "subsidies.application.record_advice",
        "subsidies.application.decide",
        "subsidies.application.pay_advance",
        "subsidies.application.submit_report",
        "subsidies.application.request_report_changes",
        "subsidies.application.accept_report",
        "subsidies.application.pay_balance",
        "subsidies.application.reclaim",
        "subsidies.application.close",
        "subsidies.application.withdrawn",
    }
)


# Events whose reason the applicant reads on the file page (not in the e-mail).
REASONS_SHOWN = {
    "subsidies.application.request_information",
    "subsidies.application.declare_inadmissible",
    "subsidies.application.decide",
    "subsidies.application.request_report_changes",
    "subsidies.application.reclaim",
}


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "subsidies/dashboard.html"

    def get_context_data(self, **kwargs):
        organisations = list(selectors.organisations_for_user(self.request.user))
        applications = selectors.applications_for_dashboard(self.request.user)
        by_org: dict[int, list] = {org.pk: [] for org in organisations}
        totals: dict[int, int] = {}
        for application in applications:
            by_org.setdefault(application.organisation_id, []).append(application)
            totals[application.organisation_id] = application.organisation_total
        return super().get_context_data(
            # (organisation, its newest files, how many it has in all)
            groups=[
                (org, by_org[org.pk], totals.get(org.pk, 0)) for org in organisations
            ],
            open_calls=Call.objects.open()
            .select_related("scheme")
            .order_by("closes_at"),
            **kwargs,
        )


class ApplicationDetailView(ApplicationMixin, TemplateView):
    template_name = "subsidies/application_detail.html"

    def get_context_data(self, **kwargs):
        application = self.application
        extras = selectors.application_detail_extras(application)
        events = [
            {
                "at": entry.created_at,
                "label": action_label(entry.action),
                "reason": entry.reason if entry.action in REASONS_SHOWN else "",
            }
            for entry in reversed(list(audit_entries_for(application)))
            if entry.action in APPLICANT_EVENTS
        ]
        return super().get_context_data(
            application=application,
            scheme=application.call.scheme,
            totals=application.budget_totals(),
            paid=application.paid_total() if application.decision else None,
            events=events,
            message_form=kwargs.pop("message_form", None) or forms.MessageForm(),
            **extras,
            **kwargs,
        )


@require_POST
def message_create(request, pk: int):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    try:
        application = selectors.application_for_user(request.user, pk)
    except Application.DoesNotExist:
        raise Http404 from None
    form = forms.MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.message_post(
                application=application,
                author=request.user,
                body=form.cleaned_data["body"],
                from_service=False,
                uploads=[form.cleaned_data["attachment"]]
                if form.cleaned_data.get("attachment")
                else [],
            )
        except SubsidyError as error:
            messages.error(request, error.message)
            return redirect(application.get_absolute_url())
        messages.success(request, _("Uw bericht is verstuurd naar de dienst."))
        return redirect(application.get_absolute_url() + "#berichten")
    view = ApplicationDetailView()
    view.setup(request, pk=pk)
    view.application = application
    return view.render_to_response(view.get_context_data(message_form=form))


class ReceiptView(ApplicationMixin, TemplateView):
    template_name = "subsidies/application_receipt.html"

    def get(self, request, *args, **kwargs):
        if not self.application.reference:
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **selectors.receipt_context(self.application), **kwargs
        )


def receipt_pdf(request, pk: int):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    try:
        application = selectors.application_for_user(request.user, pk)
    except Application.DoesNotExist:
        raise Http404 from None
    if not application.reference:
        raise Http404
    # In the reader's account's language (the file's when they chose none),
    # whatever page it is fetched from.
    language = mail.account_language(request.user, default=application.language)
    with translation.override(language):
        return pdf_response(
            "subsidies/pdf/receipt.html",
            selectors.receipt_context(application),
            filename=_("ontvangstbewijs-%(reference)s.pdf")
            % {"reference": application.reference},
        )


def attachment_download(request, pk: int, attachment_pk: int):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    attachment = get_object_or_404(
        Attachment.objects.filter(
            application__in=Application.objects.for_user(request.user)
        ),
        pk=attachment_pk,
        application_id=pk,
    )
    return file_response(attachment.file, download_name=attachment.original_name)


@require_POST
def attachment_delete(request, pk: int, attachment_pk: int):
    if not request.user.is_authenticated:
        raise PermissionDenied
    attachment = get_object_or_404(
        Attachment.objects.filter(
            application__in=Application.objects.for_user(request.user)
        ),
        pk=attachment_pk,
        application_id=pk,
    )
    try:
        services.attachment_delete(attachment=attachment, user=request.user)
    except SubsidyError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(name)s is verwijderd.") % {"name": attachment.original_name}
        )
    return redirect(safe_next(request, attachment.application.get_absolute_url()))


class ApplicationWithdrawView(ApplicationMixin, FormView):
    template_name = "subsidies/application_withdraw.html"
    form_class = forms.WithdrawForm

    def get(self, request, *args, **kwargs):
        if not self.application.is_withdrawable:
            messages.info(request, _("Deze aanvraag kan niet meer ingetrokken worden."))
            return redirect(self.application.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.application_withdraw(
                application=self.application,
                user=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except SubsidyError as error:
            messages.error(self.request, error.message)
        else:
            messages.success(self.request, _("Uw aanvraag is ingetrokken."))
        return redirect(self.application.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.application, **kwargs)


class ApplicationDeleteView(ApplicationMixin, TemplateView):
    template_name = "subsidies/application_delete.html"

    def get(self, request, *args, **kwargs):
        if not self.application.is_draft:
            return redirect(self.application.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.application, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.application_delete_draft(
                application=self.application, user=request.user
            )
        except SubsidyError as error:
            messages.error(request, error.message)
            return redirect(self.application.get_absolute_url())
        messages.success(request, _("Het concept is verwijderd."))
        return redirect("subsidies:dashboard")


class ReportView(ApplicationMixin, TemplateView):
    """The final report: actual amounts beside the budget, proofs and a narrative."""

    template_name = "subsidies/application_report.html"

    def get_form(self, data=None, files=None):
        initial = {"report_narrative": self.application.report_narrative}
        return forms.ReportForm(
            data, files, lines=self.application.budget_lines.all(), initial=initial
        )

    def get(self, request, *args, **kwargs):
        if not self.application.is_report_editable:
            return redirect(self.application.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or self.get_form()
        application = self.application
        return super().get_context_data(
            application=application,
            form=form,
            totals=application.budget_totals(),
            proofs=application.attachments.filter(purpose=AttachmentPurpose.REPORT),
            paid=application.paid_total(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        application = self.application
        if not application.is_report_editable:
            return redirect(application.get_absolute_url())
        form = self.get_form(request.POST, request.FILES)
        valid = form.is_valid()
        # A proof that passed its checks is kept even when another field has an error.
        upload = request.FILES.get("proof")
        if upload and "proof" not in form.errors:
            try:
                proof = services.report_add_proof(
                    application=application,
                    user=request.user,
                    upload=upload,
                    description=request.POST.get("proof_description", "")[:200],
                )
                # The name it was sent with: the service renames the upload itself.
                messages.success(
                    request,
                    _("Bewijsstuk bewaard: %(name)s.") % {"name": proof.original_name},
                )
            except ValidationError as error:
                form.add_error("proof", error)
                valid = False
        if not valid:
            # Keep what was typed; save what is valid so nothing is lost.
            return self.render_to_response(self.get_context_data(form=form))
        services.report_save(
            application=application,
            user=request.user,
            narrative=form.cleaned_data["report_narrative"],
            actuals=form.actuals(),
        )
        if request.POST.get("action") == "submit":
            try:
                services.application_submit_report(
                    application=application, user=request.user
                )
            except SubsidyError as error:
                return self.render_to_response(
                    self.get_context_data(form=self.get_form(), refusal=error.message)
                )
            messages.success(request, _("Uw verantwoording is ingediend. Bedankt."))
            return redirect(application.get_absolute_url())
        messages.success(request, _("Uw verantwoording is bewaard."))
        return redirect(request.path)


class PersonalDataView(LoginRequiredMixin, FormView):
    """An applicant's own data: download it all, choose the language the portal
    writes in, or close the account."""

    template_name = "subsidies/personal_data.html"
    form_class = forms.AccountCloseForm

    def get_context_data(self, **kwargs):
        if "language_form" not in kwargs:
            kwargs["language_form"] = AccountLanguageForm(
                initial={
                    "language": mail.account_language(
                        self.request.user, default=languages.current()
                    )
                }
            )
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            services.account_close(user=self.request.user)
        except SubsidyError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        logout(self.request)
        messages.success(
            self.request, _("Uw account is gesloten en uw gegevens zijn gewist.")
        )
        return redirect("home")


class PersonalDataLanguageView(LoginRequiredMixin, FormView):
    """Change the language of the account's mails and documents; the page then
    opens in that language."""

    template_name = "subsidies/personal_data.html"
    form_class = AccountLanguageForm

    def get_initial(self):
        return {
            "language": mail.account_language(
                self.request.user, default=languages.current()
            )
        }

    def get_context_data(self, **kwargs):
        kwargs["language_form"] = kwargs.pop("form", None) or self.get_form()
        kwargs["form"] = forms.AccountCloseForm()
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        language = form.cleaned_data["language"]
        herentq_services.account_language_save(
            user=self.request.user, language=language
        )
        with translation.override(language):
            messages.success(
                self.request,
                _(
                    "Uw taal is bewaard: e-mails en documenten krijgt u voortaan "
                    "in deze taal."
                ),
            )
        return redirect(languages.path_in(reverse("subsidies:personal_data"), language))


def personal_data_export(request):
    """The ZIP of everything the portal holds about the signed-in applicant."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    response = HttpResponse(
        exports.personal_data_zip(request.user), content_type="application/zip"
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.zip"'
    response["Cache-Control"] = "private, no-store"
    return response
