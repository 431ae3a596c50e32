"""Every read of the council app. What the public may see is decided here, once."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from council.constants import (
    GROSH_SLUG,
    AttendanceStatus,
    MeetingStatus,
    MinutesStatus,
    MinutesVersionKind,
)
from council.models import (
    Advice,
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    Meeting,
    Minutes,
    MinutesComment,
    MinutesVersion,
    MinutesVersionEntry,
)
from herentq.constants import COUNCIL_MEMBERS_GROUP, COUNCIL_SECRETARIAT_GROUP
from herentq.search import SEARCH_CONFIG

# Who may enter the members' area ---------------------------------------------------


def user_is_council_member(user) -> bool:
    """A member: in the "GROSH-leden" group, or linked to a seat whose term runs."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.groups.filter(name=COUNCIL_MEMBERS_GROUP).exists():
        return True
    return CouncilMember.objects.active().filter(user=user).exists()


def user_has_members_access(user) -> bool:
    """Members, and the secretariat that prepares what they read."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # The secretariat or the members' group, asked in one query.
    groups = [COUNCIL_SECRETARIAT_GROUP, COUNCIL_MEMBERS_GROUP]
    if user.groups.filter(name__in=groups).exists():
        return True
    return CouncilMember.objects.active().filter(user=user).exists()


# Council and members ---------------------------------------------------------------


def council_get(*, slug: str = GROSH_SLUG) -> Council:
    return Council.objects.select_related("local_authority").get(slug=slug)


def member_list(*, council: Council, on=None):
    return (
        CouncilMember.objects.filter(council=council)
        .active(on)
        .in_role_order()
        .select_related("council")
    )


# Meetings --------------------------------------------------------------------------


def meetings_upcoming(*, council: Council | None = None, now=None):
    meetings = Meeting.objects.upcoming(now).select_related("council")
    if council is not None:
        meetings = meetings.filter(council=council)
    return meetings


def meeting_list(*, council: Council):
    """All meetings, newest first, with what the public may know about each."""
    published = Minutes.objects.filter(
        meeting=OuterRef("pk"), status=MinutesStatus.PUBLISHED
    )
    return (
        Meeting.objects.of_council(council)
        .select_related("council")
        .annotate(
            public_item_count=Count(
                "agenda_items",
                filter=Q(agenda_items__is_public=True)
                & (
                    ~Q(status=MeetingStatus.PLANNED)
                    | Q(agenda_published_at__isnull=False)
                ),
            ),
            has_published_minutes=Exists(published),
        )
        .order_by("-planned_start")
    )


# A subscribed calendar is fetched again every few hours, so it carries the
# past year's meetings and every later one; the meetings page has the rest.
CALENDAR_PAST = dt.timedelta(days=366)


def meetings_for_calendar(*, council: Council, now: dt.datetime | None = None):
    """The meetings of the calendar feed, newest first, with their agenda items."""
    since = (now or timezone.now()) - CALENDAR_PAST
    return (
        Meeting.objects.of_council(council)
        .filter(planned_start__gte=since)
        .select_related("council")
        .prefetch_related("agenda_items")
        .order_by("-planned_start")
    )


def meetings_past_for_members(*, council: Council, limit: int = 12):
    """The latest meetings that are not upcoming, for the members' area's list
    (title and status only: no counts, unlike `meeting_list`)."""
    upcoming = council.meetings.upcoming().values("pk")
    # Through the council: each meeting has it without a join.
    return council.meetings.exclude(pk__in=upcoming).order_by("-planned_start")[:limit]


def meeting_get_public(*, council: Council, pk: int) -> Meeting:
    """A meeting with its public agenda items only; closed items are not loaded."""
    public_items = (
        AgendaItem.objects.public()
        .select_related("advice")
        .prefetch_related("documents", "advice__conflicted_members")
        .order_by("position")
    )
    return (
        Meeting.objects.of_council(council)
        .select_related("council", "minutes")
        .prefetch_related(Prefetch("agenda_items", queryset=public_items))
        .get(pk=pk)
    )


def meeting_get_for_public_minutes(*, council: Council, pk: int) -> Meeting:
    """`meeting_get_public` for the public minutes: its public items with their
    advice only (the minutes link to it), and the meeting that approved them."""
    public_items = (
        AgendaItem.objects.public().select_related("advice").order_by("position")
    )
    return (
        Meeting.objects.of_council(council)
        .select_related("council", "minutes__approval_item__meeting")
        .prefetch_related(Prefetch("agenda_items", queryset=public_items))
        .get(pk=pk)
    )


def meeting_get_for_members(*, council: Council, pk: int) -> Meeting:
    items = (
        AgendaItem.objects.select_related(
            "advice", "approved_minutes__meeting__council"
        )
        .prefetch_related("documents", "subject")
        .order_by("position")
    )
    return (
        Meeting.objects.of_council(council)
        .select_related("council", "minutes")
        .prefetch_related(Prefetch("agenda_items", queryset=items))
        .get(pk=pk)
    )


def meetings_for_members(*, council: Council, now=None):
    """Upcoming meetings with their whole agenda, closed items and documents too.

    Read through the council (`council.meetings`), so each meeting has it
    without a join."""
    items = (
        AgendaItem.objects.select_related(
            "advice", "approved_minutes__meeting__council"
        )
        .prefetch_related("documents", "subject")
        .order_by("position")
    )
    return council.meetings.upcoming(now).prefetch_related(
        Prefetch("agenda_items", queryset=items)
    )


@dataclass
class AttendanceSummary:
    present: list = field(default_factory=list)
    excused: list = field(default_factory=list)
    absent: list = field(default_factory=list)
    voting_members: int = 0
    present_voting: int = 0

    @property
    def recorded(self) -> bool:
        return bool(self.present or self.excused or self.absent)

    @property
    def quorum_needed(self) -> int:
        return self.voting_members // 2 + 1

    @property
    def quorum_reached(self) -> bool:
        """A majority of the voting members was present."""
        return self.voting_members > 0 and self.present_voting >= self.quorum_needed


def attendance_summary(*, meeting: Meeting) -> AttendanceSummary:
    on = meeting.planned_start.date()
    voting_ids = set(
        CouncilMember.objects.filter(council_id=meeting.council_id)
        .active(on)
        .voting()
        .values_list("pk", flat=True)
    )
    summary = AttendanceSummary(voting_members=len(voting_ids))
    attendances = Attendance.objects.filter(meeting=meeting).select_related("member")
    for attendance in attendances.order_by("member__last_name", "member__first_name"):
        getattr(summary, attendance.status).append(attendance.member)
        if attendance.status == AttendanceStatus.PRESENT and (
            attendance.member_id in voting_ids
        ):
            summary.present_voting += 1
    return summary


# Minutes ---------------------------------------------------------------------------


def _version_entries(*, public_only: bool):
    entries = MinutesVersionEntry.objects.order_by("position")
    if public_only:
        entries = entries.filter(is_public=True)
    return Prefetch("entries", queryset=entries)


def minutes_version_public(*, meeting: Meeting, number: int | None = None):
    """The published text (or an earlier published one) without the closed items."""
    minutes = getattr(meeting, "minutes", None)
    if minutes is None or minutes.status != MinutesStatus.PUBLISHED:
        return None
    versions = minutes.versions.public().prefetch_related(
        _version_entries(public_only=True)
    )
    if number is None:
        return versions.filter(pk=minutes.published_version_id).first()
    return versions.filter(number=number).first()


def minutes_public_versions(*, minutes: Minutes):
    """Every published version, for the list of corrections under the text."""
    return minutes.versions.public().order_by("number")


def minutes_version_for_members(*, minutes: Minutes) -> MinutesVersion | None:
    """What the members read: the latest version of any kind, closed items too."""
    return (
        minutes.versions.prefetch_related(_version_entries(public_only=False))
        .order_by("-number")
        .first()
    )


def minutes_working_copy(*, minutes: Minutes):
    return minutes.entries.select_related("agenda_item").order_by(
        "agenda_item__position"
    )


def minutes_comments(*, minutes: Minutes):
    return MinutesComment.objects.filter(minutes=minutes).select_related(
        "version", "agenda_item"
    )


def minutes_for_members(*, council: Council) -> list[Minutes]:
    """Minutes the members still have to read: drafts and circulated ones.

    Their meetings are the council's: it is set on each rather than joined."""
    minutes: list[Minutes] = list(
        Minutes.objects.filter(
            meeting__council=council,
            status__in=[MinutesStatus.DRAFT, MinutesStatus.CIRCULATED],
        )
        .select_related("meeting", "approval_item__meeting")
        .annotate(comment_count=Count("comments"))
        .order_by("-meeting__planned_start")
    )
    for item in minutes:
        item.meeting.council = council
    return minutes


def minutes_published_recent(*, council: Council, limit: int = 5):
    return (
        Minutes.objects.filter(meeting__council=council, status=MinutesStatus.PUBLISHED)
        .select_related("meeting__council")
        .order_by("-meeting__planned_start")[:limit]
    )


# Advice ----------------------------------------------------------------------------


def advice_list_public(*, council: Council):
    return (
        Advice.objects.public()
        .filter(agenda_item__meeting__council=council)
        .with_meeting()
        .order_by("-agenda_item__meeting__planned_start", "agenda_item__position")
    )


def advice_get_public(*, council: Council, pk: int) -> Advice:
    return advice_list_public(council=council).get(pk=pk)


def advice_for_subject(subject) -> Advice | None:
    """The latest advice given on an agenda item about this subject (any app's
    object linked with `agenda_item_create_for_subject`)."""
    content_type = ContentType.objects.get_for_model(subject)
    return (
        Advice.objects.filter(
            agenda_item__subject_type=content_type,
            agenda_item__subject_id=str(subject.pk),
        )
        .with_meeting()
        .order_by("-agenda_item__meeting__planned_start", "-pk")
        .first()
    )


# Search ----------------------------------------------------------------------------


def minutes_entries_searchable() -> QuerySet[MinutesVersionEntry]:
    """The public points of the published version of published minutes: all
    that any search (the GROSH's own, the site-wide one) may find of minutes."""
    return MinutesVersionEntry.objects.filter(
        is_public=True,
        version__kind__in=[MinutesVersionKind.PUBLISHED, MinutesVersionKind.CORRECTION],
        version__minutes__status=MinutesStatus.PUBLISHED,
        version__minutes__published_version=F("version"),
    ).select_related("version__minutes__meeting")


def agenda_items_searchable():
    """Public agenda items: what a meeting's public page lists."""
    return AgendaItem.objects.public().select_related("meeting")


def meetings_public():
    """Every meeting, with only its public agenda items (`public_items`)."""
    return Meeting.objects.prefetch_related(
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.public().order_by("position"),
            to_attr="public_items",
        )
    )


def advice_searchable():
    return Advice.objects.public().with_meeting()


_START, _STOP = "\x02", "\x03"


def _highlight(headline: str) -> SafeString:
    """ts_headline does not escape: escape first, then mark the matches."""
    text = escape(headline)
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))


@dataclass
class SearchResults:
    query: str
    minutes: list = field(default_factory=list)
    advice: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.minutes) + len(self.advice)


def search_public(*, council: Council, query: str, limit: int = 50) -> SearchResults:
    """Dutch full-text search over published public minutes and public advice."""
    results = SearchResults(query=query)
    query = query.strip()
    if not query:
        return results
    search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    headline_options: dict[str, Any] = {
        "config": SEARCH_CONFIG,
        "start_sel": _START,
        "stop_sel": _STOP,
        "max_words": 35,
        "min_words": 15,
    }

    minutes_vector = SearchVector("title", "text", config=SEARCH_CONFIG)
    entries = (
        minutes_entries_searchable()
        .filter(version__minutes__meeting__council=council)
        .annotate(search=minutes_vector)
        .filter(search=search_query)
        .annotate(
            rank=SearchRank(minutes_vector, search_query),
            headline=SearchHeadline("text", search_query, **headline_options),
        )
        .select_related("version__minutes__meeting__council")
        .order_by("-rank", "-version__minutes__meeting__planned_start")[:limit]
    )
    for entry in entries:
        entry.snippet = _highlight(entry.headline)  # type: ignore[attr-defined]
        results.minutes.append(entry)

    advice_vector = SearchVector(
        "subject_text", "text", "motivation", config=SEARCH_CONFIG
    )
    advices = (
        Advice.objects.public()
        .filter(agenda_item__meeting__council=council)
        .annotate(search=advice_vector)
        .filter(search=search_query)
        .annotate(
            rank=SearchRank(advice_vector, search_query),
            headline=SearchHeadline("text", search_query, **headline_options),
        )
        .with_meeting()
        .order_by("-rank", "-agenda_item__meeting__planned_start")[:limit]
    )
    for advice in advices:
        advice.snippet = _highlight(advice.headline)
        results.advice.append(advice)
    return results


def meeting_next_public(*, now=None) -> Meeting | None:
    """The next planned GROSH meeting, for the home page (one query)."""
    return (
        meetings_upcoming(council=None, now=now)
        .filter(council__slug=GROSH_SLUG)
        .first()
    )
