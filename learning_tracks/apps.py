from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class LearningTracksConfig(AppConfig):
    """The VVSG learning tracks: interest lists, enrolment with capacity and a
    waiting list, sessions, attendance, certificates, calendar feeds and the
    newsletter by theme."""

    name = "learning_tracks"
    verbose_name = _("Leertrajecten")
    service_managed = True

    @property
    def audit_actions(self):
        from learning_tracks.constants import AUDIT_ACTIONS

        return AUDIT_ACTIONS

    # Run by `manage.py run_worker`; each command is safe to run again.
    periodic_commands = [
        ("expire_learning_track_offers", 5),
        ("open_learning_track_enrolment", 15),
        ("send_learning_track_reminders", 15),
        ("anonymise_participants", 24 * 60),
    ]

    def admin_dashboard(self, request):
        """Seats taken against capacity per track taking enrolments or running."""
        from decimal import Decimal

        from herentq.charts import Segment, StackedBar, StackedBarChart
        from learning_tracks import selectors

        if not request.user.has_perm("learning_tracks.view_enrolment"):
            return []
        changelist = reverse("admin:learning_tracks_enrolment_changelist")
        taken, free = _("Bezet"), _("Vrij")
        bars = [
            StackedBar(
                label=f"{track.number}. {track.title} ({track.capacity})",
                url=f"{changelist}?track__id__exact={track.pk}",
                segments=[
                    Segment(taken, Decimal(track.seats_taken), "#00566b"),
                    Segment(free, Decimal(track.seats_left), "#c8ccd0"),
                ],
            )
            for track in selectors.tracks_running_with_seats()
        ]
        return [
            StackedBarChart(
                key="plaatsen",
                title=_("Inschrijvingen tegenover de plaatsen"),
                summary=_(
                    "Per leertraject dat inschrijvingen neemt of loopt: bezette en "
                    "vrije plaatsen."
                ),
                label_header=_("Leertraject (plaatsen)"),
                bars=bars,
                legend=bars[0].segments if bars else [],
                formatter=lambda value: str(int(value)),
            )
        ]

    def home_blocks(self):
        from herentq.extensions import HomeBlock
        from learning_tracks import selectors

        return [
            HomeBlock(
                key="sessions",
                title=_("Volgende sessies van de leertrajecten"),
                template="learning_tracks/includes/home_sessions.html",
                items=selectors.sessions_upcoming(),
                order=20,
                more_url=reverse("learning_tracks:list"),
                more_text=_("Alle leertrajecten"),
            ),
            HomeBlock(
                key="enrolment",
                title=_("Inschrijven voor een leertraject"),
                template="learning_tracks/includes/home_enrolment.html",
                items=selectors.tracks_open_with_seats(),
                order=30,
            ),
            HomeBlock(
                key="newsletter",
                title=_("Nieuwsbrief"),
                template="learning_tracks/includes/home_newsletter.html",
                items=[True] if selectors.newsletter_has_themes() else [],
                order=90,
            ),
        ]

    def home_sections(self):
        from herentq.extensions import HomeSection

        return [
            HomeSection(
                title=str(_("Leertrajecten")),
                description=str(
                    _(
                        "Zeven leertrajecten 'Lokaal Mondiaal Beleid in de praktijk' "
                        "voor ambtenaren, schepenen en het middenveld."
                    )
                ),
                url=reverse("learning_tracks:list"),
                link_text=str(_("Naar de leertrajecten")),
            )
        ]

    def sdg_sections(self, sdg):
        from django.utils.translation import gettext

        from herentq.extensions import LinkItem, capped_section
        from learning_tracks import selectors

        return [
            capped_section(
                title=str(_("Leertrajecten")),
                queryset=selectors.tracks_for_sdg(sdg),
                link=lambda track: LinkItem(
                    title=track.title,
                    url=track.get_absolute_url(),
                    description=track.get_status_display(),
                ),
                empty_text=str(_("Geen leertraject rond deze doelstelling.")),
                all_url=f"{reverse('learning_tracks:list')}?sdg={sdg.number}",
                all_text=lambda total: (
                    gettext("Alle %(count)s leertrajecten rond deze doelstelling")
                    % {"count": total}
                ),
            )
        ]

    def search_kinds(self):
        from django.utils import timezone
        from django.utils.formats import date_format

        from herentq.search import SearchKind
        from learning_tracks import selectors

        return [
            SearchKind(
                key="leertrajecten",
                label=_("Leertrajecten"),
                public=selectors.tracks_searchable,
                shown_title="title",
                summary=lambda track: track.summary,
            ),
            SearchKind(
                key="sessies",
                label=_("Sessies van leertrajecten"),
                public=selectors.sessions_searchable,
                shown_title="topic",
                url=lambda session: session.track.get_absolute_url(),
                summary=lambda session: (
                    f"{session.track.title}, "
                    f"{date_format(timezone.localtime(session.starts_at), 'j F Y')}"
                ),
            ),
        ]

    def catalogue_datasets(self, base_url):
        from herentq.catalogue import Dataset, Distribution

        return [
            Dataset(
                key="leertrajecten",
                title=_("Leertrajecten Lokaal Mondiaal Beleid"),
                description=_(
                    "De VVSG-leertrajecten 'Lokaal Mondiaal Beleid in de praktijk': "
                    "thema, doelgroep, sessies en vrije plaatsen."
                ),
                landing_page=base_url + reverse("learning_tracks:list"),
                keywords=[_("leertraject"), _("vorming")],
                distributions=[
                    Distribution(
                        _("Leertrajecten"),
                        base_url + reverse("learning_tracks:list"),
                        "text/html",
                        download=False,
                    )
                ],
            )
        ]

    def sitemap_sections(self):
        from herentq.sitemaps import SitemapSection, named_pages
        from learning_tracks import selectors

        return [
            named_pages("leertrajecten-lijst", "learning_tracks:list"),
            SitemapSection(
                "leertrajecten",
                items=lambda: selectors.tracks_searchable().order_by("number"),
                lastmod="updated_at",
            ),
        ]
