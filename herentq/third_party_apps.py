"""The back office speaks Dutch also where other libraries name things.

allauth and django-post-office name their apps, models and (post-office) fields
in English, and allauth's Dutch catalogue has none of these words: these configs,
listed in INSTALLED_APPS instead of the libraries' own, give them the service's
words. Names are set on the models' options in `ready()`, the way Django reads
them everywhere (admin, permissions, messages); nothing in the database changes.
"""

from allauth.account.apps import AccountConfig
from allauth.mfa.apps import MFAConfig
from django.utils.translation import gettext_lazy as _
from post_office.apps import PostOfficeConfig


def _name(model, singular, plural, fields=None):
    model._meta.verbose_name = singular
    model._meta.verbose_name_plural = plural
    for field_name, label in (fields or {}).items():
        model._meta.get_field(field_name).verbose_name = label


class DutchAccountConfig(AccountConfig):
    verbose_name = _("Accounts en e-mailadressen")

    def ready(self):
        super().ready()
        from allauth.account.models import EmailAddress, EmailConfirmation

        _name(
            EmailAddress,
            _("e-mailadres"),
            _("e-mailadressen"),
            {
                "user": _("gebruiker"),
                "email": _("e-mailadres"),
                "verified": _("bevestigd"),
                "primary": _("hoofdadres"),
            },
        )
        _name(EmailConfirmation, _("e-mailbevestiging"), _("e-mailbevestigingen"))


class DutchMFAConfig(MFAConfig):
    verbose_name = _("Tweestapsverificatie")

    def ready(self):
        super().ready()
        from allauth.mfa.models import Authenticator

        _name(
            Authenticator,
            _("tweede factor"),
            _("tweede factoren"),
            {
                "user": _("gebruiker"),
                "type": _("soort"),
                "created_at": _("aangemaakt op"),
                "last_used_at": _("laatst gebruikt op"),
            },
        )


class DutchPostOfficeConfig(PostOfficeConfig):
    verbose_name = _("Uitgaande e-mail")

    def ready(self):
        super().ready()
        from post_office.models import Attachment, Email, EmailTemplate, Log

        _name(
            Email,
            _("e-mail"),
            _("e-mails"),
            {
                "from_email": _("afzender"),
                "to": _("aan"),
                "subject": _("onderwerp"),
                "message": _("bericht"),
                "html_message": _("bericht (HTML)"),
                "status": _("status"),
                "priority": _("prioriteit"),
                "created": _("aangemaakt op"),
                "last_updated": _("laatst gewijzigd op"),
                "scheduled_time": _("verzenden op"),
                "expires_at": _("vervalt op"),
                "number_of_retries": _("aantal pogingen"),
                "template": _("sjabloon"),
            },
        )
        _name(
            Log,
            _("verzendpoging"),
            _("verzendlogboek"),
            {
                "email": _("e-mail"),
                "date": _("tijdstip"),
                "status": _("status"),
                "exception_type": _("soort fout"),
                "message": _("melding"),
            },
        )
        _name(EmailTemplate, _("e-mailsjabloon"), _("e-mailsjablonen"))
        _name(Attachment, _("bijlage"), _("bijlagen"))
