"""Sessions and enrolment details edited in the admin go through the services:
refused with a Dutch message and nothing saved, or saved with an audit entry."""

import pytest
from django.urls import reverse

from herentq.models import AuditEntry
from learning_tracks.constants import TrackStatus
from learning_tracks.models import NewsletterSubscriber, Track
from tests.admin_post import change_form_data
from tests.learning_tracks.factories import SessionFactory, ThemeFactory, TrackFactory
from tests.learning_tracks.helpers import enrol

pytestmark = pytest.mark.django_db

COMPLETED = "De sessies van een afgerond leertraject veranderen niet meer."


def completed_track():
    track = TrackFactory()
    Track.objects.filter(pk=track.pk).update(status=TrackStatus.COMPLETED)
    track.refresh_from_db()
    return track


def test_session_of_a_completed_track_cannot_change(service_client):
    session = SessionFactory(track=completed_track(), topic="Kennismaking")
    url = reverse("admin:learning_tracks_session_change", args=[session.pk])
    data = change_form_data(service_client, url)
    data["topic_nl_be"] = "Iets anders"
    response = service_client.post(url, data)
    assert response.status_code == 200
    assert COMPLETED in str(response.context["adminform"].form.errors)
    session.refresh_from_db()
    assert session.topic == "Kennismaking"


def test_session_edit_saved_with_its_audit_entry(service_client):
    session = SessionFactory(topic="Kennismaking")
    url = reverse("admin:learning_tracks_session_change", args=[session.pk])
    data = change_form_data(service_client, url)
    data["topic_nl_be"] = "Kennismaking en verwachtingen"
    assert service_client.post(url, data).status_code == 302
    session.refresh_from_db()
    assert session.topic == "Kennismaking en verwachtingen"
    entry = AuditEntry.objects.get(
        object_id=str(session.track_id), action="learning_tracks.session.changed"
    )
    assert entry.data["topic"] == "Kennismaking en verwachtingen"


def session_rows(data):
    return [
        key.removesuffix("-id")
        for key in data
        if key.startswith("sessions-") and key.endswith("-id") and data[key]
    ]


def test_track_inline_refuses_removing_a_session_of_a_completed_track(service_client):
    session = SessionFactory(track=completed_track())
    url = reverse("admin:learning_tracks_track_change", args=[session.track_id])
    data = change_form_data(service_client, url)
    data[f"{session_rows(data)[0]}-DELETE"] = "on"
    response = service_client.post(url, data)
    assert response.status_code == 200
    assert COMPLETED in response.content.decode()
    assert session.track.sessions.exists()


def test_track_inline_removes_a_session_with_its_audit_entry(service_client):
    session = SessionFactory()
    url = reverse("admin:learning_tracks_track_change", args=[session.track_id])
    data = change_form_data(service_client, url)
    data[f"{session_rows(data)[0]}-DELETE"] = "on"
    assert service_client.post(url, data).status_code == 302
    assert not session.track.sessions.exists()
    assert AuditEntry.objects.filter(action="learning_tracks.session.removed").exists()


def test_enrolment_moved_to_a_municipality_at_its_cap_is_refused(service_client):
    track = TrackFactory(capacity=5, municipality_cap=1)
    enrol(track, email="een@example.be", organisation="Gemeente Genk")
    other = enrol(track, email="twee@example.be", organisation="Gemeente Herent")
    url = reverse("admin:learning_tracks_enrolment_change", args=[other.pk])
    data = change_form_data(service_client, url)
    data["organisation"] = "gemeente  genk"
    response = service_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "maximum per gemeente" in errors["organisation"][0]
    other.refresh_from_db()
    assert other.organisation == "Gemeente Herent"


def test_enrolment_correction_saved_with_its_audit_entry(service_client):
    track = TrackFactory(capacity=5, municipality_cap=1)
    enrolment = enrol(track, email="een@example.be", organisation="Gemeente Genk")
    url = reverse("admin:learning_tracks_enrolment_change", args=[enrolment.pk])
    data = change_form_data(service_client, url)
    data["organisation"] = "Gemeente Herent"
    assert service_client.post(url, data).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.organisation_key == "gemeente herent"
    entry = AuditEntry.objects.get(
        object_id=str(enrolment.pk), action="learning_tracks.enrolment.changed"
    )
    assert entry.data == {"fields": ["organisation"]}


def test_subscriber_themes_corrected_in_the_admin_have_their_audit_entry(
    service_client, service_user
):
    first, second = ThemeFactory(), ThemeFactory()
    subscriber = NewsletterSubscriber.objects.create(email="lezer@example.be")
    subscriber.themes.set([first])
    url = reverse(
        "admin:learning_tracks_newslettersubscriber_change", args=[subscriber.pk]
    )

    data = change_form_data(service_client, url)
    data["themes"] = []
    response = service_client.post(url, data)
    assert response.status_code == 200  # a subscriber keeps at least one theme
    assert "themes" in response.context["adminform"].form.errors
    assert list(subscriber.themes.all()) == [first]

    data["themes"] = [str(second.pk)]
    assert service_client.post(url, data).status_code == 302
    assert list(subscriber.themes.all()) == [second]
    entry = AuditEntry.objects.get(action="learning_tracks.subscriber.themes_changed")
    assert (entry.actor, entry.data) == (service_user, {"themes": [second.pk]})

    delete = reverse(
        "admin:learning_tracks_newslettersubscriber_delete", args=[subscriber.pk]
    )
    assert service_client.post(delete, {"post": "yes"}).status_code == 302
    assert not NewsletterSubscriber.objects.exists()
    entry = AuditEntry.objects.get(action="learning_tracks.subscriber.unsubscribed")
    assert entry.actor == service_user
