"""The rows of an admin changelist, rendered with the work per column done once.

Django's `result_list` tag (`django.contrib.admin.templatetags.admin_list`) works
out everything about a column again for every cell: it looks the name up as a
model field (an exception for every computed column), rebuilds the dict of a
field's choices, asks the staticfiles storage for the URL of a boolean's icon,
reverses the change URL and merges the preserved filters, formats the CSS class
and wraps each cell with `format_html`; the template then renders every cell as a
separate variable. On a page of 100 rows that was half of a changelist's CPU time.

`result_list(cl)` below returns the same context as Django's, with the same HTML
per row (tests/core/test_admin_list.py renders every registered changelist both
ways and compares them): per column it decides once how the value is found and
shown, per cell it only calls that; each row is one string. Pages with
`list_editable` forms or opened as a popup keep Django's own rendering.

Used by templates/admin/change_list.html for every changelist.
"""

import datetime

from django.contrib.admin import ModelAdmin, helpers
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
)
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

_PK = "HERENTQ-PK-PLACEHOLDER"
_STRINGS = (str, SafeString)
_DATES = (datetime.date, datetime.time)
_NOWRAP_FIELDS = (models.DateField, models.TimeField, models.ForeignKey)
_TEXT_FIELDS = (models.CharField, models.TextField)
_LINK_FIELDS = (models.URLField,)  # shown as a link, when its scheme is safe
_WHOLE_NUMBER_FIELDS = (models.IntegerField,)


def result_list(cl) -> dict:
    """The context of `change_list_results.html`, as Django's `result_list`."""
    if cl.formset is not None or cl.is_popup:
        return admin_list.result_list(cl)
    headers = list(admin_list.result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": [],
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": [
            admin_list.ResultList(None, [row]) for row in _rows(cl, cl.result_list)
        ],
    }


def _rows(cl, results):
    empty = cl.model_admin.get_empty_value_display()
    columns = _columns(cl, empty)
    change_url = _ChangeUrl(cl)
    for result in results:
        row = _Row(result)
        yield mark_safe("".join([column.cell(row, change_url) for column in columns]))


class _Row:
    """A result and its text, made once for the checkbox's label and `__str__`."""

    __slots__ = ("obj", "_text")

    def __init__(self, obj):
        self.obj = obj
        self._text = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = str(self.obj)
        return self._text


def _columns(cl, empty) -> list:
    columns, first = [], True
    for index, name in enumerate(cl.list_display):
        if cl.list_display_links is None:
            link = False
        elif first and not cl.list_display_links:
            link = True
        else:
            link = name in cl.list_display_links
        tag = "th" if link and first else "td"
        if link:
            first = False
        columns.append(_Column(cl, name, index, empty, link=link, tag=tag))
    return columns


class _ChangeUrl:
    """The change URL of a row, preserved filters included.

    Reversed once with a placeholder for the primary key; a key that is not an
    integer, a URL the placeholder does not survive or a ChangeList with its own
    `url_for_result` takes Django's way."""

    def __init__(self, cl):
        self.cl = cl
        self.context = {"preserved_filters": cl.preserved_filters, "opts": cl.opts}
        self.template = None
        if type(cl).url_for_result is not ChangeList.url_for_result:
            return
        name = f"admin:{cl.opts.app_label}_{cl.opts.model_name}_change"
        try:
            url = reverse(name, args=(_PK,), current_app=cl.model_admin.admin_site.name)
        except NoReverseMatch:
            return
        url = add_preserved_filters(self.context, url)
        if url.count(_PK) == 1:
            self.template = url

    def __call__(self, result) -> str:
        """The URL, or raise NoReverseMatch."""
        pk = getattr(result, self.cl.pk_attname)
        if self.template is not None and type(pk) is int:
            return self.template.replace(_PK, str(pk))
        return add_preserved_filters(self.context, self.cl.url_for_result(result))


class _Column:
    """One entry of `list_display`: how its cells are found and shown."""

    def __init__(self, cl, name, index, empty, *, link: bool, tag: str):
        self.model_admin = cl.model_admin
        self.name = name
        self.empty = empty
        self.link = link
        self.tag = tag
        # The class of a cell whose lookup raised ObjectDoesNotExist, and of the
        # others (Django changes it for the checkbox and for dates, times and
        # foreign keys).
        self.error_classes = f"field-{admin_list._coerce_field_name(name, index)}"
        self.classes = self.error_classes
        self.field = self.attr = self.choices = None
        self.boolean_icons, self.numbers = {}, {}
        try:
            self.field = _get_non_gfk_field(cl.opts, name)
        except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
            if callable(name):
                self.attr = name
            elif hasattr(cl.model_admin, name) and name != "__str__":
                self.attr = getattr(cl.model_admin, name)
        field = self.field
        if field is None or field.auto_created:
            if name == "action_checkbox":
                self.classes = "action-checkbox"
            if field is not None:
                self.kind = "value"
            elif name == "action_checkbox" and _renders_the_checkbox(cl.model_admin):
                self.kind = "checkbox"
                self.checkbox_label = gettext("Select this object for an action - {}")
            elif self.attr is not None:
                self.kind = "computed"
                self.value_empty, self.boolean = _display_options(self.attr, empty)
            elif name == "__str__":
                self.kind = "str"
                attr = cl.model.__str__
                self.value_empty, self.boolean = _display_options(attr, empty)
            else:
                # A model attribute, property or related lookup: lookup_field's
                # answer may differ per row, so it is asked per row.
                self.kind = "lookup"
            return
        if isinstance(field, _NOWRAP_FIELDS):
            self.classes += " nowrap"
        if isinstance(field.remote_field, models.ManyToOneRel):
            self.kind = "relation"
            return
        # display_for_field's branches, chosen once: choices, a boolean, plain
        # text, a whole number, or anything else (Django's function per cell).
        self.kind = "field"
        if getattr(field, "flatchoices", None):
            try:
                choices = dict(field.flatchoices)
            except TypeError:  # list-like choices: Django's way, per cell
                pass
            else:  # the labels translated and escaped once
                self.kind = "choices"
                self.choices = {
                    value: conditional_escape(label) for value, label in choices.items()
                }
        elif isinstance(field, models.BooleanField):
            self.kind = "boolean"
        elif isinstance(field, _TEXT_FIELDS) and not isinstance(field, _LINK_FIELDS):
            self.kind = "text"
        elif isinstance(field, _WHOLE_NUMBER_FIELDS):
            self.kind = "number"

    def cell(self, row, change_url) -> str:
        result = row.obj
        try:
            html, nowrap = self.html(row)
        except ObjectDoesNotExist:
            html, classes = self.empty, self.error_classes
        else:
            classes = f"{self.classes} nowrap" if nowrap else self.classes
        if not self.link:
            return f'<td class="{classes}">{conditional_escape(html)}</td>'
        try:
            url = change_url(result)
        except NoReverseMatch:
            content = conditional_escape(html)
        else:
            content = (
                f'<a href="{conditional_escape(url)}">{conditional_escape(html)}</a>'
            )
        return f'<{self.tag} class="{classes}">{content}</{self.tag}>'

    def html(self, row):
        """What the cell shows, and whether it must not wrap (a date or a time)."""
        kind, result = self.kind, row.obj
        if kind == "checkbox":
            # ModelAdmin.action_checkbox's markup (a CheckboxInput, unchecked).
            label = self.checkbox_label.format(conditional_escape(row.text))
            html = (
                f'<input type="checkbox" name="{helpers.ACTION_CHECKBOX_NAME}" '
                f'value="{conditional_escape(str(result.pk))}" class="action-select" '
                f'aria-label="{label}">'
            )
            return mark_safe(html), False
        if kind == "str":
            return self.shown(row.text, self.value_empty, self.boolean)
        if kind == "computed":
            return self.shown(self.attr(result), self.value_empty, self.boolean)
        if kind == "lookup":
            _field, attr, value = lookup_field(self.name, result, self.model_admin)
            return self.shown(value, *_display_options(attr, self.empty))
        value = getattr(result, self.name)
        if kind == "value":
            return self.shown(value, self.empty, False)
        if kind == "relation":
            return (self.empty if value is None else value), False
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if kind == "choices":
            try:
                return self.choices.get(value, self.empty), False
            except TypeError:  # an unhashable value: Django's way below
                pass
        if kind == "boolean":
            return self.icon(value), False
        if kind == "text" and type(value) is str:
            empty = value == "" or value in self.field.empty_values
            return (self.empty if empty else value), False
        if kind == "number" and type(value) is int:
            return self.number(value), False
        shown = display_for_field(value, self.field, self.empty, avoid_link=self.link)
        return shown, False

    def shown(self, value, empty, boolean):
        """display_for_value's answer, with its common cases made cheap."""
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if boolean:
            return self.icon(value), False
        if type(value) in _STRINGS:
            return (value if value != "" else empty), False
        if isinstance(value, Promise):  # a lazy label: translated once, not per test
            text = str(value)
            return (text if text != "" else empty), False
        if type(value) is int:
            return self.number(value), False
        return display_for_value(value, empty, boolean), isinstance(value, _DATES)

    def number(self, value: int) -> str:
        """A whole number as Django localises it, once per value and page."""
        if value not in self.numbers:
            self.numbers[value] = formats.number_format(value)
        return self.numbers[value]

    def icon(self, value):
        """The boolean's icon; the three usual ones are made once per page."""
        if value is not True and value is not False and value is not None:
            return admin_list._boolean_icon(value)
        if value not in self.boolean_icons:
            self.boolean_icons[value] = admin_list._boolean_icon(value)
        return self.boolean_icons[value]


def _renders_the_checkbox(model_admin) -> bool:
    """Whether the admin's checkbox is Django's (or the same markup, faster)."""
    from herentq.admin import QuickActionCheckboxMixin

    method = type(model_admin).action_checkbox
    return method in (
        ModelAdmin.action_checkbox,
        QuickActionCheckboxMixin.action_checkbox,
    )


def _display_options(attr, empty):
    """The empty value and the boolean flag of a computed column, as Django's."""
    boolean = getattr(attr, "boolean", False)
    if isinstance(attr, property) and hasattr(attr, "fget"):
        boolean = getattr(attr.fget, "boolean", False)
    return getattr(attr, "empty_value_display", empty), boolean
