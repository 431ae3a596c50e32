"""Two workers on one queue: 200 queued mails reach the SMTP server exactly once
each, each periodic job runs once per period, and a worker killed in the middle of
a job leaves it to be retried, not lost."""

import time

import pytest

from tests.cluster.conftest import wait_for

pytestmark = pytest.mark.cluster


def _queue_mail(cluster, subjects: list[str]) -> None:
    """As the portal queues mail: through post_office's backend, one transaction
    (and one wake-up job) per mail."""
    cluster.shell(
        "from django.core import mail\n"
        f"for subject in {subjects!r}:\n"
        "    mail.send_mail(subject, 'Tekst', None, ['iemand@example.be'])\n"
    )


def _both_workers_run(cluster):
    cluster.script("start", "worker-1")
    cluster.script("start", "worker-2")
    wait_for(
        lambda: cluster.query("SELECT count(*) FROM procrastinate_workers")[0][0] >= 2,
        seconds=60,
    )


def test_200_mails_are_sent_once_each_by_two_workers(cluster, sink):
    _both_workers_run(cluster)
    subjects = [f"Mail {number}" for number in range(200)]
    _queue_mail(cluster, subjects)

    def mine():
        return [m for m in sink.messages if (m["Subject"] or "").startswith("Mail ")]

    wait_for(lambda: len(mine()) >= 200, seconds=120)
    time.sleep(2)  # a duplicate would arrive now
    assert len(mine()) == 200
    assert len({m["Message-ID"] for m in mine()}) == 200
    assert sorted(m["Subject"] for m in mine()) == sorted(subjects)


def test_a_job_cut_off_by_a_killed_worker_is_retried_not_lost(cluster, sink):
    # One worker, so that we know which one is in the middle of the job.
    cluster.script("stop", "worker-2")
    cluster.script("start", "worker-1")
    _queue_mail(cluster, ["Traag 1"])
    # The SMTP server holds the delivery: worker-1 is in the middle of its job.
    wait_for(lambda: "Traag 1" in sink.hanging, seconds=60)
    (job_id,) = wait_for(
        lambda: cluster.query(
            "SELECT id FROM procrastinate_jobs WHERE status = 'doing'"
            " AND task_name = 'herentq.send_queued_mail'"
        )
    )[0]
    cluster.kill("worker-1")
    assert "Traag 1" not in sink.subjects()
    _both_workers_run(cluster)

    # Its mail arrives once (the sweep or the retried job sends it) and the job
    # itself is queued again once the dead worker's heartbeat is silent, then runs.
    def job_status():
        return cluster.query(
            "SELECT status FROM procrastinate_jobs WHERE id = %s", job_id
        )[0][0]

    wait_for(lambda: job_status() == "succeeded", seconds=150, step=1)
    wait_for(lambda: "Traag 1" in sink.subjects(), seconds=60)
    time.sleep(2)
    assert sink.subjects().count("Traag 1") == 1
    attempts = cluster.query(
        "SELECT attempts FROM procrastinate_jobs WHERE id = %s", job_id
    )[0][0]
    assert attempts >= 1


def test_each_periodic_job_runs_once_per_period(cluster):
    # By now both workers have run side by side through more than a minute.
    runs = cluster.query(
        "SELECT task_name, args->>'command', args->>'timestamp', count(*)"
        " FROM procrastinate_jobs WHERE args->>'timestamp' IS NOT NULL"
        " GROUP BY 1, 2, 3"
    )
    periods = {(task, command) for task, command, _period, _count in runs}
    assert ("herentq.send_queued_mail", None) in periods  # the mail sweep
    assert ("herentq.retry_stalled_jobs", None) in periods
    assert {count for _task, _command, _period, count in runs} == {1}
