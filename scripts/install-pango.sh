#!/usr/bin/env bash
# WeasyPrint (herentq/pdf.py) renders with Pango: install Debian's when missing.
set -euo pipefail
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' && exit 0
if [ "$(id -u)" = 0 ]; then
  apt_get=(apt-get)
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  apt_get=(sudo -n apt-get)
else
  echo "PDFs need Pango: install it with 'apt-get install libpango-1.0-0 libpangoft2-1.0-0'." >&2
  exit 1
fi
echo "Installing Debian's Pango for the PDFs…"
DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
