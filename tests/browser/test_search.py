"""The site-wide search in a real browser: axe-clean, usable with the keyboard
alone, no JavaScript needed."""

import pytest

from tests.browser.conftest import assert_accessible, goto

pytestmark = pytest.mark.browser

SEARCH_PAGES = [
    "/zoeken/?q=nimlahakok",
    "/zoeken/?q=radio&soort=partnerschappen",
    "/zoeken/?q=Nimlahakoc+radoi",
    "/zoeken/",
    "/api/",
]


@pytest.mark.parametrize("path", SEARCH_PAGES)
def test_search_pages_have_no_accessibility_violations(page, demo_data, path):
    response = goto(page, path)
    assert response.status == 200
    assert_accessible(page)


def test_header_search_works_with_the_keyboard_and_without_javascript(
    browser, live_server, demo_data
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/partnerschappen/")
    # Tab from the start of the page reaches the search box after the skip link
    # and the site name.
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search-q":
            break
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.type("Bucharest")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=Bucharest")
    assert page.get_by_role("heading", name="Partnerplaatsen").is_visible()
    assert page.get_by_role("link", name="5de District", exact=True).is_visible()
    context.close()
