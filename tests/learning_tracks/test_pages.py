import datetime as dt
import time

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from learning_tracks import tokens
from learning_tracks.constants import EnrolmentStatus, TrackStatus
from learning_tracks.models import Enrolment
from learning_tracks.tokens import Purpose
from tests.conftest import deliver_mail
from tests.learning_tracks.factories import (
    EnrolmentFactory,
    SessionFactory,
    TrackFactory,
    TrackResourceFactory,
)
from tests.learning_tracks.helpers import enrol, links_in, mails_to, path_of

pytestmark = pytest.mark.django_db

FORM = {
    "name": "An Peeters",
    "email": "an@example.be",
    "organisation": "Gemeente Herent",
    "role": "alderman",
    "needs": "Vegetarisch",
    "consent": "on",
}


def _link(purpose, enrolment):
    name = {
        Purpose.ENROLMENT_CONFIRM: "enrolment_confirm",
        Purpose.ENROLMENT_CANCEL: "enrolment_cancel",
        Purpose.OFFER: "offer_accept",
        Purpose.CERTIFICATE: "certificate",
    }[purpose]
    return reverse(
        f"learning_tracks:{name}", args=[tokens.make(purpose, str(enrolment.public_id))]
    )


def test_list_shows_every_track_with_its_phase_and_seats_left(client):
    TrackFactory(title="Participatie", capacity=20)
    full = TrackFactory(title="Wereldburgerschap", capacity=1)
    enrol(full)
    enrol(full)
    TrackFactory(title="Transversaal werken", status=TrackStatus.ANNOUNCED)
    html = client.get("/leertrajecten/").content.decode()
    assert "Participatie" in html and "Nog 20 plaatsen vrij" in html
    assert "Volzet — 1 persoon op de wachtlijst" in html
    assert "Aangekondigd" in html


def test_list_filters_on_phase(client):
    TrackFactory(title="Open traject")
    TrackFactory(title="Aangekondigd traject", status=TrackStatus.ANNOUNCED)
    html = client.get("/leertrajecten/?status=announced").content.decode()
    assert "Aangekondigd traject" in html
    assert "Open traject" not in html


def test_list_filters_on_sdg_and_pages_its_tracks(client):
    from herentq.models import SDG

    water = SDG.objects.get(number=6)
    for index in range(21):
        TrackFactory(title=f"Watertraject {index:02}").sdgs.add(water)
    TrackFactory(title="Ander traject")
    html = client.get("/leertrajecten/?sdg=6").content.decode()
    assert html.count("Watertraject") == 20 and "Ander traject" not in html
    assert '<option value="6" selected>' in html
    assert "Pagina 1 van 2" in html
    assert 'href="?sdg=6&amp;page=2"' in html
    html = client.get("/leertrajecten/?sdg=6&page=2").content.decode()
    assert html.count("Watertraject") == 1
    # The goal's page shows the first twenty and links to them all.
    html = client.get("/sdg/6/").content.decode()
    assert (
        '<a href="/leertrajecten/?sdg=6">Alle 21 leertrajecten rond deze '
        "doelstelling</a>"
    ) in html
    # A goal that does not exist is said next to the field.
    html = client.get("/leertrajecten/?sdg=18").content.decode()
    assert 'id="id_sdg_error" class="field-error">Selecteer een geldige keuze' in html


def test_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    TrackFactory()
    with django_assert_max_num_queries(8) as few:
        client.get("/leertrajecten/")
    for _ in range(6):
        track = TrackFactory()
        SessionFactory(track=track)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/leertrajecten/")


def test_track_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    track = TrackFactory(status=TrackStatus.LESSONS_PUBLISHED)
    SessionFactory(track=track)
    TrackResourceFactory(track=track)
    with django_assert_max_num_queries(12) as few:
        client.get(track.get_absolute_url())
    for _ in range(5):
        SessionFactory(track=track)
        TrackResourceFactory(track=track)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(track.get_absolute_url())
    assert response.status_code == 200


def test_enrolment_form_loads_the_track_and_its_sessions_only(
    client, django_assert_num_queries
):
    track = TrackFactory(status=TrackStatus.ENROLMENT_OPEN, capacity=1)
    for _ in range(4):
        SessionFactory(track=track)
    enrol(track)
    enrol(track)  # on the waiting list
    TrackResourceFactory(track=track)
    # The track, its sessions, and the site's notices and contact details.
    with django_assert_num_queries(4):
        response = client.get(reverse("learning_tracks:enrol", args=[track.slug]))
    html = response.content.decode()
    assert "volzet" in html and html.count('class="session-list__when') == 4


def test_track_page_shows_sessions_enrolment_and_calendar_link(client):
    track = TrackFactory(title="Participatie", capacity=3)
    SessionFactory(track=track, topic="De adviesraad in een nieuwe rol")
    SessionFactory(
        track=track,
        topic="Online sessie",
        location="",
        online_url="https://x.example/a",
    )
    html = client.get(track.get_absolute_url()).content.decode()
    assert "De adviesraad in een nieuwe rol" in html
    assert "https://x.example/a" in html
    assert "Nog 3 plaatsen vrij" in html
    assert reverse("learning_tracks:enrol", args=[track.slug]) in html
    assert f"/leertrajecten/{track.slug}/sessies.ics" in html


def test_announced_track_offers_the_interest_list_not_enrolment(client):
    track = TrackFactory(status=TrackStatus.ANNOUNCED)
    html = client.get(track.get_absolute_url()).content.decode()
    assert "Verwittig mij als de inschrijvingen openen" in html
    assert reverse("learning_tracks:enrol", args=[track.slug]) not in html
    response = client.get(reverse("learning_tracks:enrol", args=[track.slug]))
    assert response.status_code == 302


def test_lessons_and_tools_are_public_only_once_published(client):
    track = TrackFactory(status=TrackStatus.COMPLETED)
    resource = TrackResourceFactory(track=track, title="Checklist werkkledij")
    assert (
        "Checklist werkkledij"
        not in client.get(track.get_absolute_url()).content.decode()
    )
    assert client.get(resource.get_absolute_url()).status_code == 404
    track.status = TrackStatus.LESSONS_PUBLISHED
    track.save()
    assert (
        "Checklist werkkledij" in client.get(track.get_absolute_url()).content.decode()
    )
    assert client.get(resource.get_absolute_url()).status_code == 200


def test_unknown_track_is_not_found(client):
    assert client.get("/leertrajecten/bestaat-niet/").status_code == 404


def test_enrolment_form_shows_errors_and_keeps_what_was_typed(client, track):
    url = reverse("learning_tracks:enrol", args=[track.slug])
    response = client.post(url, {**FORM, "email": "geen-adres", "consent": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in html
    assert 'href="#id_email"' in html
    assert "Vul een geldig e-mailadres in" in html
    assert "Ga akkoord met de privacyverklaring" in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'id="id_email_error"' in html
    assert 'value="An Peeters"' in html
    assert "Vegetarisch" in html
    assert not Enrolment.objects.exists()


def test_enrolment_form_error_summary_links_to_the_role_group(client, track):
    url = reverse("learning_tracks:enrol", args=[track.slug])
    html = client.post(url, {**FORM, "role": ""}).content.decode()
    assert 'href="#id_role_0"' in html
    assert 'id="id_role_0"' in html


def test_enrolment_through_the_form_and_the_email_link(client, track):
    response = client.post(
        reverse("learning_tracks:enrol", args=[track.slug]), FORM, follow=True
    )
    assert "Kijk in uw mailbox" in response.content.decode()
    assert response.redirect_chain == [
        (reverse("learning_tracks:enrolment_sent", args=[track.slug]), 302)
    ]
    enrolment = Enrolment.objects.get()
    assert (enrolment.status, enrolment.role, enrolment.needs) == (
        "pending",
        "alderman",
        "Vegetarisch",
    )
    [link] = links_in(mails_to("an@example.be")[0])

    # Opening the link (as a mail scanner would) confirms nothing yet.
    page = client.get(path_of(link))
    assert "Bevestig mijn inschrijving" in page.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.PENDING

    done = client.post(path_of(link))
    assert "Uw inschrijving is bevestigd" in done.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CONFIRMED


def test_the_form_answers_an_enrolled_address_like_any_other(client, track):
    """Nobody learns from the form who is enrolled: the mail says the rest."""
    enrol(track, email="an@example.be")
    deliver_mail()
    url = reverse("learning_tracks:enrol", args=[track.slug])
    known = client.post(url, FORM, follow=True)
    unknown = client.post(url, {**FORM, "email": "nieuw@example.be"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert known.content == unknown.content
    assert "Kijk in uw mailbox" in known.content.decode()
    assert "al ingeschreven" not in known.content.decode()
    assert track.enrolments.filter(email="an@example.be").count() == 1

    reminder = mails_to("an@example.be")[-1]
    assert "U bent al ingeschreven" in reminder.subject
    assert "/leertrajecten/inschrijving/annuleren/" in reminder.body


def test_waiting_person_sees_their_position_after_confirming(client, full_track):
    enrolment = EnrolmentFactory(track=full_track, email="nieuw@example.be")
    response = client.post(_link(Purpose.ENROLMENT_CONFIRM, enrolment))
    html = response.content.decode()
    assert "U staat op de wachtlijst" in html
    assert "plaats 2" in html


def test_cancel_link_asks_first_then_cancels_and_promotes(client, full_track):
    first = full_track.enrolments.get(email="een@example.be")
    url = _link(Purpose.ENROLMENT_CANCEL, first)
    assert "Ja, annuleer mijn inschrijving" in client.get(url).content.decode()
    first.refresh_from_db()
    assert first.status == EnrolmentStatus.CONFIRMED
    response = client.post(url)
    assert "Uw inschrijving is geannuleerd" in response.content.decode()
    assert full_track.enrolments.get(email="wacht1@example.be").status == "offered"
    again = client.post(url)
    assert again.status_code == 200
    assert "geannuleerd" in again.content.decode()


def test_offer_link_accepts_the_seat(client, full_track):
    client.post(
        _link(
            Purpose.ENROLMENT_CANCEL, full_track.enrolments.get(email="een@example.be")
        )
    )
    outbox = deliver_mail()
    offer = mails_to("wacht1@example.be", outbox)[-1]
    [accept] = [link for link in links_in(offer) if "/aanbod/" in link]
    assert "Ik neem de plaats aan" in client.get(path_of(accept)).content.decode()
    response = client.post(path_of(accept))
    assert "U bent ingeschreven" in response.content.decode()
    assert full_track.enrolments.get(email="wacht1@example.be").status == "confirmed"


def test_expired_offer_link_says_so(client, full_track):
    client.post(
        _link(
            Purpose.ENROLMENT_CANCEL, full_track.enrolments.get(email="een@example.be")
        )
    )
    offered = full_track.enrolments.get(email="wacht1@example.be")
    Enrolment.objects.filter(pk=offered.pk).update(
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    response = client.post(_link(Purpose.OFFER, offered))
    assert response.status_code == 409
    assert "termijn van dit aanbod is verstreken" in response.content.decode()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-3] + "abc",  # tampered signature
        lambda token: "x" + token,  # tampered payload
        lambda token: "niets",  # not a token at all
    ],
)
def test_tampered_links_get_a_dutch_400_page(client, track, mangle):
    enrolment = EnrolmentFactory(track=track)
    token = tokens.make(Purpose.ENROLMENT_CANCEL, str(enrolment.public_id))
    for name in ["enrolment_confirm", "enrolment_cancel", "offer_accept"]:
        response = client.get(reverse(f"learning_tracks:{name}", args=[mangle(token)]))
        assert response.status_code == 400
        assert "Deze link werkt niet" in response.content.decode()
        response = client.post(reverse(f"learning_tracks:{name}", args=[mangle(token)]))
        assert response.status_code == 400


def test_a_link_for_one_purpose_does_not_work_for_another(client, track):
    enrolment = EnrolmentFactory(track=track)
    cancel_token = tokens.make(Purpose.ENROLMENT_CANCEL, str(enrolment.public_id))
    response = client.post(
        reverse("learning_tracks:enrolment_confirm", args=[cancel_token])
    )
    assert response.status_code == 400
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.PENDING


def test_expired_confirmation_link_says_it_expired(client, track, monkeypatch):
    enrolment = EnrolmentFactory(track=track)
    made_49_hours_ago = time.time() - 49 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: made_49_hours_ago)
        token = tokens.make(Purpose.ENROLMENT_CONFIRM, str(enrolment.public_id))
    response = client.get(reverse("learning_tracks:enrolment_confirm", args=[token]))
    assert response.status_code == 400
    assert "Deze link is verlopen" in response.content.decode()


def test_link_to_an_enrolment_that_no_longer_exists_is_a_404(client, track):
    enrolment = EnrolmentFactory(track=track)
    url = _link(Purpose.ENROLMENT_CANCEL, enrolment)
    enrolment.delete()
    response = client.get(url)
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()


def test_calendar_feed_lists_the_sessions(client, track):
    SessionFactory(track=track, topic="Kennismaking")
    SessionFactory(track=track, topic="Afgelast", is_cancelled=True)
    response = client.get(f"/leertrajecten/{track.slug}/sessies.ics")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 2
    assert "Kennismaking" in body
    assert "STATUS:CANCELLED" in body


def test_home_and_sdg_pages_link_to_the_tracks(client):
    from herentq.models import SDG

    track = TrackFactory(title="Wereldburgerschap")
    track.sdgs.add(SDG.objects.get(number=4))
    home = client.get("/").content.decode()
    assert "Zeven leertrajecten" in home  # the app's home section
    html = client.get("/sdg/4/").content.decode()
    assert "Wereldburgerschap" in html
    assert track.get_absolute_url() in html
