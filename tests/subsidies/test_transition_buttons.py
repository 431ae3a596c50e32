"""The admin offers exactly the steps the application's workflow allows, and a
step the workflow does not allow is refused in Dutch, in the admin and in the
service alike."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from subsidies import services
from subsidies.workflow import TransitionNotAllowed
from tests.subsidies.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def _file(draft, status, **kwargs):
    return ApplicationFactory(
        call=draft.call,
        organisation=draft.organisation,
        status=status,
        reference="SUB-2026-0042",
        submitted_at=timezone.now(),
        **kwargs,
    )


def _buttons(client, application) -> list[str]:
    html = client.get(
        reverse("admin:subsidies_application_change", args=[application.pk])
    ).content.decode()
    return re.findall(r"/actie/([a-z_]+)/", html)


@pytest.mark.parametrize(
    ("status", "requires_advice", "buttons"),
    [
        ("submitted", True, ["start_screening", "request_information"]),
        (
            "screening",
            True,
            ["request_information", "declare_inadmissible", "put_on_agenda"],
        ),
        (
            "screening",
            False,
            ["request_information", "declare_inadmissible", "decide"],
        ),
        ("advice", True, ["record_advice"]),
        ("advised", True, ["decide"]),
        (
            "report_submitted",
            True,
            ["request_report_changes", "accept_report", "reclaim"],
        ),
        ("withdrawn", True, ["close"]),
        ("closed", True, []),
        ("draft", True, []),
        ("info_requested", True, []),  # the applicant's turn
    ],
)
def test_the_change_page_offers_the_steps_the_workflow_allows(
    service_client, draft, status, requires_advice, buttons
):
    scheme = draft.call.scheme
    scheme.requires_council_advice = requires_advice
    scheme.save()
    application = _file(draft, status)
    assert _buttons(service_client, application) == buttons


def test_a_step_the_status_does_not_allow_is_refused_in_dutch(
    service_client, draft, service_user
):
    application = _file(draft, "submitted")
    url = reverse(
        "admin:subsidies_application_transition",
        args=[application.pk, "pay_advance"],
    )
    html = service_client.post(
        url, {"amount": "100", "paid_on": "2026-05-04"}
    ).content.decode()
    message = "“Voorschot registreren” kan niet bij een dossier met status “Ingediend”."
    assert message in html
    with pytest.raises(TransitionNotAllowed) as refused:
        services.application_pay_advance(
            application=application,
            actor=service_user,
            amount=Decimal("100"),
            paid_on=timezone.localdate(),
        )
    assert refused.value.message == message
    application.refresh_from_db()
    assert application.status == "submitted"
    assert not application.payments.exists()


def test_a_step_the_scheme_does_not_allow_is_refused_with_its_reason(
    service_client, draft, service_user
):
    scheme = draft.call.scheme
    scheme.requires_council_advice = False
    scheme.save()
    application = _file(draft, "screening")
    url = reverse(
        "admin:subsidies_application_transition",
        args=[application.pk, "put_on_agenda"],
    )
    html = service_client.get(url, follow=True).content.decode()
    assert "Dit reglement vraagt geen advies van de GROSH." in html
    with pytest.raises(TransitionNotAllowed, match="vraagt geen advies van de GROSH"):
        services.application_put_on_agenda(application=application, actor=service_user)
    html = service_client.post(url, {"meeting": "", "reason": ""}).content.decode()
    assert "Dit reglement vraagt geen advies van de GROSH." in html
    application.refresh_from_db()
    assert application.status == "screening"


def test_an_applicants_step_has_no_admin_page(service_client, draft):
    application = _file(draft, "draft")
    url = reverse(
        "admin:subsidies_application_transition", args=[application.pk, "submit"]
    )
    assert service_client.get(url).status_code == 404


def test_the_advance_is_the_schemes_share_of_the_approved_amount(service_client, draft):
    scheme = draft.call.scheme
    scheme.advance_percent = Decimal("80")
    scheme.save()
    application = _file(
        draft,
        "approved",
        decision="approved",
        approved_amount=Decimal("1234.55"),
        committed_amount=Decimal("1234.55"),
    )
    url = reverse(
        "admin:subsidies_application_transition",
        args=[application.pk, "pay_advance"],
    )
    html = service_client.get(url).content.decode()
    assert "987,64" in html or "987.64" in html


def test_the_bulk_screening_runs_the_step_where_the_workflow_allows_it(
    service_client, draft
):
    ready = _file(draft, "submitted")
    screened = ApplicationFactory(
        call=draft.call,
        organisation=draft.organisation,
        status="screening",
        reference="SUB-2026-0043",
        submitted_at=timezone.now(),
    )
    response = service_client.post(
        reverse("admin:subsidies_application_changelist"),
        {
            "action": "start_screening_action",
            "_selected_action": [ready.pk, screened.pk],
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Screening starten: 1 dossier(s)." in html
    assert (
        "SUB-2026-0043: “Screening starten” kan niet bij een dossier met status "
        "“Screening”."
    ) in html
    ready.refresh_from_db()
    assert ready.status == "screening"
