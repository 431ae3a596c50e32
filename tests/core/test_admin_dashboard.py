"""The admin's index is the service's dashboard: every chart's table holds the
database's figures, counted here independently, and links to the changelist
it summarises (which lists as many rows)."""

import datetime as dt
import re
import statistics
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from post_office.models import STATUS, Email

from learning_tracks.constants import SEAT_HOLDING_STATUSES, TrackStatus
from learning_tracks.models import Enrolment, Track
from subsidies import services
from subsidies.constants import PaymentKind, Status
from subsidies.formatting import format_eur
from subsidies.models import Application, BudgetEnvelope
from tests.subsidies.factories import (
    ApplicationFactory,
    CallFactory,
    EnvelopeFactory,
    SchemeFactory,
)

pytestmark = pytest.mark.django_db

ROW = re.compile(
    r'<tr><th scope="row"><a href="(?P<url>[^"]*)">(?P<label>[^<]*)</a></th>'
    r"(?P<cells>(?:<td[^>]*>[^<]*</td>)+)</tr>"
)


def chart_rows(html: str, key: str) -> dict[str, tuple[str, list[str]]]:
    """{label: (url, [cells])} of the table of the chart `key`."""
    figure = html.split(f'id="grafiek-{key}"', 1)[1].split("</figure>", 1)[0]
    return {
        unescape(match["label"]): (
            unescape(match["url"]),
            re.findall(r"<td[^>]*>([^<]*)</td>", match["cells"]),
        )
        for match in ROW.finditer(figure)
    }


def median_days(pairs) -> int:
    return int(statistics.median((end - start).days for start, end in pairs))


@pytest.fixture
def dashboard(admin_client, demo_data):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_turnaround_medians_match_the_database(admin_client, dashboard):
    year = timezone.localdate().year
    decided = [
        (timezone.localtime(a.submitted_at).date(), a.decision_date)
        for a in Application.objects.filter(
            decision_date__year=year, submitted_at__isnull=False
        )
    ]
    paid = []
    for application in Application.objects.filter(
        submitted_at__isnull=False
    ).prefetch_related("payments"):
        dates = sorted(
            p.paid_on
            for p in application.payments.all()
            if p.kind != PaymentKind.RECLAIM
        )
        if dates and dates[0].year == year:
            submitted = timezone.localtime(application.submitted_at).date()
            paid.append((application, (submitted, dates[0])))
    assert decided and paid, "the demo data decide and pay files this year"
    rows = chart_rows(dashboard, "doorlooptijd")
    url, cells = rows["Van indiening tot beslissing"]
    assert cells == [str(median_days(decided))]
    listed = admin_client.get(url).context["cl"].result_count
    assert listed == len(decided)
    url, cells = rows["Van indiening tot eerste betaling"]
    assert cells == [str(median_days([pair for _a, pair in paid]))]
    listed = admin_client.get(url).context["cl"]
    assert {a.pk for a in listed.queryset} == {a.pk for a, _pair in paid}
    assert f"Doorlooptijd in {year}" in dashboard


def test_envelope_burn_down_matches_the_database(admin_client, dashboard):
    year = timezone.localdate().year
    envelopes = BudgetEnvelope.objects.filter(year=year).select_related("scheme")
    assert envelopes
    rows = chart_rows(dashboard, "budget")
    for envelope in envelopes:
        label = f"{envelope.scheme.name} ({format_eur(envelope.budget)})"
        url, cells = rows[label]
        assert cells[0] == format_eur(envelope.paid)
        assert cells[1] == format_eur(envelope.committed - envelope.paid)
        changelist = admin_client.get(url).context["cl"]
        assert set(changelist.queryset.values_list("pk", flat=True)) == set(
            Application.objects.filter(
                call__scheme=envelope.scheme, call__year=year
            ).values_list("pk", flat=True)
        )
        # Its burn-down ends on the same figures, rebuilt from the dated events.
        months, burn_down_url = burn_down_rows(dashboard, envelope)
        assert len(months) == timezone.localdate().month
        assert months[-1][1:] == (
            format_eur(envelope.remaining),
            format_eur(envelope.budget - envelope.paid),
        )
        assert burn_down_url == url


def test_enrolments_against_capacity_match_the_database(admin_client, dashboard):
    rows = chart_rows(dashboard, "plaatsen")
    tracks = Track.objects.filter(
        status__in=[TrackStatus.ENROLMENT_OPEN, TrackStatus.RUNNING]
    )
    assert tracks
    assert len(rows) == len(tracks)
    for track in tracks:
        url, cells = rows[f"{track.number}. {track.title} ({track.capacity})"]
        holding = Enrolment.objects.filter(
            track=track, status__in=SEAT_HOLDING_STATUSES
        ).count()
        assert cells == [str(holding), str(track.capacity - holding)]
        changelist = admin_client.get(url).context["cl"]
        assert changelist.result_count == Enrolment.objects.filter(track=track).count()


def test_mail_waiting_and_given_up_match_the_database(admin_client, dashboard):
    rows = chart_rows(dashboard, "mail")
    waiting = Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued])
    failed = Email.objects.filter(status=STATUS.failed)
    for label, expected in (("Wachtend", waiting), ("Opgegeven", failed)):
        url, cells = rows[label]
        assert cells == [str(expected.count())]
        changelist = admin_client.get(url).context["cl"]
        assert changelist.result_count == expected.count()


# Each envelope's burn-down --------------------------------------------------------

MONTH_ROW = re.compile(
    r'<tr><th scope="row">(?P<month>[^<]*)</th>'
    r'<td class="text-end">(?P<left>[^<]*)</td>'
    r'<td class="text-end">(?P<unpaid>[^<]*)</td></tr>'
)


def burn_down_rows(html: str, envelope) -> tuple[list[tuple[str, str, str]], str]:
    """([(month, not committed, not paid)], the changelist it links to)."""
    figure = html.split(f'id="grafiek-verloop-{envelope.pk}"', 1)[1]
    figure = figure.split("</figure>", 1)[0]
    link = re.search(r'<p><a href="([^"]*)">', figure)
    assert link, "the chart links to the files of the envelope"
    rows = [
        (unescape(m["month"]), unescape(m["left"]), unescape(m["unpaid"]))
        for m in MONTH_ROW.finditer(figure)
    ]
    return rows, unescape(link[1])


def submitted(call, **fields):
    """A submitted file of the call (a reference of its own), in `fields`' state."""
    submitted.count += 1  # type: ignore[attr-defined]
    return ApplicationFactory(
        call=call,
        submitted_at=timezone.now(),
        reference=f"SUB-{call.year}-{9000 + submitted.count}",  # type: ignore[attr-defined]
        **fields,
    )


submitted.count = 0  # type: ignore[attr-defined]


def advised_file(call):
    return submitted(call, status=Status.ADVISED)


def report_accepted(application):
    """The final report's steps move no money: the file is put where they end."""
    Application.objects.filter(pk=application.pk).update(status=Status.REPORT_ACCEPTED)
    application.refresh_from_db()
    return application


def test_each_envelope_burns_down_month_by_month(admin_client, service_user):
    """Decisions and payments on known dates: at the end of every month the
    table says what was not committed and not paid yet, and this month's figures
    are the envelope's own (what the bar beside it shows)."""
    today = timezone.localdate()
    year, now = today.year, today.month

    def on(month: int, day: int) -> dt.date:
        # Never after today: early in the year, events fall in the current month.
        return min(dt.date(year, month, day), today)

    scheme = SchemeFactory(name="Projecten in het Zuiden")
    call = CallFactory(scheme=scheme, year=year)
    envelope = EnvelopeFactory(scheme=scheme, year=year, budget=Decimal("20000"))
    first, second, third = advised_file(call), advised_file(call), advised_file(call)
    refused = advised_file(call)
    events = [  # (date, what happens, not committed and not paid afterwards)
        (
            on(2, 10),
            lambda: services.application_decide(
                application=first,
                actor=service_user,
                decision="approved",
                amount=Decimal("5000"),
                decision_date=on(2, 10),
                decision_reference="CBS 1",
            ),
            ("15000", "20000"),
        ),
        (
            on(2, 11),
            lambda: services.application_decide(
                application=refused,
                actor=service_user,
                decision="refused",
                decision_date=on(2, 11),
                decision_reference="CBS 2",
            ),
            ("15000", "20000"),
        ),
        (
            on(3, 5),
            lambda: services.application_pay_advance(
                application=first,
                actor=service_user,
                amount=Decimal("4000"),
                paid_on=on(3, 5),
            ),
            ("15000", "16000"),
        ),
        (
            on(4, 20),
            lambda: services.application_decide(
                application=second,
                actor=service_user,
                decision="approved",
                amount=Decimal("3000"),
                decision_date=on(4, 20),
                decision_reference="CBS 3",
            ),
            ("12000", "16000"),
        ),
        (
            on(5, 2),
            lambda: services.application_pay_advance(
                application=second,
                actor=service_user,
                amount=Decimal("2000"),
                paid_on=on(5, 2),
            ),
            ("12000", "14000"),
        ),
        (
            # 1 000 back of 4 000 paid: the file keeps 3 000, 2 000 is free again.
            on(6, 15),
            lambda: services.application_reclaim(
                application=first,
                actor=service_user,
                amount=Decimal("1000"),
                paid_on=on(6, 15),
                reason="Project kleiner uitgevoerd.",
            ),
            ("14000", "15000"),
        ),
        (
            on(7, 1),
            lambda: services.application_decide(
                application=third,
                actor=service_user,
                decision="approved",
                amount=Decimal("2000"),
                decision_date=on(7, 1),
                decision_reference="CBS 4",
            ),
            ("12000", "15000"),
        ),
        (
            on(8, 3),
            lambda: services.application_pay_advance(
                application=third,
                actor=service_user,
                amount=Decimal("1500"),
                paid_on=on(8, 3),
            ),
            ("12000", "13500"),
        ),
        (
            # Closed (today) with 1 500 paid of 2 000: the 500 not paid is free again.
            today,
            lambda: services.application_close(
                application=report_accepted(third), actor=service_user
            ),
            ("12500", "13500"),
        ),
    ]
    for _date, happen, _after in events:
        happen()

    response = admin_client.get(reverse("admin:index"))
    html = response.content.decode()
    rows, url = burn_down_rows(html, envelope)

    expected = []
    for month in range(1, now + 1):
        after = [figures for date, _h, figures in events if date.month <= month]
        left, unpaid = after[-1] if after else ("20000", "20000")
        expected.append(
            (str(MONTHS[month]), format_eur(Decimal(left)), format_eur(Decimal(unpaid)))
        )
    assert rows == expected
    envelope.refresh_from_db()
    assert rows[-1][1:] == (
        format_eur(envelope.remaining),
        format_eur(envelope.budget - envelope.paid),
    )
    # The same figures as the bar: paid, and committed but not yet paid.
    label = f"{scheme.name} ({format_eur(envelope.budget)})"
    _url, cells = chart_rows(html, "budget")[label]
    assert cells[:2] == [
        format_eur(envelope.paid),
        format_eur(envelope.committed - envelope.paid),
    ]
    changelist = admin_client.get(url).context["cl"]
    assert {a.pk for a in changelist.queryset} == {
        first.pk,
        second.pk,
        third.pk,
        refused.pk,
    }


def test_the_dashboard_asks_no_more_queries_for_more_envelopes(admin_client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(reverse("admin:index")).status_code == 200
        return len(captured)

    year = timezone.localdate().year

    def envelope_with_a_granted_file():
        call = CallFactory(year=year)
        EnvelopeFactory(scheme=call.scheme, year=year)
        submitted(
            call,
            status=Status.APPROVED,
            decision="approved",
            approved_amount=Decimal("1000"),
            committed_amount=Decimal("1000"),
            decision_date=timezone.localdate(),
        )

    envelope_with_a_granted_file()
    admin_client.get(reverse("admin:index"))  # caches warmed
    one = queries()
    envelope_with_a_granted_file()
    envelope_with_a_granted_file()
    three = queries()
    assert three == one
    assert one <= 30
