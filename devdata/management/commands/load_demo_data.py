from django.core.management.base import BaseCommand
from django.db import transaction

from devdata import demo, demo_translations


class Command(BaseCommand):
    help = "Load the demo data of the core and of every app (safe to run again)."

    def handle(self, *args, **options):
        for config, module in demo.modules():
            with transaction.atomic():
                module.load()
            self.stdout.write(f"demo data loaded: {config.label}")
        with transaction.atomic():
            demo_translations.load()
        self.stdout.write("demo data loaded: translations")
