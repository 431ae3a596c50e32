from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("GROSH")
    service_managed = True
