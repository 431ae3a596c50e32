"""Attendee lists for the service: CSV (Excel-friendly) and XLSX."""

import csv
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from learning_tracks import selectors


def _local(value):
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def _columns():
    return [
        (_("Leertraject"), lambda e: e.track.title),
        (_("Status"), lambda e: e.get_status_display()),
        (_("Plaats op de wachtlijst"), lambda e: e.waiting_position or ""),
        (_("Naam"), lambda e: e.name),
        (_("E-mailadres"), lambda e: e.email),
        (_("Organisatie of gemeente"), lambda e: e.organisation),
        (_("Rol"), lambda e: e.get_role_display()),
        (_("Dieet- of toegankelijkheidsnoden"), lambda e: e.needs),
        (_("Aanwezig op sessies"), lambda e: e.attended_count),
        (_("Ingeschreven op"), lambda e: _local(e.created_at)),
        (_("Bevestigd op"), lambda e: _local(e.email_confirmed_at)),
    ]


def _rows(queryset):
    columns = _columns()
    yield [title for title, _value in columns]
    for enrolment in selectors.enrolments_for_export(queryset):
        yield [value(enrolment) for _title, value in columns]


def _filename(extension: str) -> str:
    return f"deelnemers-{timezone.localdate():%Y-%m-%d}.{extension}"


def _formula_safe(value):
    """Text that a spreadsheet would run as a formula is prefixed with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def enrolments_csv(queryset) -> HttpResponse:
    """UTF-8 with a byte order mark and semicolons: opens as is in Belgian Excel."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    for row in _rows(queryset):
        writer.writerow([_formula_safe(value) for value in row])
    return response


def enrolments_xlsx(queryset) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Deelnemers")
    for row in _rows(queryset):
        sheet.append([_formula_safe(value) for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.columns, start=1):
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
    output = BytesIO()
    workbook.save(output)
    response = HttpResponse(
        output.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
