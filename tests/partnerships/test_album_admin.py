"""A photo album is created with its photos in one go in the admin: every file
through the same inspection and the same service that makes the renditions;
a refused file is named in Dutch next to the field and nothing is stored."""

import pytest
from django.urls import reverse

from herentq.models import AuditEntry
from partnerships.models import Photo, PhotoAlbum
from tests.partnerships.factories import image_upload
from tests.security.payloads import decompression_bomb_png

pytestmark = pytest.mark.django_db

ADD = "admin:partnerships_photoalbum_add"


def album_data(partnership, **extra):
    return {
        "partnership": partnership.pk,
        "title": "Bezoek aan Nimlaha'kok",
        "description": "De delegatie in 2024.",
        "position": 0,
        # The album's photo inline (read-only on a new album: no forms).
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
        **extra,
    }


def test_album_add_form_takes_several_photos(service_client):
    html = service_client.get(reverse(ADD)).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file" name="photos"' in html and "multiple" in html
    assert "Alternatieve tekst (Nederlands)" in html


def test_album_is_created_with_its_photos_in_one_go(service_client, nimlahakok):
    response = service_client.post(
        reverse(ADD),
        album_data(
            nimlahakok,
            photos=[image_upload("a.jpg"), image_upload("b.png", image_format="PNG")],
            alt_text="Leerlingen voor de school",
            caption="Bezoek 2024",
            credit="Dienst",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    album = PhotoAlbum.objects.get(title="Bezoek aan Nimlaha'kok")
    photos = list(album.photos.order_by("position"))
    assert len(photos) == 2
    assert {p.alt_text for p in photos} == {"Leerlingen voor de school"}
    assert {p.caption for p in photos} == {"Bezoek 2024"}
    # The renditions were made once, by the same service as the upload page.
    assert all(p.medium and p.thumbnail and p.thumbnail_width for p in photos)
    assert AuditEntry.objects.filter(
        action="partnerships.partnership.photos_added"
    ).exists()
    # Without photos an album is created empty, as before.
    response = service_client.post(
        reverse(ADD), album_data(nimlahakok, title="Leeg album")
    )
    assert response.status_code == 302
    assert not PhotoAlbum.objects.get(title="Leeg album").photos.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "anim.gif",
            image_upload("anim.gif", image_format="GIF").read(),
            "anim.gif: dit is geen foto in JPEG-, PNG- of WebP-formaat.",
        ),
        (
            "factuur.jpg",
            b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n",
            "factuur.jpg: dit is geen foto in JPEG-, PNG- of WebP-formaat.",
        ),
        (
            "bom.png",
            decompression_bomb_png(),
            "bom.png: de foto mag hoogstens 40 megapixels groot zijn.",
        ),
    ],
)
def test_hostile_photo_is_refused_next_to_the_field_and_nothing_is_stored(
    service_client, nimlahakok, name, content, message
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    albums, photos = PhotoAlbum.objects.count(), Photo.objects.count()
    response = service_client.post(
        reverse(ADD),
        album_data(
            nimlahakok,
            photos=[image_upload("goed.jpg"), SimpleUploadedFile(name, content)],
            alt_text="Vrouwen van de leidersorganisatie",
            caption="Vergadering",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["adminform"].form
    assert form.errors["photos"] == [message]
    assert message in html
    # The rest of the form is kept.
    assert 'value="Vrouwen van de leidersorganisatie"' in html
    assert 'value="Vergadering"' in html
    assert "De delegatie in 2024." in html
    assert (PhotoAlbum.objects.count(), Photo.objects.count()) == (albums, photos)


def test_photos_without_alt_text_are_refused_in_dutch(service_client, nimlahakok):
    response = service_client.post(
        reverse(ADD), album_data(nimlahakok, photos=[image_upload()], alt_text=" ")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["alt_text"] == [
        "Geef een alternatieve tekst: wat er op de foto's te zien is."
    ]
    assert not PhotoAlbum.objects.filter(title="Bezoek aan Nimlaha'kok").exists()
