from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from learning_tracks.constants import MAX_DOCUMENT_SIZE

# Extension → the magic bytes its content must start with.
DOCUMENT_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".odp": (b"PK\x03\x04",),
}


def validate_document(fieldfile):
    """A tool's document: a known office or PDF format by its content, not its name."""
    if not fieldfile or getattr(fieldfile, "_committed", False):
        return  # nothing, or a file stored earlier (checked when it was uploaded)
    extension = Path(fieldfile.name).suffix.lower()
    signatures = DOCUMENT_SIGNATURES.get(extension)
    if signatures is None:
        raise ValidationError(
            _("Kies een PDF-, Word-, Excel-, PowerPoint- of OpenDocument-bestand.")
        )
    if fieldfile.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _("Het bestand is groter dan %(max)s.")
            % {"max": filesizeformat(MAX_DOCUMENT_SIZE)}
        )
    fieldfile.seek(0)
    head = fieldfile.read(8)
    fieldfile.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            _("De inhoud van het bestand past niet bij een %(extension)s-bestand.")
            % {"extension": extension}
        )
