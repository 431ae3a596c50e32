from django.urls import path

from herentq import converters  # noqa: F401  (registers <year:> and <token:>)
from herentq.pagecache import public_page
from herentq.second_factor import open_to_all
from learning_tracks import views

app_name = "learning_tracks"

# Fixed paths first: a track cannot take their slugs (constants.RESERVED_SLUGS).
urlpatterns = [
    path("leertrajecten/", public_page(views.TrackListView.as_view()), name="list"),
    path(
        "leertrajecten/nieuwsbrief/",
        open_to_all(views.NewsletterSubscribeView.as_view()),
        name="newsletter",
    ),
    path(
        "leertrajecten/nieuwsbrief/verstuurd/",
        public_page(views.MailSentView.as_view(purpose="newsletter")),
        name="newsletter_sent",
    ),
    path(
        "leertrajecten/nieuwsbrief/bevestigen/<token:token>/",
        open_to_all(views.NewsletterConfirmView.as_view()),
        name="newsletter_confirm",
    ),
    path(
        "leertrajecten/nieuwsbrief/themas/<token:token>/",
        open_to_all(views.NewsletterManageView.as_view()),
        name="newsletter_manage",
    ),
    path(
        "leertrajecten/nieuwsbrief/uitschrijven/<token:token>/",
        open_to_all(views.NewsletterUnsubscribeView.as_view()),
        name="newsletter_unsubscribe",
    ),
    path(
        "leertrajecten/inschrijving/bevestigen/<token:token>/",
        open_to_all(views.EnrolmentConfirmView.as_view()),
        name="enrolment_confirm",
    ),
    path(
        "leertrajecten/inschrijving/annuleren/<token:token>/",
        open_to_all(views.EnrolmentCancelView.as_view()),
        name="enrolment_cancel",
    ),
    path(
        "leertrajecten/inschrijving/aanbod/<token:token>/",
        open_to_all(views.OfferAcceptView.as_view()),
        name="offer_accept",
    ),
    path(
        "leertrajecten/attest/<token:token>/",
        open_to_all(views.CertificateView.as_view()),
        name="certificate",
    ),
    path(
        "leertrajecten/interesse/bevestigen/<token:token>/",
        open_to_all(views.InterestConfirmView.as_view()),
        name="interest_confirm",
    ),
    path(
        "leertrajecten/<slug:slug>/",
        public_page(views.TrackDetailView.as_view()),
        name="detail",
    ),
    path(
        "leertrajecten/<slug:slug>/inschrijven/",
        open_to_all(views.EnrolmentCreateView.as_view()),
        name="enrol",
    ),
    path(
        "leertrajecten/<slug:slug>/inschrijven/verstuurd/",
        public_page(views.MailSentView.as_view(purpose="enrolment")),
        name="enrolment_sent",
    ),
    path(
        "leertrajecten/<slug:slug>/interesse/",
        open_to_all(views.InterestCreateView.as_view()),
        name="interest",
    ),
    path(
        "leertrajecten/<slug:slug>/interesse/verstuurd/",
        public_page(views.MailSentView.as_view(purpose="interest")),
        name="interest_sent",
    ),
    path(
        "leertrajecten/<slug:slug>/sessies.ics",
        public_page(views.track_calendar),
        name="calendar",
    ),
    path(
        "leertrajecten/<slug:slug>/lessen/<slug:resource>/",
        public_page(views.ResourceDetailView.as_view()),
        name="resource",
    ),
    path(
        "leertrajecten/<slug:slug>/lessen/<slug:resource>/document/",
        open_to_all(views.resource_document),
        name="resource_document",
    ),
]
