import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from learning_tracks.constants import EnrolmentStatus
from learning_tracks.models import Enrolment
from tests.learning_tracks.factories import (
    EnrolmentFactory,
    SessionFactory,
    TrackFactory,
    TrackResourceFactory,
)

pytestmark = pytest.mark.django_db


def _refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_database_keeps_one_live_enrolment_per_address_and_track():
    track = TrackFactory()
    EnrolmentFactory(track=track, email="an@example.be")
    _refused(lambda: EnrolmentFactory(track=track, email="AN@example.be"))
    # A cancelled one does not count.
    Enrolment.objects.update(status=EnrolmentStatus.CANCELLED)
    EnrolmentFactory(track=track, email="an@example.be")


def test_database_refuses_inconsistent_tracks_and_sessions():
    _refused(lambda: TrackFactory(capacity=0))
    _refused(lambda: TrackFactory(attendance_threshold=101))
    _refused(lambda: TrackFactory(status="bezig"))
    track = TrackFactory()
    session = SessionFactory(track=track)
    _refused(lambda: SessionFactory(track=track, ends_at=session.starts_at))
    _refused(lambda: SessionFactory(track=track, location="", online_url=""))


def test_database_refuses_inconsistent_enrolments():
    track = TrackFactory()
    _refused(lambda: EnrolmentFactory(track=track, status=EnrolmentStatus.WAITING))
    _refused(lambda: EnrolmentFactory(track=track, status=EnrolmentStatus.OFFERED))
    _refused(lambda: EnrolmentFactory(track=track, role="burgemeester"))
    _refused(
        lambda: EnrolmentFactory(
            track=track, anonymised_at=track.created_at + dt.timedelta(days=1)
        )
    )


def test_a_tool_needs_text_or_a_document():
    _refused(lambda: TrackResourceFactory(body=""))


def test_a_track_cannot_take_the_address_of_a_fixed_page():
    track = TrackFactory.build(slug="nieuwsbrief", theme=TrackFactory().theme)
    with pytest.raises(ValidationError) as error:
        track.full_clean()
    assert "slug" in error.value.message_dict


def test_organisation_is_compared_without_case_or_spacing():
    enrolment = EnrolmentFactory(organisation="  Gemeente   HERENT ")
    assert enrolment.organisation_key == "gemeente herent"
