"""What the domain apps contribute to shared pages (see HerentqConfig)."""

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
