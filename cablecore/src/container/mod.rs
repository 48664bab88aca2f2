//! Container readers: `cables.csv`, cablegate HTML pages, plain and scraped text.
//!
//! A container holds cables and other things (CSV furniture, HTML page chrome, blog
//! commentary). A reader walks a container and yields [`Item`]s whose spans tile the
//! input exactly: nothing is dropped, nothing is glued to a cable that does not belong
//! to it. Each cable comes as a [`CableSource`]: the container's metadata and the cable
//! text, borrowed from the input where possible.
//!
//! Three front doors share one scanner per format:
//!
//! * [`SliceReader`] (and [`cables`]) over a whole buffer, zero-copy;
//! * [`StreamReader`] over any [`std::io::Read`], with a reusable buffer whose size is
//!   bounded by the largest cable (plus the lookahead the text format needs);
//! * [`PathReader`] over a file or a directory tree (sorted, format detected per file).
//!
//! The readers give exactly the same items for the same bytes, however the bytes arrive:
//! every decision a scanner takes depends only on the bytes from the current position
//! on (up to [`MAX_ITEM_BYTES`]), never on where a read happened to stop.
//!
//! ```
//! use cablecore::container::{cables, Format};
//!
//! let csv = b"\"1\",\"1/23/2009 23:11\",\"09FOOBAR193\",\"Embassy Foobar\",\"SECRET\",\"\",\
//! \"R 232312Z JAN 09\nFM AMEMBASSY FOOBAR\",\"S E C R E T FOOBAR 000193\n\nSAYS \\\"HI\\\"\n\"\n";
//! let cable = cables(csv, Format::Auto).next().unwrap().unwrap();
//! assert_eq!(cable.reference_id.as_deref(), Some("09FOOBAR193"));
//! assert_eq!(cable.body.as_deref(), Some("S E C R E T FOOBAR 000193\n\nSAYS \"HI\"\n"));
//! ```

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use crate::error::Error;
use crate::record::{Cable, Context, Input, Metadata, Position};

mod csv;
mod html;
mod path;
mod scan;
mod stream;
mod text;

pub use path::PathReader;
pub use scan::MAX_ITEM_BYTES;
pub use stream::StreamReader;

use scan::{Driver, Step};

/// The kind of container.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Detect from the first bytes (see [`detect`]).
    Auto,
    /// `cables.csv`: eight quoted columns, `\"` escapes, raw newlines in fields.
    Csv,
    /// A cablegate HTML page (`<table class='cable'>` and two `<pre>` blocks).
    Html,
    /// Plain or scraped text: one or many cables, raw or among commentary.
    Text,
}

impl Format {
    /// The lower-case name: `"auto"`, `"csv"`, `"html"` or `"text"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Text => "text",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of [`Format::from_str`]: the name is not one of `auto`, `csv`, `html`, `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown container format {:?} (expected auto, csv, html or text)",
            self.0
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Parses `auto`, `csv`, `html` (or `htm`) and `text` (or `txt`), ignoring ASCII case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("auto") {
            Ok(Format::Auto)
        } else if s.eq_ignore_ascii_case("csv") {
            Ok(Format::Csv)
        } else if s.eq_ignore_ascii_case("html") || s.eq_ignore_ascii_case("htm") {
            Ok(Format::Html)
        } else if s.eq_ignore_ascii_case("text") || s.eq_ignore_ascii_case("txt") {
            Ok(Format::Text)
        } else {
            Err(UnknownFormat(s.to_owned()))
        }
    }
}

/// How many first bytes [`detect`] looks at at most (the stream reader waits for this
/// many bytes, or the end of the input, before it detects).
pub const DETECT_BYTES: usize = 64;

/// Detect the container format from the first bytes of the input. Never returns
/// [`Format::Auto`].
///
/// * `"<digits>","` at the start (after an optional UTF-8 BOM) → [`Format::Csv`];
/// * `<` followed by `!`, `?` or a letter, after optional whitespace → [`Format::Html`]
///   (`<!DOCTYPE`, `<?xml`, `<html`); a `<<218634>>` dump line is text;
/// * anything else → [`Format::Text`].
pub fn detect(prefix: &[u8]) -> Format {
    let p = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    if csv::starts_row(p) == Some(true) {
        return Format::Csv;
    }
    let start = p
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(p.len());
    let p = &p[start..];
    if p.first() == Some(&b'<') {
        if let Some(&b) = p.get(1) {
            if b == b'!' || b == b'?' || b.is_ascii_alphabetic() {
                return Format::Html;
            }
        }
    }
    Format::Text
}

/// One cable as found in a container: the container's metadata and the cable text,
/// borrowed from the input where possible (`Cow::Owned` only where text was decoded:
/// CSV `\"` escapes, HTML `&#x000A;`/anchors/links, invalid UTF-8 replaced).
///
/// Values are as written (trimmed of surrounding blanks): the engine parses and
/// canonicalises them (`Reference ID 09MEXICO 3077` keeps its space here).
#[derive(Debug)]
pub struct CableSource<'a> {
    /// The container format the cable came from (`Csv`, `Html` or `Text`).
    pub format: Format,
    /// `{byte, line, record}` of the cable's start (its metadata included); `record` is
    /// the 0-based index of the cable among the cables of the container.
    pub position: Position,
    /// Bytes of the cable (with its metadata) in the container.
    pub span: Range<u64>,
    /// The dump's running number (`id` column, `ID:` label, `<<id>>` line).
    pub id: Option<u64>,
    /// Reference id as written (`refid` column, Reference ID cell, `Origin:` label).
    pub reference_id: Option<Cow<'a, str>>,
    /// Created date-time as written (`1/23/2009 23:11`, `2009-01-23 23:11`).
    pub created: Option<Cow<'a, str>>,
    /// Released date-time as written (HTML pages and page-style labels only).
    pub released: Option<Cow<'a, str>>,
    /// Classification as written (`SECRET//NOFORN`).
    pub classification: Option<Cow<'a, str>>,
    /// Origin as written (`Embassy Mexico`).
    pub origin: Option<Cow<'a, str>>,
    /// The raw `references` column / `Dunno:` / `MISC:` value (`09MEXICO2154 09MEXICO3076`).
    pub references: Option<Cow<'a, str>>,
    /// CSV `header` column, HTML first `<pre>`.
    pub header: Option<Cow<'a, str>>,
    /// CSV `content` column, HTML second `<pre>`.
    pub body: Option<Cow<'a, str>>,
    /// Text container: the cable text (header and body) after its metadata.
    pub text: Option<Cow<'a, str>>,
    /// Recoverable problems found while reading this cable (invalid UTF-8, a bad id).
    pub errors: Vec<Error>,
}

impl<'a> CableSource<'a> {
    /// Metadata and texts as an [`Input`] for [`crate::parse_input`]. The references
    /// value is split on commas, semicolons, `|` and whitespace.
    pub fn input(&self) -> Input<'_> {
        Input {
            metadata: Metadata {
                id: self.id,
                reference_id: self.reference_id.as_deref(),
                created: self.created.as_deref(),
                released: self.released.as_deref(),
                classification: self.classification.as_deref(),
                origin: self.origin.as_deref(),
                references: self
                    .references
                    .as_deref()
                    .map(split_references)
                    .unwrap_or_default(),
            },
            text: self.text.as_deref(),
            header: self.header.as_deref(),
            body: self.body.as_deref(),
            position: Some(self.position),
        }
    }

    /// Parse the cable: [`crate::parse_input`] of [`CableSource::input`], with the
    /// metadata reference id as context.
    pub fn parse(&self) -> Cable<'_> {
        crate::parse_input(
            &self.input(),
            Context {
                reference_id: self.reference_id.as_deref(),
                year: None,
            },
        )
    }

    /// A copy that owns all its text, independent of the input buffer.
    pub fn into_owned(self) -> CableSource<'static> {
        fn own(c: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
            c.map(|c| Cow::Owned(c.into_owned()))
        }
        CableSource {
            format: self.format,
            position: self.position,
            span: self.span,
            id: self.id,
            reference_id: own(self.reference_id),
            created: own(self.created),
            released: own(self.released),
            classification: own(self.classification),
            origin: own(self.origin),
            references: own(self.references),
            header: own(self.header),
            body: own(self.body),
            text: own(self.text),
            errors: self.errors,
        }
    }
}

impl Clone for CableSource<'_> {
    fn clone(&self) -> Self {
        CableSource {
            format: self.format,
            position: self.position,
            span: self.span.clone(),
            id: self.id,
            reference_id: self.reference_id.clone(),
            created: self.created.clone(),
            released: self.released.clone(),
            classification: self.classification.clone(),
            origin: self.origin.clone(),
            references: self.references.clone(),
            header: self.header.clone(),
            body: self.body.clone(),
            text: self.text.clone(),
            errors: self.errors.iter().map(clone_error).collect(),
        }
    }
}

/// A copy of an error ([`Error`] is not `Clone` because of `io::Error`; an I/O error is
/// copied as its kind and message).
fn clone_error(e: &Error) -> Error {
    match e {
        Error::InvalidUtf8 { byte, line } => Error::InvalidUtf8 {
            byte: *byte,
            line: *line,
        },
        Error::UnterminatedQuote { byte, line } => Error::UnterminatedQuote {
            byte: *byte,
            line: *line,
        },
        Error::FieldCount {
            byte,
            line,
            expected,
            found,
        } => Error::FieldCount {
            byte: *byte,
            line: *line,
            expected: *expected,
            found: *found,
        },
        Error::Truncated { byte, line } => Error::Truncated {
            byte: *byte,
            line: *line,
        },
        Error::MissingCableTable { byte, line, what } => Error::MissingCableTable {
            byte: *byte,
            line: *line,
            what,
        },
        Error::Malformed { byte, line, what } => Error::Malformed {
            byte: *byte,
            line: *line,
            what,
        },
        Error::InFile { path, source } => Error::InFile {
            path: path.clone(),
            source: Box::new(clone_error(source)),
        },
        Error::Io(io) => Error::Io(std::io::Error::new(io.kind(), io.to_string())),
        // `Error` is non-exhaustive: a variant added later is copied as its message.
        #[allow(unreachable_patterns)]
        other => Error::Io(std::io::Error::other(other.to_string())),
    }
}

/// Split a references value on commas, semicolons, `|` and whitespace, dropping empties.
fn split_references(s: &str) -> Vec<&str> {
    s.split(|c: char| c == ',' || c == ';' || c == '|' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect()
}

/// What a byte range of a container is.
// Items are handed out one at a time and consumed at once; boxing the cable would cost
// an allocation per cable for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Item<'a> {
    /// A cable, with its metadata.
    Cable(CableSource<'a>),
    /// Text between cables (blog commentary, a CSV row that could not be read), kept
    /// verbatim (invalid UTF-8 replaced by U+FFFD).
    Interstitial {
        /// Bytes of the text in the container.
        span: Range<u64>,
        /// The text.
        text: Cow<'a, str>,
    },
    /// Container furniture: row terminators of the CSV, HTML page chrome, blank lines
    /// between cables, a byte-order mark. (Metadata labels are part of the cable span.)
    Furniture {
        /// Bytes of the furniture in the container.
        span: Range<u64>,
    },
}

impl Item<'_> {
    /// The bytes this item covers in the container.
    pub fn span(&self) -> Range<u64> {
        match self {
            Item::Cable(c) => c.span.clone(),
            Item::Interstitial { span, .. } | Item::Furniture { span } => span.clone(),
        }
    }

    /// A copy that owns all its text.
    pub fn into_owned(self) -> Item<'static> {
        match self {
            Item::Cable(c) => Item::Cable(c.into_owned()),
            Item::Interstitial { span, text } => Item::Interstitial {
                span,
                text: Cow::Owned(text.into_owned()),
            },
            Item::Furniture { span } => Item::Furniture { span },
        }
    }
}

/// Zero-copy reader over a whole buffer (e.g. a memory-mapped or read-in file).
///
/// Yields [`Item`]s whose spans, in order, cover `0..input.len()` exactly. After an
/// `Err` the reader goes on: the bytes it could not read come next as an
/// [`Item::Interstitial`] (CSV) or [`Item::Furniture`] (HTML), then the next cable.
#[derive(Debug)]
pub struct SliceReader<'a> {
    input: &'a [u8],
    driver: Driver,
}

impl<'a> SliceReader<'a> {
    /// A reader over `input`; [`Format::Auto`] is resolved by [`detect`].
    pub fn new(input: &'a [u8], format: Format) -> Self {
        let format = match format {
            Format::Auto => detect(&input[..input.len().min(DETECT_BYTES)]),
            f => f,
        };
        SliceReader {
            input,
            driver: Driver::new(format),
        }
    }

    /// The format being read (never `Auto`).
    pub fn format(&self) -> Format {
        self.driver.format()
    }
}

impl<'a> Iterator for SliceReader<'a> {
    type Item = Result<Item<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let pos = usize::try_from(self.driver.pos()).unwrap_or(usize::MAX);
        let rest = self.input.get(pos..).unwrap_or(&[]);
        match self.driver.plan(rest, true) {
            Step::End => None,
            // Cannot happen with the whole input at hand; treated as the end.
            Step::NeedMore => None,
            Step::Emit(plan) => Some(self.driver.emit(rest, plan)),
        }
    }
}

/// Only the cables of a buffer (errors included, other items left out).
pub fn cables(
    input: &[u8],
    format: Format,
) -> impl Iterator<Item = Result<CableSource<'_>, Error>> {
    SliceReader::new(input, format).filter_map(|item| match item {
        Ok(Item::Cable(c)) => Some(Ok(c)),
        Ok(_) => None,
        Err(e) => Some(Err(e)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        assert_eq!(detect(b"\"240473\",\"12/17/2009 20:42\""), Format::Csv);
        assert_eq!(detect(b"\xEF\xBB\xBF\"1\",\""), Format::Csv);
        assert_eq!(detect(b"<?xml version='1.0'?>"), Format::Html);
        assert_eq!(detect(b"\n  <!DOCTYPE html>"), Format::Html);
        assert_eq!(detect(b"<html>"), Format::Html);
        assert_eq!(detect(b"<<218634>>\n7/29/2009 14:42"), Format::Text);
        assert_eq!(detect(b"\"hello\", she said"), Format::Text);
        assert_eq!(detect(b"VZCZCXRO1234\n"), Format::Text);
        assert_eq!(detect(b""), Format::Text);
    }

    #[test]
    fn format_names_round_trip() {
        for f in [Format::Auto, Format::Csv, Format::Html, Format::Text] {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
        }
        assert_eq!("HTM".parse::<Format>(), Ok(Format::Html));
        assert!("pdf".parse::<Format>().is_err());
    }

    #[test]
    fn references_split_on_separators() {
        assert_eq!(
            split_references("09FOO1, 09FOO2|09BAR3 ;10BAZ4\n"),
            ["09FOO1", "09FOO2", "09BAR3", "10BAZ4"]
        );
        assert!(split_references(" , ").is_empty());
    }

    #[test]
    fn input_carries_metadata() {
        let c = CableSource {
            format: Format::Csv,
            position: Position {
                byte: 7,
                line: 2,
                record: 1,
            },
            span: 7..20,
            id: Some(5),
            reference_id: Some(Cow::Borrowed("09FOO5")),
            created: Some(Cow::Borrowed("1/2/2009 03:04")),
            released: None,
            classification: Some(Cow::Borrowed("SECRET")),
            origin: Some(Cow::Borrowed("Embassy Foo")),
            references: Some(Cow::Borrowed("09FOO1,09FOO2")),
            header: Some(Cow::Borrowed("FM AMEMBASSY FOO")),
            body: Some(Cow::Borrowed("SECRET FOO 000005")),
            text: None,
            errors: Vec::new(),
        };
        let input = c.input();
        assert_eq!(input.metadata.reference_id, Some("09FOO5"));
        assert_eq!(input.metadata.references, ["09FOO1", "09FOO2"]);
        assert_eq!(input.header, Some("FM AMEMBASSY FOO"));
        assert_eq!(input.position.map(|p| p.byte), Some(7));
        let owned = c.clone().into_owned();
        assert_eq!(format!("{owned:?}"), format!("{c:?}"));
        assert_eq!(c.parse().id, Some(5));
    }
}
