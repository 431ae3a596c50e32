"""procrastinate's job list in the back office's words: its columns and actions
are plain English strings in the library, so they are named again here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from procrastinate.contrib.django.admin import ProcrastinateJobAdmin
from procrastinate.contrib.django.models import ProcrastinateEvent, ProcrastinateJob

STATUS_LABELS = {
    "todo": _("Te doen"),
    "doing": _("Bezig"),
    "succeeded": _("Gelukt"),
    "failed": _("Mislukt"),
    "cancelled": _("Geannuleerd"),
    "aborting": _("Wordt afgebroken"),
    "aborted": _("Afgebroken"),
}


class JobStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(value, STATUS_LABELS[value]) for value in ProcrastinateJob.STATUSES]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(status=self.value())
        return queryset


class JobEventInline(admin.TabularInline):
    """The job's events, newest first, in a table (the library's stacked inline
    titles each one in English and in UTC)."""

    model = ProcrastinateEvent
    fields = ["type", "at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class JobAdmin(ProcrastinateJobAdmin):
    inlines = [JobEventInline]
    list_filter = [
        JobStatusFilter,
        *(name for name in ProcrastinateJobAdmin.list_filter if name != "status"),
    ]

    @admin.display(description=_("status"))
    def pretty_status(self, instance):
        return STATUS_LABELS.get(instance.status, instance.status)

    @admin.display(description=_("taak"))
    def short_task_name(self, instance):
        return super().short_task_name(instance)

    @admin.display(description=_("argumenten"))
    def pretty_args(self, instance):
        return super().pretty_args(instance)

    @admin.display(description=_("verloop"))
    def summary(self, instance):
        return super().summary(instance)

    def get_actions(self, request):
        actions = super().get_actions(request)
        labels = {
            "retry": _("Opnieuw proberen"),
            "cancel": _("Annuleren (alleen taken die nog te doen zijn)"),
            "abort": _("Afbreken (taken die te doen of bezig zijn)"),
        }
        return {
            name: (function, name, labels.get(name, description))
            for name, (function, name, description) in actions.items()
        }
