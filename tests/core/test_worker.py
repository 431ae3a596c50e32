import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from post_office.models import Email

pytestmark = pytest.mark.django_db


def test_mail_is_queued_and_sent_by_the_worker():
    mail.send_mail("Onderwerp", "Tekst", None, ["iemand@example.be"])
    assert mail.outbox == []
    assert Email.objects.filter(to="iemand@example.be").count() == 1
    call_command("run_worker", "--once")
    assert [m.subject for m in mail.outbox] == ["Onderwerp"]


def test_mail_queued_in_a_rolled_back_transaction_is_never_sent():
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send_mail("Nooit", "Tekst", None, ["iemand@example.be"])
        raise RuntimeError("the change fails")
    call_command("run_worker", "--once")
    assert mail.outbox == []


def test_mail_stays_queued_while_the_mail_server_is_down(settings):
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "tests.core.broken_mail.DownBackend"},
    }
    mail.send_mail("Belangrijk", "Tekst", None, ["iemand@example.be"])
    call_command("run_worker", "--once")
    email = Email.objects.get(subject="Belangrijk")
    assert email.status != 0  # not sent
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    }
    Email.objects.filter(pk=email.pk).update(scheduled_time=None)  # retry is due
    call_command("run_worker", "--once")
    assert [m.subject for m in mail.outbox] == ["Belangrijk"]
