import pytest
from django.contrib.auth.models import Group

from herentq.constants import SERVICE_GROUP
from tests.factories import UserFactory

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
