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
