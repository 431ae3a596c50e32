"""QuerySet pieces shared by the apps."""

import datetime as dt

from django.db import models
from django.db.models import Max, Min
from django.utils import timezone


class IndexedYearsQuerySet(models.QuerySet):
    """`datetimes(field, "year")` without a pass over every row.

    The admin's date hierarchy asks for the distinct years of all rows on every
    visit of a changelist. For `indexed_year_field` (which must be indexed), the
    first row of each year between the first and the last one is found through the
    index — a few tiny queries instead of truncating 100 000 timestamps — and only
    those rows are truncated.
    """

    indexed_year_field = ""

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        field = self.indexed_year_field
        if kind != "year" or field_name != field:
            return super().datetimes(field_name, kind, order, tzinfo)
        tz = tzinfo or timezone.get_current_timezone()
        bounds = self.aggregate(first=Min(field), last=Max(field))
        firsts = []
        if bounds["first"] is not None:
            first = timezone.localtime(bounds["first"], tz).year
            last = timezone.localtime(bounds["last"], tz).year
            for year in range(first, last + 1):
                firsts.append(
                    self.filter(
                        **{
                            f"{field}__gte": dt.datetime(year, 1, 1, tzinfo=tz),
                            f"{field}__lt": dt.datetime(year + 1, 1, 1, tzinfo=tz),
                        }
                    )
                    .order_by(field)
                    .values_list("pk", flat=True)[:1]
                )
        pks = list(firsts[0].union(*firsts[1:], all=True)) if firsts else []
        rows = self.model._base_manager.filter(pk__in=pks)
        return models.QuerySet.datetimes(rows, field_name, kind, order, tzinfo)
