"""The secretariat's back office: every changelist and form, the minutes' steps,
history of who changed what, and frozen versions."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from council import services
from council.constants import MinutesStatus
from council.models import (
    Advice,
    AgendaDocument,
    AgendaItem,
    Council,
    CouncilMember,
    Meeting,
    Minutes,
    MinutesComment,
    MinutesVersion,
)
from herentq.constants import COUNCIL_SECRETARIAT_GROUP
from herentq.models import AuditEntry
from tests.conftest import deliver_mail
from tests.council.conftest import advance

pytestmark = pytest.mark.django_db

MODELS = [
    Council,
    CouncilMember,
    Meeting,
    AgendaItem,
    Minutes,
    MinutesVersion,
    MinutesComment,
    Advice,
]


def test_secretariat_group_holds_every_council_permission():
    group = Group.objects.get(name=COUNCIL_SECRETARIAT_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {
        "change_minutes",
        "add_meeting",
        "change_advice",
        "view_minutesversion",
    } <= (codenames)


@pytest.mark.parametrize("model", MODELS)
def test_secretariat_opens_each_changelist_and_change_form(
    demo_data, secretariat_client, secretariat_user, model
):
    services.minutes_comment_add(
        minutes=Minutes.objects.get(status=MinutesStatus.CIRCULATED),
        author=secretariat_user,
        text="Opmerking",
    )
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert secretariat_client.get(changelist).status_code == 200
    assert secretariat_client.get(changelist, {"q": "radio"}).status_code == 200
    obj = model.objects.first()
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    assert secretariat_client.get(change).status_code == 200


@pytest.mark.parametrize(
    "model", [Council, CouncilMember, Meeting, AgendaItem, Minutes, Advice]
)
def test_secretariat_opens_each_add_form(secretariat_client, model):
    opts = model._meta
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    assert secretariat_client.get(add).status_code == 200


def test_versions_and_comments_cannot_be_added_or_edited(secretariat_client, published):
    version = published.minutes.published_version
    url = reverse("admin:council_minutesversion_change", args=[version.pk])
    response = secretariat_client.post(url, {"reason": "stil gewijzigd"})
    assert response.status_code == 403
    assert (
        secretariat_client.get(reverse("admin:council_minutesversion_add")).status_code
        == 403
    )
    delete = reverse("admin:council_minutesversion_delete", args=[version.pk])
    assert secretariat_client.post(delete, {"post": "yes"}).status_code == 403
    version.refresh_from_db()
    assert version.reason == ""


def test_adding_minutes_creates_an_entry_per_agenda_item(secretariat_client, council):
    from tests.council.factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(council=council, held=True)
    AgendaItemFactory.create_batch(3, meeting=meeting)
    response = secretariat_client.post(
        reverse("admin:council_minutes_add"), {"meeting": meeting.pk}
    )
    assert response.status_code == 302
    assert meeting.minutes.entries.count() == 3


def _entry_formset(minutes, texts):
    data = {}
    prefix = "entries"
    entries = list(minutes.entries.order_by("agenda_item__position"))
    data[f"{prefix}-TOTAL_FORMS"] = str(len(entries))
    data[f"{prefix}-INITIAL_FORMS"] = str(len(entries))
    for index, entry in enumerate(entries):
        data[f"{prefix}-{index}-id"] = str(entry.pk)
        data[f"{prefix}-{index}-minutes"] = str(minutes.pk)
        data[f"{prefix}-{index}-text"] = texts.get(entry.agenda_item_id, entry.text)
    for inline in ("versions", "comments"):
        data[f"{inline}-TOTAL_FORMS"] = "0"
        data[f"{inline}-INITIAL_FORMS"] = "0"
    for key in ("herentq-auditentry-content_type-object_id",):
        data[f"{key}-TOTAL_FORMS"] = "0"
        data[f"{key}-INITIAL_FORMS"] = "0"
    return data


def test_text_changes_show_who_changed_what_from_what_to_what(
    secretariat_client, secretariat_user, scenario
):
    minutes = scenario.minutes
    url = reverse("admin:council_minutes_change", args=[minutes.pk])
    data = _entry_formset(
        minutes, {scenario.public_item.pk: "Nieuwe tekst over de radio."}
    )
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, (
        response.context["errors"] if response.context else ""
    )
    page = secretariat_client.get(url).content.decode()
    assert "Nieuwe tekst over de radio." in page
    assert "De raad steunt de gemeenschapsradio" in page  # the old text
    assert secretariat_user.username in page


def test_approved_text_is_read_only_in_the_admin(secretariat_client, scenario):
    advance(scenario, to="approved")
    minutes = scenario.minutes
    url = reverse("admin:council_minutes_change", args=[minutes.pk])
    before = list(minutes.entries.values_list("text", flat=True))
    secretariat_client.post(
        url, _entry_formset(minutes, {scenario.public_item.pk: "Stiekem"})
    )
    assert list(minutes.entries.values_list("text", flat=True)) == before


def test_text_edited_after_approval_is_refused_with_a_message(
    secretariat_client, scenario
):
    """A page opened before the approval cannot change the frozen text."""
    advance(scenario, to="approved")
    minutes = scenario.minutes
    url = reverse("admin:council_minutes_change", args=[minutes.pk])
    assert "readonly" in secretariat_client.get(url).content.decode()
    before = list(minutes.entries.values_list("text", flat=True))
    response = secretariat_client.post(
        url, _entry_formset(minutes, {scenario.public_item.pk: "Stiekem"})
    )
    assert response.status_code == 200
    assert (
        "Een goedgekeurd verslag verandert niet meer vóór de publicatie."
        in response.content.decode()
    )
    assert list(minutes.entries.values_list("text", flat=True)) == before


def test_steps_on_the_change_form_run_the_workflow(secretariat_client, scenario):
    minutes = scenario.minutes
    change = reverse("admin:council_minutes_change", args=[minutes.pk])
    step = reverse("admin:council_minutes_step", args=[minutes.pk, "circulate"])
    assert step in secretariat_client.get(change).content.decode()
    assert secretariat_client.get(step).status_code == 200  # confirmation page
    response = secretariat_client.post(step)
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.CIRCULATED
    outbox = deliver_mail()
    assert outbox and "http://testserver/grosh/leden/" in outbox[0].body
    schedule = reverse(
        "admin:council_minutes_step", args=[minutes.pk, "schedule-approval"]
    )
    secretariat_client.post(schedule)
    minutes.refresh_from_db()
    assert minutes.approval_item.meeting == scenario.next_meeting
    # Approving before the later meeting is held fails with a message, not a crash.
    approve = reverse("admin:council_minutes_step", args=[minutes.pk, "approve"])
    response = secretariat_client.post(approve, follow=True)
    assert "moet eerst gehouden zijn" in response.content.decode()


def test_correction_form_requires_a_reason(secretariat_client, published):
    minutes = published.minutes
    url = reverse("admin:council_minutes_correction", args=[minutes.pk])
    response = secretariat_client.post(url, {"reason": ""})
    assert response.status_code == 200
    entry = minutes.entries.get(agenda_item=published.public_item)
    services.minutes_entry_update(entry=entry, text="Verbeterd.")
    response = secretariat_client.post(url, {"reason": "Schrijffout"})
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.published_version.reason == "Schrijffout"


def test_advice_history_shows_the_change_and_who_made_it(
    secretariat_client, secretariat_user, scenario
):
    advice = scenario.public_item.advice
    url = reverse("admin:council_advice_change", args=[advice.pk])
    data = {
        "agenda_item": advice.agenda_item_id,
        "subject_text": advice.subject_text,
        "text": advice.text,
        "motivation": advice.motivation,
        "outcome": "conditional",
        "votes_for": 2,
        "votes_against": 1,
        "votes_abstain": 0,
        "followup_status": "",
        "followup_date": "",
        "followup_note": "",
        "herentq-auditentry-content_type-object_id-TOTAL_FORMS": "0",
        "herentq-auditentry-content_type-object_id-INITIAL_FORMS": "0",
    }
    assert secretariat_client.post(url, data).status_code == 302
    history = secretariat_client.get(
        reverse("admin:council_advice_history", args=[advice.pk])
    ).content.decode()
    assert "positive" in history and "conditional" in history
    assert secretariat_user.username in history


def _advice_data(advice=None, **changes):
    data = {
        "subject_text": "Advies over de radio",
        "text": "De raad adviseert positief.",
        "motivation": "Past in het beleid.",
        "outcome": "positive",
        "votes_for": 0,
        "votes_against": 0,
        "votes_abstain": 0,
        "followup_status": "",
        "followup_date": "",
        "followup_note": "",
        "herentq-auditentry-content_type-object_id-TOTAL_FORMS": "0",
        "herentq-auditentry-content_type-object_id-INITIAL_FORMS": "0",
    }
    if advice is not None:
        data.update(
            {
                name: getattr(advice, name)
                for name in ("subject_text", "text", "motivation", "outcome")
            }
        )
        data.update(
            votes_for=advice.votes_for,
            votes_against=advice.votes_against,
            votes_abstain=advice.votes_abstain,
        )
    data.update(changes)
    return data


def test_advice_saved_in_the_admin_goes_through_the_service(
    secretariat_client, scenario
):
    advice = scenario.public_item.advice
    url = reverse("admin:council_advice_change", args=[advice.pk])
    response = secretariat_client.post(
        url, _advice_data(advice, outcome="negative", votes_for=1, votes_against=3)
    )
    assert response.status_code == 302
    advice.refresh_from_db()
    assert (advice.outcome, advice.votes_against) == ("negative", 3)
    assert AuditEntry.objects.filter(
        object_id=str(advice.pk), action="council.advice.amended"
    ).exists()


def test_advice_on_a_cancelled_meeting_is_refused_in_the_admin(
    secretariat_client, council
):
    from tests.council.factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(council=council, status="cancelled")
    item = AgendaItemFactory(meeting=meeting)
    response = secretariat_client.post(
        reverse("admin:council_advice_add"), _advice_data(agenda_item=item.pk)
    )
    assert response.status_code == 200
    assert (
        "Een geannuleerde vergadering geeft geen advies." in response.content.decode()
    )
    assert not Advice.objects.exists()
    assert not AuditEntry.objects.exists()


def test_college_followup_before_the_advice_is_refused_in_the_admin(
    secretariat_client, scenario
):
    advice = scenario.public_item.advice
    url = reverse("admin:council_advice_change", args=[advice.pk])
    day_before = timezone.localdate(scenario.meeting.planned_start) - dt.timedelta(
        days=1
    )
    response = secretariat_client.post(
        url,
        _advice_data(
            advice,
            followup_status="followed",
            followup_date=day_before.isoformat(),
            followup_note="Te vroeg.",
        ),
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["followup_date"] == [
        "Het college beslist na het advies, niet ervoor."
    ]
    advice.refresh_from_db()
    assert (advice.followup_status, advice.followup_date) == ("", None)

    day_after = day_before + dt.timedelta(days=2)
    response = secretariat_client.post(
        url,
        _advice_data(
            advice, followup_status="followed", followup_date=day_after.isoformat()
        ),
    )
    assert response.status_code == 302
    advice.refresh_from_db()
    assert (advice.followup_status, advice.followup_date) == ("followed", day_after)
    assert AuditEntry.objects.filter(
        object_id=str(advice.pk), action="council.advice.followup_recorded"
    ).exists()
    assert not AuditEntry.objects.filter(
        object_id=str(advice.pk), action="council.advice.amended"
    ).exists()


def test_advice_form_refuses_more_votes_than_present_voters(
    secretariat_client, scenario
):
    advice = scenario.public_item.advice
    url = reverse("admin:council_advice_change", args=[advice.pk])
    response = secretariat_client.post(
        url,
        {
            "agenda_item": advice.agenda_item_id,
            "subject_text": advice.subject_text,
            "text": advice.text,
            "motivation": advice.motivation,
            "outcome": "positive",
            "votes_for": 9,
            "votes_against": 0,
            "votes_abstain": 0,
            "herentq-auditentry-content_type-object_id-TOTAL_FORMS": "0",
            "herentq-auditentry-content_type-object_id-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "meer stemmen" in response.content.decode()


def test_document_upload_in_the_admin_is_checked_by_content(
    secretariat_client, scenario
):
    item = scenario.public_item
    url = reverse("admin:council_agendaitem_change", args=[item.pk])
    base = {
        "meeting": item.meeting_id,
        "position": item.position,
        "title": item.title,
        "description": item.description,
        "is_public": "on",
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-0-title": "Voorstel",
    }
    fake = SimpleUploadedFile("voorstel.pdf", b"MZ\x90\x00 not a pdf")
    response = secretariat_client.post(url, {**base, "documents-0-file": fake})
    assert response.status_code == 200
    assert not AgendaDocument.objects.exists()
    real = SimpleUploadedFile("voorstel.pdf", b"%PDF-1.4\n%%EOF\n")
    response = secretariat_client.post(url, {**base, "documents-0-file": real})
    assert response.status_code == 302
    document = AgendaDocument.objects.get()
    assert document.size == len(b"%PDF-1.4\n%%EOF\n")
    assert "voorstel" not in document.file.name  # stored under a random name


@pytest.mark.parametrize("model", [Meeting, Minutes, Advice, AgendaItem])
def test_changelists_run_the_same_queries_for_ten_times_the_meetings(
    demo_data,
    secretariat_client,
    model,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    from devdata.bench import council as bench

    url = reverse(f"admin:council_{model._meta.model_name}_changelist")
    with django_assert_max_num_queries(30) as few:
        secretariat_client.get(url)
    bench.load(scale=0.01)  # ten more meetings, each with approved minutes
    assert Meeting.objects.count() >= 18
    with django_assert_num_queries(len(few.captured_queries)):
        assert secretariat_client.get(url).status_code == 200


def test_audit_trail_shows_words_in_local_time(admin_client, scenario):
    services.minutes_circulate(minutes=scenario.minutes, notify=False)
    AuditEntry.objects.filter(action="council.minutes.circulated").update(
        created_at=dt.datetime(2026, 7, 1, 10, 5, tzinfo=dt.UTC)
    )
    url = reverse("admin:council_minutes_change", args=[scenario.minutes.pk])
    page = admin_client.get(url).content.decode()
    assert "Verslag rondgestuurd aan de leden" in page
    assert "council.minutes.circulated" not in page
    assert "1 juli 2026 12:05" in page  # Europe/Brussels, summer time
    changelist = admin_client.get(
        reverse("admin:herentq_auditentry_changelist"),
        {"handeling": "council.minutes.circulated"},
    )
    assert changelist.status_code == 200
    assert "Verslag rondgestuurd aan de leden" in changelist.content.decode()


def test_old_audit_codes_are_renamed_by_the_migration(scenario):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "herentq.migrations.0005_namespaced_audit_actions"
    )
    entry = AuditEntry.objects.create(
        content_type_id=AuditEntry.objects.first().content_type_id,
        object_id="1",
        action="minutes_circulated",
    )
    migration.forwards(apps, None)
    entry.refresh_from_db()
    assert entry.action == "council.minutes.circulated"


def test_every_declared_audit_action_is_namespaced_and_worded():
    from herentq.audit import ACTION_PATTERN, action_labels

    labels = action_labels()
    assert "subsidies.application.submitted" in labels
    for code, label in labels.items():
        assert ACTION_PATTERN.match(code)
        assert str(label) and str(label) != code


def _meeting_data(meeting, **changes):
    local = timezone.localtime(meeting.planned_start)
    data = {
        "council": meeting.council_id,
        "planned_start_0": local.date().isoformat(),
        "planned_start_1": local.strftime("%H:%M"),
        "location": meeting.location,
        "status": meeting.status,
        "started_at_0": "",
        "started_at_1": "",
        "ended_at_0": "",
        "ended_at_1": "",
        "cancellation_reason": "",
    }
    for prefix in (
        "agenda_items",
        "attendances",
        "herentq-auditentry-content_type-object_id",
    ):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    data.update(changes)
    return data


def test_cancelling_a_meeting_in_the_admin_goes_through_the_service(
    secretariat_client, scenario
):
    held = scenario.meeting
    url = reverse("admin:council_meeting_change", args=[held.pk])
    data = _meeting_data(held, status="cancelled", cancellation_reason="Vergissing")
    data["started_at_0"], data["started_at_1"] = data["planned_start_0"], "20:00"
    data["ended_at_0"], data["ended_at_1"] = data["planned_start_0"], "22:00"
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"] == [
        "Enkel een geplande vergadering kan geannuleerd worden."
    ]
    held.refresh_from_db()
    assert held.status == "held"

    planned = scenario.next_meeting
    url = reverse("admin:council_meeting_change", args=[planned.pk])
    response = secretariat_client.post(
        url, _meeting_data(planned, status="cancelled", cancellation_reason="Ziekte")
    )
    assert response.status_code == 302
    planned.refresh_from_db()
    assert (planned.status, planned.cancellation_reason) == ("cancelled", "Ziekte")
    entry = AuditEntry.objects.get(action="council.meeting.cancelled")
    assert entry.reason == "Ziekte"


def test_agenda_item_on_a_cancelled_meeting_is_refused_in_the_admin(
    secretariat_client, council
):
    from tests.council.factories import MeetingFactory

    meeting = MeetingFactory(
        council=council, status="cancelled", cancellation_reason="Ziekte"
    )
    url = reverse("admin:council_meeting_change", args=[meeting.pk])
    data = _meeting_data(meeting, cancellation_reason="Ziekte")
    data.update(
        {
            "agenda_items-TOTAL_FORMS": "1",
            "agenda_items-0-position": "1",
            "agenda_items-0-title": "Toch nog een punt",
            "agenda_items-0-is_public": "on",
            "agenda_items-0-description": "",
        }
    )
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    assert (
        "Een geannuleerde vergadering krijgt geen agendapunten."
        in response.content.decode()
    )
    assert not AgendaItem.objects.exists()
    response = secretariat_client.post(
        reverse("admin:council_agendaitem_add"),
        {
            "meeting": meeting.pk,
            "position": "1",
            "title": "Via het andere formulier",
            "description": "",
            "is_public": "on",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["meeting"] == [
        "Een geannuleerde vergadering krijgt geen agendapunten."
    ]
    assert not AgendaItem.objects.exists()


def test_agenda_item_added_in_the_admin_gets_its_minutes_entry(
    secretariat_client, scenario
):
    meeting = scenario.meeting
    response = secretariat_client.post(
        reverse("admin:council_agendaitem_add"),
        {
            "meeting": meeting.pk,
            "position": "3",
            "title": "Varia",
            "description": "",
            "is_public": "on",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(title="Varia")
    assert scenario.minutes.entries.filter(agenda_item=item).exists()
    assert AuditEntry.objects.filter(
        action="council.meeting.agenda_item_added", object_id=str(meeting.pk)
    ).exists()
