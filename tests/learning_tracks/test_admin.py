import csv
import datetime as dt
import io

import pytest
from django.contrib.admin import helpers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from herentq.audit import audit_entries_for
from learning_tracks.constants import EnrolmentStatus, TrackStatus
from learning_tracks.models import (
    Enrolment,
    Interest,
    Newsletter,
    NewsletterSubscriber,
    Session,
    Theme,
    Track,
    TrackResource,
)
from tests.conftest import deliver_mail
from tests.factories import UserFactory
from tests.learning_tracks.factories import (
    EnrolmentFactory,
    SessionFactory,
    TrackFactory,
)
from tests.learning_tracks.helpers import enrol, mails_to

pytestmark = pytest.mark.django_db

MODELS = [
    Theme,
    Track,
    Session,
    Enrolment,
    Interest,
    TrackResource,
    NewsletterSubscriber,
    Newsletter,
]


def _url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def _action(client, model, action, objects, *, follow=False, **extra):
    return client.post(
        _url(model, "changelist"),
        {
            "action": action,
            helpers.ACTION_CHECKBOX_NAME: [obj.pk for obj in objects],
            **extra,
        },
        follow=follow,
    )


@pytest.mark.parametrize("model", MODELS)
def test_service_user_opens_every_changelist_and_change_form(
    service_client, demo_data, model
):
    assert service_client.get(_url(model, "changelist")).status_code == 200
    obj = model.objects.first()
    assert service_client.get(_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", [Theme, Track, Session, TrackResource, Newsletter])
def test_service_user_opens_the_add_forms(service_client, model):
    assert service_client.get(_url(model, "add")).status_code == 200


def test_enrolments_are_not_added_or_deleted_in_the_admin(service_client, track):
    enrolment = enrol(track)
    assert service_client.get(_url(Enrolment, "add")).status_code == 403
    assert (
        service_client.get(_url(Enrolment, "delete", enrolment.pk)).status_code == 403
    )


def test_enrolment_changelist_filters_and_searches(service_client, full_track):
    other = TrackFactory(title="Ander traject")
    enrol(other, email="zoek.mij@example.be")
    html = service_client.get(
        _url(Enrolment, "changelist")
        + f"?track__id__exact={full_track.pk}&status=waiting"
    ).content.decode()
    assert "wacht1@example.be" in html
    assert "een@example.be" not in html
    html = service_client.get(
        _url(Enrolment, "changelist") + "?q=zoek.mij"
    ).content.decode()
    assert "zoek.mij@example.be" in html and "wacht1@example.be" not in html


def test_enrolment_changelist_runs_a_fixed_number_of_queries(
    service_client, track, django_assert_max_num_queries
):
    enrol(track)
    with django_assert_max_num_queries(20) as few:
        service_client.get(_url(Enrolment, "changelist"))
    for _ in range(10):
        enrol(TrackFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        service_client.get(_url(Enrolment, "changelist"))


def test_enrolment_year_filter_offers_the_years_with_enrolments(service_client):
    track = TrackFactory()
    for year in (2019, 2021, 2024):
        EnrolmentFactory(track=track, created_at=dt.datetime(year, 6, 1, tzinfo=dt.UTC))
    # Just after New Year's Eve in Brussels: 2022 there, still 2021 in UTC.
    late = EnrolmentFactory(
        track=track,
        email="oudejaar@example.be",
        created_at=dt.datetime(2021, 12, 31, 23, 30, tzinfo=dt.UTC),
    )
    url = _url(Enrolment, "changelist")
    html = service_client.get(url).content.decode()
    for year in (2019, 2021, 2022, 2024):
        assert f"?jaar={year}" in html
    assert "?jaar=2020" not in html
    assert "?jaar=2023" not in html

    html = service_client.get(url, {"jaar": 2022}).content.decode()
    assert late.email in html
    assert html.count('class="action-select"') == 1
    # A year that is no number is refused as any wrong filter is.
    assert service_client.get(url, {"jaar": "twee"}).url.endswith("?e=1")


def test_enrolment_year_filter_costs_the_same_for_any_number_of_years(
    service_client, django_assert_max_num_queries
):
    track = TrackFactory()
    EnrolmentFactory(track=track, created_at=dt.datetime(2024, 6, 1, tzinfo=dt.UTC))
    with django_assert_max_num_queries(30) as few:
        service_client.get(_url(Enrolment, "changelist"))
    for year in range(2000, 2024):
        EnrolmentFactory(track=track, created_at=dt.datetime(year, 6, 1, tzinfo=dt.UTC))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = service_client.get(_url(Enrolment, "changelist")).content.decode()
    assert "?jaar=2000" in html


def test_staff_without_the_service_group_cannot_see_enrolments(client, track):
    enrol(track)
    client.force_login(UserFactory(is_staff=True))
    assert client.get(_url(Enrolment, "changelist")).status_code == 403
    assert client.get(_url(Track, "changelist")).status_code == 403


def test_anonymous_visitor_is_sent_to_the_admin_login(client, track):
    response = client.get(_url(Enrolment, "changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_export_csv_is_excel_friendly(service_client, full_track):
    full_track.enrolments.filter(email="een@example.be").update(
        name="=HYPERLINK(1)", needs="Vegetarisch; geen noten"
    )
    response = _action(
        service_client, Enrolment, "export_csv", full_track.enrolments.all()
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["Leertraject", "Status", "Plaats op de wachtlijst", "Naam"]
    assert len(rows) == 4
    by_email = {row[4]: row for row in rows[1:]}
    assert by_email["wacht1@example.be"][1] == "Op de wachtlijst"
    assert by_email["wacht1@example.be"][2] == "1"
    assert by_email["een@example.be"][3] == "'=HYPERLINK(1)"  # no formula
    assert by_email["een@example.be"][7] == "Vegetarisch; geen noten"


def test_export_xlsx_has_one_row_per_enrolment(service_client, full_track):
    response = _action(
        service_client, Enrolment, "export_xlsx", full_track.enrolments.all()
    )
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Leertraject"
    assert sorted(row[4] for row in rows[1:]) == [
        "een@example.be",
        "twee@example.be",
        "wacht1@example.be",
    ]


def test_admin_moves_people_between_waiting_list_and_confirmed(
    service_client, full_track, service_user
):
    waiting = full_track.enrolments.get(email="wacht1@example.be")
    _action(service_client, Enrolment, "enrolment_move_to_confirmed", [waiting])
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.CONFIRMED
    assert audit_entries_for(waiting).first().actor == service_user

    seated = full_track.enrolments.get(email="een@example.be")
    response = _action(service_client, Enrolment, "enrolment_move_to_waiting", [seated])
    assert response.status_code == 302
    seated.refresh_from_db()
    assert seated.status == EnrolmentStatus.WAITING
    full_track.refresh_from_db()
    assert (full_track.capacity, full_track.seats_taken) == (3, 2)


def test_admin_cancel_action_reports_what_it_could_not_do(service_client, track):
    enrolment = enrol(track)
    response = _action(
        service_client, Enrolment, "enrolment_cancel", [enrolment], follow=True
    )
    assert "1 inschrijving(en) geannuleerd." in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED
    response = _action(
        service_client, Enrolment, "enrolment_cancel", [enrolment], follow=True
    )
    assert "al geannuleerd of verlopen" in response.content.decode()


def test_status_actions_move_tracks_and_open_enrolment_notifies_the_interest_list(
    service_client,
):
    track = TrackFactory(status=TrackStatus.ANNOUNCED)
    Interest.objects.create(track=track, email="an@example.be")
    _action(service_client, Track, "set_enrolment_open", [track])
    track.refresh_from_db()
    assert track.status == TrackStatus.ENROLMENT_OPEN
    assert len(mails_to("an@example.be")) == 1
    response = _action(service_client, Track, "set_completed", [track], follow=True)
    track.refresh_from_db()
    assert track.status == TrackStatus.ENROLMENT_OPEN
    assert "kan niet van" in response.content.decode()


def test_status_is_not_edited_in_the_track_form(service_client, track):
    html = service_client.get(_url(Track, "change", track.pk)).content.decode()
    assert 'name="status"' not in html
    assert 'name="seats_taken"' not in html


def test_capacity_cannot_go_below_the_seats_taken(service_client, full_track):
    url = _url(Track, "change", full_track.pk)
    response = service_client.get(url)
    form = response.context["adminform"].form
    data = {
        name: form[name].value() if form[name].value() is not None else ""
        for name in form.fields
        if name != "sdgs"
    }
    for prefix in [
        "sessions",
        "resources",
        "herentq-auditentry-content_type-object_id",
    ]:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data["enrolment_opens_at_0"] = data["enrolment_opens_at_1"] = ""
    data["enrolment_closes_at_0"] = data["enrolment_closes_at_1"] = ""
    data.pop("enrolment_opens_at")
    data.pop("enrolment_closes_at")
    data["capacity"] = "1"
    title = full_track.title
    response = service_client.post(url, {**data, "title": "Nieuwe titel"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["capacity"] == [
        "Er zijn al 2 plaatsen ingenomen; verplaats eerst deelnemers naar de "
        "wachtlijst."
    ]
    full_track.refresh_from_db()
    assert (full_track.title, full_track.capacity) == (title, 2)

    data["capacity"] = "3"
    response = service_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    full_track.refresh_from_db()
    assert (full_track.capacity, full_track.seats_taken) == (3, 3)
    assert full_track.enrolments.get(email="wacht1@example.be").status == "offered"


def test_email_to_all_participants_of_a_track(service_client, full_track, service_user):
    deliver_mail()
    page = _action(service_client, Track, "email_participants", [full_track])
    assert page.status_code == 200
    assert "E-mail aan de deelnemers" in page.content.decode()
    response = _action(
        service_client,
        Track,
        "email_participants",
        [full_track],
        apply="1",
        subject="Praktische info",
        body="We starten om 9.30 uur.",
    )
    assert response.status_code == 302
    outbox = deliver_mail()
    sent = [m for m in outbox if "Praktische info" in m.subject]
    assert sorted(m.to[0] for m in sent) == ["een@example.be", "twee@example.be"]
    assert "We starten om 9.30 uur." in sent[0].body
    entry = audit_entries_for(full_track).first()
    assert (entry.action, entry.data["recipients"]) == (
        "learning_tracks.track.participants_emailed",
        2,
    )


def test_attendance_is_ticked_on_the_session_form(service_client, track):
    session = SessionFactory(track=track)
    an = enrol(track, email="an@example.be")
    enrol(track, email="bart@example.be")
    url = _url(Session, "change", session.pk)
    html = service_client.get(url).content.decode()
    assert "Aanwezig" in html and 'name="present"' in html
    response = service_client.post(
        url,
        {
            "track": track.pk,
            "topic_nl_be": session.topic,
            "description_nl_be": "",
            "starts_at_0": session.starts_at.strftime("%d/%m/%Y"),
            "starts_at_1": session.starts_at.strftime("%H:%M:%S"),
            "ends_at_0": session.ends_at.strftime("%d/%m/%Y"),
            "ends_at_1": session.ends_at.strftime("%H:%M:%S"),
            "location": session.location,
            "online_url": "",
            "present": [an.pk],
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(session.attendances.values_list("enrolment", flat=True)) == [an.pk]


def test_newsletter_send_action(service_client):
    theme = Theme.objects.create(name="Participatie", slug="participatie")
    reader = NewsletterSubscriber.objects.create(email="an@example.be")
    reader.themes.add(theme)
    newsletter = Newsletter.objects.create(subject="Nieuws", body="Tekst")
    newsletter.themes.add(theme)
    _action(service_client, Newsletter, "send", [newsletter])
    newsletter.refresh_from_db()
    assert newsletter.sent_at is not None
    assert [m.subject for m in mails_to("an@example.be")] == ["[HerentQ] Nieuws"]


def test_tool_documents_are_checked_by_content(service_client):
    track = TrackFactory(status=TrackStatus.LESSONS_PUBLISHED)
    data = {
        "track": track.pk,
        "kind": "checklist",
        "title": "Checklist",
        "slug": "checklist",
        "summary": "",
        "body": "",
        "position": 0,
        "is_published": "on",
    }
    fake = SimpleUploadedFile("checklist.pdf", b"MZ not a pdf", "application/pdf")
    response = service_client.post(
        _url(TrackResource, "add"), {**data, "document": fake}
    )
    assert response.status_code == 200
    assert "past niet bij" in response.content.decode()
    real = SimpleUploadedFile("checklist.pdf", b"%PDF-1.4\n%%EOF", "application/pdf")
    response = service_client.post(
        _url(TrackResource, "add"), {**data, "document": real}
    )
    assert response.status_code == 302
    resource = TrackResource.objects.get()
    assert "checklist.pdf" not in resource.document.name  # random name on disk
    download = service_client.get(resource.get_document_url())
    assert download.status_code == 200
    assert 'filename="checklist.pdf"' in download["Content-Disposition"]


def test_service_corrects_a_participants_name_but_not_the_address(
    service_client, track
):
    enrolment = enrol(track, email="an@example.be", organisation="Gemeente Herent")
    url = _url(Enrolment, "change", enrolment.pk)
    html = service_client.get(url).content.decode()
    assert 'name="email"' not in html
    data = {
        "name": "An Peeters-Janssens",
        "organisation": "Gemeente Herent",
        "role": "civil_servant",
        "needs": "",
        "email": "iemand.anders@example.be",  # ignored: read-only
    }
    for prefix in ["attendances", "herentq-auditentry-content_type-object_id"]:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    response = service_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    enrolment.refresh_from_db()
    assert (enrolment.name, enrolment.email) == ("An Peeters-Janssens", "an@example.be")
