"""The people the security tests act as.

Staff roles have an activated TOTP authenticator and log in with its code, as
production requires (`HERENTQ_STAFF_MFA_REQUIRED`); the tests run with it on.
`NO_SECOND_FACTOR` is a secretariat account that never activated one.
An app that gives a role more (subsidies: the applicant's organisation) appends a
function `(role, user) -> None` to `ROLE_HOOKS`.
"""

import time
from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.base.internal.flows import post_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from herentq.constants import (
    COUNCIL_MEMBERS_GROUP,
    COUNCIL_SECRETARIAT_GROUP,
    SERVICE_GROUP,
)
from tests.factories import UserFactory

ANONYMOUS = "anonymous"
APPLICANT = "applicant"  # a verified account without staff rights
MEMBER = "council member"  # in the "GROSH-leden" group
STAFF = "staff without group"
SERVICE = "service staff"  # staff of the "Dienst lokaal mondiaal beleid"
SECRETARIAT = "secretariat"  # staff in the "GROSH-secretariaat" group

ROLES = (ANONYMOUS, APPLICANT, MEMBER, STAFF, SERVICE, SECRETARIAT)
STAFF_ROLES = (STAFF, SERVICE, SECRETARIAT)
# Secretariat staff with a password only: sent to activate an authenticator on every
# page that is not open to everybody (its expectations: url_matrix.without_second_factor).
NO_SECOND_FACTOR = "staff without second factor"

GROUPS = {
    MEMBER: COUNCIL_MEMBERS_GROUP,
    SERVICE: SERVICE_GROUP,
    SECRETARIAT: COUNCIL_SECRETARIAT_GROUP,
    NO_SECOND_FACTOR: COUNCIL_SECRETARIAT_GROUP,
}
PASSWORD = "correct-horse-9"  # tests.factories.UserFactory

ROLE_HOOKS: list[Callable] = []

# The organisation every applicant in these tests applies for (its files are "own").
APPLICANT_ORGANISATION_NUMBER = "0499000167"


def applicant_organisation():
    """The applicant's association: made once, shared by the applicants of a test."""
    from subsidies.constants import LegalForm
    from subsidies.models import Organisation

    organisation, _created = Organisation.objects.get_or_create(
        enterprise_number=APPLICANT_ORGANISATION_NUMBER,
        defaults={
            "name": "Vereniging van de aanvrager vzw",
            "legal_form": LegalForm.VZW,
            "street": "Wijgmaalsesteenweg 12",
            "postcode": "3020",
            "city": "Herent",
            "iban": "BE71096123456769",
            "contact_name": "An Peeters",
            "contact_email": "contact@aanvrager.be",
        },
    )
    return organisation


def _applicant_joins_its_organisation(role, user):
    from subsidies.models import Membership

    if role == APPLICANT:
        Membership.objects.create(organisation=applicant_organisation(), user=user)


ROLE_HOOKS.append(_applicant_joins_its_organisation)


def make_user(role: str, *, email: str | None = None):
    """A new account in the role (None for anonymous)."""
    if role == ANONYMOUS:
        return None
    extra = {"email": email} if email else {}
    user = UserFactory(is_staff=role in (*STAFF_ROLES, NO_SECOND_FACTOR), **extra)
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    if role in GROUPS:
        user.groups.add(Group.objects.get(name=GROUPS[role]))
    if role in STAFF_ROLES:
        user.totp_secret = generate_totp_secret()
        TOTP.activate(user, user.totp_secret)
    for hook in ROLE_HOOKS:
        hook(role, user)
    return user


def log_in(client, role: str, *, email: str | None = None):
    """A session of a new account in the role; staff give their code, as in production."""
    user = make_user(role, email=email)
    if role in STAFF_ROLES:
        log_in_with_code(client, user)
    elif user is not None:
        client.force_login(user)
    return user


def log_in_code_given(client, role: str, *, email: str | None = None):
    """As `log_in`, without the login forms: staff get a session in which allauth
    recorded a TOTP code, as its second step does after a correct code.

    For tests about something else than logging in that need many staff sessions
    (tests/security/test_hostile_input.py). The real way in, password then code, is
    driven by `log_in` (test_permission_matrix, for every staff role) and refused
    without a code (test_second_factor).
    """
    user = make_user(role, email=email)
    if user is None:
        return None
    client.force_login(user)
    if role in STAFF_ROLES:
        request = RequestFactory().get("/")
        request.session = client.session
        authenticator = Authenticator.objects.get(
            user=user, type=Authenticator.Type.TOTP
        )
        post_authentication(request, authenticator)
        request.session.save()
    return user


def log_in_with_code(client, user):
    """Through allauth's login form and its second step, with a current TOTP code."""
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response["Location"].startswith(reverse("mfa_authenticate")), response
    # A code is valid for its own period only (TOTP_TOLERANCE 0): one made in the
    # period's last second may be checked in the next one (seen on a loaded machine).
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < 1:
        time.sleep(left + 0.01)
    counter = next(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(user.totp_secret, counter))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302, response.content.decode()[:500]
