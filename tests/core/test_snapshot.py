"""tests/snapshot.py puts the database back as it was: every table, the job queue's
too."""

from procrastinate.contrib.django.models import ProcrastinateJob

from herentq.tasks import send_queued_mail


def test_a_restore_empties_the_job_queue(db, migrated_snapshot):
    """Browser tests commit, and the snapshot puts their tables back afterwards; a
    job one deferred stayed queued for every later test of the worker while the
    snapshot left out procrastinate's tables (unmanaged models)."""
    send_queued_mail.defer()
    assert ProcrastinateJob.objects.count() == 1
    migrated_snapshot.restore()
    assert ProcrastinateJob.objects.count() == 0
