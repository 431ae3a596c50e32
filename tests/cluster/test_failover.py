"""Node A is killed (SIGKILL, the whole gunicorn) during a bounded load through
HAProxy: a request in flight on A that had no answer yet is retried on B
(retry-on, redispatch), so it does not fail; an answer A had begun to send is
cut (HAProxy has passed its first bytes on and cannot start it again), at most
one per visitor, and only while A dies; afterwards its health check takes A out
— and A rejoins when it is started again."""

import http.client
import threading

import pytest

from tests.cluster.conftest import Browser, wait_for

pytestmark = pytest.mark.cluster

PAGES = ["/", "/leertrajecten/", "/partnerschappen/", "/healthz/"]


def _load(cluster, stop: threading.Event, results: list, cut: list, errors: list):
    """Visits until `stop`; an answer cut off is noted (at its place among the
    results), any other exception ends the visitor and is kept for the test."""
    visitor = Browser()
    number = 0
    try:
        while not stop.is_set():
            try:
                answer = visitor.get(
                    f"{cluster.url}{PAGES[number % len(PAGES)]}", timeout=20
                )
            except (http.client.IncompleteRead, ConnectionError):
                cut.append(len(results))
            else:
                results.append((answer.status, answer.node))
            number += 1
    except Exception as error:  # the test's assertion reports it
        errors.append(error)


def test_killing_node_a_under_load_fails_no_request_and_a_rejoins(cluster):
    assert wait_for(lambda: cluster.server_states() == {"node-a": "UP", "node-b": "UP"})
    stop = threading.Event()
    results: list[tuple[int, str]] = []
    cut: list[int] = []
    errors: list[Exception] = []
    threads = [
        threading.Thread(target=_load, args=(cluster, stop, results, cut, errors))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    try:
        wait_for(lambda: len(results) >= 40)  # both nodes serve
        killed_at = len(results)
        cluster.kill("node-a")
        wait_for(lambda: cluster.server_states()["node-a"].startswith("DOWN"))
        detected_at = len(results)
        wait_for(lambda: len(results) >= detected_at + 40)  # B alone
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert {node for _, node in results[:killed_at]} == {"node-a", "node-b"}
    assert {node for _, node in results[detected_at:]} == {"node-b"}
    assert errors == []
    failed = [result for result in results if result[0] != 200]
    assert failed == [], f"{len(failed)} of {len(results)} requests failed"
    # Only answers A was sending when it died, one per visitor at most.
    assert len(cut) <= len(threads)
    assert all(killed_at <= place <= detected_at for place in cut), (cut, killed_at)

    cluster.script("start", "node-a")
    wait_for(lambda: cluster.server_states()["node-a"] == "UP")
    visitor = Browser()
    served_by = {visitor.get(f"{cluster.url}/healthz/").node for _ in range(6)}
    assert served_by == {"node-a", "node-b"}
