"""The API's filters: the pages' own filter sets where a page has one."""

import django_filters
from django.utils.translation import gettext_lazy as _

from council.filters import YearFilter
from subsidies.models import Application


class GrantFilter(django_filters.FilterSet):
    """The register's year, as on /subsidies/register/<jaar>/."""

    jaar = YearFilter(
        label=_("Jaar van de beslissing"),
        field_name="decision_date",
        lookup_expr="year",
        min_value=1900,
        max_value=2999,
    )
    land = django_filters.CharFilter(
        label=_("Land (ISO 3166-1 alpha-2)"), field_name="country", max_length=2
    )
    sdg = django_filters.NumberFilter(
        label=_("SDG"), field_name="sdgs", min_value=1, max_value=17
    )

    class Meta:
        model = Application
        fields = ["jaar", "land", "sdg"]
