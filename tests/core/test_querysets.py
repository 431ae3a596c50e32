"""herentq/querysets.py: the date hierarchy's periods found through an index, and
the distinct values of an indexed column found by walking it."""

import datetime as dt

import pytest
from django.db.models import QuerySet

from herentq.querysets import distinct_indexed_values
from learning_tracks.models import Enrolment
from subsidies.models import Application
from tests.learning_tracks.factories import EnrolmentFactory, TrackFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def _enrolments(*moments):
    track = TrackFactory()
    for moment in moments:
        EnrolmentFactory(track=track, created_at=moment)
    return track


@pytest.mark.parametrize(
    ("kind", "moments"),
    [
        (
            "year",
            [
                dt.datetime(2016, 3, 1, 12, tzinfo=UTC),
                dt.datetime(2018, 7, 1, 12, tzinfo=UTC),
                # 2022 in Brussels, still 2021 in UTC.
                dt.datetime(2021, 12, 31, 23, 30, tzinfo=UTC),
            ],
        ),
        (
            "month",
            [
                dt.datetime(2024, 1, 31, 23, 30, tzinfo=UTC),  # February in Brussels
                dt.datetime(2024, 5, 3, 8, tzinfo=UTC),
                dt.datetime(2024, 5, 30, 8, tzinfo=UTC),
                dt.datetime(2024, 12, 31, 22, 59, tzinfo=UTC),
            ],
        ),
        (
            "day",
            [
                dt.datetime(2024, 3, 30, 23, 30, tzinfo=UTC),  # the 31st in Brussels
                dt.datetime(2024, 3, 31, 1, 30, tzinfo=UTC),  # DST starts that night
                dt.datetime(2024, 3, 2, 9, tzinfo=UTC),
                dt.datetime(2024, 3, 2, 10, tzinfo=UTC),
                dt.datetime(2024, 3, 15, 10, tzinfo=UTC),
            ],
        ),
    ],
)
def test_periods_found_by_index_are_those_of_the_plain_query(
    kind, moments, django_assert_max_num_queries
):
    track = _enrolments(*moments)
    other = _enrolments(moments[0])
    for enrolments in [
        Enrolment.objects.all(),
        Enrolment.objects.with_waiting_position().with_attendance(),
        Enrolment.objects.filter(track=other),
        Enrolment.objects.filter(track=track).order_by("-created_at").distinct(),
        Enrolment.objects.none(),
        # A filter on the probes' own placeholder bound: compiled per period.
        Enrolment.objects.exclude(created_at=dt.datetime(1, 1, 1, tzinfo=UTC)),
    ]:
        for order in ["ASC", "DESC"]:
            with django_assert_max_num_queries(3):
                found = list(enrolments.datetimes("created_at", kind, order))
            assert found == list(
                QuerySet.datetimes(enrolments, "created_at", kind, order)
            )
    # Each case has periods with and without rows in between.
    assert (
        len(list(QuerySet.datetimes(Enrolment.objects.all(), "created_at", kind))) == 3
    )


def test_many_periods_take_the_plain_query():
    _enrolments(
        dt.datetime(2020, 1, 1, 12, tzinfo=UTC), dt.datetime(2024, 1, 1, 12, tzinfo=UTC)
    )
    days = list(Enrolment.objects.datetimes("created_at", "day"))
    assert [day.year for day in days] == [2020, 2024]


def test_distinct_values_of_an_indexed_column_walk_its_index(
    django_assert_num_queries,
):
    from tests.subsidies.factories import ApplicationFactory

    for country in ["GT", "CD", "GT", "BE", "CD"]:
        ApplicationFactory(country=country)
    with django_assert_num_queries(1):
        assert distinct_indexed_values(Application, "country") == ["BE", "CD", "GT"]
    Application.objects.all().delete()
    assert distinct_indexed_values(Application, "country") == []
