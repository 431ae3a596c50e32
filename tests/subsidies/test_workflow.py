"""Processing by the service: transitions, the budget envelope, payments."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from herentq.models import AuditEntry
from subsidies import services
from subsidies.models import Application, BudgetEnvelope
from subsidies.services import EnvelopeExceeded, SubsidyError
from subsidies.workflow import APPLICATIONS, TransitionNotAllowed
from tests.conftest import deliver_mail
from tests.factories import UserFactory
from tests.subsidies.factories import (
    ApplicationFactory,
    CallFactory,
    EnvelopeFactory,
    OrganisationFactory,
    SchemeFactory,
    verified_user,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 5, 4)
NBSP = "\u00a0"


def submit(application, user):
    return services.application_submit(application=application, user=user)


def to_advised(application, actor, user):
    application = submit(application, user)
    application = services.application_start_screening(
        application=application, actor=actor
    )
    application = services.application_put_on_agenda(
        application=application, actor=actor
    )
    return services.application_record_advice(
        application=application,
        actor=actor,
        outcome="positive",
        motivation="Sterk project met de partner.",
        advice_date=TODAY,
        proposed_amount=Decimal("2000"),
    )


def approve(application, actor, amount="2000"):
    return services.application_decide(
        application=application,
        actor=actor,
        decision="approved",
        amount=Decimal(amount),
        decision_date=TODAY,
        decision_reference="CBS 2026/123",
        reason="Positief advies gevolgd.",
    )


def test_the_whole_path_keeps_the_envelope_right_and_records_who_when_why(
    draft, applicant, service_user, envelope
):
    application = to_advised(draft, service_user, applicant)
    envelope.refresh_from_db()
    assert (envelope.committed, envelope.paid) == (0, 0)

    application = approve(application, service_user)
    envelope.refresh_from_db()
    assert application.status == "approved"
    assert envelope.committed == Decimal("2000")
    assert envelope.remaining == Decimal("18000")
    assert application.report_due_on == application.end_date + dt.timedelta(days=90)

    application = services.application_pay_advance(
        application=application,
        actor=service_user,
        amount=Decimal("1600"),
        paid_on=TODAY,
    )
    envelope.refresh_from_db()
    assert envelope.paid == Decimal("1600")

    application.report_narrative = "De radio zendt uit."
    application.save()
    for line in application.budget_lines.all():
        line.actual_amount = line.amount
        line.save()
    from tests.subsidies.factories import AttachmentFactory

    AttachmentFactory(application=application, purpose="report")
    application = services.application_submit_report(
        application=application, user=applicant
    )
    application = services.application_accept_report(
        application=application, actor=service_user
    )
    application = services.application_pay_balance(
        application=application,
        actor=service_user,
        amount=Decimal("400"),
        paid_on=TODAY,
    )
    application = services.application_close(
        application=application, actor=service_user, reason="Alles in orde."
    )
    envelope.refresh_from_db()
    assert application.status == "closed"
    assert (envelope.committed, envelope.paid) == (Decimal("2000"), Decimal("2000"))

    actions = list(
        AuditEntry.objects.filter(object_id=str(application.pk))
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "subsidies.application.submitted",
        "subsidies.application.start_screening",
        "subsidies.application.put_on_agenda",
        "subsidies.application.record_advice",
        "subsidies.application.decide",
        "subsidies.application.pay_advance",
        "subsidies.application.submit_report",
        "subsidies.application.accept_report",
        "subsidies.application.pay_balance",
        "subsidies.application.close",
    ]
    decide = AuditEntry.objects.get(action="subsidies.application.decide")
    assert decide.actor == service_user
    assert decide.reason == "Positief advies gevolgd."
    assert decide.data["decision_reference"] == "CBS 2026/123"
    history = application.history.order_by("history_date")
    assert [h.status for h in history][-3:] == [
        "report_accepted",
        "balance_paid",
        "closed",
    ]
    assert history.last().history_user == service_user

    # Every step told the applicant, in plain language.
    subjects = [m.subject for m in deliver_mail() if applicant.email in m.to]
    assert any("Toegekend: het voorschot volgt" in s for s in subjects)
    assert any("Saldo betaald" in s for s in subjects)


@pytest.mark.parametrize(
    ("status", "transition"),
    [
        ("submitted", "decide"),
        ("screening", "record_advice"),
        ("advised", "pay_advance"),
        ("approved", "accept_report"),
        ("approved", "withdraw"),
        ("refused", "pay_balance"),
        ("closed", "start_screening"),
        ("withdrawn", "request_information"),
    ],
)
def test_transitions_the_workflow_does_not_allow_are_refused(
    status, transition, draft, applicant, service_user
):
    draft.status = status
    draft.reference = "SUB-2026-0001"
    draft.submitted_at = timezone.now()
    if status in ("approved", "advised"):
        draft.decision = "approved" if status == "approved" else ""
        draft.approved_amount = Decimal("1000") if status == "approved" else None
        draft.committed_amount = Decimal("1000") if status == "approved" else 0
    draft.save()
    calls = {
        "decide": lambda: approve(draft, service_user),
        "record_advice": lambda: services.application_record_advice(
            application=draft,
            actor=service_user,
            outcome="positive",
            motivation="x",
            advice_date=TODAY,
        ),
        "pay_advance": lambda: services.application_pay_advance(
            application=draft, actor=service_user, amount=Decimal("1"), paid_on=TODAY
        ),
        "accept_report": lambda: services.application_accept_report(
            application=draft, actor=service_user
        ),
        "withdraw": lambda: services.application_withdraw(
            application=draft, user=applicant
        ),
        "pay_balance": lambda: services.application_pay_balance(
            application=draft, actor=service_user, amount=Decimal("1"), paid_on=TODAY
        ),
        "start_screening": lambda: services.application_start_screening(
            application=draft, actor=service_user
        ),
        "request_information": lambda: services.application_request_information(
            application=draft, actor=service_user, question="?", steps=["project"]
        ),
    }
    with pytest.raises(TransitionNotAllowed):
        calls[transition]()
    draft.refresh_from_db()
    assert draft.status == status


def test_decision_needs_the_grosh_advice_unless_the_scheme_says_otherwise(
    draft, applicant, service_user, envelope
):
    application = submit(draft, applicant)
    application = services.application_start_screening(
        application=application, actor=service_user
    )
    assert "decide" not in [t.name for t in APPLICATIONS.available(application)]
    with pytest.raises(TransitionNotAllowed):
        approve(application, service_user)

    scheme = application.call.scheme
    scheme.requires_council_advice = False
    scheme.save()
    application.refresh_from_db()
    names = [t.name for t in APPLICATIONS.available(application)]
    assert "decide" in names and "put_on_agenda" not in names
    assert approve(application, service_user).status == "approved"


def test_approving_more_than_what_remains_is_impossible(
    draft, applicant, service_user, envelope
):
    envelope.budget = Decimal("1500")
    envelope.save()
    application = to_advised(draft, service_user, applicant)
    with pytest.raises(EnvelopeExceeded) as error:
        approve(application, service_user, "2000")
    assert "nog €\u00a01.500 over" in error.value.message
    application.refresh_from_db()
    envelope.refresh_from_db()
    assert application.status == "advised"
    assert envelope.committed == 0


def test_the_database_refuses_an_envelope_committed_beyond_its_budget(envelope):
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetEnvelope.objects.filter(pk=envelope.pk).update(
            committed=envelope.budget + 1
        )


def test_refusal_commits_nothing(draft, applicant, service_user, envelope):
    application = to_advised(draft, service_user, applicant)
    services.application_decide(
        application=application,
        actor=service_user,
        decision="refused",
        decision_date=TODAY,
        decision_reference="CBS 2026/124",
        reason="Negatief advies.",
    )
    application.refresh_from_db()
    envelope.refresh_from_db()
    assert (application.status, application.approved_amount) == ("refused", None)
    assert envelope.committed == 0


def test_reclaim_returns_the_unspent_part_to_the_envelope(
    draft, applicant, service_user, envelope
):
    application = approve(to_advised(draft, service_user, applicant), service_user)
    application = services.application_pay_advance(
        application=application,
        actor=service_user,
        amount=Decimal("1600"),
        paid_on=TODAY,
    )
    with pytest.raises(SubsidyError):
        services.application_reclaim(
            application=application,
            actor=service_user,
            amount=Decimal("2000"),
            paid_on=TODAY,
            reason="Te veel",
        )
    application = services.application_reclaim(
        application=application,
        actor=service_user,
        amount=Decimal("600"),
        paid_on=TODAY,
        reason="Project kleiner uitgevoerd.",
    )
    envelope.refresh_from_db()
    assert application.status == "reclaimed"
    assert application.committed_amount == Decimal("1000")
    assert (envelope.committed, envelope.paid) == (Decimal("1000"), Decimal("1000"))


def test_payment_above_what_is_still_due_is_refused(
    draft, applicant, service_user, envelope
):
    application = approve(to_advised(draft, service_user, applicant), service_user)
    with pytest.raises(SubsidyError) as error:
        services.application_pay_advance(
            application=application,
            actor=service_user,
            amount=Decimal("2500"),
            paid_on=TODAY,
        )
    assert "nog te betalen" in error.value.message


def test_cap_per_organisation_counts_what_the_college_granted(
    draft, applicant, service_user, envelope
):
    """The regulation: "een organisatie krijgt maximum 7.500 euro per jaar". What
    was granted counts, at submission and at the decision; a file in review does
    not (it may be refused)."""
    scheme = draft.call.scheme
    assert scheme.cap_per_organisation_per_year == Decimal("7500")
    scheme.requires_council_advice = False  # the college decides after screening
    scheme.save()
    same_year = {"call": draft.call, "organisation": draft.organisation}
    ApplicationFactory(
        **same_year,
        status="approved",
        reference="SUB-2026-0050",
        submitted_at=timezone.now(),
        decision="approved",
        approved_amount=Decimal("5000"),
        committed_amount=Decimal("5000"),
        requested_amount=Decimal("5000"),
        budget=Decimal("10000"),
    )
    in_review = ApplicationFactory(
        **same_year,
        status="submitted",
        reference="SUB-2026-0051",
        submitted_at=timezone.now(),
        requested_amount=Decimal("5000"),
        budget=Decimal("10000"),
    )
    # At submission: 5 000 granted, 2 000 asked; the 5 000 in review is not counted.
    application = submit(draft, applicant)
    assert application.status == "submitted"
    application = services.application_start_screening(
        application=application, actor=service_user
    )
    # The college grants the other file 1 000: 1 500 is left for this one.
    Application.objects.filter(pk=in_review.pk).update(
        status="approved",
        decision="approved",
        approved_amount=Decimal("1000"),
        committed_amount=Decimal("1000"),
    )
    with pytest.raises(SubsidyError) as error:
        approve(application, service_user, "2000")
    assert error.value.message == (
        f"Dit gaat boven het maximum per organisatie per jaar: €{NBSP}7.500 "
        f"(u kunt nog €{NBSP}1.500 toekennen)."
    )
    application.refresh_from_db()
    assert application.status == "screening"
    application = approve(application, service_user, "1500")
    assert application.committed_amount == Decimal("1500")


def test_cap_per_organisation_refuses_submission_above_what_is_left(draft, applicant):
    ApplicationFactory(
        call=draft.call,
        organisation=draft.organisation,
        status="approved",
        reference="SUB-2026-0050",
        submitted_at=timezone.now(),
        decision="approved",
        approved_amount=Decimal("6000"),
        committed_amount=Decimal("6000"),
    )
    with pytest.raises(services.RulesNotMet) as error:
        submit(draft, applicant)
    assert [problem.message for problem in error.value.problems] == [
        f"U vraagt te veel: maximum €{NBSP}7.500 per organisatie per jaar. Uw "
        f"organisatie kreeg in {draft.call.year} al €{NBSP}6.000; u kunt nog "
        f"€{NBSP}1.500 vragen."
    ]
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.django_db(transaction=True)
def test_two_civil_servants_approving_at_the_same_moment_cannot_overcommit():
    """Two transactions on PostgreSQL, each approving a different file for 600 from
    an envelope of 1 000: exactly one succeeds, the other is refused."""
    scheme = SchemeFactory(cap_per_organisation_per_year=None)
    call = CallFactory(scheme=scheme)
    EnvelopeFactory(scheme=scheme, year=call.year, budget=Decimal("1000"))
    user = verified_user(username="aanvrager", email="aanvrager@example.be")
    officials = [UserFactory(username="ambtenaar1"), UserFactory(username="ambtenaar2")]
    files = []
    for number in (1, 2):
        files.append(
            ApplicationFactory(
                call=call,
                organisation=OrganisationFactory(members=[user]),
                status="advised",
                reference=f"SUB-2026-{number:04d}",
                submitted_at=timezone.now(),
                requested_amount=Decimal("600"),
                budget=Decimal("1200"),
            )
        )
    barrier = threading.Barrier(2)
    outcomes = {}

    def decide(application, official):
        try:
            barrier.wait()
            approve(application, official, "600")
            outcomes[application.pk] = "approved"
        except EnvelopeExceeded:
            outcomes[application.pk] = "refused"
        except Exception as error:  # pragma: no cover - shows up in the assert
            outcomes[application.pk] = repr(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(files[i], officials[i])) for i in (0, 1)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values()) == ["approved", "refused"]
    envelope = BudgetEnvelope.objects.get()
    assert envelope.committed == Decimal("600")
    assert Application.objects.filter(status="approved").count() == 1


def test_bulk_close_records_history_for_every_file(
    service_client, draft, applicant, service_user, envelope
):
    from django.urls import reverse

    files = []
    for number in (1, 2):
        application = ApplicationFactory(
            call=draft.call,
            organisation=draft.organisation,
            status="withdrawn",
            reference=f"SUB-2026-{number + 10:04d}",
            submitted_at=timezone.now(),
        )
        files.append(application)
    response = service_client.post(
        reverse("admin:subsidies_application_changelist"),
        {"action": "close_action", "_selected_action": [a.pk for a in files]},
    )
    assert response.status_code == 302
    for application in files:
        application.refresh_from_db()
        assert application.status == "closed"
        assert application.history.first().history_user == service_user
        assert application.history.first().status == "closed"
    assert AuditEntry.objects.filter(action="subsidies.application.close").count() == 2
