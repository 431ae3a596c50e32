from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HerentqConfig(AppConfig):
    """The shared core: SDGs, local authorities, notices, pages, news and audit.

    Extension points for the domain apps, found through their AppConfig so that the
    core never imports an app:

    - ``sdg_sections(sdg)``: returns ``Section``s listed on the SDG's page;
    - ``home_sections()``: returns ``HomeSection``s shown on the home page;
    - ``home_blocks()``: returns ``HomeBlock``s of what is happening (the next
      meeting, open calls, recent photos…), read through the app's selectors in a
      fixed number of queries; empty blocks are not shown;
    - any other hook an app calls through ``herentq.extensions.collect(name, …)``,
      e.g. ``partnership_sections(partnership)`` for a partnership's page;
    - demo and benchmark data live outside the apps, in the development-only
      ``devdata`` app (``devdata/demo/<label>.py``, ``devdata/bench/<label>.py``);
    - ``periodic_commands``: ``(command, minutes)`` the worker runs every ``minutes``
      (one procrastinate periodic job each, see herentq/tasks.py); each command must
      be safe to run again;
    - ``public_uploads()``: returns ``herentq.public_files.PublicUpload``s, the upload
      prefixes served at /media/ and whether a file's owner is published;
    - ``service_managed = True``: the "Dienst lokaal mondiaal beleid" group gets every
      permission of the app's models.
    """

    name = "herentq"
    verbose_name = _("Algemeen")
    service_managed = True

    def ready(self):
        from post_office.signals import email_queued

        from herentq import groups, second_factor, uploads
        from herentq.mail_queue import wake_the_sender

        uploads.limit_decoded_images()
        second_factor.connect()
        email_queued.connect(wake_the_sender, dispatch_uid="herentq_wake_the_sender")

        # Not limited to this app: permissions of later apps only exist once their
        # own post_migrate has run, so the sync runs after every app's migrations
        # (and after a flush, which also restores the SDGs and groups).
        post_migrate.connect(
            groups.sync_group_permissions, dispatch_uid="herentq_group_permissions"
        )

    def admin_dashboard(self, request):
        """Mail waiting or given up, each linking to the filtered mail list."""
        from django.urls import reverse

        from herentq import selectors
        from herentq.charts import Bar, BarChart

        if not request.user.has_perm("post_office.view_email"):
            return []
        counts = selectors.mail_queue_counts()
        changelist = reverse("admin:post_office_email_changelist")
        return [
            BarChart(
                key="mail",
                title=_("Uitgaande e-mail"),
                summary=_(
                    "Wat nog verstuurd moet worden en wat na alle pogingen niet "
                    "verstuurd kon worden."
                ),
                label_header=_("Toestand"),
                value_header=_("E-mails"),
                bars=[
                    Bar(
                        label=str(_("Wachtend")),
                        value=counts["waiting"],
                        url=f"{changelist}?bezorging=wachtend",
                    ),
                    Bar(
                        label=str(_("Opgegeven")),
                        value=counts["failed"],
                        colour="#b00020",
                        url=f"{changelist}?bezorging=opgegeven",
                    ),
                ],
            )
        ]

    def home_blocks(self):
        from django.urls import reverse

        from herentq import selectors
        from herentq.extensions import HomeBlock

        return [
            HomeBlock(
                key="news",
                title=_("Laatste nieuws"),
                template="herentq/includes/home_news.html",
                items=list(selectors.news_latest()),
                order=50,
                more_url=reverse("news_list"),
                more_text=_("Alle nieuws"),
            )
        ]

    def public_uploads(self):
        from herentq import selectors
        from herentq.models import NewsItem
        from herentq.public_files import PublicUpload

        return [
            PublicUpload.for_field(NewsItem, "image", selectors.news_image_is_public)
        ]

    def search_kinds(self):
        from herentq import selectors
        from herentq.search import SearchKind

        return [
            SearchKind(
                key="nieuws",
                label=_("Nieuws"),
                public=selectors.news_searchable,
                shown_title="title",
                summary=lambda item: item.summary,
            ),
            SearchKind(
                key="paginas",
                label=_("Pagina's"),
                public=selectors.pages_searchable,
                shown_title="title",
                summary=lambda item: item.intro,
            ),
        ]

    def sitemap_sections(self):
        from herentq import selectors
        from herentq.models import SDG
        from herentq.sitemaps import SitemapSection, named_pages

        return [
            named_pages("algemeen", "home", "news_list", "sdg_list"),
            SitemapSection("sdg", items=lambda: SDG.objects.order_by("number")),
            SitemapSection(
                "nieuws",
                items=selectors.news_searchable,
                lastmod="updated_at",
            ),
            SitemapSection(
                "paginas",
                items=lambda: selectors.pages_searchable().order_by("slug"),
                lastmod="updated_at",
            ),
        ]
