import django_filters
from django.utils.translation import gettext_lazy as _

from learning_tracks.constants import TrackStatus
from learning_tracks.models import Track


class TrackFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Fase"), choices=TrackStatus.choices, empty_label=_("Alle fasen")
    )

    class Meta:
        model = Track
        fields = ["status"]
