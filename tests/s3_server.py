"""A real S3-compatible server for tests: `rclone serve s3` through scripts/s3server.sh.

Started and stopped at will on one port (stopped, the port refuses), serving a
directory whose subdirectories are the buckets.
"""

import os
import subprocess
from pathlib import Path

from herentq.storages import object_storages
from tests.smtp_sink import free_port

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "s3server.sh"
ACCESS_KEY = "herentq-test"
SECRET_KEY = "herentq-test-secret"
PUBLIC_BUCKET = "herentq-public"
PRIVATE_BUCKET = "herentq-private"


class S3Server:
    def __init__(self, directory: Path, port: int | None = None):
        self.directory = directory
        self.port = port or free_port()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"

    def _script(self, *args: str) -> None:
        env = {
            **os.environ,
            "S3_ACCESS_KEY_ID": ACCESS_KEY,
            "S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "S3_PUBLIC_BUCKET": PUBLIC_BUCKET,
            "S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
        }
        subprocess.run(
            [str(SCRIPT), args[0], str(self.directory), *args[1:]],
            env=env,
            check=True,
            capture_output=True,
            timeout=30,
        )

    def start(self) -> None:
        self._script("start", str(self.port))

    def stop(self) -> None:
        self._script("stop")

    def bucket(self, name: str) -> Path:
        """The directory that holds a bucket's objects."""
        return self.directory / "buckets" / name

    def storages(self) -> dict[str, dict]:
        """The STORAGES entries "default" and "private" for this server."""
        return object_storages(
            endpoint_url=self.endpoint_url,
            access_key=ACCESS_KEY,
            secret_key=SECRET_KEY,
            public_bucket=PUBLIC_BUCKET,
            private_bucket=PRIVATE_BUCKET,
        )
