import pytest
from django.urls import reverse

from herentq.models import AuditEntry
from subsidies.models import Invitation, Membership, Organisation
from tests.conftest import deliver_mail
from tests.subsidies.factories import OrganisationFactory, verified_user

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Vrienden van Nimlaha'kok",
    "legal_form": "vzw",
    "enterprise_number": "0403.170.701",
    "street": "Kerkstraat 1",
    "postcode": "3020",
    "city": "Herent",
    "country": "BE",
    "iban": "BE71 0961 2345 6769",
    "contact_name": "An Peeters",
    "contact_email": "an@vereniging.be",
    "contact_phone": "016 12 34 56",
    "website": "",
}


def test_anonymous_visitor_must_sign_in_to_create_an_organisation(client):
    response = client.get(reverse("subsidies:organisation_create"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_member_creates_an_organisation_and_becomes_its_member(
    applicant_client, applicant
):
    response = applicant_client.post(reverse("subsidies:organisation_create"), VALID)
    organisation = Organisation.objects.get(name="Vrienden van Nimlaha'kok")
    assert response.status_code == 302
    assert organisation.enterprise_number == "0403170701"
    assert organisation.iban == "BE71096123456769"
    assert list(organisation.members.all()) == [applicant]
    assert AuditEntry.objects.filter(action="subsidies.organisation.created").exists()
    assert organisation.history.count() == 1


def test_wrong_enterprise_number_and_iban_are_refused_with_dutch_messages(
    applicant_client,
):
    data = {**VALID, "enterprise_number": "0403.170.702", "iban": "BE71 0961 2345 6768"}
    response = applicant_client.post(reverse("subsidies:organisation_create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit ondernemingsnummer klopt niet" in html
    assert "Dit rekeningnummer (IBAN) klopt niet" in html
    # What was typed stays in the form, and the errors are linked to their field.
    assert 'value="0403.170.702"' in html
    assert (
        'aria-describedby="id_enterprise_number_helptext id_enterprise_number_error"'
        in html
    )
    assert 'href="#id_enterprise_number"' in html
    assert not Organisation.objects.exists()


def test_a_vzw_needs_an_enterprise_number_but_a_feitelijke_vereniging_does_not(
    applicant_client,
):
    response = applicant_client.post(
        reverse("subsidies:organisation_create"), {**VALID, "enterprise_number": ""}
    )
    assert "Vul het ondernemingsnummer in" in response.content.decode()
    response = applicant_client.post(
        reverse("subsidies:organisation_create"),
        {**VALID, "enterprise_number": "", "legal_form": "feitelijk"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get().enterprise_number == ""


def test_an_enterprise_number_can_only_be_registered_once(applicant_client):
    OrganisationFactory(enterprise_number="0403170701")
    response = applicant_client.post(reverse("subsidies:organisation_create"), VALID)
    assert (
        "Er is al een organisatie met dit ondernemingsnummer"
        in response.content.decode()
    )


def test_applicant_cannot_see_or_edit_another_associations_organisation(
    outsider_client, organisation
):
    for name in ["organisation_detail", "organisation_update"]:
        url = reverse(f"subsidies:{name}", args=[organisation.pk])
        assert outsider_client.get(url).status_code == 404
        assert outsider_client.post(url, VALID).status_code == 404
    organisation.refresh_from_db()
    assert organisation.name != VALID["name"]


def test_member_updates_the_organisation_and_the_change_is_in_its_history(
    applicant_client, organisation
):
    url = reverse("subsidies:organisation_update", args=[organisation.pk])
    data = {**VALID, "enterprise_number": organisation.enterprise_number}
    response = applicant_client.post(url, {**data, "city": "Winksele"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.city == "Winksele"
    assert organisation.history.first().city == "Winksele"


def test_member_invites_a_colleague_who_accepts_and_sees_the_files(
    applicant_client, organisation, client
):
    url = reverse("subsidies:organisation_detail", args=[organisation.pk])
    response = applicant_client.post(url, {"email": "Lies@Vereniging.be"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "lies@vereniging.be"
    outbox = deliver_mail()
    assert outbox[-1].to == ["lies@vereniging.be"]
    assert invitation.get_absolute_url() in outbox[-1].body

    colleague = verified_user(email="lies@vereniging.be", username="lies")
    client.force_login(colleague)
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 302
    assert Membership.objects.filter(organisation=organisation, user=colleague).exists()
    assert client.get(url).status_code == 200
    # The link works once.
    client.post(invitation.get_absolute_url())
    assert Membership.objects.filter(organisation=organisation).count() == 2


def test_invitation_cannot_be_accepted_by_someone_else(applicant, organisation, client):
    from subsidies import services

    invitation = services.invitation_create(
        organisation=organisation, invited_by=applicant, email="lies@vereniging.be"
    )
    stranger = verified_user(email="iemand@anders.be", username="stranger")
    client.force_login(stranger)
    response = client.post(invitation.get_absolute_url(), follow=True)
    assert "Deze uitnodiging is voor lies@vereniging.be" in response.content.decode()
    assert not Membership.objects.filter(user=stranger).exists()


def test_dashboard_without_organisation_invites_to_create_one(client):
    user = verified_user(email="nieuw@example.be", username="nieuw")
    client.force_login(user)
    response = client.get(reverse("subsidies:dashboard"))
    assert "Organisatie aanmaken" in response.content.decode()
