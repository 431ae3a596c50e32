from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only HTTP API under /api/ (Django REST framework, drf-spectacular).

    Every list reads the same selector as the page that shows it, so what is
    unpublished, closed or draft is as unreachable here as on the pages.
    """

    name = "api"
    verbose_name = _("API")
