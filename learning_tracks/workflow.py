"""The life cycles of a learning track and of an enrolment, declared once.

A track moves forward one step at a time; the services check each step here and
the track admin offers an action per step. An enrolment's steps are taken by the
person (signed links), the service (admin actions) and the worker; the services
check the first two here.
"""

from django.utils.translation import gettext_lazy as _

from herentq.workflow import APPLICANT, SYSTEM, DomainError, Transition, Workflow
from learning_tracks.constants import EnrolmentStatus, TrackStatus


class LearningTrackError(DomainError):
    """A rule of the learning tracks refused the change."""


class InvalidTransition(LearningTrackError):
    pass


class NotAllowed(LearningTrackError):
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


def _track_not_finished(enrolment) -> bool:
    return not enrolment.track.is_finished


ENROLMENTS = Workflow(
    name="learning_tracks.enrolment",
    label=_("Inschrijving voor een leertraject"),
    states=EnrolmentStatus,
    initial_state=EnrolmentStatus.PENDING,
    subject="enrolment",
    error=NotAllowed,
    who={APPLICANT: _("deelnemer")},
    refusal=_("“%(action)s” kan niet bij een inschrijving met status “%(status)s”."),
    transitions=[
        Transition(
            "confirm_email",
            _("E-mailadres bevestigen"),
            {EnrolmentStatus.PENDING},
            (EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITING),
            "learning_tracks.services.enrolment_confirm_email",
            by=APPLICANT,
            refusal=_("Deze inschrijving is niet meer geldig. Schrijf opnieuw in."),
            condition=_("een plaats vrij, anders de wachtlijst"),
        ),
        Transition(
            "offer",
            _("Vrijgekomen plaats aanbieden"),
            {EnrolmentStatus.WAITING},
            EnrolmentStatus.OFFERED,
            "learning_tracks.services.track_fill_free_seats",
            by=SYSTEM,
            condition=_("eerste in de rij onder de limiet per gemeente"),
        ),
        Transition(
            "accept_offer",
            _("Aanbod aanvaarden"),
            {EnrolmentStatus.OFFERED},
            EnrolmentStatus.CONFIRMED,
            "learning_tracks.services.enrolment_accept_offer",
            by=APPLICANT,
            refusal=_("Dit aanbod geldt niet meer."),
        ),
        Transition(
            "expire_offer",
            _("Aanbod verloopt"),
            {EnrolmentStatus.OFFERED},
            EnrolmentStatus.EXPIRED,
            "learning_tracks.services.offers_expire",
            by=SYSTEM,
        ),
        Transition(
            "move_to_confirmed",
            _("Bevestigen (maakt zo nodig een plaats bij)"),
            {EnrolmentStatus.WAITING, EnrolmentStatus.OFFERED},
            EnrolmentStatus.CONFIRMED,
            "learning_tracks.services.enrolment_move_to_confirmed",
            refusal=_(
                "Alleen wie op de wachtlijst staat of een aanbod kreeg, kan "
                "bevestigd worden."
            ),
        ),
        Transition(
            "move_to_waiting",
            _("Naar de wachtlijst verplaatsen"),
            {EnrolmentStatus.CONFIRMED, EnrolmentStatus.OFFERED},
            EnrolmentStatus.WAITING,
            "learning_tracks.services.enrolment_move_to_waiting",
            refusal=_(
                "Alleen wie een plaats heeft, kan naar de wachtlijst verplaatst worden."
            ),
        ),
        Transition(
            "cancel",
            _("Annuleren"),
            {
                EnrolmentStatus.PENDING,
                EnrolmentStatus.CONFIRMED,
                EnrolmentStatus.WAITING,
                EnrolmentStatus.OFFERED,
            },
            EnrolmentStatus.CANCELLED,
            "learning_tracks.services.enrolment_cancel",
            by=APPLICANT,
            refusal=_("Deze inschrijving is al geannuleerd of verlopen."),
            guard=_track_not_finished,
            guard_refusal=_("Dit leertraject is afgerond; annuleren kan niet meer."),
            condition=_("ook door de dienst; niet meer na het traject"),
        ),
        Transition(
            "close_waiting_list",
            _("Wachtlijst sluit bij de afronding"),
            {EnrolmentStatus.WAITING, EnrolmentStatus.OFFERED},
            EnrolmentStatus.EXPIRED,
            "learning_tracks.services.track_complete",
            by=SYSTEM,
        ),
    ],
)
