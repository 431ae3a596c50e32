"""The state machines: declared once, documented from the declarations, and every
staff step's service takes what its form asks."""

import inspect

import pytest
from django.core.management import CommandError, call_command

from herentq.workflow import STAFF, Transition, Workflow, all_machines
from learning_tracks.constants import TrackStatus


def test_the_status_diagrams_in_docs_are_generated_from_the_declarations():
    # Fails when a machine changed and docs/status-diagrams.md was not rewritten
    # (`manage.py status_diagrams`).
    call_command("status_diagrams", "--check")


def test_the_check_fails_when_the_document_differs(tmp_path, monkeypatch):
    from herentq.management.commands import status_diagrams

    stale = tmp_path / "status-diagrams.md"
    stale.write_text("# Status diagrams\n\nout of date\n", encoding="utf-8")
    monkeypatch.setattr(status_diagrams, "DOCUMENT", stale)
    with pytest.raises(CommandError, match="differs from the workflow declarations"):
        call_command("status_diagrams", "--check")
    call_command("status_diagrams")
    call_command("status_diagrams", "--check")
    assert "```mermaid" in stale.read_text(encoding="utf-8")


def test_every_machine_is_declared_and_drawn():
    names = [machine.name for machine in all_machines()]
    assert names == [
        "council.minutes",
        "learning_tracks.enrolment",
        "learning_tracks.track",
        "subsidies.application",
    ]
    tracks = next(m for m in all_machines() if m.name == "learning_tracks.track")
    assert "    announced --> enrolment_open: Inschrijvingen openen" in tracks.mermaid()
    assert "    lessons_published --> [*]" in tracks.mermaid()


@pytest.mark.parametrize(
    "transition",
    [t for machine in all_machines() for t in machine if t.by == STAFF],
    ids=lambda t: t.name,
)
def test_each_staff_step_has_a_service_that_takes_its_forms_fields(transition):
    machine = next(m for m in all_machines() if transition in m.transitions)
    parameters = inspect.signature(transition.service_function()).parameters
    assert machine.subject in parameters and "actor" in parameters
    fields = set(transition.form.base_fields) if transition.form else set()
    assert fields <= set(parameters), fields - set(parameters)


def test_a_transition_to_an_unknown_status_is_refused_at_declaration():
    with pytest.raises(ValueError, match="unknown status"):
        Workflow(
            name="test.broken",
            label="kapot",
            states=TrackStatus,
            initial_state=TrackStatus.ANNOUNCED,
            subject="track",
            error=ValueError,
            refusal="%(action)s %(status)s",
            transitions=[
                Transition("fly", "Vliegen", {"announced"}, "airborne", "x.y")
            ],
        )
