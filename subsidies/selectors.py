"""Every read of the subsidies app, shared by pages, admin, exports and feeds."""

from dataclasses import dataclass

from django.db.models import (
    DecimalField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from subsidies.constants import IN_REVIEW, REPORT_EDITABLE, Status
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
    """The user's organisations' files, newest first, for the dashboard."""
    return (
        Application.objects.for_user(user)
        .with_related()
        .order_by("organisation__name", "-created_at")
    )


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
    return (
        Application.objects.granted()
        .filter(decision_date__isnull=False)
        .with_related()
        .prefetch_related("sdgs")
    )


def register_rows(*, year: int) -> QuerySet:
    """The public register of granted subsidies: decided in `year`."""
    return (
        granted_applications()
        .filter(decision_date__year=year)
        .order_by("organisation__name", "reference")
    )


def register_years() -> list[int]:
    years = (
        Application.objects.granted()
        .filter(decision_date__isnull=False)
        .annotate(y=ExtractYear("decision_date"))
        .order_by("-y")
        .values_list("y", flat=True)
        .distinct()
    )
    return list(years)


def granted_for_sdg(sdg) -> QuerySet:
    """Granted projects working on the goal, newest decision first (one query)."""
    return (
        Application.objects.granted()
        .filter(decision_date__isnull=False, sdgs=sdg)
        .select_related("organisation")
        .order_by("-decision_date", "reference")
    )


def granted_for_partnership(partnership) -> QuerySet:
    """Granted projects that belong to the partnership (one query)."""
    return (
        Application.objects.granted()
        .filter(decision_date__isnull=False, partnership=partnership)
        .select_related("organisation")
        .order_by("-decision_date", "reference")
    )


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
