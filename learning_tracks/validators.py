from django.utils.translation import gettext as _

from herentq import uploads
from learning_tracks.constants import MAX_DOCUMENT_SIZE

ALLOWED_KINDS = {
    uploads.PDF,
    uploads.DOCX,
    uploads.XLSX,
    uploads.PPTX,
    uploads.ODT,
    uploads.ODS,
    uploads.ODP,
}


def validate_document(fieldfile):
    """A tool's document: a known office or PDF format by its content, not its name
    (herentq.uploads)."""
    if not fieldfile or getattr(fieldfile, "_committed", False):
        return  # nothing, or a file stored earlier (checked when it was uploaded)
    uploads.inspect(
        fieldfile,
        allowed=ALLOWED_KINDS,
        max_bytes=MAX_DOCUMENT_SIZE,
        messages={
            "file_too_large": _("Het bestand is groter dan %(max)s MB."),
            "file_type": _(
                "De inhoud van het bestand past niet bij een PDF-, Word-, Excel-, "
                "PowerPoint- of OpenDocument-bestand."
            ),
        },
    )
