#!/usr/bin/env bash
# Regenerates the hash-locked Python dependencies from pyproject.toml:
#   requirements/runtime.lock  what `scripts/setup.sh` installs (with the voice and s3 extras)
#   requirements/dev.lock      the same versions plus the dev extra (tests, lint, type check)
# Run it after changing a dependency in pyproject.toml, and commit both files. Versions only
# move when pyproject.toml moves them or when you pass --upgrade (every unpinned dependency
# to its newest release) or --upgrade-package NAME.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION="0.13.8"
tool=".lock-tools"
if [[ ! -x "$tool/bin/uv" ]] || [[ "$("$tool/bin/uv" --version)" != "uv $UV_VERSION"* ]]; then
  echo "== installing uv $UV_VERSION into $tool"
  python3 -m venv "$tool"
  "$tool/bin/python" -m pip install -q --disable-pip-version-check "uv==$UV_VERSION"
fi

# Debian 12's Python 3.11 on x86-64 is what setup.sh installs on; the lock holds the hashes of
# every file PyPI publishes for each chosen version.
common=(--python-version 3.11 --python-platform x86_64-manylinux_2_36 --generate-hashes
  --no-header "$@")
export UV_CACHE_DIR="${UV_CACHE_DIR:-$PWD/.lock-tools/cache}"

echo "== requirements/runtime.lock"
"$tool/bin/uv" pip compile pyproject.toml requirements/build.in --extra voice --extra s3 \
  "${common[@]}" -o requirements/runtime.lock
echo "== requirements/dev.lock"
"$tool/bin/uv" pip compile pyproject.toml requirements/build.in --extra voice --extra s3 \
  --extra dev -c requirements/runtime.lock "${common[@]}" -o requirements/dev.lock
echo "== done: commit requirements/*.lock"
