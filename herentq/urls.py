from django.contrib import admin
from django.urls import include, path

from herentq import files, views

admin.site.site_header = "HerentQ — back office"
admin.site.site_title = "HerentQ back office"
admin.site.index_title = "Dienst lokaal mondiaal beleid"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("sdg/", views.SdgListView.as_view(), name="sdg_list"),
    path("sdg/<int:number>/", views.sdg_detail, name="sdg_detail"),
    path("nieuws/", views.NewsListView.as_view(), name="news_list"),
    path("nieuws/<slug:slug>/", views.NewsDetailView.as_view(), name="news_detail"),
    path("media/<path:path>", files.serve_public_media, name="public_media"),
    path("", include("partnerships.urls")),
    path("", include("council.urls")),
    path("", include("subsidies.urls")),
    path("", include("learning_tracks.urls")),
]

# Content pages (/contact/, /privacy/, …) come last: every app's prefix wins.
urlpatterns += [
    path("<slug:slug>/", views.PageDetailView.as_view(), name="page_detail")
]

handler404 = "herentq.views.page_not_found"
handler500 = "herentq.views.server_error"
