from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from herentq import extensions, security_headers, selectors
from herentq.models import SDG, NewsItem, Page


class HomeView(TemplateView):
    template_name = "herentq/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            about=Page.objects.published().filter(slug="over-de-dienst").first(),
            latest_news=selectors.news_latest(),
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


def server_error(request):
    return render(request, "500.html", status=500)


@never_cache
def healthz(request):
    """Liveness probe, and the benchmark's minimal Django view: no database."""
    return HttpResponse("ok", content_type="text/plain")
