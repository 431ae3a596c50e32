from django.core.management.base import BaseCommand

from council import services


class Command(BaseCommand):
    help = "Close the members' area to accounts whose term on the council has ended."

    def handle(self, *args, **options):
        closed = services.members_end_access()
        self.stdout.write(f"{closed} seat(s) closed.")
