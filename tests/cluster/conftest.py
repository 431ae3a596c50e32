"""The topology of issue 18 on one box, started once for tests/cluster/ by the
repository's own script (scripts/cluster.sh): HAProxy, two gunicorn app nodes with
unshared local directories, two workers, Redis, the S3 server and PostgreSQL. The
tests speak HTTP to HAProxy or to one node, and run `manage.py` commands against the
cluster's database for their data; mail goes to a real SMTP server in this process.

Kept out of `make test` (marker `cluster`): `make test-cluster` runs them.
"""

import asyncio
import email
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from aiosmtpd.controller import Controller
from django.conf import settings

from tests.smtp_sink import free_port

TOP = Path(settings.BASE_DIR)
SCRIPT = TOP / "scripts" / "cluster.sh"


class SlowSink:
    """The SMTP sink, but the first delivery of a subject starting with "Traag"
    hangs (a worker is then "in the middle of a job") and is refused, not kept."""

    def __init__(self):
        self.messages: list[email.message.Message] = []
        self.hanging: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        subject = message["Subject"] or ""
        if subject.startswith("Traag") and subject not in self.hanging:
            self.hanging.append(subject)
            await asyncio.sleep(30)
            return "451 try again later"
        self.messages.append(message)
        return "250 OK"

    def subjects(self) -> list[str]:
        return [message["Subject"] for message in self.messages]


def wait_for(condition, seconds: float = 30.0, step: float = 0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(step)
    raise AssertionError(f"timed out after {seconds} s")


@dataclass
class Response:
    status: int
    headers: dict
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode(errors="replace")

    @property
    def node(self) -> str:
        return self.headers.get("x-herentq-node", "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# Setup code for `Cluster.shell`: `session_for(user)` signs a user in as Django's
# test client's force_login does, and returns the session key for Browser.log_in.
MAKE_SESSION = (
    "from importlib import import_module\n"
    "from django.conf import settings\n"
    "from django.contrib import auth\n"
    "def session_for(user):\n"
    "    session = import_module(settings.SESSION_ENGINE).SessionStore()\n"
    "    session[auth.SESSION_KEY] = str(user.pk)\n"
    "    session[auth.BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]\n"
    "    session[auth.HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
    "    session.save()\n"
    "    return session.session_key\n"
)


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = f"herentq{time.time_ns()}"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, uploads in files.items():
        for filename, content, content_type in uploads:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Browser:
    """A visitor: cookies (one session whichever node answers), CSRF tokens, no
    redirects followed (the tests look at them)."""

    def __init__(self, client_address: str | None = None, host: str | None = None):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )
        # Straight to a node, as HAProxy passes a request on: the client's address
        # in X-Forwarded-For, the portal's public host name in Host.
        self.client_address = client_address
        self.host = host

    def log_in(self, session_key: str) -> None:
        """Signed in with a session made by MAKE_SESSION in the cluster's database."""
        self.cookies.set_cookie(
            http.cookiejar.Cookie(
                0,
                "herentq_session",
                session_key,
                None,
                False,
                "127.0.0.1",
                False,
                False,
                "/",
                True,
                False,
                None,
                False,
                None,
                None,
                {},
            )
        )

    def request(
        self,
        url: str,
        data: dict | None = None,
        timeout: float = 30,
        files: dict | None = None,
    ):
        headers = {}
        if self.client_address:
            headers["X-Forwarded-For"] = self.client_address
        if self.host:
            headers["Host"] = self.host
        body = None
        if data is not None:
            token = next((c.value for c in self.cookies if c.name == "csrftoken"), "")
            fields = {"csrfmiddlewaretoken": token, **data}
            if files:
                body, headers["Content-Type"] = _multipart(fields, files)
            else:
                body = urllib.parse.urlencode(fields).encode()
            headers["Referer"] = url
        request = urllib.request.Request(url, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                return Response(
                    answer.status,
                    {k.lower(): v for k, v in answer.headers.items()},
                    answer.read(),
                )
        except urllib.error.HTTPError as error:
            return Response(
                error.code,
                {k.lower(): v for k, v in error.headers.items()},
                error.read(),
            )

    def get(self, url: str, **kwargs) -> Response:
        return self.request(url, **kwargs)

    def post(self, url: str, data: dict, **kwargs) -> Response:
        """A form sent; `files={"field": [(name, bytes, content type)]}` uploads."""
        # The form's page, or any form page, sets the CSRF cookie (of every port).
        parts = urllib.parse.urlsplit(url)
        for page in (url, f"{parts.scheme}://{parts.netloc}/accounts/login/"):
            if any(c.name == "csrftoken" for c in self.cookies):
                break
            self.get(page)
        return self.request(url, data=data, **kwargs)


class Cluster:
    def __init__(self, directory: Path, smtp_port: int):
        self.directory = directory
        self.script_env = {
            **os.environ,
            "HERENTQ_CLUSTER_DIR": str(directory),
            "CLUSTER_EMAIL_PORT": str(smtp_port),
            "CLUSTER_POLLING_INTERVAL": "0.5",
        }
        self.env: dict[str, str] = {}

    def script(self, *args: str) -> None:
        subprocess.run([str(SCRIPT), *args], env=self.script_env, check=True, cwd=TOP)
        self.read_env()

    def read_env(self) -> None:
        if not (self.directory / "cluster.env").exists():
            return
        lines = (self.directory / "cluster.env").read_text().splitlines()
        self.env = dict(line.split("=", 1) for line in lines if "=" in line)

    @property
    def url(self) -> str:
        return self.env["CLUSTER_URL"]

    @property
    def host(self) -> str:
        """The portal's host name as visitors (and HAProxy) give it."""
        return urllib.parse.urlsplit(self.url).netloc

    def node_url(self, node: str) -> str:
        return self.env[f"NODE_{node.upper()}_URL"]

    def manage(self, *args: str) -> str:
        """A management command against the cluster's database and services."""
        env = {**os.environ, **self.env}
        env.pop("HERENTQ_TEST_RUN", None)
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=TOP,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "--no-imports", "-c", code)

    def query(self, sql: str, *params):
        url = self.env["DATABASE_URL"]
        parts = urllib.parse.urlsplit(url)
        with psycopg.connect(
            host=urllib.parse.unquote(parts.hostname or ""),
            port=parts.port,
            user=parts.username,
            dbname=parts.path.lstrip("/"),
            autocommit=True,
        ) as conn:
            return conn.execute(sql, params).fetchall()

    def pid(self, component: str) -> int:
        return int((self.directory / f"{component}.pid").read_text())

    def kill(self, component: str) -> None:
        """SIGKILL the component and its children (its own process group)."""
        os.killpg(self.pid(component), signal.SIGKILL)

    def haproxy(self, command: str) -> str:
        with socket.socket(socket.AF_UNIX) as conn:
            conn.connect(self.env["HAPROXY_SOCKET"])
            conn.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def server_states(self) -> dict[str, str]:
        """{"node-a": "UP"|"DOWN"|…} as HAProxy's health checks see them."""
        states = {}
        for line in self.haproxy("show stat").splitlines():
            fields = line.split(",")
            if len(fields) > 17 and fields[0] == "app" and fields[1].startswith("node"):
                states[fields[1]] = fields[17]
        return states


@pytest.fixture(scope="session")
def smtp():
    sink = SlowSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield sink, controller.port
    controller.stop()


@pytest.fixture(scope="session")
def cluster(smtp):
    # HERENTQ_TEST_CLUSTER_DIR: a run directory kept between runs (while writing
    # tests): only the workers are started again, to deliver to this run's sink.
    kept = os.environ.get("HERENTQ_TEST_CLUSTER_DIR")
    directory = Path(kept or tempfile.mkdtemp(prefix="herentq-cluster-test-"))
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o755)  # the postgres user runs the server when we are root
    _sink, port = smtp
    cluster = Cluster(directory, port)
    try:
        if kept:
            cluster.script("stop", "worker-1")
            cluster.script("stop", "worker-2")
        cluster.script("start")
        yield cluster
    finally:
        if not kept:
            cluster.script("stop")
            shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def sink(smtp):
    return smtp[0]


def unique(prefix: str) -> str:
    return f"{prefix}-{time.time_ns()}"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
