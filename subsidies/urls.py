from django.urls import path

from herentq import converters  # noqa: F401  (registers <year:> and <token:>)
from herentq.pagecache import public_page
from subsidies.views import applicant, council, organisations, public, wizard

app_name = "subsidies"

urlpatterns = [
    path("subsidies/", public_page(public.SchemeIndexView.as_view()), name="index"),
    path(
        "subsidies/reglement/<slug:slug>/",
        public_page(public.SchemeDetailView.as_view()),
        name="scheme_detail",
    ),
    path(
        "subsidies/register/",
        public_page(public.RegisterView.as_view()),
        name="register",
    ),
    path(
        "subsidies/register/<year:year>/",
        public_page(public.RegisterView.as_view()),
        name="register_year",
    ),
    path(
        "subsidies/register/<year:year>/csv/",
        public_page(public.register_csv),
        name="register_csv",
    ),
    # The applicant's area.
    path(
        "subsidies/mijn-dossiers/", applicant.DashboardView.as_view(), name="dashboard"
    ),
    path(
        "subsidies/mijn-gegevens/",
        applicant.PersonalDataView.as_view(),
        name="personal_data",
    ),
    path(
        "subsidies/mijn-gegevens.zip",
        applicant.personal_data_export,
        name="personal_data_export",
    ),
    path(
        "subsidies/organisaties/nieuw/",
        organisations.OrganisationCreateView.as_view(),
        name="organisation_create",
    ),
    path(
        "subsidies/organisaties/<int:pk>/",
        organisations.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path(
        "subsidies/organisaties/<int:pk>/wijzigen/",
        organisations.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
    path(
        "subsidies/uitnodiging/<token:token>/",
        organisations.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path(
        "subsidies/oproepen/<int:call_pk>/aanvragen/",
        wizard.ApplicationStartView.as_view(),
        name="application_start",
    ),
    path(
        "subsidies/dossiers/<int:pk>/",
        applicant.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "subsidies/dossiers/<int:pk>/stap/<slug:step>/",
        wizard.ApplicationStepView.as_view(),
        name="application_step",
    ),
    path(
        "subsidies/dossiers/<int:pk>/overzicht/",
        wizard.ApplicationSummaryView.as_view(),
        name="application_summary",
    ),
    path(
        "subsidies/dossiers/<int:pk>/ontvangstbewijs/",
        applicant.ReceiptView.as_view(),
        name="application_receipt",
    ),
    path(
        "subsidies/dossiers/<int:pk>/ontvangstbewijs.pdf",
        applicant.receipt_pdf,
        name="application_receipt_pdf",
    ),
    path(
        "subsidies/dossiers/<int:pk>/berichten/",
        applicant.message_create,
        name="message_create",
    ),
    path(
        "subsidies/dossiers/<int:pk>/bijlagen/<int:attachment_pk>/",
        applicant.attachment_download,
        name="attachment_download",
    ),
    path(
        "subsidies/dossiers/<int:pk>/bijlagen/<int:attachment_pk>/verwijderen/",
        applicant.attachment_delete,
        name="attachment_delete",
    ),
    path(
        "subsidies/dossiers/<int:pk>/intrekken/",
        applicant.ApplicationWithdrawView.as_view(),
        name="application_withdraw",
    ),
    path(
        "subsidies/dossiers/<int:pk>/verwijderen/",
        applicant.ApplicationDeleteView.as_view(),
        name="application_delete",
    ),
    path(
        "subsidies/dossiers/<int:pk>/verantwoording/",
        applicant.ReportView.as_view(),
        name="application_report",
    ),
    # Council members, for a file on the GROSH's agenda.
    path(
        "subsidies/grosh/<token:reference>/",
        council.CouncilApplicationView.as_view(),
        name="council_application",
    ),
    path(
        "subsidies/grosh/<token:reference>/bijlagen/<int:attachment_pk>/",
        council.CouncilAttachmentView.as_view(),
        name="council_attachment",
    ),
]
