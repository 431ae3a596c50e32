"""Schemes (subsidy regulations), their calls, budget envelopes and the
reference counter."""

from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from herentq.languages import translation_columns
from herentq.models import TimeStampedModel
from subsidies.constants import LegalForm
from subsidies.models.common import MONEY, ZERO


class SchemeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Scheme(TimeStampedModel):
    """A subsidy regulation (subsidiereglement) in plain language, with its limits."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("adres"), unique=True)
    summary = models.CharField(_("korte omschrijving"), max_length=300)
    description = models.TextField(
        _("wat kan gesubsidieerd worden"),
        help_text=_("Lege regel tussen alinea's."),
    )
    eligibility = models.TextField(_("wie kan aanvragen"))
    rules = models.TextField(
        _("regels in gewone taal"),
        help_text=_("Eén regel per lijn; ze worden als lijst getoond."),
    )
    eligible_legal_forms = ArrayField(
        models.CharField(max_length=20, choices=LegalForm.choices),
        verbose_name=_("toegelaten rechtsvormen"),
        blank=True,
        default=list,
        help_text=_("Leeg: elke rechtsvorm."),
    )
    max_amount = models.DecimalField(_("maximumbedrag per aanvraag"), **MONEY)
    max_share_percent = models.DecimalField(
        _("maximumaandeel in het projectbudget (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
    )
    cap_per_organisation_per_year = models.DecimalField(
        _("maximum per organisatie per jaar"),
        **MONEY,
        null=True,
        blank=True,
        help_text=_("Leeg: geen maximum per organisatie."),
    )
    eligible_countries = CountryField(
        _("landen waar het project mag plaatsvinden"),
        multiple=True,
        blank=True,
        help_text=_("Leeg: elk land."),
    )
    requires_council_advice = models.BooleanField(
        _("advies van de GROSH nodig"), default=True
    )
    advance_percent = models.DecimalField(
        _("voorschot (% van het toegekende bedrag)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("80"),
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("verantwoording binnen (dagen na het einde van het project)"), default=90
    )
    # Reminders (sent once each by `manage.py send_subsidy_reminders`).
    report_reminder_days = models.PositiveSmallIntegerField(
        _("herinnering verantwoording (dagen voor de uiterste datum)"),
        default=21,
        help_text=_("Op de uiterste datum zelf volgt nog een herinnering."),
    )
    report_overdue_days = models.PositiveSmallIntegerField(
        _("herinnering te late verantwoording (dagen na de uiterste datum)"),
        default=14,
        help_text=_("Dan horen ook de aanvrager en de dienst het."),
    )
    information_reminder_days = models.PositiveSmallIntegerField(
        _("herinnering onbeantwoorde vraag (dagen)"),
        default=7,
        help_text=_(
            "Na zoveel dagen zonder antwoord krijgt de aanvrager een herinnering; "
            "na het dubbele hoort de dienst het."
        ),
    )
    is_published = models.BooleanField(_("gepubliceerd"), default=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = SchemeQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=translation_columns(
            "name", "summary", "description", "eligibility", "rules"
        )
    )

    class Meta:
        verbose_name = _("subsidiereglement")
        verbose_name_plural = _("subsidiereglementen")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_amount__gt=0), name="scheme_max_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(max_share_percent__gt=0, max_share_percent__lte=100),
                name="scheme_max_share_0_100",
            ),
            models.CheckConstraint(
                condition=Q(advance_percent__gte=0, advance_percent__lte=100),
                name="scheme_advance_0_100",
            ),
            models.CheckConstraint(
                condition=Q(cap_per_organisation_per_year__isnull=True)
                | Q(cap_per_organisation_per_year__gt=0),
                name="scheme_cap_positive",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("subsidies:scheme_detail", args=[self.slug])

    @property
    def rule_lines(self) -> list[str]:
        return [line.strip() for line in self.rules.splitlines() if line.strip()]


class AttachmentRequirement(models.Model):
    """An attachment the scheme asks for (statutes, a quote, the partner's letter)."""

    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.CASCADE,
        related_name="attachment_requirements",
        verbose_name=_("subsidiereglement"),
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.CharField(_("toelichting"), max_length=300, blank=True)
    is_required = models.BooleanField(_("verplicht"), default=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("gevraagde bijlage")
        verbose_name_plural = _("gevraagde bijlagen")
        ordering = ["scheme", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "name"], name="attachment_requirement_unique"
            )
        ]

    def __str__(self):
        return self.name


class CallQuerySet(models.QuerySet):
    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__gt=now)


class Call(TimeStampedModel):
    """A window in which applications for a scheme can be submitted."""

    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("subsidiereglement"),
    )
    title = models.CharField(_("titel"), max_length=200)
    opens_at = models.DateTimeField(_("open vanaf"))
    closes_at = models.DateTimeField(_("sluit op"))
    year = models.PositiveSmallIntegerField(
        _("begrotingsjaar"),
        help_text=_("Het jaar van het budget waaruit deze oproep toekent."),
    )

    objects = CallQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=translation_columns("title"))

    class Meta:
        verbose_name = _("oproep")
        verbose_name_plural = _("oproepen")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="call_year_sane"
            ),
            models.UniqueConstraint(
                fields=["scheme", "title"], name="call_title_unique_per_scheme"
            ),
        ]

    def __str__(self):
        return f"{self.scheme} — {self.title}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def is_upcoming(self, now=None) -> bool:
        return (now or timezone.now()) < self.opens_at


class BudgetEnvelope(TimeStampedModel):
    """The budget of a scheme for one year.

    `committed` (approved, not yet released) and `paid` are maintained by the
    services under a row lock; the constraints are the last guard that an approval
    can never exceed the budget. `reserved` (requested amounts of files still in
    review) is computed when shown.
    """

    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.PROTECT,
        related_name="envelopes",
        verbose_name=_("subsidiereglement"),
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    budget = models.DecimalField(_("budget"), **MONEY)
    committed = models.DecimalField(
        _("vastgelegd (toegekend)"), **MONEY, default=ZERO, editable=False
    )
    paid = models.DecimalField(_("uitbetaald"), **MONEY, default=ZERO, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budgetenveloppe")
        verbose_name_plural = _("budgetenveloppes")
        ordering = ["-year", "scheme"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "year"], name="envelope_one_per_scheme_and_year"
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0), name="envelope_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(committed__gte=0, paid__gte=0),
                name="envelope_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(committed__lte=models.F("budget")),
                name="envelope_committed_within_budget",
            ),
            models.CheckConstraint(
                condition=Q(paid__lte=models.F("committed")),
                name="envelope_paid_within_committed",
            ),
        ]

    def __str__(self):
        return f"{self.scheme} {self.year}"

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.committed


class ReferenceCounter(models.Model):
    """The last reference number handed out per year (SUB-<year>-<number>)."""

    year = models.PositiveSmallIntegerField(_("jaar"), primary_key=True)
    last_number = models.PositiveIntegerField(_("laatste nummer"), default=0)

    class Meta:
        verbose_name = _("referentieteller")
        verbose_name_plural = _("referentietellers")

    def __str__(self):
        return f"{self.year}: {self.last_number}"
