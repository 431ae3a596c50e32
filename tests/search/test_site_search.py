"""The forgiving search and the site-wide search box, on the demo data: the
examples of issue 15 as a visitor types them, and what may never be found."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from council.models import AgendaItem
from herentq.models import NewsItem, Page
from learning_tracks.models import Session
from partnerships.models import Partnership
from subsidies.models import Scheme

SEARCH = reverse("search")
LIST = reverse("partnerships:list")
NIMLAHAKOK = "Herent – Nimlaha'kok en Nimlasachal"

RESULT = re.compile(r'<h3 class="h5 mb-1"><a href="([^"]+)">([^<]*)</a></h3>')
GROUP = re.compile(r'<h2 id="search-([a-z]+)">')


def results(response) -> list[tuple[str, str]]:
    """(url, title) of every result link the page shows."""
    assert response.status_code == 200
    page = response.content.decode()
    return [(url, html.unescape(title)) for url, title in RESULT.findall(page)]


def titles(response) -> list[str]:
    return [title for _url, title in results(response)]


def groups(response) -> list[str]:
    return GROUP.findall(response.content.decode())


def listed(client, query: str) -> list[str]:
    response = client.get(LIST, {"zoek": query})
    return [partnership.title for partnership in response.context["partnerships"]]


@pytest.mark.parametrize(
    "query",
    ["nimlahakok", "Nimlaha'kok", "NIMLAHAKOK", "Nimlahakock", "qeqchi", "radio"],
)
def test_partnership_list_forgives_what_people_type(client, demo_data, query):
    # Best first: the partnership about Nimlaha'kok heads the list.
    assert listed(client, query)[0] == NIMLAHAKOK


def test_a_short_word_is_found_as_typed_but_never_as_a_typo(client, demo_data):
    # Typos are forgiven from 5 characters (MIN_WORD_SIZE_FOR_TYPOS):
    # "nimx" is as close to "Nimlaha'kok" as pg_trgm's threshold accepts, but
    # one letter changed in a short word is another word.
    assert listed(client, "Niml")[0] == NIMLAHAKOK
    assert NIMLAHAKOK not in listed(client, "Nimx")
    assert NIMLAHAKOK in titles(client.get(SEARCH, {"q": "Niml"}))
    assert NIMLAHAKOK not in titles(client.get(SEARCH, {"q": "Nimx"}))
    # From 5 characters a typo still finds its item, in a list of words too.
    assert listed(client, "Nimlx")[0] == NIMLAHAKOK
    assert NIMLAHAKOK in titles(client.get(SEARCH, {"q": "Nimlahakock"}))
    assert NIMLAHAKOK in titles(client.get(SEARCH, {"q": "Herent Nimlahakock"}))


def test_other_names_of_a_place_find_it(client, demo_data):
    assert listed(client, "Bucharest") == [
        "Sint-Joost-ten-Node – 5de District van Boekarest"
    ]
    # Best first, as the Dutch name does.
    assert listed(client, "Bucarest")[0] == listed(client, "Boekarest")[0]
    assert listed(client, "Tangier") == ["Sint-Joost-ten-Node – Tanger"]
    # Every word must be found: two places of different partnerships find none.
    assert listed(client, "Tangier Nimlahakok") == []


def test_header_of_every_page_has_the_search_box(client, demo_data):
    for url in ["/", LIST, reverse("news_list"), reverse("council:index")]:
        page = client.get(url).content.decode()
        assert f'action="{SEARCH}" role="search"' in page
        assert '<label for="site-search-q"' in page


def test_site_search_groups_results_by_kind_with_counts(client, demo_data):
    response = client.get(SEARCH, {"q": "nimlahakok"})
    found = groups(response)
    assert {"partnerschappen", "partnerplaatsen", "nieuws", "adviezen"} <= set(found)
    page = response.content.decode()
    assert re.search(r"\d+ resultaten voor “nimlahakok”", page)
    assert (
        reverse("partnerships:detail", args=["herent-nimlahakok-nimlasachal"]),
        NIMLAHAKOK,
    ) in results(response)


def test_radio_finds_the_community_radio_in_compounds(client, demo_data):
    found = titles(client.get(SEARCH, {"q": "radio"}))
    assert "Meerjarige steun aan de gemeenschapsradio in Nimlaha'kok" in found
    assert NIMLAHAKOK in found
    # A long word with a typo finds it too (typos are forgiven from 5
    # characters).
    found = titles(client.get(SEARCH, {"q": "gemeenschapsradoi"}))
    assert "Meerjarige steun aan de gemeenschapsradio in Nimlaha'kok" in found


def test_site_search_finds_places_by_their_other_names(client, demo_data):
    response = client.get(SEARCH, {"q": "Bucharest"})
    assert groups(response) == ["partnerschappen", "partnerplaatsen"]
    assert "5de District" in titles(response)


def test_one_kind_is_paginated_and_keeps_the_query(client, demo_data):
    response = client.get(SEARCH, {"q": "Nimlaha'kok", "soort": "partnerschappen"})
    assert titles(response)[0] == NIMLAHAKOK
    assert response.context["page_obj"].number == 1
    assert 'name="soort" value="partnerschappen"' in response.content.decode()
    # An unknown kind or page number is no error.
    assert (
        client.get(SEARCH, {"q": "radio", "soort": "x", "page": "z"}).status_code == 200
    )


def test_nothing_found_suggests_something_close(client, demo_data):
    response = client.get(SEARCH, {"q": "Nimlahakoc radoi"})
    page = response.content.decode()
    assert titles(response) == []
    assert "0 resultaten" in page
    assert "Bedoelde u" in page
    suggestion = response.context["suggestion"]
    assert suggestion
    # The suggestion is a link that finds something.
    assert titles(client.get(SEARCH, {"q": suggestion}))


@pytest.mark.parametrize("query", ["", "   ", "'''", "\x00", "%_%", "a" * 500])
def test_empty_or_odd_queries_answer_calmly(client, demo_data, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200


def _unpublish_partnership():
    Partnership.objects.filter(slug="sint-joost-tanger").update(is_published=False)
    return "Tangier", "/partnerschappen/sint-joost-tanger/"


def _unpublish_news():
    item = NewsItem.objects.published().first()
    NewsItem.objects.filter(pk=item.pk).update(is_published=False)
    return item.title, item.get_absolute_url()


def _news_of_tomorrow():
    item = NewsItem.objects.published().first()
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    NewsItem.objects.filter(pk=item.pk).update(published_on=tomorrow)
    return item.title, item.get_absolute_url()


def _unpublish_page():
    page = Page.objects.get(slug="privacy")
    Page.objects.filter(pk=page.pk).update(is_published=False)
    return page.title, page.get_absolute_url()


def _unpublish_scheme():
    scheme = Scheme.objects.published().first()
    Scheme.objects.filter(pk=scheme.pk).update(is_published=False)
    return scheme.name, scheme.get_absolute_url()


def _cancel_session():
    session = Session.objects.first()
    Session.objects.filter(pk=session.pk).update(is_cancelled=True, topic="Zwijgsessie")
    return "Zwijgsessie", None


def _close_agenda_item():
    item = AgendaItem.objects.filter(is_public=True).first()
    AgendaItem.objects.filter(pk=item.pk).update(
        is_public=False, title="Vertrouwelijk geheimpunt"
    )
    return "Vertrouwelijk geheimpunt", None


HIDDEN = {
    "unpublished partnership": _unpublish_partnership,
    "unpublished news": _unpublish_news,
    "news dated tomorrow": _news_of_tomorrow,
    "unpublished page": _unpublish_page,
    "unpublished scheme": _unpublish_scheme,
    "cancelled session": _cancel_session,
    "closed agenda item": _close_agenda_item,
    # Already so in the demo data.
    "draft application": lambda: ("Radioprogramma's over klimaat en landbouw", None),
    "refused application": lambda: ("Zonnepanelen voor het gemeenschapshuis", None),
    "closed point of minutes": lambda: ("Klacht over een subsidiebeslissing", None),
    "advice on a closed item": lambda: ("Noodhulpaanvraag na een overstroming", None),
}


@pytest.mark.parametrize("hide", HIDDEN.values(), ids=HIDDEN.keys())
def test_unpublished_closed_or_draft_is_never_found(client, demo_data, hide):
    query, url = hide()
    found = results(client.get(SEARCH, {"q": query}))
    assert query not in [title for _url, title in found]
    assert url not in [link for link, _title in found]
    # Nor in a kind's own pages, nor as a suggestion.
    for kind in ["partnerschappen", "nieuws", "paginas", "subsidieregister"]:
        response = client.get(SEARCH, {"q": query, "soort": kind})
        assert query not in titles(response)
        assert response.context.get("suggestion") != query


def test_site_search_reads_the_entries_once_for_every_kind(client, demo_data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, {"q": "nimlahakok"})
    shown = groups(response)
    assert len(shown) >= 3
    # One query finds, ranks and counts the matches of every kind; then one
    # per kind shown reads what its results show.
    on_entries = [q for q in queries if "herentq_search_entry" in q["sql"]]
    assert len(on_entries) == 1
    # (and the page frame's notice and service contact).
    assert len(queries) <= 1 + len(shown) + 2


def test_search_in_french_finds_french_texts_and_shows_them(client, demo_data):
    # A French title the Dutch texts do not have, shown in French, linked in French.
    response = client.get("/fr/zoeken/", {"q": "transversale"})
    track = "Travailler de manière transversale pour une politique locale mondiale"
    (url,) = [url for url, title in results(response) if title == track]
    assert url.startswith("/fr/leertrajecten/")
    assert "Aide d'urgence" in titles(client.get("/fr/zoeken/", {"q": "urgence"}))
    # Exonyms and French partnership titles: "Bucarest" finds the 5th sector.
    found = titles(client.get("/fr/zoeken/", {"q": "Bucarest"}))
    assert "Saint-Josse-ten-Noode – 5e secteur de Bucarest" in found
    # The partnership list searches French country names from the French page.
    response = client.get("/fr" + LIST, {"zoek": "Roumanie"})
    assert [p.title for p in response.context["partnerships"]] == [
        "Saint-Josse-ten-Noode – 5e secteur de Bucarest"
    ]
    # What is not translated is shown in Dutch, never as an empty title.
    news = titles(client.get("/fr/zoeken/", {"q": "nimlahakok", "soort": "nieuws"}))
    assert news
    assert all(news)


def test_search_in_english_finds_english_texts_and_shows_them(client, demo_data):
    response = client.get("/en/zoeken/", {"q": "Tangier"})
    assert "Saint-Josse-ten-Noode – Tangier" in titles(response)
    assert all(url.startswith("/en/") for url, _title in results(response))
    response = client.get("/en/zoeken/", {"q": "Oriental Region"})
    assert titles(response)[0] == "Saint-Josse-ten-Noode – Oriental Region"
    # An English title is found from the Dutch page too, shown in Dutch there.
    found = titles(client.get(SEARCH, {"q": "Working across departments"}))
    assert found[0] == "Transversaal werken voor Lokaal Mondiaal beleid"
    # "Bedoelde u …?" offers the closest title in the visitor's language.
    page = client.get("/en/zoeken/", {"q": "Tangiier Saint Jose"}).content.decode()
    assert "Saint-Josse-ten-Noode – Tangier" in html.unescape(page)


def test_an_edited_text_is_found_by_its_new_words_at_once(client, demo_data):
    # The stored search columns are computed by the database on every save
    # (generated columns): no refresh step stands between an edit and search.
    from learning_tracks import selectors as track_selectors
    from learning_tracks.services import track_update

    track = track_selectors.tracks_searchable().order_by("number").first()
    track.title_nl_be = "Bijenhotels en wilde hommels"
    track.objectives_en = "Pollinators in every municipal garden"
    track_update(track=track)
    assert "Bijenhotels en wilde hommels" in titles(
        client.get(SEARCH, {"q": "hommels", "soort": "leertrajecten"})
    )
    # Its new English objectives find it too, from the Dutch page.
    assert "Bijenhotels en wilde hommels" in titles(
        client.get(SEARCH, {"q": "pollinators"})
    )
    # And with a typo: its new words are known words at once (a trigger adds
    # them to the table of words that a typo is resolved to, migration
    # herentq 0013).
    assert "Bijenhotels en wilde hommels" in titles(
        client.get(SEARCH, {"q": "bijenhotles"})
    )
    assert "Bijenhotels en wilde hommels" in titles(
        client.get(SEARCH, {"q": "polinators"})
    )


def test_every_public_item_of_every_kind_has_its_search_entry(demo_data):
    # Each kind's migration keeps its table's entries (herentq.search.
    # search_entries_sql) under the kind's key: a kind without its trigger, or
    # under another key, would find nothing.
    from herentq import sitesearch
    from herentq.models import SearchEntry

    for kind in sitesearch.kinds():
        public = set(kind.public().values_list("pk", flat=True))
        entered = set(
            SearchEntry.objects.filter(kind=kind.key).values_list(
                "object_id", flat=True
            )
        )
        assert public, kind.key
        assert public <= entered, kind.key


def test_the_entries_follow_every_write_to_a_kinds_table(client, demo_data):
    from herentq.models import SearchEntry

    def found(query):
        return titles(client.get(SEARCH, {"q": query, "soort": "nieuws"}))

    # A save, an update of a queryset (no signal, no save()) and a delete: the
    # database's trigger keeps the entry in step with each.
    item = NewsItem.objects.create(
        title="Zonnekokers voor Cobán",
        slug="zonnekokers",
        summary="Koken op zonne-energie.",
        body="Een nieuw project.",
    )
    assert found("zonnekokers") == ["Zonnekokers voor Cobán"]
    NewsItem.objects.filter(pk=item.pk).update(title_nl_be="Solar cookers in Cobán")
    assert found("solar cookers") == ["Solar cookers in Cobán"]
    assert found("zonnekokers") == []
    item.delete()
    assert found("solar cookers") == []
    assert not SearchEntry.objects.filter(kind="nieuws", object_id=item.pk).exists()


def test_a_file_has_a_register_entry_only_while_it_stands_in_the_register(
    demo_data,
):
    from herentq.models import SearchEntry
    from subsidies.models import Application

    granted = Application.objects.in_register().first()
    entry = SearchEntry.objects.filter(kind="subsidieregister", object_id=granted.pk)
    assert entry.exists()
    Application.objects.filter(pk=granted.pk).update(status="withdrawn")
    assert not entry.exists()
    Application.objects.filter(pk=granted.pk).update(status=granted.status)
    assert entry.exists()
    # Drafts and files under review never have one.
    outside = Application.objects.exclude(pk__in=Application.objects.in_register())
    assert not SearchEntry.objects.filter(
        kind="subsidieregister", object_id__in=outside.values("pk")
    ).exists()


def test_emptying_a_kinds_table_empties_its_entries(demo_data):
    # A flush empties the tables with TRUNCATE, which fires no row trigger.
    from django.db import connection

    from herentq.models import SearchEntry

    assert SearchEntry.objects.filter(kind="paginas").exists()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE herentq_page")
    assert not SearchEntry.objects.filter(kind="paginas").exists()
    assert SearchEntry.objects.filter(kind="nieuws").exists()


def test_equal_matches_show_the_newest_first_in_the_overview_and_the_kinds_page(
    client, demo_data
):
    older, newer = (
        NewsItem.objects.create(
            title=f"Kwartaalbericht {quarter}",
            slug=f"kwartaalbericht-{quarter}",
            summary="Uit de werking.",
            body="Kort nieuws.",
        )
        for quarter in ("lente", "zomer")
    )
    expected = [newer.title, older.title]
    overview = titles(client.get(SEARCH, {"q": "kwartaalbericht"}))
    assert overview == expected
    page = titles(client.get(SEARCH, {"q": "kwartaalbericht", "soort": "nieuws"}))
    assert page == expected


def test_a_typo_stands_for_the_closest_known_words_only(client, demo_data):
    # "gemeenschapsradoi" is a typo of "gemeenschapsradio", not of every word
    # that shares trigrams with it (herentq.search.CLOSEST_WORDS_MARGIN).
    roof = "Een nieuw dak voor het gemeenschapshuis"
    NewsItem.objects.create(
        title=roof, slug="dak-gemeenschapshuis", summary="Werken.", body="Bouw."
    )
    found = titles(client.get(SEARCH, {"q": "gemeenschapsradoi"}))
    assert NIMLAHAKOK in found
    assert roof not in found
    assert listed(client, "gemeenschapsradoi") == [NIMLAHAKOK]
    # Its own typo finds it.
    assert titles(
        client.get(SEARCH, {"q": "gemeenschapshuiss", "soort": "nieuws"})
    ) == [roof]
