"""After submission: the file page, messages, information requests, withdrawal."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from herentq.models import ServiceContact
from subsidies import services
from subsidies.models import Application, Message
from subsidies.workflow import TransitionNotAllowed
from tests.conftest import deliver_mail
from tests.factories import UserFactory
from tests.subsidies.factories import (
    PDF_BYTES,
    ApplicationFactory,
    CallFactory,
    EnvelopeFactory,
    OrganisationFactory,
    verified_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def service_mailbox(db):
    return ServiceContact.objects.create(
        name="Dienst",
        address="De Kouter",
        phone="016",
        email="dienst@herent.be",
        office_hours="",
    )


@pytest.fixture
def submitted(draft, applicant, service_mailbox):
    application = services.application_submit(application=draft, user=applicant)
    deliver_mail()
    from django.core import mail

    mail.outbox.clear()
    return application


def test_submission_mails_a_receipt_to_the_members_and_a_notice_to_the_service(
    draft, applicant, service_mailbox
):
    application = services.application_submit(application=draft, user=applicant)
    outbox = deliver_mail()
    by_recipient = {tuple(m.to): m for m in outbox}
    receipt = next(m for m in outbox if applicant.email in m.to)
    assert application.reference in receipt.subject
    assert (
        reverse("subsidies:application_receipt", args=[application.pk]) in receipt.body
    )
    assert ("dienst@herent.be",) in by_recipient


def test_file_page_shows_the_plain_language_status_and_the_receipt(
    applicant_client, submitted
):
    html = applicant_client.get(submitted.get_absolute_url()).content.decode()
    assert "Ingediend: wacht op behandeling" in html
    assert submitted.reference in html
    assert "Aanvraag ingediend" in html  # in the history
    assert reverse("subsidies:application_receipt", args=[submitted.pk]) in html


def test_applicant_message_reaches_the_service_without_its_content(
    applicant_client, submitted
):
    response = applicant_client.post(
        reverse("subsidies:message_create", args=[submitted.pk]),
        {"body": "Onze partner stuurt de offerte volgende week."},
    )
    assert response.status_code == 302
    outbox = deliver_mail()
    assert outbox[-1].to == ["dienst@herent.be"]
    assert "offerte" not in outbox[-1].body
    assert (
        "Onze partner stuurt"
        in applicant_client.get(submitted.get_absolute_url()).content.decode()
    )


def test_service_message_notifies_the_members_without_its_content(
    submitted, service_user
):
    services.message_post(
        application=submitted,
        author=service_user,
        body="Kunt u de statuten van 2024 bezorgen?",
        from_service=True,
    )
    outbox = deliver_mail()
    assert "an@vereniging.be" in outbox[-1].to
    assert "statuten" not in outbox[-1].body
    assert submitted.get_absolute_url() in outbox[-1].body


def test_message_with_a_bad_attachment_keeps_the_typed_text(
    applicant_client, submitted
):
    response = applicant_client.post(
        reverse("subsidies:message_create", args=[submitted.pk]),
        {
            "body": "Zie bijlage",
            "attachment": SimpleUploadedFile("x.pdf", b"not a pdf"),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "niet toegelaten" in html
    assert "Zie bijlage</textarea>" in html
    assert not Message.objects.exists()


def test_message_attachment_is_private_to_the_organisation(
    applicant_client, outsider_client, submitted
):
    applicant_client.post(
        reverse("subsidies:message_create", args=[submitted.pk]),
        {"body": "Offerte", "attachment": SimpleUploadedFile("offerte.pdf", PDF_BYTES)},
    )
    attachment = Message.objects.get().attachments.get()
    assert applicant_client.get(attachment.get_absolute_url()).status_code == 200
    assert outsider_client.get(attachment.get_absolute_url()).status_code == 404


def test_information_request_reopens_only_the_steps_asked(
    applicant_client, submitted, service_user
):
    services.application_request_information(
        application=submitted,
        actor=service_user,
        question="Uw begroting mist de bijdrage van de partner.",
        steps=["begroting"],
    )
    outbox = deliver_mail()
    assert "meer informatie" in outbox[-1].subject
    assert "bijdrage van de partner" not in outbox[-1].body

    budget = reverse("subsidies:application_step", args=[submitted.pk, "begroting"])
    project = reverse("subsidies:application_step", args=[submitted.pk, "project"])
    assert applicant_client.get(budget).status_code == 200
    assert applicant_client.get(project).status_code == 302
    applicant_client.post(project, {"title": "Anders", "action": "save"})
    submitted.refresh_from_db()
    assert submitted.title != "Anders"

    summary = reverse("subsidies:application_summary", args=[submitted.pk])
    html = applicant_client.get(summary).content.decode()
    assert "Uw begroting mist de bijdrage van de partner." in html
    response = applicant_client.post(summary, {"answer": ""})
    assert "Er is een probleem" in response.content.decode()
    applicant_client.post(summary, {"answer": "Bijdrage toegevoegd."})
    submitted.refresh_from_db()
    assert submitted.status == "resubmitted"
    assert submitted.reopened_steps == []
    assert submitted.information_requests.get().answer == "Bijdrage toegevoegd."
    assert applicant_client.get(budget).status_code == 302


def test_applicant_withdraws_before_the_decision(applicant_client, submitted):
    url = reverse("subsidies:application_withdraw", args=[submitted.pk])
    assert applicant_client.get(url).status_code == 200
    applicant_client.post(url, {"reason": "Project gaat niet door."})
    submitted.refresh_from_db()
    assert submitted.status == "withdrawn"
    assert submitted.withdrawn_at is not None
    assert (
        "Ingetrokken"
        in applicant_client.get(submitted.get_absolute_url()).content.decode()
    )


def test_withdrawal_after_the_decision_is_refused(applicant, submitted, service_user):
    submitted.status = "approved"
    submitted.decision = "approved"
    submitted.approved_amount = submitted.committed_amount = 1000
    submitted.save()
    with pytest.raises(TransitionNotAllowed):
        services.application_withdraw(application=submitted, user=applicant)


def test_member_of_the_organisation_sees_files_of_colleagues(client, submitted):
    colleague = verified_user(email="lies@vereniging.be", username="lies")
    submitted.organisation.memberships.create(user=colleague)
    client.force_login(colleague)
    assert client.get(submitted.get_absolute_url()).status_code == 200


def test_staff_without_membership_does_not_see_files_on_the_public_side(
    client, submitted
):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(submitted.get_absolute_url()).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_distinct_consecutive_references():
    scheme_call = CallFactory()
    EnvelopeFactory(scheme=scheme_call.scheme, year=scheme_call.year)
    user = verified_user(username="gelijk", email="gelijk@example.be")
    organisation = OrganisationFactory(members=[user])
    applications = [
        ApplicationFactory(
            call=scheme_call, organisation=organisation, requested_amount=500
        )
        for _ in range(4)
    ]
    barrier = threading.Barrier(len(applications))
    errors = []

    def submit(application):
        try:
            barrier.wait()
            services.application_submit(application=application, user=user)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    year = timezone.localdate().year
    references = sorted(Application.objects.values_list("reference", flat=True))
    assert references == [f"SUB-{year}-{n:04d}" for n in range(1, 5)]


def test_a_message_may_be_only_an_attachment(applicant_client, submitted):
    response = applicant_client.post(
        reverse("subsidies:message_create", args=[submitted.pk]),
        {"body": "", "attachment": SimpleUploadedFile("offerte.pdf", PDF_BYTES)},
    )
    assert response.status_code == 302
    assert Message.objects.get().attachments.get().original_name == "offerte.pdf"


def test_an_empty_message_is_refused(applicant_client, submitted):
    response = applicant_client.post(
        reverse("subsidies:message_create", args=[submitted.pk]), {"body": " "}
    )
    assert "Schrijf een bericht of voeg een bijlage toe." in response.content.decode()
    assert not Message.objects.exists()
