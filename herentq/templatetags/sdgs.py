"""`{{ sdg|sdg_chip }}`: a goal as a chip, always number and name, never colour
alone. A filter rather than an included template: pages show it in loops (a
card per partnership, a row per subsidy), where an include per chip cost more
than the rest of the row."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


CHIP = (
    '<a class="sdg-chip {}" href="{}"><span class="sdg-chip__number">{}</span> {}</a>'
)
COMPACT_CHIP = (
    '<a class="sdg-chip sdg-chip--compact {}" href="{}"><span class="sdg-chip__number">'
    '<span class="visually-hidden">SDG </span>{}</span><span class="sdg-chip__name">{}</span></a>'
)


@lru_cache(maxsize=512)
def _chip(markup, number, css_class, name, language, script_prefix, urlconf):
    """A chip's markup, kept per goal as shown (its name and colour) and per
    language and address of the site: a list of cards or register rows shows the
    same few goals again and again, and each link was a URL reversed anew."""
    return format_html(
        markup, css_class, reverse("sdg_detail", args=[number]), number, name
    )


def _kept_chip(markup, sdg):
    return _chip(
        markup,
        sdg.number,
        sdg.css_class,
        sdg.name,
        get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )


@register.filter
def sdg_chip(sdg):
    return _kept_chip(CHIP, sdg)


@register.filter
def sdg_chip_compact(sdg):
    """A goal in a list: its number on its colour; the name is read by screen
    readers and shown on hover and focus."""
    return _kept_chip(COMPACT_CHIP, sdg)
