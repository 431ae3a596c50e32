"""The back office: changelists, the transition buttons, exports, history."""

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from herentq.constants import COUNCIL_MEMBERS_GROUP
from herentq.models import AuditEntry
from subsidies import services
from subsidies.models import (
    Application,
    BudgetEnvelope,
    Call,
    Organisation,
    Scheme,
)
from tests.factories import UserFactory
from tests.partnerships.factories import PartnershipFactory
from tests.pdf_checks import assert_accessible_pdf
from tests.subsidies.factories import (
    PDF_BYTES,
    ApplicationFactory,
    AttachmentFactory,
    CallFactory,
    EnvelopeFactory,
    OrganisationFactory,
    SchemeFactory,
)

pytestmark = pytest.mark.django_db


def submitted_file(call, organisation, number, **kwargs):
    defaults = {
        "status": "submitted",
        "reference": f"SUB-2026-{number:04d}",
        "submitted_at": timezone.now(),
    }
    return ApplicationFactory(
        call=call, organisation=organisation, **{**defaults, **kwargs}
    )


@pytest.mark.parametrize(
    "model", [Organisation, Scheme, Call, BudgetEnvelope, Application]
)
def test_service_user_opens_every_changelist_and_change_form(
    service_client, model, draft
):
    submitted_file(draft.call, draft.organisation, 1)
    opts = model._meta
    response = service_client.get(
        reverse(f"admin:subsidies_{opts.model_name}_changelist")
    )
    assert response.status_code == 200
    obj = model.objects.first()
    response = service_client.get(
        reverse(f"admin:subsidies_{opts.model_name}_change", args=[obj.pk])
    )
    assert response.status_code == 200
    history = reverse(f"admin:subsidies_{opts.model_name}_history", args=[obj.pk])
    assert service_client.get(history).status_code == 200


def test_changelist_filters_and_searches(service_client, draft, envelope):
    other_scheme = SchemeFactory(name="Noodhulp")
    other_call = CallFactory(scheme=other_scheme)
    a = submitted_file(
        draft.call, draft.organisation, 1, title="Radio Nimlaha'kok", country="GT"
    )
    b = submitted_file(
        other_call,
        OrganisationFactory(name="Wereldwinkel"),
        2,
        title="Waterput",
        country="CD",
        status="screening",
    )
    b.sdgs.set([6])
    url = reverse("admin:subsidies_application_changelist")

    def shown(**params):
        html = service_client.get(url, params).content.decode()
        return {ref for ref in (a.reference, b.reference) if ref in html}

    assert shown() == {a.reference, b.reference}
    assert shown(status__exact="screening") == {b.reference}
    assert shown(call__scheme__id__exact=other_scheme.pk) == {b.reference}
    assert shown(call__id__exact=draft.call.pk) == {a.reference}
    assert shown(year=draft.call.year) == {a.reference, b.reference}
    assert shown(country="CD") == {b.reference}
    assert shown(sdgs__number__exact=6) == {b.reference}
    assert shown(q="Wereldwinkel") == {b.reference}
    assert shown(q="SUB-2026-0001") == {a.reference}
    assert shown(q="Nimlaha") == {a.reference}


def test_country_filter_lists_exactly_the_countries_with_a_file(service_client, draft):
    submitted_file(draft.call, draft.organisation, 1, country="GT")
    submitted_file(draft.call, draft.organisation, 2, country="CD")
    submitted_file(draft.call, draft.organisation, 3, country="GT")
    url = reverse("admin:subsidies_application_changelist")
    response = service_client.get(url)
    [country_filter] = [
        spec for spec in response.context["cl"].filter_specs if spec.title == "land"
    ]
    assert [code for code, _name in country_filter.lookup_choices] == ["CD", "GT"]
    html = response.content.decode()
    assert "?country=GT" in html and "?country=CD" in html
    assert "?country=BE" not in html


def test_changelist_filters_by_partnerships_with_files_and_by_year_of_submission(
    service_client, draft
):
    linked = PartnershipFactory(title="Herent – Nimlaha'kok")
    PartnershipFactory(title="Zonder dossiers")
    tz = timezone.get_current_timezone()
    old = submitted_file(
        draft.call,
        draft.organisation,
        1,
        partnership=linked,
        submitted_at=dt.datetime(2019, 3, 1, 12, tzinfo=tz),
    )
    new = submitted_file(
        draft.call,
        draft.organisation,
        2,
        submitted_at=dt.datetime(2024, 3, 1, 12, tzinfo=tz),
    )
    url = reverse("admin:subsidies_application_changelist")
    html = service_client.get(url).content.decode()
    assert "Herent – Nimlaha&#x27;kok" in html
    assert "Zonder dossiers" not in html
    # The year filter offers exactly the years with a submission.
    assert "?jaar=2019" in html
    assert "?jaar=2024" in html
    assert "?jaar=2020" not in html
    html = service_client.get(url, {"partnership": linked.pk}).content.decode()
    assert old.reference in html and new.reference not in html
    html = service_client.get(url, {"jaar": 2024}).content.decode()
    assert new.reference in html and old.reference not in html


def test_status_is_shown_in_words_with_a_colour(service_client, draft):
    submitted_file(draft.call, draft.organisation, 1, status="info_requested")
    html = service_client.get(
        reverse("admin:subsidies_application_changelist")
    ).content.decode()
    assert (
        '<span class="hq-status hq-status--action">Informatie gevraagd</span>' in html
    )


def test_changelist_has_a_fixed_number_of_queries(
    service_client, draft, django_assert_max_num_queries
):
    for n in range(2):
        submitted_file(draft.call, draft.organisation, n + 1)
    url = reverse("admin:subsidies_application_changelist")
    with django_assert_max_num_queries(40) as few:
        service_client.get(url)
    for n in range(10):
        # More calls too: the call filter names each with its scheme.
        submitted_file(CallFactory(), draft.organisation, n + 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        service_client.get(url)


def test_scheme_change_form_reads_its_calls_in_a_fixed_number_of_queries(
    service_client, draft, django_assert_max_num_queries
):
    scheme = draft.call.scheme
    url = reverse("admin:subsidies_scheme_change", args=[scheme.pk])
    with django_assert_max_num_queries(40) as few:
        service_client.get(url)
    for n in range(5):
        CallFactory(scheme=scheme, title=f"Oproep {2020 + n}")
        EnvelopeFactory(scheme=scheme, year=2020 + n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = service_client.get(url).content.decode()
    assert html.count(f"{scheme.name} — Oproep 20") == 5
    for year in range(2020, 2025):  # each envelope's row names its scheme
        assert f"{scheme.name} {year}" in html


def test_an_organisations_members_do_not_read_the_organisation_again(
    service_client, draft
):
    organisation = draft.organisation
    url = reverse("admin:subsidies_organisation_change", args=[organisation.pk])

    def organisation_reads():
        with CaptureQueriesContext(connection) as read:
            assert service_client.get(url).status_code == 200
        table = 'FROM "subsidies_organisation"'
        return sum(table in query["sql"] for query in read.captured_queries)

    few = organisation_reads()
    for _ in range(4):
        organisation.memberships.create(user=UserFactory())
    assert organisation_reads() == few


def test_change_form_offers_only_the_transitions_the_workflow_allows(
    service_client, draft
):
    application = submitted_file(draft.call, draft.organisation, 1)
    html = service_client.get(
        reverse("admin:subsidies_application_change", args=[application.pk])
    ).content.decode()
    assert "Screening starten" in html
    assert "Informatie vragen" in html
    assert "Beslissing van het college registreren" not in html
    assert "Auditbundel (ZIP)" in html
    assert 'name="_save"' not in html  # status changes only through the buttons


def test_civil_servant_takes_a_file_through_screening_advice_and_decision(
    service_client, draft, envelope, service_user
):
    application = submitted_file(draft.call, draft.organisation, 1)

    def act(name, data):
        url = reverse(
            "admin:subsidies_application_transition", args=[application.pk, name]
        )
        assert service_client.get(url).status_code == 200
        return service_client.post(url, data)

    act("start_screening", {"reason": "Ontvankelijk."})
    act("put_on_agenda", {"reason": ""})
    act(
        "record_advice",
        {
            "outcome": "conditional",
            "motivation": "Positief als de partner een offerte bezorgt.",
            "advice_date": "2026-05-04",
            "proposed_amount": "1.800",
        },
    )
    response = act(
        "decide",
        {
            "decision": "approved",
            "amount": "1800",
            "decision_date": "2026-05-11",
            "decision_reference": "CBS 2026/77",
            "reason": "Advies gevolgd.",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    envelope.refresh_from_db()
    assert application.status == "approved"
    assert application.advice_outcome == "conditional"
    assert application.approved_amount == Decimal("1800")
    assert envelope.committed == Decimal("1800")
    screening = AuditEntry.objects.get(action="subsidies.application.start_screening")
    assert (screening.actor, screening.reason) == (service_user, "Ontvankelijk.")


def test_admin_refuses_a_transition_the_workflow_does_not_allow(service_client, draft):
    application = submitted_file(draft.call, draft.organisation, 1)
    url = reverse(
        "admin:subsidies_application_transition", args=[application.pk, "decide"]
    )
    response = service_client.get(url, follow=True)
    assert "kan niet bij status" in response.content.decode()
    response = service_client.post(
        url,
        {
            "decision": "approved",
            "amount": "100",
            "decision_date": "2026-05-11",
            "decision_reference": "X",
        },
    )
    assert "kan niet bij een dossier met status" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"


def test_admin_shows_the_envelope_refusal(service_client, draft, envelope):
    envelope.budget = Decimal("1000")
    envelope.save()
    application = submitted_file(draft.call, draft.organisation, 1, status="advised")
    url = reverse(
        "admin:subsidies_application_transition", args=[application.pk, "decide"]
    )
    response = service_client.post(
        url,
        {
            "decision": "approved",
            "amount": "2000",
            "decision_date": "2026-05-11",
            "decision_reference": "CBS",
        },
    )
    assert "Goedkeuren kan niet" in response.content.decode()


def test_staff_without_the_service_group_cannot_process_files(client, draft):
    application = submitted_file(draft.call, draft.organisation, 1)
    client.force_login(UserFactory(is_staff=True))
    assert (
        client.get(reverse("admin:subsidies_application_changelist")).status_code == 403
    )
    url = reverse(
        "admin:subsidies_application_transition",
        args=[application.pk, "start_screening"],
    )
    assert client.post(url, {"reason": "x"}).status_code == 403
    bundle = reverse("admin:subsidies_application_audit_bundle", args=[application.pk])
    assert client.get(bundle).status_code == 403
    application.refresh_from_db()
    assert application.status == "submitted"


def test_council_member_has_no_back_office_access(client, draft):
    member = UserFactory()
    member.groups.add(Group.objects.get(name=COUNCIL_MEMBERS_GROUP))
    client.force_login(member)
    response = client.get(reverse("admin:subsidies_application_changelist"))
    assert response.status_code == 302


def test_service_sends_a_message_from_the_admin(service_client, draft):
    application = submitted_file(draft.call, draft.organisation, 1)
    url = reverse("admin:subsidies_application_message", args=[application.pk])
    response = service_client.post(url, {"body": "Graag de statuten."})
    assert response.status_code == 302
    message = application.messages.get()
    assert message.from_service and message.body == "Graag de statuten."


def test_csv_and_xlsx_exports_follow_the_changelists_filters(service_client, draft):
    a = submitted_file(draft.call, draft.organisation, 1, title="Zonnepanelen")
    b = submitted_file(
        draft.call, draft.organisation, 2, title="Waterput", status="screening"
    )
    url = reverse("admin:subsidies_application_export", args=["csv"])
    content = service_client.get(url, {"status__exact": "screening"}).content.decode(
        "utf-8-sig"
    )
    assert b.reference in content and a.reference not in content
    assert content.splitlines()[0].startswith("Referentie;Status;Organisatie")

    response = service_client.get(
        reverse("admin:subsidies_application_export", args=["xlsx"]),
        {"q": "Zonnepanelen"},
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Referentie"
    assert [row[0] for row in rows[1:]] == [a.reference]
    assert rows[1][10] == 2000.0


def test_audit_bundle_holds_data_attachments_messages_and_history(
    service_client, draft, applicant, envelope
):
    application = services.application_submit(application=draft, user=applicant)
    AttachmentFactory(application=application, original_name="statuten.pdf")
    services.message_post(
        application=application,
        author=applicant,
        body="Vraag over de termijn",
        from_service=False,
    )
    response = service_client.get(
        reverse("admin:subsidies_application_audit_bundle", args=[application.pk])
    )
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert {
        "dossier.json",
        "historiek.json",
        "berichten.json",
        "ontvangstbewijs.pdf",
    } <= set(names)
    assert any(name.endswith("statuten.pdf") for name in names)
    attachment = next(name for name in names if name.endswith("statuten.pdf"))
    assert archive.read(attachment) == PDF_BYTES
    data = json.loads(archive.read("dossier.json"))
    assert data["reference"] == application.reference
    history = json.loads(archive.read("historiek.json"))
    assert history["audit_trail"][0]["action"] == "subsidies.application.submitted"
    assert (
        json.loads(archive.read("berichten.json"))[0]["body"] == "Vraag over de termijn"
    )
    # Downloading the bundle is itself on record.
    assert AuditEntry.objects.filter(
        action="subsidies.application.audit_bundle_downloaded"
    ).exists()


def test_draft_college_decision_lists_the_proposed_grants(
    service_client, draft, envelope
):
    ready = submitted_file(
        draft.call,
        draft.organisation,
        1,
        status="advised",
        advice_outcome="positive",
        proposed_amount=Decimal("1500"),
    )
    not_ready = submitted_file(draft.call, draft.organisation, 2, status="screening")
    response = service_client.post(
        reverse("admin:subsidies_application_changelist"),
        {
            "action": "college_decision_action",
            "_selected_action": [ready.pk, not_ready.pk],
        },
    )
    assert response["Content-Type"] == "application/pdf"
    assert_accessible_pdf(
        response.content,
        title="Ontwerp van collegebesluit",
        in_order=["Ontwerp van collegebesluit", "Opgemaakt door de dienst"],
    )
    from subsidies.exports import college_decision_context

    context = college_decision_context([ready])
    assert context["sections"][0]["total"] == Decimal("1500")
    assert context["sections"][0]["fits"] is True


def test_envelope_budget_cannot_go_below_what_is_committed(service_client, envelope):
    envelope.committed = Decimal("5000")
    envelope.save()
    url = reverse("admin:subsidies_budgetenvelope_change", args=[envelope.pk])
    response = service_client.post(
        url, {"scheme": envelope.scheme.pk, "year": envelope.year, "budget": "4000"}
    )
    assert "kan niet lager zijn dan wat al toegekend is" in response.content.decode()
    envelope.refresh_from_db()
    assert envelope.budget == Decimal("20000")


def test_envelope_changelist_shows_budget_reserved_committed_paid_remaining(
    service_client, draft, envelope
):
    submitted_file(draft.call, draft.organisation, 1, requested_amount=Decimal("2000"))
    html = service_client.get(
        reverse("admin:subsidies_budgetenvelope_changelist")
    ).content.decode()
    assert "€\u00a020.000" in html  # budget and remaining
    assert "€\u00a02.000" in html  # reserved


def test_applications_cannot_be_added_or_deleted_in_the_admin(service_client, draft):
    assert (
        service_client.get(reverse("admin:subsidies_application_add")).status_code
        == 403
    )
    url = reverse("admin:subsidies_application_delete", args=[draft.pk])
    assert service_client.post(url, {"post": "yes"}).status_code == 403
    assert Application.objects.filter(pk=draft.pk).exists()


def test_admin_attachment_download(service_client, draft):
    attachment = AttachmentFactory(application=draft)
    url = reverse(
        "admin:subsidies_application_attachment", args=[draft.pk, attachment.pk]
    )
    assert service_client.get(url).status_code == 200


def test_demo_like_history_shows_in_admin(service_client, draft, applicant, envelope):
    application = services.application_submit(application=draft, user=applicant)
    url = reverse("admin:subsidies_application_history", args=[application.pk])
    html = service_client.get(url).content.decode()
    assert "submitted" in html or "Ingediend" in html


def test_calls_show_totals_of_their_files(service_client, draft):
    submitted_file(draft.call, draft.organisation, 1, requested_amount=Decimal("1500"))
    submitted_file(
        draft.call,
        draft.organisation,
        2,
        requested_amount=Decimal("2000"),
        status="approved",
        decision="approved",
        approved_amount=Decimal("1800"),
        committed_amount=Decimal("1800"),
        budget=Decimal("5000"),
    )
    html = service_client.get(
        reverse("admin:subsidies_call_changelist")
    ).content.decode()
    assert "€\u00a03.500" in html  # asked, the draft not counted
    assert "€\u00a01.800" in html  # granted
