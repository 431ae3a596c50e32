"""The back office for organisations, their members and invitations."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from herentq.admin import AuditEntryInline, HistoryAdmin, ParentInlineFormSet
from subsidies import services
from subsidies.models import Invitation, Membership, Organisation
from subsidies.workflow import SubsidyError


class MembershipForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A member is added or removed, never swapped for someone else.
            self.fields["user"].disabled = True


class MembershipFormSet(ParentInlineFormSet):
    """The last member stays while files wait on the organisation (the service's
    rule, checked here to show it above the members; no single field is wrong)."""

    def clean(self):
        super().clean()
        kept, removed = [], []
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("DELETE"):
                removed.extend([form] if form.instance.pk else [])
            elif data.get("user"):
                kept.append(form)
        if not removed:
            return
        try:
            services.membership_check_remaining(
                organisation=self.instance, remaining=len(kept)
            )
        except SubsidyError as error:
            # A removed row's own errors do not count: the refusal is the formset's.
            raise forms.ValidationError(str(error)) from error


def save_memberships(request, organisation, formset):
    """New members first, then removals, each through its service."""
    for membership in formset.save(commit=False):
        if membership.pk is None:
            services.membership_add(
                organisation=organisation, user=membership.user, actor=request.user
            )
    for membership in formset.deleted_objects:
        services.membership_remove(membership=membership, actor=request.user)


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    formset = MembershipFormSet
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

    def save_model(self, request, obj, form, change):
        services.organisation_save_by_staff(organisation=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is Membership:
            save_memberships(request, form.instance, formset)
        else:
            super().save_formset(request, form, formset, change)

    @admin.display(description=_("ondernemingsnummer"), ordering="enterprise_number")
    def enterprise_number_display(self, obj):
        return obj.enterprise_number_display
