"""Helpers for the apps' `demo` modules: loading twice changes nothing."""

from django.db import models


def upsert(model: type[models.Model], *, defaults: dict, **lookup) -> models.Model:
    """Create the row, or update it only where a value differs.

    Unlike `update_or_create`, an unchanged row is not saved again, so a second run
    of `load_demo_data` adds no history records and touches no timestamps.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults)
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        obj.save()
    return obj
