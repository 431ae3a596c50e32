"""The council's state machine, declared once: minutes from draft to publication.

The services check each step here; the minutes admin shows a button for each
step its status and guard allow.
"""

from django.utils.translation import gettext_lazy as _

from council.constants import MinutesStatus
from council.forms import MinutesCorrectionForm
from herentq.workflow import DomainError, Transition, Workflow


class CouncilError(DomainError):
    """A rule of the council refused the change."""


def approval_scheduled(minutes) -> bool:
    """The approval is on the agenda of a later meeting that was not cancelled."""
    return minutes.approval_item_id is not None and (
        not minutes.approval_item.meeting.is_cancelled
    )


MINUTES = Workflow(
    name="council.minutes",
    label=_("Verslag van een vergadering"),
    states=MinutesStatus,
    initial_state=MinutesStatus.DRAFT,
    subject="minutes",
    error=CouncilError,
    refusal=_("“%(action)s” kan niet bij een verslag met status “%(status)s”."),
    transitions=[
        Transition(
            "circulate",
            _("Rondsturen aan de leden"),
            {MinutesStatus.DRAFT, MinutesStatus.CIRCULATED},
            MinutesStatus.CIRCULATED,
            "council.services.minutes_circulate",
            description=_(
                "Er wordt een nieuwe versie vastgelegd en elk lid met een "
                "e-mailadres krijgt een mail met een link naar de ledenzone."
            ),
        ),
        Transition(
            "schedule_approval",
            _("Goedkeuring agenderen op de volgende vergadering"),
            {MinutesStatus.CIRCULATED},
            MinutesStatus.CIRCULATED,
            "council.services.minutes_schedule_approval",
            guard=lambda minutes: not approval_scheduled(minutes),
            guard_refusal=_("De goedkeuring van dit verslag staat al op een agenda."),
            condition=_("nog niet geagendeerd"),
            description=_(
                "Het punt 'Goedkeuring verslag vorige vergadering' komt als eerste "
                "punt op de agenda van de volgende geplande vergadering."
            ),
        ),
        Transition(
            "approve",
            _("Goedkeuring registreren"),
            {MinutesStatus.CIRCULATED},
            MinutesStatus.APPROVED,
            "council.services.minutes_approve",
            guard=approval_scheduled,
            guard_refusal=_("Agendeer eerst de goedkeuring op een latere vergadering."),
            condition=_("goedkeuring geagendeerd"),
            description=_(
                "De huidige tekst wordt vastgelegd als goedgekeurde versie; tot de "
                "publicatie kan hij niet meer wijzigen."
            ),
        ),
        Transition(
            "publish",
            _("Publiceren"),
            {MinutesStatus.APPROVED},
            MinutesStatus.PUBLISHED,
            "council.services.minutes_publish",
            description=_(
                "De goedgekeurde versie wordt openbaar, zonder de besloten punten."
            ),
        ),
        Transition(
            "publish_correction",
            _("Correctie publiceren"),
            {MinutesStatus.PUBLISHED},
            MinutesStatus.PUBLISHED,
            "council.services.minutes_publish_correction",
            form=MinutesCorrectionForm,
            description=_(
                "Een gepubliceerd verslag verandert nooit stilzwijgend. Pas eerst de "
                "werktekst aan op het verslag; publiceer die dan hier als nieuwe "
                "versie, met de reden die lezers te zien krijgen."
            ),
        ),
    ],
)
