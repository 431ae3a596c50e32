from django import template
from django.forms.formsets import BaseFormSet
from django.utils.html import format_html, format_html_join

from herentq.templatetags.sdgs import sdg_chip_compact
from subsidies.constants import APPLICANT_STATUS_LABELS, STATUS_TONES, Status
from subsidies.formatting import format_eur, format_percent

register = template.Library()


@register.filter
def eur(amount) -> str:
    return format_eur(amount)


REGISTER_ROW = (
    '<tr id="{}">\n'
    "          <td>{}</td>\n"
    '          <td><strong>{}</strong><br><span class="small">{} · {}</span></td>\n'
    "          <td>{}</td>\n"
    '          <td><ul class="sdg-chips">{}</ul></td>\n'
    '          <td class="text-end text-nowrap">{}</td>\n'
    "        </tr>"
)


@register.filter
def register_row(row) -> str:
    """A row of the public register, written in Python: the template's markup
    per cell and chip cost most of the page's time at 50 rows."""
    return format_html(
        REGISTER_ROW,
        row.reference.lower(),
        row.organisation.name,
        row.title,
        row.call.scheme.name,
        row.reference,
        row.country.name,
        format_html_join(
            "", "<li>{}</li>", ((sdg_chip_compact(sdg),) for sdg in row.sdgs.all())
        ),
        format_eur(row.approved_amount),
    )


@register.filter
def percent(value) -> str:
    return format_percent(value)


@register.simple_tag
def status_badge(application, *, audience="applicant"):
    """The status in words, with a colour family that is never the only cue."""
    status = Status(application.status)
    label = APPLICANT_STATUS_LABELS[status] if audience == "applicant" else status.label
    return format_html(
        '<span class="status-badge status-badge--{}">{}</span>',
        STATUS_TONES[status],
        label,
    )


def _form_errors(form) -> list[dict]:
    items = [{"anchor": "", "label": "", "message": e} for e in form.non_field_errors()]
    for field in form:
        if field.is_hidden:
            continue
        anchor = field.id_for_label or f"{field.auto_id}_0"
        items.extend(
            {"anchor": anchor, "label": field.label, "message": error}
            for error in field.errors
        )
    return items


@register.simple_tag
def error_items(*forms_and_formsets) -> list[dict]:
    """Every error of the page's forms (and formsets), for the error summary."""
    items = []
    for obj in forms_and_formsets:
        if not obj:
            continue
        if isinstance(obj, (list, tuple)):
            items.extend(error_items(*obj))
        elif isinstance(obj, BaseFormSet):
            if obj.is_bound:
                items.extend(
                    {"anchor": "", "label": "", "message": e}
                    for e in obj.non_form_errors()
                )
            for form in obj.forms:
                items.extend(_form_errors(form))
        elif getattr(obj, "is_bound", False) or getattr(obj, "_errors", None):
            items.extend(_form_errors(obj))
    return items
