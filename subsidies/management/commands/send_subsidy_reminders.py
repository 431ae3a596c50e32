from django.core.management.base import BaseCommand

from subsidies import services


class Command(BaseCommand):
    help = (
        "Remind applicants of their final report (before, on and after the due date; "
        "the service too when late) and of unanswered information requests. "
        "Each reminder goes out once."
    )

    def handle(self, *args, **options):
        sent = services.reminders_send()
        self.stdout.write(f"{sent} reminder(s) queued.")
