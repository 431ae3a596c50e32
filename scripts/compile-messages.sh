#!/usr/bin/env bash
# Compile the translation catalogues (herentq/locale/*/LC_MESSAGES/*.po → .mo).
# Django's compilemessages needs msgfmt: Debian's gettext, installed when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v msgfmt >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt_get=(apt-get)
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    apt_get=(sudo -n apt-get)
  else
    echo "Missing to compile the translations: install it with 'apt-get install gettext'." >&2
    exit 1
  fi
  echo "Installing Debian's gettext to compile the translations…"
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq gettext >/dev/null
fi
DJANGO_SETTINGS_MODULE=herentq.settings.dev .venv/bin/python manage.py compilemessages \
  --ignore=.venv --ignore=.pgdata --ignore=node_modules --ignore=staticfiles >/dev/null
