from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Min
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from herentq import audit
from herentq.admin_translations import TranslatedAdmin
from herentq.models import (
    SDG,
    AuditEntry,
    LocalAuthority,
    NewsItem,
    Notice,
    Page,
    ServiceContact,
)


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, answering 404 for an id that cannot exist.

    Its history pages filter by the id as typed in the URL, so a malformed one
    ("abc", a NUL byte) would raise a ValueError deep in the query: a 500.
    """

    def _checked_id(self, object_id):
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except (ValidationError, ValueError, OverflowError) as error:
            raise Http404 from error

    def history_view(self, request, object_id, extra_context=None):
        self._checked_id(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._checked_id(object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class ParentInlineFormSet(forms.BaseInlineFormSet):
    """An inline's rows with their parent object set, not only its id: Django's
    inline formset sets the id, so a row that names its parent (its __str__,
    shown on each row) read the parent again, one query per row."""

    def get_queryset(self):
        rows = super().get_queryset()
        for row in rows:  # reads the rows once; the formset indexes this list
            setattr(row, self.fk.name, self.instance)
        return rows


class YearListFilter(admin.SimpleListFilter):
    """A filter on the year of `field_name`, for lists too long for a date hierarchy.

    Django's date hierarchy asks on every visit for the distinct years of all
    rows, a pass over the whole table (100 000 enrolments). Here the first and
    the last date come from the column's index, and each year between them is
    offered when one indexed probe finds a row in it. `field_name` (a
    DateTimeField) must be indexed; the years are local ones, as in the admin.
    """

    field_name = ""
    parameter_name = "jaar"

    def lookups(self, request, model_admin):
        years = _years_with_rows(model_admin.model._default_manager, self.field_name)
        return [(str(year), str(year)) for year in sorted(years, reverse=True)]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        if not self.value().isdigit():
            raise IncorrectLookupParameters(self.value())
        return queryset.filter(**{f"{self.field_name}__year": int(self.value())})


def _years_with_rows(manager, field_name: str) -> set[int]:
    bounds = manager.aggregate(first=Min(field_name), last=Max(field_name))
    if bounds["first"] is None:
        return set()
    first, last = (timezone.localtime(bounds[end]).year for end in ("first", "last"))
    # One probe per year (the year's first row, through the index), one query.
    probes = [
        manager.filter(**{f"{field_name}__year": year})
        .order_by(field_name)
        .values_list(field_name, flat=True)[:1]
        for year in range(first, last + 1)
    ]
    found = probes[0].union(*probes[1:], all=True)
    return {timezone.localtime(moment).year for moment in found}


class AuditEntryInline(GenericTabularInline):
    """The audit trail of an object, read-only, on its change form."""

    model = AuditEntry
    ct_fk_field = "object_id"
    extra = 0
    can_delete = False
    fields = ["moment", "action_label", "actor", "reason"]
    readonly_fields = fields
    verbose_name_plural = _("audittrail")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("tijdstip"))
    def moment(self, entry):
        # In the portal's time zone (Europe/Brussels), whatever the database's.
        return formats.date_format(timezone.localtime(entry.created_at), "j F Y H:i")

    @admin.display(description=_("handeling"))
    def action_label(self, entry):
        return audit.action_label(entry.action)


@admin.register(SDG)
class SDGAdmin(admin.ModelAdmin):
    list_display = ["number", "name_nl", "name_en", "colour", "text_colour"]
    search_fields = ["name_nl", "name_en"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "postcode", "province", "is_owner"]
    list_filter = ["is_owner", "province"]
    search_fields = ["name", "postcode"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Notice)
class NoticeAdmin(TranslatedAdmin):
    list_display = ["title", "severity", "starts_at", "ends_at", "is_current"]
    list_filter = ["severity"]
    search_fields = ["title", "body"]
    date_hierarchy = "starts_at"

    @admin.display(boolean=True, description=_("nu zichtbaar"))
    def is_current(self, obj):
        return obj.is_current()


@admin.register(ServiceContact)
class ServiceContactAdmin(TranslatedAdmin):
    list_display = ["name", "phone", "email"]

    def has_add_permission(self, request):
        return not ServiceContact.objects.exists()


@admin.register(Page)
class PageAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["title", "slug", "is_published", "updated_at"]
    list_filter = ["is_published"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "updated_at"


@admin.register(NewsItem)
class NewsItemAdmin(TranslatedAdmin, HistoryAdmin):
    list_display = ["title", "published_on", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_on"


class AuditActionFilter(admin.SimpleListFilter):
    """The declared actions, in words."""

    title = _("handeling")
    parameter_name = "handeling"

    def lookups(self, request, model_admin):
        labels = audit.action_labels()
        return sorted(
            ((code, str(label)) for code, label in labels.items()),
            key=lambda choice: (choice[0].split(".")[0], choice[1]),
        )

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "content_type", "object_id", "action_label", "actor"]
    list_filter = ["content_type", AuditActionFilter]
    search_fields = ["object_id", "action", "reason"]
    date_hierarchy = "created_at"
    list_select_related = ["content_type", "actor"]
    # One entry reads in words and local time, like the list: not the action's code.
    fields = ["moment", "content_type", "object_id", "action_label", "actor", "reason"]
    readonly_fields = ["moment", "action_label"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("handeling"), ordering="action")
    def action_label(self, entry):
        return audit.action_label(entry.action)

    @admin.display(description=_("tijdstip"), ordering="created_at")
    def moment(self, entry):
        return formats.date_format(timezone.localtime(entry.created_at), "j F Y H:i")
