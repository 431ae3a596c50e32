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
        self.title: list[str] = []  # the window title, kept apart (see body_text)
        self.links: list[tuple[str, dict]] = []
        self.skipping = 0
        self.in_title = False

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
        if tag == "title":
            self.in_title = True
        if tag not in VOID:
            self.stack.append((tag, dutch))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping -= 1
        if tag == "title":
            self.in_title = False
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.skipping and not self.dutch and data.strip():
            (self.title if self.in_title else self.texts).append(data)

    def text(self) -> str:
        """Everything a visitor reads outside `lang="nl"`, the window title too."""
        return " ".join(" ".join(self.title + self.texts).split())

    def body_text(self) -> str:
        """The page's text outside `lang="nl"`, without the window title (which
        cannot mark a part of itself as Dutch)."""
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


def dutch_only_texts(language: str) -> set[str]:
    """The short texts of content (titles, names, summaries) that has no
    translation into `language`: a page in that language shows them in Dutch, so
    only inside a block marked `lang="nl"`."""
    from django.db import models
    from django.db.models import Q
    from modeltranslation.translator import translator

    suffix = language.replace("-", "_")
    texts = set()
    for model in translator.get_registered_models():
        options = translator.get_options_for_model(model)
        for name in options.fields:
            if not isinstance(model._meta.get_field(name), models.CharField):
                continue  # long texts are marked as a whole block
            other = f"{name}_{suffix}"
            rows = model._default_manager.filter(
                Q(**{f"{other}__isnull": True}) | Q(**{other: ""})
            ).values_list(f"{name}_nl_be", flat=True)
            texts |= {
                " ".join(text.split())
                for text in rows
                if text and len(text) >= 12 and " " in text.strip()
            }
    return texts
