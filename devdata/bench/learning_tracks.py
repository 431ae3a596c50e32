"""Benchmark volume of the learning tracks (see `manage.py load_bench_data`).

At scale 1: 200 more editions of the VVSG tracks (numbers from 101), each with four
sessions, and 100 000 enrolments spread over the 180 of them that took enrolments
(announced ones take none). Every track keeps the app's rules: `seats_taken`
counts exactly the confirmed and offered enrolments and never exceeds the
capacity; only a full track has a waiting list; one live enrolment per address and
track; a waiting enrolment has its place in line, an offer its deadline; completed
tracks have no waiting list any more (those enrolments expired) and record who
attended which past session. Names are invented, addresses at example.be.

Bench tracks have slugs starting with "bench-"; a second run adds only the tracks
that are missing, each with its enrolments.
"""

import datetime as dt
import math

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from devdata.bench import Target, batched, uncached_only
from herentq.models import SDG
from learning_tracks.constants import EnrolmentStatus, ParticipantRole, TrackStatus
from learning_tracks.models import (
    Attendance,
    Enrolment,
    Session,
    Theme,
    Track,
    normalise_organisation,
)

TRACKS = 200
ENROLMENTS = 100_000
FIRST_NUMBER = 101
SLUG_PREFIX = "bench-"
SESSIONS = 4
ORGANISER = "VVSG – Dienst Internationaal"

FIRST_NAMES = [
    "An",
    "Bert",
    "Chloë",
    "Dries",
    "Eline",
    "Femke",
    "Gert",
    "Hanne",
    "Ilse",
    "Jonas",
    "Karim",
    "Lotte",
    "Mohamed",
    "Nele",
    "Olivier",
    "Pieter",
    "Sara",
    "Tine",
    "Wout",
    "Yasmine",
]
LAST_NAMES = [
    "Aerts",
    "Claes",
    "De Backer",
    "Dubois",
    "El Idrissi",
    "Goossens",
    "Hermans",
    "Janssens",
    "Lambrechts",
    "Maes",
    "Mertens",
    "Peeters",
    "Smets",
    "Van den Broeck",
    "Verstraeten",
    "Willems",
]
MUNICIPALITIES = [
    "Aalst",
    "Antwerpen",
    "Brugge",
    "Genk",
    "Gent",
    "Hasselt",
    "Herent",
    "Kortrijk",
    "Leuven",
    "Mechelen",
    "Oostende",
    "Roeselare",
    "Sint-Niklaas",
    "Turnhout",
]
ROLES = [
    ParticipantRole.CIVIL_SERVANT,
    ParticipantRole.CIVIL_SERVANT,
    ParticipantRole.ALDERMAN,
    ParticipantRole.CIVIL_SOCIETY,
    ParticipantRole.OTHER,
]
# Phase by the track's index: every tenth is open, running or announced, the rest
# completed.
PHASES = {
    0: TrackStatus.ENROLMENT_OPEN,
    1: TrackStatus.RUNNING,
    2: TrackStatus.ANNOUNCED,
}


def _phase(index: int) -> str:
    return PHASES.get(index % 10, TrackStatus.COMPLETED)


def _counts(scale: float) -> tuple[int, int]:
    """(tracks, enrolments per track that takes enrolments)."""
    tracks = max(2, math.ceil(TRACKS * scale))
    enrolling = sum(1 for i in range(tracks) if _phase(i) != TrackStatus.ANNOUNCED)
    return tracks, math.ceil(ENROLMENTS * scale / enrolling)


def _anchor() -> dt.datetime:
    """Monday of this week, 09.30 in Brussels (as the demo data)."""
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    return timezone.make_aware(dt.datetime.combine(monday, dt.time(9, 30)))


def _first_session(index: int, phase: str, anchor: dt.datetime) -> dt.datetime:
    if phase == TrackStatus.COMPLETED:
        return anchor - dt.timedelta(weeks=20 + 2 * index)
    if phase == TrackStatus.RUNNING:
        return anchor - dt.timedelta(weeks=4)
    if phase == TrackStatus.ENROLMENT_OPEN:
        return anchor + dt.timedelta(weeks=6)
    return anchor + dt.timedelta(weeks=20)


def _track(index: int, theme: Theme, anchor: dt.datetime) -> Track:
    number = FIRST_NUMBER + index
    phase = _phase(index)
    first = _first_session(index, phase, anchor)
    last = first + dt.timedelta(weeks=3 * (SESSIONS - 1))
    opens = first - dt.timedelta(weeks=9)
    closes = first - dt.timedelta(days=7)
    if phase == TrackStatus.ANNOUNCED:
        opens, closes = anchor + dt.timedelta(weeks=8), None
    return Track(
        number=number,
        title=f"{theme.name} (reeks {index + 1})",
        slug=f"{SLUG_PREFIX}{number}-{slugify(theme.name)}"[:80],
        theme=theme,
        summary=(
            f"Voorbeeld voor de belastingtest: een nieuwe reeks van het leertraject "
            f"'{theme.name}' met {SESSIONS} sessies."
        ),
        objectives=(
            "Labo-functie, voedingsbodem en uitrol: samen met collega's uit andere "
            "lokale besturen de eigen praktijk verbeteren en de geleerde lessen delen."
        ),
        target_group=(
            "Ambtenaren, schepenen en vertegenwoordigers van het middenveld uit "
            "Vlaamse steden en gemeenten."
        ),
        process=f"Voorbeeld: {SESSIONS} sessies van een halve dag, om de drie weken.",
        organiser=ORGANISER,
        contact_name="Dienst Internationaal",
        contact_email="internationaal@example.be",
        timing=f"{SESSIONS} sessies, om de drie weken",
        status=phase,
        capacity=40 + (index * 37) % 260,
        enrolment_opens_at=opens,
        enrolment_closes_at=closes,
        completed_at=(
            last + dt.timedelta(weeks=2) if phase == TrackStatus.COMPLETED else None
        ),
    )


def _sessions(track: Track, index: int, anchor: dt.datetime) -> list[Session]:
    first = _first_session(index, track.status, anchor)
    sessions = []
    for number in range(SESSIONS):
        starts = first + dt.timedelta(weeks=3 * number)
        online = number == 1
        sessions.append(
            Session(
                track=track,
                topic=f"Sessie {number + 1}: {track.theme.name} in de praktijk",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=3),
                location="" if online else "VVSG, Bischoffsheimlaan 1-8, 1000 Brussel",
                online_url=f"https://meet.example.org/{track.slug}" if online else "",
            )
        )
    return sessions


def _statuses(track: Track, count: int) -> list[str]:
    """How `count` enrolments stand on this track, within its capacity."""
    cancelled = count // 10
    remaining = count - cancelled
    is_open = track.status == TrackStatus.ENROLMENT_OPEN
    pending = min(5, remaining) if is_open else 0
    remaining -= pending
    offered = 2 if is_open and remaining > track.capacity else 0
    confirmed = min(track.capacity - offered, remaining - offered)
    rest = remaining - offered - confirmed
    after = (
        EnrolmentStatus.EXPIRED
        if track.status == TrackStatus.COMPLETED
        else EnrolmentStatus.WAITING
    )
    # In the order they came in: most cancellations happen among the early ones.
    return (
        [EnrolmentStatus.CONFIRMED] * confirmed
        + [EnrolmentStatus.CANCELLED] * cancelled
        + [EnrolmentStatus.OFFERED] * offered
        + [after] * rest
        + [EnrolmentStatus.PENDING] * pending
    )


def _enrolments(track: Track, count: int, now: dt.datetime) -> list[Enrolment]:
    opened = track.enrolment_opens_at
    enrolments = []
    for number, status in enumerate(_statuses(track, count)):
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = LAST_NAMES[(number // len(FIRST_NAMES)) % len(LAST_NAMES)]
        municipality = MUNICIPALITIES[(number * 7) % len(MUNICIPALITIES)]
        organisation = f"Gemeente {municipality}"
        if status == EnrolmentStatus.PENDING:
            created = now - dt.timedelta(hours=number % 24 + 1)
        else:
            created = opened + dt.timedelta(minutes=17 * number + 3)
        confirmed = (
            created + dt.timedelta(minutes=9)
            if status != EnrolmentStatus.PENDING
            else None
        )
        enrolments.append(
            Enrolment(
                track=track,
                status=status,
                name=f"{first} {last}",
                email=(
                    f"{slugify(first)}.{slugify(last)}.{number}@example.be".replace(
                        "-", ""
                    )
                ),
                organisation=organisation,
                organisation_key=normalise_organisation(organisation),
                role=ROLES[number % len(ROLES)],
                needs="Vegetarisch" if number % 9 == 4 else "",
                consented_at=created,
                created_at=created,
                email_confirmed_at=confirmed,
                waitlisted_at=(
                    confirmed
                    if status in (EnrolmentStatus.WAITING, EnrolmentStatus.OFFERED)
                    or (
                        status == EnrolmentStatus.EXPIRED
                        and track.status == TrackStatus.COMPLETED
                    )
                    else None
                ),
                offer_expires_at=(
                    now + dt.timedelta(hours=track.offer_hours)
                    if status == EnrolmentStatus.OFFERED
                    else None
                ),
                cancelled_at=(
                    confirmed + dt.timedelta(days=3)
                    if status == EnrolmentStatus.CANCELLED
                    else None
                ),
            )
        )
    return enrolments


def load(*, scale: float) -> None:
    track_count, per_track = _counts(scale)
    existing = set(
        Track.objects.filter(slug__startswith=SLUG_PREFIX).values_list(
            "number", flat=True
        )
    )
    indexes = [i for i in range(track_count) if FIRST_NUMBER + i not in existing]
    if not indexes:
        return
    themes = list(Theme.objects.order_by("position", "name"))  # from the demo data
    sdgs = list(SDG.objects.order_by("number"))
    anchor, now = _anchor(), timezone.now()

    tracks = {i: _track(i, themes[i % len(themes)], anchor) for i in indexes}
    Track.objects.bulk_create(list(tracks.values()))
    Track.sdgs.through.objects.bulk_create(
        [
            Track.sdgs.through(track_id=track.pk, sdg_id=sdgs[(i + k * 6) % 17].pk)
            for i, track in tracks.items()
            for k in range(2)
        ]
    )
    sessions = {i: _sessions(track, i, anchor) for i, track in tracks.items()}
    Session.objects.bulk_create([s for rows in sessions.values() for s in rows])

    enrolments = {}
    for i, track in tracks.items():
        if track.status == TrackStatus.ANNOUNCED:
            continue
        enrolments[i] = _enrolments(track, per_track, now)
        track.seats_taken = sum(
            1
            for enrolment in enrolments[i]
            if enrolment.status in (EnrolmentStatus.CONFIRMED, EnrolmentStatus.OFFERED)
        )
    for batch in batched([e for rows in enrolments.values() for e in rows], 5000):
        Enrolment.objects.bulk_create(batch)
    Track.objects.bulk_update(list(tracks.values()), ["seats_taken"], batch_size=500)

    attendances = []
    for i, rows in enrolments.items():
        past = [s for s in sessions[i] if s.ends_at <= now]
        for number, enrolment in enumerate(rows):
            if enrolment.status != EnrolmentStatus.CONFIRMED:
                continue
            for k, session in enumerate(past):
                if (number + k) % 6 == 5:
                    continue  # now and then someone misses a session
                attendances.append(
                    Attendance(
                        session=session,
                        enrolment=enrolment,
                        recorded_at=session.ends_at,
                    )
                )
    for batch in batched(attendances, 5000):
        Attendance.objects.bulk_create(batch)


def volume() -> dict[str, int]:
    return {"enrolments": Enrolment.objects.count()}


def targets() -> list[Target]:
    # The open track with the most enrolments: the heaviest track page there is.
    track = (
        Track.objects.accepting_enrolments()
        .annotate(enrolment_count=Count("enrolments"))
        .order_by("-enrolment_count", "number")
        .first()
    )
    targets = []
    if track is not None:
        targets += [
            Target("leertraject: pagina", track.get_absolute_url()),
            Target(
                "leertraject: inschrijfformulier",
                reverse("learning_tracks:enrol", args=[track.slug]),
            ),
        ]
    targets.append(
        uncached_only(
            Target(
                "admin: inschrijvingen",
                reverse("admin:learning_tracks_enrolment_changelist"),
                kind="admin",
            )
        )
    )
    return targets
