"""Every form a visitor, an applicant or a council member can send, as a table.

Each `FormCase` says where the form is, who sends it, what a valid submission
looks like, which fields it has (with their kind: see `payloads.Kind`) and what
was saved before that must survive any submission. `test_hostile_input.py` sends
every payload of `payloads.py` to every field of every case.

To add a form (the subsidies app: its application and attachment forms), append a
`FormCase` to `FORMS`, with `role=APPLICANT` for forms behind the applicant's
login and `Field(..., Kind.FILE, file_kind=..., max_bytes=...)` for uploads.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.urls import reverse

from herentq.models import SDG
from learning_tracks import tokens
from learning_tracks.constants import EnrolmentStatus, TrackStatus
from learning_tracks.models import Enrolment, Interest, NewsletterSubscriber
from partnerships.constants import PHOTO_MAX_BYTES, AgreementKind
from partnerships.models import Partnership, Photo
from tests.council.factories import AgendaItemFactory, CouncilFactory, MeetingFactory
from tests.learning_tracks.factories import ThemeFactory, TrackFactory
from tests.learning_tracks.helpers import enrol
from tests.partnerships.factories import (
    ActionDomainFactory,
    AgreementFactory,
    PartnerPlaceFactory,
    PartnershipFactory,
    PhotoAlbumFactory,
    add_photos,
)
from tests.security.payloads import Field, FileKind, Kind, valid_file
from tests.security.roles import ANONYMOUS, APPLICANT, MEMBER, SERVICE, make_user

PASSWORD = "correct-horse-9"  # tests.factories.UserFactory's


@dataclass(frozen=True)
class FormCase:
    id: str
    method: str  # "get" or "post"
    url: Callable[[dict], str]
    fields: tuple[Field, ...]
    # Makes what the form needs and what must survive; returns the context the
    # other callables get. Receives the test client (already logged in as `role`).
    setup: Callable
    # A valid submission; `n` makes e-mail addresses unique per request.
    valid: Callable[[dict, int], dict]
    # What was saved before: equal before and after every hostile submission.
    saved: Callable[[dict], object]
    role: str = ANONYMOUS
    # Pages (opened by service staff) that show what the form saved.
    shown_at: Callable[[dict], list[str]] = field(default=lambda ctx: [])

    def __str__(self):
        return self.id


def _users(ctx) -> list:
    return list(
        get_user_model()
        .objects.filter(pk=ctx["user"].pk)
        .values("email", "password", "last_login", "is_active", "is_staff")
    )


# Partnerships: the list and the map filter with GET ---------------------------------


def _partnerships(client):
    domain = ActionDomainFactory(name="Onderwijs", slug="onderwijs")
    partnership = PartnershipFactory(
        title="Herent – Nimlaha'kok", sdgs=SDG.objects.filter(number=4)
    )
    partnership.domains.set([domain])
    PartnerPlaceFactory(partnership=partnership, country="GT")
    AgreementFactory(partnership=partnership, kind=AgreementKind.JUMELAGE)
    return {"partnership": partnership}


def _partnerships_saved(ctx):
    return list(
        Partnership.objects.order_by("pk").values_list(
            "pk", "title", "is_published", "search_vector"
        )
    )


PARTNERSHIP_FILTERS = (
    Field("zoek", Kind.TEXT, max_length=200),
    Field("bestuur", Kind.CHOICE),
    Field("land", Kind.CHOICE),
    Field("werelddeel", Kind.CHOICE),
    Field("sdg", Kind.CHOICE),
    Field("domein", Kind.CHOICE),
    Field("overeenkomst", Kind.CHOICE),
    Field("status", Kind.CHOICE),
)


# Council: search, advice register, members' comments --------------------------------


def _council(client):
    return {"council": CouncilFactory()}


def _council_saved(ctx):
    return list(ctx["council"].meetings.values_list("pk", "status"))


def _circulated_minutes(client):
    from council import services

    council = CouncilFactory()
    meeting = MeetingFactory(council=council, held=True)
    AgendaItemFactory(meeting=meeting, title="Verslag vorige vergadering")
    AgendaItemFactory(meeting=meeting, title="Besloten punt", is_public=False)
    minutes = services.minutes_create(meeting=meeting)
    services.minutes_circulate(minutes=minutes, notify=False)
    other_member = make_user(MEMBER)
    comment = services.minutes_comment_add(
        minutes=minutes, author=other_member, text="Een opmerking van een ander lid."
    )
    return {"meeting": meeting, "minutes": minutes, "comment": comment}


def _comments_saved(ctx):
    return list(
        ctx["minutes"]
        .comments.filter(pk=ctx["comment"].pk)
        .values_list("pk", "text", "author_id", "agenda_item_id")
    )


# Learning tracks: enrolment, interest list, newsletter -------------------------------


def _open_track(client):
    track = TrackFactory(capacity=5)
    existing = enrol(track, email="bestaand@example.be", name="Bestaande Deelnemer")
    assert existing.status == EnrolmentStatus.CONFIRMED
    return {"track": track, "existing": existing}


def _enrolments_saved(ctx):
    existing = Enrolment.objects.filter(pk=ctx["existing"].pk).values(
        "name", "email", "organisation", "role", "needs", "status"
    )
    track = type(ctx["track"]).objects.get(pk=ctx["track"].pk)
    return list(existing), track.seats_taken


def _announced_track(client):
    track = TrackFactory(status=TrackStatus.ANNOUNCED)
    Interest.objects.create(track=track, email="al-geinteresseerd@example.be")
    return {"track": track}


def _interests_saved(ctx):
    return list(ctx["track"].interests.order_by("pk").values_list("pk", "email"))


def _newsletter(client):
    themes = [ThemeFactory(name="Klimaat"), ThemeFactory(name="Participatie")]
    subscriber = NewsletterSubscriber.objects.create(email="lezer@example.be")
    subscriber.themes.set(themes[:1])
    return {"themes": themes, "subscriber": subscriber}


def _subscribers_saved(ctx):
    return [
        (s.email, sorted(t.pk for t in s.themes.all()))
        for s in NewsletterSubscriber.objects.order_by("pk")
    ]


# Accounts (django-allauth) -------------------------------------------------------------


def _account(client):
    return {"user": make_user("applicant", email="bestaand@example.be")}


def _pending_two_factor(client):
    """A staff member who gave the right password: the code is asked next."""
    user = make_user("applicant", email="medewerker@example.be")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    TOTP.activate(user, generate_totp_secret())
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    return {"user": user}


def _two_factor_saved(ctx):
    return _users(ctx), list(ctx["user"].authenticator_set.values_list("pk", "data"))


# Uploads in the back office (no upload form is open to the public yet) ----------------


def _album(client):
    album = PhotoAlbumFactory()
    photos = add_photos(album, 1)
    return {"album": album, "photos": [photo.pk for photo in photos]}


def _photos_saved(ctx):
    return list(
        Photo.objects.filter(pk__in=ctx["photos"])
        .order_by("pk")
        .values_list("pk", "image", "alt_text", "position")
    )


def _valid_photo(ctx, n):
    return {
        "photos": valid_file(Field("photos", Kind.FILE, file_kind=FileKind.IMAGE)),
        "alt_text": "Kinderen voor de school",
        "caption": "",
        "credit": "",
    }


FORMS = [
    FormCase(
        id="partnership-list",
        method="get",
        url=lambda ctx: reverse("partnerships:list"),
        fields=(*PARTNERSHIP_FILTERS, Field("page", Kind.NUMBER, shows_errors=False)),
        setup=_partnerships,
        valid=lambda ctx, n: {},
        saved=_partnerships_saved,
    ),
    FormCase(
        id="partnership-map",
        method="get",
        url=lambda ctx: reverse("partnerships:map"),
        fields=PARTNERSHIP_FILTERS,
        setup=_partnerships,
        valid=lambda ctx, n: {},
        saved=_partnerships_saved,
    ),
    FormCase(
        id="council-search",
        method="get",
        url=lambda ctx: reverse("council:search"),
        fields=(Field("q", Kind.SEARCH),),
        setup=_council,
        valid=lambda ctx, n: {"q": "radio"},
        saved=_council_saved,
    ),
    FormCase(
        id="council-advice-register",
        method="get",
        url=lambda ctx: reverse("council:advice_list"),
        fields=(
            Field("q", Kind.TEXT, max_length=200),
            Field("outcome", Kind.CHOICE),
            Field("followup_status", Kind.CHOICE),
            Field("year", Kind.NUMBER),
            Field("page", Kind.NUMBER, shows_errors=False),
        ),
        setup=_council,
        valid=lambda ctx, n: {},
        saved=_council_saved,
    ),
    FormCase(
        id="council-member-comment",
        method="post",
        role=MEMBER,
        url=lambda ctx: reverse("council:members_minutes", args=[ctx["meeting"].pk]),
        fields=(
            Field("agenda_item", Kind.CHOICE),
            Field("text", Kind.TEXT, max_length=5000),
        ),
        setup=_circulated_minutes,
        valid=lambda ctx, n: {"agenda_item": "", "text": f"Opmerking {n}."},
        saved=_comments_saved,
    ),
    FormCase(
        id="learning-track-list",
        method="get",
        url=lambda ctx: reverse("learning_tracks:list"),
        fields=(Field("status", Kind.CHOICE),),
        setup=_open_track,
        valid=lambda ctx, n: {},
        saved=_enrolments_saved,
    ),
    FormCase(
        id="learning-track-enrolment",
        method="post",
        url=lambda ctx: reverse("learning_tracks:enrol", args=[ctx["track"].slug]),
        fields=(
            Field("name", Kind.TEXT, max_length=200),
            Field("email", Kind.EMAIL, max_length=254),
            Field("organisation", Kind.TEXT, max_length=200),
            Field("role", Kind.CHOICE),
            Field("needs", Kind.TEXT, max_length=1000),
            Field("consent", Kind.BOOLEAN),
        ),
        setup=_open_track,
        valid=lambda ctx, n: {
            "name": "An Peeters",
            "email": f"an.peeters.{n}@example.be",
            "organisation": "Gemeente Herent",
            "role": "civil_servant",
            "needs": "",
            "consent": "on",
        },
        saved=_enrolments_saved,
        shown_at=lambda ctx: [
            reverse("admin:learning_tracks_enrolment_changelist"),
            *(
                reverse("admin:learning_tracks_enrolment_change", args=[pk])
                for pk in Enrolment.objects.filter(track=ctx["track"])
                .order_by("-pk")
                .values_list("pk", flat=True)[:3]
            ),
        ],
    ),
    FormCase(
        id="learning-track-interest",
        method="post",
        url=lambda ctx: reverse("learning_tracks:interest", args=[ctx["track"].slug]),
        fields=(Field("email", Kind.EMAIL, max_length=254),),
        setup=_announced_track,
        valid=lambda ctx, n: {"email": f"geinteresseerd.{n}@example.be"},
        saved=_interests_saved,
    ),
    FormCase(
        id="newsletter-subscription",
        method="post",
        url=lambda ctx: reverse("learning_tracks:newsletter"),
        fields=(
            Field("email", Kind.EMAIL, max_length=254),
            Field("themes", Kind.MULTIPLE_CHOICE),
            Field("consent", Kind.BOOLEAN),
        ),
        setup=_newsletter,
        valid=lambda ctx, n: {
            "email": f"nieuwe.lezer.{n}@example.be",
            "themes": [ctx["themes"][1].pk],
            "consent": "on",
        },
        saved=_subscribers_saved,
    ),
    FormCase(
        id="newsletter-manage-themes",
        method="post",
        url=lambda ctx: reverse(
            "learning_tracks:newsletter_manage",
            args=[
                tokens.make(
                    tokens.Purpose.NEWSLETTER_MANAGE, str(ctx["subscriber"].public_id)
                )
            ],
        ),
        fields=(Field("themes", Kind.MULTIPLE_CHOICE),),
        setup=_newsletter,
        valid=lambda ctx, n: {"themes": [ctx["themes"][0].pk]},
        saved=_subscribers_saved,
    ),
    FormCase(
        id="site-search",
        method="get",
        url=lambda ctx: reverse("search"),
        fields=(
            Field("q", Kind.SEARCH, shows_errors=False),
            Field("soort", Kind.SEARCH, shows_errors=False),
            Field("page", Kind.SEARCH, shows_errors=False),
        ),
        setup=_newsletter,
        valid=lambda ctx, n: {"q": "radio", "soort": "partnerschappen"},
        saved=_subscribers_saved,
    ),
    FormCase(
        id="newsletter-theme-parameter",
        method="get",
        url=lambda ctx: reverse("learning_tracks:newsletter"),
        fields=(Field("thema", Kind.SEARCH, shows_errors=False),),
        setup=_newsletter,
        valid=lambda ctx, n: {},
        saved=_subscribers_saved,
    ),
    FormCase(
        id="account-login",
        method="post",
        url=lambda ctx: reverse("account_login"),
        fields=(
            Field("login", Kind.EMAIL, max_length=254),
            Field("password", Kind.PASSWORD),
            Field("remember", Kind.BOOLEAN),
        ),
        setup=_account,
        # Unknown addresses: each request counts against another account.
        valid=lambda ctx, n: {
            "login": f"onbekend.{n}@example.be",
            "password": PASSWORD,
            "remember": "",
        },
        saved=_users,
    ),
    FormCase(
        id="account-signup",
        method="post",
        url=lambda ctx: reverse("account_signup"),
        fields=(
            Field("email", Kind.EMAIL, max_length=254),
            Field("password1", Kind.PASSWORD),
            Field("password2", Kind.PASSWORD),
        ),
        setup=_account,
        valid=lambda ctx, n: {
            "email": f"nieuw.{n}@example.be",
            "password1": "Lang-en-veilig-wachtwoord-42",
            "password2": "Lang-en-veilig-wachtwoord-42",
        },
        saved=_users,
    ),
    FormCase(
        id="account-password-reset",
        method="post",
        url=lambda ctx: reverse("account_reset_password"),
        fields=(Field("email", Kind.EMAIL, max_length=254),),
        setup=_account,
        valid=lambda ctx, n: {"email": f"vergeten.{n}@example.be"},
        saved=_users,
    ),
    FormCase(
        id="two-factor-code",
        method="post",
        url=lambda ctx: reverse("mfa_authenticate"),
        fields=(Field("code", Kind.CODE),),
        setup=_pending_two_factor,
        valid=lambda ctx, n: {"code": "000000"},
        saved=_two_factor_saved,
    ),
    FormCase(
        id="admin-photo-upload",
        method="post",
        role=SERVICE,
        url=lambda ctx: reverse(
            "admin:partnerships_photoalbum_upload", args=[ctx["album"].pk]
        ),
        fields=(
            Field(
                "photos",
                Kind.FILE,
                file_kind=FileKind.IMAGE,
                max_bytes=PHOTO_MAX_BYTES,
            ),
            Field("alt_text", Kind.TEXT, max_length=250),
            Field("caption", Kind.TEXT, max_length=300),
            Field("credit", Kind.TEXT, max_length=200),
        ),
        setup=_album,
        valid=_valid_photo,
        saved=_photos_saved,
        shown_at=lambda ctx: [
            reverse("admin:partnerships_photoalbum_change", args=[ctx["album"].pk]),
            reverse("admin:partnerships_photo_changelist"),
        ],
    ),
]


# Subsidies: the applicant's organisation, application, messages, final report -------

SUBSIDY_MAX_BYTES = 10 * 1024 * 1024  # subsidies.validators.MAX_UPLOAD_BYTES
# Fixed keys, as the forms name their fields after them (file_<pk>, actual_<pk>).
REQUIREMENT_PK = 990_001
BUDGET_LINE_PK = 990_002


def _subsidies(client):
    """The applicant's organisation (roles.ROLE_HOOKS) with a draft, and another
    organisation with a submitted file and an attachment: both must survive."""
    from subsidies import services
    from tests.security.roles import applicant_organisation
    from tests.subsidies.factories import (
        ApplicationFactory,
        AttachmentFactory,
        CallFactory,
        EnvelopeFactory,
        OrganisationFactory,
        RequirementFactory,
        SchemeFactory,
        enterprise_number,
        verified_user,
    )

    organisation = applicant_organisation()
    user = organisation.members.order_by("-pk").first() or make_user(APPLICANT)
    scheme = SchemeFactory()
    requirement = RequirementFactory(
        pk=REQUIREMENT_PK, scheme=scheme, name="Statuten", is_required=False
    )
    call = CallFactory(scheme=scheme)
    EnvelopeFactory(scheme=scheme, year=call.year)
    draft = ApplicationFactory(call=call, organisation=organisation, created_by=user)
    kept = AttachmentFactory(application=draft, requirement=requirement)
    stranger = verified_user(email="iemand@andere-vereniging.be")
    other = OrganisationFactory(
        name="Andere vereniging vzw",
        enterprise_number=enterprise_number(990_003),
        members=[stranger],
    )
    other_file = services.application_submit(
        application=ApplicationFactory(
            call=call, organisation=other, created_by=stranger
        ),
        user=stranger,
    )
    AttachmentFactory(application=other_file)
    return {
        "user": user,
        "organisation": organisation,
        "other": other,
        "scheme": scheme,
        "call": call,
        "requirement": requirement,
        "draft": draft,
        "kept": kept,
        "other_file": other_file,
    }


def _submitted(client):
    from subsidies import services

    ctx = _subsidies(client)
    ctx["draft"] = services.application_submit(
        application=ctx["draft"], user=ctx["user"]
    )
    return ctx


def _report_stage(client):
    import datetime as dt
    from decimal import Decimal

    from subsidies import services
    from subsidies.constants import LineKind
    from subsidies.models import BudgetLine

    ctx = _subsidies(client)
    scheme = ctx["scheme"]
    scheme.requires_council_advice = False
    scheme.save()
    actor = make_user(SERVICE)
    BudgetLine.objects.create(
        pk=BUDGET_LINE_PK,
        application=ctx["draft"],
        kind=LineKind.EXPENSE,
        description="Vorming",
        amount=Decimal("0"),
    )
    application = services.application_submit(
        application=ctx["draft"], user=ctx["user"]
    )
    application = services.application_start_screening(
        application=application, actor=actor
    )
    application = services.application_decide(
        application=application,
        actor=actor,
        decision="approved",
        amount=application.requested_amount,
        decision_date=dt.date.today(),
        decision_reference="CBS 1",
    )
    ctx["draft"] = services.application_pay_advance(
        application=application,
        actor=actor,
        amount=Decimal("1000"),
        paid_on=dt.date.today(),
    )
    return ctx


APPLICATION_VALUES = (
    "pk",
    "status",
    "reference",
    "organisation_id",
    "title",
    "summary",
    "description",
    "partner_name",
    "country",
    "requested_amount",
    "sdg_explanation",
    "conflict_of_interest_details",
    "report_narrative",
)


def _application_saved(*changed):
    """The other organisation's file and its attachment, the attachment kept on
    the own file, and every field of the own file but those the form changes."""

    def saved(ctx):
        from subsidies.models import Application, Attachment, BudgetLine, Message

        own = [name for name in APPLICATION_VALUES if name not in changed]
        return (
            list(
                Application.objects.filter(pk=ctx["other_file"].pk).values(
                    *APPLICATION_VALUES
                )
            ),
            list(Application.objects.filter(pk=ctx["draft"].pk).values(*own)),
            list(
                Attachment.objects.filter(
                    application__organisation=ctx["other"]
                ).values_list("pk", "file", "original_name")
            ),
            list(
                Attachment.objects.filter(pk=ctx["kept"].pk).values_list(
                    "pk", "file", "original_name", "sha256"
                )
            ),
            list(
                BudgetLine.objects.filter(application=ctx["other_file"]).values_list(
                    "description", "amount"
                )
            ),
            list(
                Message.objects.filter(application=ctx["other_file"]).values_list(
                    "pk", "body"
                )
            ),
        )

    return saved


def _organisations_saved(ctx):
    from subsidies.models import Organisation

    return list(
        Organisation.objects.filter(pk=ctx["other"].pk).values(
            "name", "enterprise_number", "iban", "contact_email"
        )
    ), list(ctx["other"].memberships.values_list("user_id", flat=True))


def _application_admin(ctx):
    return [
        reverse("admin:subsidies_application_changelist"),
        reverse("admin:subsidies_application_change", args=[ctx["draft"].pk]),
    ]


def _step_url(step):
    return lambda ctx: reverse(
        "subsidies:application_step", args=[ctx["draft"].pk, step]
    )


def _organisation_data(n, *, number=""):
    return {
        "name": f"Wereldwinkel Herent {n}",
        "legal_form": "feitelijk",
        "enterprise_number": number,
        "street": "Wijgmaalsesteenweg 12",
        "postcode": "3020",
        "city": "Herent",
        "country": "BE",
        "iban": "BE71 0961 2345 6769",
        "contact_name": "An Peeters",
        "contact_email": f"an.{n}@wereldwinkel.be",
        "contact_phone": "016 12 34 56",
        "website": "https://wereldwinkel.be",
    }


ORGANISATION_FIELDS = (
    Field("name", Kind.TEXT, max_length=200),
    Field("legal_form", Kind.CHOICE),
    Field("enterprise_number", Kind.TEXT, max_length=20),
    Field("street", Kind.TEXT, max_length=200),
    Field("postcode", Kind.TEXT, max_length=10),
    Field("city", Kind.TEXT, max_length=100),
    Field("country", Kind.CHOICE),
    Field("iban", Kind.TEXT, max_length=42),
    Field("contact_name", Kind.TEXT, max_length=200),
    Field("contact_email", Kind.EMAIL, max_length=254),
    Field("contact_phone", Kind.TEXT, max_length=50),
    Field("website", Kind.TEXT, max_length=200),
)


def _budget_valid(ctx, n):
    return {
        "action": "save",
        "requested_amount": "2000",
        "income-TOTAL_FORMS": "1",
        "income-INITIAL_FORMS": "0",
        "income-0-description": "Eigen inbreng",
        "income-0-amount": "2000",
        "expense-TOTAL_FORMS": "1",
        "expense-INITIAL_FORMS": "0",
        "expense-0-description": "Zender en antenne",
        "expense-0-amount": "4.000",
    }


def _subsidy_upload(field_name):
    return Field(
        field_name,
        Kind.FILE,
        file_kind=FileKind.DOCUMENT,
        max_bytes=SUBSIDY_MAX_BYTES,
    )


SUBSIDY_FORMS = [
    FormCase(
        id="subsidies-register",
        method="get",
        url=lambda ctx: reverse("subsidies:register"),
        # The register reads no parameter: whatever is added must do no harm.
        fields=(Field("jaar", Kind.SEARCH, shows_errors=False),),
        setup=_subsidies,
        valid=lambda ctx, n: {},
        saved=_application_saved(),
    ),
    FormCase(
        id="subsidies-scheme",
        method="get",
        url=lambda ctx: reverse("subsidies:scheme_detail", args=[ctx["scheme"].slug]),
        fields=(Field("oproep", Kind.SEARCH, shows_errors=False),),
        setup=_subsidies,
        valid=lambda ctx, n: {},
        saved=_application_saved(),
    ),
    FormCase(
        id="subsidies-organisation-create",
        method="post",
        role=APPLICANT,
        url=lambda ctx: reverse("subsidies:organisation_create"),
        fields=(
            *ORGANISATION_FIELDS,
            Field("next", Kind.SEARCH, shows_errors=False),
        ),
        setup=_subsidies,
        valid=lambda ctx, n: _organisation_data(n),
        saved=_organisations_saved,
        shown_at=lambda ctx: [reverse("admin:subsidies_organisation_changelist")],
    ),
    FormCase(
        id="subsidies-organisation-update",
        method="post",
        role=APPLICANT,
        url=lambda ctx: reverse(
            "subsidies:organisation_update", args=[ctx["organisation"].pk]
        ),
        fields=ORGANISATION_FIELDS,
        setup=_subsidies,
        valid=lambda ctx, n: _organisation_data(n),
        saved=_organisations_saved,
        shown_at=lambda ctx: [
            reverse(
                "admin:subsidies_organisation_change", args=[ctx["organisation"].pk]
            )
        ],
    ),
    FormCase(
        id="subsidies-invite-colleague",
        method="post",
        role=APPLICANT,
        url=lambda ctx: reverse(
            "subsidies:organisation_detail", args=[ctx["organisation"].pk]
        ),
        fields=(Field("email", Kind.EMAIL, max_length=254),),
        setup=_subsidies,
        valid=lambda ctx, n: {"email": f"collega.{n}@example.be"},
        saved=_organisations_saved,
        shown_at=lambda ctx: [
            reverse(
                "admin:subsidies_organisation_change", args=[ctx["organisation"].pk]
            )
        ],
    ),
    FormCase(
        id="subsidies-application-start",
        method="post",
        role=APPLICANT,
        url=lambda ctx: reverse("subsidies:application_start", args=[ctx["call"].pk]),
        fields=(Field("organisation", Kind.CHOICE),),
        setup=_subsidies,
        valid=lambda ctx, n: {"organisation": ctx["organisation"].pk},
        saved=_application_saved(),
    ),
    FormCase(
        id="subsidies-step-organisation",
        method="post",
        role=APPLICANT,
        url=_step_url("organisatie"),
        fields=(
            Field("organisation", Kind.CHOICE),
            Field("contact_name", Kind.TEXT, max_length=200),
            Field("contact_email", Kind.EMAIL, max_length=254),
            Field("contact_phone", Kind.TEXT, max_length=50),
            Field("action", Kind.SEARCH, shows_errors=False),
        ),
        setup=_subsidies,
        valid=lambda ctx, n: {
            "action": "save",
            "organisation": ctx["organisation"].pk,
            "contact_name": "An Peeters",
            "contact_email": f"an.{n}@example.be",
            "contact_phone": "",
        },
        saved=_application_saved(),
        shown_at=_application_admin,
    ),
    FormCase(
        id="subsidies-step-project",
        method="post",
        role=APPLICANT,
        url=_step_url("project"),
        fields=(
            Field("title", Kind.TEXT, max_length=200),
            Field("summary", Kind.TEXT, max_length=500),
            Field("description", Kind.TEXT),
            Field("objectives", Kind.TEXT),
            Field("target_group", Kind.TEXT),
            Field("start_date", Kind.DATE),
            Field("end_date", Kind.DATE),
        ),
        setup=_subsidies,
        valid=lambda ctx, n: {"action": "save", "title": f"Gemeenschapsradio {n}"},
        saved=_application_saved("title", "summary", "description"),
        shown_at=_application_admin,
    ),
    FormCase(
        id="subsidies-step-partner",
        method="post",
        role=APPLICANT,
        url=_step_url("partner"),
        fields=(
            Field("partner_name", Kind.TEXT, max_length=200),
            Field("partner_description", Kind.TEXT),
            Field("country", Kind.CHOICE),
            Field("region", Kind.TEXT, max_length=200),
            Field("partnership", Kind.CHOICE),
        ),
        setup=_subsidies,
        valid=lambda ctx, n: {"action": "save", "country": "GT"},
        saved=_application_saved("partner_name", "country"),
        shown_at=_application_admin,
    ),
    FormCase(
        id="subsidies-step-sdgs",
        method="post",
        role=APPLICANT,
        url=_step_url("sdgs"),
        fields=(
            Field("sdgs", Kind.MULTIPLE_CHOICE),
            Field("sdg_explanation", Kind.TEXT),
        ),
        setup=_subsidies,
        valid=lambda ctx, n: {"action": "save", "sdgs": [SDG.objects.get(number=5).pk]},
        saved=_application_saved("sdg_explanation"),
        shown_at=_application_admin,
    ),
    FormCase(
        id="subsidies-step-budget",
        method="post",
        role=APPLICANT,
        url=_step_url("begroting"),
        fields=(
            Field("requested_amount", Kind.NUMBER),
            Field("income-0-description", Kind.TEXT, max_length=200),
            Field("income-0-amount", Kind.NUMBER),
            Field("expense-0-description", Kind.TEXT, max_length=200),
            Field("expense-0-amount", Kind.NUMBER),
            Field("income-TOTAL_FORMS", Kind.NUMBER, shows_errors=False),
            Field("expense-0-DELETE", Kind.BOOLEAN),
        ),
        setup=_subsidies,
        valid=_budget_valid,
        saved=_application_saved("requested_amount"),
        shown_at=_application_admin,
    ),
    FormCase(
        id="subsidies-step-attachments",
        method="post",
        role=APPLICANT,
        url=_step_url("bijlagen"),
        fields=(
            _subsidy_upload("file_other"),
            Field("other_description", Kind.TEXT, max_length=200),
        ),
        setup=_subsidies,
        valid=lambda ctx, n: {"action": "save"},
        saved=_application_saved(),
        shown_at=_application_admin,
    ),
    FormCase(
        id="subsidies-step-attachments-required",
        method="post",
        role=APPLICANT,
        url=_step_url("bijlagen"),
        fields=(_subsidy_upload(f"file_{REQUIREMENT_PK}"),),
        setup=_subsidies,
        valid=lambda ctx, n: {"action": "save"},
        saved=_application_saved(),
    ),
    FormCase(
        id="subsidies-step-declarations",
        method="post",
        role=APPLICANT,
        url=_step_url("verklaringen"),
        fields=(
            Field("declares_truthful", Kind.BOOLEAN),
            Field("declares_no_double_funding", Kind.BOOLEAN),
            Field("conflict", Kind.CHOICE),
            Field("conflict_of_interest_details", Kind.TEXT),
        ),
        setup=_subsidies,
        valid=lambda ctx, n: {"action": "save", "conflict": "no"},
        saved=_application_saved("conflict_of_interest_details"),
        shown_at=_application_admin,
    ),
    FormCase(
        id="subsidies-message",
        method="post",
        role=APPLICANT,
        url=lambda ctx: reverse("subsidies:message_create", args=[ctx["draft"].pk]),
        fields=(Field("body", Kind.TEXT), _subsidy_upload("attachment")),
        setup=_submitted,
        valid=lambda ctx, n: {"body": f"Een vraag ({n})."},
        saved=_application_saved(),
        shown_at=_application_admin,
    ),
    FormCase(
        id="subsidies-withdraw",
        method="post",
        role=APPLICANT,
        url=lambda ctx: reverse(
            "subsidies:application_withdraw", args=[ctx["draft"].pk]
        ),
        fields=(Field("reason", Kind.TEXT),),
        setup=_submitted,
        valid=lambda ctx, n: {"reason": "Het project gaat niet door."},
        saved=_application_saved("status"),
    ),
    FormCase(
        id="subsidies-final-report",
        method="post",
        role=APPLICANT,
        url=lambda ctx: reverse("subsidies:application_report", args=[ctx["draft"].pk]),
        fields=(
            Field("report_narrative", Kind.TEXT),
            _subsidy_upload("proof"),
            Field("proof_description", Kind.TEXT, max_length=200),
            Field(f"actual_{BUDGET_LINE_PK}", Kind.NUMBER),
        ),
        setup=_report_stage,
        valid=lambda ctx, n: {
            "action": "save",
            "report_narrative": "De radio zendt elke dag uit.",
        },
        saved=_application_saved("report_narrative"),
        shown_at=_application_admin,
    ),
]
FORMS += SUBSIDY_FORMS
