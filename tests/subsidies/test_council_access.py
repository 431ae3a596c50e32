"""The GROSH: a file goes on a meeting's agenda in the council app, council
members see it only through that agenda item, and their advice comes back."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from council.models import AgendaItem
from herentq.constants import COUNCIL_MEMBERS_GROUP
from subsidies import services
from subsidies.services import SubsidyError
from subsidies.workflow import APPLICATIONS
from tests.council.factories import AdviceFactory, MeetingFactory
from tests.factories import UserFactory
from tests.subsidies.factories import AttachmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client():
    member = UserFactory()
    member.groups.add(Group.objects.get(name=COUNCIL_MEMBERS_GROUP))
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def meeting(db):
    return MeetingFactory()


@pytest.fixture
def screened(draft, applicant, service_user):
    application = services.application_submit(application=draft, user=applicant)
    return services.application_start_screening(
        application=application, actor=service_user
    )


def test_putting_a_file_on_the_agenda_creates_a_closed_agenda_item(
    screened, service_user, meeting
):
    services.application_put_on_agenda(
        application=screened, actor=service_user, meeting=meeting
    )
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.subject == screened
    assert item.is_public is False
    assert screened.reference in item.title


def test_a_cancelled_meeting_is_refused(screened, service_user):
    meeting = MeetingFactory(status="cancelled")
    with pytest.raises(SubsidyError):
        services.application_put_on_agenda(
            application=screened, actor=service_user, meeting=meeting
        )
    screened.refresh_from_db()
    assert screened.status == "screening"


def test_council_member_sees_the_file_through_the_agenda_item(
    member_client, screened, service_user, meeting
):
    url = screened.get_council_member_url()
    assert member_client.get(url).status_code == 404
    services.application_put_on_agenda(
        application=screened, actor=service_user, meeting=meeting
    )
    agenda = member_client.get(reverse("council:members_meeting", args=[meeting.pk]))
    assert url in agenda.content.decode()
    response = member_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert screened.title in html
    # What the council needs, not the bank account or the contact's address.
    assert screened.organisation.iban_display not in html
    assert screened.contact_email not in html


def test_council_member_downloads_attachments_of_a_file_on_the_agenda(
    member_client, screened, service_user, meeting
):
    attachment = AttachmentFactory(application=screened)
    url = reverse(
        "subsidies:council_attachment", args=[screened.reference, attachment.pk]
    )
    assert member_client.get(url).status_code == 404
    services.application_put_on_agenda(
        application=screened, actor=service_user, meeting=meeting
    )
    assert member_client.get(url).status_code == 200


def test_others_cannot_use_the_council_members_view(
    applicant_client, outsider_client, screened, service_user, meeting
):
    services.application_put_on_agenda(
        application=screened, actor=service_user, meeting=meeting
    )
    url = screened.get_council_member_url()
    assert Client().get(url).status_code == 302  # anonymous: sign in first
    assert outsider_client.get(url).status_code == 403
    # Not even the applicant: their own pages are elsewhere.
    assert applicant_client.get(url).status_code == 403
    staff = Client()
    staff.force_login(UserFactory(is_staff=True))
    assert staff.get(url).status_code == 403


def test_the_councils_advice_prefills_the_advice_step(screened, service_user, meeting):
    services.application_put_on_agenda(
        application=screened, actor=service_user, meeting=meeting
    )
    item = AgendaItem.objects.get(meeting=meeting)
    AdviceFactory(
        agenda_item=item,
        outcome="conditional",
        motivation="Goed project; de partner bezorgt nog een offerte.",
    )
    screened.refresh_from_db()
    initial = APPLICATIONS.get("record_advice").initial_values(screened)
    assert initial["outcome"] == "conditional"
    assert initial["motivation"] == "Goed project; de partner bezorgt nog een offerte."
    assert initial["advice_date"] == timezone.localdate(meeting.planned_start)


def test_admin_asks_for_a_meeting_when_the_grosh_has_one_planned(
    service_client, screened, meeting
):
    url = reverse(
        "admin:subsidies_application_transition", args=[screened.pk, "put_on_agenda"]
    )
    html = service_client.get(url).content.decode()
    assert str(meeting) in html
    response = service_client.post(url, {"meeting": ""})
    assert response.status_code == 200
    service_client.post(url, {"meeting": str(meeting.pk)})
    screened.refresh_from_db()
    assert screened.status == "advice"
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1
