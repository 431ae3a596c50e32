"""Dutch at /, French at /fr/, English at /en/: the same pages, switch, formats,
content translations with an honest Dutch fallback, and the person's language."""

import datetime as dt
import json
import re
from decimal import Decimal

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from herentq import languages
from learning_tracks.constants import TrackStatus
from learning_tracks.models import Enrolment, NewsletterSubscriber, Track
from subsidies.formatting import format_eur
from tests.conftest import deliver_mail
from tests.learning_tracks.helpers import links_in, path_of

SWITCH = re.compile(r'<nav class="language-switch".*?</nav>', re.S)


def html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_language_lists_agree_with_the_settings():
    assert languages.LANGUAGE_CHOICES == [
        (code, str(name)) for code, name in settings.LANGUAGES
    ]
    assert languages.COLUMN_SUFFIXES == tuple(
        code.replace("-", "_") for code, _name in settings.LANGUAGES
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "lang"), [("", "nl"), ("/fr", "fr"), ("/en", "en")])
def test_each_language_has_its_prefix_html_lang_switch_and_alternates(
    client, prefix, lang
):
    page = html(client, f"{prefix}/partnerschappen/?zoek=onderwijs&pagina=1")
    assert f'<html lang="{lang}">' in page
    switch = SWITCH.search(page).group(0)
    query = ""  # typed input is not echoed into the header
    for name, other_prefix, other_lang in [
        ("Nederlands", "", "nl"),
        ("Français", "/fr", "fr"),
        ("English", "/en", "en"),
    ]:
        link = (
            f'<a href="{other_prefix}/partnerschappen/{query}" '
            f'lang="{other_lang}" hreflang="{other_lang}"'
        )
        assert link in switch
        assert f">{name}</a>" in switch
        assert (
            f'<link rel="alternate" hreflang="{other_lang}" '
            f'href="{other_prefix}/partnerschappen/{query}">'
        ) in page
    assert f'hreflang="{lang}" aria-current="true"' in switch
    assert (
        f'<link rel="alternate" hreflang="x-default" href="/partnerschappen/{query}">'
        in page
    )


@pytest.mark.django_db
def test_admin_media_and_health_stay_outside_the_prefix(client):
    assert client.get("/fr/admin/").status_code == 404
    assert client.get("/admin/").status_code == 302
    assert client.get("/healthz/").status_code == 200
    missing = client.get("/fr/bestaat-niet/")
    assert missing.status_code == 404
    assert '<html lang="fr">' in missing.content.decode()


@pytest.mark.django_db
def test_redirects_keep_the_language(client):
    response = client.get("/en/subsidies/mijn-dossiers/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=/en/")


def test_amounts_and_dates_in_each_language():
    day = dt.date(2026, 12, 6)
    expected = {
        "nl-be": ("€\u00a04.000", "€\u00a02.500,50", "6 december 2026"),
        "fr": ("4\u00a0000\u00a0€", "2\u00a0500,50\u00a0€", "6 décembre 2026"),
        "en": ("€4,000", "€2,500.50", "6 December 2026"),
    }
    for language, (whole, cents, date) in expected.items():
        with translation.override(language):
            assert format_eur(Decimal("4000")) == whole
            assert format_eur(Decimal("2500.50")) == cents
            assert formats.date_format(day) == date


@pytest.mark.django_db
def test_translated_content_and_the_marked_dutch_fallback(client, demo_data):
    page = html(client, "/fr/partnerschappen/sint-joost-tanger/")
    assert '<h1 id="partnership-title">Saint-Josse-ten-Noode – Tanger</h1>' in page
    assert "dutch-only-note" not in page
    english = html(client, "/en/sdg/13/")
    assert "Climate Action" in english
    french = html(client, "/fr/sdg/13/")
    assert "Mesures relatives à la lutte contre les changements climatiques" in french
    # News stays Dutch in the demo: shown marked as Dutch, with the note.
    news = html(client, "/fr/nieuws/stedenband-ontwikkeltd/")
    assert re.search(r'<h1 lang="nl">[^<]+</h1>', news)
    assert "dutch-only-note" in news
    # Minutes and advice are the council's record: Dutch on every page.
    minutes_list = html(client, "/en/grosh/adviezen/")
    assert 'lang="nl"' in minutes_list
    # Lists too: each Dutch text marked, and one note under the list.
    note = "Certains textes ici n'existent qu'en néerlandais."
    for url in ("/fr/nieuws/", "/fr/", "/fr/leertrajecten/participatie/"):
        page = html(client, url).replace("&#x27;", "'")
        assert note in page, url
        assert re.search(r'<a href="/fr/[^"]*" lang="nl">', page) or re.search(
            r'<p class="mb-1" lang="nl">', page
        ), url
    tracks = html(client, "/en/leertrajecten/")
    assert "Some texts here are only available in Dutch." not in tracks  # all seven


@pytest.mark.django_db
def test_admin_lists_and_filters_missing_translations(service_client, demo_data):
    url = reverse("admin:partnerships_partnership_changelist")
    page = service_client.get(url, {"vertaling_ontbreekt": "fr"}).content.decode()
    assert "Brasschaat – Tarija" in page
    assert "Sint-Joost-ten-Node – Tanger" not in page
    assert "vertaling ontbreekt" in service_client.get(url).content.decode()


@pytest.mark.django_db
def test_a_french_enrolment_is_kept_in_french_with_french_links(client, demo_data):
    track = Track.objects.filter(status=TrackStatus.ENROLMENT_OPEN).first()
    response = client.post(
        f"/fr/leertrajecten/{track.slug}/inschrijven/",
        {
            "name": "Aline Dupont",
            "email": "aline@example.be",
            "organisation": "Commune de Saint-Josse-ten-Noode",
            "role": "civil_servant",
            "needs": "",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/leertrajecten/")
    enrolment = Enrolment.objects.get(email="aline@example.be")
    assert enrolment.language == "fr"
    [message] = [m for m in deliver_mail() if m.to == ["aline@example.be"]]
    [link] = links_in(message)
    assert "/fr/leertrajecten/inschrijving/bevestigen/" in link
    client.post(path_of(link))
    confirmation = [m for m in deliver_mail() if m.to == ["aline@example.be"]][-1]
    assert "/fr/leertrajecten/" in confirmation.body
    with translation.override("fr"):
        assert track.title in confirmation.body  # the French title


@pytest.mark.django_db
def test_newsletter_reader_keeps_the_language_of_the_link(client, demo_data):
    from learning_tracks import services
    from learning_tracks.models import Theme

    theme = Theme.objects.first()
    with translation.override("en"):
        services.newsletter_subscription_request(
            email="reader@example.org", themes=[theme]
        )
    [message] = [m for m in deliver_mail() if m.to == ["reader@example.org"]]
    [link] = re.findall(r"https?://\S+/nieuwsbrief/bevestigen/\S+/", message.body)
    assert "/en/leertrajecten/" in link
    client.post(path_of(link))
    assert NewsletterSubscriber.objects.get(email="reader@example.org").language == "en"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_javascript_catalogue_is_served_per_language(client, language):
    """static/js reads its strings from /<language>/jsi18n/ (Django's
    JavaScriptCatalog): every translation of djangojs.po is in it."""
    catalogue = settings.BASE_DIR / "herentq" / "locale" / language / "LC_MESSAGES"
    translated = [
        entry
        for entry in polib.pofile(str(catalogue / "djangojs.po"))
        if entry.translated()
    ]
    script = client.get(f"/{language}/jsi18n/").content.decode()
    assert "django.gettext" in script
    for entry in translated:
        assert json.dumps(entry.msgstr)[1:-1] in script


@pytest.mark.django_db
def test_moments_and_amounts_on_a_real_page_in_each_language(client, demo_data):
    """The scheme page of an open call: its closing moment with the language's
    clock (Flemish "14.30", Belgian French and English "14:30", 24 hours), and the
    budget's amounts in the language's form."""
    from django.utils import timezone

    from subsidies.models import Call

    now = timezone.now()
    call = Call.objects.filter(opens_at__lte=now, closes_at__gt=now).first()
    call.closes_at = dt.datetime(
        2027, 3, 6, 14, 30, tzinfo=timezone.get_current_timezone()
    )
    call.save()
    url = call.scheme.get_absolute_url()
    expected = {
        "": ("indienen tot 6 maart 2027, 14.30 uur.", r"€\u00a0\d{1,3}(\.\d{3})*\b"),
        "/fr": (
            "introduction jusqu'au 6 mars 2027, 14:30 (heure de Bruxelles).",
            r"\b\d{1,3}(\u00a0\d{3})*(,\d\d)?\u00a0€",
        ),
        "/en": (
            "submit by 6 March 2027, 14:30 (Brussels time).",
            r"€\d{1,3}(,\d{3})*\b",
        ),
    }
    for prefix, (moment, amount) in expected.items():
        page = html(client, prefix + url).replace("&#x27;", "'")
        assert moment in page, prefix
        assert re.search(amount, page), prefix
        assert not re.search(r"\b\d{1,2}\.\d\d \((heure|Brussels)", page)
