"""The one inspection of uploaded files, for every app: what a file is, from its
content, without ever unpacking more than a few kilobytes.

- The type comes from the content, never from the name: PDF by its signature;
  JPEG, PNG and WebP by Pillow reading the header; Office Open XML by the main
  content type in `[Content_Types].xml`; OpenDocument by its `mimetype` member;
  legacy Office (OLE2) by its signature, the name telling Word from Excel.
- Archives are judged by their directory (zipfile's infolist, which inflates
  nothing): at most `MAX_MEMBERS` members, `MAX_UNPACKED_BYTES` declared in all,
  a compression ratio of at most `MAX_RATIO`, and no archive inside. The two
  members read are read through a stream, at most `MEMBER_READ_BYTES` each: a
  member that declares or unpacks to 512 MiB costs 64 KB of memory here.
- Images are bounded by their pixel count before any pixel is decoded (Pillow's
  `Image.open` reads the header only); `Image.MAX_IMAGE_PIXELS` is set to the
  same bound (herentq.apps), so no other code path decodes a larger image.

`inspect()` raises a ValidationError with a Dutch message, so a form shows it at
its field; an app may word a refusal its own way through `messages`.
"""

import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_MEMBERS = 1000
MAX_UNPACKED_BYTES = 500 * 1024 * 1024  # a 20 MB spreadsheet unpacks to ~300 MB
MAX_RATIO = 100  # XML compresses 10 to 30 times; zeros a thousand times
RATIO_FREE_BYTES = 1024 * 1024  # tiny members may compress oddly well
MEMBER_READ_BYTES = 64 * 1024
MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str
    extensions: frozenset = field(default=frozenset(), compare=False)

    def accepts_extension(self, extension: str) -> bool:
        return extension in (self.extensions or {self.extension})


PDF = FileKind("pdf", "application/pdf", "PDF")
JPEG = FileKind("jpg", "image/jpeg", "JPEG", frozenset({"jpg", "jpeg"}))
PNG = FileKind("png", "image/png", "PNG")
WEBP = FileKind("webp", "image/webp", "WebP")
DOCX = FileKind(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word",
)
XLSX = FileKind(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
)
PPTX = FileKind(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint",
)
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text", "OpenDocument")
ODS = FileKind("ods", "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument")
ODP = FileKind("odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument")
DOC = FileKind("doc", "application/msword", "Word 97-2003")
XLS = FileKind("xls", "application/vnd.ms-excel", "Excel 97-2003")
PPT = FileKind("ppt", "application/vnd.ms-powerpoint", "PowerPoint 97-2003")

IMAGES = {JPEG, PNG, WEBP}
OFFICE = {DOCX, XLSX, PPTX, ODT, ODS, ODP, DOC, XLS, PPT}

# The main part's content type in [Content_Types].xml, for each OOXML kind.
OOXML_MAIN_TYPES = {
    DOCX: b"application/vnd.openxmlformats-officedocument.wordprocessingml."
    b"document.main+xml",
    XLSX: b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    PPTX: b"application/vnd.openxmlformats-officedocument.presentationml."
    b"presentation.main+xml",
}
ODF_TYPES = {kind.content_type.encode(): kind for kind in (ODT, ODS, ODP)}
OLE2_KINDS = {"doc": DOC, "xls": XLS, "ppt": PPT}
PIL_FORMATS = {"JPEG": JPEG, "PNG": PNG, "WEBP": WEBP}

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


class _Refused(Exception):
    def __init__(self, code: str, **params):
        self.code = code
        self.params = params


def _extension(upload) -> str:
    name = PurePath(getattr(upload, "name", "") or "").name
    return name.rpartition(".")[2].lower()[:10] if "." in name else ""


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int) -> bytes:
    """The first `size` bytes of a member, inflating no more than that."""
    with archive.open(info) as member:
        return member.read(size)


def _check_directory(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise _Refused("archive_members", max=MAX_MEMBERS)
    unpacked = 0
    for info in infos:
        unpacked += info.file_size
        if unpacked > MAX_UNPACKED_BYTES:
            raise _Refused("archive_size", max=MAX_UNPACKED_BYTES // (1024 * 1024))
        if info.file_size > RATIO_FREE_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise _Refused("archive_ratio")
        if PurePath(info.filename).suffix.lower() in {".zip", ".jar", ".7z", ".rar"}:
            raise _Refused("archive_nested")


def _sniff_zip(upload) -> FileKind | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            _check_directory(infos)
            for info in infos:
                if not info.is_dir() and info.file_size >= 4:
                    if _read_member(archive, info, 4).startswith(ZIP_MAGICS):
                        raise _Refused("archive_nested")
            by_name = {info.filename: info for info in infos}
            if "mimetype" in by_name:
                mimetype = _read_member(archive, by_name["mimetype"], 200).strip()
                return ODF_TYPES.get(mimetype)
            if "[Content_Types].xml" in by_name:
                types = _read_member(
                    archive, by_name["[Content_Types].xml"], MEMBER_READ_BYTES
                )
                found = [k for k, main in OOXML_MAIN_TYPES.items() if main in types]
                return found[0] if len(found) == 1 else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError):
        return None
    except (RuntimeError, NotImplementedError, ValueError):
        return None  # encrypted members, unknown compression methods
    return None


def _sniff_image(upload, max_pixels: int) -> FileKind | None:
    upload.seek(0)
    try:
        with Image.open(upload) as image:  # the header only: nothing is decoded
            width, height = image.size
            if width * height > max_pixels:
                raise _Refused(
                    "too_many_pixels",
                    max=max_pixels // 1_000_000,
                    width=width,
                    height=height,
                )
            kind = PIL_FORMATS.get(image.format)
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _Refused("too_many_pixels", max=max_pixels // 1_000_000) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    return kind


def sniff(upload, *, max_pixels: int = MAX_IMAGE_PIXELS) -> FileKind | None:
    """What the file is, from its content; None when it is none of the known kinds.

    Raises `_Refused` for archives and images beyond the limits."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if (
            head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"))
            or head[8:12] == b"WEBP"
        ):
            return _sniff_image(upload, max_pixels)
        if head.startswith(ZIP_MAGICS):
            return _sniff_zip(upload)
        if head.startswith(OLE2_MAGIC):
            return OLE2_KINDS.get(_extension(upload), DOC)
        return None
    finally:
        upload.seek(0)


def _labels(kinds: Collection[FileKind]) -> str:
    labels = sorted({kind.label for kind in kinds})
    return ", ".join(labels)


def _message(code: str, params: dict, allowed: Collection[FileKind]) -> str:
    texts = {
        "file_too_large": _(
            "Dit bestand is te groot (%(size)s MB): het maximum is %(max)s MB."
        ),
        "file_empty": _("Dit bestand is leeg."),
        "file_type": _(
            "Dit bestandstype is niet toegelaten. Toegelaten zijn: %(labels)s."
        ),
        "file_extension": _(
            "De inhoud van dit bestand past niet bij zijn naam: het is een "
            "%(kind)s, maar de naam eindigt op .%(extension)s. Geef het de juiste "
            "extensie en laad het opnieuw op."
        ),
        "archive_members": _(
            "Dit bestand bevat te veel onderdelen (meer dan %(max)s) om te aanvaarden."
        ),
        "archive_size": _(
            "Dit bestand wordt uitgepakt groter dan %(max)s MB: dat aanvaarden we niet."
        ),
        "archive_ratio": _(
            "Dit bestand is verdacht sterk samengeperst (een zogenaamde zip-bom) "
            "en wordt niet aanvaard."
        ),
        "archive_nested": _(
            "Dit bestand bevat een ander archief (zip): dat aanvaarden we niet. "
            "Laad de documenten apart op."
        ),
        "too_many_pixels": _(
            "Deze afbeelding is te groot: hoogstens %(max)s megapixels."
        ),
    }
    return texts[code] % {"labels": _labels(allowed), **params}


def inspect(
    upload,
    *,
    allowed: Collection[FileKind],
    max_bytes: int,
    max_pixels: int = MAX_IMAGE_PIXELS,
    check_extension: bool = True,
    messages: dict[str, str] | None = None,
) -> FileKind:
    """The kind of an upload within `allowed`, or a ValidationError in Dutch.

    `messages` replaces the text of a refusal by its code (file_too_large,
    file_empty, file_type, file_extension, archive_*, too_many_pixels); the
    texts are formatted with the same parameters. Without `check_extension`, a
    name that does not match the content is let through (photos, re-encoded)."""
    size = upload.size
    try:
        if size > max_bytes:
            raise _Refused(
                "file_too_large",
                size=f"{size / 1024 / 1024:.1f}".replace(".", ","),
                max=max_bytes // (1024 * 1024),
            )
        if size == 0:
            raise _Refused("file_empty")
        kind = sniff(upload, max_pixels=max_pixels)
        if kind is None or kind not in allowed:
            raise _Refused("file_type")
        extension = _extension(upload)
        if check_extension and extension and not kind.accepts_extension(extension):
            raise _Refused("file_extension", kind=kind.label, extension=extension)
    except _Refused as refusal:
        custom = (messages or {}).get(refusal.code)
        params = {"labels": _labels(allowed), **refusal.params}
        text = custom % params if custom else _message(refusal.code, params, allowed)
        if refusal.code == "too_many_pixels" and "width" in params:
            text += " " + _("Deze afbeelding is %(width)s × %(height)s pixels.") % (
                params
            )
        raise ValidationError(text, code=refusal.code) from None
    return kind


def limit_decoded_images() -> None:
    """Pillow refuses to decode more pixels than any upload may have (twice this
    raises DecompressionBombError; above it, a warning)."""
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
