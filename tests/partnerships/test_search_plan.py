"""The list's search reads its candidates from the indexes, never every row.

At test volume the planner would rightly read the few rows; `SET LOCAL
enable_seqscan = off` (only here) proves the query's shape lets it use the
trigram and full-text indexes, which it does at bench volume (see
partnerships/migrations/0009). What the search finds is tested in test_list.py.
"""

import pytest
from django.db import connection, transaction

from partnerships import selectors
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def search_plan(text: str) -> str:
    queryset = selectors.partnerships_matching(
        Partnership.objects.published(), text
    ).order_by("-search_rank", "title")[:20]
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize(
    "text", ["onderwijs", "radio", "Nimlahakock", "burgerlijke standen"]
)
def test_search_candidates_come_from_the_trigram_and_fulltext_indexes(nimlahakok, text):
    plan = search_plan(text)
    assert "Bitmap Index Scan on partnership_search_trgm" in plan
    assert "Bitmap Index Scan on partnership_search_gin" in plan
    assert "Seq Scan on partnerships_partnership" not in plan
    # The two matches are found apart (a UNION): in one OR, the planner would
    # rather test the word similarity of every row than read both indexes.
    assert not any("%>" in line and "@@" in line for line in plan.splitlines())


def test_search_text_has_no_planner_statistics(db):
    # A histogram of whole documents made the planner read every row.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute WHERE attrelid ="
            " 'partnerships_partnership'::regclass AND attname = 'search_text'"
        )
        assert cursor.fetchone()[0] == 0
