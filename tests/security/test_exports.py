"""Formula injection: every CSV and XLSX the portal hands out shows a typed
`=HYPERLINK(...)` as text, never as a live formula (herentq/exports.py)."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from learning_tracks.models import Enrolment
from tests.learning_tracks.factories import EnrolmentFactory, TrackFactory
from tests.partnerships.factories import AgreementFactory, PartnershipFactory
from tests.security.roles import SERVICE, log_in
from tests.subsidies.factories import (
    ApplicationFactory,
    CallFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x","y")'
NEUTRALISED = "'" + FORMULA


@pytest.fixture
def staff(client):
    log_in(client, SERVICE)
    return client


@pytest.fixture
def application():
    return ApplicationFactory(
        call=CallFactory(year=2026),
        organisation=OrganisationFactory(name="@SUM(A1) vzw"),
        title=FORMULA,
        status="advance_paid",
        reference="SUB-2026-0001",
        submitted_at=timezone.now(),
        decision="approved",
        approved_amount=Decimal("2000"),
        committed_amount=Decimal("2000"),
        decision_date=dt.date(2026, 5, 11),
    )


def csv_cells(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    return [cell for row in rows for cell in row]


def xlsx_cells(response) -> list:
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a live formula"
    return [cell.value for cell in cells]


def test_the_public_register_csv_shows_a_formula_as_text(client, application):
    cells = csv_cells(client.get(reverse("subsidies:register_csv", args=[2026])))
    assert NEUTRALISED in cells
    assert "'@SUM(A1) vzw" in cells
    assert FORMULA not in cells
    assert "2000,00" in cells


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_admin_export_of_applications_shows_a_formula_as_text(
    staff, application, fmt
):
    response = staff.get(reverse("admin:subsidies_application_export", args=[fmt]))
    cells = csv_cells(response) if fmt == "csv" else xlsx_cells(response)
    assert NEUTRALISED in cells
    assert FORMULA not in cells
    assert "'@SUM(A1) vzw" in cells


def test_the_admin_csv_action_on_applications_shows_a_formula_as_text(
    staff, application
):
    response = staff.post(
        reverse("admin:subsidies_application_changelist"),
        {"action": "export_csv_action", helpers.ACTION_CHECKBOX_NAME: [application.pk]},
    )
    cells = csv_cells(response)
    assert NEUTRALISED in cells
    assert FORMULA not in cells


@pytest.mark.parametrize("action", ["export_csv", "export_xlsx"])
def test_the_admin_exports_of_enrolments_show_a_formula_as_text(staff, action):
    track = TrackFactory(title=FORMULA)
    EnrolmentFactory(
        track=track, name="+32 16 85 30 00", organisation="\tTab", needs="-geen"
    )
    response = staff.post(
        reverse("admin:learning_tracks_enrolment_changelist"),
        {
            "action": action,
            helpers.ACTION_CHECKBOX_NAME: list(
                Enrolment.objects.values_list("pk", flat=True)
            ),
        },
    )
    cells = csv_cells(response) if action == "export_csv" else xlsx_cells(response)
    for typed in (FORMULA, "+32 16 85 30 00", "\tTab", "-geen"):
        assert "'" + typed in cells
        assert typed not in cells


def test_the_open_data_csv_of_partnerships_shows_a_formula_as_text(client):
    AgreementFactory(partnership=PartnershipFactory(title=FORMULA))
    cells = csv_cells(client.get("/partnerschappen.csv"))
    assert NEUTRALISED in cells
    assert FORMULA not in cells
