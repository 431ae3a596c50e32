"""The site-wide search reads its candidates from indexes, never every row.

At test volume the planner would rightly read the few rows; `SET LOCAL
enable_seqscan = off` (only here) proves the queries' shape lets it use the
trigram and full-text indexes, as it does at bench volume (see
council/migrations/0007 and subsidies/migrations/0011). What the search finds
is tested in test_site_search.py.
"""

import re

import pytest
from django.db import connection, transaction
from django.db.models import Count, Window

from herentq import sitesearch
from herentq.search import suggestion_threshold

pytestmark = pytest.mark.django_db

# kind: (its table, its trigram index, its full-text index, its title index),
# all on the stored columns the database computes (council 0007, subsidies
# 0011, learning_tracks 0006, partnerships 0010).
INDEXED_KINDS = {
    "vergaderingen": (
        "council_agendaitem",
        "council_item_site_text_trgm",
        "council_item_site_vector",
        "council_item_site_title_trgm",
    ),
    "verslagen": (
        "council_minutesversionentry",
        "council_minutes_site_text_trgm",
        "council_minutes_site_vector",
        "council_minutes_site_title_trgm",
    ),
    "adviezen": (
        "council_advice",
        "council_advice_site_text_trgm",
        "council_advice_site_vector",
        "council_advice_site_title_trgm",
    ),
    # Partial indexes: the register's published rows only.
    "subsidieregister": (
        "subsidies_application",
        "application_register_title_trgm",
        "application_register_vector",
        "application_register_title_trgm",
    ),
    # No full-text vector: the trigram index of the stored text alone.
    "partnerplaatsen": (
        "partnerships_partnerplace",
        "place_site_text_trgm",
        None,
        "place_site_title_trgm",
    ),
    "leertrajecten": (
        "learning_tracks_track",
        "track_site_text_trgm",
        None,
        "track_site_title_trgm",
    ),
    "sessies": (
        "learning_tracks_session",
        "session_site_text_trgm",
        None,
        "session_site_title_trgm",
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
    elif fulltext:
        assert f"Bitmap Index Scan on {trigram}" in plan
        assert f"Bitmap Index Scan on {fulltext}" in plan
    else:
        # Filtered in the query itself: at test volume the planner starts from
        # the few rows of the publication's join (at bench volume it reads the
        # trigram index of the stored text).
        assert "search_text ~~ ANY" in plan
    assert f"Seq Scan on {table}" not in plan
    if fulltext:
        # The two matches are found apart (a UNION), each through its index,
        # and the rows then read by their key from that list.
        assert not any("%>" in line and "@@" in line for line in plan.splitlines())
        assert re.search(r"\(id = ANY \(\$\d+\)\)", plan)
    # Matching and ranking read the stored texts: no row's text is
    # normalised again (the typed words are, once, before planning).
    assert "herentq_search_text(" not in plan
    # A typo is resolved to the close known words first (a small table: at
    # bench volume through its trigram index; at test volume, once the table's
    # few rows have statistics, the planner may read its primary key instead);
    # no stored text is compared by word similarity.
    assert re.search(r"on herentq_search_word\b", plan)
    assert "search_text %>" not in plan
    assert "search_title %>" not in plan


@pytest.mark.parametrize("key", [*INDEXED_KINDS, "partnerschappen"])
def test_the_suggestion_finds_titles_through_a_trigram_index(key):
    table = (
        INDEXED_KINDS[key][0] if key in INDEXED_KINDS else "partnerships_partnership"
    )
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


@pytest.mark.parametrize("text", ["gemeenschapsradoi", "radio gemeenschap"])
def test_the_register_reads_a_words_two_matches_apart(text):
    # The register's trigram index is partial: the first word's `LIKE` and
    # `%>` are read apart (a UNION), so that at bench volume each bitmap heap
    # scan rechecks a title once. In one OR, PostgreSQL rechecked the OR and
    # then filtered it again (`%>` is not immutable, so the index's condition
    # does not prove it): 137 instead of 77 ms for a typo's 4 169 titles.
    kind = sitesearch.kind_by_key("subsidieregister")
    plan = plan_of(sitesearch.matching(kind, text)).splitlines()
    first = text.split()[0]
    # The close half: the titles holding a known word close to the first
    # (herentq_search_word), as a parameter of the partial index's scan.
    inside, close = f"~~ '%{first}%'", "search_title ~~ ANY"
    assert any(inside in line for line in plan)
    assert any(close in line and inside not in line for line in plan)
    assert not any(f"{inside}::text) OR" in line for line in plan)
