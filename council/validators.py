"""Attachments are checked by what they contain, not by what they are called."""

import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from council.constants import DOCUMENT_MAX_BYTES

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

PDF_EXTENSIONS = {".pdf"}
OOXML_EXTENSIONS = {".docx", ".xlsx", ".pptx"}
OLE_EXTENSIONS = {".doc", ".xls", ".ppt"}
ALLOWED_EXTENSIONS = PDF_EXTENSIONS | OOXML_EXTENSIONS | OLE_EXTENSIONS


def _is_ooxml(file) -> bool:
    try:
        with zipfile.ZipFile(file) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def validate_document(file) -> None:
    """A PDF or an Office document (OOXML or legacy OLE), at most 20 MB."""
    if file.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s); het mag hoogstens %(max)s zijn.")
            % {
                "size": filesizeformat(file.size),
                "max": filesizeformat(DOCUMENT_MAX_BYTES),
            },
            code="too_large",
        )
    extension = Path(file.name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Kies een pdf of een Office-document (Word, Excel of PowerPoint)."),
            code="extension",
        )
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if extension in PDF_EXTENSIONS:
        valid = head.startswith(PDF_MAGIC)
    elif extension in OOXML_EXTENSIONS:
        valid = head.startswith(ZIP_MAGIC) and _is_ooxml(file)
        file.seek(0)
    else:
        valid = head.startswith(OLE_MAGIC)
    if not valid:
        raise ValidationError(
            _("De inhoud van het bestand past niet bij een %(extension)s-bestand.")
            % {"extension": extension.lstrip(".")},
            code="content",
        )
