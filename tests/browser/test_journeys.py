"""User journeys, end to end, as a person with a keyboard would do them."""

from playwright.sync_api import expect

from tests.browser.conftest import goto


def test_citizen_reaches_the_contact_page_from_home_with_the_keyboard_only(
    page, demo_data
):
    goto(page, "/")
    # The first Tab lands on the skip link, which moves the focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # Back to the top, then through the navigation to "Contact".
    goto(page, "/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Contact":
            break
    else:
        raise AssertionError("the Contact link is not reachable with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # visible focus
    page.keyboard.press("Enter")
    page.wait_for_url("**/contact/")
    assert page.get_by_role("heading", level=1).inner_text() == "Contact"
    expect(page.get_by_text("016 85 30 20").first).to_be_visible()


def test_current_notice_is_shown_and_the_expired_one_is_not(page, demo_data):
    goto(page, "/")
    expect(page.get_by_text("Nieuw: subsidies online aanvragen")).to_be_visible()
    assert page.get_by_text("Coronavirusmaatregelen").count() == 0
