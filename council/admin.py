"""The secretariat's back office: members, meetings, agendas, minutes and advice.

State changes of the minutes go through services (admin actions and the buttons
on the change form); a published version is read-only everywhere.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from council import services
from council.constants import INVITATION_VALID_FOR, InvitationStatus, MinutesStatus
from council.models import (
    Advice,
    AgendaDocument,
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    Meeting,
    Minutes,
    MinutesComment,
    MinutesEntry,
    MinutesVersion,
    MinutesVersionEntry,
)
from council.workflow import MINUTES
from herentq.admin import AuditEntryInline, HistoryAdmin
from herentq.admin_translations import TranslatedAdmin
from herentq.forms import add_domain_error


def _run(modeladmin, request, queryset, service, done_message, arg="minutes", **kwargs):
    """Call a service for each selected object; report what worked and what not."""
    done = 0
    for obj in queryset:
        try:
            service(actor=request.user, **{arg: obj}, **kwargs)
        except services.CouncilError as error:
            modeladmin.message_user(request, f"{obj}: {error}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(
            request, done_message % {"count": done}, messages.SUCCESS
        )


@admin.register(Council)
class CouncilAdmin(TranslatedAdmin):
    list_display = ["name", "full_name", "local_authority", "member_count"]
    search_fields = ["name", "full_name"]
    autocomplete_fields = ["local_authority"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("local_authority")
            .annotate(member_count=Count("members"))
        )

    @admin.display(description=_("leden"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count


class InvitationFilter(admin.SimpleListFilter):
    """Who accepted the invitation to the members' area, who has not yet."""

    title = _("ledenzone")
    parameter_name = "uitnodiging"

    def lookups(self, request, model_admin):
        return InvitationStatus.choices

    def queryset(self, request, queryset):
        expired = timezone.now() - INVITATION_VALID_FOR
        conditions = {
            InvitationStatus.NOT_INVITED: Q(
                invited_at__isnull=True, accepted_at__isnull=True
            ),
            InvitationStatus.PENDING: Q(
                invited_at__gt=expired, accepted_at__isnull=True
            ),
            InvitationStatus.EXPIRED: Q(
                invited_at__lte=expired, accepted_at__isnull=True
            ),
            InvitationStatus.ACCEPTED: Q(
                accepted_at__isnull=False, access_ended_at__isnull=True
            ),
            InvitationStatus.ENDED: Q(access_ended_at__isnull=False),
        }
        condition = conditions.get(self.value())
        return queryset.filter(condition) if condition is not None else queryset


@admin.register(CouncilMember)
class CouncilMemberAdmin(admin.ModelAdmin):
    list_display = [
        "last_name",
        "first_name",
        "role",
        "organisation",
        "term_start",
        "term_end",
        "is_active",
        "user",
        "invitation",
    ]
    list_display_links = ["last_name", "first_name"]
    list_filter = ["council", "role", InvitationFilter]
    list_select_related = ["council", "user"]
    search_fields = ["first_name", "last_name", "organisation", "email", "user__email"]
    autocomplete_fields = ["council", "user"]
    date_hierarchy = "term_start"
    readonly_fields = ["invitation"]
    actions = ["invite"]

    @admin.display(boolean=True, description=_("mandaat loopt"))
    def is_active(self, obj):
        return obj.is_active()

    @admin.display(description=_("ledenzone"))
    def invitation(self, obj):
        """Where the invitation stands, with its date."""
        status = InvitationStatus(obj.invitation_status)
        moment = {
            InvitationStatus.PENDING: obj.invited_at,
            InvitationStatus.EXPIRED: obj.invited_at,
            InvitationStatus.ACCEPTED: obj.accepted_at,
            InvitationStatus.ENDED: obj.access_ended_at,
        }.get(status)
        if moment is None:
            return status.label
        return f"{status.label} ({timezone.localtime(moment):%d/%m/%Y})"

    @admin.action(description=_("Uitnodigen voor de ledenzone (of opnieuw)"))
    def invite(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            services.member_invite,
            gettext("%(count)s uitnodiging(en) verstuurd."),
            arg="member",
        )

    def response_change(self, request, obj):
        """The "invite" button of the member's record: save, then invite."""
        if "_invite" in request.POST:
            _run(
                self,
                request,
                [obj],
                services.member_invite,
                gettext("%(count)s uitnodiging(en) verstuurd."),
                arg="member",
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)


class AgendaItemFormSet(forms.BaseInlineFormSet):
    """New items only on a meeting that is not cancelled; edits and removals only
    while the agenda is not fixed (the services' rules, checked here to show them)."""

    def clean(self):
        super().clean()
        new, changed, removed = split_inline_forms(self)
        check_inline_rule(
            lambda: services.agenda_check_open(self.instance), new, removed=[]
        )
        check_inline_rule(
            lambda: services.agenda_check_changeable(self.instance), changed, removed
        )


def split_inline_forms(formset):
    """The new, the changed and the removed rows of a cleaned inline formset."""
    new, changed, removed = [], [], []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", {})
        if data.get("DELETE"):
            removed.extend([form] if form.instance.pk else [])
        elif form.instance.pk is None and form.has_changed():
            new.append(form)
        elif form.instance.pk and form.has_changed():
            changed.append(form)
    return new, changed, removed


def check_inline_rule(check, forms_touched, removed):
    """Run a service's check for the rows it concerns: the refusal next to each
    row typed in, and above the inline for removed rows (whose errors the
    formset would otherwise ignore)."""
    if not forms_touched and not removed:
        return
    try:
        check()
    except services.CouncilError as error:
        for form in forms_touched:
            form.add_error(None, str(error))
        if removed:
            raise forms.ValidationError(str(error)) from error


def save_agenda_items(request, meeting, formset):
    """Every new, edited and removed item through its service."""
    for item in formset.save(commit=False):
        if item.pk is None:
            services.agenda_item_create(
                meeting=meeting,
                title=item.title,
                description=item.description,
                is_public=item.is_public,
                position=item.position,
                actor=request.user,
            )
        else:
            services.agenda_item_update(item=item, actor=request.user)
    for item in formset.deleted_objects:
        services.agenda_item_delete(item=item, actor=request.user)


class AttendanceFormSet(forms.BaseInlineFormSet):
    """Attendance changes only while the agenda is not fixed (the service's rule)."""

    def clean(self):
        super().clean()
        new, changed, removed = split_inline_forms(self)
        check_inline_rule(
            lambda: services.agenda_check_changeable(self.instance),
            new + changed,
            removed,
        )


def save_attendances(request, formset):
    for attendance in formset.save(commit=False):
        services.attendance_save(attendance=attendance, actor=request.user)
    for attendance in formset.deleted_objects:
        services.attendance_remove(attendance=attendance, actor=request.user)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    formset = AgendaItemFormSet
    extra = 0
    fields = ["position", "title", "is_public", "description"]
    show_change_link = True
    ordering = ["position"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    formset = AttendanceFormSet
    extra = 0
    autocomplete_fields = ["member"]


class MeetingAdminForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["status"]  # the admin adds the others

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status"):
            try:
                services.meeting_check_status(
                    current=self.instance.status, status=cleaned["status"]
                )
            except services.CouncilError as error:
                add_domain_error(self, error)
        return cleaned


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    form = MeetingAdminForm
    fields = [
        "council",
        "planned_start",
        "location",
        "status",
        "started_at",
        "ended_at",
        "cancellation_reason",
    ]
    list_display = [
        "__str__",
        "planned_start",
        "location",
        "status",
        "item_count",
        "minutes_status",
    ]
    list_filter = ["status", "council"]
    search_fields = ["location", "agenda_items__title"]
    date_hierarchy = "planned_start"
    # Rows are most of a changelist's cost: 50 a page, and a filtered list says
    # how many match without counting every meeting again.
    list_per_page = 50
    show_full_result_count = False
    autocomplete_fields = ["council"]
    inlines = [AgendaItemInline, AttendanceInline, AuditEntryInline]
    actions = ["create_minutes", "prepare_attendance", "convoke"]

    def get_queryset(self, request):
        # A subquery, not JOIN + GROUP BY: the page, its count and the date
        # hierarchy then read the meetings alone, however long the history.
        items = (
            AgendaItem.objects.filter(meeting=OuterRef("pk"))
            .order_by()
            .values("meeting")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .select_related("council", "minutes")
            .annotate(item_count=Coalesce(Subquery(items), 0))
        )

    def save_model(self, request, obj, form, change):
        services.meeting_save(meeting=obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is AgendaItem:
            save_agenda_items(request, form.instance, formset)
        elif formset.model is Attendance:
            save_attendances(request, formset)
        else:
            super().save_formset(request, form, formset, change)

    @admin.display(description=_("agendapunten"), ordering="item_count")
    def item_count(self, obj):
        return obj.item_count

    @admin.display(description=_("verslag"))
    def minutes_status(self, obj):
        minutes = getattr(obj, "minutes", None)
        # The label itself: get_status_display() translates every label per call.
        return MinutesStatus(minutes.status).label if minutes else "—"

    @admin.action(description=_("Verslag aanmaken voor de gekozen vergaderingen"))
    def create_minutes(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            services.minutes_create,
            gettext("%(count)s verslag(en) klaar om te schrijven."),
            arg="meeting",
        )

    @admin.action(description=_("Aanwezigheidslijst voorbereiden (alle leden)"))
    def prepare_attendance(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            services.attendance_prepare,
            gettext("Aanwezigheidslijst voorbereid voor %(count)s vergadering(en)."),
            arg="meeting",
        )

    @admin.action(description=_("Leden nu uitnodigen en de agenda publiceren"))
    def convoke(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            services.meeting_convoke,
            gettext("%(count)s vergadering(en): uitnodiging verstuurd."),
            arg="meeting",
        )


class AgendaDocumentInline(admin.TabularInline):
    model = AgendaDocument
    extra = 0
    fields = ["title", "file", "size", "uploaded_at"]
    readonly_fields = ["size", "uploaded_at"]


class AgendaItemAdminForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["meeting"]  # the admin's fields add the others

    def clean(self):
        cleaned = super().clean()
        meeting = cleaned.get("meeting")
        if meeting is None:
            return cleaned
        try:
            if self.instance.pk is None:
                services.agenda_check_open(meeting)
            else:
                # Its meeting as stored, and the one it may move to.
                services.agenda_check_changeable(self.initial_meeting)
                services.agenda_check_changeable(meeting)
        except services.CouncilError as error:
            add_domain_error(self, error)
        return cleaned

    @property
    def initial_meeting(self):
        return Meeting.objects.get(pk=self.instance.meeting_id)


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    form = AgendaItemAdminForm
    list_display = [
        "title",
        "meeting",
        "position",
        "is_public",
        "subject_link",
        "advice",
    ]
    list_filter = ["is_public", "meeting__council"]
    list_select_related = ["meeting__council", "advice", "subject_type"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["meeting"]
    readonly_fields = ["subject_link"]
    fields = [
        "meeting",
        "position",
        "title",
        "description",
        "is_public",
        "subject_link",
    ]
    inlines = [AgendaDocumentInline]
    date_hierarchy = "meeting__planned_start"

    def has_delete_permission(self, request, obj=None):
        if obj is not None:
            try:
                services.agenda_check_changeable(obj.meeting)
            except services.CouncilError:
                return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        services.agenda_item_delete(item=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for item in queryset.select_related("meeting"):
            try:
                services.agenda_item_delete(item=item, actor=request.user)
            except services.CouncilError as error:
                self.message_user(request, f"{item}: {error}", messages.ERROR)

    def save_formset(self, request, form, formset, change):
        """Documents added, changed or removed through the services (checked,
        with an audit entry)."""
        for document in formset.save(commit=False):
            if document.pk is None:
                services.document_add(
                    agenda_item=form.instance,
                    title=document.title,
                    file=document.file,
                    actor=request.user,
                )
            else:
                services.document_update(document=document, actor=request.user)
        for document in formset.deleted_objects:
            services.document_remove(document=document, actor=request.user)

    def save_model(self, request, obj, form, change):
        if change:
            services.agenda_item_update(item=obj, actor=request.user)
            return
        item = services.agenda_item_create(
            meeting=obj.meeting,
            title=obj.title,
            description=obj.description,
            is_public=obj.is_public,
            position=obj.position,
            actor=request.user,
        )
        obj.pk = item.pk
        obj.refresh_from_db()

    @admin.display(description=_("onderwerp"))
    def subject_link(self, obj):
        if not obj.subject_type_id:
            return "—"
        subject = obj.subject
        if subject is None:
            return gettext("(verwijderd)")
        return str(subject)


class MinutesEntryFormSet(forms.BaseInlineFormSet):
    """Texts change only while the minutes allow it (checked by the service)."""

    def clean(self):
        super().clean()
        if not any(form.has_changed() for form in self.forms):
            return
        try:
            services.minutes_check_text_editable(self.instance)
        except services.CouncilError as error:
            for form in self.forms:
                if form.has_changed():
                    add_domain_error(form, error)


class MinutesEntryForm(forms.ModelForm):
    class Meta:
        model = MinutesEntry
        fields = ["text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.minutes.text_is_editable:
            # Shown as it is; the service refuses a change sent from a stale page.
            self.fields["text"].widget.attrs["readonly"] = True


class MinutesEntryInline(admin.StackedInline):
    model = MinutesEntry
    form = MinutesEntryForm
    formset = MinutesEntryFormSet
    extra = 0
    fields = ["agenda_item_label", "text"]
    readonly_fields = ["agenda_item_label"]
    can_delete = False
    verbose_name_plural = _("tekst per agendapunt (werktekst)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agenda_item", "minutes")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("agendapunt"))
    def agenda_item_label(self, obj):
        visibility = obj.agenda_item.visibility_label
        return f"{obj.agenda_item} ({visibility})"


class MinutesVersionInline(admin.TabularInline):
    model = MinutesVersion
    extra = 0
    fields = ["number", "kind", "created_at", "created_by", "reason"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MinutesCommentInline(admin.TabularInline):
    model = MinutesComment
    extra = 0
    fields = ["created_at", "author_name", "agenda_item", "text"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Minutes)
class MinutesAdmin(HistoryAdmin):
    list_display = [
        "__str__",
        "status",
        "circulated_at",
        "approval_meeting",
        "approved_at",
        "published_at",
    ]
    list_filter = ["status", "meeting__council"]
    # The approval meeting's name says which council: select that council too.
    list_select_related = ["meeting__council", "approval_item__meeting__council"]
    search_fields = ["entries__text", "meeting__location"]
    date_hierarchy = "meeting__planned_start"
    autocomplete_fields = ["meeting"]
    readonly_fields = [
        "status",
        "approval_item",
        "published_version",
        "circulated_at",
        "approved_at",
        "published_at",
        "next_steps",
        "text_changes",
    ]
    inlines = [
        MinutesEntryInline,
        MinutesVersionInline,
        MinutesCommentInline,
        AuditEntryInline,
    ]
    actions = ["circulate", "approve", "publish"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["meeting", *self.readonly_fields]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["meeting"]
        return [
            "meeting",
            "status",
            "next_steps",
            "approval_item",
            "published_version",
            "circulated_at",
            "approved_at",
            "published_at",
            "text_changes",
        ]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        # On change every field of the form is read-only: the steps and the
        # texts (save_formset) are the only writes, each through its service.
        if not change:
            created = services.minutes_create(meeting=obj.meeting, actor=request.user)
            obj.pk = created.pk
            obj.refresh_from_db()

    def save_formset(self, request, form, formset, change):
        if formset.model is not MinutesEntry:
            super().save_formset(request, form, formset, change)
            return
        # save(commit=False) records what changed for the admin's log message.
        for entry in formset.save(commit=False):
            services.minutes_entry_update(
                entry=entry, text=entry.text, actor=request.user
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        minutes = self.get_object(request, object_id)
        if minutes is not None:
            services.minutes_sync_entries(minutes=minutes)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/stap/<slug:step>/",
                self.admin_site.admin_view(self.step_view),
                name="council_minutes_step",
            ),
            path(
                "<int:object_id>/correctie/",
                self.admin_site.admin_view(self.step_view),
                {"step": "publish-correction"},
                name="council_minutes_correction",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("goedkeuring op"))
    def approval_meeting(self, obj):
        return obj.approval_item.meeting if obj.approval_item_id else "—"

    @admin.display(description=_("volgende stap"))
    def next_steps(self, obj):
        """A button for each step the workflow allows now."""
        links = [
            (
                reverse("admin:council_minutes_step", args=[obj.pk, step.slug]),
                step.label,
            )
            for step in MINUTES.available(obj)
        ]
        if not links:
            return "—"
        return format_html_join(" ", '<a class="button" href="{}">{}</a>', links)

    @admin.display(description=_("wijzigingen in de tekst"))
    def text_changes(self, obj):
        """Who changed which item's text, when, from what to what."""
        records = list(
            MinutesEntry.history.filter(minutes_id=obj.pk)
            .select_related("history_user")
            .order_by("id", "history_date")
        )
        rows = []
        previous = {}
        for record in records:
            before = previous.get(record.id)
            previous[record.id] = record
            if before is None or before.text == record.text:
                continue
            item = AgendaItem.objects.filter(pk=record.agenda_item_id).first()
            rows.append(
                (
                    timezone.localtime(record.history_date).strftime("%d/%m/%Y %H:%M"),
                    record.history_user or "—",
                    item or "—",
                    Truncator(before.text).chars(120) or "—",
                    Truncator(record.text).chars(120) or "—",
                )
            )
        if not rows:
            return gettext("Nog geen wijzigingen.")
        rows.sort(key=lambda row: row[0], reverse=True)
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
            "</tr></thead><tbody>{}</tbody></table>",
            gettext("tijdstip"),
            gettext("door"),
            gettext("agendapunt"),
            gettext("van"),
            gettext("naar"),
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                rows,
            ),
        )

    def _change_url(self, obj):
        return reverse("admin:council_minutes_change", args=[obj.pk])

    def step_view(self, request, object_id, step):
        """Confirm a step of the workflow (or fill in its form), then run its
        service; a refusal is shown as the service words it."""
        minutes = get_object_or_404(Minutes, pk=object_id)
        if not self.has_change_permission(request, minutes):
            raise PermissionDenied
        transition = next((t for t in MINUTES if t.slug == step), None)
        if transition is None:
            raise Http404
        form = transition.make_form(
            minutes, request.POST if request.method == "POST" else None
        )
        if request.method == "POST" and (form is None or form.is_valid()):
            data = dict(form.cleaned_data) if form is not None else {}
            if transition.name == "circulate":
                data["base_url"] = request.build_absolute_uri("/")
            try:
                MINUTES.perform(transition.name, minutes, actor=request.user, **data)
            except services.CouncilError as error:
                if form is None:
                    self.message_user(request, str(error), messages.ERROR)
                    return HttpResponseRedirect(self._change_url(minutes))
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    gettext("Gedaan: %(step)s.") % {"step": transition.label},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._change_url(minutes))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": minutes,
            "title": transition.label,
            "transition": transition,
            "form": form,
        }
        return TemplateResponse(
            request, "admin/council/minutes/step_confirm.html", context
        )

    @admin.action(description=_("Rondsturen aan de leden"))
    def circulate(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            services.minutes_circulate,
            gettext("%(count)s verslag(en) rondgestuurd."),
            base_url=request.build_absolute_uri("/"),
        )

    @admin.action(description=_("Goedkeuring registreren"))
    def approve(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            services.minutes_approve,
            gettext("%(count)s verslag(en) goedgekeurd."),
        )

    @admin.action(description=_("Publiceren"))
    def publish(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            services.minutes_publish,
            gettext("%(count)s verslag(en) gepubliceerd."),
        )


class MinutesVersionEntryInline(admin.StackedInline):
    model = MinutesVersionEntry
    extra = 0
    fields = ["position", "title", "is_public", "text"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MinutesVersion)
class MinutesVersionAdmin(admin.ModelAdmin):
    """Versions are frozen: they can be read, never changed or deleted."""

    list_display = ["__str__", "minutes", "kind", "created_at", "created_by"]
    list_filter = ["kind"]
    list_select_related = ["minutes__meeting__council", "created_by"]
    search_fields = ["reason", "entries__text"]
    date_hierarchy = "created_at"
    fields = ["minutes", "number", "kind", "reason", "created_at", "created_by"]
    readonly_fields = fields
    inlines = [MinutesVersionEntryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MinutesComment)
class MinutesCommentAdmin(admin.ModelAdmin):
    list_display = ["minutes", "author_name", "agenda_item", "created_at"]
    list_select_related = ["minutes__meeting__council", "agenda_item"]
    list_filter = ["minutes__meeting__council"]
    search_fields = ["text", "author_name"]
    date_hierarchy = "created_at"
    fields = [
        "minutes",
        "version",
        "agenda_item",
        "author",
        "author_name",
        "text",
        "created_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AdviceAdminForm(forms.ModelForm):
    """Validates with the services' own checks; AdviceAdmin.save_model then lets
    the services write (they check again under lock)."""

    class Meta:
        model = Advice
        fields = [*services.ADVICE_FIELDS, *services.FOLLOWUP_FIELDS]

    def clean(self):
        cleaned = super().clean()
        item = cleaned.get("agenda_item") or (
            self.instance.agenda_item if self.instance.pk else None
        )
        if item is None:
            return cleaned
        votes = {
            name: cleaned.get(name)
            for name in ("votes_for", "votes_against", "votes_abstain")
        }
        if cleaned.get("outcome") and None not in votes.values():
            self._check(
                services.advice_check,
                agenda_item=item,
                outcome=cleaned["outcome"],
                conflicted_members=cleaned.get("conflicted_members") or [],
                **votes,
            )
        if not {"followup_status", "followup_date"} & set(self.errors):
            self._check(
                services.advice_check_followup,
                agenda_item=item,
                status=cleaned.get("followup_status", ""),
                decided_on=cleaned.get("followup_date"),
            )
        return cleaned

    def _check(self, check, **kwargs):
        try:
            check(**kwargs)
        except services.CouncilError as error:
            add_domain_error(self, error)


@admin.register(Advice)
class AdviceAdmin(HistoryAdmin):
    form = AdviceAdminForm
    list_display = [
        "subject_text",
        "meeting_date",
        "outcome",
        "votes",
        "followup_status",
        "followup_date",
    ]
    list_filter = ["outcome", "followup_status", "agenda_item__meeting__council"]
    list_select_related = ["agenda_item__meeting__council"]
    search_fields = ["subject_text", "text", "motivation", "followup_note"]
    date_hierarchy = "agenda_item__meeting__planned_start"
    autocomplete_fields = ["agenda_item", "conflicted_members"]
    inlines = [AuditEntryInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "agenda_item",
                    "subject_text",
                    "text",
                    "motivation",
                    "outcome",
                    ("votes_for", "votes_against", "votes_abstain"),
                    "conflicted_members",
                ]
            },
        ),
        (
            _("Opvolging door het college"),
            {"fields": ["followup_status", "followup_date", "followup_note"]},
        ),
    ]

    @admin.display(
        description=_("vergadering"), ordering="agenda_item__meeting__planned_start"
    )
    def meeting_date(self, obj):
        return obj.meeting.day_label

    @admin.display(description=_("voor/tegen/onthouding"))
    def votes(self, obj):
        return f"{obj.votes_for}/{obj.votes_against}/{obj.votes_abstain}"

    def get_readonly_fields(self, request, obj=None):
        # An advice belongs to the agenda item it was given on.
        return ["agenda_item"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change or set(form.changed_data) & set(services.ADVICE_FIELDS):
            advice = services.advice_record(
                agenda_item=obj.agenda_item,
                subject_text=data["subject_text"],
                text=data["text"],
                motivation=data["motivation"],
                outcome=data["outcome"],
                votes_for=data["votes_for"],
                votes_against=data["votes_against"],
                votes_abstain=data["votes_abstain"],
                conflicted_members=data["conflicted_members"],
                actor=request.user,
            )
            obj.pk = advice.pk
        if set(form.changed_data) & set(services.FOLLOWUP_FIELDS):
            services.advice_record_followup(
                advice=obj,
                status=data["followup_status"],
                decided_on=data["followup_date"],
                note=data["followup_note"],
                actor=request.user,
            )
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        # The conflicted members were set by advice_record: no form.save_m2m().
        for formset in formsets:
            self.save_formset(request, form, formset, change)
