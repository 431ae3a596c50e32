"""The GROSH pages in a real browser: accessibility of every page (the members' area
and the comment form in its error state included) and a member's journey."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from council.constants import MeetingStatus, MinutesStatus
from council.models import Advice, AgendaItem, Meeting, Minutes
from herentq.constants import COUNCIL_MEMBERS_GROUP
from tests.browser.conftest import assert_accessible, goto
from tests.factories import UserFactory

PASSWORD = "correct-horse-9"


def _minutes(status):
    """The latest minutes in that state (the demo has three published ones)."""
    return (
        Minutes.objects.select_related("meeting__council")
        .filter(status=status)
        .order_by("-meeting__planned_start")
        .first()
    )


def _closed_item(meeting):
    return AgendaItem.objects.filter(meeting=meeting, is_public=False).first()


def _public_paths():
    published = Minutes.objects.filter(status=MinutesStatus.PUBLISHED).first()
    planned = Meeting.objects.filter(status=MeetingStatus.PLANNED).first()
    advice = Advice.objects.public().first()
    return [
        "/grosh/",
        "/grosh/samenstelling/",
        "/grosh/vergaderingen/",
        f"/grosh/vergaderingen/{published.meeting_id}/",
        f"/grosh/vergaderingen/{planned.pk}/",
        f"/grosh/vergaderingen/{published.meeting_id}/verslag/",
        "/grosh/adviezen/",
        f"/grosh/adviezen/{advice.pk}/",
        "/grosh/zoeken/?q=radio",
    ]


def _log_in_as_member(page, next_path="/grosh/leden/"):
    user = UserFactory(email="lid.grosh@example.be", first_name="Lies")
    user.groups.add(Group.objects.get(name=COUNCIL_MEMBERS_GROUP))
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    goto(page, f"/accounts/login/?next={next_path}")
    page.fill('input[name="login"]', user.email)
    page.fill('input[name="password"]', PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + next_path)
    return user


def test_public_council_pages_have_no_accessibility_violations(page, demo_data):
    for path in _public_paths():
        response = goto(page, path)
        assert response.status == 200, path
        assert_accessible(page)


def test_search_with_results_is_accessible(page, demo_data):
    goto(page, "/grosh/zoeken/?q=radio")
    assert page.locator("mark").count() > 0
    assert_accessible(page)


def test_members_area_pages_are_accessible(page, demo_data):
    _log_in_as_member(page)
    assert_accessible(page)
    draft = _minutes(MinutesStatus.DRAFT)
    circulated = _minutes(MinutesStatus.CIRCULATED)
    for path in (
        f"/grosh/leden/vergaderingen/{draft.meeting_id}/",
        f"/grosh/leden/vergaderingen/{draft.meeting_id}/verslag/",
        f"/grosh/leden/vergaderingen/{circulated.meeting_id}/verslag/",
    ):
        assert goto(page, path).status == 200, path
        assert_accessible(page)


def test_comment_form_in_its_error_state_is_accessible(page, demo_data):
    circulated = _minutes(MinutesStatus.CIRCULATED)
    path = f"/grosh/leden/vergaderingen/{circulated.meeting_id}/verslag/"
    _log_in_as_member(page, next_path=path)
    page.get_by_role("button", name="Opmerking plaatsen").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert page.get_by_label("Uw opmerking").get_attribute("aria-invalid") == "true"
    assert_accessible(page)


def test_members_only_page_refuses_a_non_member_accessibly(page, demo_data):
    user = UserFactory(email="buur@example.be")
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    goto(page, "/accounts/login/?next=/grosh/leden/")
    page.fill('input[name="login"]', user.email)
    page.fill('input[name="password"]', PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + "/grosh/leden/")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Enkel voor leden van de GROSH"
    assert_accessible(page)


def test_member_reads_closed_item_and_draft_then_public_sees_minutes_without_it(
    page, demo_data
):
    published = _minutes(MinutesStatus.PUBLISHED)
    draft = _minutes(MinutesStatus.DRAFT)
    circulated = _minutes(MinutesStatus.CIRCULATED)
    closed = _closed_item(published.meeting)
    draft_closed = _closed_item(draft.meeting)

    _log_in_as_member(page)
    # The full agenda of the latest meeting, closed item included, and its draft.
    page.get_by_role("link", name=draft.meeting.title).first.click()
    expect(page.get_by_text(draft_closed.title)).to_be_visible()
    page.get_by_role("link", name="Verslag lezen (ontwerp)").click()
    expect(page.get_by_text("werktekst van het secretariaat")).to_be_visible()
    expect(page.get_by_role("heading", name=draft_closed.title)).to_be_visible()

    # A comment on the circulated minutes.
    goto(page, f"/grosh/leden/vergaderingen/{circulated.meeting_id}/verslag/")
    page.get_by_label("Uw opmerking").fill("Bij punt 2: graag de naam van de school.")
    page.get_by_role("button", name="Opmerking plaatsen").click()
    expect(page.get_by_text("Uw opmerking is toegevoegd.")).to_be_visible()
    expect(page.get_by_text("Bij punt 2: graag de naam van de school.")).to_be_visible()

    # Members read the published minutes with the closed item ...
    goto(page, f"/grosh/leden/vergaderingen/{published.meeting_id}/verslag/")
    expect(page.get_by_role("heading", name=closed.title)).to_be_visible()

    # ... the public reads the same minutes without it.
    page.get_by_role("button", name="Afmelden").click()
    goto(page, f"/grosh/vergaderingen/{published.meeting_id}/verslag/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Verslag")
    assert page.get_by_text(closed.title).count() == 0
    public_titles = AgendaItem.objects.filter(
        meeting=published.meeting, is_public=True
    ).values_list("title", flat=True)
    for title in public_titles:
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    assert goto(
        page, f"/grosh/leden/vergaderingen/{draft.meeting_id}/verslag/"
    ).url.startswith(page.base_url + "/accounts/login/")


@pytest.mark.parametrize("width", [320])
def test_council_pages_fit_a_narrow_screen(page, demo_data, width):
    page.set_viewport_size({"width": width, "height": 800})
    for path in _public_paths():
        goto(page, path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
