"""The public results of the subsidies as charts (herentq.charts), from the selectors.

One function per chart; `charts()` gives them all in page order, `chart(key)` one
for its CSV. Amounts are what the college granted (decided files, withdrawn ones
left out), as in the public register.
"""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from herentq.charts import Bar, BarChart, Segment, StackedBar, StackedBarChart
from subsidies import selectors
from subsidies.formatting import format_eur

PAID = "#003b4a"
COMMITTED = "#2f7f93"
RESERVED = "#b58105"
LEFT = "#c8ccd0"


def _csv_url(key: str) -> str:
    return reverse("subsidies:results_csv", args=[key])


def _total_sentence(rows) -> str:
    total = sum((row["total"] for row in rows), Decimal(0))
    return format_eur(total)


def _granted_chart(key: str, *, title, summary, label_header, bars) -> BarChart:
    """The frame shared by the charts of granted amounts: euros, with the number
    of files beside each bar, and a CSV of its own."""
    return BarChart(
        key=key,
        title=title,
        summary=summary,
        label_header=label_header,
        value_header=_("Toegekend bedrag"),
        note_header=_("Dossiers"),
        bars=bars,
        formatter=format_eur,
        csv_url=_csv_url(key),
    )


def per_year() -> BarChart:
    rows = selectors.granted_per_year()
    if rows:
        best = max(rows, key=lambda row: row["total"])
        summary = _(
            "Van %(first)s tot %(last)s kende het college samen %(total)s toe; "
            "het meest in %(best_year)s: %(best)s."
        ) % {
            "first": rows[0]["year"],
            "last": rows[-1]["year"],
            "total": _total_sentence(rows),
            "best_year": best["year"],
            "best": format_eur(best["total"]),
        }
    else:
        summary = _("Het college kende nog geen subsidie toe.")
    return _granted_chart(
        "per-jaar",
        title=_("Toegekende subsidies per jaar"),
        summary=summary,
        label_header=_("Jaar"),
        bars=[
            Bar(
                label=str(row["year"]),
                value=row["total"],
                note=row["files"],
                url=reverse("subsidies:register_year", args=[row["year"]]),
            )
            for row in rows
        ],
    )


def per_sdg() -> BarChart:
    rows = selectors.granted_per_sdg()
    summary = (
        _(
            "Hoeveel er naar projecten rond elke doelstelling ging. Een project "
            "dat rond meer doelstellingen werkt, telt bij elk ervan mee."
        )
        if rows
        else _("Nog geen toegekend project is aan een doelstelling gekoppeld.")
    )
    return _granted_chart(
        "per-sdg",
        title=_("Toegekende subsidies per SDG"),
        summary=summary,
        label_header=_("Doelstelling"),
        bars=[
            Bar(
                label=f"{row['number']}. {row['name']}",
                value=row["total"],
                colour=row["colour"],
                note=row["files"],
                url=reverse("sdg_detail", args=[row["number"]]),
            )
            for row in rows
        ],
    )


def per_country() -> BarChart:
    rows = selectors.granted_per_country()
    summary = (
        ngettext(
            "De projecten liepen in %(count)d land.",
            "De projecten liepen in %(count)d landen.",
            len(rows),
        )
        % {"count": len(rows)}
        if rows
        else _("Nog geen toegekend project.")
    )
    return _granted_chart(
        "per-land",
        title=_("Toegekende subsidies per land"),
        summary=summary,
        label_header=_("Land"),
        bars=[
            Bar(
                label=str(countries.name(row["country"])),
                value=row["total"],
                note=row["files"],
            )
            for row in rows
        ],
    )


def per_partnership() -> BarChart:
    rows = selectors.granted_per_partnership()
    summary = (
        _("Projecten binnen een partnerschap van de gemeente: samen %(total)s.")
        % {"total": _total_sentence(rows)}
        if rows
        else _("Nog geen toegekend project hoort bij een partnerschap.")
    )
    return _granted_chart(
        "per-partnerschap",
        title=_("Toegekende subsidies per partnerschap"),
        summary=summary,
        label_header=_("Partnerschap"),
        bars=[
            Bar(
                label=row["name"],
                value=row["total"],
                note=row["files"],
                url=reverse("partnerships:detail", args=[row["slug"]]),
            )
            for row in rows
        ],
    )


def shortfall_warning(envelope) -> str:
    """When the files in review ask more than the envelope has left, in words with
    both amounts (the public results, the admin's envelope and every file of it);
    otherwise ""."""
    available = envelope.budget - envelope.committed
    if getattr(envelope, "reserved", None) is None or envelope.reserved <= available:
        return ""
    return _(
        "de dossiers in behandeling vragen %(asked)s, bij %(available)s beschikbaar."
    ) % {"asked": format_eur(envelope.reserved), "available": format_eur(available)}


def envelope_bar(envelope, *, url: str = "") -> StackedBar:
    """An envelope split in paid, committed (not yet paid), asked by files in
    review, and what is left; when the files in review ask more than is left,
    its warning says so with both amounts."""
    available = envelope.budget - envelope.committed
    left = max(available - envelope.reserved, Decimal(0))
    shortfall = shortfall_warning(envelope)
    warning = f"{envelope.scheme.name}: {shortfall}" if shortfall else ""
    return StackedBar(
        label=f"{envelope.scheme.name} ({format_eur(envelope.budget)})",
        url=url or envelope.scheme.get_absolute_url(),
        warning=warning,
        segments=[
            Segment(_("Uitbetaald"), envelope.paid, PAID),
            Segment(
                _("Toegekend, nog uit te betalen"),
                envelope.committed - envelope.paid,
                COMMITTED,
            ),
            Segment(_("Aangevraagd, in behandeling"), envelope.reserved, RESERVED),
            Segment(_("Nog vrij"), left, LEFT),
        ],
    )


def envelopes(
    *, year: int | None = None, chart_envelopes=None, in_admin: bool = False
) -> StackedBarChart:
    year = year or timezone.localdate().year
    rows = (
        chart_envelopes
        if chart_envelopes is not None
        else selectors.envelopes_of_year(year=year)
    )
    bars = [
        envelope_bar(
            envelope,
            # In the admin: the files that fill the envelope.
            url=(
                f"{reverse('admin:subsidies_application_changelist')}"
                f"?call__scheme__id__exact={envelope.scheme_id}&year={envelope.year}"
            )
            if in_admin
            else "",
        )
        for envelope in rows
    ]
    summary = (
        _(
            "Het budget van elk reglement in %(year)s: wat uitbetaald is, wat "
            "toegekend is en nog uitbetaald wordt, wat dossiers in behandeling "
            "vragen en wat nog vrij is."
        )
        % {"year": year}
        if bars
        else _("Het budget voor %(year)s is nog niet vastgelegd.") % {"year": year}
    )
    legend = bars[0].segments if bars else []
    return StackedBarChart(
        key="budget",
        title=_("Budget per reglement in %(year)s") % {"year": year},
        summary=summary,
        label_header=_("Reglement (budget)"),
        bars=bars,
        legend=legend,
        formatter=format_eur,
        csv_url=_csv_url("budget"),
    )


CHARTS = {
    "per-jaar": per_year,
    "per-sdg": per_sdg,
    "per-land": per_country,
    "per-partnerschap": per_partnership,
    "budget": envelopes,
}


def charts() -> list:
    return [build() for build in CHARTS.values()]
