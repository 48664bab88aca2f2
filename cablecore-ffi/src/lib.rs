//! # cablecore C ABI
//!
//! A thin C interface over [`cablecore`]: every byte of parsing is done by
//! `cablecore`; this crate only converts between C and Rust. The header
//! `include/cablecore.h` is generated from this source by cbindgen (see
//! `gen-header.sh`; `check-header.sh` fails when the committed header is stale).
//!
//! ## API conventions (summary; the full text is in `README.md`)
//!
//! - **Handles.** `cc_reader` and `cc_cable` are opaque. A reader comes from
//!   `cc_reader_open_buffer` / `cc_reader_open_path` and is released with
//!   `cc_reader_free`; a cable from `cc_parse`, `cc_parse_with` or `cc_cable_copy`
//!   is released with `cc_cable_free`. A cable from `cc_reader_next` belongs to the
//!   reader and is valid until the next `cc_reader_next` or `cc_reader_free`.
//! - **Lifetimes.** buffer → reader → cable: string views borrow from the caller's
//!   buffer (or text), so it must outlive the reader and every cable (and every view)
//!   taken from it. Freeing the reader first and the buffer afterwards is fine.
//! - **Strings** are `cc_str { ptr, len }` views: UTF-8, not NUL-terminated. An absent
//!   optional value is `{ NULL, 0 }`; a present empty value has a non-NULL `ptr`.
//! - **Errors.** Every function that can fail returns a `cc_result`; on failure the
//!   thread-local last error (message, byte offset, line) is set. NULL where a pointer
//!   is required gives `CC_NULL_ARGUMENT`; a panic gives `CC_PANIC`. Nothing unwinds
//!   into C.
//! - **Threads.** A reader or cable may move between threads but must not be used
//!   from two threads at once while one of them advances or frees it; the accessors of
//!   one cable only read and may run concurrently.
//!
//! ## Safety
//!
//! The exported functions are `unsafe extern "C"`: their one contract is the one
//! above (pointers are NULL or valid for the documented lifetime, `len` bytes are
//! readable). It is stated once, in `README.md`, rather than on each of the ~100
//! functions, hence `allow(clippy::missing_safety_doc)`. Every dereference of a raw
//! pointer and every lifetime erasure sits in an `unsafe` block with a `// SAFETY:`
//! comment (`unsafe_op_in_unsafe_fn` is denied).

// C names (`cc_result`, `CC_OK`, `cc_str`) on purpose: they are the names in the header.
#![allow(non_camel_case_types)]
#![allow(clippy::missing_safety_doc)]
#![warn(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]

use std::cell::RefCell;
use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use cablecore::container::{self, CableSource};
use cablecore::{Cable, Context, Level, Part, RefKind};

mod cable;
mod reader;

pub use cable::*;
pub use reader::*;

// ------------------------------------------------------------------ result codes

/// Result of every fallible function. `CC_OK` is 0; errors other than `CC_END`
/// set the thread-local last error (see `cc_last_error_message`).
///
/// The codes from `CC_IO` to `CC_MALFORMED` are one to one with the variants of
/// `cablecore::Error` (`InFile`, which only names the file of a directory walk, has
/// the code of the error it wraps); `CC_ERROR` stands for a variant added later.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cc_result {
    /// Success.
    CC_OK = 0,
    /// `cc_reader_next`: no more cables. Not an error; the last error is not set.
    CC_END = 1,
    /// A required pointer argument was NULL.
    CC_NULL_ARGUMENT = 2,
    /// A panic inside the library was caught (a bug: please report it with the input).
    CC_PANIC = 3,
    /// An I/O error (file not found, permission denied, read error): `cablecore::Error::Io`.
    CC_IO = 4,
    /// Bytes that are not UTF-8: `cablecore::Error::InvalidUtf8`.
    CC_INVALID_UTF8 = 5,
    /// A quoted CSV field that never closes: `cablecore::Error::UnterminatedQuote`.
    CC_UNTERMINATED_QUOTE = 6,
    /// A CSV row with the wrong number of columns: `cablecore::Error::FieldCount`.
    CC_FIELD_COUNT = 7,
    /// The input ends inside a record: `cablecore::Error::Truncated`.
    CC_TRUNCATED = 8,
    /// An HTML page without its cable table or `<pre>` blocks: `cablecore::Error::MissingCableTable`.
    CC_MISSING_CABLE_TABLE = 9,
    /// A value that cannot be read where one is required: `cablecore::Error::Malformed`.
    CC_MALFORMED = 10,
    /// `cc_cable_to_json`: the caller's buffer is too small; `*needed` says how large it must be.
    CC_BUFFER_TOO_SMALL = 11,
    /// A list accessor was called with `index >= count`.
    CC_INDEX_OUT_OF_RANGE = 12,
    /// An argument has an invalid value (an unknown `cc_format`, a path or id that is not UTF-8 where
    /// UTF-8 is required, freeing a cable owned by a reader).
    CC_INVALID_ARGUMENT = 13,
    /// A `cablecore::Error` variant this version of the C API does not know yet.
    CC_ERROR = 14,
}

use cc_result::*;

// ------------------------------------------------------------------ plain types

/// A UTF-8 string view: `len` bytes at `ptr`, **not** NUL-terminated.
///
/// `{ NULL, 0 }` means "absent" (an optional field without a value); a present
/// value, even an empty one, has a non-NULL `ptr`. The view is valid as long as
/// the cable it came from (see the API conventions).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cc_str {
    /// First byte, or NULL when absent.
    pub ptr: *const c_char,
    /// Length in bytes.
    pub len: usize,
}

impl cc_str {
    /// The absent value `{ NULL, 0 }`.
    pub const ABSENT: cc_str = cc_str {
        ptr: std::ptr::null(),
        len: 0,
    };

    /// A view of `s` (non-NULL even when `s` is empty).
    pub fn new(s: &str) -> cc_str {
        cc_str {
            ptr: s.as_ptr().cast(),
            len: s.len(),
        }
    }

    /// A view of `s`, or the absent value.
    pub fn opt(s: Option<&str>) -> cc_str {
        s.map_or(cc_str::ABSENT, cc_str::new)
    }
}

/// An optional unsigned 64-bit number.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct cc_opt_u64 {
    /// True when the value is present.
    pub present: bool,
    /// The value (0 when absent).
    pub value: u64,
}

/// An optional unsigned 32-bit number.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct cc_opt_u32 {
    /// True when the value is present.
    pub present: bool,
    /// The value (0 when absent).
    pub value: u32,
}

/// A calendar date or date-time, broken down. Dates (no time of day) have the time
/// fields 0; `dtg` is in UTC, `created` and `released` carry no zone.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct cc_datetime {
    /// True when the value is present; all other fields are 0 when absent.
    pub present: bool,
    /// Year (`2009`).
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–60 (60 only for a leap second).
    pub second: u8,
}

/// Where a cable starts in its container.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct cc_position {
    /// False for a cable parsed from a bare text (`cc_parse`).
    pub present: bool,
    /// Byte offset of the cable's first byte (its metadata, if any) in the container.
    pub byte: u64,
    /// 1-based line number of that byte.
    pub line: u64,
    /// 0-based index of the cable (or CSV row) in the container.
    pub record: u64,
}

/// A half-open byte range `start..end` into the text the cable was parsed from.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct cc_span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Classification level of the banner.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cc_level {
    /// No banner level (the field is absent).
    CC_LEVEL_NONE = 0,
    /// `UNCLAS`, `UNCLASSIFIED`.
    CC_LEVEL_UNCLASSIFIED = 1,
    /// `CONFIDENTIAL`.
    CC_LEVEL_CONFIDENTIAL = 2,
    /// `SECRET`.
    CC_LEVEL_SECRET = 3,
    /// `TOP SECRET`.
    CC_LEVEL_TOP_SECRET = 4,
}

/// Whether a REF item names a cable.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cc_ref_kind {
    /// A cable (`09 MEXICO 2952`).
    CC_REF_CABLE = 0,
    /// Anything else (e-mails, DTGs, memos, URLs).
    CC_REF_OTHER = 1,
}

/// Which text a diagnostic offset refers to.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum cc_part {
    /// The container's metadata.
    CC_PART_METADATA = 0,
    /// The header text (the `header` CSV column or the first HTML `<pre>`).
    CC_PART_HEADER = 1,
    /// The body text, or the whole text when the cable came as one text.
    CC_PART_BODY = 2,
}

/// Container format for the readers: one of the `CC_FORMAT_*` constants.
///
/// A plain integer rather than an enum so that any value a C caller passes is
/// well defined; an unknown value gives `CC_INVALID_ARGUMENT`.
pub type cc_format = u32;
/// Detect the format from the first bytes (per file for a directory).
pub const CC_FORMAT_AUTO: cc_format = 0;
/// `cables.csv` layout (eight quoted columns, `\"` escapes).
pub const CC_FORMAT_CSV: cc_format = 1;
/// cablegate HTML pages.
pub const CC_FORMAT_HTML: cc_format = 2;
/// Plain or scraped text, one or many cables.
pub const CC_FORMAT_TEXT: cc_format = 3;

// ------------------------------------------------------------------ conversions

fn level(l: Option<Level>) -> cc_level {
    match l {
        None => cc_level::CC_LEVEL_NONE,
        Some(Level::Unclassified) => cc_level::CC_LEVEL_UNCLASSIFIED,
        Some(Level::Confidential) => cc_level::CC_LEVEL_CONFIDENTIAL,
        Some(Level::Secret) => cc_level::CC_LEVEL_SECRET,
        Some(Level::TopSecret) => cc_level::CC_LEVEL_TOP_SECRET,
    }
}

fn ref_kind(k: RefKind) -> cc_ref_kind {
    match k {
        RefKind::Cable => cc_ref_kind::CC_REF_CABLE,
        RefKind::Other => cc_ref_kind::CC_REF_OTHER,
    }
}

fn part(p: Part) -> cc_part {
    match p {
        Part::Metadata => cc_part::CC_PART_METADATA,
        Part::Header => cc_part::CC_PART_HEADER,
        Part::Body => cc_part::CC_PART_BODY,
    }
}

/// The `cablecore` format of a `cc_format`, or `None` for an unknown value.
fn format(f: cc_format) -> Option<container::Format> {
    use container::Format;
    match f {
        CC_FORMAT_AUTO => Some(Format::Auto),
        CC_FORMAT_CSV => Some(Format::Csv),
        CC_FORMAT_HTML => Some(Format::Html),
        CC_FORMAT_TEXT => Some(Format::Text),
        _ => None,
    }
}

/// The result code of a `cablecore::Error` (one to one with its variants).
fn code_of(err: &cablecore::Error) -> cc_result {
    use cablecore::Error as E;
    match err {
        E::Io(_) => CC_IO,
        E::InvalidUtf8 { .. } => CC_INVALID_UTF8,
        E::UnterminatedQuote { .. } => CC_UNTERMINATED_QUOTE,
        E::FieldCount { .. } => CC_FIELD_COUNT,
        E::Truncated { .. } => CC_TRUNCATED,
        E::MissingCableTable { .. } => CC_MISSING_CABLE_TABLE,
        E::Malformed { .. } => CC_MALFORMED,
        // A wrapper naming the file of a directory walk: the code is that of the
        // error inside; the message (Display) names the file.
        E::InFile { source, .. } => code_of(source),
        // `cablecore::Error` is non-exhaustive.
        _ => CC_ERROR,
    }
}

fn to_i64(v: Option<u64>) -> i64 {
    v.and_then(|v| i64::try_from(v).ok()).unwrap_or(-1)
}

// ------------------------------------------------------------------ last error

/// The thread-local last error.
struct LastError {
    message: String,
    byte: i64,
    line: i64,
}

thread_local! {
    static LAST_ERROR: RefCell<LastError> = const {
        RefCell::new(LastError { message: String::new(), byte: -1, line: -1 })
    };
}

/// Records `message` as this thread's last error and returns `code`.
fn fail(code: cc_result, message: String, byte: i64, line: i64) -> cc_result {
    // `try_with`/`try_borrow_mut`: never panic here, not even during thread teardown.
    let _ = LAST_ERROR.try_with(|cell| {
        if let Ok(mut last) = cell.try_borrow_mut() {
            *last = LastError {
                message,
                byte,
                line,
            };
        }
    });
    code
}

/// Records a `cablecore::Error` as the last error and returns its code.
fn fail_with(err: &cablecore::Error) -> cc_result {
    fail(
        code_of(err),
        err.to_string(),
        to_i64(err.byte_offset()),
        to_i64(err.line()),
    )
}

/// `CC_NULL_ARGUMENT` with a message naming the function and the argument.
fn null_arg(function: &str, argument: &str) -> cc_result {
    fail(
        CC_NULL_ARGUMENT,
        format!("{function}: argument `{argument}` is NULL"),
        -1,
        -1,
    )
}

/// Runs `f`, turning a panic into `CC_PANIC` (with the panic message as last error).
fn guard(function: &str, f: impl FnOnce() -> cc_result) -> cc_result {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(code) => code,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            fail(CC_PANIC, format!("{function}: panic: {what}"), -1, -1)
        }
    }
}

/// Runs `f`, returning `fallback` on a panic (for functions that return no `cc_result`).
fn guard_value<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

/// Copies this thread's last error message into `buf` and returns its length.
///
/// The message says what went wrong and, where there is one, at which byte offset
/// and line of the input (`input truncated inside a record starting at byte 1234
/// (line 56)`). At most `cap - 1` bytes are copied (cut at a UTF-8 character
/// boundary) and a NUL is written after them, so with `cap > 0` the buffer always
/// holds a NUL-terminated string. The return value is the length of the whole
/// message in bytes, without the NUL: when it is `>= cap` the copy was cut (call
/// again with a buffer of the returned length + 1). With `buf` NULL or `cap` 0
/// nothing is written. Returns 0 when this thread has no error yet.
///
/// The last error is set by every call that fails (any code but `CC_OK` and
/// `CC_END`) and is left unchanged by calls that succeed.
#[no_mangle]
pub unsafe extern "C" fn cc_last_error_message(buf: *mut c_char, cap: usize) -> usize {
    guard_value(0, || {
        LAST_ERROR
            .try_with(|cell| {
                let Ok(last) = cell.try_borrow() else {
                    return 0;
                };
                let msg = last.message.as_str();
                if !buf.is_null() && cap > 0 {
                    let mut n = msg.len().min(cap - 1);
                    while !msg.is_char_boundary(n) {
                        n -= 1;
                    }
                    // SAFETY: the caller guarantees `buf` points to `cap` writable bytes;
                    // `n + 1 <= cap` and the source is a distinct Rust string.
                    unsafe {
                        std::ptr::copy_nonoverlapping(msg.as_ptr(), buf.cast::<u8>(), n);
                        buf.add(n).write(0);
                    }
                }
                msg.len()
            })
            .unwrap_or(0)
    })
}

/// Byte offset in the input of this thread's last error, or -1 when it has none
/// (no error yet, or an error without a position such as `CC_NULL_ARGUMENT` or `CC_IO`).
#[no_mangle]
pub extern "C" fn cc_last_error_byte_offset() -> i64 {
    guard_value(-1, || {
        LAST_ERROR
            .try_with(|cell| cell.try_borrow().map_or(-1, |last| last.byte))
            .unwrap_or(-1)
    })
}

/// 1-based line in the input of this thread's last error, or -1 when it has none.
#[no_mangle]
pub extern "C" fn cc_last_error_line() -> i64 {
    guard_value(-1, || {
        LAST_ERROR
            .try_with(|cell| cell.try_borrow().map_or(-1, |last| last.line))
            .unwrap_or(-1)
    })
}

/// The name of a result code as a static NUL-terminated string (`"CC_TRUNCATED"`),
/// or `"CC_UNKNOWN"` for a value that is not a `cc_result`. Never NULL; do not free.
#[no_mangle]
pub extern "C" fn cc_result_name(code: i32) -> *const c_char {
    let name: &'static [u8] = match code {
        0 => b"CC_OK\0",
        1 => b"CC_END\0",
        2 => b"CC_NULL_ARGUMENT\0",
        3 => b"CC_PANIC\0",
        4 => b"CC_IO\0",
        5 => b"CC_INVALID_UTF8\0",
        6 => b"CC_UNTERMINATED_QUOTE\0",
        7 => b"CC_FIELD_COUNT\0",
        8 => b"CC_TRUNCATED\0",
        9 => b"CC_MISSING_CABLE_TABLE\0",
        10 => b"CC_MALFORMED\0",
        11 => b"CC_BUFFER_TOO_SMALL\0",
        12 => b"CC_INDEX_OUT_OF_RANGE\0",
        13 => b"CC_INVALID_ARGUMENT\0",
        14 => b"CC_ERROR\0",
        _ => b"CC_UNKNOWN\0",
    };
    name.as_ptr().cast()
}

/// The name of a level as in JSON (`"SECRET"`, `"TOP_SECRET"`), as a static view;
/// absent (`{ NULL, 0 }`) for `CC_LEVEL_NONE` and unknown values.
#[no_mangle]
pub extern "C" fn cc_level_name(level: i32) -> cc_str {
    let l = match level {
        1 => Level::Unclassified,
        2 => Level::Confidential,
        3 => Level::Secret,
        4 => Level::TopSecret,
        _ => return cc_str::ABSENT,
    };
    cc_str::new(l.as_str())
}

/// The name of a reference kind as in JSON (`"cable"`, `"other"`), as a static view;
/// absent for unknown values.
#[no_mangle]
pub extern "C" fn cc_ref_kind_name(kind: i32) -> cc_str {
    match kind {
        0 => cc_str::new(RefKind::Cable.as_str()),
        1 => cc_str::new(RefKind::Other.as_str()),
        _ => cc_str::ABSENT,
    }
}

/// The name of a text part as in JSON (`"metadata"`, `"header"`, `"body"`), as a
/// static view; absent for unknown values.
#[no_mangle]
pub extern "C" fn cc_part_name(part: i32) -> cc_str {
    match part {
        0 => cc_str::new("metadata"),
        1 => cc_str::new("header"),
        2 => cc_str::new("body"),
        _ => cc_str::ABSENT,
    }
}

/// True when a string view holds a value (`ptr != NULL`), false for an absent one.
#[no_mangle]
pub extern "C" fn cc_str_is_present(s: cc_str) -> bool {
    !s.ptr.is_null()
}

/// The library version (`"0.1.0"`), a static NUL-terminated string.
#[no_mangle]
pub extern "C" fn cc_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

// ------------------------------------------------------------------ the cable handle

/// A recoverable container problem kept with a cable.
#[derive(Clone)]
struct StoredError {
    code: cc_result,
    message: String,
    byte: i64,
    line: i64,
}

impl StoredError {
    fn new(err: &cablecore::Error) -> Self {
        StoredError {
            code: code_of(err),
            message: err.to_string(),
            byte: to_i64(err.byte_offset()),
            line: to_i64(err.line()),
        }
    }
}

/// What a cable's borrowed text lives in, besides caller memory.
///
/// Never read, only dropped: it exists so that the text the record borrows lives
/// exactly as long as the record.
#[allow(dead_code)]
enum Owner {
    /// Nothing: the cable borrows only from caller memory (or owns all its text).
    None,
    /// The text given to `cc_parse`, decoded because it was not valid UTF-8.
    Text(String),
    /// The container's cable source (metadata, decoded header and body).
    Source(Box<CableSource<'static>>),
}

/// One parsed cable (opaque).
///
/// Made by `cc_parse`, `cc_parse_with` and `cc_cable_copy` (free with
/// `cc_cable_free`), or lent by `cc_reader_next` (owned by the reader: never free it).
pub struct cc_cable {
    /// The record. Its lifetime is erased: it borrows from `owner` and/or from caller
    /// memory that the caller keeps alive (API conventions). Declared before `owner`
    /// so that it is dropped first.
    cable: Cable<'static>,
    /// Recoverable container problems (`CableSource::errors`, invalid UTF-8 replaced).
    errors: Vec<StoredError>,
    /// Keeps the text the record borrows alive (never read, only dropped).
    #[allow(dead_code)]
    owner: Owner,
    /// True for a cable lent by a reader (`cc_cable_free` refuses it).
    lent: bool,
}

impl cc_cable {
    /// A cable made from a container's cable source; `lent` when a reader keeps it.
    ///
    /// # Safety
    ///
    /// The text `source` borrows (if any) must outlive the returned cable.
    unsafe fn from_source(source: CableSource<'static>, lent: bool) -> cc_cable {
        let source = Box::new(source);
        let errors = source.errors.iter().map(StoredError::new).collect();
        let cable = source.parse();
        // SAFETY: `cable` borrows from the heap data of `source` (or from memory
        // `source` borrows, which the caller keeps alive). The box is stored in
        // `owner` below, is never moved out or mutated, and is dropped after `cable`
        // (field order), so the erased lifetime never outlives the data.
        let cable = unsafe { std::mem::transmute::<Cable<'_>, Cable<'static>>(cable) };
        cc_cable {
            cable,
            errors,
            owner: Owner::Source(source),
            lent,
        }
    }
}

/// Makes a parse context from the C arguments.
fn context<'c>(reference_id: Option<&'c str>, year: i32) -> Context<'c> {
    Context {
        reference_id,
        year: (year != 0).then_some(year),
    }
}

/// Reads `len` bytes at `ptr` as a slice (NULL is checked by the caller), or `None`
/// when `len` is larger than any object can be (`isize::MAX`).
///
/// # Safety
///
/// `ptr` must be non-NULL and point to `len` readable bytes that stay valid and
/// unmodified for `'a`.
unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Option<&'a [u8]> {
    if len == 0 {
        return Some(&[]);
    }
    if isize::try_from(len).is_err() {
        return None;
    }
    // SAFETY: guaranteed by the caller (see above); `ptr` is non-NULL and `len` is
    // at most `isize::MAX`.
    Some(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// `CC_INVALID_ARGUMENT` for a length no buffer can have.
fn bad_len(function: &str, argument: &str, len: usize) -> cc_result {
    fail(
        CC_INVALID_ARGUMENT,
        format!("{function}: `{argument}` of {len} bytes is larger than any buffer"),
        -1,
        -1,
    )
}

/// 1-based line of byte `offset` in `bytes`.
fn line_of(bytes: &[u8], offset: usize) -> u64 {
    let upto = bytes.get(..offset).unwrap_or(bytes);
    1 + upto.iter().filter(|&&b| b == b'\n').count() as u64
}

/// Parses `text` (with context) into a new boxed cable.
///
/// # Safety
///
/// `text` must outlive the returned cable.
unsafe fn parse_bytes(text: &[u8], ctx: Context<'_>) -> Box<cc_cable> {
    match std::str::from_utf8(text) {
        Ok(s) => {
            let cable = cablecore::parse_with(s, ctx);
            // SAFETY: the record borrows from `text`, which the caller keeps alive
            // until `cc_cable_free` (API conventions).
            let cable = unsafe { std::mem::transmute::<Cable<'_>, Cable<'static>>(cable) };
            Box::new(cc_cable {
                cable,
                errors: Vec::new(),
                owner: Owner::None,
                lent: false,
            })
        }
        Err(e) => {
            let at = e.valid_up_to();
            let err = cablecore::Error::InvalidUtf8 {
                byte: at as u64,
                line: line_of(text, at),
            };
            let decoded = String::from_utf8_lossy(text).into_owned();
            let cable = cablecore::parse_with(&decoded, ctx);
            // SAFETY: the record borrows from the heap buffer of `decoded`, which is
            // moved (without reallocating) into `owner` and dropped after `cable`.
            let cable = unsafe { std::mem::transmute::<Cable<'_>, Cable<'static>>(cable) };
            Box::new(cc_cable {
                cable,
                errors: vec![StoredError::new(&err)],
                owner: Owner::Text(decoded),
                lent: false,
            })
        }
    }
}

/// Parses one cable (or fragment) from `len` bytes of text at `text`.
///
/// Zero-copy: the cable's string views point into `text`, which must stay valid
/// and unchanged until `cc_cable_free` (use `cc_cable_copy` for a cable that owns
/// its text). `text` need not be NUL-terminated. Bytes that are not UTF-8 are
/// replaced by U+FFFD (the cable then owns a decoded copy) and reported in the
/// cable's errors (`cc_cable_errors_count`) as `CC_INVALID_UTF8`; parsing itself
/// never fails: what looks wrong is in the diagnostics.
///
/// On `CC_OK`, `*out` is a new cable to release with `cc_cable_free`; on failure
/// `*out` is set to NULL (when `out` is not NULL).
#[no_mangle]
pub unsafe extern "C" fn cc_parse(
    text: *const c_char,
    len: usize,
    out: *mut *mut cc_cable,
) -> cc_result {
    // SAFETY: forwarded caller contract.
    unsafe { parse_impl("cc_parse", text, len, cc_str::ABSENT, 0, out) }
}

/// Like `cc_parse`, with context for a fragment: the citing cable's reference id
/// (`reference_id`, e.g. `09MEXICO193`; `{ NULL, 0 }` for none; copied, need not
/// outlive the call) and/or its four-digit `year` (0 for none). Both are used to
/// complete REF items without a year.
#[no_mangle]
pub unsafe extern "C" fn cc_parse_with(
    text: *const c_char,
    len: usize,
    reference_id: cc_str,
    year: i32,
    out: *mut *mut cc_cable,
) -> cc_result {
    // SAFETY: forwarded caller contract.
    unsafe { parse_impl("cc_parse_with", text, len, reference_id, year, out) }
}

/// Shared body of `cc_parse` and `cc_parse_with`.
///
/// # Safety
///
/// API conventions: `text` has `len` readable bytes that outlive the cable,
/// `reference_id` is absent or `len` readable bytes, `out` is NULL or writable.
unsafe fn parse_impl(
    function: &str,
    text: *const c_char,
    len: usize,
    reference_id: cc_str,
    year: i32,
    out: *mut *mut cc_cable,
) -> cc_result {
    guard(function, || {
        if out.is_null() {
            return null_arg(function, "out");
        }
        // SAFETY: `out` is non-NULL and the caller guarantees it is writable.
        unsafe { out.write(std::ptr::null_mut()) };
        if text.is_null() {
            return null_arg(function, "text");
        }
        let id = if reference_id.ptr.is_null() {
            None
        } else {
            // SAFETY: a present view: the caller guarantees `len` readable bytes.
            let Some(raw) = (unsafe { bytes(reference_id.ptr.cast(), reference_id.len) }) else {
                return bad_len(function, "reference_id", reference_id.len);
            };
            match std::str::from_utf8(raw) {
                Ok(s) => Some(s),
                Err(_) => {
                    return fail(
                        CC_INVALID_ARGUMENT,
                        format!("{function}: `reference_id` is not UTF-8"),
                        -1,
                        -1,
                    )
                }
            }
        };
        // SAFETY: `text` is non-NULL with `len` readable bytes that outlive the cable.
        let Some(text) = (unsafe { bytes(text.cast(), len) }) else {
            return bad_len(function, "len", len);
        };
        // SAFETY: same contract: `text` outlives the cable.
        let cable = unsafe { parse_bytes(text, context(id, year)) };
        // SAFETY: `out` is non-NULL and writable (checked above).
        unsafe { out.write(Box::into_raw(cable)) };
        CC_OK
    })
}

/// Makes an independent copy of `cable` that owns all its text: it does not borrow
/// from the buffer, the reader or the original cable, and stays valid until
/// `cc_cable_free`. Use it to keep a cable from `cc_reader_next` beyond the next call.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_copy(
    cable: *const cc_cable,
    out: *mut *mut cc_cable,
) -> cc_result {
    guard("cc_cable_copy", || {
        if out.is_null() {
            return null_arg("cc_cable_copy", "out");
        }
        // SAFETY: `out` is non-NULL and the caller guarantees it is writable.
        unsafe { out.write(std::ptr::null_mut()) };
        // SAFETY: the caller guarantees `cable` is NULL or a live cable.
        let Some(c) = (unsafe { cable.as_ref() }) else {
            return null_arg("cc_cable_copy", "cable");
        };
        let copy = Box::new(cc_cable {
            cable: c.cable.clone().into_owned(),
            errors: c.errors.clone(),
            owner: Owner::None,
            lent: false,
        });
        // SAFETY: `out` is non-NULL and writable (checked above).
        unsafe { out.write(Box::into_raw(copy)) };
        CC_OK
    })
}

/// Releases a cable made by `cc_parse`, `cc_parse_with` or `cc_cable_copy`.
/// NULL is a no-op. A cable lent by `cc_reader_next` is not freed (it belongs to
/// the reader); the call then only sets the last error (`CC_INVALID_ARGUMENT`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_free(cable: *mut cc_cable) {
    guard("cc_cable_free", || {
        if cable.is_null() {
            return CC_OK;
        }
        // SAFETY: the caller guarantees a non-NULL `cable` is live.
        if unsafe { (*cable).lent } {
            return fail(
                CC_INVALID_ARGUMENT,
                "cc_cable_free: the cable belongs to a reader (it is freed by the reader)".into(),
                -1,
                -1,
            );
        }
        // SAFETY: not lent, so it came from `Box::into_raw` in this crate and the
        // caller gives it up now (no double free by contract).
        drop(unsafe { Box::from_raw(cable) });
        CC_OK
    });
}

/// Writes the cable as JSON (the schema of `cablecore::Cable`: field names are the
/// accessor suffixes) into `buf`, followed by a NUL.
///
/// `*needed` (when `needed` is not NULL) is set to the size required, NUL
/// included, i.e. the JSON length + 1. When `cap < *needed` nothing is written and
/// `CC_BUFFER_TOO_SMALL` is returned: call again with a buffer of `*needed` bytes.
/// `buf` may be NULL only when `cap` is 0 (a size query).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_to_json(
    cable: *const cc_cable,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> cc_result {
    guard("cc_cable_to_json", || {
        // SAFETY: the caller guarantees `cable` is NULL or a live cable.
        let Some(c) = (unsafe { cable.as_ref() }) else {
            return null_arg("cc_cable_to_json", "cable");
        };
        if buf.is_null() && cap > 0 {
            return null_arg("cc_cable_to_json", "buf");
        }
        let json = match serde_json::to_vec(&c.cable) {
            Ok(json) => json,
            Err(err) => return fail(CC_ERROR, format!("cc_cable_to_json: {err}"), -1, -1),
        };
        let size = json.len() + 1;
        if !needed.is_null() {
            // SAFETY: non-NULL, and the caller guarantees it is writable.
            unsafe { needed.write(size) };
        }
        if cap < size {
            return fail(
                CC_BUFFER_TOO_SMALL,
                format!("cc_cable_to_json: buffer of {cap} bytes, {size} needed"),
                -1,
                -1,
            );
        }
        // SAFETY: `buf` is non-NULL (cap >= size > 0) with `cap >= json.len() + 1`
        // writable bytes (caller contract); the source is a distinct Rust vector.
        unsafe {
            std::ptr::copy_nonoverlapping(json.as_ptr(), buf.cast::<u8>(), json.len());
            buf.add(json.len()).write(0);
        }
        CC_OK
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn last_message() -> String {
        let mut buf = [0 as c_char; 256];
        // SAFETY: a valid local buffer of 256 bytes.
        let n = unsafe { cc_last_error_message(buf.as_mut_ptr(), buf.len()) };
        let bytes: Vec<u8> = buf[..n.min(255)].iter().map(|&b| b as u8).collect();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn null_arguments_are_reported() {
        let mut out: *mut cc_cable = std::ptr::null_mut();
        // SAFETY: NULL text is the case under test; `out` is a valid local.
        let r = unsafe { cc_parse(std::ptr::null(), 0, &mut out) };
        assert_eq!(r, CC_NULL_ARGUMENT);
        assert!(out.is_null());
        assert_eq!(last_message(), "cc_parse: argument `text` is NULL");
        assert_eq!(cc_last_error_byte_offset(), -1);
        // SAFETY: NULL `out` is the case under test.
        let r = unsafe { cc_parse(c"x".as_ptr(), 1, std::ptr::null_mut()) };
        assert_eq!(r, CC_NULL_ARGUMENT);
    }

    #[test]
    fn panics_become_cc_panic() {
        let code = guard("cc_test", || panic!("boom"));
        assert_eq!(code, CC_PANIC);
        assert_eq!(last_message(), "cc_test: panic: boom");
        let n = guard_value(7usize, || panic!("{}", 1 + 1));
        assert_eq!(n, 7);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let text = b"TAGS: PREL\nSUBJECT: BAD \xff BYTE\n";
        let mut out: *mut cc_cable = std::ptr::null_mut();
        // SAFETY: a valid local text and out pointer.
        let r = unsafe { cc_parse(text.as_ptr().cast(), text.len(), &mut out) };
        assert_eq!(r, CC_OK);
        // SAFETY: `out` was just made by `cc_parse`.
        let c = unsafe { &*out };
        assert_eq!(c.errors.len(), 1);
        assert_eq!(c.errors[0].code, CC_INVALID_UTF8);
        assert_eq!(c.errors[0].byte, 24);
        assert_eq!(c.errors[0].line, 2);
        // SAFETY: made by `cc_parse`, freed once.
        unsafe { cc_cable_free(out) };
    }

    #[test]
    fn names() {
        // SAFETY: `cc_result_name` returns a static NUL-terminated string.
        let name = unsafe { std::ffi::CStr::from_ptr(cc_result_name(CC_TRUNCATED as i32)) };
        assert_eq!(name.to_str().unwrap(), "CC_TRUNCATED");
        // SAFETY: as above.
        let unknown = unsafe { std::ffi::CStr::from_ptr(cc_result_name(99)) };
        assert_eq!(unknown.to_str().unwrap(), "CC_UNKNOWN");
        assert!(cc_level_name(0).ptr.is_null());
        assert_eq!(cc_level_name(4).len, "TOP_SECRET".len());
        assert!(cc_str_is_present(cc_str::new("")));
        assert!(!cc_str_is_present(cc_str::ABSENT));
    }

    #[test]
    fn error_codes_are_one_to_one() {
        let errors = [
            (
                cablecore::Error::InvalidUtf8 { byte: 1, line: 1 },
                CC_INVALID_UTF8,
            ),
            (
                cablecore::Error::UnterminatedQuote { byte: 1, line: 1 },
                CC_UNTERMINATED_QUOTE,
            ),
            (
                cablecore::Error::FieldCount {
                    byte: 1,
                    line: 1,
                    expected: 8,
                    found: 7,
                },
                CC_FIELD_COUNT,
            ),
            (
                cablecore::Error::Truncated { byte: 1, line: 1 },
                CC_TRUNCATED,
            ),
            (
                cablecore::Error::MissingCableTable {
                    byte: 1,
                    line: 1,
                    what: "table",
                },
                CC_MISSING_CABLE_TABLE,
            ),
            (
                cablecore::Error::Malformed {
                    byte: 1,
                    line: 1,
                    what: "date",
                },
                CC_MALFORMED,
            ),
            (cablecore::Error::Io(std::io::Error::other("x")), CC_IO),
        ];
        let in_file = cablecore::Error::InFile {
            path: "a.csv".into(),
            source: Box::new(cablecore::Error::Truncated { byte: 7, line: 2 }),
        };
        assert_eq!(code_of(&in_file), CC_TRUNCATED);
        assert_eq!(fail_with(&in_file), CC_TRUNCATED);
        assert_eq!(cc_last_error_byte_offset(), 7);
        assert_eq!(cc_last_error_line(), 2);
        let mut seen = std::collections::HashSet::new();
        for (err, code) in &errors {
            assert_eq!(code_of(err), *code);
            assert!(seen.insert(*code as i32));
        }
    }

    #[test]
    fn last_error_message_is_cut_at_char_boundary() {
        fail(CC_MALFORMED, "ab’cd".into(), 3, 1);
        let mut buf = [0x55 as c_char; 4];
        // SAFETY: a valid local buffer of 4 bytes.
        let n = unsafe { cc_last_error_message(buf.as_mut_ptr(), buf.len()) };
        assert_eq!(n, "ab’cd".len());
        // 3 bytes fit before the NUL, but ’ is 3 bytes long: only "ab" is copied.
        assert_eq!(
            buf[..3].iter().map(|&b| b as u8).collect::<Vec<_>>(),
            b"ab\0"
        );
        assert_eq!(cc_last_error_byte_offset(), 3);
        assert_eq!(cc_last_error_line(), 1);
    }
}
