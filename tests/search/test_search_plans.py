"""The site-wide search reads its candidates from indexes, never every row.

At test volume the planner would rightly read the few rows; `SET LOCAL
enable_seqscan = off` (only here) proves the queries' shape lets it use the
trigram and full-text indexes of the search entries (herentq migration 0014),
as it does at bench volume. What the search finds is tested in
test_site_search.py.
"""

import re

import pytest
from django.db import connection, transaction

from herentq import sitesearch
from herentq.search import query_words, suggestion_threshold

pytestmark = pytest.mark.django_db

# The kinds' own tables of some size: each entry's publication is checked
# through its item's key, never by reading a whole table.
KIND_TABLES = [
    "partnerships_partnership",
    "partnerships_partnerplace",
    "council_agendaitem",
    "council_minutesversionentry",
    "council_advice",
    "subsidies_application",
    "learning_tracks_session",
]


def plan_of(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def assert_read_through_the_entries_indexes(plan: str):
    # The two matches are found apart (a UNION), each through its index, and
    # the entries then read by their key from that list.
    assert "Bitmap Index Scan on herentq_search_entry_text_trgm" in plan
    assert "Bitmap Index Scan on herentq_search_entry_vector" in plan
    assert not any("%>" in line and "@@" in line for line in plan.splitlines())
    assert re.search(r"\(id = ANY \(\$\d+\)\)", plan)
    assert "Seq Scan on herentq_search_entry" not in plan
    # Matching and ranking read the stored texts: no entry's text is
    # normalised again (the typed words are, once, before planning).
    assert "herentq_search_text(" not in plan
    # A typo is resolved to the close known words first (a small table: at
    # bench volume through its trigram index; at test volume, once the table's
    # few rows have statistics, the planner may read its primary key instead);
    # no stored text is compared by word similarity.
    assert re.search(r"on herentq_search_word\b", plan)
    assert "search_text %>" not in plan
    assert "search_title %>" not in plan


@pytest.mark.parametrize("text", ["onderwijs", "Nimlahakock", "burgerlijke standen"])
def test_every_kind_is_searched_in_one_query_through_the_entries_indexes(text):
    plan = plan_of(sitesearch.ranked_entries(text, sitesearch.kinds()))
    assert_read_through_the_entries_indexes(plan)
    for table in KIND_TABLES:
        assert f"Seq Scan on {table}" not in plan


@pytest.mark.parametrize("key", [kind.key for kind in sitesearch.kinds()])
def test_a_kinds_page_reads_its_matches_from_the_entries(key):
    kind = sitesearch.kind_by_key(key)
    plan = plan_of(sitesearch.matching(kind, "Nimlahakock")[:20])
    assert_read_through_the_entries_indexes(plan)
    # Only this kind's entries are ranked, each read by its kind and key; the
    # match runs once (the rank of a found item reads its entry alone).
    assert f"(kind)::text = '{key}'::text" in plan
    assert plan.count("Bitmap Index Scan on herentq_search_entry_vector") == 1
    for table in KIND_TABLES:
        assert f"Seq Scan on {table}" not in plan


def test_the_suggestion_finds_titles_through_a_trigram_index():
    with suggestion_threshold():
        plan = plan_of(
            sitesearch.closest_entries(query_words("onderwys"), sitesearch.kinds())[:1]
        )
    # The titles are compared with `%>`, which their trigram index answers.
    assert "%> 'onderwys'" in plan
    assert "Seq Scan on herentq_search_entry" not in plan


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
