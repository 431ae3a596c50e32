import time

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from post_office.mail import send_queued


class Command(BaseCommand):
    """Sends queued mail and runs every app's periodic commands.

    Mail queued by django-post-office is sent on every loop; a failed message stays
    queued and is retried (POST_OFFICE["MAX_RETRIES"]), so nothing is lost while the
    mail server is down. Each app lists ``periodic_commands`` on its AppConfig as
    ``(command, minutes)``; those commands are idempotent. Run one worker.
    """

    help = "Run the background worker: queued mail and periodic commands."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=5.0)
        parser.add_argument("--once", action="store_true", help="one loop, then stop")

    def handle(self, *args, interval, once, **options):
        schedule = [
            (command, minutes)
            for config in apps.get_app_configs()
            for command, minutes in getattr(config, "periodic_commands", [])
        ]
        last_run: dict[str, float] = {}
        while True:
            send_queued(processes=1, log_level=1)
            now = time.monotonic()
            for command, minutes in schedule:
                if now - last_run.get(command, float("-inf")) >= minutes * 60:
                    try:
                        call_command(command, verbosity=0)
                    except Exception as error:  # keep the worker alive; log it
                        self.stderr.write(f"{command} failed: {error!r}")
                    last_run[command] = now
            if once:
                return
            # Between loops, drop connections the database or CONN_MAX_AGE ended.
            close_old_connections()
            time.sleep(interval)
