import pytest

from tests.learning_tracks.factories import TrackFactory
from tests.learning_tracks.helpers import enrol


@pytest.fixture
def track(db):
    return TrackFactory(capacity=2)


@pytest.fixture
def full_track(db):
    """Two seats, both taken, one person waiting."""
    track = TrackFactory(capacity=2)
    enrol(track, email="een@example.be", organisation="Gemeente Genk")
    enrol(track, email="twee@example.be", organisation="Gemeente Edegem")
    enrol(track, email="wacht1@example.be", organisation="Gemeente Herent")
    track.refresh_from_db()
    return track
