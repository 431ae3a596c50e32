"""factory_boy factories of the council app."""

import datetime as dt

import factory
from django.utils import timezone

from council.constants import AdviceOutcome, MeetingStatus, MemberRole
from council.models import (
    Advice,
    AgendaItem,
    Attendance,
    Council,
    CouncilMember,
    Meeting,
)


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council
        django_get_or_create = ["slug"]

    name = "GROSH"
    full_name = "Gemeentelijke Raad voor Ontwikkelingssamenwerking Herent"
    slug = "grosh"
    default_location = "De Kouter, Herent"


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMember

    council = factory.SubFactory(CouncilFactory)
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Sequence(lambda n: f"Lid{n}")
    email = factory.LazyAttribute(lambda m: f"{m.last_name.lower()}@example.be")
    role = MemberRole.MEMBER
    organisation = "Wereldwinkel Herent"
    term_start = factory.LazyFunction(
        lambda: timezone.localdate() - dt.timedelta(days=800)
    )


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    council = factory.SubFactory(CouncilFactory)
    planned_start = factory.LazyFunction(
        lambda: timezone.now().replace(microsecond=0) + dt.timedelta(days=14)
    )
    location = "De Kouter, Herent"
    status = MeetingStatus.PLANNED
    # The members were convoked and the public agenda is on the site.
    agenda_published_at = factory.LazyFunction(timezone.now)

    class Params:
        held = factory.Trait(
            status=MeetingStatus.HELD,
            planned_start=factory.LazyFunction(
                lambda: timezone.now().replace(microsecond=0) - dt.timedelta(days=30)
            ),
            started_at=factory.LazyAttribute(lambda m: m.planned_start),
            ended_at=factory.LazyAttribute(
                lambda m: m.planned_start + dt.timedelta(hours=2)
            ),
        )


def _next_position(item):
    last = item.meeting.agenda_items.order_by("-position").first()
    return last.position + 1 if last else 1


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.LazyAttribute(_next_position)
    title = factory.Sequence(lambda n: f"Agendapunt {n}")
    description = "Toelichting bij het punt."
    is_public = True


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory, held=True)
    member = factory.SubFactory(CouncilMemberFactory)


class AdviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advice

    agenda_item = factory.SubFactory(
        AgendaItemFactory, meeting=factory.SubFactory(MeetingFactory, held=True)
    )
    subject_text = factory.Sequence(lambda n: f"Onderwerp van advies {n}")
    text = "De raad adviseert het voorstel goed te keuren."
    motivation = "Het voorstel past in het beleid."
    outcome = AdviceOutcome.POSITIVE
    votes_for = 3
