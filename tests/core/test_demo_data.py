import pytest
from django.apps import apps
from django.core.management import call_command

from herentq.models import LocalAuthority

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(("post_office.", "sessions.", "admin."))
    }


def test_demo_data_command_run_twice_creates_no_duplicates(demo_data):
    first = _counts()
    call_command("load_demo_data", verbosity=0)
    assert _counts() == first
    assert first["herentq.LocalAuthority"] == 5
    assert first["herentq.Page"] >= 4


def test_demo_owner_is_herent(demo_data):
    assert LocalAuthority.objects.owner().name == "Herent"
    assert set(LocalAuthority.objects.values_list("name", flat=True)) == {
        "Herent",
        "Sint-Joost-ten-Node",
        "Brasschaat",
        "Edegem",
        "Genk",
    }
