"""The front door in a real browser: the home page's blocks, the phone menu by
keyboard, the charts page; axe at 1280 and 375 px wide. Screenshots of each page
at both widths go to .artifacts/ (git-ignored) for review."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import assert_accessible, goto, log_in_to_admin
from tests.home_data import add_upcoming

ARTIFACTS = Path(settings.BASE_DIR) / ".artifacts"
PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


def screenshot(page, name: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def check_both_widths(page, path: str, name: str):
    for label, size in (("1280", DESKTOP), ("375", PHONE)):
        page.set_viewport_size(size)
        goto(page, path)
        assert_accessible(page)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, label)
        screenshot(page, f"{name}-{label}")


def test_home_page_shows_what_is_coming(page, demo_data):
    add_upcoming(2)
    check_both_widths(page, "/", "home")
    page.set_viewport_size(DESKTOP)
    goto(page, "/")
    for heading in [
        "Volgende GROSH-vergadering",
        "Volgende sessies van de leertrajecten",
        "Inschrijven voor een leertraject",
        "Subsidieoproepen",
        "Laatste nieuws",
        "Recente foto's uit de partnerschappen",
        "Nieuwsbrief",
    ]:
        assert page.get_by_role("heading", name=heading, level=2).is_visible(), heading
    strip = page.locator(".photo-strip img")
    assert strip.count() == 6
    assert all(strip.nth(i).get_attribute("alt") for i in range(strip.count()))
    # Every photo is loaded from its rendition (no broken image).
    assert page.evaluate(
        "[...document.querySelectorAll('.photo-strip img')]"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )


def test_home_page_without_anything_coming_shows_no_empty_block(page, transactional_db):
    goto(page, "/")
    assert page.locator(".home-block").count() == 0
    assert page.get_by_role("heading", name="Wat u hier vindt").is_visible()
    assert_accessible(page)


def test_phone_menu_opens_by_keyboard(page, demo_data):
    page.set_viewport_size(PHONE)
    goto(page, "/")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    menu_link = nav.get_by_role("link", name="Partnerschappen", exact=True)
    toggle = page.locator(".site-menu__toggle")
    assert toggle.is_visible()
    assert not menu_link.is_visible()
    # Tab from the top: skip link, the site's name, the site search, the languages,
    # sign in, then the menu button.
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.className"))
        if reached[-1] == "site-menu__toggle":
            break
    assert reached[-1] == "site-menu__toggle", reached
    assert (
        page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        == "solid"
    )
    page.keyboard.press("Enter")
    assert page.locator(".site-menu").get_attribute("open") is not None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Partnerschappen"
    page.keyboard.press("Enter")
    page.wait_for_url("**/partnerschappen/")
    assert_accessible(page)
    # Closed again on the next page; Space opens it too.
    page.locator(".site-menu__toggle").focus()
    page.keyboard.press("Space")
    assert page.locator(".site-menu").get_attribute("open") is not None
    # On a wide screen there is no button and the links are always there.
    page.set_viewport_size(DESKTOP)
    goto(page, "/")
    assert not page.locator(".site-menu__toggle").is_visible()
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    assert nav.get_by_role("link", name="Contact", exact=True).is_visible()


def test_results_page_charts_with_their_tables(page, demo_data):
    check_both_widths(page, "/subsidies/resultaten/", "resultaten")
    page.set_viewport_size(DESKTOP)
    goto(page, "/subsidies/resultaten/")
    assert page.locator("svg.chart__svg").count() == 5
    assert page.locator("table.chart__table").count() == 5
    table = page.get_by_role("table", name="Toegekende subsidies per jaar: de cijfers")
    assert table.locator("tbody tr").count() >= 1


@pytest.mark.parametrize("path", ["/partnerschappen/", "/subsidies/register/"])
def test_lists_with_compact_sdg_chips_at_both_widths(page, demo_data, path):
    check_both_widths(page, path, path.strip("/").replace("/", "-"))
    chip = page.locator(".sdg-chip--compact").first
    chip.focus()
    # The goal's name appears on focus.
    assert chip.locator(".sdg-chip__name").bounding_box()["width"] > 20


def test_admin_dashboard_at_both_widths(page, demo_data, superuser):
    log_in_to_admin(page, superuser)
    for label, size in (("1280", DESKTOP), ("375", PHONE)):
        page.set_viewport_size(size)
        goto(page, "/admin/")
        assert page.locator(".dashboard-charts svg.chart__svg").count() >= 3
        screenshot(page, f"admin-dashboard-{label}")
