"""Bugs the security tests found, each fixed where it lived."""

import io

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from herentq.models import NewsItem
from herentq.search import clean_query
from herentq.validators import validate_mailable_email
from tests.council.factories import CouncilFactory, MeetingFactory
from tests.learning_tracks.factories import ThemeFactory, TrackFactory
from tests.partnerships.factories import PartnershipFactory, PhotoAlbumFactory
from tests.security.payloads import field_error
from tests.security.roles import SECRETARIAT, SERVICE, STAFF, log_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_raised_errors(client):
    client.raise_request_exception = False  # a crash must show as a 500


def test_council_search_with_a_nul_byte_is_answered(client):
    CouncilFactory()
    response = client.get(reverse("council:search"), {"q": "radio\x00; --"})
    assert response.status_code == 200
    assert response.context["query"] == "radio ; --"


def test_clean_query_removes_control_characters_and_bounds_the_length():
    assert clean_query("a\x00b\tc\r\nd") == "a b c  d"
    assert clean_query("x" * 500) == "x" * 200
    assert clean_query(None) == ""


@pytest.mark.parametrize("year", ["-1", "1e5", "9" * 25, "2024.5", "twaalf"])
def test_advice_register_refuses_a_year_out_of_range_at_the_field(client, year):
    CouncilFactory()
    response = client.get(reverse("council:advice_list"), {"year": year})
    assert response.status_code == 200
    assert field_error(response.content.decode(), "year")


def test_newsletter_theme_parameter_with_a_nul_byte_is_answered(client):
    ThemeFactory(slug="klimaat")
    response = client.get(reverse("learning_tracks:newsletter"), {"thema": "k\x00"})
    assert response.status_code == 200


def test_learning_track_filter_says_which_phase_is_unknown(client):
    TrackFactory()
    response = client.get(reverse("learning_tracks:list"), {"status": "<b>x</b>"})
    assert response.status_code == 200
    error = field_error(response.content.decode(), "status")
    assert "geen beschikbare keuze" in error
    assert "<b>x</b>" not in response.content.decode()


@pytest.mark.parametrize("path", ["/media/a%00b.jpg", "/media/" + "a" * 5000])
def test_public_media_with_an_impossible_name_is_not_found(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "name, method",
    [
        ("partnerships_partnership_publish", "post"),
        ("partnerships_photoalbum_upload", "get"),
        ("council_minutes_correction", "get"),
    ],
)
def test_admin_buttons_with_a_non_numeric_id_are_no_server_error(client, name, method):
    log_in(client, SERVICE)
    path = reverse(f"admin:{name}", args=[1]).replace("/1/", "/abc/")
    response = getattr(client, method)(path)
    assert response.status_code in (302, 404)


def test_minutes_steps_are_forbidden_to_staff_without_council_rights(client):
    from council import services

    minutes = services.minutes_create(meeting=MeetingFactory(held=True))
    log_in(client, STAFF)
    step = reverse("admin:council_minutes_step", args=[minutes.pk, "circulate"])
    correction = reverse("admin:council_minutes_correction", args=[minutes.pk])
    assert client.get(step).status_code == 403
    assert client.post(step).status_code == 403
    assert client.get(correction).status_code == 403
    minutes.refresh_from_db()
    assert minutes.status == "draft"


def test_minutes_step_unknown_to_the_secretariat_is_not_found(client):
    from council import services

    minutes = services.minutes_create(meeting=MeetingFactory(held=True))
    log_in(client, SECRETARIAT)
    step = reverse("admin:council_minutes_step", args=[minutes.pk, "verwijderen"])
    assert client.get(step).status_code == 404


QUOTED = '"<script>alert(1)</script>"@example.be'


def test_addresses_the_mail_queue_refuses_are_refused_by_the_forms(client):
    """Django's EmailField takes a quoted local part; django-post-office does not,
    so the confirmation mail crashed the request (500)."""
    track = TrackFactory()
    theme = ThemeFactory()
    posts = [
        (
            reverse("learning_tracks:enrol", args=[track.slug]),
            {
                "name": "An",
                "email": QUOTED,
                "organisation": "Herent",
                "role": "civil_servant",
                "consent": "on",
            },
        ),
        (
            reverse("learning_tracks:newsletter"),
            {"email": QUOTED, "themes": [theme.pk]},
        ),
        (
            reverse("account_signup"),
            {"email": QUOTED, "password1": "Lang-wachtwoord-42", "password2": "x"},
        ),
        (reverse("account_reset_password"), {"email": QUOTED}),
    ]
    for path, data in posts:
        response = client.post(path, data)
        assert response.status_code == 200, path
        error = field_error(response.content.decode(), "email")
        assert "geldig e-mailadres" in error, path


@pytest.mark.parametrize(
    "address", ['"a b"@example.be', "a<b>@example.be", "a,b@example.be", "@x.be"]
)
def test_only_plain_addresses_are_mailable(address):
    with pytest.raises(ValidationError):
        validate_mailable_email(address)


def test_plain_addresses_are_mailable():
    validate_mailable_email("an.o'brien+grosh@gemeente.herent.be")


def test_the_password_length_message_is_dutch():
    with pytest.raises(ValidationError) as error:
        validate_password("kort")
    assert "Dit wachtwoord is te kort: het moet minstens 10 tekens bevatten." in (
        error.value.messages
    )


def test_news_images_are_stored_under_a_random_name():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    item = NewsItem.objects.create(
        title="Bericht",
        slug="bericht",
        summary="Kort.",
        body="Lang.",
        image=SimpleUploadedFile("Mijn <script> foto.png", buffer.getvalue()),
        image_alt="Een zwart vierkant",
    )
    assert item.image.name.startswith("news/")
    assert "script" not in item.image.name and "foto" not in item.image.name
    assert item.image.name.endswith(".png")


def test_photo_upload_without_a_file_says_so_at_the_field(client):
    album = PhotoAlbumFactory(partnership=PartnershipFactory())
    log_in(client, SERVICE)
    response = client.post(
        reverse("admin:partnerships_photoalbum_upload", args=[album.pk]),
        {"alt_text": "Kinderen"},
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "photos") == (
        "Kies minstens één foto."
    )


def test_enrolment_needs_are_limited(client):
    track = TrackFactory()
    response = client.post(
        reverse("learning_tracks:enrol", args=[track.slug]),
        {
            "name": "An",
            "email": "an@example.be",
            "organisation": "Herent",
            "role": "civil_servant",
            "needs": "x" * 1001,
            "consent": "on",
        },
    )
    assert response.status_code == 200
    assert "1000" in field_error(response.content.decode(), "needs")
    assert not track.enrolments.exists()


def test_council_members_get_only_addresses_the_minutes_can_be_mailed_to():
    """A quoted address typed in the admin broke circulating the minutes (500)."""
    from tests.council.factories import CouncilMemberFactory

    member = CouncilMemberFactory.build(council=CouncilFactory(), email=QUOTED)
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert "email" in error.value.message_dict
