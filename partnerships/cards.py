"""A partnership's card in the list, written in Python.

The list keeps each card per data version and language (views.partnership_cards),
but a search term no worker has seen yet shows cards rendered for the first time:
through a template, a card cost more than the rest of the page. This writes the
same markup with `format_html` (every value escaped as the template did).
"""

from django.conf import settings
from django.utils import formats
from django.utils.encoding import iri_to_uri
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

from herentq.templatetags.herentq_i18n import lang_of
from herentq.templatetags.sdgs import sdg_chip_compact

CARD = (
    '<article class="partnership-card{}" aria-labelledby="partnership-{}">\n'
    "  {}\n"
    '  <div class="partnership-card__body">\n'
    '  <h3 class="h4 mb-1" id="partnership-{}"><a href="{}"{}>{}</a></h3>\n'
    '  <p class="partnership-card__meta">\n'
    "    <span>{}</span>\n"
    '    <span aria-hidden="true">·</span>\n'
    "    <span>{}{}</span>\n"
    '    <span aria-hidden="true">·</span>\n'
    '    <span class="status status--{}">{}</span>\n'
    "  </p>\n"
    '  <p class="mb-2"{}>{}</p>\n'
    "  {}\n"
    "  {}\n"
    "  </div>\n"
    "</article>\n"
)
PHOTO = (
    '<img class="partnership-card__photo" src="{}{}" width="{}" height="{}" '
    'alt="{}" loading="lazy">'
)
AGREEMENTS = (
    '\n    <p class="partnership-card__agreements mb-2">\n      {}\n    </p>\n  '
)
SDGS = '\n    <ul class="sdg-chip-list" aria-label="{}">\n      {}\n    </ul>\n  '


def _number(value) -> str:
    """An integer as the template shows it (localized)."""
    return formats.localize(value)


def _countries(places) -> SafeString:
    """' (Guatemala, Peru)': each country once where it changes along the places."""
    names = []
    previous = object()
    for place in places:
        if place.country.code != previous:
            names.append(place.country.name)
        previous = place.country.code
    if not names:
        return mark_safe("")
    return format_html(" ({})", format_html_join(", ", "{}", ((n,) for n in names)))


def _agreement(agreement) -> SafeString:
    signed = agreement.signed
    return format_html(
        "{}{}",
        capfirst(str(agreement.get_kind_display())),
        format_html(" ({})", signed) if signed else "",
    )


def card_html(partnership) -> SafeString:
    cover = partnership.cover
    photo = (
        format_html(
            PHOTO,
            iri_to_uri(settings.MEDIA_URL),
            cover["thumbnail"],
            _number(cover["width"]),
            _number(cover["height"]),
            cover["alt"],
        )
        if cover
        else ""
    )
    places = list(partnership.places.all())
    agreements = list(partnership.agreements.all())
    sdgs = list(partnership.sdgs.all())
    pk = _number(partnership.pk)
    return format_html(
        CARD,
        " partnership-card--photo" if cover else "",
        pk,
        photo,
        pk,
        partnership.get_absolute_url(),
        lang_of(partnership, "title"),
        partnership.title,
        partnership.local_authority.name,
        format_html_join(", ", "{}", ((place.name,) for place in places)),
        _countries(places) if partnership.country_codes else "",
        partnership.status,
        partnership.get_status_display(),
        lang_of(partnership, "summary"),
        partnership.summary,
        format_html(
            AGREEMENTS,
            format_html_join("; ", "{}", ((_agreement(a),) for a in agreements)),
        )
        if agreements
        else "",
        format_html(
            SDGS,
            # As the template's {% translate %} of a literal: not escaped.
            mark_safe(gettext("SDG's")),  # noqa: S308  (our own catalogue's text)
            format_html_join("", "<li>{}</li>", ((sdg_chip_compact(s),) for s in sdgs)),
        )
        if sdgs
        else "",
    )
