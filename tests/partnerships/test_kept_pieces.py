"""What is built from all partnerships is built once per change of the data: the
list's cards (per process) and the open-data files (shared). A change through
the admin or the services shows at the next request."""

import pytest
from django.urls import reverse

from partnerships import services
from partnerships.constants import AgreementKind
from tests.partnerships.conftest import make_full_partnership
from tests.partnerships.factories import AgreementFactory, PartnerPlaceFactory
from tests.partnerships.test_list import titles

pytestmark = pytest.mark.django_db

LIST = reverse("partnerships:list")
CARD = "partnerships/includes/partnership_card.html"


def _cards_rendered(response) -> int:
    return sum(template.name == CARD for template in response.templates)


def test_cards_are_rendered_once_and_again_after_a_change(client, nimlahakok):
    make_full_partnership(1)
    assert _cards_rendered(client.get(LIST)) == 2
    assert _cards_rendered(client.get(LIST)) == 0  # both kept
    assert _cards_rendered(client.get(LIST, {"zoek": "Nimlaha"})) == 0

    PartnerPlaceFactory(partnership=nimlahakok, name="Chamelco")
    response = client.get(LIST)
    assert _cards_rendered(response) == 2
    assert "Chamelco" in response.content.decode()


def test_open_data_is_built_once_per_change(client, nimlahakok, count_queries):
    AgreementFactory(partnership=nimlahakok, kind=AgreementKind.JUMELAGE)
    first = client.get("/partnerschappen.csv").getvalue()
    # Kept: the data's version and the file, nothing of the partnerships.
    assert count_queries(lambda: client.get("/partnerschappen.csv")) <= 2
    assert client.get("/partnerschappen.csv").getvalue() == first

    nimlahakok.title = "Herent – Cobán"
    nimlahakok.save()
    changed = client.get("/partnerschappen.csv").getvalue().decode("utf-8-sig")
    assert "Herent – Cobán" in changed
    assert "Herent – Cobán" in client.get("/partnerschappen.json").getvalue().decode()


def test_held_refreshes_are_made_once_when_the_block_ends(client, nimlahakok):
    first = client.get("/partnerschappen.csv").getvalue()
    with services.refreshes_held():
        place = PartnerPlaceFactory(partnership=nimlahakok, name="Chamelco")
        # Neither the search nor the open data know the new place yet.
        assert titles(client.get(LIST, {"zoek": "Chamelco"})) == []
        assert client.get("/partnerschappen.csv").getvalue() == first
        place.name = "San Juan Chamelco"
        place.save()
    assert titles(client.get(LIST, {"zoek": "Chamelco"})) == [nimlahakok.title]
    assert "San Juan Chamelco" in client.get("/partnerschappen.csv").getvalue().decode(
        "utf-8-sig"
    )


def test_held_refreshes_are_dropped_when_the_block_raises(client, nimlahakok):
    first = client.get("/partnerschappen.csv").getvalue()
    with pytest.raises(RuntimeError), services.refreshes_held():
        PartnerPlaceFactory(partnership=nimlahakok, name="Chamelco")
        raise RuntimeError("the import stops")
    # Nothing was refreshed (a caller's transaction would be rolled back).
    assert client.get("/partnerschappen.csv").getvalue() == first
