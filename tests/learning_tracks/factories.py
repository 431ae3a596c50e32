import datetime as dt

import factory
from django.utils import timezone

from learning_tracks.constants import EnrolmentStatus, ParticipantRole, TrackStatus
from learning_tracks.models import Enrolment, Session, Theme, Track, TrackResource


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    number = factory.Sequence(lambda n: 100 + n)
    title = factory.Sequence(lambda n: f"Leertraject {n}")
    slug = factory.Sequence(lambda n: f"leertraject-{n}")
    theme = factory.SubFactory(ThemeFactory)
    summary = "Waarover het traject gaat."
    objectives = "De doelstellingen."
    target_group = "Ambtenaren en schepenen."
    process = "Vier sessies."
    organiser = "VVSG – Dienst Internationaal"
    contact_name = "Karlien Gorissen"
    contact_email = "karlien.gorissen@vvsg.be"
    timing = "Najaar"
    status = TrackStatus.ENROLMENT_OPEN
    capacity = 10


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    track = factory.SubFactory(TrackFactory)
    topic = factory.Sequence(lambda n: f"Sessie {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(hours=3))
    location = "VVSG, Bischoffsheimlaan 1-8, 1000 Brussel"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """A raw row: holds no seat unless the caller counts it (see conftest.enrol)."""

    class Meta:
        model = Enrolment

    track = factory.SubFactory(TrackFactory)
    name = factory.Faker("name", locale="nl_BE")
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.be")
    organisation = factory.Sequence(lambda n: f"Gemeente {n}")
    role = ParticipantRole.CIVIL_SERVANT
    consented_at = factory.LazyFunction(timezone.now)
    status = EnrolmentStatus.PENDING


class TrackResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrackResource

    track = factory.SubFactory(TrackFactory, status=TrackStatus.LESSONS_PUBLISHED)
    kind = "checklist"
    title = factory.Sequence(lambda n: f"Checklist {n}")
    slug = factory.Sequence(lambda n: f"checklist-{n}")
    body = "Punt een.\n\nPunt twee."
