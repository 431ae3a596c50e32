"""Photos: checked on content, re-encoded without metadata, renditions made once."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from herentq.models import AuditEntry
from partnerships import services
from partnerships.constants import PHOTO_MAX_BYTES
from partnerships.models import Photo
from tests.partnerships.factories import PhotoAlbumFactory, add_photos, image_upload

pytestmark = pytest.mark.django_db


def stored_bytes(fieldfile) -> bytes:
    """A stored file's content, read through its storage (it may have no path)."""
    with fieldfile.storage.open(fieldfile.name, "rb") as handle:
        return handle.read()


GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps_and_orientation(orientation=6, size=(600, 300)):
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "CameraMaker"  # Make
    exif[GPS_IFD] = {1: "N", 2: (50.0, 54.0, 0.0), 3: "E", 4: (4.0, 40.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, icc_profile=b"\0" * 128)
    return SimpleUploadedFile("vakantie.jpg", buffer.getvalue(), "image/jpeg")


def test_stored_photo_has_no_exif_gps_or_profile_and_is_turned_upright():
    album = PhotoAlbumFactory()
    upload = jpeg_with_gps_and_orientation(orientation=6, size=(600, 300))
    with Image.open(upload) as original:
        assert original.getexif()[ORIENTATION] == 6  # the test file has metadata
        assert original.getexif().get_ifd(GPS_IFD)
    upload.seek(0)

    (photo,) = services.photos_add(album=album, uploads=[upload], alt_text="Een muur")

    for field in ("image", "medium", "thumbnail"):
        raw = stored_bytes(getattr(photo, field))
        with Image.open(io.BytesIO(raw)) as stored:
            assert stored.format == "JPEG"
            assert len(stored.getexif()) == 0, field
            assert "exif" not in stored.info and "icc_profile" not in stored.info
            assert "xmp" not in stored.info
            # Orientation 6 means "rotate 90°": the landscape file is a portrait.
            assert stored.height > stored.width
        assert b"Exif" not in raw and b"CameraMaker" not in raw


def test_renditions_are_made_once_with_their_sizes_stored():
    album = PhotoAlbumFactory()
    (photo,) = services.photos_add(
        album=album,
        uploads=[image_upload(size=(3000, 2000))],
        alt_text="Leerlingen in de klas",
        caption="Een bijschrift",
        credit="Dienst",
    )
    photo.refresh_from_db()
    assert (photo.image_width, photo.image_height) == (2400, 1600)
    assert (photo.medium_width, photo.medium_height) == (1200, 800)
    assert (photo.thumbnail_width, photo.thumbnail_height) == (400, 267)
    for field in ("image", "medium", "thumbnail"):
        with Image.open(io.BytesIO(stored_bytes(getattr(photo, field)))) as stored:
            assert stored.size == (
                getattr(photo, f"{field}_width"),
                getattr(photo, f"{field}_height"),
            )
    # Names we chose, never the uploader's, under MEDIA_ROOT (public).
    assert "foto" not in Path(photo.image.name).stem
    assert (Path(settings.MEDIA_ROOT) / photo.image.name).is_file()
    assert photo.image.name != photo.medium.name != photo.thumbnail.name


def test_small_photo_is_not_enlarged():
    (photo,) = add_photos(PhotoAlbumFactory())
    assert (photo.image_width, photo.medium_width) == (640, 640)


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted_and_stored_as_jpeg(image_format):
    upload = image_upload("kaart.png", image_format=image_format, colour=(0, 0, 0, 0))
    (photo,) = services.photos_add(
        album=PhotoAlbumFactory(), uploads=[upload], alt_text="Transparant"
    )
    with Image.open(io.BytesIO(stored_bytes(photo.medium))) as stored:
        assert stored.format == "JPEG"
        assert stored.mode == "RGB"


def _refused(upload) -> str:
    album = PhotoAlbumFactory()
    with pytest.raises(ValidationError) as error:
        services.photos_add(album=album, uploads=[upload], alt_text="Iets")
    assert not Photo.objects.exists()
    return " ".join(error.value.messages)


def test_gif_is_refused_by_its_content_whatever_its_name():
    message = _refused(image_upload("echt.jpg", image_format="GIF"))
    assert "echt.jpg: dit is geen foto in JPEG-, PNG- of WebP-formaat." in message


def test_text_file_pretending_to_be_a_photo_is_refused():
    message = _refused(SimpleUploadedFile("foto.jpg", b"not an image", "image/jpeg"))
    assert "geen foto in JPEG-, PNG- of WebP-formaat" in message


def test_file_over_ten_megabytes_is_refused():
    upload = image_upload("groot.jpg")
    padded = upload.read() + b"\0" * (PHOTO_MAX_BYTES + 1)
    message = _refused(SimpleUploadedFile("groot.jpg", padded, "image/jpeg"))
    assert message == "groot.jpg: het bestand is groter dan 10 MB."


def test_photo_over_forty_megapixels_is_refused_before_it_is_decoded():
    buffer = io.BytesIO()
    Image.new("1", (8000, 5001)).save(buffer, format="PNG")  # 40.008 megapixels
    assert len(buffer.getvalue()) < PHOTO_MAX_BYTES
    message = _refused(SimpleUploadedFile("panorama.png", buffer.getvalue()))
    assert "panorama.png: de foto mag hoogstens 40 megapixels groot zijn." in message
    assert "8000 × 5001" in message


def test_decompression_bomb_is_refused(monkeypatch):
    # Pillow's own guard (MAX_IMAGE_PIXELS) stops it before our 40 MP check.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    message = _refused(image_upload("bom.png", image_format="PNG", size=(100, 100)))
    assert "bom.png: de foto mag hoogstens 40 megapixels groot zijn." in message


def test_one_refused_file_stores_none_of_the_others():
    album = PhotoAlbumFactory()
    files_before = set(Path(settings.MEDIA_ROOT).rglob("*"))
    with pytest.raises(ValidationError) as error:
        services.photos_add(
            album=album,
            uploads=[
                image_upload("goed.jpg"),
                image_upload("slecht.gif", image_format="GIF"),
            ],
            alt_text="Iets",
        )
    assert error.value.messages == [
        "slecht.gif: dit is geen foto in JPEG-, PNG- of WebP-formaat."
    ]
    assert album.photos.count() == 0
    assert set(Path(settings.MEDIA_ROOT).rglob("*")) == files_before


def test_alt_text_is_required():
    with pytest.raises(ValidationError, match="alternatieve tekst"):
        services.photos_add(
            album=PhotoAlbumFactory(), uploads=[image_upload()], alt_text="   "
        )


def test_photos_are_added_at_the_end_of_the_album_and_audited():
    album = PhotoAlbumFactory()
    first = add_photos(album, 2)
    later = add_photos(album, 1)
    assert [photo.position for photo in first + later] == [1, 2, 3]
    entry = AuditEntry.objects.filter(
        action="partnerships.partnership.photos_added"
    ).first()
    assert entry.object_id == str(album.partnership.pk)
    assert entry.data["photos"] == [later[0].pk]


def test_deleting_a_photo_removes_its_files():
    (photo,) = add_photos(PhotoAlbumFactory())
    names = [getattr(photo, field).name for field in ("image", "medium", "thumbnail")]
    assert all(default_storage.exists(name) for name in names)
    photo.delete()
    assert not any(default_storage.exists(name) for name in names)
