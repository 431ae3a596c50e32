"""Static files and Django's 400 for an unknown Host carry the pages' security
headers (herentq/security_headers.py): they pass none of the middleware that
adds them to pages."""

import pytest
from django.test import Client

EXPECTED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}


def assert_page_headers(response):
    policy = response.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in policy, response.headers
    assert "default-src 'self'" in policy
    for name, value in EXPECTED.items():
        assert response.get(name) == value, name
    assert "camera=()" in response.get("Permissions-Policy", "")
    assert response.get("Referrer-Policy") == "same-origin"


@pytest.fixture
def static_client(settings):
    # WhiteNoise reads the static files when the client's handler loads the
    # middleware: straight from the apps' folders, as in development.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    return Client()


@pytest.mark.parametrize("path", ["/static/css/site.css", "/static/img/favicon.svg"])
def test_static_files_carry_the_pages_security_headers(static_client, path):
    response = static_client.get(path)
    assert response.status_code == 200
    assert response.get("Cache-Control")  # served by WhiteNoise, not a view
    assert_page_headers(response)


@pytest.mark.django_db
def test_the_400_for_an_unknown_host_carries_the_pages_security_headers(settings):
    settings.ALLOWED_HOSTS = ["portaal.herent.be"]
    client = Client(raise_request_exception=False)
    response = client.get("/", HTTP_HOST="aanvaller.example")
    assert response.status_code == 400
    assert_page_headers(response)


@pytest.mark.django_db
def test_a_page_keeps_its_own_headers(client):
    assert_page_headers(client.get("/healthz/"))
