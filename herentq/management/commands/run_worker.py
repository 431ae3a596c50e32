import asyncio
import logging
import signal
import time

from django.core.management.base import BaseCommand
from procrastinate.contrib.django import app

logger = logging.getLogger("herentq.worker")

FIRST_PAUSE = 1.0
LONGEST_PAUSE = 30.0
# A worker that ran this long before it stopped was healthy: start over from FIRST_PAUSE.
HEALTHY_RUN = 60.0


class Command(BaseCommand):
    """The one command that starts a queue worker (procrastinate): queued mail and
    every app's periodic commands (herentq/tasks.py). Start as many as you like.

    Procrastinate's worker stops when it loses its database connection (its LISTEN
    connection fails during a PostgreSQL restart). This command is the supervisor
    that starts it again, waiting 1, 2, 4 … 30 s between tries, so an outage is
    survived without an outside process manager. Only SIGINT/SIGTERM stop it for good
    (the worker finishes its current job first).
    """

    help = "Run a background worker: queued mail and periodic commands."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="run the jobs that are due, then stop (no supervisor)",
        )
        parser.add_argument(
            "--polling-interval",
            type=float,
            default=5.0,
            help="seconds between polls when no notification arrives",
        )
        parser.add_argument("--name", default=None, help="the worker's name in logs")

    def handle(self, *args, once, polling_interval, name, **options):
        self.stop_requested = False
        self.worker = None  # the running worker's asyncio task and loop
        for signum in (signal.SIGINT, signal.SIGTERM):
            # Also while the supervisor waits or a worker starts: never killed mid-way.
            signal.signal(signum, self.request_stop)
        worker_options = {
            "wait": not once,
            "name": name,
            "fetch_job_polling_interval": polling_interval,
            "abort_job_polling_interval": polling_interval,
            # Ours (request_stop) tell a stop from a worker that lost its database.
            "install_signal_handlers": False,
        }
        pause = FIRST_PAUSE
        while not self.stop_requested:
            started = time.monotonic()
            try:
                self.run_worker(worker_options)
                if once or self.stop_requested:
                    return
                logger.warning("The worker stopped; starting it again in %ss", pause)
            except Exception:
                if once:
                    raise
                logger.exception("The worker failed; starting it again in %ss", pause)
            if time.monotonic() - started > HEALTHY_RUN:
                pause = FIRST_PAUSE
            self.pause(pause)
            pause = min(pause * 2, LONGEST_PAUSE)

    def pause(self, seconds):
        """Wait before the next start, in short steps so that a stop is prompt."""
        until = time.monotonic() + seconds
        while not self.stop_requested and time.monotonic() < until:
            time.sleep(0.1)

    def run_worker(self, worker_options):
        # A connector of its own (a psycopg pool with LISTEN/NOTIFY) for each start;
        # the Django connector serves the web processes.
        with app.replace_connector(app.connector.get_worker_connector()) as worker_app:
            asyncio.run(self.run_async(worker_app, worker_options))

    def request_stop(self, signum, frame):
        self.stop_requested = True
        if self.worker is not None:
            # Cancelling the worker stops it gracefully: its job finishes first.
            task, loop = self.worker
            loop.call_soon_threadsafe(task.cancel)

    async def run_async(self, worker_app, worker_options):
        async with worker_app.open_async():
            task = asyncio.ensure_future(worker_app.run_worker_async(**worker_options))
            self.worker = (task, asyncio.get_running_loop())
            if self.stop_requested:
                task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                if not self.stop_requested:
                    raise
            finally:
                self.worker = None
