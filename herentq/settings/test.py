"""Tests: real PostgreSQL, fast hashing, mail kept in memory, media in a temp dir."""

import tempfile

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

INSTALLED_APPS = [*INSTALLED_APPS, "devdata"]  # demo and bench data
DEBUG = False
SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="herentq-test-media-"))  # noqa: F405
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="herentq-test-static-"))  # noqa: F405
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="herentq-test-private-"))  # noqa: F405
# The local directories even when S3_* is set: tests that need the object store
# start their own (tests/storage/conftest.py).
STORAGES["default"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage"
}
STORAGES["private"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Mail is still queued through django-post-office; its delivery backend is locmem,
# so tests see what the worker sends in django.core.mail.outbox.
# (Worker processes started by tests/core/test_worker_processes.py deliver by SMTP.)
POST_OFFICE["BACKENDS"]["default"] = env(  # noqa: F405
    "EMAIL_DELIVERY_BACKEND", default="django.core.mail.backends.locmem.EmailBackend"
)
# One sending thread: the outbox lists mail in the order it was queued.
POST_OFFICE["THREADS_PER_PROCESS"] = 1  # noqa: F405
ALLOWED_HOSTS = ["*"]
# Tests see every change at once; tests/core/test_page_cache.py turns caching on.
CACHES["pages"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": env("HERENTQ_TEST_DB", default="test_herentq")
}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# The API's limit per address: the tests send hundreds of requests from one
# address; tests/api/test_api.py lowers it to see the 429.
API_THROTTLE_RATE = "100000/min"
