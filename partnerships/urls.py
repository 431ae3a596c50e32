from django.urls import path

from partnerships import feeds, views

app_name = "partnerships"

urlpatterns = [
    path("partnerschappen/", views.PartnershipListView.as_view(), name="list"),
    path("partnerschappen/kaart/", views.PartnershipMapView.as_view(), name="map"),
    path("partnerschappen/nieuws.atom", feeds.PartnershipNewsFeed(), name="feed"),
    path("partnerschappen/dataset.jsonld", views.dataset_jsonld, name="dataset"),
    path("partnerschappen.csv", views.export_csv, name="export_csv"),
    path("partnerschappen.json", views.export_json, name="export_json"),
    path(
        "partnerschappen/<slug:slug>/",
        views.PartnershipDetailView.as_view(),
        name="detail",
    ),
    path(
        "partnerschappen/<slug:slug>/fotos/<int:pk>/",
        views.PhotoDetailView.as_view(),
        name="photo",
    ),
    path(
        "partnerschappen/<slug:slug>/overeenkomsten/<int:pk>.pdf",
        views.agreement_document,
        name="agreement_document",
    ),
]
