from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from partnerships.models import Agreement, NetworkMembership, Partnership, Photo

pytestmark = pytest.mark.django_db


def test_demo_has_every_partnership_of_the_domain_description(demo_data):
    titles = set(Partnership.objects.published().values_list("title", flat=True))
    assert titles == {
        "Herent – Nimlaha'kok en Nimlasachal",
        "Brasschaat – Tarija",
        "Edegem – San Jerónimo",
        "Sint-Joost-ten-Node – Regio Oriental",
        "Sint-Joost-ten-Node – Tanger",
        "Sint-Joost-ten-Node – Eskişehir",
        "Sint-Joost-ten-Node – Binalonan",
        "Sint-Joost-ten-Node – Al Aizaria",
        "Sint-Joost-ten-Node – Kardzjali",
        "Sint-Joost-ten-Node – 5de District van Boekarest",
        "Sint-Joost-ten-Node – Selembao",
    }
    herent = Partnership.objects.get(slug="herent-nimlahakok-nimlasachal")
    assert [(p.name, p.area, p.country.code) for p in herent.places.all()] == [
        ("Nimlaha'kok", "Cobán, Alta Verapaz", "GT"),
        ("Nimlasachal", "Cobán, Alta Verapaz", "GT"),
    ]
    assert herent.organisations.filter(name__contains="Maya-Q'eqchi'").exists()


def test_demo_agreements_keep_the_kinds_and_dates_of_sint_joost(demo_data):
    agreements = {
        agreement.partnership.slug: (
            agreement.get_kind_display(),
            str(agreement.signed),
        )
        for agreement in Agreement.objects.select_related("partnership")
    }
    assert agreements == {
        "sint-joost-regio-oriental": (
            "overeenkomst van ontwikkelingssamenwerking",
            "2011",
        ),
        "sint-joost-tanger": ("jumelage", "2014"),
        "sint-joost-eskisehir": ("jumelage", "2014"),
        "sint-joost-binalonan": ("overeenkomst van ontwikkelingssamenwerking", "2015"),
        "sint-joost-al-aizaria": ("samenwerkingsprotocol", "2017"),
        "sint-joost-kardzjali": ("samenwerkingsakkoord", "7 mei 2019"),
        "sint-joost-boekarest-5de-district": ("jumelageprotocol", "maart 2018"),
        "sint-joost-selembao": ("verbroedering", "None"),
    }
    kardzjali = Agreement.objects.get(partnership__slug="sint-joost-kardzjali")
    assert kardzjali.signed_at == "Sint-Joost-ten-Node"
    assert [d.name for d in kardzjali.domains.all()] == ["Burgerlijke stand"]
    membership = NetworkMembership.objects.get(network__name__contains="Palestina")
    assert (membership.local_authority.name, str(membership.joined)) == (
        "Sint-Joost-ten-Node",
        "2014",
    )


def test_demo_photos_are_drawn_with_alt_text_and_marked_as_examples(demo_data):
    photos = Photo.objects.filter(
        album__partnership__slug="herent-nimlahakok-nimlasachal"
    )
    assert photos.count() == 3
    for photo in photos:
        assert photo.alt_text.startswith("Voorbeeldafbeelding (geen echte foto)")
        assert photo.image.storage.exists(photo.image.name)


def test_demo_loaded_twice_adds_no_rows_files_or_history(demo_data):
    files = sorted(Path(settings.MEDIA_ROOT).rglob("*.jpg"))
    history = Partnership.history.count()
    photos = Photo.objects.count()
    call_command("load_demo_data", verbosity=0)
    assert sorted(Path(settings.MEDIA_ROOT).rglob("*.jpg")) == files
    assert Partnership.history.count() == history
    assert Photo.objects.count() == photos


def test_demo_is_found_by_search_and_on_the_map(client, demo_data):
    response = client.get("/partnerschappen/", {"zoek": "Coban"})
    assert [p.slug for p in response.context["partnerships"]] == [
        "herent-nimlahakok-nimlasachal"
    ]
    html = client.get("/partnerschappen/kaart/").content.decode()
    assert html.count('class="partner-map__marker"') == 14
