"""Run a snippet in a separate process with the production settings."""

import json
import os
import subprocess
import sys

from django.conf import settings

# Hashed static names need collectstatic; the probes are about responses, not assets.
PLAIN_STATIC_FILES = """
import django
django.setup()
from django.conf import settings
from django.test.utils import override_settings
override_settings(
    STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
).enable()
"""


def run_probe(code: str, *, database_url: str, extra_env: dict | None = None) -> dict:
    """`code` after Django's setup with the production settings; it prints one line
    of JSON last, returned here."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "herentq.settings.production",
        "SECRET_KEY": "probe-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN",
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "testserver",
        **(extra_env or {}),
    }
    result = subprocess.run(
        [sys.executable, "-c", PLAIN_STATIC_FILES + code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
