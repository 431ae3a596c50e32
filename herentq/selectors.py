from herentq.models import SDG, NewsItem, Page


def news_latest(*, limit: int = 3):
    return NewsItem.objects.published()[:limit]


def page_get_published(*, slug: str) -> Page:
    return Page.objects.published().get(slug=slug)


def sdg_list():
    return SDG.objects.all()
