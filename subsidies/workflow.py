"""The workflow of an application, declared once (see docs/status-diagrams.md).

Services check it before any change; the admin shows a button for each staff
transition allowed from the current status, with the transition's form and
initial values, and calls the transition's service with the form's data.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from herentq.workflow import APPLICANT, DomainError, Transition, Workflow
from subsidies import forms, integrations, rules
from subsidies.constants import REPORT_EDITABLE, WITHDRAWABLE, Status


class SubsidyError(DomainError):
    """A rule of the subsidies refused the change."""


class TransitionNotAllowed(SubsidyError):
    pass


def _advice_initial(application) -> dict:
    """The advice step starts from the council's recorded advice, if any."""
    initial = {
        "advice_date": timezone.localdate(),
        "proposed_amount": application.requested_amount,
    }
    advice = integrations.advice_for(application)
    if advice is not None:
        initial.update(
            {
                "outcome": advice.outcome,
                "motivation": advice.motivation,
                "advice_date": timezone.localdate(
                    advice.agenda_item.meeting.planned_start
                ),
            }
        )
    return initial


def _decision_initial(application) -> dict:
    return {
        "decision": "approved",
        "amount": application.proposed_amount or application.requested_amount,
        "decision_date": timezone.localdate(),
    }


def _advance_initial(application) -> dict:
    return {
        "amount": rules.advance_amount(application),
        "paid_on": timezone.localdate(),
    }


def _balance_initial(application) -> dict:
    return {
        "amount": application.approved_amount - application.paid_total(),
        "paid_on": timezone.localdate(),
    }


def _today(application) -> dict:
    return {"paid_on": timezone.localdate()}


def _asks_council_advice(application) -> bool:
    return application.call.scheme.requires_council_advice


def _may_decide(application) -> bool:
    # From screening (without the GROSH) only when the scheme asks no advice.
    return application.status != Status.SCREENING or not _asks_council_advice(
        application
    )


APPLICATIONS = Workflow(
    name="subsidies.application",
    label=_("Subsidieaanvraag"),
    states=Status,
    initial_state=Status.DRAFT,
    subject="application",
    error=TransitionNotAllowed,
    refusal=_("“%(action)s” kan niet bij een dossier met status “%(status)s”."),
    transitions=[
        Transition(
            "submit",
            _("Indienen"),
            {Status.DRAFT},
            Status.SUBMITTED,
            "subsidies.services.application_submit",
            by=APPLICANT,
        ),
        Transition(
            "resubmit",
            _("Aanvulling indienen"),
            {Status.INFO_REQUESTED},
            Status.RESUBMITTED,
            "subsidies.services.application_resubmit",
            by=APPLICANT,
        ),
        Transition(
            "withdraw",
            _("Intrekken"),
            WITHDRAWABLE,
            Status.WITHDRAWN,
            "subsidies.services.application_withdraw",
            by=APPLICANT,
        ),
        Transition(
            "start_screening",
            _("Screening starten"),
            {Status.SUBMITTED, Status.RESUBMITTED},
            Status.SCREENING,
            "subsidies.services.application_start_screening",
            form=forms.ReasonForm,
        ),
        Transition(
            "request_information",
            _("Informatie vragen"),
            {Status.SUBMITTED, Status.RESUBMITTED, Status.SCREENING},
            Status.INFO_REQUESTED,
            "subsidies.services.application_request_information",
            form=forms.InformationRequestForm,
        ),
        Transition(
            "declare_inadmissible",
            _("Onontvankelijk verklaren"),
            {Status.SCREENING},
            Status.INADMISSIBLE,
            "subsidies.services.application_declare_inadmissible",
            form=forms.RequiredReasonForm,
        ),
        Transition(
            "put_on_agenda",
            _("Op de agenda van de GROSH zetten"),
            {Status.SCREENING},
            Status.ADVICE,
            "subsidies.services.application_put_on_agenda",
            form=forms.AgendaForm,
            form_kwargs=lambda application: {
                "meetings": integrations.upcoming_meetings()
            },
            guard=_asks_council_advice,
            guard_refusal=_("Dit reglement vraagt geen advies van de GROSH."),
            condition=_("het reglement vraagt advies van de GROSH"),
        ),
        Transition(
            "record_advice",
            _("Advies registreren"),
            {Status.ADVICE},
            Status.ADVISED,
            "subsidies.services.application_record_advice",
            form=forms.AdviceForm,
            initial=_advice_initial,
        ),
        Transition(
            "decide",
            _("Beslissing van het college registreren"),
            {Status.ADVISED, Status.SCREENING},
            (Status.APPROVED, Status.REFUSED),
            "subsidies.services.application_decide",
            form=forms.DecisionForm,
            initial=_decision_initial,
            guard=_may_decide,
            guard_refusal=_("Dit reglement vraagt eerst het advies van de GROSH."),
            condition={Status.SCREENING: _("het reglement vraagt geen advies")},
        ),
        Transition(
            "pay_advance",
            _("Voorschot registreren"),
            {Status.APPROVED},
            Status.ADVANCE_PAID,
            "subsidies.services.application_pay_advance",
            form=forms.PaymentForm,
            initial=_advance_initial,
        ),
        Transition(
            "submit_report",
            _("Verantwoording indienen"),
            REPORT_EDITABLE,
            Status.REPORT_SUBMITTED,
            "subsidies.services.application_submit_report",
            by=APPLICANT,
        ),
        Transition(
            "request_report_changes",
            _("Aanvulling van de verantwoording vragen"),
            {Status.REPORT_SUBMITTED},
            Status.REPORT_CHANGES_REQUESTED,
            "subsidies.services.application_request_report_changes",
            form=forms.RequiredReasonForm,
        ),
        Transition(
            "accept_report",
            _("Verantwoording aanvaarden"),
            {Status.REPORT_SUBMITTED},
            Status.REPORT_ACCEPTED,
            "subsidies.services.application_accept_report",
            form=forms.ReasonForm,
        ),
        Transition(
            "pay_balance",
            _("Saldo registreren"),
            {Status.REPORT_ACCEPTED},
            Status.BALANCE_PAID,
            "subsidies.services.application_pay_balance",
            form=forms.PaymentForm,
            initial=_balance_initial,
        ),
        Transition(
            "reclaim",
            _("Terugvorderen"),
            {
                Status.ADVANCE_PAID,
                Status.REPORT_SUBMITTED,
                Status.REPORT_CHANGES_REQUESTED,
                Status.REPORT_ACCEPTED,
            },
            Status.RECLAIMED,
            "subsidies.services.application_reclaim",
            form=forms.ReclaimForm,
            initial=_today,
        ),
        Transition(
            "close",
            _("Afsluiten"),
            {
                Status.REPORT_ACCEPTED,
                Status.BALANCE_PAID,
                Status.RECLAIMED,
                Status.REFUSED,
                Status.INADMISSIBLE,
                Status.WITHDRAWN,
            },
            Status.CLOSED,
            "subsidies.services.application_close",
            form=forms.ReasonForm,
        ),
    ],
)
