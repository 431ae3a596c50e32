from django.contrib import admin, messages
from django.contrib.postgres.aggregates import StringAgg
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_countries import countries

from herentq.admin import AuditEntryInline, HistoryAdmin, YearListFilter
from herentq.admin_translations import (
    TranslatedAdmin,
    TranslatedStackedInline,
    TranslatedTabularInline,
)
from partnerships import selectors, services
from partnerships.forms import (
    AgreementAdminForm,
    ExchangeAdminForm,
    NetworkMembershipAdminForm,
    PhotoAlbumAddForm,
    PhotoUploadForm,
)
from partnerships.models import (
    ActionDomain,
    Agreement,
    Exchange,
    Network,
    NetworkMembership,
    PartnerOrganisation,
    PartnerPlace,
    Partnership,
    Photo,
    PhotoAlbum,
)


@admin.register(ActionDomain)
class ActionDomainAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "partnership_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_partnership_count=Count("partnerships", distinct=True))
        )

    @admin.display(
        description=gettext_lazy("partnerschappen"), ordering="_partnership_count"
    )
    def partnership_count(self, obj):
        return obj._partnership_count


class PartnerPlaceInline(admin.StackedInline):
    model = PartnerPlace
    extra = 0
    min_num = 1
    fields = [
        ("name", "kind"),
        ("area", "country"),
        ("latitude", "longitude"),
        ("wikidata_id", "position"),
    ]


# Until Django 6 makes it the default: a web address typed without a scheme is https.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class PartnerOrganisationInline(TranslatedTabularInline):
    model = PartnerOrganisation
    extra = 0
    formfield_overrides = HTTPS_URLS
    fields = ["name", "role", "website", "position"]


class AgreementInline(TranslatedStackedInline):
    model = Agreement
    form = AgreementAdminForm
    extra = 0
    fields = [
        ("kind", "signed", "signed_at"),
        "ends",
        "domains",
        "summary",
        "document",
    ]
    autocomplete_fields = ["domains"]


class ExchangeInline(TranslatedStackedInline):
    model = Exchange
    form = ExchangeAdminForm
    extra = 0
    fields = [
        ("direction", "title"),
        ("starts", "ends"),
        "travellers",
        "purpose",
        "report",
    ]


class PhotoAlbumInline(admin.TabularInline):
    model = PhotoAlbum
    extra = 0
    fields = ["title", "description", "position", "photos_link"]
    readonly_fields = ["photos_link"]

    @admin.display(description=gettext_lazy("foto's"))
    def photos_link(self, obj):
        if not obj.pk:
            return _("Bewaar eerst het album; daarna kunt u foto's toevoegen.")
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:partnerships_photoalbum_change", args=[obj.pk]),
            _("Foto's beheren"),
            reverse("admin:partnerships_photoalbum_upload", args=[obj.pk]),
            _("Foto's toevoegen"),
        )


class PlaceCountryFilter(admin.SimpleListFilter):
    """The countries that have a partner place, not every country in the world."""

    title = gettext_lazy("land")
    parameter_name = "places__country"

    def lookups(self, request, model_admin):
        codes = (
            PartnerPlace.objects.order_by().values_list("country", flat=True).distinct()
        )
        choices = [(code, str(countries.name(code))) for code in codes]
        return sorted(choices, key=lambda choice: selectors.sort_key(choice[1]))

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(
            Exists(
                PartnerPlace.objects.filter(
                    partnership=OuterRef("pk"), country=self.value()
                )
            )
        )


@admin.register(Partnership)
class PartnershipAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = [
        "title",
        "local_authority",
        "places_list",
        "status",
        "is_published",
        "updated_at",
        "public_link",
    ]
    list_filter = [
        "is_published",
        "status",
        "local_authority",
        PlaceCountryFilter,
        "sdgs",
        "domains",
        "agreements__kind",
    ]
    search_fields = [
        "title",
        "summary",
        "places__name",
        "places__area",
        "local_authority__name",
    ]
    list_select_related = ["local_authority"]
    date_hierarchy = "updated_at"
    # Rows are most of a changelist's cost: 50 a page, and a filtered list says
    # how many match without counting every partnership again.
    list_per_page = 50
    show_full_result_count = False
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["local_authority", "sdgs", "domains", "news_items"]
    readonly_fields = ["is_published", "public_link"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "local_authority", "status"]}),
        (
            gettext_lazy("Publicatie"),
            {
                "fields": ["is_published", "public_link"],
                "description": gettext_lazy(
                    "Publiceren en depubliceren gaat met de knoppen bovenaan of met "
                    "de acties in de lijst; elke wijziging komt in de audittrail."
                ),
            },
        ),
        (None, {"fields": ["summary", "body", "domains", "sdgs", "news_items"]}),
        (
            gettext_lazy("Contactpersoon van de dienst"),
            {
                "fields": [
                    ("contact_name", "contact_service"),
                    "contact_address",
                    ("contact_email", "contact_phone"),
                ]
            },
        ),
    ]
    inlines = [
        PartnerPlaceInline,
        AgreementInline,
        ExchangeInline,
        PartnerOrganisationInline,
        PhotoAlbumInline,
        AuditEntryInline,
    ]

    def get_queryset(self, request):
        # The places as one column, "Name (CC), …" in their order, by a subquery:
        # no second query and no place objects to build for every page.
        places = (
            PartnerPlace.objects.filter(partnership=OuterRef("pk"))
            .order_by()
            .values("partnership")
            .annotate(
                names=StringAgg(
                    Concat(
                        "name",
                        Value(" ("),
                        "country",
                        Value(")"),
                        output_field=models.TextField(),
                    ),
                    ", ",
                    order_by=PartnerPlace._meta.ordering,
                )
            )
            .values("names")
        )
        return super().get_queryset(request).annotate(_places=Subquery(places))

    @admin.display(description=gettext_lazy("partnerplaatsen"))
    def places_list(self, obj):
        return obj._places or ""

    @admin.display(description=gettext_lazy("publieke pagina"))
    def public_link(self, obj):
        if not obj.pk:
            return "—"
        if not obj.is_published:
            return _("niet gepubliceerd")
        return format_html(
            '<a href="{}">{}</a>', obj.get_absolute_url(), _("Bekijk op de site")
        )

    def get_urls(self):
        return [
            path(
                "<int:object_id>/publiceren/",
                self.admin_site.admin_view(self.publish_view),
                name="partnerships_partnership_publish",
            ),
            path(
                "<int:object_id>/depubliceren/",
                self.admin_site.admin_view(self.unpublish_view),
                name="partnerships_partnership_unpublish",
            ),
            *super().get_urls(),
        ]

    def _change_state(self, request, partnerships, service, done_message):
        done = 0
        for partnership in partnerships:
            try:
                service(partnership=partnership, actor=request.user)
            except services.PartnershipError as error:
                self.message_user(request, str(error), messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=gettext_lazy("Publiceer de gekozen partnerschappen"))
    def publish(self, request, queryset):
        self._change_state(
            request,
            queryset,
            services.partnership_publish,
            lambda n: (
                ngettext(
                    "%(count)d partnerschap gepubliceerd.",
                    "%(count)d partnerschappen gepubliceerd.",
                    n,
                )
                % {"count": n}
            ),
        )

    @admin.action(description=gettext_lazy("Depubliceer de gekozen partnerschappen"))
    def unpublish(self, request, queryset):
        self._change_state(
            request,
            queryset,
            services.partnership_unpublish,
            lambda n: (
                ngettext(
                    "%(count)d partnerschap gedepubliceerd.",
                    "%(count)d partnerschappen gedepubliceerd.",
                    n,
                )
                % {"count": n}
            ),
        )

    def _state_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        partnership = get_object_or_404(Partnership, pk=object_id)
        if not self.has_change_permission(request, partnership):
            raise PermissionDenied
        action(request, Partnership.objects.filter(pk=partnership.pk))
        return redirect("admin:partnerships_partnership_change", partnership.pk)

    def publish_view(self, request, object_id):
        return self._state_view(request, object_id, self.publish)

    def unpublish_view(self, request, object_id):
        return self._state_view(request, object_id, self.unpublish)


def thumbnail_html(photo: Photo, *, longest_side: int = 120) -> str:
    """A small preview; its alt text is in the column next to it."""
    scale = longest_side / max(photo.thumbnail_width, photo.thumbnail_height)
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}">',
        photo.thumbnail.url,
        round(photo.thumbnail_width * scale),
        round(photo.thumbnail_height * scale),
    )


class PhotoInline(admin.TabularInline):
    """Each photo's alt text, caption, credit and order; files are added in bulk."""

    model = Photo
    extra = 0
    fields = ["preview", "alt_text", "caption", "credit", "position"]
    readonly_fields = ["preview"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("foto"))
    def preview(self, obj):
        return thumbnail_html(obj)


@admin.register(PhotoAlbum)
class PhotoAlbumAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "photo_count", "updated_at"]
    # By authority; a partnership is found by its title in the search box (a
    # filter with a line per partnership would list thousands).
    list_filter = ["partnership__local_authority"]
    search_fields = ["title", "partnership__title"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    date_hierarchy = "created_at"
    inlines = [PhotoInline]
    album_fields = ["partnership", "title", "description", "position"]
    photo_fields = ["photos", "alt_text", "caption", "credit"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # A new album takes its photos in the same form (multiple file upload).
        if obj is None:
            kwargs["form"] = PhotoAlbumAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is not None:
            return super().get_fieldsets(request, obj)
        return [
            (None, {"fields": self.album_fields}),
            (
                _("Foto's"),
                {
                    "fields": self.photo_fields,
                    "description": _(
                        "Kies meteen de foto's van het album, of voeg ze later toe."
                    ),
                },
            ),
        ]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        services.album_create(
            album=obj,
            uploads=form.cleaned_data.get("photos") or [],
            alt_text=form.cleaned_data.get("alt_text", ""),
            caption=form.cleaned_data.get("caption", ""),
            credit=form.cleaned_data.get("credit", ""),
            actor=request.user,
        )

    def get_queryset(self, request):
        # A subquery per album, not JOIN + GROUP BY over every photo.
        photos = (
            Photo.objects.filter(album=OuterRef("pk"))
            .order_by()
            .values("album")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(_photo_count=Coalesce(Subquery(photos), 0))
        )

    @admin.display(description=gettext_lazy("aantal foto's"), ordering="_photo_count")
    def photo_count(self, obj):
        return obj._photo_count

    def get_urls(self):
        return [
            path(
                "<int:object_id>/fotos-toevoegen/",
                self.admin_site.admin_view(self.upload_view),
                name="partnerships_photoalbum_upload",
            ),
            *super().get_urls(),
        ]

    def upload_view(self, request, object_id):
        """Several photos at once; refused files are named, the rest of the form kept."""
        album = get_object_or_404(
            PhotoAlbum.objects.select_related("partnership"), pk=object_id
        )
        if not (
            self.has_change_permission(request, album)
            and request.user.has_perm("partnerships.add_photo")
        ):
            raise PermissionDenied
        if request.method == "POST":
            form = PhotoUploadForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    photos = services.photos_add(
                        album=album,
                        uploads=form.cleaned_data["photos"],
                        alt_text=form.cleaned_data["alt_text"],
                        caption=form.cleaned_data["caption"],
                        credit=form.cleaned_data["credit"],
                        actor=request.user,
                    )
                except ValidationError as error:
                    form.add_error("photos", error)
                else:
                    self.message_user(
                        request,
                        ngettext(
                            "%(count)d foto toegevoegd. Pas de alternatieve tekst "
                            "per foto aan waar nodig.",
                            "%(count)d foto's toegevoegd. Pas de alternatieve tekst "
                            "per foto aan waar nodig.",
                            len(photos),
                        )
                        % {"count": len(photos)},
                        messages.SUCCESS,
                    )
                    return redirect("admin:partnerships_photoalbum_change", album.pk)
        else:
            form = PhotoUploadForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Foto's toevoegen aan '%(album)s'") % {"album": album.title},
            "album": album,
            "form": form,
            "opts": self.model._meta,
            "original": album,
            "has_view_permission": True,
        }
        return TemplateResponse(
            request, "admin/partnerships/photoalbum/upload_photos.html", context
        )


class PhotoYearFilter(YearListFilter):
    title = gettext_lazy("jaar van opladen")
    field_name = "created_at"


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["thumbnail_preview", "alt_text", "album", "credit", "created_at"]
    list_filter = ["album__partnership__local_authority", PhotoYearFilter]
    search_fields = [
        "alt_text",
        "caption",
        "credit",
        "album__title",
        "album__partnership__title",
    ]
    search_help_text = gettext_lazy(
        "Zoekt in de alternatieve tekst, het bijschrift, de fotograaf en de "
        "titel van het album of van het partnerschap."
    )
    list_select_related = ["album"]
    ordering = ["-created_at", "-id"]  # the latest uploads first
    # A filtered list says how many match, without counting every photo again.
    show_full_result_count = False
    fields = ["album", "thumbnail_preview", "alt_text", "caption", "credit", "position"]
    readonly_fields = ["album", "thumbnail_preview"]

    def has_add_permission(self, request):
        return False  # photos are added to an album, several at once

    @admin.display(description=gettext_lazy("foto"))
    def thumbnail_preview(self, obj):
        return thumbnail_html(obj)


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    form = NetworkMembershipAdminForm
    extra = 0
    fields = ["local_authority", "joined", "note"]
    autocomplete_fields = ["local_authority"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "website", "members"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [NetworkMembershipInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("memberships__local_authority")
        )

    @admin.display(description=gettext_lazy("leden"))
    def members(self, obj):
        return format_html_join(
            ", ",
            "{}",
            (
                (membership.local_authority.name,)
                for membership in obj.memberships.all()
            ),
        )


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(admin.ModelAdmin):
    form = NetworkMembershipAdminForm
    list_display = ["local_authority", "network", "joined_display"]
    list_filter = ["network", "local_authority"]
    search_fields = ["network__name", "local_authority__name"]
    list_select_related = ["network", "local_authority"]
    autocomplete_fields = ["network", "local_authority"]
    fields = ["network", "local_authority", "joined", "note"]

    @admin.display(description=gettext_lazy("toegetreden"), ordering="joined_on")
    def joined_display(self, obj):
        return str(obj.joined) if obj.joined else "—"
