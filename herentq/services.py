"""Writes of the core that are not an app's: an account holder's mail preferences
and language, and given-up mail queued again."""

from django.db import transaction
from post_office.models import STATUS

from herentq import languages, mail_queue
from herentq.models import MailPreference


@transaction.atomic
def mail_preferences_save(
    *, user, reminders: bool, newsletters: bool
) -> MailPreference:
    choices = {"reminders": reminders, "newsletters": newsletters}
    preference, _created = MailPreference.objects.update_or_create(
        user=user,
        defaults=choices,
        create_defaults={**choices, "language": languages.current()},
    )
    return preference


@transaction.atomic
def account_language_save(*, user, language: str) -> MailPreference:
    """The language the portal writes to the account holder in: their mails, their
    documents and the links in them (set at sign-up, changed on "Mijn gegevens")."""
    if language not in dict(languages.LANGUAGE_CHOICES):
        raise ValueError(f"unknown language {language!r}")
    preference, _created = MailPreference.objects.update_or_create(
        user=user, defaults={"language": language}
    )
    return preference


@transaction.atomic
def account_forget(*, user) -> None:
    """Anonymise and close an account: no name, no address, no password, no
    second factor, no preferences; the row stays so records keep their shape."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    MailPreference.objects.filter(user=user).delete()
    user.username = f"verwijderd-{user.pk}"
    user.email = ""
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


@transaction.atomic
def requeue_mail(emails) -> int:
    """Queue given-up (or any) mail again with a fresh 72-hour retry schedule and wake
    the sender; returns how many were queued. Mail already sent is left alone."""
    count = emails.exclude(status=STATUS.sent).update(
        status=STATUS.queued, number_of_retries=0, scheduled_time=None
    )
    if count:
        mail_queue.wake_the_sender()
    return count
