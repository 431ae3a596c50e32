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
from tests.security.roles import ANONYMOUS, MEMBER, SERVICE, make_user

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
