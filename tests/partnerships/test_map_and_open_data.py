"""The map, the open data, the Atom feed and the SDG pages: published only."""

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from herentq.extensions import SECTION_SIZE
from herentq.models import SDG
from partnerships import worldmap
from partnerships.constants import AgreementKind, DatePrecision
from partnerships.models import Partnership
from partnerships.views import PartnershipMapView
from tests.factories import NewsItemFactory
from tests.partnerships.conftest import make_full_partnership
from tests.partnerships.factories import (
    ActionDomainFactory,
    AgreementFactory,
    PartnerPlaceFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def hidden(db):
    partnership = PartnershipFactory(
        title="Geheim partnerschap",
        is_published=False,
        sdgs=SDG.objects.filter(number=5),
    )
    PartnerPlaceFactory(partnership=partnership, name="Verborgen", country="NI")
    AgreementFactory(partnership=partnership)
    partnership.news_items.add(NewsItemFactory(title="Geheim nieuws"))
    return partnership


def test_projection_puts_places_where_they_belong():
    assert worldmap.project(-180, worldmap.NORTH) == (0, 0)
    assert worldmap.project(180, worldmap.SOUTH) == (worldmap.WIDTH, worldmap.HEIGHT)
    x, y = worldmap.project(Decimal("4.35"), Decimal("50.85"))  # Brussels
    assert (x, y) == (512.1, 92.1)


def test_map_has_a_linked_marker_for_each_published_place(client, nimlahakok, hidden):
    response = client.get(reverse("partnerships:map"))
    html = response.content.decode()
    assert response.status_code == 200
    markers = re.findall(
        r'<a class="partner-map__marker" href="([^"]+)" aria-label="([^"]+)"', html
    )
    assert markers == [
        (
            "/partnerschappen/herent-nimlahakok/",
            "Nimlaha&#x27;kok (Guatemala): Herent – Nimlaha&#x27;kok en Nimlasachal",
        ),
        (
            "/partnerschappen/herent-nimlahakok/",
            "Nimlasachal (Guatemala): Herent – Nimlaha&#x27;kok en Nimlasachal",
        ),
    ]
    x, y = worldmap.project(Decimal("-90.37110"), Decimal("15.47080"))
    assert f'<circle cx="{x}" cy="{y}" r="7"/>' in html  # never a decimal comma
    assert "Verborgen" not in html
    # The outline is our own static file; nothing comes from another host.
    assert '<image href="/static/partnerships/world-110m.svg"' in html
    assert "http://" not in html.split("<svg")[1].split("</svg>")[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    # The list under the map is the alternative for keyboard and screen readers.
    assert 'href="#places-title"' in html
    assert '<a href="/partnerschappen/herent-nimlahakok/">Nimlasachal</a>' in html


def test_map_follows_the_filters_and_skips_places_without_coordinates(
    client, nimlahakok
):
    other = make_full_partnership(1)
    PartnerPlaceFactory(
        partnership=other,
        name="Zonder ligging",
        country="MA",
        latitude=None,
        longitude=None,
    )
    html = client.get(reverse("partnerships:map"), {"land": "GT"}).content.decode()
    assert "2 partnerplaatsen op de kaart" in html, re.findall(
        r"<p>[^<]*partnerplaats[^<]*", html
    )
    html = client.get(reverse("partnerships:map")).content.decode()
    assert "4 partnerplaatsen op de kaart" in html
    assert "Zonder ligging" not in html


def test_map_runs_a_fixed_number_of_queries(client, count_queries):
    for index in range(2):
        make_full_partnership(index)
    few = count_queries(lambda: client.get(reverse("partnerships:map")))
    for index in range(48):
        make_full_partnership(index + 2)
    assert count_queries(lambda: client.get(reverse("partnerships:map"))) == few


def test_beyond_its_limit_the_map_shows_each_country_once_leading_to_its_own_map(
    client, nimlahakok, hidden, count_queries, monkeypatch
):
    monkeypatch.setattr(PartnershipMapView, "most_places", 2)
    make_full_partnership(1)  # a place in Morocco and one in Turkey
    html = client.get(reverse("partnerships:map")).content.decode()
    assert "4 partnerplaatsen in 3 landen." in html
    markers = re.findall(
        r'<a class="partner-map__marker partner-map__marker--country" '
        r'href="([^"]+)" aria-label="([^"]+)"',
        html,
    )
    assert markers == [
        ("?land=GT", "Guatemala: 2 partnerplaatsen"),
        ("?land=MA", "Marokko: 1 partnerplaats"),
        ("?land=TR", "Turkije: 1 partnerplaats"),
    ]
    # Guatemala's marker lies where its two places lie on average.
    x, y = worldmap.project(Decimal("-90.37110"), Decimal("15.47080"))
    assert f'<circle cx="{x}" cy="{y}" r="9"/>' in html
    assert '<li><a href="?land=GT">Guatemala</a> — 2 partnerplaatsen</li>' in html
    assert "Nimlasachal" not in html and "Verborgen" not in html
    # A country's map shows its places, the other filters kept.
    html = client.get(
        reverse("partnerships:map"), {"land": "GT", "sdg": "4"}
    ).content.decode()
    assert "2 partnerplaatsen op de kaart." in html
    assert '<a href="/partnerschappen/herent-nimlahakok/">Nimlasachal</a>' in html
    assert "partner-map__marker--country" not in html
    # However many places one country has, its map shows the first ones.
    monkeypatch.setattr(PartnershipMapView, "most_places", 1)
    html = client.get(reverse("partnerships:map"), {"land": "GT"}).content.decode()
    assert "2 partnerplaatsen op de kaart." in html
    assert "De kaart toont er de eerste 1: kies meer filters" in html
    assert len(re.findall(r'<a class="partner-map__marker"', html)) == 1
    # The page costs the same, whatever the number of places.
    few = count_queries(lambda: client.get(reverse("partnerships:map")))
    for index in range(5):
        make_full_partnership(index + 2)
    html = client.get(reverse("partnerships:map")).content.decode()
    assert "14 partnerplaatsen in 3 landen." in html
    assert count_queries(lambda: client.get(reverse("partnerships:map"))) == few


def test_static_world_map_is_drawn_and_committed():
    svg = (Path(settings.BASE_DIR) / "static" / worldmap.STATIC_PATH).read_text()
    root = ElementTree.fromstring(svg)
    assert root.get("viewBox") == worldmap.VIEW_BOX
    assert "Natural Earth" in svg
    path = root.find("{http://www.w3.org/2000/svg}path")
    assert path.get("d").count("M") > 150  # the countries, without Antarctica
    assert "href" not in svg  # it loads nothing itself


def test_build_world_map_draws_a_topojson_file(tmp_path):
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [-180, -90]},
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "id": "056"},
                    {"type": "Polygon", "arcs": [[1]], "id": "010"},
                ],
            }
        },
        # Quantized, delta-encoded: a square from (0°, 0°) to (10°, 10°) ...
        "arcs": [
            [[180, 90], [10, 0], [0, 10], [-10, 0], [0, -10]],
            # ... and "Antarctica", left out.
            [[0, 0], [360, 0], [0, 10], [-360, 0]],
        ],
    }
    source = tmp_path / "world.json"
    source.write_text(json.dumps(topology))
    output = tmp_path / "map.svg"
    call_command(
        "build_world_map", topojson=source, output=output, stdout=io.StringIO()
    )
    svg = output.read_text()
    # (0°, 0°) lies at (500, 233.3); 10° is 27.8 units; Antarctica is not drawn.
    assert worldmap.project(0, 0) == (500, 233.3)
    assert re.findall(r' d="([^"]*)"', svg) == [
        "M500 233.3l27.8 0 0 -27.7 -27.8 0 0 27.7z"
    ]


def _csv_rows(client):
    response = client.get("/partnerschappen.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.getvalue().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _agreement_csv_rows(client):
    response = client.get(reverse("partnerships:export_agreements_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def test_csv_and_json_have_a_row_per_published_partnership_and_per_agreement(
    client, nimlahakok, hidden
):
    AgreementFactory(
        partnership=nimlahakok,
        kind=AgreementKind.COOPERATION_AGREEMENT,
        signed_on="2019-05-07",
        signed_on_precision=DatePrecision.DAY,
        signed_at="Sint-Joost-ten-Node",
        domains=[
            ActionDomainFactory(name="Burgerlijke stand", slug="burgerlijke-stand")
        ],
    )
    AgreementFactory(
        partnership=nimlahakok,
        kind=AgreementKind.JUMELAGE_PROTOCOL,
        signed_on="2018-03-01",
        signed_on_precision=DatePrecision.MONTH,
    )
    without_agreement = PartnershipFactory(title="Brasschaat – Tarija")
    PartnerPlaceFactory(partnership=without_agreement, name="Tarija", country="BO")

    rows = _csv_rows(client)
    assert {row["partnership"] for row in rows} == {
        "Brasschaat – Tarija",
        nimlahakok.title,
    }
    row = next(row for row in rows if row["partnership"] == nimlahakok.title)
    assert row["local_authority"] == "Herent"
    assert row["partner_places"] == "Nimlaha'kok; Nimlasachal"
    assert row["countries"] == "GT"
    assert row["agreement_count"] == "2"
    assert row["first_signed"] == "2018-03"
    assert (
        row["agreements"]
        == "jumelageprotocol (maart 2018); samenwerkingsakkoord (7 mei 2019)"
    )
    assert row["domains"] == "Burgerlijke stand; Gendergelijkheid"
    assert row["sdgs"] == "4; 5"
    assert row["url"] == "http://testserver/partnerschappen/herent-nimlahakok/"
    tarija = next(row for row in rows if row["partnership"] == "Brasschaat – Tarija")
    assert tarija["agreement_count"] == "0"
    assert tarija["agreements"] == ""

    data = json.loads(client.get("/partnerschappen.json").getvalue())
    assert len(data) == 2
    herent = next(item for item in data if item["partnership"] == nimlahakok.title)
    assert herent["partner_places"] == ["Nimlaha'kok", "Nimlasachal"]
    assert herent["sdgs"] == [4, 5]
    assert herent["countries"] == ["GT"]
    assert [item["signed"] for item in herent["agreements"]] == [
        "2018-03",
        "2019-05-07",
    ]
    assert herent["agreements"][1]["signed_at"] == "Sint-Joost-ten-Node"
    assert "Geheim partnerschap" not in json.dumps(data)

    # The second file: a row per agreement.
    agreements = _agreement_csv_rows(client)
    assert [row["signed"] for row in agreements] == ["2018-03", "2019-05-07"]
    assert agreements[1]["agreement_kind"] == "cooperation_agreement"
    assert agreements[1]["agreement_kind_label"] == "samenwerkingsakkoord"
    assert agreements[1]["signed_as_given"] == "7 mei 2019"
    assert agreements[1]["domains"] == "Burgerlijke stand"
    data = json.loads(
        client.get(reverse("partnerships:export_agreements_json")).getvalue()
    )
    assert len(data) == 2
    assert "Geheim partnerschap" not in json.dumps(data)


def test_open_data_has_every_partnership_of_the_directory(client, demo_data):
    """No published partnership is ever missing, with or without agreement."""
    directory = set(Partnership.objects.published().values_list("title", flat=True))
    assert {row["partnership"] for row in _csv_rows(client)} == directory
    data = json.loads(client.get("/partnerschappen.json").getvalue())
    assert len(data) == len(directory)
    assert {item["partnership"] for item in data} == directory
    listed = set()
    page = 1
    while True:
        response = client.get(reverse("partnerships:list"), {"page": page})
        listed |= {p.title for p in response.context["partnerships"]}
        if not response.context["page_obj"].has_next():
            break
        page += 1
    assert listed == directory
    for title in [
        "Herent – Nimlaha'kok en Nimlasachal",
        "Brasschaat – Tarija",
        "Edegem – San Jerónimo",
    ]:
        assert title in directory


def test_exports_run_a_fixed_number_of_queries(client, count_queries):
    for index in range(2):
        make_full_partnership(index)
    agreements_json = reverse("partnerships:export_agreements_json")
    few = count_queries(lambda: client.get("/partnerschappen.csv"))
    few_agreements = count_queries(lambda: client.get(agreements_json))
    for index in range(20):
        make_full_partnership(index + 2)
    # Built again after the change, with as many queries.
    assert count_queries(lambda: client.get("/partnerschappen.csv")) == few
    assert count_queries(lambda: client.get("/partnerschappen.json")) == few
    assert count_queries(lambda: client.get(agreements_json)) == few_agreements
    assert len(_csv_rows(client)) == 22
    assert len(_agreement_csv_rows(client)) == 44


def test_dataset_description_is_json_ld(client, nimlahakok):
    response = client.get(reverse("partnerships:dataset"))
    assert response["Content-Type"].startswith("application/ld+json")
    data = json.loads(response.content)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Dataset"
    assert data["creator"]["name"] == "Herent"
    assert data["dateModified"]


def test_atom_feed_has_the_news_of_published_partnerships_only(
    client, nimlahakok, hidden
):
    nimlahakok.news_items.add(NewsItemFactory(title="Uitwisseling met Cobán"))
    NewsItemFactory(title="Ander nieuws")
    response = client.get(reverse("partnerships:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "Uitwisseling met Cobán"
    ]
    categories = [c.get("term") for c in entries[0].findall(f"{ATOM}category")]
    assert categories == ["Herent – Nimlaha'kok en Nimlasachal"]


def test_sdg_page_lists_the_published_partnerships_of_that_goal(
    client, nimlahakok, hidden
):
    html = client.get("/sdg/5/").content.decode()
    section = html[html.index(">Partnerschappen</h2>") :]
    assert 'href="/partnerschappen/herent-nimlahakok/"' in section
    assert "Geheim partnerschap" not in html
    empty = client.get("/sdg/14/").content.decode()
    assert "Er is nog geen partnerschap aan deze doelstelling gekoppeld." in empty


def test_sdg_page_lists_the_first_partnerships_and_links_to_all_of_them(client):
    goal = SDG.objects.filter(number=14)
    for index in range(SECTION_SIZE + 1):
        PartnershipFactory(title=f"Kustbeheer {index:02}", sdgs=goal)
    html = client.get("/sdg/14/").content.decode()
    section = html[html.index(">Partnerschappen</h2>") :].split("</section>")[0]
    assert section.count("Kustbeheer") == SECTION_SIZE
    assert "Kustbeheer 19" in section and "Kustbeheer 20" not in section
    assert (
        f'<a href="/partnerschappen/?sdg=14">Alle {SECTION_SIZE + 1} partnerschappen '
        "rond deze doelstelling</a>"
    ) in section
    listed = client.get("/partnerschappen/?sdg=14").content.decode()
    assert f"{SECTION_SIZE + 1} partnerschappen" in listed, re.findall(
        r"<p[^>]*>[^<]*partnerschap[^<]*", listed
    )


def test_home_page_leads_to_the_partnerships(client):
    html = client.get("/").content.decode()
    assert '<a href="/partnerschappen/">Partnerschappen</a>' in html
