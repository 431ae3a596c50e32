"""People's data in their own hands: an applicant downloads everything the portal
holds about them, and closes their account unless a kept file needs it."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from subsidies import services
from subsidies.models import Application, Message, Organisation
from tests.subsidies.factories import (
    ApplicationFactory,
    AttachmentFactory,
    OrganisationFactory,
    verified_user,
)

pytestmark = pytest.mark.django_db
PAGE = reverse("subsidies:personal_data")


def test_the_export_holds_my_data_and_nothing_of_another_applicant(
    applicant_client, applicant, draft, outsider, call
):
    colleague = verified_user(email="collega@vereniging.be", username="collega")
    draft.organisation.memberships.create(user=colleague)
    AttachmentFactory(
        application=draft, uploaded_by=applicant, original_name="mijn.pdf"
    )
    AttachmentFactory(
        application=draft, uploaded_by=colleague, original_name="van-collega.pdf"
    )
    Message.objects.create(application=draft, author=applicant, body="Mijn vraag.")
    other = ApplicationFactory(
        call=call,
        organisation=outsider.subsidy_organisations.first(),
        created_by=outsider,
        title="Geheim project van Bert",
    )
    AttachmentFactory(application=other, uploaded_by=outsider, original_name="bert.pdf")

    assert "Mijn gegevens downloaden" in applicant_client.get(PAGE).content.decode()
    response = applicant_client.get(reverse("subsidies:personal_data_export"))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("mijn-gegevens.json"))
    assert data["account"]["email"] == "an@vereniging.be"
    assert [o["name"] for o in data["organisations"]] == [draft.organisation.name]
    [mine] = data["applications"]
    assert mine["title"] == draft.title
    assert mine["messages"][0]["body"] == "Mijn vraag."
    assert [a["original_name"] for a in mine["my_attachments"]] == ["mijn.pdf"]
    files = [name for name in archive.namelist() if name.startswith("bijlagen/")]
    assert len(files) == 1 and files[0].endswith("mijn.pdf")
    everything = b"".join(archive.read(name) for name in archive.namelist())
    for foreign in ("Geheim project", "bert@andere.be", "van-collega", "bert.pdf"):
        assert foreign.encode() not in everything


def test_closing_is_refused_while_a_submitted_file_needs_the_account(
    applicant_client, applicant, draft
):
    submitted = services.application_submit(application=draft, user=applicant)
    response = applicant_client.post(PAGE, {"confirm": "on"})
    assert response.status_code == 200
    assert "archiefplicht" in response.content.decode()
    assert submitted.reference in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.is_active and applicant.email == "an@vereniging.be"


def test_closing_anonymises_the_account_and_spares_colleagues(
    applicant_client, applicant, draft
):
    shared = OrganisationFactory(members=[applicant])
    colleague = verified_user(email="collega@vereniging.be", username="collega")
    shared.memberships.create(user=colleague)
    shared_draft = ApplicationFactory(
        call=draft.call, organisation=shared, created_by=applicant
    )

    response = applicant_client.post(PAGE, {"confirm": "on"}, follow=True)
    assert "Uw account is gesloten" in response.content.decode()
    user = get_user_model().objects.get(pk=applicant.pk)
    assert not user.is_active and user.email == "" and not user.has_usable_password()
    assert not Organisation.objects.filter(pk=draft.organisation_id).exists()
    assert not Application.objects.filter(pk=draft.pk).exists()
    # The colleague's organisation and its draft stay, without the account.
    assert list(shared.members.all()) == [colleague]
    assert Application.objects.filter(pk=shared_draft.pk).exists()
    assert applicant_client.get(reverse("subsidies:dashboard")).status_code == 302
