from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from devdata import demo, demo_translations


class Command(BaseCommand):
    help = "Load the demo data of the core and of every app (safe to run again)."

    def handle(self, *args, **options):
        # Written as the service writes it, in Dutch: a translated field set in
        # another active language would fill that language's column instead.
        with translation.override(settings.LANGUAGE_CODE):
            self._load()

    def _load(self):
        for config, module in demo.modules():
            with transaction.atomic():
                module.load()
            self.stdout.write(f"demo data loaded: {config.label}")
        with transaction.atomic():
            demo_translations.load()
        self.stdout.write("demo data loaded: translations")
