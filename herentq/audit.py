"""The audit trail: every state change that matters records who, when, what and why."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from herentq.models import AuditEntry


def audit_log(
    *,
    target: models.Model,
    action: str,
    actor=None,
    reason: str = "",
    data: dict | None = None,
) -> AuditEntry:
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        action=action,
        actor=actor,
        reason=reason,
        data=data or {},
    )


def audit_entries_for(target: models.Model):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=str(target.pk)
    ).select_related("actor")
