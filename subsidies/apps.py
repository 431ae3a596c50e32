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

    def admin_dashboard(self, request):
        from subsidies import dashboard

        return dashboard.for_user(request.user)

    def home_blocks(self):
        from django.urls import reverse

        from herentq.extensions import HomeBlock
        from subsidies import selectors

        calls = selectors.calls_now()
        return [
            HomeBlock(
                key="calls",
                title=_("Subsidieoproepen"),
                template="subsidies/includes/home_calls.html",
                items=calls.open_calls,
                extra={"next_call": calls.next_call},
                order=40,
                more_url=reverse("subsidies:index"),
                more_text=_("Alle subsidies"),
            )
        ]

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
            ),
            HomeSection(
                title=str(_("Resultaten")),
                description=str(
                    _(
                        "Waar het geld naartoe gaat: toegekende subsidies per jaar, "
                        "per SDG, per land en per partnerschap, en het budget van dit jaar."
                    )
                ),
                url=reverse("subsidies:results"),
                link_text=str(_("Naar de resultaten")),
            ),
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

    def search_kinds(self):
        from django.urls import reverse

        from herentq.search import SearchKind
        from subsidies import selectors

        return [
            SearchKind(
                key="subsidies",
                label=_("Subsidiereglementen"),
                public=selectors.schemes_searchable,
                shown_title="name",
                summary=lambda scheme: scheme.summary,
            ),
            # What the register shows of a granted project, nothing more.
            SearchKind(
                key="subsidieregister",
                label=_("Toegekende subsidies"),
                public=selectors.register_searchable,
                shown_title="title",
                url=lambda application: (
                    reverse(
                        "subsidies:register_year", args=[application.decision_date.year]
                    )
                    + f"#{application.reference.lower()}"
                ),
                summary=lambda application: (
                    f"{application.organisation.name} "
                    f"({application.decision_date.year})"
                ),
            ),
        ]

    def catalogue_datasets(self, base_url):
        from django.urls import reverse

        from herentq.catalogue import Dataset, Distribution
        from subsidies.selectors import register_years

        return [
            Dataset(
                key="subsidieregister",
                title=str(_("Register van toegekende subsidies")),
                description=str(
                    _(
                        "De subsidies voor ontwikkelingssamenwerking die de gemeente "
                        "toekende: organisatie, project, land, bedrag en SDG's, per "
                        "jaar van de beslissing."
                    )
                ),
                landing_page=base_url + reverse("subsidies:register"),
                keywords=[str(_("subsidie")), str(_("ontwikkelingssamenwerking"))],
                distributions=[
                    Distribution(
                        str(_("Register %(year)s (CSV)") % {"year": year}),
                        base_url + reverse("subsidies:register_csv", args=[year]),
                        "text/csv",
                    )
                    for year in register_years()
                ],
            )
        ]

    def sitemap_sections(self):
        from django.urls import reverse

        from herentq.sitemaps import SitemapSection, named_pages
        from subsidies import selectors

        return [
            named_pages("subsidies-lijsten", "subsidies:index", "subsidies:register"),
            SitemapSection(
                "subsidieregister",
                items=selectors.register_years,
                location=lambda year: reverse("subsidies:register_year", args=[year]),
            ),
            SitemapSection(
                "subsidiereglementen",
                items=lambda: selectors.schemes_searchable().order_by("slug"),
                lastmod="updated_at",
            ),
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
