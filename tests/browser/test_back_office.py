"""The back office in a real browser: a file's attachments table fits the page at
1280 px, the envelope warning on the envelope, on every file of it and on the
public scheme page, and the dashboard's tables hold the database's figures."""

from decimal import Decimal

from django.db.models import Count
from django.urls import reverse

from subsidies.models import Application, BudgetEnvelope
from tests.browser.conftest import assert_accessible, goto, log_in_to_admin

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}


def horizontal_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_attachments_table_of_a_file_fits_the_page_at_1280(page, demo_data, superuser):
    application = (
        Application.objects.annotate(n=Count("attachments")).order_by("-n").first()
    )
    assert application.n >= 2
    log_in_to_admin(page, superuser)
    page.set_viewport_size(DESKTOP)
    goto(page, reverse("admin:subsidies_application_change", args=[application.pk]))
    table = page.locator("#attachments-group table")
    assert table.locator("tbody tr.has_original, tbody tr.form-row").count() >= 2
    assert horizontal_overflow(page) <= 0
    # The table itself stays inside its box (no scrolling inside it either).
    assert page.evaluate(
        """() => {
            const table = document.querySelector('#attachments-group table');
            const box = table.parentElement.getBoundingClientRect();
            const wrapper = table.closest('fieldset, .tabular, .inline-group');
            return table.getBoundingClientRect().right <= box.right + 1
                && wrapper.scrollWidth <= wrapper.clientWidth + 1;
        }"""
    )


def over_asked_envelope():
    """This year's envelope of a published scheme whose files in review ask
    more than it has left (its budget lowered for the test)."""
    from django.utils import timezone

    from subsidies.constants import IN_REVIEW
    from subsidies.selectors import envelopes_with_reserved

    envelope = (
        envelopes_with_reserved(
            BudgetEnvelope.objects.filter(
                year=timezone.localdate().year, scheme__is_published=True
            )
        )
        .select_related("scheme")
        .filter(reserved__gt=Decimal("2000"))
        .first()
    )
    assert envelope is not None, "the demo data have files in review this year"
    available = envelope.reserved - Decimal("1000")
    BudgetEnvelope.objects.filter(pk=envelope.pk).update(
        budget=envelope.committed + available
    )
    files = Application.objects.filter(
        call__scheme=envelope.scheme, call__year=envelope.year, status__in=IN_REVIEW
    )
    return envelope, available, list(files)


def test_envelope_warning_on_the_scheme_page_the_envelope_and_every_file(
    page, demo_data, superuser
):
    from subsidies.formatting import format_eur

    envelope, available, files = over_asked_envelope()
    # Compared with the spaces made plain (the amounts hold a no-break space).
    asked = " ".join(format_eur(envelope.reserved).split())
    left = " ".join(format_eur(available).split())
    # The public scheme page says plainly how much is asked and how much is left.
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        goto(page, envelope.scheme.get_absolute_url())
        notice = page.locator(".envelope-left--short")
        assert notice.is_visible()
        text = " ".join(notice.inner_text().split())
        assert f"samen {asked}, bij {left} beschikbaar" in text, text
        assert "Nog beschikbaar in" not in page.content()
        assert_accessible(page)
    # The admin warns on the envelope and on every file of it in review.
    page.set_viewport_size(DESKTOP)
    log_in_to_admin(page, superuser)
    warning = f"De dossiers in behandeling vragen {asked}, bij {left} beschikbaar."
    goto(page, reverse("admin:subsidies_budgetenvelope_change", args=[envelope.pk]))
    shown = page.locator(".envelope-warning").first
    assert " ".join(shown.inner_text().split()).endswith(warning)
    for application in files:
        goto(
            page,
            reverse("admin:subsidies_application_change", args=[application.pk]),
        )
        shown = page.locator(".envelope-warning")
        assert shown.is_visible(), application.reference
        assert " ".join(shown.inner_text().split()).endswith(warning)


def table_rows(page, caption: str) -> list[list[str]]:
    """The rows (header cell and data cells) of the table with this caption."""
    table = page.get_by_role("table", name=caption)
    return table.locator("tbody tr").evaluate_all(
        "rows => rows.map(row => [...row.cells].map(c => c.innerText.trim()))"
    )


def test_results_and_dashboard_tables_match_the_database(page, demo_data, superuser):
    from django.db.models import Sum
    from django.db.models.functions import ExtractYear
    from django.utils import timezone
    from django_countries import countries

    from subsidies.constants import Status
    from subsidies.formatting import format_eur

    granted = Application.objects.granted().filter(decision_date__isnull=False)
    goto(page, "/subsidies/resultaten/")
    per_year = {
        str(row["year"]): [format_eur(row["total"]), str(row["files"])]
        for row in granted.annotate(year=ExtractYear("decision_date"))
        .values("year")
        .annotate(total=Sum("approved_amount"), files=Count("id"))
    }
    shown = table_rows(page, "Toegekende subsidies per jaar: de cijfers")
    assert {row[0]: row[1:] for row in shown} == per_year
    per_country = {
        str(countries.name(row["country"])): [
            format_eur(row["total"]),
            str(row["files"]),
        ]
        for row in granted.exclude(country="")
        .values("country")
        .annotate(total=Sum("approved_amount"), files=Count("id"))
    }
    shown = table_rows(page, "Toegekende subsidies per land: de cijfers")
    assert {row[0]: row[1:] for row in shown} == per_country
    year = timezone.localdate().year
    shown = {
        row[0]: row[1:]
        for row in table_rows(page, f"Budget per reglement in {year}: de cijfers")
    }
    envelopes = BudgetEnvelope.objects.filter(year=year, scheme__is_published=True)
    assert len(shown) == envelopes.count()
    for envelope in envelopes.select_related("scheme"):
        cells = shown[f"{envelope.scheme.name} ({format_eur(envelope.budget)})"]
        assert cells[:2] == [
            format_eur(envelope.paid),
            format_eur(envelope.committed - envelope.paid),
        ]

    # The admin's dashboard: files per status, at both widths, with axe.
    log_in_to_admin(page, superuser)
    per_status = {
        str(Status(row["status"]).label): [str(row["files"])]
        for row in Application.objects.exclude(status=Status.DRAFT)
        .values("status")
        .annotate(files=Count("id"))
    }
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        goto(page, "/admin/")
        shown = table_rows(page, "Dossiers per status: de cijfers")
        assert {row[0]: row[1:] for row in shown} == per_status
        assert_accessible(page, context=".dashboard-charts")
