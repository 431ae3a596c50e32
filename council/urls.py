from django.urls import path

from council import views

app_name = "council"

urlpatterns = [
    path("grosh/", views.IndexView.as_view(), name="index"),
    path("grosh/samenstelling/", views.MemberListView.as_view(), name="members"),
    path("grosh/vergaderingen/", views.MeetingListView.as_view(), name="meeting_list"),
    path(
        "grosh/vergaderingen.ics",
        views.MeetingCalendarView.as_view(),
        name="meetings_ical",
    ),
    path(
        "grosh/vergaderingen/<int:pk>/",
        views.MeetingDetailView.as_view(),
        name="meeting_detail",
    ),
    path(
        "grosh/vergaderingen/<int:pk>.jsonld",
        views.MeetingJsonLdView.as_view(),
        name="meeting_jsonld",
    ),
    path(
        "grosh/vergaderingen/<int:pk>/verslag/",
        views.MinutesPublicView.as_view(),
        name="minutes_public",
    ),
    path(
        "grosh/vergaderingen/<int:pk>/verslag.pdf",
        views.MinutesPdfView.as_view(),
        name="minutes_pdf",
    ),
    path("grosh/adviezen/", views.AdviceListView.as_view(), name="advice_list"),
    path(
        "grosh/adviezen/<int:pk>/",
        views.AdviceDetailView.as_view(),
        name="advice_detail",
    ),
    path("grosh/zoeken/", views.SearchView.as_view(), name="search"),
    path("grosh/documenten/<int:pk>/", views.document_download, name="document"),
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
