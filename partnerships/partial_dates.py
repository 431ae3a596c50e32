"""Dates known as precisely as the sources give them: "2011", "maart 2018", "7 mei 2019".

A partial date is stored as two columns: the first day of the period it names (so
that sorting by the column sorts correctly) and its precision. It is shown as given
and exported in ISO 8601 with reduced precision ("2011", "2018-03", "2019-05-07"),
which is also a valid HTML `<time datetime>`.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from partnerships.constants import DatePrecision

MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "maa": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

_YEAR = r"(?P<year>\d{4})"
_PATTERNS = [
    (re.compile(rf"^{_YEAR}$"), DatePrecision.YEAR),
    (re.compile(rf"^{_YEAR}-(?P<month>\d{{1,2}})$"), DatePrecision.MONTH),
    (re.compile(rf"^(?P<month>\d{{1,2}})[/.-]{_YEAR}$"), DatePrecision.MONTH),
    (re.compile(rf"^(?P<monthname>[a-z]+)\.? {_YEAR}$"), DatePrecision.MONTH),
    (
        re.compile(rf"^{_YEAR}-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})$"),
        DatePrecision.DAY,
    ),
    (
        re.compile(rf"^(?P<day>\d{{1,2}})[/.-](?P<month>\d{{1,2}})[/.-]{_YEAR}$"),
        DatePrecision.DAY,
    ),
    (
        re.compile(rf"^(?P<day>\d{{1,2}}) (?P<monthname>[a-z]+)\.? {_YEAR}$"),
        DatePrecision.DAY,
    ),
]


@dataclass(frozen=True, order=True)
class PartialDate:
    """The first day of a year, month or day, and which of the three it names."""

    date: dt.date
    precision: str

    def __post_init__(self):
        if self.precision not in DatePrecision.values:
            raise ValueError(f"unknown precision {self.precision!r}")
        if self.precision == DatePrecision.YEAR and (
            self.date.month,
            self.date.day,
        ) != (
            1,
            1,
        ):
            raise ValueError("a year is stored as its first day")
        if self.precision == DatePrecision.MONTH and self.date.day != 1:
            raise ValueError("a month is stored as its first day")

    def __str__(self) -> str:
        if self.precision == DatePrecision.YEAR:
            return str(self.date.year)
        if self.precision == DatePrecision.MONTH:
            return date_format(self.date, "F Y")
        return date_format(self.date, "j F Y")

    def isoformat(self) -> str:
        if self.precision == DatePrecision.YEAR:
            return f"{self.date.year:04d}"
        if self.precision == DatePrecision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    @property
    def last_day(self) -> dt.date:
        """The last day of the period, to compare with another partial date."""
        if self.precision == DatePrecision.YEAR:
            return dt.date(self.date.year, 12, 31)
        if self.precision == DatePrecision.MONTH:
            following = (self.date.replace(day=28) + dt.timedelta(days=4)).replace(
                day=1
            )
            return following - dt.timedelta(days=1)
        return self.date

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read "2011", "maart 2018", "3/2018", "7 mei 2019", "7/5/2019" or ISO."""
        value = " ".join(str(text).strip().lower().split())
        for pattern, precision in _PATTERNS:
            match = pattern.match(value)
            if not match:
                continue
            parts = match.groupdict()
            year = int(parts["year"])
            if parts.get("monthname"):
                month = MONTHS.get(parts["monthname"])
                if month is None:
                    break
            else:
                month = int(parts.get("month") or 1)
            day = int(parts.get("day") or 1)
            try:
                return cls(dt.date(year, month, day), precision)
            except ValueError:
                break
        raise ValidationError(
            _(
                "Geef een jaar (2011), een maand (maart 2018) of een dag "
                "(7 mei 2019) op."
            ),
            code="invalid_partial_date",
        )

    @classmethod
    def from_fields(cls, date: dt.date | None, precision: str) -> "PartialDate | None":
        if date is None or not precision:
            return None
        return cls(date, precision)


def partial_date_constraints(field: str, *, prefix: str) -> list[models.BaseConstraint]:
    """The date column and its precision are set together and agree."""
    precision = f"{field}_precision"
    return [
        models.CheckConstraint(
            condition=(Q(**{f"{field}__isnull": True}) & Q(**{precision: ""}))
            | (
                Q(**{f"{field}__isnull": False})
                & Q(**{f"{precision}__in": DatePrecision.values})
            ),
            name=f"{prefix}_{field}_precision_set",
        ),
        models.CheckConstraint(
            condition=~Q(**{precision: DatePrecision.YEAR})
            | Q(**{f"{field}__month": 1, f"{field}__day": 1}),
            name=f"{prefix}_{field}_year_first_day",
        ),
        models.CheckConstraint(
            condition=~Q(**{precision: DatePrecision.MONTH})
            | Q(**{f"{field}__day": 1}),
            name=f"{prefix}_{field}_month_first_day",
        ),
    ]


def precision_field(verbose_name) -> models.CharField:
    return models.CharField(
        verbose_name,
        max_length=5,
        choices=DatePrecision.choices,
        blank=True,
    )
