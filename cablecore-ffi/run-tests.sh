#!/usr/bin/env bash
# Builds libcablecore (release), checks that include/cablecore.h is fresh, builds the C
# tests with -Wall -Wextra -Werror against the static library, runs them under valgrind
# (no errors, no leaks), and builds and runs the C example. Ends with "N passed, M failed".
#
# Environment: CARGO_TARGET_DIR (default: <workspace>/target); CC (default: cc);
# CABLECORE_NO_VALGRIND=1 runs the tests without valgrind (not for CI).
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
lib="$target/release/libcablecore.a"
out="$here/tests/build"
cc="${CC:-cc}"
cflags=(-std=c11 -O1 -g -Wall -Wextra -Werror -I "$here/include")
# Native libraries the Rust standard library needs when linked statically.
libs=(-lpthread -ldl -lm -lrt -lutil)

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }

summary() {
    echo "run-tests: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

echo "== cargo build --release -p cablecore-ffi"
if ! (cd "$root" && cargo build --release -p cablecore-ffi); then
    fail "cargo build"
    summary
fi

echo "== header"
if "$here/check-header.sh"; then pass "header is fresh"; else fail "header is fresh"; fi

valgrind=()
if [ "${CABLECORE_NO_VALGRIND:-0}" != 1 ]; then
    if ! command -v valgrind >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "== installing valgrind (apt-get)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind) >/dev/null 2>&1 || true
    fi
    if ! command -v valgrind >/dev/null; then
        echo "valgrind not found (apt-get install valgrind), or set CABLECORE_NO_VALGRIND=1" >&2
        fail "valgrind available"
        summary
    fi
    valgrind=(valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible
        --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99)
fi

mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# run_suite NAME ARGS...: builds tests/NAME.c, runs it, adds its "N passed, M failed".
run_suite() {
    local name="$1"
    shift
    echo "== $name"
    if ! "$cc" "${cflags[@]}" -o "$out/$name" "$here/tests/$name.c" "$lib" "${libs[@]}"; then
        fail "$name builds"
        return
    fi
    local log="$tmp/$name.log"
    "${valgrind[@]}" "$out/$name" "$@" 2>&1 | tee "$log"
    local status=${PIPESTATUS[0]}
    local line p f
    line="$(grep -E '^[a-z_]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)"
    if [ -z "$line" ]; then
        fail "$name (no summary line, exit status $status)"
        return
    fi
    p="$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")"
    f="$(sed -E 's/.*, ([0-9]+) failed/\1/' <<<"$line")"
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
        # valgrind errors or leaks (exit 99), or a crash after the summary
        fail "$name exit status $status (valgrind errors or leaks?)"
    fi
}

corpus="$root/../shared/corpus"
if [ -d "$corpus" ]; then
    run_suite test_api "$tmp" "$corpus"
else
    echo "(no corpus at $corpus: test_corpus is skipped)"
    run_suite test_api "$tmp"
fi
run_suite test_cases "$root/testdata/cases"

echo "== example"
printf 'S E C R E T FOOBAR 000193\n\nTAGS: PREL, XX\nSUBJECT: AN INVENTED SUBJECT\n\n1. Text.\n' >"$tmp/cable.txt"
if make -s -C "$root/examples/c" LIB_DIR="$target/release" >"$tmp/make.log" 2>&1 &&
    "$root/examples/c/build/cablecat" "$tmp/cable.txt" >"$tmp/cablecat.out" 2>&1 &&
    grep -q "AN INVENTED SUBJECT" "$tmp/cablecat.out"; then
    pass "examples/c builds and runs"
else
    cat "$tmp/make.log" "$tmp/cablecat.out" 2>/dev/null
    fail "examples/c builds and runs"
fi

summary
