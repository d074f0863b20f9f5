#!/usr/bin/env bash
# The e2e suite drives Debian's chromium (no browser download is possible here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "chromium is missing: installing Debian's package"
if [ "$(id -u)" != "0" ]; then
  echo "run as root or install it yourself: apt-get install -y chromium" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
