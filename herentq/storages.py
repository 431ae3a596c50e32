"""Object storage for uploads: two buckets of any S3-compatible store.

Without `S3_ENDPOINT_URL` the uploads stay on the local disk (`MEDIA_ROOT`,
`PRIVATE_MEDIA_ROOT`). With it, settings put the storage aliases "default"
(public uploads: photos and their renditions, news images) and "private"
(application attachments, council documents, agreements, track resources) in
two buckets through django-storages' S3 backend (boto3). Either way every file
is read through its storage (`storage.open`), never through a filesystem path.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from botocore.config import Config
from django.conf import settings
from django.core.files import File
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class ObjectStorage(S3Storage):
    """A bucket whose files the portal serves itself.

    Public files keep their URL under /media/ (the view that applies the access
    rules: a file of unpublished content answers 404); private ones are only
    streamed by the views that check permission. So no URL of the store, signed
    or not, reaches a page, and nothing is loaded from another host.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)


def object_storages(
    *,
    endpoint_url: str,
    access_key: str,
    secret_key: str,
    public_bucket: str,
    private_bucket: str,
    region: str = "us-east-1",
) -> dict[str, dict]:
    """The STORAGES entries "default" and "private" for two buckets of one store."""
    common = {
        "endpoint_url": endpoint_url,
        "access_key": access_key,
        "secret_key": secret_key,
        "region_name": region,
        # Path-style addressing works with every S3-compatible store; one retry and
        # short timeouts, so a store that is down fails readiness in seconds.
        "client_config": Config(
            s3={"addressing_style": "path"},
            signature_version="s3v4",
            connect_timeout=3,
            read_timeout=30,
            retries={"max_attempts": 2, "mode": "standard"},
        ),
        "default_acl": None,
        "querystring_auth": False,
        # A file being read is buffered in memory up to this size, then on disk
        # (django-storages' default, 0, keeps it all in memory).
        "max_memory_size": 2_621_440,
    }
    backend = f"{__name__}.{ObjectStorage.__name__}"
    return {
        "default": {
            "BACKEND": backend,
            "OPTIONS": {**common, "bucket_name": public_bucket},
        },
        "private": {
            "BACKEND": backend,
            "OPTIONS": {**common, "bucket_name": private_bucket},
        },
    }


@dataclass
class CopyReport:
    """What copying one directory into a storage did, file by file."""

    copied: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)  # already there, identical
    failed: list[str] = field(default_factory=list)  # "name: why"


def sha256_of(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def stored_sha256(storage, name: str) -> str:
    """The SHA-256 of a stored file, read back from its storage."""
    with storage.open(name, "rb") as handle:
        return sha256_of(handle)


def copy_directory(source: Path, storage) -> CopyReport:
    """Copy every file under `source` into `storage` under the same name.

    Idempotent: a file already stored with the same SHA-256 is left alone; any
    other is written (again) and read back, and only counts as copied when the
    stored bytes have the local file's SHA-256.
    """
    report = CopyReport()
    files = sorted(path for path in source.rglob("*") if path.is_file())
    for path in files:
        name = path.relative_to(source).as_posix()
        with path.open("rb") as handle:
            expected = sha256_of(handle)
        try:
            if storage.exists(name) and stored_sha256(storage, name) == expected:
                report.present.append(name)
                continue
            with path.open("rb") as handle:
                saved = storage.save(name, File(handle, name=name))
            if saved != name:
                report.failed.append(f"{name}: stored as {saved}")
            elif stored_sha256(storage, name) != expected:
                report.failed.append(f"{name}: SHA-256 differs after copying")
            else:
                report.copied.append(name)
        except Exception as error:  # the store refused or is unreachable
            report.failed.append(f"{name}: {type(error).__name__}")
    return report
