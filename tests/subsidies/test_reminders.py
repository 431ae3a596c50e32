"""Reminders of the final report and of unanswered information requests: sent by
a periodic command, each once, on dates the scheme sets."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from herentq.models import ServiceContact
from subsidies import services
from subsidies.models import InformationRequest
from tests.conftest import deliver_mail
from tests.subsidies.test_report import advance_paid  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def service_contact():
    return ServiceContact.objects.create(
        name="Dienst lokaal mondiaal beleid", email="dienst@herent.be"
    )


def reminders():
    deliver_mail().clear()
    call_command("send_subsidy_reminders")
    call_command("send_subsidy_reminders")  # again: nothing more
    return [(m.to[0], m.subject) for m in deliver_mail()]


def test_final_report_reminders_before_on_and_after_the_due_date(
    advance_paid,  # noqa: F811
    service_contact,
):
    application = advance_paid
    today = timezone.localdate()
    deliver_mail().clear()

    application.report_due_on = today + dt.timedelta(days=30)
    application.save()
    assert reminders() == []  # the scheme reminds 21 days before

    application.report_due_on = today + dt.timedelta(days=10)
    application.save()
    sent = reminders()
    assert sent and all("verwacht tegen" in subject for _to, subject in sent)

    application.report_due_on = today
    application.save()
    sent = reminders()
    assert sent and all("vandaag verwacht" in subject for _to, subject in sent)

    application.report_due_on = today - dt.timedelta(days=15)
    application.save()
    sent = reminders()
    assert (
        "dienst@herent.be",
        f"Dossier {application.reference}: verantwoording te laat",
    ) in sent
    assert any(
        "te laat" in subject and to != "dienst@herent.be" for to, subject in sent
    )


def test_an_unanswered_information_request_reminds_the_applicant_then_the_service(
    draft, applicant, service_user, service_contact
):
    application = services.application_submit(application=draft, user=applicant)
    application = services.application_start_screening(
        application=application, actor=service_user
    )
    services.application_request_information(
        application=application,
        actor=service_user,
        question="Welke partner?",
        steps=["partner"],
    )
    deliver_mail().clear()
    request = InformationRequest.objects.get(application=application)
    assert reminders() == []

    request.requested_at = timezone.now() - dt.timedelta(days=8)
    request.save()
    sent = reminders()
    assert sent and all("wacht op uw antwoord" in s for _to, s in sent)
    assert "dienst@herent.be" not in [to for to, _s in sent]

    request.requested_at = timezone.now() - dt.timedelta(days=15)
    request.save()
    assert [to for to, _s in reminders()] == ["dienst@herent.be"]
