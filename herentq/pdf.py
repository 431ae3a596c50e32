"""PDF documents (receipts, minutes, certificates) rendered from Django templates.

WeasyPrint writes tagged PDF/UA-1: a structure tree in reading order, the
document's language (the template's `<html lang>`) and its title (`<title>`),
shown as the window title — public-sector documents must be accessible too.
Templates extend `pdf/base.html`, which sets the page, the fonts and the footer.
Nothing is fetched: every style is in the template, and any other URL is refused.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string

PDF_VARIANT = "pdf/ua-1"


class PdfError(Exception):
    pass


def _refuse_fetch(url: str, *args, **kwargs):
    raise PdfError(f"PDF templates load nothing from elsewhere: {url}")


def render_pdf(template_name: str, context: dict) -> bytes:
    # Imported here: WeasyPrint loads Pango through cffi when imported (half a
    # second of CPU), which only the processes that write a PDF need to pay.
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    document = HTML(string=html, url_fetcher=_refuse_fetch)
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    if not pdf:
        raise PdfError(f"could not render {template_name}")
    return pdf


def pdf_response(
    template_name: str, context: dict, *, filename: str, inline: bool = True
) -> HttpResponse:
    response = HttpResponse(
        render_pdf(template_name, context), content_type="application/pdf"
    )
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
