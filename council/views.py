import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django_filters.views import FilterView

from council import selectors, services
from council.constants import MemberRole, MinutesStatus
from council.filters import AdviceFilter
from council.forms import MinutesCommentForm
from council.linked_data import meeting_document
from council.models import Advice, AgendaDocument, Council, Meeting
from herentq import second_factor
from herentq.files import file_response
from herentq.ical import CalendarEvent, calendar_response
from herentq.pdf import pdf_response
from herentq.search import clean_query


class CouncilMixin:
    """The council the pages show (the GROSH); 404 while it does not exist."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.council = selectors.council_get()
        except Council.DoesNotExist:
            raise Http404 from None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(council=self.council, **kwargs)


def _roles(members):
    chair = next((m for m in members if m.role == MemberRole.CHAIR), None)
    secretary = next((m for m in members if m.role == MemberRole.SECRETARY), None)
    return chair, secretary


# Public area ------------------------------------------------------------------------


class IndexView(CouncilMixin, TemplateView):
    template_name = "council/council_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            upcoming=selectors.meetings_upcoming(council=self.council)[:3],
            recent_minutes=selectors.minutes_published_recent(council=self.council),
            recent_advice=selectors.advice_list_public(council=self.council)[:5],
            **kwargs,
        )


class MemberListView(CouncilMixin, ListView):
    template_name = "council/councilmember_list.html"
    context_object_name = "members"

    def get_queryset(self):
        return selectors.member_list(council=self.council)


class MeetingListView(CouncilMixin, ListView):
    template_name = "council/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 20

    def get_queryset(self):
        return selectors.meeting_list(council=self.council)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            upcoming=selectors.meetings_upcoming(council=self.council), **kwargs
        )


class PublicMeetingMixin(CouncilMixin):
    def get_meeting(self) -> Meeting:
        try:
            return selectors.meeting_get_public(
                council=self.council, pk=self.kwargs["pk"]
            )
        except Meeting.DoesNotExist:
            raise Http404 from None


class MeetingDetailView(PublicMeetingMixin, TemplateView):
    template_name = "council/meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        minutes = getattr(meeting, "minutes", None)
        return super().get_context_data(
            meeting=meeting,
            items=meeting.agenda_items.all(),
            attendance=selectors.attendance_summary(meeting=meeting)
            if meeting.is_held
            else None,
            minutes_published=minutes is not None and minutes.is_published,
            **kwargs,
        )


def _meeting_graph(request, meeting, items):
    members = list(
        selectors.member_list(council=meeting.council, on=meeting.planned_start.date())
    )
    chair, secretary = _roles(members)
    return meeting_document(
        meeting=meeting,
        items=items,
        attendance=selectors.attendance_summary(meeting=meeting),
        chair=chair,
        secretary=secretary,
        base_url=request.build_absolute_uri("/"),
    )


class MeetingJsonLdView(PublicMeetingMixin, TemplateView):
    """The meeting as OSLO linked data; only public items, never closed ones."""

    def get(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        # The selector never loads a closed item.
        items = list(meeting.agenda_items.all())
        if not items:
            raise Http404
        document = _meeting_graph(request, meeting, items)
        return HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=2),
            content_type="application/ld+json; charset=utf-8",
        )


class MinutesPublicView(PublicMeetingMixin, TemplateView):
    """The published minutes without the closed items; printable as it is."""

    template_name = "council/minutes_public.html"

    def get_meeting(self) -> Meeting:
        try:
            return selectors.meeting_get_for_public_minutes(
                council=self.council, pk=self.kwargs["pk"]
            )
        except Meeting.DoesNotExist:
            raise Http404 from None

    def get_version(self, meeting):
        number = self.request.GET.get("versie")
        try:
            number = int(number) if number else None
        except ValueError:
            raise Http404 from None
        version = selectors.minutes_version_public(meeting=meeting, number=number)
        if version is None:
            raise Http404
        return version

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        version = self.get_version(meeting)
        minutes = meeting.minutes
        advice_by_item = {
            item.pk: item.advice
            for item in meeting.agenda_items.all()
            if getattr(item, "advice", None)
        }
        entries = list(version.entries.all())
        for entry in entries:
            entry.advice = advice_by_item.get(entry.agenda_item_id)
        return super().get_context_data(
            meeting=meeting,
            minutes=minutes,
            version=version,
            is_current=version.pk == minutes.published_version_id,
            entries=entries,
            public_versions=selectors.minutes_public_versions(minutes=minutes),
            attendance=selectors.attendance_summary(meeting=meeting),
            **kwargs,
        )


class MinutesPdfView(MinutesPublicView):
    def get(self, request, *args, **kwargs):
        # The public minutes are the council's record: Dutch, from every page.
        with translation.override(settings.LANGUAGE_CODE):
            context = self.get_context_data(**kwargs)
            meeting = context["meeting"]
            return pdf_response(
                "council/minutes_pdf.html",
                context,
                filename=f"verslag-grosh-{meeting.planned_start:%Y-%m-%d}.pdf",
            )


class AdviceListView(CouncilMixin, FilterView):
    template_name = "council/advice_list.html"
    filterset_class = AdviceFilter
    context_object_name = "advices"
    paginate_by = 20

    def get_queryset(self):
        return selectors.advice_list_public(council=self.council)


class AdviceDetailView(CouncilMixin, DetailView):
    template_name = "council/advice_detail.html"
    context_object_name = "advice"

    def get_object(self, queryset=None):
        try:
            return selectors.advice_get_public(
                council=self.council, pk=self.kwargs["pk"]
            )
        except Advice.DoesNotExist:
            raise Http404 from None


class SearchView(CouncilMixin, TemplateView):
    template_name = "council/search.html"

    def get_context_data(self, **kwargs):
        query = clean_query(self.request.GET.get("q"))
        results = selectors.search_public(council=self.council, query=query)
        return super().get_context_data(query=query, results=results, **kwargs)


class MeetingCalendarView(CouncilMixin, TemplateView):
    """The past year's meetings and every later one as an RFC 5545 feed to
    subscribe to (`selectors.meetings_for_calendar`)."""

    def get(self, request, *args, **kwargs):
        meetings = selectors.meetings_for_calendar(council=self.council)
        events = []
        for meeting in meetings:
            public_titles = [
                i.title
                for i in meeting.agenda_items.all()
                if i.is_public and meeting.agenda_is_public
            ]
            description = "\n".join(
                f"{number}. {title}" for number, title in enumerate(public_titles, 1)
            )
            url = request.build_absolute_uri(meeting.get_absolute_url())
            events.append(
                CalendarEvent(
                    uid=f"council-meeting-{meeting.pk}@herentq",
                    start=meeting.started_at or meeting.planned_start,
                    end=meeting.end,
                    summary=meeting.title,
                    location=meeting.location,
                    description=(_("Agenda:") + "\n" + description)
                    if description
                    else "",
                    url=url,
                    cancelled=meeting.is_cancelled,
                )
            )
        return calendar_response(
            events,
            name=self.council.full_name,
            filename="vergaderingen.ics",
        )


def document_download(request, pk: int):
    """A public item's document for anyone; a closed item's only for members."""
    try:
        document = AgendaDocument.objects.select_related("agenda_item__meeting").get(
            pk=pk
        )
    except AgendaDocument.DoesNotExist:
        raise Http404 from None
    item = document.agenda_item
    if not (item.is_public and item.meeting.agenda_is_public):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.user_has_members_access(request.user):
            raise Http404
    response = file_response(document.file, download_name=document.download_name)
    response.headers["Cache-Control"] = (
        "public, max-age=3600"
        if item.is_public and item.meeting.agenda_is_public
        else "private, no-store"
    )
    return response


# Members' area ----------------------------------------------------------------------


class MembersAreaMixin(LoginRequiredMixin, CouncilMixin):
    """Logged in, and a member of the council (or its secretariat)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not selectors.user_has_members_access(request.user):
            return render(request, "council/members_forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)


class MembersIndexView(MembersAreaMixin, TemplateView):
    template_name = "council/members_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            upcoming=selectors.meetings_for_members(council=self.council),
            minutes_to_read=selectors.minutes_for_members(council=self.council),
            past_meetings=selectors.meetings_past_for_members(council=self.council),
            # Members may add a second factor; staff must (herentq.second_factor).
            suggest_second_factor=not second_factor.has_authenticator(
                self.request.user
            ),
            **kwargs,
        )


class MembersMeetingView(MembersAreaMixin, TemplateView):
    template_name = "council/members_meeting.html"

    def get_context_data(self, **kwargs):
        try:
            meeting = selectors.meeting_get_for_members(
                council=self.council, pk=self.kwargs["pk"]
            )
        except Meeting.DoesNotExist:
            raise Http404 from None
        return super().get_context_data(
            meeting=meeting,
            items=meeting.agenda_items.all(),
            attendance=selectors.attendance_summary(meeting=meeting),
            minutes=getattr(meeting, "minutes", None),
            **kwargs,
        )


class MembersMinutesView(MembersAreaMixin, FormView):
    """The minutes as members read them, closed items included; comments while
    the minutes are circulated."""

    template_name = "council/members_minutes.html"
    form_class = MinutesCommentForm

    def get_minutes(self):
        if not hasattr(self, "_minutes"):
            try:
                meeting = selectors.meeting_get_for_members(
                    council=self.council, pk=self.kwargs["pk"]
                )
                self._minutes = meeting.minutes
            except (Meeting.DoesNotExist, Meeting.minutes.RelatedObjectDoesNotExist):
                raise Http404 from None
        return self._minutes

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.get_minutes().meeting}

    def get_context_data(self, **kwargs):
        minutes = self.get_minutes()
        version = selectors.minutes_version_for_members(minutes=minutes)
        show_working_copy = minutes.status == MinutesStatus.DRAFT or version is None
        return super().get_context_data(
            meeting=minutes.meeting,
            minutes=minutes,
            version=None if show_working_copy else version,
            working_copy=selectors.minutes_working_copy(minutes=minutes)
            if show_working_copy
            else None,
            comments=selectors.minutes_comments(minutes=minutes),
            may_comment=minutes.status == MinutesStatus.CIRCULATED,
            attendance=selectors.attendance_summary(meeting=minutes.meeting),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if self.get_minutes().status != MinutesStatus.CIRCULATED:
            messages.error(
                request, _("Opmerkingen kunnen enkel bij een rondgestuurd verslag.")
            )
            return redirect(self.get_success_url())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.minutes_comment_add(
                minutes=self.get_minutes(),
                author=self.request.user,
                text=form.cleaned_data["text"],
                agenda_item=form.cleaned_data["agenda_item"],
            )
        except services.CouncilError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Uw opmerking is toegevoegd."))
        return redirect(self.get_success_url())

    def get_success_url(self):
        return (
            reverse("council:members_minutes", args=[self.kwargs["pk"]])
            + "#opmerkingen"
        )


class InvitationView(TemplateView):
    """The signed link of an invitation to the members' area: sign in or create an
    account with the invited address, then accept (council.services)."""

    template_name = "council/member_invitation.html"

    def get_context_data(self, **kwargs):
        member, refusal = None, ""
        try:
            member = services.member_from_invitation(self.kwargs["token"])
        except services.CouncilError as error:
            refusal = error.message
        here = self.request.get_full_path()
        return super().get_context_data(
            member=member,
            refusal=refusal,
            login_url=f"{reverse('account_login')}?{urlencode({'next': here})}",
            signup_url=f"{reverse('account_signup')}?{urlencode({'next': here})}",
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            member = services.member_accept_invitation(
                token=self.kwargs["token"], user=request.user
            )
        except services.CouncilError as error:
            context = self.get_context_data(refusal_on_accept=error.message)
            return self.render_to_response(context, status=400)
        messages.success(
            request,
            _("Welkom in de ledenzone van de %(council)s.")
            % {"council": member.council.name},
        )
        return redirect("council:members_index")
