"""Signed links: every step without an account is a link signed for one purpose.

`django.core.signing` with a salt per purpose, so a cancel link can never be used
to confirm or to download a certificate. Links that confirm something expire;
links that act on an existing enrolment carry its random `public_id`, so they stop
working once the enrolment is anonymised.
"""

import datetime as dt
import enum

from django.core import signing

from learning_tracks.constants import CONFIRMATION_HOURS, SUBSCRIPTION_LINK_DAYS


class Purpose(enum.StrEnum):
    ENROLMENT_CONFIRM = "enrolment-confirm"
    ENROLMENT_CANCEL = "enrolment-cancel"
    OFFER = "offer"
    CERTIFICATE = "certificate"
    INTEREST_CONFIRM = "interest-confirm"
    NEWSLETTER_CONFIRM = "newsletter-confirm"
    NEWSLETTER_UNSUBSCRIBE = "newsletter-unsubscribe"
    NEWSLETTER_MANAGE = "newsletter-manage"


MAX_AGE = {
    Purpose.ENROLMENT_CONFIRM: dt.timedelta(hours=CONFIRMATION_HOURS),
    Purpose.INTEREST_CONFIRM: dt.timedelta(days=SUBSCRIPTION_LINK_DAYS),
    Purpose.NEWSLETTER_CONFIRM: dt.timedelta(days=SUBSCRIPTION_LINK_DAYS),
}

# What callers catch: a tampered, foreign or expired link.
BadLink = signing.BadSignature
ExpiredLink = signing.SignatureExpired


def make(purpose: Purpose, value) -> str:
    return signing.dumps(value, salt=f"learning_tracks.{purpose}", compress=True)


def read(purpose: Purpose, token: str):
    """The signed value; raises ExpiredLink or BadLink (its parent)."""
    return signing.loads(
        token, salt=f"learning_tracks.{purpose}", max_age=MAX_AGE.get(purpose)
    )
