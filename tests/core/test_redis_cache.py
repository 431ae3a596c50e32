"""The shared cache: with REDIS_URL, the page cache and the rate-limit counters
live in a real Redis (started here, on a Unix socket in a temporary directory),
counted exactly by several processes at once; /readyz/ follows Redis' state."""

import json
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import caches

from herentq.settings.base import redis_caches
from tests.core.production import run_probe

pytestmark = pytest.mark.django_db


class RedisServer:
    def __init__(self, directory):
        self.socket = directory / "redis.sock"
        self.directory = directory
        self.url = f"unix://{self.socket}?db=0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", "0", "--unixsocket", str(self.socket),
             "--unixsocketperm", "700", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(500):
            if self.socket.exists():
                return
            time.sleep(0.01)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.socket.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def shared_cache(settings, redis_server):
    settings.CACHES = {**settings.CACHES, **redis_caches(redis_server.url)}
    caches["default"].clear()  # FLUSHDB: both aliases share the database
    yield redis_server


# Two "app nodes" (processes with the production settings and REDIS_URL), four
# threads each, start together (a barrier in Redis) and count in one window.
CONCURRENT_HITS = """
import json, threading
from django.conf import settings
from django.core.cache import cache
from herentq import ratelimit

backends = {alias: c["BACKEND"] for alias, c in settings.CACHES.items()}
cache.incr("barrier")
while cache.get("barrier") < 2:
    pass
allowed = []
def count():
    for _ in range(250):
        allowed.append(ratelimit.hit("probe", "198.51.100.7", amount=1500, seconds=3600))
threads = [threading.Thread(target=count) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({"backends": backends, "allowed": sum(allowed)}))
"""


def test_two_nodes_counting_at_once_count_exactly(shared_cache, tmp_path):
    caches["default"].set("barrier", 0, timeout=60)
    no_database = str(tmp_path).replace("/", "%2F")  # counting needs no database

    def node(_):
        return run_probe(
            CONCURRENT_HITS,
            database_url=f"postgres://herentq@{no_database}:54329/herentq",
            extra_env={"REDIS_URL": shared_cache.url},
        )

    with ThreadPoolExecutor(2) as pool:
        nodes = list(pool.map(node, range(2)))
    redis = "herentq.cache.FailoverRedisCache"
    assert nodes[0]["backends"]["default"] == nodes[0]["backends"]["pages"] == redis
    # 2 000 sendings, a limit of 1 500: exactly 1 500 allowed, none lost.
    assert sum(n["allowed"] for n in nodes) == 1500
    from herentq import ratelimit

    # The counter stands at exactly 2 000: the 2 001st is within a limit of 2 001.
    assert ratelimit.hit("probe", "198.51.100.7", amount=2001, seconds=3600)
    assert not ratelimit.hit("probe", "198.51.100.7", amount=2001, seconds=3600)


def test_public_pages_are_cached_in_redis(client, shared_cache):
    client.get("/sdg/")
    assert caches["pages"]._cache.get_client().keys("*pages*views.decorators.cache*")


def readiness(client):
    response = client.get("/readyz/")
    return response.status_code, json.loads(response.content)


def test_readyz_names_each_dependency_and_follows_redis(client, shared_cache):
    status, body = readiness(client)
    assert status == 200
    assert body == {
        "ready": True,
        "checks": {
            "database": {"ok": True},
            "cache": {
                "default": {"ok": True},
                "pages": {"ok": True},
                "database": {"ok": True},
                "fragments": {"ok": True},
            },
            "storage": {"default": {"ok": True}, "private": {"ok": True}},
            "queue": {"ok": True, "backlog": 0, "oldest_seconds": None},
        },
    }
    assert client.get("/healthz/").status_code == 200

    shared_cache.stop()
    try:
        status, body = readiness(client)
        assert status == 503
        assert body["ready"] is False
        assert body["checks"]["cache"]["default"] == {
            "ok": False,
            "error": "ConnectionError",
        }
        assert body["checks"]["database"] == {"ok": True}
        assert str(shared_cache.socket) not in json.dumps(body)  # no addresses
        assert client.get("/healthz/").status_code == 200  # alive, not ready
    finally:
        shared_cache.start()
    status, body = readiness(client)
    assert status == 200


def test_with_redis_down_pages_are_served_and_limits_count_in_the_database(
    client, shared_cache
):
    from herentq import ratelimit

    shared_cache.stop()
    try:
        assert client.get("/sdg/").status_code == 200  # rendered, not cached
        assert client.get("/sdg/").status_code == 200
        # The counters go on in the database cache: the limit holds.
        assert ratelimit.hit("down", "198.51.100.9", amount=1, seconds=3600)
        assert not ratelimit.hit("down", "198.51.100.9", amount=1, seconds=3600)
        assert readiness(client)[0] == 503
    finally:
        shared_cache.start()
    assert readiness(client)[0] == 200
