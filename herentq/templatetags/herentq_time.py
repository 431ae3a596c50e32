"""`{{ value|html_datetime }}`: the machine-readable date of every `<time datetime>`.

Django's `date:'c'` writes microseconds ("19:25:40.384085+01:00"), where HTML allows
at most three digits of fractions of a second; a visitor never needs them, so a
moment is given to the second. One filter for every kind of value the templates show:

- a moment (aware datetime): in the current time zone, "2026-12-06T19:25:40+01:00";
- a day: "2026-12-06";
- a partial date (partnerships.partial_dates): as precise as known, "2011", "2018-03".
"""

import datetime as dt

from django.template import Library

from herentq import languages

register = Library()


@register.filter(expects_localtime=True, is_safe=True)
def html_datetime(value) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime):
        value = value.replace(microsecond=0)
    return value.isoformat()


@register.filter
def moment(value, style: str = "") -> str:
    """`{{ value|moment }}` "6 december 2026, 14.30" in the page's language
    (herentq.languages.format_moment); `|moment:"weekday"` adds the day's name,
    `|moment:"no-year"` leaves the year out."""
    if value in (None, ""):
        return ""
    return languages.format_moment(
        value, weekday=style == "weekday", year=style != "no-year"
    )


@register.filter
def clock(value) -> str:
    """`{{ value|clock }}`: the time of day in the page's language ("14.30", "14:30")."""
    if value in (None, ""):
        return ""
    return languages.format_clock(value)
