"""The page cache: public pages, for anonymous visitors, opted in view by view.

A view is cached only when its URL pattern wraps it in `public_page(...)` (the
urls.py files are the list of what is cached). `PublicPageCacheMiddleware`,
first in MIDDLEWARE so that it stores the response every other middleware has
finished, then keeps a copy in the per-process "pages" cache for
`CACHE_MIDDLEWARE_SECONDS`, with Django's public cache helpers.

What is never cached, whatever the marker says:
- a request with a cookie other than the CSRF cookie: a session (signed-in
  users, the admin, account pages) or pending messages make the page personal;
- a response that sets a cookie (a page with a form sets the CSRF cookie), is
  not a 200, is streamed (files) or says `Cache-Control: private`/`max-age=0`.
"""

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import (
    get_cache_key,
    get_max_age,
    learn_cache_key,
    patch_response_headers,
)

MARKER = "public_page"


def public_page(view):
    """Mark a view (as given to `path()`) as a public page the cache may keep."""
    setattr(view, MARKER, True)
    return view


def is_public_page(view) -> bool:
    return getattr(view, MARKER, False) is True


def _cookie_less(request) -> bool:
    return set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}


def _pages():
    return caches[settings.CACHE_MIDDLEWARE_ALIAS]


class PublicPageCacheMiddleware:
    """Serves and stores the pages of `public_page` views for cookie-less visitors."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.key_prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX

    def __call__(self, request):
        response = self.get_response(request)
        if self._may_store(request, response):
            self._store(request, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._may_serve(request, view_func):
            return None
        response = self._cached(request, "GET")
        if response is None and request.method == "HEAD":
            response = self._cached(request, "HEAD")
        # A miss is stored on the way out; a hit is not stored again.
        request.page_cache_miss = response is None
        return response

    def _cached(self, request, method):
        cache = _pages()
        key = get_cache_key(request, self.key_prefix, method, cache=cache)
        return None if key is None else cache.get(key)

    @staticmethod
    def _may_serve(request, view_func) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and is_public_page(view_func)
            and _cookie_less(request)
        )

    @staticmethod
    def _may_store(request, response) -> bool:
        return (
            getattr(request, "page_cache_miss", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
        )

    def _store(self, request, response) -> None:
        timeout = get_max_age(response)
        if timeout is None:
            timeout = settings.CACHE_MIDDLEWARE_SECONDS
        if timeout <= 0:
            return
        patch_response_headers(response, timeout)
        cache = _pages()
        key = learn_cache_key(request, response, timeout, self.key_prefix, cache=cache)
        cache.set(key, response, timeout)
