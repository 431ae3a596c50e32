"""Atom feeds of news, published minutes, advice and the subsidy register:
linked from their pages, published items only."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from council.models import Advice
from herentq.models import NewsItem
from subsidies.models import Application

ATOM = "{http://www.w3.org/2005/Atom}"


def _titles(client, name) -> list[str]:
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("news_list", "news_feed"),
        ("council:meeting_list", "council:minutes_feed"),
        ("council:advice_list", "council:advice_feed"),
        ("subsidies:register", "subsidies:register_feed"),
    ],
)
def test_feeds_are_linked_from_their_pages(client, demo_data, page, feed):
    response = client.get(reverse(page), follow=True)
    html = response.content.decode()
    assert f'rel="alternate" type="application/atom+xml" href="{reverse(feed)}"' in html
    assert _titles(client, feed)


def test_feeds_hold_published_items_only(client, demo_data):
    hidden = NewsItem.objects.published().first()
    NewsItem.objects.filter(pk=hidden.pk).update(is_published=False)
    news = _titles(client, "news_feed")
    assert hidden.title not in news
    assert len(news) == NewsItem.objects.published().count()

    advice = _titles(client, "council:advice_feed")
    assert set(advice) == set(
        Advice.objects.public().values_list("subject_text", flat=True)
    )

    register = _titles(client, "subsidies:register_feed")
    assert "Radioprogramma's over klimaat en landbouw" not in register
    granted = Application.objects.granted().filter(decision_date__isnull=False)
    assert set(register) == set(granted.values_list("title", flat=True))
    assert _titles(client, "council:minutes_feed")
