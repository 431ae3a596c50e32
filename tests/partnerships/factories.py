"""factory_boy factories of the partnerships app."""

import datetime as dt
import io
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partnerships import services
from partnerships.constants import (
    AgreementKind,
    DatePrecision,
    ExchangeDirection,
    PlaceKind,
)
from partnerships.models import (
    ActionDomain,
    Agreement,
    Exchange,
    Network,
    NetworkMembership,
    PartnerOrganisation,
    PartnerPlace,
    Partnership,
    PhotoAlbum,
)
from tests.factories import LocalAuthorityFactory


def image_upload(
    name="foto.jpg",
    *,
    size=(640, 480),
    image_format="JPEG",
    colour=(30, 120, 60),
    **save,
):
    """An uploaded image made with Pillow; extra keyword arguments go to save()."""
    buffer = io.BytesIO()
    mode = "RGBA" if image_format == "PNG" and len(colour) == 4 else "RGB"
    Image.new(mode, size, colour).save(buffer, format=image_format, **save)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}.get(
        image_format, "application/octet-stream"
    )
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


class ActionDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionDomain
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Domein {n}")
    slug = factory.Sequence(lambda n: f"domein-{n}")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    title = factory.Sequence(lambda n: f"Partnerschap {n}")
    slug = factory.Sequence(lambda n: f"partnerschap-{n}")
    summary = "Een samenwerking tussen twee gemeenten."
    body = "Meer uitleg over de samenwerking."
    is_published = True

    @factory.post_generation
    def sdgs(self, create, extracted, **kwargs):
        if create and extracted:
            self.sdgs.set(extracted)

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create and extracted:
            self.domains.set(extracted)


class PartnerPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerPlace

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Plaats {n}")
    kind = PlaceKind.CITY
    country = "GT"
    latitude = Decimal("15.47080")
    longitude = Decimal("-90.37110")


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Organisatie {n}")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    kind = AgreementKind.JUMELAGE
    signed_on = dt.date(2014, 1, 1)
    signed_on_precision = DatePrecision.YEAR
    summary = "Wat de overeenkomst regelt."

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create and extracted:
            self.domains.set(extracted)


class ExchangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exchange

    partnership = factory.SubFactory(PartnershipFactory)
    direction = ExchangeDirection.NORTH_SOUTH
    title = factory.Sequence(lambda n: f"Bezoek {n}")
    starts_on = dt.date(2023, 5, 8)
    starts_on_precision = DatePrecision.DAY
    travellers = "Twee medewerkers van de dienst."
    purpose = "Kennismaken met de partners."


class PhotoAlbumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhotoAlbum

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Album {n}")


def add_photos(album, count=1, *, alt_text="Drie kinderen voor de school"):
    return services.photos_add(
        album=album,
        uploads=[image_upload(f"foto-{i}.jpg") for i in range(count)],
        alt_text=alt_text,
    )


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Netwerk {n}")
    slug = factory.Sequence(lambda n: f"netwerk-{n}")


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    local_authority = factory.SubFactory(LocalAuthorityFactory)
