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

    # Run on a schedule (the worker / job queue); each command is safe to run again.
    periodic_commands = [
        ("send_subsidy_reminders", 60),
        ("anonymise_subsidy_files", 24 * 60),
        ("remove_inactive_accounts", 24 * 60),
    ]

    @property
    def audit_actions(self):
        from subsidies.constants import AUDIT_ACTIONS

        return AUDIT_ACTIONS

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

    def sdg_sections(self, sdg):
        from herentq.extensions import Section
        from subsidies.selectors import granted_for_sdg

        return [
            Section(
                title=str(_("Gesubsidieerde projecten")),
                items=_project_links(granted_for_sdg(sdg)[:25]),
                empty_text=str(
                    _(
                        "De gemeente subsidieerde nog geen project rond deze doelstelling."
                    )
                ),
            )
        ]

    def partnership_sections(self, partnership):
        from herentq.extensions import Section
        from subsidies.selectors import granted_for_partnership

        return [
            Section(
                title=str(_("Gesubsidieerde projecten")),
                items=_project_links(granted_for_partnership(partnership)[:25]),
                empty_text=str(
                    _(
                        "De gemeente subsidieerde nog geen project binnen dit partnerschap."
                    )
                ),
            )
        ]


def _project_links(applications):
    """Granted projects as links to their row in the public register."""
    from django.urls import reverse

    from herentq.extensions import LinkItem
    from subsidies.formatting import format_eur

    return [
        LinkItem(
            title=application.title,
            url=reverse(
                "subsidies:register_year", args=[application.decision_date.year]
            )
            + f"#{application.reference.lower()}",
            description=f"{application.organisation.name}, "
            f"{application.country.name} — {format_eur(application.approved_amount)} "
            f"({application.decision_date.year})",
        )
        for application in applications
    ]
