//! `cc_reader`: cables one by one from a buffer (zero-copy) or a path (streaming).

use std::ffi::{c_char, CStr};

use cablecore::container::{Item, PathReader, SliceReader};

use crate::cc_result::*;
use crate::{
    bad_len, bytes, cc_cable, cc_format, cc_result, fail, fail_with, format, guard, null_arg,
};

/// Where a reader's cables come from.
enum Source {
    /// A caller buffer. The lifetime is erased: the caller keeps the buffer alive
    /// until `cc_reader_free` (API conventions).
    Buffer(SliceReader<'static>),
    /// A file or a directory, read in bounded chunks.
    Path(PathReader),
}

/// A reader of cables from a container (opaque).
///
/// Made by `cc_reader_open_buffer` or `cc_reader_open_path`; released with
/// `cc_reader_free`. Not for concurrent use: one thread at a time.
pub struct cc_reader {
    /// The cable lent by the last `cc_reader_next`; declared first so that it is
    /// dropped before the source.
    current: Option<cc_cable>,
    source: Source,
    /// True once the source said it has no more cables (`CC_END` from then on).
    done: bool,
}

/// Writes a new reader to `out` (non-NULL, checked by the caller).
///
/// # Safety
///
/// `out` is non-NULL and writable.
unsafe fn put(out: *mut *mut cc_reader, source: Source) -> cc_result {
    let reader = Box::new(cc_reader {
        current: None,
        source,
        done: false,
    });
    // SAFETY: the caller guarantees `out` is non-NULL and writable.
    unsafe { out.write(Box::into_raw(reader)) };
    CC_OK
}

/// `CC_INVALID_ARGUMENT` for an unknown format value.
fn bad_format(function: &str, fmt: cc_format) -> cc_result {
    fail(
        CC_INVALID_ARGUMENT,
        format!("{function}: unknown format {fmt} (expected a CC_FORMAT_* constant)"),
        -1,
        -1,
    )
}

/// Opens a reader over `len` bytes at `buf` holding a container in format `fmt`
/// (`CC_FORMAT_AUTO` detects it from the first bytes).
///
/// Zero-copy: cables and their string views point into `buf`. `buf` must stay
/// valid and unchanged until the reader is freed **and** until the last cable or
/// view taken from it is no longer used; freeing the reader first and then the
/// buffer is the right order. The reader does not copy or free `buf`.
///
/// On `CC_OK`, `*out` is a new reader (release it with `cc_reader_free`); on
/// failure `*out` is NULL. Container errors are reported by `cc_reader_next`.
#[no_mangle]
pub unsafe extern "C" fn cc_reader_open_buffer(
    buf: *const u8,
    len: usize,
    fmt: cc_format,
    out: *mut *mut cc_reader,
) -> cc_result {
    const NAME: &str = "cc_reader_open_buffer";
    guard(NAME, || {
        if out.is_null() {
            return null_arg(NAME, "out");
        }
        // SAFETY: `out` is non-NULL and the caller guarantees it is writable.
        unsafe { out.write(std::ptr::null_mut()) };
        if buf.is_null() {
            return null_arg(NAME, "buf");
        }
        let Some(format) = format(fmt) else {
            return bad_format(NAME, fmt);
        };
        // SAFETY: `buf` is non-NULL with `len` readable bytes that the caller keeps
        // valid and unchanged until the reader and its cables are gone: the erased
        // `'static` lifetime is never observed beyond that point.
        let Some(input): Option<&'static [u8]> = (unsafe { bytes(buf, len) }) else {
            return bad_len(NAME, "len", len);
        };
        // SAFETY: `out` is non-NULL and writable.
        unsafe { put(out, Source::Buffer(SliceReader::new(input, format))) }
    })
}

/// Opens a streaming reader over a file, or over every file of a directory
/// (walked recursively, sorted by path), in format `fmt` (`CC_FORMAT_AUTO`
/// detects it per file). `path` is NUL-terminated (bytes on Unix, UTF-8 elsewhere).
///
/// Memory stays bounded by the largest cable: the string views of a cable from
/// this reader borrow from the cable itself and are valid until the next
/// `cc_reader_next` or `cc_reader_free`.
///
/// On `CC_OK`, `*out` is a new reader; on failure (`CC_IO` when the path cannot
/// be opened) `*out` is NULL and the last error says why.
#[no_mangle]
pub unsafe extern "C" fn cc_reader_open_path(
    path: *const c_char,
    fmt: cc_format,
    out: *mut *mut cc_reader,
) -> cc_result {
    const NAME: &str = "cc_reader_open_path";
    guard(NAME, || {
        if out.is_null() {
            return null_arg(NAME, "out");
        }
        // SAFETY: `out` is non-NULL and the caller guarantees it is writable.
        unsafe { out.write(std::ptr::null_mut()) };
        if path.is_null() {
            return null_arg(NAME, "path");
        }
        let Some(format) = format(fmt) else {
            return bad_format(NAME, fmt);
        };
        // SAFETY: `path` is non-NULL and the caller guarantees a NUL-terminated string.
        let raw = unsafe { CStr::from_ptr(path) };
        let path = match os_path(raw) {
            Some(p) => p,
            None => {
                return fail(
                    CC_INVALID_ARGUMENT,
                    format!("{NAME}: path is not UTF-8"),
                    -1,
                    -1,
                )
            }
        };
        match PathReader::open(path, format) {
            // SAFETY: `out` is non-NULL and writable.
            Ok(reader) => unsafe { put(out, Source::Path(reader)) },
            Err(err) => fail_with(&err),
        }
    })
}

/// A path from C bytes.
#[cfg(unix)]
fn os_path(raw: &CStr) -> Option<&std::path::Path> {
    use std::os::unix::ffi::OsStrExt;
    Some(std::path::Path::new(std::ffi::OsStr::from_bytes(
        raw.to_bytes(),
    )))
}

/// A path from C bytes (UTF-8 required off Unix).
#[cfg(not(unix))]
fn os_path(raw: &CStr) -> Option<&std::path::Path> {
    raw.to_str().ok().map(std::path::Path::new)
}

/// Reads the next cable.
///
/// Returns `CC_OK` with `*out` set to the cable, `CC_END` (with `*out` NULL)
/// when there are no more, or an error code (with `*out` NULL and the last error
/// set: message with byte offset and line). After an error you may call again: the
/// reader goes on with the next cable where it can (`CC_END` once it cannot).
///
/// The cable belongs to the reader: do not free it. It and its views stay valid
/// until the next `cc_reader_next` or `cc_reader_free` on this reader (keep one
/// longer with `cc_cable_copy`).
#[no_mangle]
pub unsafe extern "C" fn cc_reader_next(
    reader: *mut cc_reader,
    out: *mut *const cc_cable,
) -> cc_result {
    const NAME: &str = "cc_reader_next";
    guard(NAME, || {
        if out.is_null() {
            return null_arg(NAME, "out");
        }
        // SAFETY: `out` is non-NULL and the caller guarantees it is writable.
        unsafe { out.write(std::ptr::null()) };
        // SAFETY: the caller guarantees `reader` is NULL or a live reader that no
        // other thread uses during this call.
        let Some(r) = (unsafe { reader.as_mut() }) else {
            return null_arg(NAME, "reader");
        };
        // Drop the previous cable before reading on (it may borrow the buffer only,
        // but its source box is released here).
        r.current = None;
        if r.done {
            return CC_END;
        }
        let next = match &mut r.source {
            Source::Buffer(slice) => loop {
                match slice.next() {
                    None => break None,
                    Some(Err(err)) => break Some(Err(err)),
                    Some(Ok(Item::Cable(source))) => break Some(Ok(source)),
                    Some(Ok(_)) => continue,
                }
            },
            Source::Path(path) => path.next(),
        };
        match next {
            None => {
                r.done = true;
                CC_END
            }
            Some(Err(err)) => fail_with(&err),
            Some(Ok(source)) => {
                // SAFETY: `source` borrows only the caller's buffer (kept alive past
                // this cable by contract) or nothing (path reader).
                let cable = r
                    .current
                    .insert(unsafe { cc_cable::from_source(source, true) });
                // SAFETY: `out` is non-NULL and writable; the cable lives in the reader
                // until the next call or `cc_reader_free`, as documented.
                unsafe { out.write(cable as *const cc_cable) };
                CC_OK
            }
        }
    })
}

/// Releases a reader and the cable it lent last. NULL is a no-op. The buffer of
/// `cc_reader_open_buffer` is not freed: the caller frees it afterwards.
#[no_mangle]
pub unsafe extern "C" fn cc_reader_free(reader: *mut cc_reader) {
    guard("cc_reader_free", || {
        if !reader.is_null() {
            // SAFETY: a non-NULL reader came from `Box::into_raw` in this crate and
            // the caller gives it up now (no double free by contract).
            drop(unsafe { Box::from_raw(reader) });
        }
        CC_OK
    });
}
