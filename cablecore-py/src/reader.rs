//! Reading containers: opening sources, and `read()` (an iterator of cables). The
//! table readers (`read_columns()`, `read_batches()`) are in `crate::table`.
//!
//! Sources are opened here and read by the container readers of cablecore: a path
//! (file or directory) by `PathReader`, `bytes` and binary file objects by
//! `StreamReader` (a file object through [`PyFileReader`], an `io::Read` that calls the
//! object's `.read()` with the GIL held). Parsing and copying each record out of the
//! reader's buffer (`Cable<'static>`) happen with the GIL released.

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use cablecore::{Cable, Error};
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyModule, PyString};

use crate::cable::PyCable;
use crate::errors::to_pyerr;
use crate::fields::Field;
use cablecore::container::{CableSource, Format, PathReader, StreamReader};

/// What to do with a container error (a cable that cannot be read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorMode {
    /// Raise it (the default); iteration can go on afterwards.
    Raise,
    /// Drop it silently.
    Skip,
    /// Append it to the reader's `errors` list and go on.
    Collect,
}

impl ErrorMode {
    pub(crate) fn parse(s: &str) -> PyResult<Self> {
        match s {
            "raise" => Ok(ErrorMode::Raise),
            "skip" => Ok(ErrorMode::Skip),
            "collect" => Ok(ErrorMode::Collect),
            other => Err(PyValueError::new_err(format!(
                "errors must be 'raise', 'skip' or 'collect', not {other:?}"
            ))),
        }
    }
}

pub(crate) fn parse_format(s: &str) -> PyResult<Format> {
    Format::from_str(s).map_err(|_| {
        PyValueError::new_err(format!(
            "format must be 'auto', 'csv', 'html' or 'text', not {s:?}"
        ))
    })
}

/// An `io::Read` over a Python binary file object: `.read(n)` with the GIL held.
///
/// A Python exception raised by the file object travels inside the `io::Error`
/// and is re-raised unchanged.
struct PyFileReader {
    file: Py<PyAny>,
    /// Bytes a misbehaving `.read(n)` returned beyond `n`, served first next time.
    pending: Vec<u8>,
}

impl Read for PyFileReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if !self.pending.is_empty() {
            let n = self.pending.len().min(buf.len());
            buf[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            return Ok(n);
        }
        Python::attach(|py| -> PyResult<usize> {
            let chunk = self
                .file
                .bind(py)
                .call_method1(intern!(py, "read"), (buf.len(),))?;
            let data: Vec<u8>;
            let bytes: &[u8] = if let Ok(b) = chunk.cast::<PyBytes>() {
                b.as_bytes()
            } else if let Ok(b) = chunk.cast::<PyByteArray>() {
                data = b.to_vec();
                &data
            } else if chunk.is_none() {
                // A non-blocking stream with no data: there is no way to wait here.
                return Err(PyOSError::new_err(
                    "file object returned None from read() (non-blocking stream)",
                ));
            } else if chunk.is_instance_of::<PyString>() {
                return Err(PyTypeError::new_err(
                    "file object must be opened in binary mode ('rb'): read() returned str",
                ));
            } else {
                return Err(PyTypeError::new_err(format!(
                    "file object's read() must return bytes, not {}",
                    chunk.get_type().name()?
                )));
            };
            let n = bytes.len().min(buf.len());
            buf[..n].copy_from_slice(&bytes[..n]);
            self.pending.extend_from_slice(&bytes[n..]);
            Ok(n)
        })
        .map_err(io::Error::from)
    }
}

/// An opened source.
pub(crate) enum Source {
    /// `bytes` or a file object, streamed.
    Stream(Box<StreamReader<Box<dyn Read + Send>>>),
    /// One file, streamed; errors name the file (as `PathReader`'s do).
    File {
        path: PathBuf,
        reader: Box<StreamReader<File>>,
    },
    /// A directory tree, file by file.
    Dir {
        reader: Box<PathReader>,
        /// `after[i]`: bytes of the files after the first `i` files of the walk.
        after: Vec<u64>,
        total: u64,
    },
    /// Exhausted or closed.
    Done,
}

impl Source {
    pub(crate) fn next(&mut self) -> Option<Result<CableSource<'static>, Error>> {
        match self {
            Source::Stream(r) => r.next_cable(),
            Source::File { path, reader } => reader.next_cable().map(|r| {
                r.map_err(|e| Error::InFile {
                    path: path.clone(),
                    source: Box::new(e),
                })
            }),
            Source::Dir { reader, .. } => reader.next(),
            Source::Done => None,
        }
    }

    /// Bytes consumed so far. For a directory this counts whole files: a file counts
    /// as read once it has been opened.
    fn bytes_read(&self) -> Option<u64> {
        match self {
            Source::Stream(r) => Some(r.bytes_read()),
            Source::File { reader, .. } => Some(reader.bytes_read()),
            Source::Dir {
                reader,
                after,
                total,
            } => {
                let opened = after
                    .len()
                    .saturating_sub(1 + reader.remaining_files().len());
                let unread = after.get(opened).copied().unwrap_or(0);
                Some(total.saturating_sub(unread))
            }
            Source::Done => None,
        }
    }
}

/// Whether `e` is an I/O error (possibly inside `InFile`): the stream cannot go on.
pub(crate) fn is_io(e: &Error) -> bool {
    match e {
        Error::Io(_) => true,
        Error::InFile { source, .. } => is_io(source),
        _ => false,
    }
}

/// `OSError(errno, strerror, filename)`, which Python turns into the subclass for the
/// errno (`FileNotFoundError`, `PermissionError`, …).
pub(crate) fn os_error(e: &io::Error, filename: &Bound<'_, PyAny>) -> PyErr {
    let errno = e.raw_os_error().unwrap_or(0);
    let strerror = match e.raw_os_error() {
        Some(code) => io::Error::from_raw_os_error(code).to_string(),
        None => e.to_string(),
    };
    // io::Error's text is "No such file or directory (os error 2)".
    let strerror = strerror
        .split(" (os error")
        .next()
        .unwrap_or_default()
        .to_owned();
    PyOSError::new_err((errno, strerror, filename.clone().unbind()))
}

/// Open a path: one file, or a directory walked by `PathReader`.
fn open_path(source: &Bound<'_, PyAny>, format: Format) -> PyResult<(Source, Option<u64>)> {
    let py = source.py();
    let path: PathBuf = source.extract()?;
    let filename = py
        .import(intern!(py, "os"))?
        .call_method1(intern!(py, "fspath"), (source,))?;
    let meta = std::fs::metadata(&path).map_err(|e| os_error(&e, &filename))?;
    if !meta.is_dir() {
        let file = File::open(&path).map_err(|e| os_error(&e, &filename))?;
        let reader = Box::new(StreamReader::new(file, format));
        return Ok((Source::File { path, reader }, Some(meta.len())));
    }
    let reader = PathReader::open(&path, format).map_err(|e| to_pyerr(py, e))?;
    // Sizes of the files of the walk, for bytes_read.
    let sizes: Vec<u64> = reader
        .remaining_files()
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .collect();
    let mut after = vec![0u64; sizes.len() + 1];
    for i in (0..sizes.len()).rev() {
        after[i] = after[i + 1] + sizes[i];
    }
    let total = after[0];
    Ok((
        Source::Dir {
            reader: Box::new(reader),
            after,
            total,
        },
        Some(total),
    ))
}

/// Bytes left in a file object backed by a regular file (`fstat` size minus `tell()`),
/// or None (pipes, sockets, in-memory streams without `fileno`).
fn remaining_size(file: &Bound<'_, PyAny>) -> Option<u64> {
    let py = file.py();
    let fd = file.call_method0(intern!(py, "fileno")).ok()?;
    let os = py.import(intern!(py, "os")).ok()?;
    let st = os.call_method1(intern!(py, "fstat"), (fd,)).ok()?;
    let mode: u32 = st.getattr(intern!(py, "st_mode")).ok()?.extract().ok()?;
    // S_IFREG: only a regular file has a meaningful size.
    if mode & 0o170000 != 0o100000 {
        return None;
    }
    let size: u64 = st.getattr(intern!(py, "st_size")).ok()?.extract().ok()?;
    let pos: u64 = file
        .call_method0(intern!(py, "tell"))
        .ok()
        .and_then(|p| p.extract().ok())
        .unwrap_or(0);
    Some(size.saturating_sub(pos))
}

/// Open `source` (a path, `bytes`-like, or binary file object). Returns the source and
/// its total size in bytes when known.
pub(crate) fn open_source(
    source: &Bound<'_, PyAny>,
    format: Format,
) -> PyResult<(Source, Option<u64>)> {
    let py = source.py();
    let data: Option<Vec<u8>> = if let Ok(b) = source.cast::<PyBytes>() {
        Some(b.as_bytes().to_vec())
    } else if let Ok(b) = source.cast::<PyByteArray>() {
        Some(b.to_vec())
    } else if source.hasattr(intern!(py, "tobytes"))? && !source.hasattr(intern!(py, "read"))? {
        // memoryview and other buffers
        Some(
            source
                .call_method0(intern!(py, "tobytes"))?
                .cast_into::<PyBytes>()?
                .as_bytes()
                .to_vec(),
        )
    } else {
        None
    };
    if let Some(data) = data {
        let len = data.len() as u64;
        let reader: Box<dyn Read + Send> = Box::new(Cursor::new(data));
        return Ok((
            Source::Stream(Box::new(StreamReader::new(reader, format))),
            Some(len),
        ));
    }
    if source.is_instance_of::<PyString>() || source.hasattr(intern!(py, "__fspath__"))? {
        return open_path(source, format);
    }
    if source.hasattr(intern!(py, "read"))? {
        let total = remaining_size(source);
        let reader: Box<dyn Read + Send> = Box::new(PyFileReader {
            file: source.clone().unbind(),
            pending: Vec::new(),
        });
        return Ok((
            Source::Stream(Box::new(StreamReader::new(reader, format))),
            total,
        ));
    }
    Err(PyTypeError::new_err(format!(
        "source must be a path, bytes or a binary file object, not {}",
        source.get_type().name()?
    )))
}

/// What one step of a reader gives.
enum Step {
    /// A cable, with the recoverable errors found while reading it (collect mode).
    Cable(Box<Cable<'static>>, Vec<Error>),
    /// A container error to raise, with the errors collected before it.
    Fail(Error, Vec<Error>),
    /// The end, with the errors collected before it.
    End(Vec<Error>),
}

/// Advance `src` to the next cable (no GIL needed), applying the error mode.
fn step(src: &mut Source, mode: ErrorMode) -> Step {
    let mut collected = Vec::new();
    loop {
        match src.next() {
            None => return Step::End(collected),
            Some(Ok(mut s)) => {
                let cable = s.parse().into_owned();
                if mode == ErrorMode::Collect {
                    collected.append(&mut s.errors);
                }
                return Step::Cable(Box::new(cable), collected);
            }
            // I/O errors always raise, whatever the mode (a stream ends after one; a
            // directory goes on with its next file).
            Some(Err(e)) if is_io(&e) => return Step::Fail(e, collected),
            Some(Err(e)) => match mode {
                ErrorMode::Raise => return Step::Fail(e, collected),
                ErrorMode::Skip => {}
                ErrorMode::Collect => collected.push(e),
            },
        }
    }
}

fn lock(m: &Mutex<Source>) -> MutexGuard<'_, Source> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// An iterator of ``Cable`` objects read from a container; returned by ``read()``.
///
/// ``errors`` is the list of errors collected with ``errors="collect"`` (each a
/// ``CableParseError``); ``bytes_read`` is how far the reader is into its input and
/// ``total_bytes`` the input's size when known (bytes, a path, a file object on a
/// regular file), for progress bars. ``close()`` (or a
/// ``with`` block) releases the file early.
///
/// >>> import cablecore
/// >>> reader = cablecore.read(b"TAGS: PGOV XX\n", format="text")
/// >>> [type(c).__name__ for c in reader]
/// ['Cable']
/// >>> reader.bytes_read
/// 14
#[pyclass(frozen, module = "cablecore", name = "CableReader")]
pub struct CableReader {
    source: Mutex<Source>,
    mode: ErrorMode,
    errors: Py<PyList>,
    bytes_read: AtomicU64,
    total_bytes: Option<u64>,
}

impl CableReader {
    fn record_errors(&self, py: Python<'_>, errs: Vec<Error>) -> PyResult<()> {
        let list = self.errors.bind(py);
        for e in errs {
            list.append(to_pyerr(py, e).into_value(py))?;
        }
        Ok(())
    }
}

#[pymethods]
impl CableReader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<PyCable>> {
        let (result, bytes) = py.detach(|| {
            let mut src = lock(&self.source);
            let r = step(&mut src, self.mode);
            let bytes = src.bytes_read();
            if matches!(r, Step::End(_)) {
                // Release the input (close the file) as soon as it is exhausted.
                *src = Source::Done;
            }
            (r, bytes)
        });
        if let Some(b) = bytes {
            self.bytes_read.store(b, Ordering::Relaxed);
        }
        match result {
            Step::Cable(cable, errs) => {
                self.record_errors(py, errs)?;
                Ok(Some(PyCable::from(*cable)))
            }
            Step::Fail(e, errs) => {
                self.record_errors(py, errs)?;
                Err(to_pyerr(py, e))
            }
            Step::End(errs) => {
                self.record_errors(py, errs)?;
                Ok(None)
            }
        }
    }

    /// Errors collected with ``errors="collect"`` (``CableParseError`` instances), in order.
    #[getter]
    fn errors(&self, py: Python<'_>) -> Py<PyList> {
        self.errors.clone_ref(py)
    }

    /// Bytes of the input consumed so far.
    #[getter]
    fn bytes_read(&self) -> u64 {
        self.bytes_read.load(Ordering::Relaxed)
    }

    /// Size of the input in bytes (files under a directory added up; for a file object on
    /// a regular file, what is left from its position), or None when unknown.
    #[getter]
    fn total_bytes(&self) -> Option<u64> {
        self.total_bytes
    }

    /// Stop reading and release the input (closes files opened from a path).
    fn close(&self, py: Python<'_>) {
        py.detach(|| *lock(&self.source) = Source::Done);
    }

    fn __enter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&self, py: Python<'_>, _args: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        self.close(py);
        false
    }
}

/// Read cables from a container, lazily, with bounded memory.
///
/// ``source`` is a path (``str`` or ``os.PathLike``; a file, or a directory read
/// recursively in path order), ``bytes``, or a binary file object (read in chunks
/// with ``.read()``). ``format`` is ``"auto"`` (detect from the first bytes), ``"csv"``,
/// ``"html"`` or ``"text"``. ``errors`` decides what a cable that cannot be read
/// becomes: ``"raise"`` raises ``CableParseError`` there (iteration may go on after),
/// ``"skip"`` drops it, ``"collect"`` appends it to the reader's ``errors`` list
/// (together with recoverable problems such as invalid UTF-8). I/O errors always
/// raise (``FileNotFoundError``, ``OSError``, or what the file object raised).
///
/// >>> import cablecore
/// >>> cables = list(cablecore.read(b"TAGS: PGOV XX\n", format="text"))
/// >>> len(cables)
/// 1
#[pyfunction]
#[pyo3(signature = (source, *, format="auto", errors="raise"))]
pub(crate) fn read(source: &Bound<'_, PyAny>, format: &str, errors: &str) -> PyResult<CableReader> {
    let py = source.py();
    let format = parse_format(format)?;
    let mode = ErrorMode::parse(errors)?;
    let (source, total) = open_source(source, format)?;
    Ok(CableReader {
        source: Mutex::new(source),
        mode,
        errors: PyList::empty(py).unbind(),
        bytes_read: AtomicU64::new(0),
        total_bytes: total,
    })
}

/// Names of the fields of a record, with their column kinds, in schema order.
pub(crate) fn fields_table() -> Vec<(&'static str, &'static str)> {
    Field::ALL.iter().map(|f| (f.name(), f.kind())).collect()
}

/// Disables Python's cyclic garbage collector until dropped (if it was enabled).
pub(crate) struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    /// Pause the collector (a no-op when it is already disabled).
    pub(crate) fn new(py: Python<'py>) -> PyResult<Self> {
        let gc = py.import(intern!(py, "gc"))?;
        if gc.call_method0(intern!(py, "isenabled"))?.is_truthy()? {
            gc.call_method0(intern!(py, "disable"))?;
            Ok(GcPause { gc: Some(gc) })
        } else {
            Ok(GcPause { gc: None })
        }
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            // Re-enabling cannot fail short of interpreter shutdown.
            let _ = gc.call_method0(intern!(gc.py(), "enable"));
        }
    }
}
