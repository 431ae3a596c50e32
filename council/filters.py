import re

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from council.constants import AdviceOutcome, FollowUpStatus
from council.models import Advice


class NumberOnlyInput(forms.NumberInput):
    """A number field that shows back only a number. HTML allows no other value (a
    browser empties the field anyway), so a refused one from the address, such as
    ?year=twaalf, is said in the error next to the empty field."""

    NUMBER = re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?")

    def format_value(self, value):
        value = super().format_value(value)
        return value if value and self.NUMBER.fullmatch(value) else None


class YearFilter(django_filters.NumberFilter):
    """A whole year within reach of the calendar (a date lookup with any other
    number would fail in the database)."""

    field_class = forms.IntegerField


class AdviceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Onderwerp bevat"),
        field_name="subject_text",
        lookup_expr="icontains",
        max_length=200,
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Strekking"), choices=AdviceOutcome.choices, empty_label=_("Alle")
    )
    followup_status = django_filters.ChoiceFilter(
        label=_("Opvolging"),
        choices=[("none", _("nog niet beslist")), *FollowUpStatus.choices],
        empty_label=_("Alle"),
        method="filter_followup",
    )
    year = YearFilter(
        label=_("Jaar"),
        field_name="agenda_item__meeting__planned_start",
        lookup_expr="year",
        min_value=1900,
        max_value=2999,
        widget=NumberOnlyInput,
    )

    class Meta:
        model = Advice
        fields = ["q", "outcome", "followup_status", "year"]

    def filter_followup(self, queryset, name, value):
        if value == "none":
            return queryset.filter(followup_status="")
        return queryset.filter(followup_status=value)

    @property
    def form(self):
        """Bootstrap classes, and each error linked to its field."""
        form = super().form
        for name, field in form.fields.items():
            css = (
                "form-select" if field.widget.input_type == "select" else "form-control"
            )
            field.widget.attrs.setdefault("class", css)
            if form.is_bound and name in form.errors:
                field.widget.attrs["aria-describedby"] = f"id_{name}_error"
                field.widget.attrs["aria-invalid"] = "true"
        return form
