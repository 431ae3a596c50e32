import django_filters
from django.utils.translation import gettext_lazy as _

from council.constants import AdviceOutcome, FollowUpStatus
from council.models import Advice


class AdviceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Onderwerp bevat"), field_name="subject_text", lookup_expr="icontains"
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
    year = django_filters.NumberFilter(
        label=_("Jaar"),
        field_name="agenda_item__meeting__planned_start",
        lookup_expr="year",
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
        form = super().form
        for field in form.fields.values():
            css = (
                "form-select" if field.widget.input_type == "select" else "form-control"
            )
            field.widget.attrs.setdefault("class", css)
        return form
