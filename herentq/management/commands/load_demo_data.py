from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "Load the demo data of the core and of every app (safe to run again)."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            if not module_has_submodule(config.module, "demo"):
                continue
            with transaction.atomic():
                import_module(f"{config.name}.demo").load()
            self.stdout.write(f"demo data loaded: {config.label}")
