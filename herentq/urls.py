from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from post_office.models import Attachment, Email, EmailTemplate, Log
from procrastinate.contrib.django.models import ProcrastinateJob

from herentq import feeds, files, sitemaps, views
from herentq.jobs_admin import JobAdmin
from herentq.mail_admin import MailAttachmentAdmin, MailLogAdmin, MailQueueAdmin
from herentq.pagecache import public_page
from herentq.second_factor import open_to_all

admin.site.site_header = "HerentQ — back office"
admin.site.site_title = "HerentQ back office"
admin.site.index_title = "Dienst lokaal mondiaal beleid"
# The index opens with the service's dashboard (every app's `admin_dashboard`).
admin.site.index_template = "admin/herentq_index.html"
# One login for everybody, with throttling and the two-factor step: allauth's.
admin.site.login = secure_admin_login(admin.site.login)
# Mail bodies are templates in the repository; the template editor of
# django-post-office would load a code editor from a CDN (forbidden by the CSP).
admin.site.unregister(EmailTemplate)
# The mail list with given-up mail and the requeue action of the job queue.
admin.site.unregister(Email)
admin.site.register(Email, MailQueueAdmin)
admin.site.unregister(Log)
admin.site.register(Log, MailLogAdmin)
admin.site.unregister(Attachment)
admin.site.register(Attachment, MailAttachmentAdmin)
# The job queue's list in Dutch.
admin.site.unregister(ProcrastinateJob)
admin.site.register(ProcrastinateJob, JobAdmin)

# Outside the language prefix: the admin (in Dutch for the service), uploaded files
# and the health check. Everything a visitor reads is under i18n_patterns below:
# Dutch at /, French at /fr/…, English at /en/… (the open-data exports and feeds too,
# so their links and labels follow the language).
urlpatterns = [
    path("healthz/", open_to_all(views.healthz), name="healthz"),
    path("readyz/", open_to_all(views.readyz), name="readyz"),
    path("admin/", admin.site.urls),
    path(
        "media/<path:path>", open_to_all(files.serve_public_media), name="public_media"
    ),
]

urlpatterns += i18n_patterns(
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("accounts/", include("allauth.urls")),
    # The interface strings of static/js in the page's language.
    path(
        "jsi18n/",
        public_page(JavaScriptCatalog.as_view(packages=["herentq"])),
        name="javascript_catalog",
    ),
    path("api/", include("api.urls")),
    path("sdg/", public_page(views.SdgListView.as_view()), name="sdg_list"),
    path("sdg/<int:number>/", public_page(views.sdg_detail), name="sdg_detail"),
    path(
        "catalogus.jsonld", public_page(views.catalogue_jsonld), name="catalogue_jsonld"
    ),
    path("catalogus.ttl", public_page(views.catalogue_turtle), name="catalogue_turtle"),
    # An index of the sections' sitemaps, each in pages of SectionSitemap.limit.
    path(
        "sitemap.xml",
        public_page(sitemap_index),
        {"sitemaps": sitemaps.sitemaps(), "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_view),
        {"sitemaps": sitemaps.sitemaps()},
        name="sitemap_section",
    ),
    path("robots.txt", public_page(sitemaps.robots_txt), name="robots_txt"),
    path("zoeken/", public_page(views.SiteSearchView.as_view()), name="search"),
    path("nieuws/feed.atom", public_page(feeds.NewsFeed()), name="news_feed"),
    path("nieuws/", public_page(views.NewsListView.as_view()), name="news_list"),
    path(
        "nieuws/<slug:slug>/",
        public_page(views.NewsDetailView.as_view()),
        name="news_detail",
    ),
    path(
        "e-mailvoorkeuren/",
        views.MailPreferencesView.as_view(),
        name="mail_preferences",
    ),
    path("", include("partnerships.urls")),
    path("", include("council.urls")),
    path("", include("subsidies.urls")),
    path("", include("learning_tracks.urls")),
    # Content pages (/contact/, /privacy/, …) come last: every app's prefix wins.
    path(
        "<slug:slug>/", public_page(views.PageDetailView.as_view()), name="page_detail"
    ),
    prefix_default_language=False,
)

handler400 = "herentq.views.bad_request"
handler404 = "herentq.views.page_not_found"
handler500 = "herentq.views.server_error"
