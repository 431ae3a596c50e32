"""What the domain apps contribute to shared pages (see HerentqConfig)."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class LinkItem:
    title: str
    url: str
    description: str = ""


@dataclass(frozen=True)
class Section:
    """A titled list of links that an app contributes to another app's page."""

    title: str
    items: list[LinkItem] = field(default_factory=list)
    empty_text: str = ""
    # Set when `items` are the first of more: a link to the whole list.
    more_url: str = ""
    more_text: str = ""


# A section shows at most this many links, so that its page does not grow with
# the data; the rest are a link away (`capped_section`).
SECTION_SIZE = 20


def first_and_total(queryset, size: int = SECTION_SIZE) -> tuple[list, int]:
    """The first `size` rows of `queryset` and how many it has in all (counted
    only when there are more: one query otherwise)."""
    first = list(queryset[: size + 1])
    if len(first) <= size:
        return first, len(first)
    return first[:size], queryset.count()


def capped_section(
    *,
    title: str,
    queryset,
    link: Callable[[Any], LinkItem],
    empty_text: str,
    all_url: str,
    all_text: Callable[[int], str],
) -> Section:
    """A section of the first SECTION_SIZE rows of `queryset`; when it has more,
    a link to `all_url` (the full list, filtered), worded by `all_text(total)`."""
    rows, total = first_and_total(queryset)
    more = total > len(rows)
    return Section(
        title=title,
        items=[link(row) for row in rows],
        empty_text=empty_text,
        more_url=all_url if more else "",
        more_text=all_text(total) if more else "",
    )


@dataclass(frozen=True)
class HomeSection:
    title: str
    description: str
    url: str
    link_text: str


@dataclass(frozen=True)
class HomeBlock:
    """What an app shows on the home page about what is happening now.

    The app reads `items` through its own selectors (a fixed number of queries,
    however many rows exist); `template` renders the block's body with `block` in
    its context. A block without items hides itself. `wide` blocks span the page
    (a strip of photos); the others are cards. `order` places the block.
    """

    key: str
    title: str
    template: str
    items: Sequence = ()
    extra: Mapping = field(default_factory=dict)
    order: int = 50
    wide: bool = False
    more_url: str = ""
    more_text: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.items and not any(self.extra.values())


def collect(hook: str, *args) -> list:
    """What every app's AppConfig method `hook(*args)` returns, in app order."""
    results = []
    for config in apps.get_app_configs():
        method = getattr(config, hook, None)
        if callable(method):
            results.extend(method(*args))
    return results


def sdg_sections(sdg) -> list[Section]:
    return collect("sdg_sections", sdg)


def home_sections() -> list[HomeSection]:
    return collect("home_sections")


def home_blocks() -> list[HomeBlock]:
    """The non-empty home blocks of every app, in their order."""
    blocks = [block for block in collect("home_blocks") if not block.is_empty]
    return sorted(blocks, key=lambda block: block.order)


def admin_dashboard(request) -> list:
    """The charts of the admin's index: every app's `admin_dashboard(request)`
    (herentq.charts objects, only those the user may open)."""
    return collect("admin_dashboard", request)
