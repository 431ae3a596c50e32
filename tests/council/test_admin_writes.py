"""The agenda, its documents and the attendance are written through the
services from the admin: refused with a Dutch message once the minutes have
gone to the members, saved with an audit entry before."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from council import services
from council.constants import AttendanceStatus, MinutesStatus
from council.models import AgendaDocument, Minutes
from herentq.models import AuditEntry
from tests.admin_post import change_form_data
from tests.council.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    CouncilMemberFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db

FIXED = "Het verslag van deze vergadering is rondgestuurd"


@pytest.fixture
def item(council):
    meeting = MeetingFactory(council=council, held=True)
    return AgendaItemFactory(meeting=meeting, title="Begroting")


def circulate(meeting):
    minutes = services.minutes_create(meeting=meeting)
    Minutes.objects.filter(pk=minutes.pk).update(status=MinutesStatus.CIRCULATED)


def entries(meeting, action):
    return AuditEntry.objects.filter(object_id=str(meeting.pk), action=action)


def test_agenda_item_edit_refused_once_the_minutes_are_circulated(
    secretariat_client, item
):
    circulate(item.meeting)
    url = reverse("admin:council_agendaitem_change", args=[item.pk])
    data = change_form_data(secretariat_client, url)
    data["title"] = "Een andere titel"
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    assert FIXED in str(response.context["adminform"].form.errors)
    item.refresh_from_db()
    assert item.title == "Begroting"
    assert not entries(item.meeting, "council.meeting.agenda_item_changed").exists()


def test_agenda_item_edit_saved_with_its_audit_entry(secretariat_client, item):
    url = reverse("admin:council_agendaitem_change", args=[item.pk])
    data = change_form_data(secretariat_client, url)
    data["title"] = "Begroting 2027"
    assert secretariat_client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.title == "Begroting 2027"
    entry = entries(item.meeting, "council.meeting.agenda_item_changed").get()
    assert entry.data["title"] == "Begroting 2027"


def test_agenda_item_removal_refused_in_the_meeting_page(secretariat_client, item):
    circulate(item.meeting)
    url = reverse("admin:council_meeting_change", args=[item.meeting.pk])
    data = change_form_data(secretariat_client, url)
    data["agenda_items-0-DELETE"] = "on"
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    assert FIXED in response.content.decode()
    assert item.meeting.agenda_items.filter(pk=item.pk).exists()


def test_agenda_item_removal_in_the_meeting_page_is_recorded(secretariat_client, item):
    url = reverse("admin:council_meeting_change", args=[item.meeting.pk])
    data = change_form_data(secretariat_client, url)
    data["agenda_items-0-DELETE"] = "on"
    assert secretariat_client.post(url, data).status_code == 302
    assert not item.meeting.agenda_items.exists()
    assert entries(item.meeting, "council.meeting.agenda_item_removed").exists()


def test_attendance_refused_once_the_minutes_are_circulated(
    secretariat_client, item, council
):
    attendance = AttendanceFactory(
        meeting=item.meeting, member=CouncilMemberFactory(council=council)
    )
    circulate(item.meeting)
    url = reverse("admin:council_meeting_change", args=[item.meeting.pk])
    data = change_form_data(secretariat_client, url)
    data["attendances-0-status"] = AttendanceStatus.ABSENT
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    assert FIXED in response.content.decode()
    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.PRESENT


def test_attendance_change_saved_with_its_audit_entry(
    secretariat_client, item, council
):
    attendance = AttendanceFactory(
        meeting=item.meeting, member=CouncilMemberFactory(council=council)
    )
    url = reverse("admin:council_meeting_change", args=[item.meeting.pk])
    data = change_form_data(secretariat_client, url)
    data["attendances-0-status"] = AttendanceStatus.ABSENT
    assert secretariat_client.post(url, data).status_code == 302
    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.ABSENT
    entry = entries(item.meeting, "council.meeting.attendance_changed").get()
    assert entry.data == {"member": attendance.member_id, "status": "absent"}


def test_document_added_in_the_admin_has_its_audit_entry(secretariat_client, item):
    url = reverse("admin:council_agendaitem_change", args=[item.pk])
    data = change_form_data(secretariat_client, url)
    data["documents-TOTAL_FORMS"] = "1"
    data["documents-0-title"] = "Voorstel"
    data["documents-0-file"] = SimpleUploadedFile("voorstel.pdf", b"%PDF-1.4\n%%EOF\n")
    assert secretariat_client.post(url, data).status_code == 302
    document = AgendaDocument.objects.get()
    entry = entries(item.meeting, "council.meeting.document_added").get()
    assert entry.data == {"item": item.pk, "document": document.pk}


def test_document_renamed_and_removed_in_the_admin_have_their_audit_entries(
    secretariat_client, item
):
    document = services.document_add(
        agenda_item=item,
        title="Voorstel",
        file=SimpleUploadedFile("voorstel.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    url = reverse("admin:council_agendaitem_change", args=[item.pk])
    data = change_form_data(secretariat_client, url)
    data["documents-0-title"] = "Voorstel (herzien)"
    assert secretariat_client.post(url, data).status_code == 302
    document.refresh_from_db()
    assert document.title == "Voorstel (herzien)"
    changed = entries(item.meeting, "council.meeting.document_changed").get()
    assert changed.data == {
        "item": item.pk,
        "document": document.pk,
        "fields": ["title"],
    }

    data = change_form_data(secretariat_client, url)
    data["documents-0-DELETE"] = "on"
    assert secretariat_client.post(url, data).status_code == 302
    assert not AgendaDocument.objects.exists()
    removed = entries(item.meeting, "council.meeting.document_removed").get()
    assert removed.data == {"item": item.pk, "title": "Voorstel (herzien)"}
