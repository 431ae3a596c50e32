"""Hostile values in every path parameter of every URL: never a 500.

The routes come from the resolver, which `test_permission_matrix` keeps equal to
url_matrix.py's rows, so a new URL is fuzzed here the day it gets its row. Each
parameter in turn gets values that once crashed a page (a year the calendar does
not have, an id beyond PostgreSQL's bigint, a NUL byte PostgreSQL refuses in text)
while the others keep an ordinary value.
"""

import re

import pytest
from django.contrib import admin
from django.urls import get_resolver

from tests.factories import UserFactory
from tests.security.roles import ANONYMOUS, APPLICANT, MEMBER, SECRETARIAT, log_in
from tests.security.test_permission_matrix import _named_routes

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")

# What each kind of parameter gets when it is not the one under attack.
ORDINARY = {"int": "1", "year": "2026"}
HOSTILE_NUMBERS = ["0", "999999", "99999999999999999999", "-1"]
HOSTILE_TEXT = ["abc%00def", "%00", "SUB-2026-0004%00", "%C0%AF", "x" * 300]


def _routes(*, admin_site: bool) -> list[str]:
    get_resolver().resolve("/")  # herentq/urls.py adjusts the admin registry
    routes = []
    for _name, route in _named_routes(get_resolver().url_patterns):
        if not PARAMETER.search(route) or "^" in route or "(?" in route:
            continue  # no parameter, or the admin's regex fallbacks
        if route.startswith("admin/") == admin_site:
            routes.append(route)
    return sorted(set(routes))


def hostile_paths(route: str) -> list[str]:
    parameters = list(PARAMETER.finditer(route))
    paths = []
    for attacked in parameters:
        converter = attacked["converter"] or "str"
        values = HOSTILE_TEXT + HOSTILE_NUMBERS
        if converter in ORDINARY:
            values = HOSTILE_NUMBERS + ["abc%00def"]
        for value in values:

            def fill(match, value=value, attacked=attacked):
                if match.start() == attacked.start():
                    return value
                return ORDINARY.get(match["converter"] or "str", "x")

            paths.append("/" + PARAMETER.sub(fill, route))
    return paths


def test_the_shapes_that_crashed_are_among_the_hostile_paths():
    paths = {p for route in _routes(admin_site=False) for p in hostile_paths(route)}
    for crashed in (
        "/subsidies/register/999999/",
        "/subsidies/register/99999999999999999999/",
        "/subsidies/register/999999/csv/",
        "/subsidies/register/99999999999999999999/csv/",
        "/subsidies/register/0/csv/",
        "/subsidies/uitnodiging/abc%00def/",
        "/subsidies/grosh/SUB-2026-0004%00/",
    ):
        assert crashed in paths


def _server_errors(client, routes) -> list[str]:
    client.raise_request_exception = False  # a crash must show as a 500
    errors = []
    for route in routes:
        for path in hostile_paths(route):
            status = client.get(path).status_code
            if status >= 500:
                errors.append(f"{path}: {status}")
    return errors


@pytest.mark.django_db
@pytest.mark.parametrize("role", [ANONYMOUS, APPLICANT, MEMBER, SECRETARIAT])
def test_hostile_path_parameters_are_no_server_error(client, role, settings):
    settings.HERENTQ_STAFF_MFA_REQUIRED = False  # reach the views, not the 2FA step
    log_in(client, role)
    errors = _server_errors(client, _routes(admin_site=False))
    assert not errors, "\n".join(errors)


@pytest.mark.django_db
def test_hostile_admin_path_parameters_are_no_server_error(client, settings):
    settings.HERENTQ_STAFF_MFA_REQUIRED = False
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    routes = [r for r in _routes(admin_site=True) if not r.endswith("/history/")]
    assert len(routes) > 2 * len(admin.site._registry)  # every model's object pages
    errors = _server_errors(client, routes)
    assert not errors, "\n".join(errors)


@pytest.mark.django_db
def test_hostile_admin_history_ids_are_no_server_error(client, settings):
    settings.HERENTQ_STAFF_MFA_REQUIRED = False
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    routes = [r for r in _routes(admin_site=True) if r.endswith("/history/")]
    errors = _server_errors(client, routes)
    assert not errors, "\n".join(errors)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/subsidies/register/999999/",
        "/subsidies/register/99999999999999999999/",
        "/subsidies/register/999999/csv/",
        "/subsidies/register/99999999999999999999/csv/",
        "/subsidies/register/0/csv/",
        "/subsidies/register/0/",
        "/subsidies/uitnodiging/abc%00def/",
    ],
)
def test_impossible_register_years_and_nul_tokens_are_not_found(client, path):
    client.raise_request_exception = False
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_a_council_file_reference_with_a_nul_byte_is_not_found(client, settings):
    settings.HERENTQ_STAFF_MFA_REQUIRED = False
    client.raise_request_exception = False
    log_in(client, SECRETARIAT)
    assert client.get("/subsidies/grosh/SUB-2026-0004%00/").status_code == 404
