import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from herentq.models import Page
from tests.factories import NewsItemFactory, NoticeFactory, PageFactory

pytestmark = pytest.mark.django_db


def test_home_page_shows_mission_notice_and_latest_news(client, demo_data):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nimlaha&#x27;kok" in html  # the mission of the service (docs/domain.md)
    assert "Nieuw: subsidies online aanvragen" in html  # the current notice
    assert "Coronavirusmaatregelen" not in html  # expired
    assert "Sint-Joost-ten-Node verbroedert met Selembao" in html
    assert 'lang="nl"' in html
    assert 'href="#main"' in html  # skip link


def test_navigation_reaches_every_area(client, demo_data):
    html = client.get("/").content.decode()
    for label, url in [
        ("Partnerschappen", "/partnerschappen/"),
        ("Subsidies", "/subsidies/"),
        ("Leertrajecten", "/leertrajecten/"),
        ("GROSH", "/grosh/"),
        ("Nieuws", "/nieuws/"),
        ("Contact", "/contact/"),
    ]:
        assert f'href="{url}"' in html, label
        assert client.get(url).status_code == 200, url


def test_contact_page_shows_address_phone_and_office_hours(client, demo_data):
    response = client.get("/contact/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "016 85 30 20" in html
    assert "De Kouter" in html
    assert "17.30 - 19.45" in html
    assert 'aria-current="page"' in html


def _menu(html: str) -> str:
    start = html.index('<nav class="site-nav"')
    return html[start : html.index("</nav>", start)]


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", None),
        ("/partnerschappen/", '<a href="/partnerschappen/" aria-current="page">'),
        ("/fr/subsidies/", '<a href="/fr/subsidies/" aria-current="page">'),
        ("/en/leertrajecten/", '<a href="/en/leertrajecten/" aria-current="page">'),
        ("/grosh/", '<a href="/grosh/" aria-current="page">'),
        ("/fr/nieuws/", '<a href="/fr/nieuws/" aria-current="page">'),
        ("/contact/", '<a href="/contact/" aria-current="page">'),
        ("/fr/contact/", '<a href="/fr/contact/" aria-current="page">'),
        ("/en/toegankelijkheid/", None),
    ],
)
def test_main_menu_marks_the_current_section_in_each_language(
    client, demo_data, path, current
):
    """The menu is rendered once per language and section (site_chrome): each
    page still gets its own section marked, its links in its language."""
    client.get("/")  # the menu of the home page is kept first
    menu = _menu(client.get(path).content.decode())
    if current is None:
        assert "aria-current" not in menu
    else:
        assert menu.count("aria-current") == 1
        assert current in menu
    prefix = path[:3] if path[:4] in ("/fr/", "/en/") else ""
    assert f'href="{prefix}/partnerschappen/"' in menu
    label = {"/fr": "Partenariats", "/en": "Partnerships"}.get(prefix)
    assert (label or "Partnerschappen") in menu


def test_footer_links_accessibility_and_privacy_statements(client, demo_data):
    html = client.get("/").content.decode()
    assert 'href="/toegankelijkheid/"' in html
    assert 'href="/privacy/"' in html
    statement = client.get("/toegankelijkheid/").content.decode()
    for heading in [
        "Toepassingsgebied",
        "Nalevingsstatus",
        "Niet-toegankelijke inhoud",
        "Opstelling van deze verklaring",
        "Feedback en contactgegevens",
        "Handhavingsprocedure",
    ]:
        assert heading in statement


def test_unpublished_page_is_not_found(client):
    PageFactory(slug="concept", is_published=False)
    assert client.get("/concept/").status_code == 404


def test_unknown_page_gets_the_friendly_404_in_the_site_layout(client, demo_data):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet (meer)" in html
    assert 'aria-label="Hoofdmenu"' in html


def test_a_moment_is_machine_readable_to_the_second_in_local_time(client):
    # HTML allows at most three digits of fractions of a second in `datetime`.
    page = PageFactory(slug="over-ons")
    Page.objects.filter(pk=page.pk).update(
        updated_at=dt.datetime(2026, 7, 1, 12, 5, 9, 384085, tzinfo=dt.UTC)
    )
    html = client.get("/over-ons/").content.decode()
    assert '<time datetime="2026-07-01T14:05:09+02:00">1 juli 2026</time>' in html


def test_news_list_and_detail(client):
    item = NewsItemFactory(title="Uitwisseling met Cobán")
    NewsItemFactory(title="Nog niet", is_published=False)
    NewsItemFactory(
        title="Toekomstig", published_on=timezone.localdate() + dt.timedelta(days=3)
    )
    listing = client.get(reverse("news_list")).content.decode()
    assert "Uitwisseling met Cobán" in listing
    assert "Nog niet" not in listing
    assert "Toekomstig" not in listing
    assert client.get(item.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("offset_start", "offset_end", "shown"),
    [(-2, 2, True), (-5, -1, False), (1, 5, False)],
)
def test_notice_is_shown_only_inside_its_date_window(
    client, offset_start, offset_end, shown
):
    now = timezone.now()
    NoticeFactory(
        title="Werken aan het gemeentehuis",
        starts_at=now + dt.timedelta(hours=offset_start),
        ends_at=now + dt.timedelta(hours=offset_end),
    )
    for url in ["/", "/sdg/3/"]:
        html = client.get(url).content.decode()
        assert ("Werken aan het gemeentehuis" in html) is shown


def test_error_500_page_uses_the_site_name(client, settings):
    from herentq.views import server_error

    response = server_error(client.get("/").wsgi_request)
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
