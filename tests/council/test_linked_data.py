"""Public meetings as JSON-LD in the OSLO Besluit vocabulary, checked with pyshacl
against the shapes of the Flemish minutes editor (copied to shapes/)."""

import json

import pytest
from django.urls import reverse
from rdflib.namespace import RDF

from tests.council.conftest import CLOSED_TITLE, PUBLIC_TITLE, advance
from tests.council.factories import AgendaItemFactory, MeetingFactory
from tests.linked_data import BESLUIT, assert_conforms, conformance, parse_json_ld

pytestmark = pytest.mark.django_db


def _graph(client, meeting):
    response = client.get(reverse("council:meeting_jsonld", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return parse_json_ld(response.content)


@pytest.mark.parametrize(
    "shapes_file", ["meeting.ttl", "besluit-shape.ttl", "decision-list.ttl"]
)
def test_held_meeting_conforms_to_the_oslo_shapes(client, published, shapes_file):
    graph = _graph(client, published.meeting)
    # The shapes only bite when the classes are there: make sure they are.
    for cls in (
        "Zitting",
        "Agendapunt",
        "BehandelingVanAgendapunt",
        "Besluit",
        "Stemming",
    ):
        assert (None, RDF.type, BESLUIT[cls]) in graph, cls
    assert_conforms(graph, shapes_file)


def test_planned_meeting_conforms_to_the_agenda_shapes(client, council):
    meeting = MeetingFactory(council=council)
    AgendaItemFactory(meeting=meeting, title="Jaarplanning")
    AgendaItemFactory(meeting=meeting, title="Varia", description="")
    graph = _graph(client, meeting)
    assert len(list(graph.subjects(RDF.type, BESLUIT.Agendapunt))) == 2
    assert_conforms(graph, "basic-agenda.ttl")


def test_closed_items_and_their_advice_never_appear_in_the_json_ld(client, published):
    response = client.get(
        reverse("council:meeting_jsonld", args=[published.meeting.pk])
    )
    content = response.content.decode()
    assert PUBLIC_TITLE in content
    for secret in (CLOSED_TITLE, "Advies Zeldzaam", f"punt-{published.closed_item.pk}"):
        assert secret not in content
    document = json.loads(content)
    decisions = [n for n in document["@graph"] if n.get("@type") == "besluit:Besluit"]
    assert [d["eli:title"] for d in decisions] == ["Advies over de radio"]


def test_votes_and_treatment_order_are_published(client, published):
    graph = _graph(client, published.meeting)
    vote = next(graph.subjects(RDF.type, BESLUIT.Stemming))
    assert graph.value(vote, BESLUIT.aantalVoorstanders).toPython() == 3
    assert graph.value(vote, BESLUIT.aantalTegenstanders).toPython() == 1
    assert graph.value(vote, BESLUIT.geheim).toPython() is False
    zitting = next(graph.subjects(RDF.type, BESLUIT.Zitting))
    assert graph.value(zitting, BESLUIT.heeftNotulen) is not None


def test_meeting_page_links_its_json_ld(client, scenario):
    page = client.get(reverse("council:meeting_detail", args=[scenario.meeting.pk]))
    url = reverse("council:meeting_jsonld", args=[scenario.meeting.pk])
    assert f'<link rel="alternate" type="application/ld+json" href="{url}"' in (
        page.content.decode()
    )


def test_meeting_with_only_closed_items_has_no_json_ld(client, council):
    meeting = MeetingFactory(council=council)
    AgendaItemFactory(meeting=meeting, is_public=False)
    response = client.get(reverse("council:meeting_jsonld", args=[meeting.pk]))
    assert response.status_code == 404
    page = client.get(reverse("council:meeting_detail", args=[meeting.pk]))
    assert "application/ld+json" not in page.content.decode()


def test_draft_minutes_are_not_referenced_as_notulen(client, scenario):
    advance(scenario, to="approved")
    graph = _graph(client, scenario.meeting)
    zitting = next(graph.subjects(RDF.type, BESLUIT.Zitting))
    assert graph.value(zitting, BESLUIT.heeftNotulen) is None


def test_the_shapes_do_catch_a_broken_document(client, published):
    """A control: the same document without the voters violates meeting.ttl."""
    response = client.get(
        reverse("council:meeting_jsonld", args=[published.meeting.pk])
    )
    document = json.loads(response.content)
    for node in document["@graph"]:
        node.pop("besluit:heeftStemmer", None)
    conforms, report = conformance(parse_json_ld(json.dumps(document)), "meeting.ttl")
    assert not conforms
    assert "heeftStemmer" in report
