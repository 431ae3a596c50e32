import pytest
from django.core.management import call_command

from herentq.models import AuditEntry
from subsidies.constants import Status
from subsidies.models import Application, BudgetEnvelope, Organisation, Scheme

pytestmark = pytest.mark.django_db


def counts():
    return {
        "schemes": Scheme.objects.count(),
        "organisations": Organisation.objects.count(),
        "applications": Application.objects.count(),
        "application_history": Application.history.count(),
        "envelope_history": BudgetEnvelope.history.count(),
        "scheme_history": Scheme.history.count(),
        "audit": AuditEntry.objects.count(),
    }


def test_demo_data_has_files_in_every_state_and_loads_twice_without_changes(
    demo_data,
):
    first = counts()
    assert first["schemes"] == 4
    assert first["applications"] >= 15
    assert set(Application.objects.values_list("status", flat=True)) == set(
        Status.values
    )
    call_command("load_demo_data", verbosity=0)
    assert counts() == first


def test_demo_envelopes_match_their_files_and_one_call_is_open(demo_data):
    from django.utils import timezone

    from subsidies.models import Call

    for envelope in BudgetEnvelope.objects.all():
        files = Application.objects.filter(
            call__scheme=envelope.scheme, call__year=envelope.year
        )
        assert envelope.committed == sum(a.committed_amount for a in files)
        assert envelope.committed <= envelope.budget
    assert (
        Call.objects.open().filter(scheme__slug="projectsubsidie-4de-pijler").exists()
    )
    assert Application.objects.filter(
        submitted_at__year=timezone.localdate().year - 1
    ).exists()


def test_demo_sends_no_mail(demo_data):
    from post_office.models import Email

    assert not Email.objects.exists()
