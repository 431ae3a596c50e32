"""Every back-office write goes through the services: what they refuse is
refused in the admin with a Dutch message, nothing saved; what they allow is
saved with its audit entry."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from herentq.models import AuditEntry
from tests.admin_post import change_form_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BELOW_COMMITTED = "Het budget kan niet lager zijn dan wat al toegekend is"


def envelope_entries(envelope):
    return AuditEntry.objects.filter(
        object_id=str(envelope.pk), action="subsidies.envelope.budget_changed"
    )


def test_envelope_page_refuses_a_budget_below_what_is_committed(
    service_client, envelope
):
    envelope.committed = Decimal("5000")
    envelope.save()
    url = reverse("admin:subsidies_budgetenvelope_change", args=[envelope.pk])
    data = change_form_data(service_client, url)
    data["budget"] = "4000"
    response = service_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert BELOW_COMMITTED in errors["budget"][0]
    envelope.refresh_from_db()
    assert envelope.budget == Decimal("20000")
    assert not envelope_entries(envelope).exists()


def test_envelope_page_saves_a_budget_with_its_audit_entry(service_client, envelope):
    envelope.committed = Decimal("5000")
    envelope.save()
    url = reverse("admin:subsidies_budgetenvelope_change", args=[envelope.pk])
    data = change_form_data(service_client, url)
    data["budget"] = "5000"
    response = service_client.post(url, data)
    assert response.status_code == 302
    envelope.refresh_from_db()
    assert (envelope.budget, envelope.committed) == (Decimal("5000"), Decimal("5000"))
    entry = envelope_entries(envelope).get()
    assert entry.data == {"old": "20000.00", "new": "5000.00"}


def envelope_inline_key(data, envelope):
    """The inline form of `envelope` in the scheme's page."""
    for key, value in data.items():
        if (
            key.startswith("envelopes-")
            and key.endswith("-id")
            and value == str(envelope.pk)
        ):
            return key.removesuffix("-id")
    raise AssertionError("envelope not in the scheme's page")


def test_scheme_inline_refuses_a_budget_below_what_is_committed(
    service_client, envelope
):
    envelope.committed = Decimal("5000")
    envelope.save()
    url = reverse("admin:subsidies_scheme_change", args=[envelope.scheme.pk])
    data = change_form_data(service_client, url)
    data[f"{envelope_inline_key(data, envelope)}-budget"] = "4999"
    response = service_client.post(url, data)
    assert response.status_code == 200
    assert BELOW_COMMITTED in response.content.decode()
    envelope.refresh_from_db()
    assert envelope.budget == Decimal("20000")
    assert not envelope_entries(envelope).exists()


def test_scheme_inline_saves_a_budget_with_its_audit_entry(service_client, envelope):
    url = reverse("admin:subsidies_scheme_change", args=[envelope.scheme.pk])
    data = change_form_data(service_client, url)
    data[f"{envelope_inline_key(data, envelope)}-budget"] = "25000"
    response = service_client.post(url, data)
    assert response.status_code == 302
    envelope.refresh_from_db()
    assert envelope.budget == Decimal("25000")
    assert envelope_entries(envelope).get().actor is not None


def submitted(draft):
    """The draft, submitted: a file now waiting on the service."""
    draft.status = "submitted"
    draft.reference = "SUB-2026-0001"
    draft.submitted_at = timezone.now()
    draft.save()


def organisation_url(organisation):
    return reverse("admin:subsidies_organisation_change", args=[organisation.pk])


def member_rows(data):
    return {
        value: key.removesuffix("-id")
        for key, value in data.items()
        if key.startswith("memberships-") and key.endswith("-id") and value
    }


def test_admin_refuses_removing_the_last_member_while_a_file_waits(
    service_client, draft, applicant
):
    submitted(draft)
    organisation = draft.organisation
    membership = organisation.memberships.get()
    url = organisation_url(organisation)
    data = change_form_data(service_client, url)
    data[f"{member_rows(data)[str(membership.pk)]}-DELETE"] = "on"
    response = service_client.post(url, data)
    assert response.status_code == 200
    assert "Het laatste lid kan niet weg" in response.content.decode()
    assert organisation.memberships.filter(user=applicant).exists()
    assert not AuditEntry.objects.filter(
        action="subsidies.organisation.member_removed"
    ).exists()


def test_admin_adds_and_removes_members_with_audit_entries(
    service_client, draft, applicant
):
    submitted(draft)
    organisation = draft.organisation
    newcomer = UserFactory(email="nieuw@vereniging.be")
    membership = organisation.memberships.get()
    url = organisation_url(organisation)
    data = change_form_data(service_client, url)
    data[f"{member_rows(data)[str(membership.pk)]}-DELETE"] = "on"
    data["memberships-TOTAL_FORMS"] = "2"
    data["memberships-1-user"] = str(newcomer.pk)
    data["memberships-1-organisation"] = str(organisation.pk)
    data["name"] = "Nieuwe naam vzw"
    response = service_client.post(url, data)
    assert response.status_code == 302
    assert list(organisation.members.all()) == [newcomer]
    entries = {
        entry.action: entry.data
        for entry in AuditEntry.objects.filter(object_id=str(organisation.pk))
    }
    assert entries["subsidies.organisation.member_removed"]["email"] == applicant.email
    assert entries["subsidies.organisation.member_added"]["email"] == newcomer.email
    assert "name" in entries["subsidies.organisation.updated_by_staff"]["fields"]
    organisation.refresh_from_db()
    assert organisation.name == "Nieuwe naam vzw"


def test_admin_removes_the_last_member_when_no_file_waits(
    service_client, organisation, applicant
):
    membership = organisation.memberships.get()
    url = organisation_url(organisation)
    data = change_form_data(service_client, url)
    data[f"{member_rows(data)[str(membership.pk)]}-DELETE"] = "on"
    assert service_client.post(url, data).status_code == 302
    assert not organisation.memberships.exists()


DRAWN_ON = "kan niet weg: er zijn al dossiers op ingediend of bedragen op toegekend"


def envelope_removals(envelope):
    return AuditEntry.objects.filter(
        object_id=str(envelope.scheme_id), action="subsidies.envelope.deleted"
    )


def test_scheme_inline_refuses_to_remove_an_envelope_with_submitted_files(
    service_client, envelope, draft
):
    draft.status, draft.reference = "submitted", "SUB-2026-0001"
    draft.submitted_at = timezone.now()
    draft.save()
    url = reverse("admin:subsidies_scheme_change", args=[envelope.scheme.pk])
    data = change_form_data(service_client, url)
    data[f"{envelope_inline_key(data, envelope)}-DELETE"] = "on"
    response = service_client.post(url, data)
    assert response.status_code == 200
    assert DRAWN_ON in response.content.decode()
    envelope.refresh_from_db()  # still there
    assert not envelope_removals(envelope).exists()


def test_scheme_inline_removes_an_unused_envelope_with_its_audit_entry(
    service_client, envelope, draft
):
    url = reverse("admin:subsidies_scheme_change", args=[envelope.scheme.pk])
    data = change_form_data(service_client, url)
    data[f"{envelope_inline_key(data, envelope)}-DELETE"] = "on"
    response = service_client.post(url, data)
    assert response.status_code == 302
    assert not type(envelope).objects.filter(pk=envelope.pk).exists()
    entry = envelope_removals(envelope).get()
    assert entry.data["year"] == envelope.year


def test_envelope_with_committed_money_offers_no_delete_and_refuses_one(
    service_client, envelope
):
    envelope.committed = Decimal("1000")
    envelope.save()
    change = reverse("admin:subsidies_budgetenvelope_change", args=[envelope.pk])
    delete = reverse("admin:subsidies_budgetenvelope_delete", args=[envelope.pk])
    assert delete not in service_client.get(change).content.decode()
    assert service_client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:subsidies_budgetenvelope_changelist")
    bulk = {"action": "delete_selected", "_selected_action": [envelope.pk]}
    assert service_client.post(changelist, {**bulk, "post": "yes"}).status_code == 403
    envelope.refresh_from_db()  # still there
    assert not envelope_removals(envelope).exists()
