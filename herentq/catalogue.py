"""The data catalogue in DCAT-AP (the profile the Flemish open-data portal
harvests): a `dcat:Catalog` with a `dcat:Dataset` per dataset and a
`dcat:Distribution` per file, as JSON-LD and Turtle.

Each app describes its datasets in `catalogue_datasets(base_url)` on its
AppConfig, returning `Dataset`s; `tests/core/test_catalogue.py` validates the
whole against the DCAT-AP 2.1.1 SHACL shapes.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from rdflib import Graph

from herentq import extensions
from herentq.models import LocalAuthority

LICENCE = "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_LANGUAGE_NLD = "http://publications.europa.eu/resource/authority/language/NLD"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
FILE_TYPES = {
    "text/csv": "CSV",
    "application/json": "JSON",
    "application/ld+json": "JSON_LD",
    "text/calendar": "ICS",
    "application/atom+xml": "ATOM",
    "text/html": "HTML",
}

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class Distribution:
    title: str
    url: str  # absolute
    media_type: str
    download: bool = True  # a file (downloadURL), or a page to reach it


@dataclass(frozen=True)
class Dataset:
    key: str  # part of the dataset's identifier
    title: str
    description: str
    landing_page: str  # absolute
    keywords: list[str] = field(default_factory=list)
    distributions: list[Distribution] = field(default_factory=list)


def _literal(text: str) -> dict:
    return {"@value": str(text), "@language": "nl"}


def _distribution(distribution: Distribution) -> dict:
    data = {
        "@id": distribution.url + "#distributie",
        "@type": "dcat:Distribution",
        "dct:title": _literal(distribution.title),
        "dcat:accessURL": {"@id": distribution.url},
        "dcat:mediaType": {"@id": MEDIA_TYPE + distribution.media_type},
        "dct:format": {
            "@id": EU_FILE_TYPE + FILE_TYPES.get(distribution.media_type, "OCTET")
        },
        "dct:license": {"@id": LICENCE},
    }
    if distribution.download:
        data["dcat:downloadURL"] = {"@id": distribution.url}
    return data


def catalogue(*, base_url: str) -> dict:
    """The catalogue as a JSON-LD document."""
    owner = LocalAuthority.objects.filter(is_owner=True).first()
    publisher = {
        "@id": base_url + "/#uitgever",
        "@type": "foaf:Agent",
        "foaf:name": owner.name if owner else "HerentQ",
    }
    catalogue_id = base_url + reverse("catalogue_jsonld")
    datasets = [
        {
            "@id": f"{catalogue_id}#{dataset.key}",
            "@type": "dcat:Dataset",
            "dct:title": _literal(dataset.title),
            "dct:description": _literal(dataset.description),
            "dct:publisher": {"@id": publisher["@id"]},
            "dct:language": {"@id": EU_LANGUAGE_NLD},
            "dcat:landingPage": {"@id": dataset.landing_page},
            "dcat:keyword": [_literal(keyword) for keyword in dataset.keywords],
            "dcat:distribution": [
                _distribution(item) for item in dataset.distributions
            ],
        }
        for dataset in extensions.collect("catalogue_datasets", base_url)
    ]
    return {
        "@context": CONTEXT,
        "@graph": [
            {
                "@id": catalogue_id,
                "@type": "dcat:Catalog",
                "dct:title": _literal(
                    _("Open data van de dienst lokaal mondiaal beleid")
                ),
                "dct:description": _literal(
                    _(
                        "De datasets van HerentQ: partnerschappen, het register van "
                        "toegekende subsidies, de vergaderingen en adviezen van de "
                        "GROSH en de leertrajecten."
                    )
                ),
                "dct:publisher": {"@id": publisher["@id"]},
                "dct:language": {"@id": EU_LANGUAGE_NLD},
                "dct:license": {"@id": LICENCE},
                "foaf:homepage": {"@id": base_url + "/"},
                "dcat:dataset": [{"@id": dataset["@id"]} for dataset in datasets],
            },
            publisher,
            *datasets,
        ],
    }


def as_turtle(data: dict) -> str:
    """The same catalogue in Turtle (rdflib reads the JSON-LD, offline: the
    context is inline)."""
    import json

    graph = Graph()
    graph.parse(data=json.dumps(data), format="json-ld")
    return graph.serialize(format="turtle")
