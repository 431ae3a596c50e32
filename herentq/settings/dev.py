"""Development: debug on, mail printed to the console by the worker."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

# Demo data, the dev admin account and the benchmark (never in production).
INSTALLED_APPS = [*INSTALLED_APPS, "devdata"]
DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
POST_OFFICE["BACKENDS"]["default"] = env(  # noqa: F405
    "EMAIL_DELIVERY_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
# Edits show at once while developing.
CACHES["pages"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}  # noqa: F405
