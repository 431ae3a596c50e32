"""A partnership's page: places, timeline, SDGs, gallery, contact, other apps."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile

from herentq.extensions import LinkItem, Section
from herentq.models import NewsItem, ServiceContact
from partnerships.apps import PartnershipsConfig
from partnerships.constants import AgreementKind, DatePrecision, ExchangeDirection
from tests.factories import NewsItemFactory
from tests.partnerships.conftest import make_full_partnership
from tests.partnerships.factories import (
    AgreementFactory,
    ExchangeFactory,
    NetworkMembershipFactory,
    PhotoAlbumFactory,
    add_photos,
)

pytestmark = pytest.mark.django_db


def test_page_shows_places_sdgs_domains_and_organisations(client, nimlahakok):
    response = client.get(nimlahakok.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert (
        "<strong>Nimlaha&#x27;kok</strong> (stad), Cobán, Alta Verapaz, Guatemala"
        in html
    )
    assert 'href="/sdg/5/"' in html and "Gendergelijkheid" in html
    assert 'href="/partnerschappen/?domein=gendergelijkheid"' in html
    assert "Lokale gemeenschapsradio" in html
    assert 'href="/partnerschappen/kaart/?bestuur=herent"' in html


def test_timeline_puts_agreements_exchanges_and_news_in_date_order(client, nimlahakok):
    AgreementFactory(
        partnership=nimlahakok,
        kind=AgreementKind.COOPERATION_AGREEMENT,
        signed_on=dt.date(2019, 5, 7),
        signed_on_precision=DatePrecision.DAY,
        signed_at="Sint-Joost-ten-Node",
    )
    AgreementFactory(
        partnership=nimlahakok,
        kind=AgreementKind.JUMELAGE_PROTOCOL,
        signed_on=dt.date(2018, 3, 1),
        signed_on_precision=DatePrecision.MONTH,
    )
    AgreementFactory(
        partnership=nimlahakok,
        kind=AgreementKind.FRATERNISATION,
        signed_on=None,
        signed_on_precision="",
    )
    AgreementFactory(
        partnership=nimlahakok,
        kind=AgreementKind.DEVELOPMENT_COOPERATION,
        signed_on=dt.date(2011, 1, 1),
        signed_on_precision=DatePrecision.YEAR,
    )
    ExchangeFactory(
        partnership=nimlahakok,
        title="Verkennende missie",
        direction=ExchangeDirection.NORTH_SOUTH,
        starts_on=dt.date(2019, 10, 1),
        starts_on_precision=DatePrecision.MONTH,
    )
    news = NewsItemFactory(title="Nieuws uit Cobán", published_on=dt.date(2018, 6, 1))
    hidden_news = NewsItemFactory(title="Concept", is_published=False)
    nimlahakok.news_items.add(news, hidden_news)

    html = client.get(nimlahakok.get_absolute_url()).content.decode()
    timeline = html[html.index('id="timeline-title"') :]
    order = [
        '<time datetime="2011">2011</time>',
        '<time datetime="2018-03">maart 2018</time>',
        '<time datetime="2018-06-01">1 juni 2018</time>',
        '<time datetime="2019-05-07">7 mei 2019</time>',
        '<time datetime="2019-10">oktober 2019</time>',
        "datum onbekend",
    ]
    positions = [timeline.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert "Ondertekend te Sint-Joost-ten-Node." in timeline
    assert "Uitwisseling Noord → Zuid:" in timeline
    assert "Nieuws uit Cobán" in timeline
    assert "Concept" not in timeline
    # Since: the earliest agreement, shown as given.
    assert '<dd><time datetime="2011">2011</time></dd>' in html


def test_gallery_shows_thumbnails_with_alt_text_and_size(client, nimlahakok):
    album = PhotoAlbumFactory(partnership=nimlahakok, title="Bezoek 2023")
    PhotoAlbumFactory(partnership=nimlahakok, title="Leeg album")
    (photo,) = add_photos(album, alt_text="Kinderen voor de gemeenschapsradio")
    html = client.get(nimlahakok.get_absolute_url()).content.decode()
    assert "Bezoek 2023" in html
    assert "Leeg album" not in html
    pattern = rf'<img src="{re.escape(photo.thumbnail.url)}"[^>]*>'
    tag = re.search(pattern, html).group(0)
    assert 'alt="Kinderen voor de gemeenschapsradio"' in tag
    assert f'width="{photo.thumbnail_width}"' in tag
    assert f'height="{photo.thumbnail_height}"' in tag
    # Each thumbnail links to the photo's own page: the gallery works without JS.
    assert f'href="/partnerschappen/herent-nimlahakok/fotos/{photo.pk}/"' in html
    assert 'id="lightbox"' in html and "js/partnerships.js" in html


def test_photo_page_shows_the_medium_rendition_and_neighbours(client, nimlahakok):
    album = PhotoAlbumFactory(partnership=nimlahakok, title="Bezoek 2023")
    first, second, third = add_photos(album, 3)
    response = client.get(second.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Foto 2 van 3" in html
    assert f'src="{second.medium.url}"' in html
    assert f'width="{second.medium_width}" height="{second.medium_height}"' in html
    assert f'href="{first.get_absolute_url()}" rel="prev"' in html
    assert f'href="{third.get_absolute_url()}" rel="next"' in html
    assert second.image.url in html


def test_unpublished_partnership_and_its_photos_and_documents_are_not_found(
    client, nimlahakok
):
    (photo,) = add_photos(PhotoAlbumFactory(partnership=nimlahakok))
    agreement = AgreementFactory(partnership=nimlahakok)
    agreement.document.save("akkoord.pdf", ContentFile(b"%PDF-1.4 test"))
    assert client.get(agreement.get_document_url()).status_code == 200
    nimlahakok.is_published = False
    nimlahakok.save()
    assert client.get(nimlahakok.get_absolute_url()).status_code == 404
    assert client.get(photo.get_absolute_url()).status_code == 404
    assert client.get(agreement.get_document_url()).status_code == 404


def test_photo_of_another_partnership_is_not_found_under_this_one(client, nimlahakok):
    other = make_full_partnership(1)
    (photo,) = add_photos(PhotoAlbumFactory(partnership=other))
    url = f"/partnerschappen/{nimlahakok.slug}/fotos/{photo.pk}/"
    assert client.get(url).status_code == 404


def test_signed_agreement_pdf_is_served_with_a_clear_name(client, nimlahakok):
    agreement = AgreementFactory(partnership=nimlahakok)
    agreement.document.save("scan 001.pdf", ContentFile(b"%PDF-1.4 test"))
    html = client.get(nimlahakok.get_absolute_url()).content.decode()
    assert agreement.get_document_url() in html
    assert "Ondertekende jumelage (pdf)" in html
    response = client.get(agreement.get_document_url())
    assert response["Content-Type"] == "application/pdf"
    assert (
        f"herent-nimlahakok-jumelage-{agreement.pk}.pdf"
        in response["Content-Disposition"]
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Stored outside MEDIA_ROOT: no public URL exists for it.
    assert "/media/" not in html.split("timeline-title")[1].split("photos-title")[0]
    no_document = AgreementFactory(partnership=nimlahakok)
    assert client.get(no_document.get_document_url()).status_code == 404


def test_contact_is_the_partnerships_own_or_else_the_owners_service(client, nimlahakok):
    ServiceContact.objects.create(
        name="Dienst lokaal mondiaal beleid",
        address="De Kouter",
        phone="016 85 30 20",
        email="info@herent.be",
        office_hours="8.30 - 12",
    )
    html = client.get(nimlahakok.get_absolute_url()).content.decode()
    contact = html[html.index('id="contact-title"') :]
    assert "016 85 30 20" in contact

    other = make_full_partnership(1)
    html = client.get(other.get_absolute_url()).content.decode()
    assert 'id="contact-title"' not in html  # not the owner's: no contact invented
    other.contact_service = "Internationale betrekkingen & Samenwerking"
    other.contact_name = "Khalid Charef"
    other.contact_address = "Sterrekundelaan 12\n1210 Brussel"
    other.save()
    html = client.get(other.get_absolute_url()).content.decode()
    contact = html[html.index('id="contact-title"') :]
    assert "Khalid Charef" in contact
    assert "Sterrekundelaan 12<br>1210 Brussel" in contact


def test_networks_of_the_authority_are_shown(client, nimlahakok):
    NetworkMembershipFactory(
        local_authority=nimlahakok.local_authority,
        network__name="Netwerk voor Palestina",
        joined_on=dt.date(2014, 1, 1),
        joined_on_precision=DatePrecision.YEAR,
    )
    html = client.get(nimlahakok.get_absolute_url()).content.decode()
    assert "Netwerken van Herent" in html
    assert "Netwerk voor Palestina — lid sinds 2014" in html
    listing = client.get("/partnerschappen/").content.decode()
    assert "Herent: Netwerk voor Palestina — lid sinds 2014" in listing


def test_sections_of_other_apps_are_shown_on_the_page(client, nimlahakok, monkeypatch):
    def partnership_sections(self, partnership):
        return [
            Section(
                title="Gesubsidieerde projecten",
                items=[LinkItem(title="Radio Nimlaha'kok", url="/subsidies/1/")],
                empty_text="Nog geen projecten.",
            ),
            Section(title="Leeg", items=[], empty_text="Hier staat nog niets."),
        ]

    monkeypatch.setattr(
        PartnershipsConfig, "partnership_sections", partnership_sections, raising=False
    )
    html = client.get(nimlahakok.get_absolute_url()).content.decode()
    assert "Gesubsidieerde projecten" in html
    assert '<a href="/subsidies/1/">Radio Nimlaha&#x27;kok</a>' in html
    assert "Hier staat nog niets." in html


def test_detail_runs_a_fixed_number_of_queries(client, count_queries):
    def rich(index):
        news = NewsItem.objects.create(
            title=f"Nieuws {index}", slug=f"nieuws-{index}", summary="x", body="y"
        )
        partnership = make_full_partnership(index, news=news)
        for album_index in range(2):
            add_photos(PhotoAlbumFactory(partnership=partnership), 1 + album_index)
        return partnership

    small = rich(0)
    few = count_queries(lambda: client.get(small.get_absolute_url()))
    large = rich(1)
    for _ in range(4):
        AgreementFactory(partnership=large)
        ExchangeFactory(partnership=large)
        add_photos(PhotoAlbumFactory(partnership=large), 3)
    for index in range(48):
        make_full_partnership(index + 2)
    response = client.get(large.get_absolute_url())
    assert response.content.decode().count('class="gallery__item"') == 3 + 12
    assert count_queries(lambda: client.get(large.get_absolute_url())) == few
    assert few <= 16
