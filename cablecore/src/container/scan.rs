//! The machinery the three formats share: a scan step that finds the next item as a
//! *plan* (byte ranges, no borrows), and a driver that turns plans into [`Item`]s and
//! keeps position, line and record counts.
//!
//! Splitting "find" from "build" is what lets the stream reader lend items out of its
//! buffer: it plans (possibly reading more input between attempts), then builds the
//! item from the buffer once, after the last mutation.

use std::borrow::Cow;

use crate::error::Error;
use crate::record::Position;

use super::{csv, html, text, CableSource, Format, Item};

/// The most bytes any one item (cable, interstitial text, furniture run) may span, and so
/// the most a scanner looks ahead. A cable or row that is longer is cut (text, HTML) or
/// reported as an error (CSV) at this length, identically in every reader.
pub const MAX_ITEM_BYTES: usize = 16 << 20;

/// The result of one scan attempt.
#[derive(Debug)]
pub(crate) enum Step {
    /// Nothing left.
    End,
    /// The bytes at hand end inside the next item: read more and try again.
    NeedMore,
    /// The next item is known.
    Emit(Plan),
}

/// What the next item is, as offsets into the bytes from the current position.
#[derive(Debug)]
pub(crate) enum Plan {
    /// `len` bytes of furniture.
    Furniture(usize),
    /// `len` bytes of interstitial text.
    Interstitial(usize),
    /// A cable.
    Cable(Box<CablePlan>),
    /// An error; then `skip` bytes come as an item of kind `as_`.
    Error {
        error: Error,
        skip: usize,
        as_: Skip,
    },
}

/// How the bytes skipped after an error are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Skip {
    Furniture,
    Interstitial,
}

/// How a field's bytes are decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Enc {
    /// As is (only UTF-8 checked).
    Raw,
    /// CSV with backslash escapes inside.
    CsvEscaped,
    /// An HTML `<pre>` block or table cell.
    Html,
}

/// A field: `start..end` in the bytes from the current position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Field {
    pub start: usize,
    pub end: usize,
    pub enc: Enc,
}

impl Field {
    pub(crate) fn raw(start: usize, end: usize) -> Self {
        Field {
            start,
            end,
            enc: Enc::Raw,
        }
    }
}

/// A cable found by a scanner.
#[derive(Debug, Default)]
pub(crate) struct CablePlan {
    /// Bytes of the cable from the current position (the cable starts there).
    pub len: usize,
    pub id: Option<u64>,
    pub reference_id: Option<Field>,
    pub created: Option<Field>,
    pub released: Option<Field>,
    pub classification: Option<Field>,
    pub origin: Option<Field>,
    pub references: Option<Field>,
    pub header: Option<Field>,
    pub body: Option<Field>,
    pub text: Option<Field>,
    /// Problems found while scanning (a bad id).
    pub errors: Vec<Error>,
    /// The line breaks and non-ASCII bytes of the cable's `len` bytes, when the
    /// scanner saw them all (a CSV row of quoted fields).
    pub seen: Option<csv::Seen>,
}

/// Number of `\n` in `b`.
#[inline]
pub(crate) fn count_lines(b: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', b).count() as u64
}

/// What the scanners know besides the bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    /// Absolute offset of the current position.
    pub base: u64,
    /// 1-based line of the current position.
    pub line: u64,
    /// Cables emitted so far.
    pub cables: u64,
    /// True while only furniture has been emitted.
    pub at_start: bool,
}

impl Ctx {
    /// `(byte, line)` of offset `off` in `buf` (the bytes from the current position).
    pub(crate) fn at(&self, buf: &[u8], off: usize) -> (u64, u64) {
        let off = off.min(buf.len());
        (self.base + off as u64, self.line + count_lines(&buf[..off]))
    }
}

/// Format-independent reading state: position, counts, the bytes pending after an error.
#[derive(Debug)]
pub(crate) struct Driver {
    format: Format,
    pos: u64,
    line: u64,
    cables: u64,
    at_start: bool,
    pending: Option<(usize, Skip)>,
    /// The CSV row being read (kept between attempts) and its escapes.
    row: csv::RowState,
}

impl Driver {
    pub(crate) fn new(format: Format) -> Self {
        Driver {
            format: match format {
                Format::Auto => Format::Text,
                f => f,
            },
            pos: 0,
            line: 1,
            cables: 0,
            at_start: true,
            pending: None,
            row: csv::RowState::default(),
        }
    }

    pub(crate) fn format(&self) -> Format {
        self.format
    }

    /// Set the format before anything was read (the stream reader detects late).
    pub(crate) fn set_format(&mut self, format: Format) {
        if self.pos == 0 && format != Format::Auto {
            self.format = format;
        }
    }

    /// Absolute offset of the next item.
    pub(crate) fn pos(&self) -> u64 {
        self.pos
    }

    /// Plan the next item from `buf` (the bytes from [`Driver::pos`]; `eof` when they run
    /// to the end of the input). Does not advance; after [`Step::NeedMore`], the next
    /// attempt (with the same bytes and more) goes on where this one stopped.
    pub(crate) fn plan(&mut self, buf: &[u8], eof: bool) -> Step {
        if let Some((len, as_)) = self.pending {
            return Step::Emit(match as_ {
                Skip::Furniture => Plan::Furniture(len),
                Skip::Interstitial => Plan::Interstitial(len),
            });
        }
        if buf.is_empty() {
            return if eof { Step::End } else { Step::NeedMore };
        }
        if self.pos == 0 {
            const BOM: &[u8] = b"\xEF\xBB\xBF";
            if buf.starts_with(BOM) {
                return Step::Emit(Plan::Furniture(BOM.len()));
            }
            if buf.len() < BOM.len() && BOM.starts_with(buf) && !eof {
                return Step::NeedMore;
            }
        }
        let ctx = Ctx {
            base: self.pos,
            line: self.line,
            cables: self.cables,
            at_start: self.at_start,
        };
        let step = match self.format {
            Format::Csv => csv::plan(buf, eof, &ctx, &mut self.row),
            Format::Html => html::plan(buf, eof, &ctx),
            Format::Text | Format::Auto => text::plan(buf, eof, &ctx),
        };
        match step {
            // A scanner must decide at the end of the input; never stall there.
            Step::NeedMore if eof => Step::Emit(Plan::Furniture(buf.len())),
            s => s,
        }
    }

    /// Build the planned item from `buf` (the same bytes the plan was made from, or
    /// more) and advance past it. (Those bytes must be the same: a CSV row the scan
    /// found valid UTF-8 is taken for text on its word, see [`csv::Seen::text`].)
    pub(crate) fn emit<'b>(&mut self, buf: &'b [u8], plan: Plan) -> Result<Item<'b>, Error> {
        // Whatever comes next is planned from scratch (the row's escapes stay until
        // then: the build below reads them).
        self.row.finish();
        let (len, seen) = match &plan {
            Plan::Furniture(n) | Plan::Interstitial(n) => (*n, None),
            Plan::Cable(c) => (c.len, c.seen),
            Plan::Error { .. } => (0, None),
        };
        // (The scanner counted what it saw of `len` bytes, all of them in `buf`.)
        let seen = seen.filter(|_| len <= buf.len());
        let len = len.min(buf.len());
        let bytes = &buf[..len];
        let span = self.pos..self.pos + len as u64;
        let item = match plan {
            Plan::Error { error, skip, as_ } => {
                self.pending = (skip > 0).then_some((skip, as_));
                return Err(error);
            }
            Plan::Furniture(_) => Item::Furniture { span },
            Plan::Interstitial(_) => Item::Interstitial {
                span,
                text: String::from_utf8_lossy(bytes),
            },
            Plan::Cable(mut plan) => {
                let ctx = Ctx {
                    base: self.pos,
                    line: self.line,
                    cables: self.cables,
                    at_start: self.at_start,
                };
                let escapes = self.row.escapes();
                Item::Cable(build(buf, &mut plan, self.format, &ctx, escapes))
            }
        };
        self.pending = None;
        if !matches!(item, Item::Furniture { .. }) {
            self.at_start = false;
        }
        if matches!(item, Item::Cable(_)) {
            self.cables += 1;
        }
        self.pos += len as u64;
        self.line += match seen {
            Some(seen) => seen.lines,
            None => count_lines(bytes),
        };
        Ok(item)
    }
}

/// Turn a plan into a [`CableSource`], decoding the fields (`escapes`: those the CSV
/// scanner found in the row, see [`csv::RowState`]).
fn build<'b>(
    buf: &'b [u8],
    plan: &mut CablePlan,
    format: Format,
    ctx: &Ctx,
    escapes: &[u32],
) -> CableSource<'b> {
    // (The plan is borrowed, not moved out of its box: a move is a 300-byte copy.)
    let mut errors = std::mem::take(&mut plan.errors);
    // A CSV row is nearly all field bytes: it is taken for text in one go, and
    // its fields are then cut from it (at quotes and commas: char boundaries). The
    // row scan validated it on the way (every row of the real sample); a row it
    // did not find valid (invalid, with an unquoted field, or with a character cut
    // by the stream's buffer) is checked here. Only a row that fails has its
    // fields checked one by one, to say where.
    let row = match format {
        Format::Csv => {
            buf.get(..plan.len)
                .and_then(|b| match plan.seen.and_then(|seen| seen.text(b)) {
                    Some(s) => Some(s),
                    None => simdutf8::basic::from_utf8(b).ok(),
                })
        }
        _ => None,
    };
    let mut field = |f: Option<Field>| -> Option<Cow<'b, str>> {
        let f = f?;
        let bytes = buf.get(f.start..f.end)?;
        if bytes.is_empty() {
            return None;
        }
        match row.and_then(|r| r.get(f.start..f.end)) {
            Some(s) if f.enc == Enc::CsvEscaped => Some(csv::unescape_at(s, f.start, escapes)),
            Some(s) => Some(unescape_field(Cow::Borrowed(s), f.enc)),
            None => Some(decode(bytes, f, buf, ctx, &mut errors)),
        }
    };
    let reference_id = field(plan.reference_id);
    let created = field(plan.created);
    let released = field(plan.released);
    let classification = field(plan.classification);
    let origin = field(plan.origin);
    let references = field(plan.references);
    let header = field(plan.header);
    let body = field(plan.body);
    let text = field(plan.text);
    CableSource {
        format,
        position: Position {
            byte: ctx.base,
            line: ctx.line,
            record: ctx.cables,
        },
        span: ctx.base..ctx.base + plan.len as u64,
        id: plan.id,
        reference_id,
        created,
        released,
        classification,
        origin,
        references,
        header,
        body,
        text,
        errors,
    }
}

/// Decode one field; invalid UTF-8 is replaced and reported.
fn decode<'b>(
    bytes: &'b [u8],
    f: Field,
    buf: &[u8],
    ctx: &Ctx,
    errors: &mut Vec<Error>,
) -> Cow<'b, str> {
    // The fast validator says only "valid or not"; the std one then finds where.
    let text: Cow<'b, str> = match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            let bad = std::str::from_utf8(bytes)
                .err()
                .map_or(0, |e| e.valid_up_to());
            let (byte, line) = ctx.at(buf, f.start + bad);
            errors.push(Error::InvalidUtf8 { byte, line });
            String::from_utf8_lossy(bytes)
        }
    };
    unescape_field(text, f.enc)
}

/// Undo the escapes of a field's encoding in its (valid UTF-8) text.
fn unescape_field(text: Cow<'_, str>, enc: Enc) -> Cow<'_, str> {
    match enc {
        Enc::Raw => text,
        Enc::CsvEscaped => csv::unescape(text),
        Enc::Html => html::decode(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctx_counts_lines() {
        let ctx = Ctx {
            base: 100,
            line: 3,
            cables: 0,
            at_start: true,
        };
        assert_eq!(ctx.at(b"ab\ncd\nef", 7), (107, 5));
        assert_eq!(ctx.at(b"ab", 99), (102, 3));
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let buf = b"ok\n\xFFno";
        let ctx = Ctx {
            base: 10,
            line: 1,
            cables: 0,
            at_start: true,
        };
        let mut errors = Vec::new();
        let s = decode(&buf[..], Field::raw(0, buf.len()), buf, &ctx, &mut errors);
        assert_eq!(s, "ok\n\u{FFFD}no");
        assert!(matches!(s, Cow::Owned(_)));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].byte_offset(), Some(13));
        assert_eq!(errors[0].line(), Some(2));
    }

    #[test]
    fn driver_emits_bom_as_furniture() {
        let mut d = Driver::new(Format::Text);
        let buf = b"\xEF\xBB\xBF";
        let plan = d.plan(buf, true);
        match plan {
            Step::Emit(p) => {
                let item = d.emit(buf, p).unwrap();
                assert_eq!(item.span(), 0..3);
            }
            s => panic!("unexpected {s:?}"),
        }
        assert!(matches!(d.plan(&buf[3..], true), Step::End));
    }
}
