"""The life cycle of a learning track, declared once.

A track moves forward one step at a time; the services check each step here and
the track admin offers an action per step.
"""

from django.utils.translation import gettext_lazy as _

from herentq.workflow import Transition, Workflow
from learning_tracks.constants import TrackStatus


class LearningTrackError(Exception):
    """A broken rule. `message` is Dutch and meant for the person who acted."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidTransition(LearningTrackError):
    pass


TRACKS = Workflow(
    name="learning_tracks.track",
    label=_("Leertraject"),
    states=TrackStatus,
    initial_state=TrackStatus.ANNOUNCED,
    subject="track",
    error=InvalidTransition,
    refusal=_("Een leertraject kan niet van “%(status)s” naar “%(target)s” gaan."),
    transitions=[
        Transition(
            "open_enrolment",
            _("Inschrijvingen openen"),
            {TrackStatus.ANNOUNCED},
            TrackStatus.ENROLMENT_OPEN,
            "learning_tracks.services.track_open_enrolment",
            description=_(
                "Ook vanzelf wanneer het begin van de inschrijvingen voorbij is; "
                "de interesselijst krijgt één bericht."
            ),
        ),
        Transition(
            "start",
            _("Traject starten"),
            {TrackStatus.ENROLMENT_OPEN},
            TrackStatus.RUNNING,
            "learning_tracks.services.track_start",
        ),
        Transition(
            "complete",
            _("Traject afronden (attesten)"),
            {TrackStatus.RUNNING},
            TrackStatus.COMPLETED,
            "learning_tracks.services.track_complete",
            description=_(
                "De wachtlijst sluit; wie de aanwezigheidsdrempel haalt, krijgt een "
                "link naar het attest."
            ),
        ),
        Transition(
            "publish_lessons",
            _("Lessen publiceren"),
            {TrackStatus.COMPLETED},
            TrackStatus.LESSONS_PUBLISHED,
            "learning_tracks.services.track_publish_lessons",
        ),
    ],
)
