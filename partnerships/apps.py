from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class PartnershipsConfig(AppConfig):
    """The public directory of city partnerships.

    Other apps add sections to a partnership's page through a
    ``partnership_sections(partnership)`` method on their AppConfig, returning
    ``herentq.extensions.Section``s (see ``herentq.extensions.collect``).
    """

    name = "partnerships"
    verbose_name = gettext_lazy("Partnerschappen")
    service_managed = True

    @property
    def audit_actions(self):
        from partnerships.constants import AUDIT_ACTIONS

        return AUDIT_ACTIONS

    def ready(self):
        from partnerships import signals

        signals.connect()

    def public_uploads(self):
        from herentq.public_files import PublicUpload
        from partnerships import selectors
        from partnerships.models import Photo

        # The photo and its renditions share one prefix (PHOTO_UPLOAD_TO).
        return [PublicUpload.for_field(Photo, "image", selectors.photo_file_is_public)]

    def sdg_sections(self, sdg):
        from herentq.extensions import LinkItem, capped_section
        from partnerships import selectors

        return [
            capped_section(
                title=_("Partnerschappen"),
                queryset=selectors.partnerships_for_sdg(sdg=sdg),
                link=lambda partnership: LinkItem(
                    title=partnership.title,
                    url=partnership.get_absolute_url(),
                    description=partnership.local_authority.name,
                ),
                empty_text=_(
                    "Er is nog geen partnerschap aan deze doelstelling gekoppeld."
                ),
                all_url=f"{reverse('partnerships:list')}?sdg={sdg.number}",
                all_text=lambda total: (
                    _("Alle %(count)s partnerschappen rond deze doelstelling")
                    % {"count": total}
                ),
            )
        ]

    def home_blocks(self):
        from herentq.extensions import HomeBlock
        from partnerships import selectors

        return [
            HomeBlock(
                key="photos",
                title=_("Recente foto's uit de partnerschappen"),
                template="partnerships/includes/home_photos.html",
                items=selectors.photos_recent(),
                order=60,
                wide=True,
                more_url=reverse("partnerships:list"),
                more_text=_("Naar de partnerschappen"),
            )
        ]

    def home_sections(self):
        from herentq.extensions import HomeSection

        return [
            HomeSection(
                title=_("Partnerschappen"),
                description=_(
                    "Met wie werkt de gemeente samen, sinds wanneer en waarrond: "
                    "overeenkomsten, uitwisselingen, foto's en een kaart."
                ),
                url=reverse("partnerships:list"),
                link_text=_("Naar de partnerschappen"),
            )
        ]

    def search_kinds(self):

        from herentq.search import SearchKind
        from partnerships import selectors
        from partnerships.models import Partnership

        return [
            SearchKind(
                key="partnerschappen",
                label=gettext_lazy("Partnerschappen"),
                public=lambda: Partnership.objects.published(),
                shown_title="title",
                summary=lambda item: item.summary,
            ),
            SearchKind(
                key="partnerplaatsen",
                label=gettext_lazy("Partnerplaatsen"),
                public=selectors.places_searchable,
                shown_title="name",
                url=lambda place: place.partnership.get_absolute_url(),
                summary=lambda place: ", ".join(
                    part
                    for part in (place.area, str(place.country.name), place.other_names)
                    if part
                ),
            ),
        ]

    def catalogue_datasets(self, base_url):
        from herentq.catalogue import Dataset, Distribution

        def url(name):
            return base_url + reverse(name)

        return [
            Dataset(
                key="partnerschappen",
                title=_("Partnerschappen van lokale besturen"),
                description=_(
                    "De stedenbanden en partnerschappen van Belgische lokale besturen: "
                    "partnerplaatsen, overeenkomsten, actiedomeinen en SDG's. Eén rij "
                    "per gepubliceerd partnerschap; een tweede bestand per overeenkomst."
                ),
                landing_page=url("partnerships:list"),
                keywords=[_("stedenband"), _("partnerschap"), "SDG"],
                distributions=[
                    Distribution(
                        _("Partnerschappen (CSV)"),
                        url("partnerships:export_csv"),
                        "text/csv",
                    ),
                    Distribution(
                        _("Partnerschappen (JSON)"),
                        url("partnerships:export_json"),
                        "application/json",
                    ),
                    Distribution(
                        _("Overeenkomsten (CSV)"),
                        url("partnerships:export_agreements_csv"),
                        "text/csv",
                    ),
                    Distribution(
                        _("Overeenkomsten (JSON)"),
                        url("partnerships:export_agreements_json"),
                        "application/json",
                    ),
                ],
            )
        ]

    def sitemap_sections(self):
        from herentq.sitemaps import SitemapSection, named_pages
        from partnerships.models import Partnership

        return [
            named_pages(
                "partnerschappen-lijsten", "partnerships:list", "partnerships:map"
            ),
            SitemapSection(
                "partnerschappen",
                items=lambda: Partnership.objects.published().order_by("slug"),
                lastmod="updated_at",
            ),
        ]
