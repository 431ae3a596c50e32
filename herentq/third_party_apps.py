"""The back office speaks Dutch also where other libraries name things.

allauth, django-post-office and procrastinate name their apps, models and fields
in English, and their Dutch catalogues (if any) have none of these words: these configs,
listed in INSTALLED_APPS instead of the libraries' own, give them the service's
words. Names are set on the models' options in `ready()`, the way Django reads
them everywhere (admin, permissions, messages); nothing in the database changes.
"""

from allauth.account.apps import AccountConfig
from allauth.mfa.apps import MFAConfig
from django.utils.translation import gettext_lazy as _
from post_office.apps import PostOfficeConfig
from procrastinate.contrib.django.apps import ProcrastinateConfig


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
        _name(
            EmailTemplate,
            _("e-mailsjabloon"),
            _("e-mailsjablonen"),
            {
                "name": _("naam"),
                "description": _("beschrijving"),
                "created": _("aangemaakt op"),
                "last_updated": _("laatst gewijzigd op"),
                "subject": _("onderwerp"),
                "content": _("inhoud"),
                "html_content": _("inhoud (HTML)"),
                "language": _("taal"),
                "default_template": _("standaardsjabloon"),
            },
        )
        _name(
            Attachment,
            _("bijlage"),
            _("bijlagen"),
            {
                "file": _("bestand"),
                "name": _("bestandsnaam"),
                "emails": _("e-mails"),
                "mimetype": _("MIME-type"),
                "headers": _("kopregels"),
            },
        )


class DutchProcrastinateConfig(ProcrastinateConfig):
    verbose_name = _("Achtergrondtaken")

    def ready(self):
        super().ready()
        from procrastinate.contrib.django.models import (
            ProcrastinateEvent,
            ProcrastinateJob,
            ProcrastinatePeriodicDefer,
            ProcrastinateWorker,
        )

        _name(
            ProcrastinateJob,
            _("achtergrondtaak"),
            _("achtergrondtaken"),
            {
                "queue_name": _("wachtrij"),
                "task_name": _("taak"),
                "priority": _("voorrang"),
                "lock": _("vergrendeling"),
                "args": _("argumenten"),
                "status": _("status"),
                "scheduled_at": _("gepland op"),
                "attempts": _("pogingen"),
                "queueing_lock": _("vergrendeling in de wachtrij"),
                "abort_requested": _("afbreken gevraagd"),
                "worker": _("verwerker"),
            },
        )
        _name(
            ProcrastinateEvent,
            _("gebeurtenis"),
            _("gebeurtenissen"),
            {"job": _("achtergrondtaak"), "type": _("soort"), "at": _("tijdstip")},
        )
        _name(ProcrastinateWorker, _("verwerker"), _("verwerkers"))
        _name(ProcrastinatePeriodicDefer, _("periodieke taak"), _("periodieke taken"))
