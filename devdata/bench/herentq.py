"""Benchmark targets of the core, and every app's demo data as the base."""

import io

from django.core.management import call_command

from devdata.bench import Target, uncached_only


def load(*, scale: float) -> None:
    # Every app's demo data (idempotent): the apps' bench data builds on it.
    call_command("load_demo_data", stdout=io.StringIO())


def targets() -> list[Target]:
    return [
        Target("minimale Django-view", "/healthz/", kind="baseline"),
        Target("startpagina", "/", kind="public"),
        # The site-wide search: every kind, a typo to forgive.
        Target("zoeken: hele site", "/zoeken/?q=gemeenschapsradoi", kind="public"),
        # A different site-wide search on every request (scripts/bench.lua), what
        # the page cache never has: p95 < 100 ms at 8 connections (issue 15).
        uncached_only(
            Target("zoeken: hele site (wisselend)", "/zoeken/", kind="search", vary="q")
        ),
    ]
