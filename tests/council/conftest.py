import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from council import services
from council.constants import AttendanceStatus, MemberRole
from council.models import Meeting
from herentq.constants import COUNCIL_MEMBERS_GROUP, COUNCIL_SECRETARIAT_GROUP
from tests.council.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    CouncilFactory,
    CouncilMemberFactory,
    MeetingFactory,
)
from tests.factories import UserFactory

CLOSED_TITLE = "Noodhulpaanvraag van vereniging Zeldzaam"
CLOSED_TEXT = "Besloten bespreking over de begunstigde Xylofoonstraat."
PUBLIC_TITLE = "Steun aan de gemeenschapsradio in Nimlaha'kok"
PUBLIC_TEXT = "De raad steunt de gemeenschapsradio en het project voor vorming."


@pytest.fixture
def council(db):
    return CouncilFactory()


@pytest.fixture
def member(council):
    """A voting member with an account in the "GROSH-leden" group."""
    user = UserFactory(email="lid@example.be")
    user.groups.add(Group.objects.get(name=COUNCIL_MEMBERS_GROUP))
    return CouncilMemberFactory(council=council, user=user, first_name="Lies")


@pytest.fixture
def member_client(client, member):
    client.force_login(member.user)
    return client


@pytest.fixture
def outsider_client(client, db):
    """Logged in, but no member of the council."""
    client.force_login(UserFactory(email="buur@example.be"))
    return client


@pytest.fixture
def secretariat_user(db):
    user = UserFactory(is_staff=True, email="secretariaat@example.be")
    user.groups.add(Group.objects.get(name=COUNCIL_SECRETARIAT_GROUP))
    return user


@pytest.fixture
def secretariat_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@dataclass
class Scenario:
    meeting: Meeting
    next_meeting: Meeting
    public_item: object
    closed_item: object
    minutes: object
    members: list


@pytest.fixture
def scenario(council, member):
    """A held meeting with a public and a closed item, attendance and advice on
    both, its minutes written (draft), and a later planned meeting."""
    chair = CouncilMemberFactory(council=council, role=MemberRole.CHAIR)
    secretary = CouncilMemberFactory(council=council, role=MemberRole.SECRETARY)
    others = CouncilMemberFactory.create_batch(2, council=council)
    meeting = MeetingFactory(council=council, held=True)
    next_meeting = MeetingFactory(
        council=council, planned_start=timezone.now() + dt.timedelta(days=20)
    )
    public_item = AgendaItemFactory(
        meeting=meeting, title=PUBLIC_TITLE, description="Voorstel van de dienst."
    )
    closed_item = AgendaItemFactory(
        meeting=meeting, title=CLOSED_TITLE, is_public=False, description="Besloten."
    )
    members = [member, chair, secretary, *others]
    for person in members:
        AttendanceFactory(
            meeting=meeting, member=person, status=AttendanceStatus.PRESENT
        )
    for item, subject in (
        (public_item, "Advies over de radio"),
        (closed_item, "Advies Zeldzaam"),
    ):
        services.advice_record(
            agenda_item=item,
            subject_text=subject,
            text=f"Tekst van {subject}.",
            motivation=f"Motivering van {subject}.",
            outcome="positive",
            votes_for=3 if item is public_item else 2,
            votes_against=1,
            votes_abstain=0,
            conflicted_members=[others[0]] if item is closed_item else [],
        )
    minutes = services.minutes_create(meeting=meeting)
    for entry in minutes.entries.select_related("agenda_item"):
        text = PUBLIC_TEXT if entry.agenda_item.is_public else CLOSED_TEXT
        services.minutes_entry_update(entry=entry, text=text)
    return Scenario(meeting, next_meeting, public_item, closed_item, minutes, members)


def advance(scenario, *, to: str, actor=None):
    """Take the scenario's minutes through the workflow up to `to`."""
    minutes = scenario.minutes
    services.minutes_circulate(minutes=minutes, actor=actor, notify=False)
    if to == "circulated":
        return minutes
    services.minutes_schedule_approval(minutes=minutes, actor=actor)
    next_meeting = scenario.next_meeting
    next_meeting.status = "held"
    next_meeting.planned_start = timezone.now() - dt.timedelta(days=1)
    next_meeting.started_at = next_meeting.planned_start
    next_meeting.ended_at = next_meeting.planned_start + dt.timedelta(hours=2)
    next_meeting.save()
    services.minutes_approve(minutes=minutes, actor=actor)
    if to == "approved":
        return minutes
    services.minutes_publish(minutes=minutes, actor=actor)
    minutes.refresh_from_db()
    return minutes


@pytest.fixture
def published(scenario):
    advance(scenario, to="published")
    scenario.minutes.refresh_from_db()
    return scenario
