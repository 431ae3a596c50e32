"""A public meeting as JSON-LD in the Flemish OSLO "Besluit" vocabulary.

Zitting, Agendapunt, BehandelingVanAgendapunt, Besluit (an advice, with a local
"advies" type) and Stemming, shaped to pass the besluit-publicatie SHACL shapes that
the Flemish minutes editor uses. Only public items are ever passed in: the caller
gets them from `selectors.meeting_get_public`, which never loads a closed item.
"""

from django.urls import reverse
from django.utils import timezone

from council.constants import MemberRole

CONTEXT = {
    "besluit": "http://data.vlaanderen.be/ns/besluit#",
    "mandaat": "http://data.vlaanderen.be/ns/mandaat#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "leidinggevenden": "http://data.lblod.info/vocabularies/leidinggevenden/",
}

# The agenda item type "gepland" of the Flemish minutes editor.
AGENDA_ITEM_PLANNED = (
    "http://lblod.data.gift/concepts/bdf68a65-ce15-42c8-ae1b-19eeb39e20d0"
)
LANGUAGE_DUTCH = "http://publications.europa.eu/resource/authority/language/NLD"


def _datetime(value):
    return {"@value": timezone.localtime(value).isoformat(), "@type": "xsd:dateTime"}


def _dutch(text: str):
    return {"@value": text, "@language": "nl"}


def _ref(uri: str):
    return {"@id": uri}


def meeting_document(*, meeting, items, attendance, chair, secretary, base_url: str):
    """The JSON-LD document (a dict) of a meeting with its public `items`."""
    base = base_url.rstrip("/")

    def url(name, *args, fragment=""):
        return base + reverse(name, args=args) + (f"#{fragment}" if fragment else "")

    council = meeting.council
    meeting_uri = url("council:meeting_detail", meeting.pk)
    organ_uri = url("council:index", fragment="bestuursorgaan")
    graph = []

    organ = {
        "@id": organ_uri,
        "@type": "besluit:Bestuursorgaan",
        "skos:prefLabel": council.full_name,
    }
    if council.local_authority_id:
        unit_uri = url("council:index", fragment="bestuurseenheid")
        organ["besluit:bestuurt"] = _ref(unit_uri)
        graph.append(
            {
                "@id": unit_uri,
                "@type": "besluit:Bestuurseenheid",
                "skos:prefLabel": council.local_authority.name,
            }
        )
    graph.append(organ)

    def mandataris_uri(member):
        return url("council:members", fragment=f"lid-{member.pk}")

    people = {}

    def person(member):
        if member.pk not in people:
            types = ["mandaat:Mandataris"]
            if member.role == MemberRole.SECRETARY:
                types = ["leidinggevenden:Functionaris"]
            people[member.pk] = {
                "@id": mandataris_uri(member),
                "@type": types,
                "rdfs:label": f"{member.full_name} ({member.get_role_display()})",
            }
        return _ref(mandataris_uri(member))

    zitting = {
        "@id": meeting_uri,
        "@type": "besluit:Zitting",
        "besluit:isGehoudenDoor": _ref(organ_uri),
        "besluit:geplandeStart": _datetime(meeting.planned_start),
        "prov:atLocation": meeting.location,
        "rdfs:label": meeting.title,
        "besluit:behandelt": [],
    }
    if meeting.is_held:
        zitting["prov:startedAtTime"] = _datetime(meeting.started_at)
        zitting["prov:endedAtTime"] = _datetime(meeting.ended_at)
        present = [m for m in attendance.present if m.role != MemberRole.SECRETARY]
        if present:
            zitting["besluit:heeftAanwezigeBijStart"] = [person(m) for m in present]
        if chair is not None and chair in attendance.present:
            zitting["besluit:heeftVoorzitter"] = person(chair)
        if secretary is not None and secretary in attendance.present:
            zitting["besluit:heeftSecretaris"] = person(secretary)
        minutes = getattr(meeting, "minutes", None)
        if minutes is not None and minutes.is_published:
            minutes_uri = url("council:minutes_public", meeting.pk)
            zitting["besluit:heeftNotulen"] = _ref(minutes_uri)
            graph.append(
                {
                    "@id": minutes_uri,
                    "@type": "foaf:Document",
                    "dct:title": str(minutes),
                }
            )
    graph.append(zitting)
    graph.append(
        {
            "@id": AGENDA_ITEM_PLANNED,
            "@type": "skos:Concept",
            "skos:prefLabel": _dutch("gepland"),
        }
    )

    previous_item = None
    previous_treatment = None
    advice_type_uri = url("council:advice_list", fragment="advies")
    advice_type_added = False
    for item in items:
        item_uri = url("council:meeting_detail", meeting.pk, fragment=f"punt-{item.pk}")
        zitting["besluit:behandelt"].append(_ref(item_uri))
        node = {
            "@id": item_uri,
            "@type": "besluit:Agendapunt",
            "dct:title": item.title,
            "besluit:geplandOpenbaar": True,
            "besluit:Agendapunt.type": _ref(AGENDA_ITEM_PLANNED),
        }
        if item.description:
            node["dct:description"] = item.description
        if previous_item:
            node["besluit:aangebrachtNa"] = _ref(previous_item)
        graph.append(node)
        previous_item = item_uri

        advice = getattr(item, "advice", None) if meeting.is_held else None
        if advice is None:
            continue
        # A treatment is published for each item that led to an advice: the
        # shapes require every treatment to generate a decision.
        treatment_uri = url(
            "council:meeting_detail", meeting.pk, fragment=f"behandeling-{item.pk}"
        )
        advice_uri = url("council:advice_detail", advice.pk)
        article_uri = url("council:advice_detail", advice.pk, fragment="artikel-1")
        treatment = {
            "@id": treatment_uri,
            "@type": "besluit:BehandelingVanAgendapunt",
            "dct:subject": _ref(item_uri),
            "besluit:openbaar": True,
            "prov:generated": _ref(advice_uri),
        }
        if previous_treatment:
            treatment["besluit:gebeurtNa"] = _ref(previous_treatment)
        previous_treatment = treatment_uri
        if not advice_type_added:
            graph.append(
                {
                    "@id": advice_type_uri,
                    "@type": "skos:Concept",
                    "skos:prefLabel": _dutch("advies"),
                }
            )
            advice_type_added = True
        graph.append(
            {
                "@id": advice_uri,
                "@type": "besluit:Besluit",
                "dct:type": _ref(advice_type_uri),
                "eli:title": advice.subject_text,
                "eli:description": f"Advies van de {council.name}: "
                f"{advice.get_outcome_display()}.",
                "prov:value": advice.text,
                "besluit:motivering": _dutch(advice.motivation),
                "eli:language": _ref(LANGUAGE_DUTCH),
                "eli:has_part": _ref(article_uri),
            }
        )
        graph.append(
            {
                "@id": article_uri,
                "@type": "besluit:Artikel",
                "eli:number": "1",
                "prov:value": advice.text,
            }
        )
        conflicted = {m.pk for m in advice.conflicted_members.all()}
        present = [m for m in attendance.present if m.role != MemberRole.SECRETARY]
        voters = [m for m in present if m.has_vote and m.pk not in conflicted]
        if present and voters:
            vote_uri = url("council:advice_detail", advice.pk, fragment="stemming")
            treatment["besluit:heeftStemming"] = _ref(vote_uri)
            graph.append(
                {
                    "@id": vote_uri,
                    "@type": "besluit:Stemming",
                    "besluit:onderwerp": _dutch(advice.subject_text),
                    "besluit:gevolg": _dutch(
                        f"{advice.get_outcome_display().capitalize()} advies"
                    ),
                    "besluit:geheim": False,
                    "besluit:aantalVoorstanders": advice.votes_for,
                    "besluit:aantalTegenstanders": advice.votes_against,
                    "besluit:aantalOnthouders": advice.votes_abstain,
                    "besluit:heeftAanwezige": [person(m) for m in present],
                    "besluit:heeftStemmer": [person(m) for m in voters],
                }
            )
        graph.append(treatment)

    graph.append(
        {
            "@id": LANGUAGE_DUTCH,
            "@type": "skos:Concept",
            "skos:prefLabel": _dutch("Nederlands"),
        }
    )
    graph.extend(people.values())
    return {"@context": CONTEXT, "@graph": graph}
