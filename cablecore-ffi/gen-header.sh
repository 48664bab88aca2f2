#!/usr/bin/env bash
# Regenerates include/cablecore.h from the Rust source with cbindgen
# (the `cablecore-header` tool, built with the `generate-header` feature).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
cargo run --quiet -p cablecore-ffi --features generate-header --bin cablecore-header -- \
    "$here/include/cablecore.h"
echo "wrote $here/include/cablecore.h"
