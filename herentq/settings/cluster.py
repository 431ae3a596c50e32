"""`make cluster` (scripts/cluster.sh): production settings for the topology proven on
one box — HAProxy, two app nodes, two workers, Redis, object storage, PostgreSQL —
where everything speaks plain HTTP on 127.0.0.1 and no TLS proxy stands in front.

Only what plain HTTP needs differs from production: no HTTPS redirect, no HSTS, and
cookies without the Secure flag (a browser, or the tests' HTTP client, would not send
them back otherwise); staff need no TOTP. Never use it on a network.
"""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "devdata"]  # the bench's volume and commands
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
HERENTQ_STAFF_MFA_REQUIRED = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
