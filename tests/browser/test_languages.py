"""The portal in French and English, in the browser: every area by navigation,
the language switch, a French enrolment with its French mail, English form errors,
and axe on the pages (language of parts included)."""

import re

import pytest
from django.utils import translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, goto
from tests.learning_tracks.factories import SessionFactory, TrackFactory
from tests.learning_tracks.helpers import links_in, mails_to, path_of


def tr(language: str, text: str) -> str:
    """The interface text as the catalogue of `language` gives it."""
    with translation.override(language):
        return translation.gettext(text)


AREAS = ["Partnerschappen", "Subsidies", "Leertrajecten", "GROSH", "Nieuws", "Contact"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_home_and_every_area_by_navigation(page, demo_data, language):
    goto(page, f"/{language}/")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    menu = tr(language, "Hoofdmenu")
    for area in AREAS:
        page.get_by_role("navigation", name=menu).get_by_role(
            "link", name=tr(language, area), exact=True
        ).click()
        page.wait_for_load_state()
        assert re.match(rf"^{re.escape(page.base_url)}/{language}/", page.url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.locator("html").get_attribute("lang") == language
        if language == "fr":  # the same templates in English: axe once is enough
            assert_accessible(page)
    # The switch leads to the same page in the other languages.
    switch = page.get_by_role("navigation", name=tr(language, "Taal"))
    switch.get_by_role("link", name="Nederlands").click()
    expect(page).to_have_url(page.base_url + "/contact/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_a_french_visitor_enrols_and_gets_a_french_mail(page, transactional_db):
    track = TrackFactory(title="Participatie in de praktijk", capacity=5)
    track.title_fr = "La participation en pratique"
    track.save()
    SessionFactory(track=track, topic="Kennismaking")

    goto(page, f"/fr{track.get_absolute_url()}")
    expect(
        page.get_by_role("heading", level=1, name="La participation en pratique")
    ).to_be_visible()
    page.get_by_role("link", name=tr("fr", "Inschrijven"), exact=True).click()
    page.get_by_label(tr("fr", "Voor- en achternaam")).fill("Aline Dupont")
    page.get_by_label(capfirst(tr("fr", "e-mailadres"))).fill("aline@example.be")
    page.get_by_label(capfirst(tr("fr", "organisatie of gemeente"))).fill(
        "Commune de Saint-Josse-ten-Noode"
    )
    page.get_by_label(capfirst(tr("fr", "Schepen"))).check()
    page.get_by_label(tr("fr", "Ik ga akkoord met de privacyverklaring.")).check()
    page.get_by_role("button", name=tr("fr", "Inschrijven")).click()
    expect(
        page.get_by_role("heading", name=tr("fr", "Kijk in uw mailbox"))
    ).to_be_visible()
    assert page.url.startswith(page.base_url + "/fr/")
    assert_accessible(page)

    [message] = mails_to("aline@example.be")
    with translation.override("fr"):
        expected = translation.gettext("Bevestig uw inschrijving: %(title)s") % {
            "title": "La participation en pratique"
        }
    assert message.subject.endswith(expected)
    assert expected != "Bevestig uw inschrijving: La participation en pratique"
    [confirm] = links_in(message)
    assert "/fr/leertrajecten/" in confirm
    goto(page, path_of(confirm))
    assert page.locator("html").get_attribute("lang") == "fr"
    assert_accessible(page)


def test_an_english_visitor_reads_english_errors_on_an_empty_newsletter_form(
    page, demo_data
):
    goto(page, "/en/leertrajecten/nieuwsbrief/")
    page.get_by_role("button", name=tr("en", "Inschrijven"), exact=True).click()
    required = tr("en", "Vul uw e-mailadres in.")
    assert required != "Vul uw e-mailadres in."
    expect(page.get_by_text(required).first).to_be_visible()
    expect(page.get_by_text(tr("en", "Kies minstens één thema.")).first).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)
