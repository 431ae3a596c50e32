"""The API's OpenAPI schema: built once per process and language, and served
from there; drf-spectacular's post-processing documents the JSON-LD answers."""

import functools

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response

from api.jsonld import MEDIA_TYPE


@functools.cache
def _schema_in(language: str) -> dict:
    with translation.override(language):
        return SchemaGenerator().get_schema(request=None, public=True)


def _supported(language: str | None) -> str | None:
    try:
        return translation.get_supported_language_variant(language or "")
    except LookupError:
        return None


def public_schema(language: str | None = None) -> dict:
    """The schema in `language`, or else in the active language (read it, do not
    change it).

    It only changes with the code, and building it walks every view and
    serializer: some 50 ms of CPU, more than three times a public page's budget,
    spent on every request before (any query string misses the page cache)."""
    return _schema_in(
        _supported(language)
        or _supported(translation.get_language())
        or settings.LANGUAGE_CODE
    )


class SchemaView(SpectacularAPIView):
    """drf-spectacular's schema view (YAML or JSON, `?lang=`), answered from
    `public_schema()`. Its own `get` would activate whatever `?lang=` says, and
    Django keeps every language ever activated in a process-wide dict: one
    object per distinct hostile value, for the process's life."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        schema = public_schema(request.GET.get("lang"))
        suffix = self.perform_content_negotiation(request, force=True)[0].format
        filename = f"{settings.SPECTACULAR_SETTINGS['TITLE']}.{suffix}"
        return Response(
            schema, headers={"Content-Disposition": f'inline; filename="{filename}"'}
        )


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
