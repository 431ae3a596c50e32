"""The transition table of an application (DOMAIN.md), in one place.

Services check it before any change; the admin shows a button for each transition
the table allows from the current status.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from subsidies.constants import WITHDRAWABLE, Status


class SubsidyError(Exception):
    """A domain rule refused the change; `message` is shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransitionNotAllowed(SubsidyError):
    pass


@dataclass(frozen=True)
class Transition:
    name: str
    label: str | Promise  # translated lazily
    sources: frozenset
    by_service: bool = True
    # Transitions the admin offers as a button (service transitions only).
    needs_form: bool = True


TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", _("Indienen"), frozenset({Status.DRAFT}), False),
        Transition(
            "resubmit",
            _("Aanvulling indienen"),
            frozenset({Status.INFO_REQUESTED}),
            False,
        ),
        Transition("withdraw", _("Intrekken"), frozenset(WITHDRAWABLE), False),
        Transition(
            "start_screening",
            _("Screening starten"),
            frozenset({Status.SUBMITTED, Status.RESUBMITTED}),
        ),
        Transition(
            "request_information",
            _("Informatie vragen"),
            frozenset({Status.SUBMITTED, Status.RESUBMITTED, Status.SCREENING}),
        ),
        Transition(
            "declare_inadmissible",
            _("Onontvankelijk verklaren"),
            frozenset({Status.SCREENING}),
        ),
        Transition(
            "put_on_agenda",
            _("Op de agenda van de GROSH zetten"),
            frozenset({Status.SCREENING}),
        ),
        Transition(
            "record_advice", _("Advies registreren"), frozenset({Status.ADVICE})
        ),
        Transition(
            "decide",
            _("Beslissing van het college registreren"),
            frozenset({Status.ADVISED, Status.SCREENING}),
        ),
        Transition(
            "pay_advance", _("Voorschot registreren"), frozenset({Status.APPROVED})
        ),
        Transition(
            "submit_report",
            _("Verantwoording indienen"),
            frozenset({Status.ADVANCE_PAID, Status.REPORT_CHANGES_REQUESTED}),
            False,
        ),
        Transition(
            "request_report_changes",
            _("Aanvulling van de verantwoording vragen"),
            frozenset({Status.REPORT_SUBMITTED}),
        ),
        Transition(
            "accept_report",
            _("Verantwoording aanvaarden"),
            frozenset({Status.REPORT_SUBMITTED}),
        ),
        Transition(
            "pay_balance", _("Saldo registreren"), frozenset({Status.REPORT_ACCEPTED})
        ),
        Transition(
            "reclaim",
            _("Terugvorderen"),
            frozenset(
                {
                    Status.ADVANCE_PAID,
                    Status.REPORT_SUBMITTED,
                    Status.REPORT_CHANGES_REQUESTED,
                    Status.REPORT_ACCEPTED,
                }
            ),
        ),
        Transition(
            "close",
            _("Afsluiten"),
            frozenset(
                {
                    Status.REPORT_ACCEPTED,
                    Status.BALANCE_PAID,
                    Status.RECLAIMED,
                    Status.REFUSED,
                    Status.INADMISSIBLE,
                    Status.WITHDRAWN,
                }
            ),
        ),
    ]
}


def is_allowed(application, name: str) -> bool:
    transition = TRANSITIONS[name]
    if application.status not in transition.sources:
        return False
    if name == "decide" and application.status == Status.SCREENING:
        # Without the GROSH only when the scheme does not ask for its advice.
        return not application.call.scheme.requires_council_advice
    if name == "put_on_agenda":
        return application.call.scheme.requires_council_advice
    return True


def check(application, name: str) -> None:
    if not is_allowed(application, name):
        raise TransitionNotAllowed(
            _("“%(action)s” kan niet bij een dossier met status “%(status)s”.")
            % {
                "action": TRANSITIONS[name].label,
                "status": Status(application.status).label,
            }
        )


def service_transitions(application) -> list[Transition]:
    """What a civil servant can do now, in the order of the workflow."""
    return [
        t
        for t in TRANSITIONS.values()
        if t.by_service and is_allowed(application, t.name)
    ]
