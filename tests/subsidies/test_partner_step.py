"""The partner step offers a short list of partnerships, searched on the server
(a button, no script needed): the page stays small however many there are."""

import re

import pytest
from django.urls import reverse

from tests.partnerships.factories import PartnerPlaceFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

OPTION = re.compile(r'<input type="radio"[^>]* name="partnership"')


def _url(draft):
    return reverse("subsidies:application_step", args=[draft.pk, "partner"])


def test_the_page_offers_a_bounded_list_whatever_the_volume(applicant_client, draft):
    for index in range(25):
        partnership = PartnershipFactory(title=f"Stedenband {index:02d}")
        PartnerPlaceFactory(partnership=partnership, country="GT")
    draft.country = "GT"
    draft.save()
    html = applicant_client.get(_url(draft)).content.decode()
    # "No partnership" and ten suggestions in the project's country.
    assert len(OPTION.findall(html)) == 11
    assert "Zoek een partnerschap" in html


def test_a_search_without_javascript_saves_and_finds(applicant_client, draft):
    wanted = PartnershipFactory(title="Herent – Nimlaha'kok en Nimlasachal")
    PartnershipFactory(title="Leuven – Kigali")
    response = applicant_client.post(
        _url(draft),
        {
            "partner_name": "Radio comunitaria",
            "partnership_search": "nimlaha",
            "action": "search",
        },
    )
    assert response.status_code == 302
    assert "partnership_search=nimlaha" in response["Location"]
    draft.refresh_from_db()
    assert draft.partner_name == "Radio comunitaria"  # saved on the way

    html = applicant_client.get(response["Location"]).content.decode()
    assert f'value="{wanted.pk}"' in html
    assert "Leuven – Kigali" not in html

    applicant_client.post(
        _url(draft),
        {
            "partner_name": "Radio comunitaria",
            "partnership": wanted.pk,
            "action": "save",
        },
    )
    draft.refresh_from_db()
    assert draft.partnership == wanted
    # The chosen partnership stays on offer without a search.
    html = applicant_client.get(_url(draft)).content.decode()
    assert re.search(rf'value="{wanted.pk}"[^>]*checked', html)


def test_a_search_that_finds_nothing_says_so(applicant_client, draft):
    url = _url(draft) + "?partnership_search=onbestaand"
    html = applicant_client.get(url).content.decode()
    assert "Geen partnerschap gevonden" in html
