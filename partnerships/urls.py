from django.urls import path

from herentq.pagecache import public_page
from herentq.second_factor import open_to_all
from partnerships import feeds, views

app_name = "partnerships"

urlpatterns = [
    path(
        "partnerschappen/",
        public_page(views.PartnershipListView.as_view()),
        name="list",
    ),
    path(
        "partnerschappen/kaart/",
        public_page(views.PartnershipMapView.as_view()),
        name="map",
    ),
    path(
        "partnerschappen/nieuws.atom",
        public_page(feeds.PartnershipNewsFeed()),
        name="feed",
    ),
    path(
        "partnerschappen/dataset.jsonld",
        public_page(views.dataset_jsonld),
        name="dataset",
    ),
    path("partnerschappen.csv", public_page(views.export_csv), name="export_csv"),
    path("partnerschappen.json", public_page(views.export_json), name="export_json"),
    path(
        "partnerschappen/overeenkomsten.csv",
        public_page(views.export_agreements_csv),
        name="export_agreements_csv",
    ),
    path(
        "partnerschappen/overeenkomsten.json",
        public_page(views.export_agreements_json),
        name="export_agreements_json",
    ),
    path(
        "partnerschappen/<slug:slug>/",
        public_page(views.PartnershipDetailView.as_view()),
        name="detail",
    ),
    path(
        "partnerschappen/<slug:slug>/fotos/<int:pk>/",
        public_page(views.PhotoDetailView.as_view()),
        name="photo",
    ),
    path(
        "partnerschappen/<slug:slug>/overeenkomsten/<int:pk>.pdf",
        open_to_all(views.agreement_document),
        name="agreement_document",
    ),
]
