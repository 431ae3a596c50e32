"""Reminders, attendance, certificates, the interest list and privacy."""

import datetime as dt

import pytest
from django.contrib.admin import helpers
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from herentq.audit import audit_entries_for
from learning_tracks import selectors, services, tokens
from learning_tracks.constants import EnrolmentStatus, TrackStatus
from learning_tracks.models import Enrolment, Interest, SessionReminder
from learning_tracks.tokens import Purpose
from tests.conftest import deliver_mail, run_periodic_jobs
from tests.learning_tracks.factories import SessionFactory, TrackFactory
from tests.learning_tracks.helpers import enrol, links_in, mails_to, path_of
from tests.pdf_checks import assert_accessible_pdf

pytestmark = pytest.mark.django_db


# --- reminders ----------------------------------------------------------------------


def test_reminders_go_once_per_participant_and_session_with_an_ics(track):
    soon = SessionFactory(
        track=track,
        topic="Morgen",
        starts_at=timezone.now() + dt.timedelta(hours=20),
    )
    SessionFactory(
        track=track, topic="Later", starts_at=timezone.now() + dt.timedelta(days=9)
    )
    enrol(track, email="an@example.be")
    enrol(track, email="bart@example.be")
    deliver_mail()

    call_command("send_learning_track_reminders", verbosity=0)
    call_command("send_learning_track_reminders", verbosity=0)

    outbox = deliver_mail()
    reminders = [m for m in outbox if m.subject.startswith("[HerentQ] Herinnering")]
    assert sorted(m.to[0] for m in reminders) == ["an@example.be", "bart@example.be"]
    message = reminders[0]
    assert "Morgen" in message.body
    [(name, content, mimetype)] = message.attachments
    assert (name, mimetype) == ("leertraject.ics", "text/calendar")
    assert content.count("BEGIN:VEVENT") == 1 and "Morgen" in content
    assert SessionReminder.objects.filter(session=soon).count() == 2


def test_reminders_skip_waiting_cancelled_and_cancelled_sessions(full_track):
    SessionFactory(
        track=full_track,
        starts_at=timezone.now() + dt.timedelta(hours=5),
        is_cancelled=True,
    )
    SessionFactory(track=full_track, starts_at=timezone.now() + dt.timedelta(hours=6))
    services.enrolment_cancel(
        enrolment=full_track.enrolments.get(email="een@example.be")
    )
    deliver_mail()
    assert services.reminders_send() == 1  # "twee"; "een" cancelled, "wacht1" offered
    assert [m.to for m in deliver_mail() if "Herinnering" in m.subject] == [
        ["twee@example.be"]
    ]


def test_a_participant_confirmed_later_still_gets_the_reminder(full_track):
    SessionFactory(track=full_track, starts_at=timezone.now() + dt.timedelta(hours=6))
    assert services.reminders_send() == 2
    services.enrolment_cancel(
        enrolment=full_track.enrolments.get(email="een@example.be")
    )
    services.enrolment_accept_offer(
        enrolment=full_track.enrolments.get(email="wacht1@example.be")
    )
    assert services.reminders_send() == 1


# --- attendance and certificates ------------------------------------------------------


def _completed_track_with_attendance(service_user, attended: int, sessions=4):
    track = TrackFactory(attendance_threshold=75)
    past = [
        SessionFactory(
            track=track,
            topic=f"Sessie {index + 1}",
            starts_at=timezone.now() - dt.timedelta(days=30 - index),
        )
        for index in range(sessions)
    ]
    enrolment = enrol(track, email="an@example.be", name="An Peeters")
    for session in past[:attended]:
        services.session_record_attendance(
            session=session, enrolments=[enrolment], actor=service_user
        )
    services.track_change_status(track=track, status=TrackStatus.RUNNING)
    services.track_change_status(track=track, status=TrackStatus.COMPLETED)
    track.refresh_from_db()
    enrolment.refresh_from_db()
    return track, enrolment


def test_attendance_is_recorded_and_audited(track, service_user):
    session = SessionFactory(track=track)
    an = enrol(track, email="an@example.be")
    bart = enrol(track, email="bart@example.be")
    services.session_record_attendance(
        session=session, enrolments=[an, bart], actor=service_user
    )
    services.session_record_attendance(
        session=session, enrolments=[an], actor=service_user
    )
    assert list(session.attendances.values_list("enrolment__email", flat=True)) == [
        "an@example.be"
    ]
    assert [e.action for e in audit_entries_for(session)] == [
        "learning_tracks.session.attendance_recorded"
    ] * 2


def test_attendance_of_someone_not_enrolled_is_refused(track, full_track, service_user):
    session = SessionFactory(track=track)
    outsider = full_track.enrolments.get(email="een@example.be")
    with pytest.raises(services.NotAllowed):
        services.session_record_attendance(
            session=session, enrolments=[outsider], actor=service_user
        )
    assert not session.attendances.exists()


def test_three_of_four_sessions_earns_the_certificate_by_mail(client, service_user):
    track, enrolment = _completed_track_with_attendance(service_user, attended=3)
    certificate = selectors.certificate_for(enrolment)
    assert (certificate.attended, certificate.total, certificate.percentage) == (
        3,
        4,
        75,
    )
    assert certificate.eligible
    message = mails_to("an@example.be")[-1]
    assert "attest van deelname" in message.subject
    [link] = links_in(message)
    response = client.get(path_of(link))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_accessible_pdf(
        response.content,
        title="Attest van deelname",
        in_order=["Attest van deelname", "Hierbij bevestigen we dat", enrolment.name],
    )
    assert f'filename="attest-{track.slug}.pdf"' in response["Content-Disposition"]


def test_the_certificate_is_in_the_participant_s_language(client, service_user):
    _track, enrolment = _completed_track_with_attendance(service_user, attended=3)
    enrolment.language = "fr"
    enrolment.save()
    [link] = links_in(mails_to("an@example.be")[-1])
    response = client.get("/en" + path_of(link).removeprefix("/fr"))
    text = assert_accessible_pdf(
        response.content,
        title="Attestation de participation",
        in_order=[
            "Attestation de participation",
            "Nous certifions par la présente que",
            enrolment.name,
        ],
        lang="fr",
    )
    assert "Attest van deelname" not in text


def test_two_of_four_sessions_earns_no_certificate(client, service_user):
    _track, enrolment = _completed_track_with_attendance(service_user, attended=2)
    assert not selectors.certificate_for(enrolment).eligible
    assert not [m for m in mails_to("an@example.be") if "attest" in m.subject]
    token = tokens.make(Purpose.CERTIFICATE, str(enrolment.public_id))
    response = client.get(reverse("learning_tracks:certificate", args=[token]))
    assert response.status_code == 404
    assert "Geen attest beschikbaar" in response.content.decode()


def test_threshold_is_set_per_track(service_user):
    track, enrolment = _completed_track_with_attendance(service_user, attended=2)
    track.attendance_threshold = 50
    track.save()
    enrolment.refresh_from_db()
    assert selectors.certificate_for(enrolment).eligible


def test_no_certificate_before_the_track_is_completed(client, track, service_user):
    session = SessionFactory(track=track)
    enrolment = enrol(track)
    services.session_record_attendance(
        session=session, enrolments=[enrolment], actor=service_user
    )
    token = tokens.make(Purpose.CERTIFICATE, str(enrolment.public_id))
    assert (
        client.get(reverse("learning_tracks:certificate", args=[token])).status_code
        == 404
    )


def test_tampered_certificate_link_is_a_400(client, service_user):
    _track, enrolment = _completed_track_with_attendance(service_user, attended=4)
    token = tokens.make(Purpose.CERTIFICATE, str(enrolment.public_id))
    response = client.get(reverse("learning_tracks:certificate", args=[token + "x"]))
    assert response.status_code == 400
    cancel = tokens.make(Purpose.ENROLMENT_CANCEL, str(enrolment.public_id))
    assert (
        client.get(reverse("learning_tracks:certificate", args=[cancel])).status_code
        == 400
    )


def test_completing_a_track_ends_its_waiting_list(full_track):
    services.enrolment_cancel(
        enrolment=full_track.enrolments.get(email="een@example.be")
    )
    enrol(full_track, email="wacht2@example.be")
    services.track_change_status(track=full_track, status=TrackStatus.RUNNING)
    services.track_change_status(track=full_track, status=TrackStatus.COMPLETED)
    full_track.refresh_from_db()
    statuses = dict(full_track.enrolments.values_list("email", "status"))
    assert statuses["wacht1@example.be"] == EnrolmentStatus.EXPIRED
    assert statuses["wacht2@example.be"] == EnrolmentStatus.EXPIRED
    assert full_track.seats_taken == 1
    assert full_track.completed_at is not None


def test_status_moves_one_step_forward_only(track):
    with pytest.raises(services.InvalidTransition):
        services.track_change_status(track=track, status=TrackStatus.COMPLETED)
    with pytest.raises(services.InvalidTransition):
        services.track_change_status(track=track, status=TrackStatus.ANNOUNCED)
    services.track_change_status(track=track, status=TrackStatus.RUNNING)
    track.refresh_from_db()
    assert track.status == TrackStatus.RUNNING
    assert audit_entries_for(track).first().data == {
        "from": "enrolment_open",
        "to": "running",
    }


# --- interest list --------------------------------------------------------------------


def test_interest_list_needs_a_confirmed_address_and_sends_one_message(client):
    track = TrackFactory(status=TrackStatus.ANNOUNCED, title="Transversaal werken")
    response = client.post(
        reverse("learning_tracks:interest", args=[track.slug]),
        {"email": "an@example.be"},
        follow=True,
    )
    assert "Kijk in uw mailbox" in response.content.decode()
    assert response.redirect_chain[-1][0].endswith("/interesse/verstuurd/")
    assert not Interest.objects.exists()  # nothing stored before the click
    [link] = links_in(mails_to("an@example.be")[0])
    assert "Bevestigen" in client.get(path_of(link)).content.decode()
    assert not Interest.objects.exists()
    client.post(path_of(link))
    client.post(path_of(link))  # twice: still one
    assert Interest.objects.filter(track=track, email="an@example.be").count() == 1

    services.track_change_status(track=track, status=TrackStatus.ENROLMENT_OPEN)
    outbox = deliver_mail()
    opened = [
        m
        for m in mails_to("an@example.be", outbox)
        if "Inschrijvingen open" in m.subject
    ]
    assert len(opened) == 1
    assert track.get_absolute_url() in opened[0].body
    assert Interest.objects.get().notified_at is not None


def test_the_interest_form_answers_an_address_on_the_list_like_any_other(client):
    track = TrackFactory(status=TrackStatus.ANNOUNCED, title="Transversaal werken")
    Interest.objects.create(track=track, email="an@example.be")
    url = reverse("learning_tracks:interest", args=[track.slug])
    known = client.post(url, {"email": "an@example.be"}, follow=True)
    unknown = client.post(url, {"email": "nieuw@example.be"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert known.content == unknown.content
    assert "Kijk in uw mailbox" in known.content.decode()
    assert "staat al op de interesselijst" not in known.content.decode()
    outbox = deliver_mail()
    [told] = mails_to("an@example.be", outbox)
    assert "U staat al op de interesselijst" in told.subject
    assert track.get_absolute_url() in told.body
    assert not any("/interesse/bevestigen/" in link for link in links_in(told))
    assert Interest.objects.filter(track=track).count() == 1


def test_interest_form_error_is_shown_on_the_track_page(client):
    track = TrackFactory(status=TrackStatus.ANNOUNCED)
    response = client.post(
        reverse("learning_tracks:interest", args=[track.slug]), {"email": "fout"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in html
    assert 'value="fout"' in html


def test_interest_list_is_closed_once_enrolment_is_open(client, track):
    response = client.post(
        reverse("learning_tracks:interest", args=[track.slug]),
        {"email": "an@example.be"},
    )
    assert response.status_code == 302
    assert not deliver_mail()


def test_enrolment_opens_by_itself_when_its_window_starts():
    track = TrackFactory(
        status=TrackStatus.ANNOUNCED,
        enrolment_opens_at=timezone.now() - dt.timedelta(minutes=1),
    )
    later = TrackFactory(
        status=TrackStatus.ANNOUNCED,
        enrolment_opens_at=timezone.now() + dt.timedelta(days=1),
    )
    Interest.objects.create(track=track, email="an@example.be")
    call_command("open_learning_track_enrolment", verbosity=0)
    call_command("open_learning_track_enrolment", verbosity=0)
    track.refresh_from_db()
    later.refresh_from_db()
    assert track.status == TrackStatus.ENROLMENT_OPEN
    assert later.status == TrackStatus.ANNOUNCED
    assert len(mails_to("an@example.be")) == 1


# --- privacy ----------------------------------------------------------------------------


def test_personal_data_is_anonymised_after_retention_keeping_the_counts(
    client, service_user, settings
):
    settings.LEARNING_TRACKS_RETENTION_DAYS = 30
    track, enrolment = _completed_track_with_attendance(service_user, attended=3)
    Interest.objects.create(track=track, email="interesse@example.be")
    other = TrackFactory()
    still_running = enrol(other, email="bart@example.be")
    cancel_link = tokens.make(Purpose.ENROLMENT_CANCEL, str(enrolment.public_id))

    call_command("anonymise_participants", verbosity=0)
    enrolment.refresh_from_db()
    assert enrolment.anonymised_at is None  # completed today: within retention

    track.completed_at = timezone.now() - dt.timedelta(days=31)
    track.save()
    call_command("anonymise_participants", verbosity=0)
    call_command("anonymise_participants", verbosity=0)

    enrolment.refresh_from_db()
    assert (enrolment.name, enrolment.email, enrolment.organisation) == ("", "", "")
    assert enrolment.anonymised_at is not None
    assert enrolment.status == EnrolmentStatus.CONFIRMED
    assert enrolment.attendances.count() == 3
    assert track.enrolments.confirmed().count() == 1
    assert not Interest.objects.filter(track=track).exists()
    still_running.refresh_from_db()
    assert still_running.email == "bart@example.be"
    # Old links no longer reach the row.
    response = client.get(
        reverse("learning_tracks:enrolment_cancel", args=[cancel_link])
    )
    assert response.status_code == 404
    assert [e.action for e in audit_entries_for(track)][
        0
    ] == "learning_tracks.track.participants_anonymised"


def test_retention_can_be_given_to_the_command(service_user):
    track, enrolment = _completed_track_with_attendance(service_user, attended=3)
    call_command("anonymise_participants", "--days", "0", verbosity=0)
    enrolment.refresh_from_db()
    assert enrolment.anonymised_at is not None
    assert Enrolment.objects.filter(track=track, email="").count() == 1


def test_the_worker_runs_the_periodic_commands(full_track):
    """The worker passes an expired offer on without anyone running a command."""
    services.enrolment_cancel(
        enrolment=full_track.enrolments.get(email="een@example.be")
    )
    enrol(full_track, email="wacht2@example.be")
    Enrolment.objects.filter(email="wacht1@example.be").update(
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    run_periodic_jobs()
    statuses = dict(full_track.enrolments.values_list("email", "status"))
    assert statuses["wacht1@example.be"] == EnrolmentStatus.EXPIRED
    assert statuses["wacht2@example.be"] == EnrolmentStatus.OFFERED


def test_service_resends_a_lost_certificate_from_the_admin(
    service_client, service_user
):
    _track, enrolment = _completed_track_with_attendance(service_user, attended=3)
    [_lost] = _certificate_mails()
    response = service_client.post(
        reverse("admin:learning_tracks_enrolment_changelist"),
        {"action": "certificate_resend", helpers.ACTION_CHECKBOX_NAME: [enrolment.pk]},
        follow=True,
    )
    assert "Attest opnieuw verstuurd naar 1 deelnemer(s)." in response.content.decode()
    [_lost, message] = _certificate_mails()
    [link] = links_in(message)
    assert service_client.get(path_of(link))["Content-Type"] == "application/pdf"
    assert "learning_tracks.enrolment.certificate_resent" in [
        e.action for e in audit_entries_for(enrolment)
    ]


def test_no_certificate_is_resent_to_who_did_not_earn_one(service_client, service_user):
    _track, enrolment = _completed_track_with_attendance(service_user, attended=2)
    response = service_client.post(
        reverse("admin:learning_tracks_enrolment_changelist"),
        {"action": "certificate_resend", helpers.ACTION_CHECKBOX_NAME: [enrolment.pk]},
        follow=True,
    )
    assert "Geen attest" in response.content.decode()
    assert not _certificate_mails()


def _certificate_mails():
    return [m for m in mails_to("an@example.be") if "attest van deelname" in m.subject]
