import pytest
from django.core.cache import caches

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(demo_data, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def test_anonymous_visitors_get_public_pages_from_the_cache(
    client, page_cache, django_assert_num_queries
):
    first = client.get("/")
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second.content == first.content


def test_one_copy_of_a_page_serves_every_browser_language(
    client, page_cache, django_assert_num_queries
):
    # The language is in the path: Dutch at /, whatever the browser prefers.
    first = client.get("/", headers={"accept-language": "fr"})
    assert "Accept-Language" not in first.get("Vary", "")
    assert '<html lang="nl"' in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert second.content == first.content
    french = client.get("/fr/")
    assert '<html lang="fr"' in french.content.decode()


def test_public_pages_all_take_their_language_from_the_path():
    from django.urls import URLResolver, get_resolver
    from django.urls.resolvers import LocalePrefixPattern

    from herentq.pagecache import is_public_page

    def public_outside_prefix(patterns, under_prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = under_prefix or isinstance(entry.pattern, LocalePrefixPattern)
                yield from public_outside_prefix(entry.url_patterns, inner)
            elif is_public_page(entry.callback) and not under_prefix:
                yield str(entry.pattern)

    assert list(public_outside_prefix(get_resolver().url_patterns, False)) == []


def test_signed_in_users_never_get_cached_pages(client, page_cache, service_user):
    client.get("/")  # an anonymous copy is in the cache now
    client.force_login(service_user)
    response = client.get("/")
    assert "Afmelden" in response.content.decode()  # their own page, not the copy


def test_account_pages_are_never_cached_public_pages_are(client, page_cache):
    store = caches["pages"]._cache  # the locmem dict
    client.get("/accounts/login/")
    assert len(store) == 0
    client.get("/sdg/")
    assert len(store) > 0


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.content == b"ok"


def test_a_page_that_sets_a_cookie_is_never_cached(client, page_cache):
    from learning_tracks.models import Track

    store = caches["pages"]._cache
    track = Track.objects.filter(status="enrolment_open").first()
    response = client.get(f"/leertrajecten/{track.slug}/inschrijven/")
    assert "csrftoken" in response.cookies  # its form carries a token
    # Only the blank form's fragment is kept (see test_enrolment_form_cache.py).
    assert not [key for key in store if "cache_page" in key]
    assert [key for key in store if "enrolment_form" in key]


def test_visitors_with_a_session_or_pending_messages_get_a_fresh_page(
    client, page_cache, django_assert_max_num_queries
):
    client.get("/")  # an anonymous copy is in the cache now
    client.cookies["messages"] = "een bericht"
    with django_assert_max_num_queries(50) as queries:
        client.get("/")
    assert queries.captured_queries  # rendered afresh, not the copy


def test_head_requests_get_the_cached_copy(
    client, page_cache, django_assert_num_queries
):
    client.get("/sdg/")
    with django_assert_num_queries(0):
        response = client.head("/sdg/")
    assert response.status_code == 200


def test_only_views_marked_as_public_pages_are_cached(client, page_cache):
    store = caches["pages"]._cache
    client.get("/healthz/")
    assert len(store) == 0  # the yardstick is never cached
    client.get("/partnerschappen/")
    assert len(store) > 0


def _patterns(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            yield from _patterns(pattern, route)
        else:
            yield route, pattern.callback


def test_no_admin_or_account_page_is_marked_as_public():
    from django.urls import get_resolver

    from herentq.pagecache import is_public_page

    marked = {
        route for route, view in _patterns(get_resolver()) if is_public_page(view)
    }
    # The public pages of the benchmark, among others.
    assert {
        "",
        "partnerschappen/",
        "partnerschappen/<slug:slug>/",
        "grosh/vergaderingen/<int:pk>/verslag/",
        "subsidies/register/",
        "subsidies/reglement/<slug:slug>/",
        "leertrajecten/<slug:slug>/",
    } <= marked
    assert not [r for r in marked if r.startswith(("admin/", "accounts/"))]
