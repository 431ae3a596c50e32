"""Browser tests: Playwright drives Debian's Chromium against the live server.

No browser is downloaded: `make test` installs Debian's `chromium-headless-shell`
package when it is missing. It is Chromium's old headless mode, the one Playwright
itself runs headless; the full browser's new headless mode spends some 2.5 times
its CPU on the same tests (test_keyboard.py: 105 → 41 CPU-seconds). Every page a
test visits can be checked with `assert_accessible(page)`.

The live server answers from its own thread and connection, so what a test writes is
committed (`transactional_db`, here also behind `db`). Afterwards the tables are put
back as the migrations left them by copying a snapshot in: a tenth of the time of
Django's flush, which also reruns every post_migrate handler. A test that asks for
`demo_data` (tests/conftest.py) starts on the demo data, copied in the same way.
"""

import os
import shutil

import pytest
from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe
from django.db import connections
from playwright.sync_api import sync_playwright

from tests.browser import html_validity
from tests.factories import UserFactory

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the
# tests make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium-headless-shell")
    if not path:
        pytest.fail(
            "Chromium is missing: install it with "
            "'apt-get install chromium-headless-shell'.",
            pytrace=False,
        )
    return path


@pytest.fixture
def transactional_db(django_db_setup, django_db_blocker, migrated_snapshot):
    """Committed database access; afterwards the tables are as the migrations left
    them (the autouse `empty_database_cache` empties the cache table)."""
    with django_db_blocker.unblock():
        yield
        migrated_snapshot.restore()
        connections.close_all()


@pytest.fixture
def db(transactional_db):
    """Fixtures that ask for `db` (users, factories) write for the live server too."""


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=_chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        locale="nl-BE", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


_axe = Axe()


def assert_accessible(page, *, context=None):
    """axe-core with the WCAG 2.0/2.1 A and AA rules: zero violations."""
    results = _axe.run(
        page,
        context=context,
        # Only the violations with every node: the passes and inapplicable rules,
        # which nothing reads, would otherwise come back in full (hundreds of kB
        # that Playwright parses and checks against its protocol, for each page).
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    # Valid HTML too: the Nu Html Checker reads the saved markup at the end of the run.
    html_validity.save(page)


def goto(page, path: str):
    response = page.goto(page.base_url + path)
    assert response is not None
    return response


@pytest.fixture
def superuser(transactional_db):
    """A superuser with a verified address, who signs in through the admin's form."""
    user = UserFactory(is_staff=True, is_superuser=True)
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


def log_in_to_admin(page, user):
    """Sign in on the admin's own form (UserFactory's password)."""
    goto(page, "/admin/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill("correct-horse-9")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/admin/")
