"""The French and English catalogues translate every message of the project.

The messages are extracted again from the code and templates (Django's
makemessages, into a temporary directory), so a string added without running
`make messages` fails here too, as does an untranslated, fuzzy or badly
formatted translation.
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LOCALE = Path(settings.BASE_DIR) / "herentq" / "locale"
LANGUAGES = ["fr", "en"]
DOMAINS = ["django", "djangojs"]
IGNORED = [
    ".venv",
    ".pgdata",
    "node_modules",
    "staticfiles",
    "media",
    "static/vendor",
    "tests",
    # Else makemessages finds the real catalogues and writes into them.
    "herentq/locale",
]
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sd]|%[sd]|\{[a-z_0-9]+\}")


# makemessages (xgettext over the whole project) runs once per run, on one worker.
extraction_group = pytest.mark.xdist_group("makemessages")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The messages of the code and templates as they are now, per domain."""
    target = tmp_path_factory.mktemp("locale")
    with override_settings(LOCALE_PATHS=[target]):
        for domain in DOMAINS:
            call_command(
                "makemessages",
                locale=["fr"],
                domain=domain,
                ignore_patterns=IGNORED,
                keep_pot=True,
                verbosity=0,
            )
    return {
        domain: {entry.msgid for entry in polib.pofile(str(target / f"{domain}.pot"))}
        for domain in DOMAINS
    }


def catalogue(language: str, domain: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / f"{domain}.po"))


def describe(entries) -> str:
    shown = [f"  {entry.msgid!r} ({entry.occurrences[:1]})" for entry in entries[:20]]
    more = f"\n  … and {len(entries) - 20} more" if len(entries) > 20 else ""
    return "\n".join(shown) + more


@extraction_group
@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_in_the_catalogue(extracted, language, domain):
    known = {entry.msgid for entry in catalogue(language, domain) if not entry.obsolete}
    missing = sorted(extracted[domain] - known - {""})
    assert not missing, (
        f"{len(missing)} messages not in {language}/{domain}.po — run `make messages`:"
        f"\n" + "\n".join(f"  {m!r}" for m in missing[:20])
    )


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language, domain):
    po = catalogue(language, domain)
    untranslated = po.untranslated_entries()
    fuzzy = [entry for entry in po.fuzzy_entries() if not entry.obsolete]
    assert not untranslated, (
        f"{len(untranslated)} untranslated in {language}/{domain}.po:\n"
        + describe(untranslated)
    )
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}/{domain}.po:\n" + describe(
        fuzzy
    )


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language, domain):
    wrong = []
    for entry in catalogue(language, domain).translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            texts = list(entry.msgstr_plural.values())
            expected_plural = sorted(PLACEHOLDER.findall(entry.msgid_plural))
            if any(
                sorted(PLACEHOLDER.findall(text)) not in (expected, expected_plural)
                # French/English "one" forms may leave out the count.
                and set(PLACEHOLDER.findall(text)) - set(expected_plural)
                for text in texts
            ):
                wrong.append(entry)
        elif sorted(PLACEHOLDER.findall(entry.msgstr)) != expected:
            wrong.append(entry)
    assert not wrong, f"placeholders changed in {language}/{domain}.po:\n" + describe(
        wrong
    )
