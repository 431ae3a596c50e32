"""From /fr/ and /en/, every page reached by following links: no Dutch interface
text outside blocks marked `lang="nl"`, and every link stays in the language."""

from collections import deque
from urllib.parse import urlsplit

import pytest

from tests.i18n.crawl import dutch_phrases, read

# Downloads and feeds are not pages; signing out and token links change things.
NOT_PAGES = (".pdf", ".csv", ".json", ".jsonld", ".ics", ".atom", "/jsi18n/")
OUTSIDE_THE_PREFIX = ("/static/", "/media/", "/admin/")
MAX_PAGES = 70


def crawl(client, language: str):
    start = f"/{language}/"
    seen, queue, pages = {start}, deque([start]), {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
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
                    queue.append(link)
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_dutch_interface_text_and_no_link_out_of_the_language(
    client, demo_data, language
):
    phrases = dutch_phrases(language)
    pages = crawl(client, language)
    assert len(pages) >= 40, sorted(pages)
    dutch, leaving = [], []
    for url, reader in pages.items():
        text = reader.text()
        dutch += [f"{url}: {phrase!r}" for phrase in phrases if phrase in text]
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
