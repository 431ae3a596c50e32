"""Every page of the site passes axe-core (WCAG 2.0/2.1 A and AA) with zero
violations. Each app adds its pages here or in its own browser test module."""

import pytest

from tests.browser.conftest import assert_accessible, goto

CORE_PAGES = [
    "/",
    "/contact/",
    "/over-de-dienst/",
    "/toegankelijkheid/",
    "/privacy/",
    "/sdg/",
    "/sdg/1/",
    "/sdg/7/",
    "/nieuws/",
    "/nieuws/stedenband-ontwikkeltd/",
    "/accounts/login/",
    "/accounts/password/reset/",
]


@pytest.mark.parametrize("path", CORE_PAGES)
def test_core_page_has_no_accessibility_violations(page, demo_data, path):
    response = goto(page, path)
    assert response.status == 200
    assert_accessible(page)


def test_404_page_has_no_accessibility_violations(page, demo_data):
    response = goto(page, "/deze-pagina-bestaat-niet/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Deze pagina bestaat niet (meer)"
    )
    assert_accessible(page)


@pytest.mark.parametrize("width", [320])
def test_pages_fit_a_narrow_screen_without_horizontal_scrolling(page, demo_data, width):
    page.set_viewport_size({"width": width, "height": 800})
    for path in CORE_PAGES:
        goto(page, path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
