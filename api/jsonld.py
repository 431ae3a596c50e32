"""JSON-LD on the same URLs as the JSON, by content negotiation.

`Accept: application/ld+json` (or `?format=jsonld`) gives the same fields as the
JSON with a `@context` that maps them to schema.org or the Flemish OSLO
vocabulary (besluit, as the council's own meeting documents use it), each object
with its `@type` and, where it has a page, its page as `@id`. A list is a Hydra
collection: `count`, `next`, `previous` and `results` keep their names and mean
hydra:totalItems, hydra:next, hydra:previous and hydra:member. Fields without a
term in a vocabulary keep their JSON name and are left out of the RDF.

Each serializer says how it maps in a `linked_data` attribute (`LinkedData`);
plain JSON stays the default. Where a vocabulary's shapes want more than the JSON
gives (OSLO Besluit: the organ holding a meeting, when it started and ended, the
language of a decision), the JSON-LD adds it: fixed values (`constants`) and
fields that only the JSON-LD has (`linked_data_only`, api.serializers), so the
JSON keeps its documented fields. The `@context` is always inline: nothing to
fetch from another host to read it.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rest_framework.renderers import JSONRenderer

SCHEMA = "https://schema.org/"
PREFIXES = {
    "schema": SCHEMA,
    "besluit": "http://data.vlaanderen.be/ns/besluit#",
    "prov": "http://www.w3.org/ns/prov#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
COLLECTION_TERMS = {
    "count": "hydra:totalItems",
    "next": {"@id": "hydra:next", "@type": "@id"},
    "previous": {"@id": "hydra:previous", "@type": "@id"},
    "results": "hydra:member",
}
MEDIA_TYPE = "application/ld+json"
FORMAT = "jsonld"


def iri(term: str) -> dict[str, str]:
    """A term whose value is a link (`@type: @id`)."""
    return {"@id": term, "@type": "@id"}


def typed(term: str, datatype: str) -> dict[str, str]:
    """A term whose value is a literal of an XML Schema type."""
    return {"@id": term, "@type": f"xsd:{datatype}"}


def concept(uri: str, label: str, language: str = "nl") -> dict[str, Any]:
    """A skos:Concept (a code of a list, such as a language), embedded as a node."""
    return {
        "@id": uri,
        "@type": "skos:Concept",
        "skos:prefLabel": {"@value": label, "@language": language},
    }


def renders_linked_data(request) -> bool:
    """Whether the request's answer is JSON-LD (content negotiation has chosen)."""
    renderer = getattr(request, "accepted_renderer", None)
    return getattr(renderer, "format", None) == FORMAT


@dataclass(frozen=True)
class LinkedData:
    """How a serializer's fields map to a vocabulary.

    `type`: the `@type`, or a function of the object's data giving it;
    `terms`: field name → term (or term definition); `nested`: field name → the
    nested serializer's `LinkedData` (its terms are scoped to that field);
    `id_field`: the field holding the object's page, its `@id`; `constants`:
    properties every node has, already in JSON-LD (compact IRIs as keys).
    """

    type: str | list[str] | Callable[[Mapping[str, Any]], str | list[str]]
    terms: Mapping[str, Any]
    nested: Mapping[str, "LinkedData"] = field(default_factory=dict)
    id_field: str | None = "url"
    constants: Mapping[str, Any] = field(default_factory=dict)

    def context(self) -> dict[str, Any]:
        context: dict[str, Any] = dict(self.terms)
        for name, linked in self.nested.items():
            definition = context.get(name, {})
            if isinstance(definition, str):
                definition = {"@id": definition}
            context[name] = {**definition, "@context": linked.context()}
        return context

    def node(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """The object as a JSON-LD node: its fields, `@id` and `@type`."""
        node: dict[str, Any] = {}
        if self.id_field and data.get(self.id_field):
            node["@id"] = data[self.id_field]
        node["@type"] = self.type(data) if callable(self.type) else self.type
        node.update(self.constants)
        for key, value in data.items():
            linked = self.nested.get(key)
            if linked is None:
                node[key] = value
            elif isinstance(value, list):
                node[key] = [linked.node(item) for item in value]
            elif isinstance(value, Mapping):
                node[key] = linked.node(value)
            else:
                node[key] = value
        return node

    def document(self, data: Any, *, collection_id: str) -> dict[str, Any]:
        """The whole answer: one object, or a page of a list as a Hydra collection."""
        context: dict[str, Any] = {"@version": 1.1, **PREFIXES, **self.context()}
        if isinstance(data, Mapping) and "results" in data:
            return {
                "@context": {**context, **COLLECTION_TERMS},
                "@id": collection_id,
                "@type": "hydra:Collection",
                **{key: value for key, value in data.items() if key != "results"},
                "results": [self.node(item) for item in data["results"]],
            }
        return {"@context": context, **self.node(data)}


class JsonLdRenderer(JSONRenderer):
    """The view's serializer's `linked_data` around the JSON it would give."""

    media_type = MEDIA_TYPE
    format = FORMAT

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        view = renderer_context.get("view")
        response = renderer_context.get("response")
        request = renderer_context.get("request")
        linked = getattr(
            view.get_serializer_class() if view is not None else None,
            "linked_data",
            None,
        )
        # Errors (400, 404, 429) keep their plain shape.
        if linked is not None and response is not None and response.status_code < 300:
            data = linked.document(
                data,
                collection_id=request.build_absolute_uri() if request else "",
            )
        return super().render(data, accepted_media_type, renderer_context)
