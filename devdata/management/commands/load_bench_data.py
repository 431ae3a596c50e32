import time

from django.core.management.base import BaseCommand
from django.db import transaction

from devdata.bench import bench_modules


class Command(BaseCommand):
    help = "Load benchmark volume data (run against the bench database only)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)

    def handle(self, *args, scale, **options):
        for config, module in bench_modules():
            started = time.monotonic()
            with transaction.atomic():
                module.load(scale=scale)
            elapsed = time.monotonic() - started
            volume = module.volume() if hasattr(module, "volume") else {}
            loaded = ", ".join(f"{name} {count}" for name, count in volume.items())
            self.stdout.write(
                f"bench data: {config.label} ({elapsed:.1f} s)"
                + (f": {loaded}" if loaded else "")
            )
