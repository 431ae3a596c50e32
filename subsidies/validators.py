"""Checks of Belgian enterprise numbers, IBANs and uploaded files, in Dutch."""

import hashlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import iban as stdnum_iban
from stdnum.be import vat as stdnum_vat
from stdnum.exceptions import ValidationError as StdnumError

from herentq import uploads

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


ALLOWED_KINDS = {
    uploads.PDF,
    uploads.JPEG,
    uploads.PNG,
    uploads.DOCX,
    uploads.XLSX,
    uploads.PPTX,
    uploads.ODT,
    uploads.ODS,
    uploads.DOC,
    uploads.XLS,
}


def validate_upload(upload) -> uploads.FileKind:
    """Check size and content; returns the kind so the file is stored as what it is."""
    return uploads.inspect(
        upload,
        allowed=ALLOWED_KINDS,
        max_bytes=MAX_UPLOAD_BYTES,
        messages={
            "file_too_large": _(
                "Dit bestand is te groot (%(size)s MB): het maximum is 10 MB."
            ),
            "file_type": _(
                "Dit bestandstype is niet toegelaten. Laad een PDF, een foto (JPEG "
                "of PNG) of een Office-document (Word, Excel, OpenDocument) op."
            ),
        },
    )


def sha256_of(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
