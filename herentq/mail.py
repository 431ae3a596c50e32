"""Mail of every app: optional kinds an account holder may turn off, reminders sent
once, and the preferences link at the foot of every mail.

`EmailBackend` is the project's EMAIL_BACKEND: django-post-office's, which queues
the message in the database within the caller's transaction, after adding the
footer — so no template has to remember the link.
"""

import enum

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext as _
from post_office.backends import EmailBackend as PostOfficeBackend

from herentq.models import MailPreference, SentReminder


class Optional(enum.StrEnum):
    """Mails an account holder may refuse (herentq.models.MailPreference)."""

    REMINDERS = "reminders"
    NEWSLETTERS = "newsletters"


def preferences_url() -> str:
    return settings.HERENTQ_BASE_URL.rstrip("/") + reverse("mail_preferences")


def footer() -> str:
    return "\n\n-- \n" + _(
        "Welke e-mails u van HerentQ krijgt, kiest u hier: %(url)s"
    ) % {"url": preferences_url()}


class EmailBackend(PostOfficeBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            if not getattr(message, "_herentq_footer", False):
                message.body = (message.body or "").rstrip("\n") + footer() + "\n"
                message._herentq_footer = True
        return super().send_messages(email_messages)


def wants(email: str, kind: Optional) -> bool:
    """False when an account with this address turned the kind of mail off."""
    refused = MailPreference.objects.filter(
        user__in=get_user_model().objects.filter(email__iexact=email),
        **{kind.value: False},
    )
    return not refused.exists()


def refusing(kind: Optional) -> set[str]:
    """The addresses (lower case) of accounts that turned this kind of mail off."""
    return {
        email.lower()
        for email in MailPreference.objects.filter(**{kind.value: False}).values_list(
            "user__email", flat=True
        )
    }


def _account_languages(emails) -> dict[str, str]:
    """address (lower case) → the language of the active account with it."""
    addresses = {email.lower() for email in emails if email}
    if not addresses:
        return {}
    return dict(
        MailPreference.objects.filter(user__is_active=True)
        .annotate(address=Lower("user__email"))
        .filter(address__in=addresses)
        .order_by("user_id")
        .values_list("address", "language")
    )


def language_of(email: str, *, default: str) -> str:
    """The language to write to this address in: its account's, else `default`
    (the language of the enrolment, file or page the mail is about)."""
    return _account_languages([email]).get(email.lower(), default)


def account_language(user, *, default: str) -> str:
    """The language an account holder chose (or signed up in), else `default`."""
    stored = MailPreference.objects.filter(user=user).values_list("language", flat=True)
    return stored.first() or default


def by_language(emails, *, default: str) -> dict[str, list[str]]:
    """The addresses grouped by the language to write to each in (language_of)."""
    known = _account_languages(emails)
    groups: dict[str, list[str]] = {}
    for email in emails:
        groups.setdefault(known.get(email.lower(), default), []).append(email)
    return groups


def send_once(*, kind: str, key: str | int, recipient: str, send) -> bool:
    """Call `send()` unless this reminder went out before; the record of the
    reminder and the queued mail commit together (or neither does)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                SentReminder.objects.create(
                    kind=kind, key=str(key), recipient=recipient
                )
        except IntegrityError:
            return False  # sent before (or by a job running at the same moment)
        send()
    return True


def send_reminder(*, kind: str, key: str | int, recipient: str, send) -> bool:
    """An optional reminder: sent once, and only if the recipient wants reminders."""
    if not wants(recipient, Optional.REMINDERS):
        return False
    return send_once(kind=kind, key=key, recipient=recipient, send=send)
