"""Projects linked to a partnership: chosen in the partner step, shown on the
partnership's page once granted."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.partnerships.factories import PartnershipFactory
from tests.subsidies.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_applicant_links_the_project_to_a_partnership(applicant_client, draft):
    partnership = PartnershipFactory(title="Herent – Nimlaha'kok en Nimlasachal")
    url = reverse("subsidies:application_step", args=[draft.pk, "partner"])
    found = applicant_client.get(url, {"partnership_search": "Nimlaha"})
    assert partnership.title in found.content.decode()
    applicant_client.post(
        url,
        {
            "partner_name": "Radio comunitaria",
            "country": "GT",
            "partnership": partnership.pk,
            "action": "next",
        },
    )
    draft.refresh_from_db()
    assert draft.partnership == partnership


def test_granted_projects_appear_on_their_partnerships_page(
    client, call, django_assert_max_num_queries
):
    partnership = PartnershipFactory()

    def grant(number, **kwargs):
        kwargs.setdefault("decision_date", dt.date(2026, 5, 11))
        return ApplicationFactory(
            call=call,
            partnership=partnership,
            reference=f"SUB-2026-{number:04d}",
            submitted_at=timezone.now(),
            **kwargs,
        )

    grant(
        1,
        title="Studio voor de radio",
        status="approved",
        decision="approved",
        approved_amount=Decimal("3000"),
        committed_amount=Decimal("3000"),
    )
    grant(2, title="Nog in behandeling", status="screening", decision_date=None)
    url = partnership.get_absolute_url()
    html = client.get(url).content.decode()
    assert "Gesubsidieerde projecten" in html
    assert "Studio voor de radio" in html
    assert "Nog in behandeling" not in html
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(5):
        grant(
            10 + n,
            status="approved",
            decision="approved",
            approved_amount=Decimal("100"),
            committed_amount=Decimal("100"),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
