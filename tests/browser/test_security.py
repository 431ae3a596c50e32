"""What the hardening shows a person: refused filter values said at the field,
and the rate limit of the public forms, each page accessible."""

from tests.browser.conftest import assert_accessible, goto

REFUSED_FILTERS = [
    ("/grosh/adviezen/?year=twaalf&outcome=%3Cscript%3E", "year"),
    ("/leertrajecten/?status=onbekend", "status"),
]


def test_refused_filter_values_are_said_at_the_field(page, demo_data):
    for path, name in REFUSED_FILTERS:
        response = goto(page, path)
        assert response.status == 200, path
        field = page.locator(f"[name={name}]")
        assert field.get_attribute("aria-invalid") == "true", path
        error_id = field.get_attribute("aria-describedby").split()[0]
        assert page.locator(f"#{error_id}").inner_text().strip(), path
        assert page.locator("[data-error-summary]").is_visible(), path
        assert_accessible(page)


def test_a_person_sees_why_the_enrolment_form_refuses_more_mail(
    page, demo_data, settings
):
    settings.HERENTQ_PUBLIC_FORM_RATES = {"email": (0, 3600)}
    goto(page, "/leertrajecten/participatie/inschrijven/")
    page.get_by_label("Voor- en achternaam").fill("An Peeters")
    page.get_by_label("E-mailadres").fill("an.peeters@example.be")
    page.get_by_label("Organisatie of gemeente").fill("Gemeente Herent")
    page.get_by_label("Ambtenaar").check()
    page.get_by_label("Ik ga akkoord met de privacyverklaring.").check()
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Inschrijven").click()
    assert answer.value.status == 429
    summary = page.locator("[data-error-summary]")
    assert "We stuurden het voorbije uur al enkele e-mails" in summary.inner_text()
    assert page.get_by_label("Voor- en achternaam").input_value() == "An Peeters"
    assert_accessible(page)


def test_too_many_requests_get_a_dutch_page(page, demo_data, settings):
    settings.ACCOUNT_RATE_LIMITS = {"reset_password": "0/h/ip"}
    goto(page, "/accounts/password/reset/")
    page.get_by_label("E-mailadres").fill("iemand@example.be")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("main form button[type=submit]").click()
    assert answer.value.status == 429
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Te veel pogingen na elkaar"
    assert_accessible(page)
