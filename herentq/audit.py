"""The audit trail: every state change that matters records who, when, what and why.

Actions are named `<app label>.<object>.<event>` (`subsidies.application.submitted`,
`council.minutes.circulated`). Each app declares its actions with their Dutch
labels in its AppConfig's `audit_actions`; the core imports no app and collects
them through the app registry. Logging an undeclared action is a programming error.
"""

import functools
import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from herentq.models import AuditEntry

ACTION_PATTERN = re.compile(r"^[a-z_]+\.[a-z_]+\.[a-z_]+$")


@functools.cache
def action_labels() -> dict:
    """Every declared action and its Dutch label (lazy), from every app."""
    labels = {}
    for config in apps.get_app_configs():
        for code, label in getattr(config, "audit_actions", {}).items():
            if not ACTION_PATTERN.match(code) or not code.startswith(
                f"{config.label}."
            ):
                raise ImproperlyConfigured(
                    f"Audit action {code!r} of {config.label} is not named "
                    f"'{config.label}.<object>.<event>'."
                )
            labels[code] = label
    return labels


def action_label(code: str) -> str:
    """The Dutch words for an action; the code itself if no app declares it."""
    return str(action_labels().get(code, code))


def audit_log(
    *,
    target: models.Model,
    action: str,
    actor=None,
    reason: str = "",
    data: dict | None = None,
) -> AuditEntry:
    if action not in action_labels():
        raise ValueError(
            f"Undeclared audit action {action!r}: add it to audit_actions."
        )
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
