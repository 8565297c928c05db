#!/usr/bin/env bash
# Installs what Synergy needs on a Debian machine (run as root for system packages):
# a Python 3.11 virtual environment with the pinned dependencies, and the front-end packages
# from npm. `--with-browser` also installs Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
with_browser=0
[[ "${1:-}" == "--with-browser" ]] && with_browser=1

need=()
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null \
  || { echo "Synergy needs Python 3.11 as $PYTHON" >&2; exit 1; }
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
command -v npm >/dev/null || need+=(nodejs npm)
if (( with_browser )); then
  command -v chromium >/dev/null || need+=(chromium)
fi
if (( ${#need[@]} )); then
  echo "== installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [[ ! -x .venv/bin/python ]]; then
  echo "== creating .venv"
  "$PYTHON" -m venv .venv
fi
echo "== installing Python packages"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev]"
echo "== installing front-end packages"
npm ci --no-audit --no-fund --loglevel=error
