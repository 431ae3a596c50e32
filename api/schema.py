"""drf-spectacular post-processing: the JSON-LD answers and `?format=` documented."""

from django.utils.translation import gettext as _

from api.jsonld import MEDIA_TYPE


def document_jsonld(result, generator, request, public):
    """Each operation's JSON-LD answer is its JSON with a `@context`, `@id` and
    `@type` (and, for the GROSH, what the OSLO shapes want besides); `format`
    chooses JSON-LD without an Accept header."""
    description = _(
        "Dezelfde velden als de JSON, met een @context (schema.org of OSLO "
        "Besluit), @id en @type per object; bij de GROSH ook wat de OSLO-shapes "
        "vragen (het orgaan, start en einde, taal en artikel). Een lijst is een "
        "Hydra-collectie."
    )
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            for response in operation.get("responses", {}).values():
                content = response.get("content", {})
                if MEDIA_TYPE in content:
                    content[MEDIA_TYPE] = {
                        "schema": {"type": "object", "description": description}
                    }
            # drf-spectacular lists `format` (json, jsonld): say what it does.
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "format" and parameter["in"] == "query":
                    parameter["description"] = _(
                        "jsonld geeft JSON-LD, zoals Accept: application/ld+json."
                    )
    return result
