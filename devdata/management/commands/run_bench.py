import math
import os
import platform
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
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from devdata.bench import VOLUME, Target, bench_modules

SUMMARY = re.compile(
    r"BENCH requests=(?P<requests>\d+) seconds=(?P<seconds>[\d.]+) "
    r"p50_ms=(?P<p50>[\d.]+) p95_ms=(?P<p95>[\d.]+) "
    r"errors=(?P<errors>\d+) non2xx=(?P<non2xx>\d+)"
)
PUBLIC_P95_MS = 100
ADMIN_P95_MS = 300
PUBLIC_RATIO = 0.5


def parse_summary(output: str) -> dict:
    """The numbers of the summary line that scripts/bench.lua prints."""
    match = SUMMARY.search(output)
    if not match:
        raise ValueError(f"no BENCH summary line in wrk's output:\n{output}")
    values = match.groupdict()
    return {
        "requests": int(values["requests"]),
        "seconds": float(values["seconds"]),
        "rps": int(values["requests"]) / float(values["seconds"]),
        "p50": float(values["p50"]),
        "p95": float(values["p95"]),
        "errors": int(values["errors"]) + int(values["non2xx"]),
    }


def meets_target(kind: str, result: dict, ratio: float | None) -> bool:
    """No error anywhere; public pages (forms included): p95 < 100 ms and at least
    half the minimal view's throughput; admin pages: p95 < 300 ms."""
    if result["errors"]:
        return False
    if kind == "public":
        return result["p95"] < PUBLIC_P95_MS and (ratio or 0) >= PUBLIC_RATIO
    if kind == "admin":
        return result["p95"] < ADMIN_P95_MS
    return True  # the baseline is what the others are measured against


def select_targets(targets: list[Target], only: str) -> list[Target]:
    """The targets whose kind, name or path contains one of the comma-separated
    words of `only` (case-insensitive); all of them when `only` is empty. The
    minimal view stays when a public page is chosen: their ratio needs it."""
    words = [word.strip().lower() for word in only.split(",") if word.strip()]
    if not words:
        return list(targets)
    chosen = [
        target
        for target in targets
        if any(
            word in text
            for word in words
            for text in (target.kind, target.name.lower(), target.path.lower())
        )
    ]
    if any(target.kind == "public" for target in chosen):
        chosen = [
            target
            for target in targets
            if target in chosen or target.kind == "baseline"
        ]
    return chosen


def volume_rows(loaded: dict[str, int], scale: float) -> tuple[list[str], int]:
    """Table rows of the loaded volume against `VOLUME` × scale; how many fall short."""
    rows, short = [], 0
    for name, required in VOLUME.items():
        wanted = math.ceil(required * scale)
        count = loaded.get(name)
        if count is None:
            verdict = "MISSING (no bench module loads it yet)"
            short += 1
        elif count < wanted:
            verdict = "SHORT"
            short += 1
        else:
            verdict = "ok"
        shown = "—" if count is None else _number(count)
        rows.append(f"| {name} | {shown} | {_number(wanted)} | {verdict} |")
    return rows, short


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")  # a narrow space groups the thousands


def target_row(target: Target, result: dict, queries: int, ratio, ok: bool) -> str:
    cpu = result.get("cpu_ms")
    return (
        f"| {target.name} | `{target.path}` | {target.kind} | "
        f"{result['connections']} | {result['rps']:.0f} | "
        f"{result['p50']:.1f} | {result['p95']:.1f} | "
        f"{'—' if cpu is None else f'{cpu:.1f}'} | {queries} | "
        f"{'—' if ratio is None else f'{ratio:.2f}'} | {result['errors']} | "
        f"{'ok' if ok else 'MISSED'} |"
    )


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpu = f"{os.cpu_count()} cores" + (f" ({model})" if model else "")
    return f"{cpu}, {platform.system()} {platform.release()}"


def workers_cpu_seconds(master_pid: int | None) -> float | None:
    """User + system CPU time of the master's child processes (Linux /proc)."""
    if master_pid is None:
        return None
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text()
        ticks = 0
        for pid in children.split():
            # Fields after the command name (which may hold spaces): utime, stime
            # are the 14th and 15th of the whole line.
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


def _load_average() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


class Command(BaseCommand):
    help = "Load-test the running portal (see scripts/bench.sh) and print a table."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", required=True)
        parser.add_argument("--duration", type=int, default=15)
        parser.add_argument("--connections", type=int, default=32)
        parser.add_argument(
            "--admin-connections",
            type=int,
            default=None,
            help="concurrency of the admin targets (default: --connections)",
        )
        parser.add_argument(
            "--warmup",
            type=int,
            default=2,
            help="seconds of unmeasured load per target first (workers load code)",
        )
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--workers", default="?")
        parser.add_argument(
            "--server-pid",
            type=int,
            default=None,
            help="gunicorn's master: its workers' CPU time is measured per target",
        )
        parser.add_argument(
            "--only",
            default="",
            help="comma-separated words: only the targets whose kind, name or path "
            "contains one (e.g. 'admin' or 'inschrijvingen,/admin/council/')",
        )
        parser.add_argument("--lua", default="scripts/bench.lua")
        parser.add_argument("--out", default=".bench/results.md")

    def handle(self, *args, base_url, duration, connections, **options):
        scale, workers = options["scale"], options["workers"]
        lua, out, warmup = options["lua"], options["out"], options["warmup"]
        admin_connections = options["admin_connections"] or connections
        modules = [module for _, module in bench_modules()]
        loaded = {}
        for module in modules:
            if hasattr(module, "volume"):
                loaded.update(module.volume())
        volume, short = volume_rows(loaded, scale)
        targets = select_targets(
            [target for module in modules for target in module.targets()],
            options["only"],
        )
        if not targets:
            raise CommandError(f"no bench target matches --only {options['only']!r}")
        cookie = self._staff_cookie()
        load_before = _load_average()
        rows, baseline_rps, failures = [], None, 0
        for target in targets:
            session = cookie if target.kind == "admin" else ""
            clients = admin_connections if target.kind == "admin" else connections
            url = base_url + target.path
            if warmup:
                self._wrk(url, warmup, clients, lua, session)
            cpu_before = workers_cpu_seconds(options["server_pid"])
            result = self._wrk(url, duration, clients, lua, session)
            cpu_after = workers_cpu_seconds(options["server_pid"])
            result["connections"] = clients
            if cpu_before is not None and cpu_after is not None and result["requests"]:
                result["cpu_ms"] = 1000 * (cpu_after - cpu_before) / result["requests"]
            queries = self._queries(target.path, session)
            if target.kind == "baseline":
                baseline_rps = result["rps"]
            ratio = result["rps"] / baseline_rps if baseline_rps else None
            ok = meets_target(target.kind, result, ratio)
            failures += not ok
            rows.append(target_row(target, result, queries, ratio, ok))
            self.stdout.write(rows[-1])
        only = options["only"]
        chosen = f"; only the targets matching '{only}'" if only else ""
        table = "\n".join(
            [
                f"{timezone.localtime():%Y-%m-%d %H:%M}, {machine()}; load average "
                f"{load_before} before the run, {_load_average()} after it (other "
                f"work on the machine takes CPU from the run). Volume at scale "
                f"{scale:g}{chosen}:",
                "",
                "| data | loaded | required | verdict |",
                "|---|---|---|---|",
                *volume,
                "",
                f"wrk: {duration} s per target after {warmup} s of warm-up; gunicorn "
                f"({workers} sync workers) with production settings on the same "
                "machine. CPU/request: CPU time of the gunicorn workers (not "
                "PostgreSQL's, not wrk's) divided by the requests served. "
                "SQL/request: one uncached request, counted in-process. Ratio: "
                "throughput / the minimal view's.",
                "",
                "| target | path | kind | connections | req/s | p50 ms | p95 ms | "
                "CPU ms/request | SQL/request | ratio | errors | verdict |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|",
                *rows,
            ]
        )
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(table + "\n")
        self.stdout.write("\n" + table)
        if failures or short:
            self.stderr.write(
                f"{failures} target(s) missed, {short} volume(s) short or missing"
            )
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
        return parse_summary(completed.stdout + completed.stderr)

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
