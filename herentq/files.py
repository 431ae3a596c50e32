"""Serving uploaded files safely, and storing them under names we choose."""

import mimetypes
import posixpath
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages
from django.http import FileResponse, Http404

from herentq.public_files import may_preview, upload_for

# Only these are shown inline; everything else is downloaded.
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}


def private_storage():
    return storages["private"]


@dataclass(frozen=True)
class RandomUploadName:
    """An `upload_to` that never uses the uploader's file name on disk.

    `upload_to=random_upload_name("app/kind")` on every file field; migrations
    refer to this class itself. Frozen: equal prefixes are equal and hash alike.
    """

    prefix: str

    def __call__(self, instance, filename: str) -> str:
        extension = Path(filename).suffix.lower()[:10]
        return posixpath.join(self.prefix, f"{uuid.uuid4().hex}{extension}")

    def deconstruct(self):
        """How migrations write it: `herentq.files.RandomUploadName('app/kind')`."""
        return f"{__name__}.{type(self).__name__}", (self.prefix,), {}


def random_upload_name(prefix: str) -> RandomUploadName:
    """`upload_to=random_upload_name("app/kind")`: a random name under the prefix."""
    return RandomUploadName(prefix)


def _safe_response(handle, name: str, *, download_name: str | None = None):
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=content_type not in INLINE_TYPES,
        filename=download_name or Path(name).name,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Even a file that is rendered can run nothing and load nothing.
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def file_response(fieldfile, *, download_name: str | None = None) -> FileResponse:
    """Stream a stored file (after the caller checked permission)."""
    try:
        handle = fieldfile.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return _safe_response(handle, fieldfile.name, download_name=download_name)


def serve_public_media(request, path: str):
    """Public uploads (photos, news images) under MEDIA_ROOT, never private ones.

    Only files of published content (herentq.public_files): those of an
    unpublished partnership or news item answer 404 like a missing file, except
    to the staff who manage them.
    """
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        full = (root / path).resolve()
        if root not in full.parents or not full.is_file():
            raise Http404
    except (OSError, ValueError):  # a NUL byte, a name longer than the OS allows
        raise Http404 from None
    name = full.relative_to(root).as_posix()
    upload = upload_for(name)
    if upload is None:
        raise Http404
    if upload.is_public(name):
        cache_control = "public, max-age=86400"
    elif may_preview(request, upload):
        cache_control = "private, no-store"  # the admin's preview of a draft
    else:
        raise Http404
    response = _safe_response(full.open("rb"), full.name)
    response.headers["Cache-Control"] = cache_control
    return response
