from django.core.management.base import BaseCommand

from subsidies import services


class Command(BaseCommand):
    help = (
        "Warn applicants whose account went unused for ACCOUNT_INACTIVE_YEARS, and "
        "close it ACCOUNT_REMOVAL_NOTICE_DAYS after the warning if still unused."
    )

    def handle(self, *args, **options):
        warned, closed = services.accounts_remove_inactive()
        self.stdout.write(f"{warned} warned, {closed} closed.")
