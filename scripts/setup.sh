#!/usr/bin/env bash
# Installs what Synergy needs on a Debian machine (run as root for system packages):
# a Python 3.11 virtual environment with the hash-locked dependencies (requirements/*.lock,
# made by scripts/lock.sh from pyproject.toml), and the front-end packages
# from npm, and the speech tools the 101 voice line uses (flite). `--for-tests` also installs
# the test tools: Chromium, the baresip softphone, SIPp (sip-tester) and ALSA's recorded
# speech clips.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
for_tests=0
[[ "${1:-}" == "--for-tests" ]] && for_tests=1

need=()
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11)' 2>/dev/null \
  || { echo "Synergy needs Python 3.11 as $PYTHON" >&2; exit 1; }
"$PYTHON" -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
command -v npm >/dev/null || need+=(nodejs npm)
command -v flite >/dev/null || need+=(flite)
lock="requirements/runtime.lock"
if (( for_tests )); then
  lock="requirements/dev.lock"
  command -v chromium >/dev/null || need+=(chromium)
  command -v baresip >/dev/null || need+=(baresip)
  command -v sipp >/dev/null || need+=(sip-tester)
  command -v speaker-test >/dev/null || need+=(alsa-utils)
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
echo "== installing Python packages from $lock (every file checked against its hash)"
# --no-deps: the lock already names every package, so nothing unlocked can come in.
.venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes --no-deps \
  -r "$lock"
# Synergy itself, built with the locked setuptools (no isolated build fetching another).
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps \
  --no-build-isolation -e .
echo "== installing front-end packages"
npm ci --no-audit --no-fund --loglevel=error
