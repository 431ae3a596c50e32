"""Applications (subsidy files) and what belongs to them: budget lines,
messages, attachments and information requests."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from herentq.files import private_storage, random_upload_name
from herentq.languages import language_field
from herentq.models import SDG, TimeStampedModel
from subsidies.constants import (
    APPLICANT_STATUS_LABELS,
    EDITABLE,
    REPORT_EDITABLE,
    STATUS_TONES,
    WITHDRAWABLE,
    AttachmentPurpose,
    Decision,
    LineKind,
    Status,
    Step,
)
from subsidies.integrations import AdviceOutcome
from subsidies.models.common import MONEY, ZERO
from subsidies.models.organisations import Organisation
from subsidies.models.schemes import AttachmentRequirement, Call, Scheme

# What the public register lists: granted, decided files (its partial indexes).
IN_REGISTER = Q(decision=Decision.APPROVED, decision_date__isnull=False) & ~Q(
    status=Status.WITHDRAWN
)


class ApplicationQuerySet(models.QuerySet):
    def for_user(self, user):
        """Files of the organisations the user is a member of; nothing else."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation__memberships__user=user)

    def granted(self):
        return self.filter(decision=Decision.APPROVED).exclude(status=Status.WITHDRAWN)

    def in_register(self):
        """Granted and decided: the rows of the public register."""
        return self.filter(IN_REGISTER)

    def in_review(self):
        from subsidies.constants import IN_REVIEW

        return self.filter(status__in=IN_REVIEW)

    def with_related(self):
        return self.select_related("call__scheme", "organisation")


class Application(TimeStampedModel):
    """One subsidy file, from draft to final report."""

    reference = models.CharField(
        _("referentie"),
        max_length=20,
        blank=True,
        help_text=_("Toegekend bij het indienen, bv. SUB-2026-0042."),
    )
    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("oproep"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("organisatie"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # The language the applicant fills the file in: kept as written, never
    # translated; the applicant's mails and receipt are in it.
    language = language_field(_("taal van de aanvraag"))

    # Step "organisatie": who the service talks to about this file.
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact_phone = models.CharField(_("telefoon"), max_length=50, blank=True)

    # Step "project".
    title = models.CharField(_("titel van het project"), max_length=200, blank=True)
    summary = models.CharField(
        _("korte samenvatting"),
        max_length=500,
        blank=True,
        help_text=_("Eén of twee zinnen; verschijnt in het subsidieregister."),
    )
    description = models.TextField(_("beschrijving"), blank=True)
    objectives = models.TextField(_("doelstellingen"), blank=True)
    target_group = models.TextField(_("doelgroep"), blank=True)
    start_date = models.DateField(_("begindatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)

    # Step "partner en land".
    partner_name = models.CharField(_("partnerorganisatie"), max_length=200, blank=True)
    partner_description = models.TextField(_("over de partnerorganisatie"), blank=True)
    country = CountryField(_("land van het project"), blank=True)
    region = models.CharField(_("regio of plaats"), max_length=200, blank=True)
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subsidy_applications",
        verbose_name=_("partnerschap"),
        help_text=_("Het partnerschap van een gemeente waar het project bij hoort."),
    )

    # Step "SDG's".
    sdgs = models.ManyToManyField(
        SDG, blank=True, related_name="subsidy_applications", verbose_name=_("SDG's")
    )
    sdg_explanation = models.TextField(_("bijdrage aan de SDG's"), blank=True)

    # Step "begroting".
    requested_amount = models.DecimalField(
        _("gevraagd bedrag"), **MONEY, null=True, blank=True
    )

    # Step "verklaringen".
    declares_truthful = models.BooleanField(
        _("verklaart dat de gegevens juist en volledig zijn"), default=False
    )
    declares_no_double_funding = models.BooleanField(
        _("verklaart geen dubbele subsidie voor dezelfde kosten te vragen"),
        default=False,
    )
    has_conflict_of_interest = models.BooleanField(
        _("belangenconflict"),
        null=True,
        blank=True,
        help_text=_(
            "Is een bestuurslid of medewerker van de organisatie lid van de GROSH, "
            "van de gemeenteraad, van het college of personeel van de gemeente?"
        ),
    )
    conflict_of_interest_details = models.TextField(
        _("toelichting bij het belangenconflict"), blank=True
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verklaard door"),
    )
    declared_at = models.DateTimeField(_("verklaard op"), null=True, blank=True)

    # Steps reopened by an information request (empty: all while a draft).
    reopened_steps = ArrayField(
        models.CharField(max_length=20, choices=Step.choices),
        verbose_name=_("heropende stappen"),
        blank=True,
        default=list,
    )

    # The GROSH's advice.
    advice_outcome = models.CharField(
        _("advies van de GROSH"),
        max_length=20,
        choices=AdviceOutcome.choices,
        blank=True,
    )
    advice_motivation = models.TextField(_("motivering van het advies"), blank=True)
    advice_date = models.DateField(_("datum van het advies"), null=True, blank=True)
    proposed_amount = models.DecimalField(
        _("voorgesteld bedrag"), **MONEY, null=True, blank=True
    )

    # The college's decision.
    decision = models.CharField(
        _("beslissing van het college"),
        max_length=20,
        choices=Decision.choices,
        blank=True,
    )
    approved_amount = models.DecimalField(
        _("toegekend bedrag"), **MONEY, null=True, blank=True
    )
    decision_date = models.DateField(
        _("datum van de beslissing"), null=True, blank=True
    )
    decision_reference = models.CharField(
        _("referentie van de beslissing"), max_length=100, blank=True
    )
    committed_amount = models.DecimalField(
        _("vastgelegd op de enveloppe"),
        **MONEY,
        default=ZERO,
        help_text=_(
            "Het deel van de enveloppe dat dit dossier vastlegt: het toegekende "
            "bedrag, na afsluiting of terugvordering het netto uitbetaalde bedrag."
        ),
    )

    # The final report (verantwoording).
    report_due_on = models.DateField(
        _("verantwoording uiterlijk op"), null=True, blank=True
    )
    report_narrative = models.TextField(_("inhoudelijk verslag"), blank=True)
    report_submitted_at = models.DateTimeField(
        _("verantwoording ingediend op"), null=True, blank=True
    )

    # Moments.
    anonymised_at = models.DateTimeField(
        _("persoonsgegevens gewist op"), null=True, blank=True, editable=False
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[sdgs])

    class Meta:
        verbose_name = _("subsidieaanvraag")
        verbose_name_plural = _("subsidieaanvragen")
        ordering = ["-submitted_at", "-created_at"]
        indexes = [
            models.Index(fields=["status"]),
            # The site-wide search of the register reads stored columns, indexed
            # for its published rows only (migration 0011).
            # The admin's order (the model's, made total with the pk) and the
            # years of its filter on the submission.
            models.Index(
                fields=["-submitted_at", "-created_at", "-id"],
                name="application_submitted_order",
            ),
            models.Index(fields=["country"], name="application_country"),
            # The public register: granted files by decision date (its years,
            # its pages and their count read this index only).
            models.Index(
                fields=["decision_date"],
                name="application_register",
                condition=IN_REGISTER,
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="application_status_valid"
            ),
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="application_reference_unique",
            ),
            models.CheckConstraint(
                condition=Q(reference="")
                | Q(reference__regex=r"^SUB-[0-9]{4}-[0-9]{4,}$"),
                name="application_reference_format",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT)
                | (~Q(reference="") & Q(submitted_at__isnull=False)),
                name="application_submitted_has_reference",
            ),
            models.CheckConstraint(
                condition=Q(requested_amount__isnull=True) | Q(requested_amount__gte=0),
                name="application_requested_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="application_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(decision__in=["", *Decision.values]),
                name="application_decision_valid",
            ),
            models.CheckConstraint(
                condition=Q(advice_outcome__in=["", *AdviceOutcome.values]),
                name="application_advice_valid",
            ),
            models.CheckConstraint(
                condition=(
                    Q(decision=Decision.APPROVED, approved_amount__gt=0)
                    | (~Q(decision=Decision.APPROVED) & Q(approved_amount__isnull=True))
                ),
                name="application_approved_amount_with_approval",
            ),
            models.CheckConstraint(
                condition=Q(committed_amount__gte=0)
                & (
                    Q(approved_amount__isnull=True, committed_amount=0)
                    | Q(committed_amount__lte=models.F("approved_amount"))
                ),
                name="application_committed_within_approved",
            ),
        ]

    def __str__(self):
        return f"{self.reference or _('concept')} — {self.title or _('(zonder titel)')}"

    def get_absolute_url(self):
        return reverse("subsidies:application_detail", args=[self.pk])

    def get_council_member_url(self):
        return reverse("subsidies:council_application", args=[self.reference])

    @property
    def scheme(self) -> Scheme:
        return self.call.scheme

    @property
    def year(self) -> int:
        return self.call.year

    @property
    def applicant_status(self) -> str:
        return APPLICANT_STATUS_LABELS[Status(self.status)]

    @property
    def status_tone(self) -> str:
        return STATUS_TONES[Status(self.status)]

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_withdrawable(self) -> bool:
        return self.status in WITHDRAWABLE

    @property
    def is_report_editable(self) -> bool:
        return self.status in REPORT_EDITABLE

    def editable_steps(self) -> list[str]:
        """The steps the applicant may change now."""
        if self.status == Status.DRAFT:
            return list(Step.values)
        if self.status == Status.INFO_REQUESTED:
            return [step for step in Step.values if step in self.reopened_steps]
        return []

    def is_step_editable(self, step: str) -> bool:
        return self.status in EDITABLE and step in self.editable_steps()

    def budget_totals(self) -> dict:
        """Planned (and actual) totals of income and expenses, from the lines.

        Uses the prefetched lines when present so lists stay at a fixed number of
        queries.
        """
        lines = list(self.budget_lines.all())
        income = sum((line.amount for line in lines if line.is_income), ZERO)
        expenses = sum((line.amount for line in lines if not line.is_income), ZERO)
        actual_income = sum(
            (line.actual_amount or ZERO for line in lines if line.is_income), ZERO
        )
        actual_expenses = sum(
            (line.actual_amount or ZERO for line in lines if not line.is_income), ZERO
        )
        requested = self.requested_amount or ZERO
        return {
            "income": income,
            "expenses": expenses,
            "income_with_subsidy": income + requested,
            "difference": income + requested - expenses,
            "actual_income": actual_income,
            "actual_expenses": actual_expenses,
        }

    def paid_total(self) -> Decimal:
        total = ZERO
        for payment in self.payments.all():
            total += payment.signed_amount
        return total


class BudgetLine(models.Model):
    """A line of the project budget; the final report adds the actual amount."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("aanvraag"),
    )
    kind = models.CharField(_("soort"), max_length=10, choices=LineKind.choices)
    description = models.CharField(_("omschrijving"), max_length=200)
    amount = models.DecimalField(_("begroot bedrag"), **MONEY)
    actual_amount = models.DecimalField(
        _("werkelijk bedrag"), **MONEY, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("begrotingslijn")
        verbose_name_plural = _("begrotingslijnen")
        ordering = ["application", "kind", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=LineKind.values), name="budget_line_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="budget_line_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(actual_amount__isnull=True) | Q(actual_amount__gte=0),
                name="budget_line_actual_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description}"

    @property
    def is_income(self) -> bool:
        return self.kind == LineKind.INCOME


class Message(models.Model):
    """A message in the file's thread between the applicant and the service."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("aanvraag"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    from_service = models.BooleanField(_("van de dienst"), default=False)
    body = models.TextField(_("bericht"))
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.body[:40]}"


class Attachment(models.Model):
    """A file added to an application, its final report or a message. Private."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("aanvraag"),
    )
    purpose = models.CharField(
        _("waarvoor"),
        max_length=20,
        choices=AttachmentPurpose.choices,
        default=AttachmentPurpose.APPLICATION,
    )
    requirement = models.ForeignKey(
        AttachmentRequirement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gevraagde bijlage"),
    )
    message = models.ForeignKey(
        Message,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("bericht"),
    )
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    file = models.FileField(
        _("bestand"),
        storage=private_storage,
        upload_to=random_upload_name("subsidies/attachments"),
        max_length=200,
    )
    original_name = models.CharField(_("oorspronkelijke naam"), max_length=200)
    content_type = models.CharField(_("bestandstype"), max_length=120)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("opgeladen door"),
    )
    uploaded_at = models.DateTimeField(_("opgeladen op"), default=timezone.now)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose__in=AttachmentPurpose.values),
                name="attachment_purpose_valid",
            ),
            models.CheckConstraint(
                condition=Q(message__isnull=True) | Q(purpose="message"),
                name="attachment_message_purpose",
            ),
        ]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse(
            "subsidies:attachment_download", args=[self.application_id, self.pk]
        )

    @property
    def size_display(self) -> str:
        if self.size < 1024 * 1024:
            return f"{max(1, round(self.size / 1024))} kB"
        return f"{self.size / 1024 / 1024:.1f} MB".replace(".", ",")


class InformationRequest(models.Model):
    """The service asks for more information and reopens only some steps."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="information_requests",
        verbose_name=_("aanvraag"),
    )
    question = models.TextField(_("vraag"))
    steps = ArrayField(
        models.CharField(max_length=20, choices=Step.choices),
        verbose_name=_("heropende stappen"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gevraagd door"),
    )
    requested_at = models.DateTimeField(_("gevraagd op"), default=timezone.now)
    answer = models.TextField(_("antwoord"), blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vraag om informatie")
        verbose_name_plural = _("vragen om informatie")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(steps__len__gt=0), name="information_request_has_steps"
            )
        ]

    def __str__(self):
        return f"{self.requested_at:%Y-%m-%d}: {self.question[:40]}"

    def get_steps_display(self) -> list[str]:
        return [str(Step(step).label) for step in self.steps]
