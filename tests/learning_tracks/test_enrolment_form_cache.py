"""The blank enrolment form is rendered once and kept as a template fragment:
the view still checks the track for every visitor first, each visitor gets a
CSRF token of their own, and what they send is checked against the track as
it is now."""

import re

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from learning_tracks.constants import TrackStatus
from learning_tracks.models import Enrolment
from tests.factories import UserFactory
from tests.learning_tracks.factories import TrackFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "An Peeters",
    "email": "an@example.be",
    "organisation": "Gemeente Herent",
    "role": "alderman",
    "consent": "on",
}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The production page cache (the test settings switch it off)."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def track():
    return TrackFactory(status=TrackStatus.ENROLMENT_OPEN, capacity=2)


def _url(track):
    return reverse("learning_tracks:enrol", args=[track.slug])


def _token(response) -> str:
    [token] = TOKEN.findall(response.content.decode())
    return token


def _field_templates(response) -> list:
    return [t.name for t in response.templates if t.name.startswith("bootstrap5/")]


def test_visitors_share_the_rendered_form_but_not_their_tokens(track):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    rendered = first.get(_url(track))
    shared = second.get(_url(track))
    assert _field_templates(rendered) and not _field_templates(shared)
    assert shared.content.decode().count('name="email"') == 1
    assert "Voor- en achternaam" in shared.content.decode()

    for response in (rendered, shared):
        assert "csrftoken" in response.cookies
    assert _token(rendered) != _token(shared)

    # A token belongs to the visitor who got it: another's is refused.
    stolen = first.post(_url(track), {**FORM, "csrfmiddlewaretoken": _token(shared)})
    assert stolen.status_code == 403
    own = second.post(_url(track), {**FORM, "csrfmiddlewaretoken": _token(shared)})
    assert own.status_code == 302
    assert Enrolment.objects.get().email == "an@example.be"


def test_a_closed_track_shows_no_form_even_when_it_is_kept(track):
    Client().get(_url(track))  # the form is kept now
    track.status = TrackStatus.RUNNING  # enrolment has just closed
    track.save()
    response = Client().get(_url(track), follow=True)
    html = response.content.decode()
    assert "De inschrijvingen voor dit leertraject zijn niet open." in html
    assert 'name="email"' not in html


def test_a_form_sent_just_before_closing_is_refused_with_the_reason(track):
    visitor = Client(enforce_csrf_checks=True)
    token = _token(visitor.get(_url(track)))
    track.status = TrackStatus.RUNNING
    track.save()
    response = visitor.post(
        _url(track), {**FORM, "csrfmiddlewaretoken": token}, follow=True
    )
    assert "De inschrijvingen voor dit leertraject zijn niet open." in (
        response.content.decode()
    )
    assert not Enrolment.objects.exists()


def test_a_signed_in_visitor_gets_a_page_of_their_own(track):
    Client().get(_url(track))
    client = Client()
    client.force_login(UserFactory())
    response = client.get(_url(track))
    assert "Afmelden" in response.content.decode()


def test_a_form_with_errors_is_never_shared(track):
    client = Client()
    response = client.post(_url(track), {**FORM, "email": "geen-adres"})
    assert "Vul een geldig e-mailadres in" in response.content.decode()
    assert 'value="geen-adres"' in response.content.decode()
    html = Client().get(_url(track)).content.decode()
    assert "Vul een geldig e-mailadres in" not in html
    assert "geen-adres" not in html
