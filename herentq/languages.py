"""The portal's three languages: their HTML language tags and each page's address in them.

Dutch lives at /, French at /fr/…, English at /en/… (paths stay Dutch under the
prefix), so the same page in another language is its path with the prefix swapped —
which also holds for pages no URL pattern matches (a 404 stays a 404 in each language).
"""

from django.conf import settings
from django.utils import translation

# The value of `lang`/`hreflang` for each language code of settings.LANGUAGES.
HTML_LANG = {"nl-be": "nl", "fr": "fr", "en": "en"}


def html_lang(language: str | None = None) -> str:
    code = language or translation.get_language() or settings.LANGUAGE_CODE
    return HTML_LANG.get(code, code.split("-")[0])


def prefix(language: str) -> str:
    """The path prefix of a language: '' for Dutch, '/fr' for French."""
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def unprefixed_path(path: str) -> str:
    """The path without its language prefix: the page's Dutch address."""
    for code, _name in settings.LANGUAGES:
        lead = prefix(code)
        if lead and (path == lead or path.startswith(lead + "/")):
            return path[len(lead) :] or "/"
    return path


def path_in(path: str, language: str) -> str:
    """The same page in another language."""
    return prefix(language) + unprefixed_path(path)


def alternates(request) -> list[dict]:
    """The page in every language, the current one marked. The query string is
    left out: what a visitor typed is not echoed back into every page's header
    (a filter is chosen again in one click)."""
    current = translation.get_language()
    result = []
    for code, name in settings.LANGUAGES:
        url = path_in(request.path, code)
        result.append(
            {
                "code": code,
                "lang": html_lang(code),
                "name": name,
                "url": url,
                "current": code == current,
            }
        )
    return result


def absolute_url(path: str, language: str | None = None) -> str:
    """A link for a mail: the portal's address plus the path in the language."""
    lang = language or translation.get_language() or settings.LANGUAGE_CODE
    return settings.HERENTQ_BASE_URL.rstrip("/") + path_in(path, lang)


# The column suffixes django-modeltranslation gives each language of
# settings.LANGUAGES (a test checks they agree).
COLUMN_SUFFIXES = ("nl_be", "fr", "en")


def translation_columns(*field_names: str) -> list[str]:
    """The per-language columns of translated fields: `title` → `title_nl_be`, …

    Histories (django-simple-history) leave them out: they keep the `title`
    column, which holds the Dutch text the service edits.
    """
    return [f"{name}_{suffix}" for name in field_names for suffix in COLUMN_SUFFIXES]


# settings.LANGUAGES as model choices (models are imported before settings are
# read at call time; a test checks both agree).
LANGUAGE_CHOICES = [("nl-be", "Nederlands"), ("fr", "Français"), ("en", "English")]


def language_field(verbose_name):
    """The language someone used with the portal: their mail and PDFs are in it."""
    from django.db import models

    return models.CharField(
        verbose_name, max_length=7, choices=LANGUAGE_CHOICES, default="nl-be"
    )


def current() -> str:
    """The active language, as stored in a `language_field`."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    known = {choice for choice, _name in LANGUAGE_CHOICES}
    return code if code in known else settings.LANGUAGE_CODE


# The clock in each language: "14.30" in Flemish, "14:30" in Belgian French and in
# English (24 hours everywhere; the formats of herentq/formats say the same).
CLOCK_FORMATS = {"nl-be": "H.i", "fr": "H:i", "en": "H:i"}


def format_clock(value) -> str:
    """A moment's time of day in the active language: "14.30", "14:30"."""
    from django.utils import dateformat, timezone

    return dateformat.format(timezone.localtime(value), CLOCK_FORMATS[current()])


def format_moment(value, *, weekday: bool = False, year: bool = True) -> str:
    """A moment in the active language: "6 december 2026, 14.30",
    "6 décembre 2026, 14:30", "6 December 2026, 14:30" (Brussels time)."""
    from django.utils import dateformat, timezone

    day = ("l " if weekday else "") + ("j F Y" if year else "j F")
    return (
        dateformat.format(timezone.localtime(value), day) + ", " + format_clock(value)
    )
