#!/usr/bin/env bash
# Builds the Python extension (maturin, release profile) into a virtualenv and runs
# the pytest suite. The virtualenv is the workspace's .venv (created when missing);
# the packages come from PyPI through pip. Extra arguments go to pytest.
#
#   cablecore-py/run-tests.sh            # everything
#   cablecore-py/run-tests.sh -k gil -x  # a subset
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="${CABLECORE_VENV:-$root/.venv}"

if [ ! -x "$venv/bin/python" ]; then
  echo "== creating $venv"
  python3 -m venv "$venv"
fi
py="$venv/bin/python"

echo "== installing test dependencies (pip)"
"$py" -m pip install --quiet --disable-pip-version-check \
  maturin pytest mypy pandas pyarrow nbclient nbformat ipykernel matplotlib tqdm

echo "== building the extension (maturin develop --release)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cd "$here"
VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" "$venv/bin/maturin" develop --release --quiet

echo "== pytest"
exec "$py" -m pytest "$@"
