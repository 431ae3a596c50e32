"""What a civil servant reads in the back office is Dutch: the libraries' apps,
models and fields, the audit trail in words and local time, and the messages of
signing in use "u" like the rest of the site."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from herentq import audit
from tests.factories import NewsItemFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_index_names_every_app_in_dutch(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "HerentQ — back office" in html
    for dutch in [
        "Uitgaande e-mail",
        "Tweestapsverificatie",
        "Accounts en e-mailadressen",
        "verzendlogboek",
        "tweede factoren",
    ]:
        assert dutch.lower() in html.lower(), dutch
    for english in [
        ">Post Office<",
        ">MFA<",
        ">Accounts<",
        "Authenticators",
        "Logs",
    ]:
        assert english not in html, english


def test_mail_log_speaks_dutch(admin_client):
    html = admin_client.get(
        reverse("admin:post_office_log_changelist")
    ).content.decode()
    assert "Selecteer verzendpoging om te wijzigen" in html
    assert "Email address" not in html


def test_audit_entry_reads_in_words_and_local_time(admin_client, service_user):
    item = NewsItemFactory()
    entry = audit.audit_log(
        target=item, action=next(iter(audit.action_labels())), actor=service_user
    )
    url = reverse("admin:herentq_auditentry_change", args=[entry.pk])
    html = admin_client.get(url).content.decode()
    assert audit.action_label(entry.action) in html
    assert f">{entry.action}<" not in html
    local = timezone.localtime(entry.created_at)
    assert f"{local:%H:%M}" in html


def test_signing_in_says_u(client):
    user = UserFactory(email="an@example.be")
    user.set_password("een-goed-wachtwoord")
    user.save()
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "een-goed-wachtwoord"},
        follow=True,
    )
    html = response.content.decode()
    assert "U bent nu aangemeld" in html
    assert "Je bent" not in html


def test_admin_index_opens_with_the_service_dashboard(admin_client, demo_data):
    from subsidies.models import Application

    html = admin_client.get(reverse("admin:index")).content.decode()
    for title in [
        "Dossiers per status",
        "Budget per reglement in",
        "Inschrijvingen tegenover de plaatsen",
        "Uitgaande e-mail",
    ]:
        assert title in html, title
    submitted = Application.objects.filter(status="submitted").count()
    assert submitted
    assert (
        'href="/admin/subsidies/application/?status__exact=submitted">Ingediend</a>'
        '</th><td class="text-end">' + str(submitted) + "</td>"
    ) in html
    assert "/admin/learning_tracks/enrolment/?track__id__exact=" in html
    assert "/admin/post_office/email/?bezorging=wachtend" in html


@pytest.mark.parametrize(
    "name",
    [
        *(
            f"account/messages/{message}.txt"
            for message in [
                "cannot_delete_primary_email",
                "email_confirmation_failed",
                "email_confirmation_sent",
                "email_confirmed",
                "email_deleted",
                "logged_in",
                "logged_out",
                "login_code_sent",
                "password_changed",
                "password_set",
                "primary_email_set",
                "unverified_primary_email",
            ]
        ),
        "mfa/messages/recovery_codes_generated.txt",
        "mfa/messages/totp_activated.txt",
        "mfa/messages/totp_deactivated.txt",
    ],
)
def test_every_sign_in_message_says_u(name):
    import re

    from django.template.loader import render_to_string
    from django.utils import translation

    user = UserFactory.build(email="an@example.be")
    with translation.override("nl-be"):
        text = render_to_string(
            name, {"user": user, "email": "an@example.be", "email_address": None}
        )
    assert text.strip()
    assert not re.search(r"\b(je|jij|jou|jouw)\b", text, re.I), text
