"""The security headers of the pages, for the responses no page middleware sees.

The middleware (django-csp, X-Frame-Options, Permissions-Policy) runs around the
views. Two kinds of response never pass it: static files, which WhiteNoise
answers before it (`WHITENOISE_ADD_HEADERS_FUNCTION`), and Django's 400 for an
unknown Host, raised by `request.get_host()` in CommonMiddleware before the
inner middleware runs (`handler400`). Both get the same headers here, built from
the same settings.
"""

from csp.utils import build_policy
from django.conf import settings

from herentq.middleware import PermissionsPolicyMiddleware


def security_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": build_policy(),
        "X-Frame-Options": settings.X_FRAME_OPTIONS,
        "Permissions-Policy": PermissionsPolicyMiddleware.POLICY,
        "X-Content-Type-Options": "nosniff",
    }


def add_to_static_file(headers, path: str, url: str) -> None:
    """WhiteNoise's `add_headers_function`."""
    for name, value in security_headers().items():
        headers[name] = value


def add_to_response(response) -> None:
    for name, value in security_headers().items():
        response.headers.setdefault(name, value)
