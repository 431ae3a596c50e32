"""Attachments are checked by what they contain, not by what they are called
(herentq.uploads)."""

from django.utils.translation import gettext as _

from council.constants import DOCUMENT_MAX_BYTES
from herentq import uploads

ALLOWED_KINDS = {
    uploads.PDF,
    uploads.DOCX,
    uploads.XLSX,
    uploads.PPTX,
    uploads.DOC,
    uploads.XLS,
    uploads.PPT,
}


def validate_document(file) -> None:
    """A PDF or an Office document (OOXML or legacy OLE), at most 20 MB."""
    uploads.inspect(
        file,
        allowed=ALLOWED_KINDS,
        max_bytes=DOCUMENT_MAX_BYTES,
        messages={
            "file_too_large": _(
                "Het bestand is te groot (%(size)s MB); het mag hoogstens %(max)s MB "
                "zijn."
            ),
            "file_type": _(
                "Kies een pdf of een Office-document (Word, Excel of PowerPoint)."
            ),
        },
    )
