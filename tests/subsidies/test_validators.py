import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from subsidies.formatting import format_eur, format_percent
from subsidies.validators import (
    normalise_enterprise_number,
    normalise_iban,
    validate_upload,
)
from tests.subsidies.factories import PDF_BYTES


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "typed", ["0403.170.701", "BE 0403 170 701", "403170701", "BE0403170701"]
)
def test_enterprise_number_in_any_usual_notation_is_accepted(typed):
    assert normalise_enterprise_number(typed) == "0403170701"


def test_enterprise_number_with_a_wrong_check_digit_is_refused_in_dutch():
    with pytest.raises(ValidationError) as error:
        normalise_enterprise_number("0403.170.702")
    assert "modulo 97" in error.value.messages[0]


def test_iban_is_checked_and_normalised():
    assert normalise_iban("be71 0961 2345 6769") == "BE71096123456769"
    with pytest.raises(ValidationError) as error:
        normalise_iban("BE71 0961 2345 6768")
    assert "rekeningnummer (IBAN) klopt niet" in error.value.messages[0]


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [
        (PDF_BYTES, "verslag.pdf", "pdf"),
        (png_bytes(), "foto.png", "png"),
        (docx_bytes(), "begroting.docx", "docx"),
        # The content decides; a name that says otherwise is refused
        # (tests/subsidies/test_hostile_input.py).
        (PDF_BYTES, "scan", "pdf"),
    ],
)
def test_uploads_are_recognised_by_their_content(content, name, kind):
    assert validate_upload(SimpleUploadedFile(name, content)).extension == kind


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"MZ\x90\x00 an executable", "statuten.pdf"),
        (b"<html><script>alert(1)</script></html>", "brief.pdf"),
        (b"\x89PNG\r\n\x1a\nnot really a png", "foto.png"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(content, name):
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile(name, content))
    assert "niet toegelaten" in error.value.messages[0]


def test_files_over_ten_megabytes_are_refused():
    big = SimpleUploadedFile("groot.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        validate_upload(big)
    assert "te groot" in error.value.messages[0]


def test_amounts_are_written_the_belgian_way():
    assert format_eur(2500) == "€\u00a02.500"
    assert format_eur("1234567.5") == "€\u00a01.234.567,50"
    assert format_eur(-20) == "-€\u00a020"
    assert format_percent("50.00") == "50\u00a0%"
    assert format_percent("12.5") == "12,5\u00a0%"
