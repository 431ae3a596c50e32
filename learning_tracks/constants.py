from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackStatus(models.TextChoices):
    """A track moves forward through these, one step at a time."""

    ANNOUNCED = "announced", _("Aangekondigd")
    ENROLMENT_OPEN = "enrolment_open", _("Inschrijvingen open")
    RUNNING = "running", _("Lopend")
    COMPLETED = "completed", _("Afgerond")
    LESSONS_PUBLISHED = "lessons_published", _("Lessen gepubliceerd")


# The steps between them: learning_tracks.workflow.TRACKS.
TRACK_FINISHED_STATUSES = {TrackStatus.COMPLETED, TrackStatus.LESSONS_PUBLISHED}


class EnrolmentStatus(models.TextChoices):
    """Where an enrolment stands.

    PENDING: the e-mail address is not confirmed yet; holds no seat and lapses after
    CONFIRMATION_HOURS. CONFIRMED and OFFERED hold a seat (an offer keeps the seat
    free for the person until its deadline). WAITING is on the waiting list.
    """

    PENDING = "pending", _("Wacht op bevestiging van het e-mailadres")
    CONFIRMED = "confirmed", _("Ingeschreven")
    WAITING = "waiting", _("Op de wachtlijst")
    OFFERED = "offered", _("Plaats aangeboden")
    CANCELLED = "cancelled", _("Geannuleerd")
    EXPIRED = "expired", _("Verlopen")


# Statuses that count as "enrolled" for the one-enrolment-per-address rule.
ACTIVE_ENROLMENT_STATUSES = [
    EnrolmentStatus.PENDING,
    EnrolmentStatus.CONFIRMED,
    EnrolmentStatus.WAITING,
    EnrolmentStatus.OFFERED,
]
# Statuses that hold one of the track's seats (Track.seats_taken counts them).
SEAT_HOLDING_STATUSES = [EnrolmentStatus.CONFIRMED, EnrolmentStatus.OFFERED]


class ParticipantRole(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", _("Ambtenaar")
    ALDERMAN = "alderman", _("Schepen")
    CIVIL_SOCIETY = "civil_society", _("Vertegenwoordiger van het middenveld")
    OTHER = "other", _("Andere")


class ResourceKind(models.TextChoices):
    LESSONS = "lessons", _("Geleerde lessen")
    MANUAL = "manual", _("Handleiding")
    STEP_PLAN = "step_plan", _("Stappenplan")
    CHECKLIST = "checklist", _("Checklist")
    OTHER = "other", _("Ander hulpmiddel")


# An unconfirmed enrolment (and its confirmation link) lapses after this.
CONFIRMATION_HOURS = 48
# Interest-list and newsletter confirmation links stay valid this long.
SUBSCRIPTION_LINK_DAYS = 7
# Reminders go out this many hours before a session starts.
REMINDER_HOURS = 48
# Default retention of participants' personal data after a track is completed
# (setting LEARNING_TRACKS_RETENTION_DAYS overrides it).
DEFAULT_RETENTION_DAYS = 365

# Slugs the app's own fixed URLs use; a track cannot take them.
RESERVED_SLUGS = {"nieuwsbrief", "inschrijving", "interesse", "attest"}

MAX_DOCUMENT_SIZE = 20 * 1024 * 1024


# The audit trail's actions of the learning tracks and their words (herentq.audit).
AUDIT_ACTIONS = {
    "learning_tracks.enrolment.offered": _("Plaats aangeboden"),
    "learning_tracks.enrolment.confirmed": _("Inschrijving bevestigd"),
    "learning_tracks.enrolment.waitlisted": _("Op de wachtlijst gezet"),
    "learning_tracks.enrolment.cancelled": _("Inschrijving geannuleerd"),
    "learning_tracks.enrolment.offer_accepted": _("Aanbod aanvaard"),
    "learning_tracks.enrolment.offer_expired": _("Aanbod verlopen"),
    "learning_tracks.enrolment.moved_to_confirmed": _("Door de dienst bevestigd"),
    "learning_tracks.enrolment.moved_to_waiting": _(
        "Door de dienst naar de wachtlijst verplaatst"
    ),
    "learning_tracks.enrolment.certificate_resent": _("Attest opnieuw verstuurd"),
    "learning_tracks.track.created": _("Leertraject aangemaakt"),
    "learning_tracks.track.capacity_changed": _("Capaciteit gewijzigd"),
    "learning_tracks.track.capacity_raised": _(
        "Capaciteit verhoogd voor een bevestiging"
    ),
    "learning_tracks.track.status_changed": _("Status gewijzigd"),
    "learning_tracks.track.participants_emailed": _(
        "E-mail aan de deelnemers verstuurd"
    ),
    "learning_tracks.track.participants_anonymised": _(
        "Gegevens van de deelnemers gewist"
    ),
    "learning_tracks.session.attendance_recorded": _("Aanwezigheid geregistreerd"),
    "learning_tracks.session.created": _("Sessie toegevoegd"),
    "learning_tracks.session.changed": _("Sessie gewijzigd"),
    "learning_tracks.session.removed": _("Sessie verwijderd"),
    "learning_tracks.enrolment.changed": _("Gegevens gecorrigeerd door de dienst"),
    "learning_tracks.subscriber.subscribed": _("Ingeschreven op de nieuwsbrief"),
    "learning_tracks.subscriber.themes_changed": _(
        "Thema's van de nieuwsbrief gewijzigd"
    ),
    "learning_tracks.subscriber.unsubscribed": _("Uitgeschreven van de nieuwsbrief"),
    "learning_tracks.newsletter.sent": _("Nieuwsbrief verstuurd"),
}
