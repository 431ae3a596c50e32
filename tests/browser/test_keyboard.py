"""Every form of the portal completed with the keyboard alone.

For each form a visitor, an association or a council member fills in (the
checklist is `tests/security/public_forms.py`), a real browser tabs from the top
of the page through the whole form (every control reached, in reading order,
each with a visible focus indicator), types, ticks and chooses with keys only,
and submits with Enter or Space on the button. Forms with required fields are
first sent incomplete: the error summary must take the focus, its first link
(Enter) must move the focus to the field, and what was typed must still be there.
"""

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from learning_tracks.tokens import Purpose
from tests.browser.conftest import goto
from tests.browser.keyboard import (
    Check,
    Choose,
    Date,
    Type,
    Untick,
    Upload,
    assert_kept,
    follow_error_summary,
    submit_form,
    walk_form,
)
from tests.conftest import deliver_mail
from tests.security import public_forms
from tests.security.public_forms import PASSWORD
from tests.security.roles import ANONYMOUS, APPLICANT, MEMBER, SERVICE, make_user
from tests.subsidies.factories import PDF_BYTES


@dataclass(frozen=True)
class Mistake:
    """An incomplete submission: what is typed first, and the field the error
    summary's first link must lead to."""

    values: dict
    first_error: str


@dataclass(frozen=True)
class KeyboardCase:
    id: str
    setup: Callable[[], dict]  # ctx; ctx["user"] is logged in when present
    url: Callable[[dict], str]
    submit: str  # the submit button's text
    outcome: Callable  # (page, ctx): what a user sees after a good submission
    # field name -> Type/Choose/Check/Date/Upload (none: a one-button form)
    values: Callable[[dict], dict] = lambda ctx: {}
    mistake: Mistake | None = None
    key: str = "Enter"  # pressed on the submit button
    # Runs in the browser before the form's page is opened (after the log-in).
    prepare: Callable | None = None
    # public_forms.FORMS ids this case proves (the checklist).
    covers: tuple[str, ...] = field(default=())

    def __str__(self):
        return self.id


def log_in(page, user):
    """The session of `user` in the browser (logging in is a case of its own)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": page.base_url,
            }
        ]
    )


# Partnerships, council, learning tracks: the public's forms ------------------------


def _partnerships():
    from herentq.models import SDG
    from tests.factories import LocalAuthorityFactory
    from tests.partnerships.factories import (
        ActionDomainFactory,
        AgreementFactory,
        PartnerPlaceFactory,
        PartnershipFactory,
    )

    herent = LocalAuthorityFactory(name="Herent", slug="herent")
    education = ActionDomainFactory(name="Onderwijs", slug="onderwijs")
    for title, country, sdg in [
        ("Herent – Nimlaha'kok", "GT", 4),
        ("Herent – Tanger", "MA", 5),
    ]:
        partnership = PartnershipFactory(
            title=title,
            local_authority=herent,
            sdgs=SDG.objects.filter(number=sdg),
            domains=[education],
        )
        PartnerPlaceFactory(partnership=partnership, country=country)
        AgreementFactory(partnership=partnership)
    return {}


PARTNERSHIP_FILTERS = {
    "zoek": Type("Nimlaha"),
    "bestuur": Choose("Herent"),
    "land": Choose("Guatemala"),
    "werelddeel": Choose("Amerika"),
    "sdg": Choose("SDG 4: Kwaliteitsonderwijs"),
    "domein": Choose("Onderwijs"),
    "overeenkomst": Choose("jumelage"),
    "status": Choose("actief"),
}


def _one_partnership_found(page, ctx):
    expect(page.locator("#results-title")).to_have_text("1 partnerschap gevonden")
    expect(page.get_by_role("link", name="Herent – Nimlaha'kok")).to_be_visible()
    query = parse_qs(urlsplit(page.url).query)
    assert query == {
        "zoek": ["Nimlaha"],
        "bestuur": ["herent"],
        "land": ["GT"],
        "werelddeel": ["americas"],
        "sdg": ["4"],
        "domein": ["onderwijs"],
        "overeenkomst": ["jumelage"],
        "status": ["active"],
    }


def _one_place_on_the_map(page, ctx):
    expect(page.get_by_text("1 partnerplaats op de kaart.")).to_be_visible()
    assert "land=GT" in page.url


def _advice():
    from tests.council.factories import AdviceFactory, CouncilFactory

    council = CouncilFactory()
    AdviceFactory(
        agenda_item__meeting__council=council,
        subject_text="Gemeenschapsradio in Nimlaha'kok",
        text="De raad steunt de radio van de gemeenschap.",
    )
    AdviceFactory(
        agenda_item__meeting__council=council,
        subject_text="Naaiatelier in Tanger",
        outcome="negative",
    )
    return {"council": council}


def _radio_found(page, ctx):
    expect(page.get_by_role("status")).to_have_text("1 resultaat voor “radio”.")
    expect(
        page.get_by_role("link", name="Gemeenschapsradio in Nimlaha'kok")
    ).to_be_visible()


def _advice_filtered(page, ctx):
    table = page.get_by_role("table")
    expect(table.locator("caption")).to_have_text("1 advies")
    expect(
        table.get_by_role("link", name="Gemeenschapsradio in Nimlaha'kok")
    ).to_be_visible()


def _tracks():
    from learning_tracks.constants import TrackStatus
    from tests.learning_tracks.factories import TrackFactory

    TrackFactory(title="Participatie", status=TrackStatus.ENROLMENT_OPEN)
    TrackFactory(title="Transversaal werken", status=TrackStatus.ANNOUNCED)
    return {}


def _announced_only(page, ctx):
    expect(page.get_by_role("link", name="Transversaal werken")).to_be_visible()
    expect(page.get_by_role("link", name="Participatie", exact=True)).to_have_count(0)


def _open_track():
    from tests.learning_tracks.factories import TrackFactory

    return {"track": TrackFactory(title="Participatie in de praktijk", capacity=5)}


def _announced_track():
    from learning_tracks.constants import TrackStatus
    from tests.learning_tracks.factories import TrackFactory

    return {
        "track": TrackFactory(title="Transversaal werken", status=TrackStatus.ANNOUNCED)
    }


def _themes():
    from tests.learning_tracks.factories import ThemeFactory

    ThemeFactory(name="Klimaat")
    ThemeFactory(name="Participatie")
    return {}


def _mailbox(page, ctx):
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in uw mailbox")


# Council members ---------------------------------------------------------------------


def _circulated_minutes():
    from council import services
    from tests.council.factories import (
        AgendaItemFactory,
        CouncilFactory,
        MeetingFactory,
    )

    meeting = MeetingFactory(council=CouncilFactory(), held=True)
    AgendaItemFactory(meeting=meeting, title="Verslag vorige vergadering")
    AgendaItemFactory(meeting=meeting, title="Gemeenschapsradio Cobán")
    minutes = services.minutes_create(meeting=meeting)
    services.minutes_circulate(minutes=minutes, notify=False)
    return {"meeting": meeting, "minutes": minutes, "user": make_user(MEMBER)}


def _comment_saved(page, ctx):
    expect(page.get_by_text("Uw opmerking is toegevoegd.")).to_be_visible()
    comment = ctx["minutes"].comments.get()
    assert comment.text == "Graag de naam van de school vermelden."
    assert comment.agenda_item.title == "Gemeenschapsradio Cobán"
    assert comment.author == ctx["user"]


# Accounts ---------------------------------------------------------------------------

NEW_PASSWORD = "Nimlahakok-2026!"


def _account():
    return {"account": make_user(APPLICANT, email="an.peeters@example.be")}


def _logged_in(page, ctx):
    expect(page.get_by_text("Aangemeld als")).to_be_visible()


def _signed_up(page, ctx):
    from allauth.account.models import EmailAddress

    page.wait_for_url("**/accounts/confirm-email/")
    address = EmailAddress.objects.get(email="lies.vermeulen@example.be")
    assert not address.verified


def _reset_mailed(page, ctx):
    page.wait_for_url("**/accounts/password/reset/done/")
    outbox = deliver_mail()
    assert [m.to for m in outbox] == [["an.peeters@example.be"]]


def _reset_link(ctx):
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    user = ctx["account"]
    return reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )


def _password_changed(page, ctx):
    page.wait_for_url("**/accounts/password/reset/key/done/")
    ctx["account"].refresh_from_db()
    assert ctx["account"].check_password(NEW_PASSWORD)


def _staff_with_authenticator():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = make_user(APPLICANT, email="medewerker@herent.be")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return {"account": user, "secret": secret}


def _password_given(page, ctx):
    """The password is right: the code is asked next (by keyboard too)."""
    goto(page, reverse("account_login"))
    walk_form(
        page,
        submit="Aanmelden",
        values={"login": Type(ctx["account"].email), "password": Type(PASSWORD)},
    )
    submit_form(page)
    page.wait_for_url(f"**{reverse('mfa_authenticate')}")


def _current_code(ctx):
    """The authenticator's code, valid for long enough to be typed and sent (a
    code is valid for one period only: TOTP_TOLERANCE is 0)."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < 10:
        time.sleep(left + 0.1)
    counter = int(time.time()) // period
    return format_hotp_value(hotp_value(ctx["secret"], counter))


# Subsidies: the association's forms --------------------------------------------------


def _draft():
    ctx = public_forms._subsidies(None)
    return ctx


def _two_organisations():
    from tests.subsidies.factories import OrganisationFactory

    ctx = public_forms._subsidies(None)
    OrganisationFactory(name="Jongeren voor Cobán vzw", members=[ctx["user"]])
    return ctx


def _submitted():
    return public_forms._submitted(None)


def _report_stage():
    return public_forms._report_stage(None)


def _step(step):
    return lambda ctx: reverse(
        "subsidies:application_step", args=[ctx["draft"].pk, step]
    )


def _on_step(label):
    def outcome(page, ctx):
        expect(page.get_by_role("heading", level=1)).to_have_text(label)

    return outcome


def _saved(**expected):
    """The draft holds these values (after the step's outcome on screen)."""

    def check(page, ctx):
        ctx["draft"].refresh_from_db()
        for name, value in expected.items():
            assert str(getattr(ctx["draft"], name)) == value, name

    return check


def _then(*checks):
    def outcome(page, ctx):
        for check in checks:
            check(page, ctx)

    return outcome


def _organisation_created(page, ctx):
    from subsidies.models import Organisation

    expect(page.get_by_role("heading", level=1)).to_have_text("Wereldwinkel Herent")
    expect(page.get_by_text("Wereldwinkel Herent is aangemaakt.")).to_be_visible()
    organisation = Organisation.objects.get(name="Wereldwinkel Herent")
    assert organisation.legal_form == "feitelijk"
    assert organisation.members.filter(pk=ctx["user"].pk).exists()


def _organisation_updated(page, ctx):
    expect(page.get_by_text("De gegevens zijn bewaard.")).to_be_visible()
    ctx["organisation"].refresh_from_db()
    assert ctx["organisation"].contact_name == "Lies Vermeulen"


def _invited(page, ctx):
    expect(
        page.get_by_text("We stuurden een uitnodiging naar collega@example.be.")
    ).to_be_visible()
    assert ctx["organisation"].invitations.filter(email="collega@example.be").exists()


def _application_started(page, ctx):
    from subsidies.models import Application

    expect(page.get_by_text("Uw aanvraag is aangemaakt.", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisatie")
    assert Application.objects.filter(
        organisation__name="Jongeren voor Cobán vzw"
    ).exists()


def _message_sent(page, ctx):
    expect(page.get_by_text("Uw bericht is verstuurd naar de dienst.")).to_be_visible()
    thread = page.get_by_role("region", name="Berichten")
    expect(thread).to_contain_text("Wanneer mogen we de verantwoording sturen?")
    expect(thread.get_by_role("link", name="vraag.pdf")).to_be_visible()


def _withdrawn(page, ctx):
    expect(page.get_by_text("Uw aanvraag is ingetrokken.")).to_be_visible()
    ctx["draft"].refresh_from_db()
    assert ctx["draft"].status == "withdrawn"


def _report_submitted(page, ctx):
    expect(page.get_by_text("Bewijsstuk bewaard: factuur.pdf.")).to_be_visible()
    expect(
        page.get_by_text("Uw verantwoording is ingediend.", exact=False)
    ).to_be_visible()
    ctx["draft"].refresh_from_db()
    assert ctx["draft"].status == "report_submitted"
    assert ctx["draft"].report_narrative == "De radio zendt elke dag uit."


def _sdgs_saved(page, ctx):
    numbers = sorted(ctx["draft"].sdgs.values_list("number", flat=True))
    assert numbers == [4, 5]


def _attachments_saved(page, ctx):
    names = sorted(ctx["draft"].attachments.values_list("original_name", flat=True))
    assert names == ["brief-partner.pdf", "brief-partner.pdf", "statuten.pdf"]
    other = ctx["draft"].attachments.get(description="Brief van de partner")
    assert other.requirement is None


def _undeclared_draft():
    ctx = public_forms._subsidies(None)
    draft = ctx["draft"]
    draft.declares_truthful = draft.declares_no_double_funding = False
    draft.has_conflict_of_interest = None
    draft.save()
    return ctx


def _declared(page, ctx):
    page.wait_for_url("**/overzicht/")
    ctx["draft"].refresh_from_db()
    assert ctx["draft"].declares_truthful
    assert ctx["draft"].declares_no_double_funding
    assert ctx["draft"].has_conflict_of_interest is True


def _receipt(page, ctx):
    expect(page.get_by_role("heading", name="Ontvangstbewijs")).to_be_visible()
    ctx["draft"].refresh_from_db()
    assert ctx["draft"].status == "submitted"


def _actual_amounts(ctx):
    lines = ctx["draft"].budget_lines.order_by("pk")
    return {f"actual_{line.pk}": Type(f"{line.amount:.0f}") for line in lines}


def _information_requested():
    from subsidies import services

    ctx = public_forms._submitted(None)
    actor = make_user(SERVICE)
    application = services.application_start_screening(
        application=ctx["draft"], actor=actor
    )
    services.application_request_information(
        application=application,
        actor=actor,
        question="Kunt u de begroting aanvullen?",
        steps=["begroting"],
    )
    return ctx


def _resubmitted(page, ctx):
    expect(page.get_by_text("Uw aanvulling is ingediend.", exact=False)).to_be_visible()
    ctx["draft"].refresh_from_db()
    assert ctx["draft"].status != "info_requested"


# Confirmations: forms of one button ---------------------------------------------------


def _signed(name, purpose, value):
    from learning_tracks import tokens

    return reverse(f"learning_tracks:{name}", args=[tokens.make(purpose, value)])


def _pending_enrolment():
    from tests.learning_tracks.factories import EnrolmentFactory

    ctx = _open_track()
    ctx["enrolment"] = EnrolmentFactory(track=ctx["track"], email="an@example.be")
    return ctx


def _confirmed_enrolment():
    from tests.learning_tracks.helpers import enrol

    ctx = _open_track()
    ctx["enrolment"] = enrol(ctx["track"], email="an@example.be")
    return ctx


def _offered_seat():
    from learning_tracks import services
    from tests.learning_tracks.factories import TrackFactory
    from tests.learning_tracks.helpers import enrol

    track = TrackFactory(title="Wereldburgerschap", capacity=1)
    seated = enrol(track, email="zit@example.be")
    waiting = enrol(track, email="wacht@example.be")
    services.enrolment_cancel(enrolment=seated)
    waiting.refresh_from_db()
    assert waiting.status == "offered"
    return {"track": track, "enrolment": waiting}


def _enrolment_status(status, heading):
    def outcome(page, ctx):
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        ctx["enrolment"].refresh_from_db()
        assert ctx["enrolment"].status == status

    return outcome


def _theme_pk(name):
    from learning_tracks.models import Theme

    return Theme.objects.get(name=name).pk


def _reader():
    from learning_tracks.models import NewsletterSubscriber

    _themes()
    return {"reader": NewsletterSubscriber.objects.create(email="lezer@example.be")}


def _themes_saved(page, ctx):
    expect(page.get_by_role("status")).to_have_text("Uw thema's zijn bewaard.")
    assert [t.name for t in ctx["reader"].themes.all()] == ["Participatie"]


def _site_search_answered(page, ctx):
    expect(page.get_by_role("status")).to_contain_text("voor “radio”")


def _interest_listed(page, ctx):
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "U staat op de interesselijst"
    )
    assert ctx["track"].interests.filter(email="x@example.be").exists()


def _subscribed(page, ctx):
    from learning_tracks.models import NewsletterSubscriber

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "U bent ingeschreven voor de nieuwsbrief"
    )
    reader = NewsletterSubscriber.objects.get(email="x@example.be")
    assert [t.name for t in reader.themes.all()] == ["Klimaat"]


def _unsubscribed(page, ctx):
    from learning_tracks.models import NewsletterSubscriber

    expect(page.get_by_role("heading", level=1)).to_have_text("U bent uitgeschreven")
    assert not NewsletterSubscriber.objects.filter(pk=ctx["reader"].pk).exists()


def _unconfirmed_address():
    from allauth.account.models import EmailAddress

    from tests.factories import UserFactory

    user = UserFactory(email="nieuw@example.be")
    address = EmailAddress.objects.create(
        user=user, email=user.email, verified=False, primary=True
    )
    return {"address": address}


def _confirmation_link(ctx):
    from allauth.account.models import EmailConfirmationHMAC

    key = EmailConfirmationHMAC(ctx["address"]).key
    return reverse("account_confirm_email", args=[key])


def _address_confirmed(page, ctx):
    page.wait_for_url(lambda url: "/confirm-email/" not in url)
    ctx["address"].refresh_from_db()
    assert ctx["address"].verified


def _logged_out(page, ctx):
    expect(page.get_by_role("link", name="Aanmelden")).to_be_visible()
    expect(page.get_by_text("Aangemeld als")).to_have_count(0)


def _invited_colleague():
    from subsidies import services
    from tests.subsidies.factories import verified_user

    ctx = public_forms._subsidies(None)
    colleague = verified_user(email="collega@example.be")
    ctx["invitation"] = services.invitation_create(
        organisation=ctx["organisation"], invited_by=ctx["user"], email=colleague.email
    )
    ctx["user"] = colleague
    return ctx


def _joined(page, ctx):
    expect(
        page.get_by_text(f"U bent nu lid van {ctx['organisation'].name}.")
    ).to_be_visible()
    assert ctx["organisation"].members.filter(pk=ctx["user"].pk).exists()


def _draft_deleted(page, ctx):
    from subsidies.models import Application

    expect(page.get_by_text("Het concept is verwijderd.")).to_be_visible()
    assert not Application.objects.filter(pk=ctx["draft"].pk).exists()


def _attachment_deleted(page, ctx):
    expect(page.get_by_text("statuten.pdf is verwijderd.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bijlagen")
    assert not ctx["draft"].attachments.filter(pk=ctx["kept"].pk).exists()


def _found_from_the_council_page(page, ctx):
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Zoeken in verslagen en adviezen"
    )
    _radio_found(page, ctx)


START = dt.date.today() + dt.timedelta(days=90)
END = START + dt.timedelta(days=180)
PDF = Upload("brief-partner.pdf", "application/pdf", PDF_BYTES)
NOT_A_PDF = Upload("statuten.pdf", "application/pdf", b"MZ nope")
ACTUAL = f"actual_{public_forms.BUDGET_LINE_PK}"  # the report's line "Vorming"

ORGANISATION = {
    "name": Type("Wereldwinkel Herent"),
    "legal_form": Choose("feitelijke vereniging"),
    "website": Type("https://wereldwinkel.be"),
    "street": Type("Wijgmaalsesteenweg 12"),
    "postcode": Type("3020"),
    "city": Type("Herent"),
    "iban": Type("BE71 0961 2345 6769"),
    "contact_name": Type("An Peeters"),
    "contact_email": Type("an@wereldwinkel.be"),
    "contact_phone": Type("016 12 34 56"),
}


CASES = [
    KeyboardCase(
        id="partnership-list",
        covers=("partnership-list",),
        setup=_partnerships,
        url=lambda ctx: reverse("partnerships:list"),
        submit="Toon resultaten",
        values=lambda ctx: PARTNERSHIP_FILTERS,
        outcome=_one_partnership_found,
    ),
    KeyboardCase(
        id="partnership-map",
        covers=("partnership-map",),
        setup=_partnerships,
        url=lambda ctx: reverse("partnerships:map"),
        submit="Toon resultaten",
        values=lambda ctx: {"land": Choose("Guatemala")},
        outcome=_one_place_on_the_map,
        key="Space",
    ),
    KeyboardCase(
        id="council-search",
        covers=("council-search",),
        setup=_advice,
        url=lambda ctx: reverse("council:search"),
        submit="Zoeken",
        values=lambda ctx: {"q": Type("radio")},
        outcome=_radio_found,
    ),
    KeyboardCase(
        id="council-advice-register",
        covers=("council-advice-register",),
        setup=_advice,
        url=lambda ctx: reverse("council:advice_list"),
        submit="Filteren",
        values=lambda ctx: {
            "q": Type("radio"),
            "outcome": Choose("positief"),
            "followup_status": Choose("nog niet beslist"),
        },
        # Not required, but a year out of reach is refused in the summary.
        mistake=Mistake(
            values={"q": Type("radio"), "year": Type("3000")}, first_error="year"
        ),
        outcome=_advice_filtered,
    ),
    KeyboardCase(
        id="learning-track-list",
        covers=("learning-track-list",),
        setup=_tracks,
        url=lambda ctx: reverse("learning_tracks:list"),
        submit="Toon",
        values=lambda ctx: {"status": Choose("Aangekondigd")},
        outcome=_announced_only,
    ),
    KeyboardCase(
        id="learning-track-enrolment",
        covers=("learning-track-enrolment",),
        setup=_open_track,
        url=lambda ctx: reverse("learning_tracks:enrol", args=[ctx["track"].slug]),
        submit="Inschrijven",
        values=lambda ctx: {
            "name": Type("An Peeters"),
            "email": Type("an.peeters@example.be"),
            "organisation": Type("Gemeente Herent"),
            "role": Choose("Schepen"),
            "needs": Type("Vegetarisch"),
            "consent": Check(),
        },
        mistake=Mistake(
            values={"email": Type("an.peeters@example.be"), "needs": Type("Tolk")},
            first_error="name",
        ),
        outcome=_mailbox,
    ),
    KeyboardCase(
        id="learning-track-interest",
        covers=("learning-track-interest",),
        setup=_announced_track,
        url=lambda ctx: ctx["track"].get_absolute_url(),
        submit="Zet mij op de lijst",
        values=lambda ctx: {"email": Type("geinteresseerd@example.be")},
        mistake=Mistake(values={}, first_error="email"),
        outcome=_mailbox,
    ),
    KeyboardCase(
        id="newsletter-subscription",
        covers=("newsletter-subscription",),
        setup=_themes,
        url=lambda ctx: reverse("learning_tracks:newsletter"),
        submit="Inschrijven",
        values=lambda ctx: {
            "email": Type("lezer@example.be"),
            "themes": Check("Participatie"),
            "consent": Check(),
        },
        mistake=Mistake(
            values={"email": Type("lezer@example.be"), "consent": Check()},
            first_error="themes",
        ),
        outcome=_mailbox,
        key="Space",
    ),
    KeyboardCase(
        id="council-member-comment",
        covers=("council-member-comment",),
        setup=_circulated_minutes,
        url=lambda ctx: reverse("council:members_minutes", args=[ctx["meeting"].pk]),
        submit="Opmerking plaatsen",
        values=lambda ctx: {
            "agenda_item": Choose("2. Gemeenschapsradio Cobán"),
            "text": Type("Graag de naam van de school vermelden."),
        },
        mistake=Mistake(
            values={"agenda_item": Choose("2. Gemeenschapsradio Cobán")},
            first_error="text",
        ),
        outcome=_comment_saved,
        key="Space",
    ),
    KeyboardCase(
        id="account-login",
        covers=("account-login",),
        setup=_account,
        url=lambda ctx: reverse("account_login"),
        submit="Aanmelden",
        values=lambda ctx: {
            "login": Type("an.peeters@example.be"),
            "password": Type(PASSWORD),
            "remember": Check(),
        },
        mistake=Mistake(
            values={"login": Type("an.peeters@example.be")}, first_error="password"
        ),
        outcome=_logged_in,
    ),
    KeyboardCase(
        id="account-signup",
        covers=("account-signup",),
        setup=_account,
        url=lambda ctx: reverse("account_signup"),
        submit="Account aanmaken",
        values=lambda ctx: {
            "email": Type("lies.vermeulen@example.be"),
            "password1": Type(NEW_PASSWORD),
            "password2": Type(NEW_PASSWORD),
        },
        mistake=Mistake(
            values={"email": Type("lies.vermeulen@example.be")},
            first_error="password1",
        ),
        outcome=_signed_up,
    ),
    KeyboardCase(
        id="account-password-reset",
        covers=("account-password-reset",),
        setup=_account,
        url=lambda ctx: reverse("account_reset_password"),
        submit="Herstel mijn wachtwoord",
        values=lambda ctx: {"email": Type("an.peeters@example.be")},
        mistake=Mistake(values={}, first_error="email"),
        outcome=_reset_mailed,
    ),
    KeyboardCase(
        id="account-password-reset-from-key",
        setup=_account,
        url=_reset_link,
        submit="Wachtwoord wijzigen",
        values=lambda ctx: {
            "password1": Type(NEW_PASSWORD),
            "password2": Type(NEW_PASSWORD),
        },
        # Nothing typed first: a password is never sent back to the browser.
        mistake=Mistake(values={}, first_error="password1"),
        outcome=_password_changed,
    ),
    KeyboardCase(
        id="two-factor-code",
        covers=("two-factor-code",),
        setup=_staff_with_authenticator,
        prepare=_password_given,
        url=lambda ctx: reverse("mfa_authenticate"),
        submit="Aanmelden",
        values=lambda ctx: {"code": Type(_current_code(ctx))},
        mistake=Mistake(values={}, first_error="code"),
        outcome=_logged_in,
    ),
    KeyboardCase(
        id="subsidies-organisation-create",
        covers=("subsidies-organisation-create",),
        setup=_draft,
        url=lambda ctx: reverse("subsidies:organisation_create"),
        submit="Organisatie aanmaken",
        values=lambda ctx: ORGANISATION,
        mistake=Mistake(
            values={
                "legal_form": Choose("feitelijke vereniging"),
                "street": Type("Wijgmaalsesteenweg 12"),
                "contact_phone": Type("016 12 34 56"),
            },
            first_error="name",
        ),
        outcome=_organisation_created,
    ),
    KeyboardCase(
        id="subsidies-organisation-update",
        covers=("subsidies-organisation-update",),
        setup=_draft,
        url=lambda ctx: reverse(
            "subsidies:organisation_update", args=[ctx["organisation"].pk]
        ),
        submit="Bewaren",
        values=lambda ctx: {"contact_name": Type("Lies Vermeulen")},
        mistake=Mistake(
            values={"name": Type(""), "contact_name": Type("Lies Vermeulen")},
            first_error="name",
        ),
        outcome=_organisation_updated,
        key="Space",
    ),
    KeyboardCase(
        id="subsidies-invite-colleague",
        covers=("subsidies-invite-colleague",),
        setup=_draft,
        url=lambda ctx: reverse(
            "subsidies:organisation_detail", args=[ctx["organisation"].pk]
        ),
        submit="Uitnodiging versturen",
        values=lambda ctx: {"email": Type("collega@example.be")},
        mistake=Mistake(values={}, first_error="email"),
        outcome=_invited,
    ),
    KeyboardCase(
        id="subsidies-application-start",
        covers=("subsidies-application-start",),
        setup=_two_organisations,
        url=lambda ctx: reverse("subsidies:application_start", args=[ctx["call"].pk]),
        submit="Aanvraag starten",
        values=lambda ctx: {"organisation": Choose("Jongeren voor Cobán vzw")},
        mistake=Mistake(values={}, first_error="organisation"),
        outcome=_application_started,
    ),
    KeyboardCase(
        id="subsidies-step-organisation",
        covers=("subsidies-step-organisation",),
        setup=_draft,
        url=_step("organisatie"),
        submit="Opslaan en volgende",
        values=lambda ctx: {
            "contact_name": Type("Lies Vermeulen"),
            "contact_email": Type("lies@aanvrager.be"),
            "contact_phone": Type("016 12 34 56"),
        },
        mistake=Mistake(
            values={"contact_name": Type(""), "contact_phone": Type("016 12 34 56")},
            first_error="contact_name",
        ),
        outcome=_then(_on_step("Project"), _saved(contact_name="Lies Vermeulen")),
    ),
    KeyboardCase(
        id="subsidies-step-project",
        covers=("subsidies-step-project",),
        setup=_draft,
        url=_step("project"),
        submit="Opslaan en volgende",
        values=lambda ctx: {
            "title": Type("Radioworkshops voor jongeren in Cobán"),
            "summary": Type("Jongeren leren radio maken."),
            "description": Type("Tien workshops met de gemeenschapsradio."),
            "objectives": Type("Jongeren een stem geven."),
            "target_group": Type("Jongeren van 14 tot 20 jaar."),
            "start_date": Date(START),
            "end_date": Date(END),
        },
        mistake=Mistake(
            values={
                "title": Type(""),
                "summary": Type("Jongeren leren radio maken."),
                "start_date": Date(START),
            },
            first_error="title",
        ),
        outcome=_then(
            _on_step("Partner en land"),
            _saved(
                title="Radioworkshops voor jongeren in Cobán",
                start_date=START.isoformat(),
                end_date=END.isoformat(),
            ),
        ),
    ),
    KeyboardCase(
        id="subsidies-step-partner",
        covers=("subsidies-step-partner",),
        setup=_draft,
        url=_step("partner"),
        submit="Opslaan en volgende",
        values=lambda ctx: {
            "partner_name": Type("Radio comunitaria Nimlaha'kok"),
            "partner_description": Type("Een radio van en voor de gemeenschap."),
            "country": Choose("Peru"),
            "region": Type("Cusco"),
        },
        mistake=Mistake(
            values={"partner_name": Type(""), "region": Type("Cusco")},
            first_error="partner_name",
        ),
        outcome=_then(_on_step("SDG's"), _saved(country="PE", region="Cusco")),
    ),
    KeyboardCase(
        id="subsidies-step-sdgs",
        covers=("subsidies-step-sdgs",),
        setup=_draft,
        url=_step("sdgs"),
        submit="Opslaan en volgende",
        values=lambda ctx: {
            "sdgs": Check("4. Kwaliteitsonderwijs", "5. Gendergelijkheid"),
            "sdg_explanation": Type("Meisjes en jongens leren samen radio maken."),
        },
        mistake=Mistake(
            values={
                "sdgs": Untick(),
                "sdg_explanation": Type("Meisjes en jongens leren radio maken."),
            },
            first_error="sdgs",
        ),
        outcome=_then(_on_step("Begroting"), _sdgs_saved),
    ),
    KeyboardCase(
        id="subsidies-step-budget",
        covers=("subsidies-step-budget",),
        setup=_draft,
        url=_step("begroting"),
        submit="Opslaan en volgende",
        values=lambda ctx: {
            "income-0-description": Type("Eigen inbreng en giften"),
            "income-0-amount": Type("1.500"),
            "expense-0-description": Type("Zender, antenne en vorming"),
            "expense-0-amount": Type("3.000"),
            "requested_amount": Type("1500"),
        },
        mistake=Mistake(
            values={
                "expense-0-description": Type("Zender, antenne en vorming"),
                "requested_amount": Type(""),
            },
            first_error="requested_amount",
        ),
        outcome=_then(_on_step("Bijlagen"), _saved(requested_amount="1500.00")),
    ),
    KeyboardCase(
        id="subsidies-step-attachments",
        covers=(
            "subsidies-step-attachments",
            "subsidies-step-attachments-required",
        ),
        setup=_draft,
        url=_step("bijlagen"),
        submit="Opslaan en volgende",
        values=lambda ctx: {
            f"file_{public_forms.REQUIREMENT_PK}": PDF,
            "file_other": PDF,
            "other_description": Type("Brief van de partner"),
        },
        # A file that is not what it says is refused at its field.
        mistake=Mistake(
            values={
                f"file_{public_forms.REQUIREMENT_PK}": NOT_A_PDF,
                "other_description": Type("Brief van de partner"),
            },
            first_error=f"file_{public_forms.REQUIREMENT_PK}",
        ),
        outcome=_then(_on_step("Verklaringen"), _attachments_saved),
    ),
    KeyboardCase(
        id="subsidies-step-declarations",
        covers=("subsidies-step-declarations",),
        setup=_undeclared_draft,
        url=_step("verklaringen"),
        submit="Opslaan en naar het overzicht",
        values=lambda ctx: {
            "declares_truthful": Check(),
            "declares_no_double_funding": Check(),
            "conflict": Choose("Ja"),
            "conflict_of_interest_details": Type(
                "De voorzitter is de broer van een schepen."
            ),
        },
        mistake=Mistake(
            values={
                "declares_no_double_funding": Check(),
                "conflict": Choose("Nee"),
            },
            first_error="declares_truthful",
        ),
        outcome=_declared,
    ),
    KeyboardCase(
        id="subsidies-submit",
        setup=_draft,
        url=lambda ctx: reverse(
            "subsidies:application_summary", args=[ctx["draft"].pk]
        ),
        submit="Aanvraag indienen",
        outcome=_receipt,
    ),
    KeyboardCase(
        id="subsidies-message",
        covers=("subsidies-message",),
        setup=_submitted,
        url=lambda ctx: ctx["draft"].get_absolute_url(),
        submit="Bericht versturen",
        values=lambda ctx: {
            "body": Type("Wanneer mogen we de verantwoording sturen?"),
            "attachment": Upload("vraag.pdf", "application/pdf", PDF_BYTES),
        },
        mistake=Mistake(values={}, first_error="body"),
        outcome=_message_sent,
    ),
    KeyboardCase(
        id="subsidies-withdraw",
        covers=("subsidies-withdraw",),
        setup=_submitted,
        url=lambda ctx: reverse(
            "subsidies:application_withdraw", args=[ctx["draft"].pk]
        ),
        submit="Aanvraag intrekken",
        values=lambda ctx: {"reason": Type("Het project gaat niet door.")},
        outcome=_withdrawn,
    ),
    KeyboardCase(
        id="subsidies-final-report",
        covers=("subsidies-final-report",),
        setup=_report_stage,
        url=lambda ctx: reverse("subsidies:application_report", args=[ctx["draft"].pk]),
        submit="Verantwoording indienen",
        values=lambda ctx: {
            **_actual_amounts(ctx),
            "report_narrative": Type("De radio zendt elke dag uit."),
            "proof": Upload("factuur.pdf", "application/pdf", PDF_BYTES),
            "proof_description": Type("Factuur van de zender"),
        },
        mistake=Mistake(
            values={ACTUAL: Type("150"), "proof_description": Type("Factuur")},
            first_error="report_narrative",
        ),
        outcome=_report_submitted,
    ),
    KeyboardCase(
        id="subsidies-resubmit",
        setup=_information_requested,
        url=lambda ctx: reverse(
            "subsidies:application_summary", args=[ctx["draft"].pk]
        ),
        submit="Aanvulling indienen",
        values=lambda ctx: {"answer": Type("De begroting is aangevuld.")},
        mistake=Mistake(values={}, first_error="answer"),
        outcome=_resubmitted,
    ),
    KeyboardCase(
        id="council-index-search",
        setup=_advice,
        url=lambda ctx: reverse("council:index"),
        submit="Zoeken",
        values=lambda ctx: {"q": Type("radio")},
        outcome=_found_from_the_council_page,
    ),
    KeyboardCase(
        id="learning-track-enrolment-confirm",
        setup=_pending_enrolment,
        url=lambda ctx: _signed(
            "enrolment_confirm",
            Purpose.ENROLMENT_CONFIRM,
            str(ctx["enrolment"].public_id),
        ),
        submit="Bevestig mijn inschrijving",
        outcome=_enrolment_status("confirmed", "Uw inschrijving is bevestigd"),
    ),
    KeyboardCase(
        id="learning-track-enrolment-cancel",
        setup=_confirmed_enrolment,
        url=lambda ctx: _signed(
            "enrolment_cancel",
            Purpose.ENROLMENT_CANCEL,
            str(ctx["enrolment"].public_id),
        ),
        submit="Ja, annuleer mijn inschrijving",
        outcome=_enrolment_status("cancelled", "Uw inschrijving is geannuleerd"),
        key="Space",
    ),
    KeyboardCase(
        id="learning-track-offer-accept",
        setup=_offered_seat,
        url=lambda ctx: _signed(
            "offer_accept", Purpose.OFFER, str(ctx["enrolment"].public_id)
        ),
        submit="Ik neem de plaats aan",
        outcome=_enrolment_status("confirmed", "U bent ingeschreven"),
    ),
    KeyboardCase(
        id="learning-track-interest-confirm",
        setup=_announced_track,
        url=lambda ctx: _signed(
            "interest_confirm",
            Purpose.INTEREST_CONFIRM,
            {"t": ctx["track"].pk, "e": "x@example.be"},
        ),
        submit="Bevestigen",
        outcome=_interest_listed,
    ),
    KeyboardCase(
        id=Purpose.NEWSLETTER_CONFIRM,
        setup=_reader,
        url=lambda ctx: _signed(
            "newsletter_confirm",
            Purpose.NEWSLETTER_CONFIRM,
            {"e": "x@example.be", "t": [_theme_pk("Klimaat")]},
        ),
        submit="Bevestigen",
        outcome=_subscribed,
    ),
    KeyboardCase(
        id=Purpose.NEWSLETTER_UNSUBSCRIBE,
        setup=_reader,
        url=lambda ctx: _signed(
            "newsletter_unsubscribe",
            Purpose.NEWSLETTER_UNSUBSCRIBE,
            str(ctx["reader"].public_id),
        ),
        submit="Ja, schrijf mij uit",
        outcome=_unsubscribed,
    ),
    KeyboardCase(
        id="newsletter-manage-themes",
        covers=("newsletter-manage-themes",),
        setup=_reader,
        url=lambda ctx: _signed(
            "newsletter_manage",
            Purpose.NEWSLETTER_MANAGE,
            str(ctx["reader"].public_id),
        ),
        submit="Bewaren",
        values=lambda ctx: {"themes": Check("Participatie")},
        outcome=_themes_saved,
    ),
    KeyboardCase(
        id="site-search",
        covers=("site-search",),
        setup=_advice,
        url=lambda ctx: reverse("search"),
        submit="Zoeken",
        values=lambda ctx: {"q": Type("radio")},
        outcome=_site_search_answered,
    ),
    KeyboardCase(
        id="account-email-confirm",
        setup=_unconfirmed_address,
        url=_confirmation_link,
        submit="Bevestigen",
        outcome=_address_confirmed,
    ),
    KeyboardCase(
        id="account-logout",
        setup=lambda: {"user": make_user(APPLICANT)},
        url=lambda ctx: reverse("home"),
        submit="Afmelden",
        outcome=_logged_out,
    ),
    KeyboardCase(
        id="subsidies-invitation-accept",
        setup=_invited_colleague,
        url=lambda ctx: reverse(
            "subsidies:invitation_accept", args=[ctx["invitation"].token]
        ),
        submit="Uitnodiging aanvaarden",
        outcome=_joined,
    ),
    KeyboardCase(
        id="subsidies-attachment-delete",
        setup=_draft,
        url=_step("bijlagen"),
        submit="Verwijderen statuten.pdf",
        outcome=_attachment_deleted,
    ),
    KeyboardCase(
        id="subsidies-application-delete",
        setup=_draft,
        url=lambda ctx: reverse("subsidies:application_delete", args=[ctx["draft"].pk]),
        submit="Concept verwijderen",
        outcome=_draft_deleted,
        key="Space",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_form_can_be_completed_with_the_keyboard_alone(page, case):
    ctx = case.setup()
    if ctx.get("user"):
        log_in(page, ctx["user"])
    if case.prepare:
        case.prepare(page, ctx)
    url = case.url(ctx)
    if case.mistake:
        goto(page, url)
        walk_form(page, submit=case.submit, values=case.mistake.values)
        submit_form(page, key=case.key)
        follow_error_summary(
            page, submit=case.submit, first_error=case.mistake.first_error
        )
        assert_kept(page, case.mistake.values)
    goto(page, url)
    walk_form(page, submit=case.submit, values=case.values(ctx))
    submit_form(page, key=case.key)
    case.outcome(page, ctx)


def test_a_refused_submission_links_to_the_field_on_its_step(page):
    """The summary page's error summary lists what is missing, each linked to the
    field on its step: Enter on the link opens the step with the focus there."""
    ctx = public_forms._subsidies(None)
    ctx["draft"].title = ""
    ctx["draft"].save()
    log_in(page, ctx["user"])
    goto(page, reverse("subsidies:application_summary", args=[ctx["draft"].pk]))
    walk_form(page, submit="Aanvraag indienen", values={})
    submit_form(page)
    follow_error_summary(page, submit="Aanvraag indienen", first_error="title")
    expect(page.get_by_role("heading", level=1)).to_have_text("Project")


def test_enter_in_a_budget_field_saves_and_goes_to_the_next_step(page):
    """Enter in a field sends the form with its first submit button: on the budget
    step that is "next", not the "add lines" button above the amount."""
    ctx = public_forms._subsidies(None)
    log_in(page, ctx["user"])
    goto(page, _step("begroting")(ctx))
    walk_form(
        page,
        submit="Opslaan en volgende",
        values={
            "income-0-description": Type("Eigen inbreng en giften"),
            "income-0-amount": Type("1.500"),
            "expense-0-description": Type("Zender, antenne en vorming"),
            "expense-0-amount": Type("3.000"),
            "requested_amount": Type("1500"),
        },
    )
    page.locator("#id_requested_amount").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bijlagen")
    ctx["draft"].refresh_from_db()
    assert ctx["draft"].requested_amount == 1500


# In the checklist but not forms anyone fills in: parameters of a link. (The
# checklist's staff forms, the back office, are left out by their role.)
NOT_FILLED_IN = {
    "newsletter-theme-parameter": "the newsletter form's ?thema= link parameter",
    "subsidies-register": "a page without a form that ignores parameters",
    "subsidies-scheme": "a page without a form that ignores parameters",
}


def test_every_form_of_the_security_checklist_has_a_keyboard_case():
    public = {
        form.id
        for form in public_forms.FORMS
        if form.role in (ANONYMOUS, APPLICANT, MEMBER)
    }
    covered = {form_id for case in CASES for form_id in case.covers}
    assert public - set(NOT_FILLED_IN) - covered == set()
    assert covered <= public, "a case covers a form the checklist does not have"
