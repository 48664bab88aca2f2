"""`Cable.to_json()` is byte for byte what the Rust CLI `cablecat` prints.

Runs when a built `cablecat` is found (`$CABLECAT`, or `debug`/`release` under
`$CARGO_TARGET_DIR` or the workspace's `target/`), e.g. after `cargo test --workspace`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import cablecore
from conftest import ROOT, SAMPLE_DIR


def find_cablecat() -> Path | None:
    if os.environ.get("CABLECAT"):
        return Path(os.environ["CABLECAT"])
    dirs = [Path(os.environ["CARGO_TARGET_DIR"])] if os.environ.get("CARGO_TARGET_DIR") else []
    dirs.append(ROOT / "target")
    found = [d / p / "cablecat" for d in dirs for p in ("release", "debug")]
    found = [f for f in found if f.is_file() and os.access(f, os.X_OK)]
    return max(found, key=lambda f: f.stat().st_mtime) if found else None


def newest_source() -> float:
    """Modification time of the newest Rust source cablecat is built from."""
    files = [*(ROOT / "cablecore" / "src").rglob("*.rs"), ROOT / "examples" / "cablecat.rs"]
    return max(f.stat().st_mtime for f in files if f.exists())


CABLECAT = find_cablecat()
STALE = CABLECAT is not None and CABLECAT.stat().st_mtime < newest_source()


@pytest.mark.skipif(CABLECAT is None, reason="no built cablecat (run cargo build first)")
@pytest.mark.skipif(STALE, reason=f"{CABLECAT} is older than the sources: rebuild it")
@pytest.mark.skipif(not SAMPLE_DIR.is_dir(), reason="examples/sample absent")
def test_to_json_equals_cablecat() -> None:
    assert CABLECAT is not None
    out = subprocess.run(
        [str(CABLECAT), str(SAMPLE_DIR)], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    rust = [line for line in out.splitlines() if line.strip()]
    python = [c.to_json() for c in cablecore.read(SAMPLE_DIR)]
    assert python == rust
