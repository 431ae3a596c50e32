"""django-post-office's mail list, with the mail the worker gave up on and a requeue
action that starts it over (herentq.mail_queue explains the retry schedule)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from post_office.admin import AttachmentAdmin, EmailAdmin, LogAdmin
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


class DutchHelpTexts:
    """The library's help texts in Dutch, set on the admin's form fields (on the
    models they would ask for a migration of the library)."""

    help_texts: dict = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in self.help_texts:
            field.help_text = self.help_texts[db_field.name]
        return field


class MailQueueAdmin(DutchHelpTexts, EmailAdmin):
    list_display = [*EmailAdmin.list_display, "number_of_retries"]
    list_filter = [DeliveryFilter, *EmailAdmin.list_filter]
    actions = ["requeue"]
    help_texts = {
        "scheduled_time": _("Wanneer de e-mail op zijn vroegst vertrekt."),
        "expires_at": _("Na dit tijdstip wordt de e-mail niet meer verstuurd."),
    }

    # The library's columns and read-only fields, named in Dutch (post_office has
    # no Dutch catalogue).
    @admin.display(description=_("aan"), ordering="to")
    def to_display(self, instance):
        return super().to_display(instance)

    @admin.display(description=_("bericht-ID"))
    def truncated_message_id(self, instance):
        return super().truncated_message_id(instance)

    @admin.display(description=_("onderwerp"), ordering="subject")
    def shortened_subject(self, instance):
        return super().shortened_subject(instance)

    @admin.display(description=_("met sjabloon"), boolean=True)
    def use_template(self, instance):
        return super().use_template(instance)

    @admin.display(description=_("onderwerp"))
    def render_subject(self, instance):
        return super().render_subject(instance)

    @admin.display(description=_("tekst"))
    def render_plaintext_body(self, instance):
        return super().render_plaintext_body(instance)

    @admin.display(description=_("tekst (HTML)"))
    def render_html_body(self, instance):
        return super().render_html_body(instance)

    def get_fieldsets(self, request, obj=None):
        titles = {
            "HTML Email": _("E-mail in HTML"),
            "Text Email": _("E-mail als tekst"),
        }
        return [
            (titles.get(str(title), title), options)
            for title, options in super().get_fieldsets(request, obj)
        ]

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


class MailLogAdmin(LogAdmin):
    list_display = ["date", "email", "status", "message_preview"]

    @admin.display(description=_("melding"))
    def message_preview(self, instance):
        message = instance.message
        return f"{message[:25]}…" if len(message) > 25 else message


class MailAttachmentAdmin(DutchHelpTexts, AttachmentAdmin):
    help_texts = {"name": _("De oorspronkelijke bestandsnaam.")}
