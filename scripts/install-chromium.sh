#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (no browser download by a test tool).
set -euo pipefail
if [ "$(id -u)" = 0 ]; then
  apt_get=(apt-get)
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  apt_get=(sudo -n apt-get)
else
  echo "Chromium is missing: install it with 'apt-get install chromium' (browser tests need it)." >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests…"
DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq chromium >/dev/null
command -v chromium >/dev/null
