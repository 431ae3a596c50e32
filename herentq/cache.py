"""Redis that degrades instead of failing the portal (issue 18).

Every app node shares Redis for the page cache and the rate-limit and login-throttle
counters. When Redis does not answer, a request must not fail because of it:

- the counters (cache ``default``) fall back to the database cache (``FALLBACK``:
  PostgreSQL, shared by every node, its increments not atomic: the limits stay in
  force, a burst may be undercounted a little, as on one machine);
- the page cache (``pages``, no ``FALLBACK``) is skipped: pages are rendered for
  every request until Redis is back.

After a failure Redis is left alone for ``RETRY_AFTER`` seconds (no connection
attempt, no timeout per request); then it is tried again. /readyz/ still reports
Redis itself (``probe``), so the load balancer and the operator see the outage.
"""

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("herentq.cache")

RETRY_AFTER = 5.0
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
_WRAPPED = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
)


class FailoverRedisCache(RedisCache):
    """Django's RedisCache; when Redis is unreachable, the cache named in
    ``OPTIONS["FALLBACK"]`` (or none: nothing is kept) answers instead."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.fallback_alias = options.pop("FALLBACK", None)
        super().__init__(server, {**params, "OPTIONS": options})
        self.down_until = 0.0

    def fallback(self):
        if self.fallback_alias:
            return caches[self.fallback_alias]
        return DummyCache("", {})

    def probe(self, key: str, value: str) -> object:
        """Set and read back a value in Redis itself, never in the fallback."""
        RedisCache.set(self, key, value, timeout=10)
        return RedisCache.get(self, key)


def _failing_over(name):
    redis_method = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if time.monotonic() >= self.down_until:
            try:
                return redis_method(self, *args, **kwargs)
            except UNREACHABLE as error:
                logger.warning(
                    "Redis does not answer (%s): %s for %ss",
                    type(error).__name__,
                    f"cache {self.fallback_alias!r}"
                    if self.fallback_alias
                    else "no cache",
                    RETRY_AFTER,
                )
                self.down_until = time.monotonic() + RETRY_AFTER
        return getattr(self.fallback(), name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = redis_method.__doc__
    return method


for _name in _WRAPPED:
    setattr(FailoverRedisCache, _name, _failing_over(_name))
