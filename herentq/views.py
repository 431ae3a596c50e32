import json
import sys

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView, TemplateView

from herentq import (
    catalogue,
    extensions,
    readiness,
    security_headers,
    selectors,
    services,
    sitesearch,
)
from herentq.forms import MailPreferenceForm
from herentq.languages import translation_columns
from herentq.models import SDG, MailPreference, NewsItem, Page
from herentq.search import clean_query, query_words


class HomeView(TemplateView):
    template_name = "herentq/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            # The home page shows the page's introduction and link, not its body.
            about=Page.objects.published()
            .filter(slug="over-de-dienst")
            .only("slug", "intro", *translation_columns("intro"))
            .first(),
            blocks=extensions.home_blocks(),
            sections=extensions.home_sections(),
            **kwargs,
        )


class PageDetailView(DetailView):
    template_name = "herentq/page_detail.html"
    context_object_name = "page"

    def get_object(self, queryset=None):
        try:
            return selectors.page_get_published(slug=self.kwargs["slug"])
        except Page.DoesNotExist:
            raise Http404 from None


class SdgListView(ListView):
    template_name = "herentq/sdg_list.html"
    context_object_name = "sdgs"

    def get_queryset(self):
        return selectors.sdg_list()


def sdg_detail(request, number: int):
    sdg = get_object_or_404(SDG, number=number)
    return render(
        request,
        "herentq/sdg_detail.html",
        {"sdg": sdg, "sections": extensions.sdg_sections(sdg)},
    )


class NewsListView(ListView):
    template_name = "herentq/news_list.html"
    context_object_name = "news_items"
    paginate_by = 10

    def get_queryset(self):
        return NewsItem.objects.published()


class NewsDetailView(DetailView):
    template_name = "herentq/news_detail.html"
    context_object_name = "news_item"

    def get_queryset(self):
        return NewsItem.objects.published()


def bad_request(request, exception=None):
    """Django's 400 (an unknown Host among others), with the pages' headers: the
    middleware that adds them has not run when the Host is refused."""
    response = defaults.bad_request(request, exception)
    security_headers.add_to_response(response)
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# How long a visitor is asked to wait when the database cannot be reached.
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """Django's 500, or a 503 while the database cannot be reached (a restart,
    a failover): the visitor is asked to come back. Both pages are rendered
    without the request's context, whose processors would need the database."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = defaults.server_error(request)
    # The middleware that adds them may be the one that failed.
    security_headers.add_to_response(response)
    return response


@never_cache
def healthz(request):
    """Liveness probe, and the benchmark's minimal Django view: no database."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness probe: 200 when every dependency answers, else 503 (JSON)."""
    outcome = readiness.check()
    return JsonResponse(outcome, status=200 if outcome["ready"] else 503)


class SiteSearchView(TemplateView):
    """/zoeken/: every kind's first results and counts; `soort` pages one kind."""

    template_name = "herentq/search.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = clean_query(self.request.GET.get("q"))
        kind = sitesearch.kind_by_key(self.request.GET.get("soort", ""))
        context.update(query=query, kind=kind, groups=[], total=0)
        if not query_words(query):
            return context
        if kind is not None:
            paginator = Paginator(sitesearch.matching(kind, query), self.paginate_by)
            page = paginator.get_page(self.request.GET.get("page"))
            context.update(
                page_obj=page,
                total=paginator.count,
                results=sitesearch.results_page(kind, page.object_list),
            )
        else:
            groups = sitesearch.search_everything(query)
            context.update(
                groups=[group for group in groups if group.count],
                total=sum(group.count for group in groups),
            )
        if not context["total"]:
            context["suggestion"] = sitesearch.suggestion(query)
        return context


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def catalogue_jsonld(request):
    """The DCAT-AP data catalogue (herentq.catalogue) as JSON-LD."""
    data = catalogue.catalogue(base_url=_base_url(request))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def catalogue_turtle(request):
    data = catalogue.catalogue(base_url=_base_url(request))
    response = HttpResponse(
        catalogue.as_turtle(data), content_type="text/turtle; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


class MailPreferencesView(LoginRequiredMixin, FormView):
    """Which optional mails the account holder receives; linked from every mail."""

    template_name = "herentq/mail_preferences.html"
    form_class = MailPreferenceForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": MailPreference.objects.filter(user=self.request.user).first(),
        }

    def form_valid(self, form):
        services.mail_preferences_save(user=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Uw keuze is bewaard."))
        return redirect("mail_preferences")
