from django.core.management.base import BaseCommand

from learning_tracks import services


class Command(BaseCommand):
    help = (
        "Pass expired waiting-list offers on to the next person and delete "
        "enrolments whose e-mail address was never confirmed. Safe to run again."
    )

    def handle(self, *args, **options):
        offers = services.offers_expire()
        pending = services.pending_enrolments_expire()
        if options["verbosity"]:
            self.stdout.write(
                f"{offers} offer(s) expired, {pending} unconfirmed enrolment(s) removed"
            )
