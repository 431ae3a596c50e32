"""The admin's index is the service's dashboard: every chart's table holds the
database's figures, counted here independently, and links to the changelist
it summarises (which lists as many rows)."""

import re
import statistics
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

from learning_tracks.constants import SEAT_HOLDING_STATUSES, TrackStatus
from learning_tracks.models import Enrolment, Track
from subsidies.constants import PaymentKind
from subsidies.formatting import format_eur
from subsidies.models import Application, BudgetEnvelope

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
