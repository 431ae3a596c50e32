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

Both conditions use a trigram GIN index on the normalised text (a stored column
or an index on the expression, see each kind's migration).

Content in three languages (django-modeltranslation) is searched in all of them:
a kind's document holds each translated field's Dutch, French and English
columns (`in_every_language`), so "Tangier", "Bucarest" or a French title find
their item from any page; what a result shows is in the visitor's language,
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
    SearchVectorField,
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
from django.db.models.expressions import Col
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
    normalised `text` columns), each joined by a space in the order given, as
    `unindexed_document()` joins them, and with `vector` `search_vector`, the
    Dutch full-text vector of the text. PostgreSQL computes them on every
    insert and update (generated columns). Each is indexed (GIN: trigrams for
    the texts; `index` is the indexes' name prefix); the texts keep no planner
    statistics (see partnerships 0009)."""

    def joined(columns: list[str]) -> str:
        return " || ' ' || ".join(f"COALESCE({column}::text, '')" for column in columns)

    columns, sql_after = [], []
    for name, sources in (("search_title", title), ("search_text", text)):
        if sources:
            columns.append(
                f"ADD COLUMN {name} text GENERATED ALWAYS AS"
                f" (herentq_search_text({joined(sources)})) STORED"
            )
            sql_after += [
                f"ALTER TABLE {table} ALTER COLUMN {name} SET STATISTICS 0;",
                f"CREATE INDEX {index}_{name.removeprefix('search_')}_trgm"
                f" ON {table} USING gin ({name} gin_trgm_ops);",
            ]
    if vector and text:
        columns.append(
            "ADD COLUMN search_vector tsvector GENERATED ALWAYS AS"
            f" (to_tsvector('{SEARCH_CONFIG}'::regconfig, {joined(text)})) STORED"
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


def stored(name: str) -> StoredColumn:
    """A stored normalised text (`search_title`, `search_text`) or, for
    `search_vector`, the stored full-text vector."""
    if name == "search_vector":
        return StoredColumn(name, SearchVectorField())
    return StoredColumn(name, TextField())


class _JoinedText(Func):
    """`COALESCE(a::text, '') || ' ' || COALESCE(b::text, '') …` on one level.

    Django nests a Concat of n columns n deep and compiles it again wherever the
    query names it (each word's two conditions and the rank): with the three
    languages' columns that compilation cost more than the query. For documents
    read whole; the large kinds read stored columns (`stored()`).
    """

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, part_params = compiler.compile(expression)
            parts.append(f"COALESCE(({sql})::text, '')")
            params.extend(part_params)
        return "(" + " || ' ' || ".join(parts) + ")", params


def unindexed_document(*fields: str | Expression) -> SearchText:
    """The normalised text of some columns joined by a space, for a kind read
    whole (as `stored_columns_sql` joins them for a stored column)."""
    parts = [F(item) if isinstance(item, str) else item for item in fields]
    return SearchText(_JoinedText(*parts) if len(parts) > 1 else parts[0])


def _column(name: str, language: str) -> str:
    """modeltranslation's column of a field in a language (`title_nl_be`)."""
    return f"{name}_{language.replace('-', '_')}"


def in_every_language(*names: str) -> list[str]:
    """The columns of translated fields in every language, Dutch first
    (`title` → `title_nl_be`, `title_fr`, `title_en`)."""
    return [
        _column(name, language)
        for name in names
        for language, _label in settings.LANGUAGES
    ]


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

    def __init__(
        self,
        words: Expression,
        document: Expression,
        *,
        title_weight: int = 0,
        typos: bool = True,
    ):
        super().__init__(words, document)
        self.title_weight = title_weight
        self.typos = typos

    def as_sql(self, compiler, connection, **extra_context):
        (words, word_params), (text, text_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        position = f"strpos({text}, {words})"
        position_params = [*text_params, *word_params]
        similarity = f"word_similarity({words}, {text})"
        similarity_params = [*word_params, *text_params]
        # With `title_weight`, the document is also the title (the register):
        # `title_weight × word_similarity(words, title) + fit` in one CASE,
        # where the last branch computes the similarity once instead of twice
        # (the same values: n·s + s and (n + 1)·s are the same double).
        if self.title_weight:
            weighted = f"(({similarity} * {self.title_weight}) + "
            ends = [weighted, weighted, ""]
            ends_params = [similarity_params, similarity_params, []]
            last = f"({similarity} * {self.title_weight + int(self.typos)})"
        else:
            ends = ["", "", ""]
            ends_params = [[], [], []]
            last = similarity if self.typos else "0.0::float8"
        close = ")" if self.title_weight else ""
        sql = (
            f"CASE WHEN strpos(' ' || {text} || ' ', ' ' || {words} || ' ') > 0"
            f" THEN {ends[0]}1.0::float8{close} WHEN {position} > 0 THEN {ends[1]}"
            f"word_similarity({words},"
            f" substr({text}, greatest({position} - {self.context}, 1),"
            f" length({words}) + {2 * self.context})){close}"
            f" ELSE {last} END"
        )
        params = [
            *text_params,
            *word_params,
            *ends_params[0],
            *position_params,
            *ends_params[1],
            *word_params,
            *text_params,
            *position_params,
            *word_params,
            *(similarity_params if self.typos or self.title_weight else []),
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
    the work of building and compiling the query.

    `first` ("inside" or "close") keeps only that half of the first word's
    condition, for a query that reads the two halves apart (see
    `forgiving_search`)."""

    output_field = BooleanField()

    def __init__(self, document: Expression | F, words: list[str], first: str = ""):
        super().__init__(document, *(SearchText(Value(word)) for word in words))
        self.first = first
        self.forgiven = [allows_typos(word) for word in words]
        # A stored text's words are in `herentq_search_word` (migration 0013).
        self.known_words = isinstance(document, StoredColumn | F)

    def as_sql(self, compiler, connection, **extra_context):
        document, *words = self.get_source_expressions()
        text, text_params = compiler.compile(document)
        conditions, params = [], []
        for number, word in enumerate(words):
            typed, typed_params = compiler.compile(word)
            inside = (
                f"{text}::text LIKE '%%' || {_ESCAPED_PATTERN.format(typed)} || '%%'"
            )
            if self.known_words:
                # The close known words (a small table and its trigram
                # index), then the texts holding one of them, through the
                # text's trigram index: pg_trgm's word similarity of a long
                # text is computed for none of them.
                close = (
                    f"{text}::text LIKE ANY(ARRAY(SELECT '%%' || "
                    f"{_ESCAPED_PATTERN.format('word')} || '%%'"
                    f" FROM herentq_search_word WHERE word %%> ({typed})))"
                )
            else:
                close = f"{text} %%> ({typed})"
            halves = {"inside": inside, "close": close}
            if number == 0 and self.first:
                half = halves[self.first]
            elif not self.forgiven[number]:
                half = inside
            else:
                conditions.append(f"({inside} OR {close})")
                params += [*text_params, *typed_params, *text_params, *typed_params]
                continue
            conditions.append(f"({half})")
            params += [*text_params, *typed_params]
        return "(" + " AND ".join(conditions) + ")", params


class _SearchRank(Func):
    """How well a row fits the typed words: word similarity to the title
    (twice), to the whole document (`DocumentFit` where it is stored), plus
    the full-text rank where there is a vector. One expression, so that
    building, ordering by and compiling it stays cheap."""

    output_field = FloatField()

    def __init__(self, whole, title, document, vector=None, query=None, *, typos=True):
        expressions = [whole, title, document]
        if vector is not None:
            expressions += [vector, query]
        super().__init__(*expressions)
        self.typos = typos

    def as_sql(self, compiler, connection, **extra_context):
        whole, title, document, *fulltext = self.get_source_expressions()
        (words, word_params), (title_sql, title_params) = (
            compiler.compile(whole),
            compiler.compile(title),
        )
        if isinstance(document, F | StoredColumn | Col) and document == title:
            # The title is the whole text (the register): its similarity
            # once, inside the document's fit.
            sql, params = DocumentFit(
                whole, document, title_weight=2, typos=self.typos
            ).as_sql(compiler, connection)
            sql = f"({sql})"
        else:
            if isinstance(document, F | StoredColumn | Col):
                fit, fit_params = DocumentFit(whole, document, typos=self.typos).as_sql(
                    compiler, connection
                )
            else:
                text, text_params = compiler.compile(document)
                fit, fit_params = (
                    f"WORD_SIMILARITY({words}, {text})",
                    [*word_params, *text_params],
                )
            sql = f"((WORD_SIMILARITY({words}, {title_sql}) * 2) + {fit})"
            params = [*word_params, *title_params, *fit_params]
        if fulltext:
            vector, query = fulltext
            vector_sql, vector_params = compiler.compile(vector)
            query_sql, query_params = compiler.compile(query)
            sql = f"({sql} + COALESCE(ts_rank({vector_sql}, {query_sql}), 0.0))"
            params += [*vector_params, *query_params]
        return sql, params


def forgiving_search(
    queryset: QuerySet,
    text: str,
    *,
    document: Expression | F,
    title: Expression | F,
    vector: Expression | F | None = None,
    candidates: QuerySet | None = None,
) -> QuerySet:
    """The rows of `queryset` that match `text`, best first (`search_rank`).

    `document` is the normalised text searched (indexed), `title` the normalised
    title that weighs most in the ranking, `vector` an optional tsvector (a
    stored column or the expression of a GIN index). With a vector, the
    candidates are read from the two indexes apart; `candidates` are the rows
    those indexes cover (a partial index's condition), every row by default.
    """
    words = query_words(text)
    if not words:
        return queryset.none()
    whole = SearchText(Value(" ".join(words)))
    typos = any(allows_typos(word) for word in words)
    # A stored document is read again at no cost (`DocumentFit`); an
    # expression would be normalised again at each mention, so it keeps the
    # plain similarity (see _SearchRank).
    if vector is None:
        matches: Any = _WordsFound(document, words)
        rank = _SearchRank(whole, title, document, typos=typos)
    else:
        query = fulltext_query(words)
        # The candidates come from the two indexes apart (a UNION of ids): in
        # one OR, the planner would rather read every row, and the word
        # similarity (`%>`) of every long document is what makes that slow.
        rows = (
            candidates if candidates is not None else queryset.model._default_manager
        ).order_by()
        by_stems = rows.alias(search_vector_match=vector).filter(
            search_vector_match=query
        )
        if candidates is None or not allows_typos(words[0]):
            by_words = rows.filter(_WordsFound(document, words)).values("pk")
        else:
            # A partial index (`candidates`) answers the first word's `LIKE`
            # and `%>` apart: with the two in one OR, PostgreSQL checked each
            # row's OR twice (the recheck of its BitmapOr, which adds the
            # index's condition, and again as a filter, since `%>` is not
            # immutable and so not proven by it: 137 instead of 77 ms for the
            # register's 4 169 titles close to a typo).
            by_words = (
                rows.filter(_WordsFound(document, words, first="inside"))
                .values("pk")
                .union(
                    rows.filter(_WordsFound(document, words, first="close")).values(
                        "pk"
                    )
                )
            )
        matches = _AmongIds(by_words.union(by_stems.values("pk")))
        rank = _SearchRank(whole, title, document, vector, query, typos=typos)
    return queryset.filter(matches).annotate(search_rank=rank)


def titles_close_to(queryset: QuerySet, words: list[str], *, title: Expression):
    """(similarity, `suggestion_text`) of the rows whose title is close to
    `words`, closest first. The titles are found through their trigram index
    (`title %> words`) at the suggestion's threshold: run the query inside
    `suggestion_threshold()`."""
    whole = SearchText(Value(" ".join(words)))
    return (
        queryset.alias(suggestion_title=title)
        .filter(suggestion_title__trigram_word_similar=whole)
        .annotate(
            suggestion_similarity=TrigramWordSimilarity(whole, F("suggestion_title")),
        )
        .filter(suggestion_similarity__gte=SUGGESTION_THRESHOLD)
        .order_by("-suggestion_similarity")
        .values_list("suggestion_similarity", "suggestion_text")
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
    lists its kinds in `search_kinds()`, see herentq.sitesearch)."""

    key: str  # the `soort` parameter of /zoeken/
    label: Any  # plural, lazily translated
    # The app's selector that decides what is public: nothing else is searched.
    public: Callable[[], QuerySet]
    document: Callable[[], Expression]
    title: Callable[[], Expression]
    shown_title: str | Expression  # what a result and a suggestion show
    url: Callable[[Any], str] = field(default=lambda item: item.get_absolute_url())
    summary: Callable[[Any], str] = field(default=lambda item: "")
    vector: Callable[[], Expression] | None = None
    # The rows the kind's indexes cover when they are partial (their condition,
    # the kind's own publication rule): by default every row.
    candidates: Callable[[], QuerySet] | None = None
    order: tuple[str, ...] = ("pk",)

    @classmethod
    def of_translated_fields(cls, *, title: str, text: tuple[str, ...], **kind):
        """A small kind read whole (no index of its own): its `title` and `text`
        fields searched in every language, the title weighing most and shown."""
        return cls(
            document=lambda: unindexed_document(*in_every_language(title, *text)),
            title=lambda: unindexed_document(*in_every_language(title)),
            shown_title=title,
            **kind,
        )
