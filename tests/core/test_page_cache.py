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
