"""Minutes from draft to publication, agendas and advice, through the services."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from council import selectors, services
from council.constants import (
    APPROVAL_ITEM_TITLE,
    AttendanceStatus,
    FollowUpStatus,
    MinutesStatus,
    MinutesVersionKind,
)
from council.models import AgendaItem, ImmutableError, MinutesVersion
from herentq.models import AuditEntry
from tests.conftest import deliver_mail
from tests.council.conftest import CLOSED_TEXT, PUBLIC_TEXT, advance
from tests.council.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    CouncilMemberFactory,
    MeetingFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_minutes_go_from_draft_through_approval_at_a_later_meeting_to_publication(
    scenario, secretariat_user
):
    minutes = scenario.minutes
    assert minutes.status == MinutesStatus.DRAFT
    advance(scenario, to="published", actor=secretariat_user)
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.PUBLISHED
    kinds = list(minutes.versions.values_list("number", "kind"))
    assert kinds == [
        (1, MinutesVersionKind.CIRCULATED),
        (2, MinutesVersionKind.APPROVED),
        (3, MinutesVersionKind.PUBLISHED),
    ]
    assert minutes.published_version.number == 3
    assert minutes.approval_item.meeting == scenario.next_meeting
    actions = set(
        AuditEntry.objects.filter(object_id=str(minutes.pk)).values_list(
            "action", flat=True
        )
    )
    assert {
        "council.minutes.circulated",
        "council.minutes.approval_scheduled",
        "council.minutes.approved",
        "council.minutes.published",
    } <= actions


def test_circulating_mails_each_member_a_link_to_the_members_page(scenario):
    no_address = CouncilMemberFactory(council=scenario.meeting.council, email="")
    services.minutes_circulate(
        minutes=scenario.minutes, base_url="https://portaal.herent.be/"
    )
    outbox = deliver_mail()
    recipients = sorted(address for mail in outbox for address in mail.to)
    expected = sorted(m.contact_email for m in scenario.members)
    assert recipients == expected
    assert no_address.contact_email == ""
    link = f"https://portaal.herent.be/grosh/leden/vergaderingen/{scenario.meeting.pk}/verslag/"
    assert all(link in mail.body for mail in outbox)
    assert all(len(mail.to) == 1 for mail in outbox)  # nobody sees the others' address
    assert CLOSED_TEXT not in outbox[0].body


def test_minutes_of_a_meeting_not_yet_held_cannot_be_circulated(council):
    meeting = MeetingFactory(council=council)
    AgendaItemFactory(meeting=meeting)
    minutes = services.minutes_create(meeting=meeting)
    with pytest.raises(services.CouncilError):
        services.minutes_circulate(minutes=minutes, notify=False)


def test_approval_item_comes_first_on_the_next_meeting_and_is_linked_both_ways(
    scenario,
):
    existing = AgendaItemFactory(meeting=scenario.next_meeting, title="Jaarplanning")
    services.minutes_circulate(minutes=scenario.minutes, notify=False)
    item = services.minutes_schedule_approval(minutes=scenario.minutes)
    existing.refresh_from_db()
    assert item.title == str(APPROVAL_ITEM_TITLE)
    assert item.meeting == scenario.next_meeting
    assert (item.position, existing.position) == (1, 2)
    assert item.approved_minutes == scenario.minutes
    scenario.minutes.refresh_from_db()
    assert scenario.minutes.approval_item == item
    with pytest.raises(services.CouncilError):
        services.minutes_schedule_approval(minutes=scenario.minutes)


def test_the_later_meetings_minutes_record_the_approval(scenario):
    advance(scenario, to="approved")
    scenario.minutes.refresh_from_db()
    later = services.minutes_create(meeting=scenario.next_meeting)
    entry = later.entries.get(agenda_item=scenario.minutes.approval_item)
    assert entry.text.startswith("De raad keurt het verslag van de vergadering van")


def test_approval_is_scheduled_again_when_its_meeting_is_cancelled(scenario):
    services.minutes_circulate(minutes=scenario.minutes, notify=False)
    services.minutes_schedule_approval(minutes=scenario.minutes)
    services.meeting_cancel(meeting=scenario.next_meeting, reason="Ziekte")
    later = MeetingFactory(
        council=scenario.meeting.council,
        planned_start=scenario.next_meeting.planned_start + dt.timedelta(days=14),
    )
    item = services.minutes_schedule_approval(minutes=scenario.minutes)
    assert item.meeting == later
    scenario.minutes.refresh_from_db()
    assert scenario.minutes.approval_item == item


def test_minutes_cannot_be_approved_before_the_approving_meeting_is_held(scenario):
    services.minutes_circulate(minutes=scenario.minutes, notify=False)
    with pytest.raises(services.CouncilError):
        services.minutes_approve(minutes=scenario.minutes)  # nothing scheduled yet
    services.minutes_schedule_approval(minutes=scenario.minutes)
    with pytest.raises(services.CouncilError):
        services.minutes_approve(minutes=scenario.minutes)  # still planned
    assert scenario.minutes.versions.count() == 1


def test_approval_only_at_a_later_meeting_of_the_same_council(scenario):
    services.minutes_circulate(minutes=scenario.minutes, notify=False)
    earlier = MeetingFactory(
        council=scenario.meeting.council,
        planned_start=scenario.meeting.planned_start - dt.timedelta(days=60),
    )
    with pytest.raises(services.CouncilError):
        services.minutes_schedule_approval(minutes=scenario.minutes, meeting=earlier)


def test_approved_text_is_frozen_until_it_is_published(scenario):
    advance(scenario, to="approved")
    entry = scenario.minutes.entries.first()
    with pytest.raises(services.CouncilError):
        services.minutes_entry_update(entry=entry, text="Stiekem gewijzigd.")


def test_a_published_version_is_never_changed_or_deleted(published):
    version = published.minutes.published_version
    version.reason = "stil gewijzigd"
    with pytest.raises(ImmutableError):
        version.save()
    with pytest.raises(ImmutableError):
        version.delete()
    entry = version.entries.first()
    entry.text = "anders"
    with pytest.raises(ImmutableError):
        entry.save()


def test_a_correction_is_a_new_published_version_with_a_reason(published):
    minutes = published.minutes
    first = minutes.published_version
    entry = minutes.entries.get(agenda_item=published.public_item)
    services.minutes_entry_update(entry=entry, text=PUBLIC_TEXT + " Gecorrigeerd.")
    with pytest.raises(services.CouncilError):
        services.minutes_publish_correction(minutes=minutes, reason="  ")
    correction = services.minutes_publish_correction(
        minutes=minutes, reason="Tikfout in het verslag rechtgezet."
    )
    minutes.refresh_from_db()
    assert minutes.published_version == correction
    assert correction.kind == MinutesVersionKind.CORRECTION
    assert correction.reason == "Tikfout in het verslag rechtgezet."
    # The earlier published text is kept, unchanged.
    assert first.entries.get(agenda_item=published.public_item).text == PUBLIC_TEXT
    assert minutes.versions.count() == 4


def test_a_correction_without_a_change_is_refused(published):
    with pytest.raises(services.CouncilError):
        services.minutes_publish_correction(
            minutes=published.minutes, reason="Niets gewijzigd"
        )
    assert published.minutes.versions.count() == 3


def test_editing_the_working_copy_after_publication_does_not_change_the_public_text(
    published,
):
    entry = published.minutes.entries.get(agenda_item=published.public_item)
    services.minutes_entry_update(entry=entry, text="Nog niet gepubliceerde tekst.")
    version = selectors.minutes_version_public(meeting=published.meeting)
    assert [e.text for e in version.entries.all()] == [PUBLIC_TEXT]


def test_comments_only_on_circulated_minutes(scenario, member):
    with pytest.raises(services.CouncilError):
        services.minutes_comment_add(
            minutes=scenario.minutes, author=member.user, text="Te vroeg"
        )
    services.minutes_circulate(minutes=scenario.minutes, notify=False)
    comment = services.minutes_comment_add(
        minutes=scenario.minutes,
        author=member.user,
        text="Punt 2: de naam is verkeerd gespeld.",
        agenda_item=scenario.closed_item,
    )
    assert comment.version.number == 1
    assert comment.author_name == member.full_name


def test_agenda_item_for_a_subject_of_another_app_is_appended_with_a_generic_link(
    council,
):
    meeting = MeetingFactory(council=council)
    AgendaItemFactory(meeting=meeting)
    subject = UserFactory()  # any model instance will do
    item = services.agenda_item_create_for_subject(
        meeting=meeting, subject=subject, title="Aanvraag projectsubsidie"
    )
    assert item.position == 2
    assert item.is_public is False
    assert item.subject == subject


def test_advice_for_subject_is_the_latest_advice_on_an_item_about_it(council):
    subject = UserFactory()
    assert selectors.advice_for_subject(subject) is None
    older = MeetingFactory(council=council, held=True)
    newer = MeetingFactory(
        council=council,
        held=True,
        planned_start=older.planned_start + dt.timedelta(days=7),
    )
    for meeting, outcome in ((older, "negative"), (newer, "conditional")):
        item = services.agenda_item_create_for_subject(
            meeting=meeting, subject=subject, title="Aanvraag"
        )
        services.advice_record(
            agenda_item=item,
            subject_text="Aanvraag",
            text="Advies",
            motivation="Waarom",
            outcome=outcome,
            votes_for=1,
            votes_against=0,
            votes_abstain=0,
        )
    assert selectors.advice_for_subject(subject).outcome == "conditional"


def test_advice_refuses_more_votes_than_present_voters_without_a_conflict(council):
    meeting = MeetingFactory(council=council, held=True)
    item = AgendaItemFactory(meeting=meeting)
    voters = CouncilMemberFactory.create_batch(3, council=council)
    for voter in voters:
        AttendanceFactory(meeting=meeting, member=voter)
    kwargs = {
        "agenda_item": item,
        "subject_text": "Onderwerp",
        "text": "Advies",
        "motivation": "Waarom",
        "outcome": "positive",
        "votes_against": 0,
        "votes_abstain": 0,
        "conflicted_members": [voters[0]],
    }
    with pytest.raises(services.CouncilError):
        services.advice_record(votes_for=3, **kwargs)
    advice = services.advice_record(votes_for=2, **kwargs)
    assert list(advice.conflicted_members.all()) == [voters[0]]


def test_followup_cannot_precede_the_advice(council):
    meeting = MeetingFactory(council=council, held=True)
    item = AgendaItemFactory(meeting=meeting)
    advice = services.advice_record(
        agenda_item=item,
        subject_text="Onderwerp",
        text="Advies",
        motivation="Waarom",
        outcome="positive",
        votes_for=0,
        votes_against=0,
        votes_abstain=0,
    )
    before = timezone.localdate(meeting.planned_start) - dt.timedelta(days=1)
    with pytest.raises(services.CouncilError):
        services.advice_record_followup(
            advice=advice, status=FollowUpStatus.FOLLOWED, decided_on=before
        )
    services.advice_record_followup(
        advice=advice,
        status=FollowUpStatus.PARTLY,
        decided_on=before + dt.timedelta(days=10),
        note="Deels gevolgd.",
    )
    advice.refresh_from_db()
    assert advice.get_followup_status_display() == "gedeeltelijk gevolgd"


@pytest.mark.parametrize(("present", "reached"), [(2, False), (3, True)])
def test_quorum_is_a_majority_of_the_voting_members(council, present, reached):
    meeting = MeetingFactory(council=council, held=True)
    voters = CouncilMemberFactory.create_batch(4, council=council)
    CouncilMemberFactory(council=council, role="observer")  # no vote, not counted
    for index, voter in enumerate(voters):
        status = (
            AttendanceStatus.PRESENT if index < present else AttendanceStatus.EXCUSED
        )
        AttendanceFactory(meeting=meeting, member=voter, status=status)
    summary = selectors.attendance_summary(meeting=meeting)
    assert summary.voting_members == 4
    assert summary.quorum_reached is reached


def test_attendance_list_is_prepared_for_members_in_office(council):
    meeting = MeetingFactory(council=council, held=True)
    CouncilMemberFactory.create_batch(2, council=council)
    CouncilMemberFactory(
        council=council,
        term_start=dt.date(2000, 1, 1),
        term_end=dt.date(2001, 1, 1),
    )
    assert services.attendance_prepare(meeting=meeting) == 2
    assert services.attendance_prepare(meeting=meeting) == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_agenda_additions_get_distinct_positions(council):
    meeting = MeetingFactory(council=council)
    errors = []
    barrier = threading.Barrier(4)

    def add(number):
        try:
            barrier.wait()
            services.agenda_item_create(meeting=meeting, title=f"Punt {number}")
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    positions = sorted(
        AgendaItem.objects.filter(meeting=meeting).values_list("position", flat=True)
    )
    assert positions == [1, 2, 3, 4]
    assert MinutesVersion.objects.count() == 0
