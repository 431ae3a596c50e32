"""`{% select field %}`: a bound field's <select>, written in Python.

Django renders a Select through a template per option: a list of filters with
a hundred countries cost more than the page's results. This writes the same
markup (the widget's attributes, the field's id and name, the chosen option)
with `format_html`, for plain single-choice selects.

The options' markup is kept per list of (value, label) pairs (`_options`, a
small per-process memo keyed on the pairs themselves, so it is never stale):
a request only marks its chosen option.
"""

from functools import lru_cache

from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

OPTION = '<option value="{}"{}>{}</option>'


@lru_cache(maxsize=128)
def _options(choices: tuple[tuple[str, str], ...]) -> tuple[list[str], dict]:
    """Each option's markup, unselected, and where each value's options are."""
    markup = [format_html(OPTION, key, "", label) for key, label in choices]
    where: dict[str, list[int]] = {}
    for index, (key, _label) in enumerate(choices):
        where.setdefault(key, []).append(index)
    return markup, where


@register.simple_tag
def select(field):
    value = field.value()
    chosen = "" if value is None else str(value)
    attrs = {**field.field.widget.attrs, "name": field.html_name}
    attrs["id"] = field.auto_id
    # Labels as text in the active language (a lazy label would otherwise key
    # the memo in whichever language it was first read).
    choices = tuple((str(k), str(label)) for k, label in field.field.widget.choices)
    markup, where = _options(choices)
    chosen_at = where.get(chosen)
    if chosen_at:
        markup = list(markup)
        for index in chosen_at:
            markup[index] = format_html(OPTION, chosen, " selected", choices[index][1])
    options = mark_safe("".join(markup))  # noqa: S308  (each option from format_html)
    return format_html("<select{}>{}</select>", flatatt(attrs), options)
