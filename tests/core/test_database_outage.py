"""While the database cannot be reached, visitors get a 503 that asks them to come
back, not a 500: a process with the production settings whose database server is
not there (its socket directory is empty), as during a restart or a failover."""

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
