"""Two-factor for every staff account, login throttling per account and per
address, and rate limits on the public forms that send mail."""

import os
import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.urls import reverse
from post_office.models import Email

from herentq.constants import COUNCIL_SECRETARIAT_GROUP
from learning_tracks.constants import TrackStatus
from tests.council.factories import CouncilFactory
from tests.factories import UserFactory
from tests.learning_tracks.factories import ThemeFactory, TrackFactory
from tests.security.roles import (
    MEMBER,
    SERVICE,
    STAFF_ROLES,
    make_user,
)

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-9"


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


# Two-factor authentication -------------------------------------------------------


@pytest.fixture
def mfa_required(settings):
    settings.HERENTQ_STAFF_MFA_REQUIRED = True


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_every_staff_account_activates_totp_before_the_admin(
    client, mfa_required, role
):
    user = make_user(role)
    user.authenticator_set.all().delete()
    client.force_login(user)
    for path in ("/admin/", "/admin/council/meeting/", "/admin/auth/user/"):
        response = client.get(path)
        assert response.status_code == 302, (role, path)
        assert response["Location"] == reverse("mfa_activate_totp")


def test_the_secretariat_logs_in_with_password_and_code(client, mfa_required):
    user = UserFactory(is_staff=True, email="secretariaat@example.be")
    user.groups.add(Group.objects.get(name=COUNCIL_SECRETARIAT_GROUP))
    EmailAddress.objects.create(user=user, email=user.email, verified=True)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)

    response = client.post(
        reverse("account_login") + "?next=/admin/council/meeting/",
        {"login": user.email, "password": PASSWORD},
    )
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    assert client.get("/admin/council/meeting/").status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/council/meeting/").status_code == 200


def test_council_members_without_staff_rights_need_no_authenticator(
    client, mfa_required
):
    CouncilFactory()
    client.force_login(make_user(MEMBER))
    assert client.get(reverse("council:members_index")).status_code == 200


def test_two_factor_cannot_be_skipped_by_another_spelling_of_the_path(
    client, mfa_required
):
    user = make_user(SERVICE)
    user.authenticator_set.all().delete()
    client.force_login(user)
    for path in ("/admin", "//admin/", "/admin/../admin/", "/%61dmin/", "/ADMIN/"):
        # As the server hands the path over (the test client would read "//x"
        # as a host name).
        response = client.get("/", PATH_INFO=path)
        activate = reverse("mfa_activate_totp")
        if response.status_code in (301, 302) and response["Location"] != activate:
            response = client.get(response["Location"])  # "/admin" → "/admin/"
        if response.status_code != 404:
            assert response.status_code == 302, path
            assert response["Location"] == activate, path


# Login throttling --------------------------------------------------------------------


def _login(client, email, password, address="203.0.113.7"):
    client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=address,
    )
    logged_in = "_auth_user_id" in client.session
    client.logout()
    return logged_in


def test_many_accounts_tried_from_one_address_are_refused_there(client):
    for index in range(10):
        user = make_user("applicant", email=f"doelwit{index}@example.be")
        assert not _login(client, user.email, "fout-geraden")
    target = make_user("applicant", email="volgende@example.be")
    assert not _login(client, target.email, PASSWORD)
    # The same person from another address is not locked out.
    assert _login(client, target.email, PASSWORD, address="198.51.100.20")


def test_one_account_tried_from_many_addresses_is_refused(client):
    user = make_user("applicant", email="slachtoffer@example.be")
    for index in range(5):
        assert not _login(client, user.email, "fout", address=f"192.0.2.{index + 1}")
    assert not _login(client, user.email, PASSWORD, address="192.0.2.99")


def test_login_throttling_counts_the_address_the_proxy_reports(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for index in range(10):
        client.post(
            reverse("account_login"),
            {"login": f"x{index}@example.be", "password": "fout"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.50",
        )
    user = make_user("applicant", email="collega@example.be")
    client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.51",
    )
    assert client.session.get("_auth_user_id") == str(user.pk)


def test_production_trusts_the_proxy_for_the_client_address():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "herentq.settings.production",
        "SECRET_KEY": "probe-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN",
        "DATABASE_URL": "postgres://probe@localhost/probe",
        "ALLOWED_HOSTS": "portaal.herent.be",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT, "
            "settings.HERENTQ_STAFF_MFA_REQUIRED)",
        ],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "True"]


# Public forms that send mail ----------------------------------------------------------


def _enrol(client, track, email, address="203.0.113.7"):
    return client.post(
        reverse("learning_tracks:enrol", args=[track.slug]),
        {
            "name": "An Peeters",
            "email": email,
            "organisation": "Gemeente Herent",
            "role": "civil_servant",
            "consent": "on",
        },
        REMOTE_ADDR=address,
    )


def _queued_to(email):
    return Email.objects.filter(to__contains=email).count()


def test_enrolment_mails_one_address_a_few_times_only(client):
    track = TrackFactory()
    for _ in range(3):
        assert _enrol(client, track, "doelwit@example.be").status_code == 302
    response = _enrol(client, track, "doelwit@example.be")
    assert response.status_code == 429
    html = response.content.decode()
    assert "We stuurden het voorbije uur al enkele e-mails naar dit adres" in html
    assert 'value="An Peeters"' in html  # nothing typed is lost
    assert _queued_to("doelwit@example.be") == 3


def test_enrolment_from_one_client_address_is_limited(client, settings):
    settings.HERENTQ_PUBLIC_FORM_RATES = {"address": (2, 3600)}
    track = TrackFactory()
    assert _enrol(client, track, "een@example.be").status_code == 302
    assert _enrol(client, track, "twee@example.be").status_code == 302
    response = _enrol(client, track, "drie@example.be")
    assert response.status_code == 429
    assert "U hebt dit formulier het voorbije uur te vaak verstuurd" in (
        response.content.decode()
    )
    assert _queued_to("drie@example.be") == 0
    # Someone else, elsewhere, is not affected.
    assert _enrol(client, track, "drie@example.be", "198.51.100.3").status_code == 302


def test_interest_list_mails_one_address_a_few_times_only(client):
    track = TrackFactory(status=TrackStatus.ANNOUNCED)
    url = reverse("learning_tracks:interest", args=[track.slug])
    for _ in range(3):
        assert client.post(url, {"email": "doelwit@example.be"}).status_code == 302
    response = client.post(url, {"email": "Doelwit@Example.be "})
    assert response.status_code == 429
    assert "We stuurden het voorbije uur" in response.content.decode()
    assert _queued_to("doelwit@example.be") == 3


def test_newsletter_mails_one_address_a_few_times_only(client):
    theme = ThemeFactory()
    url = reverse("learning_tracks:newsletter")
    data = {"email": "doelwit@example.be", "themes": [theme.pk], "consent": "on"}
    for _ in range(3):
        assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 429
    assert _queued_to("doelwit@example.be") == 3


def test_rate_limits_of_the_forms_are_counted_apart(client):
    track = TrackFactory()
    theme = ThemeFactory()
    for _ in range(3):
        assert _enrol(client, track, "lezer@example.be").status_code == 302
    response = client.post(
        reverse("learning_tracks:newsletter"),
        {"email": "lezer@example.be", "themes": [theme.pk], "consent": "on"},
    )
    assert response.status_code == 302


def test_password_reset_mails_one_address_a_few_times_an_hour(client):
    make_user("applicant", email="lid@example.be")
    url = reverse("account_reset_password")
    for address in ("lid@example.be", "onbekend@example.be"):
        for _ in range(3):
            assert client.post(url, {"email": address}).status_code == 302
        response = client.post(url, {"email": address})
        assert response.status_code == 429
        assert "Te veel pogingen na elkaar" in response.content.decode()
        assert _queued_to(address) == 3
