"""read(), read_dataframe(), read_arrow(): sources, streaming, errors, progress."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

import cablecore
from cablecore import _cablecore
from conftest import CORPUS_CSV, make_csv


class ChunkyFile(io.RawIOBase):
    """A binary file object that returns at most `chunk` bytes per read (like a pipe)."""

    def __init__(self, data: bytes, chunk: int) -> None:
        self._data = data
        self._pos = 0
        self._chunk = chunk
        self.calls = 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:  # type: ignore[override]
        self.calls += 1
        if n < 0:
            n = len(self._data)
        n = min(n, self._chunk)
        out = self._data[self._pos : self._pos + n]
        self._pos += len(out)
        return out


def test_sources_give_equal_cables(small_csv: bytes, csv_file: Path) -> None:
    from_bytes = list(cablecore.read(small_csv))
    from_path = list(cablecore.read(str(csv_file)))
    from_pathlike = list(cablecore.read(csv_file))
    with open(csv_file, "rb") as f:
        from_file = list(cablecore.read(f))
    from_chunky = list(cablecore.read(ChunkyFile(small_csv, 7)))
    from_bytearray = list(cablecore.read(bytearray(small_csv)))
    from_memoryview = list(cablecore.read(memoryview(small_csv)))
    assert len(from_bytes) >= 1
    for other in (from_path, from_pathlike, from_file, from_chunky, from_bytearray, from_memoryview):
        assert other == from_bytes


def test_streaming_equals_whole_buffer_large(tmp_path: Path) -> None:
    data = make_csv(300, pad=3)
    whole = [c.to_json() for c in cablecore.read(data, format="csv")]
    streamed = [c.to_json() for c in cablecore.read(ChunkyFile(data, 4093), format="csv")]
    assert streamed == whole


def test_file_object_reads_in_chunks(small_csv: bytes) -> None:
    f = ChunkyFile(small_csv, 64)
    reader = cablecore.read(f)
    first = next(reader)
    assert isinstance(first, cablecore.Cable)
    list(reader)
    assert f.calls > 2
    assert reader.bytes_read == len(small_csv)


def test_bytes_read_and_total(small_csv: bytes, csv_file: Path) -> None:
    reader = cablecore.read(csv_file)
    assert reader.total_bytes == len(small_csv)
    assert reader.bytes_read == 0
    list(reader)
    assert reader.bytes_read == len(small_csv)
    assert cablecore.read(io.BytesIO(small_csv)).total_bytes is None
    with open(csv_file, "rb") as f:
        assert cablecore.read(f).total_bytes == len(small_csv)
        f.seek(10)
        assert cablecore.read(f).total_bytes == len(small_csv) - 10


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.csv").write_bytes(make_csv(2))
    (tmp_path / "b" / "c.csv").write_bytes(make_csv(3))
    reader = cablecore.read(tmp_path)
    cables = list(reader)
    total = len(make_csv(2)) + len(make_csv(3))
    assert reader.total_bytes == total and reader.bytes_read == total
    (tmp_path / ".hidden.csv").write_bytes(make_csv(4))  # dot files are skipped
    assert list(cablecore.read(tmp_path)) == cables
    assert len(cables) == len(list(cablecore.read(make_csv(2)))) + len(
        list(cablecore.read(make_csv(3)))
    )


def test_text_file_object_is_type_error(csv_file: Path) -> None:
    with open(csv_file, encoding="utf-8") as f:
        with pytest.raises(TypeError, match="binary mode"):
            list(cablecore.read(f))


def test_file_object_exception_propagates() -> None:
    class Boom(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def read(self, n: int = -1) -> bytes:  # type: ignore[override]
            raise RuntimeError("invented failure")

    with pytest.raises(RuntimeError, match="invented failure"):
        list(cablecore.read(Boom()))


def test_missing_file_is_file_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-file.csv"
    with pytest.raises(FileNotFoundError) as info:
        cablecore.read(missing)
    assert info.value.filename == str(missing)
    assert not isinstance(info.value, cablecore.CableError)
    with pytest.raises(FileNotFoundError):
        _cablecore.read_columns(str(missing))


def test_bad_arguments() -> None:
    with pytest.raises(TypeError, match="path, bytes or a binary file"):
        cablecore.read(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="format"):
        cablecore.read(b"", format="xml")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="errors"):
        cablecore.read(b"", errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown column"):
        _cablecore.read_columns(b"", columns=["nope"])
    with pytest.raises(ValueError, match="'raise' or 'skip'"):
        _cablecore.read_columns(b"", errors="collect")


def test_empty_input() -> None:
    assert list(cablecore.read(b"")) == []


# ------------------------------------------------------------------ error mapping


def truncated_csv() -> tuple[bytes, int]:
    """Two good rows, then a row cut inside a quoted field; returns (data, good rows)."""
    good = make_csv(2)
    bad = make_csv(1)
    return good + bad[: len(bad) // 2], 2


def test_truncated_csv_raises_parse_error() -> None:
    data, good = truncated_csv()
    reader = cablecore.read(data, format="csv")
    cables = []
    with pytest.raises(cablecore.CableParseError) as info:
        for c in reader:
            cables.append(c)
    err = info.value
    assert isinstance(err, cablecore.CableError)
    assert isinstance(err, (cablecore.TruncatedError, cablecore.UnterminatedQuoteError))
    assert len(cables) == good
    # the problem is inside the broken row, which starts right after the good ones
    row_start = len(make_csv(2))
    assert row_start <= err.byte_offset < len(data)
    first_line = make_csv(2).count(b"\n") + 1
    assert first_line <= err.line <= data.count(b"\n") + 1
    assert data[: err.byte_offset].count(b"\n") + 1 == err.line
    assert str(err.byte_offset) in str(err)


def test_truncated_csv_collect_and_skip() -> None:
    data, good = truncated_csv()
    reader = cablecore.read(data, format="csv", errors="collect")
    assert len(list(reader)) == good
    assert len(reader.errors) == 1
    (err,) = reader.errors
    assert isinstance(err, cablecore.CableParseError) and err.line is not None
    skipping = cablecore.read(data, format="csv", errors="skip")
    assert len(list(skipping)) == good and skipping.errors == []
    with pytest.raises(cablecore.CableParseError):
        _cablecore.read_columns(data, format="csv")
    assert len(_cablecore.read_columns(data, format="csv", errors="skip")["id"]) == good


def test_errors_name_their_file(tmp_path: Path) -> None:
    data, good = truncated_csv()
    (tmp_path / "a.csv").write_bytes(make_csv(1))
    bad = tmp_path / "b.csv"
    bad.write_bytes(data)
    reader = cablecore.read(tmp_path, format="csv", errors="collect")
    assert len(list(reader)) == 1 + good
    (err,) = reader.errors
    assert isinstance(err, cablecore.CableParseError)
    assert err.path == str(bad)
    assert str(bad) in str(err)
    assert err.line is not None and err.byte_offset is not None
    # A single file names itself too.
    with pytest.raises(cablecore.CableParseError) as info:
        list(cablecore.read(bad, format="csv"))
    assert info.value.path == str(bad)
    # Bytes have no file.
    with pytest.raises(cablecore.CableParseError) as info:
        list(cablecore.read(data, format="csv"))
    assert info.value.path is None


def test_exception_hierarchy() -> None:
    subclasses = [
        cablecore.InvalidUtf8Error,
        cablecore.UnterminatedQuoteError,
        cablecore.FieldCountError,
        cablecore.TruncatedError,
        cablecore.MissingCableTableError,
        cablecore.MalformedError,
    ]
    assert issubclass(cablecore.CableParseError, cablecore.CableError)
    assert issubclass(cablecore.CableError, Exception)
    for cls in subclasses:
        assert issubclass(cls, cablecore.CableParseError)
        assert cls.__module__ == "cablecore"
        e = cls("invented")
        assert e.byte_offset is None and e.line is None
    assert cablecore.FieldCountError("x").expected is None
    assert cablecore.MalformedError("x").what is None


# ------------------------------------------------------------------------ reader


def test_reader_close_and_context_manager(csv_file: Path) -> None:
    with cablecore.read(csv_file) as reader:
        next(reader)
    assert list(reader) == []
    reader = cablecore.read(csv_file)
    reader.close()
    assert list(reader) == []


def test_progress_with_stderr_counter(
    small_csv: bytes, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm → ImportError
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    reader = cablecore.read(small_csv, progress=True)
    cables = list(reader)
    assert cables == list(cablecore.read(small_csv))
    err = capsys.readouterr().err
    assert f"cablecore: {len(cables)} cables" in err
    assert reader.bytes_read == len(small_csv) and reader.errors == []


def test_progress_with_tqdm(small_csv: bytes) -> None:
    pytest.importorskip("tqdm")
    reader = cablecore.read(small_csv, progress=True)
    assert list(reader) == list(cablecore.read(small_csv))
    reader.close()


# -------------------------------------------------------------------- dataframes


def test_read_dataframe(small_csv: bytes) -> None:
    pd = pytest.importorskip("pandas")
    cables = list(cablecore.read(small_csv))
    df = cablecore.read_dataframe(small_csv)
    assert list(df.columns) == [name for name, _ in cablecore.FIELDS]
    assert len(df) == len(cables)
    assert str(df["created"].dtype).startswith("datetime64")
    assert str(df["dtg"].dtype).startswith("datetime64") and "UTC" in str(df["dtg"].dtype)
    for i, cable in enumerate(cables):
        d = cable.to_dict()
        assert df["tags"][i] == d["tags"]
        assert df["references"][i] == d["references"]
        assert df["recipients"][i] == d["recipients"]
        assert df["subject"][i] == d["subject"]
        assert df["position"][i] == d["position"]
        assert (d["created"] is None and pd.isna(df["created"][i])) or (
            df["created"][i].to_pydatetime() == d["created"]
        )


def test_read_dataframe_columns(small_csv: bytes) -> None:
    pytest.importorskip("pandas")
    df = cablecore.read_dataframe(small_csv, columns=["subject", "tags"])
    assert list(df.columns) == ["subject", "tags"]


def test_read_arrow(small_csv: bytes) -> None:
    pa = pytest.importorskip("pyarrow")
    table = cablecore.read_arrow(small_csv)
    cables = list(cablecore.read(small_csv))
    assert table.num_rows == len(cables)
    assert table.column_names == [name for name, _ in cablecore.FIELDS]
    assert table.schema.field("tags").type == pa.list_(pa.string())
    assert table.schema.field("dtg").type == pa.timestamp("s", tz="UTC")
    assert table.column("subject").to_pylist() == [c.subject for c in cables]
    assert table.column("tags").to_pylist() == [c.tags for c in cables]
    assert hasattr(table, "__arrow_c_stream__")


def test_arrow_full_record_types(full_json: str) -> None:
    """Every column kind converts to its Arrow type (using the filled-in record)."""
    pa = pytest.importorskip("pyarrow")
    from cablecore import _cablecore

    c = _cablecore._cable_from_json(full_json)
    types = cablecore._arrow_types()
    for name, kind in cablecore.FIELDS:
        value = c.to_dict()[name]
        pa.array([value, value], type=types[kind])


def test_optional_packages_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pandas"):
        cablecore.read_dataframe(b"")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match="pyarrow"):
        cablecore.read_arrow(b"")


# ------------------------------------------------------------------------ corpus


@pytest.mark.skipif(not CORPUS_CSV.exists(), reason=f"shared corpus absent: {CORPUS_CSV}")
def test_corpus_csv_streams_like_whole_buffer() -> None:
    data = CORPUS_CSV.read_bytes()
    whole = list(cablecore.read(data, errors="collect"))
    with open(CORPUS_CSV, "rb") as f:
        streamed = list(cablecore.read(f, errors="collect"))
    assert streamed == whole
    assert len(whole) > 0
    assert os.path.getsize(CORPUS_CSV) == len(data)
