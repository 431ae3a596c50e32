"""Writes of the core that are not an app's: an account holder's mail preferences."""

from django.db import transaction

from herentq.models import MailPreference


@transaction.atomic
def mail_preferences_save(
    *, user, reminders: bool, newsletters: bool
) -> MailPreference:
    preference, _created = MailPreference.objects.update_or_create(
        user=user, defaults={"reminders": reminders, "newsletters": newsletters}
    )
    return preference
