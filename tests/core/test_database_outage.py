"""While the database cannot be reached, visitors get a 503 that asks them to come
back, not a 500: a process with the production settings whose database server is
not there (its socket directory is empty), as during a restart or a failover."""

import json

from tests.core.production import run_probe

OUTAGE_PROBE = """
import json
from django.test import Client
client = Client(HTTP_X_FORWARDED_PROTO="https", raise_request_exception=False)
out = {}
for path in ["/", "/partnerschappen/", "/grosh/", "/accounts/login/", "/subsidies/"]:
    response = client.get(path, secure=True)
    out[path] = {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "csp": response.get("Content-Security-Policy", ""),
        "text": response.content.decode(),
    }
print(json.dumps(out))
"""


def test_pages_answer_503_with_retry_after_while_the_database_is_down(tmp_path):
    no_server = str(tmp_path).replace("/", "%2F")  # nothing listens in there
    pages = run_probe(
        OUTAGE_PROBE, database_url=f"postgres://herentq@{no_server}:54329/herentq"
    )
    for path, page in pages.items():
        assert page["status"] == 503, path
        assert page["retry_after"] == "30", path
        assert "Even geduld" in page["text"], path
        assert "Probeer het binnen een halve minuut opnieuw" in page["text"], path
        assert "frame-ancestors 'none'" in page["csp"], path


READINESS_PROBE = """
import json
from django.test import Client
client = Client(raise_request_exception=False)
ready, alive = client.get("/readyz/"), client.get("/healthz/")
print(json.dumps({"ready": [ready.status_code, json.loads(ready.content)],
                  "alive": alive.status_code}))
"""


def test_readyz_answers_503_naming_the_database_while_it_is_down(tmp_path):
    no_server = str(tmp_path).replace("/", "%2F")
    probe = run_probe(
        READINESS_PROBE,
        database_url=f"postgres://herentq:secret@{no_server}:54329/herentq",
    )
    status, body = probe["ready"]
    assert status == 503
    assert body["ready"] is False
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert body["checks"]["cache"]["default"]["ok"] is False  # the database cache
    assert "secret" not in json.dumps(body) and str(tmp_path) not in json.dumps(body)
    assert probe["alive"] == 200  # alive, not ready: the balancer waits
