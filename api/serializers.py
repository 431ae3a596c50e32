"""What the API shows of each kind: the public fields of its page, nothing more."""

from django.utils import timezone
from rest_framework import serializers

from api.jsonld import LinkedData, iri, typed
from council.models import Advice, AgendaItem, Meeting
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


class AgendaItemSerializer(serializers.ModelSerializer):
    linked_data = LinkedData(
        type="besluit:Agendapunt",
        id_field=None,
        terms={
            "title": "dct:title",
            "description": "dct:description",
        },
    )

    class Meta:
        model = AgendaItem
        fields = ["position", "title", "description"]


class MeetingSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    agenda_items = AgendaItemSerializer(
        many=True, read_only=True, source="public_items", help_text="Openbare punten."
    )
    get_url = _url_method

    # OSLO Besluit, as the meeting's own JSON-LD (council.linked_data) has it.
    linked_data = LinkedData(
        type="besluit:Zitting",
        terms={
            "planned_start": typed("besluit:geplandeStart", "dateTime"),
            "location": "prov:atLocation",
            "agenda_items": "besluit:behandelt",
        },
        nested={"agenda_items": AgendaItemSerializer.linked_data},
    )

    class Meta:
        model = Meeting
        fields = ["id", "url", "planned_start", "location", "status", "agenda_items"]


class AdviceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    meeting = serializers.IntegerField(source="agenda_item.meeting_id")
    meeting_date = serializers.SerializerMethodField()
    get_url = _url_method

    # A decision of the council (OSLO Besluit), as council.linked_data has it.
    linked_data = LinkedData(
        type="besluit:Besluit",
        terms={
            "subject_text": "eli:title",
            "text": "prov:value",
            "motivation": {"@id": "besluit:motivering", "@language": "nl"},
        },
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
        ]

    def get_meeting_date(self, advice) -> str:
        start = advice.agenda_item.meeting.planned_start
        return timezone.localtime(start).date().isoformat()
