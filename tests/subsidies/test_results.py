"""The public results page: every chart's table holds the database's figures, and
its CSV the same; the scheme page says plainly what is asked and what is left."""

import csv
import io
from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.utils import timezone

from subsidies import services
from subsidies.formatting import format_eur
from subsidies.models import Application, BudgetEnvelope
from tests.subsidies.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def granted():
    return Application.objects.granted().filter(decision_date__isnull=False)


def test_results_tables_match_the_database(client, demo_data):
    response = client.get("/subsidies/resultaten/")
    assert response.status_code == 200
    html = response.content.decode()
    for title in [
        "Toegekende subsidies per jaar",
        "Toegekende subsidies per SDG",
        "Toegekende subsidies per land",
        "Toegekende subsidies per partnerschap",
        "Budget per reglement in",
    ]:
        assert title in html, title
    assert html.count('<svg class="chart__svg"') == 5
    per_year = (
        granted()
        .values_list("decision_date__year")
        .annotate(total=Sum("approved_amount"), files=Count("id"))
    )
    assert per_year
    for year, total, _files in per_year:
        assert f'>{year}</a></th><td class="text-end">{format_eur(total)}</td>' in html
    per_sdg = granted().values_list("sdgs__number").annotate(t=Sum("approved_amount"))
    for number, total in per_sdg:
        if number:
            assert f"{format_eur(total)}</td>" in html
    year = timezone.localdate().year
    for envelope in BudgetEnvelope.objects.filter(year=year, scheme__is_published=True):
        assert format_eur(envelope.paid) in html


def test_results_csv_has_the_same_figures(client, demo_data):
    response = client.get("/subsidies/resultaten/per-jaar.csv")
    assert response.status_code == 200
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0] == ["Jaar", "Toegekend bedrag", "Dossiers"]
    expected = {
        str(year): total
        for year, total in granted()
        .values_list("decision_date__year")
        .annotate(total=Sum("approved_amount"))
    }
    assert {row[0]: Decimal(row[1].replace(",", ".")) for row in rows[1:]} == expected
    assert client.get("/subsidies/resultaten/onbekend.csv").status_code == 404


def test_scheme_page_says_when_files_in_review_ask_more_than_is_left(
    client, call, organisation, applicant, envelope
):
    BudgetEnvelope.objects.filter(pk=envelope.pk).update(budget=Decimal("7000"))
    url = call.scheme.get_absolute_url()
    html = client.get(url).content.decode()
    assert "Nog beschikbaar in" in html
    assert 'class="envelope-bar__svg"' in html

    for _ in range(3):
        draft = ApplicationFactory(
            call=call,
            organisation=organisation,
            created_by=applicant,
            requested_amount=Decimal("3000"),
            budget=Decimal("6000"),
        )
        services.application_submit(application=draft, user=applicant)
    html = client.get(url).content.decode()
    assert "Nog beschikbaar in" not in html
    assert (
        "samen <strong>€\u00a09.000</strong>, bij <strong>€\u00a07.000</strong>" in html
    )
    assert "Aangevraagd, in behandeling: €\u00a09.000" in html
    results = client.get("/subsidies/resultaten/").content.decode()
    assert (
        "de dossiers in behandeling vragen €\u00a09.000, bij €\u00a07.000 beschikbaar"
        in results
    )


def test_admin_warns_on_the_envelope_and_every_file_when_more_is_asked_than_left(
    admin_client, call, organisation, applicant, envelope
):
    BudgetEnvelope.objects.filter(pk=envelope.pk).update(budget=Decimal("5000"))
    files = []
    for _ in range(2):
        draft = ApplicationFactory(
            call=call,
            organisation=organisation,
            created_by=applicant,
            requested_amount=Decimal("3000"),
            budget=Decimal("6000"),
        )
        files.append(services.application_submit(application=draft, user=applicant))
    warning = (
        "De dossiers in behandeling vragen €\u00a06.000, bij €\u00a05.000 beschikbaar."
    )
    envelope_page = admin_client.get(
        f"/admin/subsidies/budgetenvelope/{envelope.pk}/change/"
    ).content.decode()
    assert warning in envelope_page
    assert (
        warning in admin_client.get("/admin/subsidies/budgetenvelope/").content.decode()
    )
    for application in files:
        page = admin_client.get(
            f"/admin/subsidies/application/{application.pk}/change/"
        ).content.decode()
        assert warning in page
