"""Hostile input to every public and applicant form (see public_forms.FORMS).

Every payload of payloads.py goes to every field: script tags, SQL fragments,
100 000 characters, NUL bytes, wrong types, lists for single values, and for
uploads oversized and mislabelled files and a decompression bomb. The answer is
never a 500; the payload never comes back as markup; what must be refused is
refused with a Dutch message at the field; nothing saved before changes; pages
that show what was saved escape it.
"""

import pytest
from django.test import Client

from tests.security.payloads import (
    SCRIPT,
    SQL,
    Field,
    Payload,
    english_words,
    field_error,
    payloads_for,
)
from tests.security.public_forms import FORMS
from tests.security.roles import SERVICE, log_in_code_given

CASES = [
    pytest.param(case, field, id=f"{case.id}-{field.name}")
    for case in FORMS
    for field in case.fields
]


@pytest.fixture(autouse=True)
def production_like(settings):
    settings.HERENTQ_STAFF_MFA_REQUIRED = True


def _html(response) -> str:
    if getattr(response, "streaming", False):
        return ""
    if not response.get("Content-Type", "").startswith(("text/", "application/")):
        return ""
    return response.content.decode(errors="replace")


def _problems(client, response, field: Field, payload: Payload) -> list[str]:
    label = payload.name
    status = response.status_code
    if status >= 500 or status < 200:
        return [f"{label}: status {status}"]
    pages = [response]
    location = response.get("Location", "")
    if 300 <= status < 400 and location.startswith("/"):
        pages.append(client.get(location))
    problems = []
    for page in pages:
        if page.status_code >= 500:
            problems.append(f"{label}: status {page.status_code} after the redirect")
        if payload.markup and payload.markup in _html(page):
            problems.append(
                f"{label}: comes back unescaped in {page.request['PATH_INFO']}"
            )
    if payload.refused:
        if 300 <= status < 400:
            problems.append(f"{label}: accepted (redirect to {location}), not refused")
        else:
            error = field_error(_html(response), field.name)
            if not error:
                problems.append(
                    f"{label}: refused ({status}) without error at the field"
                )
            elif english_words(error):
                problems.append(f"{label}: the error is not Dutch: {error!r}")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("case, field", CASES)
def test_hostile_input_is_refused_or_escaped_and_loses_nothing(client, case, field):
    client.raise_request_exception = False  # a crash must show as a 500
    log_in_code_given(client, case.role)
    ctx = case.setup(client)
    url = case.url(ctx)
    before = case.saved(ctx)
    problems = []
    for n, payload in enumerate(payloads_for(field)):
        data = case.valid(ctx, n)
        value = payload.value() if callable(payload.value) else payload.value
        data[field.name] = value
        response = getattr(client, case.method)(url, data)
        problems += _problems(client, response, field, payload)
        if case.saved(ctx) != before:
            problems.append(f"{payload.name}: what was saved before changed")

    staff = Client(raise_request_exception=False)
    log_in_code_given(staff, SERVICE)
    for path in case.shown_at(ctx):
        response = staff.get(path)
        if response.status_code != 200:
            problems.append(f"{path}: status {response.status_code} for staff")
        for markup in (SCRIPT, SQL):
            if markup in _html(response):
                problems.append(f"{path}: shows a saved payload unescaped")
    assert not problems, "\n".join(problems)


def test_every_form_field_gets_hostile_payloads():
    """A field without refused payloads would test nothing but the status."""
    for case in FORMS:
        assert case.fields, case.id
        for field in case.fields:
            payloads = payloads_for(field)
            assert any(p.markup for p in payloads), (case.id, field.name)
