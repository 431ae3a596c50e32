from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, FormView, ListView, TemplateView

from herentq import pagecache, ratelimit
from herentq.files import file_response
from herentq.ical import calendar_response
from herentq.pdf import pdf_response
from herentq.search import clean_query
from learning_tracks import selectors, services, tokens
from learning_tracks.constants import EnrolmentStatus, TrackStatus
from learning_tracks.filters import TrackFilter
from learning_tracks.forms import (
    EnrolmentForm,
    InterestForm,
    NewsletterForm,
    NewsletterThemesForm,
)
from learning_tracks.models import Track, TrackResource
from learning_tracks.tokens import Purpose


class TrackListView(ListView):
    template_name = "learning_tracks/track_list.html"
    context_object_name = "tracks"
    paginate_by = 20

    def get_queryset(self):
        self.filterset = TrackFilter(
            self.request.GET or None, queryset=selectors.track_list()
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


def too_many(view, form, message):
    """The form again, as typed, with the rate limit's message (429)."""
    form.add_error(None, message)
    response = view.form_invalid(form)
    response.status_code = 429
    return response


class TrackMixin:
    track_selector = staticmethod(selectors.track_get_public)

    def get_track(self) -> Track:
        if not hasattr(self, "_track"):
            try:
                self._track = self.track_selector(slug=self.kwargs["slug"])
            except Track.DoesNotExist:
                raise Http404 from None
        return self._track


class TrackDetailView(TrackMixin, DetailView):
    template_name = "learning_tracks/track_detail.html"
    context_object_name = "track"

    def get_object(self, queryset=None):
        return self.get_track()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.status == TrackStatus.ANNOUNCED:
            context.setdefault("interest_form", InterestForm())
        return context


class InterestCreateView(TrackMixin, View):
    """The interest list's form lives on the track page; errors show there."""

    def post(self, request, slug):
        track = self.get_track()
        form = InterestForm(request.POST)
        status = 200
        if form.is_valid():
            refusal = ratelimit.public_form_refusal(
                request, form="interest", email=form.cleaned_data["email"]
            )
            if refusal:
                form.add_error(None, refusal)
                status = 429
        if form.is_valid():
            try:
                services.interest_request(track=track, email=form.cleaned_data["email"])
            except services.NotAllowed as error:
                messages.error(request, error.message)
                return redirect(track)
            return redirect("learning_tracks:interest_sent", slug=track.slug)
        return render(
            request,
            "learning_tracks/track_detail.html",
            {"track": track, "object": track, "interest_form": form},
            status=status,
        )


class EnrolmentCreateView(TrackMixin, FormView):
    template_name = "learning_tracks/enrolment_form.html"
    form_class = EnrolmentForm
    track_selector = staticmethod(selectors.track_get_for_enrolment)

    def dispatch(self, request, *args, **kwargs):
        self.track = self.get_track()
        if not self.track.accepts_enrolments():
            messages.info(
                request, _("De inschrijvingen voor dit leertraject zijn niet open.")
            )
            return redirect(self.track)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        # Checked above: the track takes enrolments now. The blank page is the
        # same for every anonymous visitor but for the CSRF token.
        track = self.track
        return pagecache.form_page(
            request,
            pagecache.row_state(track, *track.sessions.all()),
            lambda token: self.render_to_response(
                self.get_context_data(**({"csrf_token": token} if token else {}))
            ),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(track=self.track, **kwargs)

    def form_valid(self, form):
        refusal = ratelimit.public_form_refusal(
            self.request, form="enrolment", email=form.cleaned_data["email"]
        )
        if refusal:
            return too_many(self, form, refusal)
        try:
            data = form.cleaned_data
            services.enrolment_request(
                track=self.track,
                name=data["name"],
                email=data["email"],
                organisation=data["organisation"],
                role=data["role"],
                needs=data["needs"],
            )
        except services.EnrolmentClosed as error:
            messages.error(self.request, error.message)
            return redirect(self.track)
        return redirect("learning_tracks:enrolment_sent", slug=self.track.slug)


class MailSentView(TemplateView):
    """After a form: "look in your mailbox" (a page of its own, so that reloading
    it sends nothing again)."""

    template_name = "learning_tracks/mail_sent.html"
    purpose = "newsletter"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(purpose=self.purpose, **kwargs)
        if "slug" in self.kwargs:
            context["track"] = get_object_or_404(Track, slug=self.kwargs["slug"])
        return context


# --- signed links ---------------------------------------------------------------


def link_problem(request, *, expired=False, status=400):
    return render(
        request,
        "learning_tracks/link_invalid.html",
        {"expired": expired},
        status=status,
    )


@method_decorator(never_cache, name="dispatch")
class SignedLinkView(TemplateView):
    """GET shows what the link will do; POST does it (mail scanners only GET).

    A tampered or foreign link gets a Dutch 400 page, an expired one says so,
    a link to something that no longer exists gets a 404: never a 500.
    """

    purpose: Purpose

    def load(self, value):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        try:
            value = tokens.read(self.purpose, kwargs["token"])
        except tokens.ExpiredLink:
            return link_problem(request, expired=True)
        except tokens.BadLink:
            return link_problem(request)
        try:
            self.object = self.load(value)
        except (ObjectDoesNotExist, ValidationError, KeyError, TypeError, ValueError):
            return link_problem(request, status=404)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            result = self.act()
        except services.LearningTrackError as error:
            return self.render_to_response(
                self.get_context_data(error=error.message), status=409
            )
        return self.render_to_response(self.get_context_data(done=True, result=result))

    def act(self):
        raise NotImplementedError


class EnrolmentLinkView(SignedLinkView):
    def load(self, value):
        return selectors.enrolment_get(public_id=value)

    def get_context_data(self, **kwargs):
        enrolment = self.object
        public_id = str(enrolment.public_id)
        return super().get_context_data(
            enrolment=enrolment,
            track=enrolment.track,
            position=selectors.waiting_position(enrolment),
            cancel_path=reverse(
                "learning_tracks:enrolment_cancel",
                args=[tokens.make(Purpose.ENROLMENT_CANCEL, public_id)],
            ),
            offer_path=reverse(
                "learning_tracks:offer_accept",
                args=[tokens.make(Purpose.OFFER, public_id)],
            ),
            **kwargs,
        )


class EnrolmentConfirmView(EnrolmentLinkView):
    purpose = Purpose.ENROLMENT_CONFIRM
    template_name = "learning_tracks/enrolment_confirm.html"

    def act(self):
        self.object = services.enrolment_confirm_email(enrolment=self.object)
        return self.object


class EnrolmentCancelView(EnrolmentLinkView):
    purpose = Purpose.ENROLMENT_CANCEL
    template_name = "learning_tracks/enrolment_cancel.html"

    def act(self):
        if self.object.status == EnrolmentStatus.CANCELLED:
            return self.object  # a second click: already done
        self.object = services.enrolment_cancel(enrolment=self.object)
        return self.object


class OfferAcceptView(EnrolmentLinkView):
    purpose = Purpose.OFFER
    template_name = "learning_tracks/offer_accept.html"

    def act(self):
        self.object = services.enrolment_accept_offer(enrolment=self.object)
        return self.object


@method_decorator(never_cache, name="dispatch")
class CertificateView(View):
    def get(self, request, token):
        try:
            public_id = tokens.read(Purpose.CERTIFICATE, token)
        except tokens.BadLink:
            return link_problem(request)
        try:
            enrolment = selectors.enrolment_get(public_id=public_id)
        except (ObjectDoesNotExist, ValidationError, ValueError):
            return link_problem(request, status=404)
        if not selectors.certificate_available(enrolment):
            return render(
                request,
                "learning_tracks/certificate_unavailable.html",
                {"track": enrolment.track},
                status=404,
            )
        with translation.override(enrolment.language):  # the participant's
            return pdf_response(
                "learning_tracks/pdf/certificate.html",
                {
                    "enrolment": enrolment,
                    "track": enrolment.track,
                    "certificate": selectors.certificate_for(enrolment),
                    "sessions": selectors.attended_sessions(enrolment),
                },
                filename=f"attest-{enrolment.track.slug}.pdf",
                inline=False,
            )


class InterestConfirmView(SignedLinkView):
    purpose = Purpose.INTEREST_CONFIRM
    template_name = "learning_tracks/interest_confirm.html"

    def load(self, value):
        return {"track": Track.objects.get(pk=value["t"]), "email": value["e"]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.object, **kwargs)

    def act(self):
        return services.interest_confirm(**self.object)


# --- calendar, lessons and tools ------------------------------------------------


def track_calendar(request, slug):
    track = get_object_or_404(Track, slug=slug)
    return calendar_response(
        selectors.calendar_events(track, track.sessions.all()),
        name=track.title,
        filename=f"{track.slug}.ics",
    )


class ResourceDetailView(DetailView):
    template_name = "learning_tracks/trackresource_detail.html"
    context_object_name = "resource"

    def get_object(self, queryset=None):
        try:
            return selectors.resource_get_public(
                track_slug=self.kwargs["slug"], slug=self.kwargs["resource"]
            )
        except TrackResource.DoesNotExist:
            raise Http404 from None


def resource_document(request, slug, resource):
    try:
        item = selectors.resource_get_public(track_slug=slug, slug=resource)
    except TrackResource.DoesNotExist:
        raise Http404 from None
    if not item.document:
        raise Http404
    extension = item.document.name.rsplit(".", 1)[-1].lower()
    return file_response(item.document, download_name=f"{item.slug}.{extension}")


# --- newsletter -------------------------------------------------------------------


class NewsletterSubscribeView(FormView):
    template_name = "learning_tracks/newsletter_form.html"
    form_class = NewsletterForm

    def get_initial(self):
        theme = clean_query(self.request.GET.get("thema"), max_length=50)
        if theme:
            return {"themes": selectors.themes_for_newsletter().filter(slug=theme)}
        return {}

    def form_valid(self, form):
        refusal = ratelimit.public_form_refusal(
            self.request, form="newsletter", email=form.cleaned_data["email"]
        )
        if refusal:
            return too_many(self, form, refusal)
        services.newsletter_subscription_request(
            email=form.cleaned_data["email"], themes=form.cleaned_data["themes"]
        )
        return redirect("learning_tracks:newsletter_sent")


class NewsletterConfirmView(SignedLinkView):
    purpose = Purpose.NEWSLETTER_CONFIRM
    template_name = "learning_tracks/newsletter_confirm.html"

    def load(self, value):
        themes = list(selectors.themes_for_newsletter().filter(pk__in=value["t"]))
        if not themes:
            raise ValueError("no themes")
        return {"email": value["e"], "themes": themes}

    def act(self):
        return services.newsletter_subscription_confirm(
            email=self.object["email"], theme_ids=[t.pk for t in self.object["themes"]]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**self.object, **kwargs)
        if kwargs.get("done"):
            # The reader's own links: change the themes, or unsubscribe.
            context.update(subscriber_links(kwargs["result"]))
        return context


def subscriber_links(subscriber) -> dict:
    public_id = str(subscriber.public_id)
    return {
        "manage_url": reverse(
            "learning_tracks:newsletter_manage",
            args=[tokens.make(Purpose.NEWSLETTER_MANAGE, public_id)],
        ),
        "unsubscribe_url": reverse(
            "learning_tracks:newsletter_unsubscribe",
            args=[tokens.make(Purpose.NEWSLETTER_UNSUBSCRIBE, public_id)],
        ),
    }


class NewsletterManageView(SignedLinkView):
    """A subscriber changes their themes (the link in every newsletter)."""

    purpose = Purpose.NEWSLETTER_MANAGE
    template_name = "learning_tracks/newsletter_manage.html"

    def load(self, value):
        return selectors.subscriber_get(public_id=value)

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "form",
            NewsletterThemesForm(initial={"themes": list(self.object.themes.all())}),
        )
        return super().get_context_data(**subscriber_links(self.object), **kwargs)

    def post(self, request, *args, **kwargs):
        form = NewsletterThemesForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        services.newsletter_subscriber_set_themes(
            subscriber=self.object, themes=form.cleaned_data["themes"]
        )
        return self.render_to_response(self.get_context_data(form=form, done=True))


@method_decorator(csrf_exempt, name="dispatch")
class NewsletterUnsubscribeView(SignedLinkView):
    """Also the target of one-click unsubscribe (RFC 8058): mail programs POST to
    it without a CSRF token; the signed link is the authorisation."""

    purpose = Purpose.NEWSLETTER_UNSUBSCRIBE
    template_name = "learning_tracks/newsletter_unsubscribe.html"

    def load(self, value):
        return selectors.subscriber_get(public_id=value)

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 404:
            # Already unsubscribed: say so kindly instead of an error.
            return render(request, self.template_name, {"gone": True})
        return response

    def act(self):
        email = self.object.email
        services.newsletter_unsubscribe(subscriber=self.object)
        return email
