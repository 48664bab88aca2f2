//! Header (ACP-127) line recognisers and parsers: routing, `DE`, security line,
//! DTG, recipients, distribution codes.
//!
//! Every function takes one line (with or without its line break and surrounding
//! blanks), works on bytes, borrows its results from the line and allocates nothing but
//! the returned `Vec`s. Splitting happens only at ASCII bytes, so UTF-8 text (`’`, NBSP)
//! can never be cut inside a character. The forms and their counts are in format.md §3.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};

use super::ids::full_year;
use crate::record::Recipient;

/// A parsed `DE` line: `DE RUEHME #3178/01 3011811`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct De<'a> {
    /// `RUEHME`
    pub station: &'a str,
    /// `3178` (without `#`)
    pub serial: &'a str,
    /// `01`
    pub section: Option<&'a str>,
    /// `3011811`
    pub filing_time: Option<&'a str>,
}

/// A parsed date-time group line: `O R 292049Z JAN 10 ZDK`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dtg<'a> {
    /// `["O", "R"]`
    pub precedence: Vec<&'a str>,
    /// The UTC date-time, `None` when the fields are out of range.
    pub value: Option<DateTime<Utc>>,
    /// The line trimmed.
    pub raw: &'a str,
}

// ------------------------------------------------------------------ byte helpers

/// Space or tab (the only blanks that separate header fields). One compare
/// for the common byte (above the space) in the token scans.
#[inline]
fn is_blank(b: u8) -> bool {
    b <= b' ' && (b == b' ' || b == b'\t')
}

/// Number of leading blanks of `b`.
#[inline]
fn blanks(b: &[u8]) -> usize {
    b.iter().position(|&c| !is_blank(c)).unwrap_or(b.len())
}

/// Number of leading ASCII digits of `b`.
#[inline]
fn digits(b: &[u8]) -> usize {
    b.iter()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(b.len())
}

/// Length of the leading token of `b` (up to a blank or the end).
#[inline]
fn token_len(b: &[u8]) -> usize {
    b.iter().position(|&c| is_blank(c)).unwrap_or(b.len())
}

/// True when `t` is non-empty and only ASCII upper-case letters.
#[inline]
fn all_upper(t: &[u8]) -> bool {
    !t.is_empty() && t.iter().all(u8::is_ascii_uppercase)
}

/// True when `t` is non-empty and only ASCII digits.
#[inline]
fn all_digits(t: &[u8]) -> bool {
    !t.is_empty() && t.iter().all(u8::is_ascii_digit)
}

/// `s` without surrounding whitespace: ASCII bytes are trimmed byte-wise; only a
/// non-ASCII end (NBSP, U+2003 …) takes the `char`-decoding [`str::trim`].
#[inline]
fn trim(s: &str) -> &str {
    let t = s.trim_ascii();
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(&a), Some(&z)) if a >= 0x80 || z >= 0x80 => t.trim(),
        _ => t,
    }
}

/// The blank-separated tokens of a line with their byte offsets, from either end.
struct Tokens<'a> {
    s: &'a str,
    front: usize,
    back: usize,
}

/// The blank-separated tokens of `s` with their byte offsets.
#[inline]
fn tokens(s: &str) -> Tokens<'_> {
    Tokens {
        s,
        front: 0,
        back: s.len(),
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (usize, &'a str);

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        let b = &self.s.as_bytes()[..self.back];
        self.front += blanks(&b[self.front..]);
        if self.front >= self.back {
            return None;
        }
        let start = self.front;
        self.front += token_len(&b[start..]);
        // Blanks are ASCII, so both ends are char boundaries.
        Some((start, &self.s[start..self.front]))
    }
}

impl DoubleEndedIterator for Tokens<'_> {
    #[inline(always)]
    fn next_back(&mut self) -> Option<Self::Item> {
        let b = &self.s.as_bytes()[self.front..self.back];
        let end = self.front + b.iter().rposition(|&c| !is_blank(c))? + 1;
        let start = self.s.as_bytes()[self.front..end]
            .iter()
            .rposition(|&c| is_blank(c))
            .map_or(self.front, |k| self.front + k + 1);
        self.back = start;
        Some((start, &self.s[start..end]))
    }
}

// ------------------------------------------------------------------ DE line

/// `DE …` line. `None` when the line is not one.
///
/// Grammar: `DE <station> #<serial>[/<nn>] [<JJJHHMM>] [trailer]`, with a station of 5–7
/// upper-case letters (`RUEHC`, `RUEHME`, `RUEHBUL`) and blanks before `DE` allowed.
/// The filing time is the next all-digit token, `None` when missing.
pub fn parse_de(line: &str) -> Option<De<'_>> {
    let line = trim(line);
    let b = line.as_bytes();
    if !b.starts_with(b"DE") {
        return None;
    }
    let mut i = 2;
    let n = blanks(&b[i..]);
    if n == 0 {
        return None;
    }
    i += n;
    let st = token_len(&b[i..]);
    if !(5..=7).contains(&st) || !all_upper(&b[i..i + st]) {
        return None;
    }
    let station = &line[i..i + st];
    i += st;
    let n = blanks(&b[i..]);
    if n == 0 || b.get(i + n) != Some(&b'#') {
        return None;
    }
    i += n + 1;
    let sd = digits(&b[i..]);
    if sd == 0 {
        return None;
    }
    let serial = &line[i..i + sd];
    i += sd;
    let mut section = None;
    if b.get(i) == Some(&b'/') {
        let nd = digits(&b[i + 1..]);
        if nd > 0 {
            section = Some(&line[i + 1..i + 1 + nd]);
            i += 1 + nd;
        }
    } else if b.get(i).is_some_and(|c| !c.is_ascii_whitespace()) {
        // `#3178X`: the serial must end at a blank, `/` or the end.
        return None;
    }
    let n = blanks(&b[i..]);
    i += n;
    let ft = token_len(&b[i..]);
    let filing_time = (n > 0 && all_digits(&b[i..i + ft])).then(|| &line[i..i + ft]);
    Some(De {
        station,
        serial,
        section,
        filing_time,
    })
}

// ------------------------------------------------------------------ routing line

/// True for an ACP-127 precedence prosign: two letters of `O`, `P`, `R`, `Z`
/// (`OO`, `PP`, `RR`, `ZZ`, or mixed such as `OP`).
#[inline]
fn is_prosign(t: &[u8]) -> bool {
    t.len() == 2 && t.iter().all(|c| matches!(c, b'O' | b'P' | b'R' | b'Z'))
}

/// True for a routing indicator: 5–7 upper-case letters, `R` first and no vowel second
/// (`RUEHC`, `RHMFISS`, `RUEKJCS`, `RBDHDZA`). The second-letter rule keeps place names
/// such as `RIYADH`, `RABAT`, `RECIFE` out.
pub fn is_routing_indicator(t: &str) -> bool {
    let t = t.as_bytes();
    (5..=7).contains(&t.len())
        && t[0] == b'R'
        && !matches!(t[1], b'A' | b'E' | b'I' | b'O' | b'Y')
        && all_upper(t)
}

/// Routing line `RR RUEHCD RUEHGD …` → `(Some("RR"), [indicators])`; a continuation line
/// of bare indicators → `(None, [indicators])`. `None` when the line is not one.
///
/// Up to two prosign tokens may lead (`OO RR RUEHC` → `Some("OO RR")`); every other token
/// must be a routing indicator ([`is_routing_indicator`]) and there must be at least one.
/// A bare-indicator line is only a routing line in context (after the prosign line, before
/// `DE`): a one-word line such as `RUSSIA` also has the shape.
pub fn parse_routing(line: &str) -> Option<(Option<&str>, Vec<&str>)> {
    routing_into(line)
}

/// [`parse_routing`] with the indicators made into `T`s (the record's `Cow`s: its
/// list can then take over the vector).
pub(crate) fn routing_into<'a, T: From<&'a str>>(
    line: &'a str,
) -> Option<(Option<&'a str>, Vec<T>)> {
    // One pass: the indicators are collected while the line is validated (most lines
    // that get here are routing lines).
    let mut inds: Vec<T> = Vec::new();
    let prec = scan_routing(line, |rest, t| {
        if inds.is_empty() {
            // An upper bound, exact for one or a few indicators (the record's list
            // takes over this vector): every indicator takes five letters or more,
            // and a blank before the next one.
            inds.reserve((rest + 1) / 6);
        }
        inds.push(T::from(t));
    })?;
    Some((prec, inds))
}

/// The precedence of a routing line (`Some("RR")`, `None` for a bare-indicator line),
/// without collecting the indicators; `None` when the line is not a routing line (same
/// rules as [`parse_routing`]).
pub fn routing_precedence(line: &str) -> Option<Option<&str>> {
    scan_routing(line, |_, _| {})
}

/// Validates a routing line, calling `on_indicator(bytes from it to the end, indicator)`
/// for each routing indicator. Returns the line's precedence (`Some(None)` for a
/// bare-indicator line), or `None` when the line is not a routing line.
fn scan_routing<'a>(
    line: &'a str,
    mut on_indicator: impl FnMut(usize, &'a str),
) -> Option<Option<&'a str>> {
    let s = trim(line);
    let b = s.as_bytes();
    if !matches!(b.first(), Some(b'O' | b'P' | b'R' | b'Z')) {
        return None;
    }
    // The tokens are read in place: up to two prosigns, then only indicators (a
    // prosign is no indicator, nor is any token after the first indicator).
    let (mut i, mut n_prec, mut prec_end) = (0, 0, 0);
    while n_prec < 2 && b.get(i..i + 2).is_some_and(is_prosign) && token_ends(b, i + 2) {
        n_prec += 1;
        prec_end = i + 2;
        i = prec_end + blanks(&b[prec_end..]);
    }
    let mut n_ri = 0;
    while i < b.len() {
        let len = indicator_len(&b[i..])?;
        // ASCII letters and a blank or the end: char boundaries.
        on_indicator(b.len() - i, &s[i..i + len]);
        n_ri += 1;
        i += len;
        i += blanks(&b[i..]);
    }
    if n_ri == 0 {
        return None;
    }
    Some((n_prec > 0).then(|| &s[..prec_end]))
}

/// True when a token of `b` may end at `at`: at the end or before a blank.
#[inline]
fn token_ends(b: &[u8], at: usize) -> bool {
    b.get(at).is_none_or(|&c| is_blank(c))
}

/// Length of the routing indicator ([`is_routing_indicator`]) that opens `t` and
/// ends at a blank or the end of `t`; `None` when `t` does not open with one.
///
/// Read at fixed offsets: five letters (`R`, no vowel second), up to two more,
/// then the token's end. A token of eight letters or more ends after none.
#[inline]
fn indicator_len(t: &[u8]) -> Option<usize> {
    let head = t.get(..5)?;
    let up = |k: usize| t.get(k).is_some_and(u8::is_ascii_uppercase);
    let len = 5 + usize::from(up(5)) + usize::from(up(5) & up(6));
    let ok = head[0] == b'R'
        && !matches!(head[1], b'A' | b'E' | b'I' | b'O' | b'Y')
        && head.iter().all(u8::is_ascii_uppercase)
        && token_ends(t, len);
    ok.then_some(len)
}

// ------------------------------------------------------------------ security line

/// True for a security line: `ZNY SSSSS ZZH`, `ZNR UUUUU ZZH (CCY …)`.
///
/// Grammar: `ZN<letter> <five equal upper-case letters>` followed by the end of the line,
/// a blank or `(`; anything may follow (`ZZH ZDK`, `ZZH(CCY …)`, `ZZH ZUI …`). Leading
/// blanks are allowed.
pub fn is_security_line(line: &str) -> bool {
    let b = line.as_bytes();
    let b = &b[blanks(b)..];
    if b.len() < 9 || &b[..2] != b"ZN" || !b[2].is_ascii_uppercase() {
        return false;
    }
    let n = blanks(&b[3..]);
    if n == 0 {
        return false;
    }
    let Some(five) = b.get(3 + n..3 + n + 5) else {
        return false;
    };
    five[0].is_ascii_uppercase()
        && five.iter().all(|&c| c == five[0])
        && match b.get(3 + n + 5) {
            None => true,
            Some(&c) => c.is_ascii_whitespace() || c == b'(',
        }
}

// ------------------------------------------------------------------ DTG

/// Month number of a three-letter month name in any case (`JAN`, `Jan`, `jan` → 1).
pub fn month_number(m: &[u8]) -> Option<u32> {
    let [a, b, c] = m else { return None };
    let key = [
        a.to_ascii_uppercase(),
        b.to_ascii_uppercase(),
        c.to_ascii_uppercase(),
    ];
    const MONTHS: [&[u8; 3]; 12] = [
        b"JAN", b"FEB", b"MAR", b"APR", b"MAY", b"JUN", b"JUL", b"AUG", b"SEP", b"OCT", b"NOV",
        b"DEC",
    ];
    MONTHS.iter().position(|x| **x == key).map(|i| i as u32 + 1)
}

/// Two ASCII digits as a number (the caller has checked they are digits).
#[inline]
fn two(b: &[u8]) -> u32 {
    u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0')
}

/// DTG line, with or without precedence, any case of month. `None` when not a DTG.
///
/// Grammar: `[prec [prec]] DDHHMMZ MON YY [trailer]` with precedence letters `O`, `P`,
/// `R`, `Z`, blanks (one or more) between the parts and before the line, and any trailer
/// after a blank or `(` (`ZDK`, `ZDS CTG RUEHSD 0020 1580042`, `   (CCY …)`). The
/// two-digit year goes through [`full_year`]. `value` is `None` when day, hour, minute or
/// month is out of range (`321200Z FEB 09`); the line is still a DTG.
pub fn parse_dtg(line: &str) -> Option<Dtg<'_>> {
    dtg_parts(line).map(|d| Dtg {
        precedence: d.precedence().to_vec(),
        value: d.value,
        raw: d.raw,
    })
}

/// A [`Dtg`] with its (at most two) precedence letters in place: no allocation for
/// a line whose value may never be used (the tokenizer parses every DTG line).
#[derive(Debug, Clone, Copy)]
pub(crate) struct DtgParts<'a> {
    letters: [&'a str; 2],
    n_letters: usize,
    /// As [`Dtg::value`].
    pub(crate) value: Option<DateTime<Utc>>,
    /// As [`Dtg::raw`].
    pub(crate) raw: &'a str,
}

impl<'a> DtgParts<'a> {
    /// As [`Dtg::precedence`].
    pub(crate) fn precedence(&self) -> &[&'a str] {
        &self.letters[..self.n_letters]
    }
}

/// [`parse_dtg`] without the precedence vector.
pub(crate) fn dtg_parts(line: &str) -> Option<DtgParts<'_>> {
    let s = trim(line);
    let b = s.as_bytes();
    let mut i = 0;
    let mut prec = [0usize; 2];
    let mut n_prec = 0;
    while n_prec < 2
        && matches!(b.get(i), Some(b'O' | b'P' | b'R' | b'Z'))
        && b.get(i + 1).is_some_and(|&c| is_blank(c))
    {
        prec[n_prec] = i;
        n_prec += 1;
        i += 1;
        i += blanks(&b[i..]);
    }
    // DDHHMMZ
    let g = b.get(i..i + 7)?;
    if digits(g) != 6 || g[6] != b'Z' {
        return None;
    }
    let (day, hour, minute) = (two(&g[0..2]), two(&g[2..4]), two(&g[4..6]));
    i += 7;
    let n = blanks(&b[i..]);
    if n == 0 {
        return None;
    }
    i += n;
    // MON
    let mon = b.get(i..i + 3)?;
    if !mon.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let month = month_number(mon);
    i += 3;
    let n = blanks(&b[i..]);
    if n == 0 {
        return None;
    }
    i += n;
    // YY
    let yy = b.get(i..i + 2)?;
    if digits(yy) != 2 {
        return None;
    }
    i += 2;
    if let Some(&c) = b.get(i) {
        if !(c.is_ascii_whitespace() || c == b'(') {
            return None;
        }
    }
    let value = month
        .and_then(|m| NaiveDate::from_ymd_opt(full_year(two(yy)), m, day))
        .and_then(|d| d.and_hms_opt(hour, minute, 0))
        .map(|t| t.and_utc());
    // Each letter is ASCII and followed by a blank: char boundaries.
    Some(DtgParts {
        letters: prec.map(|p| s.get(p..p + 1).unwrap_or("")),
        n_letters: n_prec,
        value,
        raw: s,
    })
}

// ------------------------------------------------------------------ recipients

/// True for a recipient precedence word: `PRIORITY`, `IMMEDIATE`, `ROUTINE`, `FLASH`, or
/// an upper-case word ending in `IORITY`/`MEDIATE` (the typo `PIORITY` occurs once).
pub fn is_precedence_word(t: &str) -> bool {
    is_precedence_word_bytes(t.as_bytes())
}

/// [`is_precedence_word`] on bytes.
#[inline]
fn is_precedence_word_bytes(t: &[u8]) -> bool {
    // The suffixes first: most last tokens (place names) fail there.
    let stem = if t == b"ROUTINE" || t == b"FLASH" {
        return true;
    } else if let Some(p) = t.strip_suffix(b"IORITY") {
        p
    } else if let Some(p) = t.strip_suffix(b"MEDIATE") {
        p
    } else {
        return false;
    };
    stem.iter().all(u8::is_ascii_uppercase)
}

/// True for a distribution code `LOG-00`, `SWCI-00`, `E-00` (1–6 upper-case letters,
/// `-`, two digits).
fn is_dist_code(t: &[u8]) -> bool {
    // Shape first (4 to 9 bytes, `-` third from the end), then the letters.
    if !(4..=9).contains(&t.len()) || t[t.len() - 3] != b'-' {
        return false;
    }
    let l = t.iter().take_while(|c| c.is_ascii_uppercase()).count();
    (1..=6).contains(&l) && t.len() == l + 3 && t[l] == b'-' && all_digits(&t[l + 1..])
}

/// True for the closing count of a distribution block: `/012W`, `/000R`.
fn is_dist_close(t: &[u8]) -> bool {
    t.len() == 5 && t[0] == b'/' && all_digits(&t[1..4]) && t[4].is_ascii_uppercase()
}

/// True when `t` is a first token that makes a line something other than a recipient:
/// a header keyword or a classification word.
#[inline]
fn is_non_recipient_keyword(t: &[u8]) -> bool {
    matches!(
        t,
        b"FM"
            | b"TO"
            | b"INFO"
            | b"XMT"
            | b"DE"
            | b"BT"
            | b"ZNY"
            | b"ZNR"
            | b"ACTION"
            | b"ORIGIN"
            | b"PAGE"
            | b"NNNN"
            | b"SECRET"
            | b"CONFIDENTIAL"
            | b"UNCLAS"
            | b"UNCLASSIFIED"
            | b"E.O."
            | b"TAGS"
            | b"SUBJECT"
            | b"SUBJ"
            | b"REF"
            | b"REFS"
            | b"REFTEL"
            | b"SIPDIS"
    )
}

/// `s` without leading and trailing blanks (space, tab), byte-wise.
#[inline]
fn trim_blanks(s: &str) -> &str {
    let b = s.as_bytes();
    let start = blanks(b);
    let end = b.len()
        - b[start..]
            .iter()
            .rev()
            .take_while(|&&c| is_blank(c))
            .count();
    // Blanks are ASCII: both ends are char boundaries.
    &s[start..end]
}

/// True for prose, `Distribution:`, e-mail exports (lower case) and a label `WORD:`
/// (`SOURCE:`, `DRAFTED BY:`); office symbols have their `:` inside a token
/// (`USDP:ISA`).
#[inline]
fn is_prose_or_label(b: &[u8]) -> bool {
    // Branch-free pass first, 16 bytes a step (vectorises; the flags are only
    // ORed, so the last step may overlap the one before and no byte-wise tail is
    // left); the rare `:` is then looked at closely. The flags are gathered lane
    // by lane and folded once at the end, not once a step.
    #[inline(always)]
    fn flag(c: u8) -> u8 {
        u8::from(c.is_ascii_lowercase()) | (u8::from(c == b':') << 1)
    }
    let flags = match b.last_chunk::<16>() {
        None => b.iter().fold(0u8, |acc, &c| acc | flag(c)),
        Some(last) => {
            let mut lanes = [0u8; 16];
            let mut add = |c: &[u8; 16]| {
                for (l, &x) in lanes.iter_mut().zip(c) {
                    *l |= flag(x);
                }
            };
            add(last);
            for c in b.chunks_exact(16) {
                if let Ok(c) = c.try_into() {
                    add(c);
                }
            }
            // One fold of the 16 lanes (a lane holds bits 0 and 1 only).
            let all = u128::from_ne_bytes(lanes);
            u8::from(all & 0x0101_0101_0101_0101_0101_0101_0101_0101 != 0)
                | (u8::from(all & 0x0202_0202_0202_0202_0202_0202_0202_0202 != 0) << 1)
        }
    };
    flags & 1 != 0
        || (flags & 2 != 0
            && b.iter()
                .enumerate()
                .any(|(i, &c)| c == b':' && b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace())))
}

/// True when `s` (trimmed, non-empty, first token ending at `t1_end`, or
/// `t1_end == 13` for a longer first token) cannot be a recipient line.
fn not_recipient(s: &str, t1_end: usize) -> bool {
    let b = s.as_bytes();
    if !(b[0].is_ascii_uppercase() || b[0].is_ascii_digit()) {
        return true; // `------------------A54E38 …`, `(TEDE) /000R`, `¶`
    }
    if is_prose_or_label(b) {
        return true;
    }
    // `b[0]` is not a blank, so the first token is not empty. (Bytes: a long
    // first token is cut at 13 bytes, maybe inside a character.)
    let t1 = &b[..t1_end];
    // The tokens after the first, only looked at for a few short first tokens
    // (then `t1_end` is their true end, a blank).
    let toks = || tokens(s.get(t1_end..).unwrap_or_default()).map(|(_, t)| t);
    match t1.len() {
        // Spaced banner `S E C R E T …`, `C O N F I D E N T I A L`; DTG `O 010000Z …`.
        1 => {
            let mut more = toks();
            return (more.next().is_some_and(|t| t.len() == 1)
                && more.next().is_some_and(|t| t.len() == 1))
                || parse_dtg(s).is_some();
        }
        // `RR RUEHC …`: a prosign routing line (a prosign is no keyword or code).
        2 if is_prosign(t1) => return routing_precedence(s).is_some(),
        _ => {}
    }
    if is_non_recipient_keyword(t1)
        || t1.starts_with(b"VZCZC")
        || is_dist_code(t1)
        || (b[0].is_ascii_digit() && parse_dtg(s).is_some())
    {
        return true;
    }
    match t1 {
        b"TOP" => toks().next() == Some("SECRET"),
        b"LIMITED" => toks().next() == Some("OFFICIAL"),
        _ => false,
    }
}

/// One recipient line `[ROUTE/]NAME [PRECEDENCE] [MCN]` (without the `TO`/`INFO`/`XMT`
/// keyword). `None` when the line cannot be a recipient.
///
/// * ROUTE: 3–7 upper-case letters before a `/` in the first token (`RUEHC/`, the
///   pseudo-route `ZEN/` of 08STATE103511).
/// * MCN: a last token of digits (`0250`, `0000`) or a digit range (`4778-4781`).
/// * PRECEDENCE: the last token before the MCN when [`is_precedence_word`], with a
///   preceding `NIACT` included (`NIACT IMMEDIATE`).
/// * NAME: the rest, trimmed, as written: office symbols (`…FL//CCJ2/POLAD//`) and
///   double spaces stay; a last token such as `FL` or `GE` is part of the name.
///
/// `None` for an empty line, a line with lower-case letters (prose), a label (`WORD:`),
/// a line starting with a header keyword (`FM`, `TO`, `INFO`, `XMT`, `DE`, `ZNY`, `PAGE`,
/// `ACTION`, …) or a classification word (`SECRET`, `UNCLAS`, spaced `S E C R E T`), a
/// distribution-code line, a DTG or prosign routing line, or a line whose name is empty.
///
/// Cost: the first token is read once, the line once more by the vectorised case/label
/// test, and only the last two or three tokens from the end; nothing is allocated.
pub fn parse_recipient(line: &str) -> Option<Recipient<'_>> {
    let s = trim(line);
    let b = s.as_bytes();
    if b.is_empty() {
        return None;
    }
    // The common form `ROUTE/…` (3–7 upper-case letters and a slash) takes the
    // short way.
    if let Some(n) = route_len(b) {
        return routed_recipient(s, n);
    }
    parse_any_recipient(s)
}

/// Offset of the `/` when `b` opens with a route: 3–7 ASCII upper-case letters and
/// a slash (`RUEHC/`, `ZEN/`). Only the first eight letters count: the slash of a
/// longer run of letters is no route's.
///
/// Eight bytes or more are read as one word: a byte is an upper-case letter when
/// bit 7 is clear in it and set in its low seven bits plus `0x3f` (`A` or above)
/// but not plus `0x25` (above `Z`); these sums stay within the byte. The route ends
/// at the first byte that is not one. A shorter `b` is read byte by byte.
#[inline]
pub(crate) fn route_len(b: &[u8]) -> Option<usize> {
    let n = match b.first_chunk::<8>() {
        Some(&w) => {
            const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
            let w = u64::from_le_bytes(w);
            let low = w & LOW7;
            let upper = (low + 0x3f3f_3f3f_3f3f_3f3f) & !(low + 0x2525_2525_2525_2525) & !w;
            // Little-endian: the first byte that is no letter is the lowest flagged.
            ((!upper & !LOW7).trailing_zeros() / 8) as usize
        }
        None => b.iter().take_while(|c| c.is_ascii_uppercase()).count(),
    };
    ((3..=7).contains(&n) && b.get(n) == Some(&b'/')).then_some(n)
}

/// [`parse_recipient`] of the trimmed, non-empty line `s`, any form, every check
/// made (the reference for [`parse_routed_recipient`]).
fn parse_any_recipient(s: &str) -> Option<Recipient<'_>> {
    let b = s.as_bytes();
    // The first token matters to `not_recipient` and the route only up to 12
    // bytes (its longest keyword, `CONFIDENTIAL`): a longer one is read no
    // further and counts as 13 bytes long, which changes no answer (no keyword,
    // code or prosign is that long, and the route's `/` is looked for in the
    // first 8 bytes).
    let first = token_len(&b[..b.len().min(13)]);
    if not_recipient(s, first) {
        return None;
    }
    // ROUTE/: the first `/` of the first token, at offset 3 to 7.
    let mut route = None;
    let mut rest = s;
    if let Some(slash) = b[..first.min(8)].iter().position(|&c| c == b'/') {
        if slash >= 3 && all_upper(&b[..slash]) {
            route = Some(Cow::Borrowed(&s[..slash]));
            rest = &s[slash + 1..];
        }
    }
    recipient_after_route(route, rest)
}

/// [`parse_recipient`] for a line that opens with a route: `line[..slash]` is 3–7
/// ASCII upper-case letters and `line[slash]` is `/` (the tokenizer's test for the
/// bulk of a recipient block, `RUEHC/SECSTATE WASHDC`). The same result, without the
/// first-token checks that such a line passes anyway: its first token holds a `/`,
/// so it is no keyword, distribution code, prosign, spaced banner or DTG. (A line
/// that does not keep the contract gets the full parse.)
pub(crate) fn parse_routed_recipient(line: &str, slash: usize) -> Option<Recipient<'_>> {
    let b = line.as_bytes();
    if !(3..=7).contains(&slash) || b.get(slash) != Some(&b'/') || !b[0].is_ascii_uppercase() {
        return match trim(line) {
            "" => None,
            s => parse_any_recipient(s),
        };
    }
    debug_assert!(all_upper(&b[..slash]));
    // The line opens with a letter: only its end is trimmed (as `trim` does).
    let s = line.trim_ascii_end();
    let s = match s.as_bytes().last() {
        Some(&z) if z >= 0x80 => s.trim_end(),
        _ => s,
    };
    routed_recipient(s, slash)
}

/// [`parse_routed_recipient`] of the trimmed line `s`, which opens with a route
/// (`s[..slash]` upper-case letters, `s[slash]` a slash).
#[inline]
fn routed_recipient(s: &str, slash: usize) -> Option<Recipient<'_>> {
    if is_prose_or_label(s.as_bytes()) || s.starts_with("VZCZC") {
        return None;
    }
    // `/` is ASCII: both sides are char boundaries.
    recipient_after_route(Some(Cow::Borrowed(&s[..slash])), &s[slash + 1..])
}

/// Number of trailing bytes of `b` that pass `f`.
#[inline]
fn count_back(b: &[u8], f: impl Fn(u8) -> bool) -> usize {
    b.iter().rev().take_while(|&&c| f(c)).count()
}

/// True when a token may start at `b[at]`: at the start or after a blank.
#[inline]
fn token_starts(b: &[u8], at: usize) -> bool {
    at == 0 || is_blank(b[at - 1])
}

/// Start of the message channel number that is the last token of `b` (no trailing
/// blank): all digits (`0250`, `0000`) or a digit range (`4778-4781`, 08STATE103511).
///
/// Read from the end: a run of digits, maybe `-` and another run, then the token's
/// start. Any other byte on the way (a letter of `FL//`, a second `-`) means the last
/// token is no MCN, so the name before it is never read.
#[inline]
fn mcn_start(b: &[u8]) -> Option<usize> {
    let mut s = b.len() - count_back(b, |c| c.is_ascii_digit());
    if s == b.len() {
        return None;
    }
    if s > 1 && b[s - 1] == b'-' {
        let d = count_back(&b[..s - 1], |c| c.is_ascii_digit());
        if d == 0 {
            return None;
        }
        s -= 1 + d;
    }
    token_starts(b, s).then_some(s)
}

/// Start of the precedence word that is the last token of `b` (no trailing blank):
/// `ROUTINE`, `FLASH`, or upper-case letters ending in `IORITY`/`MEDIATE`
/// ([`is_precedence_word`]).
///
/// Read from the end: the last byte tells which suffix may be there (`Y`, `E`, `H`;
/// most names end otherwise), then only the suffix and the stem before it are read.
/// The suffixes cannot overlap, so at most one applies.
#[inline]
fn precedence_start(b: &[u8]) -> Option<usize> {
    let (stem_end, any_stem) = match b.last()? {
        b'Y' if b.ends_with(b"IORITY") => (b.len() - 6, true),
        b'E' if b.ends_with(b"MEDIATE") => (b.len() - 7, true),
        b'E' if b.ends_with(b"ROUTINE") => (b.len() - 7, false),
        b'H' if b.ends_with(b"FLASH") => (b.len() - 5, false),
        _ => return None,
    };
    let s = if any_stem {
        stem_end - count_back(&b[..stem_end], |c| c.is_ascii_uppercase())
    } else {
        stem_end
    };
    token_starts(b, s).then_some(s)
}

/// The rest of a recipient line after its route (the whole line without one):
/// `NAME [PRECEDENCE] [MCN]`.
///
/// MCN and precedence are recognised by their own bytes from the end of the line
/// ([`mcn_start`], [`precedence_start`]): the tokens of the name are not read.
#[inline]
fn recipient_after_route<'a>(route: Option<Cow<'a, str>>, rest: &'a str) -> Option<Recipient<'a>> {
    let rest = trim_blanks(rest);
    let rb = rest.as_bytes();
    // Take MCN and PRECEDENCE from the end; every cut is at a blank or the start
    // (ASCII), so all slices below are at char boundaries.
    let mut end = rest.len();
    let mut mcn = None;
    let mut precedence = None;
    if let Some(ts) = mcn_start(rb) {
        mcn = Some(Cow::Borrowed(&rest[ts..]));
        end = ts - count_back(&rb[..ts], is_blank);
    }
    if let Some(ts) = precedence_start(&rb[..end]) {
        let mut start = ts;
        if rb[..end].ends_with(b"MEDIATE") {
            // `NIACT IMMEDIATE`
            let ne = ts - count_back(&rb[..ts], is_blank);
            if rb[..ne].ends_with(b"NIACT") && token_starts(rb, ne - 5) {
                start = ne - 5;
            }
        }
        precedence = Some(Cow::Borrowed(&rest[start..end]));
        end = start;
    }
    // `rest` opens with no blank: only the name's end can have some.
    let name_end = end - count_back(&rb[..end], is_blank);
    if name_end == 0 {
        return None;
    }
    let name = &rest[..name_end];
    Some(Recipient {
        route,
        name: Cow::Borrowed(name),
        precedence,
        mcn,
    })
}

// ------------------------------------------------------------------ distribution block

/// Distribution codes of a State distribution-block line (`INFO  LOG-00   EEB-00 …`,
/// `SAS-00   SWCI-00    /012W`). Empty when the line holds none.
///
/// A leading `INFO` or `ACTION` keyword and parenthesised tokens (`(TEDE) /000R`,
/// 09STATE63860) are skipped; then codes (`LOG-00`: 1–6 upper-case letters, `-`, two
/// digits) are collected up to the closing count (`/012W`, `/000R`, included) or the
/// first other token. A line that does not start with a code or the closing count
/// gives nothing (`INFO AMEMBASSY PARIS`).
pub fn distribution_codes(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut toks = tokens(trim(line)).map(|(_, t)| t).peekable();
    if matches!(toks.peek(), Some(&("INFO" | "ACTION"))) {
        toks.next();
    }
    for t in toks {
        let tb = t.as_bytes();
        if is_dist_code(tb) {
            out.push(t);
        } else if is_dist_close(tb) {
            out.push(t);
            break;
        } else if out.is_empty() && tb.first() == Some(&b'(') && tb.last() == Some(&b')') {
            continue;
        } else {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    // ---------------------------------------------------------------- DE

    #[test]
    fn de_forms() {
        let d = parse_de("DE RUEHXY #4321/01 3011811").unwrap();
        assert_eq!(
            d,
            De {
                station: "RUEHXY",
                serial: "4321",
                section: Some("01"),
                filing_time: Some("3011811")
            }
        );
        let d = parse_de("DE RUEHC #0042 1012232").unwrap();
        assert_eq!((d.station, d.serial, d.section), ("RUEHC", "0042", None));
        assert_eq!(d.filing_time, Some("1012232"));
        let d = parse_de("DE RUEHQQQ #0007/02 2460836 ").unwrap();
        assert_eq!((d.station, d.section), ("RUEHQQQ", Some("02")));
        let d = parse_de("  DE RUEHXY #4321/01 3011811 ZZZ EXTRA\r\n").unwrap();
        assert_eq!(d.filing_time, Some("3011811"));
        let d = parse_de("DE RUEHXY #4321 3011811\r\n").unwrap();
        assert_eq!(d.filing_time, Some("3011811"));
        let d = parse_de("DE RUEHXY #4321/01\r").unwrap();
        assert_eq!((d.section, d.filing_time), (Some("01"), None));
        let d = parse_de("DE RUEHXY #4321").unwrap();
        assert_eq!((d.serial, d.filing_time), ("4321", None));
    }

    #[test]
    fn de_rejects() {
        for l in [
            "",
            "DE",
            "DE RUEHXY",
            "DE RUEHXY 4321 3011811",
            "DE RUE #4321",
            "DE RUEHXYZW #4321",
            "DE ruehxy #4321",
            "DE RUEHXY #X321",
            "DE RUEHXY #43X1",
            "DEAR RUEHXY #4321",
            "DEPT OF STATE",
            "DE RUEHXY #",
            "DE RUEHXY’ #1",
        ] {
            assert_eq!(parse_de(l), None, "{l:?}");
        }
    }

    // ---------------------------------------------------------------- routing

    #[test]
    fn routing_forms() {
        assert_eq!(
            parse_routing("RR RUEHAA RUEHBB RUEHCCC"),
            Some((Some("RR"), vec!["RUEHAA", "RUEHBB", "RUEHCCC"]))
        );
        assert_eq!(
            parse_routing("PP RUEHWEB"),
            Some((Some("PP"), vec!["RUEHWEB"]))
        );
        assert_eq!(
            parse_routing("OO RUEHWEB\r"),
            Some((Some("OO"), vec!["RUEHWEB"]))
        );
        assert_eq!(parse_routing("ZZ RUEHC"), Some((Some("ZZ"), vec!["RUEHC"])));
        assert_eq!(
            parse_routing("OO RR RUEHC RHMFISS"),
            Some((Some("OO RR"), vec!["RUEHC", "RHMFISS"]))
        );
        assert_eq!(
            parse_routing("RUEHAA RUEHBB RUEHCC "),
            Some((None, vec!["RUEHAA", "RUEHBB", "RUEHCC"]))
        );
        assert_eq!(
            parse_routing("RHEFDIA RUEKJCS RBDHDZA"),
            Some((None, vec!["RHEFDIA", "RUEKJCS", "RBDHDZA"]))
        );
        assert_eq!(parse_routing("RUEHSR"), Some((None, vec!["RUEHSR"])));
    }

    #[test]
    fn routing_rejects() {
        for l in [
            "",
            "RR",
            "OO RR",
            "RR RUEHC/SECSTATE WASHDC",
            "RUEHC/SECSTATE WASHDC PRIORITY 0001",
            "AMEMBASSY ROME",
            "RIYADH",
            "RABAT",
            "RECIFE",
            "ROME",
            "RR RUEHC FOO",
            "RUEHC RUEH",
            "RUEHAAAA",
            "ruehaa",
            "NSC WASHDC",
            "RR RUEHC RUEHDD 1234",
            "OO PP RR RUEHC",
            "RUEHC RR",
            "CIA WASHINGTON DC",
        ] {
            assert_eq!(parse_routing(l), None, "{l:?}");
            assert_eq!(routing_precedence(l), None, "{l:?}");
        }
    }

    #[test]
    fn routing_precedence_agrees() {
        for l in [
            "RR RUEHAA RUEHBB RUEHCCC",
            "OO RR RUEHC RHMFISS",
            "RUEHAA RUEHBB RUEHCC ",
            "RUEHSR",
            "ZZ RUEHC",
            "RR RUEHC FOO",
        ] {
            assert_eq!(
                routing_precedence(l),
                parse_routing(l).map(|(p, _)| p),
                "{l:?}"
            );
        }
        // Many indicators: the vector grows past its first reservation.
        let long = format!("RR{}", " RUEHAAA".repeat(40));
        assert_eq!(parse_routing(&long).map(|(_, v)| v.len()), Some(40));
    }

    /// The previous [`parse_routing`], token by token: the reference for the
    /// in-place reading of [`scan_routing`].
    fn parse_routing_ref(line: &str) -> Option<(Option<&str>, Vec<&str>)> {
        let s = trim(line);
        if !matches!(s.as_bytes().first(), Some(b'O' | b'P' | b'R' | b'Z')) {
            return None;
        }
        let (mut prec_end, mut n_prec, mut inds) = (0, 0, Vec::new());
        for (at, t) in tokens(s) {
            if inds.is_empty() && n_prec < 2 && is_prosign(t.as_bytes()) {
                n_prec += 1;
                prec_end = at + t.len();
            } else if is_routing_indicator(t) {
                inds.push(t);
            } else {
                return None;
            }
        }
        (!inds.is_empty()).then(|| ((n_prec > 0).then(|| &s[..prec_end]), inds))
    }

    #[test]
    fn routing_vector_is_allocated_once_at_its_size() {
        // The record's list takes over this vector: room for what the line holds
        // (as `Vec::reserve` gives it, four at least), exact for indicators of five
        // or six letters.
        for (line, cap) in [
            ("RR RUEHXX", 4),
            ("RR RUEHAA RUEHBB RUEHCC RUEHDD RUEHEE", 5),
            ("RUEHA RUEHB RUEHCC RUEHDD RUEHEE RUEHFF", 6),
        ] {
            let (_, v) = routing_into::<std::borrow::Cow<'_, str>>(line).unwrap();
            assert_eq!(v.capacity(), cap.max(v.len()), "{line}");
        }
        let (_, v) = parse_routing("RR RUEHAAA RUEHBBB RUEHCCC RUEHDDD RUEHEEE").unwrap();
        assert!(v.len() == 5 && v.capacity() <= 6);
    }

    #[test]
    fn dtg_parts_need_no_allocation() {
        let d = dtg_parts("O R 292049Z JAN 10 ZDK").unwrap();
        assert_eq!(d.precedence(), ["O", "R"]);
        assert_eq!(d.raw, "O R 292049Z JAN 10 ZDK");
        assert!(dtg_parts("292049Z JAN 10").unwrap().precedence().is_empty());
        let want = parse_dtg(" R 292049Z JAN 10 ").unwrap();
        assert_eq!(want.precedence, ["R"]);
        assert_eq!(want.raw, "R 292049Z JAN 10");
    }

    #[test]
    fn routing_in_place() {
        for l in [
            "RR RUEHAA RUEHBB RUEHCCC",
            "OO RR RUEHC RHMFISS",
            "OO RR ZZ RUEHC",
            "OO\tRR  RUEHC\tRUEHDD ",
            "RR RUEHC RR",
            "RRR RUEHC",
            "RR RUEHCCCC",
            "RR RUEHC RUEH",
            "RR RUEHC/X",
            "RUEHC’",
            "RR RUEHAB’",
            "RR RIYADH",
            "RR ",
            "R",
            "RUEHSR",
        ] {
            assert_eq!(parse_routing(l), parse_routing_ref(l), "{l:?}");
        }
    }

    // ---------------------------------------------------------------- security

    #[test]
    fn security_lines() {
        for l in [
            "ZNY CCCCC ZZH",
            "ZNR UUUUU ZZH",
            "ZNY SSSSS ZZH",
            "ZNY SSSSS ZZH\r",
            "ZNY SSSSS ZZH (CCY AB12CD34 XYZ1234-567)",
            "ZNY CCCCC ZZH(CCY AB12CD34 XYZ1234 567)",
            "ZNY CCCCC ZZH ZDK",
            "ZNY SSSSS ZZH  ZDS",
            "ZNY SSSSS ZZH ZUI RUEHQQ1234 1581702",
            "ZNY CCCCC ZZH (TAO)",
            "  ZNY CCCCC ZZH ",
            "ZNY CCCCC",
        ] {
            assert!(is_security_line(l), "{l:?}");
        }
        for l in [
            "",
            "ZNY",
            "ZNY CCCC ZZH",
            "ZNY CCCCCC ZZH",
            "ZNY CCSCC ZZH",
            "ZNYCCCCC ZZH",
            "ZNY ccccc ZZH",
            "ZONE CCCCC",
            "ZNY CCCCC’",
            "ZN’ CCCCC ZZH",
        ] {
            assert!(!is_security_line(l), "{l:?}");
        }
    }

    // ---------------------------------------------------------------- DTG

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Option<DateTime<Utc>> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single()
    }

    #[test]
    fn dtg_forms() {
        let d = parse_dtg("O 292049Z JAN 10").unwrap();
        assert_eq!(d.precedence, ["O"]);
        assert_eq!(d.value, utc(2010, 1, 29, 20, 49));
        assert_eq!(d.raw, "O 292049Z JAN 10");

        let d = parse_dtg("O R 041614Z FEB 10     (CCY ABC1C30B8 QWERT0621-623)").unwrap();
        assert_eq!(d.precedence, ["O", "R"]);
        assert_eq!(d.value, utc(2010, 2, 4, 16, 14));

        let d = parse_dtg("P R 281848Z DEC 66").unwrap();
        assert_eq!(d.precedence, ["P", "R"]);
        assert_eq!(d.value, utc(1966, 12, 28, 18, 48));

        let d = parse_dtg("201247Z Jan 04").unwrap();
        assert!(d.precedence.is_empty());
        assert_eq!(d.value, utc(2004, 1, 20, 12, 47));

        let d = parse_dtg("  R 111303Z FEB 09 \r\n").unwrap();
        assert_eq!(d.raw, "R 111303Z FEB 09");
        assert_eq!(d.value, utc(2009, 2, 11, 13, 3));

        for l in [
            "P 221128Z FEB 08 ZDS",
            "O 031921Z JUN 08 ZDK",
            "O 031401Z JUN 08 ZDS CTG RUEHQQ 0020 1580042",
            "P 261618Z FEB 10 ZDK TO ALL CITE NUMEROUS SERVICE REQUESTS",
            "O 091547Z OCT 09 (CCY ABC1AECC XYZ3311-632)",
            "O 091547Z OCT 09(CCY)",
            "Z 010000Z MAR 75",
            "R  130458Z  AUG  79",
            "O P 291721Z SEP 09 ",
        ] {
            let d = parse_dtg(l).unwrap_or_else(|| panic!("{l:?}"));
            assert!(d.value.is_some(), "{l:?}");
        }
        assert_eq!(
            parse_dtg("R 130458Z AUG 79").unwrap().value,
            utc(1979, 8, 13, 4, 58)
        );
        assert_eq!(
            parse_dtg("R 010000Z JAN 00").unwrap().value,
            utc(2000, 1, 1, 0, 0)
        );
    }

    #[test]
    fn dtg_out_of_range_values() {
        for l in [
            "O 321200Z JAN 09",
            "O 301200Z FEB 09",
            "O 002400Z JAN 09",
            "O 012400Z JAN 09",
            "O 011260Z JAN 09",
            "O 011200Z XYZ 09",
        ] {
            let d = parse_dtg(l).unwrap_or_else(|| panic!("{l:?}"));
            assert_eq!(d.value, None, "{l:?}");
        }
    }

    #[test]
    fn dtg_rejects() {
        for l in [
            "",
            "FM AMEMBASSY ROME",
            "PAGE 01        ROME  01234  01 OF 03  291400Z ",
            "                  ------------------A12B34  291401Z /38",
            "TO PAGE 02        STATE   012345  182333Z ",
            "/001W O 052026Z",
            "O 052026Z",
            "O 052026Z OCT",
            "O 052026Z OCT 9",
            "O 052026Z OCT 091",
            "O 05202Z OCT 09",
            "O 0520266Z OCT 09",
            "O 052026 OCT 09",
            "O 052026Z OCTOBER 09",
            "X 052026Z OCT 09",
            "O R P 052026Z OCT 09",
            "OR 052026Z OCT 09",
            "052026ZOCT 09",
            "THE MEETING ON 052026Z OCT 09",
            "O 052026Z OC’ 09",
            "O 052026Z OCT 0’",
        ] {
            assert_eq!(parse_dtg(l), None, "{l:?}");
        }
    }

    // ---------------------------------------------------------------- recipients

    fn rec(line: &str) -> (Option<&str>, String, Option<String>, Option<String>) {
        let r = parse_recipient(line).unwrap_or_else(|| panic!("no recipient: {line:?}"));
        let route = r.route.map(|c| match c {
            Cow::Borrowed(s) => s,
            Cow::Owned(_) => panic!("owned route"),
        });
        assert!(matches!(r.name, Cow::Borrowed(_)));
        (
            route,
            r.name.into_owned(),
            r.precedence.map(Cow::into_owned),
            r.mcn.map(Cow::into_owned),
        )
    }

    fn t(
        route: Option<&'static str>,
        name: &str,
        prec: Option<&str>,
        mcn: Option<&str>,
    ) -> (Option<&'static str>, String, Option<String>, Option<String>) {
        (
            route,
            name.to_string(),
            prec.map(str::to_string),
            mcn.map(str::to_string),
        )
    }

    #[test]
    fn recipient_forms() {
        assert_eq!(
            rec("RUEHC/SECSTATE WASHDC IMMEDIATE 0250"),
            t(
                Some("RUEHC"),
                "SECSTATE WASHDC",
                Some("IMMEDIATE"),
                Some("0250")
            )
        );
        assert_eq!(
            rec("RUEHQQ/AMEMBASSY SOMEWHERE"),
            t(Some("RUEHQQ"), "AMEMBASSY SOMEWHERE", None, None)
        );
        assert_eq!(
            rec("RUEHQQQ/AMCONSUL SOMEPLACE PRIORITY"),
            t(
                Some("RUEHQQQ"),
                "AMCONSUL SOMEPLACE",
                Some("PRIORITY"),
                None
            )
        );
        assert_eq!(
            rec("RUEHQQ/AMEMBASSY SOMEWHERE 1234"),
            t(Some("RUEHQQ"), "AMEMBASSY SOMEWHERE", None, Some("1234"))
        );
        assert_eq!(
            rec("SECSTATE WASHDC"),
            t(None, "SECSTATE WASHDC", None, None)
        );
        assert_eq!(
            rec("SECSTATE WASHDC PRIORITY"),
            t(None, "SECSTATE WASHDC", Some("PRIORITY"), None)
        );
        assert_eq!(
            rec("SECSTATE WASHDC PRIORITY 0001"),
            t(None, "SECSTATE WASHDC", Some("PRIORITY"), Some("0001"))
        );
        assert_eq!(
            rec("SECSTATE WASHDC 9999"),
            t(None, "SECSTATE WASHDC", None, Some("9999"))
        );
    }

    #[test]
    fn recipient_variants() {
        // Pseudo-route and MCN range (08STATE103511).
        assert_eq!(
            rec("ZEN/AMEMBASSY FARAWAY NIACT IMMEDIATE 1234-1237"),
            t(
                Some("ZEN"),
                "AMEMBASSY FARAWAY",
                Some("NIACT IMMEDIATE"),
                Some("1234-1237")
            )
        );
        assert_eq!(
            rec("ZEN/JOINT STAFF WASHINGTON DC IMMEDIATE"),
            t(
                Some("ZEN"),
                "JOINT STAFF WASHINGTON DC",
                Some("IMMEDIATE"),
                None
            )
        );
        // Precedence typo.
        assert_eq!(
            rec("RUEHQQ/AMEMBASSY SOMEWHERE PIORITY 0042"),
            t(
                Some("RUEHQQ"),
                "AMEMBASSY SOMEWHERE",
                Some("PIORITY"),
                Some("0042")
            )
        );
        assert_eq!(
            rec("AMEMBASSY SOMEWHERE ROUTINE"),
            t(None, "AMEMBASSY SOMEWHERE", Some("ROUTINE"), None)
        );
        assert_eq!(
            rec("AMEMBASSY SOMEWHERE FLASH 0001"),
            t(None, "AMEMBASSY SOMEWHERE", Some("FLASH"), Some("0001"))
        );
        // Office symbols stay in the name.
        assert_eq!(
            rec("RUQQACC/USCINCXX TAMPA FL//CCJ2/POLAD//"),
            t(
                Some("RUQQACC"),
                "USCINCXX TAMPA FL//CCJ2/POLAD//",
                None,
                None
            )
        );
        assert_eq!(
            rec("RUQQACC/USCINCXX TAMPA FL//CCJ2/POLAD// PRIORITY"),
            t(
                Some("RUQQACC"),
                "USCINCXX TAMPA FL//CCJ2/POLAD//",
                Some("PRIORITY"),
                None
            )
        );
        assert_eq!(
            rec("XYZ WASHINGTON DC//ABC// 0000"),
            t(None, "XYZ WASHINGTON DC//ABC//", None, Some("0000"))
        );
        assert_eq!(
            rec("RUQQJCS/SECDEF WASHDC//USDP:ISA/ISA:EUR//"),
            t(
                Some("RUQQJCS"),
                "SECDEF WASHDC//USDP:ISA/ISA:EUR//",
                None,
                None
            )
        );
        // Names ending in two-letter tokens.
        assert_eq!(
            rec("RHQQISS/CDR SOMECOM MIAMI FL"),
            t(Some("RHQQISS"), "CDR SOMECOM MIAMI FL", None, None)
        );
        assert_eq!(
            rec("RHQQISS/HQ SOMECOM STUTTGART GE"),
            t(Some("RHQQISS"), "HQ SOMECOM STUTTGART GE", None, None)
        );
        assert_eq!(
            rec("RHQQISS/425ABC IZMIR TU//CC// PRIORITY"),
            t(
                Some("RHQQISS"),
                "425ABC IZMIR TU//CC//",
                Some("PRIORITY"),
                None
            )
        );
        // Double spaces and surrounding blanks.
        assert_eq!(
            rec("RUCQMEM/EU MEMBER STATES  PRIORITY"),
            t(Some("RUCQMEM"), "EU MEMBER STATES", Some("PRIORITY"), None)
        );
        assert_eq!(
            rec("  RUCQMEM/EU  MEMBER STATES   0123  \r\n"),
            t(Some("RUCQMEM"), "EU  MEMBER STATES", None, Some("0123"))
        );
        assert_eq!(
            rec("EUROPEAN POLITICAL COLLECTIVE IMMEDIATE"),
            t(
                None,
                "EUROPEAN POLITICAL COLLECTIVE",
                Some("IMMEDIATE"),
                None
            )
        );
        // NIACT without IMMEDIATE is a name word; PRIORITY alone as the name is kept.
        assert_eq!(
            rec("AMEMBASSY NIACT"),
            t(None, "AMEMBASSY NIACT", None, None)
        );
        // A word ending in …HORITY is not a precedence.
        assert_eq!(rec("PORT AUTHORITY"), t(None, "PORT AUTHORITY", None, None));
        // A slash later in the first token or a long prefix is no route.
        assert_eq!(
            rec("USDAOXYZW/SOMEWHERE"),
            t(None, "USDAOXYZW/SOMEWHERE", None, None)
        );
        // UTF-8 in a name.
        assert_eq!(
            rec("AMEMBASSY BOGOTÁ PRIORITY"),
            t(None, "AMEMBASSY BOGOTÁ", Some("PRIORITY"), None)
        );
    }

    #[test]
    fn routed_recipients() {
        for line in [
            "RUEHFOO/AMEMBASSY FOOBAR PRIORITY 1234",
            "RUEHFOO/AMEMBASSY FOOBAR NIACT IMMEDIATE",
            "ZEN/AMCONSUL BARBAZ",
            "RUEHFOO/AMEMBASSY FOOBAR 4778-4781 ",
            "VZCZCXY/FOO",
            "RUEHFOO/Embassy Foobar",
            "RUEHFOO/SOURCE: FOO",
            "RUEHFOO/ 0250",
        ] {
            let slash = line.find('/').unwrap();
            let want = parse_any_recipient(trim(line));
            assert_eq!(parse_recipient(line), want, "{line:?}");
            assert_eq!(parse_routed_recipient(line, slash), want, "{line:?}");
        }
        let r = parse_routed_recipient("RUEHFOO/AMEMBASSY FOOBAR PRIORITY 1234", 7).unwrap();
        assert_eq!(r.route.as_deref(), Some("RUEHFOO"));
        assert_eq!(r.name, "AMEMBASSY FOOBAR");
        assert_eq!(r.precedence.as_deref(), Some("PRIORITY"));
        assert_eq!(r.mcn.as_deref(), Some("1234"));
        assert!(parse_routed_recipient("RUEHFOO/Embassy Foobar", 7).is_none());
        // A wrong slash offset falls back to the full parse.
        assert_eq!(
            parse_routed_recipient("RUEHFOO/AMEMBASSY FOOBAR", 3),
            parse_any_recipient("RUEHFOO/AMEMBASSY FOOBAR")
        );
        assert_eq!(parse_routed_recipient("   ", 3), None);
    }

    #[test]
    fn recipient_rejects() {
        for l in [
            "",
            "   ",
            "\u{a0}",
            "This record is a partial extract of the original cable.",
            "Distribution:",
            "S E C R E T SECTION 01 OF 02 SOMEWHERE 001234",
            "C O N F I D E N T I A L SOMEWHERE 000123",
            "SECRET",
            "CONFIDENTIAL     ABC1234",
            "UNCLAS SOMEWHERE 000123",
            "TOP SECRET",
            "FM AMEMBASSY SOMEWHERE",
            "TO SECSTATE WASHDC",
            "INFO AMEMBASSY SOMEWHERE",
            "XMT AMCONSUL SOMEPLACE",
            "DE RUEHQQ #1234/01 1234567",
            "ZNY CCCCC ZZH",
            "PAGE 02        STATE   012345  182333Z",
            "O 052026Z OCT 09",
            "RR RUEHC RUEHDD",
            "ACTION AF-00",
            "LOG-00   EEB-00   AID-00",
            "SOURCE: ABCDEFGH.000123",
            "DRAFTED BY: AB/CD:EFGHIJ",
            "E.O. 12958: DECL: 01/01/2019",
            "TAGS PREL XX",
            "                  ------------------A12B34  291401Z /38",
            "(TEDE) /000R",
            "VZCZCXRO1234",
            "063860",
            "PRIORITY",
            "NIACT IMMEDIATE 1234",
            "RUEHC/",
            "RUEHC/ 1234",
            "RUEHC/PRIORITY",
        ] {
            assert_eq!(parse_recipient(l), None, "{l:?}");
        }
    }

    /// The previous [`recipient_after_route`], token by token from the end: the
    /// reference for the suffix reading of [`mcn_start`] and [`precedence_start`].
    fn recipient_after_route_ref(rest: &str) -> Option<Recipient<'_>> {
        fn last_token(b: &[u8], end: usize) -> Option<(usize, usize)> {
            let b = b.get(..end)?;
            let e = b.len() - count_back(b, is_blank);
            if e == 0 {
                return None;
            }
            Some((e - count_back(&b[..e], |c| !is_blank(c)), e))
        }
        fn is_mcn(t: &[u8]) -> bool {
            let a = digits(t);
            a > 0 && (a == t.len() || (t[a] == b'-' && all_digits(&t[a + 1..])))
        }
        let rest = trim_blanks(rest);
        let rb = rest.as_bytes();
        let (mut end, mut mcn, mut precedence) = (rest.len(), None, None);
        let mut last = last_token(rb, end);
        if let Some((ts, te)) = last.filter(|&(ts, te)| is_mcn(&rb[ts..te])) {
            mcn = Some(Cow::Borrowed(&rest[ts..te]));
            end = ts;
            last = last_token(rb, end);
        }
        if let Some((ts, te)) = last.filter(|&(ts, te)| is_precedence_word_bytes(&rb[ts..te])) {
            let mut start = ts;
            if rb[ts..te].ends_with(b"MEDIATE") {
                if let Some((ns, ne)) = last_token(rb, ts) {
                    if &rb[ns..ne] == b"NIACT" {
                        start = ns;
                    }
                }
            }
            precedence = Some(Cow::Borrowed(&rest[start..te]));
            end = start;
        }
        let name_end = end - count_back(&rb[..end], is_blank);
        (name_end > 0).then(|| Recipient {
            route: None,
            name: Cow::Borrowed(&rest[..name_end]),
            precedence,
            mcn,
        })
    }

    #[test]
    fn recipient_ends() {
        for rest in [
            "AMEMBASSY FOO PRIORITY 1234",
            "AMEMBASSY FOO NIACT IMMEDIATE 4778-4781",
            "AMEMBASSY FOO NIACT  IMMEDIATE",
            "AMEMBASSY FOONIACT IMMEDIATE",
            "NIACT IMMEDIATE",
            "FOO IMMEDIATE",
            "FOO XIMMEDIATE 12",
            "FOO xIMMEDIATE 12",
            "FOO IORITY",
            "FOO MEDIATE",
            "FOO XROUTINE",
            "FOO ROUTINE",
            "FOO XFLASH 1",
            "FOO FLASH",
            "FOO AUTHORITY",
            "FOO PRIORITY-1234",
            "FOO 12-34-56",
            "FOO -1234",
            "FOO 1234-",
            "FOO 1-2",
            "FOO A-12",
            "FOO/1234",
            "1234",
            "1-2",
            "-1",
            "PRIORITY",
            "PRIORITY 0001",
            "FOO\tPRIORITY\t0001",
            "BOGOTÁ 1",
            "FOO’ PRIORITY",
            "",
        ] {
            let want = recipient_after_route_ref(rest);
            assert_eq!(recipient_after_route(None, rest), want, "{rest:?}");
        }
        let r = recipient_after_route(None, "X NIACT IMMEDIATE 4778-4781").unwrap();
        assert_eq!(r.name, "X");
        assert_eq!(r.precedence.as_deref(), Some("NIACT IMMEDIATE"));
        assert_eq!(r.mcn.as_deref(), Some("4778-4781"));
    }

    // ---------------------------------------------------------------- distribution

    #[test]
    fn distribution_lines() {
        assert_eq!(
            distribution_codes("INFO  LOG-00   EEB-00   AID-00   ACQ-00   "),
            ["LOG-00", "EEB-00", "AID-00", "ACQ-00"]
        );
        assert_eq!(
            distribution_codes("      CTME-00  DINT-00  E-00     R-00     LAB-01"),
            ["CTME-00", "DINT-00", "E-00", "R-00", "LAB-01"]
        );
        assert_eq!(
            distribution_codes("      SAS-00   SWCI-00    /012W"),
            ["SAS-00", "SWCI-00", "/012W"]
        );
        assert_eq!(distribution_codes("(TEDE) /000R"), ["/000R"]);
        assert_eq!(
            distribution_codes("  SAS-00   /000W \r\n"),
            ["SAS-00", "/000W"]
        );
        assert_eq!(distribution_codes("ACTION AF-00    "), ["AF-00"]);
        assert_eq!(
            distribution_codes("INFO LOG-00 AF-00 /001W O 052026Z"),
            ["LOG-00", "AF-00", "/001W"]
        );
        for l in [
            "",
            "INFO AMEMBASSY SOMEWHERE",
            "INFO",
            "RUQQJCS/JOINT STAFF WASHDC//J-3/J-5//",
            "PAGE 01        ROME  01234  01 OF 03  291400Z",
            "SUBJECT: X-RAY E-10 TALKS",
            "LOG-0",
            "LOG-000",
            "ABCDEFG-00",
            "log-00",
            "/012W5",
        ] {
            assert!(distribution_codes(l).is_empty(), "{l:?}");
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(month_number(b"JAN"), Some(1));
        assert_eq!(month_number(b"dec"), Some(12));
        assert_eq!(month_number(b"Sep"), Some(9));
        assert_eq!(month_number(b"SEPT"), None);
        assert_eq!(month_number(b"XYZ"), None);
        assert!(is_precedence_word("PRIORITY"));
        assert!(is_precedence_word("PIORITY"));
        assert!(is_precedence_word("IMMEDIATE"));
        assert!(!is_precedence_word("Priority"));
        assert!(!is_precedence_word("AUTHORITY"));
        assert!(is_routing_indicator("RUEHC"));
        assert!(is_routing_indicator("RHMFISS"));
        assert!(!is_routing_indicator("RIYADH"));
        assert!(!is_routing_indicator("RUEH"));
        assert!(!is_routing_indicator("RUEHC’"));
    }

    // ---------------------------------------------------------------- corpus

    fn has_month(h: &str) -> bool {
        h.split_ascii_whitespace()
            .any(|t| t.len() == 3 && month_number(t.as_bytes()).is_some())
    }

    #[test]
    fn corpus_headers() {
        let Some(rows) = crate::testutil::sample_csv_rows() else {
            return;
        };
        assert!(rows.len() > 100, "CSV split failed: {} rows", rows.len());
        let (mut dtg_want, mut dtg_found) = (0, 0);
        let (mut de_lines, mut de_ok) = (0, 0);
        let (mut routed_lines, mut routed_ok) = (0, 0);
        let (mut sec_lines, mut sec_ok) = (0, 0);
        let (mut rout_lines, mut rout_ok) = (0, 0);
        let (mut dtg_values, mut dtg_all) = (0, 0);
        let mut failures = Vec::new();
        for row in &rows {
            assert_eq!(row.len(), 8, "row {:?}", row.first());
            let (id, header) = (&row[2], &row[6]);
            if header.contains("Z ") && has_month(header) {
                dtg_want += 1;
                if header.lines().any(|l| parse_dtg(l).is_some()) {
                    dtg_found += 1;
                } else {
                    failures.push(format!("{id}: no DTG"));
                }
            }
            let mut after_to = false;
            for line in header.lines() {
                if let Some(d) = parse_dtg(line) {
                    dtg_all += 1;
                    dtg_values += usize::from(d.value.is_some());
                }
                if line.starts_with("DE ") {
                    de_lines += 1;
                    if parse_de(line).is_some() {
                        de_ok += 1;
                    } else {
                        failures.push(format!("{id}: DE {line:?}"));
                    }
                }
                if line.starts_with("ZN") {
                    sec_lines += 1;
                    sec_ok += usize::from(is_security_line(line));
                }
                if line.starts_with("OO ") || line.starts_with("PP ") || line.starts_with("RR ") {
                    rout_lines += 1;
                    rout_ok += usize::from(parse_routing(line).is_some());
                }
                let mut text = line;
                for kw in ["TO ", "INFO ", "XMT "] {
                    if let Some(r) = line.strip_prefix(kw) {
                        if kw == "TO " {
                            after_to = true;
                        }
                        text = r;
                    }
                }
                if after_to && text.starts_with('R') && text.contains('/') {
                    routed_lines += 1;
                    match parse_recipient(text) {
                        Some(r) if r.route.is_some() => routed_ok += 1,
                        _ => failures.push(format!("{id}: recipient {text:?}")),
                    }
                }
            }
        }
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        println!(
            "DTG found: {dtg_found}/{dtg_want} ({:.1}%), with a value: {dtg_values}/{dtg_all}",
            pct(dtg_found, dtg_want)
        );
        println!("DE parsed: {de_ok}/{de_lines}");
        println!("routed recipients parsed: {routed_ok}/{routed_lines}");
        println!(
            "security lines: {sec_ok}/{sec_lines}; prosign routing lines: {rout_ok}/{rout_lines}"
        );
        for f in &failures {
            println!("  {f}");
        }
        assert!(pct(dtg_found, dtg_want) >= 95.0);
        assert!(de_lines > 0 && de_ok == de_lines);
        assert!(routed_lines > 0 && routed_ok == routed_lines);
    }

    /// The byte-by-byte reading of [`route_len`]: the reference for its word reading.
    fn route_len_ref(b: &[u8]) -> Option<usize> {
        let n = b
            .iter()
            .take(8)
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        ((3..=7).contains(&n) && b.get(n) == Some(&b'/')).then_some(n)
    }

    #[test]
    fn route_len_is_byte_reading() {
        assert_eq!(route_len(b"RUEHC/SECSTATE WASHDC"), Some(5));
        assert_eq!(route_len(b"ZEN/FOO"), Some(3));
        assert_eq!(route_len(b"RUEHFOO/AMEMBASSY FOO"), Some(7));
        assert_eq!(route_len(b"RUEHFOOB/X"), None);
        assert_eq!(route_len(b"RUEHC /X"), None);
        // Every byte value at every place of the first nine, in lines of 8 to 10
        // bytes and of 3 to 7 (the short reading).
        for base in [
            &b"RUEHC/AB"[..],
            b"RUEHCA/B",
            b"RUE/ABCD",
            b"RUEHCAB/",
            b"RUEHCAB/X",
            b"RUEHCABC/Z",
        ] {
            for at in 0..base.len() {
                for v in 0..=255u8 {
                    let mut b = base.to_vec();
                    b[at] = v;
                    assert_eq!(route_len(&b), route_len_ref(&b), "{b:?}");
                    b.truncate(at + 1);
                    assert_eq!(route_len(&b), route_len_ref(&b), "{b:?}");
                }
            }
        }
        // Every header line of the sample, indented or not.
        let Some(rows) = crate::testutil::sample_csv_rows() else {
            return;
        };
        let mut routed = 0;
        for row in &rows {
            for line in row[6].lines().chain(row[7].lines()) {
                for l in [line, line.trim_start()] {
                    let want = route_len_ref(l.as_bytes());
                    routed += usize::from(want.is_some());
                    assert_eq!(route_len(l.as_bytes()), want, "{l:?}");
                }
            }
        }
        assert!(routed > 1000, "{routed} routed lines");
    }

    /// The plain reading of [`is_prose_or_label`]: the reference for its lanes.
    fn is_prose_or_label_ref(b: &[u8]) -> bool {
        b.iter().any(u8::is_ascii_lowercase)
            || b.iter()
                .enumerate()
                .any(|(i, &c)| c == b':' && b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()))
    }

    #[test]
    fn prose_lanes_are_plain_reading() {
        // One lower-case letter or label colon at each place of lines of every length
        // up to 70 (0 to 4 steps and a last one that overlaps).
        for len in 0..70 {
            let line = vec![b'A'; len];
            assert!(!is_prose_or_label(&line));
            for at in 0..len {
                for c in [b'a', b'z', b':', b'`', b'{', b'@', b'[', 0xe1, 0xfa, 0xba] {
                    let mut b = line.clone();
                    b[at] = c;
                    assert_eq!(is_prose_or_label(&b), is_prose_or_label_ref(&b), "{b:?}");
                }
            }
        }
    }

    #[test]
    fn routed_recipient_trims_its_end_only() {
        for line in [
            "RUEHC/FOO BAR PRIORITY 0001 \u{a0}",
            "RUEHC/FOO BAR\u{2003}",
            "RUEHC/FOO BAR’ \t",
            "RUEHC/FOO\u{a0} 0001\u{a0}\u{a0}",
            "RUEHC/ \u{a0}",
            "RUEHC/\u{a0}",
            "RUEHC/FOO BAR \x0b",
        ] {
            let want = parse_any_recipient(trim(line));
            assert_eq!(parse_routed_recipient(line, 5), want, "{line:?}");
            assert_eq!(parse_recipient(line), want, "{line:?}");
        }
        assert_eq!(
            parse_routed_recipient("RUEHC/FOO BAR\u{a0}", 5).map(|r| r.name),
            Some(Cow::Borrowed("FOO BAR"))
        );
    }

    // ---------------------------------------------------------------- robustness

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 1000, ..Default::default() })]

        /// No input panics; every borrowed result is a slice of the input line.
        #[test]
        fn never_panics(line in "([A-Z0-9 /#:()\\-]|’|\u{a0}|Z|O|P|R|\t|[a-z]|\r|\n){0,48}") {
            let within = |t: &str| {
                let (a, b) = (line.as_ptr() as usize, t.as_ptr() as usize);
                b >= a && b + t.len() <= a + line.len()
            };
            if let Some(d) = parse_de(&line) {
                proptest::prop_assert!(within(d.station) && within(d.serial));
            }
            if let Some((p, v)) = parse_routing(&line) {
                proptest::prop_assert!(!v.is_empty() && v.iter().all(|t| within(t)));
                proptest::prop_assert!(p.is_none_or(within));
            }
            let _ = is_security_line(&line);
            if let Some(d) = parse_dtg(&line) {
                proptest::prop_assert!(within(d.raw) && d.precedence.len() <= 2);
            }
            if let Some(r) = parse_recipient(&line) {
                proptest::prop_assert!(!r.name.is_empty() && within(&r.name));
                proptest::prop_assert!(r.route.as_deref().is_none_or(within));
                proptest::prop_assert!(r.precedence.as_deref().is_none_or(within));
                proptest::prop_assert!(r.mcn.as_deref().is_none_or(within));
            }
            proptest::prop_assert!(distribution_codes(&line).iter().all(|t| within(t)));
        }

        /// Any generated DTG line parses back to its fields.
        #[test]
        fn dtg_roundtrip(p in "(|O |P R |Z O )", d in 1u32..=28, h in 0u32..24, m in 0u32..60,
                         mon in 1usize..=12, yy in 0u32..100, trailer in "(| ZDK| ZDS X Y|   \\(CCY A\\))") {
            const M: [&str; 12] = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
            let line = format!("{p}{d:02}{h:02}{m:02}Z {} {yy:02}{trailer}", M[mon - 1]);
            let dtg = parse_dtg(&line);
            proptest::prop_assert!(dtg.is_some(), "{}", line);
            let want = Utc.with_ymd_and_hms(full_year(yy), mon as u32, d, h, m, 0).single();
            let letters: Vec<&str> = p.split_whitespace().collect();
            proptest::prop_assert_eq!(dtg.as_ref().map(|x| &x.precedence), Some(&letters));
            proptest::prop_assert_eq!(dtg.and_then(|x| x.value), want);
        }

        /// The in-place reading of a routing line agrees with the token reading.
        #[test]
        fn routing_is_token_reading(
            line in "[ \t]?((OO|RR|PZ|OPR|O|RUEH[A-Z]{1,4}|R[AU][A-Z]{3,5}|RUEh[A-Z]|RUEH[A-Z]’|RU/EH[A-Z])[ \t]{1,2}){0,5}(RUEH[A-Z]{1,4}|RR)?\u{a0}?",
        ) {
            proptest::prop_assert_eq!(parse_routing(&line), parse_routing_ref(&line));
            proptest::prop_assert_eq!(routing_precedence(&line), parse_routing_ref(&line).map(|(p, _)| p));
            let cows = routing_into::<std::borrow::Cow<'_, str>>(&line);
            let cows = cows.map(|(p, v)| (p, v.iter().map(|c| c.to_string()).collect::<Vec<_>>()));
            let want = parse_routing_ref(&line).map(|(p, v)| (p, v.iter().map(|c| c.to_string()).collect()));
            proptest::prop_assert_eq!(cows, want);
        }

        /// The suffix reading of MCN and precedence agrees with the token reading.
        #[test]
        fn recipient_ends_match_tokens(
            rest in "([A-Z]{0,3}|NIACT|[A-Z]?(IMMEDIATE|PRIORITY|IORITY|MEDIATE|ROUTINE|FLASH)|[0-9]{0,3}-?[0-9]{0,3}|[a-z/’\u{a0}-]|[ \t]{1,2}){0,7}",
        ) {
            proptest::prop_assert_eq!(recipient_after_route(None, &rest), recipient_after_route_ref(&rest));
        }

        #[test]
        fn routed_recipient_is_parse_recipient(
            route in "[A-Z]{3,7}",
            rest in "[ ]{0,2}[A-Z/]{0,6}( [A-Z]{1,8}){0,3}( NIACT)?( IMMEDIATE| PRIORITY| ROUTINE)?( [0-9]{1,4}(-[0-9]{1,4})?)?[a-z: \t\u{2019}\u{a0}\u{2003}]{0,3}",
        ) {
            let line = format!("{route}/{rest}");
            let want = parse_any_recipient(trim(&line));
            proptest::prop_assert_eq!(parse_routed_recipient(&line, route.len()), want.clone());
            proptest::prop_assert_eq!(parse_recipient(&line), want);
        }
    }
}
