"""`manage.py copy_files_to_object_storage`: uploads made on the local disk are
copied into the two buckets, checked by SHA-256, served from there afterwards
without any change to the database; a second run copies nothing, a damaged
object is copied again, and a store that is down fails the command."""

import hashlib
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.factories import NewsItemFactory
from tests.partnerships.factories import (
    PartnerPlaceFactory,
    PhotoAlbumFactory,
    add_photos,
)
from tests.s3_server import PRIVATE_BUCKET, PUBLIC_BUCKET
from tests.storage.test_object_storage import _png
from tests.subsidies.factories import PDF_BYTES, AttachmentFactory

pytestmark = pytest.mark.django_db


def _copy() -> str:
    out, err = StringIO(), StringIO()
    try:
        call_command("copy_files_to_object_storage", stdout=out, stderr=err)
    except CommandError as error:
        return f"{out.getvalue()}{err.getvalue()}FAILED: {error}"
    return out.getvalue()


def _sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_copy_files_to_object_storage(settings, s3_server, tmp_path, draft):
    # Uploads made while the portal keeps them on the local disk.
    public_root, private_root = tmp_path / "public", tmp_path / "private"
    settings.MEDIA_ROOT = public_root
    settings.PRIVATE_MEDIA_ROOT = private_root
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": private_root, "base_url": None},
        },
    }
    album = PhotoAlbumFactory()
    PartnerPlaceFactory(partnership=album.partnership)
    (photo,) = add_photos(album)
    news = NewsItemFactory(image=_png(), image_alt="Een schoolgebouw")
    attachment = AttachmentFactory(application=draft)
    local = {
        PUBLIC_BUCKET: [photo.image, photo.medium, photo.thumbnail, news.image],
        PRIVATE_BUCKET: [attachment.file],
    }
    roots = {PUBLIC_BUCKET: public_root, PRIVATE_BUCKET: private_root}

    with pytest.raises(CommandError, match="S3_ENDPOINT_URL"):
        call_command("copy_files_to_object_storage", stdout=StringIO())

    # The portal pointed at the object store: copy, then serve from there.
    settings.STORAGES = {**settings.STORAGES, **s3_server.storages()}
    output = _copy()
    assert (
        "public: 4 copied and verified, 0 already there and identical, 0 failed."
        in output
    )
    assert (
        "private: 1 copied and verified, 0 already there and identical, 0 failed."
        in output
    )
    for bucket, fieldfiles in local.items():
        for fieldfile in fieldfiles:
            stored = s3_server.bucket(bucket) / fieldfile.name
            assert _sha256(stored) == _sha256(roots[bucket] / fieldfile.name)

    shutil.rmtree(public_root)
    shutil.rmtree(private_root)
    visitor = Client()
    for fieldfile in local[PUBLIC_BUCKET]:
        assert visitor.get(fieldfile.url).status_code == 200
    owner = Client()
    owner.force_login(draft.created_by)
    response = owner.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_copy_is_idempotent_repairs_a_damaged_object_and_fails_when_the_store_is_down(
    settings, s3_server, tmp_path
):
    public_root, private_root = tmp_path / "public", tmp_path / "private"
    for root, names in [
        (public_root, ["news/a.png", "partnerships/photos/b.jpg"]),
        (private_root, ["council/documents/c.pdf"]),
    ]:
        for name in names:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(f"inhoud van {name}".encode())
    settings.MEDIA_ROOT = public_root
    settings.PRIVATE_MEDIA_ROOT = private_root
    settings.STORAGES = {**settings.STORAGES, **s3_server.storages()}

    assert "public: 2 copied and verified, 0 already" in _copy()
    output = _copy()
    assert (
        "public: 0 copied and verified, 2 already there and identical, 0 failed."
        in output
    )
    assert (
        "private: 0 copied and verified, 1 already there and identical, 0 failed."
        in output
    )

    # An object changed in the store (not the file on disk) is copied again.
    damaged = s3_server.bucket(PUBLIC_BUCKET) / "news" / "a.png"
    damaged.write_bytes(b"iets anders")
    assert "public: 1 copied and verified, 1 already there and identical" in _copy()
    assert damaged.read_bytes() == b"inhoud van news/a.png"

    s3_server.stop()
    try:
        output = _copy()
    finally:
        s3_server.start()
    assert (
        "public: 0 copied and verified, 0 already there and identical, 2 failed."
        in output
    )
    assert "public: news/a.png: " in output  # which file, and the error's type
    assert "FAILED: 3 file(s) were not copied intact." in output
