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
