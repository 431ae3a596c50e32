"""Nobody but members sees a closed item, a draft or circulated version, a member's
comment or a closed item's document: not on a page, in search, feeds, JSON-LD or by
typing a URL. Each test tries to cross the line."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from council import selectors, services
from herentq.constants import COUNCIL_MEMBERS_GROUP, COUNCIL_SECRETARIAT_GROUP
from tests.council.conftest import (
    CLOSED_TEXT,
    CLOSED_TITLE,
    PUBLIC_TEXT,
    advance,
)
from tests.council.factories import CouncilMemberFactory
from tests.factories import UserFactory
from tests.s3_server import PRIVATE_BUCKET

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"
SECRET_WORDS = [CLOSED_TITLE, CLOSED_TEXT, "Advies Zeldzaam", "Xylofoonstraat"]


def _public_pages(scenario):
    meeting = scenario.meeting
    return [
        reverse("council:index"),
        reverse("council:meeting_list"),
        reverse("council:meeting_detail", args=[meeting.pk]),
        reverse("council:meeting_detail", args=[scenario.next_meeting.pk]),
        reverse("council:meeting_jsonld", args=[meeting.pk]),
        reverse("council:meetings_ical"),
        reverse("council:advice_list"),
        reverse("council:search") + "?q=radio",
    ]


# Words only the closed item's title, text and advice contain.
SECRET_QUERIES = ["Zeldzaam", "Xylofoonstraat", "begunstigde"]


def _assert_nothing_secret(client, scenario, extra=()):
    for path in _public_pages(scenario) + list(extra):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        content = response.content.decode()
        for word in SECRET_WORDS:
            assert word not in content, (path, word)
    for query in SECRET_QUERIES:
        response = client.get(reverse("council:search"), {"q": query})
        assert response.context["results"].count == 0, query


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
@pytest.mark.parametrize("stage", ["draft", "circulated", "approved", "published"])
def test_no_closed_or_unpublished_content_leaks_to_the_public(
    client, scenario, who, stage
):
    if stage != "draft":
        advance(scenario, to=stage)
    if who == "outsider":
        client.force_login(UserFactory(email="buur@example.be"))
    minutes_url = reverse("council:minutes_public", args=[scenario.meeting.pk])
    _assert_nothing_secret(client, scenario, extra=[minutes_url])
    response = client.get(minutes_url)
    if stage == "published":
        assert PUBLIC_TEXT in response.content.decode()
    else:
        assert response.status_code == 404
        # Neither the draft nor the circulated text is in the public search.
        search = client.get(reverse("council:search") + "?q=gemeenschapsradio")
        assert PUBLIC_TEXT not in search.content.decode()


def test_members_see_closed_items_draft_minutes_and_comments(member_client, scenario):
    meeting_page = member_client.get(
        reverse("council:members_meeting", args=[scenario.meeting.pk])
    )
    assert CLOSED_TITLE in meeting_page.content.decode()
    draft = member_client.get(
        reverse("council:members_minutes", args=[scenario.meeting.pk])
    )
    assert CLOSED_TEXT in draft.content.decode()
    assert "werktekst" in draft.content.decode()


@pytest.mark.parametrize(
    "name", ["members_index", "members_meeting", "members_minutes"]
)
def test_anonymous_visitor_is_sent_to_login_from_the_members_area(
    client, scenario, name
):
    args = [] if name == "members_index" else [scenario.meeting.pk]
    response = client.get(reverse(f"council:{name}", args=args))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "name", ["members_index", "members_meeting", "members_minutes"]
)
def test_logged_in_non_member_is_refused_the_members_area(
    outsider_client, scenario, name
):
    args = [] if name == "members_index" else [scenario.meeting.pk]
    response = outsider_client.get(reverse(f"council:{name}", args=args))
    assert response.status_code == 403
    content = response.content.decode()
    assert "Enkel voor leden van de GROSH" in content
    assert CLOSED_TITLE not in content


def test_non_member_cannot_post_a_comment(outsider_client, scenario):
    advance(scenario, to="circulated")
    response = outsider_client.post(
        reverse("council:members_minutes", args=[scenario.meeting.pk]),
        {"text": "Ik ben geen lid."},
    )
    assert response.status_code == 403
    assert not scenario.minutes.comments.exists()


def test_member_comment_is_seen_by_members_only(member_client, client, scenario):
    advance(scenario, to="circulated")
    url = reverse("council:members_minutes", args=[scenario.meeting.pk])
    response = member_client.post(url, {"text": "Opmerking Kwispelstaart bij punt 2."})
    assert response.status_code == 302
    assert "Kwispelstaart" in member_client.get(url).content.decode()
    member_client.logout()
    advance_rest = scenario.minutes
    services.minutes_schedule_approval(minutes=advance_rest)
    for path in _public_pages(scenario):
        assert "Kwispelstaart" not in client.get(path).content.decode()


def test_account_linked_to_a_seat_in_office_is_a_member_without_the_group(council):
    user = UserFactory()
    assert selectors.user_is_council_member(user) is False
    CouncilMemberFactory(council=council, user=user)
    assert selectors.user_is_council_member(user) is True


def test_a_seat_whose_term_ended_gives_no_access(client, council):
    user = UserFactory()
    CouncilMemberFactory(
        council=council,
        user=user,
        term_start=dt.date(2015, 1, 1),
        term_end=timezone.localdate() - dt.timedelta(days=1),
    )
    assert selectors.user_is_council_member(user) is False
    client.force_login(user)
    assert client.get(reverse("council:members_index")).status_code == 403


def test_group_membership_alone_gives_access(client, council):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=COUNCIL_MEMBERS_GROUP))
    client.force_login(user)
    assert client.get(reverse("council:members_index")).status_code == 200


def test_secretariat_reads_the_members_area(secretariat_client, scenario):
    response = secretariat_client.get(
        reverse("council:members_minutes", args=[scenario.meeting.pk])
    )
    assert response.status_code == 200
    assert CLOSED_TEXT in response.content.decode()


def test_inactive_account_in_the_group_is_no_member(council):
    user = UserFactory(is_active=False)
    user.groups.add(Group.objects.get(name=COUNCIL_MEMBERS_GROUP))
    assert selectors.user_is_council_member(user) is False


@pytest.fixture
def documents(scenario):
    public = services.document_add(
        agenda_item=scenario.public_item,
        title="Projectvoorstel radio",
        file=ContentFile(PDF, "voorstel.pdf"),
    )
    closed = services.document_add(
        agenda_item=scenario.closed_item,
        title="Dossier Zeldzaam",
        file=ContentFile(PDF, "dossier.pdf"),
    )
    return public, closed


def test_public_document_is_served_to_anyone(client, documents):
    public, _closed = documents
    response = client.get(public.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"


def test_closed_document_url_sends_anonymous_visitors_to_login(client, documents):
    _public, closed = documents
    response = client.get(closed.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_closed_document_url_is_not_found_for_non_members(outsider_client, documents):
    _public, closed = documents
    assert outsider_client.get(closed.get_absolute_url()).status_code == 404


def test_closed_document_is_served_to_members_and_not_cached(member_client, documents):
    _public, closed = documents
    response = member_client.get(closed.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_closed_document_in_object_storage_is_streamed_to_members_only(
    object_storage, member, documents
):
    public, closed = documents
    for document in (public, closed):
        stored = object_storage.bucket(PRIVATE_BUCKET) / document.file.name
        assert stored.read_bytes() == PDF
    member_client = Client()
    member_client.force_login(member.user)
    response = member_client.get(closed.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]
    outsider = Client()
    outsider.force_login(UserFactory(email="buur@example.be"))
    assert outsider.get(closed.get_absolute_url()).status_code == 404
    assert Client().get(closed.get_absolute_url()).status_code == 302
    assert Client().get(public.get_absolute_url()).status_code == 200


def test_closed_document_is_not_linked_on_public_pages(client, documents, scenario):
    _public, closed = documents
    page = client.get(reverse("council:meeting_detail", args=[scenario.meeting.pk]))
    assert closed.get_absolute_url() not in page.content.decode()
    assert "Projectvoorstel radio" in page.content.decode()


def test_advice_on_a_closed_item_is_not_in_the_public_register(client, scenario):
    closed_advice = scenario.closed_item.advice
    assert client.get(closed_advice.get_absolute_url()).status_code == 404
    register = client.get(reverse("council:advice_list")).content.decode()
    assert "Advies over de radio" in register
    assert "Advies Zeldzaam" not in register


def test_only_the_secretariat_edits_council_data_in_the_admin(client, member):
    client.force_login(member.user)
    response = client.get(reverse("admin:council_minutes_changelist"))
    assert response.status_code == 302  # members have no admin access
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:council_minutes_changelist")).status_code == 403
    staff.groups.add(Group.objects.get(name=COUNCIL_SECRETARIAT_GROUP))
    assert client.get(reverse("admin:council_minutes_changelist")).status_code == 200
