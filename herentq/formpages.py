"""Blank public form pages, rendered once and served to every cookie-less visitor.

The page cache (`herentq.middleware`) cannot keep a page with a form on it: a POST
form carries a CSRF token, which is masked per response and must match the
visitor's CSRF cookie. Rendering such a page for every visitor costs far more
than the page itself is worth (crispy renders each field through several
templates). `BlankFormPageMixin` renders the blank page once, with a placeholder
where the token goes, keeps it in the page cache for as long as any public page,
and gives each visitor a copy with a token of their own (`get_token` also makes
the CSRF middleware send them their cookie).

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


def _cookie_less(request) -> bool:
    return set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}


class BlankFormPageMixin:
    """For a FormView: GET serves the blank page from the page cache.

    Subclasses return from `blank_page_version()` what changes the blank page
    besides the URL and the language (e.g. the seats left), so that a change
    shows at once; the page-cache lifetime bounds everything else.
    """

    def blank_page_version(self) -> str:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        if not _cookie_less(request):
            return super().get(request, *args, **kwargs)
        cache = caches[settings.CACHE_MIDDLEWARE_ALIAS]
        key = ":".join(
            ("blank-form", request.path, get_language(), self.blank_page_version())
        )
        html = cache.get(key)
        if html is None:
            page = self.render_to_response(
                self.get_context_data(csrf_token=CSRF_PLACEHOLDER)
            )
            html = page.render().content.decode()
            cache.set(key, html, settings.CACHE_MIDDLEWARE_SECONDS)
        response = HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
        # The copy holds this visitor's token: no shared cache may keep it.
        patch_cache_control(response, private=True)
        return response
