"""The advisory council: members, meetings, agendas, minutes and advice.

Modelled for any advisory council; the public pages under /grosh/ show the GROSH.
Minutes are kept per agenda item, so the public rendering of a version simply
leaves out the closed items: one source, two renderings.
"""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from council.constants import (
    INVITATION_VALID_FOR,
    PUBLIC_VERSION_KINDS,
    VOTING_ROLES,
    AdviceOutcome,
    AttendanceStatus,
    FollowUpStatus,
    InvitationStatus,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
    MinutesVersionKind,
)
from council.validators import validate_document
from herentq.files import private_storage, random_upload_name
from herentq.models import LocalAuthority, TimeStampedModel
from herentq.search import SEARCH_CONFIG
from herentq.validators import validate_mailable_email


class Council(models.Model):
    """An advisory council of the municipality, such as the GROSH."""

    name = models.CharField(_("korte naam"), max_length=50)
    full_name = models.CharField(_("volledige naam"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    local_authority = models.ForeignKey(
        LocalAuthority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="councils",
        verbose_name=_("lokaal bestuur"),
    )
    default_location = models.CharField(
        _("gewone vergaderplaats"), max_length=200, blank=True
    )
    meeting_duration = models.DurationField(
        _("gewone duur van een vergadering"), default=dt.timedelta(hours=2)
    )
    convocation_days = models.PositiveSmallIntegerField(
        _("uitnodiging (dagen voor de vergadering)"),
        default=8,
        help_text=_(
            "Zoveel dagen voor elke vergadering krijgen de leden de agenda met de "
            "documenten, en verschijnt de openbare agenda op de website."
        ),
    )
    minutes_reminder_days = models.PositiveSmallIntegerField(
        _("herinnering ontwerpverslag (dagen voor de goedkeuring)"),
        default=3,
        help_text=_(
            "Zoveel dagen voor de vergadering die een rondgestuurd verslag "
            "goedkeurt, vragen we de leden om hun opmerkingen."
        ),
    )

    class Meta:
        verbose_name = _("adviesraad")
        verbose_name_plural = _("adviesraden")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting_duration__gt=dt.timedelta(0)),
                name="council_meeting_duration_positive",
            )
        ]

    def __str__(self):
        return self.name


class CouncilMemberQuerySet(models.QuerySet):
    def active(self, on: dt.date | None = None):
        on = on or timezone.localdate()
        return self.filter(term_start__lte=on).filter(
            Q(term_end__isnull=True) | Q(term_end__gte=on)
        )

    def voting(self):
        return self.filter(role__in=VOTING_ROLES)

    def in_role_order(self):
        order = models.Case(
            *[
                models.When(role=role, then=models.Value(index))
                for index, role in enumerate(MemberRole.values)
            ],
            output_field=models.IntegerField(),
        )
        return self.alias(role_order=order).order_by(
            "role_order", "last_name", "first_name"
        )


class CouncilMember(models.Model):
    """A seat on a council for a term: who, in which role, for which organisation."""

    council = models.ForeignKey(
        Council,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("adviesraad"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_memberships",
        verbose_name=_("account"),
        help_text=_("Het account waarmee het lid zich aanmeldt in de ledenzone."),
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=100)
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        validators=[validate_mailable_email],
        help_text=_("Leeg: het e-mailadres van het account."),
    )
    role = models.CharField(
        _("rol"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    organisation = models.CharField(_("vertegenwoordigt"), max_length=200, blank=True)
    term_start = models.DateField(_("begin van het mandaat"))
    term_end = models.DateField(_("einde van het mandaat"), null=True, blank=True)
    language = models.CharField(
        _("taal"),
        max_length=10,
        default="nl-be",
        help_text=_("De taal van de e-mails aan dit lid (nl-be, fr of en)."),
    )
    # The invitation to the members' area (council.services.member_invite): the
    # key is part of the signed link and changes with each sending, so only the
    # latest link works.
    invitation_key = models.CharField(max_length=32, blank=True, editable=False)
    invited_at = models.DateTimeField(
        _("uitgenodigd op"), null=True, blank=True, editable=False
    )
    accepted_at = models.DateTimeField(
        _("uitnodiging aanvaard op"), null=True, blank=True, editable=False
    )
    access_ended_at = models.DateTimeField(
        _("toegang beëindigd op"), null=True, blank=True, editable=False
    )

    objects = CouncilMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("lid")
        verbose_name_plural = _("leden")
        ordering = ["council", "last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=MemberRole.values),
                name="council_member_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_end__gte=models.F("term_start")),
                name="council_member_term_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def has_vote(self) -> bool:
        return self.role in VOTING_ROLES

    @property
    def contact_email(self) -> str:
        if self.email:
            return self.email
        return self.user.email if self.user_id else ""

    def is_active(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.term_start <= on and (self.term_end is None or self.term_end >= on)

    def has_ended(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.term_end is not None and self.term_end < on

    @property
    def invitation_status(self) -> str:
        """Where the invitation to the members' area stands (InvitationStatus)."""
        if self.access_ended_at:
            return InvitationStatus.ENDED
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if not self.invited_at:
            return InvitationStatus.NOT_INVITED
        if self.invited_at + INVITATION_VALID_FOR <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(
            status=MeetingStatus.PLANNED, planned_start__gte=now
        ).order_by("planned_start")

    def of_council(self, council):
        return self.filter(council=council)


class Meeting(TimeStampedModel):
    council = models.ForeignKey(
        Council,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("adviesraad"),
    )
    planned_start = models.DateTimeField(_("geplande start"))
    location = models.CharField(_("plaats"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
    )
    started_at = models.DateTimeField(
        _("werkelijke start"),
        null=True,
        blank=True,
        help_text=_("Verplicht voor een gehouden vergadering."),
    )
    ended_at = models.DateTimeField(_("werkelijk einde"), null=True, blank=True)
    cancellation_reason = models.CharField(
        _("reden van annulering"), max_length=300, blank=True
    )
    # Set when the members are convoked (council.services.meeting_convoke): from
    # then on the public agenda of a planned meeting is on the website.
    agenda_published_at = models.DateTimeField(
        _("agenda gepubliceerd op"), null=True, blank=True, editable=False
    )

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["-planned_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MeetingStatus.values),
                name="council_meeting_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(started_at__isnull=True)
                | Q(ended_at__isnull=True)
                | Q(ended_at__gt=models.F("started_at")),
                name="council_meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.HELD)
                | Q(started_at__isnull=False, ended_at__isnull=False),
                name="council_held_meeting_has_times",
            ),
        ]
        indexes = [models.Index(fields=["status", "planned_start"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("council:meeting_detail", args=[self.pk])

    def get_members_url(self):
        return reverse("council:members_meeting", args=[self.pk])

    @property
    def day_label(self) -> str:
        return date_format(timezone.localtime(self.planned_start), "j F Y")

    @property
    def title(self) -> str:
        return gettext("Vergadering %(council)s van %(day)s") % {
            "council": self.council.name,
            "day": self.day_label,
        }

    @property
    def end(self) -> dt.datetime:
        if self.ended_at:
            return self.ended_at
        return (self.started_at or self.planned_start) + self.council.meeting_duration

    @property
    def is_held(self) -> bool:
        return self.status == MeetingStatus.HELD

    @property
    def agenda_is_public(self) -> bool:
        """A planned meeting's agenda is public once the members are convoked."""
        return self.status != MeetingStatus.PLANNED or bool(self.agenda_published_at)

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED


# Agenda items whose meeting's agenda is on the website (Meeting.agenda_is_public).
AGENDA_PUBLISHED = ~Q(meeting__status=MeetingStatus.PLANNED) | Q(
    meeting__agenda_published_at__isnull=False
)


class AgendaItemQuerySet(models.QuerySet):
    def public(self):
        """Public items of agendas that are published."""
        return self.filter(AGENDA_PUBLISHED, is_public=True)


class AgendaItem(models.Model):
    """A point on a meeting's agenda, public or closed (besloten)."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("vergadering"),
    )
    position = models.PositiveSmallIntegerField(_("volgnummer"))
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("toelichting"), blank=True)
    is_public = models.BooleanField(
        _("openbaar"),
        default=True,
        help_text=_(
            "Een besloten punt, zijn documenten en zijn verslag zien enkel de leden."
        ),
    )
    # What the item advises on (e.g. a subsidy application), kept generic so that
    # other apps can link their objects without the council importing them.
    subject_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("soort onderwerp"),
    )
    # NULL (not "") when there is no subject: the agreed contract with other apps.
    subject_id = models.CharField(  # noqa: DJ001
        _("id van het onderwerp"), max_length=64, null=True, blank=True
    )
    subject = GenericForeignKey("subject_type", "subject_id")

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="council_agenda_item_position_unique",
                # Deferred, so that items can swap places in one transaction.
                deferrable=models.Deferrable.DEFERRED,
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="council_agenda_item_position_min"
            ),
            models.CheckConstraint(
                condition=Q(subject_type__isnull=True, subject_id__isnull=True)
                | Q(subject_type__isnull=False, subject_id__isnull=False),
                name="council_agenda_item_subject_complete",
            ),
        ]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            # The site-wide search reads stored columns that the database
            # computes, with their own indexes (migration 0007, herentq.search
            # `stored`).
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"

    @property
    def visibility_label(self) -> str:
        return gettext("openbaar") if self.is_public else gettext("besloten")


class AgendaDocument(models.Model):
    """A document for an agenda item: private storage, served by a checking view."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("agendapunt"),
    )
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(
        _("bestand"),
        storage=private_storage,
        upload_to=random_upload_name("council/documents"),
        validators=[validate_document],
        help_text=_("Pdf of Office-document, hoogstens 20 MB."),
    )
    size = models.PositiveIntegerField(_("grootte (bytes)"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_("opgeladen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["agenda_item", "title", "id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("council:document", args=[self.pk])

    @property
    def extension(self) -> str:
        return Path(self.file.name).suffix.lower().lstrip(".")

    @property
    def download_name(self) -> str:
        return f"{slugify(self.title) or 'document'}.{self.extension}"


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("vergadering"),
    )
    member = models.ForeignKey(
        CouncilMember,
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("lid"),
    )
    status = models.CharField(
        _("aanwezigheid"),
        max_length=10,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
    )

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        ordering = ["meeting", "member__last_name", "member__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="council_attendance_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AttendanceStatus.values),
                name="council_attendance_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.member.full_name}: {self.get_status_display()}"


class Minutes(TimeStampedModel):
    """The minutes of one meeting: a working copy per agenda item, and versions.

    draft → circulated (mail to the members) → approved (through an agenda item of
    a later meeting) → published. What members and the public read are immutable
    versions; a correction of a published version is a new version with a reason.
    """

    meeting = models.OneToOneField(
        Meeting,
        on_delete=models.PROTECT,
        related_name="minutes",
        verbose_name=_("vergadering"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MinutesStatus.choices,
        default=MinutesStatus.DRAFT,
    )
    approval_item = models.OneToOneField(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes",
        verbose_name=_("goedkeuring op agendapunt"),
    )
    published_version = models.ForeignKey(
        "MinutesVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("huidige gepubliceerde versie"),
    )
    circulated_at = models.DateTimeField(_("rondgestuurd op"), null=True, blank=True)
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")
        ordering = ["-meeting__planned_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MinutesStatus.values),
                name="council_minutes_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[MinutesStatus.DRAFT, MinutesStatus.CIRCULATED])
                | Q(approval_item__isnull=False, approved_at__isnull=False),
                name="council_minutes_approved_at_a_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(status=MinutesStatus.PUBLISHED)
                | Q(published_version__isnull=False, published_at__isnull=False),
                name="council_minutes_published_has_version",
            ),
        ]

    def __str__(self):
        return gettext("Verslag %(council)s van %(day)s") % {
            "council": self.meeting.council.name,
            "day": self.meeting.day_label,
        }

    def get_absolute_url(self):
        return reverse("council:minutes_public", args=[self.meeting_id])

    def get_members_url(self):
        return reverse("council:members_minutes", args=[self.meeting_id])

    @property
    def is_published(self) -> bool:
        return self.status == MinutesStatus.PUBLISHED

    @property
    def text_is_editable(self) -> bool:
        """The working copy is frozen between approval and publication."""
        return self.status != MinutesStatus.APPROVED


class MinutesEntry(models.Model):
    """The working text of the minutes for one agenda item."""

    minutes = models.ForeignKey(
        Minutes,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("verslag"),
    )
    agenda_item = models.OneToOneField(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="minutes_entry",
        verbose_name=_("agendapunt"),
    )
    text = models.TextField(_("verslag van het punt"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verslag van een agendapunt")
        verbose_name_plural = _("verslag per agendapunt")
        ordering = ["minutes", "agenda_item__position"]

    def __str__(self):
        return str(self.agenda_item)


class ImmutableError(Exception):
    pass


class MinutesVersionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(kind__in=PUBLIC_VERSION_KINDS)


class MinutesVersion(models.Model):
    """A frozen copy of the minutes: never changed or deleted once written."""

    minutes = models.ForeignKey(
        Minutes,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("verslag"),
    )
    number = models.PositiveSmallIntegerField(_("versie"))
    kind = models.CharField(
        _("soort"), max_length=20, choices=MinutesVersionKind.choices
    )
    reason = models.TextField(_("reden van de correctie"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )

    objects = MinutesVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("versie van een verslag")
        verbose_name_plural = _("versies van verslagen")
        ordering = ["minutes", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "number"], name="council_minutes_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MinutesVersionKind.values),
                name="council_minutes_version_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(kind=MinutesVersionKind.CORRECTION) | ~Q(reason=""),
                name="council_correction_has_reason",
            ),
        ]

    def __str__(self):
        return gettext("versie %(number)s (%(kind)s)") % {
            "number": self.number,
            "kind": self.get_kind_display(),
        }

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError("a version of the minutes is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("a version of the minutes is never deleted")

    @property
    def is_public(self) -> bool:
        return self.kind in PUBLIC_VERSION_KINDS


class MinutesVersionEntry(models.Model):
    """One agenda item's text in a version, with the item as it stood then."""

    version = models.ForeignKey(
        MinutesVersion,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("versie"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name=_("agendapunt"),
    )
    position = models.PositiveSmallIntegerField(_("volgnummer"))
    title = models.CharField(_("titel"), max_length=300)
    is_public = models.BooleanField(_("openbaar"))
    text = models.TextField(_("verslag van het punt"), blank=True)

    class Meta:
        verbose_name = _("punt van een versie")
        verbose_name_plural = _("punten van een versie")
        ordering = ["version", "position"]
        indexes = [
            GinIndex(
                SearchVector("title", "text", config=SEARCH_CONFIG),
                name="council_minutes_search",
            ),
            # The site-wide search reads stored columns (migration 0007).
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError("a version of the minutes is never changed")
        super().save(*args, **kwargs)


class MinutesComment(models.Model):
    """A member's remark on circulated minutes, seen only by members."""

    minutes = models.ForeignKey(
        Minutes,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("verslag"),
    )
    version = models.ForeignKey(
        MinutesVersion,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("over versie"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("over agendapunt"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    author_name = models.CharField(_("naam van de auteur"), max_length=200)
    text = models.TextField(_("opmerking"))
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)

    class Meta:
        verbose_name = _("opmerking bij een verslag")
        verbose_name_plural = _("opmerkingen bij verslagen")
        ordering = ["minutes", "created_at", "id"]

    def __str__(self):
        return f"{self.author_name}, {date_format(self.created_at, 'j F Y')}"


class AdviceQuerySet(models.QuerySet):
    def public(self):
        """Advice on public items of held meetings: what anyone may read."""
        return self.filter(
            agenda_item__is_public=True, agenda_item__meeting__status=MeetingStatus.HELD
        )

    def with_meeting(self):
        return self.select_related("agenda_item__meeting__council")


class Advice(TimeStampedModel):
    """The council's advice on an agenda item, and what the college did with it."""

    agenda_item = models.OneToOneField(
        AgendaItem,
        on_delete=models.PROTECT,
        related_name="advice",
        verbose_name=_("agendapunt"),
    )
    subject_text = models.CharField(_("onderwerp"), max_length=300)
    text = models.TextField(_("advies"))
    motivation = models.TextField(_("motivering"))
    outcome = models.CharField(
        _("strekking"), max_length=20, choices=AdviceOutcome.choices
    )
    votes_for = models.PositiveSmallIntegerField(_("stemmen voor"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("stemmen tegen"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("onthoudingen"), default=0)
    conflicted_members = models.ManyToManyField(
        CouncilMember,
        blank=True,
        related_name="conflicted_advices",
        verbose_name=_("leden met een belangenconflict"),
        help_text=_("Zij meldden een belangenconflict en stemden niet mee."),
    )
    followup_status = models.CharField(
        _("opvolging door het college"),
        max_length=20,
        choices=FollowUpStatus.choices,
        blank=True,
    )
    followup_date = models.DateField(
        _("datum van de beslissing"), null=True, blank=True
    )
    followup_note = models.TextField(_("toelichting bij de opvolging"), blank=True)

    objects = AdviceQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[conflicted_members])

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["-agenda_item__meeting__planned_start", "agenda_item__position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=AdviceOutcome.values),
                name="council_advice_outcome_valid",
            ),
            models.CheckConstraint(
                condition=Q(followup_status="", followup_date__isnull=True)
                | Q(
                    followup_status__in=FollowUpStatus.values,
                    followup_date__isnull=False,
                ),
                name="council_advice_followup_complete",
            ),
        ]
        indexes = [
            GinIndex(
                SearchVector(
                    "subject_text", "text", "motivation", config=SEARCH_CONFIG
                ),
                name="council_advice_search",
            ),
            # The site-wide search reads stored columns (migration 0007).
        ]

    def __str__(self):
        return self.subject_text

    def get_absolute_url(self):
        return reverse("council:advice_detail", args=[self.pk])

    @property
    def meeting(self) -> Meeting:
        return self.agenda_item.meeting

    @property
    def votes_total(self) -> int:
        return self.votes_for + self.votes_against + self.votes_abstain

    @property
    def has_followup(self) -> bool:
        return bool(self.followup_status)
