"""Settings shared by every environment; every value comes from the environment.

`dev`, `test` and `production` start from here. Nothing here may be read at import
time of a model or service module: use `django.conf.settings` at call time.
"""

from pathlib import Path
from urllib.parse import quote, unquote

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def local_cluster_url() -> str:
    """The URL of the project-local cluster that `scripts/localdb.sh` runs."""
    socket_dir = quote(str(BASE_DIR / ".pgdata" / "run"), safe="")
    port = env.int("HERENTQ_PG_PORT", default=54329)
    name = env("HERENTQ_PG_DB", default="herentq")
    return f"postgres://herentq@{socket_dir}:{port}/{name}"


def database_config(url: str) -> dict:
    config = env.db_url_config(url)
    # A Unix socket directory is given percent-encoded in the host part of the URL.
    config["HOST"] = unquote(config.get("HOST") or "")
    config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    config["CONN_HEALTH_CHECKS"] = True
    # QuerySet.iterator() reads client-side. Django's Select reads only the first of
    # a ModelChoiceField's choices through it; a server-side cursor then stayed open
    # until the generator was finalised, and if that came late (a reference cycle),
    # its CLOSE aborted whatever transaction the connection was in by then. The
    # portal iterates thousands of rows, not millions; a transaction pooler
    # (docs/deployment.md) needs this as well.
    config["DISABLE_SERVER_SIDE_CURSORS"] = True
    # The portal's data fits in memory (on SSDs): reading a page out of order costs
    # about what reading the next one does. PostgreSQL's default (4, for spinning
    # disks) made the planner read 2 000 partnerships' full-text vectors whole
    # instead of using their GIN index: 5 ms instead of 0.3 on every search. A
    # session setting, so it needs no rights on the server (README, Performance);
    # empty behind a pooler that refuses it (docs/deployment.md).
    cost = env("PG_RANDOM_PAGE_COST", default="1.1")
    if cost:
        planner = f"-c random_page_cost={float(cost)}"
        options = config.setdefault("OPTIONS", {})
        options["options"] = " ".join(filter(None, [options.get("options"), planner]))
    return config


SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin: its translation fields and admin classes.
    "modeltranslation",
    "herentq",
    "partnerships",
    "council",
    "subsidies",
    "learning_tracks",
    "api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    # Django REST framework and drf-spectacular are used as libraries, not as
    # installed apps: their Dutch catalogues would replace Django's own wording of
    # form errors site-wide ("Dit veld is vereist."), and the API renders JSON only.
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "simple_history",
    # The libraries' apps with Dutch names in the back office (herentq/third_party_apps.py).
    "herentq.third_party_apps.DutchPostOfficeConfig",
    "herentq.third_party_apps.DutchProcrastinateConfig",
    "csp",
    "allauth",
    "herentq.third_party_apps.DutchAccountConfig",
    "herentq.third_party_apps.DutchMFAConfig",
]

MIDDLEWARE = [
    # Public pages for anonymous visitors (herentq.pagecache): stores what every
    # other middleware has finished, serves it before the view runs.
    "herentq.pagecache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "herentq.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "herentq.middleware.PermissionsPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "herentq.urls"
WSGI_APPLICATION = "herentq.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "herentq.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": database_config(env("DATABASE_URL", default=local_cluster_url()))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "herentq.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch at /, French at /fr/…, English at /en/… (i18n_patterns in herentq/urls.py).
# Each language is named in itself: the header's language switch shows these names.
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands"), ("fr", "Français"), ("en", "English")]
# One catalogue per language for the whole project (`make messages` writes them,
# `make compile-messages` compiles them; the .mo files are not committed).
LOCALE_PATHS = [BASE_DIR / "herentq" / "locale"]
# Dates, numbers and amounts in each language's Belgian or English form.
FORMAT_MODULE_PATH = ["herentq.formats"]
LANGUAGE_COOKIE_NAME = "herentq_language"
# Content translated per field (django-modeltranslation): one column per language,
# Dutch the original and required, the others falling back to Dutch.
MODELTRANSLATION_DEFAULT_LANGUAGE = "nl-be"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("nl-be",)
MODELTRANSLATION_AUTO_POPULATE = False
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media" / "public")))
# Private uploads (application attachments, closed council documents, …) live
# outside MEDIA_ROOT and are only served by views that check permission.
PRIVATE_MEDIA_ROOT = Path(
    env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "media" / "private"))
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Several app nodes: the uploads in two buckets of an S3-compatible store instead
# of the local directories above (herentq/storages.py).
if env("S3_ENDPOINT_URL", default=""):
    from herentq.storages import object_storages

    STORAGES.update(
        object_storages(
            endpoint_url=env("S3_ENDPOINT_URL"),
            access_key=env("S3_ACCESS_KEY_ID"),
            secret_key=env("S3_SECRET_ACCESS_KEY"),
            public_bucket=env("S3_PUBLIC_BUCKET"),
            private_bucket=env("S3_PRIVATE_BUCKET"),
            region=env("S3_REGION", default="us-east-1"),
        )
    )
# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024

# Mail: every message is queued in the database (django-post-office) inside the
# transaction that caused it, and sent by the worker (`manage.py run_worker`), which
# also retries it for 72 hours (herentq/mail_queue.py).
EMAIL_BACKEND = "herentq.mail.EmailBackend"  # post_office, plus the footer
POST_OFFICE = {
    "BACKENDS": {
        "default": env(
            "EMAIL_DELIVERY_BACKEND",
            default="django.core.mail.backends.smtp.EmailBackend",
        )
    },
    "DEFAULT_PRIORITY": "medium",
    "MESSAGE_ID_ENABLED": True,
    "CELERY_ENABLED": False,
    # First in, first out within a priority.
    "SENDING_ORDER": ["-priority", "id"],
    # Attachments of queued mail (calendars, receipts) are not public files.
    "FILE_STORAGE": "private",
}
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="HerentQ <noreply@herent.be>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Accounts (django-allauth): sign in with e-mail address, verified by mail;
# failed logins are throttled per account and address (ACCOUNT_RATE_LIMITS).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "herentq.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[HerentQ] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# A password reset mails the typed address (also when it has no account): like the
# public forms (herentq.ratelimit), a few times an hour per address.
ACCOUNT_RATE_LIMITS = {"reset_password": "20/m/ip,60/h/ip,3/h/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Staff must activate TOTP before they reach the admin (on in production).
HERENTQ_STAFF_MFA_REQUIRED = env.bool("HERENTQ_STAFF_MFA_REQUIRED", default=False)

# A cache shared by every worker process: allauth's login throttling counts
# failed attempts per account and per address in it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "herentq_cache",
    },
    # Public pages for anonymous visitors (herentq.pagecache): per process, short.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "herentq-pages",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
# Pieces of pages that are per object and change rarely (a partnership's card),
# per process, keyed on the data's version: never stale, so also in tests.
# Values that must change in the same transaction as the data they describe
# (partnerships' data version): always the database cache, even with REDIS_URL.
CACHES["database"] = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "herentq_cache",
}
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "herentq-fragments",
    "OPTIONS": {"MAX_ENTRIES": 20000},
}


def redis_caches(url: str) -> dict:
    """Both caches in one Redis (Django's own backend), shared by every app node:
    the page cache, and the rate-limit and login-throttle counters (INCR is atomic
    there). Short timeouts, and when Redis does not answer the portal degrades
    instead of failing (herentq/cache.py): the counters go to the database cache,
    the page cache is skipped; /readyz/ answers 503 meanwhile."""
    options = {"socket_connect_timeout": 2, "socket_timeout": 2}
    backend = "herentq.cache.FailoverRedisCache"
    return {
        "default": {
            "BACKEND": backend,
            "LOCATION": url,
            "OPTIONS": {**options, "FALLBACK": "database"},
        },
        "pages": {
            "BACKEND": backend,
            "LOCATION": url,
            "KEY_PREFIX": "pages",
            "OPTIONS": options,
        },
    }


# Several app nodes: REDIS_URL (redis://host:6379/0 or unix:///path?db=0).
# Unset, the database cache above stays the default. Sessions stay in PostgreSQL.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {**CACHES, **redis_caches(REDIS_URL)}
CACHE_MIDDLEWARE_ALIAS = "pages"
CACHE_MIDDLEWARE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=30)
CACHE_MIDDLEWARE_KEY_PREFIX = "herentq"
MFA_TOTP_ISSUER = "HerentQ"

# Content-Security-Policy: no inline script or style anywhere, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True


# Static files get the pages' security headers (WhiteNoise answers before the
# middleware that adds them).
def _static_security_headers(headers, path, url):
    from herentq.security_headers import add_to_static_file  # once Django is set up

    add_to_static_file(headers, path, url)


WHITENOISE_ADD_HEADERS_FUNCTION = _static_security_headers
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_NAME = "herentq_session"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# The local authority that runs this portal (a LocalAuthority slug).
HERENTQ_OWNER = env("HERENTQ_OWNER", default="herent")
# The portal's public address, for links in e-mail sent without a request.
HERENTQ_BASE_URL = env("HERENTQ_BASE_URL", default="http://127.0.0.1:8000")
# Days after a learning track is completed before participants' data is anonymised.
LEARNING_TRACKS_RETENTION_DAYS = env.int("LEARNING_TRACKS_RETENTION_DAYS", default=365)
# Years a finished subsidy file keeps its personal data (the archive period), then
# `anonymise_subsidy_files` blanks it; stated in the privacy statement.
SUBSIDY_ARCHIVE_YEARS = env.int("SUBSIDY_ARCHIVE_YEARS", default=10)
# An applicant's account unused this many years is warned, and closed this many
# days after the warning if still unused (`remove_inactive_accounts`).
ACCOUNT_INACTIVE_YEARS = env.int("ACCOUNT_INACTIVE_YEARS", default=3)
ACCOUNT_REMOVAL_NOTICE_DAYS = env.int("ACCOUNT_REMOVAL_NOTICE_DAYS", default=30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "post_office": {"level": "WARNING"},
        # Procrastinate logs every job at INFO; its warnings and errors are enough.
        "procrastinate": {"level": env("PROCRASTINATE_LOG_LEVEL", default="WARNING")},
        # WeasyPrint logs each rendering step and font subsetting at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}


# The read-only API (api/): anonymous, JSON only (the browsable API would need
# inline script), throttled per client address, documented by its OpenAPI schema.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# Requests per client address (api.views.ClientAddressThrottle).
API_THROTTLE_RATE = env("API_THROTTLE_RATE", default="120/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "HerentQ API",
    "DESCRIPTION": (
        "Partnerschappen, nieuws, SDG's, subsidies, leertrajecten en de GROSH: "
        "de publieke gegevens van het portaal, alleen lezen."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    # Filters with a method are typed as strings: said once here, not per request.
    "DISABLE_ERRORS_AND_WARNINGS": True,
    # Nor as deploy-check warnings: tests/api validates the schema itself.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    # The JSON-LD answers and `?format=jsonld` (api.jsonld) in the schema.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_jsonld",
    ],
}
