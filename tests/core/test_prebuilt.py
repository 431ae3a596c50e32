"""Files built once per version of their data (herentq.prebuilt): one builder at
a time across processes, the previous version handed out meanwhile, old
versions removed."""

import psycopg
import pytest
from django.core.files.storage import storages
from django.db import connection

from herentq.prebuilt import _lock_id, open_prebuilt, prebuilt_file

pytestmark = pytest.mark.django_db


class Builder:
    def __init__(self):
        self.calls = 0

    def __call__(self) -> bytes:
        self.calls += 1
        return f"build {self.calls}".encode()


def _read(path: str) -> bytes:
    with open_prebuilt(path) as handle:
        return handle.read()


def test_a_file_is_built_once_per_version():
    build = Builder()
    first = prebuilt_file(name="test.once", version="v1", extension="csv", build=build)
    again = prebuilt_file(name="test.once", version="v1", extension="csv", build=build)
    assert first == again
    assert build.calls == 1
    assert _read(first) == b"build 1"

    newer = prebuilt_file(name="test.once", version="v2", extension="csv", build=build)
    assert build.calls == 2
    assert _read(newer) == b"build 2"


def test_while_another_process_builds_the_previous_version_is_handed_out():
    build = Builder()
    previous = prebuilt_file(
        name="test.busy", version="v1", extension="json", build=build
    )
    # Another process (its own connection) holds the file's build lock.
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params) as other:
        other.execute("SELECT pg_advisory_lock(%s)", [_lock_id("test.busy")])
        handed = prebuilt_file(
            name="test.busy", version="v2", extension="json", build=build
        )
        other.execute("SELECT pg_advisory_unlock(%s)", [_lock_id("test.busy")])
    assert handed == previous
    assert build.calls == 1
    built = prebuilt_file(name="test.busy", version="v2", extension="json", build=build)
    assert built != previous
    assert _read(built) == b"build 2"


def test_only_the_newest_and_the_previous_version_are_kept():
    build = Builder()
    paths = [
        prebuilt_file(name="test.old", version=f"v{n}", extension="csv", build=build)
        for n in range(1, 4)
    ]
    storage = storages["private"]
    assert [storage.exists(path) for path in paths] == [False, True, True]
