"""/sitemap.xml and /robots.txt: every public page, nothing personal.

Each app lists its public pages in `sitemap_sections()` on its AppConfig,
returning `SitemapSection`s whose items come from the selectors its pages use,
so an unpublished item is never listed. Every page is listed in each language
(`SectionSitemap.i18n`), with its other versions as alternates.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse

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
    items: Callable[[], Iterable[Any]]
    location: Callable[[Any], str] = lambda item: item.get_absolute_url()
    lastmod: Callable[[Any], Any] | None = None


def named_pages(key: str, *names: str) -> SitemapSection:
    """Pages without an object (lists, indexes), by URL name."""
    return SitemapSection(key, items=lambda: list(names), location=reverse)


class SectionSitemap(Sitemap):
    """Each page in the three languages (Dutch unprefixed, /fr/, /en/), each
    version listing the others and the Dutch one as `x-default` with
    `<xhtml:link rel="alternate" hreflang>`."""

    i18n = True
    alternates = True
    x_default = True

    def __init__(self, section: SitemapSection):
        self.section = section

    def items(self):
        return self.section.items()

    def location(self, item):
        return self.section.location(item)

    def lastmod(self, item):
        return self.section.lastmod(item) if self.section.lastmod else None


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
