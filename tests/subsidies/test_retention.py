"""Retention as periodic jobs: finished files lose their personal data after the
archive period; unused accounts are warned, then closed."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from herentq.models import SentReminder
from subsidies import services
from subsidies.models import Application, Attachment, Message
from tests.conftest import deliver_mail
from tests.subsidies.factories import AttachmentFactory

pytestmark = pytest.mark.django_db


def test_finished_files_are_anonymised_after_the_archive_period(draft, applicant):
    Message.objects.create(application=draft, author=applicant, body="Mijn adres is…")
    AttachmentFactory(application=draft, uploaded_by=applicant)
    services.application_submit(application=draft, user=applicant)
    long_ago = timezone.now() - dt.timedelta(days=365 * 11)
    Application.objects.filter(pk=draft.pk).update(
        status="withdrawn", withdrawn_at=long_ago, updated_at=long_ago
    )

    call_command("anonymise_subsidy_files")
    call_command("anonymise_subsidy_files")  # again: nothing more

    draft.refresh_from_db()
    assert draft.anonymised_at is not None
    assert (draft.contact_name, draft.contact_email, draft.created_by) == ("", "", None)
    assert draft.title  # the register keeps what was granted for what
    assert not Attachment.objects.filter(application=draft).exists()
    assert "Mijn adres" not in Message.objects.get(application=draft).body


def test_unused_accounts_are_warned_then_closed(applicant, draft, service_user):
    four_years = timezone.now() - dt.timedelta(days=365 * 4)
    applicant.last_login = four_years
    applicant.save()
    service_user.last_login = four_years
    service_user.save()
    deliver_mail().clear()

    call_command("remove_inactive_accounts")
    call_command("remove_inactive_accounts")
    [warning] = deliver_mail()
    assert warning.to == ["an@vereniging.be"]
    assert "binnenkort gesloten" in warning.subject

    SentReminder.objects.update(sent_at=timezone.now() - dt.timedelta(days=31))
    call_command("remove_inactive_accounts")
    applicant.refresh_from_db()
    service_user.refresh_from_db()
    assert not applicant.is_active and applicant.email == ""
    assert service_user.is_active  # staff are never removed this way


def test_an_unused_account_a_kept_file_needs_stays(applicant, draft):
    services.application_submit(application=draft, user=applicant)
    applicant.last_login = timezone.now() - dt.timedelta(days=365 * 4)
    applicant.save()
    call_command("remove_inactive_accounts")
    SentReminder.objects.update(sent_at=timezone.now() - dt.timedelta(days=31))
    call_command("remove_inactive_accounts")
    applicant.refresh_from_db()
    assert applicant.is_active
