"""PDF documents (receipts, minutes, certificates) rendered from Django templates.

xhtml2pdf is pure Python (on reportlab): no system library to install. Templates
should extend `pdf/base.html`, which sets the page and the fonts.
"""

from io import BytesIO

from django.http import HttpResponse
from django.template.loader import render_to_string
from xhtml2pdf import pisa


class PdfError(Exception):
    pass


def render_pdf(template_name: str, context: dict) -> bytes:
    html = render_to_string(template_name, context)
    output = BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8")
    if result.err:
        raise PdfError(f"could not render {template_name}")
    return output.getvalue()


def pdf_response(
    template_name: str, context: dict, *, filename: str, inline: bool = True
) -> HttpResponse:
    response = HttpResponse(
        render_pdf(template_name, context), content_type="application/pdf"
    )
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
