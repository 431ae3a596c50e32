from django import template

from herentq import languages

register = template.Library()


@register.simple_tag
def html_lang() -> str:
    """The `lang` value of the page's language ("nl", "fr", "en")."""
    return languages.html_lang()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict]:
    """The current page in each language (see herentq.languages.alternates)."""
    request = context.get("request")
    if request is None:
        return []
    return languages.alternates(request)
