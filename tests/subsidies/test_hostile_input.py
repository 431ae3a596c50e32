"""Bugs the security suite (tests/security) found in the subsidies app, each
pinned where it was fixed."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from subsidies.models import Attachment, Invitation, Message, Organisation
from subsidies.validators import validate_upload
from tests.security.payloads import decompression_bomb_png, small_jpeg
from tests.subsidies.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def test_a_decompression_bomb_is_refused_not_a_server_error():
    bomb = SimpleUploadedFile("kaart.png", decompression_bomb_png(), "image/png")
    with pytest.raises(ValidationError) as error:
        validate_upload(bomb)
    assert "hoogstens 40 megapixels" in error.value.messages[0]


@pytest.mark.parametrize(
    ("content", "name"),
    [(small_jpeg(), "statuten.pdf"), (PDF_BYTES, "foto.jpg"), (PDF_BYTES, "x.exe")],
)
def test_a_file_whose_name_hides_its_type_is_refused(content, name):
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile(name, content))
    assert "de naam eindigt op" in error.value.messages[0]


def test_a_jpeg_may_be_called_jpeg():
    assert validate_upload(SimpleUploadedFile("foto.JPEG", small_jpeg())).extension == (
        "jpg"
    )


def test_text_sent_instead_of_a_file_is_refused_at_the_field(applicant_client, draft):
    from subsidies import services

    services.application_submit(application=draft, user=draft.created_by)
    url = reverse("subsidies:message_create", args=[draft.pk])
    response = applicant_client.post(
        url, {"body": "Zie bijlage.", "attachment": "<script>alert(1)</script>"}
    )
    assert response.status_code == 200
    assert "Kies een bestand op uw computer" in response.content.decode()
    assert not Message.objects.exists()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "next_value", ["' OR 1=1; DROP TABLE x; --", "ab\x00cd", "https://kwaad.example/"]
)
def test_a_strange_next_parameter_leads_to_the_new_organisation(
    applicant_client, next_value
):
    response = applicant_client.post(
        reverse("subsidies:organisation_create"),
        {
            "name": "Wereldwinkel Herent",
            "legal_form": "feitelijk",
            "street": "Wijgmaalsesteenweg 12",
            "postcode": "3020",
            "city": "Herent",
            "country": "BE",
            "iban": "BE71 0961 2345 6769",
            "contact_name": "An Peeters",
            "contact_email": "an@wereldwinkel.be",
            "next": next_value,
        },
    )
    organisation = Organisation.objects.get(name="Wereldwinkel Herent")
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()


def test_an_address_the_mail_queue_cannot_take_is_refused_in_the_invitation(
    applicant_client, organisation
):
    url = reverse("subsidies:organisation_detail", args=[organisation.pk])
    response = applicant_client.post(
        url, {"email": '"<script>alert(1)</script>"@example.be'}
    )
    assert response.status_code == 200
    assert "Vul een geldig e-mailadres in" in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_unmailable_contact_address_is_refused_in_the_application(
    applicant_client, draft
):
    url = reverse("subsidies:application_step", args=[draft.pk, "organisatie"])
    response = applicant_client.post(
        url,
        {
            "action": "save",
            "organisation": draft.organisation_id,
            "contact_email": '"<script>alert(1)</script>"@example.be',
        },
    )
    assert response.status_code == 200
    assert "Vul een geldig e-mailadres in" in response.content.decode()
    draft.refresh_from_db()
    assert "script" not in draft.contact_email


def test_invitations_to_one_address_are_rate_limited(applicant_client, organisation):
    url = reverse("subsidies:organisation_detail", args=[organisation.pk])
    for _attempt in range(3):
        response = applicant_client.post(url, {"email": "lies@vereniging.be"})
        Invitation.objects.all().delete()  # the same colleague, asked again
        assert response.status_code == 302
    response = applicant_client.post(url, {"email": "lies@vereniging.be"})
    assert response.status_code == 429
    assert "al enkele e-mails naar dit adres" in response.content.decode()
    assert not Invitation.objects.exists()
