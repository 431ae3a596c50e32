"""Subsidies in a real browser: every page and form (also in its error state) passes
axe-core, an association applies from account to receipt, and a civil servant takes
the file through screening, advice and decision."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from subsidies.models import Application, Call
from tests.browser.conftest import assert_accessible, goto
from tests.conftest import deliver_mail
from tests.subsidies.factories import PDF_BYTES

DEMO_APPLICANT = "an.peeters@example.be"
DEMO_PASSWORD = "herentq-aanvrager"
SCHEME = "projectsubsidie-4de-pijler"


def log_in(page, email, password):
    goto(page, "/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=False).first.fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def open_call():
    return Call.objects.open().get(scheme__slug=SCHEME)


PUBLIC_PAGES = [
    "/subsidies/",
    f"/subsidies/reglement/{SCHEME}/",
    "/subsidies/reglement/noodhulp/",
    "/subsidies/reglement/sensibiliseringsactiviteit-in-herent/",
    "/subsidies/register/",
    "/accounts/signup/",
    "/sdg/4/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_subsidy_pages_are_accessible(page, demo_data, path):
    response = goto(page, path)
    assert response.status == 200
    assert_accessible(page)


def test_account_forms_are_accessible_in_their_error_state(page, demo_data):
    goto(page, "/accounts/signup/")
    page.get_by_label("E-mailadres").fill("niet-geldig")
    page.get_by_role("button", name="Account aanmaken").click()
    page.wait_for_load_state()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)

    goto(page, "/accounts/login/")
    page.get_by_label("E-mailadres").fill(DEMO_APPLICANT)
    page.get_by_label("Wachtwoord", exact=False).first.fill("fout-wachtwoord")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)

    # Password reset: a wrong address, then the link from the mail with two
    # passwords that differ.
    goto(page, "/accounts/password/reset/")
    page.get_by_label("E-mailadres").fill("geen-adres")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("E-mailadres").fill(DEMO_APPLICANT)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/password/reset/done/")
    assert_accessible(page)
    mail.outbox.clear()
    link = re.search(
        r"https?://\S+/accounts/password/reset/key/\S+/", deliver_mail()[-1].body
    )
    page.goto(link.group(0))
    page.wait_for_load_state()
    page.locator("#id_password1").fill("Nieuw-wachtwoord-2026")
    page.locator("#id_password2").fill("Ander-wachtwoord-2026")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)


def test_applicant_pages_are_accessible_also_with_errors(page, demo_data):
    log_in(page, DEMO_APPLICANT, DEMO_PASSWORD)
    draft = Application.objects.get(
        organisation__contact_email=DEMO_APPLICANT, status="draft"
    )
    submitted = Application.objects.filter(
        organisation__contact_email=DEMO_APPLICANT, status="advance_paid"
    ).first()
    pages = [
        "/subsidies/mijn-dossiers/",
        reverse("subsidies:organisation_detail", args=[draft.organisation_id]),
        reverse("subsidies:organisation_update", args=[draft.organisation_id]),
        reverse("subsidies:organisation_applications", args=[draft.organisation_id]),
        reverse("subsidies:organisation_create"),
        reverse("subsidies:application_start", args=[open_call().pk]),
        *[
            reverse("subsidies:application_step", args=[draft.pk, step])
            for step in [
                "organisatie",
                "project",
                "partner",
                "sdgs",
                "begroting",
                "bijlagen",
                "verklaringen",
            ]
        ],
        reverse("subsidies:application_summary", args=[draft.pk]),
        draft.get_absolute_url(),
        submitted.get_absolute_url(),
        reverse("subsidies:application_receipt", args=[submitted.pk]),
        reverse("subsidies:application_report", args=[submitted.pk]),
    ]
    for path in pages:
        response = goto(page, path)
        assert response.status == 200, path
        assert_accessible(page)

    # Error states: the organisation form, a step, the budget rules, an upload.
    goto(page, reverse("subsidies:organisation_create"))
    page.get_by_label("Ondernemingsnummer").fill("0403.170.702")
    page.get_by_role("button", name="Organisatie aanmaken").click()
    expect(page.locator("[data-error-summary]")).to_contain_text(
        "Dit ondernemingsnummer klopt niet"
    )
    assert_accessible(page)

    goto(page, reverse("subsidies:application_step", args=[draft.pk, "project"]))
    page.get_by_label("Titel van het project").fill("")
    page.get_by_role("button", name="Opslaan en volgende").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)

    goto(page, reverse("subsidies:application_step", args=[draft.pk, "begroting"]))
    page.get_by_label("Gevraagde subsidie (euro)").fill("9000")
    page.get_by_role("button", name="Opslaan en volgende").click()
    expect(page.locator("[data-error-summary]")).to_contain_text(
        "maximum van deze subsidie"
    )
    assert_accessible(page)

    goto(page, reverse("subsidies:application_step", args=[draft.pk, "bijlagen"]))
    page.get_by_label("Statuten of huishoudelijk reglement").set_input_files(
        files=[
            {
                "name": "statuten.pdf",
                "mimeType": "application/pdf",
                "buffer": b"MZ nope",
            }
        ]
    )
    page.get_by_role("button", name="Opslaan en volgende").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("niet toegelaten")
    assert_accessible(page)

    goto(page, submitted.get_absolute_url())
    page.get_by_role("button", name="Bericht versturen").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)


def test_subsidy_pages_fit_a_narrow_screen(page, demo_data):
    page.set_viewport_size({"width": 320, "height": 800})
    log_in(page, DEMO_APPLICANT, DEMO_PASSWORD)
    draft = Application.objects.get(
        organisation__contact_email=DEMO_APPLICANT, status="draft"
    )
    for path in [
        "/subsidies/",
        f"/subsidies/reglement/{SCHEME}/",
        "/subsidies/register/",
        "/subsidies/mijn-dossiers/",
        reverse("subsidies:application_step", args=[draft.pk, "begroting"]),
        reverse("subsidies:application_summary", args=[draft.pk]),
    ]:
        goto(page, path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path


def test_association_registers_applies_and_gets_its_receipt(page, demo_data):
    # Register and confirm the e-mail address.
    goto(page, "/accounts/signup/")
    page.get_by_label("E-mailadres").fill("lies.vermeulen@example.be")
    page.locator("#id_password1").fill("Nimlahakok-2026!")
    page.get_by_label("Wachtwoord (bevestigen)").fill("Nimlahakok-2026!")
    page.get_by_role("button", name="Account aanmaken").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert_accessible(page)  # "check your mail"
    mail.outbox.clear()
    message = deliver_mail()[-1]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(lambda url: "/confirm-email/" not in url)

    # Create the organisation, from the dashboard.
    goto(page, "/subsidies/mijn-dossiers/")
    page.get_by_role("link", name="Organisatie aanmaken").click()
    page.get_by_label("Naam").fill("Jongeren voor Cobán")
    page.get_by_label("Rechtsvorm").select_option("vzw")
    page.get_by_label("Ondernemingsnummer").fill("0403.170.701")
    page.get_by_label("Straat en nummer").fill("Kerkstraat 5")
    page.get_by_label("Postcode").fill("3020")
    page.get_by_label("Gemeente").fill("Herent")
    page.get_by_label("Rekeningnummer (IBAN)").fill("BE71 0961 2345 6769")
    page.locator("#id_contact_name").fill("Lies Vermeulen")
    page.get_by_label("E-mailadres van de contactpersoon").fill(
        "lies.vermeulen@example.be"
    )
    page.get_by_role("button", name="Organisatie aanmaken").click()
    page.wait_for_url(re.compile(r"/subsidies/organisaties/\d+/$"))

    # Start an application in the open call.
    goto(page, f"/subsidies/reglement/{SCHEME}/")
    page.get_by_role("link", name="Aanvraag starten").click()
    page.get_by_role("button", name="Aanvraag starten").click()
    page.get_by_role("button", name="Opslaan en volgende").click()  # organisation step

    page.get_by_label("Titel van het project").fill(
        "Radioworkshops voor jongeren in Cobán"
    )
    page.get_by_label("Korte samenvatting").fill("Jongeren leren radio maken.")
    page.get_by_label("Beschrijving").fill("Tien workshops met de gemeenschapsradio.")
    page.get_by_label("Doelstellingen").fill("Jongeren een stem geven.")
    page.get_by_label("Begindatum").fill("2027-03-01")
    page.get_by_label("Einddatum").fill("2027-09-30")
    page.get_by_role("button", name="Opslaan en volgende").click()

    page.locator("#id_partner_name").fill("Radio comunitaria Nimlaha'kok")
    page.get_by_label("Land van het project").select_option("GT")
    page.get_by_role("button", name="Opslaan en volgende").click()

    page.get_by_label("4. Kwaliteitsonderwijs").check()
    page.get_by_label("5. Gendergelijkheid").check()
    page.get_by_role("button", name="Opslaan en volgende").click()

    # The budget: one error on the way, corrected.
    page.get_by_label("Inkomsten, lijn 1: omschrijving").fill("Eigen inbreng")
    page.get_by_label("Inkomsten, lijn 1: bedrag").fill("1000")
    page.get_by_label("Uitgaven, lijn 1: omschrijving").fill("Opnamemateriaal")
    page.get_by_label("Uitgaven, lijn 1: bedrag").fill("2.000")
    page.get_by_label("Gevraagde subsidie (euro)").fill("1500")
    page.get_by_role("button", name="Opslaan en volgende").click()
    expect(page.locator("[data-error-summary]")).to_contain_text(
        "maximum 50\u00a0% van het projectbudget: €\u00a01.000"
    )
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    page.get_by_label("Gevraagde subsidie (euro)").fill("1000")
    page.get_by_role("button", name="Opslaan en volgende").click()

    # Attachments: the two required ones.
    page.get_by_label(
        "Brief of overeenkomst van de partnerorganisatie"
    ).set_input_files(
        files=[
            {
                "name": "brief-partner.pdf",
                "mimeType": "application/pdf",
                "buffer": PDF_BYTES,
            }
        ]
    )
    page.get_by_label("Statuten of huishoudelijk reglement").set_input_files(
        files=[
            {"name": "statuten.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
        ]
    )
    page.get_by_role("button", name="Opslaan en volgende").click()

    page.get_by_label("Ik verklaar dat de gegevens").check()
    page.get_by_label("Ik verklaar dat we voor dezelfde kosten").check()
    page.get_by_role("radio", name="Nee").check()
    page.get_by_role("button", name="Opslaan en naar het overzicht").click()
    page.wait_for_url("**/overzicht/")
    assert "Nog te doen" not in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Aanvraag indienen").click()
    page.wait_for_url("**/ontvangstbewijs/")

    application = Application.objects.get(title="Radioworkshops voor jongeren in Cobán")
    assert application.status == "submitted"
    expect(page.get_by_role("heading", name="Ontvangstbewijs")).to_be_visible()
    assert application.reference in page.locator(".receipt-banner").inner_text()
    assert_accessible(page)
    link = page.get_by_role("link", name="Ontvangstbewijs downloaden (PDF)")
    pdf = page.request.get(page.base_url + link.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    assert application.reference in pdf.headers["content-disposition"]


def test_civil_servant_takes_files_through_screening_advice_decision_payment_report(
    page, demo_data
):
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from herentq.constants import SERVICE_GROUP
    from tests.factories import UserFactory

    csp_violations = []
    page.on(
        "console",
        lambda message: (
            csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    official = UserFactory(
        username="ambtenaar", email="ambtenaar@herent.be", is_staff=True
    )
    official.groups.add(Group.objects.get(name=SERVICE_GROUP))
    EmailAddress.objects.create(
        user=official, email=official.email, verified=True, primary=True
    )
    application = Application.objects.get(
        status="submitted", title__startswith="Naaiatelier"
    )

    goto(page, "/admin/")
    page.get_by_label("E-mailadres").fill(official.email)
    page.get_by_label("Wachtwoord", exact=False).first.fill("correct-horse-9")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/admin/")

    goto(page, reverse("admin:subsidies_application_changelist"))
    page.get_by_role("textbox").first.fill(application.reference)
    page.keyboard.press("Enter")
    page.get_by_role("link", name=application.reference).click()

    def act(button, fill=None):
        page.get_by_role("link", name=button).click()
        if fill:
            fill()
        page.locator("input[type=submit]").click()
        page.wait_for_url(re.compile(r"/change/$"))
        assert "gedaan voor" in page.locator(".messagelist").inner_text()

    act(
        "Screening starten",
        lambda: page.locator("#id_reason").fill("Volledig en ontvankelijk."),
    )
    act(
        "Op de agenda van de GROSH zetten",
        lambda: page.locator("#id_meeting").select_option(index=1),
    )

    def advice():
        page.locator("#id_outcome").select_option("positive")
        page.locator("#id_motivation").fill("Sterke partner, goed uitgewerkt.")
        page.locator("#id_proposed_amount").fill("2000")

    act("Advies registreren", advice)

    def decision():
        page.get_by_role("radio", name="Toegekend").check()
        page.locator("#id_amount").fill("2000")
        page.locator("#id_decision_reference").fill("CBS 2026/311")

    act("Beslissing van het college registreren", decision)
    application.refresh_from_db()
    assert application.status == "approved"
    assert application.approved_amount == 2000
    assert "Goedgekeurd" in page.locator(".hq-status").first.inner_text()
    # The agenda item exists in the council app, with the file as its subject.
    from subsidies.integrations import agenda_items_for

    assert agenda_items_for(application).count() == 1

    # The advance is paid within the envelope...
    def payment(amount):
        def fill():
            page.locator("#id_amount").fill(amount)
            page.locator("#id_paid_on").fill(timezone.localdate().isoformat())

        return fill

    act("Voorschot registreren", payment("1600"))
    application.refresh_from_db()
    assert application.status == "advance_paid"

    # ...and another association's final report is accepted and the balance paid.
    reported = Application.objects.filter(status="report_submitted").first()
    goto(page, reverse("admin:subsidies_application_change", args=[reported.pk]))
    act(
        "Verantwoording aanvaarden",
        lambda: page.locator("#id_reason").fill("Bewijsstukken in orde."),
    )
    reported.refresh_from_db()
    assert reported.status == "report_accepted"
    remaining = reported.approved_amount - reported.paid_total()
    act("Saldo registreren", payment(str(remaining)))
    reported.refresh_from_db()
    assert reported.status == "balance_paid"
    assert csp_violations == []


def test_council_member_opens_a_file_from_the_agenda_in_the_members_area(
    page, demo_data
):
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from herentq.constants import COUNCIL_MEMBERS_GROUP
    from subsidies.integrations import agenda_items_for
    from tests.factories import UserFactory

    member = UserFactory(email="lid.grosh@example.be")
    member.groups.add(Group.objects.get(name=COUNCIL_MEMBERS_GROUP))
    EmailAddress.objects.create(
        user=member, email=member.email, verified=True, primary=True
    )
    application = Application.objects.get(status="advice")
    meeting = agenda_items_for(application).get().meeting
    log_in(page, member.email, "correct-horse-9")

    goto(page, reverse("council:members_meeting", args=[meeting.pk]))
    page.get_by_role("link", name=re.compile("Dossier bekijken")).first.click()
    page.wait_for_url(f"**{application.get_council_member_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(application.title)
    assert application.organisation.iban_display not in page.content()
    assert_accessible(page)


def test_association_writes_to_the_service_and_withdraws_another_application(
    page, demo_data
):
    from django.contrib.auth import get_user_model

    from subsidies import services

    applicant = get_user_model().objects.get(email=DEMO_APPLICANT)
    mine = Application.objects.for_user(applicant)
    running = mine.get(status="advance_paid")
    # A second file of the same association, submitted earlier and still in review.
    other = services.application_submit(
        application=mine.get(status="draft"), user=applicant
    )
    log_in(page, DEMO_APPLICANT, DEMO_PASSWORD)

    # A message about the running file; the thread shows it at once.
    goto(page, running.get_absolute_url())
    page.get_by_label("Uw bericht").fill("Wanneer mogen we de verantwoording sturen?")
    page.get_by_role("button", name="Bericht versturen").click()
    thread = page.get_by_role("region", name="Berichten")
    expect(thread).to_contain_text("Wanneer mogen we de verantwoording sturen?")
    # A notice goes out by mail; the mail never carries the message itself.
    outbox = deliver_mail()
    assert outbox
    assert all("Wanneer mogen" not in message.body for message in outbox)

    # The other application is withdrawn before the decision.
    goto(page, other.get_absolute_url())
    page.get_by_role("link", name="Aanvraag intrekken").click()
    page.get_by_label("Waarom trekt u de aanvraag in?").fill("Project uitgesteld.")
    page.get_by_role("button", name="Aanvraag intrekken").click()
    expect(page.get_by_text("Ingetrokken").first).to_be_visible()
    other.refresh_from_db()
    assert other.status == "withdrawn"
    assert_accessible(page)
