"""The admin credentials the README gives for `make dev` work as written: the
command prints them, and signing in with them opens the back office."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

README = " ".join(Path(settings.BASE_DIR, "README.md").read_text().split())


def readme_admin_credentials() -> tuple[str, str]:
    found = re.search(
        r"creates the admin account — sign in with the e-mail address `([^`]+)` "
        r"and the password `([^`]+)`",
        README,
    )
    assert found, "the README names the admin's e-mail address and password"
    return found[1], found[2]


def test_readme_admin_credentials_open_the_back_office(client, settings):
    settings.DEBUG = True
    email, password = readme_admin_credentials()
    out = StringIO()
    call_command("ensure_dev_admin", stdout=out)
    # Printed at start exactly as the README gives them.
    assert f"e-mail: {email}  password: {password}" in out.getvalue()

    response = client.get(reverse("admin:index"))
    assert response.status_code == 302  # to the one login page
    response = client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        follow=True,
    )
    assert response.status_code == 200
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "HerentQ — back office" in response.content.decode()
