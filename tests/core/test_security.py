"""Security headers, cookies, two-factor for staff and login throttling."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.db import connection
from django.urls import reverse

from tests.core.production import run_probe
from tests.factories import UserFactory

# Requests made by a separate process that runs with the production settings,
# against the test database (only committed rows: the reference data).
PRODUCTION_PROBE = """
import json
from django.test import Client
client = Client(HTTP_X_FORWARDED_PROTO="https")
plain = Client().get("/")
out = {"plain-http": {"status": plain.status_code, "location": plain.get("Location")}}
for path in ["/", "/admin/login/", "/accounts/login/", "/sdg/3/"]:
    response = client.get(path, secure=True)
    out[path] = {
        "status": response.status_code,
        "headers": dict(response.headers),
        "cookies": {
            name: {key: str(morsel[key]) for key in ("secure", "httponly", "samesite")}
            for name, morsel in response.cookies.items()
        },
    }
print(json.dumps(out))
"""


@pytest.fixture
def production_responses(db):
    db_settings = connection.settings_dict
    url = (
        f"postgres://{db_settings['USER']}@"
        f"{db_settings['HOST'].replace('/', '%2F')}:{db_settings['PORT']}"
        f"/{db_settings['NAME']}"
    )
    return run_probe(PRODUCTION_PROBE, database_url=url)


def test_production_responses_carry_the_security_headers(production_responses):
    pages = {k: v for k, v in production_responses.items() if k.startswith("/")}
    for path, response in pages.items():
        assert response["status"] in (200, 302), path
        headers = response["headers"]
        csp = headers["Content-Security-Policy"]
        directives = dict(
            (part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";")
        )
        assert "'unsafe-inline'" not in directives["script-src"], path
        assert "'unsafe-eval'" not in directives["script-src"], path
        assert "'unsafe-inline'" not in directives["style-src"], path
        assert directives["frame-ancestors"] == "'none'", path
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "camera=()" in headers["Permissions-Policy"]
        assert headers["X-Frame-Options"] == "DENY"


def test_production_cookies_are_secure_httponly_and_samesite(production_responses):
    cookies = production_responses["/accounts/login/"]["cookies"]
    assert "csrftoken" in cookies
    for name, flags in cookies.items():
        assert flags["secure"] == "True", name
        assert flags["samesite"] == "Lax", name
        assert flags["httponly"] == "True", name


def test_production_redirects_plain_http_to_https(production_responses):
    plain = production_responses["plain-http"]
    assert plain["status"] == 301
    assert plain["location"] == "https://testserver/"


def _verified_user(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


def _current_code(secret: str) -> str:
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counter))


@pytest.mark.django_db
def test_staff_without_two_factor_cannot_reach_the_admin(client, settings):
    settings.HERENTQ_STAFF_MFA_REQUIRED = True
    staff = _verified_user(is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_staff_log_in_with_password_and_totp_code_before_the_admin(client, settings):
    settings.HERENTQ_STAFF_MFA_REQUIRED = True
    staff = _verified_user(is_staff=True, is_superuser=True)
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)

    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": staff.email, "password": "correct-horse-9"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    # Password alone is not enough.
    assert client.get(reverse("admin:index")).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200  # wrong code: the form again
    response = client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_failed_logins_are_throttled_per_account(client):
    user = _verified_user()
    for _ in range(5):
        client.post(
            reverse("account_login"), {"login": user.email, "password": "wrong-guess"}
        )
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "correct-horse-9"}
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
