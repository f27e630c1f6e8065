#!/usr/bin/env bash
# The viewer's browser tests drive Debian's Chromium through playwright-core (never a
# Playwright browser download). Installs it with apt-get when it is absent.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "ensure-chromium: $chromium not found and apt-get is unavailable; install Chromium and set CHROMIUM_PATH" >&2
  exit 1
fi
exec bash "$(dirname "$0")/apt-install.sh" ensure-chromium chromium fonts-liberation
