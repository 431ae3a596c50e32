"""herentq/querysets.py: the distinct values of an indexed column found by walking
it."""

import pytest

from herentq.querysets import distinct_indexed_values
from subsidies.models import Application

pytestmark = pytest.mark.django_db


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
