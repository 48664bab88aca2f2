//! Arrow columns built in Rust, and their export through the Arrow C data interface.
//!
//! A batch of cables becomes one [`Array`] per column, built by typed [`Builder`]s
//! straight from the borrowed records of the batch (no owned copy of a record, no
//! Python object). The arrays use the Arrow memory layout (validity bitmaps, `i32`
//! offsets, little-endian values on the platforms Python runs on), so they are handed
//! to pyarrow, polars, DuckDB … without a copy through the
//! [Arrow C data interface](https://arrow.apache.org/docs/format/CDataInterface.html):
//! [`export_schema`], [`export_batch`] and [`export_stream`] fill the `ArrowSchema`,
//! `ArrowArray` and `ArrowArrayStream` structs of the specification, whose release
//! callbacks free the Rust buffers. `read_dataframe` converts the same arrays to
//! Python objects (`crate::topy`).
//!
//! Only the types of the record are supported: `utf8`, `int64`, `bool`,
//! `timestamp[s]` (naive or UTC), `date32`, `list<…>` and `struct<…>`; every field
//! is nullable, as in the pyarrow schema of `cablecore._arrow_types()`.

use std::ffi::{c_char, c_int, c_void, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::sync::Arc;

// ---------------------------------------------------------------------- types

/// The Arrow type of a column (the subset the record needs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DataType {
    /// `utf8` (`i32` offsets).
    Utf8,
    /// `int64`.
    Int64,
    /// `bool` (bit-packed).
    Bool,
    /// `timestamp[s]`, with `tz="UTC"` when `utc`.
    Timestamp {
        /// Whether the timestamps are UTC-aware.
        utc: bool,
    },
    /// `date32` (days since 1970-01-01).
    Date32,
    /// `list<item: …>`.
    List(Box<DataType>),
    /// `struct<…>` with named children.
    Struct(Vec<(&'static str, DataType)>),
}

impl DataType {
    /// The format string of the C data interface.
    fn format(&self) -> &'static str {
        match self {
            DataType::Utf8 => "u",
            DataType::Int64 => "l",
            DataType::Bool => "b",
            DataType::Timestamp { utc: false } => "tss:",
            DataType::Timestamp { utc: true } => "tss:UTC",
            DataType::Date32 => "tdD",
            DataType::List(_) => "+l",
            DataType::Struct(_) => "+s",
        }
    }
}

// --------------------------------------------------------------------- arrays

/// One finished column of a batch, in the Arrow layout.
#[derive(Debug)]
pub(crate) struct Array {
    /// Number of values.
    pub(crate) len: usize,
    /// Number of nulls.
    pub(crate) nulls: usize,
    /// Validity bitmap (bit `i` set = value `i` present); `None` when there are no nulls.
    pub(crate) validity: Option<Vec<u8>>,
    /// The values.
    pub(crate) data: ArrayData,
}

/// The buffers (and children) of an [`Array`], by type.
#[derive(Debug)]
pub(crate) enum ArrayData {
    /// `utf8`: value `i` is `values[offsets[i]..offsets[i + 1]]`.
    Utf8 {
        /// `len + 1` offsets into `values`.
        offsets: Vec<i32>,
        /// The UTF-8 bytes of all values.
        values: Vec<u8>,
    },
    /// `int64`.
    Int64(Vec<i64>),
    /// `bool`, bit-packed like the validity bitmap.
    Bool(Vec<u8>),
    /// `timestamp[s]`: seconds since the Unix epoch.
    Timestamp(Vec<i64>),
    /// `date32`: days since 1970-01-01.
    Date32(Vec<i32>),
    /// `list`: the items of value `i` are `item[offsets[i]..offsets[i + 1]]`.
    List {
        /// `len + 1` offsets into `item`.
        offsets: Vec<i32>,
        /// All items.
        item: Box<Array>,
    },
    /// `struct`: one child array per field, each of the struct's length.
    Struct(Vec<(&'static str, Array)>),
}

impl Array {
    /// Whether value `i` is present (not null).
    #[inline]
    pub(crate) fn is_valid(&self, i: usize) -> bool {
        match &self.validity {
            None => true,
            Some(bits) => bit(bits, i),
        }
    }
}

/// Bit `i` of a bitmap (LSB first, as Arrow has it); out of range reads as unset.
#[inline]
pub(crate) fn bit(bits: &[u8], i: usize) -> bool {
    bits.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1)
}

/// `offsets[i]..offsets[i + 1]` as a range of `usize`, or `None` when out of range.
#[inline]
pub(crate) fn offset_range(offsets: &[i32], i: usize) -> Option<std::ops::Range<usize>> {
    let start = usize::try_from(*offsets.get(i)?).ok()?;
    let end = usize::try_from(*offsets.get(i + 1)?).ok()?;
    (start <= end).then_some(start..end)
}

/// One batch of cables: a column per requested field, all of `rows` values.
#[derive(Debug)]
pub(crate) struct Batch {
    /// Number of cables.
    pub(crate) rows: usize,
    /// The columns, in the order of the requested fields.
    pub(crate) columns: Vec<Array>,
}

// ------------------------------------------------------------------- builders

/// Appends values of one Arrow type and finishes them into an [`Array`].
pub(crate) trait Builder: Default + Send {
    /// The Arrow type of what this builder makes.
    fn data_type() -> DataType;
    /// Append a null.
    fn push_null(&mut self);
    /// Number of values appended.
    fn len(&self) -> usize;
    /// Whether a value did not fit the `i32` offsets (more than 2 GiB of text or 2^31
    /// items in one batch); it was stored as null, and the batch must be rejected.
    fn overflowed(&self) -> bool {
        false
    }
    /// The finished column.
    fn finish(self) -> Array;
}

/// A growable bitmap: validity, or the values of a `bool` column.
#[derive(Debug, Default)]
pub(crate) struct Bits {
    bits: Vec<u8>,
    len: usize,
    unset: usize,
}

impl Bits {
    /// Append one bit.
    #[inline]
    pub(crate) fn push(&mut self, set: bool) {
        let shift = self.len % 8;
        if shift == 0 {
            self.bits.push(0);
        }
        if set {
            if let Some(last) = self.bits.last_mut() {
                *last |= 1 << shift;
            }
        } else {
            self.unset += 1;
        }
        self.len += 1;
    }

    /// Number of bits.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The bitmap as validity: `(bitmap or None when all set, number unset)`.
    fn into_validity(self) -> (Option<Vec<u8>>, usize) {
        if self.unset == 0 {
            (None, 0)
        } else {
            (Some(shrunk(self.bits)), self.unset)
        }
    }
}

/// `v` without spare capacity (a batch is kept whole by its consumer).
fn shrunk<T>(mut v: Vec<T>) -> Vec<T> {
    v.shrink_to_fit();
    v
}

/// Builds a `utf8` column.
#[derive(Debug)]
pub(crate) struct Utf8Builder {
    validity: Bits,
    offsets: Vec<i32>,
    values: Vec<u8>,
    overflow: bool,
}

impl Default for Utf8Builder {
    fn default() -> Self {
        Utf8Builder {
            validity: Bits::default(),
            offsets: vec![0],
            values: Vec::new(),
            overflow: false,
        }
    }
}

impl Utf8Builder {
    /// Append a string.
    #[inline]
    pub(crate) fn push(&mut self, s: &str) {
        match i32::try_from(self.values.len() + s.len()) {
            Ok(end) => {
                self.values.extend_from_slice(s.as_bytes());
                self.offsets.push(end);
                self.validity.push(true);
            }
            Err(_) => {
                self.overflow = true;
                self.push_null();
            }
        }
    }
}

impl Builder for Utf8Builder {
    fn data_type() -> DataType {
        DataType::Utf8
    }
    fn push_null(&mut self) {
        let end = self.offsets.last().copied().unwrap_or(0);
        self.offsets.push(end);
        self.validity.push(false);
    }
    fn len(&self) -> usize {
        self.validity.len()
    }
    fn overflowed(&self) -> bool {
        self.overflow
    }
    fn finish(self) -> Array {
        let len = self.validity.len();
        let (validity, nulls) = self.validity.into_validity();
        Array {
            len,
            nulls,
            validity,
            data: ArrayData::Utf8 {
                offsets: shrunk(self.offsets),
                values: shrunk(self.values),
            },
        }
    }
}

/// A fixed-width column type: its value type, Arrow type and buffer.
pub(crate) trait Primitive: Send + 'static {
    /// The value as stored in the buffer.
    type Value: Copy + Default + Send + std::fmt::Debug;
    /// The Arrow type.
    fn data_type() -> DataType;
    /// The values as an array's data.
    fn data(values: Vec<Self::Value>) -> ArrayData;
}

/// `int64`.
#[derive(Debug)]
pub(crate) enum Int64 {}

impl Primitive for Int64 {
    type Value = i64;
    fn data_type() -> DataType {
        DataType::Int64
    }
    fn data(values: Vec<i64>) -> ArrayData {
        ArrayData::Int64(values)
    }
}

/// `timestamp[s]` (`tz="UTC"` when `UTC`): seconds since the Unix epoch.
#[derive(Debug)]
pub(crate) enum Seconds<const UTC: bool> {}

impl<const UTC: bool> Primitive for Seconds<UTC> {
    type Value = i64;
    fn data_type() -> DataType {
        DataType::Timestamp { utc: UTC }
    }
    fn data(values: Vec<i64>) -> ArrayData {
        ArrayData::Timestamp(values)
    }
}

/// `date32`: days since 1970-01-01.
#[derive(Debug)]
pub(crate) enum Date32 {}

impl Primitive for Date32 {
    type Value = i32;
    fn data_type() -> DataType {
        DataType::Date32
    }
    fn data(values: Vec<i32>) -> ArrayData {
        ArrayData::Date32(values)
    }
}

/// Builds a fixed-width column (a null takes a zero value slot, as Arrow has it).
#[derive(Debug)]
pub(crate) struct PrimitiveBuilder<P: Primitive> {
    validity: Bits,
    values: Vec<P::Value>,
}

impl<P: Primitive> Default for PrimitiveBuilder<P> {
    fn default() -> Self {
        PrimitiveBuilder {
            validity: Bits::default(),
            values: Vec::new(),
        }
    }
}

impl<P: Primitive> PrimitiveBuilder<P> {
    /// Append a value.
    #[inline]
    pub(crate) fn push_value(&mut self, v: P::Value) {
        self.values.push(v);
        self.validity.push(true);
    }
}

impl<P: Primitive> Builder for PrimitiveBuilder<P> {
    fn data_type() -> DataType {
        P::data_type()
    }
    fn push_null(&mut self) {
        self.values.push(P::Value::default());
        self.validity.push(false);
    }
    fn len(&self) -> usize {
        self.validity.len()
    }
    fn finish(self) -> Array {
        let len = self.validity.len();
        let (validity, nulls) = self.validity.into_validity();
        Array {
            len,
            nulls,
            validity,
            data: P::data(shrunk(self.values)),
        }
    }
}

/// Builds an `int64` column.
pub(crate) type Int64Builder = PrimitiveBuilder<Int64>;
/// Builds a `timestamp[s]` column (`tz="UTC"` when `UTC`).
pub(crate) type TimestampBuilder<const UTC: bool> = PrimitiveBuilder<Seconds<UTC>>;
/// Builds a `date32` column.
pub(crate) type Date32Builder = PrimitiveBuilder<Date32>;

impl Int64Builder {
    /// Append a value; one beyond `i64::MAX` becomes null (cannot happen for the
    /// record's counts and offsets).
    #[inline]
    pub(crate) fn push<T: TryInto<i64>>(&mut self, v: T) {
        match v.try_into() {
            Ok(v) => self.push_value(v),
            Err(_) => self.push_null(),
        }
    }
}

/// Builds a `bool` column.
#[derive(Debug, Default)]
pub(crate) struct BoolBuilder {
    validity: Bits,
    values: Bits,
}

impl BoolBuilder {
    /// Append a value.
    #[inline]
    pub(crate) fn push(&mut self, v: bool) {
        self.values.push(v);
        self.validity.push(true);
    }
}

impl Builder for BoolBuilder {
    fn data_type() -> DataType {
        DataType::Bool
    }
    fn push_null(&mut self) {
        self.values.push(false);
        self.validity.push(false);
    }
    fn len(&self) -> usize {
        self.validity.len()
    }
    fn finish(self) -> Array {
        let len = self.validity.len();
        let (validity, nulls) = self.validity.into_validity();
        Array {
            len,
            nulls,
            validity,
            data: ArrayData::Bool(shrunk(self.values.bits)),
        }
    }
}

/// Builds a `list<item>` column: push the items of a value into [`ListBuilder::items`],
/// then close the value with [`ListBuilder::close`].
#[derive(Debug)]
pub(crate) struct ListBuilder<B> {
    validity: Bits,
    offsets: Vec<i32>,
    /// The items of all values.
    pub(crate) items: B,
    overflow: bool,
}

impl<B: Default> Default for ListBuilder<B> {
    fn default() -> Self {
        ListBuilder {
            validity: Bits::default(),
            offsets: vec![0],
            items: B::default(),
            overflow: false,
        }
    }
}

impl<B: Builder> ListBuilder<B> {
    /// End the current value: it holds the items pushed since the previous one.
    #[inline]
    pub(crate) fn close(&mut self) {
        match i32::try_from(self.items.len()) {
            Ok(end) => {
                self.offsets.push(end);
                self.validity.push(true);
            }
            Err(_) => {
                self.overflow = true;
                self.push_null();
            }
        }
    }
}

impl<B: Builder> Builder for ListBuilder<B> {
    fn data_type() -> DataType {
        DataType::List(Box::new(B::data_type()))
    }
    fn push_null(&mut self) {
        let end = self.offsets.last().copied().unwrap_or(0);
        self.offsets.push(end);
        self.validity.push(false);
    }
    fn len(&self) -> usize {
        self.validity.len()
    }
    fn overflowed(&self) -> bool {
        self.overflow || self.items.overflowed()
    }
    fn finish(self) -> Array {
        let len = self.validity.len();
        let (validity, nulls) = self.validity.into_validity();
        Array {
            len,
            nulls,
            validity,
            data: ArrayData::List {
                offsets: shrunk(self.offsets),
                item: Box::new(self.items.finish()),
            },
        }
    }
}

/// Defines a builder of a `struct` column with one child builder per field (public,
/// in order). Appending a value is `push_valid()` then one push into every child.
macro_rules! struct_builder {
    ($(#[$meta:meta])* $name:ident { $($field:ident: $builder:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Default)]
        pub(crate) struct $name {
            validity: $crate::arrow::Bits,
            $(
                #[doc = concat!("Child `", stringify!($field), "`.")]
                pub(crate) $field: $builder,
            )*
        }

        impl $name {
            /// Start a present value (then push into every child).
            #[inline]
            pub(crate) fn push_valid(&mut self) {
                self.validity.push(true);
            }
        }

        impl $crate::arrow::Builder for $name {
            fn data_type() -> $crate::arrow::DataType {
                $crate::arrow::DataType::Struct(vec![
                    $((stringify!($field), <$builder as $crate::arrow::Builder>::data_type())),*
                ])
            }
            fn push_null(&mut self) {
                self.validity.push(false);
                $($crate::arrow::Builder::push_null(&mut self.$field);)*
            }
            fn len(&self) -> usize {
                self.validity.len()
            }
            fn overflowed(&self) -> bool {
                false $(|| $crate::arrow::Builder::overflowed(&self.$field))*
            }
            fn finish(self) -> $crate::arrow::Array {
                $crate::arrow::Array::structure(
                    self.validity,
                    vec![$((stringify!($field), $crate::arrow::Builder::finish(self.$field))),*],
                )
            }
        }
    };
}
pub(crate) use struct_builder;

impl Array {
    /// A struct array from its validity and children.
    pub(crate) fn structure(validity: Bits, children: Vec<(&'static str, Array)>) -> Array {
        let len = validity.len();
        let (validity, nulls) = validity.into_validity();
        Array {
            len,
            nulls,
            validity,
            data: ArrayData::Struct(children),
        }
    }
}

// ------------------------------------------------------- the C data interface

/// `ARROW_FLAG_NULLABLE`.
const FLAG_NULLABLE: i64 = 2;
/// `EIO`: what `get_next` returns when reading fails (the message is `get_last_error`).
const EIO: c_int = 5;

/// `struct ArrowSchema` of the C data interface.
#[repr(C)]
#[derive(Debug)]
pub(crate) struct FfiSchema {
    format: *const c_char,
    name: *const c_char,
    metadata: *const c_char,
    flags: i64,
    n_children: i64,
    children: *mut *mut FfiSchema,
    dictionary: *mut FfiSchema,
    release: Option<unsafe extern "C" fn(*mut FfiSchema)>,
    private_data: *mut c_void,
}

/// `struct ArrowArray` of the C data interface.
#[repr(C)]
#[derive(Debug)]
pub(crate) struct FfiArray {
    length: i64,
    null_count: i64,
    offset: i64,
    n_buffers: i64,
    n_children: i64,
    buffers: *mut *const c_void,
    children: *mut *mut FfiArray,
    dictionary: *mut FfiArray,
    release: Option<unsafe extern "C" fn(*mut FfiArray)>,
    private_data: *mut c_void,
}

/// `struct ArrowArrayStream` of the C stream interface.
#[repr(C)]
#[derive(Debug)]
pub(crate) struct FfiStream {
    get_schema: Option<unsafe extern "C" fn(*mut FfiStream, *mut FfiSchema) -> c_int>,
    get_next: Option<unsafe extern "C" fn(*mut FfiStream, *mut FfiArray) -> c_int>,
    get_last_error: Option<unsafe extern "C" fn(*mut FfiStream) -> *const c_char>,
    release: Option<unsafe extern "C" fn(*mut FfiStream)>,
    private_data: *mut c_void,
}

// SAFETY: the structs own their private data (Rust values that are `Send`: strings,
// `Arc<Batch>`, a `BatchSource`) and nothing else; the specification lets a consumer
// release them from any thread.
unsafe impl Send for FfiSchema {}
unsafe impl Send for FfiArray {}
unsafe impl Send for FfiStream {}

// A struct that was not moved out by a consumer (e.g. a PyCapsule never imported) is
// released when dropped; a consumer that moves it out sets `release` to null.
impl Drop for FfiSchema {
    fn drop(&mut self) {
        if let Some(release) = self.release {
            // SAFETY: `self` is a live, unreleased struct made by `export_schema`.
            unsafe { release(self) }
        }
    }
}

impl Drop for FfiArray {
    fn drop(&mut self) {
        if let Some(release) = self.release {
            // SAFETY: `self` is a live, unreleased struct made by `export_array`.
            unsafe { release(self) }
        }
    }
}

impl Drop for FfiStream {
    fn drop(&mut self) {
        if let Some(release) = self.release {
            // SAFETY: `self` is a live, unreleased struct made by `export_stream`.
            unsafe { release(self) }
        }
    }
}

/// What an exported schema owns.
struct SchemaPrivate {
    format: CString,
    name: CString,
    children: Box<[*mut FfiSchema]>,
}

/// A C string of a name without NUL bytes (field names are Rust identifiers).
fn c_string(s: &str) -> CString {
    CString::new(s).unwrap_or_default()
}

/// Export field `name` of type `dt`.
fn export_field(name: &str, dt: &DataType, flags: i64) -> FfiSchema {
    let children: Vec<*mut FfiSchema> = match dt {
        DataType::List(item) => vec![Box::into_raw(Box::new(export_field(
            "item",
            item,
            FLAG_NULLABLE,
        )))],
        DataType::Struct(fields) => fields
            .iter()
            .map(|(n, t)| Box::into_raw(Box::new(export_field(n, t, FLAG_NULLABLE))))
            .collect(),
        _ => Vec::new(),
    };
    let mut private = Box::new(SchemaPrivate {
        format: c_string(dt.format()),
        name: c_string(name),
        children: children.into_boxed_slice(),
    });
    FfiSchema {
        format: private.format.as_ptr(),
        name: private.name.as_ptr(),
        metadata: ptr::null(),
        flags,
        n_children: private.children.len() as i64,
        children: private.children.as_mut_ptr(),
        dictionary: ptr::null_mut(),
        release: Some(release_schema),
        private_data: Box::into_raw(private).cast(),
    }
}

/// The schema of a record batch: a struct of the named columns (all nullable).
pub(crate) fn export_schema(columns: &[(&'static str, DataType)]) -> FfiSchema {
    export_field("", &DataType::Struct(columns.to_vec()), 0)
}

unsafe extern "C" fn release_schema(schema: *mut FfiSchema) {
    // SAFETY: called by the consumer (or our Drop) on a struct made by `export_field`,
    // whose private data is a leaked `SchemaPrivate`; children are leaked boxes whose
    // own release (if a consumer did not move them out) frees them.
    unsafe {
        let Some(schema) = schema.as_mut() else {
            return;
        };
        if schema.private_data.is_null() {
            schema.release = None;
            return;
        }
        let private = Box::from_raw(schema.private_data.cast::<SchemaPrivate>());
        for &child in private.children.iter() {
            drop(Box::from_raw(child));
        }
        drop(private);
        schema.private_data = ptr::null_mut();
        schema.release = None;
    }
}

/// What an exported array owns: the batch its buffers point into.
struct ArrayPrivate {
    _batch: Arc<Batch>,
    buffers: Box<[*const c_void]>,
    children: Box<[*mut FfiArray]>,
}

/// Stands in for the address of an empty buffer (never read; aligned for any type).
static EMPTY: [u64; 1] = [0];

fn buffer<T>(v: &[T]) -> *const c_void {
    if v.is_empty() {
        EMPTY.as_ptr().cast()
    } else {
        v.as_ptr().cast()
    }
}

/// Export `array`, which lives inside `batch` (kept alive until released).
fn export_array(batch: &Arc<Batch>, array: &Array) -> FfiArray {
    let validity = array.validity.as_deref().map_or(ptr::null(), buffer);
    let (buffers, children): (Vec<*const c_void>, Vec<&Array>) = match &array.data {
        ArrayData::Utf8 { offsets, values } => {
            (vec![validity, buffer(offsets), buffer(values)], vec![])
        }
        ArrayData::Int64(v) | ArrayData::Timestamp(v) => (vec![validity, buffer(v)], vec![]),
        ArrayData::Bool(v) => (vec![validity, buffer(v)], vec![]),
        ArrayData::Date32(v) => (vec![validity, buffer(v)], vec![]),
        ArrayData::List { offsets, item } => (vec![validity, buffer(offsets)], vec![&**item]),
        ArrayData::Struct(fields) => (vec![validity], fields.iter().map(|(_, a)| a).collect()),
    };
    let children: Vec<*mut FfiArray> = children
        .into_iter()
        .map(|c| Box::into_raw(Box::new(export_array(batch, c))))
        .collect();
    let mut private = Box::new(ArrayPrivate {
        _batch: Arc::clone(batch),
        buffers: buffers.into_boxed_slice(),
        children: children.into_boxed_slice(),
    });
    FfiArray {
        length: array.len as i64,
        null_count: array.nulls as i64,
        offset: 0,
        n_buffers: private.buffers.len() as i64,
        n_children: private.children.len() as i64,
        buffers: private.buffers.as_mut_ptr(),
        children: private.children.as_mut_ptr(),
        dictionary: ptr::null_mut(),
        release: Some(release_array),
        private_data: Box::into_raw(private).cast(),
    }
}

/// Export a batch as the struct array of a record batch.
pub(crate) fn export_batch(batch: &Arc<Batch>) -> FfiArray {
    let root = Array {
        len: batch.rows,
        nulls: 0,
        validity: None,
        data: ArrayData::Struct(Vec::new()),
    };
    let mut out = export_array(batch, &root);
    let children: Vec<*mut FfiArray> = batch
        .columns
        .iter()
        .map(|c| Box::into_raw(Box::new(export_array(batch, c))))
        .collect();
    // SAFETY: `private_data` was just made by `export_array` (a leaked `ArrayPrivate`
    // with no children); give it the columns.
    unsafe {
        let private = &mut *out.private_data.cast::<ArrayPrivate>();
        private.children = children.into_boxed_slice();
        out.n_children = private.children.len() as i64;
        out.children = private.children.as_mut_ptr();
    }
    out
}

unsafe extern "C" fn release_array(array: *mut FfiArray) {
    // SAFETY: as `release_schema`, for structs made by `export_array`.
    unsafe {
        let Some(array) = array.as_mut() else {
            return;
        };
        if array.private_data.is_null() {
            array.release = None;
            return;
        }
        let private = Box::from_raw(array.private_data.cast::<ArrayPrivate>());
        for &child in private.children.iter() {
            drop(Box::from_raw(child));
        }
        drop(private);
        array.private_data = ptr::null_mut();
        array.release = None;
    }
}

/// What an [`FfiStream`] reads its batches from.
pub(crate) trait BatchSource: Send {
    /// The next batch, `Ok(None)` at the end, or the error that ends the stream.
    fn next_batch(&mut self) -> Result<Option<Batch>, String>;
}

/// What an exported stream owns.
struct StreamPrivate {
    source: Box<dyn BatchSource>,
    columns: Vec<(&'static str, DataType)>,
    error: Option<CString>,
}

/// An `ArrowArrayStream` of the batches of `source`, with the given columns.
pub(crate) fn export_stream(
    source: Box<dyn BatchSource>,
    columns: Vec<(&'static str, DataType)>,
) -> FfiStream {
    let private = Box::new(StreamPrivate {
        source,
        columns,
        error: None,
    });
    FfiStream {
        get_schema: Some(stream_get_schema),
        get_next: Some(stream_get_next),
        get_last_error: Some(stream_get_last_error),
        release: Some(release_stream),
        private_data: Box::into_raw(private).cast(),
    }
}

/// The private data of a live stream.
///
/// # Safety
/// `stream` must be null or a stream made by `export_stream` and not yet released.
unsafe fn stream_private<'a>(stream: *mut FfiStream) -> Option<&'a mut StreamPrivate> {
    // SAFETY: per the function's contract.
    unsafe {
        let stream = stream.as_mut()?;
        stream.private_data.cast::<StreamPrivate>().as_mut()
    }
}

unsafe extern "C" fn stream_get_schema(stream: *mut FfiStream, out: *mut FfiSchema) -> c_int {
    // SAFETY: the consumer passes a live stream and writable `out` (C stream contract).
    unsafe {
        let Some(private) = stream_private(stream) else {
            return EIO;
        };
        if out.is_null() {
            return EIO;
        }
        ptr::write(out, export_schema(&private.columns));
    }
    0
}

unsafe extern "C" fn stream_get_next(stream: *mut FfiStream, out: *mut FfiArray) -> c_int {
    // SAFETY: as `stream_get_schema`.
    unsafe {
        let Some(private) = stream_private(stream) else {
            return EIO;
        };
        if out.is_null() {
            return EIO;
        }
        let next = catch_unwind(AssertUnwindSafe(|| private.source.next_batch()))
            .unwrap_or_else(|_| Err("cablecore panicked while reading (a bug)".to_owned()));
        match next {
            Ok(Some(batch)) => {
                ptr::write(out, export_batch(&Arc::new(batch)));
                0
            }
            Ok(None) => {
                // The end of the stream: a released array.
                ptr::write(
                    out,
                    FfiArray {
                        length: 0,
                        null_count: 0,
                        offset: 0,
                        n_buffers: 0,
                        n_children: 0,
                        buffers: ptr::null_mut(),
                        children: ptr::null_mut(),
                        dictionary: ptr::null_mut(),
                        release: None,
                        private_data: ptr::null_mut(),
                    },
                );
                0
            }
            Err(message) => {
                private.error = Some(c_string(&message.replace('\0', " ")));
                EIO
            }
        }
    }
}

unsafe extern "C" fn stream_get_last_error(stream: *mut FfiStream) -> *const c_char {
    // SAFETY: as `stream_get_schema`.
    unsafe {
        stream_private(stream)
            .and_then(|p| p.error.as_ref())
            .map_or(ptr::null(), |e| e.as_ptr())
    }
}

unsafe extern "C" fn release_stream(stream: *mut FfiStream) {
    // SAFETY: as `release_schema`, for structs made by `export_stream`.
    unsafe {
        let Some(stream) = stream.as_mut() else {
            return;
        };
        if !stream.private_data.is_null() {
            drop(Box::from_raw(stream.private_data.cast::<StreamPrivate>()));
        }
        stream.private_data = ptr::null_mut();
        stream.release = None;
    }
}
