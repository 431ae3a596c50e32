import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from herentq.models import SDG, NewsItem
from partnerships import services
from partnerships.constants import AgreementKind
from tests.factories import LocalAuthorityFactory
from tests.partnerships.factories import (
    ActionDomainFactory,
    AgreementFactory,
    ExchangeFactory,
    PartnerOrganisationFactory,
    PartnerPlaceFactory,
    PartnershipFactory,
)


@pytest.fixture
def herent(db):
    return LocalAuthorityFactory(name="Herent", slug="herent", is_owner=True)


@pytest.fixture
def nimlahakok(herent):
    """Herent's partnership with two regions of Cobán (docs/domain.md)."""
    partnership = PartnershipFactory(
        local_authority=herent,
        title="Herent – Nimlaha'kok en Nimlasachal",
        slug="herent-nimlahakok",
        summary="De bestuurlijke band met twee regio's van de stad Cobán.",
        sdgs=SDG.objects.filter(number__in=[4, 5]),
        domains=[ActionDomainFactory(name="Gendergelijkheid", slug="gendergelijkheid")],
    )
    PartnerPlaceFactory(
        partnership=partnership, name="Nimlaha'kok", area="Cobán, Alta Verapaz"
    )
    PartnerPlaceFactory(
        partnership=partnership, name="Nimlasachal", area="Cobán, Alta Verapaz"
    )
    PartnerOrganisationFactory(partnership=partnership, name="Lokale gemeenschapsradio")
    return partnership


def make_full_partnership(index: int, *, authority=None, news=None):
    """A published partnership with everything a page can show.

    Built with one search refresh and one data-version change at the end, not one
    per piece (services.refreshes_held): what it leaves is the same.
    """
    with services.refreshes_held():
        return _full_partnership(authority=authority, news=news)


def _full_partnership(*, authority, news):
    partnership = PartnershipFactory(
        local_authority=authority or LocalAuthorityFactory(),
        sdgs=SDG.objects.filter(number__in=[1, 5, 17]),
        domains=[ActionDomainFactory(name="Cultuur", slug="cultuur")],
    )
    PartnerPlaceFactory(partnership=partnership, country="MA")
    PartnerPlaceFactory(partnership=partnership, country="TR")
    PartnerOrganisationFactory(partnership=partnership)
    AgreementFactory(
        partnership=partnership,
        kind=AgreementKind.COOPERATION_PROTOCOL,
        domains=[ActionDomainFactory(name="Sport", slug="sport")],
    )
    AgreementFactory(partnership=partnership, kind=AgreementKind.JUMELAGE)
    ExchangeFactory(partnership=partnership)
    if news is not None:
        partnership.news_items.add(news)
    return partnership


@pytest.fixture
def count_queries():
    """Run a callable and return how many SQL queries it made."""

    def run(function):
        with CaptureQueriesContext(connection) as context:
            function()
        return len(context.captured_queries)

    return run


@pytest.fixture
def news_item(db):
    return NewsItem.objects.create(
        title="Uitwisseling met Cobán",
        slug="uitwisseling-coban",
        summary="Een delegatie bezocht Nimlaha'kok.",
        body="Het verslag.",
    )
