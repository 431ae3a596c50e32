"""The words every state machine of the portal is declared in, once.

An app declares a `Workflow` per model in its `workflow.py`: the statuses, and a
`Transition` per step with the service that performs it, the form the admin asks
for and the form's initial values. Services check a step against it before they
change anything; the admin builds its buttons and transition pages from it;
`manage.py status_diagrams` draws every machine in `docs/status-diagrams.md`.

The services are named by dotted path because they import their machine to check
it: the path is resolved when a step is performed.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules, import_string
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the portal refused a change; each app's error derives from it.

    `message` is Dutch and meant for the person who acted; `field` names the
    form field the rule is about, so a form can show it there (None: the whole
    form, see `herentq.forms.add_domain_error`).
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


# Who performs a transition.
STAFF = "staff"  # a civil servant or the secretariat, in the admin
APPLICANT = "applicant"  # the person the object belongs to, on the public site
SYSTEM = "system"  # the worker, on a schedule

# A text shown to people: a string, or one translated lazily.
Text = str | Promise


@dataclass(frozen=True, eq=False)
class Transition:
    """One step of a machine: from any of `sources` to `target` (compared and
    hashed by identity: each is declared once).

    `target` is a status, or a tuple of statuses when the outcome decides (a
    decision approves or refuses). The service is called with the object (under
    the machine's `subject` name), `actor` and the cleaned data of `form`; a
    transition without a form asks for a confirmation only. `initial(obj)`
    gives the form's initial values, `form_kwargs(obj)` what else it is built
    with. `guard(obj)` is a condition beyond the status (false: refused with
    `guard_refusal`); `condition` says it in words for the diagram (a dict: per
    source status). `refusal` replaces the machine's message when the status
    does not allow the step.
    """

    name: str
    label: Text
    sources: Iterable[str]  # kept as a frozenset of their string values
    target: str | tuple
    service: str
    form: type | None = None
    form_kwargs: Callable[[Any], dict] | None = None
    initial: Callable[[Any], dict] | None = None
    by: str = STAFF
    guard: Callable[[Any], bool] | None = None
    guard_refusal: Text = ""
    condition: Text | dict = ""
    refusal: Text = ""
    description: Text = ""

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(str(s) for s in self.sources))

    @property
    def targets(self) -> tuple:
        if isinstance(self.target, tuple):
            return tuple(str(t) for t in self.target)
        return (str(self.target),)

    @property
    def slug(self) -> str:
        """The name as it appears in a URL."""
        return self.name.replace("_", "-")

    def allows(self, status: str) -> bool:
        return str(status) in self.sources

    def passes_guard(self, obj) -> bool:
        return self.guard is None or bool(self.guard(obj))

    def condition_from(self, source: str) -> str:
        if isinstance(self.condition, dict):
            return str(self.condition.get(source, ""))
        return str(self.condition)

    def initial_values(self, obj) -> dict:
        return self.initial(obj) if self.initial is not None else {}

    def make_form(self, obj, data=None):
        """The transition's form for `obj`: bound to `data`, or with the
        initial values; None when the transition asks for a confirmation only."""
        if self.form is None:
            return None
        kwargs = self.form_kwargs(obj) if self.form_kwargs is not None else {}
        if data is not None:
            return self.form(data, **kwargs)
        return self.form(initial=self.initial_values(obj), **kwargs)

    def service_function(self) -> Callable:
        return import_string(self.service)


@dataclass
class Workflow:
    """The statuses of one model and the transitions between them.

    `subject` is the keyword the services take the object by (`application`,
    `minutes`, `track`); `error` the app's domain error, raised with `refusal`
    (a Dutch message with `%(action)s`, `%(status)s` and `%(target)s`).
    """

    name: str
    label: Text
    states: Any  # a TextChoices class
    initial_state: str
    subject: str
    error: type[Exception]
    refusal: Text
    transitions: Iterable[Transition]
    # The diagram's words for who acts, where the machine's people have a name.
    who: dict = field(default_factory=dict)
    by_name: dict = field(init=False, repr=False)

    def __post_init__(self):
        self.transitions = tuple(self.transitions)
        self.by_name = {t.name: t for t in self.transitions}
        if len(self.by_name) != len(self.transitions):
            raise ValueError(f"{self.name}: two transitions share a name")
        known = set(self.states.values)
        for t in self.transitions:
            unknown = (t.sources | set(t.targets)) - known
            if unknown:
                raise ValueError(f"{self.name}.{t.name}: unknown status {unknown}")
        MACHINES[self.name] = self

    def __iter__(self):
        return iter(self.transitions)

    def get(self, name: str) -> Transition:
        """The transition called `name`; KeyError when there is none."""
        return self.by_name[name]

    def allowed(self, status: str, *, by: str | None = None) -> list[Transition]:
        """The transitions the status allows (by whom, if given), in order."""
        return [
            t
            for t in self.transitions
            if t.allows(status) and (by is None or t.by == by)
        ]

    def available(self, obj, *, by: str | None = STAFF) -> list[Transition]:
        """What can be done to `obj` now: its status and each step's guard."""
        return [t for t in self.allowed(obj.status, by=by) if t.passes_guard(obj)]

    def leading_to(self, target: str) -> list[Transition]:
        return [t for t in self.transitions if str(target) in t.targets]

    def who_label(self, by: str) -> str:
        return str(self.who.get(by, WHO[by]))

    def label_of(self, status: str) -> str:
        return str(self.states(status).label)

    def refuse(self, action, status: str, targets: Iterable[str]) -> Exception:
        return self.error(
            str(self.refusal)
            % {
                "action": action,
                "status": self.label_of(status),
                "target": " / ".join(self.label_of(t) for t in targets),
            }
        )

    def check(self, name: str, status: str, *, subject=None) -> Transition:
        """Raise the app's error unless `name` may happen from `status` (and,
        given the object, unless its guard holds)."""
        transition = self.get(name)
        if not transition.allows(status):
            if transition.refusal:
                raise self.error(str(transition.refusal))
            raise self.refuse(transition.label, status, transition.targets)
        if subject is not None and not transition.passes_guard(subject):
            raise self.error(str(transition.guard_refusal))
        return transition

    def step_to(self, target: str, status: str) -> Transition:
        """The transition from `status` to `target`; the app's error when the
        machine has none."""
        for transition in self.leading_to(target):
            if transition.allows(status):
                return transition
        raise self.refuse(self.label_of(target), status, [target])

    def perform(self, name: str, obj, *, actor, **data):
        """Run a transition's service with the object and the form's data."""
        service = self.get(name).service_function()
        return service(**{self.subject: obj}, actor=actor, **data)

    def mermaid(self) -> str:
        """The machine as a mermaid state diagram, labels in Dutch."""
        with translation.override("nl"):
            lines = ["stateDiagram-v2"]
            for value, label in self.states.choices:
                lines.append(f'    state "{_clean(label)}" as {value}')
            lines.append(f"    [*] --> {self.initial_state}")
            for t in self.transitions:
                text = _clean(t.label)
                if t.by != STAFF:
                    text += f" ({_clean(self.who_label(t.by))})"
                for source in sorted(t.sources, key=self.states.values.index):
                    condition = t.condition_from(source)
                    label = f"{text} [{_clean(condition)}]" if condition else text
                    for target in t.targets:
                        lines.append(f"    {source} --> {target}: {label}")
            for value in self.states.values:
                if not self.allowed(value):
                    lines.append(f"    {value} --> [*]")
            return "\n".join(lines) + "\n"


def _clean(text) -> str:
    """Mermaid ends a label at a colon and a state name at a quote."""
    return str(text).replace(":", " -").replace('"', "'")


WHO = {
    STAFF: _("dienst"),
    APPLICANT: _("aanvrager"),
    SYSTEM: _("automatisch"),
}

# Every declared machine by name, filled as the apps' workflow modules load.
MACHINES: dict[str, Workflow] = {}


def all_machines() -> list[Workflow]:
    autodiscover_modules("workflow")
    return [MACHINES[name] for name in sorted(MACHINES)]


def status_diagrams() -> str:
    """The text of docs/status-diagrams.md, generated from the declarations."""
    with translation.override("nl"):
        parts = [
            "# Status diagrams\n\n",
            "Generated from the `Workflow` declarations (`herentq/workflow.py`) by\n"
            "`manage.py status_diagrams`; a test fails when this file and the\n"
            "declarations differ. Each arrow is a transition: its label is the\n"
            "button or action, who performs it when not the service, and in\n"
            "brackets a condition beyond the status.\n",
        ]
        for machine in all_machines():
            parts.append(
                f"\n## {machine.label} (`{machine.name}`)\n\n"
                f"```mermaid\n{machine.mermaid()}```\n"
            )
            rows = [
                f"| `{t.name}` | {t.label} | {machine.who_label(t.by)} | "
                f"{f'`{t.form.__name__}`' if t.form else '—'} | `{t.service}` |"
                for t in machine
            ]
            parts.append(
                "\n| transition | label | by | form | service |\n"
                "|---|---|---|---|---|\n" + "\n".join(rows) + "\n"
            )
        return "".join(parts)
