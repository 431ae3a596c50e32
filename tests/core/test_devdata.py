"""Demo and benchmark data are development-only: the product never depends on them."""

import ast
from pathlib import Path

from django.conf import settings

from tests.core.test_settings import PRODUCTION_ENV
from tests.core.test_settings import _manage as manage

PRODUCT_APPS = ["herentq", "partnerships", "subsidies", "learning_tracks", "council"]
DEV_COMMANDS = ["load_demo_data", "load_bench_data", "run_bench", "ensure_dev_admin"]


def _imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module or ""
        elif (  # import_module("devdata…") or __import__("devdata…")
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None))
            in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield str(node.args[0].value)


def test_no_product_module_imports_devdata():
    offenders = []
    modules = 0
    for app in PRODUCT_APPS:
        for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py")):
            modules += 1
            tree = ast.parse(path.read_text(), filename=str(path))
            if any(
                name == "devdata" or name.startswith("devdata.")
                for name in _imported_modules(tree)
            ):
                offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert modules > 100  # the walk found the apps
    assert offenders == []


def test_production_has_no_demo_or_bench_commands():
    result = manage("help", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "[herentq]" in result.stdout  # the product's own commands are listed
    assert "[devdata]" not in result.stdout
    for command in DEV_COMMANDS:
        assert command not in result.stdout
    refused = manage("load_demo_data", env=PRODUCTION_ENV)
    assert refused.returncode != 0
    assert "Unknown command: 'load_demo_data'" in refused.stderr


def test_the_bench_runs_production_with_the_bench_commands():
    env = {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "herentq.settings.bench"}
    result = manage("help", "--commands", env=env)
    assert result.returncode == 0, result.stderr
    assert {"load_bench_data", "run_bench"} <= set(result.stdout.split())
    assert (
        "herentq.settings.bench"
        in Path(settings.BASE_DIR, "scripts/bench.sh").read_text()
    )


def test_dev_and_test_settings_install_devdata():
    assert "devdata" in settings.INSTALLED_APPS  # the test settings
    env = {"DJANGO_SETTINGS_MODULE": "herentq.settings.dev"}
    result = manage("help", "--commands", env=env)
    assert result.returncode == 0, result.stderr
    assert set(DEV_COMMANDS) <= set(result.stdout.split())
