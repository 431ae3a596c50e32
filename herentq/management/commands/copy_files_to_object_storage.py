"""Copy the uploads on the local disk into the object store, checked by SHA-256.

    manage.py copy_files_to_object_storage [--media-root DIR] [--private-media-root DIR]

Run with the S3_* settings of the object store (README, Configuration), before
the app nodes are switched over: MEDIA_ROOT goes to the public bucket and
PRIVATE_MEDIA_ROOT to the private one, under the same names, so the database
needs no change. It can be run again (files already copied intact are left
alone); it fails when any file could not be copied intact.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError

from herentq.storages import copy_directory


class Command(BaseCommand):
    help = "Copy uploads from the local disk into the object store (SHA-256 checked)."

    def add_arguments(self, parser):
        parser.add_argument("--media-root", type=Path, default=None)
        parser.add_argument("--private-media-root", type=Path, default=None)

    def handle(self, *args, media_root, private_media_root, **options):
        sources = [
            ("public", media_root or Path(settings.MEDIA_ROOT), "default"),
            (
                "private",
                private_media_root or Path(settings.PRIVATE_MEDIA_ROOT),
                "private",
            ),
        ]
        for _, _, alias in sources:
            if isinstance(storages[alias], FileSystemStorage):
                raise CommandError(
                    "The uploads are on the local disk: set S3_ENDPOINT_URL and the "
                    "other S3_* settings to copy them into the object store."
                )
        failed = 0
        for label, source, alias in sources:
            if not source.is_dir():
                self.stdout.write(f"{label}: {source} does not exist, nothing to copy.")
                continue
            report = copy_directory(source, storages[alias])
            for line in report.failed:
                self.stderr.write(f"{label}: {line}")
            failed += len(report.failed)
            self.stdout.write(
                f"{label}: {len(report.copied)} copied and verified, "
                f"{len(report.present)} already there and identical, "
                f"{len(report.failed)} failed."
            )
        if failed:
            raise CommandError(f"{failed} file(s) were not copied intact.")
