"""Benchmark volume data and targets of the core (see `manage.py run_bench`).

Every app may have a `bench` module with `load(*, scale)` (bulk volume data in the
bench database) and `targets()` (the URLs to load-test). `scale=1` is the volume
the issue asks for; smaller scales make quick runs.
"""

from herentq.benchkit import Target
from herentq.demo import load as load_demo


def load(*, scale: float) -> None:
    load_demo()


def targets() -> list[Target]:
    return [
        Target("minimale Django-view", "/healthz/", kind="baseline"),
        Target("startpagina", "/", kind="public"),
    ]
