#!/usr/bin/env bash
# The development server plus the background worker (queued mail, reminders).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python manage.py run_worker &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo "Portal: http://127.0.0.1:8000/   (Ctrl-C stops the server and the worker)"
.venv/bin/python manage.py runserver 127.0.0.1:8000
