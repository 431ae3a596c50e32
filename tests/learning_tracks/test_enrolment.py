import datetime as dt

import pytest
from django.utils import timezone

from herentq.audit import audit_entries_for
from learning_tracks import selectors, services
from learning_tracks.constants import EnrolmentStatus, TrackStatus
from learning_tracks.models import Enrolment
from tests.conftest import deliver_mail
from tests.learning_tracks.factories import SessionFactory, TrackFactory
from tests.learning_tracks.helpers import enrol, links_in, mails_to

pytestmark = pytest.mark.django_db


def _request(track, email="an@example.be", **kwargs):
    data = {
        "name": "An Peeters",
        "email": email,
        "organisation": "Gemeente Herent",
        "role": "civil_servant",
        **kwargs,
    }
    return services.enrolment_request(track=track, **data)


def test_enrolment_waits_for_the_email_link_and_holds_no_seat(track):
    enrolment = _request(track)
    track.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.PENDING
    assert track.seats_taken == 0
    [message] = mails_to("an@example.be")
    assert "Bevestig uw inschrijving" in message.subject
    [link] = links_in(message)
    assert "/leertrajecten/inschrijving/bevestigen/" in link


def test_confirming_the_address_gives_a_seat_and_mails_the_sessions(track):
    SessionFactory(track=track, topic="Kennismaking")
    enrolment = services.enrolment_confirm_email(enrolment=_request(track))
    track.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CONFIRMED
    assert enrolment.email_confirmed_at is not None
    assert track.seats_taken == 1
    confirmation = mails_to("an@example.be")[-1]
    assert "U bent ingeschreven" in confirmation.subject
    assert "Kennismaking" in confirmation.body
    assert "/leertrajecten/inschrijving/annuleren/" in confirmation.body
    [(name, content, mimetype)] = confirmation.attachments
    assert name == "leertraject.ics"
    assert mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content and "Kennismaking" in content
    assert [e.action for e in audit_entries_for(enrolment)] == [
        "learning_tracks.enrolment.confirmed"
    ]


def test_confirming_twice_changes_nothing(track):
    enrolment = services.enrolment_confirm_email(enrolment=_request(track))
    again = services.enrolment_confirm_email(enrolment=enrolment)
    track.refresh_from_db()
    assert again.status == EnrolmentStatus.CONFIRMED
    assert track.seats_taken == 1


def test_full_track_puts_the_person_on_the_waiting_list_with_a_position(full_track):
    second = enrol(full_track, email="wacht2@example.be")
    assert second.status == EnrolmentStatus.WAITING
    assert selectors.waiting_position(second) == 2
    message = mails_to("wacht2@example.be")[-1]
    assert "wachtlijst" in message.subject
    assert "op plaats 2" in message.body
    full_track.refresh_from_db()
    assert full_track.seats_taken == 2


def test_same_address_twice_in_a_track_changes_nothing_and_gets_its_links(track):
    first = enrol(track, email="an@example.be")
    deliver_mail()
    again = _request(track, email=" AN@example.be ")
    assert again.pk == first.pk
    assert track.enrolments.count() == 1
    reminder = mails_to("an@example.be")[-1]
    assert "U bent al ingeschreven" in reminder.subject
    assert "/leertrajecten/inschrijving/annuleren/" in reminder.body


def test_same_address_may_enrol_in_another_track(track):
    enrol(track, email="an@example.be")
    other = TrackFactory()
    assert enrol(other, email="an@example.be").status == EnrolmentStatus.CONFIRMED


def test_sending_the_form_again_before_confirming_replaces_the_pending_data(track):
    first = _request(track, name="Eerst")
    second = _request(track, name="Daarna")
    assert first.pk == second.pk
    assert Enrolment.objects.get(pk=first.pk).name == "Daarna"
    assert len(mails_to("an@example.be")) == 2


def test_address_may_enrol_again_after_cancelling(track):
    enrolment = enrol(track, email="an@example.be")
    services.enrolment_cancel(enrolment=enrolment)
    again = enrol(track, email="an@example.be")
    assert again.status == EnrolmentStatus.CONFIRMED
    assert track.enrolments.count() == 2


@pytest.mark.parametrize(
    "status", [TrackStatus.ANNOUNCED, TrackStatus.RUNNING, TrackStatus.COMPLETED]
)
def test_enrolment_is_refused_outside_the_enrolment_phase(status):
    track = TrackFactory(status=status)
    with pytest.raises(services.EnrolmentClosed):
        _request(track)
    assert not track.enrolments.exists()


def test_enrolment_is_refused_after_the_window_closes():
    track = TrackFactory(enrolment_closes_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(services.EnrolmentClosed):
        _request(track)


def test_unconfirmed_enrolments_are_deleted_after_48_hours(track):
    old = _request(track, email="oud@example.be")
    Enrolment.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=49)
    )
    recent = _request(track, email="nieuw@example.be")
    assert services.pending_enrolments_expire() == 1
    assert list(Enrolment.objects.all()) == [recent]


def test_cancelling_promotes_the_first_waiting_person_with_an_offer(full_track):
    enrol(full_track, email="wacht2@example.be")
    deliver_mail()
    first = full_track.enrolments.get(email="een@example.be")

    services.enrolment_cancel(enrolment=first)

    full_track.refresh_from_db()
    assert full_track.seats_taken == 2  # the freed seat is held for the offer
    promoted = full_track.enrolments.get(email="wacht1@example.be")
    assert promoted.status == EnrolmentStatus.OFFERED
    assert promoted.offer_expires_at == pytest.approx(
        timezone.now() + dt.timedelta(hours=full_track.offer_hours),
        abs=dt.timedelta(minutes=1),
    )
    assert full_track.enrolments.get(email="wacht2@example.be").status == "waiting"
    assert (
        selectors.waiting_position(full_track.enrolments.get(email="wacht2@example.be"))
        == 1
    )
    outbox = deliver_mail()
    offer = mails_to("wacht1@example.be", outbox)[-1]
    assert "Er is een plaats vrij" in offer.subject
    assert any(
        "/leertrajecten/inschrijving/aanbod/" in link for link in links_in(offer)
    )
    assert "Inschrijving geannuleerd" in mails_to("een@example.be", outbox)[-1].subject


def test_a_failed_cancellation_promotes_nobody(full_track, monkeypatch):
    """The promotion happens in the cancellation's transaction: all or nothing."""
    first = full_track.enrolments.get(email="een@example.be")

    fill = services._fill_free_seats

    def fill_then_fail(*args, **kwargs):
        fill(*args, **kwargs)  # the offer is made, then something breaks
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "_fill_free_seats", fill_then_fail)
    with pytest.raises(RuntimeError):
        services.enrolment_cancel(enrolment=first)
    full_track.refresh_from_db()
    assert full_track.seats_taken == 2
    assert full_track.enrolments.get(email="een@example.be").status == "confirmed"
    assert full_track.enrolments.get(email="wacht1@example.be").status == "waiting"


def test_cancelling_a_waiting_enrolment_frees_no_seat(full_track):
    waiting = full_track.enrolments.get(email="wacht1@example.be")
    services.enrolment_cancel(enrolment=waiting)
    full_track.refresh_from_db()
    assert full_track.seats_taken == 2
    assert not full_track.enrolments.filter(status="offered").exists()


def test_cancelling_twice_is_refused(track):
    enrolment = enrol(track)
    services.enrolment_cancel(enrolment=enrolment)
    with pytest.raises(services.NotAllowed):
        services.enrolment_cancel(enrolment=enrolment)
    track.refresh_from_db()
    assert track.seats_taken == 0


def test_accepting_an_offer_confirms_the_seat(full_track):
    services.enrolment_cancel(
        enrolment=full_track.enrolments.get(email="een@example.be")
    )
    offered = full_track.enrolments.get(email="wacht1@example.be")
    accepted = services.enrolment_accept_offer(enrolment=offered)
    full_track.refresh_from_db()
    assert accepted.status == EnrolmentStatus.CONFIRMED
    assert full_track.seats_taken == 2
    assert "U bent ingeschreven" in mails_to("wacht1@example.be")[-1].subject


def test_an_offer_past_its_deadline_cannot_be_accepted(full_track):
    services.enrolment_cancel(
        enrolment=full_track.enrolments.get(email="een@example.be")
    )
    offered = full_track.enrolments.get(email="wacht1@example.be")
    later = offered.offer_expires_at + dt.timedelta(seconds=1)
    with pytest.raises(services.OfferExpired):
        services.enrolment_accept_offer(enrolment=offered, now=later)


def test_an_unanswered_offer_passes_to_the_next_person(full_track):
    enrol(full_track, email="wacht2@example.be")
    services.enrolment_cancel(
        enrolment=full_track.enrolments.get(email="een@example.be")
    )
    first_offer = full_track.enrolments.get(email="wacht1@example.be")
    deliver_mail()

    assert (
        services.offers_expire(
            now=first_offer.offer_expires_at - dt.timedelta(seconds=1)
        )
        == 0
    )
    assert services.offers_expire(now=first_offer.offer_expires_at) == 1

    first_offer.refresh_from_db()
    assert first_offer.status == EnrolmentStatus.EXPIRED
    second = full_track.enrolments.get(email="wacht2@example.be")
    assert second.status == EnrolmentStatus.OFFERED
    full_track.refresh_from_db()
    assert full_track.seats_taken == 2
    outbox = deliver_mail()
    assert "Aanbod verlopen" in mails_to("wacht1@example.be", outbox)[-1].subject
    assert "Er is een plaats vrij" in mails_to("wacht2@example.be", outbox)[-1].subject
    # Running it again changes nothing.
    assert services.offers_expire(now=first_offer.offer_expires_at) == 0


def test_an_unanswered_offer_with_nobody_waiting_frees_the_seat(full_track):
    services.enrolment_cancel(
        enrolment=full_track.enrolments.get(email="een@example.be")
    )
    offer = full_track.enrolments.get(email="wacht1@example.be")
    services.offers_expire(now=offer.offer_expires_at)
    full_track.refresh_from_db()
    assert full_track.seats_taken == 1
    assert enrol(full_track, email="nieuw@example.be").status == "confirmed"


def test_declining_an_offer_passes_it_on_at_once(full_track):
    enrol(full_track, email="wacht2@example.be")
    services.enrolment_cancel(
        enrolment=full_track.enrolments.get(email="een@example.be")
    )
    services.enrolment_cancel(
        enrolment=full_track.enrolments.get(email="wacht1@example.be")
    )
    assert full_track.enrolments.get(email="wacht2@example.be").status == "offered"


def test_cap_per_municipality_sends_the_extra_person_to_the_waiting_list():
    track = TrackFactory(capacity=5, municipality_cap=2)
    enrol(track, email="a@example.be", organisation="Gemeente Herent")
    enrol(track, email="b@example.be", organisation="gemeente  herent")
    third = enrol(track, email="c@example.be", organisation="GEMEENTE HERENT")
    other = enrol(track, email="d@example.be", organisation="Gemeente Genk")
    assert third.status == EnrolmentStatus.WAITING
    assert other.status == EnrolmentStatus.CONFIRMED
    track.refresh_from_db()
    assert track.seats_taken == 3


def test_promotion_passes_over_people_whose_municipality_is_at_the_cap():
    track = TrackFactory(capacity=3, municipality_cap=2)
    enrol(track, email="h1@example.be", organisation="Herent")
    enrol(track, email="h2@example.be", organisation="Herent")
    genk = enrol(track, email="g1@example.be", organisation="Genk")
    herent_waiting = enrol(track, email="h3@example.be", organisation="Herent")
    genk_waiting = enrol(track, email="g2@example.be", organisation="Genk")
    services.enrolment_cancel(enrolment=genk)
    herent_waiting.refresh_from_db()
    genk_waiting.refresh_from_db()
    assert herent_waiting.status == EnrolmentStatus.WAITING
    assert genk_waiting.status == EnrolmentStatus.OFFERED
    assert selectors.waiting_position(herent_waiting) == 1


def test_raising_the_capacity_offers_the_new_seats(full_track):
    full_track.capacity = 3
    full_track.save()
    offered = services.track_fill_free_seats(track=full_track)
    assert [e.email for e in offered] == ["wacht1@example.be"]


def test_service_moves_a_waiting_person_to_confirmed_adding_a_seat(
    full_track, service_user
):
    waiting = full_track.enrolments.get(email="wacht1@example.be")
    services.enrolment_move_to_confirmed(enrolment=waiting, actor=service_user)
    full_track.refresh_from_db()
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.CONFIRMED
    assert (full_track.capacity, full_track.seats_taken) == (3, 3)
    entry = audit_entries_for(waiting).first()
    assert (entry.action, entry.actor) == (
        "learning_tracks.enrolment.moved_to_confirmed",
        service_user,
    )


def test_service_moves_a_participant_to_the_waiting_list_and_the_seat_is_offered(
    full_track, service_user
):
    participant = full_track.enrolments.get(email="een@example.be")
    services.enrolment_move_to_waiting(enrolment=participant, actor=service_user)
    participant.refresh_from_db()
    assert participant.status == EnrolmentStatus.WAITING
    assert selectors.waiting_position(participant) == 1  # wacht1 got the offer
    assert full_track.enrolments.get(email="wacht1@example.be").status == "offered"
    full_track.refresh_from_db()
    assert full_track.seats_taken == 2


def test_moving_a_cancelled_enrolment_is_refused(track, service_user):
    enrolment = enrol(track)
    services.enrolment_cancel(enrolment=enrolment)
    with pytest.raises(services.NotAllowed):
        services.enrolment_move_to_confirmed(enrolment=enrolment, actor=service_user)
    with pytest.raises(services.NotAllowed):
        services.enrolment_move_to_waiting(enrolment=enrolment, actor=service_user)
