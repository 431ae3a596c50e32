"""Staff groups get their permissions after every migration, as new models arrive."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from herentq.constants import SERVICE_GROUP
from herentq.reference_data import ensure_reference_data


def sync_group_permissions(**kwargs):
    """The service manages everything of each app that declares `service_managed`."""
    from herentq.models import SDG

    ensure_reference_data(SDG, Group)
    labels = [
        config.label
        for config in apps.get_app_configs()
        if getattr(config, "service_managed", False)
    ]
    group, _ = Group.objects.get_or_create(name=SERVICE_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=labels)
    group.permissions.add(*permissions)
