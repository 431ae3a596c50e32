"""Benchmark volume of the subsidies (see `manage.py load_bench_data`).

At scale 1: 50 000 applications from 500 example associations, in calls of their
own ("Belastingtest <year>", one per scheme and year) for the ten budget years
before last year, so the demo's files and envelopes stay as they are. Every file
keeps the app's rules: a reference SUB-<year>-<nnnn> taken from the year's
reference counter (drafts have none), a budget of income and expense lines,
a decision and committed amount where the college decided, and for granted files
the payments their status implies (advance, balance, reclaim). Each year's
envelope gets a budget above what its files commit and is then rebuilt from the
files by `services.envelope_recalculate`, so committed and paid are exactly the
files' amounts. Names are invented, addresses at example.be.

A second run adds only the files that are missing (at a larger scale: the rest).
"""

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from devdata.bench import Target, batched, uncached_only
from herentq.models import SDG
from subsidies import services
from subsidies.constants import (
    REFERENCE_PREFIX,
    Decision,
    LegalForm,
    LineKind,
    PaymentKind,
    Status,
    Step,
)
from subsidies.integrations import AdviceOutcome
from subsidies.models import (
    Application,
    BudgetEnvelope,
    BudgetLine,
    Call,
    Organisation,
    Payment,
    ReferenceCounter,
    Scheme,
)

APPLICATIONS = 50_000
ORGANISATIONS = 500
YEARS = 10
CALL_PREFIX = "Belastingtest"
ORGANISATION_PREFIX = "Belastingtest-vereniging"
IBAN = "BE71096123456769"  # the demo's example account
CENT = Decimal("0.01")

# The statuses of the files, in turn: most files of past years were decided and
# closed, every status of the workflow occurs.
STATUSES = [
    Status.CLOSED,
    Status.REFUSED,
    Status.CLOSED,
    Status.BALANCE_PAID,
    Status.CLOSED,
    Status.INADMISSIBLE,
    Status.CLOSED,
    Status.WITHDRAWN,
    Status.RECLAIMED,
    Status.CLOSED,
    Status.REFUSED,
    Status.ADVANCE_PAID,
    Status.REPORT_SUBMITTED,
    Status.REPORT_CHANGES_REQUESTED,
    Status.REPORT_ACCEPTED,
    Status.APPROVED,
    Status.CLOSED,
    Status.ADVISED,
    Status.ADVICE,
    Status.SCREENING,
    Status.SUBMITTED,
    Status.INFO_REQUESTED,
    Status.RESUBMITTED,
    Status.DRAFT,
]
APPROVED = {
    Status.APPROVED,
    Status.ADVANCE_PAID,
    Status.REPORT_SUBMITTED,
    Status.REPORT_CHANGES_REQUESTED,
    Status.REPORT_ACCEPTED,
    Status.BALANCE_PAID,
    Status.RECLAIMED,
    Status.CLOSED,
}
ADVANCE_PAID = APPROVED - {Status.APPROVED}
BALANCE_PAID = {Status.BALANCE_PAID, Status.RECLAIMED, Status.CLOSED}
REPORTED = ADVANCE_PAID - {Status.ADVANCE_PAID}
ADVISED = APPROVED | {Status.REFUSED, Status.ADVISED}
COUNTRIES = ["GT", "BO", "PE", "CD", "BF", "SN", "NI", "MA", "PH", "PS", "EC", "RW"]
THEMES = [
    ("Schoolmateriaal en vorming voor leerkrachten", [4, 10]),
    ("Drinkwater en sanitair in de dorpen", [6, 3]),
    ("Vrouwencoöperatie voor eerlijke koffie", [5, 8, 12]),
    ("Gemeenschapsradio en burgerjournalistiek", [16, 4]),
    ("Agro-ecologische moestuinen", [2, 13, 15]),
    ("Gezondheidspost en vaccinatie", [3]),
    ("Heropbouw na de overstroming", [11, 13, 1]),
    ("Jongeren en digitale vaardigheden", [4, 8, 9]),
]


def _count(scale: float) -> int:
    return max(1, math.ceil(APPLICATIONS * scale))


def _years() -> list[int]:
    """The ten years before last year (the demo uses this year and last year)."""
    this_year = timezone.localdate().year
    return list(range(this_year - 1 - YEARS, this_year - 1))


def _enterprise_number(number: int) -> str:
    """A valid Belgian enterprise number (modulo 97), far from the demo's."""
    base = 9_900_000 + number
    return f"{base:08d}{97 - base % 97:02d}"


def _organisations(count: int) -> list[Organisation]:
    names = [f"{ORGANISATION_PREFIX} {n:03d} (voorbeeld)" for n in range(1, count + 1)]
    existing = set(
        Organisation.objects.filter(name__in=names).values_list("name", flat=True)
    )
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=name,
                legal_form=LegalForm.VZW,
                enterprise_number=_enterprise_number(number),
                street=f"Kerkstraat {number}",
                postcode="3020",
                city="Herent",
                iban=IBAN,
                contact_name=f"Contactpersoon {number}",
                contact_email=f"vereniging{number}@example.be",
            )
            for number, name in enumerate(names, start=1)
            if name not in existing
        ]
    )
    return list(Organisation.objects.filter(name__in=names).order_by("name"))


def _calls(schemes: list[Scheme]) -> dict[tuple[int, int], Call]:
    tz = timezone.get_current_timezone()
    calls = {}
    for scheme in schemes:
        for year in _years():
            calls[(scheme.pk, year)], _ = Call.objects.get_or_create(
                scheme=scheme,
                title=f"{CALL_PREFIX} {year}",
                defaults={
                    "opens_at": dt.datetime(year, 1, 15, 9, tzinfo=tz),
                    "closes_at": dt.datetime(year, 3, 31, 23, tzinfo=tz),
                    "year": year,
                },
            )
    return calls


def _money(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _requested(scheme: Scheme, number: int) -> Decimal:
    """Between a fifth and all of the maximum, within a third of the yearly cap."""
    ceiling = scheme.max_amount
    if scheme.cap_per_organisation_per_year:
        ceiling = min(ceiling, scheme.cap_per_organisation_per_year / 3)
    fraction = Decimal(20 + (number * 37) % 81) / 100
    return max(Decimal("50.00"), _money(ceiling * fraction // 50 * 50))


def _application(index, *, number, call, scheme, organisation):
    """File `index`: its application, (kind, amount, date) payments and SDG numbers."""
    status = STATUSES[index % len(STATUSES)]
    year = call.year
    tz = timezone.get_current_timezone()
    submitted = call.opens_at + dt.timedelta(minutes=(index * 97) % (60 * 24 * 70))
    title, sdgs = THEMES[index % len(THEMES)]
    countries = list(scheme.eligible_countries) or COUNTRIES
    country = str(countries[index % len(countries)])
    requested = _requested(scheme, index)
    start, end = dt.date(year, 6, 1), dt.date(year, 12, 31)
    decided = dt.date(year, 5, 10 + index % 15)
    application = Application(
        call=call,
        organisation=organisation,
        status=status,
        contact_name=organisation.contact_name,
        contact_email=organisation.contact_email,
        title=f"{title} ({year}, voorbeeld {index + 1})",
        summary=f"Voorbeeld voor de belastingtest: {title.lower()} met een partner.",
        description="Voorbeeld: een project met een lokale partnerorganisatie.",
        objectives="Voorbeeld: meer mensen bereiken, duurzaam en samen met de partner.",
        target_group="Voorbeeld: gezinnen, jongeren en vrouwengroepen in de regio.",
        start_date=start,
        end_date=end,
        partner_name=f"Partnerorganisatie {index % 200 + 1} (voorbeeld)",
        country=country,
        region="Voorbeeldregio",
        sdg_explanation="Voorbeeld: het project draagt bij aan de gekozen doelen.",
        requested_amount=requested,
    )
    payments = []
    if status == Status.DRAFT:
        return application, payments, sdgs
    application.reference = f"{REFERENCE_PREFIX}-{year}-{number:04d}"
    application.submitted_at = submitted
    application.declares_truthful = True
    application.declares_no_double_funding = True
    application.has_conflict_of_interest = False
    application.declared_at = submitted
    if status == Status.INFO_REQUESTED:
        application.reopened_steps = [Step.PROJECT, Step.BUDGET]
    if status == Status.WITHDRAWN:
        application.withdrawn_at = submitted + dt.timedelta(days=20)
    if status in ADVISED and scheme.requires_council_advice:
        application.advice_outcome = (
            AdviceOutcome.NEGATIVE
            if status == Status.REFUSED
            else AdviceOutcome.POSITIVE
        )
        application.advice_motivation = "Voorbeeld: advies van de GROSH."
        application.advice_date = dt.date(year, 4, 20)
        application.proposed_amount = None if status == Status.REFUSED else requested
    if status == Status.REFUSED:
        application.decision = Decision.REFUSED
        application.decision_date = decided
        application.decision_reference = f"CBS {decided:%d/%m/%Y}"
    if status in APPROVED:
        approved = requested
        application.decision = Decision.APPROVED
        application.approved_amount = approved
        application.committed_amount = approved
        application.decision_date = decided
        application.decision_reference = f"CBS {decided:%d/%m/%Y}"
        application.report_due_on = end + dt.timedelta(days=scheme.report_due_days)
        advance = _money(approved * scheme.advance_percent / 100)
        if status in ADVANCE_PAID and advance > 0:
            payments.append((PaymentKind.ADVANCE, advance, dt.date(year, 6, 15)))
        if status in REPORTED:
            application.report_narrative = "Voorbeeld: het project liep zoals gepland."
            application.report_submitted_at = dt.datetime(year + 1, 2, 15, tzinfo=tz)
        if status in BALANCE_PAID and approved > advance:
            payments.append(
                (PaymentKind.BALANCE, approved - advance, dt.date(year + 1, 4, 1))
            )
        if status == Status.RECLAIMED:
            reclaim = _money(approved / 10)
            payments.append((PaymentKind.RECLAIM, reclaim, dt.date(year + 1, 6, 1)))
            application.committed_amount = approved - reclaim
        if status == Status.CLOSED:
            application.closed_at = dt.datetime(year + 1, 5, 1, tzinfo=tz)
    return application, payments, sdgs


def _budget_lines(application: Application) -> list[BudgetLine]:
    requested = application.requested_amount
    expenses = requested * 2
    materials = _money(expenses * Decimal("0.6"))
    return [
        BudgetLine(
            application=application,
            kind=LineKind.EXPENSE,
            description="Materiaal en uitrusting",
            amount=materials,
            position=0,
        ),
        BudgetLine(
            application=application,
            kind=LineKind.EXPENSE,
            description="Vorming en verplaatsing",
            amount=expenses - materials,
            position=1,
        ),
        BudgetLine(
            application=application,
            kind=LineKind.INCOME,
            description="Eigen inbreng en acties",
            amount=expenses - requested,
            position=0,
        ),
    ]


def _bench_applications():
    return Application.objects.filter(call__title__startswith=f"{CALL_PREFIX} ")


def load(*, scale: float) -> None:
    wanted = _count(scale)
    existing = _bench_applications().count()
    if existing >= wanted:
        return
    schemes = list(Scheme.objects.order_by("position", "name"))  # from the demo data
    organisations = _organisations(max(5, math.ceil(ORGANISATIONS * scale)))
    calls = _calls(schemes)
    years = _years()
    sdgs = {sdg.number: sdg.pk for sdg in SDG.objects.all()}
    counters = {
        counter.year: counter.last_number
        for counter in ReferenceCounter.objects.filter(year__in=years)
    }
    now = timezone.now()

    built = []
    for index in range(existing, wanted):
        scheme = schemes[index % len(schemes)]
        year = years[(index // len(schemes)) % len(years)]
        status = STATUSES[index % len(STATUSES)]
        number = 0
        if status != Status.DRAFT:
            number = counters.get(year, 0) + 1
            counters[year] = number
        built.append(
            _application(
                index,
                number=number,
                call=calls[(scheme.pk, year)],
                scheme=scheme,
                organisation=organisations[(index * 7) % len(organisations)],
            )
        )
    for batch in batched(built, 5000):
        Application.objects.bulk_create([application for application, *_ in batch])
    BudgetLine.objects.bulk_create(
        [line for application, *_ in built for line in _budget_lines(application)],
        batch_size=5000,
    )
    Application.sdgs.through.objects.bulk_create(
        [
            Application.sdgs.through(application_id=application.pk, sdg_id=sdgs[n])
            for application, _payments, numbers in built
            for n in numbers
        ],
        batch_size=5000,
    )
    Payment.objects.bulk_create(
        [
            Payment(
                application=application,
                kind=kind,
                amount=amount,
                paid_on=paid_on,
                note="Voorbeeld",
                recorded_at=now,
            )
            for application, payments, _sdgs in built
            for kind, amount, paid_on in payments
        ],
        batch_size=5000,
    )
    ReferenceCounter.objects.bulk_create(
        [ReferenceCounter(year=y, last_number=n) for y, n in counters.items()],
        update_conflicts=True,
        unique_fields=["year"],
        update_fields=["last_number"],
    )
    _envelopes(schemes, years)


def _envelopes(schemes: list[Scheme], years: list[int]) -> None:
    """A budget above what the files commit, then committed and paid rebuilt."""
    for scheme in schemes:
        for year in years:
            committed = sum(
                Application.objects.filter(
                    call__scheme=scheme, call__year=year
                ).values_list("committed_amount", flat=True),
                Decimal(0),
            )
            budget = (committed * Decimal("1.2") // 1000 + 1) * 1000
            envelope, created = BudgetEnvelope.objects.get_or_create(
                scheme=scheme, year=year, defaults={"budget": budget}
            )
            if not created and envelope.budget < budget:
                envelope.budget = budget
                envelope.save(update_fields=["budget"])
            services.envelope_recalculate(envelope=envelope)


def volume() -> dict[str, int]:
    return {"applications": Application.objects.count()}


def targets() -> list[Target]:
    targets = [Target("subsidies: register", reverse("subsidies:register"))]
    # Bench files are spread evenly: the first scheme has as many as any.
    scheme = Scheme.objects.published().order_by("position", "name").first()
    if scheme is not None:
        targets.append(Target("subsidies: reglement", scheme.get_absolute_url()))
    targets.append(
        uncached_only(
            Target(
                "admin: subsidieaanvragen",
                reverse("admin:subsidies_application_changelist"),
                kind="admin",
            )
        )
    )
    return targets + _applicant_targets()


def _applicant_targets() -> list[Target]:
    """An applicant of the demo data and their draft: the dashboard, the file,
    every step of the application (GET) and a save of two of them."""
    draft = (
        Application.objects.filter(
            status=Status.DRAFT, organisation__memberships__isnull=False
        )
        .order_by("pk")
        .first()
    )
    if draft is None:
        return []
    user = draft.organisation.memberships.order_by("pk").first().user.username

    def signed_in(name, path, post=""):
        return uncached_only(Target(name, path, kind="signed_in", user=user, post=post))

    def step(slug):
        return reverse("subsidies:application_step", args=[draft.pk, slug])

    def form(**fields):
        return urlencode({**fields, "action": "save"})

    dates = {
        name: getattr(draft, name).isoformat() if getattr(draft, name) else ""
        for name in ("start_date", "end_date")
    }
    return [
        signed_in("aanvrager: mijn dossiers", reverse("subsidies:dashboard")),
        signed_in("aanvrager: dossier", draft.get_absolute_url()),
        *(signed_in(f"aanvrager: stap {slug}", step(slug)) for slug in Step.values),
        signed_in(
            "aanvrager: stap project bewaren",
            step(Step.PROJECT),
            form(
                title=draft.title,
                summary=draft.summary,
                description=draft.description,
                objectives=draft.objectives,
                target_group=draft.target_group,
                **dates,
            ),
        ),
        signed_in(
            "aanvrager: stap partner bewaren",
            step(Step.PARTNER),
            form(
                partner_name=draft.partner_name,
                partner_description=draft.partner_description,
                country=draft.country.code or "",
                region=draft.region,
                partnership=draft.partnership_id or "",
            ),
        ),
    ]
