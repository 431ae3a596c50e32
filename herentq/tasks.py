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
runs them again, and mail keeps its own retry schedule.
"""

import functools

from django import db
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from procrastinate.contrib.django import app

from herentq import mail_queue

MAIL_SWEEP_CRON = "* * * * *"


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
