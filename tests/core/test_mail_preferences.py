"""An account holder chooses which optional mails they get; the page is linked
from every mail."""

import pytest
from django.core.mail import send_mail
from django.urls import reverse

from herentq import mail
from tests.conftest import deliver_mail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_turning_reminders_off_stops_reminders_not_other_mail(client):
    user = UserFactory(email="keuze@example.be")
    client.force_login(user)
    page = client.get(reverse("mail_preferences"))
    assert "Berichten over uw eigen dossier" in page.content.decode()
    response = client.post(
        reverse("mail_preferences"), {"newsletters": "on"}, follow=True
    )
    assert "Uw keuze is bewaard." in response.content.decode()
    assert not mail.wants("KEUZE@example.be", mail.Optional.REMINDERS)
    assert mail.wants("keuze@example.be", mail.Optional.NEWSLETTERS)

    def send():
        send_mail("Herinnering", "Tekst", None, ["keuze@example.be"])

    assert not mail.send_reminder(
        kind="test", key=1, recipient="keuze@example.be", send=send
    )
    assert mail.send_once(kind="test", key=1, recipient="keuze@example.be", send=send)
    assert not mail.send_once(
        kind="test", key=1, recipient="keuze@example.be", send=send
    )
    [message] = deliver_mail()
    assert message.body.endswith(f"{mail.preferences_url()}\n")


def test_the_preferences_page_needs_an_account(client):
    response = client.get(reverse("mail_preferences"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
