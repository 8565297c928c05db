#!/usr/bin/env bash
# Sets everything up, loads demo data and serves Synergy on http://127.0.0.1:8000
# using the embedded defaults (SQLite and files under ./var/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export SYNERGY_FRONTEND_DIR="$PWD/node_modules"
.venv/bin/synergy db upgrade
.venv/bin/synergy demo
echo "== serving on http://127.0.0.1:8000 (Ctrl-C to stop)"
exec .venv/bin/synergy run
