"""Who may open which URL: the expectation per role, as a table.

Every URL the resolver knows is here (`test_every_url_is_in_the_matrix` checks):
the admin pages of every registered model through `ADMIN_ACCESS` (who manages
each app) and `ADMIN_REFUSED` (what even they may not do), every other URL as a
`Row` with the outcome for each role (see roles.ROLES).

To add an app (subsidies): its label in `ADMIN_ACCESS`, its custom admin views and
its site URLs as rows in a list appended to `ROW_GROUPS`, and what those rows need
(an application of another organisation, a private attachment, …) made by a
function appended to `OBJECT_BUILDERS`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tests.security.payloads import SMALL_PDF
from tests.security.roles import (
    ANONYMOUS,
    APPLICANT,
    MEMBER,
    ROLES,
    SECRETARIAT,
    SERVICE,
    STAFF_ROLES,
)

# Outcomes ------------------------------------------------------------------------------

OK = "200"
LOGIN = "302 to the login"
ADMIN_LOGIN = "302 to the admin login"
REDIRECT = "302 elsewhere"
BAD = "400"
FORBIDDEN = "403"
NOT_FOUND = "404"
NOT_ALLOWED = "405"
SECOND_FACTOR = "302 to activate the second factor"


def outcome(response) -> str:
    if response.status_code in (301, 302, 303):
        path = urlsplit(response["Location"]).path
        if path == reverse("account_login"):
            return LOGIN
        if path == reverse("admin:login"):
            return ADMIN_LOGIN
        if path == reverse("mfa_activate_totp"):
            return SECOND_FACTOR
        return REDIRECT
    return str(response.status_code)


def expect(anonymous, applicant, member, staff, service, secretariat) -> dict:
    results = (anonymous, applicant, member, staff, service, secretariat)
    return dict(zip(ROLES, results, strict=True))


def everyone(result: str) -> dict:
    return dict.fromkeys(ROLES, result)


PUBLIC = everyone(OK)
GONE = everyone(NOT_FOUND)
LOGGED_IN = expect(LOGIN, OK, OK, OK, OK, OK)
MEMBERS_AREA = expect(LOGIN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, OK)
CLOSED_DOCUMENT = expect(LOGIN, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, OK)
STAFF_ONLY = expect(ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, OK, OK, OK)


def admin_for(*roles: str, allowed: str = OK) -> dict:
    """An admin page: non-staff are sent to log in, staff outside `roles` get 403."""
    return {
        role: allowed
        if role in roles
        else (FORBIDDEN if role in STAFF_ROLES else ADMIN_LOGIN)
        for role in ROLES
    }


@dataclass(frozen=True)
class Row:
    name: str  # the URL name, as reverse() knows it
    path: Callable[[dict], str]
    expect: dict
    what: str = ""  # which case of the URL (a closed item's document, …)
    method: str = "get"
    data: dict = field(default_factory=dict)
    # For roles.NO_SECOND_FACTOR when `without_second_factor` would guess wrong.
    no_second_factor: str | None = None

    def __str__(self):
        return f"{self.method.upper()} {self.name}" + (
            f" ({self.what})" if self.what else ""
        )


def personal_urls(rows) -> set[str]:
    """URL names whose answer depends on who asks, in any of their rows.

    Rows that say what staff without a second factor get (`no_second_factor`) are
    left out: the exceptions of an open URL (drafts' files the service previews).
    """
    return {
        row.name
        for row in rows
        if row.name.startswith("admin:")
        or (row.no_second_factor is None and len(set(row.expect.values())) > 1)
    }


def without_second_factor(row: Row, personal: set[str]) -> str:
    """What secretariat staff without a second factor get (roles.NO_SECOND_FACTOR).

    Every page whose answer depends on who asks (`personal_urls`: the admin, the
    members' area, files, dashboards) sends them to activate an authenticator;
    pages that answer everybody alike answer them alike; the account pages (how
    one activates it) answer as for any signed-in account without one.
    """
    if row.no_second_factor is not None:
        return row.no_second_factor
    if row.name.startswith(("account_", "mfa_")):
        return row.expect[APPLICANT]
    if row.name in personal:
        return SECOND_FACTOR
    return row.expect[ANONYMOUS]


# The back office --------------------------------------------------------------------

# Which roles manage each app's models (superusers manage everything; they are no
# role here). Accounts, authenticators and the mail queue: superusers only.
ADMIN_ACCESS = {
    "herentq": {SERVICE},
    "partnerships": {SERVICE},
    "council": {SERVICE, SECRETARIAT},
    "subsidies": {SERVICE},
    "learning_tracks": {SERVICE},
    "auth": set(),
    "account": set(),
    "mfa": set(),
    "post_office": set(),
    "procrastinate": set(),  # the worker's job queue, read-only
}

# Admin pages refused even to the roles that manage the app: records that are made
# elsewhere (audit trail, frozen minutes versions, members' comments, photos added
# in bulk, …). Keys: (app_label.model_name, page).
ADMIN_REFUSED = {
    ("herentq.auditentry", "add"),
    ("herentq.auditentry", "delete"),
    ("herentq.sdg", "add"),  # the 17 goals are reference data
    ("herentq.sdg", "delete"),
    ("herentq.servicecontact", "add"),  # one, edited in place
    ("partnerships.photo", "add"),  # uploaded several at once to an album
    ("council.minutesversion", "add"),  # frozen by the minutes' steps
    ("council.minutesversion", "delete"),
    ("council.minutescomment", "add"),  # written by members on the site
    ("subsidies.application", "add"),  # applicants start them on the site
    ("subsidies.application", "delete"),  # withdrawn or closed, never deleted
    ("learning_tracks.enrolment", "add"),  # people enrol themselves
    ("learning_tracks.enrolment", "delete"),  # cancelled or anonymised instead
    ("learning_tracks.interest", "add"),  # confirmed by the person's own link
    ("learning_tracks.newslettersubscriber", "add"),  # double opt-in only
    # The first of these in the demo data is in use, and the services refuse to
    # remove it: the agenda item's meeting has circulated minutes (its agenda is
    # frozen), files of the envelope's scheme and year have been submitted.
    ("council.agendaitem", "delete"),
    ("subsidies.budgetenvelope", "delete"),
    # Jobs are made and finished by the queue; its admin only shows them.
    ("procrastinate.procrastinatejob", "add"),
    ("procrastinate.procrastinatejob", "delete"),
}

ADMIN_PAGES = ("changelist", "add", "change", "history", "delete")


def admin_model_rows(registry) -> list[Row]:
    """The pages of every registered model: list, add, change, history, delete
    (of a real object) and, where django-simple-history adds it, a past version.
    Other views a model admin adds need their own row in `admin_site_rows`."""
    rows = []
    for model, model_admin in registry.items():
        opts = model._meta
        label = f"{opts.app_label}.{opts.model_name}"
        assert opts.app_label in ADMIN_ACCESS, f"who manages {label}? (ADMIN_ACCESS)"
        managers = ADMIN_ACCESS[opts.app_label]
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        for page in ADMIN_PAGES:
            rows.append(
                Row(
                    name=f"{prefix}_{page}",
                    path=_admin_path(model, f"{prefix}_{page}", with_object=page),
                    expect=admin_for(
                        *managers,
                        allowed=FORBIDDEN if (label, page) in ADMIN_REFUSED else OK,
                    ),
                )
            )
        names = {url.name for url in model_admin.get_urls()}
        if f"{opts.app_label}_{opts.model_name}_simple_history" in names:
            rows.append(
                Row(
                    name=f"{prefix}_simple_history",
                    path=_admin_path(model, f"{prefix}_simple_history", history=True),
                    expect=admin_for(*managers),
                    what="a past version",
                )
            )
    return rows


def _admin_path(model, name, *, with_object="", history=False):
    def path(objects):
        if with_object in ("changelist", "add"):
            return reverse(name)
        instance = model._default_manager.order_by("pk").first()
        assert instance is not None, f"no {model._meta.label} to open in the admin"
        if not history:
            return reverse(name, args=[instance.pk])
        record = instance.history.order_by("history_id").first()
        assert record is not None, f"{model._meta.label} {instance.pk} has no history"
        return reverse(name, args=[instance.pk, record.history_id])

    return path


def _email_view(name, *extra, method="get"):
    return Row(
        f"admin:{name}",
        lambda o: reverse(f"admin:{name}", args=[o["email"].pk, *extra]),
        admin_for(),
        method=method,
    )


def _app_list(label):
    return Row(
        "admin:app_list",
        lambda o: reverse("admin:app_list", args=[label]),
        # Django answers 404 for an app in which the staff member may do nothing.
        {
            **admin_for(*ADMIN_ACCESS[label]),
            **{
                role: NOT_FOUND
                for role in STAFF_ROLES
                if role not in ADMIN_ACCESS[label]
            },
        },
        what=label,
    )


def admin_site_rows() -> list[Row]:
    apps = sorted(ADMIN_ACCESS)
    return [
        Row("admin:index", lambda o: reverse("admin:index"), STAFF_ONLY),
        *(_app_list(label) for label in apps),
        # allauth's login for everybody; logged in without staff rights: refused.
        Row(
            "admin:login",
            lambda o: reverse("admin:login"),
            expect(LOGIN, FORBIDDEN, FORBIDDEN, REDIRECT, REDIRECT, REDIRECT),
        ),
        # Logging out takes a POST; Django sends others to the admin's index.
        Row(
            "admin:logout",
            lambda o: reverse("admin:logout"),
            expect(REDIRECT, REDIRECT, REDIRECT, *[NOT_ALLOWED] * 3),
        ),
        Row(
            "admin:password_change",
            lambda o: reverse("admin:password_change"),
            STAFF_ONLY,
        ),
        Row(
            "admin:password_change_done",
            lambda o: reverse("admin:password_change_done"),
            STAFF_ONLY,
        ),
        Row("admin:jsi18n", lambda o: reverse("admin:jsi18n"), STAFF_ONLY),
        Row(
            "admin:autocomplete",
            lambda o: (
                reverse("admin:autocomplete")
                + "?app_label=partnerships&model_name=partnership"
                + "&field_name=local_authority&term=her"
            ),
            admin_for(SERVICE),
        ),
        Row(
            "admin:view_on_site",
            lambda o: reverse(
                "admin:view_on_site",
                args=[
                    ContentType.objects.get_for_model(o["unpublished"]).pk,
                    o["unpublished"].pk,
                ],
            ),
            admin_for(*STAFF_ROLES, allowed=REDIRECT),
            what="an unpublished partnership: only its address",
        ),
        # Buttons and views the apps added.
        Row(
            "admin:partnerships_partnership_publish",
            lambda o: reverse(
                "admin:partnerships_partnership_publish", args=[o["published"].pk]
            ),
            admin_for(SERVICE, allowed=REDIRECT),
            method="post",
        ),
        Row(
            "admin:partnerships_partnership_unpublish",
            lambda o: reverse(
                "admin:partnerships_partnership_unpublish", args=[o["spare"].pk]
            ),
            admin_for(SERVICE, allowed=REDIRECT),
            method="post",
        ),
        Row(
            "admin:partnerships_photoalbum_upload",
            lambda o: reverse(
                "admin:partnerships_photoalbum_upload", args=[o["album"].pk]
            ),
            admin_for(SERVICE),
        ),
        Row(
            "admin:council_minutes_step",
            lambda o: reverse(
                "admin:council_minutes_step", args=[o["draft_minutes"].pk, "circulate"]
            ),
            admin_for(SERVICE, SECRETARIAT),
        ),
        Row(
            "admin:council_minutes_correction",
            lambda o: reverse(
                "admin:council_minutes_correction", args=[o["published_minutes"].pk]
            ),
            admin_for(SERVICE, SECRETARIAT),
        ),
        Row(
            "admin:auth_user_password_change",
            lambda o: reverse(
                "admin:auth_user_password_change", args=[o["other_user"].pk]
            ),
            admin_for(),
            what="another person's password",
        ),
        # The mail queue's own views: superusers only.
        _email_view("post_office_email_image", "0" * 32),
        _email_view("post_office_email_preview"),
        _email_view("resend", method="post"),
        Row(
            "admin:learning_tracks_track_changelist",
            lambda o: reverse("admin:learning_tracks_track_changelist"),
            admin_for(SERVICE),
            what="the action 'e-mail the participants'",
            method="post",
            data={"action": "email_participants"},
        ),
        *subsidy_admin_rows(),
    ]


# The site ----------------------------------------------------------------------------


def _r(name, *args):
    return lambda o: reverse(name, args=[a(o) if callable(a) else a for a in args])


CORE_ROWS = [
    Row("home", _r("home"), PUBLIC),
    Row("mail_preferences", _r("mail_preferences"), LOGGED_IN),
    Row("healthz", _r("healthz"), PUBLIC),
    Row("readyz", _r("readyz"), PUBLIC),
    Row("javascript_catalog", _r("javascript_catalog"), PUBLIC),
    Row("sdg_list", _r("sdg_list"), PUBLIC),
    Row("sdg_detail", _r("sdg_detail", 5), PUBLIC),
    Row("sdg_detail", _r("sdg_detail", 18), GONE, what="no such SDG"),
    Row("news_list", _r("news_list"), PUBLIC),
    Row("news_feed", _r("news_feed"), PUBLIC),
    Row("search", lambda o: reverse("search") + "?q=radio", PUBLIC),
    Row("sitemap", _r("sitemap"), PUBLIC),
    Row("sitemap_section", _r("sitemap_section", "partnerschappen"), PUBLIC),
    Row(
        "sitemap_section",
        _r("sitemap_section", "leden"),
        GONE,
        what="no such section",
    ),
    Row("robots_txt", _r("robots_txt"), PUBLIC),
    Row("catalogue_jsonld", _r("catalogue_jsonld"), PUBLIC),
    Row("catalogue_turtle", _r("catalogue_turtle"), PUBLIC),
    Row("news_detail", _r("news_detail", lambda o: o["news"].slug), PUBLIC),
    Row(
        "news_detail",
        _r("news_detail", lambda o: o["hidden_news"].slug),
        GONE,
        what="unpublished",
    ),
    Row("page_detail", _r("page_detail", "privacy"), PUBLIC),
    Row(
        "public_media",
        _r("public_media", lambda o: o["photo"].image.name),
        PUBLIC,
        what="a published photo",
    ),
    Row(
        "public_media",
        _r("public_media", lambda o: o["hidden_photo"].thumbnail.name),
        # The service sees drafts' files (the admin's previews), uncached.
        expect(NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND),
        what="a photo of an unpublished partnership",
        no_second_factor=NOT_FOUND,
    ),
    Row(
        "public_media",
        _r("public_media", lambda o: o["hidden_news"].image.name),
        # The service sees drafts' files (the admin's previews), uncached.
        expect(NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND),
        what="the image of an unpublished news item",
        no_second_factor=NOT_FOUND,
    ),
    Row(
        "public_media",
        _r("public_media", lambda o: o["private_file"]),
        GONE,
        what="a private file's name",
    ),
    Row(
        "public_media",
        lambda o: "/media/../settings.py",
        GONE,
        what="a path out of the media folder",
    ),
]

ACCOUNT_ROWS = [
    Row(
        "account_login",
        _r("account_login"),
        expect(OK, *[REDIRECT] * 5),
    ),
    Row("account_logout", _r("account_logout"), expect(REDIRECT, *[OK] * 5)),
    Row("account_inactive", _r("account_inactive"), PUBLIC),
    Row("account_signup", _r("account_signup"), expect(OK, *[REDIRECT] * 5)),
    Row("account_reauthenticate", _r("account_reauthenticate"), LOGGED_IN),
    Row("account_email", _r("account_email"), LOGGED_IN),
    Row(
        "account_email_verification_sent",
        _r("account_email_verification_sent"),
        PUBLIC,
    ),
    Row("account_change_password", _r("account_change_password"), LOGGED_IN),
    Row(
        "account_set_password",
        _r("account_set_password"),
        expect(LOGIN, *[REDIRECT] * 5),
        what="accounts that have a password",
    ),
    Row("account_reset_password", _r("account_reset_password"), PUBLIC),
    Row(
        "account_confirm_login_code",
        _r("account_confirm_login_code"),
        expect(LOGIN, *[REDIRECT] * 5),
        what="no login code asked",
    ),
    Row(
        "account_confirm_email",
        _r("account_confirm_email", "ongeldige-sleutel"),
        PUBLIC,
        what="an unknown key",
    ),
    Row(
        "account_reset_password_from_key",
        _r("account_reset_password_from_key", "1", "ongeldige-sleutel"),
        PUBLIC,
        what="an unknown key",
    ),
    Row("account_reset_password_done", _r("account_reset_password_done"), PUBLIC),
    Row(
        "account_reset_password_from_key_done",
        _r("account_reset_password_from_key_done"),
        PUBLIC,
    ),
    # Two-factor pages act on one's own account only. Staff have a TOTP
    # authenticator (roles.py), the others none; a session opened without a
    # recent password or code is asked to reauthenticate first (302).
    Row("mfa_index", _r("mfa_index"), LOGGED_IN),
    Row(
        "mfa_authenticate",
        _r("mfa_authenticate"),
        expect(LOGIN, *[REDIRECT] * 5),
        what="no login waiting for its code",
    ),
    Row(
        "mfa_reauthenticate",
        _r("mfa_reauthenticate"),
        expect(LOGIN, REDIRECT, REDIRECT, OK, OK, OK),
    ),
    Row(
        "mfa_activate_totp",
        _r("mfa_activate_totp"),
        expect(LOGIN, *[REDIRECT] * 5),
    ),
    Row(
        "mfa_deactivate_totp",
        _r("mfa_deactivate_totp"),
        expect(LOGIN, NOT_FOUND, NOT_FOUND, REDIRECT, REDIRECT, REDIRECT),
    ),
    Row(
        "mfa_view_recovery_codes",
        _r("mfa_view_recovery_codes"),
        expect(LOGIN, *[NOT_FOUND] * 5),
        what="none generated",
    ),
    Row(
        "mfa_generate_recovery_codes",
        _r("mfa_generate_recovery_codes"),
        expect(LOGIN, *[REDIRECT] * 5),
    ),
    Row(
        "mfa_download_recovery_codes",
        _r("mfa_download_recovery_codes"),
        expect(LOGIN, *[NOT_FOUND] * 5),
        what="none generated",
    ),
]

PARTNERSHIP_ROWS = [
    Row("partnerships:list", _r("partnerships:list"), PUBLIC),
    Row("partnerships:map", _r("partnerships:map"), PUBLIC),
    Row("partnerships:feed", _r("partnerships:feed"), PUBLIC),
    Row("partnerships:dataset", _r("partnerships:dataset"), PUBLIC),
    Row("partnerships:export_csv", _r("partnerships:export_csv"), PUBLIC),
    Row("partnerships:export_json", _r("partnerships:export_json"), PUBLIC),
    Row(
        "partnerships:export_agreements_csv",
        _r("partnerships:export_agreements_csv"),
        PUBLIC,
    ),
    Row(
        "partnerships:export_agreements_json",
        _r("partnerships:export_agreements_json"),
        PUBLIC,
    ),
    Row(
        "partnerships:detail",
        _r("partnerships:detail", lambda o: o["published"].slug),
        PUBLIC,
    ),
    Row(
        "partnerships:detail",
        _r("partnerships:detail", lambda o: o["unpublished"].slug),
        GONE,
        what="unpublished",
    ),
    Row(
        "partnerships:photo",
        _r(
            "partnerships:photo", lambda o: o["published"].slug, lambda o: o["photo"].pk
        ),
        PUBLIC,
    ),
    Row(
        "partnerships:photo",
        _r(
            "partnerships:photo",
            lambda o: o["unpublished"].slug,
            lambda o: o["hidden_photo"].pk,
        ),
        GONE,
        what="of an unpublished partnership",
    ),
    Row(
        "partnerships:photo",
        _r(
            "partnerships:photo",
            lambda o: o["published"].slug,
            lambda o: o["hidden_photo"].pk,
        ),
        GONE,
        what="another partnership's photo under a published one",
    ),
    Row(
        "partnerships:agreement_document",
        _r(
            "partnerships:agreement_document",
            lambda o: o["published"].slug,
            lambda o: o["agreement"].pk,
        ),
        PUBLIC,
        what="signed PDF of a published partnership",
    ),
    Row(
        "partnerships:agreement_document",
        _r(
            "partnerships:agreement_document",
            lambda o: o["unpublished"].slug,
            lambda o: o["hidden_agreement"].pk,
        ),
        GONE,
        what="signed PDF of an unpublished partnership",
    ),
    Row(
        "partnerships:agreement_document",
        _r(
            "partnerships:agreement_document",
            lambda o: o["published"].slug,
            lambda o: o["hidden_agreement"].pk,
        ),
        GONE,
        what="an unpublished one's PDF under a published slug",
    ),
]

COUNCIL_ROWS = [
    Row("council:index", _r("council:index"), PUBLIC),
    Row("council:members", _r("council:members"), PUBLIC),
    Row("council:meeting_list", _r("council:meeting_list"), PUBLIC),
    Row("council:meetings_ical", _r("council:meetings_ical"), PUBLIC),
    Row(
        "council:meeting_detail",
        _r("council:meeting_detail", lambda o: o["meeting"].pk),
        PUBLIC,
    ),
    Row(
        "council:meeting_jsonld",
        _r("council:meeting_jsonld", lambda o: o["meeting"].pk),
        PUBLIC,
    ),
    Row(
        "council:minutes_public",
        _r("council:minutes_public", lambda o: o["published_minutes"].meeting_id),
        PUBLIC,
    ),
    Row(
        "council:minutes_public",
        _r("council:minutes_public", lambda o: o["draft_minutes"].meeting_id),
        GONE,
        what="minutes not yet published",
    ),
    Row(
        "council:minutes_pdf",
        _r("council:minutes_pdf", lambda o: o["published_minutes"].meeting_id),
        PUBLIC,
    ),
    Row(
        "council:minutes_pdf",
        _r("council:minutes_pdf", lambda o: o["draft_minutes"].meeting_id),
        GONE,
        what="minutes not yet published",
    ),
    Row("council:advice_list", _r("council:advice_list"), PUBLIC),
    Row(
        "council:advice_detail",
        _r("council:advice_detail", lambda o: o["public_advice"].pk),
        PUBLIC,
    ),
    Row(
        "council:advice_detail",
        _r("council:advice_detail", lambda o: o["closed_advice"].pk),
        GONE,
        what="advice on a closed item",
    ),
    Row("council:search", _r("council:search"), PUBLIC),
    Row(
        "council:document",
        _r("council:document", lambda o: o["public_document"].pk),
        PUBLIC,
        what="of a public item",
    ),
    Row(
        "council:document",
        _r("council:document", lambda o: o["closed_document"].pk),
        CLOSED_DOCUMENT,
        what="of a closed item",
    ),
    Row("council:members_index", _r("council:members_index"), MEMBERS_AREA),
    Row(
        "council:invitation",
        _r("council:invitation", lambda o: o["invitation_token"]),
        PUBLIC,
        what="a valid invitation: sign in or accept, for whoever has the link",
        no_second_factor=SECOND_FACTOR,
    ),
    Row(
        "council:invitation",
        _r("council:invitation", lambda o: o["invitation_token"][:-3] + "xyz"),
        PUBLIC,
        what="a tampered link: the refusal",
        no_second_factor=SECOND_FACTOR,
    ),
    Row(
        "council:invitation",
        _r("council:invitation", lambda o: o["invitation_token"]),
        expect(LOGIN, *[BAD] * 5),
        what="accepting with another address: refused",
        method="post",
        no_second_factor=SECOND_FACTOR,
    ),
    Row(
        "council:members_meeting",
        _r("council:members_meeting", lambda o: o["meeting"].pk),
        MEMBERS_AREA,
    ),
    Row(
        "council:members_minutes",
        _r("council:members_minutes", lambda o: o["draft_minutes"].meeting_id),
        MEMBERS_AREA,
    ),
    Row(
        "council:members_minutes",
        _r("council:members_minutes", lambda o: o["circulated_minutes"].meeting_id),
        expect(LOGIN, FORBIDDEN, REDIRECT, FORBIDDEN, FORBIDDEN, REDIRECT),
        what="a comment on circulated minutes",
        method="post",
        data={"text": "Graag de naam van de school vermelden."},
    ),
]

# An applicant reaches its own organisation's files (roles.ROLE_HOOKS); nobody
# else learns that another organisation or its files exist.
OWN = expect(LOGIN, OK, *[NOT_FOUND] * 4)
OWN_SENT = expect(LOGIN, REDIRECT, *[NOT_FOUND] * 4)
NOT_OWN = expect(LOGIN, *[NOT_FOUND] * 5)
NOT_ON_AGENDA = expect(LOGIN, FORBIDDEN, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND)
SERVICE_ONLY = admin_for(SERVICE)


def _pk(key):
    return lambda o: o[key].pk


def _step(key, step, what, expected, *, method="get", data=None):
    return Row(
        "subsidies:application_step",
        _r("subsidies:application_step", _pk(key), step),
        expected,
        what=what,
        method=method,
        data=data or {},
    )


def _application_rows(name, cases):
    """(key, what, expectation) per case of a page of one file."""
    return [
        Row(f"subsidies:{name}", _r(f"subsidies:{name}", _pk(key)), result, what=what)
        for key, what, result in cases
    ]


SUBSIDY_ROWS = [
    Row("subsidies:index", _r("subsidies:index"), PUBLIC),
    Row(
        "subsidies:scheme_detail",
        _r("subsidies:scheme_detail", lambda o: o["scheme"].slug),
        PUBLIC,
    ),
    Row(
        "subsidies:scheme_detail",
        _r("subsidies:scheme_detail", lambda o: o["hidden_scheme"].slug),
        GONE,
        what="unpublished",
    ),
    Row("subsidies:register", _r("subsidies:register"), PUBLIC),
    Row(
        "subsidies:register_year",
        _r("subsidies:register_year", lambda o: o["register_year"]),
        PUBLIC,
    ),
    Row(
        "subsidies:register_csv",
        _r("subsidies:register_csv", lambda o: o["register_year"]),
        PUBLIC,
    ),
    Row("subsidies:results", _r("subsidies:results"), PUBLIC),
    Row("subsidies:results_csv", _r("subsidies:results_csv", "per-jaar"), PUBLIC),
    Row(
        "subsidies:results_csv",
        _r("subsidies:results_csv", "onbekend"),
        GONE,
        what="unknown chart",
    ),
    # The applicant's area.
    Row("subsidies:dashboard", _r("subsidies:dashboard"), LOGGED_IN),
    Row(
        "subsidies:organisation_create", _r("subsidies:organisation_create"), LOGGED_IN
    ),
    Row(
        "subsidies:organisation_detail",
        _r("subsidies:organisation_detail", _pk("own_organisation")),
        OWN,
        what="own organisation",
    ),
    Row(
        "subsidies:organisation_detail",
        _r("subsidies:organisation_detail", _pk("other_organisation")),
        NOT_OWN,
        what="another organisation",
    ),
    Row(
        "subsidies:organisation_detail",
        _r("subsidies:organisation_detail", _pk("other_organisation")),
        NOT_OWN,
        what="inviting someone into another organisation",
        method="post",
        data={"email": "indringer@example.be"},
    ),
    Row(
        "subsidies:organisation_detail",
        _r("subsidies:organisation_detail", _pk("own_organisation")),
        OWN_SENT,
        what="inviting a colleague into one's own organisation",
        method="post",
        data={"email": "collega@example.be"},
    ),
    Row(
        "subsidies:organisation_applications",
        _r("subsidies:organisation_applications", _pk("own_organisation")),
        OWN,
        what="own organisation",
    ),
    Row(
        "subsidies:organisation_applications",
        _r("subsidies:organisation_applications", _pk("other_organisation")),
        NOT_OWN,
        what="another organisation",
    ),
    Row(
        "subsidies:organisation_update",
        _r("subsidies:organisation_update", _pk("own_organisation")),
        OWN,
        what="own organisation",
    ),
    Row(
        "subsidies:organisation_update",
        _r("subsidies:organisation_update", _pk("other_organisation")),
        NOT_OWN,
        what="another organisation",
    ),
    Row(
        "subsidies:organisation_update",
        _r("subsidies:organisation_update", _pk("other_organisation")),
        NOT_OWN,
        what="changing another organisation's bank account",
        method="post",
        data={"name": "Overgenomen", "iban": "BE62510007547061"},
    ),
    Row("subsidies:personal_data", _r("subsidies:personal_data"), LOGGED_IN),
    Row(
        "subsidies:personal_data_language",
        _r("subsidies:personal_data_language"),
        LOGGED_IN,
    ),
    Row(
        "subsidies:personal_data_export",
        _r("subsidies:personal_data_export"),
        LOGGED_IN,
    ),
    Row(
        "subsidies:invitation_accept",
        _r("subsidies:invitation_accept", lambda o: o["invitation"].token),
        LOGGED_IN,
        what="a valid invitation: the page, for whoever has the link",
    ),
    Row(
        "subsidies:invitation_accept",
        _r("subsidies:invitation_accept", lambda o: o["invitation"].token[:-3] + "xyz"),
        NOT_OWN,
        what="a wrong token",
    ),
    Row(
        "subsidies:invitation_accept",
        _r("subsidies:invitation_accept", lambda o: o["expired_invitation"].token),
        expect(LOGIN, *[REDIRECT] * 5),
        what="accepting an expired invitation: refused",
        method="post",
    ),
    Row(
        "subsidies:application_start",
        _r("subsidies:application_start", _pk("call")),
        # Without an organisation: first make one.
        expect(LOGIN, OK, *[REDIRECT] * 4),
        what="an open call",
    ),
    Row(
        "subsidies:application_start",
        _r("subsidies:application_start", _pk("closed_call")),
        expect(LOGIN, *[REDIRECT] * 5),
        what="a closed call",
    ),
    Row(
        "subsidies:application_start",
        _r("subsidies:application_start", _pk("hidden_call")),
        GONE,
        what="a call of an unpublished scheme",
    ),
    Row(
        "subsidies:application_start",
        _r("subsidies:application_start", _pk("closed_call")),
        expect(LOGIN, *[REDIRECT] * 5),
        what="applying to a closed call",
        method="post",
        data={"organisation": ""},
    ),
    *_application_rows(
        "application_detail",
        [
            ("own_submitted", "own file", OWN),
            ("own_draft", "own draft", OWN),
            ("other_submitted", "another organisation's file", NOT_OWN),
        ],
    ),
    _step("own_draft", "project", "own draft", OWN),
    _step("own_submitted", "project", "own submitted file: locked", OWN_SENT),
    _step("other_draft", "project", "another organisation's draft", NOT_OWN),
    _step("own_draft", "onbestaand", "a step that does not exist", GONE),
    _step(
        "other_draft",
        "project",
        "writing into another organisation's draft",
        NOT_OWN,
        method="post",
        data={"title": "Overschreven", "action": "save"},
    ),
    *_application_rows(
        "application_summary",
        [
            ("own_draft", "own draft", OWN),
            ("own_submitted", "own submitted file: to its page", OWN_SENT),
            ("other_draft", "another organisation's draft", NOT_OWN),
        ],
    ),
    Row(
        "subsidies:application_summary",
        _r("subsidies:application_summary", _pk("other_draft")),
        NOT_OWN,
        what="submitting another organisation's draft",
        method="post",
    ),
    *_application_rows(
        "application_receipt",
        [
            ("own_submitted", "own file", OWN),
            ("own_draft", "a draft has none", NOT_OWN),
            ("other_submitted", "another organisation's file", NOT_OWN),
        ],
    ),
    *_application_rows(
        "application_receipt_pdf",
        [
            ("own_submitted", "own file", OWN),
            ("own_draft", "a draft has none", NOT_OWN),
            ("other_submitted", "another organisation's file", NOT_OWN),
        ],
    ),
    Row(
        "subsidies:message_create",
        _r("subsidies:message_create", _pk("own_submitted")),
        everyone(NOT_ALLOWED),
        what="only sent, never opened",
    ),
    Row(
        "subsidies:message_create",
        _r("subsidies:message_create", _pk("own_submitted")),
        OWN_SENT,
        what="to the service about one's own file",
        method="post",
        data={"body": "Wanneer beslist het college?"},
    ),
    Row(
        "subsidies:message_create",
        _r("subsidies:message_create", _pk("other_submitted")),
        NOT_OWN,
        what="about another organisation's file",
        method="post",
        data={"body": "Wanneer beslist het college?"},
    ),
    Row(
        "subsidies:attachment_download",
        _r("subsidies:attachment_download", _pk("own_draft"), _pk("own_attachment")),
        OWN,
        what="own file's attachment",
    ),
    Row(
        "subsidies:attachment_download",
        _r(
            "subsidies:attachment_download",
            _pk("other_submitted"),
            _pk("other_attachment"),
        ),
        NOT_OWN,
        what="another organisation's attachment",
    ),
    Row(
        "subsidies:attachment_download",
        _r("subsidies:attachment_download", _pk("own_draft"), _pk("other_attachment")),
        NOT_OWN,
        what="another organisation's attachment under one's own file",
    ),
    Row(
        "subsidies:attachment_delete",
        _r("subsidies:attachment_delete", _pk("own_draft"), _pk("own_attachment")),
        everyone(NOT_ALLOWED),
        what="only sent, never opened",
    ),
    Row(
        "subsidies:attachment_delete",
        _r(
            "subsidies:attachment_delete",
            _pk("other_submitted"),
            _pk("other_attachment"),
        ),
        expect(FORBIDDEN, *[NOT_FOUND] * 5),
        what="another organisation's attachment",
        method="post",
    ),
    Row(
        "subsidies:attachment_delete",
        _r("subsidies:attachment_delete", _pk("own_draft"), _pk("other_attachment")),
        expect(FORBIDDEN, *[NOT_FOUND] * 5),
        what="another organisation's attachment under one's own file",
        method="post",
    ),
    Row(
        "subsidies:attachment_delete",
        _r("subsidies:attachment_delete", _pk("own_draft"), _pk("own_attachment")),
        expect(FORBIDDEN, REDIRECT, *[NOT_FOUND] * 4),
        what="own draft's attachment",
        method="post",
    ),
    *_application_rows(
        "application_withdraw",
        [
            ("own_submitted", "own file in review", OWN),
            ("own_draft", "a draft: nothing to withdraw", OWN_SENT),
            ("other_submitted", "another organisation's file", NOT_OWN),
        ],
    ),
    Row(
        "subsidies:application_withdraw",
        _r("subsidies:application_withdraw", _pk("other_submitted")),
        NOT_OWN,
        what="withdrawing another organisation's file",
        method="post",
        data={"reason": "Weg ermee."},
    ),
    Row(
        "subsidies:application_withdraw",
        _r("subsidies:application_withdraw", _pk("own_withdrawable")),
        OWN_SENT,
        what="withdrawing one's own file",
        method="post",
        data={"reason": "Het project gaat niet door."},
    ),
    *_application_rows(
        "application_delete",
        [
            ("own_draft", "own draft", OWN),
            ("own_submitted", "a submitted file is kept", OWN_SENT),
            ("other_draft", "another organisation's draft", NOT_OWN),
        ],
    ),
    Row(
        "subsidies:application_delete",
        _r("subsidies:application_delete", _pk("other_draft")),
        NOT_OWN,
        what="deleting another organisation's draft",
        method="post",
    ),
    Row(
        "subsidies:application_delete",
        _r("subsidies:application_delete", _pk("own_deletable")),
        OWN_SENT,
        what="deleting one's own draft",
        method="post",
    ),
    *_application_rows(
        "application_report",
        [
            ("own_report", "own file after the advance", OWN),
            ("own_submitted", "not yet: to the file's page", OWN_SENT),
            ("other_report", "another organisation's file", NOT_OWN),
        ],
    ),
    Row(
        "subsidies:application_report",
        _r("subsidies:application_report", _pk("other_report")),
        NOT_OWN,
        what="reporting on another organisation's file",
        method="post",
        data={"report_narrative": "Overschreven.", "action": "submit"},
    ),
    # Council members, for a file on the GROSH's agenda.
    Row(
        "subsidies:council_application",
        _r("subsidies:council_application", lambda o: o["on_agenda"].reference),
        MEMBERS_AREA,
        what="on the agenda",
    ),
    Row(
        "subsidies:council_application",
        _r("subsidies:council_application", lambda o: o["other_submitted"].reference),
        NOT_ON_AGENDA,
        what="not on the agenda",
    ),
    Row(
        "subsidies:council_application",
        _r("subsidies:council_application", lambda o: o["own_submitted"].reference),
        NOT_ON_AGENDA,
        what="the applicant's own file, not on the agenda",
    ),
    Row(
        "subsidies:council_attachment",
        _r(
            "subsidies:council_attachment",
            lambda o: o["on_agenda"].reference,
            _pk("agenda_attachment"),
        ),
        MEMBERS_AREA,
        what="on the agenda",
    ),
    Row(
        "subsidies:council_attachment",
        _r(
            "subsidies:council_attachment",
            lambda o: o["other_submitted"].reference,
            _pk("other_attachment"),
        ),
        NOT_ON_AGENDA,
        what="of a file not on the agenda",
    ),
    Row(
        "subsidies:council_attachment",
        _r(
            "subsidies:council_attachment",
            lambda o: o["on_agenda"].reference,
            _pk("other_attachment"),
        ),
        expect(LOGIN, FORBIDDEN, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND),
        what="another file's attachment under one on the agenda",
    ),
]


def _application_admin(view, *args, expected=SERVICE_ONLY, what="", **kwargs):
    name = f"admin:subsidies_application_{view}"
    return Row(
        name,
        lambda o: reverse(name, args=[a(o) if callable(a) else a for a in args]),
        expected,
        what=what,
        **kwargs,
    )


def subsidy_admin_rows() -> list[Row]:
    """The application admin's own views: the service only."""
    return [
        _application_admin("export", "csv"),
        _application_admin("export", "xlsx"),
        _application_admin(
            "export",
            "pdf",
            expected=admin_for(SERVICE, allowed=NOT_FOUND),
            what="an unknown format",
        ),
        _application_admin("transition", _pk("other_submitted"), "start_screening"),
        _application_admin(
            "transition",
            _pk("own_draft"),
            "close",
            expected=admin_for(SERVICE, allowed=REDIRECT),
            what="not allowed at the file's status: back to the file",
        ),
        _application_admin(
            "transition",
            _pk("other_submitted"),
            "onbestaand",
            expected=admin_for(*STAFF_ROLES, allowed=NOT_FOUND),
            what="an unknown step",
        ),
        _application_admin(
            "transition",
            _pk("to_screen"),
            "start_screening",
            expected=admin_for(SERVICE, allowed=REDIRECT),
            what="starting the screening",
            method="post",
            data={"reason": ""},
        ),
        _application_admin("message", _pk("other_submitted")),
        _application_admin(
            "message",
            _pk("other_submitted"),
            expected=admin_for(SERVICE, allowed=REDIRECT),
            what="sending a message",
            method="post",
            data={"body": "Graag de statuten opnieuw bezorgen."},
        ),
        _application_admin("audit_bundle", _pk("other_submitted")),
        _application_admin(
            "attachment", _pk("other_submitted"), _pk("other_attachment")
        ),
        _application_admin(
            "attachment",
            _pk("own_draft"),
            _pk("other_attachment"),
            expected=admin_for(SERVICE, allowed=NOT_FOUND),
            what="another file's attachment",
        ),
    ]


def _token(purpose, key):
    from learning_tracks import tokens

    return lambda o: tokens.make(purpose, o[key])


def _tampered(purpose, key):
    from learning_tracks import tokens

    return lambda o: tokens.make(purpose, o[key])[:-3] + "xyz"


def _learning_track_link_rows() -> list[Row]:
    from learning_tracks.tokens import Purpose

    links = [
        ("learning_tracks:enrolment_confirm", Purpose.ENROLMENT_CONFIRM, "enrolment"),
        ("learning_tracks:enrolment_cancel", Purpose.ENROLMENT_CANCEL, "enrolment"),
        ("learning_tracks:offer_accept", Purpose.OFFER, "enrolment"),
        ("learning_tracks:certificate", Purpose.CERTIFICATE, "enrolment"),
        ("learning_tracks:interest_confirm", Purpose.INTEREST_CONFIRM, "interest"),
        (
            "learning_tracks:newsletter_confirm",
            Purpose.NEWSLETTER_CONFIRM,
            "newsletter",
        ),
        (
            "learning_tracks:newsletter_unsubscribe",
            Purpose.NEWSLETTER_UNSUBSCRIBE,
            "subscriber",
        ),
        (
            "learning_tracks:newsletter_manage",
            Purpose.NEWSLETTER_MANAGE,
            "subscriber",
        ),
    ]
    rows = []
    for name, purpose, key in links:
        other = (
            Purpose.CERTIFICATE
            if purpose != Purpose.CERTIFICATE
            else Purpose.ENROLMENT_CANCEL
        )
        rows += [
            Row(
                name,
                _r(name, _tampered(purpose, key)),
                everyone(BAD),
                what="tampered signature",
            ),
            Row(
                name,
                _r(name, _token(other, key)),
                everyone(BAD),
                what="signed for another purpose",
            ),
        ]
        if purpose != Purpose.CERTIFICATE:  # a download: nothing to send
            rows.append(
                Row(
                    name,
                    _r(name, _tampered(purpose, key)),
                    everyone(BAD),
                    what="tampered signature",
                    method="post",
                )
            )
    rows += [
        Row(
            "learning_tracks:newsletter_manage",
            _r(
                "learning_tracks:newsletter_manage",
                _token(Purpose.NEWSLETTER_MANAGE, "subscriber"),
            ),
            PUBLIC,
            what="a valid link: the subscriber's themes",
        ),
        Row(
            "learning_tracks:enrolment_cancel",
            _r(
                "learning_tracks:enrolment_cancel",
                _token(Purpose.ENROLMENT_CANCEL, "enrolment"),
            ),
            PUBLIC,
            what="a valid link: the page, whoever opens it",
        ),
        Row(
            "learning_tracks:enrolment_cancel",
            _r(
                "learning_tracks:enrolment_cancel",
                _token(Purpose.ENROLMENT_CANCEL, "removed_enrolment"),
            ),
            GONE,
            what="a valid link to a removed enrolment",
        ),
        Row(
            "learning_tracks:certificate",
            _r("learning_tracks:certificate", _token(Purpose.CERTIFICATE, "enrolment")),
            GONE,
            what="a valid link before the track is completed",
        ),
        Row(
            "learning_tracks:newsletter_unsubscribe",
            _r(
                "learning_tracks:newsletter_unsubscribe",
                _token(Purpose.NEWSLETTER_UNSUBSCRIBE, "removed_subscriber"),
            ),
            PUBLIC,
            what="already unsubscribed: said kindly",
        ),
    ]
    return rows


LEARNING_TRACK_ROWS = [
    Row("learning_tracks:list", _r("learning_tracks:list"), PUBLIC),
    Row("learning_tracks:newsletter", _r("learning_tracks:newsletter"), PUBLIC),
    Row(
        "learning_tracks:newsletter_sent", _r("learning_tracks:newsletter_sent"), PUBLIC
    ),
    Row(
        "learning_tracks:detail",
        _r("learning_tracks:detail", lambda o: o["track"].slug),
        PUBLIC,
    ),
    Row(
        "learning_tracks:enrol",
        _r("learning_tracks:enrol", lambda o: o["track"].slug),
        PUBLIC,
    ),
    Row(
        "learning_tracks:enrolment_sent",
        _r("learning_tracks:enrolment_sent", lambda o: o["track"].slug),
        PUBLIC,
    ),
    Row(
        "learning_tracks:interest",
        _r("learning_tracks:interest", lambda o: o["track"].slug),
        everyone(NOT_ALLOWED),
        what="only sent, never opened",
    ),
    Row(
        "learning_tracks:interest_sent",
        _r("learning_tracks:interest_sent", lambda o: o["track"].slug),
        PUBLIC,
    ),
    Row(
        "learning_tracks:calendar",
        _r("learning_tracks:calendar", lambda o: o["track"].slug),
        PUBLIC,
    ),
    Row(
        "learning_tracks:resource",
        _r(
            "learning_tracks:resource",
            lambda o: o["resource"].track.slug,
            lambda o: o["resource"].slug,
        ),
        PUBLIC,
    ),
    Row(
        "learning_tracks:resource",
        _r(
            "learning_tracks:resource",
            lambda o: o["hidden_resource"].track.slug,
            lambda o: o["hidden_resource"].slug,
        ),
        GONE,
        what="unpublished",
    ),
    Row(
        "learning_tracks:resource_document",
        _r(
            "learning_tracks:resource_document",
            lambda o: o["resource"].track.slug,
            lambda o: o["resource"].slug,
        ),
        PUBLIC,
    ),
    Row(
        "learning_tracks:resource_document",
        _r(
            "learning_tracks:resource_document",
            lambda o: o["hidden_resource"].track.slug,
            lambda o: o["hidden_resource"].slug,
        ),
        GONE,
        what="unpublished",
    ),
]


def _api(name, *args, what="", expected=PUBLIC):
    return Row(f"api:{name}", _r(f"api:{name}", *args), expected, what=what)


# The read API: the same publication rules as the pages (nothing hidden answers).
API_ROWS = [
    Row("council:minutes_feed", _r("council:minutes_feed"), PUBLIC),
    Row("council:advice_feed", _r("council:advice_feed"), PUBLIC),
    Row("subsidies:register_feed", _r("subsidies:register_feed"), PUBLIC),
    _api("docs"),
    _api("schema"),
    _api("partnership-list"),
    _api("partnership-detail", lambda o: o["published"].slug),
    _api(
        "partnership-detail",
        lambda o: o["unpublished"].slug,
        what="unpublished",
        expected=GONE,
    ),
    _api("news-list"),
    _api("news-detail", lambda o: o["news"].slug),
    _api("news-detail", lambda o: o["hidden_news"].slug, what="hidden", expected=GONE),
    _api("sdg-list"),
    _api("sdg-detail", 5),
    _api("sdg-detail", 18, what="no such SDG", expected=GONE),
    _api("scheme-list"),
    _api("scheme-detail", lambda o: o["scheme"].slug),
    _api(
        "scheme-detail",
        lambda o: o["hidden_scheme"].slug,
        what="unpublished",
        expected=GONE,
    ),
    _api("grant-list"),
    _api("grant-detail", lambda o: o["own_report"].reference),
    _api(
        "grant-detail",
        lambda o: o["other_submitted"].reference,
        what="not granted",
        expected=GONE,
    ),
    _api("track-list"),
    _api("track-detail", lambda o: o["track"].slug),
    _api("meeting-list"),
    _api("meeting-detail", lambda o: o["meeting"].pk),
    _api("advice-list"),
    _api("advice-detail", lambda o: o["public_advice"].pk),
    _api(
        "advice-detail",
        lambda o: o["closed_advice"].pk,
        what="closed item",
        expected=GONE,
    ),
]

ROW_GROUPS: list[list[Row]] = [
    CORE_ROWS,
    API_ROWS,
    ACCOUNT_ROWS,
    PARTNERSHIP_ROWS,
    COUNCIL_ROWS,
    SUBSIDY_ROWS,
    LEARNING_TRACK_ROWS,
]


def site_rows() -> list[Row]:
    rows = [row for group in ROW_GROUPS for row in group]
    return rows + _learning_track_link_rows()


# What the rows open ---------------------------------------------------------------------


def _pdf(instance, field_name: str, name: str = "document.pdf"):
    getattr(instance, field_name).save(name, ContentFile(SMALL_PDF), save=True)


def core_objects() -> dict:
    from herentq.models import NewsItem

    news = NewsItem.objects.published().first()
    hidden = NewsItem.objects.create(
        title="Nog niet verschenen",
        slug="nog-niet-verschenen",
        summary="Kort.",
        body="Lang.",
        is_published=False,
        image_alt="Een afbeelding",
    )
    hidden.image.save("beeld.png", ContentFile(_png()), save=True)
    return {"news": news, "hidden_news": hidden}


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def partnership_objects() -> dict:
    from partnerships.constants import AgreementKind
    from tests.partnerships.factories import (
        AgreementFactory,
        PartnerPlaceFactory,
        PartnershipFactory,
        PhotoAlbumFactory,
        add_photos,
    )

    published = PartnershipFactory(title="Gepubliceerd partnerschap")
    PartnerPlaceFactory(partnership=published)
    agreement = AgreementFactory(partnership=published, kind=AgreementKind.JUMELAGE)
    _pdf(agreement, "document")
    album = PhotoAlbumFactory(partnership=published)
    [photo] = add_photos(album, 1)

    unpublished = PartnershipFactory(title="Verborgen partnerschap", is_published=False)
    hidden_agreement = AgreementFactory(partnership=unpublished)
    _pdf(hidden_agreement, "document")
    [hidden_photo] = add_photos(PhotoAlbumFactory(partnership=unpublished), 1)
    return {
        "published": published,
        "unpublished": unpublished,
        "spare": PartnershipFactory(title="Reservepartnerschap"),
        "agreement": agreement,
        "hidden_agreement": hidden_agreement,
        "album": album,
        "photo": photo,
        "hidden_photo": hidden_photo,
        "private_file": hidden_agreement.document.name,
    }


def council_objects() -> dict:
    import datetime as dt

    from council import services
    from council.models import AgendaDocument, Council
    from tests.council.factories import AgendaItemFactory, MeetingFactory
    from tests.security.roles import make_user

    council = Council.objects.get(slug="grosh")
    meeting = MeetingFactory(council=council, held=True)
    public_item = AgendaItemFactory(meeting=meeting, title="Steun aan de radio")
    closed_item = AgendaItemFactory(meeting=meeting, title="Besloten", is_public=False)
    documents = {}
    for key, item in (
        ("public_document", public_item),
        ("closed_document", closed_item),
    ):
        document = AgendaDocument(agenda_item=item, title=f"Nota {key}")
        document.file.save("nota.pdf", ContentFile(SMALL_PDF), save=False)
        document.save()
        documents[key] = document
    advice = {}
    for key, item in (("public_advice", public_item), ("closed_advice", closed_item)):
        advice[key] = services.advice_record(
            agenda_item=item,
            subject_text=f"Advies {key}",
            text="Tekst.",
            motivation="Motivering.",
            outcome="positive",
            votes_for=3,
            votes_against=0,
            votes_abstain=0,
            conflicted_members=[],
        )
    draft = services.minutes_create(meeting=meeting)

    circulated_meeting = MeetingFactory(
        council=council,
        held=True,
        planned_start=timezone.now() - dt.timedelta(days=60),
    )
    AgendaItemFactory(meeting=circulated_meeting, title="Punt")
    circulated = services.minutes_create(meeting=circulated_meeting)
    services.minutes_circulate(minutes=circulated, notify=False)
    services.minutes_comment_add(
        minutes=circulated, author=make_user(MEMBER), text="Een opmerking."
    )
    from council.constants import MinutesStatus
    from council.models import Minutes

    published = Minutes.objects.filter(status=MinutesStatus.PUBLISHED).first()
    assert published is not None, "the demo data have published minutes"
    from council import onboarding
    from tests.council.factories import CouncilMemberFactory

    invited = services.member_invite(
        member=CouncilMemberFactory(council=council, email="uitgenodigd@example.be")
    )
    return {
        "invitation_token": onboarding.make_token(invited),
        "meeting": meeting,
        "draft_minutes": draft,
        "circulated_minutes": circulated,
        "published_minutes": published,
        **documents,
        **advice,
    }


def learning_track_objects() -> dict:
    from learning_tracks.constants import TrackStatus
    from learning_tracks.models import Enrolment, Interest, NewsletterSubscriber
    from tests.learning_tracks.factories import (
        ThemeFactory,
        TrackFactory,
        TrackResourceFactory,
    )
    from tests.learning_tracks.helpers import enrol

    track = TrackFactory(capacity=5)
    enrolment = enrol(track, email="deelnemer@example.be")
    removed = enrol(track, email="weg@example.be")
    removed_id = str(removed.public_id)
    Enrolment.objects.filter(pk=removed.pk).delete()
    announced = TrackFactory(status=TrackStatus.ANNOUNCED)
    Interest.objects.create(track=announced, email="geinteresseerd@example.be")
    theme = ThemeFactory()
    subscriber = NewsletterSubscriber.objects.create(email="lezer@example.be")
    subscriber.themes.set([theme])
    gone = NewsletterSubscriber.objects.create(email="weg@example.be")
    gone_id = str(gone.public_id)
    gone.delete()
    resource = TrackResourceFactory()
    _pdf(resource, "document")
    hidden = TrackResourceFactory(is_published=False)
    _pdf(hidden, "document")
    return {
        "track": track,
        "enrolment": str(enrolment.public_id),
        "removed_enrolment": removed_id,
        "interest": {"t": announced.pk, "e": "nieuw@example.be"},
        "newsletter": {"e": "nieuw@example.be", "t": [theme.pk]},
        "subscriber": str(subscriber.public_id),
        "removed_subscriber": gone_id,
        "resource": resource,
        "hidden_resource": hidden,
    }


def subsidy_objects() -> dict:
    """Files of the applicant's organisation (roles.applicant_organisation) and of
    another one, in the states the pages care about; one on the GROSH's agenda."""
    import datetime as dt
    from decimal import Decimal

    from council.models import Council
    from subsidies import services
    from subsidies.models import Invitation
    from tests.council.factories import MeetingFactory
    from tests.security.roles import applicant_organisation, make_user
    from tests.subsidies.factories import (
        ApplicationFactory,
        AttachmentFactory,
        CallFactory,
        EnvelopeFactory,
        OrganisationFactory,
        SchemeFactory,
        enterprise_number,
        verified_user,
    )

    now = timezone.now()
    scheme = SchemeFactory(slug="beveiliging-projectsubsidie")
    call = CallFactory(scheme=scheme)
    EnvelopeFactory(scheme=scheme, year=call.year, budget=Decimal("100000"))
    direct = SchemeFactory(
        slug="beveiliging-zonder-advies",
        requires_council_advice=False,
        cap_per_organisation_per_year=Decimal("100000"),
    )
    direct_call = CallFactory(scheme=direct)
    EnvelopeFactory(scheme=direct, year=direct_call.year, budget=Decimal("100000"))
    scheme.cap_per_organisation_per_year = Decimal("100000")
    scheme.save()
    hidden = SchemeFactory(slug="beveiliging-verborgen", is_published=False)
    closed_call = CallFactory(
        scheme=scheme,
        opens_at=now - dt.timedelta(days=60),
        closes_at=now - dt.timedelta(days=30),
    )

    own = applicant_organisation()
    colleague = make_user(APPLICANT, email="collega-van-de-aanvrager@example.be")
    other_member = verified_user(email="lid-van-een-andere@example.be")
    other = OrganisationFactory(
        name="Andere vereniging vzw",
        enterprise_number=enterprise_number(990_002),
        members=[other_member],
    )
    actor = make_user(SERVICE, email="dienst-beveiliging@example.be")

    def draft(organisation, user, on=call):
        return ApplicationFactory(call=on, organisation=organisation, created_by=user)

    def submitted(organisation, user, on=call):
        return services.application_submit(
            application=draft(organisation, user, on), user=user
        )

    def advance_paid(organisation, user):
        application = services.application_start_screening(
            application=submitted(organisation, user, direct_call), actor=actor
        )
        application = services.application_decide(
            application=application,
            actor=actor,
            decision="approved",
            amount=application.requested_amount,
            decision_date=timezone.localdate(),
            decision_reference="CBS beveiliging",
        )
        return services.application_pay_advance(
            application=application,
            actor=actor,
            amount=Decimal("1000"),
            paid_on=timezone.localdate(),
        )

    own_draft = draft(own, colleague)
    other_submitted = submitted(other, other_member)
    on_agenda = services.application_start_screening(
        application=submitted(other, other_member), actor=actor
    )
    grosh = Council.objects.get(slug="grosh")
    on_agenda = services.application_put_on_agenda(
        application=on_agenda, actor=actor, meeting=MeetingFactory(council=grosh)
    )
    invitation = services.invitation_create(
        organisation=other, invited_by=other_member, email="nieuw-lid@example.be"
    )
    expired = services.invitation_create(
        organisation=other, invited_by=other_member, email="te-laat@example.be"
    )
    Invitation.objects.filter(pk=expired.pk).update(
        created_at=now - dt.timedelta(days=30), expires_at=now - dt.timedelta(days=1)
    )
    expired.refresh_from_db()
    report = advance_paid(own, colleague)
    return {
        "scheme": scheme,
        "hidden_scheme": hidden,
        "call": call,
        "closed_call": closed_call,
        "hidden_call": CallFactory(scheme=hidden),
        "register_year": report.decision_date.year,
        "own_organisation": own,
        "other_organisation": other,
        "invitation": invitation,
        "expired_invitation": expired,
        "own_draft": own_draft,
        "own_deletable": draft(own, colleague),
        "own_submitted": submitted(own, colleague),
        "own_withdrawable": submitted(own, colleague),
        "own_report": report,
        "own_attachment": AttachmentFactory(application=own_draft),
        "other_draft": draft(other, other_member),
        "other_submitted": other_submitted,
        "other_attachment": AttachmentFactory(application=other_submitted),
        "other_report": advance_paid(other, other_member),
        "on_agenda": on_agenda,
        "agenda_attachment": AttachmentFactory(application=on_agenda),
        "to_screen": submitted(other, other_member),
    }


def account_objects() -> dict:
    """Another person's account, with an authenticator (for its admin pages)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.security.roles import make_user

    other = make_user(APPLICANT, email="iemand-anders@example.be")
    TOTP.activate(other, generate_totp_secret())
    return {"other_user": other}


def mail_queue_objects() -> dict:
    """The mail queue's admin pages need one message, log and attachment."""
    from post_office.models import Attachment, Email, Log

    email = Email.objects.create(
        to=["iemand@example.be"], from_email="noreply@herent.be", subject="Test"
    )
    Log.objects.create(email=email, status=0, message="Verstuurd.")
    attachment = Attachment(name="bijlage.txt")
    attachment.file.save("bijlage.txt", ContentFile(b"Bijlage."), save=True)
    attachment.emails.add(email)
    return {"email": email}


def job_queue_objects() -> dict:
    """The job queue's admin pages need one job."""
    from herentq.tasks import send_queued_mail

    send_queued_mail.defer()
    return {}


OBJECT_BUILDERS: list[Callable[[], dict]] = [
    core_objects,
    partnership_objects,
    council_objects,
    learning_track_objects,
    subsidy_objects,
    account_objects,
    mail_queue_objects,
    job_queue_objects,
]


def build_objects() -> dict:
    objects = {}
    for builder in OBJECT_BUILDERS:
        objects.update(builder())
    return objects
