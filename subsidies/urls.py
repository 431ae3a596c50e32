from django.urls import path

from subsidies import views

app_name = "subsidies"

urlpatterns = [
    path("subsidies/", views.SchemeIndexView.as_view(), name="index"),
    path(
        "subsidies/reglement/<slug:slug>/",
        views.SchemeDetailView.as_view(),
        name="scheme_detail",
    ),
    path("subsidies/register/", views.RegisterView.as_view(), name="register"),
    path(
        "subsidies/register/<int:year>/",
        views.RegisterView.as_view(),
        name="register_year",
    ),
    path("subsidies/register/<int:year>/csv/", views.register_csv, name="register_csv"),
    # The applicant's area.
    path("subsidies/mijn-dossiers/", views.DashboardView.as_view(), name="dashboard"),
    path(
        "subsidies/organisaties/nieuw/",
        views.OrganisationCreateView.as_view(),
        name="organisation_create",
    ),
    path(
        "subsidies/organisaties/<int:pk>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path(
        "subsidies/organisaties/<int:pk>/wijzigen/",
        views.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
    path(
        "subsidies/uitnodiging/<str:token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path(
        "subsidies/oproepen/<int:call_pk>/aanvragen/",
        views.ApplicationStartView.as_view(),
        name="application_start",
    ),
    path(
        "subsidies/dossiers/<int:pk>/",
        views.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "subsidies/dossiers/<int:pk>/stap/<slug:step>/",
        views.ApplicationStepView.as_view(),
        name="application_step",
    ),
    path(
        "subsidies/dossiers/<int:pk>/overzicht/",
        views.ApplicationSummaryView.as_view(),
        name="application_summary",
    ),
    path(
        "subsidies/dossiers/<int:pk>/ontvangstbewijs/",
        views.ReceiptView.as_view(),
        name="application_receipt",
    ),
    path(
        "subsidies/dossiers/<int:pk>/ontvangstbewijs.pdf",
        views.receipt_pdf,
        name="application_receipt_pdf",
    ),
    path(
        "subsidies/dossiers/<int:pk>/berichten/",
        views.message_create,
        name="message_create",
    ),
    path(
        "subsidies/dossiers/<int:pk>/bijlagen/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "subsidies/dossiers/<int:pk>/bijlagen/<int:attachment_pk>/verwijderen/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path(
        "subsidies/dossiers/<int:pk>/intrekken/",
        views.ApplicationWithdrawView.as_view(),
        name="application_withdraw",
    ),
    path(
        "subsidies/dossiers/<int:pk>/verwijderen/",
        views.ApplicationDeleteView.as_view(),
        name="application_delete",
    ),
    path(
        "subsidies/dossiers/<int:pk>/verantwoording/",
        views.ReportView.as_view(),
        name="application_report",
    ),
    # Council members, for a file on the GROSH's agenda.
    path(
        "subsidies/grosh/<str:reference>/",
        views.CouncilApplicationView.as_view(),
        name="council_application",
    ),
    path(
        "subsidies/grosh/<str:reference>/bijlagen/<int:attachment_pk>/",
        views.CouncilAttachmentView.as_view(),
        name="council_attachment",
    ),
]
