"""Every back-office write goes through the services: what they refuse is
refused in the admin with a Dutch message, nothing saved; what they allow is
saved with its audit entry."""

from decimal import Decimal

import pytest
from django.urls import reverse

from herentq.models import AuditEntry
from tests.admin_post import change_form_data

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
