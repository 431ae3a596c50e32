"""Sending the mail django-post-office queued, with retries for at least 72 hours.

Design (why each mail is sent exactly once, however many workers run):

- Every mail is an ``Email`` row, written in the transaction that caused it (the
  ``post_office.EmailBackend``); a mail of a rolled-back change never exists.
- ``send_due_mail`` claims one due row at a time with ``SELECT … FOR UPDATE SKIP
  LOCKED``, hands it to the mail server and records the outcome in the same
  transaction. A second worker skips the locked row and takes the next one, so no
  row is sent twice; a worker that dies mid-send releases its lock and the row is
  taken again (at-least-once only if it died after the server accepted the mail).
- The retry state is post_office's own: ``number_of_retries`` and
  ``scheduled_time`` (one mechanism, no second counter in the job queue). A failed
  mail is tried again after 1, 2, 4, … minutes, then hourly, until its retries
  span ``RETRY_FOR`` (72 hours); then it stays ``failed`` ("given up"), listed in
  the admin, whose "requeue" action (``herentq.services.requeue_mail``) starts it over.

The job queue only decides *when* this runs (``herentq.tasks``): right after a mail
is queued, and every minute as a sweep for retries.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from post_office.connections import connections
from post_office.models import STATUS, Email

RETRY_FOR = dt.timedelta(hours=72)
LONGEST_WAIT = dt.timedelta(hours=1)
SENDING_LOCK = "herentq.send_queued_mail"


def retry_delay(failures: int) -> dt.timedelta:
    """The wait after the ``failures``-th failed attempt: 1, 2, 4 … 32 min, then 1 h."""
    return min(dt.timedelta(minutes=2 ** min(failures - 1, 6)), LONGEST_WAIT)


def gives_up_after(failures: int) -> bool:
    """Whether ``failures`` failed attempts already span RETRY_FOR since the first."""
    tried_for = sum((retry_delay(n) for n in range(1, failures)), dt.timedelta())
    return tried_for >= RETRY_FOR


def due_mail(now: dt.datetime):
    return Email.objects.filter(
        Q(scheduled_time__isnull=True) | Q(scheduled_time__lte=now),
        Q(expires_at__isnull=True) | Q(expires_at__gt=now),
        status=STATUS.queued,
    ).order_by("-priority", "id")


def send_due_mail(now: dt.datetime | None = None) -> int:
    """Send every mail that is due at ``now``; returns how many were attempted.

    ``now`` is the clock of the retry schedule (tests move it forward instead of
    waiting). Each mail is tried at most once per call: a failure is scheduled later.
    """
    attempted = 0
    try:
        while _send_next(now or timezone.now()):
            attempted += 1
    finally:
        connections.close()
    return attempted


def _send_next(now: dt.datetime) -> bool:
    with transaction.atomic():
        email = due_mail(now).select_for_update(skip_locked=True).first()
        if email is None:
            return False
        # One SMTP connection for the whole run, opened again after a failure.
        if email.dispatch(log_level=1, disconnect_after_delivery=False) == (
            STATUS.failed
        ):
            connections.close()
            _schedule_retry(email, now)
        return True


def _schedule_retry(email: Email, now: dt.datetime) -> None:
    failures = (email.number_of_retries or 0) + 1
    email.number_of_retries = failures
    retry_at = now + retry_delay(failures)
    expired = email.expires_at is not None and retry_at > email.expires_at
    if gives_up_after(failures) or expired:
        email.scheduled_time = None  # stays STATUS.failed: given up
    else:
        email.status = STATUS.queued
        email.scheduled_time = retry_at
    email.save(update_fields=["number_of_retries", "scheduled_time", "status"])


def wake_the_sender(**signal_kwargs) -> None:
    """On ``email_queued``: once the mail's transaction commits, defer a sending job,
    so mail leaves within seconds rather than at the next minute's sweep. Deferred on
    commit (a rolled-back mail needs no job) and robustly: a trigger lost to a
    database hiccup only delays the mail until the sweep."""
    transaction.on_commit(_defer_sending_job, robust=True)


def _defer_sending_job() -> None:
    from procrastinate.exceptions import AlreadyEnqueued

    from herentq.tasks import send_queued_mail

    # At most one sending job waits at a time (a queueing lock): it sends every mail
    # due when it starts, so a newsletter of 500 mails makes one or two jobs, not 500.
    # (A savepoint, for when this runs inside a transaction, as in tests: the refused
    # insert must not abort it.)
    try:
        with transaction.atomic():
            send_queued_mail.configure(queueing_lock=SENDING_LOCK).defer()
    except AlreadyEnqueued:
        pass
