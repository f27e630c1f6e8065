#!/usr/bin/env bash
# Installs Debian packages with apt-get (through sudo when not root), for the ensure-*.sh scripts.
# Usage: apt-install.sh <who is asking> <package>...
set -euo pipefail
who="$1"
shift
if ! command -v apt-get >/dev/null; then
  echo "$who: apt-get is unavailable; install $* yourself" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "$who: installing Debian's $* (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
