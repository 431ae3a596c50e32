"""Object storage for uploads: two buckets of any S3-compatible store.

Without `S3_ENDPOINT_URL` the uploads stay on the local disk (`MEDIA_ROOT`,
`PRIVATE_MEDIA_ROOT`). With it, settings put the storage aliases "default"
(public uploads: photos and their renditions, news images) and "private"
(application attachments, council documents, agreements, track resources) in
two buckets through django-storages' S3 backend (boto3). Either way every file
is read through its storage (`storage.open`), never through a filesystem path.
"""

from botocore.config import Config
from django.conf import settings
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
