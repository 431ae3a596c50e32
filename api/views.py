"""Read-only endpoints: each list is the public selector of its kind.

Anonymous, throttled per client address (`herentq.ratelimit.client_address`,
the address the trusted proxies give), GET from any origin (CORS), ETag and
Last-Modified with conditional GET (304). JSON by default, JSON-LD by content
negotiation (api.jsonld). The language is the URL's: Dutch at /api/, French at
/fr/api/, English at /en/api/ (content falls back to Dutch where untranslated).
"""

import hashlib

from django.conf import settings
from django.db.models import Prefetch
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import AnonRateThrottle

from api import filters, serializers
from api.jsonld import JsonLdRenderer
from council import selectors as council_selectors
from herentq import selectors as core_selectors
from herentq.models import SDG
from herentq.ratelimit import client_address
from learning_tracks import selectors as track_selectors
from learning_tracks.filters import TrackFilter
from learning_tracks.models import Session
from partnerships import selectors as partnership_selectors
from partnerships.filters import PartnershipFilter
from subsidies import selectors as subsidy_selectors
from subsidies.models import Call


class ClientAddressThrottle(AnonRateThrottle):
    """Counted per client address as the portal's other limits count it; the
    rate is the setting `API_THROTTLE_RATE`, read at each request."""

    def get_rate(self):
        return settings.API_THROTTLE_RATE

    def get_ident(self, request):
        return client_address(request)


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    # JSON by default; JSON-LD on the same URL for `Accept: application/ld+json`
    # or `?format=jsonld` (api.jsonld). DRF answers `Vary: Accept`.
    renderer_classes = [JSONRenderer, JsonLdRenderer]
    throttle_classes = [ClientAddressThrottle]
    filter_backends = [DjangoFilterBackend]
    last_modified = None

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        page = getattr(self.paginator, "page", None)
        items = list(page.object_list) if page is not None else []
        self.last_modified = _latest(items)
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        self.last_modified = _latest([self.get_object()])
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        response["ETag"] = etag
        timestamp = int(self.last_modified.timestamp()) if self.last_modified else None
        if timestamp:
            response["Last-Modified"] = http_date(timestamp)
        conditional = get_conditional_response(
            request, etag=etag, last_modified=timestamp, response=response
        )
        if conditional is not response:
            conditional["Access-Control-Allow-Origin"] = "*"
        return conditional


def _latest(items):
    dates = [item.updated_at for item in items if getattr(item, "updated_at", None)]
    return max(dates) if dates else None


class PartnershipViewSet(ReadOnlyViewSet):
    """Published partnerships with places, agreements, SDGs and domains; the
    list's filters (`zoek`, `bestuur`, `land`, `werelddeel`, `sdg`, `domein`,
    `overeenkomst`, `status`)."""

    serializer_class = serializers.PartnershipSerializer
    filterset_class = PartnershipFilter
    lookup_field = "slug"

    def get_queryset(self):
        return partnership_selectors.partnerships_for_list().prefetch_related(
            "domains", "agreements__domains"
        )


class NewsViewSet(ReadOnlyViewSet):
    """Published news, newest first."""

    serializer_class = serializers.NewsSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return core_selectors.news_searchable().order_by("-published_on", "-id")


class SdgViewSet(ReadOnlyViewSet):
    """The 17 Sustainable Development Goals."""

    serializer_class = serializers.SdgSerializer
    lookup_field = "number"

    def get_queryset(self):
        return SDG.objects.order_by("number")


class SchemeViewSet(ReadOnlyViewSet):
    """Published subsidy schemes with their calls."""

    serializer_class = serializers.SchemeSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return (
            subsidy_selectors.schemes_searchable()
            .prefetch_related(
                Prefetch("calls", queryset=Call.objects.order_by("opens_at"))
            )
            .order_by("name")
        )


class GrantViewSet(ReadOnlyViewSet):
    """The public register of granted subsidies (`jaar`, `land`, `sdg`)."""

    serializer_class = serializers.GrantSerializer
    filterset_class = filters.GrantFilter
    lookup_field = "reference"

    def get_queryset(self):
        return (
            subsidy_selectors.granted_applications()
            .select_related("call__scheme")
            .order_by("-decision_date", "reference")
        )


class TrackViewSet(ReadOnlyViewSet):
    """Learning tracks with their sessions and seats left (`status`)."""

    serializer_class = serializers.TrackSerializer
    filterset_class = TrackFilter
    lookup_field = "slug"

    def get_queryset(self):
        return (
            track_selectors.tracks_searchable()
            .select_related("theme")
            .prefetch_related(
                "sdgs",
                Prefetch("sessions", queryset=Session.objects.order_by("starts_at")),
            )
            .order_by("number")
        )


class MeetingViewSet(ReadOnlyViewSet):
    """The GROSH's meetings with their public agenda items only."""

    serializer_class = serializers.MeetingSerializer

    def get_queryset(self):
        # The council: the organ holding the meeting, in the JSON-LD.
        return (
            council_selectors.meetings_public()
            .select_related("council")
            .order_by("-planned_start", "id")
        )


class AdviceViewSet(ReadOnlyViewSet):
    """The GROSH's public advice (on public items of held meetings)."""

    serializer_class = serializers.AdviceSerializer

    def get_queryset(self):
        return council_selectors.advice_searchable().order_by(
            "-agenda_item__meeting__planned_start", "id"
        )
