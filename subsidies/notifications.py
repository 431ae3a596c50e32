"""E-mails of the subsidies app: queued in the database inside the caller's transaction.

One mail per event, never with the content of a message or a document: the mail
says what happened and links to the file, where the reader signs in.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

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


def _send(*, subject: str, template: str, context: dict, recipients: list[str]):
    if not recipients:
        return
    body = render_to_string(
        f"subsidies/email/{template}.txt", {"site_url": site_url(), **context}
    )
    send_mail(subject, body, None, recipients)


def notify_applicant(application, *, subject: str, template: str = "status", **context):
    _send(
        subject=subject,
        template=template,
        context={"application": application, **context},
        recipients=applicant_recipients(application),
    )


def notify_service(application, *, subject: str, template: str, **context):
    _send(
        subject=subject,
        template=template,
        context={"application": application, **context},
        recipients=service_recipients(),
    )


def notify_status(application, *, note: str = ""):
    """The applicant's plain-language status changed."""
    notify_applicant(
        application,
        subject=_("Dossier %(reference)s: %(status)s")
        % {"reference": application.reference, "status": application.applicant_status},
        note=note,
    )


def notify_invitation(invitation):
    _send(
        subject=_("Uitnodiging om mee te werken voor %(organisation)s")
        % {"organisation": invitation.organisation.name},
        template="invitation",
        context={"invitation": invitation},
        recipients=[invitation.email],
    )


def send_one(*, subject: str, template: str, context: dict, recipient: str):
    """One mail to one address (a reminder: herentq.mail sends it once)."""
    _send(subject=subject, template=template, context=context, recipients=[recipient])
