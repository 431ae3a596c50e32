"""The directory's cards: a partnership with photos shows one (its thumbnail, with
its alt text), as soon as it is added and no longer once deleted (the cached
cards follow the photos); SDG chips are compact in the list and full on the
detail page."""

import pytest
from django.urls import reverse

from tests.partnerships.factories import PhotoAlbumFactory, add_photos

pytestmark = pytest.mark.django_db


def card_of(html: str, slug: str) -> str:
    start = html.index(f'href="/partnerschappen/{slug}/"')
    begin = html.rindex('<article class="partnership-card', 0, start)
    return html[begin : html.index("</article>", start)]


def test_card_shows_a_photo_when_the_partnership_has_one(client, nimlahakok):
    html = client.get(reverse("partnerships:list")).content.decode()
    card = card_of(html, nimlahakok.slug)
    assert "partnership-card__photo" not in card

    album = PhotoAlbumFactory(partnership=nimlahakok)
    (photo,) = add_photos(album, 1, alt_text="Vrouwen voor het gemeentehuis")
    html = client.get(reverse("partnerships:list")).content.decode()
    card = card_of(html, nimlahakok.slug)
    assert 'class="partnership-card partnership-card--photo"' in card
    assert f'src="{photo.thumbnail.url}"' in card
    assert 'alt="Vrouwen voor het gemeentehuis"' in card
    # Deleted, the photo leaves the card at once (no broken image from a cache).
    photo.delete()
    card = card_of(
        client.get(reverse("partnerships:list")).content.decode(), nimlahakok.slug
    )
    assert "partnership-card__photo" not in card


def test_sdg_chips_are_compact_in_the_list_and_full_on_the_detail(client, nimlahakok):
    card = card_of(
        client.get(reverse("partnerships:list")).content.decode(), nimlahakok.slug
    )
    assert card.count("sdg-chip--compact") == 2
    # The name stays for screen readers and for hover and focus.
    assert '<span class="sdg-chip__name">' in card
    detail = client.get(nimlahakok.get_absolute_url()).content.decode()
    assert "sdg-chip--compact" not in detail
    assert detail.count('<span class="sdg-chip__number">') >= 2
