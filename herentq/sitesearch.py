"""The site-wide search (/zoeken/): every app's public content, grouped by kind.

Each app lists its kinds in `search_kinds()` on its AppConfig (herentq.search.
SearchKind), and its migrations keep the kinds' searchable texts in one table,
`SearchEntry` (herentq.search.search_entries_sql). A search reads that table and
its indexes once, whatever the number of kinds: one query finds, ranks and counts
the matches of every kind; then each kind with matches reads its first items.
A kind's `public` selector, the one its pages use, is the only thing that decides
what may be found: an entry counts only where the selector has its item, in the
same query.
"""

import operator
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import RowNumber

from herentq import extensions
from herentq.models import SearchEntry
from herentq.search import (
    SearchKind,
    forgiving_search,
    in_visitor_language,
    query_words,
    search_rank,
    suggestion_threshold,
    titles_close_to,
)

PREVIEW_SIZE = 5


@dataclass
class Result:
    title: str
    url: str
    summary: str


@dataclass
class KindResults:
    kind: SearchKind
    count: int = 0
    results: list[Result] = field(default_factory=list)


def kinds() -> list[SearchKind]:
    return extensions.collect("search_kinds")


def kind_by_key(key: str) -> SearchKind | None:
    return next((kind for kind in kinds() if kind.key == key), None)


def _public(kinds: list[SearchKind]) -> Q:
    """The entries whose item its kind's selector has."""
    return reduce(
        operator.or_,
        (
            Q(kind=kind.key) & Q(Exists(kind.public().filter(pk=OuterRef("object_id"))))
            for kind in kinds
        ),
    )


# The entries' stored columns, as the forgiving match and its rank read them.
_ENTRY_COLUMNS = {
    "document": F("search_text"),
    "title": F("search_title"),
    "vector": F("search_vector"),
}


def _matching_entries(entries: QuerySet, text: str) -> QuerySet:
    """The entries that match `text`, with their `search_rank`."""
    return forgiving_search(entries, text, **_ENTRY_COLUMNS)


def _with_shown_title(kind: SearchKind, items: QuerySet) -> QuerySet:
    """What a result shows: in the visitor's language (Dutch where untranslated)."""
    shown = kind.shown_title
    if isinstance(shown, str):
        shown = in_visitor_language(items.model, shown)
    return items.annotate(shown_title=shown)


def matching(kind: SearchKind, text: str) -> QuerySet:
    """The public items of a kind that match `text`, best first, the newest
    first where they rank equal (a kind's page)."""
    entries = SearchEntry.objects.filter(kind=kind.key)
    found = _matching_entries(entries, text).values("object_id")
    items = kind.public().filter(pk__in=found)
    # The rank of each found item's own entry (not the match again).
    rank = (
        entries.filter(object_id=OuterRef("pk"))
        .annotate(search_rank=search_rank(query_words(text), **_ENTRY_COLUMNS))
        .values("search_rank")[:1]
    )
    return _with_shown_title(kind, items.annotate(search_rank=Subquery(rank))).order_by(
        "-search_rank", "-pk"
    )


def _result(kind: SearchKind, item) -> Result:
    return Result(
        title=item.shown_title, url=kind.url(item), summary=kind.summary(item)
    )


def results_page(kind: SearchKind, items) -> list[Result]:
    return [_result(kind, item) for item in items]


def _preview(kind: SearchKind, ranks: dict[int, float], count: int) -> KindResults:
    """A kind's first results, in the order of `ranked_entries`."""
    if not ranks:
        return KindResults(kind)
    items = list(_with_shown_title(kind, kind.public().filter(pk__in=ranks)))
    items.sort(key=lambda item: (-ranks[item.pk], -item.pk))
    return KindResults(kind, count, results_page(kind, items))


def ranked_entries(text: str, kinds: list[SearchKind]) -> QuerySet:
    """(kind, object_id, rank, number of matches of its kind) of each kind's
    first PREVIEW_SIZE public entries that match `text`: best first, the
    newest first where they rank equal (as `matching`)."""
    return (
        _matching_entries(SearchEntry.objects.filter(_public(kinds)), text)
        .annotate(
            search_total=Window(Count("pk"), partition_by=F("kind")),
            search_place=Window(
                RowNumber(),
                partition_by=F("kind"),
                order_by=[F("search_rank").desc(), F("object_id").desc()],
            ),
        )
        .filter(search_place__lte=PREVIEW_SIZE)
        .values_list("kind", "object_id", "search_rank", "search_total")
    )


def search_everything(text: str) -> list[KindResults]:
    """Every kind's first results and number of matches (one query for all
    kinds, and one per kind with matches for what its results show)."""
    if not query_words(text):
        return []
    every_kind = kinds()
    ranks: dict[str, dict[int, float]] = defaultdict(dict)
    counts: dict[str, int] = {}
    for key, object_id, rank, total in ranked_entries(text, every_kind):
        ranks[key][object_id] = rank
        counts[key] = total
    return [
        _preview(kind, ranks.get(kind.key, {}), counts.get(kind.key, 0))
        for kind in every_kind
    ]


def closest_entries(words: list[str], kinds: list[SearchKind]) -> QuerySet:
    """The public entries whose title is close to `words`, closest first (run
    inside `suggestion_threshold()`)."""
    entries = SearchEntry.objects.filter(_public(kinds))
    return titles_close_to(entries, words, title=F("search_title"))


def suggestion(text: str) -> str | None:
    """'Bedoelde u …?': the title of any kind closest to what was typed."""
    words = query_words(text)
    if not words:
        return None
    with suggestion_threshold():
        closest = closest_entries(words, kinds()).values_list("kind", "object_id")
        found = closest.first()
    if found is None:
        return None
    key, object_id = found
    kind = kind_by_key(key)
    assert kind is not None  # the entries were filtered by these kinds
    return (
        _with_shown_title(kind, kind.public().filter(pk=object_id))
        .values_list("shown_title", flat=True)
        .first()
    )
