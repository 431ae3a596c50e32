"""The parts of every page's frame that only the language decides.

`{% fixed_part "includes/site_search.html" %}` renders the template once per
language (and script prefix, URL configuration and static URL, and the few
values given to the tag) and keeps the markup in this process: its links and
translated words are the same for every visitor, so the base page does not
render them again on each request (they were about half of the frame's
rendering time). Such a template reads nothing from the request or the
database: only the values given to the tag, which must be few (they key the
memo, as the language does). Nothing to invalidate: the markup changes only
with the code and the catalogues, that is, with a restart.
"""

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

_rendered: dict[tuple, str] = {}


def fixed(name: str, **values) -> str:
    key = (
        name,
        get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        settings.STATIC_URL,
        tuple(sorted(values.items())),
    )
    markup = _rendered.get(key)
    if markup is None:
        markup = str(get_template(name).render(values))
        _rendered[key] = markup
    return mark_safe(markup)  # noqa: S308  (rendered by our template, autoescaped)


@register.simple_tag
def fixed_part(name: str) -> str:
    return fixed(name)


# The sections of the main menu, by the URL namespace of their pages.
NAV_NAMESPACES = ("partnerships", "subsidies", "learning_tracks", "council")


@register.simple_tag(takes_context=True)
def site_nav(context) -> str:
    """The main menu, the current section marked (`aria-current`)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    url_name = match.url_name if match else ""
    return fixed(
        "includes/site_nav.html",
        section=namespace if namespace in NAV_NAMESPACES else "",
        news=url_name in ("news_list", "news_detail"),
        contact=url_name == "page_detail" and match.kwargs.get("slug") == "contact",
    )
