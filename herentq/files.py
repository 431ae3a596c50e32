"""Serving uploaded files safely, and storing them under names we choose."""

import mimetypes
import posixpath
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage, storages
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.http import FileResponse, Http404
from django.utils.functional import LazyObject, empty

from herentq.public_files import may_preview, upload_for

# Only these are shown inline; everything else is downloaded.
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}


class PrivateStorage(LazyObject):
    """The "private" storage, looked up when first used (like `default_storage`).

    File fields take it once, at import; a change of STORAGES (a test that puts
    the uploads in object storage) is followed, as Django's `default_storage` does.
    """

    def _setup(self):
        self._wrapped = storages["private"]


private_files = PrivateStorage()


@receiver(setting_changed)
def follow_storages(*, setting, **kwargs):
    if setting == "STORAGES":
        private_files._wrapped = empty


def private_storage():
    """`storage=private_storage` on every private file field (migrations name it)."""
    return private_files


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


class MeasuredImageField(models.ImageField):
    """An ImageField whose `width_field`/`height_field` are measured when a file is
    stored, never when a row is loaded.

    Django measures an image again on loading a row whose dimension columns are
    empty, by reading the file: with object storage, a request to the store for
    every such row. Here only storing a file (or assigning one) measures it, and
    a file that is gone leaves no size rather than an error.
    """

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        if not force:
            return
        try:
            super().update_dimension_fields(instance, force, *args, **kwargs)
        except FileNotFoundError:  # a stored name whose file is gone: no size
            setattr(instance, self.width_field, None)
            setattr(instance, self.height_field, None)


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


def _stored_name(path: str) -> str | None:
    """The storage name a /media/ path stands for; None for a path that is none."""
    if "\x00" in path or path.startswith(("/", "../")) or path == "..":
        return None
    if posixpath.normpath(path) != path:  # ./, ../ or // inside
        return None
    return path


def serve_public_media(request, path: str):
    """Public uploads (photos, news images) from their storage, never private ones.

    Only files of published content (herentq.public_files): those of an
    unpublished partnership or news item answer 404 like a missing file, except
    to the staff who manage them. The file is read through the storage (the
    local MEDIA_ROOT or the public bucket), never through a filesystem path.
    """
    name = _stored_name(path)
    upload = upload_for(name) if name else None
    if name is None or upload is None:
        raise Http404
    if upload.is_public(name):
        cache_control = "public, max-age=86400"
    elif may_preview(request, upload):
        cache_control = "private, no-store"  # the admin's preview of a draft
    else:
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except (OSError, SuspiciousFileOperation, ValueError):  # missing, a directory, …
        raise Http404 from None
    response = _safe_response(handle, name)
    response.headers["Cache-Control"] = cache_control
    return response
