"""Side effects kept out of the admin and services: the search document and files."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from herentq.models import SDG, LocalAuthority
from partnerships import services
from partnerships.models import (
    ActionDomain,
    Agreement,
    PartnerOrganisation,
    PartnerPlace,
    Partnership,
    Photo,
    PhotoAlbum,
)


def _refresh_partnership(sender, instance, **kwargs):
    services.partnership_refresh_search(partnership_id=instance.pk)


def _refresh_parent(sender, instance, **kwargs):
    services.partnership_refresh_search(partnership_id=instance.partnership_id)


def _refresh_on_domains(sender, instance, action, reverse, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        services.partnership_refresh_search(partnership_id=instance.pk)


def _data_changed(sender, **kwargs):
    services.data_changed()


def _delete_photo_files(sender, instance, **kwargs):
    services.photo_delete_files(photo=instance)


def connect():
    post_save.connect(_refresh_partnership, sender=Partnership, dispatch_uid="pship_s")
    for model in (PartnerPlace, PartnerOrganisation, Agreement):
        uid = f"pship_{model._meta.model_name}"
        post_save.connect(_refresh_parent, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_refresh_parent, sender=model, dispatch_uid=f"{uid}_del")
    m2m_changed.connect(
        _refresh_on_domains,
        sender=Partnership.domains.through,
        dispatch_uid="pship_domains",
    )
    post_delete.connect(_delete_photo_files, sender=Photo, dispatch_uid="photo_files")
    # What the open data and the list's cards show (a card shows the first photo).
    shown = (
        Partnership,
        PartnerPlace,
        PartnerOrganisation,
        Agreement,
        ActionDomain,
        PhotoAlbum,
        Photo,
    )
    # Local authorities' and goals' names show on the cards and in the filters.
    for model in (*shown, LocalAuthority, SDG):
        uid = f"pship_data_{model._meta.label_lower}"
        post_save.connect(_data_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_data_changed, sender=model, dispatch_uid=f"{uid}_del")
    for through in (
        Partnership.domains.through,
        Partnership.sdgs.through,
        Agreement.domains.through,
    ):
        m2m_changed.connect(
            _data_changed,
            sender=through,
            dispatch_uid=f"pship_data_{through._meta.label_lower}",
        )
