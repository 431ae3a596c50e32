"""Every URL against every role: who may pass, as url_matrix.py says.

Runs on the demo data (so every admin page opens a real object) plus the cases
url_matrix builds: unpublished partnerships, closed council items, signed links
that were tampered with, … Staff have an authenticator, and two-factor is
required, as in production.
"""

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from tests.security import url_matrix
from tests.security.roles import NO_SECOND_FACTOR, ROLES, log_in


@pytest.fixture
def objects(demo_data, settings):
    settings.HERENTQ_STAFF_MFA_REQUIRED = True
    return url_matrix.build_objects()


def all_rows() -> list[url_matrix.Row]:
    get_resolver().resolve("/")  # herentq/urls.py adjusts the admin registry
    return [
        *url_matrix.admin_model_rows(admin.site._registry),
        *url_matrix.admin_site_rows(),
        *url_matrix.site_rows(),
    ]


def _expected(row, role, personal) -> str:
    if role == NO_SECOND_FACTOR:
        return url_matrix.without_second_factor(row, personal)
    return row.expect[role]


@pytest.mark.parametrize("role", [*ROLES, NO_SECOND_FACTOR])
def test_each_role_passes_exactly_where_the_matrix_says(client, objects, role):
    client.raise_request_exception = False  # a crash must show as a 500
    log_in(client, role)
    rows = all_rows()
    # Rows that change something go last.
    rows.sort(key=lambda row: row.method != "get")
    personal = url_matrix.personal_urls(rows)
    mismatches = []
    for row in rows:
        path = row.path(objects)
        response = getattr(client, row.method)(path, row.data)
        actual = url_matrix.outcome(response)
        if actual != _expected(row, role, personal):
            mismatches.append(
                f"{row}: {path}: expected {_expected(row, role, personal)}, got {actual}"
            )
    assert not mismatches, f"{len(mismatches)} of {len(rows)} for {role}:\n" + (
        "\n".join(mismatches)
    )


def _named_routes(patterns, namespace=None):
    """(name, route) of every URL pattern, names with their namespace."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else (pattern.namespace)
                )
            for name, route in _named_routes(pattern.url_patterns, inner):
                yield name, f"{pattern.pattern}{route}"
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (
                f"{namespace}:{pattern.name}" if namespace else pattern.name
            )
            yield name, str(pattern.pattern)


def test_every_url_is_in_the_matrix():
    """A new URL (the subsidies' pages, a new admin view) needs a row first."""
    covered = {row.name for row in all_rows()}
    missing = []
    for name, route in _named_routes(get_resolver().url_patterns):
        if name is None:
            # Only the admin's own fallbacks have no name: the old-style object
            # address, which redirects to the change page, and the catch-all.
            assert route.startswith("admin/"), route
            continue
        if name not in covered:
            missing.append(f"{name} ({route})")
    assert not missing, "URLs without a row in url_matrix.py:\n" + "\n".join(missing)


@pytest.mark.django_db
def test_rows_open_the_url_they_are_named_after(objects):
    for row in all_rows():
        path = row.path(objects).split("?")[0]
        assert resolve(path).view_name == row.name, row


def test_every_role_has_an_expectation_in_every_row():
    for row in all_rows():
        assert set(row.expect) == set(ROLES), row
