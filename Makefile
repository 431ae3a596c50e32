# HerentQ: `make dev` serves the portal, `make test` runs the whole suite.
# Both set up everything they need and can be run again and again.
SHELL := /bin/bash
# Debian's own Python 3.11 where it can make a virtualenv (python3.11-venv): built with
# profile-guided and link-time optimisation, it renders Django's templates some 18 %
# faster than an interpreter compiled without them (pyenv's default; README,
# Performance). Otherwise the first python3.11 on the PATH.
DEBIAN_PYTHON := /usr/bin/python3.11
PYTHON ?= $(shell $(DEBIAN_PYTHON) -c 'import ensurepip' 2>/dev/null && echo $(DEBIAN_PYTHON) \
	|| command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# Without DATABASE_URL the project-local cluster in .pgdata/ is used.
DB_READY := $(if $(DATABASE_URL),true,scripts/localdb.sh ensure)
PROD_ENV := DJANGO_SETTINGS_MODULE=herentq.settings.production \
	SECRET_KEY=lint-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ \
	DATABASE_URL=postgres://lint@localhost/lint ALLOWED_HOSTS=portaal.herent.be

# The project's Python files, for tools that take a list (django-upgrade).
PY_FILES := find . \( -path ./$(VENV) -o -path ./.pgdata -o -path ./node_modules \) -prune \
	-o -name '*.py' -print0

.PHONY: dev test test-cluster cluster cluster-stop lint format bench demo-data serve worker install lock db db-stop migrate browser clean \
	messages compile-messages

# requirements.lock pins the whole dependency tree (with hashes); `make lock` compiles it
# again from pyproject.toml after a dependency there changed.
# The virtualenv is made again (--clear) when the interpreter chosen above changes.
INSTALLED := $(VENV)/.installed-$(subst /,_,$(PYTHON))
$(INSTALLED): requirements.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 not found: install python3.11."; exit 1; }
	scripts/install-pango.sh
	$(PYTHON) -m venv --clear $(VENV)
	@# uv installs the locked tree, checking every hash, in about 5 seconds where pip
	@# took 30; pip installs uv itself from the same lock, with its hashes.
	$(VENV)/bin/pip install --quiet --no-deps --require-hashes \
		-r <(awk '/^uv==/ {p = 1; print; next} p && /^ / {print; next} {p = 0}' requirements.lock)
	@# --compile-bytecode: pip's default, not uv's. Without it, and with
	@# PYTHONDONTWRITEBYTECODE set (as on the CI machine), every Python process
	@# compiles Django and the libraries again: 4.3 s instead of 1.5 s to start.
	$(VENV)/bin/uv pip install --quiet --python $(PY) --require-hashes --compile-bytecode \
		-r requirements.lock
	$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .
	touch $@

install: $(INSTALLED)

lock: install
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 \
		--universal --generate-hashes --quiet -o requirements.lock

db:
	@$(DB_READY)

db-stop:
	@scripts/localdb.sh stop

# The catalogues herentq/locale/{fr,en}/LC_MESSAGES/django(js).po: `make messages`
# gathers the Dutch source strings of the whole project into them (file names
# without line numbers, so parallel edits do not conflict); the translations are
# written there by hand. The compiled .mo files are not committed: every setup
# compiles them (msgfmt from Debian's gettext, installed when missing).
MAKEMESSAGES_IGNORE := --ignore=.venv --ignore=.pgdata --ignore=node_modules \
	--ignore=staticfiles --ignore=media --ignore=static/vendor --ignore=tests
messages: install
	$(MANAGE) makemessages -l fr -l en --add-location=file $(MAKEMESSAGES_IGNORE)
	$(MANAGE) makemessages -d djangojs -l fr -l en --add-location=file $(MAKEMESSAGES_IGNORE)

compile-messages: install
	@scripts/compile-messages.sh

migrate: install db compile-messages
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

demo-data: migrate
	$(MANAGE) load_demo_data

dev: demo-data
	$(MANAGE) ensure_dev_admin
	scripts/serve-dev.sh

# One pytest worker per core (each with its own test database), and the line coverage
# of the product's apps (slipcover, configured in pyproject.toml), which may not fall
# under COVERAGE_FLOOR: 96.8 % of lines measured on 2026-12-07; raise it as tests
# come. The floor is checked when the report is printed, in a second step: slipcover
# 1.1's own --fail-under during a pytest-xdist run prints the report without the
# workers' data.
COVERAGE_FLOOR := 96
COVERAGE_DATA := .artifacts/coverage.json
test: install db browser compile-messages
	@mkdir -p $(dir $(COVERAGE_DATA))
	DJANGO_SETTINGS_MODULE=herentq.settings.test $(PY) -m slipcover --json --out $(COVERAGE_DATA) \
		-m pytest --numprocesses auto --dist loadgroup --durations=15 $(PYTEST_ARGS)
	@$(PY) -m slipcover --merge $(COVERAGE_DATA) --out $(COVERAGE_DATA) \
		--fail-under $(COVERAGE_FLOOR) \
		|| { echo "make test: the coverage fell under the floor of $(COVERAGE_FLOOR) %."; exit 1; }

# The multi-node topology on one box (scripts/cluster.sh: HAProxy, two app nodes, two
# workers, Redis, the S3 server, PostgreSQL) and the tests that need it (tests/cluster/,
# left out of `make test` by their `cluster` marker).
cluster: install browser compile-messages
	scripts/cluster.sh start

cluster-stop:
	scripts/cluster.sh stop

test-cluster: install browser compile-messages
	DJANGO_SETTINGS_MODULE=herentq.settings.test $(PY) -m pytest -n 0 -p no:cacheprovider \
		-m cluster tests/cluster --durations=10 $(PYTEST_ARGS)

# Browser tests use Debian's Chromium, and Java for the HTML checker (vnu), installed
# here when missing (no browser download).
browser:
	@scripts/install-test-tools.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY_FILES) | xargs -0 $(VENV)/bin/django-upgrade --target-version 5.2 --check
	DJANGO_SETTINGS_MODULE=herentq.settings.dev $(MANAGE) makemigrations --check --dry-run
	$(PROD_ENV) $(MANAGE) check --deploy --fail-level WARNING

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Production: static files collected once, then gunicorn (see README).
serve: install compile-messages
	$(MANAGE) collectstatic --noinput
	$(VENV)/bin/gunicorn herentq.wsgi --bind 127.0.0.1:8000 --workers 3

worker: install db compile-messages
	$(MANAGE) run_worker

bench: install db compile-messages
	scripts/bench.sh

clean: db-stop
	rm -rf $(VENV) "$$(readlink -f .pgdata)" .pgdata staticfiles
