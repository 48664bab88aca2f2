"""cablecore — fast, faithful parser for US diplomatic cables (Cablegate).

All parsing is done in Rust by the ``cablecore`` crate; this package is a thin layer over
its extension module ``cablecore._cablecore``.

Quickstart::

    import cablecore
    df = cablecore.read_dataframe("cables.csv")          # one row per cable
    for cable in cablecore.read("cablegate-html/"):       # a file, a directory, bytes, a file object
        print(cable.reference_id, cable.subject, cable.tags)

Functions
---------
``parse(text, *, reference_id=None, year=None) -> Cable``
    One cable or fragment from ``str``/``bytes``.
``read(source, *, format="auto", errors="raise", progress=False) -> CableReader``
    Lazily read every cable of a ``cables.csv`` dump, cablegate HTML pages or text.
``read_dataframe(source, *, columns=None, format="auto", errors="raise")``
    A ``pandas.DataFrame``, one row per cable, one column per field.
``read_arrow(source, *, columns=None, format="auto", errors="raise")``
    A ``pyarrow.Table`` with the same columns.
``read_batches(source, *, columns=None, format="auto", errors="raise", batch_size=1024)``
    The same columns as a stream of Arrow record batches (``__arrow_c_stream__``), for
    pyarrow, polars, DuckDB … without pyarrow installed and without a Python object
    per value.

Exceptions
----------
Each variant of the Rust ``cablecore::Error`` maps to one Python exception:

======================  =====================================================
``cablecore::Error``    Python exception
======================  =====================================================
``InvalidUtf8``         ``InvalidUtf8Error``
``UnterminatedQuote``   ``UnterminatedQuoteError``
``FieldCount``          ``FieldCountError`` (``.expected``, ``.found``)
``Truncated``           ``TruncatedError``
``MissingCableTable``   ``MissingCableTableError`` (``.what``)
``Malformed``           ``MalformedError`` (``.what``)
``Io``                  ``OSError`` by kind (``FileNotFoundError``,
                        ``PermissionError``, …) or the exception a Python
                        file object raised
``InFile``              the exception of the error inside, naming the file
                        (``.path``, or ``OSError.filename``)
(a later variant)       ``CableParseError``
======================  =====================================================

All but ``Io`` derive from ``CableParseError``, which derives from ``CableError`` and
carries ``.byte_offset`` and ``.line`` (1-based) of the problem in the container, and
``.path`` (the file) for path sources.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import time
import warnings
from typing import TYPE_CHECKING, Any, Iterator, Literal, Protocol, Sequence, Union

from . import _cablecore
from ._cablecore import (
    FIELDS,
    ArrowBatch,
    ArrowStream,
    Cable,
    CableError,
    CableParseError,
    CableReader,
    Diagnostic,
    FieldCountError,
    InvalidUtf8Error,
    MalformedError,
    MissingCableTableError,
    Paragraph,
    Position,
    Recipient,
    Reference,
    TruncatedError,
    UnterminatedQuoteError,
    __version__,
    parse,
    read_batches,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

__all__ = [
    "FIELDS",
    "ArrowBatch",
    "ArrowStream",
    "Cable",
    "CableError",
    "CableIterator",
    "CableParseError",
    "CableReader",
    "Diagnostic",
    "FieldCountError",
    "InvalidUtf8Error",
    "MalformedError",
    "MissingCableTableError",
    "Paragraph",
    "Position",
    "Recipient",
    "Reference",
    "TruncatedError",
    "UnterminatedQuoteError",
    "__version__",
    "parse",
    "read",
    "read_arrow",
    "read_batches",
    "read_dataframe",
]

#: What ``read()`` accepts: a path (file or directory), bytes, or a binary file object.
Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, Any]

Format = Literal["auto", "csv", "html", "text"]


class CableIterator(Protocol):
    """What ``read()`` returns: an iterator of cables with progress and error state."""

    def __iter__(self) -> Iterator[Cable]: ...
    def __next__(self) -> Cable: ...

    @property
    def errors(self) -> list[CableParseError]: ...

    @property
    def bytes_read(self) -> int: ...

    @property
    def total_bytes(self) -> int | None: ...

    def close(self) -> None: ...


class _Progress:
    """Wraps a ``CableReader`` with a progress display (tqdm if installed, else stderr)."""

    def __init__(self, reader: CableReader) -> None:
        self._reader = reader
        self._count = 0
        self._last = 0.0
        self._bar: Any = None
        try:
            with warnings.catch_warnings():
                # tqdm.auto warns in Jupyter without ipywidgets, then uses the text bar.
                warnings.simplefilter("ignore")
                from tqdm.auto import tqdm
        except ImportError:
            tqdm = None
        if tqdm is not None:
            self._bar = tqdm(
                total=reader.total_bytes,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                desc="cablecore",
            )

    def __iter__(self) -> _Progress:
        return self

    def __next__(self) -> Cable:
        try:
            cable = next(self._reader)
        except StopIteration:
            self._finish()
            raise
        self._count += 1
        if self._bar is not None:
            self._bar.update(self._reader.bytes_read - self._bar.n)
            self._bar.set_postfix(cables=self._count, refresh=False)
        else:
            now = time.monotonic()
            if now - self._last >= 0.5:
                self._last = now
                self._print()
        return cable

    def _print(self, end: str = "") -> None:
        mb = self._reader.bytes_read / 1e6
        total = self._reader.total_bytes
        of = f" of {total / 1e6:.1f}" if total else ""
        sys.stderr.write(f"\rcablecore: {self._count} cables, {mb:.1f}{of} MB{end}")
        sys.stderr.flush()

    def _finish(self) -> None:
        if self._bar is not None:
            self._bar.update(self._reader.bytes_read - self._bar.n)
            self._bar.close()
            self._bar = None
        elif self._count or self._last:
            self._print(end="\n")
            self._last = 0.0
            self._count = 0

    @property
    def errors(self) -> list[CableParseError]:
        return self._reader.errors

    @property
    def bytes_read(self) -> int:
        return self._reader.bytes_read

    @property
    def total_bytes(self) -> int | None:
        return self._reader.total_bytes

    def close(self) -> None:
        self._reader.close()
        self._finish()

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read(
    source: Source,
    *,
    format: Format = "auto",
    errors: Literal["raise", "skip", "collect"] = "raise",
    progress: bool = False,
) -> CableIterator:
    """Read cables from a container, lazily, with bounded memory.

    ``source`` is a path (``str`` or ``os.PathLike``: a file, or a directory read
    recursively in path order), ``bytes``, or a binary file object (read in chunks).
    ``format`` is ``"auto"`` (detected from the first bytes), ``"csv"`` (the
    ``cables.csv`` dump), ``"html"`` (cablegate pages) or ``"text"``.

    ``errors`` says what happens to a cable that cannot be read: ``"raise"`` raises a
    ``CableParseError`` at that point (iteration may go on afterwards), ``"skip"`` drops
    it, ``"collect"`` appends the exception to the iterator's ``.errors`` list and goes
    on. I/O errors always raise. The GIL is released while Rust reads and parses.

    ``progress=True`` shows a progress bar (tqdm if installed, else a counter on stderr).
    The returned iterator has ``bytes_read`` and ``total_bytes`` to drive one yourself.

    >>> import cablecore
    >>> reader = cablecore.read(b"TAGS: PGOV XX\\n", format="text", errors="collect")
    >>> cables = list(reader)
    >>> len(cables), reader.errors
    (1, [])
    """
    reader = _cablecore.read(source, format=format, errors=errors)
    if progress:
        return _Progress(reader)
    return reader


#: pyarrow types of the column kinds in ``FIELDS``.
def _arrow_types() -> dict[str, Any]:
    pa = _require("pyarrow", "read_arrow")
    s = pa.string()
    return {
        "str": s,
        "int": pa.int64(),
        "bool": pa.bool_(),
        "datetime": pa.timestamp("s"),
        "datetime_utc": pa.timestamp("s", tz="UTC"),
        "date": pa.date32(),
        "list[str]": pa.list_(s),
        "position": pa.struct(
            [("byte", pa.int64()), ("line", pa.int64()), ("record", pa.int64())]
        ),
        "recipients": pa.list_(
            pa.struct([("route", s), ("name", s), ("precedence", s), ("mcn", s)])
        ),
        "references": pa.list_(
            pa.struct([("bullet", s), ("text", s), ("kind", s), ("value", s)])
        ),
        "paragraphs": pa.list_(
            pa.struct(
                [
                    ("number", pa.int64()),
                    ("marking", s),
                    ("text", s),
                    ("span", pa.struct([("start", pa.int64()), ("end", pa.int64())])),
                ]
            )
        ),
        "spans": pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64())])),
        "diagnostics": pa.list_(
            pa.struct(
                [("code", s), ("message", s), ("part", s), ("offset", pa.int64())]
            )
        ),
    }


def _require(package: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(package)
    except ImportError as e:
        raise ImportError(
            f"cablecore.{what}() needs the optional package {package!r}: "
            f"pip install {package}"
        ) from e


def read_dataframe(
    source: Source,
    *,
    columns: Sequence[str] | None = None,
    format: Format = "auto",
    errors: Literal["raise", "skip"] = "raise",
) -> pandas.DataFrame:
    """Read a container into a ``pandas.DataFrame``: one row per cable.

    Columns are the fields of ``Cable`` in schema order (or the ``columns`` asked for),
    with the values of ``Cable.to_dict()``: list fields are lists, nested records are
    dicts, ``created``/``released`` are ``datetime64[s]`` columns and ``dtg`` is
    ``datetime64[s, UTC]`` (NaT when missing; nanoseconds on pandas before 2.0),
    ``reference_id_inferred`` is ``bool``, every other column has ``object`` dtype.
    Cables are parsed in batches on worker threads without the GIL, while the previous
    batches become Python objects (equal short strings, such as tags, are one shared
    object); no ``Cable`` object is made. Needs pandas (``ImportError`` naming it
    otherwise).

    >>> import cablecore
    >>> df = cablecore.read_dataframe(b"TAGS: PGOV XX\\n", columns=["tags", "subject"], format="text")
    >>> list(df.columns), len(df)
    (['tags', 'subject'], 1)
    """
    pd = _require("pandas", "read_dataframe")
    import numpy as np  # a dependency of pandas

    names = list(FIELDS_NAMES if columns is None else columns)
    with _gc_paused():
        cols = _cablecore.read_columns(
            source, columns=names, format=format, errors=errors, epoch_seconds=True
        )
        kinds = dict(FIELDS)
        data: dict[str, Any] = {}
        for name in names:
            values = cols.pop(name)
            kind = kinds[name]
            if kind in ("datetime", "datetime_utc"):
                seconds = np.frombuffer(values, dtype=np.int64).astype("datetime64[s]")
                series = pd.Series(seconds)
                data[name] = series.dt.tz_localize("UTC") if kind == "datetime_utc" else series
            else:
                data[name] = pd.Series(values, dtype=bool if kind == "bool" else object)
        return pd.DataFrame(data, columns=names)


def read_arrow(
    source: Source,
    *,
    columns: Sequence[str] | None = None,
    format: Format = "auto",
    errors: Literal["raise", "skip"] = "raise",
) -> pyarrow.Table:
    """Read a container into a ``pyarrow.Table``: one row per cable, typed columns.

    The same columns as ``read_dataframe``; lists are ``list<string>``, nested records
    are structs, ``created``/``released`` are ``timestamp[s]``, ``dtg`` is
    ``timestamp[s, tz=UTC]``, dates are ``date32``. The Arrow buffers are built in Rust
    from the parsed records (``read_batches``) and handed to pyarrow without a copy:
    no Python object is made per cable or value. Needs pyarrow 14 or later
    (``ImportError`` naming it otherwise). The table exports the Arrow PyCapsule stream
    interface (``__arrow_c_stream__``), so polars, DuckDB and others can take it
    directly; ``read_batches`` gives them the stream without pyarrow.

    >>> import cablecore
    >>> t = cablecore.read_arrow(b"TAGS: PGOV XX\\n", columns=["tags"], format="text")
    >>> t.num_rows, str(t.schema.field("tags").type)
    (1, 'list<item: string>')
    """
    pa = _require("pyarrow", "read_arrow")
    names = list(FIELDS_NAMES if columns is None else columns)
    types = _arrow_types()
    kinds = dict(FIELDS)
    schema = pa.schema([(name, types[kinds[name]]) for name in names])
    stream = _cablecore.read_batches(source, columns=names, format=format, errors=errors)
    # Batch by batch (rather than pa.table(stream)) so that a CableParseError raised
    # while reading reaches the caller as itself; `schema` checks the Rust types.
    batches = [pa.record_batch(batch) for batch in stream]
    return pa.Table.from_batches(batches, schema=schema)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while building many containers that cannot form cycles
    (it would otherwise run over and over during the build)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


#: Field names of ``Cable``, in schema order.
FIELDS_NAMES: tuple[str, ...] = tuple(name for name, _ in FIELDS)
