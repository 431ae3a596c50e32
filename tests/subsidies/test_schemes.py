import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.subsidies.factories import (
    ApplicationFactory,
    CallFactory,
    EnvelopeFactory,
    SchemeFactory,
)

pytestmark = pytest.mark.django_db


def test_scheme_page_says_what_can_be_funded_that_the_call_is_open_and_whats_left(
    client, call, envelope
):
    envelope.budget = Decimal("30000")
    envelope.committed = Decimal("12500")
    envelope.save()
    response = client.get(reverse("subsidies:scheme_detail", args=[call.scheme.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Projecten in het Zuiden." in html
    assert "Oproep open" in html
    assert (
        f"Nog beschikbaar in {envelope.year}: <strong>€\u00a017.500</strong> van €\u00a030.000"
        in html
    )
    assert reverse("subsidies:application_start", args=[call.pk]) in html


def test_scheme_page_without_open_call_says_when_the_next_one_opens(client, scheme):
    opens = timezone.now() + dt.timedelta(days=20)
    CallFactory(scheme=scheme, opens_at=opens, closes_at=opens + dt.timedelta(days=30))
    html = client.get(
        reverse("subsidies:scheme_detail", args=[scheme.slug])
    ).content.decode()
    assert "Nog geen oproep open" in html
    assert "Aanvraag starten" not in html


def test_unpublished_scheme_is_not_shown(client):
    scheme = SchemeFactory(is_published=False)
    assert (
        client.get(reverse("subsidies:scheme_detail", args=[scheme.slug])).status_code
        == 404
    )
    assert scheme.name not in client.get(reverse("subsidies:index")).content.decode()


def test_index_lists_schemes_with_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    def make(n):
        for _ in range(n):
            scheme = SchemeFactory()
            CallFactory(scheme=scheme)
            EnvelopeFactory(scheme=scheme)

    make(2)
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("subsidies:index"))
    make(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("subsidies:index"))
    assert response.content.decode().count('class="scheme-card"') == 8


def test_calls_outside_their_window_cannot_be_started(
    applicant_client, organisation, scheme
):
    past = CallFactory(
        scheme=scheme,
        opens_at=timezone.now() - dt.timedelta(days=40),
        closes_at=timezone.now() - dt.timedelta(days=1),
    )
    response = applicant_client.post(
        reverse("subsidies:application_start", args=[past.pk]),
        {"organisation": organisation.pk},
    )
    assert response.status_code == 302
    assert not organisation.applications.exists()


def test_reserved_is_what_files_in_review_ask(call, envelope, organisation):
    from subsidies.selectors import envelopes_with_reserved

    ApplicationFactory(call=call, organisation=organisation, status="draft")
    for reference in ["SUB-2026-0001", "SUB-2026-0002"]:
        ApplicationFactory(
            call=call,
            organisation=organisation,
            status="screening",
            reference=reference,
            submitted_at=timezone.now(),
            requested_amount=Decimal("1500"),
        )
    assert envelopes_with_reserved().get(pk=envelope.pk).reserved == Decimal("3000")
