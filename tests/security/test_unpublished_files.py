"""Files of unpublished content are not served under /media/ (herentq.public_files).

Every kind of public upload: a partnership's photo with its renditions, and a news
image. Unpublished as the secretariat does it (the admin), then published again.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from herentq.models import NewsItem
from herentq.public_files import public_uploads
from tests.factories import NewsItemFactory
from tests.partnerships.factories import (
    PartnerPlaceFactory,
    PhotoAlbumFactory,
    add_photos,
)

pytestmark = pytest.mark.django_db


def _png(name="nieuws.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 90, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _served(client, fieldfile):
    return client.get(f"/media/{fieldfile.name}")


def _assert_public(response):
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=86400"


def test_every_public_upload_field_is_claimed_by_the_registry(settings):
    """No public upload field escapes the check (a new one must be registered)."""
    from pathlib import Path

    from django.apps import apps
    from django.db.models import FileField

    media_root = Path(settings.MEDIA_ROOT).resolve()

    prefixes = [upload.prefix for upload in public_uploads()]
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                isinstance(field, FileField)
                and field.model is model
                and Path(field.storage.location).resolve() == media_root
            ):
                prefix = field.upload_to.prefix + "/"
                assert prefix in prefixes, f"{model.__name__}.{field.name}"


@pytest.fixture
def visitor():
    """Somebody on the site, not signed in (service_client is signed in)."""
    return Client()


def test_photos_of_an_unpublished_partnership_answer_404(visitor, service_client):
    album = PhotoAlbumFactory()
    partnership = album.partnership
    PartnerPlaceFactory(partnership=partnership)
    (photo,) = add_photos(album)
    files = [photo.image, photo.medium, photo.thumbnail]
    for fieldfile in files:
        _assert_public(_served(visitor, fieldfile))

    changelist = reverse("admin:partnerships_partnership_changelist")
    service_client.post(
        changelist, {"action": "unpublish", "_selected_action": [partnership.pk]}
    )
    partnership.refresh_from_db()
    assert not partnership.is_published
    for fieldfile in files:
        assert _served(visitor, fieldfile).status_code == 404

    service_client.post(
        changelist, {"action": "publish", "_selected_action": [partnership.pk]}
    )
    for fieldfile in files:
        _assert_public(_served(visitor, fieldfile))


def test_news_image_of_an_unpublished_item_answers_404(visitor, service_client):
    item = NewsItemFactory(image=_png(), image_alt="Een schoolgebouw")
    _assert_public(_served(visitor, item.image))

    change = reverse("admin:herentq_newsitem_change", args=[item.pk])

    def save(is_published):
        data = {
            "title_nl_be": item.title,
            "slug": item.slug,
            "published_on": item.published_on.isoformat(),
            "summary_nl_be": item.summary,
            "body_nl_be": item.body,
            "image_alt_nl_be": item.image_alt,
        }
        if is_published:
            data["is_published"] = "on"
        response = service_client.post(change, data)
        assert response.status_code == 302, response.content.decode()[:2000]

    save(is_published=False)
    assert not NewsItem.objects.get(pk=item.pk).is_published
    assert _served(visitor, item.image).status_code == 404

    save(is_published=True)
    _assert_public(_served(visitor, item.image))


def test_a_news_image_dated_in_the_future_is_not_served_yet(client):
    import datetime as dt

    from django.utils import timezone

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    item = NewsItemFactory(image=_png(), image_alt="Later", published_on=tomorrow)
    assert _served(client, item.image).status_code == 404


def test_a_file_no_content_owns_is_not_served(client, settings):
    from pathlib import Path

    stray = Path(settings.MEDIA_ROOT) / "news" / "los.png"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(_png().read())
    assert client.get("/media/news/los.png").status_code == 404
    other = Path(settings.MEDIA_ROOT) / "elders" / "los.png"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_bytes(b"x")
    assert client.get("/media/elders/los.png").status_code == 404


def test_the_staff_who_manage_a_draft_see_its_photos_uncached(
    visitor, service_client, settings
):
    """The admin shows thumbnails of a partnership being prepared."""
    album = PhotoAlbumFactory(partnership__is_published=False)
    (photo,) = add_photos(album)
    assert _served(visitor, photo.thumbnail).status_code == 404
    response = _served(service_client, photo.thumbnail)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"

    from tests.security.roles import APPLICANT, NO_SECOND_FACTOR, make_user

    visitor.force_login(make_user(APPLICANT))
    assert _served(visitor, photo.thumbnail).status_code == 404
    # Where the second factor is required, not with a password alone.
    settings.HERENTQ_STAFF_MFA_REQUIRED = True
    staff = make_user(NO_SECOND_FACTOR)
    from django.contrib.auth.models import Group

    from herentq.constants import SERVICE_GROUP

    staff.groups.add(Group.objects.get(name=SERVICE_GROUP))
    visitor.force_login(staff)
    assert _served(visitor, photo.thumbnail).status_code == 404
