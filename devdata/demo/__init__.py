"""Demo data, one module per app (`devdata/demo/<app label>.py` with `load()`).

`manage.py load_demo_data` calls them in the order of INSTALLED_APPS, so an app's
demo data may build on the apps installed before it. Loading twice changes nothing.
"""

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps
from django.db import models
from django.utils.module_loading import module_has_submodule


def modules(package: str = __name__) -> Iterator[tuple[AppConfig, ModuleType]]:
    """(app config, module) for each installed app with a module in `package`."""
    parent = import_module(package)
    for config in apps.get_app_configs():
        if module_has_submodule(parent, config.label):
            yield config, import_module(f"{package}.{config.label}")


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
