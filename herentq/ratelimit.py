"""Rate limits for public forms that send mail to an address someone typed.

Without them, anyone could have the portal mail any address again and again
(enrolment, interest list, newsletter: each sends a confirmation link). Each form
counts its sendings per client address and per target e-mail address in the
default cache (the database cache, shared by every gunicorn worker; Redis when
`REDIS_URL` is set, shared by every app node), in fixed windows. The client
address is allauth's, so `ALLAUTH_TRUSTED_PROXY_COUNT` (set in production, behind
the TLS proxy) applies here too.

    refusal = ratelimit.public_form_refusal(request, form="enrolment", email=email)
    if refusal:
        ...  # show the Dutch message in the form, with status 429

Limits can be tuned with the `HERENTQ_PUBLIC_FORM_RATES` setting:
``{"address": (amount, seconds), "email": (amount, seconds)}``.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

# Per client address: a colleague enrolling a whole team from the town hall's
# single public address must still get through; per target address: a few
# resends of a lost confirmation link.
DEFAULT_RATES = {"address": (20, 3600), "email": (3, 3600)}

TOO_MANY_FROM_ADDRESS = _(
    "U hebt dit formulier het voorbije uur te vaak verstuurd. Probeer het over een "
    "uur opnieuw."
)
TOO_MANY_TO_EMAIL = _(
    "We stuurden het voorbije uur al enkele e-mails naar dit adres. Kijk in uw "
    "mailbox (ook bij ongewenste e-mail) of probeer het over een uur opnieuw."
)


def hit(scope: str, key: str, *, amount: int, seconds: int) -> bool:
    """Count one use of `scope` by `key`; False once more than `amount` uses
    fall in the current window of `seconds`.

    `add` creates the counter only if it is missing, `incr` counts: on Redis both
    are single atomic commands, so concurrent requests on any node count exactly.
    The database cache's `incr` is a read then a write: two requests at the same
    instant may count once (a limit of 20 lets a burst through a little later),
    acceptable on one machine, which is why several nodes need REDIS_URL.
    """
    window = int(time.time() // seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"herentq:rl:{scope}:{window}:{digest}"
    count = 1
    for _attempt in range(3):
        cache.add(cache_key, 0, timeout=seconds)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr: start it again
            continue
        break
    if count == 1:
        # Redis' INCR recreates a counter that expired just before it without
        # an expiry: give the first count of a window its timeout again.
        cache.touch(cache_key, timeout=seconds)
    return count <= amount


def client_address(request) -> str:
    from allauth.account.adapter import get_adapter

    return get_adapter().get_client_ip(request)


def public_form_refusal(request, *, form: str, email: str):
    """None when the form may send its mail now; else the Dutch message to show
    (and the caller answers 429). Counts the sending when it is allowed."""
    rates = {**DEFAULT_RATES, **getattr(settings, "HERENTQ_PUBLIC_FORM_RATES", {})}
    amount, seconds = rates["address"]
    if not hit(
        f"{form}:address", client_address(request), amount=amount, seconds=seconds
    ):
        return TOO_MANY_FROM_ADDRESS
    amount, seconds = rates["email"]
    if not hit(f"{form}:email", email.strip().lower(), amount=amount, seconds=seconds):
        return TOO_MANY_TO_EMAIL
    return None
