from django.db import models
from django.utils.translation import gettext_lazy as _

# Uploaded photos: what is accepted (checked on the content, not the file name).
PHOTO_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
# The longest side of each stored rendition, in pixels.
PHOTO_SIZES = {"image": 2400, "medium": 1200, "thumbnail": 400}

# Signed agreements uploaded as PDF.
AGREEMENT_PDF_MAX_BYTES = 20 * 1024 * 1024


class PartnershipStatus(models.TextChoices):
    IN_PREPARATION = "in_preparation", _("in voorbereiding")
    ACTIVE = "active", _("actief")
    ENDED = "ended", _("beëindigd")


class PlaceKind(models.TextChoices):
    CITY = "city", _("stad")
    MUNICIPALITY = "municipality", _("gemeente")
    DISTRICT = "district", _("district")
    REGION = "region", _("regio")
    PROVINCE = "province", _("provincie")


class AgreementKind(models.TextChoices):
    JUMELAGE = "jumelage", _("jumelage")
    JUMELAGE_PROTOCOL = "jumelage_protocol", _("jumelageprotocol")
    DEVELOPMENT_COOPERATION = (
        "development_cooperation",
        _("overeenkomst van ontwikkelingssamenwerking"),
    )
    COOPERATION_PROTOCOL = "cooperation_protocol", _("samenwerkingsprotocol")
    COOPERATION_AGREEMENT = "cooperation_agreement", _("samenwerkingsakkoord")
    COOPERATION_CONTRACT = "cooperation_contract", _("samenwerkingsovereenkomst")
    FRATERNISATION = "fraternisation", _("verbroedering")
    OTHER = "other", _("andere overeenkomst")


class DatePrecision(models.TextChoices):
    """How much of a date the sources give: "2011", "maart 2018", "7 mei 2019"."""

    YEAR = "year", _("jaar")
    MONTH = "month", _("maand")
    DAY = "day", _("dag")


class ExchangeDirection(models.TextChoices):
    NORTH_SOUTH = "north_south", _("Noord → Zuid")
    SOUTH_NORTH = "south_north", _("Zuid → Noord")


class Continent(models.TextChoices):
    """The continents of the UN geoscheme (M49), with the Americas as one."""

    AFRICA = "africa", _("Afrika")
    AMERICAS = "americas", _("Amerika")
    ASIA = "asia", _("Azië")
    EUROPE = "europe", _("Europa")
    OCEANIA = "oceania", _("Oceanië")
    ANTARCTICA = "antarctica", _("Antarctica")


class AuditAction:  # codes declared in AUDIT_ACTIONS below
    PUBLISHED = "partnerships.partnership.published"
    UNPUBLISHED = "partnerships.partnership.unpublished"
    PHOTOS_ADDED = "partnerships.partnership.photos_added"


# The audit trail's actions of the partnerships and their words (herentq.audit).
AUDIT_ACTIONS = {
    "partnerships.partnership.published": _("Gepubliceerd"),
    "partnerships.partnership.unpublished": _("Gedepubliceerd"),
    "partnerships.partnership.photos_added": _("Foto's toegevoegd"),
}


# The version of the partnerships' published data in the default cache (see
# services.data_changed and selectors.data_version).
DATA_VERSION_KEY = "partnerships.data-version"
