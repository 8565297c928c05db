#!/usr/bin/env bash
# Sets everything up and runs the whole test suite twice, on SQLite and on PostgreSQL at once.
# The PostgreSQL run needs a server (default postgresql://postgres@127.0.0.1:5432/postgres,
# or SYNERGY_TEST_POSTGRES_URL). Without one it is skipped with a notice, except under CI=true,
# where a skipped PostgreSQL run is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --for-tests || exit 1
export SYNERGY_FRONTEND_DIR="$PWD/node_modules"
# One BLAS thread per process: see tests/conftest.py.
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
unset SYNERGY_TEST_DATABASE_URL
pg_url="${SYNERGY_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres}"

echo "== lint (ruff)"
.venv/bin/ruff check synergy tests bench scripts || exit 1
echo "== type check (mypy --strict on the whole package)"
.venv/bin/mypy --strict synergy || exit 1

# The two passes run at the same time, each on its own database, so a machine's two cores are
# both at work; the PostgreSQL pass's output is printed when both have finished.
pg_status=0
pg_pid=""
pg_log="$(mktemp)"
trap 'rm -f "$pg_log"' EXIT
if .venv/bin/python - "$pg_url" <<'PY' 2>/dev/null
import sys, sqlalchemy
sqlalchemy.create_engine(sys.argv[1]).connect().close()
PY
then
  # The second pass runs only what can behave differently on another database: tests that
  # use the test database, less the pages driven in a real browser (what they show does not
  # depend on the database), and less the calls placed by real softphones (baresip, SIPp,
  # browser peers), whose few writes other voice tests cover here. Everything else runs in
  # the SQLite pass; twice would add minutes to every run.
  echo "== tests on PostgreSQL ($pg_url), in the background: those using the database, browser pages excepted"
  SYNERGY_TEST_DATABASE_URL="$pg_url" .venv/bin/python -m pytest -p no:cacheprovider --durations=15 \
    --database-tests-only -m "not browser" -k "not baresip and not sipp and not webrtc_limits" "$@" \
    >"$pg_log" 2>&1 &
  pg_pid=$!
elif [[ "${CI:-}" == "true" ]]; then
  echo "FAILED: no PostgreSQL at $pg_url, and CI must test on PostgreSQL" >&2
  pg_status=1
else
  echo "SKIPPED: the PostgreSQL run (no server at $pg_url); the SQLite run still counts"
fi

echo "== tests on SQLite"
.venv/bin/python -m pytest -p no:cacheprovider --durations=15 "$@"
sqlite_status=$?

if [[ -n "$pg_pid" ]]; then
  wait "$pg_pid"
  pg_status=$?
  echo "== tests on PostgreSQL ($pg_url): its output"
  cat "$pg_log"
fi

if (( sqlite_status != 0 || pg_status != 0 )); then
  echo "test suite FAILED (SQLite exit $sqlite_status, PostgreSQL exit $pg_status)" >&2
  exit 1
fi
echo "test suite passed on SQLite and PostgreSQL"
