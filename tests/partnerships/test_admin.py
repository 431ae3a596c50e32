"""The back office: partnerships with inlines, publishing, multi-photo upload."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from herentq.constants import SERVICE_GROUP
from herentq.models import AuditEntry
from partnerships.models import (
    ActionDomain,
    Agreement,
    Network,
    NetworkMembership,
    Partnership,
    Photo,
    PhotoAlbum,
)
from tests.factories import UserFactory
from tests.partnerships.conftest import make_full_partnership
from tests.partnerships.factories import (
    NetworkMembershipFactory,
    PartnershipFactory,
    PhotoAlbumFactory,
    add_photos,
    image_upload,
)

pytestmark = pytest.mark.django_db

INLINE_PREFIXES = [
    "places",
    "agreements",
    "exchanges",
    "organisations",
    "albums",
    "herentq-auditentry-content_type-object_id",
]


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def admin_objects(nimlahakok):
    album = PhotoAlbumFactory(partnership=nimlahakok)
    add_photos(album)
    NetworkMembershipFactory(local_authority=nimlahakok.local_authority)
    return {
        Partnership: nimlahakok,
        PhotoAlbum: album,
        Photo: album.photos.first(),
        ActionDomain: ActionDomain.objects.first(),
        Network: Network.objects.first(),
        NetworkMembership: NetworkMembership.objects.first(),
    }


@pytest.mark.parametrize(
    "model", [Partnership, PhotoAlbum, Photo, ActionDomain, Network, NetworkMembership]
)
def test_service_user_opens_changelists_and_change_forms(
    service_client, admin_objects, model
):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert service_client.get(changelist).status_code == 200
    assert service_client.get(changelist, {"q": "a"}).status_code == 200
    obj = admin_objects[model]
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    assert service_client.get(change).status_code == 200
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    expected = 403 if model is Photo else 200  # photos are added to an album
    assert service_client.get(add).status_code == expected


def test_partnership_changelist_filters_searches_and_links_to_the_site(
    service_client, nimlahakok
):
    PartnershipFactory(title="Concept", is_published=False)
    url = reverse("admin:partnerships_partnership_changelist")
    html = service_client.get(url, {"q": "Nimlasachal"}).content.decode()
    assert "Herent – Nimlaha&#x27;kok" in html and "Concept" not in html
    # Both places match: the partnership is still listed once.
    response = service_client.get(url, {"q": "Nimla"})
    assert [p.title for p in response.context["cl"].result_list] == [
        "Herent – Nimlaha'kok en Nimlasachal"
    ]
    html = service_client.get(url, {"places__country": "GT"}).content.decode()
    assert "Nimlaha&#x27;kok (GT), Nimlasachal (GT)" in html
    # Only countries with a partner place are filter choices.
    assert "?places__country=GT" in html and "?places__country=FR" not in html
    html = service_client.get(url, {"is_published__exact": "0"}).content.decode()
    assert "Concept" in html and "Nimlasachal (GT)" not in html
    html = service_client.get(url).content.decode()
    assert 'href="/partnerschappen/herent-nimlahakok/"' in html


def test_changelist_has_a_fixed_number_of_queries(service_client, count_queries):
    url = reverse("admin:partnerships_partnership_changelist")
    for index in range(2):
        make_full_partnership(index)
    few = count_queries(lambda: service_client.get(url))
    for index in range(20):
        make_full_partnership(index + 2)
    assert count_queries(lambda: service_client.get(url)) == few


def test_partnership_is_created_with_places_and_an_agreement_dated_as_given(
    service_client, herent
):
    data = {
        "title_nl_be": "Herent – Chisec",
        "slug": "herent-chisec",
        "local_authority": herent.pk,
        "status": "in_preparation",
        "summary_nl_be": "Een nieuwe band met Chisec.",
        "body_nl_be": "",
        **dict.fromkeys(["contact_name", "contact_service", "contact_address"], ""),
        "contact_email": "",
        "contact_phone": "",
        **management("places", 1),
        "places-0-name": "Chisec",
        "places-0-kind": "municipality",
        "places-0-area": "Alta Verapaz",
        "places-0-country": "GT",
        "places-0-latitude": "15.81",
        "places-0-longitude": "-90.29",
        "places-0-wikidata_id": "",
        "places-0-position": "0",
        **management("agreements", 1),
        "agreements-0-kind": "cooperation_protocol",
        "agreements-0-signed": "maart 2018",
        "agreements-0-signed_at": "Herent",
        "agreements-0-ends": "",
        "agreements-0-summary_nl_be": "Samenwerking rond onderwijs.",
        **management("exchanges", 0),
        **management("organisations", 0),
        **management("albums", 0),
        **management("herentq-auditentry-content_type-object_id", 0),
    }
    response = service_client.post(reverse("admin:partnerships_partnership_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    partnership = Partnership.objects.get(slug="herent-chisec")
    assert partnership.is_published is False  # published only by the explicit step
    agreement = Agreement.objects.get(partnership=partnership)
    assert str(agreement.signed) == "maart 2018"
    # The search index covers what the inlines added.
    assert Partnership.objects.filter(
        pk=partnership.pk, search_vector__isnull=False
    ).exists()
    assert partnership.history.count() == 1


def test_wrong_date_in_the_agreement_inline_is_explained(service_client, nimlahakok):
    url = reverse("admin:partnerships_partnership_change", args=[nimlahakok.pk])
    html = service_client.get(url).content.decode()
    data = {
        name: value
        for name, value in re.findall(
            r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html
        )
        if "TOTAL_FORMS" in name
        or "INITIAL_FORMS" in name
        or name.endswith("-id")
        or name.endswith("-partnership")
    }
    places = nimlahakok.places.all()
    data.update(
        {
            "title": nimlahakok.title,
            "slug": nimlahakok.slug,
            "local_authority": nimlahakok.local_authority.pk,
            "status": "active",
            "summary": nimlahakok.summary,
            "agreements-TOTAL_FORMS": "1",
            "agreements-0-kind": "jumelage",
            "agreements-0-signed": "ergens in 2018",
        }
    )
    for index, place in enumerate(places):
        data.update(
            {
                f"places-{index}-id": place.pk,
                f"places-{index}-partnership": nimlahakok.pk,
                f"places-{index}-name": place.name,
                f"places-{index}-kind": place.kind,
                f"places-{index}-country": place.country.code,
                f"places-{index}-position": "0",
            }
        )
    response = service_client.post(url, data)
    assert response.status_code == 200
    assert (
        "Geef een jaar (2011), een maand (maart 2018) of een dag"
        in response.content.decode()
    )
    assert not Agreement.objects.exists()


def test_publish_and_unpublish_actions_call_the_service_and_leave_an_audit_trail(
    service_client, service_user, nimlahakok
):
    draft = PartnershipFactory(title="Zonder plaats", is_published=False)
    nimlahakok.is_published = False
    nimlahakok.save()
    url = reverse("admin:partnerships_partnership_changelist")
    response = service_client.post(
        url,
        {"action": "publish", "_selected_action": [nimlahakok.pk, draft.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "1 partnerschap gepubliceerd." in html
    assert "heeft nog geen partnerplaats" in html
    nimlahakok.refresh_from_db()
    draft.refresh_from_db()
    assert nimlahakok.is_published and not draft.is_published
    entry = AuditEntry.objects.get(action="partnerships.partnership.published")
    assert (entry.object_id, entry.actor) == (str(nimlahakok.pk), service_user)

    service_client.post(
        url, {"action": "unpublish", "_selected_action": [nimlahakok.pk]}
    )
    nimlahakok.refresh_from_db()
    assert not nimlahakok.is_published
    assert (
        AuditEntry.objects.filter(action="partnerships.partnership.unpublished").count()
        == 1
    )
    change = reverse("admin:partnerships_partnership_change", args=[nimlahakok.pk])
    page = service_client.get(change).content.decode()
    assert "Gedepubliceerd" in page  # the audit trail in words
    assert "partnerships.partnership.unpublished" not in page


def test_publish_button_on_the_change_form(service_client, nimlahakok):
    publish = reverse("admin:partnerships_partnership_publish", args=[nimlahakok.pk])
    unpublish = reverse(
        "admin:partnerships_partnership_unpublish", args=[nimlahakok.pk]
    )
    change = reverse("admin:partnerships_partnership_change", args=[nimlahakok.pk])
    assert f'action="{unpublish}"' in service_client.get(change).content.decode()
    assert service_client.get(unpublish).status_code == 405
    assert service_client.post(unpublish).status_code == 302
    nimlahakok.refresh_from_db()
    assert not nimlahakok.is_published
    assert f'action="{publish}"' in service_client.get(change).content.decode()
    service_client.post(publish)
    nimlahakok.refresh_from_db()
    assert nimlahakok.is_published


def test_only_the_service_may_publish(client, nimlahakok):
    url = reverse("admin:partnerships_partnership_unpublish", args=[nimlahakok.pk])
    assert client.post(url).status_code == 302  # anonymous: to the login page
    client.force_login(UserFactory(is_staff=True))  # staff, not in the service
    assert client.post(url).status_code == 403
    nimlahakok.refresh_from_db()
    assert nimlahakok.is_published


def test_several_photos_are_uploaded_at_once(service_client, nimlahakok):
    album = PhotoAlbumFactory(partnership=nimlahakok)
    url = reverse("admin:partnerships_photoalbum_upload", args=[album.pk])
    page = service_client.get(url).content.decode()
    assert 'type="file" name="photos"' in page and "multiple" in page
    response = service_client.post(
        url,
        {
            "photos": [
                image_upload("a.jpg"),
                image_upload("b.png", image_format="PNG"),
            ],
            "alt_text": "Leerlingen voor de school in Nimlaha'kok",
            "caption": "Bezoek 2023",
            "credit": "Dienst",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:partnerships_photoalbum_change", args=[album.pk]
    )
    photos = list(album.photos.all())
    assert len(photos) == 2
    assert {photo.alt_text for photo in photos} == {
        "Leerlingen voor de school in Nimlaha'kok"
    }
    # Per-photo alt text is edited afterwards on the album.
    change = service_client.get(response["Location"]).content.decode()
    assert 'name="photos-0-alt_text"' in change
    assert AuditEntry.objects.filter(
        action="partnerships.partnership.photos_added"
    ).exists()


def test_refused_upload_names_the_file_and_keeps_the_rest_of_the_form(
    service_client, nimlahakok
):
    album = PhotoAlbumFactory(partnership=nimlahakok)
    url = reverse("admin:partnerships_photoalbum_upload", args=[album.pk])
    response = service_client.post(
        url,
        {
            "photos": [
                image_upload("goed.jpg"),
                image_upload("anim.gif", image_format="GIF"),
            ],
            "alt_text": "Vrouwen van de leidersorganisatie",
            "caption": "Vergadering",
            "credit": "Maria",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "anim.gif: dit is geen foto in JPEG-, PNG- of WebP-formaat." in html
    assert 'value="Vrouwen van de leidersorganisatie"' in html
    assert 'value="Vergadering"' in html and 'value="Maria"' in html
    assert 'aria-describedby="id_photos-error id_photos-help"' in html
    assert not album.photos.exists()

    response = service_client.post(url, {"photos": [image_upload()], "alt_text": ""})
    assert "Dit veld is verplicht." in response.content.decode()
    assert not album.photos.exists()


def test_upload_is_closed_to_anonymous_and_other_staff(client, nimlahakok):
    album = PhotoAlbumFactory(partnership=nimlahakok)
    url = reverse("admin:partnerships_photoalbum_upload", args=[album.pk])
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(is_staff=True))
    response = client.post(url, {"photos": [image_upload()], "alt_text": "x"})
    assert response.status_code == 403
    assert not album.photos.exists()


def test_service_group_has_the_apps_permissions():
    group = Group.objects.get(name=SERVICE_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_partnership", "add_photo", "delete_photoalbum"} <= codenames


def test_albums_show_their_photo_count_and_photos_are_found_by_partnership(
    service_client, nimlahakok
):
    full, empty = PhotoAlbumFactory(partnership=nimlahakok), PhotoAlbumFactory()
    add_photos(full, 3)
    response = service_client.get(reverse("admin:partnerships_photoalbum_changelist"))
    counts = {
        album.pk: album._photo_count for album in response.context["cl"].result_list
    }
    assert counts == {full.pk: 3, empty.pk: 0}
    response = service_client.get(
        reverse("admin:partnerships_photo_changelist"), {"q": "Nimlasachal"}
    )
    assert response.context["cl"].result_count == 3
