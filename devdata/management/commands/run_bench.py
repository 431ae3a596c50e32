import json
import math
import os
import platform
import re
import socket
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
# A POST's CSRF token: Django accepts the cookie's secret itself as the token.
CSRF_SECRET = "benchbenchbenchbenchbenchbench12"
# A query that reads a table of more rows than this whole misses its index.
BIG_TABLE_ROWS = 10_000
PUBLIC_P95_MS = 100
ADMIN_P95_MS = 300
PUBLIC_RATIO = 0.5
# Without the page cache (issue 13): worker CPU per request and p95 per kind.
# The site-wide search with a new term each time ("search") is held to its p95
# (issue 15); its CPU per request is shown, the 15 ms of a page is not its limit.
UNCACHED_CPU_MS = {
    "public": 15,
    "signed_in": 25,
    "admin": 25,
    "download": None,
    "search": None,
}
UNCACHED_P95_MS = {
    "public": 100,
    "signed_in": 150,
    "admin": 300,
    "download": 200,
    "search": 100,
}
MODES = ("cached", "uncached")
# Cluster mode (issue 18): the uncached public targets through HAProxy, first with
# one app node in rotation, then with two; the same machine, the same run.
CLUSTER_KINDS = ("baseline", "public")


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


def meets_target(
    kind: str, result: dict, ratio: float | None, mode: str = "cached"
) -> bool:
    """No error anywhere. With the page cache: public pages (forms included)
    p95 < 100 ms and at least half the minimal view's throughput; admin pages
    p95 < 300 ms. Without it: the CPU per request and p95 of `UNCACHED_*`."""
    if result["errors"] or result.get("requests") == 0:
        return False
    if kind == "baseline":
        return True  # what the others are measured against
    if mode == "uncached":
        cpu_limit = UNCACHED_CPU_MS.get(kind)
        cpu = result.get("cpu_ms")
        if cpu_limit is not None and cpu is not None and cpu > cpu_limit:
            return False
        return result["p95"] < UNCACHED_P95_MS.get(kind, PUBLIC_P95_MS)
    if kind == "public":
        return result["p95"] < PUBLIC_P95_MS and (ratio or 0) >= PUBLIC_RATIO
    if kind == "admin":
        return result["p95"] < ADMIN_P95_MS
    return True


def targets_of_mode(targets: list[Target], mode: str) -> list[Target]:
    return [target for target in targets if mode in target.modes]


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


def combined_rows(results: dict[str, list[dict]]) -> list[str]:
    """One row per target with the cached and the uncached run side by side."""
    by_target: dict[tuple, dict[str, dict]] = {}
    for mode in MODES:
        for result in results.get(mode, []):
            key = (result["name"], result["path"], result["kind"])
            by_target.setdefault(key, {})[mode] = result
    rows = []
    for (name, path, kind), modes in by_target.items():
        cells = [name, f"`{path}`", kind]
        for mode in MODES:
            result = modes.get(mode)
            if result is None:
                cells += ["—"] * (7 if mode == "uncached" else 4)
                continue
            ratio = result.get("ratio")
            cpu = result.get("cpu_ms")
            cells += [
                f"{result['rps']:.0f}",
                f"{result['p95']:.1f}",
                "—" if cpu is None else f"{cpu:.1f}",
                "—" if ratio is None else f"{ratio:.2f}",
            ]
            if mode == "uncached":
                cells += [
                    str(result["queries"]),
                    str(result.get("seq_scans", "—")),
                    str(result["errors"]),
                ]
        ok = all(result["ok"] for result in modes.values())
        cells.append("ok" if ok else "MISSED")
        rows.append("| " + " | ".join(cells) + " |")
    return rows


COMBINED_HEADER = [
    "| target | path | kind | cached req/s | cached p95 ms | cached CPU ms | "
    "cached ratio | uncached req/s | uncached p95 ms | uncached CPU ms | "
    "uncached ratio | SQL/request | seq scans | errors | verdict |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
]


def seq_scans(plan: dict, big: dict[str, float]) -> list[str]:
    """The tables of `big` (name: estimated rows) an EXPLAIN plan reads whole."""
    found = []
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in big:
        found.append(plan["Relation Name"])
    for child in plan.get("Plans", []):
        found += seq_scans(child, big)
    return found


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


def haproxy_command(socket_path: str, command: str) -> str:
    """One command on HAProxy's admin socket (scripts/cluster.sh makes it)."""
    with socket.socket(socket.AF_UNIX) as conn:
        conn.connect(socket_path)
        conn.sendall(command.encode() + b"\n")
        return conn.makefile().read()


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
        parser.add_argument(
            "--haproxy-socket",
            default=None,
            help="cluster mode: HAProxy's admin socket (scripts/cluster.sh), to take "
            "node-b out of rotation for the one-node measurement",
        )
        parser.add_argument(
            "--mode",
            choices=(*MODES, "cluster"),
            default="cached",
            help="which run this is: the server has its page cache on (cached) or "
            "off (uncached, PAGE_CACHE_SECONDS=0); the targets and limits follow",
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
        if options["mode"] == "cluster":
            return self.handle_cluster(base_url, duration, connections, **options)
        scale, workers, mode = options["scale"], options["workers"], options["mode"]
        lua, out, warmup = options["lua"], options["out"], options["warmup"]
        admin_connections = options["admin_connections"] or connections
        modules = [module for _, module in bench_modules()]
        loaded = {}
        for module in modules:
            if hasattr(module, "volume"):
                loaded.update(module.volume())
        volume, short = volume_rows(loaded, scale)
        every = [target for module in modules for target in module.targets()]
        targets = select_targets(targets_of_mode(every, mode), options["only"])
        if not targets:
            raise CommandError(f"no bench target matches --only {options['only']!r}")
        self.big_tables = self._big_tables()
        load_before = _load_average()
        rows, results, baseline_rps, failures = [], [], None, 0
        for target in targets:
            cookie = self._cookie(target)
            clients = admin_connections if target.kind == "admin" else connections
            url = base_url + target.path
            body = self._body(target, cookie)
            if warmup:
                self._wrk(url, warmup, clients, lua, cookie, target, body, base_url)
            cpu_before = workers_cpu_seconds(options["server_pid"])
            result = self._wrk(
                url, duration, clients, lua, cookie, target, body, base_url
            )
            cpu_after = workers_cpu_seconds(options["server_pid"])
            result["connections"] = clients
            if cpu_before is not None and cpu_after is not None and result["requests"]:
                result["cpu_ms"] = 1000 * (cpu_after - cpu_before) / result["requests"]
            queries, scans = self._queries(target, cookie, body)
            if target.kind == "baseline":
                baseline_rps = result["rps"]
            ratio = result["rps"] / baseline_rps if baseline_rps else None
            ok = meets_target(target.kind, result, ratio, mode) and not scans
            failures += not ok
            rows.append(target_row(target, result, queries, ratio, ok))
            self.stdout.write(
                rows[-1] + (f" seq scans: {', '.join(scans)}" if scans else "")
            )
            results.append(
                {
                    "name": target.name,
                    "path": target.path,
                    "kind": target.kind,
                    **result,
                    "queries": queries,
                    "seq_scans": len(scans),
                    "ratio": ratio,
                    "ok": ok,
                }
            )
        out_path = Path(out)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.with_name(f"results-{mode}.json").write_text(json.dumps(results))
        every_mode = {
            name: json.loads(path.read_text())
            for name in MODES
            if (path := out_path.with_name(f"results-{name}.json")).exists()
        }
        only = options["only"]
        chosen = f"; only the targets matching '{only}'" if only else ""
        table = "\n".join(
            [
                f"{timezone.localtime():%Y-%m-%d %H:%M}, {machine()}; load average "
                f"{load_before} before the {mode} run, {_load_average()} after it "
                f"(other work on the machine takes CPU from the run). Volume at "
                f"scale {scale:g}{chosen}:",
                "",
                "| data | loaded | required | verdict |",
                "|---|---|---|---|",
                *volume,
                "",
                f"wrk: {duration} s per target after {warmup} s of warm-up; gunicorn "
                f"({workers} sync workers) with production settings on the same "
                "machine. Cached: the page cache on, "
                "public pages at 32 connections. Uncached: PAGE_CACHE_SECONDS=0, "
                "8 connections (the admin 4). CPU: CPU time of the gunicorn workers "
                "(not PostgreSQL's, not wrk's) per request served. SQL/request: one "
                "request, counted in-process with the caches emptied; seq scans: "
                "its queries that read a table of over 10 000 rows whole (EXPLAIN). "
                "Ratio: throughput / the minimal view's in the same run.",
                "",
                *COMBINED_HEADER,
                *combined_rows(every_mode),
            ]
        )
        out_path.write_text(table + "\n")
        self.stdout.write("\n" + table)
        if failures or short:
            self.stderr.write(
                f"{failures} target(s) missed, {short} volume(s) short or missing"
            )
            raise SystemExit(1)

    def handle_cluster(self, base_url, duration, connections, **options):
        """Requests/s of one app node against two, both behind HAProxy (base_url):
        the public targets without the page cache (PAGE_CACHE_SECONDS=0), so the
        nodes do the work. Node-b is disabled in HAProxy for the one-node run."""
        socket_path, lua = options["haproxy_socket"], options["lua"]
        if not socket_path:
            raise CommandError("--mode cluster needs --haproxy-socket")
        every = [t for _, m in bench_modules() for t in m.targets()]
        targets = select_targets(
            [t for t in targets_of_mode(every, "uncached") if t.kind in CLUSTER_KINDS],
            options["only"],
        )
        if not targets:
            raise CommandError(f"no bench target matches --only {options['only']!r}")
        load_before = _load_average()
        results = {}
        for nodes in (1, 2):
            haproxy_command(
                socket_path,
                ("disable" if nodes == 1 else "enable") + " server app/node-b",
            )
            for target in targets:
                cookie, url = self._cookie(target), base_url + target.path
                body = self._body(target, cookie)
                args = (url, None, connections, lua, cookie, target, body, base_url)
                if options["warmup"]:
                    self._wrk(url, options["warmup"], *args[2:])
                result = self._wrk(url, duration, *args[2:])
                results[(target.name, nodes)] = result
                self.stdout.write(
                    f"{nodes} node(s) {target.path}: {result['rps']:.1f} req/s, "
                    f"p95 {result['p95']:.0f} ms, errors {result['errors']}"
                )
        rows = []
        for target in targets:
            one, two = results[(target.name, 1)], results[(target.name, 2)]
            rows.append(
                f"| {target.name} | `{target.path}` | {one['rps']:.1f} | "
                f"{one['p95']:.0f} | {two['rps']:.1f} | {two['p95']:.0f} | "
                f"{two['rps'] / one['rps']:.2f} | {one['errors'] + two['errors']} |"
            )
        table = "\n".join(
            [
                f"{timezone.localtime():%Y-%m-%d %H:%M}, {machine()}; load average "
                f"{load_before} before, {_load_average()} after. Cluster mode: "
                f"HAProxy in front of gunicorn nodes ({options['workers']} sync "
                f"workers each), PAGE_CACHE_SECONDS=0, Redis, PostgreSQL, all on "
                f"this machine; wrk {duration} s per target at {connections} "
                f"connections, volume at scale {options['scale']:g}.",
                "",
                "| target | path | 1 node req/s | 1 node p95 ms | 2 nodes req/s | "
                "2 nodes p95 ms | gain | errors |",
                "|---|---|---|---|---|---|---|---|",
                *rows,
            ]
        )
        out_path = Path(options["out"]).with_name("results-cluster.md")
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(table + "\n")
        self.stdout.write("\n" + table)
        if any(result["errors"] for result in results.values()):
            raise SystemExit(1)

    def _wrk(self, url, duration, connections, lua, cookie, target, body, base_url):
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
            env={
                "BENCH_COOKIE": cookie,
                "BENCH_BODY": body,
                # Behind the TLS proxy: a POST's Referer is an https URL.
                "BENCH_REFERER": url.replace("http://", "https://", 1),
                "BENCH_VARY": target.vary,
                "PATH": "/usr/bin:/bin",
            },
        )
        return parse_summary(completed.stdout + completed.stderr)

    def _cookie(self, target: Target) -> str:
        """The Cookie header of the target's requests: a session for the admin
        and signed-in targets, and a CSRF cookie for a POST."""
        username = "bench-admin" if target.kind == "admin" else target.user
        cookies = []
        if username:
            cookies.append(self._session_cookie(username))
        if target.post:
            cookies.append(f"{settings.CSRF_COOKIE_NAME}={CSRF_SECRET}")
        return "; ".join(cookies)

    @staticmethod
    def _body(target: Target, cookie: str) -> str:
        if not target.post:
            return ""
        return f"csrfmiddlewaretoken={CSRF_SECRET}&{target.post}"

    def _session_cookie(self, username: str) -> str:
        user, _ = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.be",
                "is_staff": username == "bench-admin",
                "is_superuser": username == "bench-admin",
            },
        )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

    @staticmethod
    def _big_tables() -> dict[str, float]:
        """The tables of over `BIG_TABLE_ROWS` rows (PostgreSQL's estimate)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' "
                "AND reltuples > %s",
                [BIG_TABLE_ROWS],
            )
            return dict(cursor.fetchall())

    def _queries(self, target: Target, cookie: str, body: str) -> tuple[int, list]:
        """SQL queries of one request, counted in this process with the caches
        emptied, and the big tables its SELECTs read whole (EXPLAIN).

        The `database` alias (and the `default` one when it is the same table)
        is not emptied: it holds the partnerships' data
        version and the notes of the prebuilt files, which are the data's state
        rather than a cache. Emptying it here changed the version under the
        running server before the next target, so every worker rebuilt the
        open-data files at once while wrk counted timeouts (the 8 errors, one
        per connection, of the download targets)."""
        kept = settings.CACHES["database"]
        for alias, config in settings.CACHES.items():
            # Without REDIS_URL, `default` is the same table as `database`.
            if (config["BACKEND"], config.get("LOCATION")) != (
                kept["BACKEND"],
                kept.get("LOCATION"),
            ):
                caches[alias].clear()
        client = Client(HTTP_X_FORWARDED_PROTO="https")
        for part in filter(None, cookie.split("; ")):
            name, value = part.split("=", 1)
            client.cookies[name] = value
        path = target.path
        if target.vary:
            path += ("&" if "?" in path else "?") + f"{target.vary}=onderwijs"
        with CaptureQueriesContext(connection) as context:
            if body:
                client.post(
                    path,
                    body,
                    content_type="application/x-www-form-urlencoded",
                    secure=True,
                    HTTP_REFERER=f"https://testserver{target.path}",
                )
            else:
                client.get(path, secure=True)
        scans = []
        with connection.cursor() as cursor:
            for query in context.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
                cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0][0]["Plan"]
                scans += seq_scans(plan, self.big_tables)
        return len(context), sorted(set(scans))
