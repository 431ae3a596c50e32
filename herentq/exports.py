"""The one writer of spreadsheet files the portal hands out: CSV and XLSX.

CSV is UTF-8 with a byte order mark and semicolons, as Belgian Excel opens it;
amounts are written with a decimal comma. XLSX keeps amounts as numbers.

Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a
carriage return: a project title `=HYPERLINK(...)` typed by an applicant) is
prefixed with a quote in both formats, so it shows as the text it is.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text a spreadsheet would run as a formula, prefixed with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_cell(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if value is None:
        return ""
    return neutralise(value)


def csv_bytes(
    headers: Sequence, rows: Iterable[Sequence], *, delimiter: str = ";"
) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads UTF-8 with a BOM
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([neutralise(str(header)) for header in headers])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(headers: Sequence, rows: Iterable[Sequence], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(title)[:31]  # Excel's limit for a sheet name
    sheet.append([neutralise(str(header)) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [float(v) if isinstance(v, Decimal) else neutralise(v) for v in row]
        )
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, float):
                cell.number_format = "#,##0.00"
    sheet.freeze_panes = "A2"
    for index, column in enumerate(sheet.columns, start=1):
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(headers, rows, *, filename: str, delimiter: str = ";"):
    content = csv_bytes(headers, rows, delimiter=delimiter)
    return _attachment(content, CSV_CONTENT_TYPE, filename)


def xlsx_response(headers, rows, *, filename: str, title: str):
    return _attachment(
        xlsx_bytes(headers, rows, title=title), XLSX_CONTENT_TYPE, filename
    )
