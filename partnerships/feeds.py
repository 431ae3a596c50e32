import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from partnerships import selectors


class PartnershipNewsFeed(Feed):
    """Atom feed of news linked to a published partnership."""

    feed_type = Atom1Feed
    title = _("Nieuws over de partnerschappen")
    subtitle = _("Nieuws over de stedenbanden en partnerschappen van lokale besturen.")
    language = "nl-BE"

    def link(self):
        return reverse("partnerships:list")

    def items(self):
        return selectors.partnership_news()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return dt.datetime.combine(
            item.published_on, dt.time(), tzinfo=timezone.get_current_timezone()
        )

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [partnership.title for partnership in item.published_partnerships]
