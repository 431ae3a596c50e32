import django_filters
from django.utils.translation import gettext_lazy as _

from herentq.models import SDG
from learning_tracks.constants import TrackStatus
from learning_tracks.models import Track


class TrackFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Fase"), choices=TrackStatus.choices, empty_label=_("Alle fasen")
    )
    sdg = django_filters.ModelChoiceFilter(
        label=_("SDG"),
        queryset=SDG.objects.all(),
        field_name="sdgs",
        to_field_name="number",
        empty_label=_("Alle SDG's"),
    )

    class Meta:
        model = Track
        fields = ["status"]
