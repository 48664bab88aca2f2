//! `cables.csv`: one row per cable, eight double-quoted columns
//! (`id`, `date`, `refid`, `origin`, `classification`, `references`, `header`, `content`),
//! `\"` for a quote inside a field (a backslash escape, not RFC 4180 doubling) and raw
//! newlines inside fields (format.md §A1.1).
//!
//! A row ends at a closing quote followed by a line break (or the end of the input).
//! A closing quote is a `"` not escaped by a backslash and followed by `,` or a line
//! break; any other unescaped `"` is kept as text. Broken rows are reported with the byte
//! and line where they start, then skipped up to the next line that starts a row
//! (`"<digits>","`):
//!
//! * a field still open when a line starting a row comes → [`Error::UnterminatedQuote`]
//!   (at the opening quote);
//! * a row with other than eight fields → [`Error::FieldCount`];
//! * the input ends inside a row → [`Error::Truncated`];
//! * a row longer than [`super::MAX_ITEM_BYTES`] → [`Error::Malformed`].
//!
//! Invalid UTF-8 inside a field is replaced (U+FFFD) and reported in
//! [`super::CableSource::errors`]; the cable is kept.

use std::borrow::Cow;

use memchr::{memchr, memchr2};

use crate::error::Error;
use crate::simd;

use super::scan::{CablePlan, Ctx, Enc, Field, Plan, Skip, Step, MAX_ITEM_BYTES};

// Offsets in a row are kept as `u32` (see `RowState::escapes`).
const _: () = assert!(MAX_ITEM_BYTES <= u32::MAX as usize);

/// Number of columns of a `cables.csv` row.
const COLUMNS: usize = 8;

/// Does `b` start a row (`"<digits>","`)? `None` when `b` is too short to say.
pub(crate) fn starts_row(b: &[u8]) -> Option<bool> {
    if b.is_empty() {
        return None;
    }
    if b[0] != b'"' {
        return Some(false);
    }
    let digits = b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
    let rest = &b[1 + digits..];
    if rest.is_empty() {
        return None;
    }
    if digits == 0 {
        return Some(false);
    }
    const SEP: &[u8] = b"\",\"";
    let n = rest.len().min(SEP.len());
    if rest[..n] != SEP[..n] {
        Some(false)
    } else if n < SEP.len() {
        None
    } else {
        Some(true)
    }
}

/// Outcome of reading one row.
#[derive(Clone, Copy)]
enum Row {
    /// The bytes end inside the row (the [`RowState`] says where to go on).
    More,
    /// A complete row ending at `end` (before its line break) with `count` fields, the
    /// first eight in the [`RowState`].
    Done { count: usize, end: usize },
    /// A field opened at `open` is still open at `next`, a line that starts a row.
    Unterminated { open: usize, next: usize },
    /// The input ends inside the row.
    Truncated,
}

/// How far the row at the current position has been read, kept between scan attempts.
///
/// The stream reader plans again when it has read more input; it resumes where the
/// bytes ran out instead of scanning the row from its start (offsets are relative to
/// the row's start, which does not move). It also holds the escapes the row's fields
/// need decoded, so that decoding needs no second search for them.
#[derive(Debug, Clone)]
pub(crate) struct RowState {
    /// Absolute offset of the row being read (`None`: none; the next attempt starts
    /// over).
    row: Option<u64>,
    /// The row's first eight fields, as far as read.
    fields: [Field; COLUMNS],
    /// Fields read so far.
    count: usize,
    /// Start of the field being read (at its opening quote, if quoted).
    field: usize,
    /// Where the search for the closing quote of that field goes on (0: at its start).
    scan: usize,
    /// Offsets of the backslashes of the `\"` and `\\` escapes of the row, ascending
    /// (`u32`: a row is read within [`MAX_ITEM_BYTES`]; at most half its bytes).
    escapes: Vec<u32>,
    /// What the quote search saw of the row so far, while it saw every byte of it
    /// but the quotes, commas and escaped characters it steps over (all ASCII, none a
    /// line break); `None` once an unquoted field was read (searched otherwise).
    /// Only [`read_row`] may set it (the row is taken for a `str` on its word).
    seen: Option<Seen>,
    /// The vector instructions the quote search uses.
    level: simd::Level,
}

/// The line breaks the quote search saw in a row, and whether it found the row
/// valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seen {
    /// Number of `\n`.
    pub lines: u64,
    /// Every byte of the row is in a piece [`simd::field_scan`] found valid
    /// UTF-8, or is a quote, comma or escaped character [`read_row`] checked
    /// (ASCII): the row is valid UTF-8 (pieces of valid UTF-8 put together
    /// are). Private: only the scan of this file can say so.
    utf8: bool,
}

impl Seen {
    /// What is known of a row before it is read.
    const START: Seen = Seen {
        lines: 0,
        utf8: true,
    };

    /// The row as text, when the scan found it valid UTF-8: `row` must be the
    /// bytes the scan saw (the `len` bytes of the plan it made, which the driver
    /// builds the cable from; see [`super::scan::Driver::emit`]).
    pub(crate) fn text(self, row: &[u8]) -> Option<&str> {
        if !self.utf8 {
            return None;
        }
        debug_assert!(std::str::from_utf8(row).is_ok(), "{row:?}");
        // SAFETY: the scan found `row` valid UTF-8 (see `utf8`). Rows are
        // about half ASCII and half with a few `’`: validating them again
        // would be another pass over every byte.
        #[allow(unsafe_code)]
        Some(unsafe { std::str::from_utf8_unchecked(row) })
    }
}

impl Default for RowState {
    fn default() -> Self {
        RowState {
            row: None,
            fields: [Field::raw(0, 0); COLUMNS],
            count: 0,
            field: 0,
            scan: 0,
            escapes: Vec::new(),
            seen: Some(Seen::START),
            level: simd::Level::detect(),
        }
    }
}

impl RowState {
    /// Start over for the row at absolute offset `row`, unless reading it is under way.
    fn begin(&mut self, row: u64) {
        if self.row != Some(row) {
            self.row = Some(row);
            self.fields = [Field::raw(0, 0); COLUMNS];
            self.count = 0;
            self.field = 0;
            self.scan = 0;
            self.escapes.clear();
            self.seen = Some(Seen::START);
        }
    }

    /// Forget where reading the row got to (it was read to its end, or its item was
    /// emitted); the fields and escapes found stay until the next row begins.
    pub(crate) fn finish(&mut self) {
        self.row = None;
    }

    /// The escapes found in the last row read (offsets in the row).
    pub(crate) fn escapes(&self) -> &[u32] {
        &self.escapes
    }
}

/// Plan the next item: furniture (line breaks between rows), a cable, or an error.
pub(crate) fn plan(buf: &[u8], eof: bool, ctx: &Ctx, state: &mut RowState) -> Step {
    // Line breaks between rows (and blank lines) are furniture.
    let breaks = buf
        .iter()
        .take_while(|&&b| b == b'\n' || b == b'\r')
        .count();
    if breaks > 0 {
        if breaks == buf.len() && !eof && breaks < MAX_ITEM_BYTES {
            return Step::NeedMore;
        }
        return Step::Emit(Plan::Furniture(breaks.min(MAX_ITEM_BYTES)));
    }
    let capped = buf.len() >= MAX_ITEM_BYTES;
    let lim = &buf[..buf.len().min(MAX_ITEM_BYTES)];
    let row_eof = eof && !capped;
    let error = |error: Error, skip: Option<usize>| -> Step {
        match skip {
            Some(skip) => Step::Emit(Plan::Error {
                error,
                skip,
                as_: Skip::Interstitial,
            }),
            None => Step::NeedMore,
        }
    };
    state.begin(ctx.base);
    let row = read_row(lim, row_eof, state);
    if !matches!(row, Row::More) {
        // Read to its end: another attempt (when resyncing after an error needs more
        // input) reads it again. The fields and escapes stay until then.
        state.finish();
    }
    match row {
        Row::More if !capped => Step::NeedMore,
        Row::More => {
            let (byte, line) = ctx.at(buf, 0);
            error(
                Error::Malformed {
                    byte,
                    line,
                    what: "CSV row longer than the item limit",
                },
                resync(buf, eof),
            )
        }
        Row::Truncated => {
            let (byte, line) = ctx.at(buf, 0);
            error(Error::Truncated { byte, line }, Some(buf.len()))
        }
        Row::Unterminated { open, next } => {
            let (byte, line) = ctx.at(buf, open);
            error(Error::UnterminatedQuote { byte, line }, Some(next))
        }
        Row::Done { count, end, .. } if count != COLUMNS => {
            if ctx.at_start && ctx.cables == 0 && count > 1 && !starts_with_number(buf) {
                // A header row (`id,date,refid,…`) before the first cable: furniture.
                return Step::Emit(Plan::Furniture(end));
            }
            let (byte, line) = ctx.at(buf, 0);
            error(
                Error::FieldCount {
                    byte,
                    line,
                    expected: COLUMNS,
                    found: count,
                },
                resync(buf, eof).map(|s| s.max(end)),
            )
        }
        Row::Done { end, .. } => {
            if ctx.at_start && ctx.cables == 0 && !starts_with_number(buf) {
                return Step::Emit(Plan::Furniture(end));
            }
            let mut plan = cable(buf, state.fields, end, ctx);
            plan.seen = state.seen;
            Step::Emit(Plan::Cable(Box::new(plan)))
        }
    }
}

/// Is the first field a number (quoted or not)?
fn starts_with_number(buf: &[u8]) -> bool {
    let b = buf.strip_prefix(b"\"").unwrap_or(buf);
    b.first().is_some_and(u8::is_ascii_digit)
}

/// The cable of a complete eight-field row.
fn cable(buf: &[u8], f: [Field; COLUMNS], end: usize, ctx: &Ctx) -> CablePlan {
    let mut errors = Vec::new();
    let id_bytes = buf.get(f[0].start..f[0].end).unwrap_or(&[]);
    if let Some(id) = plain_number(id_bytes) {
        return cable_with_id(Some(id), f, end, errors);
    }
    let id = std::str::from_utf8(id_bytes)
        .ok()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .and_then(|s| match s.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => {
                let (byte, line) = ctx.at(buf, f[0].start);
                errors.push(Error::Malformed {
                    byte,
                    line,
                    what: "CSV id",
                });
                None
            }
        });
    cable_with_id(id, f, end, errors)
}

/// The value of `b` when it is only ASCII digits (1 to 19 of them: no overflow), as
/// every `id` of a real `cables.csv` is; `None` for anything else (the general path
/// then trims, parses and reports).
fn plain_number(b: &[u8]) -> Option<u64> {
    if b.is_empty() || b.len() > 19 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |n, &d| n * 10 + u64::from(d - b'0')))
}

/// The plan of an eight-field row whose id is read.
fn cable_with_id(
    id: Option<u64>,
    f: [Field; COLUMNS],
    end: usize,
    errors: Vec<Error>,
) -> CablePlan {
    CablePlan {
        len: end,
        id,
        created: Some(f[1]),
        reference_id: Some(f[2]),
        origin: Some(f[3]),
        classification: Some(f[4]),
        references: Some(f[5]),
        header: Some(f[6]),
        body: Some(f[7]),
        errors,
        ..CablePlan::default()
    }
}

/// Offset of the next line (after the first line of `buf`) that starts a row, or the
/// end of the input; `None` when more input is needed to know.
fn resync(buf: &[u8], eof: bool) -> Option<usize> {
    let lim = buf.len().min(MAX_ITEM_BYTES);
    let mut i = 0;
    while let Some(k) = memchr(b'\n', &buf[i..lim]) {
        let at = i + k + 1;
        match starts_row(&buf[at..]) {
            Some(true) => return Some(at),
            None if !eof => return None,
            _ => {}
        }
        i = at;
    }
    if eof || lim < buf.len() || buf.len() >= MAX_ITEM_BYTES {
        Some(lim)
    } else {
        None
    }
}

/// Read one row from the start of `buf`, going on from where `st` stopped.
///
/// Every return of [`Row::More`] leaves `st` at a point where the same bytes plus more
/// give the same answer as a scan from the start: each byte is searched once.
fn read_row(buf: &[u8], eof: bool, st: &mut RowState) -> Row {
    let len = buf.len();
    let more = if eof { Row::Truncated } else { Row::More };
    loop {
        // `st.field` is at the start of a field.
        let i = st.field;
        if i >= len {
            return more;
        }
        let (field, after) = if buf[i] == b'"' {
            let open = i;
            let start = i + 1;
            let mut j = st.scan.max(start);
            loop {
                // Every byte of `j..` up to the quote is searched once (a resumed
                // search starts at the quote it stopped at, or at `len`).
                // (The escapes on the way are pushed to `st.escapes`; `buf` is
                // within `MAX_ITEM_BYTES`: their offsets fit, see the assertion at
                // the top of this file.)
                let found = simd::field_scan(st.level, buf, j, &mut st.escapes);
                if let Some(seen) = &mut st.seen {
                    seen.lines += found.lines;
                    seen.utf8 &= found.utf8;
                }
                let Some(q) = found.at else {
                    st.scan = len;
                    return more;
                };
                if buf[q] == b'\\' {
                    // The last byte: what it escapes comes with more input.
                    st.scan = q;
                    return more;
                }
                let field = Field {
                    start,
                    end: q,
                    // (Escapes are in row order: those of earlier fields are
                    // before `start`.)
                    enc: if st.escapes.last().is_some_and(|&e| e as usize >= start) {
                        Enc::CsvEscaped
                    } else {
                        Enc::Raw
                    },
                };
                match buf.get(q + 1) {
                    None if eof => break (field, End::Row(q + 1)),
                    None => {
                        st.scan = q;
                        return Row::More;
                    }
                    Some(b',') => break (field, End::Field(q + 2)),
                    Some(b'\n') => break (field, End::Row(q + 1)),
                    Some(b'\r') => match buf.get(q + 2) {
                        Some(b'\n') => break (field, End::Row(q + 1)),
                        None if !eof => {
                            st.scan = q;
                            return Row::More;
                        }
                        _ => j = q + 1,
                    },
                    Some(_) => {
                        // A quote at the start of a line that starts a row: the open
                        // field never closed. Otherwise a stray quote, kept as text.
                        if q > 0 && buf[q - 1] == b'\n' {
                            match starts_row(&buf[q..]) {
                                Some(true) => return Row::Unterminated { open, next: q },
                                None if !eof => {
                                    st.scan = q;
                                    return Row::More;
                                }
                                _ => {}
                            }
                        }
                        j = q + 1;
                    }
                }
            }
        } else {
            // An unquoted field (lenient): up to the next comma or line break. (Rare:
            // an unfinished one is searched again from its start.)
            st.seen = None;
            match memchr2(b',', b'\n', &buf[i..]) {
                None if eof => (Field::raw(i, len), End::Row(len)),
                None => return Row::More,
                Some(k) => {
                    let at = i + k;
                    if buf[at] == b',' {
                        (Field::raw(i, at), End::Field(at + 1))
                    } else {
                        let end = if at > i && buf[at - 1] == b'\r' {
                            at - 1
                        } else {
                            at
                        };
                        (Field::raw(i, end), End::Row(end))
                    }
                }
            }
        };
        if let Some(slot) = st.fields.get_mut(st.count) {
            *slot = field;
        }
        st.count += 1;
        st.scan = 0;
        match after {
            End::Field(next) => st.field = next,
            End::Row(end) => {
                return Row::Done {
                    count: st.count,
                    end,
                }
            }
        }
    }
}

/// What follows a field.
enum End {
    /// Another field, starting here.
    Field(usize),
    /// The end of the row (before its line break).
    Row(usize),
}

/// Decode the escapes of a field whose text `s` starts at offset `base` of its row:
/// `escapes` are the row offsets of the backslashes to drop, as [`RowState`] found
/// them (those outside the field are ignored). Same result as [`unescape`], without
/// searching the text again.
pub(crate) fn unescape_at<'s>(s: &'s str, base: usize, escapes: &[u32]) -> Cow<'s, str> {
    let end = base + s.len();
    let first = escapes.partition_point(|&e| (e as usize) < base);
    let last = first + escapes[first..].partition_point(|&e| (e as usize) < end);
    let Some(own) = escapes.get(first..last).filter(|e| !e.is_empty()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() - own.len());
    let mut from = 0;
    for &e in own {
        let e = e as usize;
        // Backslashes are ASCII: the cuts are char boundaries.
        let Some(part) = s.get(from..e - base) else {
            return unescape(Cow::Borrowed(s));
        };
        out.push_str(part);
        from = e - base + 1;
    }
    out.push_str(s.get(from..).unwrap_or_default());
    Cow::Owned(out)
}

/// Decode `\"` and `\\`; other backslashes are kept as written.
pub(crate) fn unescape(s: Cow<'_, str>) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let Some(first) = memchr(b'\\', bytes) else {
        return s;
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut i = first;
    while i < bytes.len() {
        match memchr(b'\\', &bytes[i..]) {
            None => {
                out.push_str(&s[i..]);
                break;
            }
            Some(k) => {
                let at = i + k;
                out.push_str(&s[i..at]);
                match bytes.get(at + 1) {
                    Some(&c @ (b'"' | b'\\')) => {
                        out.push(c as char);
                        i = at + 2;
                    }
                    _ => {
                        out.push('\\');
                        i = at + 1;
                    }
                }
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::super::{Format, Item, SliceReader};
    use super::*;

    const ROW1: &str = "\"1\",\"1/2/2009 03:04\",\"09FOOBAR1\",\"Embassy Foobar\",\"SECRET\",\"\",\"R 020304Z JAN 09\nFM AMEMBASSY FOOBAR\",\"S E C R E T FOOBAR 000001\n\nSAID \\\"YES\\\"\"\n";
    const ROW2: &str = "\"2\",\"1/3/2009 05:06\",\"09FOOBAR2\",\"Embassy Foobar\",\"CONFIDENTIAL\",\"09FOOBAR1\",\"\",\"C O N F I D E N T I A L FOOBAR 000002\n\"\n";

    fn items(input: &[u8]) -> Vec<Result<Item<'_>, Error>> {
        SliceReader::new(input, Format::Csv).collect()
    }

    fn assert_tiles(input: &[u8]) {
        let mut at = 0;
        for item in items(input).into_iter().flatten() {
            assert_eq!(item.span().start, at);
            at = item.span().end;
        }
        assert_eq!(at, input.len() as u64);
    }

    #[test]
    fn row_start() {
        assert_eq!(starts_row(b"\"12\",\"x"), Some(true));
        assert_eq!(starts_row(b"\"12\","), None);
        assert_eq!(starts_row(b"\"12"), None);
        assert_eq!(starts_row(b"\"\",\""), Some(false));
        assert_eq!(starts_row(b"\"12\";"), Some(false));
        assert_eq!(starts_row(b"12"), Some(false));
    }

    #[test]
    fn reads_rows_zero_copy() {
        let input = format!("{ROW1}{ROW2}");
        let all = items(input.as_bytes());
        let cables: Vec<_> = all
            .iter()
            .filter_map(|i| match i {
                Ok(Item::Cable(c)) => Some(c),
                _ => None,
            })
            .collect();
        assert_eq!(cables.len(), 2);
        let c = cables[0];
        assert_eq!(c.id, Some(1));
        assert_eq!(c.created.as_deref(), Some("1/2/2009 03:04"));
        assert_eq!(c.reference_id.as_deref(), Some("09FOOBAR1"));
        assert!(matches!(c.reference_id, Some(Cow::Borrowed(_))));
        assert!(matches!(c.header, Some(Cow::Borrowed(_))));
        assert_eq!(
            c.body.as_deref(),
            Some("S E C R E T FOOBAR 000001\n\nSAID \"YES\"")
        );
        assert!(matches!(c.body, Some(Cow::Owned(_))));
        assert_eq!(c.references, None);
        assert_eq!(c.span, 0..ROW1.len() as u64 - 1);
        let d = cables[1];
        assert_eq!(d.position.byte, ROW1.len() as u64);
        assert_eq!(d.position.line, 5);
        assert_eq!(d.position.record, 1);
        assert_eq!(d.header, None);
        assert_eq!(d.references.as_deref(), Some("09FOOBAR1"));
        assert_tiles(input.as_bytes());
    }

    #[test]
    fn unescape_keeps_unknown_escapes() {
        assert_eq!(unescape(Cow::Borrowed(r#"a\"b\\c\nd\"#)), "a\"b\\c\\nd\\");
        assert!(matches!(unescape(Cow::Borrowed("plain")), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_found_by_the_scan_decode_like_unescape() {
        // Field texts as written (between the quotes), escapes of every kind.
        let fields = [
            r#"09X\\Y"#,
            r#"a\"b\\c\nd \\\"e\" x\ y"#,
            r#"\\\\\"\\"#,
            r#"LINE 1\nSAID \"OK\"\n\\\\"#,
        ];
        let row = format!(
            "\"1\",\"d\",\"{}\",\"o\",\"c\",\"{}\",\"{}\",\"{}\"\n",
            fields[0], fields[1], fields[2], fields[3]
        );
        let all = items(row.as_bytes());
        let Some(Ok(Item::Cable(c))) = all.first() else {
            panic!("{all:?}")
        };
        let got = [&c.reference_id, &c.references, &c.header, &c.body];
        for (raw, got) in fields.iter().zip(got) {
            assert_eq!(
                got.as_deref(),
                Some(&*unescape(Cow::Borrowed(raw))),
                "{raw}"
            );
        }
        assert_eq!(c.reference_id.as_deref(), Some(r#"09X\Y"#));
        assert_eq!(c.header.as_deref(), Some(r#"\\"\"#));
    }

    /// The items of `bytes` read by the driver as a stream that hands it `step`
    /// more bytes at a time (each attempt goes on from the last), after showing
    /// `each` the start and plan of every one.
    fn drive(bytes: &[u8], step: usize, mut each: impl FnMut(usize, &Plan)) -> Vec<String> {
        use super::super::scan::Driver;
        let mut driver = Driver::new(Format::Csv);
        let mut got = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let mut cut = at;
            let plan = loop {
                cut = (cut + step).min(bytes.len());
                let eof = cut == bytes.len();
                match driver.plan(&bytes[at..cut], eof) {
                    Step::Emit(plan) => break plan,
                    Step::NeedMore if !eof => {}
                    s => panic!("unexpected {s:?}"),
                }
            };
            each(at, &plan);
            let item = driver.emit(&bytes[at..cut], plan);
            at = driver.pos() as usize;
            got.push(format!("{item:?}"));
        }
        got
    }

    #[test]
    fn resumes_where_the_bytes_ran_out() {
        // Cut the input after every byte: the items are the ones read in one go.
        let input = format!("{ROW1}{ROW2}");
        let bytes = input.as_bytes();
        let whole: Vec<String> = items(bytes).into_iter().map(|i| format!("{i:?}")).collect();
        assert_eq!(drive(bytes, 1, |_, _| {}), whole);
    }

    /// The (start, length, seen) of every cable planned from `bytes`, handed to
    /// the driver `step` more bytes at a time.
    fn seen_in(bytes: &[u8], step: usize) -> Vec<(usize, usize, Option<Seen>)> {
        let mut got = Vec::new();
        drive(bytes, step, |at, plan| {
            if let Plan::Cable(c) = plan {
                got.push((at, c.len, c.seen));
            }
        });
        got
    }

    /// What the row scan must have seen of `row`: its line breaks and whether
    /// it is valid UTF-8.
    fn seen_def(row: &[u8]) -> Seen {
        Seen {
            lines: row.iter().filter(|&&c| c == b'\n').count() as u64,
            utf8: std::str::from_utf8(row).is_ok(),
        }
    }

    /// What the scan saw of each row of `bytes` handed `step` bytes at a time
    /// is the row's: the line breaks always, the UTF-8 check when the rows came
    /// whole (a character cut by the end of the bytes at hand leaves the row to
    /// the validator; an invalid row is never found valid).
    fn check_seen(bytes: &[u8], step: usize) -> usize {
        let got = seen_in(bytes, step);
        for &(at, len, seen) in &got {
            let def = seen_def(&bytes[at..at + len]);
            let Some(seen) = seen else { continue };
            assert_eq!(seen.lines, def.lines, "step {step}");
            assert!(def.utf8 || !seen.utf8, "step {step}");
            if step >= bytes.len() {
                assert_eq!(seen, def);
            }
        }
        got.len()
    }

    #[test]
    fn row_scan_sees_every_byte() {
        let input =
            format!("{ROW1}{ROW2}\"3\",\"d\",\"r\",\"o\",\"c\",\"\",\"h\",\"a \u{2019} b\"\r\n");
        let bytes = input.as_bytes();
        for step in [1, 2, 3, 7, 64, bytes.len()] {
            assert_eq!(check_seen(bytes, step), 3);
        }
        let got = seen_in(bytes, bytes.len());
        assert!(got.iter().all(|&(_, _, seen)| seen.is_some_and(|s| s.utf8)));
        // Rows that are not valid UTF-8: a byte no character starts with, a
        // character cut short by the closing quote.
        let mut bad = bytes.to_vec();
        let at = input.find("FOOBAR 000001").unwrap();
        bad[at] = 0xFF;
        let cut = input.find(" b\"\r").unwrap();
        bad[cut - 1] = b'"';
        for step in [1, 2, 3, 7, 64, bad.len()] {
            assert_eq!(check_seen(&bad, step), 3);
        }
        let got = seen_in(&bad, bad.len());
        let utf8: Vec<_> = got.iter().map(|&(_, _, s)| s.map(|s| s.utf8)).collect();
        assert_eq!(utf8, [Some(false), Some(true), Some(false)]);
        // An unquoted field is not searched for quotes: nothing is known.
        let got = seen_in(b"\"4\",d,\"r\",\"o\",\"c\",\"\",\"h\",\"b\"\n", 100);
        assert_eq!(got, vec![(0, 28, None)]);
    }

    /// `s` with `#` for a byte no character starts with (`0xFF`), `~` for the
    /// lead byte of a character cut short (`0xE2`) and `^` for a lone
    /// continuation byte (`0x80`).
    fn with_invalid_bytes(s: &str) -> Vec<u8> {
        s.bytes()
            .map(|c| match c {
                b'#' => 0xFF,
                b'~' => 0xE2,
                b'^' => 0x80,
                c => c,
            })
            .collect()
    }

    proptest::proptest! {
        /// Rows of fields with escapes, line breaks, stray quotes, CR LF and
        /// non-ASCII text, read in one go and cut anywhere: what the scan saw is
        /// the row's bytes.
        #[test]
        fn row_scan_sees_what_the_row_holds(
            fields in proptest::collection::vec(
                "([a-z ]{0,30}(\\\\\"|\\\\\\\\|\\\\n|\n|\r\n|\r|\"x|\u{2019}|\u{a0}|,|#|~)){0,5}",
                8..=8,
            ),
            rows in 1usize..4,
            step in 1usize..90,
        ) {
            let mut input = String::new();
            for r in 0..rows {
                input.push_str(&format!("\"{r}\""));
                for f in &fields[1..] {
                    input.push_str(&format!(",\"{f}\""));
                }
                input.push('\n');
            }
            let bytes = with_invalid_bytes(&input);
            check_seen(&bytes, step);
            check_seen(&bytes, bytes.len());
        }

        /// Rows with non-ASCII text, valid or not (`#`: `0xFF`; `~`: a lead byte
        /// alone; `^`: a lone continuation byte), read in one go (the rows the scan
        /// found valid taken for text as they are) and cut anywhere (rows with a
        /// cut character validated again): the same items, errors included.
        #[test]
        fn rows_taken_for_text_read_like_validated_ones(
            fields in proptest::collection::vec(
                "([a-z ]{0,40}(\\\\\"|\n|\u{2019}|\u{e9}|\u{1F600}|\u{a0}|\"x|#|~|\\^)){0,6}",
                4..=4,
            ),
            step in 1usize..100,
        ) {
            let row = format!(
                "\"1\",\"d\",\"{}\",\"o\",\"c\",\"{}\",\"{}z\",\"{}z\"\n",
                fields[0], fields[1], fields[2], fields[3]
            );
            let bytes = with_invalid_bytes(&row.repeat(2));
            let whole: Vec<String> = items(&bytes).iter().map(|i| format!("{i:?}")).collect();
            proptest::prop_assert_eq!(drive(&bytes, step, |_, _| {}), whole);
            // Errors exactly where the bytes are not valid UTF-8.
            let all = items(&bytes);
            let Some(Ok(Item::Cable(c))) = all.first() else {
                panic!("{all:?}")
            };
            let text = String::from_utf8_lossy(&bytes);
            proptest::prop_assert_eq!(c.errors.is_empty(), !text.contains('\u{FFFD}'));
        }

        /// Long fields with escapes anywhere (across the scan's 64-byte steps),
        /// read in one go and cut anywhere: each decodes as `unescape` says.
        #[test]
        fn escapes_across_steps_decode_like_unescape(
            fields in proptest::collection::vec(
                "([a-z ]{0,70}(\\\\\"|\\\\\\\\|\\\\n|\\\\|\n|\u{2019}|\"x)){0,6}",
                4..=4,
            ),
            step in 1usize..200,
        ) {
            // (A field ending in a backslash would escape its closing quote.)
            let fields: Vec<String> = fields.into_iter().map(|f| f + "z").collect();
            let row = format!(
                "\"1\",\"d\",\"{}\",\"o\",\"c\",\"{}\",\"{}\",\"{}\"\n",
                fields[0], fields[1], fields[2], fields[3]
            );
            let bytes = row.as_bytes();
            let all = items(bytes);
            let Some(Ok(Item::Cable(c))) = all.first() else {
                panic!("{all:?}")
            };
            let got = [&c.reference_id, &c.references, &c.header, &c.body];
            for (raw, got) in fields.iter().zip(got) {
                proptest::prop_assert_eq!(got.as_deref(), Some(&*unescape(Cow::Borrowed(raw))));
            }
            let whole: Vec<String> = all.iter().map(|i| format!("{i:?}")).collect();
            proptest::prop_assert_eq!(drive(bytes, step, |_, _| {}), whole);
        }
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(plain_number(b"240473"), Some(240473));
        assert_eq!(plain_number(b"0007"), Some(7));
        assert_eq!(
            plain_number(b"9999999999999999999"),
            Some(9_999_999_999_999_999_999)
        );
        // Left to the general path: too long, signed, blank, empty.
        assert_eq!(plain_number(b"18446744073709551615"), None);
        assert_eq!(plain_number(b"+1"), None);
        assert_eq!(plain_number(b" 1"), None);
        assert_eq!(plain_number(b""), None);
    }

    #[test]
    fn field_count_is_reported_and_skipped() {
        let bad = "\"7\",\"1/1/2009 01:01\",\"09X7\"\n";
        let input = format!("{ROW1}{bad}{ROW2}");
        let all = items(input.as_bytes());
        let err = all.iter().find_map(|i| i.as_ref().err()).unwrap();
        match err {
            Error::FieldCount {
                byte,
                line,
                expected,
                found,
            } => {
                assert_eq!(*byte, ROW1.len() as u64);
                assert_eq!(*line, 5);
                assert_eq!((*expected, *found), (8, 3));
            }
            e => panic!("unexpected {e:?}"),
        }
        let n = all
            .iter()
            .filter(|i| matches!(i, Ok(Item::Cable(_))))
            .count();
        assert_eq!(n, 2);
        assert!(all
            .iter()
            .any(|i| matches!(i, Ok(Item::Interstitial { text, .. }) if text.as_ref() == bad)));
        assert_tiles(input.as_bytes());
    }

    #[test]
    fn unterminated_quote_resyncs_at_next_row() {
        let bad = "\"8\",\"1/1/2009 01:01\",\"09X8\",\"Embassy X\",\"SECRET\",\"\",\"\",\"TEXT THAT NEVER ENDS\n";
        let input = format!("{ROW1}{bad}{ROW2}");
        let all = items(input.as_bytes());
        let open = ROW1.len() + bad.find("\"TEXT").unwrap();
        match all.iter().find_map(|i| i.as_ref().err()).unwrap() {
            Error::UnterminatedQuote { byte, line } => {
                assert_eq!(*byte, open as u64);
                assert_eq!(*line, 5);
            }
            e => panic!("unexpected {e:?}"),
        }
        let ids: Vec<_> = all
            .iter()
            .filter_map(|i| match i {
                Ok(Item::Cable(c)) => c.id,
                _ => None,
            })
            .collect();
        assert_eq!(ids, [1, 2]);
        assert_tiles(input.as_bytes());
    }

    #[test]
    fn truncated_last_row() {
        let input = format!("{ROW1}{}", &ROW2[..40]);
        let all = items(input.as_bytes());
        assert_eq!(all.len(), 4, "{all:?}");
        match &all[2] {
            Err(Error::Truncated { byte, line }) => {
                assert_eq!(*byte, ROW1.len() as u64);
                assert_eq!(*line, 5);
            }
            e => panic!("unexpected {e:?}"),
        }
        assert_tiles(input.as_bytes());
    }

    #[test]
    fn invalid_utf8_in_field() {
        let mut input = ROW1.as_bytes().to_vec();
        let at = ROW1.find("FOOBAR 000001").unwrap();
        input[at] = 0xFF;
        let all = items(&input);
        let Ok(Item::Cable(c)) = &all[0] else {
            panic!("{all:?}")
        };
        assert_eq!(c.errors.len(), 1);
        assert_eq!(c.errors[0].byte_offset(), Some(at as u64));
        assert_eq!(c.errors[0].line(), Some(2));
        assert!(c.body.as_deref().unwrap().contains("\u{FFFD}OOBAR"));
        assert_tiles(&input);
    }

    #[test]
    fn header_row_and_crlf() {
        let input = "id,date,refid,origin,classification,references,header,content\r\n\"1\",\"d\",\"r\",\"o\",\"c\",\"\",\"h\",\"b\"\r\n";
        let all = items(input.as_bytes());
        assert!(matches!(all[0], Ok(Item::Furniture { .. })));
        let c = all
            .iter()
            .find_map(|i| match i {
                Ok(Item::Cable(c)) => Some(c),
                _ => None,
            })
            .unwrap();
        assert_eq!(c.body.as_deref(), Some("b"));
        assert_eq!(c.position.line, 2);
        assert_tiles(input.as_bytes());
    }

    #[test]
    fn stray_quote_is_text() {
        let input = "\"1\",\"d\",\"r\",\"o\",\"c\",\"\",\"h\",\"a \"quoted\" word\"\n";
        let c = items(input.as_bytes())
            .into_iter()
            .find_map(|i| match i {
                Ok(Item::Cable(c)) => Some(c),
                _ => None,
            })
            .unwrap();
        assert_eq!(c.body.as_deref(), Some("a \"quoted\" word"));
    }
}
