#!/usr/bin/env bash
# Sets everything up, loads demo data and serves Synergy on http://127.0.0.1:8000 using the
# embedded defaults (SQLite and files under ./var/): the web app with its event worker, and a
# local ACRO simulator so that the demo's ACRO request is accepted and its reply arrives.
#
# To use the real ACRO gateway instead of the simulator, set SYNERGY_ACRO_GATEWAY_URL (and its
# certificates and callback secret, see docs/acro.md) before running: no simulator is started.
# SYNERGY_SKIP_SETUP=1 skips installing (for a machine already set up); SYNERGY_PORT and
# SYNERGY_DEMO_ACRO_PORT choose the ports (8000, 8790).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ "${SYNERGY_SKIP_SETUP:-}" == "1" ]] || bash scripts/setup.sh
export SYNERGY_FRONTEND_DIR="${SYNERGY_FRONTEND_DIR:-$PWD/node_modules}"
read -ra synergy <<< "${SYNERGY_COMMAND:-.venv/bin/synergy}"
data_dir="${SYNERGY_DATA_DIR:-var}"
port="${SYNERGY_PORT:-8000}"
mkdir -p "$data_dir"

# ACRO signs its replies with a secret shared with us; generate one for the demo, once.
if [[ -z "${SYNERGY_ACRO_CALLBACK_SECRET:-}" ]]; then
  secret_file="$data_dir/acro_callback_secret"
  if [[ ! -s "$secret_file" ]]; then
    (umask 077; head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$secret_file")
  fi
  SYNERGY_ACRO_CALLBACK_SECRET="$(cat "$secret_file")"
  export SYNERGY_ACRO_CALLBACK_SECRET
fi

simulator=""
stop() { [[ -n "$simulator" ]] && kill "$simulator" 2>/dev/null; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
if [[ -z "${SYNERGY_ACRO_GATEWAY_URL:-}" ]]; then
  sim_port="${SYNERGY_DEMO_ACRO_PORT:-8790}"
  export SYNERGY_ACRO_GATEWAY_URL="http://127.0.0.1:$sim_port"
  echo "== starting the local ACRO simulator on $SYNERGY_ACRO_GATEWAY_URL (not the real gateway)"
  "${synergy[@]}" acro-sim --port "$sim_port" \
    --callback-url "http://127.0.0.1:$port/api/acro/responses" &
  simulator=$!
fi

"${synergy[@]}" db upgrade
"${synergy[@]}" demo
echo "== serving on http://127.0.0.1:$port (Ctrl-C to stop)"
"${synergy[@]}" run --port "$port"
