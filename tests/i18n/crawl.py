"""Reading a page as a visitor of one language would: its text outside the blocks
marked `lang="nl"` and the links it offers."""

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.conf import settings

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip
TEXT_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}|\{\w+\}")


class PageReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []
        self.links: list[tuple[str, dict]] = []
        self.skipping = 0

    @property
    def dutch(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang")
        dutch = lang.startswith("nl") if lang is not None else self.dutch
        if not dutch:
            for name in TEXT_ATTRIBUTES:
                if attributes.get(name):
                    self.texts.append(attributes[name])
        if tag == "a" and attributes.get("href"):
            self.links.append((attributes["href"], attributes))
        if tag in ("script", "style"):
            self.skipping += 1
        if tag not in VOID:
            self.stack.append((tag, dutch))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping -= 1
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.skipping and not self.dutch and data.strip():
            self.texts.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())


def read(page: str) -> PageReader:
    reader = PageReader()
    reader.feed(page)
    reader.close()
    return reader


def dutch_phrases(language: str) -> set[str]:
    """Dutch interface phrases of the catalogue that read differently in
    `language`: the longest literal part (15+ characters, several words) of each
    message whose translation is not the same text."""
    path = (
        Path(settings.BASE_DIR) / "herentq" / "locale" / language / "LC_MESSAGES"
    ) / "django.po"
    phrases = set()
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        translations = (
            list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        )
        for source in sources:
            if "<" in source or source in translations:
                continue
            parts = [" ".join(p.split()) for p in PLACEHOLDER.split(source)]
            longest = max(parts, key=len).strip(" .:,;()“”\"'")
            if len(longest) >= 15 and " " in longest:
                phrases.add(html.unescape(longest))
    return phrases
