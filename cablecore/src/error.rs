//! Errors of the container readers. The engine itself never fails: what looks
//! wrong inside a cable becomes a [`crate::Diagnostic`] on the record.

use std::io;
use std::path::PathBuf;

/// Everything that can go wrong reading a container.
///
/// Every variant that comes from the input carries the byte offset and the
/// 1-based line where the problem was found.
///
/// In all variants `byte` is the 0-based byte offset in the container and
/// `line` the 1-based line number.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[allow(missing_docs)] // the fields are `byte` and `line` everywhere, documented above
pub enum Error {
    /// Bytes that are not UTF-8. The reader replaces them (U+FFFD) and goes on.
    #[error("invalid UTF-8 at byte {byte} (line {line})")]
    InvalidUtf8 { byte: u64, line: u64 },
    /// A quoted CSV field that never closes before the end of the input.
    #[error("unterminated quoted field starting at byte {byte} (line {line})")]
    UnterminatedQuote { byte: u64, line: u64 },
    /// A CSV row with the wrong number of columns.
    #[error("row at byte {byte} (line {line}) has {found} fields, expected {expected}")]
    FieldCount {
        byte: u64,
        line: u64,
        expected: usize,
        found: usize,
    },
    /// The input ends in the middle of a record.
    #[error("input truncated inside a record starting at byte {byte} (line {line})")]
    Truncated { byte: u64, line: u64 },
    /// An HTML page without the `<table class='cable'>` metadata table or its `<pre>` blocks.
    #[error("HTML page without a cable table at byte {byte} (line {line}): {what}")]
    MissingCableTable {
        byte: u64,
        line: u64,
        what: &'static str,
    },
    /// A value that cannot be read (a bad date, a bad id) where one is required.
    #[error("malformed {what} at byte {byte} (line {line})")]
    Malformed {
        byte: u64,
        line: u64,
        what: &'static str,
    },
    /// An I/O error from the underlying reader or file system.
    #[error("I/O error: {0}")]
    Io(#[from] io::Error),
    /// An error in one file of a [`crate::container::PathReader`] walk; offsets and
    /// lines are within that file.
    #[error("{}: {source}", path.display())]
    InFile { path: PathBuf, source: Box<Error> },
}

impl Error {
    /// Byte offset of the problem in the container, when it has one.
    pub fn byte_offset(&self) -> Option<u64> {
        match self {
            Error::InvalidUtf8 { byte, .. }
            | Error::UnterminatedQuote { byte, .. }
            | Error::FieldCount { byte, .. }
            | Error::Truncated { byte, .. }
            | Error::MissingCableTable { byte, .. }
            | Error::Malformed { byte, .. } => Some(*byte),
            Error::InFile { source, .. } => source.byte_offset(),
            Error::Io(_) => None,
        }
    }

    /// 1-based line of the problem in the container, when it has one.
    pub fn line(&self) -> Option<u64> {
        match self {
            Error::InvalidUtf8 { line, .. }
            | Error::UnterminatedQuote { line, .. }
            | Error::FieldCount { line, .. }
            | Error::Truncated { line, .. }
            | Error::MissingCableTable { line, .. }
            | Error::Malformed { line, .. } => Some(*line),
            Error::InFile { source, .. } => source.line(),
            Error::Io(_) => None,
        }
    }
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
