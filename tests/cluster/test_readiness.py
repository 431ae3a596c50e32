"""/readyz/ follows the dependencies the nodes share: 503 while Redis or the object
store is stopped, 200 again once it returns. Meanwhile the portal degrades instead
of failing: HAProxy sends visitors to the live nodes, which serve pages without the
page cache and keep counting rate limits in PostgreSQL."""

import json
import random
import time

import pytest

from herentq.cache import RETRY_AFTER
from tests.cluster.conftest import Browser, unique, wait_for

pytestmark = pytest.mark.cluster


def _ready(cluster, node: str) -> tuple[int, dict]:
    answer = Browser().get(f"{cluster.node_url(node)}/readyz/")
    return answer.status, json.loads(answer.content)


def _start_again(cluster, component: str) -> None:
    """Start `component` and wait until every worker uses it again: both nodes
    ready, then each worker's pause after its last failed Redis call
    (`RETRY_AFTER`, herentq/cache.py) over, so that the next tests count in Redis
    only, not partly in PostgreSQL."""
    cluster.script("start", component)
    for node in ("a", "b"):
        wait_for(lambda n=node: _ready(cluster, n)[0] == 200, seconds=30)
    if component == "redis":
        time.sleep(RETRY_AFTER)


@pytest.mark.parametrize(
    ("component", "group", "alias"),
    [("redis", "cache", "default"), ("s3", "storage", "default")],
)
def test_readyz_is_503_while_a_shared_dependency_is_down(
    cluster, component, group, alias
):
    assert _ready(cluster, "a")[0] == 200
    cluster.script("stop", component)
    try:
        for node in ("a", "b"):
            wait_for(lambda n=node: _ready(cluster, n)[0] == 503)
            _status, body = _ready(cluster, node)
            assert body["checks"][group][alias]["ok"] is False
            assert body["checks"]["database"] == {"ok": True}
        # HAProxy takes both nodes out of `app`, then serves from the live ones.
        wait_for(lambda: set(cluster.server_states().values()) == {"DOWN"}, seconds=20)
        visitor = Browser()
        for page in ("/", "/leertrajecten/", "/partnerschappen/"):
            answer = visitor.get(f"{cluster.url}{page}")
            assert answer.status == 200, page
    finally:
        _start_again(cluster, component)
    wait_for(lambda: set(cluster.server_states().values()) == {"UP"}, seconds=20)


def test_with_redis_down_the_rate_limit_still_holds(cluster):
    slug = unique("traject")
    cluster.shell(
        "from learning_tracks.constants import TrackStatus\n"
        "from tests.learning_tracks.factories import TrackFactory\n"
        f"TrackFactory(slug={slug!r}, number={random.randint(1_000, 30_000)},"
        " status=TrackStatus.ANNOUNCED)\n"
    )
    cluster.script("stop", "redis")
    try:
        visitor = Browser(
            client_address=f"192.0.2.{random.randint(1, 254)}", host=cluster.host
        )
        statuses = [
            visitor.post(
                f"{cluster.node_url('ab'[number % 2])}/leertrajecten/{slug}/interesse/",
                {"email": f"iemand{number}@example.be"},
            ).status
            for number in range(21)
        ]
        assert statuses == [302] * 20 + [429]
    finally:
        _start_again(cluster, "redis")
