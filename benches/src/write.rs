//! Container writers: stream generated cables as `cables.csv`, cablegate HTML pages or
//! concatenated plain text, without ever holding the corpus in memory.
//!
//! ```
//! use cablecore_benches::gen::Generator;
//! use cablecore_benches::write::{write_corpus, Format, Limits};
//! let mut out = Vec::new();
//! let summary = write_corpus(
//!     &mut Generator::new(1),
//!     Format::Csv,
//!     Limits { cables: Some(3), bytes: None },
//!     &mut out,
//!     |_facts| {},
//! )
//! .unwrap();
//! assert_eq!(summary.cables, 3);
//! assert_eq!(summary.bytes, out.len() as u64);
//! assert!(out.starts_with(b"\"1\",\""));
//! ```

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::data;
use crate::gen::{CableFacts, GeneratedCable, Generator};

/// Container format to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `cables.csv`: 8 quoted columns, `\"` escapes, raw newlines.
    Csv,
    /// cablegate HTML pages (one page per cable).
    Html,
    /// Concatenated plain text, each cable preceded by a metadata block.
    Text,
}

impl Format {
    /// `csv`, `html` or `text`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Text => "text",
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "csv" => Ok(Format::Csv),
            "html" => Ok(Format::Html),
            "text" | "txt" => Ok(Format::Text),
            _ => Err(format!("unknown format {s:?} (csv, html, text)")),
        }
    }
}

/// When to stop writing: after `cables` cables and/or before exceeding `bytes` bytes
/// (both `None` = never; callers should set at least one).
#[derive(Debug, Clone, Copy, Default)]
pub struct Limits {
    /// Maximum number of cables.
    pub cables: Option<u64>,
    /// Maximum number of output bytes (the cable that would cross it is not written).
    pub bytes: Option<u64>,
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Cables written.
    pub cables: u64,
    /// Bytes written.
    pub bytes: u64,
    /// Sum of the cables' header texts (bytes).
    pub header_bytes: u64,
    /// Sum of the cables' body texts (bytes).
    pub body_bytes: u64,
}

/// Append `s` to `out` as the inside of a `cables.csv` field (`"` → `\"`).
fn csv_escape(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let mut last = 0;
    for i in memchr::memchr_iter(b'"', b) {
        out.extend_from_slice(&b[last..i]);
        out.extend_from_slice(b"\\\"");
        last = i + 1;
    }
    out.extend_from_slice(&b[last..]);
}

/// Append one `cables.csv` row (with its final newline) to `out`.
pub fn csv_row(out: &mut Vec<u8>, c: &GeneratedCable) {
    let f = &c.facts;
    let refs = f.metadata_references.join(",");
    let fields: [&str; 6] = [
        &f.id.to_string(),
        &f.created.csv(),
        &f.reference_id,
        &f.origin,
        f.classification.as_str(),
        &refs,
    ];
    for (i, v) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.push(b'"');
        csv_escape(out, v);
        out.push(b'"');
    }
    out.extend_from_slice(b",\"");
    csv_escape(out, &c.header);
    out.extend_from_slice(b"\",\"");
    csv_escape(out, &c.body);
    out.extend_from_slice(b"\"\n");
}

/// Append one cable of the plain-text container to `out`: a metadata block (the CSV-dump
/// labels one per line, or a bare reference id line, chosen by the cable's id), the header,
/// a blank line, the body and a blank line.
pub fn text_cable(out: &mut Vec<u8>, c: &GeneratedCable) {
    let f = &c.facts;
    if f.id % 10 < 6 {
        // Layout L2 of format.md §7.2: labels one per line, header glued to `Destination:`.
        let _ = write!(
            out,
            "ID: {}\nDate: {}\nOrigin: {}\nSource: {}\nClassification: {}\nDunno: {}\nDestination: ",
            f.id,
            f.created.iso_seconds(),
            f.reference_id,
            f.origin,
            f.classification.as_str(),
            f.metadata_references.join(" ")
        );
    } else {
        // Layout L7: a bare reference id line.
        out.extend_from_slice(f.reference_id.as_bytes());
        out.push(b'\n');
    }
    out.extend_from_slice(c.header.as_bytes());
    out.extend_from_slice(b"\n\n");
    out.extend_from_slice(c.body.as_bytes());
    out.extend_from_slice(b"\n\n");
}

/// Renders cablegate HTML pages; holds the page chrome (built once).
#[derive(Debug, Clone)]
pub struct HtmlPages {
    sidebar: String,
}

impl Default for HtmlPages {
    fn default() -> Self {
        Self::new()
    }
}

impl HtmlPages {
    /// Build the page chrome (sidebar with the browse lists).
    pub fn new() -> Self {
        let mut s = String::with_capacity(40_000);
        s.push_str(
            "<?xml version='1.0' encoding='utf-8' ?>\n\
<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n\
<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>\n<head>\n<title>Cable Viewer</title>\n\
<link href='/static/gfx/favicon.ico' rel='shortcut icon' />\n\
<link href='/static/css/reset-fonts-grids.css' rel='stylesheet' type='text/css' />\n\
<link href='/static/css/cables.css' rel='stylesheet' type='text/css' />\n</head>\n<body>\n\
<div class='main'>\n<div class='pane small'>\n<a href='/index.html'>\n\
<img alt='Logo' src='/static/gfx/logo_small.png' />\n\
<p>Currently released so far... 251287 / 251,287</p>\n</a>\n<div id='browse'>\n\
<h3>Browse latest releases</h3>\n<div class='sort'>\n",
        );
        for d in (1..=10).rev() {
            s.push_str(&format!(
                "<a href='/reldate/2010-12-{d:02}_0.html'>2010/12/{d:02}</a>\n"
            ));
        }
        for d in (28..=30).rev() {
            s.push_str(&format!(
                "<a href='/reldate/2010-11-{d:02}_0.html'>2010/11/{d:02}</a>\n"
            ));
        }
        s.push_str("</div>\n<h3>Browse by creation <a href='#year_1966' onclick='return sha(0);'>date</a></h3>\n<div class='pick'>\n");
        let years: Vec<u32> = (1966..=2010).collect();
        for y in &years {
            s.push_str(&format!(
                "<a class='sort' href='#year_{y}' onclick=\"return swap('year_{y}');\">{:02}</a>\n",
                y % 100
            ));
        }
        s.push_str("</div>\n");
        for y in &years {
            s.push_str(&format!("<div class='sort' id='year_{y}'>\n"));
            let last = if *y == 2010 { 2 } else { 12 };
            for m in 1..=last {
                s.push_str(&format!(
                    "<a href='/date/{y}-{m:02}_0.html'>{y}/{m:02}</a>\n"
                ));
            }
            s.push_str("</div>\n");
        }
        s.push_str("<h3>Browse by <a href='#by_A' onclick='return sha(1);'>origin</a></h3>\n<div class='sort'>\n");
        for (i, p) in data::POSTS.iter().enumerate() {
            s.push_str(&format!(
                "<a href='/origin/{}_0.html'>{}</a>\n",
                i + 1,
                p.name
            ));
        }
        s.push_str("</div>\n<h3>Browse by <a href='#tag_A' onclick='return sha(2);'>tag</a></h3>\n<div class='sort'>\n");
        for (_, t) in data::TOPIC_TAGS.iter().chain(data::COUNTRY_TAGS) {
            s.push_str(&format!("<a href='/tag/{t}_0.html'>{t}</a>\n"));
        }
        s.push_str("</div>\n<h3>Browse by classification</h3>\n<div class='sort'>\n");
        use crate::gen::Class;
        for c in [
            Class::Confidential,
            Class::ConfidentialNoforn,
            Class::Secret,
            Class::SecretNoforn,
            Class::Unclassified,
            Class::Fouo,
        ] {
            s.push_str(&format!(
                "<a href='/classification/{}_0.html' title='{}'>{}</a>\n",
                c.page_number(),
                c.page_title(),
                c.as_str()
            ));
        }
        s.push_str("</div>\n</div>\n</div>\n<div class='pane big'>\n");
        HtmlPages { sidebar: s }
    }

    /// Relative path of a cable's page: `YYYY/MM/REFID.html`.
    pub fn page_path(f: &CableFacts) -> PathBuf {
        PathBuf::from(format!(
            "{}/{:02}/{}.html",
            f.created.year, f.created.month, f.reference_id
        ))
    }

    /// Append the cable's page to `out`.
    pub fn page(&self, out: &mut Vec<u8>, c: &GeneratedCable) {
        let f = &c.facts;
        out.extend_from_slice(self.sidebar.as_bytes());
        let subject = first_subject_line(&c.body);
        let _ = write!(
            out,
            "<h3>Viewing cable {}, {}</h3>\n<div>\nAn introduction to the <a href=\"#help_1\" onclick=\"return sh(1);\">structure of a cable</a> is below.\n<br />\n</div>\n\
<div id='help_1'>\n<br />\n<b>Reading a cable</b>\n<br />\nThe top box holds the metadata, the middle box the header, the bottom box the body.\n</div>\n",
            f.reference_id, subject
        );
        let (y, m) = (f.created.year, f.created.month);
        let r = f.released;
        let _ = write!(
            out,
            "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n<th>Released</th>\n<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n\
<td>\n<a href='/cable/{y}/{m:02}/{id}.html'>{id}</a>\n</td>\n\
<td>\n<a href='/date/{y}-{m:02}_0.html'>{created}</a>\n</td>\n\
<td>\n<a href='/reldate/{ry}-{rm:02}-{rd:02}_0.html'>{released}</a>\n</td>\n\
<td>\n<a href='/classification/{cn}_0.html' title='{ct}'>{cs}</a>\n</td>\n\
<td>\n<a href='/origin/{on}_0.html'>{origin}</a>\n</td>\n</tr>\n</table>\n",
            id = f.reference_id,
            created = f.created.page(),
            ry = r.year,
            rm = r.month,
            rd = r.day,
            released = r.page(),
            cn = f.classification.page_number(),
            ct = f.classification.page_title(),
            cs = f.classification.as_str(),
            on = 1 + (f.serial % 120),
            origin = f.origin,
        );
        out.extend_from_slice(b"<code><pre>");
        pre_text(out, &c.header, false);
        out.extend_from_slice(b"</pre></code>\n<code><pre>");
        pre_text(out, &c.body, true);
        out.extend_from_slice(
            b"</pre></code>\n</div>\n</div>\n<script src='/static/js/js.js' type='text/javascript'></script>\n</body>\n</html>\n",
        );
    }
}

/// The page `<h3>` subject: the first SUBJECT line after its label, minus a leading `(`.
fn first_subject_line(body: &str) -> &str {
    for line in body.lines() {
        for label in ["SUBJECT:", "Subject:", "SUBJ:"] {
            if let Some(rest) = line.strip_prefix(label) {
                let rest = rest.trim();
                return rest.strip_prefix('(').unwrap_or(rest);
            }
        }
    }
    ""
}

/// Write a `<pre>` block's text: newlines as `&#x000A;`, `¶` anchors before lines that start
/// `N. ` or `X. `, and tag links on the `TAGS: ` line (format.md §1). Nothing else is escaped.
fn pre_text(out: &mut Vec<u8>, text: &str, body: bool) {
    let mut tags_done = false;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.extend_from_slice(b"&#x000A;");
        }
        if body {
            if let Some(id) = anchor_id(line) {
                let _ = write!(out, "<a id='par{id}' href='#par{id}'>\u{b6}</a>");
            }
            if !tags_done {
                if let Some(at) = tags_at(line) {
                    tags_done = true;
                    out.extend_from_slice(&line.as_bytes()[..at]);
                    for (j, tok) in line[at..].split(' ').enumerate() {
                        if j > 0 {
                            out.push(b' ');
                        }
                        if !tok.is_empty()
                            && tok
                                .bytes()
                                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                        {
                            let _ = write!(out, "<a href='/tag/{tok}_0.html'>{tok}</a>");
                        } else {
                            out.extend_from_slice(tok.as_bytes());
                        }
                    }
                    continue;
                }
            }
        }
        out.extend_from_slice(line.as_bytes());
    }
}

/// Paragraph anchor id for lines starting `123. ` or `B. `.
fn anchor_id(line: &str) -> Option<&str> {
    let b = line.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let n = if digits > 0 {
        digits
    } else if b.first().is_some_and(u8::is_ascii_uppercase) {
        1
    } else {
        return None;
    };
    (b.get(n) == Some(&b'.') && b.get(n + 1) == Some(&b' ')).then(|| &line[..n])
}

/// Offset just after `TAGS: ` when the line holds a space-separated TAGS list.
fn tags_at(line: &str) -> Option<usize> {
    if line.starts_with("TAGS: ") {
        return Some(6);
    }
    let i = line.find(" TAGS: ")?;
    line.starts_with("E").then_some(i + 7)
}

/// Stream cables from `gen` to `w` in `format` until `limits` are reached, calling `on_cable`
/// with the facts of every cable written. HTML pages are concatenated (use
/// [`write_html_dir`] for a page tree).
pub fn write_corpus<W: Write>(
    gen: &mut Generator,
    format: Format,
    limits: Limits,
    w: &mut W,
    mut on_cable: impl FnMut(&CableFacts),
) -> io::Result<Summary> {
    let html = (format == Format::Html).then(HtmlPages::new);
    let mut buf = Vec::with_capacity(1 << 17);
    let mut sum = Summary::default();
    loop {
        if limits.cables.is_some_and(|n| sum.cables >= n) {
            break;
        }
        if limits.cables.is_none() && limits.bytes.is_none() {
            break;
        }
        let cable = gen.next_cable();
        buf.clear();
        match (format, &html) {
            (Format::Csv, _) => csv_row(&mut buf, &cable),
            (Format::Text, _) => text_cable(&mut buf, &cable),
            (Format::Html, Some(h)) => h.page(&mut buf, &cable),
            (Format::Html, None) => unreachable!("HtmlPages built for Format::Html"),
        }
        if limits
            .bytes
            .is_some_and(|b| sum.bytes + buf.len() as u64 > b)
        {
            break;
        }
        w.write_all(&buf)?;
        sum.cables += 1;
        sum.bytes += buf.len() as u64;
        sum.header_bytes += cable.header.len() as u64;
        sum.body_bytes += cable.body.len() as u64;
        on_cable(&cable.facts);
    }
    Ok(sum)
}

/// Write one cablegate page per cable under `dir` as `YYYY/MM/REFID.html`.
/// Reference ids are unique within a generator's stream, so no page overwrites another.
pub fn write_html_dir(
    gen: &mut Generator,
    limits: Limits,
    dir: &Path,
    mut on_cable: impl FnMut(&CableFacts),
) -> io::Result<Summary> {
    let html = HtmlPages::new();
    let mut buf = Vec::with_capacity(1 << 17);
    let mut sum = Summary::default();
    while limits.cables.is_none_or(|n| sum.cables < n)
        && (limits.cables.is_some() || limits.bytes.is_some())
    {
        let cable = gen.next_cable();
        buf.clear();
        html.page(&mut buf, &cable);
        if limits
            .bytes
            .is_some_and(|b| sum.bytes + buf.len() as u64 > b)
        {
            break;
        }
        let path = dir.join(HtmlPages::page_path(&cable.facts));
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, &buf)?;
        sum.cables += 1;
        sum.bytes += buf.len() as u64;
        sum.header_bytes += cable.header.len() as u64;
        sum.body_bytes += cable.body.len() as u64;
        on_cable(&cable.facts);
    }
    Ok(sum)
}

/// Generate `n` cables and return each container's bytes: (csv, per-page html, text).
/// Convenience for benches and tests (holds the corpus in memory: use small `n`).
pub fn corpus_buffers(seed: u64, n: usize) -> (Vec<u8>, Vec<Vec<u8>>, Vec<u8>) {
    let html = HtmlPages::new();
    let mut csv = Vec::new();
    let mut text = Vec::new();
    let mut pages = Vec::with_capacity(n);
    for c in Generator::new(seed).take(n) {
        csv_row(&mut csv, &c);
        text_cable(&mut text, &c);
        let mut p = Vec::new();
        html.page(&mut p, &c);
        pages.push(p);
    }
    (csv, pages, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_are_well_formed() {
        let mut out = Vec::new();
        let sum = write_corpus(
            &mut Generator::new(2),
            Format::Csv,
            Limits {
                cables: Some(200),
                bytes: None,
            },
            &mut out,
            |_| {},
        )
        .unwrap();
        assert_eq!(sum.cables, 200);
        let s = std::str::from_utf8(&out).unwrap();
        // Count fields with a tiny `\"`-aware scanner: 8 per row.
        let b = s.as_bytes();
        let (mut i, mut fields, mut rows) = (0, 0, 0);
        while i < b.len() {
            assert_eq!(b[i], b'"', "field must start with a quote at {i}");
            i += 1;
            loop {
                match b[i] {
                    b'\\' if b[i + 1] == b'"' => i += 2,
                    b'"' => break,
                    _ => i += 1,
                }
            }
            i += 1;
            fields += 1;
            match b.get(i) {
                Some(b',') => i += 1,
                Some(b'\n') | None => {
                    assert_eq!(fields, 8);
                    fields = 0;
                    rows += 1;
                    i += 1;
                }
                Some(c) => panic!("unexpected byte {c} after field"),
            }
        }
        assert_eq!(rows, 200);
    }

    #[test]
    fn byte_limit_is_respected() {
        let mut out = Vec::new();
        let sum = write_corpus(
            &mut Generator::new(2),
            Format::Text,
            Limits {
                cables: None,
                bytes: Some(100_000),
            },
            &mut out,
            |_| {},
        )
        .unwrap();
        assert!(sum.bytes <= 100_000 && sum.bytes > 50_000, "{sum:?}");
        assert_eq!(out.len() as u64, sum.bytes);
    }

    #[test]
    fn html_page_structure() {
        let html = HtmlPages::new();
        let mut g = Generator::new(4);
        let mut linked = 0;
        for _ in 0..60 {
            let c = g.next_cable();
            let mut p = Vec::new();
            html.page(&mut p, &c);
            let s = String::from_utf8(p).unwrap();
            assert_eq!(s.matches("<table class='cable'>").count(), 1);
            assert_eq!(s.matches("<code><pre>").count(), 2);
            assert!(!s[s.find("<code><pre>").unwrap()..].contains("\n<code><pre>S\n"));
            let body_pre = &s[s.rfind("<code><pre>").unwrap()..];
            let first_line_end = body_pre.find("</pre>").unwrap();
            assert!(
                !body_pre[..first_line_end].contains('\n'),
                "pre is one line"
            );
            if c.body.lines().any(|l| l.starts_with("1. ")) {
                assert!(body_pre.contains("<a id='par1' href='#par1'>\u{b6}</a>1."));
            }
            if body_pre.contains("<a href='/tag/") {
                linked += 1;
            }
            assert!(s.contains(&format!("<h3>Viewing cable {}, ", c.facts.reference_id)));
        }
        assert!(linked > 20, "{linked}");
    }

    #[test]
    fn anchors() {
        assert_eq!(anchor_id("12. (C) x"), Some("12"));
        assert_eq!(anchor_id("B. MADRID 12"), Some("B"));
        assert_eq!(anchor_id("1.(C) x"), None);
        assert_eq!(anchor_id("U.S. officials"), None);
        assert_eq!(anchor_id(""), None);
        assert_eq!(tags_at("TAGS: PREL PGOV"), Some(6));
        assert_eq!(tags_at("E.O. 12958: DECL: 1/3/2019 TAGS: PTER"), Some(33));
        assert_eq!(tags_at("TAGS PREL, PGOV"), None);
    }

    #[test]
    fn text_layouts() {
        let mut out = Vec::new();
        for c in Generator::new(6).take(20) {
            text_cable(&mut out, &c);
        }
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("\nDestination: "));
        assert!(s.starts_with("ID: ") || s.as_bytes()[0].is_ascii_digit());
    }
}
