from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from herentq.files import private_storage, random_upload_name
from herentq.languages import translation_columns
from herentq.models import TimeStampedModel
from partnerships.constants import (
    AgreementKind,
    ExchangeDirection,
    PartnershipStatus,
    PlaceKind,
)
from partnerships.continents import continent_of
from partnerships.partial_dates import (
    PartialDate,
    partial_date_constraints,
    precision_field,
)

# Every rendition of a photo is stored under a random name of its own.
PHOTO_UPLOAD_TO = random_upload_name("partnerships/photos")

# Paths under /partnerschappen/ that are not a partnership.
RESERVED_SLUGS = {"kaart"}


def validate_not_reserved(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("'%(slug)s' is al een pagina van de site: kies een ander adres."),
            params={"slug": slug},
            code="reserved",
        )


class ActionDomain(models.Model):
    """A domain of action of a partnership or agreement: health, culture, …"""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        verbose_name = _("actiedomein")
        verbose_name_plural = _("actiedomeinen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartnershipQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Partnership(TimeStampedModel):
    """The bond between a Belgian local authority and one or more places abroad."""

    local_authority = models.ForeignKey(
        "herentq.LocalAuthority",
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("lokaal bestuur"),
    )
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(
        _("adres"),
        max_length=200,
        unique=True,
        validators=[validate_not_reserved],
        help_text=_("Het deel van het webadres na /partnerschappen/."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PartnershipStatus.choices,
        default=PartnershipStatus.ACTIVE,
    )
    summary = models.TextField(
        _("samenvatting"),
        max_length=600,
        help_text=_("Eén of twee zinnen, getoond in de lijst en in de open data."),
    )
    body = models.TextField(
        _("tekst"),
        blank=True,
        help_text=_("Lege regel tussen alinea's; webadressen worden links."),
    )
    domains = models.ManyToManyField(
        ActionDomain,
        blank=True,
        related_name="partnerships",
        verbose_name=_("actiedomeinen"),
    )
    sdgs = models.ManyToManyField(
        "herentq.SDG",
        blank=True,
        related_name="partnerships",
        verbose_name=_("SDG's"),
    )
    news_items = models.ManyToManyField(
        "herentq.NewsItem",
        blank=True,
        related_name="partnerships",
        verbose_name=_("nieuwsberichten"),
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_service = models.CharField(
        _("dienst van de contactpersoon"), max_length=200, blank=True
    )
    contact_address = models.TextField(_("adres van de contactpersoon"), blank=True)
    contact_email = models.EmailField(_("e-mail van de contactpersoon"), blank=True)
    contact_phone = models.CharField(
        _("telefoon van de contactpersoon"), max_length=50, blank=True
    )
    is_published = models.BooleanField(
        _("gepubliceerd"),
        default=False,
        help_text=_("Alleen gepubliceerde partnerschappen zijn publiek zichtbaar."),
    )
    search_vector = SearchVectorField(_("zoekindex"), null=True, editable=False)
    # The same document, normalised for the forgiving match (herentq.search).
    search_text = models.TextField(_("zoektekst"), blank=True, editable=False)

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "search_vector",
            "search_text",
            *translation_columns("title", "summary", "body"),
        ]
    )

    class Meta:
        verbose_name = _("partnerschap")
        verbose_name_plural = _("partnerschappen")
        ordering = ["title"]
        indexes = [
            GinIndex(fields=["search_vector"], name="partnership_search_gin"),
            GinIndex(
                OpClass(F("search_text"), name="gin_trgm_ops"),
                name="partnership_search_trgm",
            ),
            # Lists and the admin page through partnerships in title order.
            models.Index(fields=["title"], name="partnership_title_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PartnershipStatus.values),
                name="partnership_status_valid",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.slug])

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_service or self.contact_email)

    @property
    def since(self) -> PartialDate | None:
        """When the earliest dated agreement was signed (agreements prefetched)."""
        dates = [agreement.signed for agreement in self.agreements.all()]
        return min((date for date in dates if date), default=None)

    @property
    def country_codes(self) -> list[str]:
        """The countries of the (prefetched) places, in place order, once each."""
        codes = []
        for place in self.places.all():
            if place.country.code not in codes:
                codes.append(place.country.code)
        return codes


class PartnerPlace(models.Model):
    """A city, municipality, district, region or province abroad."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="places",
        verbose_name=_("partnerschap"),
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(
        _("soort"), max_length=20, choices=PlaceKind.choices, default=PlaceKind.CITY
    )
    area = models.CharField(
        _("ligt in"),
        max_length=200,
        blank=True,
        help_text=_("Het grotere gebied, bv. 'Cobán, Alta Verapaz'."),
    )
    country = CountryField(_("land"))
    other_names = models.CharField(
        _("andere namen"),
        max_length=300,
        blank=True,
        help_text=_(
            "Namen in andere talen, gescheiden door komma's, bv. 'Bucharest, "
            "Bucarest' voor Boekarest: de zoekfunctie vindt de plaats ook zo."
        ),
    )
    latitude = models.DecimalField(
        _("breedtegraad"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("lengtegraad"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    wikidata_id = models.CharField(
        _("Wikidata-id"),
        max_length=20,
        blank=True,
        help_text=_("Bv. Q12345: het item van de plaats op Wikidata."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("partnerplaats")
        verbose_name_plural = _("partnerplaatsen")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=PlaceKind.values), name="place_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="place_coordinates_valid",
            ),
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__regex=r"^Q[1-9][0-9]*$"),
                name="place_wikidata_id_format",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def continent(self) -> str | None:
        return continent_of(self.country.code)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def wikidata_url(self) -> str:
        return (
            f"https://www.wikidata.org/wiki/{self.wikidata_id}"
            if self.wikidata_id
            else ""
        )


class PartnerOrganisation(models.Model):
    """An organisation the partnership works with, e.g. a community radio."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="organisations",
        verbose_name=_("partnerschap"),
    )
    name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(_("rol"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("partnerorganisatie")
        verbose_name_plural = _("partnerorganisaties")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class Agreement(TimeStampedModel):
    """An agreement that founds or renews a partnership."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("partnerschap"),
    )
    kind = models.CharField(_("soort"), max_length=30, choices=AgreementKind.choices)
    signed_on = models.DateField(_("ondertekend op"), null=True, blank=True)
    signed_on_precision = precision_field(_("precisie van de ondertekening"))
    signed_at = models.CharField(_("ondertekend te"), max_length=200, blank=True)
    ends_on = models.DateField(_("loopt af op"), null=True, blank=True)
    ends_on_precision = precision_field(_("precisie van het einde"))
    domains = models.ManyToManyField(
        ActionDomain,
        blank=True,
        related_name="agreements",
        verbose_name=_("actiedomeinen"),
    )
    summary = models.TextField(
        _("samenvatting"),
        blank=True,
        help_text=_("Wat de overeenkomst regelt: de toegankelijke versie van de pdf."),
    )
    document = models.FileField(
        _("ondertekende overeenkomst (pdf)"),
        storage=private_storage,
        upload_to=random_upload_name("partnerships/agreements"),
        blank=True,
    )

    history = HistoricalRecords(excluded_fields=translation_columns("summary"))

    class Meta:
        verbose_name = _("overeenkomst")
        verbose_name_plural = _("overeenkomsten")
        ordering = [F("signed_on").asc(nulls_last=True), "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AgreementKind.values),
                name="agreement_kind_valid",
            ),
            *partial_date_constraints("signed_on", prefix="agreement"),
            *partial_date_constraints("ends_on", prefix="agreement"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(ends_on__gte=F("signed_on")),
                name="agreement_ends_after_signing",
            ),
        ]

    def __str__(self):
        if self.signed:
            return f"{self.get_kind_display()} ({self.signed})"
        return self.get_kind_display()

    @property
    def signed(self) -> PartialDate | None:
        return PartialDate.from_fields(self.signed_on, self.signed_on_precision)

    @property
    def ends(self) -> PartialDate | None:
        return PartialDate.from_fields(self.ends_on, self.ends_on_precision)

    def get_document_url(self):
        return reverse(
            "partnerships:agreement_document",
            args=[self.partnership.slug, self.pk],
        )


class Exchange(models.Model):
    """A visit North→South or South→North."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="exchanges",
        verbose_name=_("partnerschap"),
    )
    direction = models.CharField(
        _("richting"), max_length=20, choices=ExchangeDirection.choices
    )
    title = models.CharField(_("titel"), max_length=200)
    starts_on = models.DateField(_("van"))
    starts_on_precision = precision_field(_("precisie van het begin"))
    ends_on = models.DateField(_("tot"), null=True, blank=True)
    ends_on_precision = precision_field(_("precisie van het einde"))
    travellers = models.TextField(_("wie reisde"))
    purpose = models.TextField(_("doel"))
    report = models.TextField(_("kort verslag"), blank=True)

    class Meta:
        verbose_name = _("uitwisseling")
        verbose_name_plural = _("uitwisselingen")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(direction__in=ExchangeDirection.values),
                name="exchange_direction_valid",
            ),
            *partial_date_constraints("starts_on", prefix="exchange"),
            *partial_date_constraints("ends_on", prefix="exchange"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="exchange_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def starts(self) -> PartialDate:
        return PartialDate.from_fields(self.starts_on, self.starts_on_precision)

    @property
    def ends(self) -> PartialDate | None:
        return PartialDate.from_fields(self.ends_on, self.ends_on_precision)


class PhotoAlbum(TimeStampedModel):
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="albums",
        verbose_name=_("partnerschap"),
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("fotoalbum")
        verbose_name_plural = _("fotoalbums")
        ordering = ["position", "id"]
        # The admin pages through all albums in this order.
        indexes = [models.Index(fields=["position", "id"], name="photoalbum_order_idx")]

    def __str__(self):
        return self.title


class Photo(models.Model):
    """A photo, re-encoded without metadata, with its renditions made once."""

    album = models.ForeignKey(
        PhotoAlbum,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("album"),
    )
    image = models.ImageField(_("foto"), upload_to=PHOTO_UPLOAD_TO)
    image_width = models.PositiveIntegerField(_("breedte"))
    image_height = models.PositiveIntegerField(_("hoogte"))
    medium = models.ImageField(_("middelgrote versie"), upload_to=PHOTO_UPLOAD_TO)
    medium_width = models.PositiveIntegerField(_("breedte middelgroot"))
    medium_height = models.PositiveIntegerField(_("hoogte middelgroot"))
    thumbnail = models.ImageField(_("miniatuur"), upload_to=PHOTO_UPLOAD_TO)
    thumbnail_width = models.PositiveIntegerField(_("breedte miniatuur"))
    thumbnail_height = models.PositiveIntegerField(_("hoogte miniatuur"))
    alt_text = models.CharField(
        _("alternatieve tekst"),
        max_length=250,
        help_text=_(
            "Wat er op de foto te zien is, in het Nederlands, voor wie hem niet ziet."
        ),
    )
    caption = models.CharField(_("bijschrift"), max_length=300, blank=True)
    credit = models.CharField(_("fotograaf of bron"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    created_at = models.DateTimeField(_("opgeladen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("foto")
        verbose_name_plural = _("foto's")
        ordering = ["position", "id"]
        indexes = [
            # The admin lists the latest uploads first, and finds their years by it.
            models.Index(fields=["created_at"], name="photo_created_at_idx"),
            # /media/ finds the photo a file belongs to (selectors.photo_file_is_public).
            models.Index(fields=["image"], name="photo_image_idx"),
            models.Index(fields=["medium"], name="photo_medium_idx"),
            models.Index(fields=["thumbnail"], name="photo_thumbnail_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt_text=""), name="photo_alt_text_required"
            ),
            models.CheckConstraint(
                condition=Q(
                    image_width__gt=0,
                    image_height__gt=0,
                    medium_width__gt=0,
                    medium_height__gt=0,
                    thumbnail_width__gt=0,
                    thumbnail_height__gt=0,
                ),
                name="photo_dimensions_positive",
            ),
        ]

    def __str__(self):
        return self.alt_text

    def get_absolute_url(self):
        return reverse(
            "partnerships:photo", args=[self.album.partnership.slug, self.pk]
        )


class Network(models.Model):
    """A network of local authorities, e.g. for Palestine."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("netwerk")
        verbose_name_plural = _("netwerken")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NetworkMembership(models.Model):
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("netwerk"),
    )
    local_authority = models.ForeignKey(
        "herentq.LocalAuthority",
        on_delete=models.CASCADE,
        related_name="network_memberships",
        verbose_name=_("lokaal bestuur"),
    )
    joined_on = models.DateField(_("toegetreden op"), null=True, blank=True)
    joined_on_precision = precision_field(_("precisie van de toetreding"))
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("lidmaatschap van een netwerk")
        verbose_name_plural = _("lidmaatschappen van netwerken")
        ordering = ["local_authority__name", "network__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "local_authority"], name="one_membership_per_network"
            ),
            *partial_date_constraints("joined_on", prefix="membership"),
        ]

    def __str__(self):
        return f"{self.local_authority} — {self.network}"

    @property
    def joined(self) -> PartialDate | None:
        return PartialDate.from_fields(self.joined_on, self.joined_on_precision)
