//! Python bindings for cablecore: the private extension module `cablecore._cablecore`,
//! re-exported by the `cablecore` Python package (`python/cablecore/__init__.py`).
//!
//! The bindings are thin: all parsing is done by the `cablecore` crate; this crate
//! converts records to Python values, reads Python sources (paths, `bytes`, file
//! objects) through the crate's container readers, and releases the GIL while Rust
//! works. Modules:
//!
//! - [`fields`]: the schema list, conversions of each field type (Python forms, Arrow
//!   column builders) and the JSON → record reconstructor (pickling);
//! - [`arrow`]: Arrow arrays and builders, and their export through the Arrow C data
//!   interface;
//! - [`topy`]: Arrow arrays → Python objects (the cells of `read_dataframe`);
//! - [`cable`]: the `Cable` class and `parse()`;
//! - [`parts`]: `Position`, `Recipient`, `Reference`, `Paragraph`, `Diagnostic`;
//! - [`reader`]: opening sources, `read()` / `CableReader`;
//! - [`table`]: batched table reading: `read_columns()`, `read_batches()` /
//!   `ArrowStream` / `ArrowBatch`;
//! - [`errors`]: the exception hierarchy and the mapping of `cablecore::Error`.

use pyo3::prelude::*;

mod arrow;
mod cable;
mod errors;
mod fields;
mod parts;
mod reader;
mod table;
mod topy;

/// Fast, faithful parser for US diplomatic cables (Cablegate) — the Rust extension.
///
/// Use it through the ``cablecore`` package, which re-exports everything here and adds
/// ``read_dataframe`` / ``read_arrow`` and progress bars.
///
/// Exceptions: ``CableError`` is the base class; ``CableParseError(CableError)`` carries
/// ``byte_offset`` and ``line``; each ``cablecore::Error`` variant has its own subclass
/// of ``CableParseError``: ``InvalidUtf8`` → ``InvalidUtf8Error``,
/// ``UnterminatedQuote`` → ``UnterminatedQuoteError``, ``FieldCount`` →
/// ``FieldCountError`` (``expected``, ``found``), ``Truncated`` → ``TruncatedError``,
/// ``MissingCableTable`` → ``MissingCableTableError`` (``what``), ``Malformed`` →
/// ``MalformedError`` (``what``). ``Io`` → ``OSError`` by kind (a missing file is
/// ``FileNotFoundError``), or the exception a Python file object raised. ``InFile`` →
/// the exception of the error inside, naming the file (``path`` / ``OSError.filename``).
#[pymodule]
fn _cablecore(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(cable::parse, m)?)?;
    m.add_function(wrap_pyfunction!(cable::_cable_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(reader::read, m)?)?;
    m.add_function(wrap_pyfunction!(table::read_columns, m)?)?;
    m.add_function(wrap_pyfunction!(table::read_batches, m)?)?;
    m.add_class::<cable::PyCable>()?;
    m.add_class::<reader::CableReader>()?;
    m.add_class::<table::ArrowStream>()?;
    m.add_class::<table::ArrowBatch>()?;
    m.add_class::<parts::PyPosition>()?;
    m.add_class::<parts::PyRecipient>()?;
    m.add_class::<parts::PyReference>()?;
    m.add_class::<parts::PyParagraph>()?;
    m.add_class::<parts::PyDiagnostic>()?;
    m.add("FIELDS", reader::fields_table())?;
    errors::register(m)?;
    Ok(())
}
