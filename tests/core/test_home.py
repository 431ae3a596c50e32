"""The home page shows what is happening, block by block, from every app's
`home_blocks()`; each block hides itself when empty, and the page reads in a fixed
number of queries however much is coming up."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.home_data import add_upcoming

pytestmark = pytest.mark.django_db

BLOCK_TITLES = [
    "Volgende GROSH-vergadering",
    "Volgende sessies van de leertrajecten",
    "Inschrijven voor een leertraject",
    "Subsidieoproepen",
    "Laatste nieuws",
    "Recente foto&#x27;s uit de partnerschappen",
]


def home_queries(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_home_shows_what_is_coming_in_a_fixed_number_of_queries(client, demo_data):
    add_upcoming(1)
    html, count = home_queries(client)
    for title in BLOCK_TITLES:
        assert title in html, title
    assert "Zaal 0" in html  # the next meeting's place, and its public agenda
    assert "De openbare agenda van" in html
    assert "nog 15 plaatsen vrij" in html
    assert "Volgende oproep:" in html
    assert 'alt="Foto nummer 0"' in html
    assert "Inschrijven op de nieuwsbrief" in html

    add_upcoming(4)
    _html, count_after = home_queries(client)
    assert count_after == count


def test_home_blocks_hide_when_nothing_is_coming(client, db):
    html = client.get("/").content.decode()
    for title in BLOCK_TITLES + ["Nieuwsbrief"]:
        assert title not in html, title
    assert "Wat u hier vindt" in html
