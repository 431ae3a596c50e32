"""The site-wide search reads its candidates from indexes, never every row.

At test volume the planner would rightly read the few rows; `SET LOCAL
enable_seqscan = off` (only here) proves the queries' shape lets it use the
trigram and full-text indexes, as it does at bench volume (see
council/migrations/0006 and subsidies/migrations/0010). What the search finds
is tested in test_site_search.py.
"""

import pytest
from django.db import connection, transaction
from django.db.models import Count, Window

from herentq import sitesearch
from herentq.search import suggestion_threshold

pytestmark = pytest.mark.django_db

# kind: (its table, its trigram index, its full-text index, its title index)
INDEXED_KINDS = {
    "vergaderingen": (
        "council_agendaitem",
        "council_item_search_trgm",
        "council_item_search",
        "council_item_title_trgm",
    ),
    "verslagen": (
        "council_minutesversionentry",
        "council_minutes_trgm",
        "council_minutes_search",
        "council_minutes_title_trgm",
    ),
    "adviezen": (
        "council_advice",
        "council_advice_trgm",
        "council_advice_search",
        "council_advice_title_trgm",
    ),
    # Partial indexes: the register's published rows only.
    "subsidieregister": (
        "subsidies_application",
        "application_register_trgm",
        "application_register_search",
        "application_register_trgm",
    ),
}


def plan_of(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("key", INDEXED_KINDS)
@pytest.mark.parametrize("text", ["onderwijs", "Nimlahakock", "burgerlijke standen"])
def test_a_kind_finds_its_candidates_in_its_indexes(key, text):
    table, trigram, fulltext, _title = INDEXED_KINDS[key]
    kind = sitesearch.kind_by_key(key)
    # What the results page reads: the first results and their count.
    preview = sitesearch.matching(kind, text).annotate(total=Window(Count("pk")))
    plan = plan_of(preview[: sitesearch.PREVIEW_SIZE])
    if key == "subsidieregister":
        # At test volume the planner reads the register's few rows through its
        # smallest partial index (at bench volume through the trigram and
        # full-text ones): either way an index of the published rows only.
        assert "on subsidies_application u0" in plan
        assert "Index Scan using application_register" in plan
    else:
        assert f"Bitmap Index Scan on {trigram}" in plan
        assert f"Bitmap Index Scan on {fulltext}" in plan
    assert f"Seq Scan on {table}" not in plan
    # The two matches are found apart (a UNION), each through its index.
    assert not any("%>" in line and "@@" in line for line in plan.splitlines())


@pytest.mark.parametrize("key", INDEXED_KINDS)
def test_the_suggestion_finds_titles_through_a_trigram_index(key):
    table = INDEXED_KINDS[key][0]
    kind = sitesearch.kind_by_key(key)
    with suggestion_threshold():
        plan = plan_of(sitesearch.closest_titles(kind, "onderwys")[:1])
    # The titles are compared with `%>`, which their trigram index answers
    # (at test volume the planner rather starts from the few rows of another
    # index; at bench volume it reads the title index).
    assert "%> 'onderwys'" in plan
    assert f"Seq Scan on {table}" not in plan


def test_the_suggestion_threshold_is_put_back(db):
    def threshold() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT word_similarity('', '')")
            cursor.execute("SHOW pg_trgm.word_similarity_threshold")
            return cursor.fetchone()[0]

    # Inside a request's transaction as outside one, later searches keep
    # pg_trgm's own threshold.
    before = threshold()
    with transaction.atomic():
        sitesearch.suggestion("Nimlahakock")
        assert threshold() == before
    sitesearch.suggestion("Nimlahakock")
    assert threshold() == before
