import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from herentq.ical import CalendarEvent, calendar_response
from herentq.pdf import render_pdf


def test_ical_feed_is_valid_rfc5545_with_one_event_per_item():
    start = timezone.make_aware(dt.datetime(2026, 12, 3, 19, 30))
    response = calendar_response(
        [
            CalendarEvent(
                uid="meeting-1@herentq",
                start=start,
                end=start + dt.timedelta(hours=2),
                summary="Vergadering GROSH",
                location="De Kouter, Herent",
            )
        ],
        name="GROSH",
        filename="grosh.ics",
    )
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Vergadering GROSH"]
    assert events[0].decoded("DTSTART") == start
    assert str(calendar["VERSION"]) == "2.0"
    assert "PRODID" in calendar


@pytest.mark.django_db
def test_pdf_is_rendered_from_a_template(tmp_path, settings):
    template = tmp_path / "doc.html"
    template.write_text(
        '{% extends "pdf/base.html" %}{% block content %}<h1>Ontvangstbewijs'
        "</h1>{% endblock %}"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    content = render_pdf("doc.html", {})
    assert content.startswith(b"%PDF-")
