"""Signed links of invitations to the members' area.

`django.core.signing` with a salt of its own: the link carries the seat and the
seat's current invitation key, and expires after INVITATION_VALID_FOR. Sending
the invitation again changes the key, so only the latest link works.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from council.constants import INVITATION_VALID_FOR

SALT = "council.invitation"

BadLink = signing.BadSignature
ExpiredLink = signing.SignatureExpired


def make_token(member) -> str:
    return signing.dumps({"m": member.pk, "k": member.invitation_key}, salt=SALT)


def read_token(token: str) -> dict:
    """{"m": seat id, "k": key}; raises ExpiredLink or BadLink (its parent)."""
    value = signing.loads(token, salt=SALT, max_age=INVITATION_VALID_FOR)
    if not isinstance(value, dict) or not {"m", "k"} <= value.keys():
        raise BadLink("incomplete invitation")
    return value


def invitation_url(member) -> str:
    return settings.HERENTQ_BASE_URL.rstrip("/") + reverse(
        "council:invitation", args=[make_token(member)]
    )
