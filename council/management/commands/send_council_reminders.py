from django.core.management.base import BaseCommand

from council import services


class Command(BaseCommand):
    help = (
        "Convoke the members of meetings that are their council's number of days "
        "away (publishing the public agenda), and remind them of circulated minutes "
        "before the meeting that approves them. Each mail goes out once."
    )

    def handle(self, *args, **options):
        convocations = services.meetings_convoke_due()
        reminders = services.minutes_remind_comments()
        self.stdout.write(
            f"{convocations} convocation(s), {reminders} minutes reminder(s) queued."
        )
