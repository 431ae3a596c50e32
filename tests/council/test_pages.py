"""What visitors and members see on the GROSH pages, and at what query cost."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from icalendar import Calendar

from council import services
from council.constants import MemberRole
from tests.council.conftest import (
    CLOSED_TITLE,
    PUBLIC_TEXT,
    PUBLIC_TITLE,
    advance,
)
from tests.council.factories import (
    AdviceFactory,
    AgendaItemFactory,
    CouncilMemberFactory,
    MeetingFactory,
)
from tests.factories import UserFactory
from tests.pdf_checks import assert_accessible_pdf

pytestmark = pytest.mark.django_db


def test_index_shows_upcoming_meetings_minutes_and_advice(client, published):
    response = client.get(reverse("council:index"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Gemeentelijke Raad voor Ontwikkelingssamenwerking Herent" in content
    assert published.next_meeting.get_absolute_url() not in content  # held now
    assert published.minutes.get_absolute_url() in content
    assert "Advies over de radio" in content


def test_composition_lists_members_in_office_with_role_and_organisation(
    client, council
):
    CouncilMemberFactory(
        council=council, first_name="Ann", last_name="Voorzitter", role=MemberRole.CHAIR
    )
    CouncilMemberFactory(
        council=council,
        first_name="Oud",
        last_name="Lid",
        term_start=dt.date(2010, 1, 1),
        term_end=dt.date(2012, 1, 1),
    )
    content = client.get(reverse("council:members")).content.decode()
    assert "Ann Voorzitter" in content
    assert "voorzitter" in content
    assert "Wereldwinkel Herent" in content
    assert "Oud Lid" not in content


def test_public_minutes_leave_out_the_closed_items(client, published):
    response = client.get(
        reverse("council:minutes_public", args=[published.meeting.pk])
    )
    content = response.content.decode()
    assert escape(PUBLIC_TITLE) in content
    assert PUBLIC_TEXT in content
    assert CLOSED_TITLE not in content
    assert "data-print" in content  # printable: print button, print CSS


def test_members_see_the_same_minutes_with_the_closed_items(member_client, published):
    response = member_client.get(
        reverse("council:members_minutes", args=[published.meeting.pk])
    )
    content = response.content.decode()
    assert PUBLIC_TEXT in content
    assert CLOSED_TITLE in content
    assert "besloten" in content


def test_corrected_minutes_show_the_reason_and_keep_earlier_versions(client, published):
    minutes = published.minutes
    entry = minutes.entries.get(agenda_item=published.public_item)
    services.minutes_entry_update(entry=entry, text="Verbeterde tekst over de radio.")
    services.minutes_publish_correction(minutes=minutes, reason="Naam rechtgezet.")
    url = reverse("council:minutes_public", args=[published.meeting.pk])
    content = client.get(url).content.decode()
    assert "Verbeterde tekst over de radio." in content
    assert "Naam rechtgezet." in content
    earlier = client.get(url, {"versie": 3}).content.decode()
    assert PUBLIC_TEXT in earlier
    assert "eerdere versie" in earlier
    # Circulated and approved versions are not public, even by number.
    assert client.get(url, {"versie": 1}).status_code == 404
    assert client.get(url, {"versie": "x"}).status_code == 404


def test_minutes_pdf_is_a_pdf_without_closed_items(client, published):
    response = client.get(reverse("council:minutes_pdf", args=[published.meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = assert_accessible_pdf(
        response.content,
        title="Verslag",
        in_order=["Verslag", "Aanwezigheden", PUBLIC_TITLE, PUBLIC_TEXT[:30]],
    )
    assert CLOSED_TITLE not in text


def test_the_minutes_pdf_stays_dutch_from_a_french_or_english_page(client, published):
    path = reverse("council:minutes_pdf", args=[published.meeting.pk])
    for prefix in ("/fr", "/en"):
        url = prefix + path
        text = assert_accessible_pdf(
            client.get(url).content,
            title="Verslag",
            in_order=["Verslag", "Aanwezigheden", PUBLIC_TITLE],
            lang="nl",
        )
        assert "Procès-verbal" not in text and "Minutes" not in text


def test_search_finds_dutch_word_forms_in_published_minutes_and_advice(
    client, published
):
    response = client.get(reverse("council:search"), {"q": "projecten"})
    results = response.context["results"]
    assert [entry.title for entry in results.minutes] == [PUBLIC_TITLE]  # "project"
    response = client.get(reverse("council:search"), {"q": "motivering radio"})
    assert [a.subject_text for a in response.context["results"].advice] == [
        "Advies over de radio"
    ]
    assert "<mark>" in response.content.decode()


def test_search_escapes_what_it_highlights(client, published):
    minutes = published.minutes
    entry = minutes.entries.get(agenda_item=published.public_item)
    services.minutes_entry_update(entry=entry, text="Tom & Jerry <b>radio</b>")
    services.minutes_publish_correction(minutes=minutes, reason="Test")
    content = client.get(reverse("council:search"), {"q": "radio"}).content.decode()
    assert "Tom &amp; Jerry" in content
    assert "<b>" not in content
    assert "<mark>radio</mark>" in content


def test_advice_register_shows_follow_up_and_filters_by_outcome(client, council):
    positive = AdviceFactory(
        agenda_item__meeting__council=council,
        subject_text="Steun aan de radio",
        followup_status="followed",
        followup_date=timezone.localdate(),
        followup_note="Opgenomen in het meerjarenplan.",
    )
    AdviceFactory(
        agenda_item__meeting__council=council,
        subject_text="Verlaging noodhulp",
        outcome="negative",
    )
    content = client.get(reverse("council:advice_list")).content.decode()
    assert "Steun aan de radio" in content and "Verlaging noodhulp" in content
    assert "gevolgd" in content and "nog niet beslist" in content
    filtered = client.get(reverse("council:advice_list"), {"outcome": "negative"})
    assert "Steun aan de radio" not in filtered.content.decode()
    pending = client.get(reverse("council:advice_list"), {"followup_status": "none"})
    assert "Steun aan de radio" not in pending.content.decode()
    detail = client.get(positive.get_absolute_url()).content.decode()
    assert "Opgenomen in het meerjarenplan." in detail


def test_advice_register_puts_back_only_a_number_in_the_year_field(client, council):
    # HTML allows no other value in a number field; the error says what was wrong.
    register = reverse("council:advice_list")
    refused = client.get(register, {"year": "twaalf"}).content.decode()
    assert "twaalf" not in refused
    assert 'aria-invalid="true"' in refused
    out_of_range = client.get(register, {"year": "99999"}).content.decode()
    assert 'name="year" value="99999"' in out_of_range


def test_advice_of_a_meeting_not_yet_held_is_not_public(client, council):
    advice = AdviceFactory(agenda_item__meeting=MeetingFactory(council=council))
    assert client.get(advice.get_absolute_url()).status_code == 404


def test_ical_feed_lists_meetings_with_public_items_only(client, scenario):
    cancelled = MeetingFactory(
        council=scenario.meeting.council,
        planned_start=timezone.now() + dt.timedelta(days=40),
    )
    services.meeting_cancel(meeting=cancelled, reason="Te weinig agendapunten")
    response = client.get(reverse("council:meetings_ical"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 3
    held = events[f"council-meeting-{scenario.meeting.pk}@herentq"]
    assert PUBLIC_TITLE in str(held["DESCRIPTION"])
    assert CLOSED_TITLE not in response.content.decode()
    assert held.decoded("DTSTART") == scenario.meeting.started_at
    assert str(events[f"council-meeting-{cancelled.pk}@herentq"]["STATUS"]) == (
        "CANCELLED"
    )


def test_ical_feed_carries_the_past_year_and_every_later_meeting(client, council):
    now = timezone.now()
    old = MeetingFactory(council=council, planned_start=now - dt.timedelta(days=400))
    recent = MeetingFactory(council=council, planned_start=now - dt.timedelta(days=300))
    later = MeetingFactory(council=council, planned_start=now + dt.timedelta(days=500))
    response = client.get(reverse("council:meetings_ical"))
    uids = {str(e["UID"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert uids == {f"council-meeting-{m.pk}@herentq" for m in (recent, later)}
    # The older meeting is still on the meetings page.
    html = client.get(reverse("council:meeting_list"), {"page": 1}).content.decode()
    assert old.get_absolute_url() in html


def test_members_area_shows_the_dossier_link_of_a_subject_that_offers_one(
    member_client, council, monkeypatch
):
    meeting = MeetingFactory(council=council)
    subject = UserFactory()
    services.agenda_item_create_for_subject(
        meeting=meeting, subject=subject, title="Aanvraag projectsubsidie"
    )
    monkeypatch.setattr(
        type(subject),
        "get_council_member_url",
        lambda self: "/dossier/42/",
        raising=False,
    )
    content = member_client.get(reverse("council:members_index")).content.decode()
    assert "Aanvraag projectsubsidie" in content
    assert 'href="/dossier/42/"' in content
    assert "Dossier bekijken" in content


def test_members_area_without_a_dossier_method_shows_no_link(member_client, council):
    meeting = MeetingFactory(council=council)
    services.agenda_item_create_for_subject(
        meeting=meeting, subject=council, title="Punt over de raad zelf"
    )
    content = member_client.get(reverse("council:members_index")).content.decode()
    assert "Punt over de raad zelf" in content
    assert "Dossier bekijken" not in content


def test_comment_form_keeps_what_was_typed_and_explains_the_error(
    member_client, scenario
):
    advance(scenario, to="circulated")
    url = reverse("council:members_minutes", args=[scenario.meeting.pk])
    response = member_client.post(
        url, {"agenda_item": str(scenario.closed_item.pk), "text": "   "}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in content
    assert 'aria-describedby="id_text_error id_text_helptext"' in content
    assert 'aria-invalid="true"' in content
    assert f'<option value="{scenario.closed_item.pk}" selected>' in content


def test_comment_on_draft_minutes_is_refused(member_client, scenario):
    url = reverse("council:members_minutes", args=[scenario.meeting.pk])
    response = member_client.post(url, {"text": "Te vroeg"})
    assert response.status_code == 302
    assert not scenario.minutes.comments.exists()


def _meetings(council, count):
    for number in range(count):
        meeting = MeetingFactory(
            council=council,
            planned_start=timezone.now() + dt.timedelta(days=number + 1),
        )
        for is_public in (True, False):
            AgendaItemFactory(meeting=meeting, is_public=is_public)


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("council:meeting_list", 8),
        ("council:index", 10),
        ("council:advice_list", 8),
        ("council:meetings_ical", 6),
    ],
)
def test_public_lists_use_a_constant_number_of_queries(
    client, council, django_assert_max_num_queries, name, limit
):
    _meetings(council, 2)
    for _ in range(2):
        AdviceFactory(agenda_item__meeting__council=council)
    with django_assert_max_num_queries(limit):
        client.get(reverse(name))
    _meetings(council, 8)
    for _ in range(8):
        AdviceFactory(agenda_item__meeting__council=council)
    with django_assert_max_num_queries(limit):
        assert client.get(reverse(name)).status_code == 200


def test_members_index_uses_a_constant_number_of_queries(
    member_client, council, django_assert_max_num_queries
):
    _meetings(council, 2)
    with django_assert_max_num_queries(16):
        member_client.get(reverse("council:members_index"))
    _meetings(council, 8)
    with django_assert_max_num_queries(16):
        assert member_client.get(reverse("council:members_index")).status_code == 200


def test_meeting_page_uses_a_constant_number_of_queries(
    client, council, django_assert_max_num_queries
):
    meeting = MeetingFactory(council=council, held=True)
    AdviceFactory(agenda_item__meeting=meeting)
    url = reverse("council:meeting_detail", args=[meeting.pk])
    with django_assert_max_num_queries(10):
        client.get(url)
    for _ in range(6):
        AdviceFactory(agenda_item__meeting=meeting)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
