"""A track's steps come from its workflow: the admin's actions are its steps, and
a step the status does not allow is refused in Dutch, in the admin and in the
service."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from learning_tracks import services
from learning_tracks.constants import EnrolmentStatus, TrackStatus
from learning_tracks.workflow import TRACKS
from tests.learning_tracks.factories import TrackFactory

pytestmark = pytest.mark.django_db


def test_the_track_admin_offers_an_action_per_step(service_client, track):
    html = service_client.get(
        reverse("admin:learning_tracks_track_changelist")
    ).content.decode()
    for label, action in [
        ("Inschrijvingen openen", "set_enrolment_open"),
        ("Traject starten", "set_running"),
        ("Traject afronden (attesten)", "set_completed"),
        ("Lessen publiceren", "set_lessons_published"),
    ]:
        assert f'<option value="{action}">{label}</option>' in html
    assert [t.name for t in TRACKS.allowed(TrackStatus.RUNNING)] == ["complete"]


def test_a_step_the_status_does_not_allow_is_refused_in_dutch(service_client):
    track = TrackFactory(status=TrackStatus.ANNOUNCED, title="Klimaat lokaal")
    response = service_client.post(
        reverse("admin:learning_tracks_track_changelist"),
        {"action": "set_running", helpers.ACTION_CHECKBOX_NAME: [track.pk]},
        follow=True,
    )
    message = "Een leertraject kan niet van “Aangekondigd” naar “Lopend” gaan."
    assert f"Klimaat lokaal: {message}" in response.content.decode()
    with pytest.raises(services.InvalidTransition) as refused:
        services.track_start(track=track)
    assert refused.value.message == message
    track.refresh_from_db()
    assert track.status == TrackStatus.ANNOUNCED


def test_an_enrolment_step_the_status_does_not_allow_is_refused_in_dutch(
    service_client, full_track
):
    waiting = full_track.enrolments.get(status=EnrolmentStatus.WAITING)
    response = service_client.post(
        reverse("admin:learning_tracks_enrolment_changelist"),
        {
            "action": "enrolment_move_to_waiting",
            helpers.ACTION_CHECKBOX_NAME: [waiting.pk],
        },
        follow=True,
    )
    message = "Alleen wie een plaats heeft, kan naar de wachtlijst verplaatst worden."
    assert message in response.content.decode()
    with pytest.raises(services.NotAllowed) as refused:
        services.enrolment_move_to_waiting(enrolment=waiting, actor=None)
    assert refused.value.message == message
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.WAITING
