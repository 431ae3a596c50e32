"""E-mails of the subsidies app: queued in the database inside the caller's transaction.

One mail per event, never with the content of a message or a document: the mail
says what happened and links to the file, where the reader signs in.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from herentq import mail
from herentq.models import ServiceContact


def site_url() -> str:
    """The portal's address for links in e-mails (setting HERENTQ_BASE_URL)."""
    return settings.HERENTQ_BASE_URL.rstrip("/")


def applicant_recipients(application) -> list[str]:
    """Every member of the organisation, plus the file's contact person."""
    emails = {
        email.lower()
        for email in application.organisation.members.exclude(email="").values_list(
            "email", flat=True
        )
    }
    if application.contact_email:
        emails.add(application.contact_email.lower())
    return sorted(emails)


def service_recipients() -> list[str]:
    contact = ServiceContact.objects.first()
    return [contact.email] if contact else []


def _send(
    *,
    subject,
    template: str,
    context: dict,
    recipients: list[str],
    language: str | None = None,
    params: dict | None = None,
):
    """Subject, body and links in `language` (Dutch when not given).

    `subject` is a Dutch source string (gettext_noop) or a lazy translation,
    translated here and then filled in with `params`.
    """
    if not recipients:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        text = _(str(subject))
        if params:
            text %= {
                key: value() if callable(value) else value
                for key, value in params.items()
            }
        body = render_to_string(
            f"subsidies/email/{template}.txt", {"site_url": site_url(), **context}
        )
        send_mail(text, body, None, recipients)


def notify_applicant(
    application, *, subject: str, params: dict, template: str = "status", **context
):
    """To the applicants, each in their account's language (the file's language
    for an address without an account)."""
    groups = mail.by_language(
        applicant_recipients(application), default=application.language
    )
    for language, recipients in groups.items():
        _send(
            language=language,
            subject=subject,
            params=params,
            template=template,
            context={"application": application, **context},
            recipients=recipients,
        )


def notify_service(
    application, *, subject: str, params: dict, template: str, **context
):
    """To the service, in Dutch."""
    _send(
        language=settings.LANGUAGE_CODE,
        subject=subject,
        params=params,
        template=template,
        context={"application": application, **context},
        recipients=service_recipients(),
    )


def notify_status(application, *, note: str = ""):
    """The applicant's plain-language status changed."""
    notify_applicant(
        application,
        subject=gettext_noop("Dossier %(reference)s: %(status)s"),
        # The status label in the mail's language.
        params={
            "reference": application.reference,
            "status": lambda: str(application.applicant_status),
        },
        note=note,
    )


def notify_invitation(invitation):
    # In the invitee's account's language, else the one of the member who invites.
    _send(
        language=mail.language_of(
            invitation.email,
            default=translation.get_language() or settings.LANGUAGE_CODE,
        ),
        subject=gettext_noop("Uitnodiging om mee te werken voor %(organisation)s"),
        params={"organisation": invitation.organisation.name},
        template="invitation",
        context={"invitation": invitation},
        recipients=[invitation.email],
    )


def send_one(
    *,
    subject,
    template: str,
    context: dict,
    recipient: str,
    language: str | None = None,
    params: dict | None = None,
):
    """One mail to one address (a reminder: herentq.mail sends it once), in
    `language` (the applicant's: herentq.mail.language_of; Dutch for the service)."""
    _send(
        subject=subject,
        template=template,
        context=context,
        recipients=[recipient],
        language=language,
        params=params,
    )
