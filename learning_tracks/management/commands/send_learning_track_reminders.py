from django.core.management.base import BaseCommand

from learning_tracks import services
from learning_tracks.constants import REMINDER_HOURS


class Command(BaseCommand):
    help = (
        "Remind participants of sessions starting soon, with an .ics attachment. "
        "Each participant gets one reminder per session, however often this runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=REMINDER_HOURS,
            help=f"remind of sessions starting within this many hours "
            f"(default {REMINDER_HOURS})",
        )

    def handle(self, *args, hours, **options):
        sent = services.reminders_send(hours=hours)
        if options["verbosity"]:
            self.stdout.write(f"{sent} reminder(s) queued")
