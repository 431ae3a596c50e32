"""Money paid to or reclaimed from an organisation for an application."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from subsidies.constants import PaymentKind
from subsidies.models.applications import Application
from subsidies.models.common import MONEY, ZERO


class Payment(models.Model):
    """Money paid to (advance, balance) or reclaimed from the organisation."""

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("aanvraag"),
    )
    kind = models.CharField(_("soort"), max_length=10, choices=PaymentKind.choices)
    amount = models.DecimalField(_("bedrag"), **MONEY)
    paid_on = models.DateField(_("datum"))
    note = models.CharField(_("kenmerk of opmerking"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("geregistreerd door"),
    )
    recorded_at = models.DateTimeField(_("geregistreerd op"), default=timezone.now)

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=PaymentKind.values), name="payment_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="payment_amount_positive"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount}"

    @property
    def signed_amount(self) -> Decimal:
        return -self.amount if self.kind == PaymentKind.RECLAIM else self.amount


def paid_total_for(application_ids) -> dict[int, Decimal]:
    """Net paid per application (advances + balances − reclaims), in one query."""
    rows = (
        Payment.objects.filter(application_id__in=application_ids)
        .values("application_id", "kind")
        .annotate(total=Sum("amount"))
    )
    totals: dict[int, Decimal] = {}
    for row in rows:
        sign = -1 if row["kind"] == PaymentKind.RECLAIM else 1
        totals[row["application_id"]] = (
            totals.get(row["application_id"], ZERO) + sign * row["total"]
        )
    return totals
