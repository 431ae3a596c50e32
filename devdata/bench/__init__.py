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

from dataclasses import dataclass

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
    name: str
    path: str
    # baseline: the minimal view; public: p95 < 100 ms and >= 50 % of the baseline's
    # throughput; admin: p95 < 300 ms (needs a staff session).
    kind: str = "public"


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
