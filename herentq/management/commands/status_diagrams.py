from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from herentq.workflow import status_diagrams

DOCUMENT = Path(settings.BASE_DIR) / "docs" / "status-diagrams.md"


class Command(BaseCommand):
    help = (
        "Write docs/status-diagrams.md from the workflow declarations "
        "(--check: only say whether it is up to date)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check, **options):
        text = status_diagrams()
        current = DOCUMENT.read_text(encoding="utf-8") if DOCUMENT.exists() else ""
        if check:
            if current != text:
                raise CommandError(
                    f"{DOCUMENT} differs from the workflow declarations: "
                    "run `manage.py status_diagrams`."
                )
            self.stdout.write(f"{DOCUMENT} is up to date.")
            return
        DOCUMENT.parent.mkdir(exist_ok=True)
        DOCUMENT.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {DOCUMENT}.")
