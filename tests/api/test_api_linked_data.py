"""The API's JSON-LD of the GROSH (meetings as besluit:Zitting, advice as
besluit:Besluit) checked with pyshacl against the OSLO shapes that the council's
own JSON-LD passes (tests/council/shapes), offline, public items only."""

import json
from urllib.error import URLError

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS

from council.models import Advice
from tests.council.conftest import CLOSED_TITLE, PUBLIC_TITLE
from tests.council.factories import AgendaItemFactory, MeetingFactory
from tests.linked_data import (
    BESLUIT,
    HYDRA,
    assert_conforms,
    conformance,
    offline,
    parse_json_ld,
)

pytestmark = pytest.mark.django_db

MEETINGS = "/api/grosh/vergaderingen/"
ADVICE = "/api/grosh/adviezen/"
JSONLD = "application/ld+json"
# The shapes of published minutes and decisions: a held meeting's. A planned
# meeting has not started: the agenda shape (basic-agenda.ttl) is its.
HELD_SHAPES = ["meeting.ttl", "besluit-shape.ttl", "decision-list.ttl"]
ELI = "http://data.europa.eu/eli/ontology#"


def _json_ld(client, path):
    response = client.get(path, HTTP_ACCEPT=JSONLD)
    assert response.status_code == 200
    assert response["Content-Type"] == JSONLD
    return response


def _graph(client, path):
    return parse_json_ld(_json_ld(client, path).content)


def _assert_classes(graph, *classes):
    # The shapes only bite when the classes are there: make sure they are.
    for cls in classes:
        assert (None, RDF.type, cls) in graph, cls


@pytest.mark.parametrize("shapes_file", HELD_SHAPES)
def test_held_meeting_conforms_to_the_oslo_shapes(client, published, shapes_file):
    meeting = published.meeting
    graph = _graph(client, f"{MEETINGS}{meeting.pk}/")
    _assert_classes(graph, BESLUIT.Zitting, BESLUIT.Agendapunt, BESLUIT.Bestuursorgaan)
    zitting = URIRef(f"http://testserver{meeting.get_absolute_url()}")
    assert (zitting, RDF.type, BESLUIT.Zitting) in graph
    # The same item IRI as the council's own JSON-LD: the graphs merge.
    item = URIRef(f"{zitting}#punt-{published.public_item.pk}")
    assert (zitting, BESLUIT.behandelt, item) in graph
    assert str(graph.value(item, URIRef("http://purl.org/dc/terms/title"))) == (
        PUBLIC_TITLE
    )
    organ = graph.value(zitting, BESLUIT.isGehoudenDoor)
    assert str(graph.value(organ, SKOS.prefLabel)) == meeting.council.full_name
    assert_conforms(graph, shapes_file)
    # `?format=jsonld` gives the same graph.
    alias = client.get(f"{MEETINGS}{meeting.pk}/", {"format": "jsonld"})
    assert isomorphic(parse_json_ld(alias.content), graph)


@pytest.mark.parametrize("shapes_file", HELD_SHAPES)
def test_meeting_list_conforms_to_the_oslo_shapes(
    client, published, council, shapes_file
):
    # A held meeting that treated closed items only.
    closed_only = MeetingFactory(council=council, held=True)
    AgendaItemFactory(meeting=closed_only, title=CLOSED_TITLE, is_public=False)
    graph = _graph(client, MEETINGS)
    _assert_classes(
        graph,
        HYDRA.Collection,
        BESLUIT.Zitting,
        BESLUIT.Agendapunt,
        BESLUIT.Bestuursorgaan,
    )
    (collection,) = graph.subjects(RDF.type, HYDRA.Collection)
    members = set(graph.objects(collection, HYDRA.member))
    meetings = [published.meeting, published.next_meeting, closed_only]
    pages = [URIRef(f"http://testserver{m.get_absolute_url()}") for m in meetings]
    assert members == set(pages)
    # The shapes want a Zitting to treat an Agendapunt and closed items are never
    # published: the meeting without a public item is only an event.
    assert set(graph.subjects(RDF.type, BESLUIT.Zitting)) == set(pages[:2])
    assert (pages[2], RDF.type, URIRef("https://schema.org/Event")) in graph
    assert_conforms(graph, shapes_file)


def test_planned_meeting_conforms_to_the_agenda_shapes(client, council):
    meeting = MeetingFactory(council=council)
    AgendaItemFactory(meeting=meeting, title="Jaarplanning")
    AgendaItemFactory(meeting=meeting, title="Varia", description="")
    for path in (f"{MEETINGS}{meeting.pk}/", MEETINGS):
        graph = _graph(client, path)
        _assert_classes(graph, BESLUIT.Zitting, BESLUIT.Agendapunt)
        assert len(set(graph.subjects(RDF.type, BESLUIT.Agendapunt))) == 2
        assert_conforms(graph, "basic-agenda.ttl")
    # Not held yet: no start or end, which the minutes' shapes want.
    conforms, report = conformance(graph, "meeting.ttl")
    assert not conforms
    assert "startedAtTime" in report


@pytest.mark.parametrize("shapes_file", HELD_SHAPES)
def test_advice_conforms_to_the_oslo_shapes(client, published, shapes_file):
    advice = published.public_item.advice
    for path in (ADVICE, f"{ADVICE}{advice.pk}/"):
        graph = _graph(client, path)
        _assert_classes(graph, BESLUIT.Besluit, BESLUIT.Artikel, SKOS.Concept)
        besluit = URIRef(f"http://testserver{advice.get_absolute_url()}")
        assert str(graph.value(besluit, URIRef(f"{ELI}title"))) == (
            "Advies over de radio"
        )
        assert graph.value(besluit, BESLUIT.motivering).language == "nl"
        assert_conforms(graph, shapes_file)


def test_the_shapes_do_catch_a_broken_api_document(client, published):
    """A control: the advice without its language, the meeting without its organ."""
    advice = published.public_item.advice
    document = json.loads(_json_ld(client, f"{ADVICE}{advice.pk}/").content)
    del document["eli:language"]
    conforms, report = conformance(parse_json_ld(json.dumps(document)), "meeting.ttl")
    assert not conforms
    assert "language" in report
    path = f"{MEETINGS}{published.meeting.pk}/"
    document = json.loads(_json_ld(client, path).content)
    del document["council"]
    graph = parse_json_ld(json.dumps(document))
    conforms, report = conformance(graph, "decision-list.ttl")
    assert not conforms
    assert "isGehoudenDoor" in report


def test_the_json_keeps_its_fields(client, published):
    """What the JSON-LD adds for the shapes is not in the JSON."""
    meeting = client.get(f"{MEETINGS}{published.meeting.pk}/").json()
    assert set(meeting) == {
        "id",
        "url",
        "planned_start",
        "location",
        "status",
        "agenda_items",
    }
    assert [set(item) for item in meeting["agenda_items"]] == [
        {"position", "title", "description"}
    ]
    advice = client.get(ADVICE).json()["results"][0]
    assert set(advice) == {
        "id",
        "url",
        "subject_text",
        "text",
        "motivation",
        "outcome",
        "meeting",
        "meeting_date",
    }
    # Nor in the schema that documents the JSON.
    schema = yaml.safe_load(client.get("/api/schema/").content)
    components = schema["components"]["schemas"]
    assert set(components["Meeting"]["properties"]) == set(meeting)
    assert set(components["AgendaItem"]["properties"]) == {
        "position",
        "title",
        "description",
    }
    assert set(components["Advice"]["properties"]) == set(advice)


def test_closed_items_and_unpublished_advice_never_appear(client, published, council):
    # A planned meeting whose agenda has not been sent: its items are not public.
    unsent = MeetingFactory(council=council, agenda_published_at=None)
    AgendaItemFactory(meeting=unsent, title="Nog niet verstuurd punt")
    closed = published.closed_item
    secrets = (
        CLOSED_TITLE,
        "Advies Zeldzaam",
        f"punt-{closed.pk}",
        f"/grosh/adviezen/{closed.advice.pk}/",
        "Nog niet verstuurd punt",
    )
    for path in (
        MEETINGS,
        f"{MEETINGS}{published.meeting.pk}/",
        f"{MEETINGS}{unsent.pk}/",
        ADVICE,
        f"{ADVICE}{published.public_item.advice.pk}/",
    ):
        content = _json_ld(client, path).content.decode()
        for secret in secrets:
            assert secret not in content, (path, secret)
    assert PUBLIC_TITLE in _json_ld(client, MEETINGS).content.decode()
    graph = _graph(client, ADVICE)
    assert set(graph.subjects(RDF.type, BESLUIT.Besluit)) == {
        URIRef(f"http://testserver{advice.get_absolute_url()}")
        for advice in Advice.objects.public()
    }
    hidden = client.get(f"{ADVICE}{closed.advice.pk}/", HTTP_ACCEPT=JSONLD)
    assert hidden.status_code == 404
    assert "@context" not in hidden.json()


def test_the_context_is_inline_and_read_offline(client, published):
    """Nothing to fetch from another host: a remote context would be refused."""
    for path in (MEETINGS, ADVICE):
        document = json.loads(_json_ld(client, path).content)
        assert isinstance(document["@context"], dict)
    remote = json.dumps({"@context": "https://schema.org/", "name": "Herent"})
    with pytest.raises(AssertionError):
        parse_json_ld(remote)
    # And rdflib, asked to read it anyway, fails instead of going to schema.org.
    with offline(), pytest.raises(URLError, match="no network"):
        Graph().parse(data=remote, format="json-ld")


def test_what_the_json_ld_adds_costs_no_query_per_meeting(client, published, council):
    def queries(**headers):
        with CaptureQueriesContext(connection) as context:
            assert client.get(MEETINGS, **headers).status_code == 200
        return len(context.captured_queries)

    few = queries(HTTP_ACCEPT=JSONLD)
    assert few == queries()
    for _ in range(3):
        AgendaItemFactory(meeting=MeetingFactory(council=council, held=True))
    assert queries(HTTP_ACCEPT=JSONLD) == few
