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

use super::scan::{CablePlan, Ctx, Enc, Field, Plan, Skip, Step, MAX_ITEM_BYTES};

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
enum Row {
    /// The bytes end inside the row.
    More,
    /// A complete row ending at `end` (before its line break) with `count` fields, the
    /// first eight in `fields`.
    Done {
        fields: [Field; COLUMNS],
        count: usize,
        end: usize,
    },
    /// A field opened at `open` is still open at `next`, a line that starts a row.
    Unterminated { open: usize, next: usize },
    /// The input ends inside the row.
    Truncated,
}

/// Plan the next item: furniture (line breaks between rows), a cable, or an error.
pub(crate) fn plan(buf: &[u8], eof: bool, ctx: &Ctx) -> Step {
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
    match read_row(lim, row_eof) {
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
        Row::Done { fields, end, .. } => {
            if ctx.at_start && ctx.cables == 0 && !starts_with_number(buf) {
                return Step::Emit(Plan::Furniture(end));
            }
            Step::Emit(Plan::Cable(Box::new(cable(buf, fields, end, ctx))))
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

/// Read one row from the start of `buf`.
fn read_row(buf: &[u8], eof: bool) -> Row {
    let empty = Field::raw(0, 0);
    let mut fields = [empty; COLUMNS];
    let mut count = 0;
    let mut i = 0;
    let len = buf.len();
    loop {
        // `i` is at the start of a field.
        if i >= len {
            return if eof { Row::Truncated } else { Row::More };
        }
        let (field, after) = if buf[i] == b'"' {
            let open = i;
            let start = i + 1;
            let mut j = start;
            let mut escaped = false;
            loop {
                let Some(k) = memchr2(b'"', b'\\', &buf[j..]) else {
                    return if eof { Row::Truncated } else { Row::More };
                };
                let q = j + k;
                if buf[q] == b'\\' {
                    match buf.get(q + 1) {
                        None => return if eof { Row::Truncated } else { Row::More },
                        Some(b'"' | b'\\') => {
                            escaped = true;
                            j = q + 2;
                        }
                        Some(_) => j = q + 1,
                    }
                    continue;
                }
                let field = Field {
                    start,
                    end: q,
                    enc: if escaped { Enc::CsvEscaped } else { Enc::Raw },
                };
                match buf.get(q + 1) {
                    None if eof => break (field, End::Row(q + 1)),
                    None => return Row::More,
                    Some(b',') => break (field, End::Field(q + 2)),
                    Some(b'\n') => break (field, End::Row(q + 1)),
                    Some(b'\r') => match buf.get(q + 2) {
                        Some(b'\n') => break (field, End::Row(q + 1)),
                        None if !eof => return Row::More,
                        _ => j = q + 1,
                    },
                    Some(_) => {
                        // A quote at the start of a line that starts a row: the open
                        // field never closed. Otherwise a stray quote, kept as text.
                        if q > 0 && buf[q - 1] == b'\n' {
                            match starts_row(&buf[q..]) {
                                Some(true) => return Row::Unterminated { open, next: q },
                                None if !eof => return Row::More,
                                _ => {}
                            }
                        }
                        j = q + 1;
                    }
                }
            }
        } else {
            // An unquoted field (lenient): up to the next comma or line break.
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
        if count < COLUMNS {
            fields[count] = field;
        }
        count += 1;
        match after {
            End::Field(next) => i = next,
            End::Row(end) => return Row::Done { fields, count, end },
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
