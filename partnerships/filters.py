import django_filters
from django import forms
from django.core.cache import caches
from django.db.models import Exists, OuterRef
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from herentq.models import SDG
from herentq.search import query_words
from partnerships import selectors
from partnerships.constants import AgreementKind, Continent, PartnershipStatus
from partnerships.continents import countries_in
from partnerships.models import Agreement, PartnerPlace

# Fields whose options come from what `selectors.data_version` covers.
KEPT_CHOICES = ("bestuur", "domein", "sdg")
CHOICES_SECONDS = 24 * 60 * 60


def _countries() -> list[tuple[str, str]]:
    codes = selectors.countries_with_partnerships()
    choices = [(code, str(countries.name(code))) for code in codes]
    return sorted(choices, key=lambda choice: selectors.sort_key(choice[1]))


class SharedChoices(tuple):
    """Options that nothing changes in place, so a form's copy of its field
    shares them: Django deep-copies every field of a form when it is made, which
    copied each of the hundred countries on every request."""

    def __deepcopy__(self, memo):
        return self


def _kept_choices(name: str, version: str, build) -> list[tuple[str, str]]:
    """A filter's (value, label) options, built once per version of the
    partnerships' data and language and kept per process (`fragments`)."""
    key = f"partnerships.filter.{name}.{version}.{get_language()}"
    fragments = caches["fragments"]
    choices = fragments.get(key)
    if choices is None:
        choices = [(str(value), str(label)) for value, label in build()]
        fragments.set(key, choices, CHOICES_SECONDS)
    return choices


class PartnershipFilter(django_filters.FilterSet):
    """The list's filters; the parameter names make readable, shareable URLs."""

    zoek = django_filters.CharFilter(
        label=_("Zoeken"), method="filter_search", max_length=200
    )
    bestuur = django_filters.ModelChoiceFilter(
        label=_("Lokaal bestuur"),
        field_name="local_authority",
        to_field_name="slug",
        queryset=selectors.authorities_with_partnerships(),
        empty_label=_("Alle besturen"),
    )
    land = django_filters.ChoiceFilter(
        label=_("Land"), method="filter_country", empty_label=_("Alle landen")
    )
    werelddeel = django_filters.ChoiceFilter(
        label=_("Werelddeel"),
        choices=Continent.choices,
        method="filter_continent",
        empty_label=_("Alle werelddelen"),
    )
    sdg = django_filters.ModelChoiceFilter(
        label=_("SDG"),
        queryset=SDG.objects.all(),
        to_field_name="number",
        method="filter_sdg",
        empty_label=_("Alle SDG's"),
    )
    domein = django_filters.ModelChoiceFilter(
        label=_("Actiedomein"),
        queryset=selectors.domains_in_use(),
        to_field_name="slug",
        method="filter_domain",
        empty_label=_("Alle actiedomeinen"),
    )
    overeenkomst = django_filters.ChoiceFilter(
        label=_("Soort overeenkomst"),
        choices=AgreementKind.choices,
        method="filter_agreement_kind",
        empty_label=_("Alle soorten"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=PartnershipStatus.choices,
        empty_label=_("Alle"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.data_version = selectors.data_version()
        self.filters["land"].extra["choices"] = SharedChoices(
            _kept_choices("land", self.data_version, _countries)
        )

    @property
    def form(self):
        """Bootstrap classes, and each error linked to its field."""
        form = super().form
        if not getattr(form, "_styled", False):
            form._styled = True
            for name, field in form.fields.items():
                widget = field.widget
                if isinstance(widget, forms.Select):
                    widget.attrs.setdefault("class", "form-select")
                else:
                    widget.attrs.setdefault("class", "form-control")
                    widget.input_type = "search"
                if form.is_bound and name in form.errors:
                    widget.attrs["aria-describedby"] = f"id_{name}-error"
                    widget.attrs["aria-invalid"] = "true"
            # The options of the fields drawn from the partnerships' data, kept
            # per version of that data: listing them cost a query and a model
            # instance per option on every page. The widget shows them (as
            # Django's Select renders its widget's choices); validating a chosen
            # value still asks the database (ModelChoiceField's queryset).
            for name in KEPT_CHOICES:
                field = form.fields[name]
                field.widget.choices = _kept_choices(
                    name, self.data_version, lambda field=field: field.choices
                )
        return form

    def filter_search(self, queryset, name, value):
        """The forgiving search (herentq.search), best first."""
        if not query_words(value):
            return queryset
        return selectors.partnerships_matching(queryset, value).order_by(
            "-search_rank", "title"
        )

    def filter_country(self, queryset, name, value):
        return queryset.filter(
            Exists(
                PartnerPlace.objects.filter(partnership=OuterRef("pk"), country=value)
            )
        )

    def filter_continent(self, queryset, name, value):
        return queryset.filter(
            Exists(
                PartnerPlace.objects.filter(
                    partnership=OuterRef("pk"), country__in=countries_in(value)
                )
            )
        )

    def filter_sdg(self, queryset, name, value):
        return queryset.filter(sdgs=value)

    def filter_domain(self, queryset, name, value):
        return queryset.filter(
            Exists(
                queryset.model.domains.through.objects.filter(
                    partnership=OuterRef("pk"), actiondomain=value
                )
            )
            | Exists(
                Agreement.objects.filter(partnership=OuterRef("pk"), domains=value)
            )
        )

    def filter_agreement_kind(self, queryset, name, value):
        return queryset.filter(
            Exists(Agreement.objects.filter(partnership=OuterRef("pk"), kind=value))
        )
