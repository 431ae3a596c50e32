"""The worker's jobs, run in the test's transaction (tests/core/test_worker_processes.py
runs real worker processes). Mail goes to a real local SMTP server."""

import datetime as dt

import pytest
from django.contrib.admin import helpers
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from herentq import mail_queue
from tests.conftest import deliver_mail
from tests.smtp_sink import SmtpServer

pytestmark = pytest.mark.django_db


def test_mail_is_queued_and_sent_by_the_worker():
    mail.send_mail("Onderwerp", "Tekst", None, ["iemand@example.be"])
    assert mail.outbox == []
    assert Email.objects.filter(to="iemand@example.be").count() == 1
    assert [m.subject for m in deliver_mail()] == ["Onderwerp"]
    assert deliver_mail() == mail.outbox  # sent once
    assert len(mail.outbox) == 1


def test_mail_queued_in_a_rolled_back_transaction_is_never_sent():
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send_mail("Nooit", "Tekst", None, ["iemand@example.be"])
        raise RuntimeError("the change fails")
    assert deliver_mail() == []


def test_a_committed_mail_wakes_one_sending_job(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_mail("Snel", "Tekst", None, ["iemand@example.be"])
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_mail("Ook snel", "Tekst", None, ["iemand@example.be"])
    # The second mail finds a sending job waiting: it will send both.
    assert (
        ProcrastinateJob.objects.filter(
            task_name="herentq.send_queued_mail", status="todo"
        ).count()
        == 1
    )


def test_every_declared_periodic_command_is_a_periodic_job():
    periodic = {
        p.periodic_id: p.cron for p in app.periodic_registry.periodic_tasks.values()
    }
    assert periodic["expire_learning_track_offers"] == "*/5 * * * *"
    assert periodic["anonymise_participants"] == "0 0 * * *"
    assert periodic["mail-sweep"] == "* * * * *"


@pytest.fixture
def smtp(settings):
    """A real SMTP server as the delivery backend, started by the test."""
    server = SmtpServer()
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
    }
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_TIMEOUT = 2
    yield server
    server.stop()


def _retry_hours(start, hours):
    """Run the send step at every moment a retry falls due in the next ``hours``,
    on a moved clock (no waiting)."""
    end = start + dt.timedelta(hours=hours)
    now = start
    while now <= end:
        mail_queue.send_due_mail(now)
        due = Email.objects.filter(status=STATUS.queued).order_by("scheduled_time")
        nxt = due.values_list("scheduled_time", flat=True).first()
        if nxt is None:
            break
        now = max(nxt, now + dt.timedelta(seconds=1))
    return now


def test_a_day_without_mail_server_loses_no_mail(smtp):
    start = timezone.now()
    for number in range(3):
        mail.send_mail(f"Bericht {number}", "Tekst", None, ["iemand@example.be"])
    _retry_hours(start, 24)  # the server is down: every attempt is refused
    assert smtp.sink.messages == []
    retried = Email.objects.filter(status=STATUS.queued)
    assert retried.count() == 3
    assert min(retried.values_list("number_of_retries", flat=True)) >= 24
    smtp.start()
    mail_queue.send_due_mail(start + dt.timedelta(hours=25))
    assert sorted(smtp.sink.subjects()) == ["Bericht 0", "Bericht 1", "Bericht 2"]
    assert len(set(smtp.sink.message_ids())) == 3
    assert Email.objects.filter(status=STATUS.sent).count() == 3


def test_mail_given_up_after_72_hours_is_requeued_from_the_admin(smtp, admin_client):
    start = timezone.now()
    mail.send_mail("Verloren", "Tekst", None, ["iemand@example.be"])
    _retry_hours(start, 71)
    assert Email.objects.get().status == STATUS.queued  # still tried after 71 h
    _retry_hours(start + dt.timedelta(hours=71), 2)
    email = Email.objects.get()
    assert email.status == STATUS.failed  # given up after 72 h
    changelist = reverse("admin:post_office_email_changelist")

    page = admin_client.get(changelist, {"bezorging": "opgegeven"})
    assert "Opgegeven na 72 uur" in page.content.decode()
    assert list(page.context["cl"].result_list) == [email]
    assert (
        list(
            admin_client.get(changelist, {"bezorging": "opnieuw"})
            .context["cl"]
            .result_list
        )
        == []
    )

    smtp.start()
    response = admin_client.post(
        changelist,
        {"action": "requeue", helpers.ACTION_CHECKBOX_NAME: [email.pk]},
        follow=True,
    )
    assert "1 e-mail staat opnieuw in de wachtrij." in response.content.decode()
    deliver_mail()
    assert smtp.sink.subjects() == ["Verloren"]
    email.refresh_from_db()
    assert (email.status, email.number_of_retries) == (STATUS.sent, 0)


def test_a_job_of_a_silent_worker_is_queued_again_and_a_live_ones_is_not():
    from django.db import connection

    from herentq.tasks import retry_stalled_jobs

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO procrastinate_workers (last_heartbeat) VALUES"
            " (now() - interval '5 minutes'), (now()) RETURNING id"
        )
        dead, alive = (row[0] for row in cursor.fetchall())
        jobs = []
        for worker in (dead, alive):
            cursor.execute(
                "INSERT INTO procrastinate_jobs (queue_name, task_name, args, status,"
                " worker_id) VALUES ('default', 'herentq.send_queued_mail', '{}',"
                " 'doing', %s) RETURNING id",
                [worker],
            )
            jobs.append(cursor.fetchone()[0])
    assert retry_stalled_jobs(timestamp=0) == 1
    status = dict(
        ProcrastinateJob.objects.filter(id__in=jobs).values_list("id", "status")
    )
    assert status == {jobs[0]: "todo", jobs[1]: "doing"}
