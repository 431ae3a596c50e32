"""The project-local PostgreSQL cluster of `make dev` / `make test`."""

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture
def checkout():
    """A copy of scripts/ in a directory the postgres user can reach (as root)."""
    top = Path(tempfile.mkdtemp(prefix="herentq-localdb-", dir="/tmp"))
    top.chmod(0o755)
    shutil.copytree(Path(settings.BASE_DIR) / "scripts", top / "scripts")
    yield top
    subprocess.run([top / "scripts/localdb.sh", "stop"], capture_output=True)
    shutil.rmtree(top, ignore_errors=True)


def _localdb(top: Path, command: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HERENTQ_PG_PORT": "54399"}
    return subprocess.run(
        [top / "scripts/localdb.sh", command],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def test_cluster_starts_again_after_a_killed_server(checkout):
    assert _localdb(checkout, "ensure").returncode == 0
    assert _localdb(checkout, "status").stdout.startswith("running")

    pid = int((checkout / ".pgdata/data/postmaster.pid").read_text().split()[0])
    os.kill(pid, signal.SIGKILL)  # stale pid file and socket lock left behind
    time.sleep(0.5)

    result = _localdb(checkout, "ensure")
    assert result.returncode == 0, result.stderr
    assert _localdb(checkout, "status").stdout.startswith("running")
    # And once more: running it again and again changes nothing.
    assert _localdb(checkout, "ensure").returncode == 0


def test_a_server_of_a_deleted_checkout_is_stopped_before_a_new_cluster(checkout):
    """Deleting a checkout while its server runs and cloning anew at the same path:
    the orphaned server would, a minute later, remove the new server's socket."""
    assert _localdb(checkout, "ensure").returncode == 0
    orphan = int((checkout / ".pgdata/data/postmaster.pid").read_text().split()[0])
    shutil.rmtree(checkout / ".pgdata")

    result = _localdb(checkout, "ensure")
    assert result.returncode == 0, result.stderr
    assert not _alive(orphan)
    assert _localdb(checkout, "status").stdout.startswith("running")


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent to reap it is not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False
