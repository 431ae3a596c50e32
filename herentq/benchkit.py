"""Shared pieces of the benchmark: what a target is and how apps list theirs."""

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    # baseline: the minimal view; public: p95 < 100 ms and >= 50 % of the baseline's
    # throughput; admin: p95 < 300 ms (needs a staff session).
    kind: str = "public"


def bench_modules():
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "bench"):
            yield config, import_module(f"{config.name}.bench")


def batched(items, size: int = 5000):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
