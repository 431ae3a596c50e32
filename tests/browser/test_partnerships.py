"""Partnerships in a real browser: accessibility of every page, and the journey of
a citizen who looks for the Herent–Nimlaha'kok partnership and opens a photo."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from partnerships.views import PartnershipMapView
from tests.browser.conftest import assert_accessible, goto

HERENT = "/partnerschappen/herent-nimlahakok-nimlasachal/"

PAGES = [
    "/partnerschappen/",
    "/partnerschappen/?zoek=Coban&land=GT",
    "/partnerschappen/?werelddeel=africa&sdg=16&overeenkomst=jumelage",
    "/partnerschappen/?land=XX",  # the error state of the filter form
    HERENT,
    "/partnerschappen/sint-joost-kardzjali/",
    "/partnerschappen/sint-joost-selembao/",
    "/partnerschappen/kaart/",
    "/partnerschappen/kaart/?land=MA",
    "/sdg/5/",
    "/sdg/16/",
]


@pytest.mark.parametrize("path", PAGES)
def test_partnership_pages_have_no_accessibility_violations(page, demo_data, path):
    response = goto(page, path)
    assert response.status == 200
    assert_accessible(page)


def test_the_map_by_country_is_accessible_and_each_country_opens_by_keyboard(
    page, demo_data, monkeypatch
):
    # The live server runs in this process: more places than the map shows each.
    monkeypatch.setattr(PartnershipMapView, "most_places", 2)
    goto(page, "/partnerschappen/kaart/")
    expect(
        page.get_by_text(re.compile(r"partnerplaatsen in \d+ landen\."))
    ).to_be_visible()
    assert_accessible(page)
    marker = page.locator(".partner-map__marker--country", has_text="Marokko")
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/kaart/?land=MA")
    expect(page.locator(".partner-map__marker--country")).to_have_count(0)
    expect(page.locator("a.partner-map__marker").first).to_be_attached()
    assert_accessible(page)


def test_photo_page_has_no_accessibility_violations(page, demo_data):
    goto(page, HERENT)
    href = page.locator("[data-photo]").first.get_attribute("href")
    response = goto(page, href)
    assert response.status == 200
    assert page.locator("main img").first.evaluate("img => img.naturalWidth") > 0
    assert_accessible(page)


def test_partnership_pages_fit_a_narrow_screen(page, demo_data):
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ["/partnerschappen/", HERENT, "/partnerschappen/kaart/"]:
        goto(page, path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path


def test_citizen_finds_herent_by_search_and_by_country_and_opens_a_photo(
    page, demo_data
):
    errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )
    goto(page, "/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Partnerschappen"
    ).click()
    page.wait_for_url("**/partnerschappen/")

    # By search: without the accent, as people type it.
    page.get_by_role("searchbox", name="Zoeken", exact=True).fill("Coban")
    page.get_by_role("button", name="Toon resultaten").click()
    page.wait_for_url(re.compile(r".*zoek=Coban.*"))
    assert page.locator("#results-title").inner_text() == "1 partnerschap gevonden"
    results = page.get_by_role("region", name="1 partnerschap gevonden")
    assert results.get_by_role(
        "link", name="Herent – Nimlaha'kok en Nimlasachal"
    ).is_visible()

    # By the country filter, from a clean slate; the URL can be shared.
    page.get_by_role("link", name="Wis alle filters").click()
    page.wait_for_url("**/partnerschappen/")
    page.get_by_label("Land").select_option(label="Guatemala")
    page.get_by_role("button", name="Toon resultaten").click()
    page.wait_for_url(re.compile(r".*land=GT.*"))
    shared = page.url
    goto(page, shared.replace(page.base_url, ""))
    assert page.get_by_label("Land").input_value() == "GT"
    link = page.get_by_role("link", name="Herent – Nimlaha'kok en Nimlasachal")
    link.click()
    page.wait_for_url(f"**{HERENT}")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Herent – Nimlaha'kok en Nimlasachal"
    )

    # The gallery by keyboard: the lightbox opens on Enter, the arrows move,
    # Escape closes it and the focus returns to the photo it came from.
    first = page.locator("[data-photo]").first
    first.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    assert dialog.get_by_role("heading").inner_text() == "Foto 1 van 3"
    image = dialog.locator("img")
    assert image.get_attribute("alt").startswith("Voorbeeldafbeelding")
    # The image has loaded (expect polls without page-side eval, which the
    # Content-Security-Policy refuses: wait_for_function failed when it had to retry).
    expect(page.locator("[data-lightbox-image]")).not_to_have_js_property(
        "naturalWidth", 0
    )
    assert_accessible(page)  # the open dialog too
    page.keyboard.press("ArrowRight")
    expect(dialog.get_by_role("heading")).to_have_text("Foto 2 van 3")
    page.keyboard.press("Tab")
    focused_inside = page.evaluate(
        "document.getElementById('lightbox').contains(document.activeElement)"
    )
    assert focused_inside
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.dataset.photo") == ""
    assert page.evaluate(
        "document.activeElement === document.querySelector('[data-photo]')"
    )

    # Without the lightbox (a new tab, or no JavaScript) the link opens the photo page.
    href = first.get_attribute("href")
    goto(page, href)
    expect(page.get_by_text("Foto 1 van 3").first).to_be_visible()
    assert errors == []


def test_map_marker_leads_to_its_partnership(page, demo_data):
    goto(page, "/partnerschappen/kaart/")
    marker = page.get_by_role("link", name=re.compile(r"^Kardzjali \(Bulgarije\)"))
    assert marker.count() == 1
    marker.focus()
    outline = page.evaluate(
        "getComputedStyle(document.activeElement.querySelector('circle')).strokeWidth"
    )
    assert outline == "4px"  # visible focus on the marker
    page.keyboard.press("Enter")
    page.wait_for_url("**/partnerschappen/sint-joost-kardzjali/")
    expect(page.get_by_text("7 mei 2019").first).to_be_visible()


def test_citizen_follows_an_sdg_chip_and_downloads_the_open_data(page, demo_data):
    goto(page, HERENT)
    page.get_by_role("link", name="5 Gendergelijkheid").first.click()
    page.wait_for_url("**/sdg/5/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gendergelijkheid")
    # The goal's page lists the partnership the chip came from.
    expect(
        page.get_by_role("link", name="Herent – Nimlaha'kok en Nimlasachal")
    ).to_be_visible()

    goto(page, "/partnerschappen/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("CSV")).first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    assert "Sint-Joost-ten-Node" in content
    assert "Tanger" in content
