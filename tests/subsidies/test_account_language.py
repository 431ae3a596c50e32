"""The applicant account's language: kept from sign-up, changed on "Mijn gegevens",
and every mail to the person — allauth's, status changes, reminders — in it, with
links into the site in it."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from herentq import services as herentq_services
from herentq.models import MailPreference, ServiceContact
from subsidies import services
from subsidies.models import InformationRequest
from tests.conftest import deliver_mail
from tests.pdf_checks import assert_accessible_pdf

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s>]+")


def portal_links(message) -> list[str]:
    """The paths of the portal's links in a mail (the footer's included)."""
    return [
        re.sub(r"^https?://[^/]+", "", link)
        for link in LINK.findall(message.body)
        if "example" not in link
    ]


@pytest.fixture
def service_mailbox(db):
    return ServiceContact.objects.create(
        name="Dienst", email="dienst@herent.be", address="", phone=""
    )


def test_signing_up_in_english_keeps_english_for_the_account_and_its_mail(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "lee@association.org",
            "password1": "a long enough password 42",
            "password2": "a long enough password 42",
        },
    )
    assert response.status_code == 302
    preference = MailPreference.objects.get(user__email="lee@association.org")
    assert preference.language == "en"
    [message] = deliver_mail()
    assert "Please confirm" in message.subject or "Confirm" in message.subject
    paths = portal_links(message)
    assert paths and all(path.startswith("/en/") for path in paths), paths


def test_a_dutch_page_still_writes_to_a_french_account_in_french(client, applicant):
    herentq_services.account_language_save(user=applicant, language="fr")
    client.post(reverse("account_reset_password"), {"email": applicant.email})
    [message] = deliver_mail()
    assert "mot de passe" in message.subject.lower()
    paths = portal_links(message)
    assert paths and all(path.startswith("/fr/") for path in paths), paths


def test_the_applicant_chooses_the_language_on_mijn_gegevens(
    applicant_client, applicant
):
    page = applicant_client.get(reverse("subsidies:personal_data")).content.decode()
    assert "Taal van uw e-mails en documenten" in page
    assert 'lang="fr">Français</label>' in page
    response = applicant_client.post(
        reverse("subsidies:personal_data_language"), {"language": "en"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/en/subsidies/mijn-gegevens/"
    html = response.content.decode()
    assert "from now on you receive e-mails and documents in this language" in html
    assert re.search(r'value="en"[^>]*checked', html)
    assert MailPreference.objects.get(user=applicant).language == "en"

    refused = applicant_client.post(
        reverse("subsidies:personal_data_language"), {"language": "de"}
    )
    assert refused.status_code == 200
    assert MailPreference.objects.get(user=applicant).language == "en"


def test_an_english_applicant_gets_an_english_status_change_mail_with_english_links(
    draft, applicant, service_user, service_mailbox
):
    herentq_services.account_language_save(user=applicant, language="en")
    draft.contact_email = "contact@vereniging.be"  # no account: the file's Dutch
    draft.save()
    application = services.application_submit(application=draft, user=applicant)
    deliver_mail().clear()
    services.application_start_screening(application=application, actor=service_user)
    outbox = deliver_mail()
    [english] = [m for m in outbox if m.to == [applicant.email]]
    assert application.reference in english.subject
    assert "has a new status" in english.body
    paths = portal_links(english)
    assert f"/en/subsidies/dossiers/{application.pk}/" in " ".join(paths)
    assert paths and all(path.startswith("/en/") for path in paths), paths
    [dutch] = [m for m in outbox if m.to == ["contact@vereniging.be"]]
    assert dutch.subject.startswith(f"Dossier {application.reference}: ")
    assert not any(path.startswith("/en/") for path in portal_links(dutch))


def test_reminders_go_out_in_the_account_language(
    draft, applicant, service_user, service_mailbox
):
    herentq_services.account_language_save(user=applicant, language="fr")
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
    InformationRequest.objects.filter(application=application).update(
        requested_at=timezone.now() - dt.timedelta(days=8)
    )
    deliver_mail().clear()
    call_command("send_subsidy_reminders")
    [reminder] = [m for m in deliver_mail() if m.to == [applicant.email]]
    assert "attend votre réponse" in reminder.subject
    paths = portal_links(reminder)
    assert paths and all(path.startswith("/fr/") for path in paths), paths


def test_the_receipt_pdf_is_in_the_reader_s_language(
    applicant_client, draft, applicant, service_mailbox
):
    application = services.application_submit(application=draft, user=applicant)
    url = reverse("subsidies:application_receipt_pdf", args=[application.pk])
    herentq_services.account_language_save(user=applicant, language="en")
    response = applicant_client.get(url)  # from a Dutch page
    assert (
        f'filename="receipt-{application.reference}.pdf"'
        in (response["Content-Disposition"])
    )
    text = assert_accessible_pdf(
        response.content,
        title=f"Receipt {application.reference}",
        in_order=[f"Receipt {application.reference}", "Submitted on", "Project"],
        lang="en",
    )
    assert "Ontvangstbewijs" not in text and "Ingediend" not in text
    assert "Local Global Policy service" in text

    herentq_services.account_language_save(user=applicant, language="fr")
    text = assert_accessible_pdf(
        applicant_client.get("/en" + url).content,
        title=f"Accusé de réception {application.reference}",
        in_order=["Accusé de réception", "Introduite le"],
        lang="fr",
    )
