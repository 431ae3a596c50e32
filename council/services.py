"""Every write of the council app: agendas, minutes from draft to publication, advice."""

import datetime as dt
import functools
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail, send_mass_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from council import onboarding
from council.constants import (
    APPROVAL_ITEM_TITLE,
    INVITATION_VALID_FOR,
    AdviceOutcome,
    AttendanceStatus,
    FollowUpStatus,
    MeetingStatus,
    MinutesStatus,
    MinutesVersionKind,
)
from council.models import (
    Advice,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    Meeting,
    Minutes,
    MinutesComment,
    MinutesEntry,
    MinutesVersion,
    MinutesVersionEntry,
)
from council.validators import validate_document
from council.workflow import MINUTES, CouncilError
from herentq import mail
from herentq.audit import audit_log
from herentq.constants import COUNCIL_MEMBERS_GROUP

# Agenda ---------------------------------------------------------------------------


def _locked_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def agenda_check_open(meeting: Meeting) -> None:
    """A cancelled meeting gets no agenda items."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise CouncilError(
            _("Een geannuleerde vergadering krijgt geen agendapunten."),
            field="meeting",
        )


def agenda_check_changeable(meeting: Meeting) -> None:
    """The agenda and the attendance of a meeting stay as they were once the
    meeting is cancelled or its minutes have gone to the members: the minutes
    and the advice rest on them."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise CouncilError(
            _("De agenda van een geannuleerde vergadering verandert niet meer."),
            field="meeting",
        )
    minutes = Minutes.objects.filter(meeting=meeting).only("status").first()
    if minutes is not None and minutes.status != MinutesStatus.DRAFT:
        raise CouncilError(
            _(
                "Het verslag van deze vergadering is rondgestuurd: de agenda en de "
                "aanwezigheden veranderen niet meer."
            ),
            field="meeting",
        )


def agenda_item_update(*, item: AgendaItem, actor=None) -> AgendaItem:
    """Save an agenda item as edited (title, description, position, public, or
    moved to another meeting: both agendas must still be open)."""
    with transaction.atomic():
        before = AgendaItem.objects.values_list("meeting_id", flat=True).get(pk=item.pk)
        for meeting_id in sorted({before, item.meeting_id}):
            agenda_check_changeable(_locked_meeting(Meeting(pk=meeting_id)))
        item.save()
        audit_log(
            target=item.meeting,
            action="council.meeting.agenda_item_changed",
            actor=actor,
            data={"item": item.pk, "title": item.title},
        )
    return item


def agenda_item_delete(*, item: AgendaItem, actor=None) -> None:
    with transaction.atomic():
        meeting = _locked_meeting(item.meeting)
        agenda_check_changeable(meeting)
        data = {"item": item.pk, "title": item.title}
        item.delete()
        audit_log(
            target=meeting,
            action="council.meeting.agenda_item_removed",
            actor=actor,
            data=data,
        )


def attendance_save(*, attendance: Attendance, actor=None) -> Attendance:
    """Record or change one member's attendance, as the secretariat typed it."""
    with transaction.atomic():
        meeting = _locked_meeting(attendance.meeting)
        agenda_check_changeable(meeting)
        attendance.save()
        audit_log(
            target=meeting,
            action="council.meeting.attendance_changed",
            actor=actor,
            data={"member": attendance.member_id, "status": attendance.status},
        )
    return attendance


def attendance_remove(*, attendance: Attendance, actor=None) -> None:
    with transaction.atomic():
        meeting = _locked_meeting(attendance.meeting)
        agenda_check_changeable(meeting)
        member = attendance.member_id
        attendance.delete()
        audit_log(
            target=meeting,
            action="council.meeting.attendance_changed",
            actor=actor,
            data={"member": member, "status": None},
        )


def agenda_item_create(
    *,
    meeting: Meeting,
    title: str,
    description: str = "",
    is_public: bool = True,
    subject=None,
    position: int | None = None,
    actor=None,
) -> AgendaItem:
    """Add an item to the meeting's agenda: at `position`, or else at the end."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        agenda_check_open(meeting)
        if position is None:
            last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
            position = last + 1
        item = AgendaItem(
            meeting=meeting,
            position=position,
            title=title,
            description=description,
            is_public=is_public,
        )
        if subject is not None:
            item.subject_type = ContentType.objects.get_for_model(subject)
            item.subject_id = str(subject.pk)
        item.save()
        minutes = Minutes.objects.filter(meeting=meeting).first()
        if minutes is not None:
            MinutesEntry.objects.create(minutes=minutes, agenda_item=item)
        audit_log(
            target=meeting,
            action="council.meeting.agenda_item_added",
            actor=actor,
            data={"item": item.pk, "title": title, "public": is_public},
        )
    return item


def agenda_item_create_for_subject(
    *,
    meeting: Meeting,
    subject,
    title: str,
    description: str = "",
    is_public: bool = False,
    actor=None,
) -> AgendaItem:
    """Put a subject another app manages (e.g. a subsidy application) on the agenda."""
    return agenda_item_create(
        meeting=meeting,
        title=title,
        description=description,
        is_public=is_public,
        subject=subject,
        actor=actor,
    )


def document_add(*, agenda_item: AgendaItem, title: str, file, actor=None):
    validate_document(file)
    with transaction.atomic():
        document = AgendaDocument.objects.create(
            agenda_item=agenda_item, title=title, file=file
        )
        audit_log(
            target=agenda_item.meeting,
            action="council.meeting.document_added",
            actor=actor,
            data={"item": agenda_item.pk, "document": document.pk},
        )
    return document


def document_update(*, document: AgendaDocument, actor=None) -> AgendaDocument:
    """A document's title or file as edited in the back office: a new file is
    checked as on upload; the change goes in the meeting's audit trail."""
    with transaction.atomic():
        current = AgendaDocument.objects.select_for_update().get(pk=document.pk)
        changed = [
            name
            for name in ("title", "file")
            if getattr(current, name) != getattr(document, name)
        ]
        if "file" in changed:
            validate_document(document.file)
        document.save()
        if changed:
            audit_log(
                target=current.agenda_item.meeting,
                action="council.meeting.document_changed",
                actor=actor,
                data={
                    "item": current.agenda_item_id,
                    "document": document.pk,
                    "fields": changed,
                },
            )
    return document


def document_remove(*, document: AgendaDocument, actor=None) -> None:
    with transaction.atomic():
        audit_log(
            target=document.agenda_item.meeting,
            action="council.meeting.document_removed",
            actor=actor,
            data={"item": document.agenda_item_id, "title": document.title},
        )
        document.delete()


def attendance_prepare(*, meeting: Meeting, actor=None) -> int:
    """An attendance row (present) for every member whose term covers the meeting
    day and who has none yet; the secretariat then marks the exceptions."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        if meeting.status == MeetingStatus.CANCELLED:
            raise CouncilError(
                _("Een geannuleerde vergadering heeft geen aanwezigheden.")
            )
        on = timezone.localdate(meeting.planned_start)
        members = (
            CouncilMember.objects.filter(council=meeting.council)
            .active(on)
            .exclude(attendances__meeting=meeting)
        )
        rows = [
            Attendance(meeting=meeting, member=member, status=AttendanceStatus.PRESENT)
            for member in members
        ]
        Attendance.objects.bulk_create(rows)
        if rows:
            audit_log(
                target=meeting,
                action="council.meeting.attendance_prepared",
                actor=actor,
                data={"members": len(rows)},
            )
    return len(rows)


def meeting_check_status(*, current: str, status: str) -> None:
    """Only a planned meeting can be cancelled."""
    if (
        status == MeetingStatus.CANCELLED
        and current != MeetingStatus.CANCELLED
        and current != MeetingStatus.PLANNED
    ):
        raise CouncilError(
            _("Enkel een geplande vergadering kan geannuleerd worden."),
            field="status",
        )


def meeting_save(*, meeting: Meeting, actor=None) -> Meeting:
    """Save a meeting as edited (date, place, status, times); cancelling it is
    checked and recorded as `meeting_cancel` does."""
    with transaction.atomic():
        current = _locked_meeting(meeting).status if meeting.pk else None
        meeting_check_status(
            current=current or MeetingStatus.PLANNED, status=meeting.status
        )
        meeting.save()
        if meeting.status == MeetingStatus.CANCELLED and current not in (
            None,
            MeetingStatus.CANCELLED,
        ):
            audit_log(
                target=meeting,
                action="council.meeting.cancelled",
                actor=actor,
                reason=meeting.cancellation_reason,
            )
    return meeting


def meeting_cancel(*, meeting: Meeting, reason: str, actor=None) -> Meeting:
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        if meeting.status != MeetingStatus.PLANNED:
            raise CouncilError(
                _("Enkel een geplande vergadering kan geannuleerd worden.")
            )
        meeting.status = MeetingStatus.CANCELLED
        meeting.cancellation_reason = reason
        meeting.save(update_fields=["status", "cancellation_reason", "updated_at"])
        audit_log(
            target=meeting,
            action="council.meeting.cancelled",
            actor=actor,
            reason=reason,
        )
    return meeting


# Minutes --------------------------------------------------------------------------


def _locked_minutes(minutes: Minutes) -> Minutes:
    return (
        Minutes.objects.select_for_update()
        .select_related("meeting__council")
        .get(pk=minutes.pk)
    )


def _approval_text(approved: Minutes) -> str:
    return _("De raad keurt het verslag van de vergadering van %(day)s goed.") % {
        "day": approved.meeting.day_label
    }


def _initial_text(item: AgendaItem) -> str:
    """The approval item of earlier minutes that were approved starts with the
    sentence that records it; any other item starts empty."""
    approved = getattr(item, "approved_minutes", None)
    if approved is not None and approved.status in (
        MinutesStatus.APPROVED,
        MinutesStatus.PUBLISHED,
    ):
        return _approval_text(approved)
    return ""


def minutes_sync_entries(*, minutes: Minutes) -> int:
    """A working-copy entry for every agenda item of the meeting; returns how many
    were added."""
    existing = set(minutes.entries.values_list("agenda_item_id", flat=True))
    missing = [
        MinutesEntry(minutes=minutes, agenda_item=item, text=_initial_text(item))
        for item in minutes.meeting.agenda_items.exclude(
            pk__in=existing
        ).select_related("approved_minutes__meeting__council")
    ]
    MinutesEntry.objects.bulk_create(missing)
    return len(missing)


def minutes_create(*, meeting: Meeting, actor=None) -> Minutes:
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        if meeting.status == MeetingStatus.CANCELLED:
            raise CouncilError(_("Een geannuleerde vergadering heeft geen verslag."))
        minutes, created = Minutes.objects.get_or_create(meeting=meeting)
        minutes_sync_entries(minutes=minutes)
        if created:
            audit_log(target=minutes, action="council.minutes.created", actor=actor)
    return minutes


def minutes_check_text_editable(minutes: Minutes) -> None:
    """The working copy is frozen between approval and publication."""
    if not minutes.text_is_editable:
        raise CouncilError(
            _("Een goedgekeurd verslag verandert niet meer vóór de publicatie."),
            field="text",
        )


def minutes_entry_update(*, entry: MinutesEntry, text: str, actor=None) -> MinutesEntry:
    with transaction.atomic():
        minutes = _locked_minutes(entry.minutes)
        minutes_check_text_editable(minutes)
        entry.text = text
        entry.save(update_fields=["text"])
    return entry


def _snapshot(
    *,
    minutes: Minutes,
    kind: str,
    actor,
    reason: str = "",
    source: MinutesVersion | None = None,
) -> MinutesVersion:
    """Freeze the working copy (or copy another version) into a new version."""
    last = minutes.versions.aggregate(last=Max("number"))["last"] or 0
    version = MinutesVersion.objects.create(
        minutes=minutes,
        number=last + 1,
        kind=kind,
        reason=reason,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if source is not None:
        rows = [
            MinutesVersionEntry(
                version=version,
                agenda_item_id=entry.agenda_item_id,
                position=entry.position,
                title=entry.title,
                is_public=entry.is_public,
                text=entry.text,
            )
            for entry in source.entries.all()
        ]
    else:
        minutes_sync_entries(minutes=minutes)
        rows = [
            MinutesVersionEntry(
                version=version,
                agenda_item=entry.agenda_item,
                position=entry.agenda_item.position,
                title=entry.agenda_item.title,
                is_public=entry.agenda_item.is_public,
                text=entry.text,
            )
            for entry in minutes.entries.select_related("agenda_item")
        ]
    MinutesVersionEntry.objects.bulk_create(rows)
    return version


def _members_to_notify(minutes: Minutes) -> list[CouncilMember]:
    on = timezone.localdate()
    members = (
        CouncilMember.objects.active(on)
        .filter(council=minutes.meeting.council)
        .select_related("user")
    )
    return [member for member in members if member.contact_email]


def minutes_circulate(
    *, minutes: Minutes, actor=None, base_url: str = "", notify: bool = True
) -> MinutesVersion:
    """Send the current text to the members (again): a new circulated version and
    an e-mail to every member with an address, linking to the members' area."""
    with transaction.atomic():
        minutes = _locked_minutes(minutes)
        MINUTES.check("circulate", minutes.status)
        if minutes.meeting.status != MeetingStatus.HELD:
            raise CouncilError(
                _(
                    "Het verslag kan pas rondgestuurd worden als de vergadering gehouden is."
                )
            )
        version = _snapshot(
            minutes=minutes, kind=MinutesVersionKind.CIRCULATED, actor=actor
        )
        minutes.status = MinutesStatus.CIRCULATED
        minutes.circulated_at = timezone.now()
        minutes.save(update_fields=["status", "circulated_at", "updated_at"])
        recipients = _members_to_notify(minutes) if notify else []
        audit_log(
            target=minutes,
            action="council.minutes.circulated",
            actor=actor,
            data={"version": version.number, "recipients": len(recipients)},
        )
        if recipients:
            link = base_url.rstrip("/") + minutes.get_members_url()
            subject = _("[GROSH] Ontwerpverslag ter inzage: %(meeting)s") % {
                "meeting": minutes.meeting.title
            }
            messages = [
                (
                    subject,
                    render_to_string(
                        "council/email/minutes_circulated.txt",
                        {
                            "member": member,
                            "minutes": minutes,
                            "version": version,
                            "link": link,
                        },
                    ),
                    None,
                    [member.contact_email],
                )
                for member in recipients
            ]
            send_mass_mail(messages)
    return version


def _next_meeting_after(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(
            council=meeting.council,
            status=MeetingStatus.PLANNED,
            planned_start__gt=meeting.planned_start,
        )
        .order_by("planned_start")
        .first()
    )


def minutes_schedule_approval(
    *, minutes: Minutes, meeting: Meeting | None = None, actor=None
) -> AgendaItem:
    """Put "Goedkeuring verslag vorige vergadering" first on a later meeting's
    agenda (by default the next planned one) and link it to these minutes."""
    with transaction.atomic():
        minutes = _locked_minutes(minutes)
        MINUTES.check("schedule_approval", minutes.status, subject=minutes)
        meeting = meeting or _next_meeting_after(minutes.meeting)
        if meeting is None:
            raise CouncilError(
                _(
                    "Er is nog geen latere vergadering gepland om het verslag goed te keuren."
                )
            )
        meeting = _locked_meeting(meeting)
        if (
            meeting.council_id != minutes.meeting.council_id
            or meeting.planned_start <= minutes.meeting.planned_start
        ):
            raise CouncilError(
                _(
                    "Een verslag wordt goedgekeurd op een latere vergadering van dezelfde raad."
                )
            )
        if meeting.status == MeetingStatus.CANCELLED:
            raise CouncilError(_("Die vergadering is geannuleerd."))
        # Approving the previous minutes comes first: shift the agenda one place
        # (the unique position is checked at commit, so the shift may overlap).
        items = list(meeting.agenda_items.order_by("-position"))
        for item in items:
            item.position += 1
        AgendaItem.objects.bulk_update(items, ["position"])
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=1,
            title=str(APPROVAL_ITEM_TITLE),
            description=_("Goedkeuring van het verslag van de vergadering van %(day)s.")
            % {"day": minutes.meeting.day_label},
            is_public=True,
        )
        later_minutes = Minutes.objects.filter(meeting=meeting).first()
        if later_minutes is not None:
            MinutesEntry.objects.create(minutes=later_minutes, agenda_item=item)
        minutes.approval_item = item
        minutes.save(update_fields=["approval_item", "updated_at"])
        audit_log(
            target=minutes,
            action="council.minutes.approval_scheduled",
            actor=actor,
            data={"meeting": meeting.pk, "item": item.pk},
        )
    return item


def minutes_approve(*, minutes: Minutes, actor=None) -> MinutesVersion:
    """Record that the later meeting approved the minutes (with the text as it now
    stands, amendments included)."""
    with transaction.atomic():
        minutes = _locked_minutes(minutes)
        MINUTES.check("approve", minutes.status, subject=minutes)
        assert minutes.approval_item is not None  # the transition's guard
        approval_meeting = minutes.approval_item.meeting
        if approval_meeting.status != MeetingStatus.HELD:
            raise CouncilError(
                _("De vergadering die het verslag goedkeurt, moet eerst gehouden zijn.")
            )
        version = _snapshot(
            minutes=minutes, kind=MinutesVersionKind.APPROVED, actor=actor
        )
        minutes.status = MinutesStatus.APPROVED
        minutes.approved_at = timezone.now()
        minutes.save(update_fields=["status", "approved_at", "updated_at"])
        audit_log(
            target=minutes,
            action="council.minutes.approved",
            actor=actor,
            data={"version": version.number, "meeting": approval_meeting.pk},
        )
    return version


def minutes_publish(*, minutes: Minutes, actor=None) -> MinutesVersion:
    """Publish exactly the approved text."""
    with transaction.atomic():
        minutes = _locked_minutes(minutes)
        MINUTES.check("publish", minutes.status)
        approved = minutes.versions.filter(kind=MinutesVersionKind.APPROVED).latest(
            "number"
        )
        version = _snapshot(
            minutes=minutes,
            kind=MinutesVersionKind.PUBLISHED,
            actor=actor,
            source=approved,
        )
        minutes.status = MinutesStatus.PUBLISHED
        minutes.published_version = version
        minutes.published_at = timezone.now()
        minutes.save(
            update_fields=["status", "published_version", "published_at", "updated_at"]
        )
        audit_log(
            target=minutes,
            action="council.minutes.published",
            actor=actor,
            data={"version": version.number},
        )
    return version


def _texts(version: MinutesVersion) -> dict[int, tuple]:
    return {
        entry.agenda_item_id: (entry.title, entry.is_public, entry.text)
        for entry in version.entries.all()
    }


def minutes_publish_correction(
    *, minutes: Minutes, reason: str, actor=None
) -> MinutesVersion:
    """A published text never changes silently: the corrected working copy becomes
    a new published version, with the reason shown to readers."""
    reason = reason.strip()
    with transaction.atomic():
        minutes = _locked_minutes(minutes)
        MINUTES.check("publish_correction", minutes.status)
        if not reason:
            raise CouncilError(_("Geef de reden van de correctie op."))
        current = minutes.published_version
        assert current is not None  # published minutes have a published version
        version = _snapshot(
            minutes=minutes,
            kind=MinutesVersionKind.CORRECTION,
            actor=actor,
            reason=reason,
        )
        if _texts(version) == _texts(current):
            raise CouncilError(
                _("De tekst is niet gewijzigd sinds de gepubliceerde versie.")
            )
        minutes.published_version = version
        minutes.save(update_fields=["published_version", "updated_at"])
        audit_log(
            target=minutes,
            action="council.minutes.corrected",
            actor=actor,
            reason=reason,
            data={"version": version.number, "replaces": current.number},
        )
    return version


def minutes_comment_add(
    *, minutes: Minutes, author, text: str, agenda_item: AgendaItem | None = None
) -> MinutesComment:
    text = text.strip()
    if not text:
        raise CouncilError(_("Schrijf uw opmerking."))
    with transaction.atomic():
        minutes = _locked_minutes(minutes)
        if minutes.status != MinutesStatus.CIRCULATED:
            raise CouncilError(
                _("Opmerkingen kunnen enkel bij een rondgestuurd verslag.")
            )
        if agenda_item is not None and agenda_item.meeting_id != minutes.meeting_id:
            raise CouncilError(_("Dat agendapunt hoort niet bij deze vergadering."))
        version = minutes.versions.filter(kind=MinutesVersionKind.CIRCULATED).latest(
            "number"
        )
        member = (
            CouncilMember.objects.filter(user=author, council=minutes.meeting.council)
            .order_by("-term_start")
            .first()
        )
        name = member.full_name if member else (author.get_full_name() or author.email)
        comment = MinutesComment.objects.create(
            minutes=minutes,
            version=version,
            agenda_item=agenda_item,
            author=author,
            author_name=name,
            text=text,
        )
        audit_log(
            target=minutes,
            action="council.minutes.comment_added",
            actor=author,
            data={"comment": comment.pk, "version": version.number},
        )
    return comment


# Advice ---------------------------------------------------------------------------

# The fields of an advice each service writes (forms use them to tell which to call).
ADVICE_FIELDS = (
    "agenda_item",
    "subject_text",
    "text",
    "motivation",
    "outcome",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "conflicted_members",
)
FOLLOWUP_FIELDS = ("followup_status", "followup_date", "followup_note")


def advice_check_votes(*, agenda_item: AgendaItem, votes: int, conflicted_members=()):
    """Conflicted members belong to the council; once the attendance is recorded,
    there are no more votes than present voting members without a conflict."""
    meeting = agenda_item.meeting
    conflicted = list(conflicted_members)
    if any(member.council_id != meeting.council_id for member in conflicted):
        raise CouncilError(
            _("Enkel leden van de raad kunnen een belangenconflict melden."),
            field="conflicted_members",
        )
    present_voters = [
        attendance.member
        for attendance in meeting.attendances.select_related("member")
        if attendance.status == AttendanceStatus.PRESENT and attendance.member.has_vote
    ]
    if not present_voters:
        return
    conflicted_ids = {member.pk for member in conflicted}
    may_vote = [member for member in present_voters if member.pk not in conflicted_ids]
    if votes > len(may_vote):
        raise CouncilError(
            _(
                "Er zijn meer stemmen (%(votes)s) dan aanwezige stemgerechtigde "
                "leden zonder belangenconflict (%(voters)s)."
            )
            % {"votes": votes, "voters": len(may_vote)}
        )


def advice_check(
    *,
    agenda_item: AgendaItem,
    outcome: str,
    votes_for: int,
    votes_against: int,
    votes_abstain: int,
    conflicted_members=(),
) -> None:
    """Every rule an advice keeps; `advice_record` checks them again under lock."""
    if outcome not in AdviceOutcome.values:
        raise CouncilError(_("Onbekende strekking van het advies."), field="outcome")
    if min(votes_for, votes_against, votes_abstain) < 0:
        raise CouncilError(_("Het aantal stemmen kan niet negatief zijn."))
    if agenda_item.meeting.status == MeetingStatus.CANCELLED:
        raise CouncilError(
            _("Een geannuleerde vergadering geeft geen advies."), field="agenda_item"
        )
    advice_check_votes(
        agenda_item=agenda_item,
        votes=votes_for + votes_against + votes_abstain,
        conflicted_members=conflicted_members,
    )


def advice_record(
    *,
    agenda_item: AgendaItem,
    subject_text: str,
    text: str,
    motivation: str,
    outcome: str,
    votes_for: int,
    votes_against: int,
    votes_abstain: int,
    conflicted_members=(),
    actor=None,
) -> Advice:
    """Record (or amend) the advice given on an agenda item."""
    conflicted = list(conflicted_members)
    with transaction.atomic():
        meeting = _locked_meeting(agenda_item.meeting)
        agenda_item.meeting = meeting
        advice_check(
            agenda_item=agenda_item,
            outcome=outcome,
            votes_for=votes_for,
            votes_against=votes_against,
            votes_abstain=votes_abstain,
            conflicted_members=conflicted,
        )
        advice = Advice.objects.filter(agenda_item=agenda_item).first()
        created = advice is None
        advice = advice or Advice(agenda_item=agenda_item)
        advice.subject_text = subject_text
        advice.text = text
        advice.motivation = motivation
        advice.outcome = outcome
        advice.votes_for = votes_for
        advice.votes_against = votes_against
        advice.votes_abstain = votes_abstain
        advice.save()
        advice.conflicted_members.set(conflicted)
        audit_log(
            target=advice,
            action="council.advice.recorded" if created else "council.advice.amended",
            actor=actor,
            data={
                "outcome": outcome,
                "votes": [votes_for, votes_against, votes_abstain],
                "conflicted": sorted(member.pk for member in conflicted),
            },
        )
    return advice


def advice_check_followup(*, agenda_item: AgendaItem, status: str, decided_on) -> None:
    """The college's follow-up: a decision and its date, not before the advice.
    Neither (an empty status and no date) means the college has not decided yet."""
    if not status and decided_on is None:
        return
    if status not in FollowUpStatus.values:
        raise CouncilError(
            _("Kies hoe het college het advies opvolgde."), field="followup_status"
        )
    if decided_on is None:
        raise CouncilError(
            _("Geef de datum van de beslissing van het college."),
            field="followup_date",
        )
    if decided_on < timezone.localdate(agenda_item.meeting.planned_start):
        raise CouncilError(
            _("Het college beslist na het advies, niet ervoor."),
            field="followup_date",
        )


def advice_record_followup(
    *, advice: Advice, status: str, decided_on, note: str = "", actor=None
) -> Advice:
    """What the college did with the advice (an empty status and no date: not
    decided yet)."""
    with transaction.atomic():
        advice = (
            Advice.objects.select_for_update()
            .select_related("agenda_item__meeting")
            .get(pk=advice.pk)
        )
        advice_check_followup(
            agenda_item=advice.agenda_item, status=status, decided_on=decided_on
        )
        advice.followup_status = status
        advice.followup_date = decided_on
        advice.followup_note = note
        advice.save(
            update_fields=[
                "followup_status",
                "followup_date",
                "followup_note",
                "updated_at",
            ]
        )
        audit_log(
            target=advice,
            action="council.advice.followup_recorded",
            actor=actor,
            data={
                "status": status,
                "date": decided_on.isoformat() if decided_on else None,
            },
        )
    return advice


# Members' area: invitations and access -------------------------------------------


def _mail(*, template: str, subject: str, to: str, language: str, context: dict):
    """Queue one mail in the recipient's language (post-office, this transaction)."""
    with translation.override(language or None):
        body = render_to_string(
            f"council/email/{template}.txt",
            {"site_url": settings.HERENTQ_BASE_URL.rstrip("/"), **context},
        )
        send_mail(str(subject), body, None, [to])


def member_check_invitable(member: CouncilMember) -> None:
    """A seat whose term has not ended, with an address, not yet accepted."""
    if not member.contact_email:
        raise CouncilError(
            _(
                "Vul eerst het e-mailadres van dit lid in: de uitnodiging gaat daarheen."
            ),
            field="email",
        )
    if member.has_ended():
        raise CouncilError(
            _("Het mandaat van dit lid is afgelopen: het krijgt geen toegang meer."),
            field="term_end",
        )
    if member.accepted_at and not member.access_ended_at:
        raise CouncilError(
            _("%(name)s heeft de uitnodiging al aanvaard.")
            % {"name": member.full_name},
            field="user",
        )


def member_invite(*, member: CouncilMember, actor=None) -> CouncilMember:
    """Mail the member a signed link to the members' area (again: a new link, the
    earlier one stops working)."""
    with transaction.atomic():
        member = (
            CouncilMember.objects.select_for_update(of=("self",))
            .select_related("council", "user")
            .get(pk=member.pk)
        )
        member_check_invitable(member)
        resend = member.invited_at is not None
        member.invitation_key = secrets.token_hex(16)
        member.invited_at = timezone.now()
        member.save(update_fields=["invitation_key", "invited_at"])
        audit_log(
            target=member,
            action="council.member.invited",
            actor=actor,
            data={"email": member.contact_email, "again": resend},
        )
        _mail(
            template="member_invitation",
            subject=_("[%(council)s] Uw toegang tot de ledenzone")
            % {"council": member.council.name},
            to=member.contact_email,
            language=member.language,
            context={
                "member": member,
                "link": onboarding.invitation_url(member),
                "valid_until": member.invited_at + INVITATION_VALID_FOR,
            },
        )
    return member


def member_from_invitation(token: str) -> CouncilMember:
    """The seat a link invites to, if the link is still valid."""
    try:
        value = onboarding.read_token(token)
    except onboarding.ExpiredLink:
        raise CouncilError(
            _("Deze uitnodiging is verlopen. Vraag het secretariaat om een nieuwe.")
        ) from None
    except onboarding.BadLink:
        raise CouncilError(_("Deze uitnodigingslink is ongeldig.")) from None
    member = (
        CouncilMember.objects.select_related("council", "user")
        .filter(pk=value["m"])
        .first()
    )
    if (
        member is None
        or not member.invitation_key
        or member.invitation_key != value["k"]
    ):
        raise CouncilError(
            _(
                "Deze uitnodiging is niet meer geldig: ze werd al gebruikt of er "
                "is een nieuwere verstuurd."
            )
        )
    if member.has_ended():
        raise CouncilError(_("Het mandaat waarvoor u uitgenodigd werd, is afgelopen."))
    return member


def member_accept_invitation(*, token: str, user) -> CouncilMember:
    """Link the signed-in account to the seat (its address must be the one the
    invitation went to) and open the members' area for the term."""
    with transaction.atomic():
        member = member_from_invitation(token)
        member = CouncilMember.objects.select_for_update(of=("self",)).get(pk=member.pk)
        member = member_from_invitation(token)  # checked again under the lock
        if user.email.lower() != member.contact_email.lower():
            raise CouncilError(
                _(
                    "Deze uitnodiging is voor %(email)s. Meld u aan met dat "
                    "e-mailadres (of maak er een account mee) om ze te aanvaarden."
                )
                % {"email": member.contact_email}
            )
        if member.user_id and member.user_id != user.pk:
            raise CouncilError(_("Dit mandaat is al aan een ander account gekoppeld."))
        member.user = user
        member.accepted_at = timezone.now()
        member.access_ended_at = None
        member.invitation_key = ""
        member.save(
            update_fields=["user", "accepted_at", "access_ended_at", "invitation_key"]
        )
        user.groups.add(Group.objects.get(name=COUNCIL_MEMBERS_GROUP))
        audit_log(target=member, action="council.member.accepted", actor=user)
    return member


def members_end_access(*, today=None) -> int:
    """Close the members' area to accounts whose seat's term has ended: the seat
    is marked, and the account leaves the members' group unless another seat of
    it still runs. Safe to run again; returns the number of seats closed."""
    today = today or timezone.localdate()
    ended = CouncilMember.objects.filter(
        user__isnull=False, access_ended_at__isnull=True, term_end__lt=today
    )
    group = Group.objects.get(name=COUNCIL_MEMBERS_GROUP)
    closed = 0
    for pk in ended.values_list("pk", flat=True):
        with transaction.atomic():
            member = (
                ended.select_for_update(of=("self",), skip_locked=True)
                .select_related("user")
                .filter(pk=pk)
                .first()
            )
            if member is None:
                continue
            member.access_ended_at = timezone.now()
            member.save(update_fields=["access_ended_at"])
            still_seated = (
                CouncilMember.objects.active(today).filter(user=member.user).exists()
            )
            if not still_seated:
                member.user.groups.remove(group)
            audit_log(
                target=member,
                action="council.member.access_ended",
                data={"term_end": member.term_end.isoformat()},
            )
            closed += 1
    return closed


# Convocations and reminders ------------------------------------------------------


def _members_with_address(council, on=None) -> list[CouncilMember]:
    members = (
        CouncilMember.objects.active(on)
        .filter(council=council)
        .select_related("user", "council")
        .order_by("pk")
    )
    return [member for member in members if member.contact_email]


def meeting_convoke(*, meeting: Meeting, actor=None) -> int:
    """Mail the agenda with its documents to every sitting member and publish the
    public agenda on the website. Each member is convoked once per meeting;
    returns the number of mails queued."""
    with transaction.atomic():
        meeting = _locked_meeting(meeting)
        if meeting.status != MeetingStatus.PLANNED:
            raise CouncilError(
                _("Enkel voor een geplande vergadering worden de leden uitgenodigd."),
                field="status",
            )
        if meeting.agenda_published_at is None:
            meeting.agenda_published_at = timezone.now()
            meeting.save(update_fields=["agenda_published_at", "updated_at"])
        items = list(
            meeting.agenda_items.prefetch_related("documents").order_by("position")
        )
        sent = 0
        for member in _members_with_address(meeting.council):
            send = functools.partial(
                _mail,
                template="convocation",
                subject=_("[%(council)s] Uitnodiging: %(meeting)s")
                % {"council": meeting.council.name, "meeting": meeting.title},
                to=member.contact_email,
                language=member.language,
                context={"member": member, "meeting": meeting, "items": items},
            )
            sent += mail.send_once(
                kind="council.convocation",
                key=meeting.pk,
                recipient=member.contact_email.lower(),
                send=send,
            )
        audit_log(
            target=meeting,
            action="council.meeting.convoked",
            actor=actor,
            data={"recipients": sent},
        )
    return sent


def meetings_convoke_due(*, now=None) -> int:
    """Convoke every planned meeting that is its council's number of days away
    (Council.convocation_days) and not convoked yet; returns mails queued."""
    now = now or timezone.now()
    sent = 0
    for council in Council.objects.all():
        horizon = now + dt.timedelta(days=council.convocation_days)
        due = Meeting.objects.filter(
            council=council,
            status=MeetingStatus.PLANNED,
            agenda_published_at__isnull=True,
            planned_start__gt=now,
            planned_start__lte=horizon,
        )
        for meeting in due:
            sent += meeting_convoke(meeting=meeting)
    return sent


def minutes_remind_comments(*, now=None) -> int:
    """Remind the members, once, to send their comments on circulated minutes a
    few days (Council.minutes_reminder_days) before the meeting that approves
    them; an optional mail (herentq.mail.Optional.REMINDERS)."""
    now = now or timezone.now()
    sent = 0
    waiting = Minutes.objects.filter(
        status=MinutesStatus.CIRCULATED,
        approval_item__meeting__status=MeetingStatus.PLANNED,
        approval_item__meeting__planned_start__gt=now,
    ).select_related("meeting__council", "approval_item__meeting__council")
    for minutes in waiting:
        council = minutes.meeting.council
        if minutes.approval_item is None:
            continue
        approving = minutes.approval_item.meeting
        if approving.planned_start > now + dt.timedelta(
            days=council.minutes_reminder_days
        ):
            continue
        link = settings.HERENTQ_BASE_URL.rstrip("/") + minutes.get_members_url()
        for member in _members_with_address(council):
            send = functools.partial(
                _mail,
                template="minutes_reminder",
                subject=_(
                    "[%(council)s] Opmerkingen bij het ontwerpverslag van %(day)s"
                )
                % {"council": council.name, "day": minutes.meeting.day_label},
                to=member.contact_email,
                language=member.language,
                context={
                    "member": member,
                    "minutes": minutes,
                    "approving": approving,
                    "link": link,
                },
            )
            sent += mail.send_reminder(
                kind="council.minutes_comments",
                key=minutes.pk,
                recipient=member.contact_email.lower(),
                send=send,
            )
    return sent
