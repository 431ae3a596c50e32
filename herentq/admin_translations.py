"""The admin of translated content (django-modeltranslation's TranslationAdmin).

Each translated field shows its three languages one under the other, Dutch first
and required, French and English optional (no tabs: those load jQuery UI from
another host). Lists get a column with the missing translations and a filter
that finds content not yet translated into French or English.
"""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.translator import translator

DUTCH = "nl-be"
OTHER_LANGUAGES = {"fr": _("Frans"), "en": _("Engels")}


def column(field_name: str, language: str) -> str:
    return f"{field_name}_{language.replace('-', '_')}"


def translated_fields(model) -> list[str]:
    return list(translator.get_options_for_model(model).all_fields)


def missing(model, language: str) -> Q:
    """Rows with a Dutch text whose translation into `language` is empty."""
    condition = Q()
    for name in translated_fields(model):
        dutch, other = column(name, DUTCH), column(name, language)
        has_dutch = Q(**{f"{dutch}__isnull": False}) & ~Q(**{dutch: ""})
        lacks_other = Q(**{f"{other}__isnull": True}) | Q(**{other: ""})
        condition |= has_dutch & lacks_other
    return condition


def missing_languages(obj) -> list[str]:
    result = []
    for language in OTHER_LANGUAGES:
        for name in translated_fields(type(obj)):
            if getattr(obj, column(name, DUTCH)) and not getattr(
                obj, column(name, language)
            ):
                result.append(language)
                break
    return result


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("vertaling ontbreekt")
    parameter_name = "vertaling_ontbreekt"

    def lookups(self, request, model_admin):
        return list(OTHER_LANGUAGES.items())

    def queryset(self, request, queryset):
        if self.value() in OTHER_LANGUAGES:
            return queryset.filter(missing(queryset.model, self.value()))
        return queryset


class TranslatedAdmin(TranslationAdmin):
    """A model admin whose translated fields show the three languages."""

    def get_list_display(self, request):
        return [*super().get_list_display(request), "missing_translations"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), MissingTranslationFilter]

    @admin.display(description=_("vertaling ontbreekt"))
    def missing_translations(self, obj):
        return ", ".join(code.upper() for code in missing_languages(obj)) or "—"


class TranslatedTabularInline(TranslationTabularInline):
    pass


class TranslatedStackedInline(TranslationStackedInline):
    pass
