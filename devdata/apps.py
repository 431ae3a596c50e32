from django.apps import AppConfig


class DevdataConfig(AppConfig):
    """Demo data (`load_demo_data`, `ensure_dev_admin`) and the benchmark
    (`load_bench_data`, `run_bench`) of every app; no models."""

    name = "devdata"
    verbose_name = "Development data"
