#!/usr/bin/env bash
# aslkit serve's client tests (packages/service/test/real-clients.test.ts) drive Debian's AWS CLI v2
# and boto3 at /usr/bin (never a pyenv or pip copy on PATH). Installs them with apt-get when absent.
set -euo pipefail
if [ -x /usr/bin/aws ] && /usr/bin/python3 -c 'import boto3' 2>/dev/null; then exit 0; fi
exec bash "$(dirname "$0")/apt-install.sh" ensure-aws-clients awscli python3-boto3
