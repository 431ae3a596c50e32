"""Staff and the secretariat pass the second factor before any page that is not
open to everybody (herentq.second_factor); council members are asked to add one.

Production has `HERENTQ_STAFF_MFA_REQUIRED` on; so do these tests. The permission
matrix checks every URL for the role "staff without second factor"; here the
ways through: activating, giving a code again, and the members' notice.
"""

import pytest
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from tests.council.factories import AgendaItemFactory, CouncilFactory, MeetingFactory
from tests.security.roles import (
    MEMBER,
    NO_SECOND_FACTOR,
    PASSWORD,
    SECRETARIAT,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mfa_required(settings):
    settings.HERENTQ_STAFF_MFA_REQUIRED = True


@pytest.fixture
def closed_meeting(db):
    council = CouncilFactory()
    meeting = MeetingFactory(council=council)
    AgendaItemFactory(meeting=meeting, title="Besloten dossier", is_public=False)
    return meeting


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def _members_pages(meeting):
    return [
        reverse("council:members_index"),
        reverse("council:members_meeting", args=[meeting.pk]),
    ]


def test_the_secretariat_without_authenticator_reads_nothing_closed(
    client, mfa_required, closed_meeting
):
    client.force_login(make_user(NO_SECOND_FACTOR))
    for path in _members_pages(closed_meeting):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("mfa_activate_totp"), path
    page = client.get(_members_pages(closed_meeting)[0], follow=True)
    assert "Activeer eerst een authenticator-app" in page.content.decode()
    # Public pages stay open.
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("council:meeting_list")).status_code == 200


# Real commits: allauth announces the new authenticator once it is committed.
@pytest.mark.django_db(transaction=True)
def test_activating_the_authenticator_opens_the_members_area(
    client, mfa_required, closed_meeting
):
    user = make_user(NO_SECOND_FACTOR)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    members = reverse("council:members_index")
    assert client.get(members)["Location"] == reverse("mfa_activate_totp")

    # allauth asks for the password again before an authenticator is added.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
    assert response.status_code == 302, response.content.decode()[:1000]

    response = client.get(members)
    assert response.status_code == 200
    assert "Besloten dossier" in response.content.decode()


def test_a_session_without_a_code_is_asked_for_one(
    client, mfa_required, closed_meeting
):
    """An authenticator alone is not enough: this session must have used it."""
    user = make_user(SECRETARIAT)
    client.force_login(user)  # a session that never gave a code
    members = reverse("council:members_meeting", args=[closed_meeting.pk])
    response = client.get(members)
    reauthenticate = reverse("mfa_reauthenticate")
    assert response.status_code == 302
    assert response["Location"].startswith(reauthenticate)
    assert "Besloten dossier" not in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302

    response = client.post(response["Location"], {"code": _code(user.totp_secret)})
    assert response.status_code == 302
    assert response["Location"] == members
    assert "Besloten dossier" in client.get(members).content.decode()
    assert client.get(reverse("admin:index")).status_code == 200


def test_council_members_are_asked_gently_to_add_a_second_factor(
    client, mfa_required, closed_meeting
):
    member = make_user(MEMBER)
    client.force_login(member)
    response = client.get(reverse("council:members_index"))
    assert response.status_code == 200  # not blocked
    html = response.content.decode()
    assert "Beveilig uw account met tweestapsverificatie" in html
    assert reverse("mfa_activate_totp") in html

    TOTP.activate(member, generate_totp_secret())
    html = client.get(reverse("council:members_index")).content.decode()
    assert "Beveilig uw account met tweestapsverificatie" not in html


def test_without_the_requirement_a_password_is_enough(client, settings, closed_meeting):
    settings.HERENTQ_STAFF_MFA_REQUIRED = False  # development
    client.force_login(make_user(NO_SECOND_FACTOR))
    for path in _members_pages(closed_meeting):
        assert client.get(path).status_code == 200, path
