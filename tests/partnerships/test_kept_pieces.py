"""What is built from all partnerships is built once per change of the data: the
list's cards (per process) and the open-data files (shared). A change through
the admin or the services shows at the next request."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from herentq.models import SDG
from partnerships import services
from partnerships.constants import AgreementKind
from tests.admin_post import change_form_data
from tests.partnerships.conftest import make_full_partnership
from tests.partnerships.factories import AgreementFactory, PartnerPlaceFactory
from tests.partnerships.test_list import titles

pytestmark = pytest.mark.django_db

LIST = reverse("partnerships:list")
PLACES_OF = re.compile(
    r'FROM "partnerships_partnerplace" WHERE '
    r'"partnerships_partnerplace"."partnership_id" IN \(([^)]*)\)'
)


def _cards_written(client, *args) -> tuple[int, str]:
    """How many cards the page wrote (their places are read for it; a kept card
    reads nothing), and the page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(*args)
    written = 0
    for query in queries.captured_queries:
        match = PLACES_OF.search(query["sql"])
        if match:
            written += len(match.group(1).split(","))
    return written, response.content.decode()


def test_cards_are_written_once_and_again_after_a_change(client, nimlahakok):
    make_full_partnership(1)
    written, first = _cards_written(client, LIST)
    assert written == 2
    assert _cards_written(client, LIST) == (0, first)  # both kept
    assert _cards_written(client, LIST, {"zoek": "Nimlaha"})[0] == 0

    PartnerPlaceFactory(partnership=nimlahakok, name="Chamelco")
    written, page = _cards_written(client, LIST)
    assert written == 2
    assert "Chamelco" in page


def test_a_goal_renamed_in_the_admin_shows_in_the_filter_and_on_the_cards(
    service_client, nimlahakok
):
    """The SDG filter's options are kept with the cards (per data version): a
    goal's new name changes that version."""
    nimlahakok.sdgs.add(SDG.objects.get(number=4))
    visitor = Client()
    html = visitor.get(LIST).content.decode()
    assert '<option value="4">SDG 4: Kwaliteitsonderwijs</option>' in html
    assert '<span class="sdg-chip__name">Kwaliteitsonderwijs</span>' in html

    url = reverse("admin:herentq_sdg_change", args=[4])
    data = change_form_data(service_client, url)
    data["name_nl"] = "Onderwijs voor iedereen"
    assert service_client.post(url, data).status_code == 302

    html = visitor.get(LIST).content.decode()
    assert '<option value="4">SDG 4: Onderwijs voor iedereen</option>' in html
    assert '<span class="sdg-chip__name">Onderwijs voor iedereen</span>' in html
    assert "Kwaliteitsonderwijs" not in html


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
