"""What the domain apps contribute to shared pages (see HerentqConfig)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

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
