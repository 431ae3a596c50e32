"""What the API shows of each kind: the public fields of its page, nothing more."""

from django.utils import timezone
from rest_framework import serializers

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
    class Meta:
        model = SDG
        fields = ["number", "name_nl", "name_en", "colour"]


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

    class Meta:
        model = NewsItem
        fields = ["slug", "title", "url", "published_on", "summary", "body"]


class CallSerializer(serializers.ModelSerializer):
    class Meta:
        model = Call
        fields = ["title", "year", "opens_at", "closes_at"]


class SchemeSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    calls = CallSerializer(many=True, read_only=True)
    get_url = _url_method

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
    class Meta:
        model = AgendaItem
        fields = ["position", "title", "description"]


class MeetingSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    agenda_items = AgendaItemSerializer(
        many=True, read_only=True, source="public_items", help_text="Openbare punten."
    )
    get_url = _url_method

    class Meta:
        model = Meeting
        fields = ["id", "url", "planned_start", "location", "status", "agenda_items"]


class AdviceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    meeting = serializers.IntegerField(source="agenda_item.meeting_id")
    meeting_date = serializers.SerializerMethodField()
    get_url = _url_method

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
