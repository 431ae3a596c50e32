from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def grant_secretariat_permissions(**kwargs):
    """The GROSH secretariat edits every council model in the admin."""
    from django.contrib.auth.models import Group, Permission

    from herentq.constants import COUNCIL_SECRETARIAT_GROUP

    group, _created = Group.objects.get_or_create(name=COUNCIL_SECRETARIAT_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label=CouncilConfig.label)
    )


class CouncilConfig(AppConfig):
    name = "council"
    label = "council"
    verbose_name = _("GROSH")
    service_managed = True

    # Run on a schedule (the worker / job queue); each command is safe to run again.
    periodic_commands = [
        ("send_council_reminders", 15),
        ("end_council_access", 60),
    ]

    @property
    def audit_actions(self):
        from council.constants import AUDIT_ACTIONS

        return AUDIT_ACTIONS

    def ready(self):
        # After every app's migrations (and after a flush), like the core's sync.
        post_migrate.connect(
            grant_secretariat_permissions,
            dispatch_uid="council_secretariat_permissions",
        )

    def home_blocks(self):
        from django.urls import reverse

        from council import selectors
        from herentq.extensions import HomeBlock

        meeting = selectors.meeting_next_public()
        return [
            HomeBlock(
                key="council",
                title=_("Volgende GROSH-vergadering"),
                template="council/includes/home_block.html",
                items=[meeting] if meeting else [],
                order=10,
                more_url=reverse("council:meeting_list"),
                more_text=_("Alle vergaderingen"),
            )
        ]

    def home_sections(self):
        from django.urls import reverse

        from herentq.extensions import HomeSection

        return [
            HomeSection(
                title=_("De GROSH"),
                description=_(
                    "De adviesraad voor ontwikkelingssamenwerking: samenstelling, "
                    "vergaderingen, verslagen en adviezen."
                ),
                url=reverse("council:index"),
                link_text=_("Naar de GROSH"),
            )
        ]

    def search_kinds(self):
        from django.urls import reverse
        from django.utils import timezone
        from django.utils.formats import date_format

        from council import selectors
        from herentq.search import SearchKind

        def day(meeting) -> str:
            return date_format(timezone.localtime(meeting.planned_start), "j F Y")

        return [
            SearchKind(
                key="vergaderingen",
                label=_("Agendapunten van de GROSH"),
                public=selectors.agenda_items_searchable,
                shown_title="title",
                url=lambda item: item.meeting.get_absolute_url(),
                summary=lambda item: (
                    _("Vergadering van %(day)s") % {"day": day(item.meeting)}
                ),
            ),
            SearchKind(
                key="verslagen",
                label=_("Verslagen van de GROSH"),
                public=selectors.minutes_entries_searchable,
                shown_title="title",
                url=lambda entry: reverse(
                    "council:minutes_public", args=[entry.version.minutes.meeting_id]
                ),
                summary=lambda entry: (
                    _("Verslag van %(day)s")
                    % {"day": day(entry.version.minutes.meeting)}
                ),
            ),
            SearchKind(
                key="adviezen",
                label=_("Adviezen van de GROSH"),
                public=selectors.advice_searchable,
                shown_title="subject_text",
                summary=lambda advice: (
                    _("Advies van %(day)s") % {"day": day(advice.agenda_item.meeting)}
                ),
            ),
        ]

    def catalogue_datasets(self, base_url):
        from django.urls import reverse

        from herentq.catalogue import Dataset, Distribution

        return [
            Dataset(
                key="grosh",
                title=_("Vergaderingen en adviezen van de GROSH"),
                description=_(
                    "De vergaderingen van de adviesraad voor ontwikkelingssamenwerking "
                    "met hun openbare agendapunten, verslagen en adviezen; elke "
                    "vergadering ook als JSON-LD (OSLO Besluit)."
                ),
                landing_page=base_url + reverse("council:meeting_list"),
                keywords=[_("adviesraad"), _("besluiten")],
                distributions=[
                    Distribution(
                        _("Vergaderkalender (iCalendar)"),
                        base_url + reverse("council:meetings_ical"),
                        "text/calendar",
                    ),
                    Distribution(
                        _("Adviezen"),
                        base_url + reverse("council:advice_list"),
                        "text/html",
                        download=False,
                    ),
                ],
            )
        ]

    def sitemap_sections(self):
        from django.urls import reverse

        from council import selectors
        from council.constants import MinutesStatus
        from council.models import Meeting, Minutes
        from herentq.sitemaps import SitemapSection, named_pages

        return [
            named_pages(
                "grosh",
                "council:index",
                "council:members",
                "council:meeting_list",
                "council:advice_list",
            ),
            SitemapSection(
                "grosh-vergaderingen",
                items=lambda: Meeting.objects.order_by("-planned_start"),
                lastmod="updated_at",
            ),
            SitemapSection(
                "grosh-verslagen",
                items=lambda: Minutes.objects.filter(
                    status=MinutesStatus.PUBLISHED
                ).order_by("meeting_id"),
                location=lambda minutes: reverse(
                    "council:minutes_public", args=[minutes.meeting_id]
                ),
                lastmod="updated_at",
            ),
            SitemapSection(
                "grosh-adviezen",
                items=lambda: selectors.advice_searchable().order_by("pk"),
                lastmod="updated_at",
            ),
        ]
