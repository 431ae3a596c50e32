import re

import pytest
from django.urls import reverse

from learning_tracks import services, tokens
from learning_tracks.models import Newsletter, NewsletterSubscriber
from learning_tracks.tokens import Purpose
from tests.conftest import deliver_mail
from tests.learning_tracks.factories import ThemeFactory
from tests.learning_tracks.helpers import links_in, mails_to, path_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes(db):
    return [
        ThemeFactory(name="Wereldburgerschap", slug="wereldburgerschap", position=1),
        ThemeFactory(name="Participatie", slug="participatie", position=2),
        ThemeFactory(name="Duurzaam bankieren", slug="duurzaam-bankieren", position=3),
    ]


def _subscribe(client, email, themes):
    client.post(
        reverse("learning_tracks:newsletter"),
        {"email": email, "themes": [t.pk for t in themes], "consent": "on"},
    )
    [link] = links_in(mails_to(email)[-1])
    client.post(path_of(link))
    return NewsletterSubscriber.objects.get(email=email)


def test_signing_up_by_theme_is_confirmed_by_a_link(client, themes):
    response = client.post(
        reverse("learning_tracks:newsletter"),
        {
            "email": "an@example.be",
            "themes": [themes[0].pk, themes[1].pk],
            "consent": "on",
        },
        follow=True,
    )
    assert "Kijk in uw mailbox" in response.content.decode()
    assert not NewsletterSubscriber.objects.exists()  # nothing stored before the click
    message = mails_to("an@example.be")[0]
    assert "Wereldburgerschap" in message.body and "Participatie" in message.body
    [link] = links_in(message)
    assert "Bevestig uw inschrijving" in client.get(path_of(link)).content.decode()
    assert not NewsletterSubscriber.objects.exists()
    done = client.post(path_of(link))
    assert "U bent ingeschreven voor de nieuwsbrief" in done.content.decode()
    subscriber = NewsletterSubscriber.objects.get(email="an@example.be")
    assert set(subscriber.themes.all()) == {themes[0], themes[1]}


def test_form_errors_keep_the_choices(client, themes):
    response = client.post(
        reverse("learning_tracks:newsletter"),
        {"email": "an@example.be", "themes": [], "consent": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies minstens één thema." in html
    assert 'href="#id_themes_0"' in html
    assert 'value="an@example.be"' in html
    assert not deliver_mail()


def test_theme_can_be_preselected_from_a_track_page(client, themes):
    url = reverse("learning_tracks:newsletter") + "?thema=participatie"
    html = client.get(url).content.decode()
    boxes = {
        theme.name: re.search(rf'<input[^>]*value="{theme.pk}"[^>]*>', html).group(0)
        for theme in themes
    }
    assert "checked" in boxes["Participatie"]
    assert "checked" not in boxes["Wereldburgerschap"]


def test_confirming_again_replaces_the_themes(client, themes):
    _subscribe(client, "an@example.be", [themes[0]])
    subscriber = _subscribe(client, "an@example.be", [themes[2]])
    assert list(subscriber.themes.all()) == [themes[2]]
    assert NewsletterSubscriber.objects.count() == 1


def test_newsletter_goes_to_readers_of_its_themes_with_an_unsubscribe_link(
    client, themes, service_user
):
    _subscribe(client, "an@example.be", [themes[0]])
    _subscribe(client, "bart@example.be", [themes[0], themes[1]])
    _subscribe(client, "chloe@example.be", [themes[2]])
    before = len(deliver_mail())
    newsletter = Newsletter.objects.create(subject="Nieuws", body="Het nieuws.")
    newsletter.themes.set([themes[0], themes[1]])

    assert services.newsletter_send(newsletter=newsletter, actor=service_user) == 2
    with pytest.raises(services.NotAllowed):
        services.newsletter_send(newsletter=newsletter, actor=service_user)

    outbox = deliver_mail()[before:]
    assert sorted(m.to[0] for m in outbox) == ["an@example.be", "bart@example.be"]
    for message in outbox:
        unsubscribe, manage = links_in(message)
        assert "/leertrajecten/nieuwsbrief/uitschrijven/" in unsubscribe
        assert "/leertrajecten/nieuwsbrief/themas/" in manage
        assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
        assert (
            message.extra_headers["List-Unsubscribe-Post"]
            == "List-Unsubscribe=One-Click"
        )
    newsletter.refresh_from_db()
    assert newsletter.recipient_count == 2 and newsletter.sent_by == service_user


def test_confirmation_offers_to_change_themes_or_unsubscribe(client, themes):
    client.post(
        reverse("learning_tracks:newsletter"),
        {"email": "an@example.be", "themes": [themes[0].pk], "consent": "on"},
    )
    [link] = links_in(mails_to("an@example.be")[-1])
    html = client.post(path_of(link)).content.decode()
    assert "Uw thema&#x27;s wijzigen" in html or "Uw thema's wijzigen" in html
    assert "/leertrajecten/nieuwsbrief/themas/" in html
    assert "/leertrajecten/nieuwsbrief/uitschrijven/" in html


def test_the_link_in_every_newsletter_changes_the_themes(client, themes, service_user):
    subscriber = _subscribe(client, "an@example.be", [themes[0]])
    newsletter = Newsletter.objects.create(subject="Nieuws", body="Het nieuws.")
    newsletter.themes.set([themes[0]])
    before = len(deliver_mail())
    services.newsletter_send(newsletter=newsletter, actor=service_user)
    [message] = deliver_mail()[before:]
    _unsubscribe, manage = links_in(message)

    page = client.get(path_of(manage)).content.decode()
    assert "an@example.be" in page
    assert re.search(rf'<input[^>]*value="{themes[0].pk}"[^>]*checked', page)
    # None chosen: said at the field, nothing changed.
    refused = client.post(path_of(manage), {"themes": []}).content.decode()
    assert "Kies minstens één thema" in refused
    assert list(subscriber.themes.all()) == [themes[0]]
    done = client.post(path_of(manage), {"themes": [themes[1].pk, themes[2].pk]})
    assert "s zijn bewaard." in done.content.decode()
    assert set(subscriber.themes.all()) == {themes[1], themes[2]}


def test_home_page_leads_to_the_newsletter(client, themes):
    html = client.get("/").content.decode()
    assert f'href="{reverse("learning_tracks:newsletter")}"' in html


def test_unsubscribe_link_asks_then_deletes_the_address(client, themes):
    subscriber = _subscribe(client, "an@example.be", [themes[0]])
    url = reverse(
        "learning_tracks:newsletter_unsubscribe",
        args=[tokens.make(Purpose.NEWSLETTER_UNSUBSCRIBE, str(subscriber.public_id))],
    )
    assert "Ja, schrijf mij uit" in client.get(url).content.decode()
    assert NewsletterSubscriber.objects.exists()
    assert "U bent uitgeschreven" in client.post(url).content.decode()
    assert not NewsletterSubscriber.objects.exists()
    # A second click (or a mail program's one-click) is answered kindly.
    response = client.post(url)
    assert response.status_code == 200
    assert "U bent uitgeschreven" in response.content.decode()


def test_one_click_unsubscribe_works_without_a_csrf_token(themes):
    from django.test import Client

    subscriber = NewsletterSubscriber.objects.create(email="an@example.be")
    url = reverse(
        "learning_tracks:newsletter_unsubscribe",
        args=[tokens.make(Purpose.NEWSLETTER_UNSUBSCRIBE, str(subscriber.public_id))],
    )
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not NewsletterSubscriber.objects.exists()


def test_tampered_newsletter_links_get_the_dutch_error_page(client, themes):
    for name in ["newsletter_confirm", "newsletter_unsubscribe"]:
        response = client.get(reverse(f"learning_tracks:{name}", args=["vervalst:abc"]))
        assert response.status_code == 400
        assert "Deze link werkt niet" in response.content.decode()


def test_each_reader_gets_the_newsletter_in_their_language(themes, service_user):
    """Subject, text, footer and links in the reader's language; a text not
    translated into it comes in Dutch, saying so."""
    for email, language in [
        ("an@example.be", "nl-be"),
        ("aline@example.be", "fr"),
        ("lee@example.org", "en"),
    ]:
        NewsletterSubscriber.objects.create(email=email, language=language).themes.set(
            [themes[0]]
        )
    newsletter = Newsletter.objects.create(
        subject_nl_be="Nieuwe sessies",
        body_nl_be="Er zijn nieuwe sessies.",
        subject_fr="Nouvelles sessions",
        body_fr="Il y a de nouvelles sessions.",
    )
    newsletter.themes.set([themes[0]])
    before = len(deliver_mail())
    services.newsletter_send(newsletter=newsletter, actor=service_user)
    sent = {m.to[0]: m for m in deliver_mail()[before:]}

    french = sent["aline@example.be"]
    assert french.subject == "[HerentQ] Nouvelles sessions"
    assert "Il y a de nouvelles sessions." in french.body
    assert "Vous recevez cette lettre" in french.body
    assert "néerlandais" not in french.body
    assert all("/fr/" in link for link in re.findall(r"https?://\S+", french.body))

    english = sent["lee@example.org"]  # no English text: the Dutch one, said so
    assert english.subject == "[HerentQ] Nieuwe sessies"
    assert "Er zijn nieuwe sessies." in english.body
    assert "This newsletter is only available in Dutch." in english.body
    links = re.findall(r"https?://\S+", english.body)
    assert links and all("/en/" in link for link in links)

    dutch = sent["an@example.be"]
    assert "Er zijn nieuwe sessies." in dutch.body
    assert "alleen in het Nederlands" not in dutch.body
    assert not any("/fr/" in x or "/en/" in x for x in re.findall(r"\S+", dutch.body))
