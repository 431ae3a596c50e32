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

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import (
    get_cache_key,
    get_max_age,
    learn_cache_key,
    patch_response_headers,
)
from django.utils.translation import get_language

MARKER = "public_page"
# Stands for the visitor's CSRF token in a kept form page (see `form_page`).
TOKEN_PLACEHOLDER = "csrf-token-of-this-visitor-5c1e0a"


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
            settings.CACHE_MIDDLEWARE_SECONDS > 0  # PAGE_CACHE_SECONDS=0: off
            and request.method in ("GET", "HEAD")
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
        _without_accept_language_vary(response)
        cache = _pages()
        key = learn_cache_key(request, response, timeout, self.key_prefix, cache=cache)
        cache.set(key, response, timeout)


def _without_accept_language_vary(response) -> None:
    """Every public page is under i18n_patterns, so its language comes from its
    path (Dutch unprefixed, /fr/, /en/), never from the Accept-Language header
    that LocaleMiddleware still names in Vary for unprefixed paths; keyed on it,
    the cache would keep a copy of each Dutch page per browser language setting.
    (tests/core/test_page_cache.py checks that public pages stay under the prefix.)"""
    kept = [
        name.strip()
        for name in response.get("Vary", "").split(",")
        if name.strip() and name.strip().lower() != "accept-language"
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif "Vary" in response:
        del response["Vary"]


def row_state(*objects) -> tuple:
    """Every stored value of the given model instances: a page made of them only
    changes when this does."""
    return tuple(
        (obj._meta.label, *(getattr(obj, f.attname) for f in obj._meta.concrete_fields))
        for obj in objects
    )


def form_page(request, state, render) -> HttpResponse:
    """A page with a blank POST form, rendered once per `state` and kept, with
    each visitor's own CSRF token put in per request.

    Call it after the view's checks (the page is only what the view would
    render now). `state` holds everything the page shows (e.g. `row_state` of
    its rows; the language is added); `render(token)` renders it with `token`
    as the template's `csrf_token`. Signed-in visitors, visitors with pending
    messages and a page cache turned off (PAGE_CACHE_SECONDS=0) get a page
    rendered for them; what the site-wide context shows (notices) is kept as
    long as the page cache keeps pages.
    """
    seconds = settings.CACHE_MIDDLEWARE_SECONDS
    if (
        seconds <= 0
        or request.user.is_authenticated
        or len(messages.get_messages(request))
    ):
        return render(None)
    digest = hashlib.sha256(repr((state, get_language())).encode())
    key = f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}.form-page.{digest.hexdigest()}"
    kept = _pages().get(key)
    if kept is None:
        response = render(TOKEN_PLACEHOLDER)
        if hasattr(response, "render"):
            response.render()
        if response.status_code != 200:
            return response
        kept = (response.content, response["Content-Type"])
        _pages().set(key, kept, seconds)
    content, content_type = kept
    token = get_token(request).encode()  # also sets the visitor's CSRF cookie
    return HttpResponse(
        content.replace(TOKEN_PLACEHOLDER.encode(), token), content_type=content_type
    )
