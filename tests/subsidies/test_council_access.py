"""Council members see a file only when it is on the GROSH's agenda."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from herentq.constants import COUNCIL_MEMBERS_GROUP
from subsidies import services
from tests.factories import UserFactory
from tests.subsidies.factories import AttachmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client):
    member = UserFactory()
    member.groups.add(Group.objects.get(name=COUNCIL_MEMBERS_GROUP))
    client.force_login(member)
    return client


@pytest.fixture
def screened(draft, applicant, service_user):
    application = services.application_submit(application=draft, user=applicant)
    return services.application_start_screening(
        application=application, actor=service_user
    )


def test_council_member_sees_the_file_once_it_is_on_the_agenda(
    member_client, screened, service_user
):
    url = screened.get_council_member_url()
    assert member_client.get(url).status_code == 404
    services.application_put_on_agenda(application=screened, actor=service_user)
    response = member_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert screened.title in html
    # What the council needs, not the bank account or the contact's address.
    assert screened.organisation.iban_display not in html
    assert screened.contact_email not in html


def test_council_member_downloads_attachments_of_a_file_on_the_agenda(
    member_client, screened, service_user
):
    attachment = AttachmentFactory(application=screened)
    url = reverse(
        "subsidies:council_attachment", args=[screened.reference, attachment.pk]
    )
    assert member_client.get(url).status_code == 404
    services.application_put_on_agenda(application=screened, actor=service_user)
    assert member_client.get(url).status_code == 200


def test_others_cannot_use_the_council_members_view(
    applicant_client, outsider_client, screened, service_user
):
    services.application_put_on_agenda(application=screened, actor=service_user)
    url = screened.get_council_member_url()
    assert Client().get(url).status_code == 302  # anonymous: sign in first
    assert outsider_client.get(url).status_code == 403
    # Not even the applicant: their own pages are elsewhere.
    assert applicant_client.get(url).status_code == 403
    staff = Client()
    staff.force_login(UserFactory(is_staff=True))
    assert staff.get(url).status_code == 403
