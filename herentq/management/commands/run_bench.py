import re
import subprocess
from pathlib import Path

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from herentq.benchkit import bench_modules

SUMMARY = re.compile(
    r"BENCH requests=(?P<requests>\d+) seconds=(?P<seconds>[\d.]+) "
    r"p50_ms=(?P<p50>[\d.]+) p95_ms=(?P<p95>[\d.]+) "
    r"errors=(?P<errors>\d+) non2xx=(?P<non2xx>\d+)"
)
PUBLIC_P95_MS = 100
ADMIN_P95_MS = 300
PUBLIC_RATIO = 0.5


class Command(BaseCommand):
    help = "Load-test the running portal (see scripts/bench.sh) and print a table."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", required=True)
        parser.add_argument("--duration", type=int, default=15)
        parser.add_argument("--connections", type=int, default=32)
        parser.add_argument("--lua", default="scripts/bench.lua")
        parser.add_argument("--out", default=".bench/results.md")

    def handle(self, *args, base_url, duration, connections, lua, out, **options):
        targets = [t for _, module in bench_modules() for t in module.targets()]
        cookie = self._staff_cookie()
        rows, baseline_rps, failures = [], None, 0
        for target in targets:
            session = cookie if target.kind == "admin" else ""
            result = self._wrk(
                base_url + target.path, duration, connections, lua, session
            )
            queries = self._queries(target.path, session)
            rps = result["requests"] / result["seconds"]
            if target.kind == "baseline":
                baseline_rps = rps
            ratio = rps / baseline_rps if baseline_rps else None
            ok = result["errors"] == 0 and result["non2xx"] == 0
            if target.kind == "public":
                ok = (
                    ok
                    and result["p95"] < PUBLIC_P95_MS
                    and (ratio or 0) >= PUBLIC_RATIO
                )
            elif target.kind in ("admin", "form"):
                limit = ADMIN_P95_MS if target.kind == "admin" else PUBLIC_P95_MS
                ok = ok and result["p95"] < limit
            failures += not ok
            rows.append(
                f"| {target.name} | `{target.path}` | {target.kind} | {rps:.0f} | "
                f"{result['p50']:.1f} | {result['p95']:.1f} | {queries} | "
                f"{ratio:.2f} | {result['errors'] + result['non2xx']} | "
                f"{'ok' if ok else 'MISSED'} |"
            )
            self.stdout.write(rows[-1])
        table = "\n".join(
            [
                f"{connections} connections, {duration} s per target, gunicorn with "
                "production settings; ratio = throughput / minimal view's.",
                "",
                "| target | path | kind | req/s | p50 ms | p95 ms | SQL/request | "
                "ratio | errors | verdict |",
                "|---|---|---|---|---|---|---|---|---|---|",
                *rows,
            ]
        )
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(table + "\n")
        self.stdout.write("\n" + table)
        if failures:
            self.stderr.write(f"{failures} target(s) missed")
            raise SystemExit(1)

    def _wrk(self, url, duration, connections, lua, cookie) -> dict:
        completed = subprocess.run(
            [
                "wrk",
                "-t",
                "2",
                "-c",
                str(connections),
                "-d",
                f"{duration}s",
                "--timeout",
                "5s",
                "-s",
                lua,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            env={"BENCH_COOKIE": cookie, "PATH": "/usr/bin:/bin"},
        )
        match = SUMMARY.search(completed.stdout)
        if not match:
            raise RuntimeError(completed.stdout + completed.stderr)
        values = match.groupdict()
        return {
            "requests": int(values["requests"]),
            "seconds": float(values["seconds"]),
            "p50": float(values["p50"]),
            "p95": float(values["p95"]),
            "errors": int(values["errors"]),
            "non2xx": int(values["non2xx"]),
        }

    def _staff_cookie(self) -> str:
        user, _ = get_user_model().objects.get_or_create(
            username="bench-admin",
            defaults={
                "email": "bench-admin@example.be",
                "is_staff": True,
                "is_superuser": True,
            },
        )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

    def _queries(self, path, cookie) -> int:
        """SQL queries of one uncached request, counted in this process."""
        for alias in settings.CACHES:
            caches[alias].clear()
        client = Client(HTTP_X_FORWARDED_PROTO="https")
        if cookie:
            name, value = cookie.split("=", 1)
            client.cookies[name] = value
        with CaptureQueriesContext(connection) as context:
            client.get(path, secure=True)
        return len(context)
