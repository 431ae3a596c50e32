from django.conf import settings
from django.core.management.base import BaseCommand

from learning_tracks import services


class Command(BaseCommand):
    help = (
        "Blank the personal data of participants of learning tracks completed more "
        "than LEARNING_TRACKS_RETENTION_DAYS ago; counts and attendance stay."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="retention in days (default: the LEARNING_TRACKS_RETENTION_DAYS setting)",
        )

    def handle(self, *args, days, **options):
        days = settings.LEARNING_TRACKS_RETENTION_DAYS if days is None else days
        count = services.participants_anonymise(days=days)
        if options["verbosity"]:
            self.stdout.write(f"{count} participant(s) anonymised")
