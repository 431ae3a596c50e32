"""Readiness: can this app node serve requests? For the load balancer and the
container's HEALTHCHECK (`/readyz/`); `/healthz/` stays the cheap liveness check.

Each dependency is probed with the smallest real operation: the database answers
a query, each cache keeps and returns a value, each file storage answers a
lookup; the job queue (procrastinate's tables) gives its backlog. The answer names every dependency and whether it works, never an address,
a password or an error message (they may contain either): only the error's type.
"""

import os
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.db.models import Min, Q
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateEvent, ProcrastinateJob

from herentq.cache import FailoverRedisCache

PROBE_KEY = "herentq:readyz"
PROBE_NAME = "herentq-readyz-probe"


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache(alias: str) -> None:
    cache = caches[alias]
    token = uuid.uuid4().hex
    if isinstance(cache, FailoverRedisCache):
        kept = cache.probe(PROBE_KEY, token)  # Redis itself, not its fallback
    else:
        cache.set(PROBE_KEY, token, timeout=10)
        kept = cache.get(PROBE_KEY)
    if kept != token:
        raise LookupError("the cache did not keep a value")


def _storage(alias: str) -> None:
    storage = storages[alias]
    if isinstance(storage, FileSystemStorage):
        # Created as a first upload would create it; then it must be writable.
        os.makedirs(storage.location, exist_ok=True)
        if not os.access(storage.location, os.W_OK):
            raise PermissionError("not a writable directory")
    else:
        # One request to the object store: listing a prefix (an empty one) fails
        # when the store is down, the key is refused or the bucket is missing.
        storage.listdir(PROBE_NAME)


def _queue() -> dict:
    """The job queue's backlog (jobs due, not started) and its oldest one's age."""
    now = timezone.now()
    due = ProcrastinateJob.objects.filter(status="todo").filter(
        Q(scheduled_at__isnull=True) | Q(scheduled_at__lte=now)
    )
    oldest = ProcrastinateEvent.objects.filter(type="deferred", job__in=due).aggregate(
        at=Min("at")
    )["at"]
    return {
        "backlog": due.count(),
        "oldest_seconds": round((now - oldest).total_seconds()) if oldest else None,
    }


def _outcome(probe, *args) -> dict:
    try:
        details = probe(*args) or {}
    except Exception as error:  # any failure means: not ready
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, **details}


def _probed_caches() -> list[str]:
    """Every configured cache but a dummy one (tests, `make dev`), which keeps nothing."""
    return [
        alias
        for alias, config in settings.CACHES.items()
        if not config["BACKEND"].endswith(".DummyCache")
    ]


def check() -> dict:
    """{"ready": bool, "checks": {dependency: {"ok": bool, ...}}}"""
    checks = {
        "database": _outcome(_database),
        "cache": {alias: _outcome(_cache, alias) for alias in _probed_caches()},
        "storage": {
            alias: _outcome(_storage, alias)
            for alias in settings.STORAGES
            if alias != "staticfiles"  # in the image, served by WhiteNoise
        },
        "queue": _outcome(_queue),
    }
    ready = (
        checks["database"]["ok"]
        and checks["queue"]["ok"]
        and all(
            outcome["ok"]
            for group in ("cache", "storage")
            for outcome in checks[group].values()
        )
    )
    return {"ready": ready, "checks": checks}
