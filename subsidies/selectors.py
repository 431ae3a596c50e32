"""Every read of the subsidies app, shared by pages, admin, exports and feeds."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DecimalField,
    DurationField,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, ExtractYear, RowNumber, TruncDate
from django.utils import timezone

from herentq.languages import translation_columns
from subsidies.constants import (
    IN_REVIEW,
    REPORT_EDITABLE,
    Decision,
    PaymentKind,
    Status,
)
from subsidies.models import (
    ZERO,
    Application,
    Attachment,
    BudgetEnvelope,
    Call,
    InformationRequest,
    Message,
    Organisation,
    Payment,
    Scheme,
)


def _reserved_subquery():
    return Subquery(
        Application.objects.filter(
            call__scheme_id=OuterRef("scheme_id"),
            call__year=OuterRef("year"),
            status__in=IN_REVIEW,
        )
        .order_by()
        .values("call__scheme_id")
        .annotate(total=Sum("requested_amount"))
        .values("total"),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )


def envelopes_with_reserved(queryset: QuerySet | None = None) -> QuerySet:
    """Envelopes with `reserved`: requested amounts of files still in review."""
    queryset = BudgetEnvelope.objects.all() if queryset is None else queryset
    return queryset.annotate(
        reserved=Coalesce(
            _reserved_subquery(),
            Value(ZERO),
            output_field=DecimalField(max_digits=12, decimal_places=2),
        )
    )


@dataclass
class SchemeOverview:
    scheme: Scheme
    open_call: Call | None
    next_call: Call | None
    envelope: BudgetEnvelope | None
    year: int


def _overview(scheme: Scheme, *, now, year) -> SchemeOverview:
    calls = scheme.sorted_calls  # type: ignore[attr-defined]  # prefetched
    open_call = next((c for c in calls if c.is_open(now)), None)
    next_call = next((c for c in calls if c.is_upcoming(now)), None)
    envelopes = scheme.current_envelopes  # type: ignore[attr-defined]  # prefetched
    return SchemeOverview(
        scheme=scheme,
        open_call=open_call,
        next_call=next_call,
        envelope=envelopes[0] if envelopes else None,
        year=year,
    )


def _schemes_with_calls(*, year):
    return Scheme.objects.published().prefetch_related(
        Prefetch(
            "calls", queryset=Call.objects.order_by("opens_at"), to_attr="sorted_calls"
        ),
        Prefetch(
            "envelopes",
            queryset=envelopes_with_reserved(BudgetEnvelope.objects.filter(year=year)),
            to_attr="current_envelopes",
        ),
        "attachment_requirements",
    )


def scheme_overviews(*, now=None) -> list[SchemeOverview]:
    """Published schemes with their open or next call and this year's envelope."""
    now = now or timezone.now()
    year = timezone.localtime(now).year
    return [_overview(s, now=now, year=year) for s in _schemes_with_calls(year=year)]


def scheme_overview_get(*, slug: str, now=None) -> SchemeOverview:
    now = now or timezone.now()
    year = timezone.localtime(now).year
    return _overview(_schemes_with_calls(year=year).get(slug=slug), now=now, year=year)


def organisations_for_user(user) -> QuerySet:
    return Organisation.objects.for_user(user).order_by("name")


def applications_for_user(user) -> QuerySet:
    """The user's organisations' files, newest first (their personal data)."""
    return (
        Application.objects.for_user(user)
        .with_related()
        .order_by("organisation__name", "-created_at")
    )


# The dashboard shows each organisation's newest files; the rest are on the
# organisation's list of files, a page at a time, in the same order.
DASHBOARD_FILES = 10
NEWEST_FIRST = ("-created_at", "-pk")


def applications_for_dashboard(user) -> QuerySet:
    """Each of the user's organisations' DASHBOARD_FILES newest files, with how
    many files the organisation has in all (`organisation_total`): one query,
    whatever the number of files."""
    return (
        Application.objects.for_user(user)
        .with_related()
        .annotate(
            organisation_total=Window(Count("pk"), partition_by=F("organisation_id")),
            organisation_place=Window(
                RowNumber(), partition_by=F("organisation_id"), order_by=NEWEST_FIRST
            ),
        )
        .filter(organisation_place__lte=DASHBOARD_FILES)
        .order_by("organisation__name", *NEWEST_FIRST)
    )


def applications_of_organisation(organisation) -> QuerySet:
    """An organisation's files, newest first (its list of files)."""
    return organisation.applications.with_related().order_by(*NEWEST_FIRST)


def application_for_user(user, pk: int) -> Application:
    """One file of the user's organisations, or Application.DoesNotExist."""
    return (
        Application.objects.for_user(user)
        .with_related()
        .prefetch_related("sdgs", "budget_lines")
        .get(pk=pk)
    )


def application_detail_extras(application: Application) -> dict:
    return {
        "messages_thread": Message.objects.filter(application=application)
        .select_related("author")
        .prefetch_related("attachments"),
        "attachments": Attachment.objects.filter(
            application=application, purpose="application"
        ).select_related("requirement"),
        "report_attachments": Attachment.objects.filter(
            application=application, purpose="report"
        ),
        "payments": Payment.objects.filter(application=application),
        "open_request": application.information_requests.filter(
            answered_at__isnull=True
        ).first(),
    }


def receipt_context(application: Application) -> dict:
    """What the filing receipt shows (page and PDF)."""
    return {
        "application": application,
        "scheme": application.call.scheme,
        "totals": application.budget_totals(),
        "attachments": Attachment.objects.filter(
            application=application, purpose="application"
        ).select_related("requirement"),
        "sdgs": application.sdgs.all(),
    }


def granted_applications() -> QuerySet:
    return Application.objects.in_register().with_related().prefetch_related("sdgs")


def register_searchable() -> QuerySet:
    """What the site-wide search may find of the register: granted, decided."""
    return Application.objects.in_register().select_related("organisation")


def schemes_searchable() -> QuerySet:
    return Scheme.objects.published()


# What a row of the register (page and CSV) shows: a file is wide (its answers,
# its amounts, its reports), the register reads these columns only.
REGISTER_COLUMNS = (
    "reference",
    "title",
    "country",
    "approved_amount",
    "decision_date",
    "organisation__name",
    "call__scheme__name",
    *(f"call__scheme__{column}" for column in translation_columns("name")),
)


def _register_of(applications: QuerySet, year: int) -> QuerySet:
    """Of the register's `applications`, those decided in `year`, by
    organisation (the page and its CSV)."""
    return applications.filter(decision_date__year=year).order_by(
        "organisation__name", "reference"
    )


def register_rows(*, year: int) -> QuerySet:
    """A year of the register, as its page shows it."""
    return _register_of(granted_applications(), year).only(*REGISTER_COLUMNS)


def register_table(*, year: int) -> QuerySet:
    """`register_rows` as plain values for the register's CSV: reference,
    organisation, title, country code, the SDGs' numbers (a list), scheme id,
    decision date and amount. One query and no model per row: a year has
    thousands of rows at bench volume."""
    sdgs = (
        Application.sdgs.through.objects.filter(application=OuterRef("pk"))
        .order_by("sdg__number")
        .values("sdg__number")
    )
    return _register_of(Application.objects.in_register(), year).values_list(
        "reference",
        "organisation__name",
        "title",
        "country",
        ArraySubquery(sdgs),
        "call__scheme_id",
        "decision_date",
        "approved_amount",
    )


# The years of the register in one query through its partial index: the first
# and last year, then one probe per year in between (a DISTINCT over the
# years would read every granted file).
_GRANTED = "decision = %(approved)s AND NOT (status = %(withdrawn)s)"
REGISTER_YEARS_SQL = f"""
SELECT year FROM generate_series(
    (SELECT EXTRACT(YEAR FROM MIN(decision_date))::int FROM {{table}}
     WHERE {_GRANTED} AND decision_date IS NOT NULL),
    (SELECT EXTRACT(YEAR FROM MAX(decision_date))::int FROM {{table}}
     WHERE {_GRANTED} AND decision_date IS NOT NULL)
) AS year
WHERE EXISTS (
    SELECT 1 FROM {{table}} WHERE {_GRANTED}
    AND decision_date >= make_date(year, 1, 1)
    AND decision_date < make_date(year + 1, 1, 1)
)
ORDER BY year DESC
"""


def register_years() -> list[int]:
    """The years with a granted subsidy, newest first (see REGISTER_YEARS_SQL)."""
    sql = REGISTER_YEARS_SQL.format(
        table=connection.ops.quote_name(Application._meta.db_table)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql, {"approved": Decision.APPROVED, "withdrawn": Status.WITHDRAWN}
        )
        return [year for (year,) in cursor.fetchall()]


def register_total(*, year: int):
    """The amount granted in `year`, all pages of the register together."""
    granted = Application.objects.in_register().filter(decision_date__year=year)
    return granted.aggregate(total=Sum("approved_amount"))["total"] or Decimal(0)


def granted_for_sdg(sdg) -> QuerySet:
    """Granted projects working on the goal, newest decision first (one query)."""
    return (
        Application.objects.in_register()
        .filter(sdgs=sdg)
        .select_related("organisation")
        .order_by("-decision_date", "reference")
    )


def granted_for_partnership(partnership) -> QuerySet:
    """Granted projects that belong to the partnership (one query): what the
    partnership's page shows of each, nothing more (a file is wide)."""
    return (
        Application.objects.in_register()
        .filter(partnership=partnership)
        .select_related("organisation")
        .only(
            "title",
            "reference",
            "decision_date",
            "country",
            "approved_amount",
            "organisation__name",
        )
        .order_by("-decision_date", "reference")
    )


@dataclass
class CallsNow:
    open_calls: list[Call]
    next_call: Call | None


def calls_now(*, now=None, limit: int = 4) -> CallsNow:
    """Calls of published schemes open now, closing first, and the next to open
    (two queries)."""
    now = now or timezone.now()
    calls = (
        Call.objects.filter(scheme__is_published=True)
        .select_related("scheme")
        # What the home page shows of a call: its title, dates and scheme's link.
        .only(
            "title",
            *translation_columns("title"),
            "opens_at",
            "closes_at",
            "scheme__slug",
        )
    )
    open_calls = calls.filter(opens_at__lte=now, closes_at__gt=now).order_by(
        "closes_at", "id"
    )
    next_call = calls.filter(opens_at__gt=now).order_by("opens_at", "id").first()
    return CallsNow(open_calls=list(open_calls[:limit]), next_call=next_call)


# Results: the figures the public charts draw (subsidies/results.py) ---------------


def granted_per_year() -> list[dict]:
    """{year, total, files} per year of the college's decision, oldest first."""
    return list(
        Application.objects.in_register()
        .annotate(year=ExtractYear("decision_date"))
        .order_by("year")
        .values("year")
        .annotate(total=Sum("approved_amount"), files=Count("id"))
    )


def granted_per_sdg() -> list[dict]:
    """{number, name, colour, total, files} per goal; a file with several goals
    counts for each of them."""
    return list(
        Application.objects.in_register()
        .filter(sdgs__isnull=False)
        .order_by("sdgs__number")
        .values(
            number=F("sdgs__number"), name=F("sdgs__name_nl"), colour=F("sdgs__colour")
        )
        .annotate(total=Sum("approved_amount"), files=Count("id"))
    )


def granted_per_country() -> list[dict]:
    """{country (code), total, files} per project country, largest first."""
    return list(
        Application.objects.in_register()
        .exclude(country="")
        .order_by()
        .values("country")
        .annotate(total=Sum("approved_amount"), files=Count("id"))
        .order_by("-total", "country")
    )


def granted_per_partnership() -> list[dict]:
    """{name, slug, total, files} per published partnership, largest first."""
    return list(
        Application.objects.in_register()
        .filter(partnership__is_published=True)
        .order_by()
        .values(name=F("partnership__title"), slug=F("partnership__slug"))
        .annotate(total=Sum("approved_amount"), files=Count("id"))
        .order_by("-total", "name")
    )


def envelopes_of_year(*, year: int) -> list[BudgetEnvelope]:
    """This year's envelopes of the published schemes, with `reserved` (one query)."""
    return list(
        envelopes_with_reserved(
            BudgetEnvelope.objects.filter(year=year, scheme__is_published=True)
        )
        .select_related("scheme")
        .order_by("scheme__name")
    )


# The admin's dashboard ----------------------------------------------------------


def files_per_status() -> list[dict]:
    """{status, files} for every status that has files, drafts left out (one query)."""
    from subsidies.constants import Status

    return list(
        Application.objects.exclude(status=Status.DRAFT)
        .order_by()
        .values("status")
        .annotate(files=Count("id"))
        .order_by("status")
    )


class Median(Aggregate):
    """PostgreSQL's median of an expression."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"


def median_days_to_decision(*, year: int):
    """The median time from submission to the college's decision of the files
    decided in `year` (a timedelta, or None without decisions; one query)."""
    return Application.objects.filter(
        decision_date__year=year, submitted_at__isnull=False
    ).aggregate(
        median=Median(
            F("decision_date") - TruncDate("submitted_at"),
            output_field=DurationField(),
        )
    )["median"]


def first_payment_subquery():
    """The date of an application's first payment to the organisation (an advance
    or the balance; a reclaim is not one), for `.annotate()`."""
    return Subquery(
        Payment.objects.filter(application=OuterRef("pk"))
        .exclude(kind=PaymentKind.RECLAIM)
        .order_by("paid_on", "pk")
        .values("paid_on")[:1]
    )


def median_days_to_payment(*, year: int):
    """The median time from submission to the first payment of the files first
    paid in `year` (a timedelta, or None without payments; one query)."""
    return (
        Application.objects.filter(submitted_at__isnull=False)
        .annotate(first_paid_on=first_payment_subquery())
        .filter(first_paid_on__year=year)
        .aggregate(
            median=Median(
                F("first_paid_on") - TruncDate("submitted_at"),
                output_field=DurationField(),
            )
        )["median"]
    )


# The amounts committed and paid at the end of each month, per envelope: what the
# services keep in `BudgetEnvelope.committed` and `.paid`, rebuilt from the dated
# events that change them. An approval commits its amount on its decision date;
# payments (advance, balance) and reclaims change what is paid on their date. The
# first reclaim or the closing of the file settles it: from then on it commits only
# what is paid to it (what services.application_reclaim and application_close
# release). The last month counts every event, so its figures are the envelope's
# current ones.
ENVELOPE_MONTHS_SQL = """
WITH months AS (
    SELECT month,
           CASE WHEN month = %(last_month)s THEN 'infinity'::date
                ELSE (make_date(%(year)s, month, 1) + interval '1 month')::date
           END AS bound
    FROM generate_series(1, %(last_month)s) AS month
),
files AS (
    SELECT application.id, envelope.id AS envelope_id,
           application.approved_amount, application.decision_date,
           LEAST(
               (application.closed_at AT TIME ZONE %(time_zone)s)::date,
               (SELECT min(reclaim.paid_on) FROM {payment} AS reclaim
                WHERE reclaim.application_id = application.id
                  AND reclaim.kind = %(reclaim)s)
           ) AS settled_on
    FROM {application} AS application
    JOIN {call} AS call ON call.id = application.call_id
    JOIN {envelope} AS envelope
      ON envelope.scheme_id = call.scheme_id AND envelope.year = call.year
    WHERE envelope.id = ANY(%(envelopes)s)
      AND application.decision = %(approved)s
      AND application.decision_date IS NOT NULL
)
SELECT files.envelope_id, months.month,
       SUM(CASE WHEN files.decision_date >= months.bound THEN 0
                WHEN files.settled_on < months.bound THEN paid.net
                ELSE files.approved_amount END) AS committed,
       SUM(paid.net) AS paid
FROM files CROSS JOIN months
CROSS JOIN LATERAL (
    SELECT COALESCE(SUM(CASE WHEN payment.kind = %(reclaim)s
                             THEN -payment.amount ELSE payment.amount END), 0) AS net
    FROM {payment} AS payment
    WHERE payment.application_id = files.id AND payment.paid_on < months.bound
) AS paid
GROUP BY files.envelope_id, months.month
ORDER BY files.envelope_id, months.month
"""


@dataclass(frozen=True)
class EnvelopeMonth:
    month: int
    committed: Decimal
    paid: Decimal
    budget: Decimal

    @property
    def left(self) -> Decimal:
        """Not committed yet: what `BudgetEnvelope.remaining` says now."""
        return self.budget - self.committed

    @property
    def unpaid(self) -> Decimal:
        return self.budget - self.paid


def envelope_months(
    envelopes, *, year: int, last_month: int
) -> dict[int, list[EnvelopeMonth]]:
    """{envelope id: its committed and paid at the end of each month, January to
    `last_month`} for the envelopes (of `year`), in one query (ENVELOPE_MONTHS_SQL)."""
    envelopes = list(envelopes)
    if not envelopes:
        return {}
    quote = connection.ops.quote_name
    sql = ENVELOPE_MONTHS_SQL.format(
        payment=quote(Payment._meta.db_table),
        application=quote(Application._meta.db_table),
        call=quote(Call._meta.db_table),
        envelope=quote(BudgetEnvelope._meta.db_table),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "year": year,
                "last_month": last_month,
                "time_zone": timezone.get_default_timezone_name(),
                "envelopes": [envelope.pk for envelope in envelopes],
                "approved": Decision.APPROVED,
                "reclaim": PaymentKind.RECLAIM,
            },
        )
        found = {
            (envelope_id, month): (committed, paid)
            for envelope_id, month, committed, paid in cursor.fetchall()
        }
    return {
        envelope.pk: [
            EnvelopeMonth(
                month,
                *found.get((envelope.pk, month), (ZERO, ZERO)),
                budget=envelope.budget,
            )
            for month in range(1, last_month + 1)
        ]
        for envelope in envelopes
    }


# Reminders -------------------------------------------------------------------------


def applications_awaiting_report() -> QuerySet[Application]:
    """Files whose final report is expected from the applicant, with a due date."""
    return (
        Application.objects.filter(
            status__in=REPORT_EDITABLE, report_due_on__isnull=False
        )
        .select_related("call__scheme", "organisation")
        .order_by("report_due_on", "pk")
    )


def information_requests_unanswered() -> QuerySet[InformationRequest]:
    """Open questions of the service the applicant has not answered yet."""
    return (
        InformationRequest.objects.filter(
            answered_at__isnull=True, application__status=Status.INFO_REQUESTED
        )
        .select_related("application__call__scheme", "application__organisation")
        .order_by("requested_at", "pk")
    )
