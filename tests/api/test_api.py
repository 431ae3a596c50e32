"""The read API: a valid OpenAPI 3 schema, every operation as documented for good
and hostile parameters (hypothesis), publication rules, caching headers, limits."""

import copy
from urllib.parse import quote

import pytest
import yaml
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate as validate_spec
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from council.models import Advice, AgendaItem
from herentq.models import NewsItem
from partnerships.models import Partnership
from subsidies.models import Application, Scheme

SCHEMA = reverse("api:schema")


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get(SCHEMA)
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def _resolve(node, components):
    """The schema with every $ref replaced by what it points at."""
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            return _resolve(copy.deepcopy(components[name]), components)
        return {key: _resolve(value, components) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(item, components) for item in node]
    return node


def _operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def _response_schema(schema, operation, status="200"):
    content = operation["responses"][status]["content"]
    return _resolve(
        content["application/json"]["schema"], schema["components"]["schemas"]
    )


def test_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate_spec(schema)
    paths = set(schema["paths"])
    assert {
        "/api/partnerschappen/",
        "/api/partnerschappen/{slug}/",
        "/api/nieuws/",
        "/api/sdgs/",
        "/api/subsidiereglementen/",
        "/api/toegekende-subsidies/",
        "/api/leertrajecten/",
        "/api/grosh/vergaderingen/",
        "/api/grosh/adviezen/",
    } <= paths
    # Only reading.
    assert {method for _p, method, _o in _operations(schema)} == {"get"}


def test_the_schema_is_built_once_per_language_not_per_request(client, db, monkeypatch):
    dutch = client.get(SCHEMA)
    french = client.get(SCHEMA, {"lang": "fr"})
    english_docs = client.get("/en/api/")

    def built_again(*args, **kwargs):
        raise AssertionError("the schema was built again")

    monkeypatch.setattr(SchemaGenerator, "get_schema", built_again)
    # Other query strings (which miss the page cache), the docs page, JSON.
    assert client.get(SCHEMA, {"x": "1"}).content == dutch.content
    assert client.get(SCHEMA, {"lang": "fr", "x": "2"}).content == french.content
    assert client.get("/en/api/", {"x": "3"}).content == english_docs.content
    as_json = client.get(SCHEMA, {"lang": "fr", "format": "json"})
    assert as_json["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert as_json.json() == yaml.safe_load(french.content)
    # In the language asked for; an unknown one gets the Dutch schema.
    assert "/fr/api/nieuws/" in french.content.decode()
    assert "/fr/api/" not in dutch.content.decode()
    hostile = client.get(SCHEMA, {"lang": "../../etc/passwd"})
    assert hostile.status_code == 200
    assert hostile.content == dutch.content


def test_docs_page_is_served_by_the_portal(client, db, schema):
    page = client.get(reverse("api:docs")).content.decode()
    assert "<script" not in page.split("</head>")[1]
    for _path, _method, operation in _operations(schema):
        assert f'id="{operation["operationId"]}"' in page
    assert 'href="/api/schema/"' in page


def test_every_list_answers_as_its_schema_says(client, demo_data, schema):
    for path, _method, operation in _operations(schema):
        if "{" in path:
            continue
        response = client.get(path)
        assert response.status_code == 200, path
        OAS30Validator(_response_schema(schema, operation)).validate(response.json())
        results = response.json()["results"]
        assert results, path
        # The first item's detail answers as documented too.
        detail_path = next(
            (p for p in schema["paths"] if p.startswith(path) and "{" in p), None
        )
        if detail_path:
            key = detail_path.split("{")[1].rstrip("}/")
            value = results[0].get(key) if key != "id" else results[0]["id"]
            detail = client.get(detail_path.replace("{" + key + "}", str(value)))
            assert detail.status_code == 200, detail_path
            detail_operation = schema["paths"][detail_path]["get"]
            OAS30Validator(_response_schema(schema, detail_operation)).validate(
                detail.json()
            )


def _list_operations(schema):
    return [
        (path, operation)
        for path, _method, operation in _operations(schema)
        if "{" not in path
    ]


hostile = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "0",
            "-1",
            "99999999999999999999",
            "1e9",
            "NaN",
            "%00",
            "' OR 1=1 --",
            "<script>",
            "ZZ",
            "2026",
            "5",
        ]
    ),
)


@pytest.mark.django_db
def test_hostile_parameters_never_break_an_operation(client, schema):
    operations = _list_operations(schema)
    most = max(len(operation.get("parameters", [])) for _p, operation in operations)

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
        derandomize=True,
    )
    @given(
        index=st.integers(min_value=0, max_value=len(operations) - 1),
        # Any of the operation's documented parameters, several at once.
        values=st.dictionaries(
            st.integers(min_value=0, max_value=most - 1), hostile, max_size=4
        ),
        page=st.one_of(st.none(), hostile),
    )
    def check(index, values, page):
        path, operation = operations[index]
        names = [
            parameter["name"]
            for parameter in operation.get("parameters", [])
            if parameter["name"] != "format"  # the renderer: tested below
        ]
        params = {
            names[slot]: value.replace("\x00", "")
            for slot, value in values.items()
            if slot < len(names)
        }
        if page is not None:
            params["page"] = page.replace("\x00", "")
        response = client.get(path, params)
        assert response.status_code in (200, 400, 404), (path, params)
        assert response["Content-Type"] == "application/json"
        if response.status_code == 200:
            OAS30Validator(_response_schema(schema, operation)).validate(
                response.json()
            )

    check()


@pytest.mark.django_db
def test_hostile_path_and_format_values_never_break_a_detail(client, schema):
    details = [
        (path, operation)
        for path, _method, operation in _operations(schema)
        if "{" in path
    ]
    assert len(details) == len(_list_operations(schema))

    @settings(
        max_examples=80,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
        derandomize=True,
    )
    @given(
        index=st.integers(min_value=0, max_value=len(details) - 1),
        value=hostile,
        format_=st.one_of(st.none(), st.sampled_from(["json", "jsonld"]), hostile),
    )
    def check(index, value, format_):
        path, operation = details[index]
        key = path.split("{")[1].split("}")[0]
        url = path.replace("{" + key + "}", quote(value.replace("\x00", ""), safe=""))
        params = {} if format_ is None else {"format": format_.replace("\x00", "")}
        response = client.get(url, params)
        assert response.status_code in (200, 400, 404), (url, params)
        if response.status_code == 200:
            assert response["Content-Type"] in ("application/json", JSONLD)
        # A malformed URL the router does not match is the portal's own 404 page.

    check()
    # Every operation answers JSON-LD as it answers JSON, with or without results.
    for path, _method, _operation in _operations(schema):
        url = path.replace("{slug}", "x").replace("{number}", "5")
        url = url.replace("{id}", "1").replace("{reference}", "x")
        response = client.get(url, {"format": "jsonld"})
        assert response.status_code in (200, 404), url


def _hide_everything():
    """One published item of each kind made unpublished, closed or draft."""
    partnership = Partnership.objects.published().first()
    Partnership.objects.filter(pk=partnership.pk).update(is_published=False)
    news = NewsItem.objects.published().first()
    NewsItem.objects.filter(pk=news.pk).update(is_published=False)
    scheme = Scheme.objects.published().first()
    Scheme.objects.filter(pk=scheme.pk).update(is_published=False)
    item = AgendaItem.objects.filter(is_public=True).first()
    AgendaItem.objects.filter(pk=item.pk).update(is_public=False)
    return {
        "/api/partnerschappen/": ("slug", partnership.slug),
        "/api/nieuws/": ("slug", news.slug),
        "/api/subsidiereglementen/": ("slug", scheme.slug),
    }, item


def _all_results(client, path):
    results, page = [], 1
    while True:
        data = client.get(path, {"page": page}).json()
        results += data["results"]
        if not data["next"]:
            return results
        page += 1


def test_nothing_unpublished_closed_or_draft_is_reachable(client, demo_data):
    hidden, closed_item = _hide_everything()
    for path, (key, value) in hidden.items():
        assert value not in [item[key] for item in _all_results(client, path)]
        assert client.get(f"{path}{value}/").status_code == 404
    # Closed agenda items are not part of any meeting.
    titles = [
        agenda_item["title"]
        for meeting in _all_results(client, "/api/grosh/vergaderingen/")
        for agenda_item in meeting["agenda_items"]
    ]
    assert (
        closed_item.title not in titles
        or AgendaItem.objects.filter(title=closed_item.title, is_public=True).exists()
    )
    # Advice on closed items, applications not granted.
    public_advice = set(Advice.objects.public().values_list("pk", flat=True))
    assert {item["id"] for item in _all_results(client, "/api/grosh/adviezen/")} == (
        public_advice
    )
    for advice in Advice.objects.exclude(pk__in=public_advice):
        assert client.get(f"/api/grosh/adviezen/{advice.pk}/").status_code == 404
    granted = set(
        Application.objects.granted()
        .filter(decision_date__isnull=False)
        .values_list("reference", flat=True)
    )
    listed = {
        item["reference"] for item in _all_results(client, "/api/toegekende-subsidies/")
    }
    assert listed == granted
    for application in Application.objects.exclude(reference__in=granted).exclude(
        reference=""
    ):
        url = f"/api/toegekende-subsidies/{application.reference}/"
        assert client.get(url).status_code == 404


def test_list_filters_are_the_pages_filters(client, demo_data):
    data = client.get("/api/partnerschappen/", {"zoek": "nimlahakock"}).json()
    assert data["results"][0]["slug"] == "herent-nimlahakok-nimlasachal"
    data = client.get("/api/partnerschappen/", {"land": "RO"}).json()
    assert [item["places"][0]["other_names"] for item in data["results"]] == [
        ["Sectorul 5", "București", "Bucharest", "Bucarest", "Bukarest"]
    ]
    assert client.get("/api/partnerschappen/", {"sdg": "99"}).status_code == 400
    tracks = client.get("/api/leertrajecten/", {"status": "announced"}).json()
    assert all(track["status"] == "announced" for track in tracks["results"])
    assert all("seats_left" in track for track in tracks["results"])


def test_conditional_get_cors_and_no_cookies(client, demo_data):
    response = client.get("/api/nieuws/")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["ETag"]
    assert response["Last-Modified"]
    assert not response.cookies
    again = client.get("/api/nieuws/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    since = client.get("/api/nieuws/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    # Writing is not offered.
    assert client.post("/api/nieuws/", {}).status_code == 405


def test_requests_are_limited_per_client_address(client, demo_data, settings):
    settings.API_THROTTLE_RATE = "3/min"
    statuses = [
        client.get("/api/sdgs/", REMOTE_ADDR="192.0.2.7").status_code for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    # Another address has its own count.
    assert client.get("/api/sdgs/", REMOTE_ADDR="192.0.2.8").status_code == 200


SDO = Namespace("https://schema.org/")
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
JSONLD = "application/ld+json"


def _graph(response) -> Graph:
    assert response.status_code == 200
    assert response["Content-Type"] == JSONLD
    return Graph().parse(data=response.content.decode(), format="json-ld")


def test_json_ld_by_content_negotiation_on_the_same_url(client, demo_data):
    base = "http://testserver"
    # JSON stays the default, for browsers and for clients that ask for anything.
    for accept in ({}, {"HTTP_ACCEPT": "*/*"}, {"HTTP_ACCEPT": "application/json"}):
        response = client.get("/api/partnerschappen/", **accept)
        assert response["Content-Type"] == "application/json"
        assert "@context" not in response.json()
    assert "Accept" in response["Vary"]

    # Partnerships: schema.org projects with their places, as a Hydra collection.
    response = client.get("/api/partnerschappen/", HTTP_ACCEPT=JSONLD)
    assert "Accept" in response["Vary"]
    graph = _graph(response)
    (collection,) = graph.subjects(RDF.type, HYDRA.Collection)
    assert int(graph.value(collection, HYDRA.totalItems)) == (
        Partnership.objects.published().count()
    )
    herent = URIRef(f"{base}/partnerschappen/herent-nimlahakok-nimlasachal/")
    assert (collection, HYDRA.member, herent) in graph
    assert (herent, RDF.type, SDO.Project) in graph
    assert str(graph.value(herent, SDO.name)).startswith("Herent")
    place = graph.value(herent, SDO.location)
    assert (place, RDF.type, SDO.Place) in graph
    assert str(graph.value(place, SDO.addressCountry)) == "GT"
    # `?format=jsonld` is the same without an Accept header.
    alias = client.get("/api/partnerschappen/", {"format": "jsonld"})
    assert len(_graph(alias)) == len(graph)

    # News: schema:NewsArticle with a typed publication date.
    news = NewsItem.objects.published().order_by("-published_on").first()
    graph = _graph(client.get(f"/api/nieuws/{news.slug}/", HTTP_ACCEPT=JSONLD))
    article = URIRef(base + news.get_absolute_url())
    assert (article, RDF.type, SDO.NewsArticle) in graph
    assert str(graph.value(article, SDO.headline)) == news.title
    assert graph.value(article, SDO.datePublished).toPython() == news.published_on

    # Learning tracks: schema:Course with its sessions as course instances.
    graph = _graph(client.get("/api/leertrajecten/", HTTP_ACCEPT=JSONLD))
    courses = set(graph.subjects(RDF.type, SDO.Course))
    assert courses
    instances = {
        instance
        for course in courses
        for instance in graph.objects(course, SDO.hasCourseInstance)
    }
    assert instances
    assert all((i, RDF.type, SDO.CourseInstance) in graph for i in instances)
    assert all(graph.value(i, SDO.startDate) is not None for i in instances)

    # SDGs: defined terms named in Dutch and English.
    graph = _graph(client.get("/api/sdgs/5/", HTTP_ACCEPT=JSONLD))
    goal = URIRef(f"{base}/sdg/5/")
    assert (goal, RDF.type, SDO.DefinedTerm) in graph
    assert {name.language for name in graph.objects(goal, SDO.name)} == {"nl", "en"}

    # GROSH meetings: OSLO besluit:Zitting treating public besluit:Agendapunt.
    graph = _graph(client.get("/api/grosh/vergaderingen/", HTTP_ACCEPT=JSONLD))
    meetings = set(graph.subjects(RDF.type, BESLUIT.Zitting))
    assert meetings
    items = {i for m in meetings for i in graph.objects(m, BESLUIT.behandelt)}
    assert items
    assert all((i, RDF.type, BESLUIT.Agendapunt) in graph for i in items)
    assert all(graph.value(m, BESLUIT.geplandeStart) for m in meetings)
    titles = {str(graph.value(i, DCTERMS.title)) for i in items}
    assert not titles & set(
        AgendaItem.objects.filter(is_public=False).values_list("title", flat=True)
    ) - set(AgendaItem.objects.filter(is_public=True).values_list("title", flat=True))

    # The other kinds have types too: advice, schemes, the register.
    for path, kind in [
        ("/api/grosh/adviezen/", BESLUIT.Besluit),
        ("/api/subsidiereglementen/", SDO.GovernmentService),
        ("/api/toegekende-subsidies/", SDO.MonetaryGrant),
    ]:
        graph = _graph(client.get(path, HTTP_ACCEPT=JSONLD))
        assert set(graph.subjects(RDF.type, kind)), path

    # Errors keep their plain shape; an unknown format is not found.
    missing = client.get("/api/nieuws/bestaat-niet/", HTTP_ACCEPT=JSONLD)
    assert missing.status_code == 404
    assert "@context" not in missing.json()
    assert client.get("/api/nieuws/", {"format": "xml"}).status_code == 404


def test_json_ld_keeps_conditional_get_and_the_page_cache_apart(
    client, demo_data, settings
):
    settings.CACHE_MIDDLEWARE_SECONDS = 30
    plain = client.get("/api/sdgs/")
    linked = client.get("/api/sdgs/", HTTP_ACCEPT=JSONLD)
    assert linked["Content-Type"] == JSONLD
    assert plain["Content-Type"] == "application/json"
    assert plain["ETag"] != linked["ETag"]
    # Asked again, each is served as it was negotiated (Vary: Accept).
    assert client.get("/api/sdgs/")["Content-Type"] == "application/json"
    assert client.get("/api/sdgs/", HTTP_ACCEPT=JSONLD)["Content-Type"] == JSONLD
    again = client.get(
        "/api/nieuws/", HTTP_ACCEPT=JSONLD, HTTP_IF_NONE_MATCH=linked["ETag"]
    )
    assert again.status_code == 200
    first = client.get("/api/nieuws/", HTTP_ACCEPT=JSONLD)
    assert first["Last-Modified"]
    again = client.get(
        "/api/nieuws/", HTTP_ACCEPT=JSONLD, HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304


def test_json_ld_is_documented_in_the_schema_and_the_docs(client, db, schema):
    for _path, _method, operation in _operations(schema):
        content = operation["responses"]["200"]["content"]
        assert {"application/json", JSONLD} <= set(content)
        assert "format" in {p["name"] for p in operation["parameters"]}
    page = client.get(reverse("api:docs")).content.decode()
    assert "application/ld+json" in page
    assert "schema.org" in page
    french = client.get("/fr/api/").content.decode()
    assert "application/ld+json" in french
    assert "/fr/api/" in french


def test_the_api_answers_in_the_language_of_its_url(client, demo_data):
    path = "partnerschappen/sint-joost-tanger/"
    french = client.get(f"/fr/api/{path}").json()
    assert french["title"] == "Saint-Josse-ten-Noode – Tanger"
    assert french["url"] == "http://testserver/fr/partnerschappen/sint-joost-tanger/"
    english = client.get(f"/en/api/{path}").json()
    assert english["title"] == "Saint-Josse-ten-Noode – Tangier"
    # Untranslated text falls back to Dutch, as on the pages.
    news = client.get("/fr/api/nieuws/").json()["results"][0]
    assert news["title"] == NewsItem.objects.get(slug=news["slug"]).title_nl_be
    # The URL decides, not the Accept-Language header (one answer per URL).
    dutch = client.get(f"/api/{path}", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert dutch["title"] == "Sint-Joost-ten-Node – Tanger"
    # JSON-LD in French links the French pages.
    graph = _graph(client.get(f"/fr/api/{path}", HTTP_ACCEPT=JSONLD))
    page = URIRef("http://testserver/fr/partnerschappen/sint-joost-tanger/")
    assert str(graph.value(page, SDO.name)) == "Saint-Josse-ten-Noode – Tanger"
