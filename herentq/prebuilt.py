"""Files built once per version of their data and served from storage.

A download that is built from the whole data set (the open-data files) costs
far more to build than to send. `prebuilt_file` builds it once per version of
the data into the private storage, under a name that holds the version, and
hands out that file afterwards; a view streams it with `FileResponse`, so no
worker holds the content in memory or builds it per request.

One builder at a time, across processes and app nodes: a PostgreSQL advisory
lock per file. While one request builds a new version, the others hand out the
previous version's file when there is one, and otherwise wait for the builder
(instead of building the same file next to it). The storage name of the newest
file is kept in the database cache (`database` alias) once the file is
complete; without that note (an emptied cache), the storage itself is read
under the lock, where no file is half written.
"""

import hashlib
import posixpath
from collections.abc import Callable

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import connection

FOLDER = "prebuilt"
# Notes in the database cache expire with the data they point at; a note that
# is gone only means a look in the storage.
NOTE_SECONDS = 7 * 24 * 60 * 60


def _storage() -> Storage:
    return storages["private"]


def _lock_id(name: str) -> int:
    """A signed 64-bit key for pg_advisory_lock, from the file's name."""
    digest = hashlib.sha256(f"herentq.prebuilt.{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _folder(name: str) -> str:
    return posixpath.join(FOLDER, hashlib.sha256(name.encode()).hexdigest()[:24])


def _path(name: str, version: str, extension: str) -> str:
    safe = "".join(c for c in version if c.isalnum())[:64]
    return posixpath.join(_folder(name), f"{safe}.{extension}")


def prebuilt_file(
    *, name: str, version: str, extension: str, build: Callable[[], bytes]
) -> str:
    """The storage name of the file `name` built for `version` of its data.

    `name` tells the file apart from other files (and other hosts' copies);
    `build()` returns its content and is called at most once per version at a
    time. Returns the name in the private storage (`storages["private"]`).
    """
    notes = caches["database"]
    path = _path(name, version, extension)
    latest_key = f"herentq.prebuilt.{hashlib.sha256(name.encode()).hexdigest()}"
    latest = notes.get(latest_key)
    if latest == path:
        return path
    lock = _lock_id(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [lock])
        locked = cursor.fetchone()[0]
        if not locked:
            if latest is not None:
                return latest  # another request builds the new version
            cursor.execute("SELECT pg_advisory_lock(%s)", [lock])  # wait for it
        try:
            storage = _storage()
            if not storage.exists(path):
                storage.save(path, ContentFile(build()))
                _remove_older(storage, name, keep={path, latest})
            notes.set(latest_key, path, NOTE_SECONDS)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [lock])
    return path


def _remove_older(storage: Storage, name: str, keep: set) -> None:
    """Files of older versions, except the one that may still be handed out."""
    folder = _folder(name)
    try:
        _, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for filename in files:
        path = posixpath.join(folder, filename)
        if path not in keep:
            storage.delete(path)


def open_prebuilt(path: str):
    """The file at `path` of `prebuilt_file`, opened for reading."""
    return _storage().open(path, "rb")
