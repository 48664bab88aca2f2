"""The GIL is released while Rust reads and parses."""

from __future__ import annotations

import threading
import time
from typing import Callable

import pytest

import cablecore
from cablecore import _cablecore
from conftest import make_csv


@pytest.fixture(scope="module")
def large_csv() -> bytes:
    """Invented cables.csv of about 12 MB."""
    return make_csv(4000, pad=12)


def ticks_during(call: Callable[[], object]) -> tuple[float, int]:
    """Run `call` on this thread while another Python thread records timestamps.

    Returns the call's duration and the number of timestamps taken during the middle
    half of it. With the GIL held for the whole call the other thread cannot run a single
    bytecode in that window (it only runs before and after), so the count is 0.
    """
    stop = threading.Event()
    stamps: list[float] = []

    def tick() -> None:
        clock = time.perf_counter
        while not stop.is_set():
            stamps.append(clock())
            time.sleep(0.0005)

    t = threading.Thread(target=tick)
    t.start()
    time.sleep(0.02)
    try:
        start = time.perf_counter()
        call()
        end = time.perf_counter()
    finally:
        stop.set()
        t.join()
    quarter = (end - start) / 4
    middle = sum(1 for s in stamps if start + quarter < s < end - quarter)
    return end - start, middle


def test_two_threads_read_concurrently(large_csv: bytes) -> None:
    expected = sum(1 for _ in cablecore.read(large_csv, format="csv"))
    counts: list[int] = []
    failures: list[BaseException] = []

    def work() -> None:
        try:
            counts.append(sum(1 for _ in cablecore.read(large_csv, format="csv")))
        except BaseException as e:  # pragma: no cover - reported below
            failures.append(e)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not failures
    assert not any(t.is_alive() for t in threads)
    assert counts == [expected, expected]


def test_python_thread_runs_while_rust_reads(large_csv: bytes) -> None:
    """One `read_columns` call reads the whole input with the GIL released."""
    elapsed, middle = ticks_during(
        lambda: _cablecore.read_columns(large_csv, columns=["subject"], format="csv")
    )
    if elapsed < 0.02:
        pytest.skip(f"read took {elapsed:.3f}s: too fast to observe a thread switch")
    assert middle > 0, f"no Python bytecode ran during a {elapsed:.3f}s read"


def test_python_thread_runs_while_rust_parses() -> None:
    """`parse` of one big text releases the GIL."""
    text = "1. (C) Invented paragraph text of some length.\n\n" * 200_000
    elapsed, middle = ticks_during(lambda: cablecore.parse(text))
    if elapsed < 0.02:
        pytest.skip(f"parse took {elapsed:.3f}s: too fast to observe a thread switch")
    assert middle > 0, f"no Python bytecode ran during a {elapsed:.3f}s parse"
