from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningTracksConfig(AppConfig):
    name = "learning_tracks"
    verbose_name = _("Leertrajecten")
    service_managed = True
