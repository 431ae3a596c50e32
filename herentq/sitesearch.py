"""The site-wide search (/zoeken/): every app's public content, grouped by kind.

Each app lists its kinds in `search_kinds()` on its AppConfig (herentq.search.
SearchKind); a kind's `public` selector is the only thing that decides what may be
found, the same selector its pages use. One query per kind: the first results and,
in the same query, how many there are (a window count).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Window

from herentq import extensions
from herentq.search import (
    SearchKind,
    forgiving_search,
    in_visitor_language,
    query_words,
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


def matching(kind: SearchKind, text: str):
    """The public items of a kind that match `text`, best first."""
    public = kind.public()
    queryset = forgiving_search(
        public,
        text,
        document=kind.document(),
        title=kind.title(),
        vector=kind.vector() if kind.vector else None,
        candidates=kind.candidates() if kind.candidates else None,
    )
    return queryset.annotate(shown_title=_shown_title(kind, public.model)).order_by(
        "-search_rank", *kind.order
    )


def _shown_title(kind: SearchKind, model):
    """What a result shows: in the visitor's language (Dutch where untranslated)."""
    if isinstance(kind.shown_title, str):
        return in_visitor_language(model, kind.shown_title)
    return kind.shown_title


def _result(kind: SearchKind, item) -> Result:
    return Result(
        title=item.shown_title, url=kind.url(item), summary=kind.summary(item)
    )


def preview(kind: SearchKind, text: str) -> KindResults:
    """The first results of a kind and their total, in one query."""
    rows = list(
        matching(kind, text).annotate(search_total=Window(Count("pk")))[:PREVIEW_SIZE]
    )
    count = rows[0].search_total if rows else 0
    return KindResults(kind, count, [_result(kind, row) for row in rows])


def results_page(kind: SearchKind, items) -> list[Result]:
    return [_result(kind, item) for item in items]


def search_everything(text: str) -> list[KindResults]:
    if not query_words(text):
        return []
    return [preview(kind, text) for kind in kinds()]


def closest_titles(kind: SearchKind, text: str):
    """(similarity, shown title) of the kind's public items whose title is
    close to `text`, closest first (inside `suggestion_threshold()`)."""
    public = kind.public()
    return titles_close_to(
        public.annotate(suggestion_text=_shown_title(kind, public.model)),
        query_words(text),
        title=kind.title(),
    )


def suggestion(text: str) -> str | None:
    """'Bedoelde u …?': the title of any kind closest to what was typed."""
    if not query_words(text):
        return None
    best = None
    with suggestion_threshold():
        for kind in kinds():
            found = closest_titles(kind, text).first()
            if found and (best is None or found[0] > best[0]):
                best = found
    return best[1] if best else None
