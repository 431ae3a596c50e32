"""Convocations with the public agenda published at the same time, and the
reminder to comment on circulated minutes: each sent once, by a periodic command."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from herentq.models import MailPreference
from tests.conftest import deliver_mail
from tests.council.conftest import advance
from tests.council.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_convocation_mails_the_agenda_and_publishes_it_once(client, council, member):
    soon = MeetingFactory(
        council=council,
        planned_start=timezone.now() + dt.timedelta(days=7),
        agenda_published_at=None,
    )
    later = MeetingFactory(
        council=council,
        planned_start=timezone.now() + dt.timedelta(days=12),
        agenda_published_at=None,
    )
    AgendaItemFactory(meeting=soon, title="Jaarplanning")
    AgendaItemFactory(meeting=soon, title="Dossier Zeldzaam", is_public=False)
    AgendaItemFactory(meeting=later, title="Later punt")
    detail = reverse("council:meeting_detail", args=[soon.pk])
    before = client.get(detail).content.decode()
    assert "Jaarplanning" not in before
    assert "verschijnt hier 8 dagen voor de vergadering" in before

    call_command("send_council_reminders")
    call_command("send_council_reminders")  # again: nothing more

    mails = [m for m in deliver_mail() if "Uitnodiging" in m.subject]
    assert [m.to for m in mails] == [[member.contact_email]]
    assert "Jaarplanning" in mails[0].body
    assert "Dossier Zeldzaam (besloten)" in mails[0].body
    assert "Jaarplanning" in client.get(detail).content.decode()
    assert "Dossier Zeldzaam" not in client.get(detail).content.decode()
    later_page = client.get(reverse("council:meeting_detail", args=[later.pk]))
    assert "Later punt" not in later_page.content.decode()

    council.convocation_days = 14  # configurable per council
    council.save()
    call_command("send_council_reminders")
    assert (
        "Later punt"
        in client.get(
            reverse("council:meeting_detail", args=[later.pk])
        ).content.decode()
    )


def test_members_are_reminded_of_circulated_minutes_unless_they_opted_out(scenario):
    minutes = advance(scenario, to="circulated")
    from council import services

    services.minutes_schedule_approval(minutes=minutes)
    approving = scenario.next_meeting
    approving.planned_start = timezone.now() + dt.timedelta(days=2)
    approving.save()
    opted_out = scenario.members[1]
    opted_out.email = "geen-herinnering@example.be"
    opted_out.save()
    from tests.factories import UserFactory

    MailPreference.objects.create(
        user=UserFactory(email="geen-herinnering@example.be"), reminders=False
    )

    call_command("send_council_reminders")
    call_command("send_council_reminders")

    reminders = [m for m in deliver_mail() if "Opmerkingen bij" in m.subject]
    recipients = sorted(m.to[0] for m in reminders)
    assert scenario.members[0].contact_email in recipients
    assert "geen-herinnering@example.be" not in recipients
    assert len(recipients) == len(set(recipients))
    assert minutes.get_members_url() in reminders[0].body
