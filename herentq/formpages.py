"""Blank public form pages, rendered once and served to every cookie-less visitor.

The page cache (`herentq.middleware`) cannot keep a page with a form on it: a POST
form carries a CSRF token, which is masked per response and must match the
visitor's CSRF cookie. Rendering such a page for every visitor costs far more
than the page itself is worth (crispy renders each field through several
templates). `BlankFormPageMixin` renders the blank page once, with a placeholder
where the token goes, keeps it in the page cache for as long as any public page,
and gives each visitor a copy with a token of their own (`get_token` also makes
the CSRF middleware send them their cookie).

Like every cached public page, the copy may be up to `CACHE_MIDDLEWARE_SECONDS`
old (the seats left, say); what is sent is checked afresh, so a form from a
page that has just gone stale is refused with the page's own message.

Only visitors without cookies other than the CSRF cookie get the shared copy:
a session or pending messages mean the page may differ, so it is rendered afresh.
"""

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

# Stands in for the token in the shared copy; `{% csrf_token %}` prints it.
CSRF_PLACEHOLDER = "herentq-csrf-token-placeholder-7c1d"


def _shared(request) -> bool:
    return request.method == "GET" and set(request.COOKIES) <= {
        settings.CSRF_COOKIE_NAME
    }


def _key(request) -> str:
    return ":".join(("blank-form", request.get_full_path(), get_language()))


def _pages():
    return caches[settings.CACHE_MIDDLEWARE_ALIAS]


def _personal_copy(request, html: str) -> HttpResponse:
    response = HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
    # The copy holds this visitor's token: no shared cache may keep it.
    patch_cache_control(response, private=True)
    return response


class BlankFormPageMixin:
    """For a FormView whose blank page is the same for every visitor.

    `get()` renders the shared copy; the view's `dispatch()` starts with
    `cached = self.blank_page_from_cache(request)` and returns it when there is
    one, before any work of its own (loading objects, checking them).
    """

    def blank_page_from_cache(self, request) -> HttpResponse | None:
        if not _shared(request):
            return None
        html = _pages().get(_key(request))
        return None if html is None else _personal_copy(request, html)

    def get(self, request, *args, **kwargs):
        if not _shared(request):
            return super().get(request, *args, **kwargs)
        page = self.render_to_response(
            self.get_context_data(csrf_token=CSRF_PLACEHOLDER)
        )
        html = page.render().content.decode()
        _pages().set(_key(request), html, settings.CACHE_MIDDLEWARE_SECONDS)
        return _personal_copy(request, html)
