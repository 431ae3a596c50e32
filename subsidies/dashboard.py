"""The subsidies' charts on the admin's index: files per status, the median
turnaround this year, and each envelope's burn-down, every bar linking to the
changelist it summarises."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from herentq.charts import Bar, BarChart
from subsidies import results, selectors
from subsidies.constants import Status


def files_per_status() -> BarChart:
    changelist = reverse("admin:subsidies_application_changelist")
    order = list(Status.values)  # the workflow's order, not the alphabet's
    rows = sorted(selectors.files_per_status(), key=lambda r: order.index(r["status"]))
    year = timezone.localdate().year
    median = selectors.median_days_to_decision(year=year)
    summary = ngettext(
        "%(count)d ingediend dossier.",
        "%(count)d ingediende dossiers.",
        sum(row["files"] for row in rows),
    ) % {"count": sum(row["files"] for row in rows)}
    if median is not None:
        summary += " " + _(
            "Van indiening tot beslissing duurde het in %(year)s mediaan %(days)s dagen."
        ) % {"year": year, "days": median.days}
    return BarChart(
        key="dossiers-per-status",
        title=_("Dossiers per status"),
        summary=summary,
        label_header=_("Status"),
        value_header=_("Dossiers"),
        bars=[
            Bar(
                label=str(Status(row["status"]).label),
                value=row["files"],
                url=f"{changelist}?status__exact={row['status']}",
            )
            for row in rows
        ],
    )


def turnaround() -> BarChart:
    """The median days from submission to the decision and to the first payment,
    of the files decided (paid) this year."""
    changelist = reverse("admin:subsidies_application_changelist")
    year = timezone.localdate().year
    medians = [
        (
            _("Van indiening tot beslissing"),
            selectors.median_days_to_decision(year=year),
            f"{changelist}?beslist={year}",
        ),
        (
            _("Van indiening tot eerste betaling"),
            selectors.median_days_to_payment(year=year),
            f"{changelist}?eerste_betaling={year}",
        ),
    ]
    known = [(label, median.days) for label, median, _url in medians if median]
    summary = (
        " ".join(
            _("%(step)s: mediaan %(days)s dagen.") % {"step": label, "days": days}
            for label, days in known
        )
        if known
        else _("In %(year)s is nog geen dossier beslist of betaald.") % {"year": year}
    )
    return BarChart(
        key="doorlooptijd",
        title=_("Doorlooptijd in %(year)s") % {"year": year},
        summary=summary,
        label_header=_("Stap"),
        value_header=_("Mediaan (dagen)"),
        bars=[
            Bar(label=str(label), value=median.days if median else 0, url=url)
            for label, median, url in medians
        ],
    )


def for_user(user) -> list:
    charts = []
    if user.has_perm("subsidies.view_application"):
        charts.append(files_per_status())
        charts.append(turnaround())
    if user.has_perm("subsidies.view_budgetenvelope"):
        charts.append(results.envelopes(in_admin=True))
    return charts
