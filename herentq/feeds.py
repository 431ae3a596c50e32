"""Atom feeds of public content; each app's feed is built on this one pattern."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from herentq import selectors


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_current_timezone())


class AtomFeed(Feed):
    feed_type = Atom1Feed
    language = "nl-BE"

    def item_updateddate(self, item):
        return getattr(item, "updated_at", None)


class NewsFeed(AtomFeed):
    """Published news, newest first (also linked from /nieuws/)."""

    title = _("Nieuws van de dienst lokaal mondiaal beleid")
    subtitle = _("Het nieuws van HerentQ.")

    def link(self):
        return reverse("news_list")

    def items(self):
        return selectors.news_searchable().order_by("-published_on", "-id")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return day_start(item.published_on)
