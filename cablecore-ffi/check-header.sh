#!/usr/bin/env bash
# Fails (exit 1) when the committed include/cablecore.h differs from what cbindgen
# generates from the current source. Fix: ./gen-header.sh, then commit the header.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp --suffix=.h)"
trap 'rm -f "$tmp"' EXIT
cd "$here/.."
cargo run --quiet -p cablecore-ffi --features generate-header --bin cablecore-header -- "$tmp"
if ! diff -u "$here/include/cablecore.h" "$tmp"; then
    echo "check-header: include/cablecore.h is stale; run cablecore-ffi/gen-header.sh" >&2
    exit 1
fi
echo "check-header: include/cablecore.h is up to date"
