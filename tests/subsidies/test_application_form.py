"""The application in steps: drafts saved at every step, rules checked as the
applicant goes and again on submission, attachments checked and kept."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from subsidies.models import Application, Attachment
from tests.pdf_checks import assert_accessible_pdf
from tests.subsidies.factories import (
    PDF_BYTES,
    ApplicationFactory,
    OrganisationFactory,
    RequirementFactory,
)

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def step_url(application, step):
    return reverse("subsidies:application_step", args=[application.pk, step])


def budget_data(*, requested, income=(), expenses=(), action="next"):
    data = {"requested_amount": requested, "action": action}
    for prefix, lines in [("income", income), ("expense", expenses)]:
        data[f"{prefix}-TOTAL_FORMS"] = str(len(lines) + 1)
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for index, (description, amount) in enumerate(lines):
            data[f"{prefix}-{index}-description"] = description
            data[f"{prefix}-{index}-amount"] = amount
    return data


def test_starting_an_application_creates_a_draft_for_the_organisation(
    applicant_client, call, organisation
):
    response = applicant_client.post(
        reverse("subsidies:application_start", args=[call.pk]),
        {"organisation": organisation.pk},
    )
    application = Application.objects.get()
    assert response["Location"] == step_url(application, "organisatie")
    assert application.status == "draft"
    assert application.reference == ""
    assert application.contact_email == organisation.contact_email


def test_starting_without_an_organisation_asks_to_create_one_first(client, call):
    from tests.subsidies.factories import verified_user

    client.force_login(verified_user(username="solo", email="solo@example.be"))
    response = client.get(reverse("subsidies:application_start", args=[call.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("subsidies:organisation_create"))


def test_one_cannot_start_for_someone_elses_organisation(
    applicant_client, call, organisation
):
    other = OrganisationFactory()
    response = applicant_client.post(
        reverse("subsidies:application_start", args=[call.pk]),
        {"organisation": other.pk},
    )
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_next_requires_the_steps_fields_and_keeps_what_was_typed(
    applicant_client, draft
):
    response = applicant_client.post(
        step_url(draft, "project"),
        {"title": "Radio Nimlaha'kok", "summary": "", "action": "next"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in html
    assert 'value="Radio Nimlaha&#x27;kok"' in html
    draft.refresh_from_db()
    assert draft.title != "Radio Nimlaha'kok"


def test_save_keeps_an_incomplete_step_as_a_draft(applicant_client, draft):
    response = applicant_client.post(
        step_url(draft, "project"),
        {"title": "Radio Nimlaha'kok", "summary": "", "action": "save"},
    )
    assert response.status_code == 302
    assert response["Location"] == step_url(draft, "project")
    draft.refresh_from_db()
    assert draft.title == "Radio Nimlaha'kok"
    assert draft.summary == ""
    assert draft.history.first().history_change_reason == "step project"


def test_project_ending_before_it_starts_is_refused(applicant_client, draft):
    response = applicant_client.post(
        step_url(draft, "project"),
        {
            "title": "T",
            "summary": "S",
            "description": "D",
            "objectives": "O",
            "start_date": "2026-09-01",
            "end_date": "2026-08-01",
            "action": "next",
        },
    )
    assert "De einddatum ligt voor de begindatum." in response.content.decode()


def test_budget_above_the_share_of_the_project_budget_says_the_limit(
    applicant_client, draft
):
    response = applicant_client.post(
        step_url(draft, "begroting"),
        budget_data(
            requested="3000",
            income=[("Eigen inbreng", "2000")],
            expenses=[("Zender", "5.000")],
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"maximum 50{NBSP}% van het projectbudget: €{NBSP}2.500" in html
    # The draft is saved anyway: the applicant can come back to it.
    draft.refresh_from_db()
    assert draft.requested_amount == Decimal("3000")
    assert {line.kind: line.amount for line in draft.budget_lines.all()} == {
        "income": Decimal("2000"),
        "expense": Decimal("5000"),
    }
    assert "Uw gegevens zijn bewaard" in html


def test_budget_above_the_maximum_amount_says_the_maximum(applicant_client, draft):
    response = applicant_client.post(
        step_url(draft, "begroting"),
        budget_data(
            requested="6000,00",
            income=[("Eigen inbreng", "6000")],
            expenses=[("Bouw", "12000")],
        ),
    )
    assert f"maximum van deze subsidie: €{NBSP}5.000" in response.content.decode()


def test_budget_must_balance(applicant_client, draft):
    response = applicant_client.post(
        step_url(draft, "begroting"),
        budget_data(
            requested="2000",
            income=[("Eigen inbreng", "1500")],
            expenses=[("Zender", "4000")],
        ),
    )
    html = response.content.decode()
    assert "Uw begroting is niet in evenwicht" in html
    assert f"Verschil: -€{NBSP}500" in html


def test_balanced_budget_within_the_rules_goes_to_the_next_step(
    applicant_client, draft
):
    response = applicant_client.post(
        step_url(draft, "begroting"),
        budget_data(
            requested="2.500",
            income=[("Eigen inbreng", "1500,50"), ("Giften", "1000")],
            expenses=[("Zender", "4000"), ("Vorming", "1000,50")],
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == step_url(draft, "bijlagen")
    totals = Application.objects.get(pk=draft.pk).budget_totals()
    assert totals["difference"] == 0
    assert totals["expenses"] == Decimal("5000.50")


def test_cap_per_organisation_per_year_counts_what_was_granted(applicant_client, draft):
    ApplicationFactory(
        call=draft.call,
        organisation=draft.organisation,
        status="approved",
        reference="SUB-2026-0099",
        submitted_at=timezone.now(),
        requested_amount=Decimal("5000"),
        decision="approved",
        approved_amount=Decimal("5000"),
        committed_amount=Decimal("5000"),
        budget=Decimal("10000"),
    )
    ApplicationFactory(  # in review: the college may still refuse it
        call=draft.call,
        organisation=draft.organisation,
        status="submitted",
        reference="SUB-2026-0100",
        submitted_at=timezone.now(),
        requested_amount=Decimal("5000"),
        budget=Decimal("10000"),
    )
    response = applicant_client.post(
        step_url(draft, "begroting"),
        budget_data(
            requested="3000",
            income=[("Eigen inbreng", "3000")],
            expenses=[("Zender", "6000")],
        ),
    )
    html = response.content.decode()
    assert f"maximum €{NBSP}7.500 per organisatie per jaar" in html
    assert f"u kunt nog €{NBSP}2.500 vragen" in html


def test_country_outside_the_scheme_is_refused(applicant_client, draft):
    draft.call.scheme.eligible_countries = ["GT", "BO"]
    draft.call.scheme.save()
    response = applicant_client.post(
        step_url(draft, "partner"),
        {"partner_name": "X", "country": "FR", "action": "next"},
    )
    assert response.status_code == 200
    assert "Er is een probleem" in response.content.decode()
    response = applicant_client.post(
        step_url(draft, "partner"),
        {"partner_name": "X", "country": "BO", "action": "next"},
    )
    assert response.status_code == 302


def test_sdgs_and_declarations_are_saved(applicant_client, draft):
    applicant_client.post(
        step_url(draft, "sdgs"), {"sdgs": ["4", "13"], "action": "next"}
    )
    response = applicant_client.post(
        step_url(draft, "verklaringen"),
        {
            "declares_truthful": "on",
            "declares_no_double_funding": "on",
            "conflict": "yes",
            "conflict_of_interest_details": "",
            "action": "next",
        },
    )
    assert "Licht het mogelijke belangenconflict toe." in response.content.decode()
    applicant_client.post(
        step_url(draft, "verklaringen"),
        {
            "declares_truthful": "on",
            "declares_no_double_funding": "on",
            "conflict": "yes",
            "conflict_of_interest_details": "Onze voorzitter zetelt in de GROSH.",
            "action": "next",
        },
    )
    draft.refresh_from_db()
    assert sorted(s.number for s in draft.sdgs.all()) == [4, 13]
    assert draft.has_conflict_of_interest is True
    assert draft.declared_at is not None


def test_attachments_are_checked_by_content_and_a_good_one_is_kept_when_another_fails(
    applicant_client, draft
):
    statutes = RequirementFactory(scheme=draft.call.scheme, name="Statuten")
    letter = RequirementFactory(scheme=draft.call.scheme, name="Brief van de partner")
    response = applicant_client.post(
        step_url(draft, "bijlagen"),
        {
            f"file_{statutes.pk}": SimpleUploadedFile("statuten.pdf", PDF_BYTES),
            f"file_{letter.pk}": SimpleUploadedFile("brief.pdf", b"MZ not a pdf"),
            "action": "next",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit bestandstype is niet toegelaten" in html
    stored = Attachment.objects.get()
    assert stored.original_name == "statuten.pdf"
    assert stored.requirement == statutes
    # Stored under a random name of our own, with the extension of its content.
    assert "statuten" not in stored.file.name
    assert stored.file.name.endswith(".pdf")
    assert "statuten.pdf" in html  # listed as already uploaded


def test_attachment_of_another_association_cannot_be_downloaded(
    applicant_client, outsider_client, draft
):
    from tests.subsidies.factories import AttachmentFactory

    attachment = AttachmentFactory(application=draft)
    url = attachment.get_absolute_url()
    assert applicant_client.get(url).status_code == 200
    assert outsider_client.get(url).status_code == 404
    anonymous = Client()
    assert anonymous.get(url).status_code == 302


def test_outsider_cannot_see_or_change_any_step_by_direct_url(outsider_client, draft):
    for step in ["organisatie", "project", "begroting", "bijlagen"]:
        assert outsider_client.get(step_url(draft, step)).status_code == 404
        response = outsider_client.post(
            step_url(draft, step), {"title": "Gekaapt", "action": "save"}
        )
        assert response.status_code == 404
    for name in [
        "application_detail",
        "application_summary",
        "application_receipt",
        "application_receipt_pdf",
        "application_withdraw",
        "application_delete",
        "application_report",
    ]:
        assert (
            outsider_client.get(
                reverse(f"subsidies:{name}", args=[draft.pk])
            ).status_code
            == 404
        )
    response = outsider_client.post(
        reverse("subsidies:message_create", args=[draft.pk]), {"body": "Hallo"}
    )
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.title != "Gekaapt"


def test_summary_lists_what_is_missing_with_links_to_the_steps(
    applicant_client, call, organisation
):
    application = ApplicationFactory(
        call=call, organisation=organisation, title="", declares_truthful=False
    )
    html = applicant_client.get(
        reverse("subsidies:application_summary", args=[application.pk])
    ).content.decode()
    assert "Nog te doen voor u kunt indienen" in html
    assert "Geef uw project een titel." in html
    assert step_url(application, "verklaringen") in html


def test_submission_with_a_broken_rule_is_refused_by_the_server(
    applicant_client, draft
):
    draft.requested_amount = Decimal("3000")  # more than 50 % of 4 000
    draft.save()
    response = applicant_client.post(
        reverse("subsidies:application_summary", args=[draft.pk])
    )
    html = response.content.decode()
    assert "uw aanvraag is niet ingediend" in html
    assert f"maximum 50{NBSP}% van het projectbudget: €{NBSP}2.000" in html
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (-30, -1, "Deze oproep is gesloten sinds"),
        (2, 30, "Deze oproep is nog niet open"),
    ],
)
def test_submission_outside_the_call_window_is_refused_by_the_server(
    applicant_client, draft, opens, closes, message
):
    now = timezone.now()
    draft.call.opens_at = now + dt.timedelta(days=opens)
    draft.call.closes_at = now + dt.timedelta(days=closes)
    draft.call.save()
    response = applicant_client.post(
        reverse("subsidies:application_summary", args=[draft.pk])
    )
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.reference == ""


def test_submission_gives_a_reference_a_receipt_and_makes_the_file_read_only(
    applicant_client, draft
):
    response = applicant_client.post(
        reverse("subsidies:application_summary", args=[draft.pk])
    )
    draft.refresh_from_db()
    year = timezone.localdate().year
    assert draft.status == "submitted"
    assert draft.reference == f"SUB-{year}-0001"
    assert response["Location"] == reverse(
        "subsidies:application_receipt", args=[draft.pk]
    )

    receipt = applicant_client.get(response["Location"]).content.decode()
    assert f"SUB-{year}-0001" in receipt
    pdf = applicant_client.get(
        reverse("subsidies:application_receipt_pdf", args=[draft.pk])
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert_accessible_pdf(
        pdf.content,
        title=f"Ontvangstbewijs SUB-{year}-0001",
        in_order=[f"Ontvangstbewijs SUB-{year}-0001", "Ingediend op", "Subsidie"],
    )

    # Read-only: steps send back to the file, a POST changes nothing.
    assert applicant_client.get(step_url(draft, "project")).status_code == 302
    applicant_client.post(
        step_url(draft, "project"), {"title": "Nieuw", "action": "save"}
    )
    draft.refresh_from_db()
    assert draft.title != "Nieuw"


def test_references_count_up_per_year_without_gaps(
    applicant_client, call, organisation, envelope
):
    references = []
    for _ in range(3):
        application = ApplicationFactory(
            call=call, organisation=organisation, requested_amount=Decimal("1000")
        )
        applicant_client.post(
            reverse("subsidies:application_summary", args=[application.pk])
        )
        application.refresh_from_db()
        references.append(application.reference)
    year = timezone.localdate().year
    assert references == [f"SUB-{year}-0001", f"SUB-{year}-0002", f"SUB-{year}-0003"]


def test_draft_can_be_deleted_but_a_submitted_file_cannot(applicant_client, draft):
    url = reverse("subsidies:application_delete", args=[draft.pk])
    assert applicant_client.post(url).status_code == 302
    assert not Application.objects.filter(pk=draft.pk).exists()


def _files_in_screening(call, organisation, numbers):
    """Submitted files of `organisation`, created in the order of `numbers`."""
    for number in numbers:
        ApplicationFactory(
            call=call,
            organisation=organisation,
            status="screening",
            reference=f"SUB-2026-{number:04d}",
            submitted_at=timezone.now(),
        )


def test_dashboard_lists_files_with_plain_language_statuses_in_few_queries(
    applicant_client, call, organisation, django_assert_max_num_queries
):
    _files_in_screening(call, organisation, range(1, 3))
    with django_assert_max_num_queries(20) as few:
        applicant_client.get(reverse("subsidies:dashboard"))
    _files_in_screening(call, organisation, range(10, 18))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = applicant_client.get(reverse("subsidies:dashboard"))
    html = response.content.decode()
    assert html.count("In behandeling bij de dienst") == 10


def test_dashboard_shows_the_newest_files_and_links_to_all_of_them_a_page_at_a_time(
    applicant_client, call, organisation
):
    _files_in_screening(call, organisation, range(1, 22))
    html = applicant_client.get(reverse("subsidies:dashboard")).content.decode()
    assert html.count("In behandeling bij de dienst") == 10
    assert "SUB-2026-0021" in html and "SUB-2026-0011" not in html
    url = reverse("subsidies:organisation_applications", args=[organisation.pk])
    assert f'<a href="{url}">Alle 21 dossiers van {organisation.name}</a>' in html
    first = applicant_client.get(url).content.decode()
    assert "21 dossiers, de nieuwste eerst." in first
    assert first.count("In behandeling bij de dienst") == 20
    assert "Pagina 1 van 2" in first and "SUB-2026-0001" not in first
    last = applicant_client.get(url, {"page": 2}).content.decode()
    assert last.count("In behandeling bij de dienst") == 1 and "SUB-2026-0001" in last
    # Another organisation's files are not found.
    other = OrganisationFactory()
    other_url = reverse("subsidies:organisation_applications", args=[other.pk])
    assert applicant_client.get(other_url).status_code == 404


def test_autosave_saves_the_draft_quietly(applicant_client, draft):
    response = applicant_client.post(
        step_url(draft, "project"),
        {"title": "Bijna klaar", "summary": "", "action": "next"},
        headers={"X-Autosave": "1"},
    )
    assert response.status_code == 204
    draft.refresh_from_db()
    assert draft.title == "Bijna klaar"


def test_autosave_of_an_invalid_value_saves_nothing(applicant_client, draft):
    response = applicant_client.post(
        step_url(draft, "project"),
        {"title": "X", "start_date": "geen datum"},
        headers={"X-Autosave": "1"},
    )
    assert response.status_code == 422
    draft.refresh_from_db()
    assert draft.title != "X"


def test_autosave_of_a_budget_above_the_limits_keeps_the_draft(applicant_client, draft):
    response = applicant_client.post(
        step_url(draft, "begroting"),
        budget_data(requested="9000", expenses=[("Bouw", "10000")]),
        headers={"X-Autosave": "1"},
    )
    assert response.status_code == 204
    draft.refresh_from_db()
    assert draft.requested_amount == Decimal("9000")


def test_autosave_cannot_change_a_submitted_file(applicant_client, draft, applicant):
    from subsidies import services

    services.application_submit(application=draft, user=applicant)
    applicant_client.post(
        step_url(draft, "project"), {"title": "Later"}, headers={"X-Autosave": "1"}
    )
    draft.refresh_from_db()
    assert draft.title != "Later"


def test_another_attachment_without_a_description_is_kept(applicant_client, draft):
    applicant_client.post(
        step_url(draft, "bijlagen"),
        {"file_other": SimpleUploadedFile("foto.pdf", PDF_BYTES), "action": "save"},
    )
    attachment = Attachment.objects.get()
    assert attachment.requirement is None
    assert attachment.description == "Andere bijlage"
