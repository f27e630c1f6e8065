#!/usr/bin/env bash
# aslkit serve's client tests (packages/service/test/real-clients.test.ts) drive Debian's AWS CLI v2
# and boto3 at /usr/bin (never a pyenv or pip copy on PATH). Installs them with apt-get when absent.
set -euo pipefail
if [ -x /usr/bin/aws ] && /usr/bin/python3 -c 'import boto3' 2>/dev/null; then exit 0; fi
if ! command -v apt-get >/dev/null; then
  echo "ensure-aws-clients: /usr/bin/aws or boto3 for /usr/bin/python3 not found and apt-get is unavailable; install Debian's awscli and python3-boto3" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "ensure-aws-clients: installing Debian's awscli and python3-boto3 (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends awscli python3-boto3 >/dev/null
