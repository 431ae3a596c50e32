from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    """Online subsidy applications and their processing by the service.

    Contributes to other apps' pages through the hooks of herentq.extensions:
    the home page, the SDG pages and the partnership pages list granted projects.
    """

    name = "subsidies"
    verbose_name = _("Subsidies")
    service_managed = True

    def home_sections(self):
        from django.urls import reverse

        from herentq.extensions import HomeSection

        return [
            HomeSection(
                title=str(_("Subsidies")),
                description=str(
                    _(
                        "Verenigingen vragen online een subsidie voor "
                        "ontwikkelingssamenwerking aan en volgen hun dossier."
                    )
                ),
                url=reverse("subsidies:index"),
                link_text=str(_("Naar de subsidies")),
            )
        ]
