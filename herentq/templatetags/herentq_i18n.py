from django import template
from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe

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


def _falls_back(obj, field_name: str) -> bool:
    """True when the visitor's language has no text of its own for the field and
    the Dutch text is shown instead (django-modeltranslation's fallback)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if obj is None or language == settings.LANGUAGE_CODE:
        return False
    suffix = language.replace("-", "_")
    own = getattr(obj, f"{field_name}_{suffix}", None)
    dutch = getattr(obj, f"{field_name}_nl_be", None)
    return not own and bool(dutch)


@register.filter
def lang_of(obj, field_name: str) -> str:
    """` lang="nl"` on an element whose text is the Dutch fallback, else nothing:
    `<div{{ page|lang_of:"body" }}>`."""
    return mark_safe(' lang="nl"') if _falls_back(obj, field_name) else ""


@register.filter
def in_dutch_only(obj, field_names: str) -> bool:
    """Whether any of the comma-separated fields is shown in Dutch for want of a
    translation (the page then says so)."""
    return any(_falls_back(obj, name.strip()) for name in field_names.split(","))


@register.simple_tag
def dutch_page_lang() -> str:
    """` lang="nl"` on content that exists only in Dutch (minutes, advice), when
    the page is in another language."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return "" if language == settings.LANGUAGE_CODE else mark_safe(' lang="nl"')


@register.simple_tag
def is_dutch_page() -> bool:
    return (translation.get_language() or settings.LANGUAGE_CODE) == (
        settings.LANGUAGE_CODE
    )


@register.filter
def language_tag(code: str) -> str:
    """The `lang` value of a stored language code ("nl-be" → "nl")."""
    return languages.html_lang(code)


@register.inclusion_tag("includes/dutch_only_list_note.html")
def dutch_only_list_note(items, field_names: str) -> dict:
    """Under a list: a short note when any of its items is shown in Dutch for want
    of a translation (each such text carries `lang="nl"` itself)."""
    return {"show": any(in_dutch_only(item, field_names) for item in items or ())}
