"""`{% select field %}`: a bound field's <select>, written in Python.

Django renders a Select through a template per option: a list of filters with
a hundred countries cost more than the page's results. This writes the same
markup (the widget's attributes, the field's id and name, the chosen option)
with `format_html`, for plain single-choice selects.
"""

from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def select(field):
    value = field.value()
    chosen = "" if value is None else str(value)
    attrs = {**field.field.widget.attrs, "name": field.html_name}
    attrs["id"] = field.auto_id
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (key, " selected" if key == chosen else "", label)
            for key, label in ((str(k), lbl) for k, lbl in field.field.widget.choices)
        ),
    )
    return format_html("<select{}>{}</select>", flatatt(attrs), options)
