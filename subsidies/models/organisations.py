"""Organisations that apply for subsidies, their members and invitations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from herentq.models import TimeStampedModel
from subsidies.constants import LEGAL_FORMS_WITHOUT_ENTERPRISE_NUMBER, LegalForm
from subsidies.validators import (
    format_enterprise_number,
    format_iban,
    validate_enterprise_number,
    validate_iban,
)


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Organisation(TimeStampedModel):
    """An association that applies for subsidies; its members share its files."""

    name = models.CharField(_("naam"), max_length=200)
    legal_form = models.CharField(
        _("rechtsvorm"), max_length=20, choices=LegalForm.choices
    )
    enterprise_number = models.CharField(
        _("ondernemingsnummer"),
        max_length=10,
        blank=True,
        validators=[validate_enterprise_number],
        help_text=_(
            "Het nummer in de Kruispuntbank van Ondernemingen, bv. 0403.170.701. "
            "Een feitelijke vereniging heeft er geen."
        ),
    )
    street = models.CharField(_("straat en nummer"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("gemeente"), max_length=100)
    country = CountryField(_("land"), default="BE")
    iban = models.CharField(
        _("rekeningnummer (IBAN)"),
        max_length=34,
        validators=[validate_iban],
        help_text=_("Het rekeningnummer waarop de subsidie gestort wordt."),
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=200)
    contact_email = models.EmailField(_("e-mailadres van de contactpersoon"))
    contact_phone = models.CharField(
        _("telefoon van de contactpersoon"), max_length=50, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="subsidy_organisations",
        verbose_name=_("leden"),
    )

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(legal_form__in=LegalForm.values),
                name="organisation_legal_form_valid",
            ),
            models.CheckConstraint(
                condition=Q(enterprise_number="")
                | Q(enterprise_number__regex=r"^[01][0-9]{9}$"),
                name="organisation_enterprise_number_format",
            ),
            models.CheckConstraint(
                condition=Q(legal_form__in=list(LEGAL_FORMS_WITHOUT_ENTERPRISE_NUMBER))
                | ~Q(enterprise_number=""),
                name="organisation_enterprise_number_required",
            ),
            models.UniqueConstraint(
                fields=["enterprise_number"],
                condition=~Q(enterprise_number=""),
                name="organisation_enterprise_number_unique",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("subsidies:organisation_detail", args=[self.pk])

    @property
    def enterprise_number_display(self) -> str:
        return format_enterprise_number(self.enterprise_number)

    @property
    def iban_display(self) -> str:
        return format_iban(self.iban)


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisatie"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subsidy_memberships",
        verbose_name=_("gebruiker"),
    )
    joined_at = models.DateTimeField(_("lid sinds"), default=timezone.now)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["organisation", "joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="membership_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation}"


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        now = now or timezone.now()
        return self.filter(accepted_at__isnull=True, expires_at__gt=now)


class Invitation(models.Model):
    """A member invites a colleague by e-mail; the link is valid for two weeks."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisatie"),
    )
    email = models.EmailField(_("e-mailadres"))
    token = models.CharField(_("sleutel"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    expires_at = models.DateTimeField(_("geldig tot"))
    accepted_at = models.DateTimeField(_("aanvaard op"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aanvaard door"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="invitation_expires_after_creation",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def get_absolute_url(self):
        return reverse("subsidies:invitation_accept", args=[self.token])
