import gc

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.utils import translation

from herentq.constants import SERVICE_GROUP
from tests.factories import UserFactory
from tests.s3_server import S3Server
from tests.snapshot import Snapshot

# The garbage collector took 40 CPU-seconds of a run (27 000 collections in the
# two workers): with Python's default threshold of 700 allocations it ran every
# few template nodes, and each full collection scanned Django, Playwright and the
# collected tests too. A higher threshold for the youngest generation and, once
# the tests are collected, everything loaded so far frozen out of its reach (as
# herentq/wsgi.py does in production) halved that: 20 CPU-seconds, 3 000
# collections.
GC_YOUNGEST_THRESHOLD = 10_000


def pytest_configure(config):
    gc.set_threshold(GC_YOUNGEST_THRESHOLD, *gc.get_threshold()[1:])


def pytest_collection_finish(session):
    gc.collect()
    gc.freeze()


def pytest_collection_modifyitems(items):
    """`demo_data` empties every table: set it up before fixtures that add rows."""
    for item in items:
        if "demo_data" in item.fixturenames:
            item.fixturenames.remove("demo_data")
            item.fixturenames.insert(0, "demo_data")


@pytest.fixture(scope="session")
def django_db_setup(
    django_test_environment, django_db_modify_db_settings, django_db_blocker
):
    """This process's test database: a copy of the run's migrated template
    (tests/database.py), dropped at the end."""
    from tests import database  # a plugin (below): imported by pytest first

    with django_db_blocker.unblock():
        name = database.set_up_test_database()
    yield
    with django_db_blocker.unblock():
        database.tear_down_test_database(name)


@pytest.fixture(scope="session")
def migrated_snapshot(django_db_setup, django_db_blocker):
    """The test database as the migrations left it (SDGs, groups, permissions)."""
    with django_db_blocker.unblock():
        return Snapshot.take()


def _load_demo_data():
    call_command("load_demo_data", verbosity=0)


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """The demo data, loaded once per run (by the first xdist worker that needs
    them, in a transaction rolled back after the snapshot), shared with the others.

    The test database keeps only what the migrations put in it.
    """
    from tests import database

    with django_db_blocker.unblock():
        snapshot, _ = database.shared_snapshot("demo", _load_demo_data)
    return snapshot


@pytest.fixture
def demo_data(demo_snapshot, db):
    """The database holds exactly what `load_demo_data` makes, and nothing else.

    Copied in at the start of the test, in the test's transaction: rolled back after
    it, so a test may change the demo data. In a live-server (browser) test it is
    committed; afterwards the migrated snapshot is copied back (tests/browser/conftest.py).
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
# tests.database makes the run's test databases (a template copied per worker).
# tests.xdist_groups keeps the tests of an `xdist_group` on one worker (pytest 9).
pytest_plugins = [
    "tests.browser.html_validity",
    "tests.database",
    "tests.xdist_groups",
]


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
    settings.EMAIL_BACKEND = "herentq.mail.EmailBackend"


def deliver_mail(now=None):
    """Send what is due, with the worker's own send step (in the test's transaction,
    which a worker process could not see); returns django.core.mail.outbox."""
    from django.core import mail

    from herentq.mail_queue import send_due_mail

    send_due_mail(now)
    return mail.outbox


def run_periodic_jobs():
    """Run each periodic job the worker has registered (from the apps'
    ``periodic_commands``) once, in the test's transaction, as one period would."""
    from procrastinate.contrib.django import app

    for periodic in app.periodic_registry.periodic_tasks.values():
        task_kwargs = periodic.configure_kwargs.get("task_kwargs") or {}
        periodic.task(**{**task_kwargs, "timestamp": 0})


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """A real S3-compatible server (`rclone serve s3`) for this process, started on
    first use; its two buckets are subdirectories of a temporary directory."""
    server = S3Server(tmp_path_factory.mktemp("s3"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def object_storage(settings, s3_server):
    """The uploads of this test in the server's two buckets (STORAGES); ask for it
    before the fixtures that store files."""
    settings.STORAGES = {**settings.STORAGES, **s3_server.storages()}
    return s3_server
