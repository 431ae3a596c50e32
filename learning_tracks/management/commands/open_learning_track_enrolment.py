from django.core.management.base import BaseCommand

from learning_tracks import services


class Command(BaseCommand):
    help = (
        "Open enrolment of announced tracks whose enrolment window has started; "
        "their interest list gets one message. Safe to run again."
    )

    def handle(self, *args, **options):
        opened = services.tracks_open_due()
        if options["verbosity"]:
            self.stdout.write(f"{opened} track(s) opened for enrolment")
