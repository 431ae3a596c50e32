"""The final report (verantwoording) after the advance."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from subsidies import services
from subsidies.models import Attachment
from tests.conftest import deliver_mail
from tests.subsidies.factories import PDF_BYTES

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def advance_paid(draft, applicant, service_user, envelope):
    scheme = draft.call.scheme
    scheme.requires_council_advice = False
    scheme.save()
    application = services.application_submit(application=draft, user=applicant)
    application = services.application_start_screening(
        application=application, actor=service_user
    )
    application = services.application_decide(
        application=application,
        actor=service_user,
        decision="approved",
        amount=Decimal("2000"),
        decision_date=TODAY,
        decision_reference="CBS 1",
    )
    return services.application_pay_advance(
        application=application,
        actor=service_user,
        amount=Decimal("1600"),
        paid_on=TODAY,
    )


def report_data(
    application, *, narrative="De radio zendt elke dag uit.", actual="4000", **extra
):
    data = {"report_narrative": narrative, "action": "save", **extra}
    for line in application.budget_lines.all():
        data[f"actual_{line.pk}"] = actual if not line.is_income else "2000"
    return data


def test_report_is_not_open_before_the_advance(applicant_client, draft):
    url = reverse("subsidies:application_report", args=[draft.pk])
    assert applicant_client.get(url).status_code == 302


def test_report_shows_the_actual_beside_the_approved_budget(
    applicant_client, advance_paid
):
    url = reverse("subsidies:application_report", args=[advance_paid.pk])
    html = applicant_client.get(url).content.decode()
    assert "Begroot en werkelijk" in html
    assert "Zender en antenne" in html
    assert "€\u00a04.000" in html
    assert "u ontving al €\u00a01.600" in html


def test_proof_is_kept_when_the_narrative_is_missing(applicant_client, advance_paid):
    url = reverse("subsidies:application_report", args=[advance_paid.pk])
    response = applicant_client.post(
        url,
        {
            **report_data(advance_paid, narrative=""),
            "proof": SimpleUploadedFile("factuur.pdf", PDF_BYTES),
            "proof_description": "Factuur zender",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in html
    proof = Attachment.objects.get(purpose="report")
    assert proof.original_name == "factuur.pdf"
    assert "factuur.pdf" in html


def test_incomplete_report_cannot_be_submitted(applicant_client, advance_paid):
    url = reverse("subsidies:application_report", args=[advance_paid.pk])
    response = applicant_client.post(url, report_data(advance_paid, action="submit"))
    assert "Voeg minstens één bewijsstuk toe" in response.content.decode()
    advance_paid.refresh_from_db()
    assert advance_paid.status == "advance_paid"


def test_report_goes_back_and_forth_until_the_service_accepts_it(
    applicant_client, advance_paid, service_user
):
    url = reverse("subsidies:application_report", args=[advance_paid.pk])
    applicant_client.post(
        url,
        {
            **report_data(advance_paid),
            "proof": SimpleUploadedFile("factuur.pdf", PDF_BYTES),
        },
    )
    response = applicant_client.post(url, report_data(advance_paid, action="submit"))
    assert response.status_code == 302
    advance_paid.refresh_from_db()
    assert advance_paid.status == "report_submitted"
    assert {line.actual_amount for line in advance_paid.budget_lines.all()} == {
        Decimal("2000"),
        Decimal("4000"),
    }
    # Read-only once submitted.
    assert applicant_client.get(url).status_code == 302

    services.application_request_report_changes(
        application=advance_paid,
        actor=service_user,
        reason="De factuur van de antenne ontbreekt.",
    )
    outbox = deliver_mail()
    assert "vul uw verantwoording aan" in outbox[-1].subject
    assert "De factuur van de antenne ontbreekt." not in outbox[-1].body
    html = applicant_client.get(advance_paid.get_absolute_url()).content.decode()
    assert "De factuur van de antenne ontbreekt." in html
    assert applicant_client.get(url).status_code == 200
    applicant_client.post(url, report_data(advance_paid, action="submit"))
    advance_paid.refresh_from_db()
    assert advance_paid.status == "report_submitted"

    services.application_accept_report(application=advance_paid, actor=service_user)
    advance_paid.refresh_from_db()
    assert advance_paid.status == "report_accepted"
    html = applicant_client.get(advance_paid.get_absolute_url()).content.decode()
    assert "Verantwoording goedgekeurd: het saldo volgt" in html
