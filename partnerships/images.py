"""Uploaded photos: checked on their content, re-encoded without any metadata.

Only JPEG, PNG and WebP up to 10 MB and 40 megapixels are accepted. The check on
the pixel count reads only the image header, before anything is decoded, so a
decompression bomb is refused without being unpacked. Stored images are new JPEG
files: the orientation tag applied to the pixels, then every EXIF, GPS, XMP and
ICC block left behind.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from herentq import uploads
from partnerships.constants import (
    PHOTO_MAX_BYTES,
    PHOTO_MAX_PIXELS,
    PHOTO_SIZES,
)


@dataclass(frozen=True)
class Rendition:
    content: ContentFile
    width: int
    height: int


def _refuse(upload, message: str, code: str):
    name = getattr(upload, "name", "") or _("het bestand")
    raise ValidationError(
        _("%(name)s: %(message)s"),
        code=code,
        params={"name": name, "message": message},
    )


def validate_photo(upload) -> None:
    """Refuse anything that is not a JPEG, PNG or WebP within the limits
    (herentq.uploads reads the header only, before any pixel is decoded)."""
    try:
        uploads.inspect(
            upload,
            allowed=uploads.IMAGES,
            max_bytes=PHOTO_MAX_BYTES,
            max_pixels=PHOTO_MAX_PIXELS,
            check_extension=False,  # the photo is stored re-encoded anyway
            messages={
                "file_too_large": _("het bestand is groter dan %(max)s MB."),
                "file_empty": _wrong_format_message(),
                "file_type": _wrong_format_message(),
                "too_many_pixels": _too_many_pixels_message(),
            },
        )
    except ValidationError as error:
        _refuse(upload, error.message, error.code)


def _wrong_format_message() -> str:
    return _("dit is geen foto in JPEG-, PNG- of WebP-formaat.")


def _too_many_pixels_message() -> str:
    return _("de foto mag hoogstens %(max)s megapixels groot zijn.") % {
        "max": PHOTO_MAX_PIXELS // 1_000_000
    }


def _flatten(image: Image.Image) -> Image.Image:
    """RGB pixels: transparency on white, palette and greyscale expanded."""
    if image.mode in ("RGBA", "LA") or (
        image.mode == "P" and "transparency" in image.info
    ):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image: Image.Image) -> Rendition:
    buffer = io.BytesIO()
    # No exif=, icc_profile= or xmp= arguments: the new file carries pixels only.
    image.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return Rendition(ContentFile(buffer.getvalue()), image.width, image.height)


def make_renditions(upload) -> dict[str, Rendition]:
    """The stored image and its medium and thumbnail versions, made once."""
    validate_photo(upload)
    upload.seek(0)
    with Image.open(upload) as original:
        original.seek(0)  # the first frame of an animation
        image = ImageOps.exif_transpose(original)
        image = _flatten(image)
    image.info.clear()  # EXIF, GPS, XMP, ICC: nothing is carried over
    renditions = {}
    for name, longest_side in PHOTO_SIZES.items():
        copy = image.copy()
        copy.info.clear()
        copy.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
        renditions[name] = _encode(copy)
    return renditions
