"""The DCAT-AP catalogue (validated against the shapes in /work/shared/dcat),
the sitemap and robots.txt."""

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pyshacl import validate
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from herentq.models import NewsItem
from herentq.sitemaps import SectionSitemap
from partnerships.models import Partnership
from tests.partnerships.factories import PartnershipFactory

SHAPES = Path("/work/shared/dcat/dcat-ap_2.1.1_shacl_shapes.ttl")
LOCAL_SHAPES = Path(__file__).parent / "shapes" / SHAPES.name
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _shapes() -> Graph:
    # The shapes are committed next to this test; /work/shared holds the source.
    return Graph().parse(LOCAL_SHAPES, format="turtle")


@pytest.fixture
def catalogue_graphs(client, demo_data):
    jsonld = client.get(reverse("catalogue_jsonld"))
    assert jsonld["Content-Type"] == "application/ld+json; charset=utf-8"
    turtle = client.get(reverse("catalogue_turtle"))
    assert turtle["Content-Type"] == "text/turtle; charset=utf-8"
    return (
        Graph().parse(data=jsonld.content.decode(), format="json-ld"),
        Graph().parse(data=turtle.content.decode(), format="turtle"),
    )


def test_catalogue_conforms_to_the_dcat_ap_shapes(catalogue_graphs):
    for graph in catalogue_graphs:
        conforms, _graph, report = validate(graph, shacl_graph=_shapes())
        assert conforms, report


def test_catalogue_lists_the_four_datasets_with_their_files(catalogue_graphs):
    graph, turtle = catalogue_graphs
    assert len(graph) == len(turtle)
    (catalogue,) = graph.subjects(RDF.type, DCAT.Catalog)
    datasets = set(graph.objects(catalogue, DCAT.dataset))
    titles = {str(graph.value(dataset, DCTERMS.title)) for dataset in datasets}
    assert titles == {
        "Partnerschappen van lokale besturen",
        "Register van toegekende subsidies",
        "Vergaderingen en adviezen van de GROSH",
        "Leertrajecten Lokaal Mondiaal Beleid",
    }
    for dataset in datasets:
        assert graph.value(dataset, DCTERMS.description)
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert distributions
        for distribution in distributions:
            assert graph.value(distribution, DCAT.accessURL)
    downloads = {str(url) for url in graph.objects(None, DCAT.downloadURL)}
    assert "http://testserver/partnerschappen.csv" in downloads
    assert "http://testserver/partnerschappen/overeenkomsten.json" in downloads
    assert URIRef("http://testserver/grosh/vergaderingen.ics") in set(
        graph.objects(None, DCAT.downloadURL)
    )


def test_shapes_are_the_shared_release():
    if SHAPES.exists():
        assert SHAPES.read_bytes() == LOCAL_SHAPES.read_bytes()


def _sitemaps(client) -> list[ElementTree.Element]:
    """Every sitemap the index at /sitemap.xml lists, parsed."""
    index = client.get(reverse("sitemap"))
    assert index.status_code == 200
    root = ElementTree.fromstring(index.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    sitemaps = []
    for loc in root.iter(f"{SITEMAP}loc"):
        response = client.get(loc.text.removeprefix("http://testserver"))
        assert response.status_code == 200, loc.text
        sitemaps.append(ElementTree.fromstring(response.content))
    return sitemaps


def _url_entries(client) -> list[ElementTree.Element]:
    return [url for root in _sitemaps(client) for url in root.iter(f"{SITEMAP}url")]


def _sitemap_urls(client) -> set[str]:
    return {url.find(f"{SITEMAP}loc").text for url in _url_entries(client)}


def test_sitemap_lists_public_pages_only(client, demo_data):
    hidden = Partnership.objects.published().first()
    Partnership.objects.filter(pk=hidden.pk).update(is_published=False)
    NewsItem.objects.filter(slug=NewsItem.objects.first().slug).update(
        is_published=False
    )
    urls = _sitemap_urls(client)
    base = "http://testserver"
    for partnership in Partnership.objects.published():
        assert base + partnership.get_absolute_url() in urls
    assert base + hidden.get_absolute_url() not in urls
    for item in NewsItem.objects.exclude(pk__in=NewsItem.objects.published()):
        assert base + item.get_absolute_url() not in urls
    for path in ["/", "/partnerschappen/", "/grosh/", "/subsidies/register/"]:
        assert base + path in urls
    assert not [url for url in urls if "/admin/" in url or "/leden/" in url]
    # The URLs answer to a visitor (every fifth: each section is sampled).
    for url in sorted(urls)[::5]:
        assert client.get(url.removeprefix(base)).status_code == 200, url


def test_sitemap_lists_every_page_in_three_languages_with_hreflang(client, demo_data):
    entries = {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href")
            for link in url.iter(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        for url in _url_entries(client)
    }
    base = "http://testserver"
    partnership = Partnership.objects.published().first()
    path = partnership.get_absolute_url()
    versions = {
        "nl-be": base + path,
        "fr": f"{base}/fr{path}",
        "en": f"{base}/en{path}",
        "x-default": base + path,
    }
    # Each version is listed, and each lists all versions and the Dutch default.
    for language in ("nl-be", "fr", "en"):
        assert entries[versions[language]] == versions
    assert entries[base + "/"] == {
        "nl-be": base + "/",
        "fr": base + "/fr/",
        "en": base + "/en/",
        "x-default": base + "/",
    }
    dutch = [
        url for url in entries if not url.startswith((base + "/fr/", base + "/en/"))
    ]
    assert len(entries) == 3 * len(dutch)
    assert all(len(alternates) == 4 for alternates in entries.values())
    # The French and English versions answer in their language.
    page = client.get(f"/fr{path}")
    assert page.status_code == 200
    assert '<html lang="fr"' in page.content.decode()


def test_sitemap_is_an_index_of_sections_read_a_page_at_a_time(
    client, demo_data, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(SectionSitemap, "limit", 4)
    published = Partnership.objects.published()
    pages = -(-published.count() * 3 // 4)
    index = client.get(reverse("sitemap")).content.decode()
    section = "http://testserver/sitemap-partnerschappen.xml"
    assert f"<loc>{section}</loc>" in index
    assert f"<loc>{section}?p={pages}</loc>" in index
    assert f"<loc>{section}?p={pages + 1}</loc>" not in index
    # Each partnership in each language exactly once over the pages.
    listed = []
    for page in range(1, pages + 1):
        root = ElementTree.fromstring(
            client.get(f"/sitemap-partnerschappen.xml?p={page}").content
        )
        listed += [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    paths = [partnership.get_absolute_url() for partnership in published]
    expected = [
        f"http://testserver{prefix}{path}"
        for path in paths
        for prefix in ("", "/fr", "/en")
    ]
    assert sorted(listed) == sorted(expected)
    assert client.get(f"/sitemap-partnerschappen.xml?p={pages + 1}").status_code == 404
    assert client.get("/sitemap-bestaat-niet.xml").status_code == 404
    # A page reads its own rows: the same queries with ten more partnerships.
    with CaptureQueriesContext(connection) as before:
        client.get("/sitemap-partnerschappen.xml?p=2")
    assert any("LIMIT 2 OFFSET 1" in query["sql"] for query in before.captured_queries)
    PartnershipFactory.create_batch(10)
    with django_assert_num_queries(len(before.captured_queries)):
        client.get("/sitemap-partnerschappen.xml?p=2")


@pytest.mark.django_db
def test_sitemap_answers_on_a_site_without_content(client):
    urls = _sitemap_urls(client)  # every section's sitemap answers 200
    assert "http://testserver/" in urls and "http://testserver/en/" in urls
    # The lists and the SDGs, no partnership: there is none.
    assert "http://testserver/partnerschappen/" in urls
    assert not [url for url in urls if re.search(r"/partnerschappen/(?!kaart/).+", url)]


def test_robots_txt_points_at_the_sitemap_and_keeps_private_pages_out(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for path in ["/admin/", "/accounts/", "/grosh/leden/", "/subsidies/mijn-dossiers/"]:
        assert f"Disallow: {path}\n" in text
    # The same pages in French and English; the admin has no language prefix.
    for path in ["/fr/accounts/", "/en/grosh/leden/", "/fr/zoeken/"]:
        assert f"Disallow: {path}\n" in text
    assert "Disallow: /fr/admin/" not in text


def test_open_data_is_linked_from_the_catalogue_and_the_list(client, demo_data):
    page = client.get(reverse("partnerships:list")).content.decode()
    for name in ["catalogue_jsonld", "partnerships:export_agreements_csv"]:
        assert f'href="{reverse(name)}"' in page
    data = json.loads(client.get(reverse("partnerships:dataset")).content)
    assert len(data["distribution"]) == 4
