import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from herentq.constants import (
    COUNCIL_MEMBERS_GROUP,
    COUNCIL_SECRETARIAT_GROUP,
    SERVICE_GROUP,
)
from herentq.models import LocalAuthority, NewsItem, Notice, Page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CORE_MODELS = [LocalAuthority, Notice, Page, NewsItem]


def test_staff_groups_exist():
    names = set(Group.objects.values_list("name", flat=True))
    assert {SERVICE_GROUP, COUNCIL_SECRETARIAT_GROUP, COUNCIL_MEMBERS_GROUP} <= names


def test_service_group_may_manage_core_content():
    group = Group.objects.get(name=SERVICE_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_notice", "change_page", "delete_newsitem"} <= codenames


@pytest.mark.parametrize("model", CORE_MODELS)
def test_service_user_opens_core_changelists_and_forms(
    demo_data, service_client, model
):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    response = service_client.get(changelist)
    assert response.status_code == 200
    obj = model.objects.first()
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    assert service_client.get(change).status_code == 200
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    assert service_client.get(add).status_code == 200


def test_admin_speaks_dutch(service_client):
    html = service_client.get(reverse("admin:index")).content.decode()
    assert "Dienst lokaal mondiaal beleid" in html
    assert "Afmelden" in html or "Uitloggen" in html


def test_staff_without_the_group_cannot_edit_pages(client):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    response = client.get(reverse("admin:herentq_page_changelist"))
    assert response.status_code == 403


def test_council_member_has_no_admin_access(client):
    member = UserFactory()
    member.groups.add(Group.objects.get(name=COUNCIL_MEMBERS_GROUP))
    client.force_login(member)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403


def test_anonymous_visitor_is_sent_to_the_site_login(client):
    response = client.get(reverse("admin:herentq_notice_changelist"), follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/?next=")
    assert "Wachtwoord" in response.content.decode()


def test_notice_ending_before_it_starts_is_refused(service_client):
    response = service_client.post(
        reverse("admin:herentq_notice_add"),
        {
            "title_nl_be": "Verkeerd",
            "body_nl_be": "x",
            "severity": "info",
            "starts_at_0": "10/05/2026",
            "starts_at_1": "10:00:00",
            "ends_at_0": "01/05/2026",
            "ends_at_1": "10:00:00",
        },
    )
    assert response.status_code == 200
    assert not Notice.objects.filter(title="Verkeerd").exists()
