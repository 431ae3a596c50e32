import pytest
from django.core.management import call_command

from learning_tracks.constants import TrackStatus
from learning_tracks.models import Enrolment, Track

pytestmark = pytest.mark.django_db


def test_demo_has_the_seven_vvsg_tracks_in_every_phase(demo_data):
    tracks = list(Track.objects.order_by("number"))
    assert [t.title for t in tracks] == [
        "Duurzaam aankoopbeleid",
        "Duurzaam bankieren",
        "Migratie, integratie en ontwikkeling",
        "Wereldburgerschap",
        "Participatie",
        "Transversaal werken voor Lokaal Mondiaal beleid",
        "Alternatieve vormen van gemeentelijke internationale samenwerking",
    ]
    assert {t.status for t in tracks} == set(TrackStatus.values)
    assert all(t.sessions.exists() for t in tracks)
    assert tracks[0].partner_organisation == "Steunpunt Duurzame Overheidsopdrachten"
    assert "duurzame werkkledij" in tracks[0].summary


def test_demo_has_a_full_track_with_a_waiting_list(demo_data):
    track = Track.objects.get(slug="wereldburgerschap")
    assert track.is_full
    assert track.seats_taken == track.enrolments.confirmed().count()
    assert track.enrolments.filter(status="waiting").count() == 3


def test_demo_seat_counters_match_the_enrolments(demo_data):
    for track in Track.objects.all():
        held = track.enrolments.filter(status__in=["confirmed", "offered"]).count()
        assert track.seats_taken == held, track.title


def test_demo_has_a_completed_track_with_lessons_published(demo_data):
    track = Track.objects.get(status=TrackStatus.LESSONS_PUBLISHED)
    kinds = set(track.resources.values_list("kind", flat=True))
    assert {"lessons", "manual", "step_plan", "checklist"} <= kinds
    assert track.completed_at is not None


def test_demo_participants_are_examples(demo_data):
    assert all(
        e.endswith("@example.be")
        for e in Enrolment.objects.values_list("email", flat=True)
    )


def test_demo_twice_changes_nothing(demo_data):
    from django.apps import apps

    def counts():
        return {
            m._meta.label: m.objects.count()
            for m in apps.get_app_config("learning_tracks").get_models()
        } | {
            "history": sum(
                m.history.count()
                for m in apps.get_app_config("learning_tracks").get_models()
                if hasattr(m, "history")
            )
        }

    first = counts()
    call_command("load_demo_data", verbosity=0)
    assert counts() == first
