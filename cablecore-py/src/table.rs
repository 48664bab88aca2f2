//! Tables: `read_columns()` (Python lists, for `read_dataframe`) and `read_batches()`
//! (Arrow record batches, for `read_arrow`, polars, DuckDB …).
//!
//! Both read the container in batches ([`Batches`]): the cables of a batch are parsed
//! on worker threads without the GIL, and each record's fields go straight from the
//! parsed (borrowed) record into the batch's Arrow columns; the records are dropped
//! right after, so memory holds a few batches, never an owned copy of the table.
//!
//! - `read_batches()` hands the batches to Arrow consumers without a copy, through the
//!   C data interface (`__arrow_c_array__` per batch, `__arrow_c_stream__` for all);
//! - `read_columns()` turns each batch into Python objects on the calling thread while
//!   a worker thread parses the next batches (the GIL is held only for the
//!   conversion), and returns one list per column.

use std::collections::VecDeque;
use std::ffi::CString;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use cablecore::container::CableSource;
use cablecore::Error;
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::panic::PanicException;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyCapsule, PyDict, PyList, PyTuple};

use crate::arrow::{export_batch, export_schema, export_stream, ArrayData, Batch, BatchSource};
use crate::arrow::{Array, DataType};
use crate::errors::to_pyerr;
use crate::fields::{ColumnBuilder, Field};
use crate::reader::{is_io, open_source, parse_format, ErrorMode, GcPause, Source};
use crate::topy::Converter;

/// Cables per batch of `read_columns` (a batch per parsing thread at a time).
const COLUMNS_BATCH: usize = 256;
/// A batch also ends once its cables span this many bytes of input, so that its text
/// stays far below the 2 GiB an Arrow `utf8` column (`i32` offsets) can hold.
const MAX_BATCH_BYTES: u64 = 64 << 20;
/// Parsed batches `read_columns` lets wait for conversion.
const QUEUE: usize = 2;

/// Why a batch could not be made.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// The container reader failed (`errors="raise"`, or an I/O error).
    Cable(Error),
    /// A column of the batch outgrew Arrow's `i32` offsets.
    TooLarge,
    /// A parsing thread panicked (a bug in the engine).
    Panic,
}

impl ReadError {
    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self {
            ReadError::Cable(e) => to_pyerr(py, e),
            ReadError::TooLarge => PyValueError::new_err(ReadError::TooLarge.to_string()),
            ReadError::Panic => PanicException::new_err(ReadError::Panic.to_string()),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Cable(e) => write!(f, "{e}"),
            ReadError::TooLarge => f.write_str(
                "a cable's text does not fit an Arrow string column (over 2 GiB in one batch)",
            ),
            ReadError::Panic => f.write_str("cablecore panicked while parsing (a bug)"),
        }
    }
}

/// Parse `sources` and build their batch of `fields` columns.
fn build_batch(fields: &[Field], sources: &[CableSource<'static>]) -> Result<Batch, ReadError> {
    let mut columns: Vec<ColumnBuilder> = fields.iter().map(|&f| ColumnBuilder::new(f)).collect();
    for s in sources {
        let cable = s.parse();
        for c in &mut columns {
            c.push(&cable);
        }
    }
    if columns.iter().any(ColumnBuilder::overflowed) {
        return Err(ReadError::TooLarge);
    }
    Ok(Batch {
        rows: sources.len(),
        columns: columns.into_iter().map(ColumnBuilder::finish).collect(),
    })
}

/// The batches of a container, in input order. Each refill reads one chunk of cables
/// per thread and parses the chunks in parallel (the engine is single-threaded and
/// `Send`); no GIL is needed (except by a Python file object's `read`, which takes it).
pub(crate) struct Batches {
    src: Source,
    fields: Vec<Field>,
    mode: ErrorMode,
    batch_size: usize,
    threads: usize,
    ready: VecDeque<Result<Batch, ReadError>>,
    done: bool,
}

impl Batches {
    fn new(src: Source, fields: Vec<Field>, mode: ErrorMode, batch_size: usize) -> Batches {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        Batches {
            src,
            fields,
            mode,
            batch_size: batch_size.max(1),
            threads,
            ready: VecDeque::new(),
            done: false,
        }
    }

    /// The next batch; an error ends the batches.
    pub(crate) fn next(&mut self) -> Option<Result<Batch, ReadError>> {
        if self.ready.is_empty() && !self.done {
            self.fill();
        }
        let next = self.ready.pop_front();
        if matches!(next, Some(Err(_))) {
            self.ready.clear();
            self.done = true;
        }
        next
    }

    /// Read the next chunk of cables (up to `batch_size`, or [`MAX_BATCH_BYTES`] of
    /// input); sets `done` at the end of the input or on a failure, returned with it.
    fn read_chunk(&mut self) -> (Vec<CableSource<'static>>, Option<ReadError>) {
        let mut chunk = Vec::with_capacity(self.batch_size);
        let mut bytes = 0u64;
        while chunk.len() < self.batch_size && bytes < MAX_BATCH_BYTES {
            match self.src.next() {
                None => {
                    self.done = true;
                    break;
                }
                Some(Ok(s)) => {
                    bytes += s.span.end.saturating_sub(s.span.start);
                    chunk.push(s);
                }
                // I/O errors end the input whatever the mode.
                Some(Err(e)) if is_io(&e) || self.mode == ErrorMode::Raise => {
                    self.done = true;
                    return (chunk, Some(ReadError::Cable(e)));
                }
                Some(Err(_)) => {}
            }
        }
        (chunk, None)
    }

    /// Read up to one chunk per thread and parse them: each chunk but the last is
    /// handed to a thread as soon as it is read (its parsing overlaps the reading of
    /// the next one); the last is parsed on this thread.
    fn fill(&mut self) {
        let fields = self.fields.clone();
        let fields = &fields[..];
        // The chunks outlive the threads that parse them.
        let chunks: Vec<OnceLock<Vec<CableSource<'static>>>> =
            (0..self.threads).map(|_| OnceLock::new()).collect();
        let mut failure = None;
        let built: Vec<Result<Batch, ReadError>> = std::thread::scope(|scope| {
            let mut pending = Vec::with_capacity(self.threads);
            for (i, slot) in chunks.iter().enumerate() {
                if self.done {
                    break;
                }
                let (chunk, error) = self.read_chunk();
                failure = error;
                if chunk.is_empty() {
                    break;
                }
                let chunk = slot.get_or_init(|| chunk);
                if i + 1 == self.threads || self.done {
                    pending.push(Pending::Built(build_batch(fields, chunk)));
                    break;
                }
                // A chunk whose thread cannot be started is parsed here.
                pending.push(
                    match std::thread::Builder::new()
                        .name("cablecore-parse".to_owned())
                        .spawn_scoped(scope, move || build_batch(fields, chunk))
                    {
                        Ok(thread) => Pending::Thread(thread),
                        Err(_) => Pending::Built(build_batch(fields, chunk)),
                    },
                );
            }
            pending
                .into_iter()
                .map(|p| match p {
                    Pending::Thread(thread) => thread.join().unwrap_or(Err(ReadError::Panic)),
                    Pending::Built(batch) => batch,
                })
                .collect()
        });
        if self.done {
            // Release the input (close the file) as soon as it is exhausted.
            self.src = Source::Done;
        }
        self.ready.extend(built);
        if let Some(e) = failure {
            self.ready.push_back(Err(e));
        }
    }
}

/// A chunk being parsed on its thread, or already parsed.
enum Pending<'scope> {
    Thread(std::thread::ScopedJoinHandle<'scope, Result<Batch, ReadError>>),
    Built(Result<Batch, ReadError>),
}

impl BatchSource for Batches {
    fn next_batch(&mut self) -> Result<Option<Batch>, String> {
        self.next().transpose().map_err(|e| e.to_string())
    }
}

/// Parse the table arguments shared by `read_columns` and `read_batches`.
fn table_args(columns: Option<Vec<String>>, errors: &str) -> PyResult<(Vec<Field>, ErrorMode)> {
    let mode = match ErrorMode::parse(errors)? {
        ErrorMode::Collect => {
            return Err(PyValueError::new_err(
                "errors must be 'raise' or 'skip' for a table",
            ))
        }
        m => m,
    };
    let fields = match columns {
        None => Field::ALL.to_vec(),
        Some(names) => names
            .iter()
            .map(|n| {
                Field::from_name(n).ok_or_else(|| {
                    PyValueError::new_err(format!(
                        "unknown column {n:?}; columns are the fields of Cable: {}",
                        Field::ALL
                            .iter()
                            .map(|f| f.name())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })
            })
            .collect::<PyResult<_>>()?,
    };
    Ok((fields, mode))
}

/// Where `read_columns` collects one column.
enum Sink {
    /// Python objects, one per cable.
    Objects {
        conv: Converter,
        values: Vec<Py<PyAny>>,
    },
    /// `timestamp` values as native-endian `i64` seconds (`i64::MIN` for null).
    Seconds(Vec<u8>),
}

impl Sink {
    fn new(py: Python<'_>, field: Field, epoch_seconds: bool) -> Sink {
        let dt = field.data_type();
        match dt {
            DataType::Timestamp { .. } if epoch_seconds => Sink::Seconds(Vec::new()),
            dt => Sink::Objects {
                conv: Converter::new(py, &dt),
                values: Vec::new(),
            },
        }
    }

    /// Append the values of a batch's column.
    fn extend(&mut self, py: Python<'_>, a: &Array) -> PyResult<()> {
        match self {
            Sink::Objects { conv, values } => {
                values.reserve(a.len);
                for i in 0..a.len {
                    values.push(conv.value(py, a, i)?.unbind());
                }
            }
            Sink::Seconds(out) => {
                let ArrayData::Timestamp(v) = &a.data else {
                    return Err(PyRuntimeError::new_err(
                        "cablecore: a timestamp column holds other values (a bug)",
                    ));
                };
                out.reserve(8 * a.len);
                for i in 0..a.len {
                    let s = match v.get(i) {
                        Some(&s) if a.is_valid(i) => s,
                        _ => i64::MIN,
                    };
                    out.extend_from_slice(&s.to_ne_bytes());
                }
            }
        }
        Ok(())
    }

    fn finish(self, py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        match self {
            Sink::Objects { values, .. } => Ok(PyList::new(py, values)?.into_any()),
            Sink::Seconds(out) => Ok(PyBytes::new(py, &out).into_any()),
        }
    }
}

/// Read a container into columns: ``{field name: [value per cable]}``.
///
/// The building block of ``read_dataframe()``: cables are read and parsed in batches
/// on worker threads without the GIL, and each batch's requested fields become Python
/// objects (the plain values of ``Cable.to_dict()``; equal short strings are one
/// shared object) while the next batches are parsed. No ``Cable`` object is made.
/// ``errors`` is ``"raise"`` or ``"skip"``. With ``epoch_seconds=True`` the
/// ``datetime`` and ``datetime_utc`` columns are ``bytes`` of native-endian int64
/// seconds since the Unix epoch (``-2**63``, numpy's NaT, when missing), for
/// ``numpy.frombuffer``.
///
/// >>> import cablecore._cablecore as _c
/// >>> _c.read_columns(b"TAGS: PGOV XX\n", columns=["tags"], format="text")
/// {'tags': [['PGOV', 'XX']]}
#[pyfunction]
#[pyo3(signature = (source, *, columns=None, format="auto", errors="raise", epoch_seconds=false))]
pub(crate) fn read_columns<'py>(
    source: &Bound<'py, PyAny>,
    columns: Option<Vec<String>>,
    format: &str,
    errors: &str,
    epoch_seconds: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let py = source.py();
    let format = parse_format(format)?;
    let (fields, mode) = table_args(columns, errors)?;
    let (src, _) = open_source(source, format)?;
    let mut batches = Batches::new(src, fields.clone(), mode, COLUMNS_BATCH);
    let mut sinks: Vec<Sink> = fields
        .iter()
        .map(|&f| Sink::new(py, f, epoch_seconds))
        .collect();
    // Building millions of lists and dicts would trigger the cyclic GC over and over;
    // none of them can form a cycle, so pause it.
    let _paused = GcPause::new(py)?;
    py.detach(|| {
        std::thread::scope(|scope| -> PyResult<()> {
            let (tx, rx) = std::sync::mpsc::sync_channel(QUEUE);
            // The producer stops when the batches end or the receiver is gone (an
            // error while converting).
            std::thread::Builder::new()
                .name("cablecore-read".to_owned())
                .spawn_scoped(scope, move || {
                    while let Some(next) = batches.next() {
                        let last = next.is_err();
                        if tx.send(next).is_err() || last {
                            break;
                        }
                    }
                })
                .map_err(|e| PyOSError::new_err(format!("cannot start a thread: {e}")))?;
            for next in rx {
                Python::attach(|py| -> PyResult<()> {
                    // Ctrl-C stops the read between batches.
                    py.check_signals()?;
                    let batch = next.map_err(|e| e.into_pyerr(py))?;
                    for (sink, column) in sinks.iter_mut().zip(&batch.columns) {
                        sink.extend(py, column)?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })
    })?;
    let out = PyDict::new(py);
    for (f, sink) in fields.iter().zip(sinks) {
        out.set_item(f.name(), sink.finish(py)?)?;
    }
    Ok(out)
}

/// The `(name, type)` of the columns of `fields`.
fn schema_of(fields: &[Field]) -> Arc<[(&'static str, DataType)]> {
    fields.iter().map(|&f| (f.name(), f.data_type())).collect()
}

/// An `arrow_schema` PyCapsule of a record batch with these columns.
fn schema_capsule<'py>(
    py: Python<'py>,
    columns: &[(&'static str, DataType)],
) -> PyResult<Bound<'py, PyCapsule>> {
    PyCapsule::new(
        py,
        export_schema(columns),
        Some(CString::from(c"arrow_schema")),
    )
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A stream of Arrow record batches of cables; returned by ``read_batches()``.
///
/// Iterate it for ``ArrowBatch`` objects, or hand it whole to any Arrow consumer
/// through the Arrow PyCapsule interface (``__arrow_c_stream__``):
/// ``pyarrow.table(stream)``, ``pyarrow.RecordBatchReader.from_stream(stream)``,
/// ``polars.DataFrame(stream)``, DuckDB … The stream is read once: batches are parsed
/// when asked for, so memory holds a batch, not the file. Exporting it with
/// ``__arrow_c_stream__`` hands the rest of the stream to the consumer (a second export
/// raises). Errors met while a consumer reads it arrive as the consumer's I/O error
/// carrying the message; iterate it to get ``CableParseError`` itself.
///
/// >>> import cablecore
/// >>> stream = cablecore.read_batches(b"TAGS: PGOV XX\n", columns=["tags"], format="text")
/// >>> stream.column_names
/// ['tags']
/// >>> [batch.num_rows for batch in stream]
/// [1]
#[pyclass(frozen, module = "cablecore", name = "ArrowStream")]
pub struct ArrowStream {
    batches: Mutex<Option<Batches>>,
    columns: Arc<[(&'static str, DataType)]>,
}

#[pymethods]
impl ArrowStream {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<ArrowBatch>> {
        let next = py.detach(|| {
            let mut batches = lock(&self.batches);
            let next = batches.as_mut().and_then(Batches::next);
            if next.is_none() {
                *batches = None;
            }
            next
        });
        match next {
            None => Ok(None),
            Some(Ok(batch)) => Ok(Some(ArrowBatch {
                batch: Arc::new(batch),
                columns: Arc::clone(&self.columns),
            })),
            Some(Err(e)) => Err(e.into_pyerr(py)),
        }
    }

    /// Names of the columns, in order.
    #[getter]
    fn column_names(&self) -> Vec<&'static str> {
        self.columns.iter().map(|(n, _)| *n).collect()
    }

    /// The schema, as an ``arrow_schema`` PyCapsule (``pyarrow.schema(stream)``).
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        schema_capsule(py, &self.columns)
    }

    /// The rest of the stream, as an ``arrow_array_stream`` PyCapsule.
    /// ``requested_schema`` is ignored (the stream has one schema).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let batches = py
            .detach(|| lock(&self.batches).take())
            .ok_or_else(|| PyValueError::new_err("the stream was already read or exported"))?;
        let stream = export_stream(Box::new(batches), self.columns.to_vec());
        PyCapsule::new(py, stream, Some(CString::from(c"arrow_array_stream")))
    }

    /// Stop reading and release the input.
    fn close(&self, py: Python<'_>) {
        let batches = py.detach(|| lock(&self.batches).take());
        drop(batches);
    }

    fn __enter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&self, py: Python<'_>, _args: &Bound<'_, PyTuple>) -> bool {
        self.close(py);
        false
    }
}

/// One Arrow record batch of cables (an item of ``ArrowStream``).
///
/// Its buffers live in Rust; ``pyarrow.record_batch(batch)`` (or any consumer of
/// ``__arrow_c_array__``) uses them without a copy.
#[pyclass(frozen, module = "cablecore", name = "ArrowBatch")]
pub struct ArrowBatch {
    batch: Arc<Batch>,
    columns: Arc<[(&'static str, DataType)]>,
}

#[pymethods]
impl ArrowBatch {
    /// Number of rows (cables).
    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.rows
    }

    fn __len__(&self) -> usize {
        self.batch.rows
    }

    /// Names of the columns, in order.
    #[getter]
    fn column_names(&self) -> Vec<&'static str> {
        self.columns.iter().map(|(n, _)| *n).collect()
    }

    /// The schema, as an ``arrow_schema`` PyCapsule.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        schema_capsule(py, &self.columns)
    }

    /// ``(arrow_schema, arrow_array)`` PyCapsules of the batch (a struct array).
    /// ``requested_schema`` is ignored.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<(Bound<'py, PyCapsule>, Bound<'py, PyCapsule>)> {
        let _ = requested_schema;
        let array = PyCapsule::new(
            py,
            export_batch(&self.batch),
            Some(CString::from(c"arrow_array")),
        )?;
        Ok((schema_capsule(py, &self.columns)?, array))
    }
}

/// Read a container as a stream of Arrow record batches (``ArrowStream``).
///
/// The columns are those of ``read_arrow()`` (the fields of ``Cable``, or the
/// ``columns`` asked for) with the same Arrow types; each batch holds up to
/// ``batch_size`` cables. Cables are parsed batch by batch on worker threads without
/// the GIL, straight into Arrow buffers: no Python object is made per cable or value,
/// and pyarrow is not needed (polars and DuckDB read the stream directly). ``errors``
/// is ``"raise"`` (the error ends the stream) or ``"skip"``.
///
/// >>> import cablecore
/// >>> stream = cablecore.read_batches(b"TAGS: PGOV XX\n", format="text")
/// >>> len(stream.column_names)
/// 54
#[pyfunction]
#[pyo3(signature = (source, *, columns=None, format="auto", errors="raise", batch_size=1024))]
pub(crate) fn read_batches(
    source: &Bound<'_, PyAny>,
    columns: Option<Vec<String>>,
    format: &str,
    errors: &str,
    batch_size: usize,
) -> PyResult<ArrowStream> {
    let format = parse_format(format)?;
    let (fields, mode) = table_args(columns, errors)?;
    if batch_size == 0 {
        return Err(PyValueError::new_err("batch_size must be at least 1"));
    }
    let (src, _) = open_source(source, format)?;
    let columns = schema_of(&fields);
    Ok(ArrowStream {
        batches: Mutex::new(Some(Batches::new(src, fields, mode, batch_size))),
        columns,
    })
}
