import sys

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView, TemplateView

from herentq import extensions, security_headers, selectors, services
from herentq.forms import MailPreferenceForm
from herentq.models import SDG, MailPreference, NewsItem, Page


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
