from herentq.models import SDG, NewsItem, Page


def news_latest(*, limit: int = 3):
    return NewsItem.objects.published()[:limit]


def news_image_is_public(name: str) -> bool:
    """Whether a stored news image belongs to a published news item."""
    return NewsItem.objects.published().filter(image=name).exists()


def page_get_published(*, slug: str) -> Page:
    return Page.objects.published().get(slug=slug)


def sdg_list():
    return SDG.objects.all()


# What the site-wide search may find (herentq.sitesearch): the pages' selectors.


def news_searchable():
    return NewsItem.objects.published()


def pages_searchable():
    return Page.objects.published()
