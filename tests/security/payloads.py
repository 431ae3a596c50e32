"""Hostile values for every kind of form field, and how to read the answer.

A `Field` says what kind of value a form expects; `payloads_for(field)` gives the
hostile values to send in its place, each saying whether the form must refuse it
(with an error at the field) and which text must never come back unescaped.
"""

import enum
import functools
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

SCRIPT = "<script>alert(1)</script>"
SQL = "' OR 1=1; DROP TABLE x; --"
LONG = "a" * 100_000
NUL = "ab\x00cd"


class Kind(enum.Enum):
    TEXT = "text"  # free text with a maximum length
    SEARCH = "search"  # free text the view cleans itself (search box, slug param)
    EMAIL = "email"
    CHOICE = "choice"  # one of a list (select, radio buttons, a slug or id)
    MULTIPLE_CHOICE = "multiple choice"
    BOOLEAN = "boolean"  # a checkbox: any value means "ticked"
    NUMBER = "number"
    DATE = "date"
    PASSWORD = "password"
    CODE = "code"  # a one-time code: anything else than the right one is wrong
    FILE = "file"


class FileKind(enum.Enum):
    IMAGE = "image"  # JPEG, PNG or WebP
    DOCUMENT = "document"  # PDF (or Office)


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    max_length: int | None = None
    # Files: what the field takes, and its largest accepted size.
    file_kind: FileKind | None = None
    max_bytes: int | None = None
    # A query parameter outside any form (a page number): it need not explain.
    shows_errors: bool = True

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class Payload:
    name: str
    value: object
    # The form must refuse it and say why at the field.
    refused: bool
    # Text that must never appear raw in a response (it would be markup).
    markup: str | None = None


def _text_payloads(field: Field) -> list[Payload]:
    bounded = field.max_length is not None and field.max_length < len(LONG)
    strict = field.kind in (Kind.EMAIL, Kind.CHOICE, Kind.MULTIPLE_CHOICE)
    strict = strict or field.kind in (Kind.NUMBER, Kind.DATE, Kind.CODE)
    # Free text and search boxes take anything printable; a NUL is refused by
    # every form field (PostgreSQL cannot store it), cleaned away by search boxes.
    nul_refused = field.kind not in (Kind.SEARCH, Kind.BOOLEAN)
    payloads = [
        Payload("script tag", SCRIPT, refused=strict, markup=SCRIPT),
        Payload("SQL fragment", SQL, refused=strict, markup=SQL),
        Payload("100 000 characters", LONG, refused=strict or bounded),
        Payload("NUL byte", NUL, refused=nul_refused),
        Payload(
            "a list instead of one value",
            [SCRIPT, SQL],
            refused=strict,
            markup=SCRIPT,
        ),
    ]
    if field.kind == Kind.BOOLEAN:
        payloads = [
            Payload(p.name, p.value, refused=False, markup=p.markup) for p in payloads
        ]
    if field.kind == Kind.EMAIL:
        # Valid addresses may quote markup: accepted or not, it must be escaped.
        payloads.append(
            Payload(
                "markup in a quoted address",
                f'"{SCRIPT}"@example.be',
                refused=False,
                markup=SCRIPT,
            )
        )
    if field.kind in (Kind.CHOICE, Kind.MULTIPLE_CHOICE):
        payloads.append(Payload("an unknown choice", "onbestaande-keuze", True))
        payloads.append(Payload("a huge number", "9" * 30, True))
    if field.kind == Kind.NUMBER:
        payloads += [
            Payload("text in a number field", "twaalf", True),
            Payload("a huge number", "9" * 30, True),
            Payload("an exponent", "1e400", True),
        ]
    if field.kind == Kind.DATE:
        payloads += [
            Payload("text in a date field", "morgen", True),
            Payload("a date that does not exist", "31/02/2025", True),
            Payload("a year out of range", "99999-12-31", True),
        ]
    return payloads


def payloads_for(field: Field) -> list[Payload]:
    if field.kind == Kind.FILE:
        return _file_payloads(field)
    payloads = _text_payloads(field)
    if not field.shows_errors:
        payloads = [
            Payload(p.name, p.value, refused=False, markup=p.markup) for p in payloads
        ]
    return payloads


# Files -------------------------------------------------------------------------------


@functools.cache
def small_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 40)).save(buffer, format="JPEG")
    return buffer.getvalue()


SMALL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


@functools.cache
def decompression_bomb_png(side: int = 20_000) -> bytes:
    """A 1-bit PNG of side × side pixels (400 megapixels for 20 000): a few dozen
    kilobytes on the wire, gigabytes once decoded to RGB.

    Pillow writes a real PNG; its header and data are then replaced by the big
    ones (all-black rows, compressed as the format does)."""
    buffer = io.BytesIO()
    Image.new("1", (1, 1)).save(buffer, format="PNG")
    small = buffer.getvalue()
    signature = small[:8]
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (side + 7) // 8)  # filter byte + packed pixels
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side))
    data += compressor.flush()
    png = (
        signature
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        with Image.open(io.BytesIO(png)) as check:  # a PNG as big as declared
            assert check.size == (side, side)
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    return png


MIB = 1024 * 1024
DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
    'openxmlformats.org/package/2006/content-types"><Override PartName="/word/'
    'document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)


def _zip(members) -> bytes:
    """A deflated zip of (name, bytes or a number of zero bytes) members; zeros
    are streamed in 1 MiB chunks, so building a bomb needs no memory either."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            if isinstance(content, int):
                with archive.open(name, "w", force_zip64=True) as member:
                    chunk = b"\x00" * MIB
                    for _ in range(content // MIB):
                        member.write(chunk)
            else:
                archive.writestr(name, content)
    return buffer.getvalue()


@functools.cache
def odt_bomb() -> bytes:
    """An .odt whose `mimetype` member unpacks to 512 MiB (about 0.5 MB sent)."""
    return _zip([("mimetype", 512 * MIB), ("content.xml", "<office:document/>")])


@functools.cache
def docx_with_a_huge_member() -> bytes:
    """A .docx-shaped zip whose document part declares and unpacks to 1 GiB."""
    return _zip(
        [("[Content_Types].xml", DOCX_CONTENT_TYPES), ("word/document.xml", 1024 * MIB)]
    )


@functools.cache
def docx_with_a_nested_zip() -> bytes:
    inner = _zip([("payload.txt", b"x" * 100)])
    return _zip(
        [
            ("[Content_Types].xml", DOCX_CONTENT_TYPES),
            ("word/document.xml", b"<w:document/>"),
            ("word/media/image1.png", inner),  # a zip under another name
        ]
    )


@functools.cache
def docx_with_thousands_of_entries(count: int = 5000) -> bytes:
    return _zip(
        [("[Content_Types].xml", DOCX_CONTENT_TYPES)]
        + [(f"word/part{n}.xml", b"<x/>") for n in range(count)]
    )


@functools.cache
def png_of_144_megapixels() -> bytes:
    """A 12 000 × 12 000 1-bit PNG: about 20 KB, 432 MB once decoded to RGB."""
    return decompression_bomb_png(12_000)


def hostile_documents() -> dict[str, tuple[str, bytes]]:
    """The hostile uploads every document field must refuse: (file name, bytes)."""
    return {
        "an .odt whose mimetype unpacks to 512 MiB": ("verslag.odt", odt_bomb()),
        "a .docx with a 1 GiB member": ("begroting.docx", docx_with_a_huge_member()),
        "a .docx holding a zip": ("nota.docx", docx_with_a_nested_zip()),
        "a .docx of 5000 entries": ("lijst.docx", docx_with_thousands_of_entries()),
        "a PNG of 144 megapixels": ("kaart.png", png_of_144_megapixels()),
    }


def upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def valid_file(field: Field, name: str | None = None) -> SimpleUploadedFile:
    if field.file_kind == FileKind.IMAGE:
        return upload(name or "foto.jpg", small_jpeg(), "image/jpeg")
    return upload(name or "document.pdf", SMALL_PDF, "application/pdf")


def _file_payloads(field: Field) -> list[Payload]:
    assert field.max_bytes, f"{field.name}: give the largest accepted size"
    if field.file_kind == FileKind.IMAGE:
        good, name, content_type = small_jpeg(), "foto.jpg", "image/jpeg"
    else:
        good, name, content_type = SMALL_PDF, "document.pdf", "application/pdf"
    oversized = good + b"\x00" * (field.max_bytes + 1 - len(good))
    html = f"<html><body>{SCRIPT}</body></html>".encode()
    return [
        Payload(
            "an oversized file",
            lambda: upload(name, oversized, content_type),
            refused=True,
        ),
        Payload(
            "a web page named as the expected type",
            lambda: upload(name, html, content_type),
            refused=True,
            markup=SCRIPT,
        ),
        Payload(
            "another type behind the expected extension",
            lambda: upload(
                name, SMALL_PDF if good != SMALL_PDF else small_jpeg(), content_type
            ),
            refused=True,
        ),
        Payload(
            "a decompression bomb",
            lambda: upload(
                name.rsplit(".", 1)[0] + ".png", decompression_bomb_png(), "image/png"
            ),
            refused=True,
        ),
        *[
            Payload(
                what,
                lambda name=hostile_name, content=content: upload(
                    name, content, "application/octet-stream"
                ),
                refused=True,
            )
            for what, (hostile_name, content) in hostile_documents().items()
            if field.file_kind == FileKind.DOCUMENT or what.startswith("a PNG")
        ],
        Payload("text instead of a file", SCRIPT, refused=True, markup=SCRIPT),
        Payload(
            "markup in the file name",
            lambda: upload(f"{SCRIPT}.{name.rsplit('.', 1)[1]}", good, content_type),
            refused=False,
            markup=SCRIPT,
        ),
    ]


# Reading the answer -------------------------------------------------------------------

VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _Page(HTMLParser):
    """The form controls by name, each with the aria attributes that apply to it
    (its own and those of the groups around it, such as a radio buttons'
    fieldset), and the text of every element with an id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.controls: dict[str, list[dict]] = {}
        self.text_by_id: dict[str, str] = {}
        self._open: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attributes = {key: value or "" for key, value in attrs}
        if tag in ("input", "select", "textarea") and attributes.get("name"):
            described = [attributes.get("aria-describedby", "")]
            invalid = [attributes.get("aria-invalid", "")]
            for _tag, outer in self._open:
                described.append(outer.get("aria-describedby", ""))
                invalid.append(outer.get("aria-invalid", ""))
            self.controls.setdefault(attributes["name"], []).append(
                {
                    "invalid": "true" in invalid,
                    "described_by": " ".join(described).split(),
                }
            )
        if tag in VOID_TAGS:
            return
        if attributes.get("id"):
            self.text_by_id.setdefault(attributes["id"], "")
        self._open.append((tag, attributes))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def handle_data(self, data):
        for _tag, attributes in self._open:
            if attributes.get("id"):
                self.text_by_id[attributes["id"]] += data


def field_error(html: str, name: str) -> str:
    """The error said at the field: the text of the elements that the control (or
    its group) points at with aria-describedby (ids with "error"), when it is
    marked aria-invalid."""
    page = _Page()
    page.feed(html)
    texts = []
    for control in page.controls.get(name, []):
        if not control["invalid"]:
            continue
        for element_id in control["described_by"]:
            if "error" in element_id:
                texts.append(page.text_by_id.get(element_id, ""))
    return " ".join(" ".join(dict.fromkeys(texts)).split())


ENGLISH_WORDS = {
    "allowed",
    "available",
    "characters",
    "choice",
    "contain",
    "ensure",
    "enter",
    "field",
    "file",
    "image",
    "invalid",
    "must",
    "please",
    "required",
    "select",
    "short",
    "submitted",
    "the",
    "this",
    "too",
    "upload",
    "valid",
    "value",
}


def english_words(text: str) -> set[str]:
    """Common words of Django's English messages found in the text (none expected
    in a Dutch message; the payload itself may be quoted in it)."""
    for payload in (SCRIPT, SQL):
        text = text.replace(payload, " ")
    return set(re.findall(r"[a-z]+", text.lower())) & ENGLISH_WORDS
