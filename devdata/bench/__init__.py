"""The benchmark's volume data and targets, one module per app.

Each `devdata/bench/<app label>.py` has `load(*, scale)` (bulk volume data in the
bench database, idempotent), `targets()` (the URLs to load-test) and `volume()`
(what it loaded, by the names of `VOLUME`). `manage.py load_bench_data` calls them
in the order of INSTALLED_APPS; the core's module loads every app's demo data
first, so the named pages (a partnership, a track, published minutes) exist.
`scale=1` is the full volume; smaller scales make quick runs.

`VOLUME` is what scale 1 must reach; `run_bench` prints what is loaded next to it
and fails when something is short or missing.
"""

from dataclasses import dataclass, replace

from devdata.demo import modules as _modules

VOLUME = {
    "partnerships": 2_000,
    "photos": 20_000,
    "applications": 50_000,
    "meetings": 1_000,
    "enrolments": 100_000,
}


@dataclass(frozen=True)
class Target:
    """A URL to load-test, and the targets it is held to (see `run_bench`).

    kind: "baseline" (the minimal view), "public" (anonymous pages), "search" (the
    site-wide search with a new term each time), "signed_in"
    (pages of a signed-in user: `user`), "download" (open-data files) or "admin"
    (a staff session). `user`: the username whose session the requests carry.
    `post`: a form body (urlencoded) sent as a POST with a valid CSRF token
    instead of a GET (a save). `vary`: a query parameter whose value changes on
    every request (scripts/bench.lua), e.g. a search term. `modes`: the runs
    that measure it: "cached" (the page cache on, 32 connections), "uncached"
    (the page cache off, 8 connections).
    """

    name: str
    path: str
    kind: str = "public"
    user: str = ""
    post: str = ""
    vary: str = ""
    modes: tuple[str, ...] = ("cached", "uncached")


def uncached_only(target: Target) -> Target:
    """Pages the page cache never serves (sessions, POSTs, files) run once."""
    return replace(target, modes=("uncached",))


def bench_modules():
    """(app config, module) for each installed app with a bench module."""
    return _modules(__name__)


def batched(items, size: int = 5000):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
