"""/sitemap.xml and /robots.txt: every public page, nothing personal.

/sitemap.xml is an index of one sitemap per section, each in pages.

Each app lists its public pages in `sitemap_sections()` on its AppConfig,
returning `SitemapSection`s whose items come from the selectors its pages use,
so an unpublished item is never listed. Every page is listed in each language
(`SectionSitemap.i18n`), with its other versions as alternates.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.http import HttpResponse
from django.urls import reverse
from django.utils.functional import cached_property

from herentq import extensions

# Kept out of search engines: the back office, accounts, members' and applicants'
# pages, links from mails and the search results.
ROBOTS_DISALLOW = [
    "/admin/",
    "/accounts/",
    "/grosh/leden/",
    "/grosh/documenten/",
    "/grosh/uitnodiging/",
    "/e-mailvoorkeuren/",
    "/subsidies/mijn-gegevens",
    "/subsidies/mijn-dossiers/",
    "/subsidies/dossiers/",
    "/subsidies/organisaties/",
    "/subsidies/oproepen/",
    "/subsidies/uitnodiging/",
    "/subsidies/grosh/",
    "/leertrajecten/inschrijving/",
    "/leertrajecten/attest/",
    "/leertrajecten/interesse/",
    "/leertrajecten/nieuwsbrief/bevestigen/",
    "/leertrajecten/nieuwsbrief/uitschrijven/",
    "/zoeken/",
]


@dataclass(frozen=True)
class SitemapSection:
    key: str
    # A queryset (read a page at a time) or a short list.
    items: Callable[[], QuerySet | Sequence[Any]]
    location: Callable[[Any], str] = lambda item: item.get_absolute_url()
    # The items' field that says when each last changed.
    lastmod: str | None = None


def named_pages(key: str, *names: str) -> SitemapSection:
    """Pages without an object (lists, indexes), by URL name."""
    return SitemapSection(key, items=lambda: list(names), location=reverse)


class LanguageVersions:
    """(item, language) for each item and each language, in the order Django's
    i18n sitemap lists them, but read a slice at a time: a page of a sitemap
    reads its own rows, the index only counts them (Django's own list reads
    every item of the section for each). What a Paginator asks of its list:
    its length and slices."""

    def __init__(self, items: QuerySet | Sequence[Any], languages: list[str]):
        self.items = items
        self.languages = languages

    @cached_property
    def length(self) -> int:
        items = self.items
        count = items.count() if isinstance(items, QuerySet) else len(items)
        return count * len(self.languages)

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: slice) -> list[tuple[Any, str]]:
        start, stop, _step = index.indices(len(self))
        size = len(self.languages)
        first = start // size
        rows = self.items[first : -(-stop // size)]
        pairs = [(row, language) for row in rows for language in self.languages]
        return pairs[start - first * size : stop - first * size]


class SectionSitemap(Sitemap):
    """Each page in the three languages (Dutch unprefixed, /fr/, /en/), each
    version listing the others and the Dutch one as `x-default` with
    `<xhtml:link rel="alternate" hreflang>`."""

    i18n = True
    alternates = True
    x_default = True
    # URLs a page (/sitemap-<section>.xml?p=2): each answers in bounded time and
    # size, however many partnerships there are (the protocol allows 50 000 a
    # file: at bench volume one file took seconds and megabytes).
    limit = 150

    def __init__(self, section: SitemapSection):
        self.section = section
        self.languages = [code for code, _name in settings.LANGUAGES]

    def items(self):
        return self.section.items()

    @property
    def paginator(self):
        return Paginator(LanguageVersions(self.items(), self.languages), self.limit)

    def location(self, item):
        return self.section.location(item)

    def lastmod(self, item):
        return getattr(item, self.section.lastmod) if self.section.lastmod else None

    def get_latest_lastmod(self):
        """The newest change in the section (the index's `<lastmod>`), asked of
        the database rather than read from every item."""
        items = self.items()
        if not self.section.lastmod or not isinstance(items, QuerySet):
            return None
        return items.aggregate(latest=Max(self.section.lastmod))["latest"]


def sitemaps() -> dict[str, Sitemap]:
    return {
        section.key: SectionSitemap(section)
        for section in extensions.collect("sitemap_sections")
    }


def _disallowed() -> list[str]:
    """Each kept-out path in every language (the admin has no prefix)."""
    prefixes = [""] + [
        f"/{code}"
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]
    return [
        path if path == "/admin/" else prefix + path
        for prefix in prefixes
        for path in ROBOTS_DISALLOW
        if path != "/admin/" or not prefix
    ]


def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in _disallowed())]
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines += ["", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
