import json

from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from herentq import exports, extensions
from herentq.files import file_response
from herentq.models import LocalAuthority
from herentq.prebuilt import open_prebuilt, prebuilt_file
from partnerships import selectors, worldmap
from partnerships.cards import card_html
from partnerships.filters import PartnershipFilter
from partnerships.models import Agreement, Partnership, Photo

EXPORT_COLUMNS = [
    "partnership",
    "url",
    "local_authority",
    "partner_places",
    "countries",
    "status",
    "summary",
    "domains",
    "sdgs",
    "agreement_count",
    "first_signed",
    "agreements",
    "agreements_url",
]

AGREEMENT_COLUMNS = [
    "partnership",
    "url",
    "local_authority",
    "partner_places",
    "countries",
    "agreement_kind",
    "agreement_kind_label",
    "signed",
    "signed_as_given",
    "signed_at",
    "ends",
    "domains",
    "sdgs",
    "status",
]


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _ld_json(data: dict) -> str:
    """JSON safe inside a <script> element (as django.utils.html.json_script)."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


CARD_SECONDS = 24 * 60 * 60


def partnership_cards(partnerships, version: str | None = None) -> list[str]:
    """The list's card of each partnership, written once per version of the data
    and language and kept per process: a page writes only the cards it has not
    written before (a card was most of the list's rendering time). The card's
    markup is partnerships.cards.card_html."""
    partnerships = list(partnerships)
    version = version or selectors.data_version()
    language = get_language()
    keys = {
        p.pk: f"partnerships.card.{p.pk}.{version}.{language}" for p in partnerships
    }
    fragments = caches["fragments"]
    kept = fragments.get_many(keys.values())
    missing = [p for p in partnerships if keys[p.pk] not in kept]
    selectors.prefetch_for_cards(missing)
    made = {keys[p.pk]: str(card_html(p)) for p in missing}
    fragments.set_many(made, CARD_SECONDS)
    kept.update(made)
    return [mark_safe(kept[keys[p.pk]]) for p in partnerships]  # noqa: S308  (card_html escapes every value)


class PartnershipListView(FilterView):
    """Filters, Dutch full-text search, pagination; every view has its own URL."""

    filterset_class = PartnershipFilter
    template_name = "partnerships/partnership_list.html"
    context_object_name = "partnerships"
    paginate_by = 20
    strict = False  # a stale or mistyped filter is ignored, and said so at the field

    def get_queryset(self):
        # The cards are kept (`partnership_cards`): their rows are loaded for
        # the cards that are not.
        return selectors.partnerships_for_cards().prefetch_related(None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = context["filter"].data_version
        context["cards"] = partnership_cards(context["partnerships"], version=version)
        context["memberships"] = selectors.network_memberships()
        context["dataset_ld_json"] = self._dataset_ld_json(version)
        context["is_filtered"] = any(
            value for key, value in self.request.GET.items() if key != "page"
        )
        return context

    def _dataset_ld_json(self, version: str) -> str:
        """The dataset's schema.org description, made once per version of the
        partnerships' data (its date and publisher), language and host."""
        base_url = _base_url(self.request)
        key = f"partnerships.dataset-ld.{version}.{get_language()}.{base_url}"
        fragments = caches["fragments"]
        ld_json = fragments.get(key)
        if ld_json is None:
            owner = LocalAuthority.objects.filter(is_owner=True).first()
            ld_json = _ld_json(
                selectors.dataset_description(base_url=base_url, owner=owner)
            )
            fragments.set(key, ld_json, CARD_SECONDS)
        return ld_json


class PartnershipMapView(FilterView):
    """The partner places on a world map drawn once at setup; no outside service.

    Up to `most_places` places are each a marker and a line in the list under
    the map; beyond, each country is one, with its number of places and a link
    to the map of that country (which shows its first `most_places` places):
    the page does not grow with the data.
    """

    filterset_class = PartnershipFilter
    template_name = "partnerships/partnership_map.html"
    strict = False
    most_places = 150

    def get_queryset(self):
        return selectors.partnerships_for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        countries = selectors.map_countries(self.object_list)
        places = sum(country.places for country in countries)
        # The map of one country shows its first places, however many it has.
        filters = self.filterset
        one_country = filters.is_bound and filters.form.cleaned_data.get("land")
        by_country = places > self.most_places and not one_country
        markers = (
            []
            if by_country
            else selectors.map_markers(self.object_list, limit=self.most_places)
        )
        context.update(
            places=places,
            countries=countries if by_country else [],
            markers=markers,
            map_width=worldmap.WIDTH,
            map_height=worldmap.HEIGHT,
            map_view_box=worldmap.VIEW_BOX,
            map_image=worldmap.STATIC_PATH,
            is_filtered=any(self.request.GET.values()),
        )
        return context


class PartnershipDetailView(DetailView):
    template_name = "partnerships/partnership_detail.html"
    context_object_name = "partnership"

    def get_object(self, queryset=None):
        try:
            return selectors.partnership_get_published(slug=self.kwargs["slug"])
        except Partnership.DoesNotExist:
            raise Http404 from None

    def get_context_data(self, **kwargs):
        partnership = self.object
        return super().get_context_data(
            timeline=selectors.partnership_timeline(partnership),
            memberships=selectors.memberships_of(
                local_authority=partnership.local_authority
            ),
            sections=extensions.collect("partnership_sections", partnership),
            albums=list(partnership.albums.all()),
            **kwargs,
        )


class PhotoDetailView(TemplateView):
    """One photo on its own page: the gallery without JavaScript."""

    template_name = "partnerships/photo_detail.html"

    def get_context_data(self, **kwargs):
        try:
            photo = selectors.photo_get_published(
                slug=self.kwargs["slug"], photo_id=self.kwargs["pk"]
            )
        except Photo.DoesNotExist:
            raise Http404 from None
        photos = list(photo.album.photos.all())
        index = next(
            i for i, candidate in enumerate(photos) if candidate.pk == photo.pk
        )
        return super().get_context_data(
            photo=photo,
            album=photo.album,
            partnership=photo.album.partnership,
            number=index + 1,
            total=len(photos),
            previous=photos[index - 1] if index > 0 else None,
            next=photos[index + 1] if index + 1 < len(photos) else None,
            **kwargs,
        )


def agreement_document(request, slug: str, pk: int):
    """The signed PDF of an agreement of a published partnership."""
    try:
        agreement = selectors.agreement_get_published(slug=slug, agreement_id=pk)
    except Agreement.DoesNotExist:
        raise Http404 from None
    if not agreement.document:
        raise Http404
    filename = f"{agreement.partnership.slug}-{agreement.kind}-{agreement.pk}.pdf"
    return file_response(agreement.document, download_name=filename)


def _prebuilt_response(
    request, name: str, build, *, extension: str, content_type, filename=""
):
    """An open-data file, built once per change of the data (per host and
    language) into the private storage (`herentq.prebuilt`) and streamed from
    there: a download neither builds it nor holds it in memory."""
    base_url = _base_url(request)
    path = prebuilt_file(
        # Per language too: labels, titles and links are the visitor's language's.
        name=f"partnerships.open-data.{name}.{get_language()}.{base_url}",
        version=selectors.data_version(),
        extension=extension,
        build=lambda: build(base_url),
    )
    response = FileResponse(
        open_prebuilt(path),
        content_type=content_type,
        as_attachment=bool(filename),
        filename=filename,
    )
    if not filename:
        response.headers.pop("Content-Disposition", None)  # shown inline, as before
    return response


def _agreements_cell(agreements: list[dict]) -> str:
    return "; ".join(
        f"{item['agreement_kind_label']} ({item['signed_as_given']})"
        if item["signed_as_given"]
        else item["agreement_kind_label"]
        for item in agreements
    )


def _csv_cells(row: dict, columns: list[str]) -> list:
    """Lists are joined with "; "; agreements as "kind (signed)"."""
    cells = []
    for key in columns:
        value = row.get(key, "")
        if key == "agreements":
            value = _agreements_cell(value)
        elif isinstance(value, list):
            value = "; ".join(str(item) for item in value)
        cells.append(value)
    return cells


def _csv_builder(rows, columns: list[str]):
    def build(base_url: str) -> bytes:
        # Commas between the columns, as open-data tools expect.
        return exports.csv_bytes(
            columns,
            (_csv_cells(row, columns) for row in rows(base_url=base_url)),
            delimiter=",",
        )

    return build


def _json_builder(rows):
    def build(base_url: str) -> bytes:
        return json.dumps(
            rows(base_url=base_url), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
        ).encode()

    return build


def _download(request, name: str, build, filename: str):
    return _prebuilt_response(
        request,
        name,
        build,
        extension="csv",
        content_type=exports.CSV_CONTENT_TYPE,
        filename=filename,
    )


def _json_response(request, name: str, build):
    response = _prebuilt_response(
        request, name, build, extension="json", content_type="application/json"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def export_csv(request):
    """Open data: one row per published partnership."""
    build = _csv_builder(selectors.partnership_rows, EXPORT_COLUMNS)
    return _download(request, "csv", build, "partnerschappen.csv")


def export_json(request):
    return _json_response(request, "json", _json_builder(selectors.partnership_rows))


def export_agreements_csv(request):
    """The second file: one row per agreement of a published partnership."""
    build = _csv_builder(selectors.agreement_rows, AGREEMENT_COLUMNS)
    return _download(
        request, "agreements-csv", build, "partnerschappen-overeenkomsten.csv"
    )


def export_agreements_json(request):
    return _json_response(
        request, "agreements-json", _json_builder(selectors.agreement_rows)
    )


def dataset_jsonld(request):
    owner = LocalAuthority.objects.filter(is_owner=True).first()
    data = selectors.dataset_description(base_url=_base_url(request), owner=owner)
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )
