"""Uploads in object storage (a real `rclone serve s3`), seen through the portal.

Public files (a photo uploaded in the admin, its renditions, a news image) are
served under /media/ from the public bucket, and answer 404 while their content is
unpublished; a private attachment lands in the private bucket and is only handed
out by the views that check permission; /readyz/ follows the store's state.
"""

import datetime as dt
import importlib
import io
import json
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from herentq.models import NewsItem
from subsidies.models import Attachment
from tests.core.production import run_probe
from tests.factories import NewsItemFactory
from tests.partnerships.factories import (
    PartnerPlaceFactory,
    PhotoAlbumFactory,
    image_upload,
)
from tests.s3_server import ACCESS_KEY, PRIVATE_BUCKET, PUBLIC_BUCKET, SECRET_KEY
from tests.subsidies.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def _on_local_disk() -> list[Path]:
    return [
        path
        for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
        for path in Path(root).rglob("*")
        if path.is_file()
    ]


def test_a_photo_uploaded_in_the_admin_is_served_from_the_bucket_with_renditions(
    object_storage, service_client
):
    visitor = Client()
    album = PhotoAlbumFactory()
    PartnerPlaceFactory(partnership=album.partnership)
    local_before = _on_local_disk()
    url = reverse("admin:partnerships_photoalbum_upload", args=[album.pk])
    response = service_client.post(
        url,
        {
            "photos": [image_upload("school.jpg", size=(3000, 2000))],
            "alt_text": "Leerlingen voor de school",
        },
    )
    assert response.status_code == 302
    photo = album.photos.get()

    bucket = object_storage.bucket(PUBLIC_BUCKET)
    for field, width in [("image", 2400), ("medium", 1200), ("thumbnail", 400)]:
        fieldfile = getattr(photo, field)
        stored = bucket / fieldfile.name
        assert stored.is_file(), field
        assert fieldfile.url == f"/media/{fieldfile.name}"  # the portal serves it
        response = visitor.get(fieldfile.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "public, max-age=86400"
        body = b"".join(response.streaming_content)
        assert body == stored.read_bytes()
        with Image.open(io.BytesIO(body)) as image:
            assert image.width == width
    assert _on_local_disk() == local_before  # nothing written to MEDIA_ROOT

    # The partnership's page shows the rendition by that URL.
    page = visitor.get(album.partnership.get_absolute_url()).content.decode()
    assert photo.medium.url in page or photo.thumbnail.url in page

    # Unpublished in the admin: its files answer 404, and 200 again once published.
    changelist = reverse("admin:partnerships_partnership_changelist")
    partnership = album.partnership
    service_client.post(
        changelist, {"action": "unpublish", "_selected_action": [partnership.pk]}
    )
    for field in ("image", "medium", "thumbnail"):
        assert visitor.get(getattr(photo, field).url).status_code == 404
    # The service still previews them, uncached.
    preview = service_client.get(photo.medium.url)
    assert preview.status_code == 200
    assert preview["Cache-Control"] == "private, no-store"
    service_client.post(
        changelist, {"action": "publish", "_selected_action": [partnership.pk]}
    )
    assert visitor.get(photo.thumbnail.url).status_code == 200


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 90, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile("nieuws.png", buffer.getvalue(), content_type="image/png")


def test_news_images_are_served_from_the_bucket_only_once_published(
    object_storage, client
):
    item = NewsItemFactory(image=_png(), image_alt="Een schoolgebouw")
    assert (object_storage.bucket(PUBLIC_BUCKET) / item.image.name).is_file()
    response = client.get(item.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    # Its size was measured when it was stored: the page does not read the file.
    page = client.get(item.get_absolute_url()).content.decode()
    assert f'src="{item.image.url}"' in page
    assert 'width="40" height="30"' in page

    later = NewsItemFactory(
        image=_png(),
        image_alt="Later",
        published_on=timezone.localdate() + dt.timedelta(days=1),
    )
    assert (object_storage.bucket(PUBLIC_BUCKET) / later.image.name).is_file()
    assert client.get(later.image.url).status_code == 404
    # Neither a missing name nor a path outside the prefixes reaches the store.
    assert client.get("/media/news/bestaat-niet.png").status_code == 404
    assert client.get("/media/news/../news/x.png").status_code == 404


def test_a_private_attachment_is_only_handed_out_to_those_allowed(
    object_storage, applicant_client, outsider_client, service_user, draft
):
    service_client = Client()  # a browser of its own (applicant_client is `client`)
    service_client.force_login(service_user)
    local_before = _on_local_disk()
    response = applicant_client.post(
        reverse("subsidies:application_step", args=[draft.pk, "bijlagen"]),
        {"file_other": SimpleUploadedFile("offerte.pdf", PDF_BYTES), "action": "save"},
    )
    assert response.status_code in (200, 302)
    attachment = Attachment.objects.get(application=draft)
    stored = object_storage.bucket(PRIVATE_BUCKET) / attachment.file.name
    assert stored.read_bytes() == PDF_BYTES
    assert not (object_storage.bucket(PUBLIC_BUCKET) / attachment.file.name).exists()
    assert _on_local_disk() == local_before

    url = attachment.get_absolute_url()
    response = applicant_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="offerte.pdf"' in response["Content-Disposition"]

    admin_url = reverse(
        "admin:subsidies_application_attachment", args=[draft.pk, attachment.pk]
    )
    response = service_client.get(admin_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES

    assert outsider_client.get(url).status_code == 404
    anonymous = Client()
    response = anonymous.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    # No public URL for it: /media/ only reads the public bucket.
    assert anonymous.get(f"/media/{attachment.file.name}").status_code == 404
    assert outsider_client.get(f"/media/{attachment.file.name}").status_code == 404


def _readiness(client):
    response = client.get("/readyz/")
    return response.status_code, json.loads(response.content)


def test_readyz_follows_the_object_store(object_storage, client):
    item = NewsItemFactory(image=_png(), image_alt="Een schoolgebouw")
    status, body = _readiness(client)
    assert status == 200, body
    assert body["checks"]["storage"] == {
        "default": {"ok": True},
        "private": {"ok": True},
    }

    object_storage.stop()
    try:
        status, body = _readiness(client)
        assert status == 503
        assert body["ready"] is False
        for alias in ("default", "private"):
            outcome = body["checks"]["storage"][alias]
            assert outcome["ok"] is False
            # The error's type only, never the store's address.
            assert object_storage.endpoint_url not in json.dumps(outcome)
        assert body["checks"]["database"] == {"ok": True}
        # Pages go on; a file cannot be read meanwhile (a server error).
        visitor = Client(raise_request_exception=False)
        assert visitor.get(item.get_absolute_url()).status_code == 200
        assert visitor.get(item.image.url).status_code == 500
    finally:
        object_storage.start()

    status, body = _readiness(client)
    assert status == 200, body
    assert body["ready"] is True
    assert client.get(item.image.url).status_code == 200


def test_readyz_fails_when_a_bucket_is_missing(object_storage, client, settings):
    private = settings.STORAGES["private"]
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            **private,
            "OPTIONS": {**private["OPTIONS"], "bucket_name": "bestaat-niet"},
        },
    }
    status, body = _readiness(client)
    assert status == 503
    assert body["checks"]["storage"]["default"] == {"ok": True}
    assert body["checks"]["storage"]["private"]["ok"] is False


NODE = """
import json
from django.core.files.base import ContentFile
from django.core.files.storage import storages
saved = {
    alias: storages[alias].save(name, ContentFile(content.encode()))
    for alias, name, content in [
        ("default", "news/van-een-andere-node.txt", "publiek"),
        ("private", "council/documents/van-een-andere-node.txt", "vertrouwelijk"),
    ]
}
print(json.dumps({
    "backends": {alias: type(storages[alias]).__name__ for alias in saved},
    "buckets": {alias: storages[alias].bucket_name for alias in saved},
    "saved": saved,
}))
"""


def test_the_s3_settings_of_another_node_share_its_files(object_storage):
    """A production process configured only by the S3_* environment (another app
    node) stores files that this one reads."""
    node = run_probe(
        NODE,
        database_url="postgres://herentq@localhost:1/niet-gebruikt",
        extra_env={
            "S3_ENDPOINT_URL": object_storage.endpoint_url,
            "S3_ACCESS_KEY_ID": ACCESS_KEY,
            "S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "S3_PUBLIC_BUCKET": PUBLIC_BUCKET,
            "S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
            "S3_REGION": "eu-west-1",
        },
    )
    assert node["backends"] == {"default": "ObjectStorage", "private": "ObjectStorage"}
    assert node["buckets"] == {"default": PUBLIC_BUCKET, "private": PRIVATE_BUCKET}
    for alias, content in [("default", b"publiek"), ("private", b"vertrouwelijk")]:
        with storages[alias].open(node["saved"][alias], "rb") as handle:
            assert handle.read() == content


def test_the_migration_measures_news_images_already_stored(object_storage):
    migration = importlib.import_module("herentq.migrations.0010_newsitem_image_size")
    stored = NewsItemFactory(image=_png(), image_alt="Een schoolgebouw")
    missing = NewsItemFactory(image=_png(), image_alt="Weg")
    missing.image.storage.delete(missing.image.name)
    NewsItem.objects.update(image_width=None, image_height=None)

    migration.measure_stored_images(django_apps, None)

    stored.refresh_from_db()
    missing.refresh_from_db()
    assert (stored.image_width, stored.image_height) == (40, 30)
    assert (missing.image_width, missing.image_height) == (None, None)
    # Loading a row without a size does not read (or miss) its file.
    assert Client().get(missing.get_absolute_url()).status_code == 200
