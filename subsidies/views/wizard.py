"""Starting an application and its seven steps, up to the summary where it is
submitted. Every save goes through the services; which scheme rules are
checked on which step is declared in `subsidies.rules.STEP_RULES`."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from subsidies import forms, rules, selectors, services
from subsidies.constants import AttachmentPurpose, Status, Step
from subsidies.models import Call
from subsidies.services import SubsidyError
from subsidies.views.common import ApplicationMixin

STEP_ORDER = list(Step.values)
# The partner step's search for a partnership (a form field and a query parameter).
PARTNERSHIP_SEARCH = "partnership_search"
SUMMARY = "overzicht"


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
        if self.step == Step.PARTNER:
            source = self.request.GET if data is None else data
            kwargs["search"] = partnership_search(source)
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
        partial = action != "next"  # "save", "more" (budget lines), "search"
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
        if action == "search":
            # Saved; the step again with the partnerships that match the search.
            query = urlencode(
                {PARTNERSHIP_SEARCH: partnership_search(self.request.POST)}
            )
            return redirect(f"{self.request.path}?{query}#id_partnership")
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
        step_problems = rules.step_problems(self.application, self.step)
        for problem in step_problems:
            if problem.field in form.fields:
                form.add_error(problem.field, problem.message)
        return self._after_save(action=action, form=form, step_problems=step_problems)

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
        step_problems = rules.step_problems(self.application, self.step)
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


def partnership_search(data) -> str:
    """The partner step's search as typed, made safe for a query (no NUL)."""
    return data.get(PARTNERSHIP_SEARCH, "").replace("\x00", "").strip()[:100]


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
