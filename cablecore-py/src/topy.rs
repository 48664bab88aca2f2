//! Arrow columns → Python objects: the cells of `read_columns` / `read_dataframe`.
//!
//! A [`Converter`] mirrors the [`DataType`] of a column and turns its values into the
//! plain Python form of `Cable.to_dict()`: `str`, `int`, `bool`, `datetime` (UTC-aware
//! for `timestamp[s, UTC]`), `date`, lists and dicts (keys are interned strings made
//! once per column). Short strings go through a per-column cache, so a value that
//! repeats (a tag, a classification, a recipient) is one Python object shared by
//! every cell instead of a new one per cell: less memory, fewer allocations.

use chrono::{DateTime, NaiveDate};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyString};

use crate::arrow::{bit, offset_range, Array, ArrayData, DataType};

/// Strings up to this many bytes go through the column's cache.
const CACHED_LEN: usize = 32;
/// Slots of a column's cache (a power of two).
const CACHE_SLOTS: usize = 1024;
/// Lookups after which a cache that hit less than one time in [`MIN_HIT_RATE`] is
/// switched off (a column of distinct values: ids, raw dates).
const CACHE_TRIAL: u32 = 4096;
/// See [`CACHE_TRIAL`].
const MIN_HIT_RATE: u32 = 8;

/// One slot of a [`StrCache`]: a string's bytes (inline) and its Python object.
struct Slot {
    len: u8,
    bytes: [u8; CACHED_LEN],
    string: Py<PyString>,
}

/// Python strings of the short values of one column: a direct-mapped cache (a slot
/// per hash, the last string that hashed there), so a repeated value (a tag, a
/// classification, a recipient) is one Python object shared by every cell.
#[derive(Default)]
pub(crate) struct StrCache {
    slots: Vec<Option<Slot>>,
    lookups: u32,
    hits: u32,
    off: bool,
}

/// Hash of a short string: its length and first and last (up to) 8 bytes.
#[inline]
fn short_hash(bytes: &[u8]) -> usize {
    let word = |b: &[u8]| {
        let mut w = [0u8; 8];
        let n = b.len().min(8);
        w[..n].copy_from_slice(&b[..n]);
        u64::from_le_bytes(w)
    };
    let head = word(bytes);
    let tail = word(&bytes[bytes.len().saturating_sub(8)..]);
    let h = (head ^ tail.rotate_left(29) ^ (bytes.len() as u64).rotate_left(58))
        .wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 40) as usize
}

impl StrCache {
    /// The Python string of `bytes` (shared with an earlier equal value when cached).
    fn get<'py>(&mut self, py: Python<'py>, bytes: &[u8]) -> PyResult<Bound<'py, PyAny>> {
        if self.off || bytes.len() > CACHED_LEN {
            return py_str(py, bytes);
        }
        if self.slots.is_empty() {
            self.slots.resize_with(CACHE_SLOTS, || None);
        }
        let i = short_hash(bytes) & (CACHE_SLOTS - 1);
        self.lookups += 1;
        if let Some(Some(slot)) = self.slots.get(i) {
            if slot.bytes.get(..usize::from(slot.len)) == Some(bytes) {
                self.hits += 1;
                return Ok(slot.string.bind(py).clone().into_any());
            }
        }
        let s = py_str(py, bytes)?;
        if self.lookups == CACHE_TRIAL && self.hits < CACHE_TRIAL / MIN_HIT_RATE {
            self.off = true;
            self.slots = Vec::new();
            return Ok(s);
        }
        let mut inline = [0u8; CACHED_LEN];
        inline[..bytes.len()].copy_from_slice(bytes);
        if let Some(slot) = self.slots.get_mut(i) {
            *slot = Some(Slot {
                // CACHED_LEN fits a u8.
                len: bytes.len() as u8,
                bytes: inline,
                string: s.clone().cast_into::<PyString>()?.unbind(),
            });
        }
        Ok(s)
    }
}

/// A Python `str` from UTF-8 bytes (decoded, and so checked, by Python).
fn py_str<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let len = isize::try_from(bytes.len())
        .map_err(|_| PyRuntimeError::new_err("string longer than isize::MAX"))?;
    // SAFETY: `bytes` is valid for `len` bytes; PyUnicode_FromStringAndSize copies them
    // and returns a new reference, or null with an exception set (bad UTF-8, no memory).
    unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            pyo3::ffi::PyUnicode_FromStringAndSize(bytes.as_ptr().cast(), len),
        )
    }
}

/// A list of `len` items made by `item(0..len)`, allocated at its final length.
fn new_list<'py>(
    py: Python<'py>,
    len: usize,
    mut item: impl FnMut(usize) -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let n = isize::try_from(len).map_err(|_| PyRuntimeError::new_err("list too long"))?;
    // SAFETY: PyList_New returns a new reference (or null with an exception set) to a
    // list of `n` empty (null) slots; each slot is set exactly once by PyList_SetItem,
    // which steals the item's reference. A list left with empty slots by an error is
    // still valid to free (its deallocator skips null items).
    unsafe {
        let list = Bound::from_owned_ptr_or_err(py, pyo3::ffi::PyList_New(n))?;
        for k in 0..len {
            let value = item(k)?;
            // k < len = n fits isize.
            if pyo3::ffi::PyList_SetItem(list.as_ptr(), k as isize, value.into_ptr()) != 0 {
                return Err(PyErr::fetch(py));
            }
        }
        Ok(list)
    }
}

/// The error for arrays that do not have the shape of their type (a bug).
fn mismatch() -> PyErr {
    PyRuntimeError::new_err("cablecore: an Arrow column does not match its type (a bug)")
}

/// Turns the values of a column of one [`DataType`] into Python objects.
pub(crate) enum Converter {
    /// `utf8` → `str`.
    Str(StrCache),
    /// `int64` → `int`.
    Int,
    /// `bool` → `bool`.
    Bool,
    /// `timestamp[s]` → `datetime` (with `tzinfo=UTC` when `utc`).
    Timestamp {
        /// Whether the values are UTC-aware.
        utc: bool,
    },
    /// `date32` → `date`.
    Date,
    /// `list` → `list`.
    List(Box<Converter>),
    /// `struct` → `dict` with these keys.
    Struct(Vec<(Py<PyString>, Converter)>),
}

impl Converter {
    /// The converter of a column of type `dt`.
    pub(crate) fn new(py: Python<'_>, dt: &DataType) -> Converter {
        match dt {
            DataType::Utf8 => Converter::Str(StrCache::default()),
            DataType::Int64 => Converter::Int,
            DataType::Bool => Converter::Bool,
            DataType::Timestamp { utc } => Converter::Timestamp { utc: *utc },
            DataType::Date32 => Converter::Date,
            DataType::List(item) => Converter::List(Box::new(Converter::new(py, item))),
            DataType::Struct(fields) => Converter::Struct(
                fields
                    .iter()
                    .map(|(name, t)| (PyString::intern(py, name).unbind(), Converter::new(py, t)))
                    .collect(),
            ),
        }
    }

    /// Value `i` of `a` (`None` when null).
    pub(crate) fn value<'py>(
        &mut self,
        py: Python<'py>,
        a: &Array,
        i: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        if !a.is_valid(i) {
            return Ok(py.None().into_bound(py));
        }
        match (self, &a.data) {
            (Converter::Str(cache), ArrayData::Utf8 { offsets, values }) => {
                let bytes = offset_range(offsets, i)
                    .and_then(|r| values.get(r))
                    .ok_or_else(mismatch)?;
                cache.get(py, bytes)
            }
            (Converter::Int, ArrayData::Int64(v)) => {
                Ok(v.get(i).ok_or_else(mismatch)?.into_pyobject(py)?.into_any())
            }
            (Converter::Bool, ArrayData::Bool(bits)) => {
                Ok(PyBool::new(py, bit(bits, i)).to_owned().into_any())
            }
            (Converter::Timestamp { utc }, ArrayData::Timestamp(v)) => {
                let secs = *v.get(i).ok_or_else(mismatch)?;
                let t = DateTime::from_timestamp(secs, 0).ok_or_else(|| {
                    PyRuntimeError::new_err(format!("timestamp out of range: {secs}"))
                })?;
                if *utc {
                    Ok(t.into_pyobject(py)?.into_any())
                } else {
                    Ok(t.naive_utc().into_pyobject(py)?.into_any())
                }
            }
            (Converter::Date, ArrayData::Date32(v)) => {
                let days = *v.get(i).ok_or_else(mismatch)?;
                let d = NaiveDate::from_num_days_from_ce_opt(days.saturating_add(UNIX_EPOCH_CE))
                    .ok_or_else(|| PyRuntimeError::new_err(format!("date out of range: {days}")))?;
                Ok(d.into_pyobject(py)?.into_any())
            }
            (Converter::List(conv), ArrayData::List { offsets, item }) => {
                let range = offset_range(offsets, i).ok_or_else(mismatch)?;
                new_list(py, range.len(), |k| conv.value(py, item, range.start + k))
            }
            (Converter::Struct(fields), ArrayData::Struct(children)) => {
                let d = PyDict::new(py);
                if fields.len() != children.len() {
                    return Err(mismatch());
                }
                for ((key, conv), (_, child)) in fields.iter_mut().zip(children) {
                    d.set_item(key.bind(py), conv.value(py, child, i)?)?;
                }
                Ok(d.into_any())
            }
            _ => Err(mismatch()),
        }
    }
}

/// Days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
const UNIX_EPOCH_CE: i32 = 719_163;
