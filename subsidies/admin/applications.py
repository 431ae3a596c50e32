"""The back office for applications: the file, its read-only parts, the
workflow's steps (transitions), messages, exports and bulk actions."""

from decimal import Decimal

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from herentq import exports
from herentq.admin import AuditEntryInline, HistoryAdmin
from herentq.files import file_response
from herentq.pdf import pdf_response
from herentq.workflow import STAFF
from subsidies import exports as subsidy_exports
from subsidies import forms as forms_module
from subsidies import integrations, results, selectors, services
from subsidies.admin.common import ADMIN_CSS, ReadOnlyInline
from subsidies.admin.filters import (
    CallFilter,
    CountryFilter,
    DecisionYearFilter,
    FirstPaymentYearFilter,
    PartnershipFilter,
    SubmittedYearFilter,
    YearFilter,
)
from subsidies.constants import Status
from subsidies.formatting import format_eur
from subsidies.models import (
    Application,
    Attachment,
    BudgetLine,
    InformationRequest,
    Message,
    Payment,
    paid_total_for,
)
from subsidies.workflow import APPLICATIONS, SubsidyError


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine
    fields = ["kind", "description", "amount", "actual_amount"]
    readonly_fields = fields


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["download", "purpose", "requirement", "size", "sha256", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description=_("bestand"))
    def download(self, obj):
        url = reverse(
            "admin:subsidies_application_attachment", args=[obj.application_id, obj.pk]
        )
        return format_html('<a href="{}">{}</a>', url, obj.original_name)


class MessageInline(ReadOnlyInline):
    model = Message
    fields = ["created_at", "from_service", "author", "body"]
    readonly_fields = fields


class InformationRequestInline(ReadOnlyInline):
    model = InformationRequest
    fields = [
        "requested_at",
        "requested_by",
        "question",
        "steps",
        "answer",
        "answered_at",
    ]
    readonly_fields = fields


class PaymentInline(ReadOnlyInline):
    model = Payment
    fields = ["kind", "amount", "paid_on", "note", "recorded_by", "recorded_at"]
    readonly_fields = fields


EXPORT_HEADERS = [
    _("Referentie"),
    _("Status"),
    _("Organisatie"),
    _("Ondernemingsnummer"),
    _("Project"),
    _("Reglement"),
    _("Oproep"),
    _("Jaar"),
    _("Land"),
    _("SDG's"),
    _("Gevraagd"),
    _("Toegekend"),
    _("Betaald"),
    _("Ingediend op"),
    _("Datum beslissing"),
]


def export_rows(queryset):
    applications = list(queryset)
    paid = paid_total_for([a.pk for a in applications])
    for a in applications:
        yield [
            a.reference,
            a.get_status_display(),
            a.organisation.name,
            a.organisation.enterprise_number_display,
            a.title,
            a.call.scheme.name,
            a.call.title,
            a.call.year,
            a.country.name if a.country else "",
            ", ".join(str(sdg.number) for sdg in a.sdgs.all()),
            a.requested_amount,
            a.approved_amount,
            paid.get(a.pk, Decimal("0")),
            timezone.localtime(a.submitted_at).strftime("%d/%m/%Y %H:%M")
            if a.submitted_at
            else "",
            a.decision_date.strftime("%d/%m/%Y") if a.decision_date else "",
        ]


@admin.register(Application)
class ApplicationAdmin(HistoryAdmin):
    change_form_template = "admin/subsidies/application/change_form.html"
    change_list_template = "admin/subsidies/application/change_list.html"
    view_on_site = False  # the file's page is for the organisation's members only
    list_display = [
        "reference_display",
        "title",
        "organisation",
        "scheme",
        "status_badge",
        "requested_display",
        "approved_display",
        "submitted_at",
    ]
    # Schemes and calls are few: listing them all spares a pass over every file
    # (which "related only" makes) on each visit of the list.
    list_filter = [
        "call__scheme",
        ("call", CallFilter),
        PartnershipFilter,
        "status",
        YearFilter,
        SubmittedYearFilter,
        DecisionYearFilter,
        FirstPaymentYearFilter,
        CountryFilter,
        "sdgs",
        "language",
    ]
    search_fields = ["reference", "organisation__name", "title"]
    list_select_related = ["organisation", "call__scheme"]
    autocomplete_fields = ["organisation", "call"]
    list_per_page = 50
    show_full_result_count = False  # no second count of all files on a search
    actions = [
        "start_screening_action",
        "close_action",
        "export_csv_action",
        "college_decision_action",
    ]
    inlines = [
        BudgetLineInline,
        AttachmentInline,
        InformationRequestInline,
        MessageInline,
        PaymentInline,
        AuditEntryInline,
    ]
    fieldsets = [
        (
            _("Dossier"),
            {
                "fields": [
                    "reference",
                    "status_badge",
                    "call",
                    "organisation",
                    "created_by",
                    "submitted_at",
                    "language",
                    "envelope_summary",
                ]
            },
        ),
        (
            _("Contact"),
            {"fields": ["contact_name", "contact_email", "contact_phone"]},
        ),
        (
            _("Project"),
            {
                "fields": [
                    "title",
                    "summary",
                    "description",
                    "objectives",
                    "target_group",
                    "start_date",
                    "end_date",
                    "partner_name",
                    "partner_description",
                    "country",
                    "region",
                    "partnership",
                    "sdgs",
                    "sdg_explanation",
                ]
            },
        ),
        (
            _("Begroting en verklaringen"),
            {
                "fields": [
                    "requested_amount",
                    "budget_summary",
                    "declares_truthful",
                    "declares_no_double_funding",
                    "has_conflict_of_interest",
                    "conflict_of_interest_details",
                    "declared_by",
                    "declared_at",
                ]
            },
        ),
        (
            _("Advies en beslissing"),
            {
                "fields": [
                    "advice_outcome",
                    "advice_motivation",
                    "advice_date",
                    "proposed_amount",
                    "decision",
                    "approved_amount",
                    "decision_date",
                    "decision_reference",
                    "committed_amount",
                ]
            },
        ),
        (
            _("Verantwoording"),
            {
                "fields": [
                    "report_due_on",
                    "report_narrative",
                    "report_submitted_at",
                    "withdrawn_at",
                    "closed_at",
                ]
            },
        ),
    ]

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request):
        # No SDGs: the list does not show them; the exports prefetch them.
        return (
            super().get_queryset(request).select_related("organisation", "call__scheme")
        )

    def get_readonly_fields(self, request, obj=None):
        names = [
            name for _title, options in self.fieldsets for name in options["fields"]
        ]
        return names

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # -- columns
    @admin.display(description=_("referentie"), ordering="reference")
    def reference_display(self, obj):
        return obj.reference or _("(concept)")

    @admin.display(description=_("reglement"), ordering="call__scheme__name")
    def scheme(self, obj):
        return obj.call.scheme.name

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        # Status(…).label, not get_status_display(): that one translates every
        # label of the field on each call (a hundred times a page).
        return format_html(
            '<span class="hq-status hq-status--{}">{}</span>',
            obj.status_tone,
            Status(obj.status).label,
        )

    @admin.display(description=_("gevraagd"), ordering="requested_amount")
    def requested_display(self, obj):
        return format_eur(obj.requested_amount)

    @admin.display(description=_("toegekend"), ordering="approved_amount")
    def approved_display(self, obj):
        return format_eur(obj.approved_amount)

    @admin.display(description=_("budgetenveloppe"))
    def envelope_summary(self, obj):
        envelope = (
            selectors.envelopes_with_reserved()
            .filter(scheme_id=obj.call.scheme_id, year=obj.call.year)
            .first()
        )
        if envelope is None:
            return _("Geen enveloppe voor %(year)s.") % {"year": obj.call.year}
        figures = format_html(
            "{} {}: {} {} · {} {} · {} {} · {} {} · <strong>{} {}</strong>",
            _("Enveloppe"),
            envelope,
            _("budget"),
            format_eur(envelope.budget),
            _("gereserveerd"),
            format_eur(envelope.reserved),
            _("vastgelegd"),
            format_eur(envelope.committed),
            _("uitbetaald"),
            format_eur(envelope.paid),
            _("nog vrij"),
            format_eur(envelope.remaining),
        )
        return format_html("{}{}", figures, self._shortfall(envelope))

    def _shortfall(self, envelope):
        warning = results.shortfall_warning(envelope)
        if not warning:
            return ""
        return format_html(
            '<br><strong class="envelope-warning">⚠ {}</strong>',
            warning[:1].upper() + warning[1:],
        )

    @admin.display(description=_("begroting"))
    def budget_summary(self, obj):
        totals = obj.budget_totals()
        return format_html(
            "{} {} · {} {} · {} {}",
            _("inkomsten met subsidie"),
            format_eur(totals["income_with_subsidy"]),
            _("uitgaven"),
            format_eur(totals["expenses"]),
            _("verschil"),
            format_eur(totals["difference"]),
        )

    # -- pages
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "export/<str:fmt>/",
                wrap(self.export_view),
                name="subsidies_application_export",
            ),
            path(
                "<path:object_id>/actie/<str:name>/",
                wrap(self.transition_view),
                name="subsidies_application_transition",
            ),
            path(
                "<path:object_id>/bericht/",
                wrap(self.message_view),
                name="subsidies_application_message",
            ),
            path(
                "<path:object_id>/auditbundel/",
                wrap(self.audit_bundle_view),
                name="subsidies_application_audit_bundle",
            ),
            path(
                "<path:object_id>/bijlage/<int:attachment_pk>/",
                wrap(self.attachment_view),
                name="subsidies_application_attachment",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "show_delete": False,
            "transitions": APPLICATIONS.available(obj, by=STAFF) if obj else [],
            "may_process": self._may_process(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _may_process(self, request) -> bool:
        return request.user.has_perm("subsidies.change_application")

    def _get_or_404(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        return obj

    def _render_form_page(
        self, request, obj, *, form, title, submit_label, status=200, extra=None
    ):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "application": obj,
            "title": title,
            "form": form,
            "submit_label": submit_label,
            "envelope": self.envelope_summary(obj),
            **(extra or {}),
        }
        return TemplateResponse(
            request,
            "admin/subsidies/application/transition.html",
            context,
            status=status,
        )

    def transition_view(self, request, object_id, name):
        """The page of a staff transition: its form, then its service."""
        transition = APPLICATIONS.by_name.get(name)
        if transition is None or transition.by != STAFF:
            raise Http404
        if not self._may_process(request):
            raise PermissionDenied
        obj = self._get_or_404(request, object_id)
        change_url = reverse("admin:subsidies_application_change", args=[obj.pk])
        if request.method == "POST":
            form = transition.make_form(obj, request.POST)
            if form.is_valid():
                try:
                    APPLICATIONS.perform(
                        name, obj, actor=request.user, **form.cleaned_data
                    )
                except SubsidyError as error:
                    form.add_error(None, error.message)
                else:
                    self.message_user(
                        request,
                        _("%(action)s: gedaan voor %(reference)s.")
                        % {"action": transition.label, "reference": obj.reference},
                        messages.SUCCESS,
                    )
                    return redirect(change_url)
        else:
            if not transition.allows(obj.status):
                self.message_user(
                    request,
                    _("“%(action)s” kan niet bij status “%(status)s”.")
                    % {"action": transition.label, "status": obj.get_status_display()},
                    messages.ERROR,
                )
                return redirect(change_url)
            if not transition.passes_guard(obj):
                self.message_user(request, transition.guard_refusal, messages.ERROR)
                return redirect(change_url)
            form = transition.make_form(obj)
        return self._render_form_page(
            request,
            obj,
            form=form,
            title=f"{transition.label}: {obj.reference}",
            submit_label=transition.label,
            extra={
                "council_advice": integrations.advice_for(obj)
                if name in ("record_advice", "decide")
                else None,
                "recording_advice": name == "record_advice",
            },
        )

    def message_view(self, request, object_id):
        if not self._may_process(request):
            raise PermissionDenied
        obj = self._get_or_404(request, object_id)
        form = forms_module.ServiceMessageForm(
            request.POST or None, request.FILES or None
        )
        if request.method == "POST" and form.is_valid():
            try:
                upload = form.cleaned_data.get("attachment")
                services.message_post(
                    application=obj,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    from_service=True,
                    uploads=[upload] if upload else [],
                )
            except SubsidyError as error:
                form.add_error(None, error.message)
            else:
                self.message_user(
                    request, _("Het bericht is verstuurd."), messages.SUCCESS
                )
                return redirect(
                    reverse("admin:subsidies_application_change", args=[obj.pk])
                )
        return self._render_form_page(
            request,
            obj,
            form=form,
            title=_("Bericht aan de aanvrager: %(reference)s")
            % {"reference": obj.reference},
            submit_label=_("Bericht versturen"),
        )

    def attachment_view(self, request, object_id, attachment_pk):
        obj = self._get_or_404(request, object_id)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        attachment = get_object_or_404(obj.attachments, pk=attachment_pk)
        return file_response(attachment.file, download_name=attachment.original_name)

    def audit_bundle_view(self, request, object_id):
        obj = self._get_or_404(request, object_id)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        content = services.application_audit_bundle(application=obj, actor=request.user)
        response = HttpResponse(content, content_type="application/zip")
        name = obj.reference or f"concept-{obj.pk}"
        response["Content-Disposition"] = (
            f'attachment; filename="auditbundel-{name}.zip"'
        )
        return response

    def export_view(self, request, fmt):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if fmt not in ("csv", "xlsx"):
            raise Http404
        changelist = self.get_changelist_instance(request)
        queryset = changelist.get_queryset(request).prefetch_related("sdgs")
        return self._export(queryset, fmt)

    def _export(self, queryset, fmt):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        filename = f"subsidieaanvragen-{stamp}.{fmt}"
        rows = export_rows(queryset)
        if fmt == "xlsx":
            return exports.xlsx_response(
                EXPORT_HEADERS, rows, filename=filename, title=_("Aanvragen")
            )
        return exports.csv_response(EXPORT_HEADERS, rows, filename=filename)

    # -- bulk actions: the same services, one object at a time (history per object)
    def _bulk(self, request, queryset, name):
        """Run a step of the workflow (without form data) on each file."""
        done, refused = 0, []
        for application in queryset:
            try:
                APPLICATIONS.perform(name, application, actor=request.user)
                done += 1
            except SubsidyError as error:
                refused.append(
                    f"{application.reference or application.pk}: {error.message}"
                )
        if done:
            self.message_user(
                request,
                _("%(action)s: %(count)s dossier(s).")
                % {"action": APPLICATIONS.get(name).label, "count": done},
                messages.SUCCESS,
            )
        for message in refused:
            self.message_user(request, message, messages.ERROR)

    @admin.action(
        description=_("Screening starten voor de geselecteerde dossiers"),
        permissions=["change"],
    )
    def start_screening_action(self, request, queryset):
        self._bulk(request, queryset, "start_screening")

    @admin.action(
        description=_("De geselecteerde dossiers afsluiten"), permissions=["change"]
    )
    def close_action(self, request, queryset):
        self._bulk(request, queryset, "close")

    @admin.action(description=_("De geselecteerde dossiers exporteren (CSV)"))
    def export_csv_action(self, request, queryset):
        return self._export(queryset.prefetch_related("sdgs"), "csv")

    @admin.action(
        description=_("Ontwerp van collegebesluit (PDF) voor de geselecteerde dossiers")
    )
    def college_decision_action(self, request, queryset):
        ready = [
            a
            for a in queryset.order_by("call__scheme__position", "reference")
            if APPLICATIONS.get("decide") in APPLICATIONS.available(a)
        ]
        if not ready:
            self.message_user(
                request,
                _(
                    "Geen van de geselecteerde dossiers wacht op een beslissing van het college."
                ),
                messages.ERROR,
            )
            return None
        return pdf_response(
            "subsidies/pdf/college_decision.html",
            subsidy_exports.college_decision_context(ready),
            filename=f"ontwerp-collegebesluit-{timezone.localdate():%Y%m%d}.pdf",
        )
