"""The background jobs, run by procrastinate's worker (`manage.py run_worker`).

Found by procrastinate's autodiscovery of ``tasks`` modules. Two kinds of job:

- ``send_queued_mail``: sends the mail that is due (herentq.mail_queue). Deferred
  when a mail is queued (herentq.apps) and run every minute as a sweep that picks up
  retries and anything a lost trigger missed.
- ``run_periodic_command``: one periodic job per ``(command, minutes)`` that an app
  declares in ``periodic_commands`` on its AppConfig. Procrastinate records each
  period's job in the database (unique per period), so however many workers run,
  each command runs once per period.

Jobs are not retried by the queue: the next period (or the mail sweep a minute later)
runs them again, and mail keeps its own retry schedule. One exception: a job whose
worker died in the middle of it (killed, its machine lost) would stay *doing* for
ever; ``retry_stalled_jobs`` queues it again once that worker's heartbeat has been
silent for ``STALLED_AFTER`` seconds.
"""

import datetime as dt
import functools

from django import db
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from herentq import mail_queue

MAIL_SWEEP_CRON = "* * * * *"
STALLED_SWEEP_CRON = "* * * * *"
# A worker's heartbeat comes every 10 seconds (procrastinate's default).
STALLED_AFTER = dt.timedelta(seconds=30)


def with_fresh_connection(function):
    """Jobs run in worker threads, outside any request: drop a connection that a
    database restart broke (CONN_HEALTH_CHECKS) before the job, as a request would.
    A job called inside a transaction (a test's) keeps the connection it runs in."""

    def close_old_connections():
        if not db.connection.in_atomic_block:
            db.close_old_connections()

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        close_old_connections()
        try:
            return function(*args, **kwargs)
        finally:
            close_old_connections()

    return wrapper


@app.periodic(cron=MAIL_SWEEP_CRON, periodic_id="mail-sweep")
@app.task(name="herentq.send_queued_mail")
@with_fresh_connection
def send_queued_mail(timestamp: int | None = None) -> int:
    return mail_queue.send_due_mail()


@app.periodic(cron=STALLED_SWEEP_CRON, periodic_id="retry-stalled-jobs")
@app.task(name="herentq.retry_stalled_jobs")
@with_fresh_connection
def retry_stalled_jobs(timestamp: int | None = None) -> int:
    """Queue again the jobs left *doing* by a worker that is gone: its row was
    removed (a worker prunes the silent ones) or its heartbeat is older than
    STALLED_AFTER. Returns how many."""
    now = timezone.now()
    stalled = ProcrastinateJob.objects.filter(status="doing").filter(
        Q(worker__isnull=True) | Q(worker__last_heartbeat__lt=now - STALLED_AFTER)
    )
    job_ids = list(stalled.values_list("id", flat=True))
    for job_id in job_ids:
        app.job_manager.retry_job_by_id(job_id, retry_at=now)
    return len(job_ids)


@app.task(name="herentq.run_periodic_command")
@with_fresh_connection
def run_periodic_command(timestamp: int, command: str) -> None:
    call_command(command, verbosity=0)


def cron_every(minutes: int) -> str:
    """A cron line for "every ``minutes``" (a divisor of an hour or of a day)."""
    if minutes < 60 and 60 % minutes == 0:
        return f"*/{minutes} * * * *"
    hours = minutes // 60
    if minutes % 60 == 0 and 24 % hours == 0:
        return "0 0 * * *" if hours == 24 else f"0 */{hours} * * *"
    raise ImproperlyConfigured(
        f"periodic_commands: {minutes} minutes divides neither an hour nor a day"
    )


def periodic_commands() -> list[tuple[str, int]]:
    return [
        (command, minutes)
        for config in apps.get_app_configs()
        for command, minutes in getattr(config, "periodic_commands", [])
    ]


for _command, _minutes in periodic_commands():
    app.periodic(
        cron=cron_every(_minutes),
        periodic_id=_command,
        task_kwargs={"command": _command},
    )(run_periodic_command)
