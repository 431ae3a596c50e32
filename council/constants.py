import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

# The council the public pages under /grosh/ show (a Council slug).
GROSH_SLUG = "grosh"

# Attachments: what an agenda item's document may be, and how large.
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024

# How long the link in an invitation to the members' area works.
INVITATION_VALID_FOR = dt.timedelta(days=14)

APPROVAL_ITEM_TITLE = _("Goedkeuring verslag vorige vergadering")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("voorzitter")
    VICE_CHAIR = "vice_chair", _("ondervoorzitter")
    SECRETARY = "secretary", _("secretaris (zonder stemrecht)")
    MEMBER = "member", _("lid")
    OBSERVER = "observer", _("waarnemer")


# Roles with a vote; the secretary and observers have none.
VOTING_ROLES = (MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER)


class InvitationStatus(models.TextChoices):
    NOT_INVITED = "not_invited", _("niet uitgenodigd")
    PENDING = "pending", _("uitgenodigd, nog niet aanvaard")
    EXPIRED = "expired", _("uitnodiging verlopen")
    ACCEPTED = "accepted", _("aanvaard")
    ENDED = "ended", _("toegang beëindigd")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    HELD = "held", _("gehouden")
    CANCELLED = "cancelled", _("geannuleerd")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("aanwezig")
    EXCUSED = "excused", _("verontschuldigd")
    ABSENT = "absent", _("afwezig")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("ontwerp")
    CIRCULATED = "circulated", _("rondgestuurd aan de leden")
    APPROVED = "approved", _("goedgekeurd")
    PUBLISHED = "published", _("gepubliceerd")


class MinutesVersionKind(models.TextChoices):
    CIRCULATED = "circulated", _("rondgestuurde versie")
    APPROVED = "approved", _("goedgekeurde versie")
    PUBLISHED = "published", _("gepubliceerde versie")
    CORRECTION = "correction", _("gepubliceerde correctie")


# Versions the public may read (the current one and earlier published ones).
PUBLIC_VERSION_KINDS = (MinutesVersionKind.PUBLISHED, MinutesVersionKind.CORRECTION)


class AdviceOutcome(models.TextChoices):
    POSITIVE = "positive", _("positief")
    CONDITIONAL = "conditional", _("voorwaardelijk")
    NEGATIVE = "negative", _("negatief")


class FollowUpStatus(models.TextChoices):
    FOLLOWED = "followed", _("gevolgd")
    PARTLY = "partly", _("gedeeltelijk gevolgd")
    NOT_FOLLOWED = "not_followed", _("niet gevolgd")


# The audit trail's actions of the council and their words (herentq.audit).
AUDIT_ACTIONS = {
    "council.meeting.agenda_item_added": _("Agendapunt toegevoegd"),
    "council.meeting.agenda_item_changed": _("Agendapunt gewijzigd"),
    "council.meeting.agenda_item_removed": _("Agendapunt verwijderd"),
    "council.meeting.document_added": _("Document toegevoegd"),
    "council.meeting.document_changed": _("Document gewijzigd"),
    "council.meeting.document_removed": _("Document verwijderd"),
    "council.meeting.attendance_changed": _("Aanwezigheid gewijzigd"),
    "council.meeting.attendance_prepared": _("Aanwezigheidslijst voorbereid"),
    "council.meeting.cancelled": _("Vergadering geannuleerd"),
    "council.minutes.created": _("Verslag aangemaakt"),
    "council.minutes.circulated": _("Verslag rondgestuurd aan de leden"),
    "council.minutes.approval_scheduled": _("Goedkeuring geagendeerd"),
    "council.minutes.approved": _("Verslag goedgekeurd"),
    "council.minutes.published": _("Verslag gepubliceerd"),
    "council.minutes.corrected": _("Correctie gepubliceerd"),
    "council.minutes.comment_added": _("Opmerking van een lid"),
    "council.member.invited": _("Lid uitgenodigd voor de ledenzone"),
    "council.member.accepted": _("Uitnodiging voor de ledenzone aanvaard"),
    "council.member.access_ended": _("Toegang tot de ledenzone beëindigd"),
    "council.meeting.convoked": _("Uitnodiging en agenda verstuurd"),
    "council.advice.recorded": _("Advies geregistreerd"),
    "council.advice.amended": _("Advies gewijzigd"),
    "council.advice.followup_recorded": _("Opvolging door het college geregistreerd"),
}
