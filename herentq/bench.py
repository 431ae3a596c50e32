"""Benchmark volume data and targets of the core (see `manage.py run_bench`).

Every app may have a `bench` module with `load(*, scale)` (bulk volume data in the
bench database, idempotent), `targets()` (the URLs to load-test) and `volume()`
(what it loaded, by the names of `VOLUME`). `scale=1` is the volume the issue asks
for; smaller scales make quick runs. The core loads every app's demo data first,
so the named pages (a partnership, a track, published minutes) exist.

`VOLUME` is what scale 1 must reach; `run_bench` prints what is loaded next to it
and fails when something is short. The subsidy applications come from
`subsidies/bench.py`, which the subsidies app adds: `load(*, scale)` creating
`VOLUME["applications"] * scale` applications and `volume()` returning
`{"applications": …}`; until then the table shows them as missing.
"""

import io

from django.core.management import call_command

from herentq.benchkit import Target

VOLUME = {
    "partnerships": 2_000,
    "photos": 20_000,
    "applications": 50_000,
    "meetings": 1_000,
    "enrolments": 100_000,
}


def load(*, scale: float) -> None:
    # Every app's demo data (idempotent): the apps' bench data builds on it.
    call_command("load_demo_data", stdout=io.StringIO())


def targets() -> list[Target]:
    return [
        Target("minimale Django-view", "/healthz/", kind="baseline"),
        Target("startpagina", "/", kind="public"),
    ]
