"""Real worker processes (`manage.py run_worker`) on a throw-away PostgreSQL cluster
of these tests' own, so it can be restarted without disturbing the other tests;
mail goes to a real SMTP server (aiosmtpd) in this process."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.db import connections

from tests.smtp_sink import smtp_server

pytestmark = pytest.mark.xdist_group("worker_processes")

TOP = Path(settings.BASE_DIR)
LOCALDB = TOP / "scripts" / "localdb.sh"


def _pg_bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None
    )
    assert found, f"{name} not found"
    return str(found)


class Cluster:
    def __init__(self, directory: Path):
        self.directory = directory
        self.env = {**os.environ, "HERENTQ_PGDATA": str(directory / "pg")}
        self.socket_dir = directory / "pg" / "run"
        self.port = 54329

    def localdb(self, command: str) -> None:
        subprocess.run([LOCALDB, command], env=self.env, check=True)

    @property
    def url(self) -> str:
        return f"postgres://herentq@{quote(str(self.socket_dir), safe='')}:{self.port}/herentq"

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user="herentq",
            dbname="herentq",
            autocommit=True,
        )

    def query(self, sql: str, *params):
        for _attempt in range(100):  # the server may be restarting
            try:
                with self.connect() as conn:
                    return conn.execute(sql, params).fetchall()
            except psycopg.OperationalError:
                time.sleep(0.1)
        raise AssertionError("the cluster does not answer")


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker):
    """A fresh cluster with the test database's schema (copied with pg_dump)."""
    directory = Path(tempfile.mkdtemp(prefix="herentq-worker-test-"))
    directory.chmod(0o755)  # the postgres user runs the server when we are root
    cluster = Cluster(directory)
    cluster.localdb("ensure")
    source = connections["default"].settings_dict
    dump = subprocess.run(
        [
            _pg_bin("pg_dump"),
            "--schema-only",
            "--no-owner",
            "-h",
            source["HOST"],
            "-p",
            str(source["PORT"]),
            "-U",
            source["USER"],
            source["NAME"],
        ],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(
        [
            _pg_bin("psql"),
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            str(cluster.socket_dir),
            "-p",
            str(cluster.port),
            "-U",
            "herentq",
            "herentq",
        ],
        input=dump,
        check=True,
        capture_output=True,
    )
    yield cluster
    if not os.environ.get("KEEP_WORKER_CLUSTER"):  # to look into a failure
        cluster.localdb("stop")
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def smtp():
    with smtp_server() as server:
        yield server


def _env(cluster, smtp) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "herentq.settings.test",
        "DATABASE_URL": cluster.url,
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
    }


def _manage(cluster, smtp, *args) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=TOP,
        env=_env(cluster, smtp),
        check=True,
        capture_output=True,
    )


def _queue_mail(cluster, smtp, subjects: list[str]) -> None:
    """Queue mail as the portal does: through post_office's backend, one
    transaction (and one wake-up job) per mail."""
    code = (
        "from django.core import mail\n"
        f"for subject in {subjects!r}:\n"
        "    mail.send_mail(subject, 'Tekst', None, ['iemand@example.be'])\n"
    )
    _manage(cluster, smtp, "shell", "-c", code)


def _wait_for(condition, seconds=60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


@pytest.fixture(scope="module")
def two_workers(cluster, smtp):
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--polling-interval",
                "0.5",
                "--name",
                f"worker-{number}",
            ],
            cwd=TOP,
            env=_env(cluster, smtp),
            stdout=subprocess.DEVNULL,
            stderr=(cluster.directory / f"worker-{number}.log").open("wb"),
        )
        for number in (1, 2)
    ]
    _wait_for(
        lambda: cluster.query("SELECT count(*) FROM procrastinate_workers")[0][0] == 2
    )
    yield workers
    for worker in workers:
        worker.terminate()
    # SIGTERM stops a worker for good (the supervisor does not start it again).
    assert [worker.wait(timeout=30) for worker in workers] == [0, 0]


def test_two_workers_on_one_queue(cluster, smtp, two_workers):
    """One test for the three checks: starting a cluster and two workers is the slow
    part, and one test keeps them in one pytest process."""
    _each_periodic_job_runs_once_per_period(cluster)
    _each_of_200_mails_is_sent_once(cluster, smtp)
    _mail_queued_after_a_database_restart_is_delivered(cluster, smtp, two_workers)


def _each_periodic_job_runs_once_per_period(cluster):
    # Both workers, started together, defer the latest period of every job that fell
    # due in the last 10 minutes (procrastinate's max delay): the 5-minute one at least.
    def ran():
        return cluster.query(
            "SELECT 1 FROM procrastinate_jobs WHERE status = 'succeeded'"
            " AND args->>'command' = 'expire_learning_track_offers'"
        )

    _wait_for(ran)
    time.sleep(1)  # a second run would be deferred by now
    runs = cluster.query(
        "SELECT args->>'command', args->>'timestamp', count(*) FROM procrastinate_jobs"
        " WHERE task_name = 'herentq.run_periodic_command' GROUP BY 1, 2"
    )
    assert {count for _command, _period, count in runs} == {1}


def _each_of_200_mails_is_sent_once(cluster, smtp):
    subjects = [f"Mail {number}" for number in range(200)]
    _queue_mail(cluster, smtp, subjects)

    def mine():
        return [m for m in smtp.sink.messages if m["Subject"].startswith("Mail ")]

    _wait_for(lambda: len(mine()) >= 200)
    time.sleep(1)  # a duplicate would arrive now
    message_ids = [m["Message-ID"] for m in mine()]
    assert len(message_ids) == 200
    assert len(set(message_ids)) == 200
    assert sorted(m["Subject"] for m in mine()) == sorted(subjects)


def _mail_queued_after_a_database_restart_is_delivered(cluster, smtp, two_workers):
    cluster.localdb("restart")
    _queue_mail(cluster, smtp, ["Na de herstart"])
    _wait_for(lambda: "Na de herstart" in smtp.sink.subjects())
    assert smtp.sink.subjects().count("Na de herstart") == 1
    assert [worker.poll() for worker in two_workers] == [None, None]  # still running
