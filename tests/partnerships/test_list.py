"""The public list: filters, Dutch search, pagination, count, fixed queries."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from herentq.models import SDG, LocalAuthority
from partnerships.constants import AgreementKind, PartnershipStatus
from partnerships.models import Partnership
from tests.factories import LocalAuthorityFactory
from tests.partnerships.conftest import make_full_partnership
from tests.partnerships.factories import (
    ActionDomainFactory,
    AgreementFactory,
    PartnerPlaceFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("partnerships:list")


def titles(response) -> list[str]:
    return [p.title for p in response.context["partnerships"]]


def count_heading(response) -> str:
    html = response.content.decode()
    return re.search(r'<h2 id="results-title"[^>]*>([^<]*)</h2>', html).group(1)


@pytest.fixture
def sint_joost_partnerships(db):
    sint_joost = LocalAuthorityFactory(name="Sint-Joost-ten-Node", slug="sint-joost")
    tanger = PartnershipFactory(
        local_authority=sint_joost,
        title="Sint-Joost-ten-Node – Tanger",
        summary="Jumelage met de stad Tanger sinds 2014.",
        sdgs=SDG.objects.filter(number__in=[3, 11]),
    )
    PartnerPlaceFactory(partnership=tanger, name="Tanger", country="MA")
    AgreementFactory(
        partnership=tanger,
        kind=AgreementKind.JUMELAGE,
        domains=[ActionDomainFactory(name="Mobiliteit", slug="mobiliteit")],
    )
    kardzjali = PartnershipFactory(
        local_authority=sint_joost,
        title="Sint-Joost-ten-Node – Kardzjali",
        summary="Samenwerking inzake burgerlijke stand.",
        status=PartnershipStatus.ENDED,
        sdgs=SDG.objects.filter(number__in=[16]),
    )
    PartnerPlaceFactory(partnership=kardzjali, name="Kardzjali", country="BG")
    AgreementFactory(partnership=kardzjali, kind=AgreementKind.COOPERATION_AGREEMENT)
    return tanger, kardzjali


def test_list_shows_published_partnerships_with_places_and_count(
    client, nimlahakok, sint_joost_partnerships
):
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert count_heading(response) == "3 partnerschappen gevonden"
    assert "Herent – Nimlaha&#x27;kok en Nimlasachal" in html
    assert "Nimlaha&#x27;kok, Nimlasachal (Guatemala)" in html
    assert "Jumelage (2014)" in html
    assert 'href="/sdg/3/"' in html


def test_unpublished_partnership_appears_nowhere_in_the_list(client, nimlahakok):
    hidden = PartnershipFactory(title="Geheim partnerschap", is_published=False)
    PartnerPlaceFactory(partnership=hidden, name="Verborgen", country="NI")
    html = client.get(LIST).content.decode()
    assert "Geheim partnerschap" not in html
    assert titles(client.get(LIST, {"zoek": "Geheim"})) == []
    # Its country is no filter choice; asking for it anyway is ignored and said so.
    assert 'value="NI"' not in html
    response = client.get(LIST, {"land": "NI"})
    assert "Geheim partnerschap" not in titles(response)
    assert "Nicaragua" not in response.content.decode()


@pytest.mark.parametrize("query", ["Coban", "cobán", "COBAN", "Nimlaha'kok", "nimla"])
def test_dutch_search_ignores_accents_and_finds_word_starts(client, nimlahakok, query):
    response = client.get(LIST, {"zoek": query})
    assert titles(response) == ["Herent – Nimlaha'kok en Nimlasachal"]
    assert count_heading(response) == "1 partnerschap gevonden"


def test_search_uses_dutch_stemming_on_places_summaries_and_bodies(
    client, nimlahakok, sint_joost_partnerships
):
    assert titles(client.get(LIST, {"zoek": "gemeenschapsradio"})) == [nimlahakok.title]
    assert titles(client.get(LIST, {"zoek": "Guatemala"})) == [nimlahakok.title]
    assert titles(client.get(LIST, {"zoek": "burgerlijke standen"})) == [
        "Sint-Joost-ten-Node – Kardzjali"
    ]
    assert titles(client.get(LIST, {"zoek": "Herent Tanger"})) == []
    assert titles(client.get(LIST, {"zoek": "!!!"})) == titles(client.get(LIST))


def test_search_index_follows_changes_to_places(client, nimlahakok):
    PartnerPlaceFactory(partnership=nimlahakok, name="Chisec")
    assert titles(client.get(LIST, {"zoek": "Chisec"})) == [nimlahakok.title]
    nimlahakok.places.get(name="Chisec").delete()
    assert titles(client.get(LIST, {"zoek": "Chisec"})) == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"bestuur": "sint-joost"},
            ["Sint-Joost-ten-Node – Kardzjali", "Sint-Joost-ten-Node – Tanger"],
        ),
        ({"land": "GT"}, ["Herent – Nimlaha'kok en Nimlasachal"]),
        ({"land": "MA"}, ["Sint-Joost-ten-Node – Tanger"]),
        ({"werelddeel": "americas"}, ["Herent – Nimlaha'kok en Nimlasachal"]),
        ({"werelddeel": "europe"}, ["Sint-Joost-ten-Node – Kardzjali"]),
        ({"werelddeel": "oceania"}, []),
        ({"sdg": "16"}, ["Sint-Joost-ten-Node – Kardzjali"]),
        ({"domein": "mobiliteit"}, ["Sint-Joost-ten-Node – Tanger"]),  # agreement's
        ({"domein": "gendergelijkheid"}, ["Herent – Nimlaha'kok en Nimlasachal"]),
        (
            {"overeenkomst": "cooperation_agreement"},
            ["Sint-Joost-ten-Node – Kardzjali"],
        ),
        ({"status": "ended"}, ["Sint-Joost-ten-Node – Kardzjali"]),
        (
            {"status": "active", "bestuur": "sint-joost"},
            ["Sint-Joost-ten-Node – Tanger"],
        ),
        ({"zoek": "stad", "land": "MA"}, ["Sint-Joost-ten-Node – Tanger"]),
    ],
)
def test_each_filter_narrows_the_list(
    client, nimlahakok, sint_joost_partnerships, params, expected
):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert titles(response) == expected


def test_filter_choices_are_dutch_and_only_lead_to_published_partnerships(
    client, nimlahakok, sint_joost_partnerships
):
    html = client.get(LIST).content.decode()
    assert '<option value="GT">Guatemala</option>' in html
    assert '<option value="MA">Marokko</option>' in html
    assert '<option value="americas">Amerika</option>' in html
    assert (
        '<option value="16">SDG 16: Vrede, justitie en sterke publieke diensten</option>'
        in html
    )
    assert '<option value="sint-joost">Sint-Joost-ten-Node</option>' in html
    assert 'value="mobiliteit"' in html
    # Countries in Dutch alphabetical order.
    assert (
        html.index(">Bulgarije<") < html.index(">Guatemala<") < html.index(">Marokko<")
    )


def test_unknown_filter_value_is_ignored_and_explained_at_the_field(client, nimlahakok):
    response = client.get(LIST, {"land": "XX", "zoek": "Coban"})
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == [nimlahakok.title]
    assert 'id="id_land-error"' in html
    assert 'aria-describedby="id_land-error"' in html
    assert 'href="#id_land"' in html  # the error summary links to the field


def test_pagination_keeps_the_filters_in_every_link(client, herent):
    for index in range(23):
        partnership = PartnershipFactory(local_authority=herent, title=f"P {index:02d}")
        PartnerPlaceFactory(partnership=partnership, country="GT")
    response = client.get(LIST, {"land": "GT"})
    html = response.content.decode()
    assert count_heading(response) == "23 partnerschappen gevonden"
    assert len(titles(response)) == 20
    assert 'href="?land=GT&amp;page=2"' in html
    second = client.get(LIST, {"land": "GT", "page": 2})
    assert titles(second) == ["P 20", "P 21", "P 22"]
    # The map link carries the same filters.
    assert 'href="/partnerschappen/kaart/?land=GT"' in html


def test_each_country_is_one_choice_however_many_places_lie_there(client, herent):
    for index in range(3):
        partnership = PartnershipFactory(local_authority=herent, title=f"P {index}")
        PartnerPlaceFactory(partnership=partnership, country="GT", position=index)
    html = client.get(LIST).content.decode()
    assert html.count('<option value="GT"') == 1


def test_list_runs_a_fixed_number_of_queries(client, count_queries, herent):
    url = f"{LIST}?werelddeel=africa&sdg=5"
    for index in range(2):
        make_full_partnership(index)
    few = count_queries(lambda: client.get(LIST))
    few_filtered = count_queries(lambda: client.get(url))
    for index in range(48):
        make_full_partnership(index + 2)
    response = client.get(url)
    assert len(titles(response)) == 20
    # Kept cards load nothing: at most as many queries as with two partnerships.
    assert count_queries(lambda: client.get(LIST)) <= few
    assert count_queries(lambda: client.get(url)) <= few_filtered
    assert few <= 16


def test_list_describes_the_open_data_as_a_schema_org_dataset(client, nimlahakok):
    html = client.get(LIST).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Dataset"
    assert data["inLanguage"] == "nl-BE"
    urls = [item["contentUrl"] for item in data["distribution"]]
    assert [url.rsplit("/", 1)[-1] for url in urls] == [
        "partnerschappen.csv",
        "partnerschappen.json",
        "overeenkomsten.csv",
        "overeenkomsten.json",
    ]
    assert 'type="application/atom+xml"' in html


def test_search_index_can_be_rebuilt_after_a_bulk_change(client, nimlahakok):
    # A queryset update bypasses the signals that keep the index up to date.
    LocalAuthority.objects.filter(pk=nimlahakok.local_authority_id).update(
        name="Herent-Winksele"
    )
    Partnership.objects.update(search_vector=None)
    assert titles(client.get(LIST, {"zoek": "Winksele"})) == []
    call_command("rebuild_partnership_search", stdout=io.StringIO())
    assert titles(client.get(LIST, {"zoek": "Winksele"})) == [nimlahakok.title]
