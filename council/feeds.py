"""Atom feeds of the GROSH's published minutes and public advice."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from council import selectors
from council.constants import MinutesStatus
from council.models import Minutes
from herentq.feeds import AtomFeed


class MinutesFeed(AtomFeed):
    title = _("Gepubliceerde verslagen van de GROSH")
    subtitle = _(
        "De openbare verslagen van de adviesraad voor ontwikkelingssamenwerking."
    )

    def link(self):
        return reverse("council:meeting_list")

    def items(self):
        return (
            Minutes.objects.filter(status=MinutesStatus.PUBLISHED)
            .select_related("meeting")
            .order_by("-meeting__planned_start")[:30]
        )

    def item_title(self, minutes):
        day = date_format(timezone.localtime(minutes.meeting.planned_start), "j F Y")
        return _("Verslag van de vergadering van %(day)s") % {"day": day}

    def item_description(self, minutes):
        return minutes.meeting.location

    def item_link(self, minutes):
        return minutes.get_absolute_url()

    def item_pubdate(self, minutes):
        return minutes.updated_at


class AdviceFeed(AtomFeed):
    title = _("Adviezen van de GROSH")
    subtitle = _(
        "De openbare adviezen van de adviesraad voor ontwikkelingssamenwerking."
    )

    def link(self):
        return reverse("council:advice_list")

    def items(self):
        return selectors.advice_searchable().order_by(
            "-agenda_item__meeting__planned_start", "-pk"
        )[:30]

    def item_title(self, advice):
        return advice.subject_text

    def item_description(self, advice):
        return advice.text

    def item_pubdate(self, advice):
        return advice.agenda_item.meeting.planned_start
