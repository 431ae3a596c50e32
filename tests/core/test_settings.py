import contextlib
import os
import subprocess
import sys

from django import forms
from django.conf import settings
from django.db import connection, transaction

from herentq.models import SDG
from herentq.settings.base import database_config

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "herentq.settings.production",
    "SECRET_KEY": "prod-test-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN",
    "DATABASE_URL": "postgres://herentq@localhost/herentq",
    "ALLOWED_HOSTS": "portaal.herent.be",
}


def _manage(*args, env):
    inherited = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}  # set by browser tests
    full_env = {k: v for k, v in os.environ.items() if k not in inherited}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    env = {**PRODUCTION_ENV, "DATABASE_URL": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "Set DATABASE_URL" in result.stderr


def test_check_deploy_is_clean_with_the_documented_production_environment():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_database_is_postgresql_with_persistent_healthy_connections():
    database = settings.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_HEALTH_CHECKS"] is True


def test_a_choice_list_read_in_part_leaves_no_cursor_to_break_a_later_transaction(db):
    """Django's Select reads only the first choice of a ModelChoiceField (to decide
    on `required`), through QuerySet.iterator(). With a server-side cursor the
    cursor stayed open until the generator was finalised; finalised late, its CLOSE
    came inside another transaction of the same connection, where the cursor no
    longer existed, and aborted that transaction. The portal reads client-side."""
    field = forms.ModelChoiceField(queryset=SDG.objects.all(), empty_label=None)
    with contextlib.suppress(RuntimeError), transaction.atomic():
        choices = iter(field.choices)
        next(choices)
        raise RuntimeError("this request's transaction ends")
    with transaction.atomic():
        choices.close()  # the generator finalised late, in another transaction
        assert SDG.objects.count() == 17


def test_the_planner_prices_out_of_order_page_reads_for_data_in_memory(db):
    """Every connection asks PostgreSQL for random_page_cost 1.1 (README,
    Performance), on top of the options the database URL carries."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)
    config = database_config("postgres://herentq@db.example/herentq?sslmode=require")
    assert config["OPTIONS"] == {
        "sslmode": "require",
        "options": "-c random_page_cost=1.1",
    }


def test_the_planner_setting_can_be_left_to_the_server(monkeypatch):
    """Behind PgBouncer, which refuses unknown startup options, the operator sets
    it on the database instead and leaves PG_RANDOM_PAGE_COST empty."""
    monkeypatch.setenv("PG_RANDOM_PAGE_COST", "")
    config = database_config("postgres://herentq@db.example/herentq")
    assert "options" not in config.get("OPTIONS", {})


def test_portal_speaks_belgian_dutch_in_brussels_time():
    assert settings.LANGUAGE_CODE == "nl-be"
    assert settings.TIME_ZONE == "Europe/Brussels"
    assert settings.USE_TZ
