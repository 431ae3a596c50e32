from django import forms
from django.contrib import admin, messages
from django.db.models import Count, OuterRef
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from herentq.admin import AuditEntryInline, HistoryAdmin, YearListFilter
from herentq.admin_translations import TranslatedAdmin, TranslatedTabularInline
from herentq.forms import add_domain_error
from herentq.languages import translation_columns
from learning_tracks import exports, mail, selectors, services
from learning_tracks.forms import ParticipantsMessageForm
from learning_tracks.models import (
    Attendance,
    Enrolment,
    Interest,
    Newsletter,
    NewsletterSubscriber,
    Session,
    Theme,
    Track,
    TrackResource,
    count_of,
)
from learning_tracks.tokens import Purpose
from learning_tracks.workflow import TRACKS


def _report(modeladmin, request, done: int, errors: list[str], message: str):
    if done:
        modeladmin.message_user(request, message % {"count": done}, messages.SUCCESS)
    for error in errors:
        modeladmin.message_user(request, error, messages.ERROR)


@admin.register(Theme)
class ThemeAdmin(TranslatedAdmin):
    # No domain rule: the ModelForm is the whole write.
    list_display = ["name", "position", "track_count", "subscriber_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                track_count=Count("tracks", distinct=True),
                subscriber_count=Count("subscribers", distinct=True),
            )
        )

    @admin.display(description=_("leertrajecten"), ordering="track_count")
    def track_count(self, obj):
        return obj.track_count

    @admin.display(description=_("abonnees"), ordering="subscriber_count")
    def subscriber_count(self, obj):
        return obj.subscriber_count


class SessionFormSet(forms.BaseInlineFormSet):
    """Sessions of a completed track stay as they were (the service's rule)."""

    def clean(self):
        super().clean()
        touched, removed = [], False
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if data.get("DELETE") and form.instance.pk:
                removed = True
            elif form.has_changed() and not data.get("DELETE"):
                touched.append(form)
        if not touched and not removed:
            return
        try:
            services.session_check_changeable(self.instance)
        except services.LearningTrackError as error:
            # A removed row's own errors would not count: the refusal is the formset's.
            raise forms.ValidationError(error.message) from error


def save_sessions(request, formset):
    for session in formset.save(commit=False):
        services.session_save(session=session, actor=request.user)
    for session in formset.deleted_objects:
        services.session_delete(session=session, actor=request.user)


class SessionInline(TranslatedTabularInline):
    model = Session
    formset = SessionFormSet
    extra = 0
    fields = ["topic", "starts_at", "ends_at", "location", "online_url", "is_cancelled"]
    show_change_link = True


class TrackResourceInline(admin.StackedInline):
    model = TrackResource
    extra = 0
    fields = [
        ("kind", "position", "is_published"),
        ("title", "slug"),
        "summary",
        "body",
        "document",
    ]
    prepopulated_fields = {"slug": ["title"]}


class TrackAdminForm(forms.ModelForm):
    class Meta:
        model = Track
        fields = ["capacity"]  # the admin's fieldsets add the others

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("capacity") is not None:
            try:
                services.track_check_capacity(
                    track=self.instance, capacity=cleaned["capacity"]
                )
            except services.LearningTrackError as error:
                add_domain_error(self, error)
        return cleaned


def _status_action(transition):
    """An admin action for a step of the track's workflow."""

    @admin.action(description=transition.label, permissions=["change"])
    def action(modeladmin, request, queryset):
        done, errors = 0, []
        for track in queryset:
            try:
                TRACKS.perform(transition.name, track, actor=request.user)
                done += 1
            except services.LearningTrackError as error:
                errors.append(f"{track.title}: {error.message}")
        _report(
            modeladmin,
            request,
            done,
            errors,
            str(_("%(count)s leertraject(en): ")) + TRACKS.label_of(transition.target),
        )

    action.__name__ = f"set_{transition.target}"
    return action


@admin.register(Track)
class TrackAdmin(TranslatedAdmin, HistoryAdmin):
    form = TrackAdminForm
    list_display = [
        "number",
        "title",
        "status",
        "capacity",
        "seats_taken",
        "seats_left_display",
        "waiting_display",
        "session_count",
    ]
    list_display_links = ["number", "title"]
    list_filter = ["status", "theme"]
    search_fields = ["title", "summary"]
    date_hierarchy = "enrolment_opens_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["theme", "sdgs"]
    readonly_fields = ["status", "seats_taken", "completed_at", "enrolments_link"]
    inlines = [SessionInline, TrackResourceInline, AuditEntryInline]
    actions = [*(_status_action(t) for t in TRACKS), "email_participants"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("number", "title"),
                    "slug",
                    "theme",
                    "summary",
                    ("status", "completed_at"),
                    "enrolments_link",
                ]
            },
        ),
        (
            _("Inhoud"),
            {
                "fields": [
                    "context",
                    "objectives",
                    "target_group",
                    "process",
                    "timing",
                    "sdgs",
                ]
            },
        ),
        (
            _("Organisatie"),
            {
                "fields": [
                    "partner_organisation",
                    "organiser",
                    ("contact_name", "contact_email"),
                ]
            },
        ),
        (
            _("Inschrijvingen"),
            {
                "fields": [
                    ("capacity", "seats_taken"),
                    ("enrolment_opens_at", "enrolment_closes_at"),
                    "municipality_cap",
                    "offer_hours",
                    "attendance_threshold",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("theme")
            .with_counts()
            .annotate(
                session_count=count_of(
                    Session.objects.filter(track=OuterRef("pk")), "track"
                )
            )
        )

    @admin.display(description=_("vrije plaatsen"))
    def seats_left_display(self, obj):
        return obj.seats_left

    @admin.display(description=_("wachtlijst"), ordering="waiting_count")
    def waiting_display(self, obj):
        return obj.waiting_count

    @admin.display(description=_("sessies"), ordering="session_count")
    def session_count(self, obj):
        return obj.session_count

    @admin.display(description=_("inschrijvingen"))
    def enrolments_link(self, obj):
        if not obj.pk:
            return "—"
        url = reverse("admin:learning_tracks_enrolment_changelist")
        return format_html(
            '<a href="{}?track__id__exact={}">{}</a>',
            url,
            obj.pk,
            _("Inschrijvingen van dit traject"),
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is Session:
            save_sessions(request, formset)
        else:
            # Resources: no domain rule, the ModelForm is the whole write.
            super().save_formset(request, form, formset, change)

    def save_model(self, request, obj, form, change):
        if not change:
            services.track_create(track=obj, actor=request.user)
            return
        offered = services.track_update(track=obj, actor=request.user)
        if offered:
            self.message_user(
                request,
                ngettext(
                    "%(count)d persoon van de wachtlijst kreeg een plaats aangeboden.",
                    "%(count)d personen van de wachtlijst kregen een plaats aangeboden.",
                    len(offered),
                )
                % {"count": len(offered)},
                messages.INFO,
            )

    @admin.action(
        description=_("E-mail sturen aan alle deelnemers"), permissions=["change"]
    )
    def email_participants(self, request, queryset):
        if "apply" in request.POST:
            form = ParticipantsMessageForm(request.POST)
            if form.is_valid():
                total = 0
                for track in queryset:
                    total += services.track_email_participants(
                        track=track,
                        subject=form.cleaned_data["subject"],
                        body=form.cleaned_data["body"],
                        include_waiting=form.cleaned_data["include_waiting"],
                        actor=request.user,
                    )
                self.message_user(
                    request,
                    ngettext(
                        "Het bericht is verstuurd naar %(count)d persoon.",
                        "Het bericht is verstuurd naar %(count)d personen.",
                        total,
                    )
                    % {"count": total},
                    messages.SUCCESS,
                )
                return None
        else:
            form = ParticipantsMessageForm()
        return TemplateResponse(
            request,
            "admin/learning_tracks/track/email_participants.html",
            {
                **self.admin_site.each_context(request),
                "title": _("E-mail aan de deelnemers"),
                "opts": self.model._meta,
                "tracks": queryset,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


class SessionAdminForm(forms.ModelForm):
    present = forms.ModelMultipleChoiceField(
        label=_("Aanwezig"),
        queryset=Enrolment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vink aan wie op deze sessie aanwezig was."),
    )

    class Meta:
        model = Session
        fields = ["track", "topic"]  # the admin's fields add the others

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[
                "present"
            ].queryset = self.instance.track.enrolments.confirmed().order_by("name")
            self.fields["present"].initial = list(
                self.instance.attendances.values_list("enrolment_id", flat=True)
            )
        else:
            del self.fields["present"]

    def clean(self):
        cleaned = super().clean()
        if not (set(self.changed_data) - {"present"}) or not cleaned.get("track"):
            return cleaned
        try:
            if self.instance.pk:
                services.session_check_changeable(
                    Track.objects.get(pk=self.instance.track_id)
                )
            services.session_check_changeable(cleaned["track"])
        except services.LearningTrackError as error:
            add_domain_error(self, error)
        return cleaned


@admin.register(Session)
class SessionAdmin(TranslatedAdmin, HistoryAdmin):
    form = SessionAdminForm
    list_display = [
        "topic",
        "track",
        "starts_at",
        "ends_at",
        "where_display",
        "is_cancelled",
        "attendance_count",
    ]
    list_filter = ["track", "is_cancelled"]
    search_fields = ["topic", "description", "location"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["track"]
    list_select_related = ["track"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                attendance_count=count_of(
                    Attendance.objects.filter(session=OuterRef("pk")), "session"
                )
            )
        )

    def get_fields(self, request, obj=None):
        fields = [
            "track",
            "topic",
            "description",
            ("starts_at", "ends_at"),
            "location",
            "online_url",
            "is_cancelled",
        ]
        return [*fields, "present"] if obj else fields

    @admin.display(description=_("waar"))
    def where_display(self, obj):
        return obj.where

    @admin.display(description=_("aanwezigen"), ordering="attendance_count")
    def attendance_count(self, obj):
        return obj.attendance_count

    def save_model(self, request, obj, form, change):
        if set(form.changed_data) - {"present"} or not change:
            services.session_save(session=obj, actor=request.user)

    def delete_model(self, request, obj):
        services.session_delete(session=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for session in queryset:
            try:
                services.session_delete(session=session, actor=request.user)
            except services.LearningTrackError as error:
                self.message_user(
                    request, f"{session}: {error.message}", messages.ERROR
                )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "present" in form.cleaned_data:
            services.session_record_attendance(
                session=form.instance,
                enrolments=form.cleaned_data["present"],
                actor=request.user,
            )


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    can_delete = False
    fields = ["session", "recorded_at", "recorded_by"]
    readonly_fields = fields
    verbose_name_plural = _("aanwezig op")

    def has_add_permission(self, request, obj=None):
        return False


def _enrolment_action(service, success, description):
    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        done, errors = 0, []
        for enrolment in queryset.select_related("track"):
            try:
                service(enrolment=enrolment, actor=request.user)
                done += 1
            except services.LearningTrackError as error:
                errors.append(f"{enrolment}: {error.message}")
        _report(modeladmin, request, done, errors, str(success))

    action.__name__ = service.__name__
    return action


class TrackFilter(admin.RelatedFieldListFilter):
    """Every track, named as `Track.__str__` does, from its number and title
    alone (not the whole texts of hundreds of tracks on every visit)."""

    def field_choices(self, field, request, model_admin):
        tracks = Track.objects.order_by("number").values_list("pk", "number", "title")
        return [(pk, f"{number}. {title}") for pk, number, title in tracks]


class EnrolmentYearFilter(YearListFilter):
    title = _("jaar van inschrijving")
    field_name = "created_at"


class EnrolmentAdminForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = ["organisation"]  # the admin's fields add the others

    def clean(self):
        cleaned = super().clean()
        if "organisation" in self.changed_data and cleaned.get("organisation"):
            try:
                services.enrolment_check_organisation(
                    enrolment=self.instance, organisation=cleaned["organisation"]
                )
            except services.LearningTrackError as error:
                add_domain_error(self, error)
        return cleaned


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    form = EnrolmentAdminForm
    list_display = [
        "name_display",
        "email",
        "track",
        "status",
        "position_display",
        "organisation",
        "role",
        "attended_display",
        "created_at",
    ]
    list_filter = [("track", TrackFilter), "status", "role", EnrolmentYearFilter]
    search_fields = ["name", "email", "organisation"]
    list_select_related = ["track"]
    # Rows are most of a changelist's cost: 50 a page, and a filtered list says
    # how many match without counting every enrolment again.
    list_per_page = 50
    show_full_result_count = False
    fields = [
        ("track", "status"),
        "name",
        "email",
        "organisation",
        "role",
        "needs",
        ("created_at", "email_confirmed_at", "consented_at"),
        ("waitlisted_at", "position_display"),
        ("offer_expires_at", "cancelled_at", "anonymised_at"),
        "attendance_display",
        "certificate_link",
    ]
    # The address is where the signed links went; a person who wants another one
    # cancels and enrols again.
    readonly_fields = [
        "track",
        "status",
        "email",
        "created_at",
        "email_confirmed_at",
        "consented_at",
        "waitlisted_at",
        "position_display",
        "offer_expires_at",
        "cancelled_at",
        "anonymised_at",
        "attendance_display",
        "certificate_link",
    ]
    inlines = [AttendanceInline, AuditEntryInline]
    actions = [
        "export_csv",
        "export_xlsx",
        _enrolment_action(
            services.enrolment_move_to_confirmed,
            _("%(count)s inschrijving(en) bevestigd."),
            _("Bevestigen (maakt zo nodig een plaats bij)"),
        ),
        _enrolment_action(
            services.enrolment_move_to_waiting,
            _("%(count)s inschrijving(en) naar de wachtlijst verplaatst."),
            _("Naar de wachtlijst verplaatsen"),
        ),
        _enrolment_action(
            services.enrolment_cancel,
            _("%(count)s inschrijving(en) geannuleerd."),
            _("Annuleren"),
        ),
        _enrolment_action(
            services.certificate_resend,
            _("Attest opnieuw verstuurd naar %(count)s deelnemer(s)."),
            _("Attest opnieuw versturen"),
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_waiting_position().with_attendance()

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Seats are counted: cancel instead; personal data goes by anonymisation.
        return False

    def save_model(self, request, obj, form, change):
        services.enrolment_update(enrolment=obj, actor=request.user)

    @admin.display(description=_("naam"), ordering="name")
    def name_display(self, obj):
        return obj.name or _("(geanonimiseerd)")

    @admin.display(
        description=_("plaats op de wachtlijst"), ordering="waiting_position"
    )
    def position_display(self, obj):
        return obj.waiting_position or "—"

    @admin.display(description=_("aanwezig"), ordering="attended_count")
    def attended_display(self, obj):
        return obj.attended_count

    @admin.display(description=_("aanwezigheid"))
    def attendance_display(self, obj):
        certificate = selectors.certificate_for(obj)
        return _("%(attended)s van %(total)s sessies (%(percentage)s %%)") % {
            "attended": certificate.attended,
            "total": certificate.total,
            "percentage": certificate.percentage,
        }

    @admin.display(description=_("attest"))
    def certificate_link(self, obj):
        if not selectors.certificate_available(obj):
            return _("Niet beschikbaar (traject niet afgerond of drempel niet gehaald)")
        url = mail.signed_url("certificate", Purpose.CERTIFICATE, str(obj.public_id))
        return format_html('<a href="{}">{}</a>', url, _("Attest downloaden"))

    @admin.action(description=_("Exporteren als CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return exports.enrolments_csv(queryset)

    @admin.action(description=_("Exporteren als Excel (XLSX)"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return exports.enrolments_xlsx(queryset)


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["email", "track", "created_at", "notified_at"]
    list_filter = ["track", ("notified_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    list_select_related = ["track"]
    readonly_fields = ["track", "email", "created_at", "notified_at"]

    def has_add_permission(self, request):
        return False


@admin.register(TrackResource)
class TrackResourceAdmin(HistoryAdmin):
    # No domain rule: the ModelForm is the whole write.
    list_display = ["title", "track", "kind", "is_published", "has_document"]
    list_filter = ["kind", "is_published", "track"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["track"]
    list_select_related = ["track"]
    prepopulated_fields = {"slug": ["title"]}

    @admin.display(boolean=True, description=_("document"))
    def has_document(self, obj):
        return bool(obj.document)


@admin.register(NewsletterSubscriber)
class NewsletterSubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "theme_list", "confirmed_at"]
    list_filter = ["themes"]
    search_fields = ["email"]
    date_hierarchy = "confirmed_at"
    readonly_fields = ["email", "confirmed_at"]
    filter_horizontal = ["themes"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        pass  # only the themes can change: `save_related` hands them to the service

    def save_related(self, request, form, formsets, change):
        services.newsletter_subscriber_set_themes(
            subscriber=form.instance,
            themes=form.cleaned_data["themes"],
            actor=request.user,
        )

    def delete_model(self, request, obj):
        services.newsletter_unsubscribe(subscriber=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for subscriber in queryset:
            services.newsletter_unsubscribe(subscriber=subscriber, actor=request.user)

    @admin.display(description=_("thema's"))
    def theme_list(self, obj):
        return ", ".join(theme.name for theme in obj.themes.all())


@admin.register(Newsletter)
class NewsletterAdmin(TranslatedAdmin):
    # No domain rule: the ModelForm is the whole write.
    list_display = ["subject", "theme_list", "sent_at", "recipient_count"]
    list_filter = ["themes", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject", "body"]
    date_hierarchy = "created_at"
    filter_horizontal = ["themes"]
    readonly_fields = ["sent_at", "sent_by", "recipient_count"]
    inlines = [AuditEntryInline]
    actions = ["send"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.sent_at:
            texts = translation_columns("subject", "body")
            return [*texts, "themes", *self.readonly_fields]
        return self.readonly_fields

    @admin.display(description=_("thema's"))
    def theme_list(self, obj):
        return ", ".join(theme.name for theme in obj.themes.all())

    @admin.action(description=_("Versturen naar de abonnees"), permissions=["change"])
    def send(self, request, queryset):
        done, errors = 0, []
        for newsletter in queryset:
            try:
                services.newsletter_send(newsletter=newsletter, actor=request.user)
                done += 1
            except services.LearningTrackError as error:
                errors.append(f"{newsletter}: {error.message}")
        _report(
            self,
            request,
            done,
            errors,
            str(_("%(count)s nieuwsbrief/-brieven verstuurd.")),
        )
