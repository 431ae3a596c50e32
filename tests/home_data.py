"""What the home page shows, added for tests of its blocks (views and browser)."""

import datetime as dt

from django.utils import timezone

from council.models import Council
from tests.council.factories import MeetingFactory
from tests.learning_tracks.factories import SessionFactory, TrackFactory
from tests.partnerships.factories import PhotoAlbumFactory, add_photos
from tests.subsidies.factories import CallFactory


def add_upcoming(n: int):
    """n more of everything the home page shows."""
    now = timezone.now()
    grosh = Council.objects.get(slug="grosh")
    for i in range(n):
        MeetingFactory(
            council=grosh,
            planned_start=now + dt.timedelta(days=3 + i),
            location=f"Zaal {i}",
        )
        track = TrackFactory(capacity=20, seats_taken=5)
        SessionFactory(track=track, starts_at=now + dt.timedelta(days=2 + i))
        CallFactory(closes_at=now + dt.timedelta(days=20 + i))
        CallFactory(
            opens_at=now + dt.timedelta(days=40 + i),
            closes_at=now + dt.timedelta(days=70 + i),
        )
        add_photos(PhotoAlbumFactory(), alt_text=f"Foto nummer {i}")
