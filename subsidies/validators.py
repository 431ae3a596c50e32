"""Checks of Belgian enterprise numbers, IBANs and uploaded files, in Dutch."""

import hashlib
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import iban as stdnum_iban
from stdnum.be import vat as stdnum_vat
from stdnum.exceptions import ValidationError as StdnumError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def normalise_enterprise_number(value: str) -> str:
    """'BE 0403.170.701' → '0403170701'; raises ValidationError when invalid."""
    try:
        return stdnum_vat.validate(value)
    except StdnumError:
        raise ValidationError(
            _(
                "Dit ondernemingsnummer klopt niet. Een ondernemingsnummer heeft "
                "10 cijfers (bv. 0403.170.701) en de laatste twee zijn een "
                "controlegetal (modulo 97): kijk het na in de KBO."
            ),
            code="invalid_enterprise_number",
        ) from None


def validate_enterprise_number(value: str) -> None:
    if value:
        normalise_enterprise_number(value)


def format_enterprise_number(value: str) -> str:
    if len(value) != 10:
        return value
    return f"{value[:4]}.{value[4:7]}.{value[7:]}"


def normalise_iban(value: str) -> str:
    try:
        return stdnum_iban.validate(value)
    except StdnumError:
        raise ValidationError(
            _(
                "Dit rekeningnummer (IBAN) klopt niet. Een Belgisch IBAN begint met "
                "BE en heeft 16 tekens, bv. BE71 0961 2345 6769."
            ),
            code="invalid_iban",
        ) from None


def validate_iban(value: str) -> None:
    if value:
        normalise_iban(value)


def format_iban(value: str) -> str:
    return stdnum_iban.format(value) if value else ""


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
JPEG = FileKind("jpg", "image/jpeg", "JPEG")
PNG = FileKind("png", "image/png", "PNG")
DOCX = FileKind(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word",
)
XLSX = FileKind(
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Excel",
)
PPTX = FileKind(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint",
)
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument")
ODS = FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument")
DOC = FileKind("doc", "application/msword", "Word 97-2003")
XLS = FileKind("xls", "application/vnd.ms-excel", "Excel 97-2003")

# The extensions a name may have for what the file really is.
EXTENSIONS = {JPEG: {"jpg", "jpeg"}}

ODF_TYPES = {kind.content_type: kind for kind in (ODT, ODS)}
OOXML_PARTS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sniff_zip(upload) -> FileKind | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return ODF_TYPES.get(mimetype)
            if "[Content_Types].xml" in names:
                for prefix, kind in OOXML_PARTS.items():
                    if any(name.startswith(prefix) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def _sniff_image(upload, kind: FileKind) -> FileKind | None:
    from PIL import Image, UnidentifiedImageError

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,  # a few kilobytes that decode to gigabytes
        OSError,
        SyntaxError,
        ValueError,
    ):
        return None
    return kind


def sniff_file_kind(upload) -> FileKind | None:
    """What the file really is, from its content; None when it is not allowed."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return _sniff_image(upload, JPEG)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _sniff_image(upload, PNG)
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(upload)
    if head.startswith(OLE2_MAGIC):
        name = (getattr(upload, "name", "") or "").lower()
        return XLS if name.endswith(".xls") else DOC
    return None


def validate_upload(upload) -> FileKind:
    """Check size and content; returns the kind so the file is stored as what it is."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Dit bestand is te groot (%(size)s MB): het maximum is 10 MB.")
            % {"size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ",")},
            code="file_too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("Dit bestand is leeg."), code="file_empty")
    kind = sniff_file_kind(upload)
    if kind is None:
        raise ValidationError(
            _(
                "Dit bestandstype is niet toegelaten. Laad een PDF, een foto (JPEG "
                "of PNG) of een Office-document (Word, Excel, OpenDocument) op."
            ),
            code="file_type",
        )
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1]
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension and extension not in EXTENSIONS.get(kind, {kind.extension}):
        raise ValidationError(
            _(
                "Dit bestand is een %(kind)s, maar de naam eindigt op .%(extension)s. "
                "Geef het de juiste extensie en laad het opnieuw op."
            )
            % {"kind": kind.label, "extension": extension[:10]},
            code="file_extension",
        )
    return kind


def sha256_of(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
