"""Benchmark volume of the council (see `manage.py load_bench_data`).

At scale 1: 1 000 earlier meetings of the GROSH, every other Tuesday back from
December 2019 (before the demo's meetings), each held with five agenda items (one
closed), attendance of the members of that period, an advice, and minutes that
went the whole way: circulated, approved on the next meeting's first item (linked
both ways, as `services.minutes_schedule_approval` does) and published, with their
three frozen versions. The newest bench meeting's minutes stay a draft, since no
later bench meeting approves them. Texts are generated examples.

Bench meetings are found again by their date; a second run adds only the ones
that are missing (a larger scale adds older meetings).
"""

import datetime as dt
import math
import zoneinfo

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from council.constants import (
    APPROVAL_ITEM_TITLE,
    GROSH_SLUG,
    AdviceOutcome,
    AttendanceStatus,
    FollowUpStatus,
    MeetingStatus,
    MemberRole,
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
    MinutesEntry,
    MinutesVersion,
    MinutesVersionEntry,
)
from devdata.bench import Target, batched, uncached_only

MEETINGS = 1000
# The newest bench meeting (a Tuesday); the others every two weeks before it.
NEWEST = dt.date(2019, 12, 17)
INTERVAL = dt.timedelta(days=14)
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")

# The council of those years: (first name, last name, role, organisation).
MEMBERS = [
    ("Greet", "Vermeiren", MemberRole.CHAIR, "Wereldwinkel Herent"),
    ("Dirk", "Goossens", MemberRole.VICE_CHAIR, "Broederlijk Delen Herent"),
    ("Els", "Smets", MemberRole.SECRETARY, "Dienst lokaal mondiaal beleid"),
    ("Hilde", "Verhoeven", MemberRole.MEMBER, "Werkgroep Noord-Zuid Veltem"),
    ("Yusuf", "Kaya", MemberRole.MEMBER, "Vzw Samen Herent"),
    ("Bart", "Jacobs", MemberRole.MEMBER, "Gezinsbond Herent"),
    ("Ingrid", "Mertens", MemberRole.MEMBER, "Oxfam-Wereldwinkel Winksele"),
    ("Tom", "Willems", MemberRole.MEMBER, "Jeugdraad Herent"),
    ("Rita", "De Smet", MemberRole.OBSERVER, "Schepen van ontwikkelingssamenwerking"),
]

# (title, description, minutes text, advice subject or None)
TOPICS = [
    (
        "Stand van zaken van de stedenband met Nimlaha'kok",
        "Verslag van de werkgroep over de gemeenschapsradio en de vormingen.",
        "De werkgroep licht de werking van de gemeenschapsradio toe. De raad vraagt "
        "om de vormingsprogramma's voor jongeren voort te zetten.",
        None,
    ),
    (
        "Projectsubsidies ontwikkelingssamenwerking",
        "Bespreking van de ingediende aanvragen voor projectsubsidies.",
        "De raad bespreekt de aanvragen voor projectsubsidies. De projecten rond "
        "drinkwater en onderwijs krijgen een positief advies.",
        "Projectsubsidies ontwikkelingssamenwerking",
    ),
    (
        "Week van de Fair Trade",
        "Voorbereiding van de acties in de scholen en op de markt.",
        "De raad plant een fairtradeontbijt en een actie met de scholen. De "
        "wereldwinkel zorgt voor de producten.",
        None,
    ),
    (
        "Noodhulp na een natuurramp",
        "Voorstel van het college om noodhulp toe te kennen.",
        "De raad steunt het voorstel om noodhulp toe te kennen via een erkende "
        "organisatie, op voorwaarde dat de besteding gerapporteerd wordt.",
        "Noodhulp na een natuurramp",
    ),
    (
        "Klimaat en mondiale solidariteit in het meerjarenplan",
        "Advies over de doelstellingen van het meerjarenplan.",
        "De raad vraagt om klimaatadaptatie in het Zuiden op te nemen in het "
        "meerjarenplan en de SDG's als kader te gebruiken.",
        "Meerjarenplan: klimaat en mondiale solidariteit",
    ),
    (
        "Sensibilisering en wereldburgerschap",
        "Plannen voor een filmavond en een debat over migratie.",
        "De werkgroep sensibilisering stelt een filmavond en een debat voor. De "
        "raad kiest de film en nodigt een spreker uit.",
        None,
    ),
]
CLOSED_ITEM = (
    "Individuele aanvraag voor een subsidie (besloten)",
    "Bespreking van een aanvraag van een vereniging; besloten wegens persoonsgegevens.",
    "De raad bespreekt de aanvraag en vraagt bijkomende informatie.",
)
VARIA = ("Varia en rondvraag", "", "Geen opmerkingen.")


def target_count(scale: float) -> int:
    return max(2, math.ceil(MEETINGS * scale))


def _start(index: int) -> dt.datetime:
    day = NEWEST - INTERVAL * index
    return dt.datetime.combine(day, dt.time(20, 0), tzinfo=BRUSSELS)


def _day_label(start: dt.datetime) -> str:
    return date_format(timezone.localtime(start), "j F Y")


def _members(council: Council) -> list[CouncilMember]:
    first_day = _start(MEETINGS * 10).date()
    existing = {
        (member.first_name, member.last_name): member
        for member in CouncilMember.objects.filter(council=council)
    }
    missing = [
        CouncilMember(
            council=council,
            first_name=first,
            last_name=last,
            role=role,
            organisation=organisation,
            email=f"{first}.{last}".lower().replace(" ", "") + "@example.org",
            term_start=first_day,
            term_end=NEWEST,
        )
        for first, last, role, organisation in MEMBERS
        if (first, last) not in existing
    ]
    CouncilMember.objects.bulk_create(missing)
    names = [(first, last) for first, last, _role, _organisation in MEMBERS]
    return [
        member
        for member in CouncilMember.objects.filter(council=council)
        if (member.first_name, member.last_name) in names
    ]


def _agenda(index: int) -> list[tuple]:
    """(title, description, public, minutes text, advice subject) in order."""
    first = TOPICS[index % len(TOPICS)]
    second = TOPICS[(index + 1) % len(TOPICS)]
    return [
        (str(APPROVAL_ITEM_TITLE), "", True, "", None),
        (first[0], first[1], True, first[2], first[3]),
        (second[0], second[1], True, second[2], second[3]),
        (CLOSED_ITEM[0], CLOSED_ITEM[1], False, CLOSED_ITEM[2], None),
        (VARIA[0], VARIA[1], True, VARIA[2], None),
    ]


def load(*, scale: float) -> None:
    council = Council.objects.get(slug=GROSH_SLUG)  # made by the demo data
    members = _members(council)
    count = target_count(scale)
    known = set(
        Meeting.objects.filter(
            council=council, planned_start__lte=_start(0)
        ).values_list("planned_start", flat=True)
    )
    indexes = [index for index in range(count) if _start(index) not in known]
    if not indexes:
        return

    meetings = {
        index: Meeting(
            council=council,
            planned_start=_start(index),
            location=council.default_location or "Gemeentehuis",
            status=MeetingStatus.HELD,
            started_at=_start(index) + dt.timedelta(minutes=5),
            ended_at=_start(index) + dt.timedelta(hours=2, minutes=10),
        )
        for index in indexes
    }
    for batch in batched(list(meetings.values()), 2000):
        Meeting.objects.bulk_create(batch)

    items: dict[int, list[AgendaItem]] = {}
    attendances, rows = [], []
    for index, meeting in meetings.items():
        previous = _day_label(_start(index + 1))
        items[index] = []
        for position, (title, description, public, _text, _subject) in enumerate(
            _agenda(index), start=1
        ):
            if position == 1:
                description = (
                    f"Goedkeuring van het verslag van de vergadering van {previous}."
                )
            item = AgendaItem(
                meeting=meeting,
                position=position,
                title=title,
                description=description,
                is_public=public,
            )
            items[index].append(item)
            rows.append(item)
        for number, member in enumerate(members):
            status = (
                AttendanceStatus.EXCUSED
                if (index + number) % 7 == 0
                else AttendanceStatus.PRESENT
            )
            attendances.append(
                Attendance(meeting=meeting, member=member, status=status)
            )
    for batch in batched(rows, 5000):
        AgendaItem.objects.bulk_create(batch)
    for batch in batched(attendances, 5000):
        Attendance.objects.bulk_create(batch)

    voting = sum(1 for member in members if member.has_vote)
    advices = []
    for index, meeting in meetings.items():
        for item, (_title, _description, _public, text, subject) in zip(
            items[index], _agenda(index), strict=True
        ):
            if subject is None:
                continue
            present = voting - (1 if index % 7 == 0 else 0)
            against = index % 3 == 0
            decided = meeting.planned_start.date() + dt.timedelta(days=21)
            advices.append(
                Advice(
                    agenda_item=item,
                    subject_text=f"{subject} ({_day_label(meeting.planned_start)})",
                    text=f"De GROSH adviseert positief. {text}",
                    motivation=(
                        "Het voorstel past in het beleid van de gemeente voor "
                        "ontwikkelingssamenwerking en de SDG's."
                    ),
                    outcome=(
                        AdviceOutcome.CONDITIONAL
                        if index % 4 == 0
                        else AdviceOutcome.POSITIVE
                    ),
                    votes_for=present - (1 if against else 0),
                    votes_against=1 if against else 0,
                    followup_status=FollowUpStatus.FOLLOWED,
                    followup_date=decided,
                )
            )
    for batch in batched(advices, 5000):
        Advice.objects.bulk_create(batch)

    _minutes(council, meetings, items)


def _approval_item(council: Council, index: int, items: dict) -> AgendaItem | None:
    """The first item of the next (newer) meeting, where these minutes are approved."""
    if index == 0:
        return None
    if index - 1 in items:
        return items[index - 1][0]
    return AgendaItem.objects.get(
        meeting__council=council, meeting__planned_start=_start(index - 1), position=1
    )


def _minutes(council: Council, meetings: dict, items: dict) -> None:
    """Minutes approved on the next meeting and published, with their versions."""
    minutes_rows, entries = {}, []
    for index, meeting in meetings.items():
        approval = _approval_item(council, index, items)
        circulated = meeting.planned_start + dt.timedelta(days=7)
        approved = meeting.planned_start + INTERVAL + dt.timedelta(hours=2)
        minutes = Minutes(
            meeting=meeting,
            status=MinutesStatus.APPROVED if approval else MinutesStatus.DRAFT,
            approval_item=approval,
            circulated_at=circulated if approval else None,
            approved_at=approved if approval else None,
        )
        minutes_rows[index] = minutes
    for batch in batched(list(minutes_rows.values()), 2000):
        Minutes.objects.bulk_create(batch)

    texts: dict[int, list[str]] = {}
    for index, minutes in minutes_rows.items():
        texts[index] = []
        for position, (item, spec) in enumerate(
            zip(items[index], _agenda(index), strict=True), start=1
        ):
            text = spec[3]
            if position == 1:
                text = (
                    "De raad keurt het verslag van de vergadering van "
                    f"{_day_label(_start(index + 1))} goed."
                )
            texts[index].append(text)
            entries.append(MinutesEntry(minutes=minutes, agenda_item=item, text=text))
    for batch in batched(entries, 5000):
        MinutesEntry.objects.bulk_create(batch)

    approved = {
        index: minutes
        for index, minutes in minutes_rows.items()
        if minutes.status == MinutesStatus.APPROVED
    }
    versions = []
    for index, minutes in approved.items():
        start = meetings[index].planned_start
        for number, kind, when in [
            (1, MinutesVersionKind.CIRCULATED, minutes.circulated_at),
            (2, MinutesVersionKind.APPROVED, minutes.approved_at),
            (3, MinutesVersionKind.PUBLISHED, start + INTERVAL + dt.timedelta(days=3)),
        ]:
            versions.append(
                (
                    index,
                    MinutesVersion(
                        minutes=minutes, number=number, kind=kind, created_at=when
                    ),
                )
            )
    for batch in batched([version for _index, version in versions], 5000):
        MinutesVersion.objects.bulk_create(batch)

    version_entries = [
        MinutesVersionEntry(
            version=version,
            agenda_item=item,
            position=item.position,
            title=item.title,
            is_public=item.is_public,
            text=text,
        )
        for index, version in versions
        for item, text in zip(items[index], texts[index], strict=True)
    ]
    for batch in batched(version_entries, 5000):
        MinutesVersionEntry.objects.bulk_create(batch)

    published = {
        version.minutes_id: version
        for _index, version in versions
        if version.number == 3
    }
    for minutes in approved.values():
        version = published[minutes.pk]
        minutes.status = MinutesStatus.PUBLISHED
        minutes.published_version = version
        minutes.published_at = version.created_at
    for batch in batched(list(approved.values()), 2000):
        Minutes.objects.bulk_update(
            batch, ["status", "published_version", "published_at"]
        )


def volume() -> dict[str, int]:
    return {"meetings": Meeting.objects.count()}


def targets() -> list[Target]:
    latest = (
        Minutes.objects.filter(
            meeting__council__slug=GROSH_SLUG, status=MinutesStatus.PUBLISHED
        )
        .order_by("-meeting__planned_start")
        .values_list("meeting_id", flat=True)
        .first()
    )
    targets = []
    if latest is not None:
        targets.append(
            Target(
                "GROSH: openbaar verslag",
                reverse("council:minutes_public", args=[latest]),
            )
        )
    targets += [
        uncached_only(
            Target(
                "admin: vergaderingen",
                reverse("admin:council_meeting_changelist"),
                kind="admin",
            )
        ),
        *_members_targets(),
    ]
    return targets


def _members_targets() -> list[Target]:
    """The members' area and the latest meeting there, as a member of the GROSH."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from herentq.constants import COUNCIL_MEMBERS_GROUP

    member, _ = get_user_model().objects.get_or_create(
        username="bench-lid", defaults={"email": "bench-lid@example.be"}
    )
    member.groups.add(Group.objects.get_or_create(name=COUNCIL_MEMBERS_GROUP)[0])
    meeting = (
        Meeting.objects.filter(council__slug=GROSH_SLUG)
        .order_by("-planned_start")
        .values_list("pk", flat=True)
        .first()
    )
    targets = [
        Target(
            "GROSH: ledenzone",
            reverse("council:members_index"),
            kind="signed_in",
            user=member.username,
        )
    ]
    if meeting is not None:
        targets.append(
            Target(
                "GROSH: vergadering (leden)",
                reverse("council:members_meeting", args=[meeting]),
                kind="signed_in",
                user=member.username,
            )
        )
    return [uncached_only(target) for target in targets]
