import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from herentq.files import private_storage, random_upload_name
from herentq.languages import language_field, translation_columns
from herentq.models import SDG, TimeStampedModel
from learning_tracks.constants import (
    ACTIVE_ENROLMENT_STATUSES,
    RESERVED_SLUGS,
    TRACK_FINISHED_STATUSES,
    EnrolmentStatus,
    ParticipantRole,
    ResourceKind,
    TrackStatus,
)
from learning_tracks.validators import validate_document


def validate_track_slug(value: str):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("Dit adres is voorbehouden voor een andere pagina; kies een ander.")
        )


def count_of(queryset: models.QuerySet, outer_field: str):
    """How many rows of `queryset` (correlated on `outer_field`), as an expression."""
    counted = (
        queryset.order_by().values(outer_field).annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(counted), 0)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def normalise_organisation(value: str) -> str:
    """The key the cap per municipality compares: case and spacing do not count."""
    return " ".join((value or "").split()).casefold()


class Theme(models.Model):
    """A theme of the newsletter; every track belongs to one (docs/domain.md)."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class TrackQuerySet(models.QuerySet):
    def with_counts(self):
        """The number of people waiting, besides the seats taken (a column).

        A subquery per track rather than a JOIN with GROUP BY: a list of tracks
        then costs an index lookup per track, not a pass over every enrolment.
        """
        waiting = Enrolment.objects.filter(
            track=OuterRef("pk"), status=EnrolmentStatus.WAITING
        )
        return self.annotate(waiting_count=count_of(waiting, "track"))

    def accepting_enrolments(self, now=None):
        now = now or timezone.now()
        return self.filter(status=TrackStatus.ENROLMENT_OPEN).filter(
            Q(enrolment_closes_at__isnull=True) | Q(enrolment_closes_at__gt=now)
        )

    def finished(self):
        return self.filter(status__in=TRACK_FINISHED_STATUSES)


class Track(TimeStampedModel):
    """One of the VVSG learning tracks 'Lokaal Mondiaal Beleid in de praktijk'.

    `seats_taken` counts the enrolments that hold a seat (confirmed or offered). It
    only changes in `services`, with this row locked, and the database refuses a
    value above `capacity`: two guarantees that a track is never overbooked.
    """

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(
        _("adres"), unique=True, validators=[validate_track_slug], max_length=80
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        related_name="tracks",
        verbose_name=_("thema"),
    )
    summary = models.TextField(_("samenvatting"))
    context = models.TextField(_("context"), blank=True)
    objectives = models.TextField(_("doelstellingen"))
    target_group = models.TextField(_("doelgroep"))
    process = models.TextField(_("verloop"))
    partner_organisation = models.CharField(
        _("partnerorganisatie"), max_length=200, blank=True
    )
    organiser = models.CharField(_("organisator"), max_length=200)
    contact_name = models.CharField(_("contactpersoon"), max_length=200)
    contact_email = models.EmailField(_("e-mail van de contactpersoon"))
    timing = models.CharField(_("timing"), max_length=200)
    status = models.CharField(
        _("fase"),
        max_length=20,
        choices=TrackStatus.choices,
        default=TrackStatus.ANNOUNCED,
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"),
        help_text=_("Nooit minder dan het aantal ingenomen plaatsen."),
    )
    seats_taken = models.PositiveIntegerField(
        _("ingenomen plaatsen"), default=0, editable=False
    )
    enrolment_opens_at = models.DateTimeField(
        _("inschrijvingen openen op"),
        null=True,
        blank=True,
        help_text=_(
            "Een aangekondigd traject opent op dit moment vanzelf; wie op de "
            "interesselijst staat, krijgt dan één bericht."
        ),
    )
    enrolment_closes_at = models.DateTimeField(
        _("inschrijvingen sluiten op"), null=True, blank=True
    )
    municipality_cap = models.PositiveSmallIntegerField(
        _("maximum per gemeente of organisatie"),
        null=True,
        blank=True,
        help_text=_(
            "Leeg: geen maximum. Anders krijgen hoogstens zoveel deelnemers van "
            "dezelfde gemeente of organisatie een plaats; wie daarboven komt, gaat "
            "naar de wachtlijst."
        ),
    )
    attendance_threshold = models.PositiveSmallIntegerField(
        _("drempel voor het attest (%)"),
        default=75,
        help_text=_(
            "Wie minstens dit deel van de sessies bijwoonde, krijgt een attest."
        ),
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("bedenktijd bij een vrijgekomen plaats (uren)"),
        default=48,
        help_text=_(
            "Zo lang blijft een plaats voorbehouden voor de eerste op de wachtlijst."
        ),
    )
    sdgs = models.ManyToManyField(
        SDG, blank=True, related_name="learning_tracks", verbose_name=_("SDG's")
    )
    completed_at = models.DateTimeField(
        _("afgerond op"), null=True, blank=True, editable=False
    )

    objects = TrackQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "seats_taken",
            "updated_at",
            *translation_columns(
                "title",
                "summary",
                "context",
                "objectives",
                "target_group",
                "process",
                "timing",
            ),
        ]
    )

    class Meta:
        verbose_name = _("leertraject")
        verbose_name_plural = _("leertrajecten")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=TrackStatus.values), name="track_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="track_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("capacity")),
                name="track_seats_taken_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(attendance_threshold__gte=1, attendance_threshold__lte=100),
                name="track_attendance_threshold_percentage",
            ),
            models.CheckConstraint(
                condition=Q(municipality_cap__isnull=True) | Q(municipality_cap__gte=1),
                name="track_municipality_cap_positive",
            ),
            models.CheckConstraint(
                condition=Q(offer_hours__gte=1), name="track_offer_hours_positive"
            ),
            models.CheckConstraint(
                condition=Q(enrolment_opens_at__isnull=True)
                | Q(enrolment_closes_at__isnull=True)
                | Q(enrolment_closes_at__gt=F("enrolment_opens_at")),
                name="track_enrolment_closes_after_opening",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("learning_tracks:detail", args=[self.slug])

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_full(self) -> bool:
        return self.seats_taken >= self.capacity

    @property
    def is_finished(self) -> bool:
        return self.status in TRACK_FINISHED_STATUSES

    @property
    def lessons_are_public(self) -> bool:
        return self.status == TrackStatus.LESSONS_PUBLISHED

    def accepts_enrolments(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != TrackStatus.ENROLMENT_OPEN:
            return False
        return self.enrolment_closes_at is None or now < self.enrolment_closes_at


class Session(models.Model):
    track = models.ForeignKey(
        Track,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("leertraject"),
    )
    topic = models.CharField(_("onderwerp"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"))
    location = models.CharField(_("plaats"), max_length=250, blank=True)
    online_url = models.URLField(_("onlinelink"), blank=True)
    is_cancelled = models.BooleanField(_("geannuleerd"), default=False)

    history = HistoricalRecords(
        excluded_fields=translation_columns("topic", "description")
    )

    class Meta:
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(location="") | ~Q(online_url=""),
                name="session_has_place_or_link",
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.topic} ({local:%d/%m/%Y %H:%M})"

    @property
    def where(self) -> str:
        return self.location or str(_("Online"))


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_ENROLMENT_STATUSES)

    def confirmed(self):
        return self.filter(status=EnrolmentStatus.CONFIRMED)

    def waiting_in_order(self):
        return self.filter(status=EnrolmentStatus.WAITING).order_by(
            "waitlisted_at", "id"
        )

    def with_waiting_position(self):
        """`waiting_position`: 1 for the first person waiting; None when not waiting."""
        ahead = (
            Enrolment.objects.filter(
                track=OuterRef("track"), status=EnrolmentStatus.WAITING
            )
            .filter(
                Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
                | Q(waitlisted_at=OuterRef("waitlisted_at"), id__lt=OuterRef("id"))
            )
            .order_by()
            .values("track")
            .annotate(n=Count("id"))
            .values("n")
        )
        return self.annotate(
            waiting_position=models.Case(
                models.When(
                    status=EnrolmentStatus.WAITING,
                    then=Coalesce(Subquery(ahead), 0) + 1,
                ),
                default=None,
                output_field=models.IntegerField(),
            )
        )

    def with_attendance(self):
        """`attended_count`, as a subquery: no GROUP BY, so that counting or
        paging a large list of enrolments does not count everyone's attendance."""
        attended = Attendance.objects.filter(enrolment=OuterRef("pk"))
        return self.annotate(attended_count=count_of(attended, "enrolment"))


class Enrolment(models.Model):
    """One person's enrolment in a track: it covers every session of the track.

    No account: the e-mail address is confirmed by a signed link, and every later
    step (cancel, accept an offer, download the certificate) is a signed link too.
    After the retention period, the personal fields are blanked (`anonymised_at`)
    while the row, its status and attendance stay for the counts.
    """

    track = models.ForeignKey(
        Track,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("leertraject"),
    )
    public_id = models.UUIDField(
        _("publieke sleutel"), default=uuid.uuid4, unique=True, editable=False
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.PENDING,
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    language = language_field(_("taal"))
    organisation = models.CharField(_("organisatie of gemeente"), max_length=200)
    organisation_key = models.CharField(
        _("organisatie (genormaliseerd)"), max_length=200, editable=False
    )
    role = models.CharField(_("rol"), max_length=20, choices=ParticipantRole.choices)
    needs = models.TextField(_("dieet- of toegankelijkheidsnoden"), blank=True)
    consented_at = models.DateTimeField(_("akkoord met de privacyverklaring op"))
    created_at = models.DateTimeField(_("ingeschreven op"), default=timezone.now)
    email_confirmed_at = models.DateTimeField(
        _("e-mailadres bevestigd op"), null=True, blank=True
    )
    waitlisted_at = models.DateTimeField(
        _("op de wachtlijst sinds"), null=True, blank=True
    )
    offer_expires_at = models.DateTimeField(
        _("aanbod geldig tot"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["track__number", "created_at", "id"]
        indexes = [
            models.Index(fields=["track", "status"]),
            models.Index(fields=["status", "offer_expires_at"]),
            # The admin's date hierarchy and newest-first views of 100 000+ rows.
            models.Index(fields=["created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EnrolmentStatus.values),
                name="enrolment_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(role__in=ParticipantRole.values),
                name="enrolment_role_valid",
            ),
            # One enrolment per person and track (as long as it is alive).
            models.UniqueConstraint(
                fields=["track", "email"],
                condition=Q(
                    status__in=ACTIVE_ENROLMENT_STATUSES, anonymised_at__isnull=True
                ),
                name="one_active_enrolment_per_email_and_track",
            ),
            models.CheckConstraint(
                condition=~Q(status=EnrolmentStatus.WAITING)
                | Q(waitlisted_at__isnull=False),
                name="enrolment_waiting_has_a_place_in_line",
            ),
            models.CheckConstraint(
                condition=~Q(status=EnrolmentStatus.OFFERED)
                | Q(offer_expires_at__isnull=False),
                name="enrolment_offer_has_a_deadline",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=True)
                | Q(name="", email="", organisation="", needs=""),
                name="enrolment_anonymised_has_no_personal_data",
            ),
        ]

    def __str__(self):
        if self.anonymised_at:
            return str(_("Geanonimiseerde deelnemer"))
        return f"{self.name} — {self.track.title}"

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        self.organisation_key = normalise_organisation(self.organisation)
        super().save(*args, **kwargs)

    @property
    def holds_seat(self) -> bool:
        return self.status in (EnrolmentStatus.CONFIRMED, EnrolmentStatus.OFFERED)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_ENROLMENT_STATUSES


class Attendance(models.Model):
    """A participant was present at a session (ticked in the admin)."""

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("sessie"),
    )
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("inschrijving"),
    )
    recorded_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geregistreerd door"),
    )

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="one_attendance_per_session"
            )
        ]

    def __str__(self):
        return f"{self.enrolment} @ {self.session}"


class SessionReminder(models.Model):
    """The reminder of one session was sent to one participant: never twice."""

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("sessie"),
    )
    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("inschrijving"),
    )
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="one_reminder_per_session"
            )
        ]

    def __str__(self):
        return f"{self.session} → {self.enrolment_id}"


class Interest(models.Model):
    """A confirmed address on the interest list of an announced track.

    Only confirmed addresses are stored (the confirmation link carries the address),
    and each gets one message when enrolment opens (`notified_at`).
    """

    track = models.ForeignKey(
        Track,
        on_delete=models.CASCADE,
        related_name="interests",
        verbose_name=_("leertraject"),
    )
    email = models.EmailField(_("e-mailadres"))
    language = language_field(_("taal"))
    created_at = models.DateTimeField(_("bevestigd op"), default=timezone.now)
    notified_at = models.DateTimeField(_("verwittigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("interesse")
        verbose_name_plural = _("interesselijst")
        ordering = ["track__number", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["track", "email"], name="one_interest_per_email_and_track"
            )
        ]

    def __str__(self):
        return f"{self.email} — {self.track.title}"


class TrackResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(
            is_published=True, track__status=TrackStatus.LESSONS_PUBLISHED
        )


class TrackResource(TimeStampedModel):
    """Lessons learned or a tool (manual, step plan, checklist): a page, a document
    or both, public once the track's lessons are published."""

    track = models.ForeignKey(
        Track,
        on_delete=models.CASCADE,
        related_name="resources",
        verbose_name=_("leertraject"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ResourceKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("adres"), max_length=80)
    summary = models.TextField(_("samenvatting"), blank=True)
    body = models.TextField(
        _("tekst"),
        blank=True,
        help_text=_("Lege regel tussen alinea's. Leeg als er enkel een document is."),
    )
    document = models.FileField(
        _("document"),
        storage=private_storage,
        upload_to=random_upload_name("learning_tracks/resources"),
        blank=True,
        validators=[validate_document],
        help_text=_("PDF, Word, Excel of OpenDocument, hoogstens 20 MB."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_published = models.BooleanField(_("gepubliceerd"), default=True)

    objects = TrackResourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("les of hulpmiddel")
        verbose_name_plural = _("lessen en hulpmiddelen")
        ordering = ["track__number", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["track", "slug"], name="resource_slug_unique_per_track"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ResourceKind.values), name="resource_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(body="") | ~Q(document=""),
                name="resource_has_text_or_document",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("learning_tracks:resource", args=[self.track.slug, self.slug])

    def get_document_url(self):
        return reverse(
            "learning_tracks:resource_document", args=[self.track.slug, self.slug]
        )


class NewsletterSubscriber(models.Model):
    """A confirmed newsletter reader and the themes they chose.

    Rows exist only after confirmation; unsubscribing deletes the row.
    """

    email = models.EmailField(_("e-mailadres"), unique=True)
    language = language_field(_("taal"))
    themes = models.ManyToManyField(
        Theme, related_name="subscribers", verbose_name=_("thema's")
    )
    public_id = models.UUIDField(
        _("publieke sleutel"), default=uuid.uuid4, unique=True, editable=False
    )
    confirmed_at = models.DateTimeField(_("bevestigd op"), default=timezone.now)

    class Meta:
        verbose_name = _("abonnee van de nieuwsbrief")
        verbose_name_plural = _("abonnees van de nieuwsbrief")
        ordering = ["email"]

    def __str__(self):
        return self.email


class Newsletter(TimeStampedModel):
    """A newsletter message for the readers of one or more themes."""

    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    themes = models.ManyToManyField(
        Theme, related_name="newsletters", verbose_name=_("thema's")
    )
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verstuurd door"),
    )
    recipient_count = models.PositiveIntegerField(_("aantal ontvangers"), default=0)

    class Meta:
        verbose_name = _("nieuwsbrief")
        verbose_name_plural = _("nieuwsbrieven")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
