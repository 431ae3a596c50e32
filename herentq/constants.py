from django.db import models
from django.utils.translation import gettext_lazy as _

SERVICE_GROUP = "Dienst lokaal mondiaal beleid"
COUNCIL_SECRETARIAT_GROUP = "GROSH-secretariaat"
COUNCIL_MEMBERS_GROUP = "GROSH-leden"


class NoticeSeverity(models.TextChoices):
    INFO = "info", _("Informatie")
    WARNING = "warning", _("Let op")
    URGENT = "urgent", _("Dringend")


class TextColour(models.TextChoices):
    WHITE = "#FFFFFF", _("wit")
    BLACK = "#000000", _("zwart")
