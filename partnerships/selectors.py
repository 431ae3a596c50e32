"""Reads of the partnerships app: pages, the map, exports and feeds share these.

Everything public starts from `Partnership.objects.published()`, so an unpublished
partnership appears nowhere: not in pages, search, map, exports, feeds or SDG pages.
Each selector loads what its page shows in a fixed number of queries.
"""

import datetime as dt
import unicodedata
import uuid
from dataclasses import dataclass

from django.core.cache import caches
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils.translation import gettext as _
from django_countries.fields import Country

from herentq import search
from herentq.languages import translation_columns
from herentq.models import SDG, LocalAuthority, NewsItem
from partnerships import worldmap
from partnerships.constants import DATA_VERSION_KEY, AgreementKind
from partnerships.models import (
    ActionDomain,
    Agreement,
    NetworkMembership,
    PartnerPlace,
    Partnership,
    Photo,
    PhotoAlbum,
)
from partnerships.partial_dates import PartialDate


def sort_key(text: str) -> str:
    """Alphabetical order that ignores accents: "Égypte" sorts with the E's."""
    return (
        unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    )


def partnerships_for_list():
    """Published partnerships with what a card in the list shows."""
    return (
        Partnership.objects.published()
        .select_related("local_authority")
        .prefetch_related(
            "places",
            "sdgs",
            Prefetch("agreements", queryset=Agreement.objects.order_by("signed_on")),
        )
        .order_by("title")
    )


def prefetch_for_cards(partnerships: list[Partnership]) -> None:
    """What a card shows, for partnerships loaded without it (see
    `partnerships_for_list`)."""
    prefetch_related_objects(
        partnerships,
        "places",
        "sdgs",
        Prefetch("agreements", queryset=Agreement.objects.order_by("signed_on")),
    )


def partnerships_for_cards():
    """`partnerships_for_list()` with each card's photo: the first photo of its
    first album, read in the same query (a subquery per row of the page, no query
    per card). `cover` is None or {"thumbnail", "width", "height", "alt"}."""
    first_photo = (
        Photo.objects.filter(album__partnership=OuterRef("pk"))
        .order_by("album__position", "album_id", "position", "id")
        .values(
            json=JSONObject(
                thumbnail="thumbnail",
                width="thumbnail_width",
                height="thumbnail_height",
                alt="alt_text",
            )
        )[:1]
    )
    return partnerships_for_list().annotate(cover=Subquery(first_photo))


def partnership_get_published(*, slug: str) -> Partnership:
    """One published partnership with everything its page shows."""
    return (
        Partnership.objects.published()
        .select_related("local_authority")
        .prefetch_related(
            "places",
            "organisations",
            "domains",
            "sdgs",
            Prefetch(
                "agreements", queryset=Agreement.objects.prefetch_related("domains")
            ),
            "exchanges",
            Prefetch(
                "albums",
                queryset=PhotoAlbum.objects.filter(
                    Exists(Photo.objects.filter(album=OuterRef("pk")))
                ).prefetch_related("photos"),
            ),
            Prefetch(
                "news_items",
                # What the timeline shows of a news item.
                queryset=NewsItem.objects.published().only(
                    "slug",
                    "published_on",
                    "title",
                    *translation_columns("title"),
                    "summary",
                    *translation_columns("summary"),
                ),
                to_attr="published_news",
            ),
        )
        .get(slug=slug)
    )


def photo_get_published(*, slug: str, photo_id: int) -> Photo:
    return Photo.objects.select_related("album__partnership").get(
        pk=photo_id,
        album__partnership__slug=slug,
        album__partnership__is_published=True,
    )


def photo_file_is_public(name: str) -> bool:
    """Whether a stored photo or rendition belongs to a published partnership."""
    return (
        Photo.objects.filter(Q(image=name) | Q(medium=name) | Q(thumbnail=name))
        .filter(album__partnership__in=Partnership.objects.published())
        .exists()
    )


def agreement_get_published(*, slug: str, agreement_id: int) -> Agreement:
    return Agreement.objects.select_related("partnership").get(
        pk=agreement_id, partnership__slug=slug, partnership__is_published=True
    )


def memberships_of(*, local_authority: LocalAuthority):
    return NetworkMembership.objects.filter(
        local_authority=local_authority
    ).select_related("network")


def network_memberships():
    """Every membership of an authority with a published partnership."""
    return (
        NetworkMembership.objects.filter(
            Exists(
                Partnership.objects.published().filter(
                    local_authority=OuterRef("local_authority")
                )
            )
        )
        .select_related("network", "local_authority")
        .order_by("local_authority__name", "joined_on", "network__name")
    )


def partnerships_for_sdg(*, sdg: SDG):
    return (
        Partnership.objects.published()
        .filter(sdgs=sdg)
        .select_related("local_authority")
        .order_by("title")
    )


# Search: the list's search field and the site-wide search (herentq.sitesearch).


def partnerships_matching(queryset, text: str):
    """The partnerships of `queryset` that the forgiving search finds for `text`
    (stored full-text vector, normalised text and title, all indexed)."""
    return search.forgiving_search(
        queryset,
        text,
        document=F("search_text"),
        # Generated by the database (migration 0010).
        title=search.stored("search_title"),
        vector=F("search_vector"),
    )


def places_searchable():
    """Partner places of published partnerships, each searchable by its names."""
    return PartnerPlace.objects.filter(
        partnership__in=Partnership.objects.published()
    ).select_related("partnership")


# Choices of the list's filters: only values that lead to a published partnership.


def authorities_with_partnerships():
    return LocalAuthority.objects.filter(
        Exists(Partnership.objects.published().filter(local_authority=OuterRef("pk")))
    ).order_by("name")


def countries_with_partnerships() -> list[str]:
    """Each country once (without `order_by()`, the model's ordering would be part
    of the DISTINCT and every place would bring its country again)."""
    return list(
        PartnerPlace.objects.filter(partnership__is_published=True)
        .order_by()
        .values_list("country", flat=True)
        .distinct()
    )


def domains_in_use():
    published = Partnership.objects.published()
    return ActionDomain.objects.filter(
        Q(Exists(published.filter(domains=OuterRef("pk"))))
        | Q(
            Exists(
                Agreement.objects.filter(
                    domains=OuterRef("pk"), partnership__in=published
                )
            )
        )
    ).order_by("name")


# The timeline on a partnership's page.


@dataclass(frozen=True)
class TimelineEntry:
    kind: str  # "agreement", "exchange" or "news"
    when: PartialDate | None
    item: object


def partnership_timeline(partnership: Partnership) -> list[TimelineEntry]:
    """Agreements, exchanges and news in date order; undated agreements last."""
    entries = []
    for agreement in partnership.agreements.all():
        entries.append(TimelineEntry("agreement", agreement.signed, agreement))
    for exchange in partnership.exchanges.all():
        entries.append(TimelineEntry("exchange", exchange.starts, exchange))
    for news_item in partnership.published_news:  # type: ignore[attr-defined]  # prefetched
        entries.append(
            TimelineEntry("news", PartialDate(news_item.published_on, "day"), news_item)
        )
    order = {"agreement": 0, "exchange": 1, "news": 2}
    return sorted(
        entries,
        key=lambda entry: (
            entry.when is None,
            entry.when.date if entry.when else dt.date.max,
            order[entry.kind],
        ),
    )


# The map.


def _mapped_places(partnerships):
    """The places with coordinates of the given published partnerships."""
    return PartnerPlace.objects.filter(
        partnership__in=partnerships.filter(is_published=True),
        latitude__isnull=False,
        longitude__isnull=False,
    )


def map_markers(partnerships, *, limit: int) -> list[worldmap.Marker]:
    """A marker for each place with coordinates of the given published
    partnerships (the first `limit` by name)."""
    places = _mapped_places(partnerships).select_related("partnership__local_authority")
    markers = []
    for place in places.order_by("name", "id")[:limit]:
        x, y = worldmap.project(place.longitude, place.latitude)
        markers.append(worldmap.Marker(x, y, place, place.partnership))
    # Grouped by country under the map, countries by their Dutch name.
    markers.sort(key=lambda marker: sort_key(str(marker.place.country.name)))
    return markers


def map_countries(partnerships) -> list[worldmap.CountryMarker]:
    """A marker per country of `map_markers`' places, where they lie on average,
    with their number (one query, whatever the number of places)."""
    rows = (
        _mapped_places(partnerships)
        .values("country")
        .annotate(
            places=Count("pk"), latitude=Avg("latitude"), longitude=Avg("longitude")
        )
        .order_by()
    )
    countries = [
        worldmap.CountryMarker(
            *worldmap.project(row["longitude"], row["latitude"]),
            country=Country(row["country"]),
            places=row["places"],
        )
        for row in rows
    ]
    countries.sort(key=lambda marker: sort_key(str(marker.country.name)))
    return countries


# Open data: a row per published partnership, and a second file per agreement.


def data_version() -> str:
    """Changes whenever a partnership, its places, organisations, agreements,
    domains or SDGs change (services.data_changed); a key for what is built
    from them."""
    return str(
        caches["database"].get_or_set(DATA_VERSION_KEY, lambda: uuid.uuid4().hex, None)
    )


def agreements_for_export():
    return (
        Agreement.objects.filter(partnership__is_published=True)
        .select_related("partnership__local_authority")
        .order_by(
            "partnership__local_authority__name",
            "partnership__title",
            "signed_on",
            "id",
        )
    )


def _grouped(rows) -> dict:
    """{key: [values in query order]} of (key, value) or (key, *values) rows."""
    grouped: dict = {}
    for key, *values in rows:
        grouped.setdefault(key, []).append(values[0] if len(values) == 1 else values)
    return grouped


def _published_places_and_sdgs() -> tuple[dict, dict]:
    """{partnership id: [(place, country)]} and {partnership id: [SDG numbers]}
    of the published partnerships, as plain values (one query each)."""
    published = {"partnership__is_published": True}
    places = _grouped(
        PartnerPlace.objects.filter(**published)
        .order_by("partnership_id", "position", "id")
        .values_list("partnership_id", "name", "country")
        .iterator()
    )
    sdgs = _grouped(
        Partnership.sdgs.through.objects.filter(**published)
        .order_by("partnership_id", "sdg__number")
        .values_list("partnership_id", "sdg__number")
        .iterator()
    )
    return places, sdgs


def _published_agreement_domains() -> dict:
    """{agreement id: [domain names]} of the published partnerships' agreements."""
    return _grouped(
        Agreement.domains.through.objects.filter(
            agreement__partnership__is_published=True
        )
        .order_by("agreement_id", "actiondomain__name")
        .values_list("agreement_id", "actiondomain__name")
        .iterator()
    )


def _agreement_fields(agreement: Agreement, kinds: dict, domains: dict) -> dict:
    """An agreement's columns, shared by both open-data files."""
    signed = agreement.signed
    ends = agreement.ends
    return {
        "agreement_kind": agreement.kind,
        "agreement_kind_label": kinds.get(agreement.kind, agreement.kind),
        "signed": signed.isoformat() if signed else "",
        "signed_as_given": str(signed) if signed else "",
        "signed_at": agreement.signed_at,
        "ends": ends.isoformat() if ends else "",
        "domains": domains.get(agreement.pk, []),
    }


def agreement_rows(*, base_url: str) -> list[dict]:
    """One row per agreement of a published partnership (CSV and JSON).

    Four queries whatever the volume: the agreements with their partnership,
    and the places, SDGs and domains as plain values grouped in Python (a
    prefetch read through `.all()` per row cost seconds at 3 000 agreements)."""
    places, sdgs = _published_places_and_sdgs()
    domains = _published_agreement_domains()
    kinds = {value: str(label) for value, label in AgreementKind.choices}
    detail = base_url + reverse("partnerships:detail", args=["--slug--"])
    rows = []
    shown = agreements_for_export().only(
        *("kind", "signed_on", "signed_on_precision", "ends_on", "ends_on_precision"),
        *("signed_at", "partnership__title", "partnership__slug"),
        *("partnership__status", "partnership__local_authority__name"),
    )
    for agreement in shown.iterator(chunk_size=5000):
        partnership = agreement.partnership
        own_places = places.get(partnership.pk, [])
        countries = list(dict.fromkeys(country for _, country in own_places))
        rows.append(
            {
                "partnership": partnership.title,
                "url": detail.replace("--slug--", partnership.slug),
                "local_authority": partnership.local_authority.name,
                "partner_places": [name for name, _ in own_places],
                "countries": countries,
                **_agreement_fields(agreement, kinds, domains),
                "sdgs": sdgs.get(partnership.pk, []),
                "status": partnership.status,
            }
        )
    return rows


def partnership_rows(*, base_url: str) -> list[dict]:
    """One row per published partnership, with or without an agreement (CSV and
    JSON): its places, domains (its own and its agreements'), SDGs and agreements.

    Six queries whatever the volume, as `agreement_rows`: the partnerships,
    their agreements, and places, SDGs and domains as plain values grouped in
    Python (prefetched model rows read through `.all()` cost seconds of CPU at
    2 000 partnerships)."""
    published = {"partnership__is_published": True}
    places, sdgs = _published_places_and_sdgs()
    own_domains = _grouped(
        Partnership.domains.through.objects.filter(**published)
        .values_list("partnership_id", "actiondomain__name")
        .iterator()
    )
    agreement_domains = _published_agreement_domains()
    kinds = {value: str(label) for value, label in AgreementKind.choices}
    agreements = _grouped(
        (agreement.partnership_id, agreement)
        for agreement in Agreement.objects.filter(**published)
        .only(
            *("partnership_id", "kind", "signed_on", "signed_on_precision"),
            *("ends_on", "ends_on_precision", "signed_at"),
        )
        .order_by("signed_on", "id")
        .iterator(chunk_size=5000)
    )
    agreements_url = base_url + reverse("partnerships:export_agreements_json")
    detail = base_url + reverse("partnerships:detail", args=["--slug--"])
    shown = (
        Partnership.objects.published()
        .select_related("local_authority")
        .only("title", "slug", "status", "summary", "local_authority__name")
        .order_by("local_authority__name", "title", "id")
    )
    rows = []
    for partnership in shown.iterator(chunk_size=5000):
        own_agreements = [
            _agreement_fields(agreement, kinds, agreement_domains)
            for agreement in agreements.get(partnership.pk, [])
        ]
        domains = set(own_domains.get(partnership.pk, []))
        for agreement in own_agreements:
            domains.update(agreement["domains"])
        own_places = places.get(partnership.pk, [])
        rows.append(
            {
                "partnership": partnership.title,
                "url": detail.replace("--slug--", partnership.slug),
                "local_authority": partnership.local_authority.name,
                "partner_places": [name for name, _ in own_places],
                "countries": list(dict.fromkeys(code for _, code in own_places)),
                "status": partnership.status,
                "summary": partnership.summary,
                "domains": sorted(domains, key=sort_key),
                "sdgs": sdgs.get(partnership.pk, []),
                "agreement_count": len(own_agreements),
                "first_signed": next(
                    (item["signed"] for item in own_agreements if item["signed"]), ""
                ),
                "agreements": own_agreements,
                "agreements_url": agreements_url,
            }
        )
    return rows


def partnership_news(*, limit: int = 20):
    """Published news linked to a published partnership, newest first."""
    return (
        NewsItem.objects.published()
        .filter(
            Exists(Partnership.objects.published().filter(news_items=OuterRef("pk")))
        )
        .prefetch_related(
            Prefetch(
                "partnerships",
                queryset=Partnership.objects.published().order_by("title"),
                to_attr="published_partnerships",
            )
        )
        .order_by("-published_on", "-id")[:limit]
    )


def dataset_description(*, base_url: str, owner: LocalAuthority | None) -> dict:
    """schema.org `Dataset` of the open data, as JSON-LD."""
    latest = (
        Partnership.objects.published()
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)
    ).first()
    publisher = owner.name if owner else "HerentQ"
    description = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": _("Partnerschappen van lokale besturen"),
        "description": _(
            "De stedenbanden en partnerschappen van Belgische lokale besturen: de "
            "partnerplaatsen, de overeenkomsten en hun datum van ondertekening, "
            "de actiedomeinen en de SDG's. Eén rij per partnerschap, met of "
            "zonder overeenkomst; een tweede bestand heeft één rij per overeenkomst."
        ),
        "url": base_url + reverse("partnerships:list"),
        "inLanguage": "nl-BE",
        "isAccessibleForFree": True,
        "license": (
            "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0"
        ),
        "keywords": [
            _("stedenband"),
            _("jumelage"),
            _("ontwikkelingssamenwerking"),
            _("lokaal mondiaal beleid"),
            "SDG",
        ],
        "creator": {"@type": "GovernmentOrganization", "name": publisher},
        "publisher": {"@type": "GovernmentOrganization", "name": publisher},
        "spatialCoverage": {"@type": "Place", "name": _("wereldwijd")},
        "variableMeasured": [
            _("lokaal bestuur"),
            _("partnerplaats"),
            _("land (ISO 3166-1 alpha-2)"),
            _("soort overeenkomst"),
            _("datum van ondertekening (ISO 8601, zo precies als de bron)"),
            _("actiedomeinen"),
            _("SDG's"),
        ],
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "contentUrl": base_url + reverse("partnerships:export_csv"),
            },
            {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": base_url + reverse("partnerships:export_json"),
            },
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "contentUrl": base_url + reverse("partnerships:export_agreements_csv"),
            },
            {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": base_url + reverse("partnerships:export_agreements_json"),
            },
        ],
    }
    if latest:
        description["dateModified"] = latest.date().isoformat()
    return description


def photos_recent(*, limit: int = 6) -> list[Photo]:
    """The latest photos of published partnerships, for the home page (one query).

    Only rows with their renditions are read; the strip shows the thumbnails.
    """
    return list(
        Photo.objects.filter(album__partnership__in=Partnership.objects.published())
        .select_related("album__partnership")
        .only(
            "thumbnail",
            "thumbnail_width",
            "thumbnail_height",
            "alt_text",
            "album__partnership__slug",
            "album__partnership__title",
            *(f"album__partnership__{c}" for c in translation_columns("title")),
        )
        .order_by("-created_at", "-id")[:limit]
    )
