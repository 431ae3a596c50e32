"""From /fr/ and /en/, every kind of page reached by following links: no Dutch
interface text and no untranslated content outside blocks marked `lang="nl"`,
and every link stays in the language."""

from collections import Counter, deque
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from django.utils import translation

from herentq import languages
from tests.i18n.crawl import dutch_only_texts, dutch_phrases, read

# Downloads and feeds are not pages; signing out and token links change things.
NOT_PAGES = (".pdf", ".csv", ".json", ".jsonld", ".ics", ".atom", "/jsi18n/")
OUTSIDE_THE_PREFIX = ("/static/", "/media/", "/admin/")
# Every kind of page (URL pattern) a few times, rather than the first pages of
# the biggest lists: the crawl reads pages of each kind before more of any.
PER_KIND = 3
MAX_PAGES = 220


def kind_of(path: str) -> str:
    with translation.override("nl-be"):
        try:
            match = resolve(languages.unprefixed_path(path))
        except Resolver404:
            return path
    return f"{match.namespace}:{match.route}"


def crawl(client, language: str):
    start = f"/{language}/"
    seen, pages = {start}, {}
    fresh, again = deque([start]), deque()  # links to new kinds first
    kinds: Counter[str] = Counter()
    while (fresh or again) and len(pages) < MAX_PAGES:
        url = (fresh or again).popleft()
        kind = kind_of(urlsplit(url).path)
        if kinds[kind] >= PER_KIND:
            continue
        kinds[kind] += 1
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        reader = read(response.content.decode())
        pages[url] = reader
        for href, _attributes in reader.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            # The sign-in pages once, whatever page they would return to.
            query = "" if "/accounts/" in parts.path else parts.query
            link = parts.path + (f"?{query}" if query else "")
            if parts.path.startswith(start) and not parts.path.endswith(NOT_PAGES):
                if link not in seen and "/accounts/logout/" not in link:
                    seen.add(link)
                    new = kind_of(parts.path) not in kinds
                    (fresh if new else again).append(link)
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_dutch_interface_text_and_no_link_out_of_the_language(
    client, demo_data, language
):
    phrases = dutch_phrases(language)
    content = dutch_only_texts(language)
    assert content  # the demo keeps news and more in Dutch only
    pages = crawl(client, language)
    kinds = {kind_of(urlsplit(url).path) for url in pages}
    assert len(kinds) >= 28, sorted(kinds)
    dutch, unmarked, leaving = [], [], []
    for url, reader in pages.items():
        text = reader.text()
        dutch += [f"{url}: {phrase!r}" for phrase in phrases if phrase in text]
        body = reader.body_text()
        unmarked += [f"{url}: {shown!r}" for shown in content if shown in body]
        for href, attributes in reader.links:
            path = urlsplit(href).path
            if (
                href.startswith("/")
                and not attributes.get("hreflang")  # the language switch
                and not path.startswith((f"/{language}/", *OUTSIDE_THE_PREFIX))
            ):
                leaving.append(f"{url} → {href}")
    assert not leaving, "\n".join(sorted(set(leaving))[:30])
    assert not dutch, f"{len(dutch)} Dutch phrases:\n" + "\n".join(sorted(dutch)[:40])
    assert not unmarked, f"{len(unmarked)} Dutch-only texts not marked:\n" + (
        "\n".join(sorted(unmarked)[:60])
    )
