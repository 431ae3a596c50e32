from django.db.models import Count, Q

from herentq.languages import translation_columns
from herentq.models import SDG, NewsItem, Page


def news_latest(*, limit: int = 3):
    """The latest news for the home page: what its block shows, nothing more."""
    return NewsItem.objects.published().only(
        "slug",
        "published_on",
        "title",
        *translation_columns("title"),
        "summary",
        *translation_columns("summary"),
    )[:limit]


def news_image_is_public(name: str) -> bool:
    """Whether a stored news image belongs to a published news item."""
    return NewsItem.objects.published().filter(image=name).exists()


def page_get_published(*, slug: str) -> Page:
    return Page.objects.published().get(slug=slug)


def sdg_list():
    return SDG.objects.all()


def mail_queue_counts() -> dict:
    """Mail waiting to be sent and mail given up, from django-post-office (one query)."""
    from post_office.models import STATUS, Email

    return Email.objects.aggregate(
        waiting=Count("id", filter=Q(status__in=[STATUS.queued, STATUS.requeued])),
        failed=Count("id", filter=Q(status=STATUS.failed)),
    )


# What the site-wide search may find (herentq.sitesearch): the pages' selectors.


def news_searchable():
    return NewsItem.objects.published()


def pages_searchable():
    return Page.objects.published()
