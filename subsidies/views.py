"""Pages of the subsidies app: public schemes and register, the applicant's area,
and the council members' view of a file on their agenda. Views are thin: they
check who may see what, call one service and redirect."""

import csv

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from herentq import ratelimit
from herentq.audit import audit_entries_for
from herentq.files import file_response
from herentq.pdf import pdf_response
from subsidies import forms, integrations, rules, selectors, services
from subsidies.constants import AttachmentPurpose, Status, Step
from subsidies.models import (
    Application,
    Attachment,
    Call,
    Invitation,
    Organisation,
    Scheme,
)
from subsidies.services import SubsidyError

STEP_ORDER = list(Step.values)
SUMMARY = "overzicht"

# What the applicant reads in the history of the file.
APPLICANT_EVENTS = {
    "subsidies.draft_created": _("Concept aangemaakt"),
    "subsidies.submitted": _("Aanvraag ingediend"),
    "subsidies.request_information": _("De dienst vroeg meer informatie"),
    "subsidies.resubmitted": _("Aanvulling ingediend"),
    "subsidies.start_screening": _("Behandeling door de dienst gestart"),
    "subsidies.declare_inadmissible": _("Onontvankelijk verklaard"),
    "subsidies.put_on_agenda": _("Voorgelegd aan de GROSH"),
    "subsidies.record_advice": _("Advies van de GROSH ontvangen"),
    "subsidies.decide": _("Beslissing van het college"),
    "subsidies.pay_advance": _("Voorschot betaald"),
    "subsidies.submit_report": _("Verantwoording ingediend"),
    "subsidies.request_report_changes": _("Aanvulling van de verantwoording gevraagd"),
    "subsidies.accept_report": _("Verantwoording goedgekeurd"),
    "subsidies.pay_balance": _("Saldo betaald"),
    "subsidies.reclaim": _("Terugvordering"),
    "subsidies.close": _("Dossier afgesloten"),
    "subsidies.withdrawn": _("Aanvraag ingetrokken"),
}


# Events whose reason the applicant reads on the file page (not in the e-mail).
REASONS_SHOWN = {
    "subsidies.request_information",
    "subsidies.declare_inadmissible",
    "subsidies.decide",
    "subsidies.request_report_changes",
    "subsidies.reclaim",
}


def _safe_next(request, default: str) -> str:
    """A path on this site to go back to; anything else gives `default`."""
    target = request.POST.get("next") or request.GET.get("next")
    if (
        target
        and target.startswith("/")  # redirect() would take a word for a URL name
        and target.isprintable()
        and url_has_allowed_host_and_scheme(
            target,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        )
    ):
        return target
    return default


# --- Public pages ------------------------------------------------------------------


class SchemeIndexView(TemplateView):
    template_name = "subsidies/scheme_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overviews=selectors.scheme_overviews(), **kwargs
        )


class SchemeDetailView(TemplateView):
    template_name = "subsidies/scheme_detail.html"

    def get_context_data(self, **kwargs):
        try:
            overview = selectors.scheme_overview_get(slug=self.kwargs["slug"])
        except Scheme.DoesNotExist:
            raise Http404 from None
        return super().get_context_data(
            overview=overview, scheme=overview.scheme, **kwargs
        )


class RegisterView(TemplateView):
    template_name = "subsidies/register.html"

    def get_context_data(self, **kwargs):
        years = selectors.register_years()
        kwargs.pop("year", None)
        year = self.kwargs.get("year") or (
            years[0] if years else timezone.localdate().year
        )
        rows = list(selectors.register_rows(year=year))
        total = sum((row.approved_amount for row in rows), 0)
        return super().get_context_data(
            year=year, years=years, rows=rows, total=total, **kwargs
        )


def register_csv(request, year: int):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="subsidieregister-{year}.csv"'
    )
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Referentie"),
            _("Organisatie"),
            _("Project"),
            _("Land"),
            _("SDG's"),
            _("Reglement"),
            _("Datum beslissing"),
            _("Toegekend bedrag (euro)"),
        ]
    )
    for row in selectors.register_rows(year=year):
        writer.writerow(
            [
                row.reference,
                row.organisation.name,
                row.title,
                row.country.name,
                ", ".join(str(sdg.number) for sdg in row.sdgs.all()),
                row.call.scheme.name,
                row.decision_date.strftime("%d/%m/%Y"),
                f"{row.approved_amount:.2f}".replace(".", ","),
            ]
        )
    return response


# --- Organisations ----------------------------------------------------------------


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "subsidies/dashboard.html"

    def get_context_data(self, **kwargs):
        organisations = list(selectors.organisations_for_user(self.request.user))
        applications = list(selectors.applications_for_user(self.request.user))
        by_org = {org.pk: [] for org in organisations}
        for application in applications:
            by_org.setdefault(application.organisation_id, []).append(application)
        return super().get_context_data(
            groups=[(org, by_org[org.pk]) for org in organisations],
            open_calls=Call.objects.open()
            .select_related("scheme")
            .order_by("closes_at"),
            **kwargs,
        )


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
        return redirect(_safe_next(self.request, organisation.get_absolute_url()))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            next=_safe_next(self.request, ""), creating=True, **kwargs
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


# --- Starting and filling in an application ----------------------------------------


class ApplicationStartView(LoginRequiredMixin, FormView):
    template_name = "subsidies/application_start.html"
    form_class = forms.StartApplicationForm

    def dispatch(self, request, *args, **kwargs):
        self.call = get_object_or_404(
            Call.objects.select_related("scheme").filter(scheme__is_published=True),
            pk=kwargs["call_pk"],
        )
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.call.is_open():
            messages.error(request, _("Deze oproep is niet open."))
            return redirect(self.call.scheme.get_absolute_url())
        self.organisations = selectors.organisations_for_user(request.user)
        if not self.organisations.exists():
            messages.info(
                request,
                _("Maak eerst de organisatie aan waarvoor u een aanvraag doet."),
            )
            return redirect(
                reverse("subsidies:organisation_create") + f"?next={request.path}"
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["organisations"] = self.organisations
        if self.organisations.count() == 1:
            kwargs.setdefault("initial", {})["organisation"] = (
                self.organisations.first()
            )
        return kwargs

    def form_valid(self, form):
        application = services.application_create(
            call=self.call,
            organisation=form.cleaned_data["organisation"],
            user=self.request.user,
        )
        messages.success(
            self.request,
            _(
                "Uw aanvraag is aangemaakt. Ze wordt bewaard bij elke stap; u kunt later verdergaan."
            ),
        )
        return redirect(
            "subsidies:application_step", pk=application.pk, step=STEP_ORDER[0]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            call=self.call, scheme=self.call.scheme, **kwargs
        )


class ApplicationMixin(LoginRequiredMixin):
    """The file, only when it belongs to one of the user's organisations (else 404)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.application = selectors.application_for_user(
                request.user, kwargs["pk"]
            )
        except Application.DoesNotExist:
            raise Http404 from None
        return super().dispatch(request, *args, **kwargs)


def _steps_progress(application, problems, current):
    by_step = {}
    for problem in problems:
        by_step.setdefault(problem.step, []).append(problem)
    return [
        {
            "slug": slug,
            "label": label,
            "number": index + 1,
            "done": slug not in by_step,
            "current": slug == current,
            "editable": application.is_step_editable(slug),
        }
        for index, (slug, label) in enumerate(Step.choices)
    ]


STEP_FORMS = {
    Step.ORGANISATION: forms.OrganisationStepForm,
    Step.PROJECT: forms.ProjectStepForm,
    Step.PARTNER: forms.PartnerStepForm,
    Step.SDGS: forms.SdgStepForm,
    Step.DECLARATIONS: forms.DeclarationsForm,
}


class ApplicationStepView(ApplicationMixin, View):
    """One step of the application: every "Opslaan" or "Volgende" saves the draft."""

    def dispatch(self, request, *args, **kwargs):
        self.step = kwargs["step"]
        if self.step not in STEP_ORDER:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    # -- helpers
    @property
    def next_url(self):
        index = STEP_ORDER.index(self.step)
        if index + 1 < len(STEP_ORDER):
            return reverse(
                "subsidies:application_step",
                args=[self.application.pk, STEP_ORDER[index + 1]],
            )
        return reverse("subsidies:application_summary", args=[self.application.pk])

    def _refuse_when_locked(self):
        if not self.application.is_step_editable(self.step):
            messages.info(
                self.request, _("Deze stap van uw aanvraag kunt u nu niet wijzigen.")
            )
            return redirect(self.application.get_absolute_url())
        return None

    def _form(self, data=None, files=None, partial=False):
        form_class = STEP_FORMS[self.step]
        kwargs = {"instance": self.application, "partial": partial}
        if self.step == Step.ORGANISATION:
            kwargs["organisations"] = selectors.organisations_for_user(
                self.request.user
            )
        if self.step == Step.SDGS and data is None:
            kwargs["initial"] = {"sdgs": list(self.application.sdgs.all())}
        return form_class(data, files, **kwargs)

    def _budget_forms(self, data=None, partial=False):
        scheme = self.application.call.scheme
        if data is None:
            lines = list(self.application.budget_lines.all())
            income = [
                {"description": line.description, "amount": line.amount}
                for line in lines
                if line.is_income
            ]
            expenses = [
                {"description": line.description, "amount": line.amount}
                for line in lines
                if not line.is_income
            ]
            budget = forms.BudgetForm(
                initial={"requested_amount": self.application.requested_amount},
                scheme=scheme,
            )
            return (
                budget,
                forms.BudgetLineFormSet(prefix="income", initial=income),
                forms.BudgetLineFormSet(prefix="expense", initial=expenses),
            )
        line_kwargs = {"form_kwargs": {"empty_permitted": True}}
        return (
            forms.BudgetForm(data, scheme=scheme, partial=partial),
            forms.BudgetLineFormSet(data, prefix="income", **line_kwargs),
            forms.BudgetLineFormSet(data, prefix="expense", **line_kwargs),
        )

    def _attachments_form(self, data=None, files=None):
        return forms.AttachmentsForm(
            data,
            files,
            requirements=self.application.call.scheme.attachment_requirements.all(),
        )

    def render_step(
        self, *, form=None, formsets=(), problems=(), saved=False, status=200
    ):
        application = self.application
        all_problems = rules.application_problems(application)
        context = {
            "application": application,
            "scheme": application.call.scheme,
            "step": self.step,
            "step_label": Step(self.step).label,
            "step_number": STEP_ORDER.index(self.step) + 1,
            "step_count": len(STEP_ORDER),
            "steps": _steps_progress(application, all_problems, self.step),
            "form": form,
            "formsets": formsets,
            "problems": problems,
            "saved": saved,
            "is_last": self.step == STEP_ORDER[-1],
        }
        if self.step == Step.BUDGET:
            context["totals"] = application.budget_totals()
        if self.step == Step.ATTACHMENTS:
            context["requirements"] = list(
                application.call.scheme.attachment_requirements.all()
            )
            context["attachments"] = list(
                application.attachments.filter(
                    purpose=AttachmentPurpose.APPLICATION
                ).select_related("requirement")
            )
        return render(
            self.request, "subsidies/application_step.html", context, status=status
        )

    def get(self, request, *args, **kwargs):
        if response := self._refuse_when_locked():
            return response
        if self.step == Step.BUDGET:
            budget, income, expense = self._budget_forms()
            return self.render_step(form=budget, formsets=(income, expense))
        if self.step == Step.ATTACHMENTS:
            return self.render_step(form=self._attachments_form())
        return self.render_step(form=self._form())

    def post(self, request, *args, **kwargs):
        if response := self._refuse_when_locked():
            return response
        # The page's script saves a draft quietly while the applicant types.
        self.autosave = request.headers.get("X-Autosave") == "1"
        action = "save" if self.autosave else request.POST.get("action", "next")
        partial = action != "next"
        try:
            if self.step == Step.BUDGET:
                return self._post_budget(partial, action)
            if self.step == Step.ATTACHMENTS:
                return self._post_attachments(action)
            return self._post_fields(partial, action)
        except SubsidyError as error:
            messages.error(request, error.message)
            return redirect(self.application.get_absolute_url())

    def _after_save(self, *, action, form, formsets=(), step_problems=()):
        if self.autosave:
            return HttpResponse(status=204)
        if step_problems:
            return self.render_step(
                form=form, formsets=formsets, problems=step_problems, saved=True
            )
        if action == "next":
            return redirect(self.next_url)
        messages.success(self.request, _("Uw aanvraag is bewaard."))
        if action == "more":
            return redirect(request_path_with_anchor(self.request, "budget-lines"))
        return redirect(self.request.path)

    def _post_fields(self, partial, action):
        form = self._form(self.request.POST, partial=partial)
        if not form.is_valid():
            if self.autosave:
                return HttpResponse(status=422)
            return self.render_step(form=form)
        if self.step == Step.DECLARATIONS:
            data = form.step_data()
            sdgs = None
        else:
            data = {
                name: form.cleaned_data[name]
                for name in form.Meta.fields
                if name in form.cleaned_data
                and name != "sdgs"
                and not form.fields[name].disabled
            }
            sdgs = form.cleaned_data.get("sdgs") if self.step == Step.SDGS else None
        self.application = services.application_save_step(
            application=self.application,
            user=self.request.user,
            step=self.step,
            data=data,
            sdgs=sdgs,
        )
        step_problems = self._step_rule_problems()
        for problem in step_problems:
            if problem.field in form.fields:
                form.add_error(problem.field, problem.message)
        return self._after_save(action=action, form=form, step_problems=step_problems)

    def _step_rule_problems(self):
        application = self.application
        scheme = application.call.scheme
        if self.step == Step.ORGANISATION:
            return rules.organisation_problems(scheme, application.organisation)
        if self.step == Step.PARTNER:
            return rules.country_problems(application, application.country.code or "")
        if self.step == Step.BUDGET:
            totals = application.budget_totals()
            return rules.amount_problems(
                application=application,
                requested=application.requested_amount,
                income=totals["income"],
                expenses=totals["expenses"],
            )
        return []

    def _post_budget(self, partial, action):
        budget, income, expense = self._budget_forms(self.request.POST, partial=partial)
        valid = all([budget.is_valid(), income.is_valid(), expense.is_valid()])
        if not valid:
            if self.autosave:
                return HttpResponse(status=422)
            return self.render_step(form=budget, formsets=(income, expense))
        lines = [("income", d, a) for d, a in income.lines()] + [
            ("expense", d, a) for d, a in expense.lines()
        ]
        self.application = services.application_save_budget(
            application=self.application,
            user=self.request.user,
            requested_amount=budget.cleaned_data.get("requested_amount"),
            lines=lines,
        )
        step_problems = self._step_rule_problems()
        if step_problems and not self.autosave:
            # The budget is saved; show it again with what breaks the rules.
            for problem in step_problems:
                budget.add_error(problem.field, problem.message)
            return self.render_step(
                form=budget,
                formsets=(income, expense),
                problems=step_problems,
                saved=True,
            )
        return self._after_save(action=action, form=budget)

    def _post_attachments(self, action):
        form = self._attachments_form(self.request.POST, self.request.FILES)
        form.is_valid()
        stored = []
        for requirement, upload, description in form.uploads():
            try:
                stored.append(
                    services.attachment_add(
                        application=self.application,
                        user=self.request.user,
                        upload=upload,
                        requirement=requirement,
                        description=description,
                    )
                )
            except ValidationError as error:
                field = f"file_{requirement.pk}" if requirement else "file_other"
                form.add_error(field, error)
        if form.errors:
            if stored:
                messages.success(
                    self.request,
                    _("Bewaard: %(names)s. Kijk de andere bijlagen na.")
                    % {"names": ", ".join(a.original_name for a in stored)},
                )
            return self.render_step(form=form)
        if stored:
            messages.success(
                self.request,
                _("Bijlage bewaard: %(names)s.")
                % {"names": ", ".join(a.original_name for a in stored)},
            )
        if action == "next":
            return redirect(self.next_url)
        return redirect(self.request.path)


def request_path_with_anchor(request, anchor: str) -> str:
    return f"{request.path}#{anchor}"


class ApplicationSummaryView(ApplicationMixin, TemplateView):
    """The last step: everything on one page, what is missing, and "Indienen"."""

    template_name = "subsidies/application_summary.html"

    def get(self, request, *args, **kwargs):
        if self.application.status not in (Status.DRAFT, Status.INFO_REQUESTED):
            return redirect(self.application.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        application = self.application
        problems = kwargs.pop("problems", None)
        if problems is None:
            problems = rules.application_problems(application)
        call = application.call
        context = {
            "application": application,
            "scheme": call.scheme,
            "call": call,
            "call_open": call.is_open(),
            "problems": problems,
            "steps": _steps_progress(application, problems, SUMMARY),
            "step_count": len(STEP_ORDER),
            "totals": application.budget_totals(),
            "attachments": application.attachments.filter(
                purpose=AttachmentPurpose.APPLICATION
            ).select_related("requirement"),
            "open_request": application.information_requests.filter(
                answered_at__isnull=True
            ).first(),
            **kwargs,
        }
        if application.status == Status.INFO_REQUESTED:
            context.setdefault("resubmit_form", forms.ResubmitForm())
        return super().get_context_data(**context)

    def post(self, request, *args, **kwargs):
        application = self.application
        try:
            if application.status == Status.INFO_REQUESTED:
                form = forms.ResubmitForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(
                        self.get_context_data(resubmit_form=form), status=200
                    )
                services.application_resubmit(
                    application=application,
                    user=request.user,
                    answer=form.cleaned_data["answer"],
                )
                messages.success(request, _("Uw aanvulling is ingediend. Bedankt."))
                return redirect(application.get_absolute_url())
            services.application_submit(application=application, user=request.user)
        except services.RulesNotMet as error:
            return self.render_to_response(
                self.get_context_data(problems=error.problems, refused=True)
            )
        except SubsidyError as error:
            return self.render_to_response(
                self.get_context_data(refusal=error.message, refused=True)
            )
        return redirect("subsidies:application_receipt", pk=application.pk)


# --- The file after submission ------------------------------------------------------


class ApplicationDetailView(ApplicationMixin, TemplateView):
    template_name = "subsidies/application_detail.html"

    def get_context_data(self, **kwargs):
        application = self.application
        extras = selectors.application_detail_extras(application)
        events = [
            {
                "at": entry.created_at,
                "label": APPLICANT_EVENTS[entry.action],
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
    return pdf_response(
        "subsidies/pdf/receipt.html",
        selectors.receipt_context(application),
        filename=f"ontvangstbewijs-{application.reference}.pdf",
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
    return redirect(_safe_next(request, attachment.application.get_absolute_url()))


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


# --- Council members ------------------------------------------------------------------


class CouncilMemberMixin:
    """Only council members, and only for a file on the GROSH's agenda."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if not integrations.user_may_read_council_files(request.user):
            raise PermissionDenied
        self.application = get_object_or_404(
            Application.objects.with_related().exclude(reference=""),
            reference=kwargs["reference"],
        )
        if not integrations.is_on_agenda(self.application):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class CouncilApplicationView(CouncilMemberMixin, TemplateView):
    template_name = "subsidies/council_application.html"

    def get_context_data(self, **kwargs):
        application = self.application
        return super().get_context_data(
            application=application,
            scheme=application.call.scheme,
            totals=application.budget_totals(),
            attachments=application.attachments.filter(
                purpose=AttachmentPurpose.APPLICATION
            ).select_related("requirement"),
            sdgs=application.sdgs.all(),
            **kwargs,
        )


class CouncilAttachmentView(CouncilMemberMixin, View):
    def get(self, request, *args, **kwargs):
        attachment = get_object_or_404(
            self.application.attachments.filter(purpose=AttachmentPurpose.APPLICATION),
            pk=kwargs["attachment_pk"],
        )
        return file_response(attachment.file, download_name=attachment.original_name)
