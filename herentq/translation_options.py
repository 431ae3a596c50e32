"""Content in three languages (django-modeltranslation): one column per language.

`title` becomes `title_nl_be`, `title_fr`, `title_en`; reading `title` gives the
visitor's language, falling back to Dutch (settings.MODELTRANSLATION_FALLBACK_LANGUAGES).
Dutch is the original and required where the field itself is; French and English
are optional. Each app registers its models in its `translation.py`.
"""

from modeltranslation.translator import TranslationOptions

DUTCH = "nl-be"


def options(model, *field_names: str) -> type[TranslationOptions]:
    """TranslationOptions for the fields: Dutch required where the field itself is.

    A field in a unique constraint (a call's title per scheme) stores a missing
    translation as NULL, not "", so two untranslated rows do not collide.
    """
    unique = {
        name
        for constraint in model._meta.constraints
        for name in getattr(constraint, "fields", ())
        if name in field_names
    }
    return type(
        f"{model.__name__}TranslationOptions",
        (TranslationOptions,),
        {
            "fields": field_names,
            "required_languages": (DUTCH,),
            "empty_values": dict.fromkeys(unique),
        },
    )
