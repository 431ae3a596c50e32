import re
from pathlib import Path

import pytest
from django.conf import settings

from herentq.models import SDG

pytestmark = pytest.mark.django_db

OFFICIAL = {
    1: ("Geen armoede", "#E5243B", "#FFFFFF"),
    2: ("Geen honger", "#DDA63A", "#000000"),
    3: ("Goede gezondheid en welzijn", "#4C9F38", "#000000"),
    4: ("Kwaliteitsonderwijs", "#C5192D", "#FFFFFF"),
    5: ("Gendergelijkheid", "#FF3A21", "#000000"),
    6: ("Schoon water en sanitair", "#26BDE2", "#000000"),
    7: ("Betaalbare en duurzame energie", "#FCC30B", "#000000"),
    8: ("Waardig werk en economische groei", "#A21942", "#FFFFFF"),
    9: ("Industrie, innovatie en infrastructuur", "#FD6925", "#000000"),
    10: ("Ongelijkheid verminderen", "#DD1367", "#FFFFFF"),
    11: ("Duurzame steden en gemeenschappen", "#FD9D24", "#000000"),
    12: ("Verantwoorde consumptie en productie", "#BF8B2E", "#000000"),
    13: ("Klimaatactie", "#3F7E44", "#FFFFFF"),
    14: ("Leven in het water", "#0A97D9", "#000000"),
    15: ("Leven op het land", "#56C02B", "#000000"),
    16: ("Vrede, justitie en sterke publieke diensten", "#00689D", "#FFFFFF"),
    17: ("Partnerschap om doelstellingen te bereiken", "#19486A", "#FFFFFF"),
}


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_17_sdgs_are_complete_with_official_colours():
    sdgs = {sdg.number: sdg for sdg in SDG.objects.all()}
    assert sorted(sdgs) == list(range(1, 18))
    for number, (name, colour, text_colour) in OFFICIAL.items():
        assert sdgs[number].name_nl == name
        assert sdgs[number].colour == colour
        assert sdgs[number].text_colour == text_colour
        assert sdgs[number].name_en


def test_every_sdg_text_colour_is_readable_on_its_colour():
    for sdg in SDG.objects.all():
        light, dark = sorted([_luminance(sdg.colour), _luminance(sdg.text_colour)])
        assert (dark + 0.05) / (light + 0.05) >= 4.5, sdg


def test_stylesheet_uses_the_database_colours():
    css = (Path(settings.BASE_DIR) / "static/css/sdg.css").read_text()
    for sdg in SDG.objects.all():
        rule = re.search(rf"\.sdg-{sdg.number} \{{([^}}]*)\}}", css).group(1)
        assert f"background-color: {sdg.colour}" in rule
        assert f"color: {sdg.text_colour}" in rule


def test_light_sdgs_get_a_darker_border():
    css = (Path(settings.BASE_DIR) / "static/css/sdg.css").read_text()
    for number in (2, 6, 7, 9, 11, 15):
        rule = re.search(rf"\.sdg-{number} \{{([^}}]*)\}}", css).group(1)
        assert "border-color: #5a5a5a" in rule


def test_sdg_page_shows_number_and_name(client):
    response = client.get("/sdg/5/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gendergelijkheid" in html
    assert "Doelstelling 5" in html


def test_sdg_list_links_every_goal_with_number_and_name(client):
    html = client.get("/sdg/").content.decode()
    for number, (name, _, _) in OFFICIAL.items():
        assert f'href="/sdg/{number}/"' in html
        assert name in html


def test_unknown_sdg_is_not_found(client):
    assert client.get("/sdg/18/").status_code == 404
