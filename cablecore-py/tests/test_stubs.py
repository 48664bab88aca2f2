"""The type stubs match the extension module (mypy.stubtest) and type-check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, cwd=HERE, timeout=300
    )


def test_stubtest() -> None:
    pytest.importorskip("mypy")
    r = run(
        "mypy.stubtest",
        "cablecore._cablecore",
        "--allowlist",
        str(HERE / "stubtest-allowlist.txt"),
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_package_type_checks(tmp_path: Path) -> None:
    """The package (stubs + inline annotations) type-checks in strict mode, and so does
    typical user code."""
    pytest.importorskip("mypy")
    user = tmp_path / "user.py"
    user.write_text(
        "import datetime\n"
        "import cablecore\n"
        "c = cablecore.parse('TAGS: PGOV XX\\n', year=2009)\n"
        "tags: list[str] = c.tags\n"
        "dtg: datetime.datetime | None = c.dtg\n"
        "for r in c.references:\n"
        "    v: str | None = r.value\n"
        "reader = cablecore.read(b'', errors='collect')\n"
        "n: int = reader.bytes_read\n"
        "errs: list[cablecore.CableParseError] = reader.errors\n"
        "for cable in reader:\n"
        "    s: str | None = cable.subject\n",
        encoding="utf-8",
    )
    r = run("mypy", "--strict", "--ignore-missing-imports", "--no-incremental", "-p", "cablecore")
    assert r.returncode == 0, r.stdout + r.stderr
    r = run("mypy", "--strict", "--ignore-missing-imports", "--no-incremental", str(user))
    assert r.returncode == 0, r.stdout + r.stderr
