from django.urls import include, path
from rest_framework.routers import SimpleRouter

from api import docs, views
from api.schema import SchemaView
from herentq.pagecache import public_page

app_name = "api"

router = SimpleRouter()
router.register("partnerschappen", views.PartnershipViewSet, basename="partnership")
router.register("nieuws", views.NewsViewSet, basename="news")
router.register("sdgs", views.SdgViewSet, basename="sdg")
router.register("subsidiereglementen", views.SchemeViewSet, basename="scheme")
router.register("toegekende-subsidies", views.GrantViewSet, basename="grant")
router.register("leertrajecten", views.TrackViewSet, basename="track")
router.register("grosh/vergaderingen", views.MeetingViewSet, basename="meeting")
router.register("grosh/adviezen", views.AdviceViewSet, basename="advice")

# Public, the same for everybody: the page cache and the second-factor rule treat
# them as public pages (herentq.pagecache, herentq.second_factor).
for pattern in router.urls:
    public_page(pattern.callback)

urlpatterns = [
    path("", public_page(docs.api_docs), name="docs"),
    path("schema/", public_page(SchemaView.as_view()), name="schema"),
    path("", include(router.urls)),
]
