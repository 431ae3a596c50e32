"""Who must have passed the second factor, and whether this session did.

Staff and the council's secretariat read closed data (the admin, closed agenda
items and documents, draft minutes, subsidy files): in production
(`HERENTQ_STAFF_MFA_REQUIRED`) they reach no page that is not open to everybody
before they activated a TOTP authenticator and gave one of its codes in this
session (at login, at activation, or when asked again).
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.conf import settings

from herentq.constants import COUNCIL_SECRETARIAT_GROUP
from herentq.pagecache import is_public_page

# Set when the authenticator is activated in this session: its form checked a code.
ACTIVATED_SESSION_KEY = "herentq_second_factor_activated"
OPEN_MARKER = "open_to_all"


def open_to_all(view):
    """Mark a view (as given to `path()`) that anyone may open, signed in or not.

    Views marked `public_page` are open too. Only views that show every visitor
    the same thing qualify: one that checks permission itself is not open.
    """
    setattr(view, OPEN_MARKER, True)
    return view


def is_open(view) -> bool:
    return (
        is_public_page(view)
        or getattr(view, OPEN_MARKER, False) is True
        # Login, logout, activating and giving the second factor.
        or (view.__module__ or "").startswith("allauth.")
    )


def is_required() -> bool:
    return settings.HERENTQ_STAFF_MFA_REQUIRED


def must_use_second_factor(user) -> bool:
    return user.is_authenticated and (
        user.is_staff
        or user.is_superuser
        or user.groups.filter(name=COUNCIL_SECRETARIAT_GROUP).exists()
    )


def has_authenticator(user) -> bool:
    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def passed_in_session(request) -> bool:
    if request.session.get(ACTIVATED_SESSION_KEY) == request.user.pk:
        return True
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, request.user)
    )


def satisfied(request) -> bool:
    """Whether the signed-in user may read closed data as far as the factor goes."""
    user = request.user
    if not (is_required() and must_use_second_factor(user)):
        return True
    return has_authenticator(user) and passed_in_session(request)


def _remember_activation(sender, request, user, authenticator, **kwargs):
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        request.session[ACTIVATED_SESSION_KEY] = user.pk


def connect():
    authenticator_added.connect(
        _remember_activation, dispatch_uid="herentq_second_factor_activated"
    )
