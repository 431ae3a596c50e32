"""The filters of the applications list, each reading as little as it can."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from herentq.admin import YearListFilter
from herentq.querysets import distinct_indexed_values
from subsidies import selectors
from subsidies.models import Application, Call


class YearFilter(admin.SimpleListFilter):
    title = _("begrotingsjaar")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Call.objects.order_by("-year").values_list("year", flat=True).distinct()
        return [(year, year) for year in years]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(call__year=self.value())
        return queryset


class SubmittedYearFilter(YearListFilter):
    """The years with a submission (the list is too long for a date hierarchy)."""

    title = _("jaar van indiening")
    field_name = "submitted_at"


class CountryFilter(admin.SimpleListFilter):
    title = _("land")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        from django_countries import countries

        # The countries with a file, found by walking the country index (a
        # `DISTINCT` would read an entry per file on every visit of the list).
        codes = distinct_indexed_values(Application, "country")
        return sorted(
            ((code, countries.name(code)) for code in codes if code),
            key=lambda c: c[1],
        )

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(country=self.value())
        return queryset


class CallFilter(admin.RelatedFieldListFilter):
    """Every call, named with its scheme, in one query (not one per call) that
    reads the names, not the texts of every call and scheme."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin) or [
            "-opens_at"
        ]
        calls = (
            Call.objects.select_related("scheme")
            .only("title", "scheme__name")
            .order_by(*ordering)
        )
        return [(call.pk, str(call)) for call in calls]


class PartnershipFilter(admin.SimpleListFilter):
    """The partnerships that have files: one probe of the index per partnership
    instead of a pass over every file."""

    title = _("partnerschap")
    parameter_name = "partnership"

    def lookups(self, request, model_admin):
        from partnerships.models import Partnership

        linked = (
            Partnership.objects.filter(
                Exists(Application.objects.filter(partnership=OuterRef("pk")))
            )
            .only("title")
            .order_by("title")
        )
        return [(partnership.pk, str(partnership)) for partnership in linked]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(partnership_id=self.value())
        return queryset


class RecentYearFilter(admin.SimpleListFilter):
    """This year and the two before, offered without a query (the dashboard's
    turnaround chart links here)."""

    def lookups(self, request, model_admin):
        this_year = timezone.localdate().year
        return [(str(year), str(year)) for year in range(this_year, this_year - 3, -1)]

    def year(self) -> int | None:
        if self.value() is None:
            return None
        if not self.value().isdigit():
            raise IncorrectLookupParameters(self.value())
        return int(self.value())


class DecisionYearFilter(RecentYearFilter):
    title = _("jaar van beslissing")
    parameter_name = "beslist"

    def queryset(self, request, queryset):
        year = self.year()
        if year is None:
            return queryset
        return queryset.filter(decision_date__year=year)


class FirstPaymentYearFilter(RecentYearFilter):
    title = _("jaar van eerste betaling")
    parameter_name = "eerste_betaling"

    def queryset(self, request, queryset):
        year = self.year()
        if year is None:
            return queryset
        return queryset.annotate(
            first_paid_on=selectors.first_payment_subquery()
        ).filter(first_paid_on__year=year)
