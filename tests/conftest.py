import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from herentq.constants import SERVICE_GROUP
from tests.factories import UserFactory
from tests.snapshot import Snapshot


def pytest_collection_modifyitems(items):
    """`demo_data` empties every table: set it up before fixtures that add rows."""
    for item in items:
        if "demo_data" in item.fixturenames:
            item.fixturenames.remove("demo_data")
            item.fixturenames.insert(0, "demo_data")


@pytest.fixture(scope="session")
def migrated_snapshot(django_db_setup, django_db_blocker):
    """The test database as the migrations left it (SDGs, groups, permissions)."""
    with django_db_blocker.unblock():
        return Snapshot.take()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """The demo data, loaded once per test session (per xdist worker), then undone.

    Loaded in a transaction that is rolled back after the snapshot is taken, so the
    test database keeps only what the migrations put in it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_data", verbosity=0)
        snapshot = Snapshot.take()
        transaction.set_rollback(True)
    return snapshot


@pytest.fixture
def demo_data(demo_snapshot, db):
    """The database holds exactly what `load_demo_data` makes, and nothing else.

    Copied in at the start of the test, in the test's transaction: rolled back after
    it, so a test may change the demo data. In a live-server (transactional) test it
    is committed, and Django's flush empties the tables afterwards as usual.
    """
    demo_snapshot.restore()


@pytest.fixture(autouse=True)
def dutch_after_each_test():
    """A request to /fr/ or /en/ leaves its language active in the thread (Django's
    LocaleMiddleware activates, nothing deactivates): the next test starts in Dutch,
    or its factories would write translated fields into another language's column."""
    yield
    translation.deactivate()


# Checks the markup of every page the browser tests scan with axe, once at the end.
pytest_plugins = ["tests.browser.html_validity"]


@pytest.fixture
def service_user(db):
    """A civil servant of the dienst lokaal mondiaal beleid, with admin access."""
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=SERVICE_GROUP))
    return user


@pytest.fixture
def service_client(client, service_user):
    client.force_login(service_user)
    return client


@pytest.fixture(autouse=True)
def empty_database_cache(request, django_db_blocker):
    """Rate-limit counters (and allauth's) live in the database cache table, which
    Django's flush after a transactional test leaves alone: empty it after such a
    test. After any other test the rollback has already removed what it cached."""
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    if transactional:
        with django_db_blocker.unblock():
            caches["default"].clear()


@pytest.fixture(autouse=True)
def queued_mail(settings):
    """Mail goes through the database queue as in production (pytest-django would
    otherwise swap in locmem); `deliver_mail()` runs the worker's send step."""
    settings.EMAIL_BACKEND = "post_office.EmailBackend"


def deliver_mail():
    """Send what is queued, as the worker does; returns django.core.mail.outbox."""
    from django.core import mail
    from post_office.mail import send_queued

    send_queued(processes=1, log_level=0)
    return mail.outbox
