from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from herentq.constants import NoticeSeverity, TextColour
from herentq.files import MeasuredImageField, random_upload_name
from herentq.languages import language_field, translation_columns
from herentq.search import SEARCH_ENTRY_TABLE


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


class SDG(models.Model):
    """One of the 17 UN Sustainable Development Goals, loaded by a data migration."""

    number = models.PositiveSmallIntegerField(_("nummer"), primary_key=True)
    name_nl = models.CharField(_("naam (Nederlands)"), max_length=100)
    name_en = models.CharField(_("naam (Engels)"), max_length=100)
    name_fr = models.CharField(_("naam (Frans)"), max_length=120, blank=True)
    colour = models.CharField(_("officiële kleur"), max_length=7)
    text_colour = models.CharField(
        _("tekstkleur"), max_length=7, choices=TextColour.choices
    )

    class Meta:
        verbose_name = _("SDG")
        verbose_name_plural = _("SDG's")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=17), name="sdg_number_1_to_17"
            ),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9A-F]{6}$"), name="sdg_colour_hex"
            ),
            models.CheckConstraint(
                condition=Q(text_colour__in=TextColour.values),
                name="sdg_text_colour_valid",
            ),
        ]

    def __str__(self):
        return f"SDG {self.number}: {self.name}"

    def get_absolute_url(self):
        return reverse("sdg_detail", args=[self.number])

    @property
    def name(self) -> str:
        """The UN's official name in the visitor's language."""
        language = get_language() or ""
        if language.startswith("fr") and self.name_fr:
            return self.name_fr
        if language.startswith("en"):
            return self.name_en
        return self.name_nl

    @property
    def css_class(self) -> str:
        return f"sdg-{self.number}"


class LocalAuthorityQuerySet(models.QuerySet):
    def owner(self):
        return self.get(is_owner=True)


class LocalAuthority(models.Model):
    """A Belgian municipality or city; one of them runs this portal."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    province = models.CharField(_("provincie of gewest"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_owner = models.BooleanField(
        _("eigenaar van het portaal"),
        default=False,
        help_text=_("Het lokaal bestuur dat dit portaal uitbaat."),
    )

    objects = LocalAuthorityQuerySet.as_manager()

    class Meta:
        verbose_name = _("lokaal bestuur")
        verbose_name_plural = _("lokale besturen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_owner"],
                condition=Q(is_owner=True),
                name="one_owner_authority",
            )
        ]

    def __str__(self):
        return self.name


class NoticeQuerySet(models.QuerySet):
    def current(self, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)


class Notice(TimeStampedModel):
    """A time-bound message shown on every page while it is valid."""

    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"))
    severity = models.CharField(
        _("ernst"),
        max_length=10,
        choices=NoticeSeverity.choices,
        default=NoticeSeverity.INFO,
    )
    starts_at = models.DateTimeField(_("zichtbaar vanaf"))
    ends_at = models.DateTimeField(_("zichtbaar tot"))

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="notice_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(severity__in=NoticeSeverity.values),
                name="notice_severity_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def is_current(self, now=None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at


class ServiceContact(models.Model):
    """The service's address, phone and office hours (one row), shown site-wide."""

    name = models.CharField(_("naam van de dienst"), max_length=200)
    address = models.TextField(_("adres"))
    phone = models.CharField(_("telefoon"), max_length=50)
    email = models.EmailField(_("e-mail"))
    office_hours = models.TextField(_("openingsuren"))

    class Meta:
        verbose_name = _("contactgegevens van de dienst")
        verbose_name_plural = _("contactgegevens van de dienst")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="service_contact_singleton")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Page(TimeStampedModel):
    """A content page edited in the admin (about, contact, accessibility, privacy)."""

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(
        _("adres"),
        unique=True,
        help_text=_("Het deel van het webadres, bv. 'contact' voor /contact/."),
    )
    intro = models.TextField(_("inleiding"), blank=True)
    body = models.TextField(
        _("tekst"), help_text=_("Lege regel tussen alinea's; webadressen worden links.")
    )
    show_contact = models.BooleanField(
        _("toon de contactgegevens van de dienst"), default=False
    )
    is_published = models.BooleanField(_("gepubliceerd"), default=True)

    objects = PageQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=translation_columns("title", "intro", "body")
    )

    class Meta:
        verbose_name = _("pagina")
        verbose_name_plural = _("pagina's")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("page_detail", args=[self.slug])


class NewsItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, published_on__lte=timezone.localdate())


class NewsItem(TimeStampedModel):
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    published_on = models.DateField(_("datum"), default=timezone.localdate)
    summary = models.TextField(_("samenvatting"), max_length=500)
    body = models.TextField(_("tekst"))
    image = MeasuredImageField(
        _("afbeelding"),
        upload_to=random_upload_name("news"),
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    # Measured when the image is stored: pages never read the file for its size.
    image_width = models.PositiveIntegerField(
        _("breedte"), null=True, blank=True, editable=False
    )
    image_height = models.PositiveIntegerField(
        _("hoogte"), null=True, blank=True, editable=False
    )
    image_alt = models.CharField(
        _("alternatieve tekst van de afbeelding"), max_length=250, blank=True
    )
    is_published = models.BooleanField(_("gepubliceerd"), default=True)

    objects = NewsItemQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=translation_columns("title", "summary", "body", "image_alt")
    )

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="news_image_needs_alt",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news_detail", args=[self.slug])


class AuditEntry(models.Model):
    """Who did what to which object, when and why: one row per state change."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("soort object")
    )
    object_id = models.CharField(_("object-id"), max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("handeling"), max_length=100)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    reason = models.TextField(_("reden"), blank=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        # The labels live with the audit trail's functions (which import this model).
        from herentq.audit import action_label

        moment = timezone.localtime(self.created_at)
        return f"{moment:%d/%m/%Y %H:%M} {action_label(self.action)}"


class SentReminder(models.Model):
    """One reminder sent once: written in the transaction that queues its mail, so a
    periodic job that runs again (or twice at once) never sends it a second time."""

    kind = models.CharField(_("soort"), max_length=100)
    key = models.CharField(_("waarover"), max_length=100)
    recipient = models.CharField(_("aan"), max_length=254)
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "recipient"], name="sent_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.key} → {self.recipient}"


class MailPreference(models.Model):
    """Which optional mails an account holder receives, and the language the portal
    writes to them in (set at sign-up from the page's language). Mails about their
    own file (decisions, requests, invitations) always go out; without a row,
    everything optional is on and the mail takes the language of what it is about."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mail_preference",
        verbose_name=_("account"),
    )
    reminders = models.BooleanField(
        _("herinneringen"),
        default=True,
        help_text=_(
            "Herinneringen aan een verantwoording, een openstaande vraag of een "
            "verslag om na te lezen."
        ),
    )
    newsletters = models.BooleanField(
        _("nieuwsbrieven"),
        default=True,
        help_text=_("Nieuws over leertrajecten en de werking van de dienst."),
    )
    language = language_field(_("taal"))

    class Meta:
        verbose_name = _("e-mailvoorkeur")
        verbose_name_plural = _("e-mailvoorkeuren")

    def __str__(self):
        return str(self.user)


class SearchEntry(models.Model):
    """The searchable text of one item of the site-wide search (herentq.sitesearch).

    Written by PostgreSQL only: each kind's migration adds a trigger to the kind's
    table that keeps its rows' entries in step with every insert, update and delete
    (herentq.search.search_entries_sql), whichever way the row was written. Django
    reads the table and never writes it; it is not a model table for migrations
    or flushes (`managed = False`), nor for the tests' snapshots (tests/snapshot.py),
    which see the kinds' own tables.
    Whether an entry may be found is decided by its kind's selector at search time.
    """

    kind = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    # Normalised (herentq_search_text) title and whole text in every language.
    search_title = models.TextField()
    search_text = models.TextField()
    # The Dutch full-text vector, for the kinds that match by stem as well.
    search_vector = SearchVectorField(null=True)

    class Meta:
        managed = False
        db_table = SEARCH_ENTRY_TABLE

    def __str__(self):
        return f"{self.kind} {self.object_id}"
