"""Capacity under concurrent requests, on the real PostgreSQL.

Each thread has its own database connection (Django's connections are per thread)
and closes it at the end; a barrier makes them all fire at once.
"""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from learning_tracks import selectors, services
from learning_tracks.constants import EnrolmentStatus
from learning_tracks.models import Enrolment, Track
from tests.learning_tracks.factories import EnrolmentFactory, TrackFactory
from tests.learning_tracks.helpers import enrol

THREADS = 24
CAPACITY = 10
ALREADY_TAKEN = 5  # so the threads compete for the last 5 seats


def _run_together(work, items):
    barrier = threading.Barrier(len(items))
    errors = []

    def run(item):
        try:
            barrier.wait(timeout=30)
            work(item)
        except Exception as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_never_overbook_the_last_seats():
    track = TrackFactory(capacity=CAPACITY)
    for index in range(ALREADY_TAKEN):
        enrol(track, email=f"vooraf{index}@example.be")
    pending = [
        EnrolmentFactory(track=track, email=f"gelijk{index}@example.be")
        for index in range(THREADS)
    ]

    errors = _run_together(
        lambda enrolment: services.enrolment_confirm_email(enrolment=enrolment),
        pending,
    )

    assert errors == []
    track.refresh_from_db()
    statuses = [
        e.status for e in Enrolment.objects.filter(pk__in=[p.pk for p in pending])
    ]
    assert statuses.count(EnrolmentStatus.CONFIRMED) == CAPACITY - ALREADY_TAKEN
    assert statuses.count(EnrolmentStatus.WAITING) == THREADS - (
        CAPACITY - ALREADY_TAKEN
    )
    assert track.seats_taken == CAPACITY
    assert track.enrolments.confirmed().count() == CAPACITY
    positions = sorted(
        selectors.waiting_position(e) for e in track.enrolments.waiting_in_order()
    )
    assert positions == list(range(1, THREADS - (CAPACITY - ALREADY_TAKEN) + 1))
    # The queryset annotation agrees with the per-row position.
    annotated = {
        e.pk: e.waiting_position
        for e in track.enrolments.with_waiting_position().filter(status="waiting")
    }
    assert annotated == {
        e.pk: selectors.waiting_position(e)
        for e in track.enrolments.filter(status="waiting")
    }


@pytest.mark.django_db(transaction=True)
def test_concurrent_form_posts_with_one_address_make_one_enrolment():
    track = TrackFactory(capacity=CAPACITY)
    outcomes = []

    def post(_index):
        services.enrolment_request(
            track=track,
            name="An Peeters",
            email="an@example.be",
            organisation="Gemeente Herent",
            role="civil_servant",
        )
        outcomes.append("answered alike")

    errors = _run_together(post, list(range(20)))
    assert errors == []
    assert track.enrolments.count() == 1
    assert len(outcomes) == 20


@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_promote_each_waiting_person_once():
    track = TrackFactory(capacity=5)
    seated = [enrol(track, email=f"zit{index}@example.be") for index in range(5)]
    waiting = [enrol(track, email=f"wacht{index}@example.be") for index in range(8)]

    errors = _run_together(
        lambda enrolment: services.enrolment_cancel(enrolment=enrolment), seated
    )

    assert errors == []
    track.refresh_from_db()
    assert track.seats_taken == 5
    statuses = {e.email: e.status for e in track.enrolments.all()}
    offered = [e.email for e in waiting if statuses[e.email] == "offered"]
    # The first five in line, never anyone twice, nobody beyond the capacity.
    assert offered == [f"wacht{index}@example.be" for index in range(5)]
    assert [statuses[f"wacht{index}@example.be"] for index in range(5, 8)] == [
        "waiting"
    ] * 3


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_more_seats_than_capacity_even_without_the_lock():
    track = TrackFactory(capacity=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Track.objects.filter(pk=track.pk).update(seats_taken=3)
