"""Writes of the shared core that are not an app's own."""

from django.db import transaction
from post_office.models import STATUS

from herentq import mail_queue


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
