from django.core.management.base import BaseCommand

from subsidies import services


class Command(BaseCommand):
    help = "Wipe the personal data of subsidy files finished longer ago than SUBSIDY_ARCHIVE_YEARS."

    def handle(self, *args, **options):
        count = services.applications_anonymise_archived()
        self.stdout.write(f"{count} file(s) anonymised.")
