//! Cablegate HTML pages (format.md §1, §2): one page is one cable.
//!
//! The cable is the `<table class='cable'>` metadata table and the two `<pre>` blocks
//! after it (header, then body). The metadata cells are read from their link *text*
//! (the `title` attribute of the classification link is wrong on every page). The
//! `<pre>` blocks are decoded: `&#x000A;` and other numeric entities and the five XML
//! entities (`&amp;` …) are decoded, the `<a id='parN' href='#parN'>¶</a>` paragraph
//! anchors are removed whole, and `<a href='/tag/…'>TEXT</a>` becomes `TEXT`. Nothing
//! else is touched: `R&D;` (09MOSCOW2723) and `&processes8;` are cable text, and stray
//! tags such as `<br>` (09LAPAZ96) stay.
//!
//! Everything else of the page is [`super::Item::Furniture`]. Several pages one after the
//! other in one input give one cable each. A page without the table or its `<pre>`
//! blocks gives [`Error::MissingCableTable`].

use std::borrow::Cow;

use memchr::memmem;

use crate::error::Error;

use super::scan::{CablePlan, Ctx, Enc, Field, Plan, Skip, Step, MAX_ITEM_BYTES};

/// Plan the next item: page chrome (furniture), a cable, or an error.
pub(crate) fn plan(buf: &[u8], eof: bool, ctx: &Ctx) -> Step {
    let capped = buf.len() >= MAX_ITEM_BYTES;
    let lim = &buf[..buf.len().min(MAX_ITEM_BYTES)];
    let at_end = eof && !capped;
    match find_table(lim, 0) {
        Some(0) => {}
        Some(t) => return Step::Emit(Plan::Furniture(t)),
        None if !eof && !capped => return Step::NeedMore,
        None if at_end && ctx.cables == 0 && ctx.at_start => {
            let (byte, line) = ctx.at(buf, 0);
            return Step::Emit(Plan::Error {
                error: Error::MissingCableTable {
                    byte,
                    line,
                    what: "no <table class='cable'>",
                },
                skip: buf.len(),
                as_: Skip::Furniture,
            });
        }
        None if at_end => return Step::Emit(Plan::Furniture(buf.len())),
        None => {
            // No table in the first MAX_ITEM_BYTES: give up that much (up to a tag start).
            let cut = memchr::memrchr(b'<', lim).filter(|&c| c > 0);
            return Step::Emit(Plan::Furniture(cut.unwrap_or(lim.len())));
        }
    }
    // The table and its blocks end before the next page's table.
    let next = find_table(lim, 1);
    let page_end = next.is_some() || at_end || capped;
    match read_cable(&lim[..next.unwrap_or(lim.len())], page_end) {
        Some(Some(plan)) => Step::Emit(Plan::Cable(Box::new(plan))),
        Some(None) => Step::NeedMore,
        None if !page_end => Step::NeedMore,
        None => {
            // Skip this table, up to the next cable table or the end.
            let next = next.unwrap_or(lim.len());
            let (byte, line) = ctx.at(buf, 0);
            Step::Emit(Plan::Error {
                error: Error::MissingCableTable {
                    byte,
                    line,
                    what: "cable table without its two <pre> blocks",
                },
                skip: next,
                as_: Skip::Furniture,
            })
        }
    }
}

/// Offset of the first `<table class='cable'>` at or after `from`.
fn find_table(b: &[u8], from: usize) -> Option<usize> {
    let finder = memmem::Finder::new(b"<table");
    let mut i = from;
    while i < b.len() {
        let t = i + finder.find(&b[i..])?;
        let tag_end = memchr::memchr(b'>', &b[t..]).map(|k| t + k)?;
        let tag = &b[t..tag_end];
        if memmem::find(tag, b"class='cable'").is_some()
            || memmem::find(tag, b"class=\"cable\"").is_some()
        {
            return Some(t);
        }
        i = t + 1;
    }
    None
}

/// Read the table at the start of `b` and the two `<pre>` blocks after it. `None` when
/// they are not all there; `Some(None)` when more bytes are needed to see whether
/// `</code>` follows (`at_end`: `b` runs to the end of the page).
fn read_cable(b: &[u8], at_end: bool) -> Option<Option<CablePlan>> {
    let table_end = memmem::find(b, b"</table>")?;
    let table = &b[..table_end];
    let after = table_end + b"</table>".len();
    let (h_start, h_end) = pre_block(b, after)?;
    let (b_start, b_end) = pre_block(b, h_end + b"</pre>".len())?;
    let mut end = b_end + b"</pre>".len();
    const CODE: &[u8] = b"</code>";
    let rest = &b[end..];
    if rest.starts_with(CODE) {
        end += CODE.len();
    } else if !at_end && rest.len() < CODE.len() && CODE.starts_with(rest) {
        return Some(None);
    }
    let mut plan = CablePlan {
        len: end,
        header: Some(Field {
            start: h_start,
            end: h_end,
            enc: Enc::Html,
        }),
        body: Some(Field {
            start: b_start,
            end: b_end,
            enc: Enc::Html,
        }),
        ..CablePlan::default()
    };
    // Column labels from the <th> cells (the usual order if absent).
    let mut labels: [Option<Column>; 8] = [None; 8];
    let mut n_labels = 0;
    let mut i = 0;
    while let Some((s, e, next)) = cell(table, i, b"<th", b"</th>") {
        if n_labels < labels.len() {
            labels[n_labels] = Column::from_label(trim(&table[s..e]));
        }
        n_labels += 1;
        i = next;
    }
    const DEFAULT: [Column; 5] = [
        Column::ReferenceId,
        Column::Created,
        Column::Released,
        Column::Classification,
        Column::Origin,
    ];
    let mut i = 0;
    let mut k = 0;
    while let Some((s, e, next)) = cell(table, i, b"<td", b"</td>") {
        let (s, e) = link_text(table, s, e);
        let column = if n_labels > 0 {
            labels.get(k).copied().flatten()
        } else {
            DEFAULT.get(k).copied()
        };
        let f = Some(Field {
            start: s,
            end: e,
            enc: Enc::Html,
        });
        match column {
            Some(Column::ReferenceId) => plan.reference_id = f,
            Some(Column::Created) => plan.created = f,
            Some(Column::Released) => plan.released = f,
            Some(Column::Classification) => plan.classification = f,
            Some(Column::Origin) => plan.origin = f,
            None => {}
        }
        k += 1;
        i = next;
    }
    Some(Some(plan))
}

/// Columns of the metadata table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    ReferenceId,
    Created,
    Released,
    Classification,
    Origin,
}

impl Column {
    fn from_label(label: &[u8]) -> Option<Column> {
        let is = |s: &str| label.eq_ignore_ascii_case(s.as_bytes());
        if is("Reference ID") {
            Some(Column::ReferenceId)
        } else if is("Created") {
            Some(Column::Created)
        } else if is("Released") {
            Some(Column::Released)
        } else if is("Classification") {
            Some(Column::Classification)
        } else if is("Origin") {
            Some(Column::Origin)
        } else {
            None
        }
    }
}

/// The next cell `<open …>content</close>` at or after `from`: content range and the
/// offset after the closing tag.
fn cell(b: &[u8], from: usize, open: &[u8], close: &[u8]) -> Option<(usize, usize, usize)> {
    let rest = b.get(from..)?;
    let mut o = from + memmem::find(rest, open)?;
    // `<th` must not match `<thead`.
    while !matches!(
        b.get(o + open.len()),
        Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')
    ) {
        o = o + 1 + memmem::find(b.get(o + 1..)?, open)?;
    }
    let s = o + memchr::memchr(b'>', &b[o..])? + 1;
    let e = s + memmem::find(&b[s..], close)?;
    Some((s, e, e + close.len()))
}

/// The text of the first `<a …>TEXT</a>` inside `s..e`, or the trimmed cell.
fn link_text(b: &[u8], s: usize, e: usize) -> (usize, usize) {
    let cell = &b[s..e];
    if let Some(a) = memmem::find(cell, b"<a") {
        if let Some(gt) = memchr::memchr(b'>', &cell[a..]) {
            let ts = a + gt + 1;
            if let Some(te) = memmem::find(&cell[ts..], b"</a>") {
                return trim_range(b, s + ts, s + ts + te);
            }
        }
    }
    trim_range(b, s, e)
}

/// `<pre…>` content range at or after `from`: `(start, end)` with `end` at `</pre>`.
fn pre_block(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let rest = b.get(from..)?;
    let mut p = from + memmem::find(rest, b"<pre")?;
    while !matches!(b.get(p + 4), Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
        p = p + 1 + memmem::find(b.get(p + 1..)?, b"<pre")?;
    }
    let s = p + memchr::memchr(b'>', &b[p..])? + 1;
    let e = s + memmem::find(&b[s..], b"</pre>")?;
    Some((s, e))
}

fn trim(b: &[u8]) -> &[u8] {
    let (s, e) = trim_range(b, 0, b.len());
    &b[s..e]
}

fn trim_range(b: &[u8], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && b[s].is_ascii_whitespace() {
        s += 1;
    }
    while e > s && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    (s, e)
}

/// Decode a `<pre>` block or a cell: numeric entities and the five XML entities, the
/// `¶` paragraph anchors removed, tag links replaced by their text. Borrowed when
/// nothing changes.
pub(crate) fn decode(s: Cow<'_, str>) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let Some(first) = memchr::memchr2(b'&', b'<', bytes) else {
        return s;
    };
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut changed = false;
    let mut i = first;
    while i < bytes.len() {
        let Some(k) = memchr::memchr2(b'&', b'<', &bytes[i..]) else {
            break;
        };
        let at = i + k;
        let rest = &s[at..];
        let replaced: Option<(usize, Replacement)> = if bytes[at] == b'&' {
            entity(rest).map(|(len, c)| (len, Replacement::Char(c)))
        } else {
            anchor(rest)
        };
        match replaced {
            Some((len, r)) => {
                out.push_str(&s[copied..at]);
                match r {
                    Replacement::Char(c) => out.push(c),
                    Replacement::Text(ts, te) => out.push_str(&rest[ts..te]),
                    Replacement::Nothing => {}
                }
                changed = true;
                i = at + len;
                copied = i;
            }
            None => i = at + 1,
        }
    }
    if !changed {
        return s;
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

/// What an entity or anchor becomes.
enum Replacement {
    Char(char),
    /// The text at `start..end` of the matched markup.
    Text(usize, usize),
    Nothing,
}

/// An entity at the start of `s`: its length and character. Only numeric entities and
/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`.
fn entity(s: &str) -> Option<(usize, char)> {
    const NAMED: [(&str, char); 5] = [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&apos;", '\''),
    ];
    for (name, c) in NAMED {
        if s.starts_with(name) {
            return Some((name.len(), c));
        }
    }
    let b = s.as_bytes();
    if b.get(1) != Some(&b'#') {
        return None;
    }
    let (hex, digits_at) = match b.get(2) {
        Some(b'x' | b'X') => (true, 3),
        _ => (false, 2),
    };
    let digits = b[digits_at..]
        .iter()
        .take(9)
        .take_while(|c| {
            if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            }
        })
        .count();
    let semi = digits_at + digits;
    if digits == 0 || b.get(semi) != Some(&b';') {
        return None;
    }
    let value = u32::from_str_radix(&s[digits_at..semi], if hex { 16 } else { 10 }).ok()?;
    Some((semi + 1, char::from_u32(value)?))
}

/// A paragraph anchor (`<a id='par3' href='#par3'>¶</a>`, removed) or a tag link
/// (`<a href='/tag/PGOV_0.html'>PGOV</a>`, replaced by its text) at the start of `s`.
fn anchor(s: &str) -> Option<(usize, Replacement)> {
    let b = s.as_bytes();
    if !b.starts_with(b"<a ") {
        return None;
    }
    let gt = memchr::memchr2(b'>', b'<', &b[1..]).map(|k| k + 1)?;
    if b[gt] != b'>' {
        return None;
    }
    let tag = &b[..gt];
    let text_start = gt + 1;
    // The link text: short and without markup.
    let close = memmem::find(&b[text_start..b.len().min(text_start + 256)], b"</a>")?;
    let text_end = text_start + close;
    if b[text_start..text_end].contains(&b'<') {
        return None;
    }
    let len = text_end + b"</a>".len();
    let has = |needle: &[u8]| memmem::find(tag, needle).is_some();
    if has(b"href='#par") || has(b"href=\"#par") || has(b"id='par") || has(b"id=\"par") {
        Some((len, Replacement::Nothing))
    } else if has(b"href='/tag/") || has(b"href=\"/tag/") {
        Some((len, Replacement::Text(text_start, text_end)))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Format, Item, SliceReader};
    use super::*;

    fn page(table: &str, pres: &str) -> String {
        format!(
            "<?xml version='1.0' encoding='utf-8' ?>\n<html>\n<body>\n<div class='pane'>\
             <a href='/tag/XX_0.html'>XX</a>\n</div>\n{table}\n{pres}\n</div>\n</body>\n</html>\n"
        )
    }

    const TABLE: &str = "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n\
        <th>Released</th>\n<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n<td>\n\
        <a href='/cable/2009/01/09FOOBAR193.html'>09FOOBAR193</a>\n</td>\n<td>\n\
        <a href='/date/2009-01_0.html'>2009-01-23 23:11</a>\n</td>\n<td>\n\
        <a href='/reldate/2010-12-02_0.html'>2010-12-02 21:09</a>\n</td>\n<td>\n\
        <a href='/classification/4_0.html' title='confidential'>SECRET//NOFORN</a>\n</td>\n\
        <td>\n<a href='/origin/48_0.html'>Embassy Foobar</a>\n</td>\n</tr>\n</table>";

    const PRES: &str = "<code><pre>R 232312Z JAN 09&#x000A;FM AMEMBASSY FOOBAR</pre></code>\n\
        <code><pre>S E C R E T FOOBAR 000193 &#x000A;&#x000A;TAGS: <a href='/tag/PGOV_0.html'>PGOV</a> \
        <a href='/tag/XX_0.html'>XX</a>&#x000A;&#x000A;<a id='par1' href='#par1'>¶</a>1. (S) R&D; and \
        &processes8; &amp; 5 &lt; 6.&#x000A;<br>&#x000A;DOE</pre></code>";

    #[test]
    fn reads_a_page() {
        let input = page(TABLE, PRES);
        let items: Vec<_> = SliceReader::new(input.as_bytes(), Format::Auto).collect();
        assert_eq!(items.len(), 3, "{items:?}");
        let Ok(Item::Cable(c)) = &items[1] else {
            panic!("{items:?}")
        };
        assert_eq!(c.format, Format::Html);
        assert_eq!(c.reference_id.as_deref(), Some("09FOOBAR193"));
        assert_eq!(c.created.as_deref(), Some("2009-01-23 23:11"));
        assert_eq!(c.released.as_deref(), Some("2010-12-02 21:09"));
        assert_eq!(c.classification.as_deref(), Some("SECRET//NOFORN"));
        assert_eq!(c.origin.as_deref(), Some("Embassy Foobar"));
        assert_eq!(
            c.header.as_deref(),
            Some("R 232312Z JAN 09\nFM AMEMBASSY FOOBAR")
        );
        assert_eq!(
            c.body.as_deref(),
            Some(
                "S E C R E T FOOBAR 000193 \n\nTAGS: PGOV XX\n\n1. (S) R&D; and &processes8; \
                 & 5 < 6.\n<br>\nDOE"
            )
        );
        let start = input.find("<table").unwrap() as u64;
        assert_eq!(c.span.start, start);
        assert_eq!(
            c.span.end,
            (input.rfind("</pre></code>").unwrap() + "</pre></code>".len()) as u64
        );
        assert_eq!(c.position.line, 6);
        let mut at = 0;
        for item in items.iter().flatten() {
            assert_eq!(item.span().start, at);
            at = item.span().end;
        }
        assert_eq!(at, input.len() as u64);
    }

    #[test]
    fn page_without_table() {
        let input = "<html><body><p>Not found</p></body></html>\n";
        let items: Vec<_> = SliceReader::new(input.as_bytes(), Format::Html).collect();
        match &items[0] {
            Err(Error::MissingCableTable { byte, line, .. }) => {
                assert_eq!((*byte, *line), (0, 1));
            }
            i => panic!("unexpected {i:?}"),
        }
        assert!(
            matches!(&items[1], Ok(Item::Furniture { span }) if span.end == input.len() as u64)
        );
        assert_eq!(items.len(), 2);
    }

    #[test]
    fn table_without_pre() {
        let input = page(TABLE, "<p>nothing</p>");
        let items: Vec<_> = SliceReader::new(input.as_bytes(), Format::Html).collect();
        let start = input.find("<table").unwrap() as u64;
        let err = items.iter().find_map(|i| i.as_ref().err()).unwrap();
        assert!(matches!(err, Error::MissingCableTable { byte, line: 6, .. } if *byte == start));
        assert!(!items.iter().any(|i| matches!(i, Ok(Item::Cable(_)))));
    }

    #[test]
    fn two_pages_two_cables() {
        let one = page(TABLE, PRES);
        let input = format!("{one}{one}");
        let n = SliceReader::new(input.as_bytes(), Format::Html)
            .filter(|i| matches!(i, Ok(Item::Cable(_))))
            .count();
        assert_eq!(n, 2);
    }

    #[test]
    fn decode_leaves_unknown_entities() {
        assert!(matches!(
            decode(Cow::Borrowed("R&D; a<b")),
            Cow::Borrowed(_)
        ));
        assert_eq!(decode(Cow::Borrowed("&#65;&#x42;&#xZZ;&#;")), "AB&#xZZ;&#;");
        assert_eq!(
            decode(Cow::Borrowed("<a href='/x'>y</a>")),
            "<a href='/x'>y</a>"
        );
        assert_eq!(
            decode(Cow::Borrowed("&#x110000;&#99999999999;")),
            "&#x110000;&#99999999999;"
        );
        assert_eq!(
            decode(Cow::Borrowed("<a id='parA' href='#parA'>¶</a>B. FOO 12")),
            "B. FOO 12"
        );
    }
}
