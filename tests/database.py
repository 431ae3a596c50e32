"""The test databases of a run: migrated once, copied for every pytest-xdist worker.

Migrating an empty database runs every migration of every app (tens of seconds of
CPU); loading the demo data takes another 5 300 queries. Done once per worker, that
work was repeated on both cores. Now, per run:

- the first worker that needs a database migrates a template database
  (`test_herentq_template`); every worker then gets its own database
  (`test_herentq_gw0`, …; `test_herentq` without xdist) as a copy of it with
  PostgreSQL's `CREATE DATABASE … TEMPLATE`, a file copy of well under a second;
- `shared_snapshot()` makes a snapshot (tests/snapshot.py) once per run: the first
  worker that asks makes it and saves it to a file, the others read that file.

The controller (or the single process without xdist) creates a directory for the run
and hands it to the workers in the environment (they start after `pytest_configure`);
a file lock in it makes the second worker wait while the first builds. This module is
a pytest plugin, registered by tests/conftest.py.
"""

import fcntl
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pytest_django.plugin import blocking_manager_key

from tests.snapshot import Snapshot

RUN_DIRECTORY_VARIABLE = "HERENTQ_TEST_RUN"
TEMPLATE_VARIABLE = "HERENTQ_TEST_TEMPLATE_DB"


def pytest_configure(config):
    if hasattr(config, "workerinput") or os.environ.get(RUN_DIRECTORY_VARIABLE):
        return  # a worker: the controller made the directory
    from django.conf import settings

    os.environ[RUN_DIRECTORY_VARIABLE] = tempfile.mkdtemp(prefix="herentq-test-run-")
    test_name = settings.DATABASES["default"]["TEST"]["NAME"]
    os.environ[TEMPLATE_VARIABLE] = f"{test_name}_template"
    config.stash[_owner_key] = True


_owner_key = pytest.StashKey[bool]()


def pytest_unconfigure(config):
    """The process that made the run's directory removes it and the template."""
    if not config.stash.get(_owner_key, False):
        return
    directory = Path(os.environ.pop(RUN_DIRECTORY_VARIABLE))
    template = os.environ.pop(TEMPLATE_VARIABLE)
    if (directory / "template.ready").exists():
        with config.stash[blocking_manager_key].unblock():
            _drop_database(template)
    shutil.rmtree(directory, ignore_errors=True)


def pytest_terminal_summary(terminalreporter, config):
    """What the shared setup cost, per process (wall seconds), to see where time goes."""
    if not config.stash.get(_owner_key, False):
        return
    timings = _run_directory() / "timings.txt"
    if timings.exists():
        terminalreporter.write_sep("-", "test database setup (wall seconds)")
        terminalreporter.write(timings.read_text())


@contextmanager
def _timed(what: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(_run_directory() / "timings.txt", "a") as timings:
        timings.write(f"{worker}: {what} {time.perf_counter() - start:.1f} s\n")


def _run_directory() -> Path:
    return Path(os.environ[RUN_DIRECTORY_VARIABLE])


@contextmanager
def _locked(name: str) -> Iterator[None]:
    """One process of the run at a time (the others wait here)."""
    with open(_run_directory() / f"{name}.lock", "w") as lock:
        with _timed(f"waited for the {name} lock"):
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _nodb_cursor():
    """A cursor on PostgreSQL's maintenance database, to create and drop databases."""
    from django.db import connection

    return connection.creation._nodb_cursor()


def _drop_database(name: str) -> None:
    from django.db import connection

    with _nodb_cursor() as cursor:
        # FORCE: a live server thread may still hold a connection at the end.
        cursor.execute(
            f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)"
        )


def set_up_test_database() -> str:
    """This process's test database, copied from the run's migrated template."""
    from django.conf import settings
    from django.db import connection

    template = os.environ[TEMPLATE_VARIABLE]
    target = connection.settings_dict["TEST"]["NAME"]  # with xdist's suffix
    quote = connection.ops.quote_name
    with _locked("template"):
        if not (_run_directory() / "template.ready").exists():
            with _timed("migrated the template database"):
                connection.settings_dict["TEST"]["NAME"] = template
                connection.creation.create_test_db(
                    verbosity=0, autoclobber=True, serialize=False
                )
                connection.settings_dict["TEST"]["NAME"] = target
            (_run_directory() / "template.ready").touch()
        connection.close()  # nobody may be connected to a template being copied
        with _timed(f"copied it to {target}"):
            _drop_database(target)
            with _nodb_cursor() as cursor:
                cursor.execute(
                    f"CREATE DATABASE {quote(target)} TEMPLATE {quote(template)}"
                )
    settings.DATABASES["default"]["NAME"] = target
    connection.settings_dict["NAME"] = target
    return target


def tear_down_test_database(name: str) -> None:
    from django.db import connections

    connections.close_all()
    _drop_database(name)


def shared_snapshot(name: str, make: Callable[[], object]) -> tuple[Snapshot, object]:
    """The snapshot of what `make()` writes, made once per run: `(snapshot, result)`.

    The first process that asks runs `make()` in a transaction, takes the snapshot,
    rolls back and saves both to a file; the others load that file. The snapshot
    carries the sequences' positions, so a worker that restores rows it did not
    make itself moves its sequences past their ids (`Snapshot.restore`).
    """
    from django.db import transaction

    path = _run_directory() / f"{name}.snapshot"
    with _locked(name):
        if path.exists():
            with _timed(f"read the {name} snapshot"):
                snapshot, result, files = pickle.loads(path.read_bytes())
                _write_media_files(files)
            return snapshot, result
        with _timed(f"made the {name} snapshot"), transaction.atomic():
            result = make()
            snapshot = Snapshot.take()
            transaction.set_rollback(True)
        path.write_bytes(pickle.dumps((snapshot, result, _read_media_files())))
        return snapshot, result


def _media_roots() -> dict[str, Path]:
    """The directories uploads are kept in; each test process has its own."""
    from django.conf import settings

    return {
        "media": Path(settings.MEDIA_ROOT),
        "private": Path(settings.PRIVATE_MEDIA_ROOT),
    }


def _read_media_files() -> dict[str, dict[str, bytes]]:
    """The files the rows point at (demo photos, attachments), to share with them."""
    return {
        key: {
            str(file.relative_to(root)): file.read_bytes()
            for file in root.rglob("*")
            if file.is_file()
        }
        for key, root in _media_roots().items()
    }


def _write_media_files(files: dict[str, dict[str, bytes]]) -> None:
    for key, root in _media_roots().items():
        for relative, content in files[key].items():
            file = root / relative
            if not file.exists():
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_bytes(content)
