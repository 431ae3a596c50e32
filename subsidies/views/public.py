"""Public pages: the schemes and the register of granted subsidies."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView
from django_countries import countries

from herentq import exports
from subsidies import results, selectors
from subsidies.formatting import format_eur
from subsidies.models import Scheme


class SchemeIndexView(TemplateView):
    template_name = "subsidies/scheme_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overviews=selectors.scheme_overviews(), **kwargs
        )


class SchemeDetailView(TemplateView):
    template_name = "subsidies/scheme_detail.html"

    def get_context_data(self, **kwargs):
        try:
            overview = selectors.scheme_overview_get(slug=self.kwargs["slug"])
        except Scheme.DoesNotExist:
            raise Http404 from None
        envelope_bar = (
            results.envelope_bar(overview.envelope).drawn_segments(format_eur)
            if overview.envelope
            else None
        )
        return super().get_context_data(
            overview=overview,
            scheme=overview.scheme,
            envelope_bar=envelope_bar,
            **kwargs,
        )


class RegisterView(ListView):
    """A year of the register, 50 rows a page; the years and the total through
    the register's partial index, so the page costs the same at any volume."""

    template_name = "subsidies/register.html"
    context_object_name = "rows"
    paginate_by = 50

    def get_queryset(self):
        self.years = selectors.register_years()
        self.year = self.kwargs.get("year") or (
            self.years[0] if self.years else timezone.localdate().year
        )
        return selectors.register_rows(year=self.year)

    def get_context_data(self, **kwargs):
        kwargs.pop("year", None)
        return super().get_context_data(
            year=self.year,
            years=self.years,
            total=selectors.register_total(year=self.year),
            **kwargs,
        )


def register_csv(request, year: int):
    headers = [
        _("Referentie"),
        _("Organisatie"),
        _("Project"),
        _("Land"),
        _("SDG's"),
        _("Reglement"),
        _("Datum beslissing"),
        _("Toegekend bedrag (euro)"),
    ]
    schemes = {scheme.pk: scheme.name for scheme in Scheme.objects.all()}
    rows = (
        [
            reference,
            organisation,
            title,
            countries.name(country),
            ", ".join(map(str, sdgs)),
            schemes[scheme],
            decided.strftime("%d/%m/%Y"),
            amount,
        ]
        for reference, organisation, title, country, sdgs, scheme, decided, amount in (
            selectors.register_table(year=year)
        )
    )
    return exports.csv_response(headers, rows, filename=f"subsidieregister-{year}.csv")


class ResultsView(TemplateView):
    """The subsidies at a glance: charts drawn on the server, each with its table."""

    template_name = "subsidies/results.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(charts=results.charts(), **kwargs)


def results_csv(request, key: str):
    build = results.CHARTS.get(key)
    if build is None:
        raise Http404
    headers, rows = build().csv_rows()
    return exports.csv_response(headers, rows, filename=f"subsidies-{key}.csv")
