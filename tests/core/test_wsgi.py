import gc
import importlib

from django.urls import get_resolver


def test_the_wsgi_application_freezes_what_it_loaded():
    gc.unfreeze()
    try:
        import herentq.wsgi

        importlib.reload(herentq.wsgi)
        # The URL patterns are loaded, and the collector leaves it all alone.
        assert get_resolver().url_patterns
        assert gc.get_freeze_count() > 10_000
        assert callable(herentq.wsgi.application)
    finally:
        gc.freeze()  # as the suite keeps it (tests/conftest.py)
