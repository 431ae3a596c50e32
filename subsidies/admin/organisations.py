"""The back office for organisations, their members and invitations."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from herentq.admin import AuditEntryInline, HistoryAdmin
from subsidies.models import Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "joined_at"]
    readonly_fields = ["joined_at"]


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    can_delete = False
    fields = ["email", "invited_by", "created_at", "expires_at", "accepted_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = [
        "name",
        "legal_form",
        "enterprise_number_display",
        "city",
        "contact_name",
        "created_at",
    ]
    list_filter = ["legal_form", "country"]
    search_fields = ["name", "enterprise_number", "contact_name", "contact_email"]
    date_hierarchy = "created_at"
    inlines = [MembershipInline, InvitationInline, AuditEntryInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    view_on_site = False  # its page is for its members only

    @admin.display(description=_("ondernemingsnummer"), ordering="enterprise_number")
    def enterprise_number_display(self, obj):
        return obj.enterprise_number_display
