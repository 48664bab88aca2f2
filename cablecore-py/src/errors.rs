//! Python exceptions and the mapping from [`cablecore::Error`].
//!
//! | `cablecore::Error`   | Python exception                                  |
//! |----------------------|---------------------------------------------------|
//! | `InvalidUtf8`        | `InvalidUtf8Error(CableParseError)`               |
//! | `UnterminatedQuote`  | `UnterminatedQuoteError(CableParseError)`         |
//! | `FieldCount`         | `FieldCountError(CableParseError)`                |
//! | `Truncated`          | `TruncatedError(CableParseError)`                 |
//! | `MissingCableTable`  | `MissingCableTableError(CableParseError)`         |
//! | `Malformed`          | `MalformedError(CableParseError)`                 |
//! | `Io`                 | `OSError` subclass by kind (`FileNotFoundError`, …), or the Python exception a file object raised |
//! | `InFile { path, source }` | the exception of `source`, naming the file: `OSError.filename`, or `CableParseError.path` |
//! | (future variants)    | `CableParseError`                                 |
//!
//! Every `CableParseError` carries `byte_offset` and `line` (None when unknown) and
//! `path` (the file, for path sources).

use cablecore::Error;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    cablecore,
    CableError,
    PyException,
    "Base class of the errors cablecore raises about its input (I/O errors are OSError)."
);
create_exception!(
    cablecore,
    CableParseError,
    CableError,
    "A container could not be read at some place; `byte_offset` and `line` say where."
);
create_exception!(
    cablecore,
    InvalidUtf8Error,
    CableParseError,
    "Bytes that are not UTF-8 (cablecore::Error::InvalidUtf8)."
);
create_exception!(
    cablecore,
    UnterminatedQuoteError,
    CableParseError,
    "A quoted CSV field that never closes (cablecore::Error::UnterminatedQuote)."
);
create_exception!(
    cablecore,
    FieldCountError,
    CableParseError,
    "A CSV row with the wrong number of columns; `expected` and `found` give the counts \
     (cablecore::Error::FieldCount)."
);
create_exception!(
    cablecore,
    TruncatedError,
    CableParseError,
    "The input ends inside a record (cablecore::Error::Truncated)."
);
create_exception!(
    cablecore,
    MissingCableTableError,
    CableParseError,
    "An HTML page without its cable table or <pre> blocks; `what` says which \
     (cablecore::Error::MissingCableTable)."
);
create_exception!(
    cablecore,
    MalformedError,
    CableParseError,
    "A required value that cannot be read (a bad date, a bad id); `what` says which \
     (cablecore::Error::Malformed)."
);

/// Register the exception classes on the module, with class-level defaults for the
/// attributes every instance gets (`byte_offset`, `line`, …).
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("CableError", py.get_type::<CableError>())?;
    let parse = py.get_type::<CableParseError>();
    parse.setattr("byte_offset", py.None())?;
    parse.setattr("line", py.None())?;
    parse.setattr("path", py.None())?;
    m.add("CableParseError", parse)?;
    m.add("InvalidUtf8Error", py.get_type::<InvalidUtf8Error>())?;
    m.add(
        "UnterminatedQuoteError",
        py.get_type::<UnterminatedQuoteError>(),
    )?;
    let fc = py.get_type::<FieldCountError>();
    fc.setattr("expected", py.None())?;
    fc.setattr("found", py.None())?;
    m.add("FieldCountError", fc)?;
    m.add("TruncatedError", py.get_type::<TruncatedError>())?;
    let mct = py.get_type::<MissingCableTableError>();
    mct.setattr("what", py.None())?;
    m.add("MissingCableTableError", mct)?;
    let mal = py.get_type::<MalformedError>();
    mal.setattr("what", py.None())?;
    m.add("MalformedError", mal)?;
    Ok(())
}

/// An error of one file of a path source: the inner error's exception, naming the file
/// (`OSError.filename`, or `CableParseError.path` and the message).
fn in_file(py: Python<'_>, path: std::path::PathBuf, source: Error, msg: String) -> PyErr {
    let filename = path.to_string_lossy().into_owned();
    match source {
        Error::Io(io) => {
            // A Python exception carried through io::Error stays as it is.
            if io.get_ref().is_some_and(|e| e.is::<PyErr>()) {
                return PyErr::from(io);
            }
            let name = pyo3::types::PyString::new(py, &filename);
            crate::reader::os_error(&io, name.as_any())
        }
        inner => {
            let err = to_pyerr(py, inner);
            let v = err.value(py);
            let _ = v.setattr("path", &filename);
            // The message with the file name, as `Error::InFile` displays it.
            let _ = v.setattr("args", (msg,));
            err
        }
    }
}

/// Convert a [`cablecore::Error`] into the matching Python exception.
pub(crate) fn to_pyerr(py: Python<'_>, e: Error) -> PyErr {
    let msg = e.to_string();
    let (byte, line) = (e.byte_offset(), e.line());
    let err = match e {
        Error::InFile { path, source } => return in_file(py, path, *source, msg),
        Error::Io(io) => return PyErr::from(io),
        Error::InvalidUtf8 { .. } => InvalidUtf8Error::new_err(msg),
        Error::UnterminatedQuote { .. } => UnterminatedQuoteError::new_err(msg),
        Error::FieldCount {
            expected, found, ..
        } => {
            let err = FieldCountError::new_err(msg);
            let v = err.value(py);
            let _ = v.setattr("expected", expected);
            let _ = v.setattr("found", found);
            err
        }
        Error::Truncated { .. } => TruncatedError::new_err(msg),
        Error::MissingCableTable { what, .. } => {
            let err = MissingCableTableError::new_err(msg);
            let _ = err.value(py).setattr("what", what);
            err
        }
        Error::Malformed { what, .. } => {
            let err = MalformedError::new_err(msg);
            let _ = err.value(py).setattr("what", what);
            err
        }
        _ => CableParseError::new_err(msg),
    };
    let v = err.value(py);
    // setattr on a fresh exception instance only fails on memory exhaustion; the
    // exception is still raised then, with the class default None.
    let _ = v.setattr("byte_offset", byte);
    let _ = v.setattr("line", line);
    err
}
