"""Learning tracks in the browser: every page passes axe-core (forms also in their
error state), and a participant enrols, confirms by e-mail and cancels, after
which the first person on the waiting list gets the offer."""

from django.urls import reverse
from playwright.sync_api import expect

from learning_tracks import services, tokens
from learning_tracks.models import NewsletterSubscriber, Theme, Track
from learning_tracks.tokens import Purpose
from tests.browser.conftest import assert_accessible, goto
from tests.conftest import deliver_mail
from tests.learning_tracks.factories import (
    EnrolmentFactory,
    SessionFactory,
    TrackFactory,
)
from tests.learning_tracks.helpers import enrol, links_in, mails_to, path_of

TRACK_PAGES = [
    "/leertrajecten/duurzaam-aankoopbeleid/",  # lessons published
    "/leertrajecten/duurzaam-bankieren/",  # completed
    "/leertrajecten/migratie-integratie-en-ontwikkeling/",  # running
    "/leertrajecten/wereldburgerschap/",  # enrolment open, full, waiting list
    "/leertrajecten/participatie/",  # enrolment open, seats left
    "/leertrajecten/transversaal-werken/",  # announced, interest list
]
PAGES = [
    "/leertrajecten/",
    "/leertrajecten/?status=announced",
    *TRACK_PAGES,
    "/leertrajecten/duurzaam-aankoopbeleid/lessen/geleerde-lessen/",
    "/leertrajecten/participatie/inschrijven/",
    "/leertrajecten/wereldburgerschap/inschrijven/",
    "/leertrajecten/nieuwsbrief/",
]


def _signed(name, purpose, value):
    return reverse(f"learning_tracks:{name}", args=[tokens.make(purpose, value)])


def test_learning_track_pages_have_no_accessibility_violations(page, demo_data):
    for path in PAGES:
        response = goto(page, path)
        assert response.status == 200, path
        assert page.get_by_role("heading", level=1).count() == 1, path
        assert_accessible(page)


def test_learning_track_pages_fit_a_narrow_screen(page, demo_data):
    page.set_viewport_size({"width": 320, "height": 800})
    for path in PAGES:
        goto(page, path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path


def test_forms_in_their_error_state_have_no_accessibility_violations(page, demo_data):
    goto(page, "/leertrajecten/participatie/inschrijven/")
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.get_by_role("button", name="Inschrijven").click()
    summary = page.locator("[data-error-summary]")
    # expect() waits for the reloaded page; a plain check could look too early.
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert "Vul een geldig e-mailadres in" in summary.inner_text()
    assert_accessible(page)
    # The summary's link moves the focus to the field.
    summary.get_by_role("link", name="Rol: Kies uw rol.").click()
    assert page.evaluate("document.activeElement.id") == "id_role_0"

    goto(page, "/leertrajecten/nieuwsbrief/")
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.locator("[data-error-summary]")).to_contain_text(
        "Kies minstens één thema."
    )
    assert_accessible(page)

    goto(page, "/leertrajecten/transversaal-werken/")
    page.get_by_label("Uw e-mailadres").fill("fout")
    page.get_by_role("button", name="Zet mij op de lijst").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)


def test_signed_link_pages_have_no_accessibility_violations(page, demo_data):
    open_track = Track.objects.get(slug="participatie")
    full = Track.objects.get(slug="wereldburgerschap")
    pending = EnrolmentFactory(track=open_track, email="nieuw@example.be")
    waiting = full.enrolments.filter(status="waiting").order_by("waitlisted_at").first()
    seated = full.enrolments.filter(status="confirmed").first()
    services.enrolment_cancel(enrolment=seated)  # the first waiting gets an offer
    waiting.refresh_from_db()
    second_waiting = full.enrolments.filter(status="waiting").first()
    theme = Theme.objects.first()
    reader = NewsletterSubscriber.objects.first()
    pages = [
        (
            _signed(
                "enrolment_confirm", Purpose.ENROLMENT_CONFIRM, str(pending.public_id)
            ),
            200,
        ),
        (
            _signed(
                "enrolment_confirm",
                Purpose.ENROLMENT_CONFIRM,
                str(second_waiting.public_id),
            ),
            200,
        ),
        (
            _signed(
                "enrolment_cancel",
                Purpose.ENROLMENT_CANCEL,
                str(second_waiting.public_id),
            ),
            200,
        ),
        (
            _signed(
                "enrolment_cancel", Purpose.ENROLMENT_CANCEL, str(seated.public_id)
            ),
            200,
        ),
        (_signed("offer_accept", Purpose.OFFER, str(waiting.public_id)), 200),
        (_signed("certificate", Purpose.CERTIFICATE, str(waiting.public_id)), 404),
        (
            _signed(
                "interest_confirm",
                Purpose.INTEREST_CONFIRM,
                {
                    "t": Track.objects.get(slug="transversaal-werken").pk,
                    "e": "x@example.be",
                },
            ),
            200,
        ),
        (
            _signed(
                "newsletter_confirm",
                Purpose.NEWSLETTER_CONFIRM,
                {"e": "x@example.be", "t": [theme.pk]},
            ),
            200,
        ),
        (
            _signed(
                "newsletter_unsubscribe",
                Purpose.NEWSLETTER_UNSUBSCRIBE,
                str(reader.public_id),
            ),
            200,
        ),
        ("/leertrajecten/inschrijving/annuleren/vervalst:link/", 400),
    ]
    for path, status in pages:
        response = goto(page, path)
        assert response.status == status, path
        assert_accessible(page)


def test_participant_enrols_confirms_and_cancels_and_the_first_waiting_gets_the_offer(
    page, transactional_db
):
    track = TrackFactory(title="Participatie in de praktijk", capacity=1)
    SessionFactory(track=track, topic="Kennismaking")

    goto(page, track.get_absolute_url())
    expect(page.get_by_text("Nog 1 plaats vrij")).to_be_visible()
    page.get_by_role("link", name="Inschrijven").click()
    page.get_by_label("Voor- en achternaam").fill("An Peeters")
    page.get_by_label("E-mailadres").fill("an.peeters@example.be")
    page.get_by_label("Organisatie of gemeente").fill("Gemeente Herent")
    page.get_by_label("Schepen").check()
    page.get_by_label("Ik ga akkoord met de privacyverklaring").check()
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.get_by_role("heading", name="Kijk in uw mailbox")).to_be_visible()
    assert_accessible(page)

    # The link in the e-mail confirms the address.
    [confirm] = links_in(mails_to("an.peeters@example.be")[-1])
    goto(page, path_of(confirm))
    assert_accessible(page)
    page.get_by_role("button", name="Bevestig mijn inschrijving").click()
    expect(
        page.get_by_role("heading", name="Uw inschrijving is bevestigd")
    ).to_be_visible()
    assert_accessible(page)

    # The track is full now: the next person waits.
    waiting = enrol(track, email="wacht@example.be", name="Bart Janssens")
    assert waiting.status == "waiting"
    goto(page, track.get_absolute_url())
    expect(page.get_by_text("Volzet — 1 persoon op de wachtlijst")).to_be_visible()

    # The participant cancels with the link in the confirmation e-mail.
    confirmation = [
        m
        for m in mails_to("an.peeters@example.be")
        if "U bent ingeschreven" in m.subject
    ][-1]
    [cancel] = [link for link in links_in(confirmation) if "/annuleren/" in link]
    goto(page, path_of(cancel))
    assert_accessible(page)
    page.get_by_role("button", name="Ja, annuleer mijn inschrijving").click()
    expect(
        page.get_by_role("heading", name="Uw inschrijving is geannuleerd")
    ).to_be_visible()
    assert_accessible(page)

    # The first person on the waiting list receives the offer and takes the seat.
    offer = [
        m for m in mails_to("wacht@example.be") if "Er is een plaats vrij" in m.subject
    ]
    assert len(offer) == 1
    [accept] = [link for link in links_in(offer[0]) if "/aanbod/" in link]
    goto(page, path_of(accept))
    expect(
        page.get_by_role("heading", name="Er is een plaats voor u vrijgekomen")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ik neem de plaats aan").click()
    expect(page.get_by_role("heading", name="U bent ingeschreven")).to_be_visible()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    deliver_mail()


def test_learning_tracks_are_reachable_from_the_navigation(page, demo_data):
    goto(page, "/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Leertrajecten"
    ).click()
    page.wait_for_url("**/leertrajecten/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Leertrajecten")
    expect(page.get_by_role("link", name="Wereldburgerschap")).to_be_visible()
