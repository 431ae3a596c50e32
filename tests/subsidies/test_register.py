"""The public register of granted subsidies, and granted projects on SDG pages."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from subsidies.views.public import RegisterView
from tests.subsidies.factories import ApplicationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def granted(call, number, *, year=2026, amount="2000", status="advance_paid", **kwargs):
    application = ApplicationFactory(
        call=call,
        organisation=kwargs.pop("organisation", None) or OrganisationFactory(),
        status=status,
        reference=f"SUB-{year}-{number:04d}",
        submitted_at=timezone.now(),
        decision="approved",
        approved_amount=Decimal(amount),
        committed_amount=Decimal(amount),
        decision_date=dt.date(year, 5, 11),
        **kwargs,
    )
    return application


def test_register_lists_granted_subsidies_of_the_year_only(client, call):
    radio = granted(call, 1, title="Radio Nimlaha'kok", amount="4000", sdgs=[4, 5])
    granted(call, 2, year=2025, title="Studio vorig jaar")
    ApplicationFactory(
        call=call,
        status="screening",
        reference="SUB-2026-0003",
        submitted_at=timezone.now(),
        title="Nog in behandeling",
    )
    ApplicationFactory(
        call=call,
        status="refused",
        reference="SUB-2026-0004",
        submitted_at=timezone.now(),
        decision="refused",
        decision_date=dt.date(2026, 5, 11),
        title="Geweigerd project",
    )
    html = client.get(reverse("subsidies:register_year", args=[2026])).content.decode()
    assert "Radio Nimlaha&#x27;kok" in html
    assert radio.organisation.name in html
    assert "Guatemala" in html
    assert "€\u00a04.000" in html
    assert "Gendergelijkheid" in html
    assert "Studio vorig jaar" not in html
    assert "Nog in behandeling" not in html
    assert "Geweigerd project" not in html
    assert 'href="/subsidies/register/2025/"' in html


def test_register_csv_download(client, call):
    granted(call, 1, title="Radio", amount="4000.50", sdgs=[4, 5])
    response = client.get(reverse("subsidies:register_csv", args=[2026]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][:3] == ["Referentie", "Organisatie", "Project"]
    assert rows[1][0] == "SUB-2026-0001"
    assert rows[1][3:7] == ["Guatemala", "4, 5", call.scheme.name, "11/05/2026"]
    assert rows[1][-1] == "4000,50"
    # In French: the labels, the country and the scheme's name.
    call.scheme.name_fr = "Subside de projet"
    call.scheme.save()
    french = client.get("/fr" + reverse("subsidies:register_csv", args=[2026]))
    row = french.content.decode("utf-8-sig").splitlines()[1].split(";")
    assert row[3:6] == ["Guatémala", "4, 5", "Subside de projet"]
    assert french.content.decode("utf-8-sig").startswith("Référence;")


def test_register_csv_reads_its_rows_in_a_fixed_number_of_queries(
    client, call, django_assert_max_num_queries
):
    granted(call, 1, sdgs=[1])
    url = reverse("subsidies:register_csv", args=[2026])
    with django_assert_max_num_queries(4) as few:
        client.get(url)
    for n in range(10):
        granted(call, n + 10, sdgs=[n + 1, 17])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.content.decode("utf-8-sig").splitlines()) == 12
    assert ";10, 17;" in response.content.decode()


def test_register_has_a_fixed_number_of_queries(
    client, call, django_assert_max_num_queries
):
    for n in range(2):
        granted(call, n + 1)
    url = reverse("subsidies:register_year", args=[2026])
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(10):
        granted(call, n + 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("<tr id=") == 12


def test_granted_projects_appear_on_their_sdg_page(
    client, call, django_assert_max_num_queries
):
    granted(call, 1, title="Schoolmoestuinen", sdgs=[2, 4])
    granted(call, 2, title="Waterputten", sdgs=[6])
    ApplicationFactory(
        call=call,
        status="screening",
        reference="SUB-2026-0003",
        submitted_at=timezone.now(),
        title="Nog niet beslist",
        sdgs=[2],
    )
    html = client.get(reverse("sdg_detail", args=[2])).content.decode()
    assert "Gesubsidieerde projecten" in html
    assert "Schoolmoestuinen" in html
    assert "/subsidies/register/2026/#sub-2026-0001" in html
    assert "Waterputten" not in html and "Nog niet beslist" not in html
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("sdg_detail", args=[6]))
    for n in range(5):
        granted(call, n + 20, sdgs=[6])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("sdg_detail", args=[6]))


def test_home_page_points_to_the_subsidies(client):
    html = client.get("/").content.decode()
    assert reverse("subsidies:index") in html


def test_register_pages_its_rows_with_queries_that_do_not_grow(
    client, call, django_assert_max_num_queries, monkeypatch
):
    # 50 rows a page in production; 5 here keeps the test cheap.
    monkeypatch.setattr(RegisterView, "paginate_by", 5)
    url = reverse("subsidies:register_year", args=[2026])
    granted(call, 1)
    granted(call, 2, year=2024)
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    for number in range(3, 10):
        granted(call, number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert "8 subsidies" in html  # the year's count and total, not the page's
    assert html.count("<tr id=") == 5
    assert "Pagina 1 van 2" in html
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count("<tr id=") == 3
    # The years newest first; the year between them without a grant is not one.
    years = re.findall(r"/subsidies/register/(\d{4})/\"", html)
    assert "2025" not in years
    assert years.index("2026") < years.index("2024")
