"""The scheme's rules, checked while the applicant fills in the form and again on
submission. Each problem says the limit in plain language and where to fix it."""

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from subsidies.constants import Decision, Step
from subsidies.formatting import format_eur, format_percent
from subsidies.models import ZERO, Application, Organisation, Scheme


@dataclass(frozen=True)
class Problem:
    step: str
    message: str
    field: str | None = None


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def max_for_share(scheme: Scheme, expenses: Decimal) -> Decimal:
    return _cents(expenses * scheme.max_share_percent / Decimal(100))


def granted_this_year(
    *, scheme: Scheme, organisation: Organisation, year: int, exclude_pk=None
) -> Decimal:
    """What the organisation gets from the scheme in a year, as the regulation
    counts it for its cap ("een organisatie krijgt maximum … per jaar"): the
    amounts the college approved, less what was reclaimed. Files still in review
    do not count: the college may refuse them."""
    others = Application.objects.filter(
        organisation=organisation,
        call__scheme=scheme,
        call__year=year,
        decision=Decision.APPROVED,
    )
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    return others.aggregate(total=Sum("committed_amount"))["total"] or ZERO


def room_under_cap(application: Application) -> Decimal | None:
    """How much more the application's organisation may get from its scheme in
    the call's year; None when the scheme has no cap per organisation. The one
    definition of the cap: checked while filling in, on submission and when the
    college decides."""
    cap = application.call.scheme.cap_per_organisation_per_year
    if not cap:
        return None
    granted = granted_this_year(
        scheme=application.call.scheme,
        organisation=application.organisation,
        year=application.call.year,
        exclude_pk=application.pk,
    )
    return max(cap - granted, ZERO)


def amount_problems(
    *,
    application: Application,
    requested: Decimal | None,
    income: Decimal,
    expenses: Decimal,
) -> list[Problem]:
    scheme = application.call.scheme
    problems: list[Problem] = []
    if requested is None:
        return problems
    if requested <= 0:
        problems.append(
            Problem(
                Step.BUDGET,
                _("Vul het bedrag in dat u vraagt (meer dan € 0)."),
                "requested_amount",
            )
        )
        return problems
    if requested > scheme.max_amount:
        problems.append(
            Problem(
                Step.BUDGET,
                _("U vraagt meer dan het maximum van deze subsidie: %(max)s.")
                % {"max": format_eur(scheme.max_amount)},
                "requested_amount",
            )
        )
    if expenses > 0:
        share_limit = max_for_share(scheme, expenses)
        if requested > share_limit:
            problems.append(
                Problem(
                    Step.BUDGET,
                    _(
                        "U vraagt te veel: maximum %(share)s van het projectbudget: "
                        "%(limit)s (uw uitgaven: %(expenses)s)."
                    )
                    % {
                        "share": format_percent(scheme.max_share_percent),
                        "limit": format_eur(share_limit),
                        "expenses": format_eur(expenses),
                    },
                    "requested_amount",
                )
            )
    room = room_under_cap(application)
    if room is not None and requested > room:
        cap = scheme.cap_per_organisation_per_year
        problems.append(
            Problem(
                Step.BUDGET,
                _(
                    "U vraagt te veel: maximum %(cap)s per organisatie per jaar. "
                    "Uw organisatie kreeg in %(year)s al %(granted)s; u kunt nog "
                    "%(room)s vragen."
                )
                % {
                    "cap": format_eur(cap),
                    "year": application.call.year,
                    "granted": format_eur(cap - room),
                    "room": format_eur(room),
                },
                "requested_amount",
            )
        )
    difference = income + requested - expenses
    if difference != 0:
        problems.append(
            Problem(
                Step.BUDGET,
                _(
                    "Uw begroting is niet in evenwicht: de inkomsten met de gevraagde "
                    "subsidie (%(income)s) moeten gelijk zijn aan de uitgaven "
                    "(%(expenses)s). Verschil: %(difference)s."
                )
                % {
                    "income": format_eur(income + requested),
                    "expenses": format_eur(expenses),
                    "difference": format_eur(difference),
                },
            )
        )
    return problems


def country_problems(application: Application, country: str) -> list[Problem]:
    scheme = application.call.scheme
    allowed = [c.code for c in scheme.eligible_countries]
    if country and allowed and country not in allowed:
        names = ", ".join(str(c.name) for c in scheme.eligible_countries)
        return [
            Problem(
                Step.PARTNER,
                _("Deze subsidie is alleen voor projecten in: %(countries)s.")
                % {"countries": names},
                "country",
            )
        ]
    return []


def organisation_problems(scheme: Scheme, organisation: Organisation) -> list[Problem]:
    allowed = scheme.eligible_legal_forms
    if allowed and organisation.legal_form not in allowed:
        from subsidies.constants import LegalForm

        names = ", ".join(str(LegalForm(form).label) for form in allowed)
        return [
            Problem(
                Step.ORGANISATION,
                _(
                    "%(scheme)s is alleen voor deze rechtsvormen: %(forms)s. "
                    "%(organisation)s is een %(form)s."
                )
                % {
                    "scheme": scheme.name,
                    "forms": names,
                    "organisation": organisation.name,
                    "form": organisation.get_legal_form_display(),
                },
                "organisation",
            )
        ]
    return []


def date_problems(application: Application) -> list[Problem]:
    if (
        application.start_date
        and application.end_date
        and application.end_date < application.start_date
    ):
        return [
            Problem(
                Step.PROJECT,
                _("De einddatum ligt voor de begindatum."),
                "end_date",
            )
        ]
    return []


def completeness_problems(application: Application) -> list[Problem]:
    """What is still missing before the file can be submitted."""
    missing = []

    def need(step, field, message):
        missing.append(Problem(step, message, field))

    if not application.contact_name or not application.contact_email:
        need(Step.ORGANISATION, "contact_name", _("Vul de contactpersoon in."))
    for field, message in [
        ("title", _("Geef uw project een titel.")),
        ("summary", _("Vul de korte samenvatting in.")),
        ("description", _("Beschrijf uw project.")),
        ("objectives", _("Vul de doelstellingen in.")),
        ("start_date", _("Vul de begindatum in.")),
        ("end_date", _("Vul de einddatum in.")),
    ]:
        if not getattr(application, field):
            need(Step.PROJECT, field, message)
    if not application.partner_name:
        need(Step.PARTNER, "partner_name", _("Vul de partnerorganisatie in."))
    if not application.country:
        need(Step.PARTNER, "country", _("Kies het land van het project."))
    if not application.sdgs.exists():
        need(Step.SDGS, "sdgs", _("Kies minstens één SDG."))
    if application.requested_amount is None:
        need(Step.BUDGET, "requested_amount", _("Vul het gevraagde bedrag in."))
    if not any(not line.is_income for line in application.budget_lines.all()):
        need(Step.BUDGET, None, _("Vul minstens één uitgave in de begroting in."))
    present = set(
        application.attachments.filter(
            purpose="application", requirement__isnull=False
        ).values_list("requirement_id", flat=True)
    )
    for requirement in application.call.scheme.attachment_requirements.all():
        if requirement.is_required and requirement.pk not in present:
            need(
                Step.ATTACHMENTS,
                None,
                _("Voeg deze bijlage toe: %(name)s.") % {"name": requirement.name},
            )
    if not application.declares_truthful or not application.declares_no_double_funding:
        need(
            Step.DECLARATIONS,
            "declares_truthful",
            _("Bevestig de verklaringen."),
        )
    if application.has_conflict_of_interest is None:
        need(
            Step.DECLARATIONS,
            "has_conflict_of_interest",
            _("Zeg of er een mogelijk belangenconflict is."),
        )
    elif (
        application.has_conflict_of_interest
        and not application.conflict_of_interest_details
    ):
        need(
            Step.DECLARATIONS,
            "conflict_of_interest_details",
            _("Licht het belangenconflict toe."),
        )
    return missing


def application_problems(application: Application) -> list[Problem]:
    """Every rule and every missing piece, in the order of the steps."""
    totals = application.budget_totals()
    problems = [
        *organisation_problems(application.call.scheme, application.organisation),
        *date_problems(application),
        *country_problems(application, application.country.code or ""),
        *amount_problems(
            application=application,
            requested=application.requested_amount,
            income=totals["income"],
            expenses=totals["expenses"],
        ),
        *completeness_problems(application),
    ]
    order = list(Step.values)
    return sorted(problems, key=lambda problem: order.index(problem.step))


# --- The wizard: which rules a step checks when it is saved ---------------------------
# Only the rules whose data the step holds; every rule is checked again on the
# summary and on submission (`application_problems`).


def _organisation_step_problems(application: Application) -> list[Problem]:
    return organisation_problems(application.call.scheme, application.organisation)


def _partner_step_problems(application: Application) -> list[Problem]:
    return country_problems(application, application.country.code or "")


def _budget_step_problems(application: Application) -> list[Problem]:
    totals = application.budget_totals()
    return amount_problems(
        application=application,
        requested=application.requested_amount,
        income=totals["income"],
        expenses=totals["expenses"],
    )


STEP_RULES = {
    Step.ORGANISATION: _organisation_step_problems,
    Step.PARTNER: _partner_step_problems,
    Step.BUDGET: _budget_step_problems,
}


def step_problems(application: Application, step: str) -> list[Problem]:
    """The scheme's rules the saved step breaks (none for steps without rules)."""
    check = STEP_RULES.get(step)
    return check(application) if check else []


def advance_amount(application: Application) -> Decimal:
    """The advance on an approved grant: the scheme's percentage of the approved
    amount, to the cent."""
    percent = application.call.scheme.advance_percent
    return (application.approved_amount * percent / 100).quantize(Decimal("0.01"))
