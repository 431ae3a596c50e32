"""`{{ sdg|sdg_chip }}`: a goal as a chip, always number and name, never colour
alone. A filter rather than an included template: pages show it in loops (a
card per partnership, a row per subsidy), where an include per chip cost more
than the rest of the row."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def sdg_chip(sdg):
    return format_html(
        '<a class="sdg-chip {}" href="{}"><span class="sdg-chip__number">{}</span> {}</a>',
        sdg.css_class,
        sdg.get_absolute_url(),
        sdg.number,
        sdg.name,
    )


@register.filter
def sdg_chip_compact(sdg):
    """A goal in a list: its number on its colour; the name is read by screen
    readers and shown on hover and focus."""
    return format_html(
        '<a class="sdg-chip sdg-chip--compact {}" href="{}"><span class="sdg-chip__number">'
        '<span class="visually-hidden">SDG </span>{}</span><span class="sdg-chip__name">{}</span></a>',
        sdg.css_class,
        sdg.get_absolute_url(),
        sdg.number,
        sdg.name,
    )
