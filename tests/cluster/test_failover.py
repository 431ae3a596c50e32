"""Node A is killed (SIGKILL, the whole gunicorn) during a bounded load through
HAProxy: no request fails — in flight on A, HAProxy retries it on B (retry-on,
redispatch); afterwards its health check takes A out — and A rejoins when it is
started again."""

import threading

import pytest

from tests.cluster.conftest import Browser, wait_for

pytestmark = pytest.mark.cluster

PAGES = ["/", "/leertrajecten/", "/partnerschappen/", "/healthz/"]


def _load(cluster, stop: threading.Event, results: list) -> None:
    visitor = Browser()
    number = 0
    while not stop.is_set():
        answer = visitor.get(f"{cluster.url}{PAGES[number % len(PAGES)]}", timeout=20)
        results.append((answer.status, answer.node))
        number += 1


def test_killing_node_a_under_load_fails_no_request_and_a_rejoins(cluster):
    assert wait_for(lambda: cluster.server_states() == {"node-a": "UP", "node-b": "UP"})
    stop = threading.Event()
    results: list[tuple[int, str]] = []
    threads = [
        threading.Thread(target=_load, args=(cluster, stop, results)) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    try:
        wait_for(lambda: len(results) >= 40)  # both nodes serve
        cluster.kill("node-a")
        killed_at = len(results)
        wait_for(lambda: cluster.server_states()["node-a"].startswith("DOWN"))
        detected_at = len(results)
        wait_for(lambda: len(results) >= detected_at + 40)  # B alone
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert {node for _, node in results[:killed_at]} == {"node-a", "node-b"}
    assert {node for _, node in results[detected_at:]} == {"node-b"}
    failed = [result for result in results if result[0] != 200]
    assert failed == [], f"{len(failed)} of {len(results)} requests failed"

    cluster.script("start", "node-a")
    wait_for(lambda: cluster.server_states()["node-a"] == "UP")
    visitor = Browser()
    served_by = {visitor.get(f"{cluster.url}/healthz/").node for _ in range(6)}
    assert served_by == {"node-a", "node-b"}
