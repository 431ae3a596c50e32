"""The minutes admin offers exactly the steps the minutes' workflow allows; a step
it does not allow is refused in Dutch, in the admin and in the service."""

import re

import pytest
from django.urls import reverse

from council import services
from council.constants import MinutesStatus
from tests.council.conftest import advance

pytestmark = pytest.mark.django_db


def _steps(client, minutes) -> list[str]:
    html = client.get(
        reverse("admin:council_minutes_change", args=[minutes.pk])
    ).content.decode()
    return re.findall(rf"/{minutes.pk}/stap/([a-z-]+)/", html)


def test_the_change_page_offers_the_steps_of_each_status(secretariat_client, scenario):
    minutes = scenario.minutes
    assert _steps(secretariat_client, minutes) == ["circulate"]
    advance(scenario, to="circulated")
    assert _steps(secretariat_client, minutes) == ["circulate", "schedule-approval"]
    services.minutes_schedule_approval(minutes=minutes)
    minutes.refresh_from_db()
    assert _steps(secretariat_client, minutes) == ["circulate", "approve"]


def test_approved_and_published_minutes_offer_their_one_step(
    secretariat_client, published
):
    minutes = published.minutes
    assert _steps(secretariat_client, minutes) == ["publish-correction"]
    minutes.status = MinutesStatus.APPROVED
    minutes.save(update_fields=["status"])
    assert _steps(secretariat_client, minutes) == ["publish"]


def test_a_step_the_status_does_not_allow_is_refused_in_dutch(
    secretariat_client, scenario
):
    minutes = scenario.minutes
    url = reverse("admin:council_minutes_step", args=[minutes.pk, "publish"])
    response = secretariat_client.post(url, follow=True)
    message = "“Publiceren” kan niet bij een verslag met status “ontwerp”."
    assert message in response.content.decode()
    with pytest.raises(services.CouncilError) as refused:
        services.minutes_publish(minutes=minutes)
    assert str(refused.value) == message
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.DRAFT
    assert not minutes.versions.exists()


def test_approving_before_the_approval_is_on_an_agenda_is_refused(
    secretariat_client, scenario
):
    minutes = advance(scenario, to="circulated")
    url = reverse("admin:council_minutes_step", args=[minutes.pk, "approve"])
    response = secretariat_client.post(url, follow=True)
    message = "Agendeer eerst de goedkeuring op een latere vergadering."
    assert message in response.content.decode()
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.CIRCULATED


def test_an_unknown_step_is_not_found(secretariat_client, scenario):
    url = reverse("admin:council_minutes_step", args=[scenario.minutes.pk, "wis"])
    assert secretariat_client.get(url).status_code == 404
