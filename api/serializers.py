"""What the API shows of each kind: the public fields of its page, nothing more."""

from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from api.jsonld import LinkedData, concept, iri, renders_linked_data, typed
from council.linked_data import AGENDA_ITEM_PLANNED, LANGUAGE_DUTCH
from council.models import Advice, AgendaItem, Council, Meeting
from herentq.models import SDG, NewsItem
from learning_tracks.models import Session, Track
from partnerships.models import Agreement, PartnerPlace, Partnership
from subsidies.models import Application, Call, Scheme


class AbsoluteUrlField(serializers.SerializerMethodField):
    """The object's page on the portal, as an absolute URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "De pagina op het portaal.")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value.get_absolute_url())


def _url_method(self, item) -> str:
    return self.context["request"].build_absolute_uri(item.get_absolute_url())


class LinkedDataOnlyMixin:
    """The fields named in `Meta.linked_data_only` are given in the JSON-LD only:
    what a vocabulary's shapes require beyond the JSON (api.jsonld). The JSON, and
    the schema that documents it, keep their fields."""

    def get_fields(self):
        fields = super().get_fields()
        if not renders_linked_data(self.context.get("request")):
            for name in self.Meta.linked_data_only:
                del fields[name]
        return fields


class SdgSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    get_url = _url_method

    linked_data = LinkedData(
        type="schema:DefinedTerm",
        terms={
            "number": "schema:termCode",
            "url": iri("schema:url"),
            "name_nl": {"@id": "schema:name", "@language": "nl"},
            "name_en": {"@id": "schema:name", "@language": "en"},
        },
    )

    class Meta:
        model = SDG
        fields = ["number", "url", "name_nl", "name_en", "colour"]


class PlaceSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")
    kind_label = serializers.CharField(source="get_kind_display")
    other_names = serializers.SerializerMethodField()

    class Meta:
        model = PartnerPlace
        fields = [
            "name",
            "kind",
            "kind_label",
            "area",
            "country",
            "latitude",
            "longitude",
            "wikidata_id",
            "other_names",
        ]

    linked_data = LinkedData(
        type="schema:Place",
        id_field=None,
        terms={
            "name": "schema:name",
            "country": "schema:addressCountry",
            "latitude": typed("schema:latitude", "decimal"),
            "longitude": typed("schema:longitude", "decimal"),
            "other_names": "schema:alternateName",
        },
    )

    def get_other_names(self, place) -> list[str]:
        return [name.strip() for name in place.other_names.split(",") if name.strip()]


class AgreementSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    signed = serializers.SerializerMethodField(
        help_text="ISO 8601, zo precies als de bron (jaar, maand of dag)."
    )
    ends = serializers.SerializerMethodField()
    domains = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Agreement
        fields = [
            "kind",
            "kind_label",
            "signed",
            "signed_at",
            "ends",
            "summary",
            "domains",
        ]

    linked_data = LinkedData(
        type="schema:CreativeWork",
        id_field=None,
        terms={
            "kind_label": "schema:name",
            "signed": "schema:dateCreated",
            "ends": "schema:expires",
            "summary": "schema:abstract",
            "domains": "schema:keywords",
        },
    )

    def get_signed(self, agreement) -> str | None:
        return agreement.signed.isoformat() if agreement.signed else None

    def get_ends(self, agreement) -> str | None:
        return agreement.ends.isoformat() if agreement.ends else None


class PartnershipSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    local_authority = serializers.CharField(source="local_authority.name")
    places = PlaceSerializer(many=True, read_only=True)
    agreements = AgreementSerializer(many=True, read_only=True)
    sdgs = serializers.SlugRelatedField(many=True, read_only=True, slug_field="number")
    domains = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    get_url = _url_method

    # A partnership is a project of a local authority with partner places.
    linked_data = LinkedData(
        type="schema:Project",
        terms={
            "slug": "schema:identifier",
            "title": "schema:name",
            "url": iri("schema:url"),
            "local_authority": "schema:member",
            "summary": "schema:description",
            "body": "schema:disambiguatingDescription",
            "places": "schema:location",
            "agreements": "schema:subjectOf",
            "domains": "schema:keywords",
            "updated_at": typed("schema:dateModified", "dateTime"),
        },
        nested={
            "places": PlaceSerializer.linked_data,
            "agreements": AgreementSerializer.linked_data,
        },
    )

    class Meta:
        model = Partnership
        fields = [
            "slug",
            "title",
            "url",
            "local_authority",
            "status",
            "summary",
            "body",
            "places",
            "agreements",
            "sdgs",
            "domains",
            "updated_at",
        ]


class NewsSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    get_url = _url_method

    linked_data = LinkedData(
        type="schema:NewsArticle",
        terms={
            "slug": "schema:identifier",
            "title": "schema:headline",
            "url": iri("schema:url"),
            "published_on": typed("schema:datePublished", "date"),
            "summary": "schema:abstract",
            "body": "schema:articleBody",
        },
    )

    class Meta:
        model = NewsItem
        fields = ["slug", "title", "url", "published_on", "summary", "body"]


class CallSerializer(serializers.ModelSerializer):
    linked_data = LinkedData(
        type="schema:Event",
        id_field=None,
        terms={
            "title": "schema:name",
            "opens_at": typed("schema:startDate", "dateTime"),
            "closes_at": typed("schema:endDate", "dateTime"),
        },
    )

    class Meta:
        model = Call
        fields = ["title", "year", "opens_at", "closes_at"]


class SchemeSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    calls = CallSerializer(many=True, read_only=True)
    get_url = _url_method

    # A subsidy scheme is a service of the local government that grants money.
    linked_data = LinkedData(
        type="schema:GovernmentService",
        terms={
            "slug": "schema:identifier",
            "name": "schema:name",
            "url": iri("schema:url"),
            "summary": "schema:description",
            "description": "schema:disambiguatingDescription",
            "eligibility": "schema:audience",
            "calls": "schema:subEvent",
        },
        nested={"calls": CallSerializer.linked_data},
    )

    class Meta:
        model = Scheme
        fields = [
            "slug",
            "name",
            "url",
            "summary",
            "description",
            "eligibility",
            "max_amount",
            "calls",
        ]


class GrantSerializer(serializers.ModelSerializer):
    """A row of the public register of granted subsidies."""

    organisation = serializers.CharField(source="organisation.name")
    scheme = serializers.CharField(source="call.scheme.name")
    country = serializers.CharField(source="country.code")
    sdgs = serializers.SlugRelatedField(many=True, read_only=True, slug_field="number")

    linked_data = LinkedData(
        type="schema:MonetaryGrant",
        id_field=None,
        terms={
            "reference": "schema:identifier",
            "title": "schema:name",
            "organisation": "schema:recipient",
            "scheme": "schema:isPartOf",
            "approved_amount": typed("schema:amount", "decimal"),
            "decision_date": typed("schema:dateCreated", "date"),
        },
    )

    class Meta:
        model = Application
        fields = [
            "reference",
            "title",
            "organisation",
            "scheme",
            "country",
            "approved_amount",
            "decision_date",
            "sdgs",
        ]


class SessionSerializer(serializers.ModelSerializer):
    linked_data = LinkedData(
        type="schema:CourseInstance",
        id_field=None,
        terms={
            "topic": "schema:name",
            "description": "schema:description",
            "starts_at": typed("schema:startDate", "dateTime"),
            "ends_at": typed("schema:endDate", "dateTime"),
            "location": "schema:location",
        },
    )

    class Meta:
        model = Session
        fields = [
            "topic",
            "description",
            "starts_at",
            "ends_at",
            "location",
            "is_cancelled",
        ]


class TrackSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    theme = serializers.CharField(source="theme.name", allow_null=True)
    status_label = serializers.CharField(source="get_status_display")
    seats_left = serializers.IntegerField(read_only=True)
    sessions = SessionSerializer(many=True, read_only=True)
    sdgs = serializers.SlugRelatedField(many=True, read_only=True, slug_field="number")
    get_url = _url_method

    linked_data = LinkedData(
        type="schema:Course",
        terms={
            "slug": "schema:identifier",
            "number": "schema:courseCode",
            "title": "schema:name",
            "url": iri("schema:url"),
            "theme": "schema:about",
            "summary": "schema:description",
            "target_group": "schema:audience",
            "sessions": "schema:hasCourseInstance",
        },
        nested={"sessions": SessionSerializer.linked_data},
    )

    class Meta:
        model = Track
        fields = [
            "slug",
            "number",
            "title",
            "url",
            "theme",
            "status",
            "status_label",
            "summary",
            "target_group",
            "capacity",
            "seats_left",
            "sessions",
            "sdgs",
        ]


class CouncilSerializer(serializers.ModelSerializer):
    """The council as the organ holding its meetings (JSON-LD only)."""

    url = serializers.SerializerMethodField()

    # The same node as in the council's own JSON-LD (council.linked_data).
    linked_data = LinkedData(
        type="besluit:Bestuursorgaan",
        terms={"full_name": "skos:prefLabel"},
    )

    class Meta:
        model = Council
        fields = ["url", "full_name"]

    def get_url(self, council) -> str:
        page = self.context["request"].build_absolute_uri(reverse("council:index"))
        return f"{page}#bestuursorgaan"


class AgendaItemSerializer(LinkedDataOnlyMixin, serializers.ModelSerializer):
    # JSON-LD only: the item's IRI, as the council's own JSON-LD names it.
    url = serializers.SerializerMethodField()

    linked_data = LinkedData(
        type="besluit:Agendapunt",
        terms={
            "title": "dct:title",
            "description": "dct:description",
        },
        # Only public items are ever given: planned to be treated in public, and
        # of the minutes editor's type "gepland", as council.linked_data has them.
        constants={
            "besluit:geplandOpenbaar": True,
            "besluit:Agendapunt.type": concept(AGENDA_ITEM_PLANNED, "gepland"),
        },
    )

    class Meta:
        model = AgendaItem
        fields = ["position", "title", "description", "url"]
        linked_data_only = ["url"]

    def get_url(self, item) -> str:
        page = reverse("council:meeting_detail", args=[item.meeting_id])
        return self.context["request"].build_absolute_uri(f"{page}#punt-{item.pk}")


def _meeting_type(data) -> str:
    # The OSLO shapes want a besluit:Zitting to treat at least one Agendapunt, and
    # closed items are never published (nor the items of an agenda not yet sent):
    # a meeting without a public item is only an event, as it has no JSON-LD of its
    # own on the council's pages (council:meeting_jsonld answers 404).
    return "besluit:Zitting" if data.get("agenda_items") else "schema:Event"


class MeetingSerializer(LinkedDataOnlyMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    agenda_items = AgendaItemSerializer(
        many=True, read_only=True, source="public_items", help_text="Openbare punten."
    )
    # JSON-LD only, as the OSLO shapes want them: the organ that holds the meeting
    # and, once held, when it started and ended.
    council = CouncilSerializer(read_only=True)
    get_url = _url_method

    # OSLO Besluit, as the meeting's own JSON-LD (council.linked_data) has it.
    linked_data = LinkedData(
        type=_meeting_type,
        terms={
            "planned_start": typed("besluit:geplandeStart", "dateTime"),
            "started_at": typed("prov:startedAtTime", "dateTime"),
            "ended_at": typed("prov:endedAtTime", "dateTime"),
            "location": "prov:atLocation",
            "council": "besluit:isGehoudenDoor",
            "agenda_items": "besluit:behandelt",
        },
        nested={
            "council": CouncilSerializer.linked_data,
            "agenda_items": AgendaItemSerializer.linked_data,
        },
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "url",
            "planned_start",
            "location",
            "status",
            "agenda_items",
            "started_at",
            "ended_at",
            "council",
        ]
        linked_data_only = ["started_at", "ended_at", "council"]


ARTICLE = LinkedData(
    type="besluit:Artikel",
    terms={"number": "eli:number", "text": "prov:value"},
)


class AdviceSerializer(LinkedDataOnlyMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    meeting = serializers.IntegerField(source="agenda_item.meeting_id")
    meeting_date = serializers.SerializerMethodField()
    # JSON-LD only: the advice as the one article of the decision, which the
    # OSLO shapes want (eli:has_part), as council.linked_data has it.
    article = serializers.SerializerMethodField()
    get_url = _url_method

    # A decision of the council (OSLO Besluit), as council.linked_data has it; the
    # advice is written in Dutch whatever the URL's language.
    linked_data = LinkedData(
        type="besluit:Besluit",
        terms={
            "subject_text": "eli:title",
            "text": "prov:value",
            "motivation": {"@id": "besluit:motivering", "@language": "nl"},
            "article": "eli:has_part",
        },
        nested={"article": ARTICLE},
        constants={"eli:language": concept(LANGUAGE_DUTCH, "Nederlands")},
    )

    class Meta:
        model = Advice
        fields = [
            "id",
            "url",
            "subject_text",
            "text",
            "motivation",
            "outcome",
            "meeting",
            "meeting_date",
            "article",
        ]
        linked_data_only = ["article"]

    def get_article(self, advice) -> dict[str, str]:
        return {
            "url": f"{_url_method(self, advice)}#artikel-1",
            "number": "1",
            "text": advice.text,
        }

    def get_meeting_date(self, advice) -> str:
        start = advice.agenda_item.meeting.planned_start
        return timezone.localtime(start).date().isoformat()
