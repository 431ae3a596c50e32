"""iCalendar (RFC 5545) feeds and attachments, built with the icalendar library."""

import datetime as dt
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False


def calendar_bytes(events: list[CalendarEvent], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//HerentQ//Lokaal mondiaal beleid//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    stamp = timezone.now()
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
        event.add("summary", item.summary)
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", item.url)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_response(
    events: list[CalendarEvent], *, name: str, filename: str
) -> HttpResponse:
    response = HttpResponse(
        calendar_bytes(events, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
