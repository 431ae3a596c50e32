"""Reads of the learning tracks, shared by pages, admin, exports, feeds and mail."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone

from herentq.ical import CalendarEvent
from herentq.languages import translation_columns
from learning_tracks.constants import EnrolmentStatus, TrackStatus
from learning_tracks.models import (
    Enrolment,
    NewsletterSubscriber,
    Session,
    Theme,
    Track,
    TrackResource,
)


def track_list(*, status: str | None = None):
    tracks = Track.objects.select_related("theme").prefetch_related("sdgs")
    if status:
        tracks = tracks.filter(status=status)
    # Meta.ordering does not apply to a query with GROUP BY: order explicitly.
    return tracks.with_counts().order_by("number")


def track_get_public(*, slug: str) -> Track:
    """A track with its sessions, SDGs and (once published) lessons and tools."""
    return (
        Track.objects.select_related("theme")
        .with_counts()
        .prefetch_related(
            "sdgs",
            Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "id")),
            Prefetch(
                "resources",
                queryset=TrackResource.objects.filter(is_published=True).order_by(
                    "position", "id"
                ),
                to_attr="published_resources",
            ),
        )
        .get(slug=slug)
    )


def track_get_for_enrolment(*, slug: str) -> Track:
    """A track with what its enrolment form shows: the seats and the sessions.

    Loaded for every visit of the form and every submission, so it loads no
    more than the form shows: no SDGs, lessons or waiting-list count.
    """
    return Track.objects.prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "id"))  # type: ignore[arg-type]  # django-stubs infers no lookup type
    ).get(slug=slug)


def resource_get_public(*, track_slug: str, slug: str) -> TrackResource:
    return (
        TrackResource.objects.published()
        .select_related("track")
        .get(track__slug=track_slug, slug=slug)
    )


def tracks_for_sdg(sdg):
    return Track.objects.filter(sdgs=sdg).select_related("theme").order_by("number")


def themes_for_newsletter():
    return Theme.objects.all()


def enrolment_get(*, public_id) -> Enrolment:
    return Enrolment.objects.select_related("track").get(
        public_id=public_id, anonymised_at__isnull=True
    )


def subscriber_get(*, public_id) -> NewsletterSubscriber:
    return NewsletterSubscriber.objects.prefetch_related("themes").get(
        public_id=public_id
    )


def waiting_position(enrolment: Enrolment) -> int | None:
    """1 for the first person waiting; None when the enrolment is not waiting."""
    if enrolment.status != EnrolmentStatus.WAITING:
        return None
    ahead = enrolment.track.enrolments.filter(status=EnrolmentStatus.WAITING).filter(
        Q(waitlisted_at__lt=enrolment.waitlisted_at)
        | Q(waitlisted_at=enrolment.waitlisted_at, id__lt=enrolment.id)
    )
    return ahead.count() + 1


def calendar_events(track: Track, sessions: Iterable[Session]) -> list[CalendarEvent]:
    from learning_tracks.mail import absolute_url

    url = absolute_url(track.get_absolute_url())
    return [
        CalendarEvent(
            uid=f"learning-track-session-{session.pk}@herentq",
            start=session.starts_at,
            end=session.ends_at,
            summary=f"{track.title}: {session.topic}",
            location=session.location or session.online_url,
            description="\n\n".join(
                part for part in [session.description, session.online_url, url] if part
            ),
            url=url,
            cancelled=session.is_cancelled,
        )
        for session in sessions
    ]


@dataclass(frozen=True)
class Certificate:
    """Attendance of one participant against the track's threshold."""

    attended: int
    total: int
    threshold: int

    @property
    def percentage(self) -> int:
        return round(100 * self.attended / self.total) if self.total else 0

    @property
    def eligible(self) -> bool:
        return self.total > 0 and 100 * self.attended >= self.threshold * self.total


def certificate_for(enrolment: Enrolment) -> Certificate:
    track = enrolment.track
    total = track.sessions.filter(is_cancelled=False).count()
    attended = enrolment.attendances.filter(session__is_cancelled=False).count()
    return Certificate(
        attended=attended, total=total, threshold=track.attendance_threshold
    )


def certificate_available(enrolment: Enrolment) -> bool:
    return (
        enrolment.status == EnrolmentStatus.CONFIRMED
        and enrolment.anonymised_at is None
        and enrolment.track.status
        in (TrackStatus.COMPLETED, TrackStatus.LESSONS_PUBLISHED)
        and certificate_for(enrolment).eligible
    )


def certificates_for_track(track: Track) -> list[tuple[Enrolment, Certificate]]:
    """Every confirmed participant with their attendance, in two queries."""
    total = track.sessions.filter(is_cancelled=False).count()
    participants = track.enrolments.confirmed().annotate(
        attended=Count(
            "attendances", filter=Q(attendances__session__is_cancelled=False)
        )
    )
    return [
        (
            enrolment,
            Certificate(
                attended=enrolment.attended,
                total=total,
                threshold=track.attendance_threshold,
            ),
        )
        for enrolment in participants
    ]


def attended_sessions(enrolment: Enrolment):
    return Session.objects.filter(
        attendances__enrolment=enrolment, is_cancelled=False
    ).order_by("starts_at")


def enrolments_for_export(queryset):
    return (
        queryset.select_related("track")
        .with_waiting_position()
        .with_attendance()
        .order_by("track__number", "status", "created_at", "id")
    )


def sessions_upcoming(*, now=None, limit: int = 3) -> list[Session]:
    """The next sessions that take place, with their track (one query)."""
    now = now or timezone.now()
    return list(
        Session.objects.filter(starts_at__gte=now, is_cancelled=False)
        .exclude(track__status=TrackStatus.ANNOUNCED)
        .select_related("track")
        # What the home page shows of a session and its track.
        .only(
            "starts_at",
            "topic",
            *translation_columns("topic"),
            "location",
            "online_url",
            "track__slug",
            "track__title",
            *(f"track__{column}" for column in translation_columns("title")),
        )
        .order_by("starts_at", "id")[:limit]
    )


def tracks_open_with_seats(*, now=None, limit: int = 4) -> list[Track]:
    """Tracks taking enrolments that still have a free seat (one query)."""
    now = now or timezone.now()
    return list(
        Track.objects.filter(
            status=TrackStatus.ENROLMENT_OPEN, seats_taken__lt=F("capacity")
        )
        .filter(Q(enrolment_closes_at__isnull=True) | Q(enrolment_closes_at__gt=now))
        # What the home page shows of a track.
        .only(
            "slug",
            "number",
            "title",
            *translation_columns("title"),
            "capacity",
            "seats_taken",
            "enrolment_closes_at",
        )
        .order_by("number")[:limit]
    )


def newsletter_has_themes() -> bool:
    return Theme.objects.exists()


def tracks_running_with_seats() -> list[Track]:
    """Tracks taking enrolments or running, for the admin's seats chart (one query)."""
    return list(
        Track.objects.filter(
            status__in=[TrackStatus.ENROLMENT_OPEN, TrackStatus.RUNNING]
        ).order_by("number")
    )


# What the site-wide search may find (herentq.sitesearch): every track has its
# public page, with its sessions; a cancelled session is not looked for.


def tracks_searchable():
    return Track.objects.all()


def sessions_searchable():
    return Session.objects.filter(is_cancelled=False).select_related("track")
