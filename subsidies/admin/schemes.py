"""The back office for schemes, their calls and budget envelopes."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q, Sum
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from herentq.admin import HistoryAdmin, ParentInlineFormSet
from herentq.admin_translations import TranslatedAdmin, TranslatedTabularInline
from herentq.forms import add_domain_error
from subsidies import results, selectors, services
from subsidies.admin.common import ADMIN_CSS
from subsidies.constants import LegalForm
from subsidies.formatting import format_eur
from subsidies.models import AttachmentRequirement, BudgetEnvelope, Call, Scheme
from subsidies.workflow import SubsidyError


class AttachmentRequirementInline(TranslatedTabularInline):
    model = AttachmentRequirement
    extra = 1
    fields = ["name", "description", "is_required", "position"]


class CallInline(TranslatedTabularInline):
    model = Call
    extra = 0
    fields = ["title", "opens_at", "closes_at", "year"]
    show_change_link = True
    formset = ParentInlineFormSet  # each call's title (__str__) names its scheme


class EnvelopeFigures:
    """Budget, reserved, committed, paid and remaining, as admin columns."""

    @admin.display(description=_("budget"), ordering="budget")
    def budget_display(self, obj):
        return format_eur(obj.budget)

    @admin.display(description=_("gereserveerd (in behandeling)"))
    def reserved_display(self, obj):
        return format_eur(getattr(obj, "reserved", None))

    @admin.display(description=_("vastgelegd (toegekend)"), ordering="committed")
    def committed_display(self, obj):
        return format_eur(obj.committed)

    @admin.display(description=_("uitbetaald"), ordering="paid")
    def paid_display(self, obj):
        return format_eur(obj.paid)

    @admin.display(description=_("nog vrij"))
    def remaining_display(self, obj):
        if obj.budget is None:
            return "—"
        warning = results.shortfall_warning(obj)
        if warning:
            return format_html(
                '{} <strong class="envelope-warning">⚠ {}</strong>',
                format_eur(obj.remaining),
                warning[:1].upper() + warning[1:],
            )
        return format_eur(obj.remaining)


class EnvelopeAdminForm(forms.ModelForm):
    """An envelope's budget, in its own page and in its scheme's inline: the rule
    is the service's, checked here to show it next to the field."""

    class Meta:
        model = BudgetEnvelope
        fields = ["scheme", "year", "budget"]

    def clean(self):
        cleaned_data = super().clean()
        budget = cleaned_data.get("budget")
        if budget is not None:
            try:
                services.envelope_check_budget(envelope=self.instance, budget=budget)
            except SubsidyError as error:
                add_domain_error(self, error)
        return cleaned_data


class EnvelopeFormSet(ParentInlineFormSet):
    """Envelopes ticked for removal: the service's rule, shown above the inline."""

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            try:
                services.envelope_check_removable(envelope=form.instance)
            except SubsidyError as error:
                raise forms.ValidationError(error.message) from error


class EnvelopeInline(EnvelopeFigures, admin.TabularInline):
    model = BudgetEnvelope
    form = EnvelopeAdminForm
    formset = EnvelopeFormSet
    extra = 0
    fields = [
        "year",
        "budget",
        "reserved_display",
        "committed_display",
        "paid_display",
        "remaining_display",
    ]
    readonly_fields = [
        "reserved_display",
        "committed_display",
        "paid_display",
        "remaining_display",
    ]

    def get_queryset(self, request):
        return selectors.envelopes_with_reserved(super().get_queryset(request))


class SchemeAdminForm(forms.ModelForm):
    eligible_legal_forms = forms.MultipleChoiceField(
        label=_("toegelaten rechtsvormen"),
        choices=LegalForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Niets aangevinkt: elke rechtsvorm."),
    )

    class Meta:
        model = Scheme
        # The admin's fieldsets decide which fields the form shows.
        fields = ["eligible_legal_forms"]


@admin.register(Scheme)
class SchemeAdmin(TranslatedAdmin, HistoryAdmin):
    # The scheme's own texts and limits: no domain rule, the ModelForm is the whole
    # write. Its envelopes go through `envelope_update`.
    form = SchemeAdminForm
    list_display = [
        "name",
        "max_amount",
        "max_share_percent",
        "requires_council_advice",
        "is_published",
        "position",
    ]
    list_filter = ["is_published", "requires_council_advice"]
    list_editable = ["position"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AttachmentRequirementInline, CallInline, EnvelopeInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "is_published", "position"]}),
        (
            _("In gewone taal, op de publieke pagina"),
            {"fields": ["description", "eligibility", "rules"]},
        ),
        (
            _("Regels die het portaal controleert"),
            {
                "fields": [
                    "eligible_legal_forms",
                    "max_amount",
                    "max_share_percent",
                    "cap_per_organisation_per_year",
                    "eligible_countries",
                ]
            },
        ),
        (
            _("Behandeling"),
            {
                "fields": [
                    "requires_council_advice",
                    "advance_percent",
                    "report_due_days",
                ]
            },
        ),
        (
            _("Herinneringen"),
            {
                "fields": [
                    "report_reminder_days",
                    "report_overdue_days",
                    "information_reminder_days",
                ]
            },
        ),
    ]

    class Media:
        css = ADMIN_CSS

    def save_formset(self, request, form, formset, change):
        if formset.model is not BudgetEnvelope:
            # Requirements and calls: no domain rule, the ModelForm is the whole write.
            return super().save_formset(request, form, formset, change)
        for envelope in formset.save(commit=False):
            services.envelope_update(envelope=envelope, actor=request.user)
        for envelope in formset.deleted_objects:
            services.envelope_delete(envelope=envelope, actor=request.user)


@admin.register(Call)
class CallAdmin(TranslatedAdmin, HistoryAdmin):
    """Calls with their totals: how many files, how much asked and granted."""

    # No domain rule: the ModelForm is the whole write.

    list_display = [
        "title",
        "scheme",
        "opens_at",
        "closes_at",
        "year",
        "is_open",
        "file_count",
        "requested_total",
        "approved_total",
    ]
    list_filter = ["scheme", "year"]
    search_fields = ["title", "scheme__name"]
    date_hierarchy = "opens_at"
    autocomplete_fields = ["scheme"]
    list_select_related = ["scheme"]

    def get_queryset(self, request):
        submitted = ~Q(applications__status="draft")
        return (
            super()
            .get_queryset(request)
            .annotate(
                file_count=Count("applications", filter=submitted),
                requested_total=Sum("applications__requested_amount", filter=submitted),
                approved_total=Sum("applications__approved_amount"),
            )
        )

    @admin.display(boolean=True, description=_("nu open"))
    def is_open(self, obj):
        return obj.is_open()

    @admin.display(description=_("ingediende aanvragen"), ordering="file_count")
    def file_count(self, obj):
        return obj.file_count

    @admin.display(description=_("samen gevraagd"), ordering="requested_total")
    def requested_total(self, obj):
        return format_eur(obj.requested_total or 0)

    @admin.display(description=_("samen toegekend"), ordering="approved_total")
    def approved_total(self, obj):
        return format_eur(obj.approved_total or 0)


@admin.register(BudgetEnvelope)
class BudgetEnvelopeAdmin(EnvelopeFigures, HistoryAdmin):
    form = EnvelopeAdminForm
    list_display = [
        "scheme",
        "year",
        "budget_display",
        "reserved_display",
        "committed_display",
        "paid_display",
        "remaining_display",
    ]
    list_filter = ["year", "scheme"]
    search_fields = ["scheme__name"]
    autocomplete_fields = ["scheme"]
    readonly_fields = [
        "reserved_display",
        "committed_display",
        "paid_display",
        "remaining_display",
    ]
    actions = ["recalculate"]

    def save_model(self, request, obj, form, change):
        services.envelope_update(envelope=obj, actor=request.user)

    def has_delete_permission(self, request, obj=None):
        # The delete button shows only where the service would allow it.
        if obj is not None:
            try:
                services.envelope_check_removable(envelope=obj)
            except SubsidyError:
                return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        services.envelope_delete(envelope=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for envelope in queryset:
            try:
                services.envelope_delete(envelope=envelope, actor=request.user)
            except SubsidyError as error:
                self.message_user(request, error.message, messages.ERROR)

    def get_queryset(self, request):
        return selectors.envelopes_with_reserved(
            super().get_queryset(request).select_related("scheme")
        )

    @admin.action(
        description=_("Vastgelegd en uitbetaald herberekenen uit de dossiers")
    )
    def recalculate(self, request, queryset):
        for envelope in queryset:
            services.envelope_recalculate(envelope=envelope, actor=request.user)
        self.message_user(request, _("Herberekend."), messages.SUCCESS)
