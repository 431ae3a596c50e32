from django.urls import path

from council import feeds, views
from herentq import converters  # noqa: F401  (registers <token:>)
from herentq.pagecache import public_page

app_name = "council"

urlpatterns = [
    path("grosh/", public_page(views.IndexView.as_view()), name="index"),
    path(
        "grosh/samenstelling/",
        public_page(views.MemberListView.as_view()),
        name="members",
    ),
    path(
        "grosh/vergaderingen/",
        public_page(views.MeetingListView.as_view()),
        name="meeting_list",
    ),
    path(
        "grosh/vergaderingen.ics",
        public_page(views.MeetingCalendarView.as_view()),
        name="meetings_ical",
    ),
    path(
        "grosh/vergaderingen/<int:pk>/",
        public_page(views.MeetingDetailView.as_view()),
        name="meeting_detail",
    ),
    path(
        "grosh/vergaderingen/<int:pk>.jsonld",
        public_page(views.MeetingJsonLdView.as_view()),
        name="meeting_jsonld",
    ),
    path(
        "grosh/vergaderingen/<int:pk>/verslag/",
        public_page(views.MinutesPublicView.as_view()),
        name="minutes_public",
    ),
    path(
        "grosh/vergaderingen/<int:pk>/verslag.pdf",
        public_page(views.MinutesPdfView.as_view()),
        name="minutes_pdf",
    ),
    path(
        "grosh/adviezen/",
        public_page(views.AdviceListView.as_view()),
        name="advice_list",
    ),
    path(
        "grosh/adviezen/<int:pk>/",
        public_page(views.AdviceDetailView.as_view()),
        name="advice_detail",
    ),
    path("grosh/verslagen.atom", public_page(feeds.MinutesFeed()), name="minutes_feed"),
    path("grosh/adviezen.atom", public_page(feeds.AdviceFeed()), name="advice_feed"),
    path("grosh/zoeken/", public_page(views.SearchView.as_view()), name="search"),
    path("grosh/documenten/<int:pk>/", views.document_download, name="document"),
    path(
        "grosh/uitnodiging/<token:token>/",
        views.InvitationView.as_view(),
        name="invitation",
    ),
    path("grosh/leden/", views.MembersIndexView.as_view(), name="members_index"),
    path(
        "grosh/leden/vergaderingen/<int:pk>/",
        views.MembersMeetingView.as_view(),
        name="members_meeting",
    ),
    path(
        "grosh/leden/vergaderingen/<int:pk>/verslag/",
        views.MembersMinutesView.as_view(),
        name="members_minutes",
    ),
]
