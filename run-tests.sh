#!/usr/bin/env bash
# Runs every test of the project: Rust (fmt, clippy, rustdoc links, unit,
# integration, doc and property tests, bench and fuzz compilation), C (under
# valgrind) and Python (pytest in a local virtualenv). Needs only the Rust
# toolchain, a C compiler and Python 3 with pip; installs the rest into ./.venv.
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '\n== %s\n' "$*"; }

step "rustfmt"
cargo fmt --all -- --check

step "clippy"
cargo clippy --workspace --all-targets -- -D warnings

step "rustdoc (a broken or private link is an error)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps
RUSTDOCFLAGS="-D warnings" cargo doc -p cablecore --no-deps --document-private-items

step "Rust tests (unit, integration, property, doc)"
cargo test --workspace --exclude cablecore-py

step "benches compile"
cargo bench -p cablecore-benches --no-run

if [ -f fuzz/Cargo.toml ]; then
  step "fuzz targets compile"
  cargo check --manifest-path fuzz/Cargo.toml
fi

step "C library, header and C tests"
bash cablecore-ffi/run-tests.sh

step "Python package and pytest"
cargo build -p cablecore-examples --bin cablecat   # tests/test_cablecat.py compares its JSON
bash cablecore-py/run-tests.sh
