from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import models
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from herentq import audit
from herentq.models import (
    SDG,
    AuditEntry,
    LocalAuthority,
    NewsItem,
    Notice,
    Page,
    ServiceContact,
)


class QuickActionCheckboxMixin:
    """The changelist's per-row action checkbox, written out as HTML.

    Django renders it through the form widget templates, once for every row; on
    a page of 100 rows that was about a quarter of the changelist's time. The
    markup is the same (tests/core/test_admin.py compares the two). On ordinary
    changelist pages herentq/admin_list.py now writes this markup itself for
    every admin; the mixin still serves the pages that keep Django's rendering
    (popups, `list_editable`).
    """

    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )


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
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["title", "severity", "starts_at", "ends_at", "is_current"]
    list_filter = ["severity"]
    search_fields = ["title", "body"]
    date_hierarchy = "starts_at"

    @admin.display(boolean=True, description=_("nu zichtbaar"))
    def is_current(self, obj):
        return obj.is_current()


@admin.register(ServiceContact)
class ServiceContactAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "email"]

    def has_add_permission(self, request):
        return not ServiceContact.objects.exists()


@admin.register(Page)
class PageAdmin(SimpleHistoryAdmin):
    list_display = ["title", "slug", "is_published", "updated_at"]
    list_filter = ["is_published"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "updated_at"


@admin.register(NewsItem)
class NewsItemAdmin(SimpleHistoryAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("handeling"), ordering="action")
    def action_label(self, entry):
        return audit.action_label(entry.action)
