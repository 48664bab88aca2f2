"""Arrow export (read_batches, read_arrow) and read_dataframe against Cable.to_dict().

The reference is built independently of the table readers: every cable is read with
``cablecore.read()`` and converted with ``Cable.to_dict()`` (the per-record conversion),
then the Python lists go through ``pyarrow.table(..., schema=...)``. The Rust-built
Arrow buffers must give the same table, and read_dataframe the same cell values.
"""

from __future__ import annotations

import datetime
import gc
import io
import sys
from pathlib import Path
from typing import Any

import pytest

import cablecore
from cablecore import _cablecore
from conftest import CASES, CORPUS_CSV, SAMPLE_DIR, make_csv

NAMES = [name for name, _ in cablecore.FIELDS]


class ChunkyFile(io.RawIOBase):
    """A binary file object that returns at most `chunk` bytes per read."""

    def __init__(self, data: bytes, chunk: int) -> None:
        self._data = data
        self._pos = 0
        self._chunk = chunk

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:  # type: ignore[override]
        n = len(self._data) if n < 0 else n
        out = self._data[self._pos : self._pos + min(n, self._chunk)]
        self._pos += len(out)
        return out


def expected_schema(pa: Any, names: list[str] | None = None) -> Any:
    types = cablecore._arrow_types()
    kinds = dict(cablecore.FIELDS)
    return pa.schema([(n, types[kinds[n]]) for n in (names or NAMES)])


def reference_table(pa: Any, source: Any, names: list[str] | None = None, **kw: Any) -> Any:
    """The table from per-record Python values (Cable.to_dict())."""
    names = names or NAMES
    dicts = [c.to_dict() for c in cablecore.read(source, **kw)]
    return pa.table({n: [d[n] for d in dicts] for n in names}, schema=expected_schema(pa, names))


def sources() -> list[tuple[str, Any, dict[str, Any]]]:
    """(name, source, read kwargs) of every bundled input."""
    out: list[tuple[str, Any, dict[str, Any]]] = [
        ("invented-csv", make_csv(40, pad=3), {"format": "csv"}),
    ]
    if SAMPLE_DIR.is_dir():
        out.append(("examples-sample", SAMPLE_DIR, {}))
    for case in sorted(CASES.glob("*.cable")) if CASES.is_dir() else []:
        out.append((case.stem, case.read_bytes(), {"format": "text"}))
    return out


SOURCES = sources()
SOURCE_IDS = [name for name, _, _ in SOURCES]


# ------------------------------------------------------------------ read_arrow


@pytest.mark.parametrize("name,source,kw", SOURCES, ids=SOURCE_IDS)
def test_read_arrow_equals_per_record_values(name: str, source: Any, kw: dict[str, Any]) -> None:
    pa = pytest.importorskip("pyarrow")
    table = cablecore.read_arrow(source, **kw)
    table.validate(full=True)
    assert table.schema == expected_schema(pa)
    assert table.equals(reference_table(pa, source, **kw))


@pytest.mark.skipif(not CORPUS_CSV.exists(), reason=f"shared corpus absent: {CORPUS_CSV}")
def test_read_arrow_equals_per_record_values_corpus() -> None:
    pa = pytest.importorskip("pyarrow")
    table = cablecore.read_arrow(CORPUS_CSV, errors="skip")
    table.validate(full=True)
    reference = reference_table(pa, CORPUS_CSV, errors="skip")
    assert table.num_rows == reference.num_rows > 0
    for name in NAMES:  # column by column, for a readable failure
        assert table.column(name).equals(reference.column(name)), name


def test_corpus_absent_is_reported() -> None:
    if not CORPUS_CSV.exists():
        print(f"shared corpus absent, corpus comparisons skipped: {CORPUS_CSV}")


def test_schema_is_the_contract() -> None:
    """The Rust-built schema equals cablecore._arrow_types() for every column."""
    pa = pytest.importorskip("pyarrow")
    stream = cablecore.read_batches(b"")
    assert pa.schema(stream) == expected_schema(pa)
    assert stream.column_names == NAMES
    assert list(stream) == []


def test_columns_subset_in_requested_order(small_csv: bytes) -> None:
    pa = pytest.importorskip("pyarrow")
    names = ["tags", "id", "dtg", "paragraphs", "from"]
    table = cablecore.read_arrow(small_csv, columns=names)
    assert table.column_names == names
    assert table.equals(reference_table(pa, small_csv, names))
    stream = cablecore.read_batches(small_csv, columns=tuple(names))
    assert stream.column_names == names
    with pytest.raises(ValueError, match="unknown column"):
        cablecore.read_batches(small_csv, columns=["nope"])


def test_batches_and_batch_size() -> None:
    pa = pytest.importorskip("pyarrow")
    data = make_csv(11)
    batches = list(cablecore.read_batches(data, columns=["id"], batch_size=3))
    assert all(len(b) == b.num_rows <= 3 for b in batches)
    assert sum(b.num_rows for b in batches) == 11
    ids = [i for b in batches for i in pa.record_batch(b).column("id").to_pylist()]
    assert ids == list(range(1, 12))
    assert batches[0].column_names == ["id"]
    with pytest.raises(ValueError, match="batch_size"):
        cablecore.read_batches(data, batch_size=0)


def test_arrow_c_stream_consumed_by_pyarrow(small_csv: bytes) -> None:
    pa = pytest.importorskip("pyarrow")
    reference = reference_table(pa, small_csv)
    table = pa.table(cablecore.read_batches(small_csv))
    table.validate(full=True)
    assert table.equals(reference)
    reader = pa.RecordBatchReader.from_stream(cablecore.read_batches(small_csv, batch_size=2))
    assert reader.schema == expected_schema(pa)
    assert reader.read_all().equals(reference)
    # A stream is read once.
    stream = cablecore.read_batches(small_csv)
    stream.__arrow_c_stream__()
    with pytest.raises(ValueError, match="already"):
        stream.__arrow_c_stream__()
    assert list(stream) == []
    # The table read_arrow returns exports the stream interface too.
    assert pa.table(cablecore.read_arrow(small_csv)).equals(reference)


def test_arrow_c_array_per_batch(small_csv: bytes) -> None:
    pa = pytest.importorskip("pyarrow")
    (batch,) = list(cablecore.read_batches(small_csv))
    first = pa.record_batch(batch)
    second = pa.record_batch(batch)  # exported twice: both share the Rust buffers
    assert first.equals(second)
    assert first.schema == expected_schema(pa)
    # Unused capsules are released by their destructors.
    schema_capsule, array_capsule = batch.__arrow_c_array__()
    del schema_capsule, array_capsule


def test_buffers_outlive_the_python_objects(small_csv: bytes) -> None:
    pa = pytest.importorskip("pyarrow")
    stream = cablecore.read_batches(small_csv)
    batch = next(stream)
    rb = pa.record_batch(batch)
    reader = pa.RecordBatchReader.from_stream(cablecore.read_batches(small_csv))
    del stream, batch
    gc.collect()
    rb.validate(full=True)
    assert rb.column("subject").to_pylist() == [c.subject for c in cablecore.read(small_csv)]
    assert reader.read_all().equals(pa.Table.from_batches([rb]))


def test_file_objects_and_directories(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    data = make_csv(300, pad=2)
    whole = cablecore.read_arrow(data, format="csv")
    assert cablecore.read_arrow(ChunkyFile(data, 4093), format="csv").equals(whole)
    (tmp_path / "a.csv").write_bytes(make_csv(3))
    (tmp_path / "b.csv").write_bytes(make_csv(4))
    table = cablecore.read_arrow(tmp_path)
    assert table.equals(reference_table(pa, tmp_path))
    assert table.num_rows == 7


# ---------------------------------------------------------------------- errors


def truncated_csv() -> tuple[bytes, int]:
    """Two good rows, then a row cut inside a quoted field; returns (data, good rows)."""
    good = make_csv(2)
    bad = make_csv(1)
    return good + bad[: len(bad) // 2], 2


def test_error_modes() -> None:
    pytest.importorskip("pyarrow")
    data, good = truncated_csv()
    with pytest.raises(cablecore.CableParseError) as info:
        cablecore.read_arrow(data, format="csv")
    assert info.value.byte_offset is not None and info.value.line is not None
    assert cablecore.read_arrow(data, format="csv", errors="skip").num_rows == good
    with pytest.raises(ValueError, match="'raise' or 'skip'"):
        cablecore.read_arrow(data, errors="collect")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'raise' or 'skip'"):
        cablecore.read_batches(data, errors="collect")  # type: ignore[arg-type]
    # Iterating: the good rows first, then the error, then the end.
    stream = cablecore.read_batches(data, format="csv", batch_size=1)
    rows = 0
    with pytest.raises(cablecore.CableParseError):
        for batch in stream:
            rows += batch.num_rows
    assert rows == good
    assert list(stream) == []


def test_error_through_the_c_stream() -> None:
    pa = pytest.importorskip("pyarrow")
    data, _ = truncated_csv()
    with pytest.raises((OSError, pa.ArrowException)) as info:
        pa.table(cablecore.read_batches(data, format="csv"))
    assert "byte" in str(info.value)


def test_missing_file() -> None:
    with pytest.raises(FileNotFoundError):
        cablecore.read_batches("/nonexistent/cables.csv")


def test_read_batches_without_pyarrow(monkeypatch: pytest.MonkeyPatch, small_csv: bytes) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    rows = sum(b.num_rows for b in cablecore.read_batches(small_csv))
    assert rows == len(list(cablecore.read(small_csv)))


# ---------------------------------------------------------- other consumers


def test_polars_reads_the_stream(small_csv: bytes) -> None:
    pl = pytest.importorskip("polars")
    df = pl.DataFrame(cablecore.read_batches(small_csv, columns=["id", "tags", "subject"]))
    cables = list(cablecore.read(small_csv))
    assert df["subject"].to_list() == [c.subject for c in cables]
    assert df["tags"].to_list() == [c.tags for c in cables]


def test_duckdb_reads_the_stream(small_csv: bytes) -> None:
    duckdb = pytest.importorskip("duckdb")
    stream = cablecore.read_batches(small_csv, columns=["id", "subject"])  # noqa: F841
    rows = duckdb.sql("select id, subject from stream order by id").fetchall()
    assert rows == [(c.id, c.subject) for c in cablecore.read(small_csv)]


# ------------------------------------------------------------------ dataframe


def cell_equals(value: Any, expected: Any, kind: str) -> bool:
    """A DataFrame cell against the Cable.to_dict() value of its column kind."""
    import pandas as pd

    if kind in ("datetime", "datetime_utc"):
        if expected is None:
            return bool(pd.isna(value))
        return bool(value.to_pydatetime() == expected)
    if kind == "bool":
        return bool(value) is expected
    return bool(value == expected) and type(value) is type(expected)


def assert_frame_matches(df: Any, source: Any, **kw: Any) -> None:
    dicts = [c.to_dict() for c in cablecore.read(source, **kw)]
    kinds = dict(cablecore.FIELDS)
    assert list(df.columns) == NAMES
    assert len(df) == len(dicts)
    for name in NAMES:
        column = df[name].tolist() if kinds[name] not in ("datetime", "datetime_utc") else df[name]
        for i, d in enumerate(dicts):
            value = column[i]
            assert cell_equals(value, d[name], kinds[name]), (name, i, value, d[name])


@pytest.mark.parametrize("name,source,kw", SOURCES, ids=SOURCE_IDS)
def test_read_dataframe_equals_to_dict(name: str, source: Any, kw: dict[str, Any]) -> None:
    pytest.importorskip("pandas")
    df = cablecore.read_dataframe(source, **kw)
    assert_frame_matches(df, source, **kw)


@pytest.mark.skipif(not CORPUS_CSV.exists(), reason=f"shared corpus absent: {CORPUS_CSV}")
def test_read_dataframe_equals_to_dict_corpus() -> None:
    pytest.importorskip("pandas")
    df = cablecore.read_dataframe(CORPUS_CSV, errors="skip")
    assert_frame_matches(df, CORPUS_CSV, errors="skip")


def test_read_dataframe_dtypes(small_csv: bytes) -> None:
    pytest.importorskip("pandas")
    df = cablecore.read_dataframe(small_csv)
    kinds = dict(cablecore.FIELDS)
    for name in NAMES:
        dtype = str(df[name].dtype)
        if kinds[name] == "datetime":
            assert dtype.startswith("datetime64") and "UTC" not in dtype, name
        elif kinds[name] == "datetime_utc":
            assert dtype.startswith("datetime64") and "UTC" in dtype, name
        elif kinds[name] == "bool":
            assert dtype == "bool", name
        else:
            assert dtype == "object", name
    assert isinstance(df["dtg"][0].to_pydatetime(), datetime.datetime)


def test_read_columns_plain_values(small_csv: bytes) -> None:
    cols = _cablecore.read_columns(small_csv)
    dicts = [c.to_dict() for c in cablecore.read(small_csv)]
    for name in NAMES:
        assert cols[name] == [d[name] for d in dicts], name
    seconds = _cablecore.read_columns(small_csv, columns=["created", "dtg"], epoch_seconds=True)
    assert isinstance(seconds["created"], bytes) and len(seconds["created"]) == 8 * len(dicts)
    # Equal short strings are one shared object.
    tags = cols["tags"]
    assert tags[0][0] == tags[1][0] and tags[0][0] is tags[1][0]
