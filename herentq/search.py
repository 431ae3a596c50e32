"""Search shared by every app: Dutch full text, and the forgiving match.

Migration 0002 of the core creates the `unaccent` extension and the text search
configuration `herentq_dutch`: Dutch stemming after `unaccent`, so "Coban" finds
"Cobán". Migration 0007 adds `pg_trgm` and the SQL function `herentq_search_text`
(no accents, lower case, apostrophes dropped, other punctuation a space), on which
the forgiving match works:

- each typed word is found inside the text ("radio" in "gemeenschapsradio",
  "nimlahakok" in "Nimlaha'kok") or, from `MIN_WORD_SIZE_FOR_TYPOS`
  characters, as a close word (pg_trgm's word similarity: "Nimlahakock"),
  for a stored text through the table of known words (migration 0013:
  the close words first, then the texts holding one); every word must be
  found;
- where a kind has a stored full-text vector, Dutch stemming also counts;
- results are ranked by how well the words fit the title, then the whole text.

Both conditions use a trigram GIN index on a stored normalised text: a kind's
own generated column, or the site-wide search's entries (`search_entries_sql`).

Content in three languages (django-modeltranslation) is searched in all of them:
a kind's searched text holds each translated field's Dutch, French and English
columns (see each kind's migration), so "Tangier", "Bucarest" or a French title
find their item from any page; what a result shows is in the visitor's language,
falling back to Dutch as the pages do (`in_visitor_language`).
"""

import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    TrigramWordSimilarity,
)
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Expression,
    F,
    FloatField,
    Func,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

SEARCH_CONFIG = "herentq_dutch"
MAX_SEARCH_WORDS = 10
# A typed word shorter than this is never matched as a close word (pg_trgm's
# word similarity), only inside the text (`LIKE`: "radio" in
# "gemeenschapsradio") and by Dutch stems and prefixes. Meilisearch's default
# (`minWordSizeForTypos`: one typo from 5 characters): in a short word one
# changed letter is a different word ("geel", "gent"), and its few trigrams
# stand in nearly every long text, so pg_trgm had to compare some 1 900
# partnerships of 750 characters one by one for each (250–480 ms).
MIN_WORD_SIZE_FOR_TYPOS = 5
# A typed word with a typo stands for the closest known words only: those
# within this word similarity of the closest one, as a spelling checker
# offers its best corrections, not every word that shares trigrams with it.
# "gemeenschapsradoi" is "gemeenschapsradio" (0.83), no longer also
# "gemeenschapshuis" or "gemeenschapsmedia" (0.67: 5 844 entries to rank
# instead of some hundreds). A typed word that is itself a known word keeps
# only that word, whose longer forms the match inside the text finds anyway.
CLOSEST_WORDS_MARGIN = 0.1
# pg_trgm's default `word_similarity_threshold` decides what the match accepts;
# a suggestion may be further away.
SUGGESTION_THRESHOLD = 0.4

# Characters no typed search needs; PostgreSQL cannot even store NUL in text.
_CONTROL_CHARACTERS = dict.fromkeys([*range(0x00, 0x20), 0x7F], " ")
_APOSTROPHES = re.compile(r"['`´ʼ’‘]")


def clean_query(text: str | None, *, max_length: int = 200) -> str:
    """Text from a search box or a filter parameter, safe to pass to the database:
    control characters (NUL included) become spaces, at most `max_length` kept."""
    text = (text or "")[: max_length * 2]
    return text.translate(_CONTROL_CHARACTERS).strip()[:max_length]


def query_words(text: str) -> list[str]:
    """The words of a query as the normalisation sees them ("Q'eqchi'" is one)."""
    return re.findall(r"[^\W_]+", _APOSTROPHES.sub("", text))[:MAX_SEARCH_WORDS]


def allows_typos(word: str) -> bool:
    """Whether a typed word may also be found as a close word (a typo)."""
    return len(word) >= MIN_WORD_SIZE_FOR_TYPOS


class SearchText(Func):
    """`herentq_search_text(text)`: the text as the forgiving match compares it."""

    function = "herentq_search_text"
    output_field = TextField()


class StoredColumn(Expression):
    """A column the database computes and stores for the search (a generated
    column, not a model field: see council migration 0007), on the query's
    own table (`U0` in a subquery alike)."""

    def __init__(self, name: str, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def __repr__(self):
        return f"{self.__class__.__name__}({self.name!r})"

    @property
    def identity(self):
        return (self.__class__, self.name)

    def __eq__(self, other):
        return isinstance(other, StoredColumn) and other.name == self.name

    def __hash__(self):
        return hash((self.__class__, self.name))

    def as_sql(self, compiler, connection):
        alias = compiler.query.base_table
        return (
            f"{compiler.quote_name_unless_alias(alias)}."
            f"{connection.ops.quote_name(self.name)}",
            [],
        )


def _joined_sql(columns: list[str], row: str = "") -> str:
    """Some text columns (of `row`, an alias) joined by a space, NULL as ''."""
    prefix = f"{row}." if row else ""
    return " || ' ' || ".join(
        f"COALESCE({prefix}{column}::text, '')" for column in columns
    )


def stored_columns_sql(
    table: str,
    *,
    title: list[str] | None = None,
    text: list[str] | None = None,
    vector: bool = False,
    index: str,
) -> tuple[str, str]:
    """SQL (and its reverse) for a migration adding a kind's stored columns:
    `search_title` (the normalised `title` columns) and `search_text` (the
    normalised `text` columns), each joined by a space in the order given, and
    with `vector` `search_vector`, the
    Dutch full-text vector of the text. PostgreSQL computes them on every
    insert and update (generated columns). Each is indexed (GIN: trigrams for
    the texts; `index` is the indexes' name prefix); the texts keep no planner
    statistics (see partnerships 0009)."""

    columns, sql_after = [], []
    for name, sources in (("search_title", title), ("search_text", text)):
        if sources:
            columns.append(
                f"ADD COLUMN {name} text GENERATED ALWAYS AS"
                f" (herentq_search_text({_joined_sql(sources)})) STORED"
            )
            sql_after += [
                f"ALTER TABLE {table} ALTER COLUMN {name} SET STATISTICS 0;",
                f"CREATE INDEX {index}_{name.removeprefix('search_')}_trgm"
                f" ON {table} USING gin ({name} gin_trgm_ops);",
            ]
    if vector and text:
        columns.append(
            "ADD COLUMN search_vector tsvector GENERATED ALWAYS AS"
            f" (to_tsvector('{SEARCH_CONFIG}'::regconfig, {_joined_sql(text)})) STORED"
        )
        sql_after.append(
            f"CREATE INDEX {index}_vector ON {table} USING gin (search_vector);"
        )
    names = [column.split()[2] for column in columns]
    sql = "\n".join([f"ALTER TABLE {table} {', '.join(columns)};", *sql_after])
    reverse = f"ALTER TABLE {table} {', '.join(f'DROP COLUMN {n}' for n in names)};"
    return sql, reverse


def search_words_sql(table: str, column: str) -> tuple[str, str]:
    """SQL (and its reverse) for a migration that keeps the words of a table's
    stored `column` in the known words (herentq_search_word, migration
    herentq.0013): a trigger adds the words of every inserted or updated row,
    and the rows already there are added now."""
    trigger = f"{table}_search_words"
    sql = f"""
CREATE TRIGGER {trigger} AFTER INSERT OR UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION herentq_search_words_add('{column}');
INSERT INTO herentq_search_word (word)
    SELECT DISTINCT herentq_search_words_of({column}) FROM {table}
    ORDER BY 1 ON CONFLICT DO NOTHING;
"""
    return sql, f"DROP TRIGGER {trigger} ON {table};"


SEARCH_ENTRY_TABLE = "herentq_search_entry"


def _normalised_sql(source: str | list[str], row: str) -> str:
    """A stored normalised column of `row` as it is (a str), or the normalised
    text of some of its columns joined by a space (a list), as
    `stored_columns_sql` joins them."""
    if isinstance(source, str):
        return f"{row}.{source}"
    return f"herentq_search_text({_joined_sql(source, row)})"


def search_entries_sql(
    kind: str,
    table: str,
    *,
    title: str | list[str],
    text: str | list[str],
    vector: str | None = None,
    where: str | None = None,
) -> tuple[str, str]:
    """SQL (and its reverse) for a migration that keeps a kind's rows in the
    site-wide search's entries (`herentq.SearchEntry`, migration herentq.0014):
    a trigger writes the entry of every inserted or updated row and removes it
    with the row (or with a TRUNCATE of the table), and the rows already there
    are entered now.

    `title` and `text` are a stored normalised column (a str: `search_title`)
    or the columns to normalise and join (a list); `vector` a stored tsvector
    column. `where` (SQL on `{row}`) is a condition outside which a row has no
    entry: the part of the kind's publication rule that lies on the row, so that
    the table stays small; what may be found is still decided by the kind's
    selector, in the query (herentq.sitesearch)."""

    def values(row: str) -> str:
        vector_sql = f"{row}.{vector}" if vector else "NULL::tsvector"
        return (
            f"{_normalised_sql(title, row)}, {_normalised_sql(text, row)}, {vector_sql}"
        )

    def entered(row: str) -> str:
        return where.format(row=row) if where else "true"

    function = f"herentq_search_entry_{kind}"
    trigger = f"{table}_search_entry"
    sql = f"""
CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND ROW({values("OLD")}, {entered("OLD")})
            IS NOT DISTINCT FROM ROW({values("NEW")}, {entered("NEW")}) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' OR NOT ({entered("NEW")}) THEN
        DELETE FROM {SEARCH_ENTRY_TABLE}
        WHERE kind = '{kind}' AND object_id = (CASE TG_OP
            WHEN 'DELETE' THEN OLD.id ELSE NEW.id END);
        RETURN NULL;
    END IF;
    INSERT INTO {SEARCH_ENTRY_TABLE}
        (kind, object_id, search_title, search_text, search_vector)
    VALUES ('{kind}', NEW.id, {values("NEW")})
    ON CONFLICT (kind, object_id) DO UPDATE SET
        search_title = EXCLUDED.search_title,
        search_text = EXCLUDED.search_text,
        search_vector = EXCLUDED.search_vector;
    RETURN NULL;
END
$$;
CREATE TRIGGER {trigger} AFTER INSERT OR UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();
CREATE TRIGGER {trigger}_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION herentq_search_entries_truncate('{kind}');
INSERT INTO {SEARCH_ENTRY_TABLE}
    (kind, object_id, search_title, search_text, search_vector)
    SELECT '{kind}', source.id, {values("source")}
    FROM {table} AS source WHERE {entered("source")};
"""
    reverse = f"""
DROP TRIGGER {trigger}_truncate ON {table};
DROP TRIGGER {trigger} ON {table};
DROP FUNCTION {function}();
DELETE FROM {SEARCH_ENTRY_TABLE} WHERE kind = '{kind}';
"""
    return sql, reverse


def stored(name: str) -> StoredColumn:
    """A stored normalised text (`search_title`, `search_text`) that is not a
    model field."""
    return StoredColumn(name, TextField())


# A stored column: a model field or a generated column (`stored()`).
StoredText = F | StoredColumn


def _column(name: str, language: str) -> str:
    """modeltranslation's column of a field in a language (`title_nl_be`)."""
    return f"{name}_{language.replace('-', '_')}"


def _is_translated(model, name: str) -> bool:
    try:
        model._meta.get_field(_column(name, settings.LANGUAGE_CODE))
    except FieldDoesNotExist:
        return False
    return True


def in_visitor_language(model, name: str) -> Expression:
    """A column in the visitor's language, falling back to Dutch where it is
    empty (as reading the field on a page does); other columns as they are."""
    if not _is_translated(model, name):
        return F(name)
    languages = dict.fromkeys(
        [get_language() or settings.LANGUAGE_CODE, settings.LANGUAGE_CODE]
    )
    columns = [NullIf(F(_column(name, code)), Value("")) for code in languages]
    return Coalesce(*columns, Value(""), output_field=TextField())


def fulltext_query(words: list[str]) -> SearchQuery:
    """Each word, or the start of it, with Dutch stemming ("Nimla" finds
    "Nimlaha'kok", "scholen" finds "school")."""
    return SearchQuery(
        " & ".join(f"'{word}':*" for word in words),
        search_type="raw",
        config=SEARCH_CONFIG,
    )


class DocumentFit(Func):
    """`word_similarity(words, document)` for ranking, without its cost where
    the answer is known: computing it reads the whole (long) document, which
    made ranking hundreds of candidates cost more than finding them.

    - the words stand in the document as whole words: exactly 1.0;
    - they stand inside a word ("radio" in "gemeenschapsradio"): the similarity
      with the text around the first occurrence (the best extent lies there
      unless a better partial match stands elsewhere: close enough to rank);
    - otherwise (a typo, words apart): the similarity with the whole document;
      with `typos` false (no typed word is long enough to be forgiven a
      typo, `MIN_WORD_SIZE_FOR_TYPOS`), 0: the row was found by its stems
      or by words apart, and comparing a short word with every extent of a
      long text is what made ranking slow ("geel" stems to "gel", whose
      prefix stands in 1 902 partnerships: 210 ms).

    `words` is normalised text of letters, digits and spaces only; `document`
    is best a stored column (it is named up to four times).
    """

    output_field = FloatField()
    # Characters of context kept on each side of an occurrence inside a word.
    context = 32

    def __init__(self, words: Expression, document: Expression, *, typos: bool = True):
        super().__init__(words, document)
        self.typos = typos

    def as_sql(self, compiler, connection, **extra_context):
        (words, word_params), (text, text_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        position = f"strpos({text}, {words})"
        position_params = [*text_params, *word_params]
        sql = (
            f"CASE WHEN strpos(' ' || {text} || ' ', ' ' || {words} || ' ') > 0"
            f" THEN 1.0::float8 WHEN {position} > 0 THEN"
            f" word_similarity({words},"
            f" substr({text}, greatest({position} - {self.context}, 1),"
            f" length({words}) + {2 * self.context}))"
            f" ELSE {f'word_similarity({words}, {text})' if self.typos else '0.0::float8'}"
            " END"
        )
        params = [
            *text_params,
            *word_params,
            *position_params,
            *word_params,
            *text_params,
            *position_params,
            *word_params,
            *([*word_params, *text_params] if self.typos else []),
        ]
        return sql, params


class _AmongIds(Func):
    """`pk = ANY(ARRAY(ids))`: the rows whose key the subquery lists.

    Unlike `pk IN (ids)`, PostgreSQL computes the list first and then reads
    those rows by their key, whatever it expects of the kind's publication
    joins (it estimated one row for the published minutes and compared every
    public point with every candidate: seconds instead of milliseconds)."""

    output_field = BooleanField()

    def __init__(self, ids: QuerySet):
        super().__init__(F("pk"), Subquery(ids))

    def as_sql(self, compiler, connection, **extra_context):
        (key, key_params), (ids, id_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        return f"{key} = ANY(ARRAY{ids})", [*key_params, *id_params]


# What Django's `contains` lookup writes around its right-hand side on
# PostgreSQL: LIKE's wildcards and escape character taken literally.
_ESCAPED_PATTERN = (
    r"REPLACE(REPLACE(REPLACE(({}), E'\\', E'\\\\'), E'%%', E'\\%%'),"
    r" E'_', E'\\_')"
)


class _WordsFound(Func):
    """Every typed word found in the normalised `document`: inside it (`LIKE`)
    or, from `MIN_WORD_SIZE_FOR_TYPOS` characters, as a close word (`%>`),
    both answered by a trigram index of the text.

    One expression for what were two lookups per word: the same SQL as
    Django's `contains` and `trigram_word_similar` write, for a fraction of
    the work of building and compiling the query."""

    output_field = BooleanField()

    def __init__(self, document: Expression | F, words: list[str]):
        super().__init__(document, *(SearchText(Value(word)) for word in words))
        self.forgiven = [allows_typos(word) for word in words]

    def as_sql(self, compiler, connection, **extra_context):
        document, *words = self.get_source_expressions()
        text, text_params = compiler.compile(document)
        conditions, params = [], []
        for number, word in enumerate(words):
            typed, typed_params = compiler.compile(word)
            inside = (
                f"{text}::text LIKE '%%' || {_ESCAPED_PATTERN.format(typed)} || '%%'"
            )
            if not self.forgiven[number]:
                conditions.append(f"({inside})")
                params += [*text_params, *typed_params]
                continue
            # The closest known words (`herentq_search_word`, a small table
            # and its trigram index; `CLOSEST_WORDS_MARGIN`), then the texts
            # holding one of them, through the text's trigram index: pg_trgm's
            # word similarity of a long text is computed for none of them.
            close = (
                f"{text}::text LIKE ANY(ARRAY(SELECT '%%' || "
                f"{_ESCAPED_PATTERN.format('word')} || '%%' FROM ("
                f"SELECT word, word_similarity({typed}, word) AS fit,"
                f" max(word_similarity({typed}, word)) OVER () AS best"
                f" FROM herentq_search_word WHERE word %%> ({typed})) AS close"
                f" WHERE fit >= best - {CLOSEST_WORDS_MARGIN}))"
            )
            conditions.append(f"({inside} OR {close})")
            # `inside`, then `close`: its text, and the typed word three times.
            params += [*text_params, *typed_params, *text_params, *typed_params * 3]
        return "(" + " AND ".join(conditions) + ")", params


class _SearchRank(Func):
    """How well a row fits the typed words: their fit to the title (twice)
    and to the whole text (`DocumentFit`, both stored columns), plus the
    full-text rank. One expression, so that building, ordering by and
    compiling it stays cheap."""

    output_field = FloatField()

    def __init__(self, whole, title, document, vector, query, *, typos=True):
        super().__init__(whole, title, document, vector, query)
        self.typos = typos

    def as_sql(self, compiler, connection, **extra_context):
        whole, title, document, vector, query = self.get_source_expressions()
        (title_sql, title_params), (text, text_params) = (
            compiler.compile(title),
            compiler.compile(document),
        )
        title_fit, title_fit_params = DocumentFit(whole, title).as_sql(
            compiler, connection
        )
        fit, fit_params = DocumentFit(whole, document, typos=self.typos).as_sql(
            compiler, connection
        )
        sql = f"(({title_fit} * 2) + {fit})"
        params = [*title_fit_params, *fit_params]
        if self.typos:
            # A text that is its title (the register's projects) has the same
            # fit as its title: computed once (the same value; 4 169 titles
            # for the typo "gemeenschapsradoi").
            sql = (
                f"(CASE WHEN {text} = {title_sql} THEN ({title_fit} * 3)"
                f" ELSE {sql} END)"
            )
            params = [*text_params, *title_params, *title_fit_params, *params]
        vector_sql, vector_params = compiler.compile(vector)
        query_sql, query_params = compiler.compile(query)
        sql = f"({sql} + COALESCE(ts_rank({vector_sql}, {query_sql}), 0.0))"
        return sql, [*params, *vector_params, *query_params]


def forgiving_search(
    queryset: QuerySet,
    text: str,
    *,
    document: StoredText,
    title: StoredText,
    vector: StoredText,
) -> QuerySet:
    """The rows of `queryset` that match `text`, best first (`search_rank`).

    `document` is the normalised text searched, `title` the normalised title
    that weighs most in the ranking, `vector` the Dutch full-text vector:
    stored columns, each indexed, read again at no cost (`DocumentFit`).
    """
    words = query_words(text)
    if not words:
        return queryset.none()
    query = fulltext_query(words)
    # The candidates come from the two indexes apart (a UNION of ids): in one
    # OR, the planner would rather read every row, and the word similarity
    # (`%>`) of every long document is what makes that slow.
    rows = queryset.model._default_manager.order_by()
    by_stems = rows.alias(search_vector_match=vector).filter(search_vector_match=query)
    by_words = rows.filter(_WordsFound(document, words)).values("pk")
    matches = _AmongIds(by_words.union(by_stems.values("pk")))
    rank = search_rank(words, document=document, title=title, vector=vector)
    return queryset.filter(matches).annotate(search_rank=rank)


def search_rank(
    words: list[str], *, document: StoredText, title: StoredText, vector: StoredText
) -> Expression:
    """How well a row fits the typed `words` (as `forgiving_search` ranks its
    matches), for a row already known to match."""
    return _SearchRank(
        SearchText(Value(" ".join(words))),
        title,
        document,
        vector,
        fulltext_query(words),
        typos=any(allows_typos(word) for word in words),
    )


def titles_close_to(queryset: QuerySet, words: list[str], *, title: Expression):
    """The rows whose title is close to `words`, closest first (annotated with
    their `suggestion_similarity`). The titles are found through their trigram
    index (`title %> words`) at the suggestion's threshold: run the query inside
    `suggestion_threshold()`."""
    whole = SearchText(Value(" ".join(words)))
    return (
        queryset.alias(suggestion_title=title)
        .filter(suggestion_title__trigram_word_similar=whole)
        .annotate(
            suggestion_similarity=TrigramWordSimilarity(whole, F("suggestion_title")),
        )
        .filter(suggestion_similarity__gte=SUGGESTION_THRESHOLD)
        .order_by("-suggestion_similarity", "pk")
    )


@contextmanager
def suggestion_threshold():
    """pg_trgm's `word_similarity_threshold` at the suggestion's, so that `%>`
    (which a trigram index answers) accepts what a suggestion may be; the
    setting is put back afterwards, inside a transaction or a savepoint alike."""
    with transaction.atomic(), connection.cursor() as cursor:
        # The setting exists once pg_trgm is loaded in the session.
        cursor.execute("SELECT word_similarity('', '')")
        cursor.execute("SHOW pg_trgm.word_similarity_threshold")
        (previous,) = cursor.fetchone()
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
            [str(SUGGESTION_THRESHOLD)],
        )
        try:
            yield
        finally:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                [previous],
            )


@dataclass(frozen=True)
class SearchKind:
    """One kind of public content in the site-wide search (an app's AppConfig
    lists its kinds in `search_kinds()`, see herentq.sitesearch). What a kind's
    items are searched by is in its table's search entries, which the app's
    migration declares (`search_entries_sql` with the same `key`)."""

    key: str  # the `soort` parameter of /zoeken/, and the entries' kind
    label: Any  # plural, lazily translated
    # The app's selector that decides what is public: nothing else is searched.
    public: Callable[[], QuerySet]
    shown_title: str | Expression  # what a result and a suggestion show
    url: Callable[[Any], str] = field(default=lambda item: item.get_absolute_url())
    summary: Callable[[Any], str] = field(default=lambda item: "")
