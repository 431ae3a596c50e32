"""Atom feed of the register of granted subsidies: the latest decisions."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from herentq.feeds import AtomFeed, day_start
from subsidies import selectors


class RegisterFeed(AtomFeed):
    title = _("Toegekende subsidies")
    subtitle = _("De laatste beslissingen in het register van toegekende subsidies.")

    def link(self):
        return reverse("subsidies:register")

    def items(self):
        return selectors.register_searchable().order_by("-decision_date", "-pk")[:30]

    def item_title(self, application):
        return application.title

    def item_description(self, application):
        return application.organisation.name

    def item_link(self, application):
        year = application.decision_date.year
        return (
            reverse("subsidies:register_year", args=[year])
            + f"#{application.reference.lower()}"
        )

    def item_guid(self, application):
        return application.reference

    item_guid_is_permalink = False

    def item_pubdate(self, application):
        return day_start(application.decision_date)
