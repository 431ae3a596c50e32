"""Attendee lists for the service: CSV (Excel-friendly) and XLSX."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from herentq import exports
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
    for enrolment in selectors.enrolments_for_export(queryset):
        yield [value(enrolment) for _title, value in columns]


def _headers():
    return [title for title, _value in _columns()]


def _filename(extension: str) -> str:
    return f"deelnemers-{timezone.localdate():%Y-%m-%d}.{extension}"


def enrolments_csv(queryset) -> HttpResponse:
    """UTF-8 with a byte order mark and semicolons: opens as is in Belgian Excel."""
    return exports.csv_response(_headers(), _rows(queryset), filename=_filename("csv"))


def enrolments_xlsx(queryset) -> HttpResponse:
    return exports.xlsx_response(
        _headers(),
        _rows(queryset),
        filename=_filename("xlsx"),
        title=_("Deelnemers"),
    )
