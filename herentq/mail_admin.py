"""django-post-office's mail list, with the mail the worker gave up on and a requeue
action that starts it over (herentq.mail_queue explains the retry schedule)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from post_office.admin import EmailAdmin
from post_office.models import STATUS

from herentq import services


class DeliveryFilter(admin.SimpleListFilter):
    title = _("bezorging")
    parameter_name = "bezorging"

    def lookups(self, request, model_admin):
        return [
            ("wachtend", _("Wacht op verzending")),
            ("opgegeven", _("Opgegeven na 72 uur")),
            ("opnieuw", _("Mislukt, wordt opnieuw geprobeerd")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "wachtend":
            return queryset.filter(status__in=[STATUS.queued, STATUS.requeued])
        if self.value() == "opgegeven":
            return queryset.filter(status=STATUS.failed)
        if self.value() == "opnieuw":
            return queryset.filter(status=STATUS.queued, number_of_retries__gt=0)
        return queryset


class MailQueueAdmin(EmailAdmin):
    list_display = [*EmailAdmin.list_display, "number_of_retries"]
    list_filter = [DeliveryFilter, *EmailAdmin.list_filter]
    actions = ["requeue"]

    @admin.action(description=_("Opnieuw versturen"))
    def requeue(self, request, queryset):
        count = services.requeue_mail(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail staat opnieuw in de wachtrij.",
                "%(count)d e-mails staan opnieuw in de wachtrij.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
