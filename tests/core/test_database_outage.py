"""While the database cannot be reached, visitors get a 503 that asks them to come
back, not a 500: a process with the production settings whose database server is
not there (its socket directory is empty), as during a restart or a failover."""

import json
import os
import subprocess
import sys

from django.conf import settings

OUTAGE_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
# Hashed static names need collectstatic; the probe is about the error page.
override_settings(
    STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
).enable()
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
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "herentq.settings.production",
        "SECRET_KEY": "probe-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN",
        "DATABASE_URL": f"postgres://herentq@{no_server}:54329/herentq",
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", OUTAGE_PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    pages = json.loads(result.stdout.strip().splitlines()[-1])
    for path, page in pages.items():
        assert page["status"] == 503, path
        assert page["retry_after"] == "30", path
        assert "Even geduld" in page["text"], path
        assert "Probeer het binnen een halve minuut opnieuw" in page["text"], path
        assert "frame-ancestors 'none'" in page["csp"], path
