//! Body text recognisers: paragraph starts and portion marks, rules and headings,
//! page breaks, redactions, summary/comment markers, signatures, boilerplate.
//!
//! Every function here looks at **one body line without its line terminator** and
//! returns offsets into that line. They are called on every body line by the
//! tokenizer, so they dispatch on the first bytes, scan bytes (never chars unless
//! a non-ASCII byte forces it) and never allocate. All returned ranges start and
//! end on ASCII bytes or at the line ends, so they are always valid `str` slice
//! boundaries.
//!
//! Whitespace handling: ASCII spaces and tabs and the no-break space U+00A0 (found
//! in scraped copies, format.md §7.1) count as blanks around the recognised forms.

use std::ops::Range;

use memchr::memmem;

use crate::fields::{byte_set, ByteSet};

// ---------------------------------------------------------------------------
// Small byte helpers
// ---------------------------------------------------------------------------

/// Length in bytes of the blank (space, tab or NBSP) starting at `i`, or 0.
#[inline]
fn blank_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b' ' | b'\t') => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
        _ => 0,
    }
}

/// True when the byte(s) just before `i` are a blank.
#[inline]
fn blank_before(b: &[u8], i: usize) -> bool {
    matches!(b[..i], [.., b' ' | b'\t'] | [.., 0xC2, 0xA0])
}

/// Index of the first non-blank byte at or after `i`.
#[inline]
fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    loop {
        let n = blank_len(b, i);
        if n == 0 {
            return i;
        }
        i += n;
    }
}

/// Spaces, tabs and the non-ASCII blanks (NBSP, U+2003, U+3000, …) from byte `i`, a
/// non-ASCII byte ([`crate::fields::preamble::skip_blank_bytes`]): a line's lead, for
/// the tokenizer's `lead_len` and a paragraph start. Out of line (most leads are ASCII).
#[cold]
#[inline(never)]
pub(crate) fn skip_lead_blanks_from(b: &[u8], i: usize) -> usize {
    crate::fields::preamble::skip_blank_bytes(b, i)
}

/// Index just after the last non-blank byte before `end` (never below `start`).
#[inline]
fn trim_end_blanks(b: &[u8], start: usize, mut end: usize) -> usize {
    while end > start {
        match b[end - 1] {
            b' ' | b'\t' => end -= 1,
            0xA0 if end >= start + 2 && b[end - 2] == 0xC2 => end -= 2,
            _ => break,
        }
    }
    end
}

/// The non-blank core of `line` as a byte range.
#[inline]
fn trimmed(b: &[u8]) -> Range<usize> {
    let s = skip_blanks(b, 0);
    let e = trim_end_blanks(b, s, b.len());
    s..e
}

/// First bytes of a rule (`-`, `=`, `_`, an em/en dash's 0xE2), tested from a
/// [`ByteSet`] (one load, no branch on the byte's range).
pub(crate) static RULE_FIRST: ByteSet = byte_set(b"-=_\xE2");

/// [`RULE_FIRST`] and the blanks a rule line may open with.
pub(crate) static RULE_OR_BLANK_FIRST: ByteSet = byte_set(b"-=_\xE2 \t");

/// First bytes of a print-format page line (`Page`, blanks, an NBSP's 0xC2).
static PAGE_FIRST: ByteSet = byte_set(b"P \t\xC2");

/// Number of ASCII digits starting at `i`.
#[inline]
fn count_digits(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .map_or(0, |t| t.iter().take_while(|c| c.is_ascii_digit()).count())
}

/// True when `b[i..]` starts with `word` (ASCII, case-insensitive).
#[inline]
fn starts_with_ci(b: &[u8], i: usize, word: &[u8]) -> bool {
    b.get(i..i + word.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(word))
}

/// True when `b[i..]` starts with `word` (case-insensitive) and the word ends there
/// (the next byte is not an ASCII letter).
#[inline]
fn word_at_ci(b: &[u8], i: usize, word: &[u8]) -> bool {
    starts_with_ci(b, i, word) && !b.get(i + word.len()).is_some_and(u8::is_ascii_alphabetic)
}

/// End of the run of ASCII letters starting at `i`.
#[inline]
fn letters_end(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        i += 1;
    }
    i
}

/// True when `s` is in `list` (ASCII case-insensitive).
fn in_list_ci(s: &[u8], list: &[&str]) -> bool {
    list.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(s))
}

// ---------------------------------------------------------------------------
// Chunked candidate scan
// ---------------------------------------------------------------------------

/// The 16 bytes of window `w` from offset `k` (a constant at every call site,
/// so this is one unaligned vector load).
#[inline(always)]
fn at<const W: usize>(w: &[u8; W], k: usize) -> [u8; 16] {
    let mut a = [0u8; 16];
    a.copy_from_slice(&w[k..k + 16]);
    a
}

/// The lanes `j` of one chunk where `f(x[j], y[j], z[j])` holds, as a `u128`
/// with byte `j` set to 1. Written as a plain loop over fixed-size arrays so that
/// the compiler turns it into vector compares (SSE2 on x86-64: about twenty
/// instructions per 16 bytes for [`keyword_lanes`]). The code generation is
/// sensitive to the shape of `f`: when changing a predicate, check the machine
/// code or the instruction count (callgrind); a form that does not vectorise
/// costs several times more.
#[inline(always)]
fn lanes(x: [u8; 16], y: [u8; 16], z: [u8; 16], f: impl Fn(u8, u8, u8) -> bool) -> u128 {
    let mut r = [0u8; 16];
    for j in 0..16 {
        r[j] = u8::from(f(x[j], y[j], z[j]));
    }
    u128::from_le_bytes(r)
}

/// Visits, in ascending order, every position of `b` where a chunk predicate
/// holds, until `visit` returns true.
///
/// `mask` gets a window of `W` bytes starting at a chunk of 16 positions (lane
/// `j` may read bytes `j..j + W - 16` of the window) and returns the lanes that
/// hold (see [`lanes`]). Lines shorter than `W` are scanned in a zero-padded
/// copy; positions closer than `W - 16` bytes to the end of a longer line are
/// not visited. Callers use predicates that need all the bytes they read, so no
/// candidate is lost either way.
///
/// This replaces one `memchr` call per candidate byte: a per-line scan costs
/// one to two instructions per byte and nothing per candidate that fails the
/// predicate.
#[inline(always)]
fn scan_lanes<const W: usize>(
    b: &[u8],
    mask: impl Fn(&[u8; W]) -> u128,
    mut visit: impl FnMut(usize) -> bool,
) {
    // Visits the lanes of `$m` (a window at `$base`); returns from the scan when
    // `visit` says so. A macro, not a closure, so that it is inlined everywhere.
    macro_rules! each {
        ($m:expr, $base:expr) => {{
            let mut m: u128 = $m;
            while m != 0 {
                let lane = (m.trailing_zeros() / 8) as usize;
                if visit($base + lane) {
                    return;
                }
                m &= m - 1;
            }
        }};
    }
    let n = b.len();
    if n < W {
        let mut buf = [0u8; W];
        buf[..n].copy_from_slice(b);
        each!(mask(&buf), 0);
        return;
    }
    let window = |i: usize| <&[u8; W]>::try_from(b.get(i..i + W)?).ok();
    let mut i = 0;
    // Two chunks per round, one test for both.
    while i + 16 + W <= n {
        let (Some(w0), Some(w1)) = (window(i), window(i + 16)) else {
            return;
        };
        let (m0, m1) = (mask(w0), mask(w1));
        if m0 | m1 != 0 {
            each!(m0, i);
            each!(m1, i + 16);
        }
        i += 32;
    }
    if i + W <= n {
        let Some(w) = window(i) else {
            return;
        };
        each!(mask(w), i);
        i += 16;
    }
    // The last window overlaps the previous chunk: skip the lanes already seen.
    let start = n - W;
    let seen = i - start;
    if seen < 16 {
        if let Ok(w) = <&[u8; W]>::try_from(&b[start..]) {
            each!(mask(w) & (!0u128 << (seen * 8)), start);
        }
    }
}

// ---------------------------------------------------------------------------
// Portion marks and paragraph starts (§5.11, §5.12)
// ---------------------------------------------------------------------------

/// A paragraph start: `1. (S/NF) text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphStart {
    /// The paragraph number (`1` in `1. (C)`, `15` in `15.UK and …`, `3` in `3) …`);
    /// `None` for a portion-marked start without a number (`(C) text`).
    pub number: Option<u32>,
    /// Range of the marking inside the parentheses, trimmed of inner blanks
    /// (`S/NF` in `(S/NF)`, `C` in `( C )`). `None` for unmarked paragraphs.
    pub marking: Option<Range<usize>>,
    /// Offset where the paragraph text starts (after number, marking and blanks);
    /// `line.len()` when nothing follows.
    pub text_start: usize,
}

/// Classification words that may open a portion mark (compared case-insensitively).
const MARK_CLASSES: &[&str] = &[
    "U",
    "C",
    "S",
    "TS",
    "SBU",
    "FOUO",
    "UNCLAS",
    "UNCLASSIFIED",
    "CONFIDENTIAL",
    "SECRET",
    "TOP",
    "LOU",
    // Typo for S/NF (format.md §5.12: one `(SNF)`).
    "SNF",
    // Typo for S/NF (format.md §5.12: one `(N/SF)`); the `SF` control below.
    "N",
];

/// Control words that may follow the classification (compared case-insensitively).
const MARK_CONTROLS: &[&str] = &[
    "NF",
    "NOFORN",
    "FOUO",
    "FGI",
    "ORCON",
    "OC",
    "PROPIN",
    "PR",
    "IMCON",
    "SBU",
    "SENSITIVE",
    "SECRET",
    "NODIS",
    "EXDIS",
    "LIMDIS",
    "SIPDIS",
    "NOCONTRACT",
    "XD",
    "ND",
    "RD",
    "FRD",
    "SI",
    "TK",
    "HCS",
    "SF",
    // `(C - ENTIRE TEXT)`
    "ENTIRE",
    "TEXT",
];

/// True when `s` (the text between the parentheses of a portion mark, with or
/// without surrounding blanks) is a portion marking.
///
/// Grammar, case-insensitive, tokens separated by `/`, `//`, `-`, `,` and blanks:
///
/// ```text
/// mark     = [class] { sep control } [ sep REL [TO] country { sep country } ]
/// class    = U | C | S | TS | SBU | FOUO | UNCLAS(SIFIED) | CONFIDENTIAL | SECRET
///          | TOP SECRET | LOU | SNF (typo) | N (only in the typo `N/SF`)
/// control  = NF | NOFORN | FOUO | FGI | ORCON | PROPIN | NODIS | EXDIS | ENTIRE TEXT | …
/// country  = any word of letters (`UK`, `Pakistan`, `ISAF`, `FVEY`, `USA`)
/// ```
///
/// The class may be missing only when the mark starts with a separator
/// (`/Rel UK`, a typo in the corpus). Accepted: `S/NF`, `C//REL ISAF`,
/// `S/REL to Pakistan`, `SBU/NF`, `U//FOUO`, `C - ENTIRE TEXT`, `s/nf`, `SNF`,
/// `N/SF`, `Secret/Rel Armenia`, `C NF`, `S-NF`, `S//REL TO USA, FVEY`.
/// Rejected: `Iran`, `2009`, `a`, `reftel`, `S/GC`, `S/SRAP`, `secret police`,
/// `c-ne9-01257`, and anything longer than 60 bytes.
pub fn is_portion_mark(s: &str) -> bool {
    portion_mark_bytes(s.as_bytes())
}

/// [`is_portion_mark`] on bytes.
fn portion_mark_bytes(b: &[u8]) -> bool {
    let r = trimmed(b);
    let b = &b[r];
    // The common marks (format.md §5.12), without the general grammar below.
    if matches!(
        b,
        b"C" | b"S" | b"U" | b"SBU" | b"S/NF" | b"C/NF" | b"S//NF" | b"C//NF" | b"SBU/NF" | b"TS"
    ) {
        return true;
    }
    if b.is_empty() || b.len() > 60 {
        return false;
    }
    // Only ASCII letters and separators.
    if !b
        .iter()
        .all(|&c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'-' | b' ' | b','))
    {
        return false;
    }
    let leading_sep = matches!(b[0], b'/' | b'-');
    let mut words = b
        .split(|&c| matches!(c, b'/' | b'-' | b' ' | b','))
        .filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return false;
    };
    let mut in_rel = false;
    let mut rel_words = 0usize;
    let mut saw_n_typo = false;
    if leading_sep {
        // `/Rel UK`: no class, the first word must be a control or REL.
        if first.eq_ignore_ascii_case(b"REL") {
            in_rel = true;
        } else if !in_list_ci(first, MARK_CONTROLS) {
            return false;
        }
    } else if first.eq_ignore_ascii_case(b"N") {
        saw_n_typo = true;
    } else if !in_list_ci(first, MARK_CLASSES) {
        return false;
    }
    let mut prev_top = first.eq_ignore_ascii_case(b"TOP");
    let mut count = 1usize;
    for w in words {
        count += 1;
        if prev_top {
            // `TOP SECRET`
            if !w.eq_ignore_ascii_case(b"SECRET") {
                return false;
            }
            prev_top = false;
            continue;
        }
        if in_rel {
            if rel_words == 0 && w.eq_ignore_ascii_case(b"TO") {
                continue;
            }
            rel_words += 1;
            if rel_words > 10 {
                return false;
            }
            continue;
        }
        if saw_n_typo {
            // Only `N/SF`.
            if !w.eq_ignore_ascii_case(b"SF") {
                return false;
            }
            saw_n_typo = false;
            continue;
        }
        if w.eq_ignore_ascii_case(b"REL") || w.eq_ignore_ascii_case(b"RELTO") {
            in_rel = true;
            continue;
        }
        if !in_list_ci(w, MARK_CONTROLS) {
            return false;
        }
    }
    if prev_top || saw_n_typo {
        // `TOP` alone or `N` alone is not a mark.
        return false;
    }
    if in_rel && rel_words == 0 {
        return false;
    }
    count <= 16
}

/// Parses `( mark )` at `open` (the `(`). Returns the trimmed mark range and the
/// index just after `)`.
fn paren_mark(b: &[u8], open: usize) -> Option<(Range<usize>, usize)> {
    // `(C)`, `(S)`, `(U)`, the most common marks (format.md §5.12): the `)` is
    // the first one after `(`, the letter the whole mark, and a mark.
    if let Some([b'C' | b'S' | b'U', b')', ..]) = b.get(open + 1..) {
        return Some((open + 1..open + 2, open + 3));
    }
    paren_mark_general(b, open)
}

/// [`paren_mark`] without its shortcut for the one-letter marks.
fn paren_mark_general(b: &[u8], open: usize) -> Option<(Range<usize>, usize)> {
    let limit = (open + 64).min(b.len());
    // Marks are short: a byte loop beats a `memchr` call here.
    let close = open + 1 + b.get(open + 1..limit)?.iter().position(|&c| c == b')')?;
    let inner_start = skip_blanks(b, open + 1);
    let inner_end = trim_end_blanks(b, inner_start, close);
    if inner_start >= inner_end || !portion_mark_bytes(&b[inner_start..inner_end]) {
        return None;
    }
    Some((inner_start..inner_end, close + 1))
}

/// Paragraph start at the beginning of `line`.
///
/// Accepted forms (leading blanks allowed): `1. (C) text`, `1.  (C)`, `1.(C)`,
/// `1. Text` (unmarked), `N) …`, `15.UK and …`, a missing `(` (`1. C) Summary`),
/// the scraped `¶1. (C)` / `¶ 1.`, and a portion-marked start without a number
/// (`(C) text`, `(S/NF) text`).
///
/// Rejected: numbers of 4+ digits (`2009.`), a digit right after the dot (`1.4 (b)`,
/// the `1.1 ` sub-items, `10.30`), `0.`, lettered items (`(a)`, `A.`), and for the
/// unnumbered form a mark not followed by a blank (`(C), and (d).`), a lower-case
/// one-letter mark (`(c) third item` is a lettered sub-item) and non-marks
/// (`(Iran) …`). The caller decides from context (a preceding blank line)
/// whether a numbered line really opens a paragraph.
#[inline]
pub fn paragraph_start(line: &str) -> Option<ParagraphStart> {
    // Most lines start with a letter: only blanks (a non-ASCII one opens with C2,
    // E1, E2 or E3: any non-ASCII byte is let through, one range test), `¶`
    // (C2 B6), digits and `(` can lead to a paragraph start. (This test is inlined
    // into the callers; the rest is not.)
    if !matches!(
        line.as_bytes().first(),
        Some(b' ' | b'\t' | 0xC2..=0xFF | b'0'..=b'9' | b'(')
    ) {
        return None;
    }
    paragraph_start_at(line.as_bytes())
}

/// [`paragraph_start`] of a line that opens with a blank, `¶`, a digit or `(`
/// (or another character whose first byte is that of a blank).
#[inline(never)]
fn paragraph_start_at(b: &[u8]) -> Option<ParagraphStart> {
    let mut i = skip_blanks(b, 0);
    let first = *b.get(i)?;
    // Scraped seed: `¶1.` / `¶ 1.` (U+00B6 = C2 B6).
    let pilcrow = first == 0xC2 && b.get(i + 1) == Some(&0xB6);
    if pilcrow {
        i = skip_blanks(b, i + 2);
    }
    match b.get(i) {
        Some(c) if c.is_ascii_digit() => numbered_start(b, i),
        Some(b'(') if !pilcrow => {
            let (mark, after) = paren_mark(b, i)?;
            // Must be followed by a blank (and then text) or end the line.
            if after < b.len() && blank_len(b, after) == 0 {
                return None;
            }
            // `(c) sense that …`: a lettered sub-item, not a mark.
            if mark.len() == 1 && b[mark.start].is_ascii_lowercase() {
                return None;
            }
            Some(ParagraphStart {
                number: None,
                marking: Some(mark),
                text_start: skip_blanks(b, after),
            })
        }
        // The lead of a line takes the other non-ASCII blanks too, as the
        // tokenizer's `lead_len` (scraped copies: invented `\u{2003}1. (C) Text`).
        Some(0x80..) if !pilcrow => paragraph_start_after_unicode_blank(b, i),
        _ => None,
    }
}

/// [`paragraph_start_at`] of `b` whose lead runs up to a non-ASCII byte at `i`: past
/// the non-ASCII blanks there, read as a line of its own, its ranges shifted back
/// (the forms look forward only). Out of line: most leads are ASCII.
#[cold]
#[inline(never)]
fn paragraph_start_after_unicode_blank(b: &[u8], i: usize) -> Option<ParagraphStart> {
    let j = skip_lead_blanks_from(b, i);
    if j == i {
        return None;
    }
    let p = paragraph_start_at(b.get(j..)?)?;
    Some(ParagraphStart {
        number: p.number,
        marking: p.marking.map(|r| r.start + j..r.end + j),
        text_start: p.text_start + j,
    })
}

/// The numbered part of [`paragraph_start`]; `i` is at the first digit.
fn numbered_start(b: &[u8], i: usize) -> Option<ParagraphStart> {
    let nd = count_digits(b, i);
    if nd == 0 || nd > 3 {
        return None;
    }
    let number = b[i..i + nd]
        .iter()
        .fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'));
    if number == 0 {
        return None;
    }
    let mut j = i + nd;
    match b.get(j) {
        Some(b'.') => {
            // `1.4 (b)`, `1.1 `, `10.30`: not a paragraph start.
            if b.get(j + 1).is_some_and(u8::is_ascii_digit) {
                return None;
            }
            j += 1;
            // `1.)`
            if b.get(j) == Some(&b')') {
                j += 1;
            }
        }
        Some(b')') => j += 1,
        _ => return None,
    }
    let k = skip_blanks(b, j);
    if b.get(k) == Some(&b'(') {
        if let Some((mark, after)) = paren_mark(b, k) {
            return Some(ParagraphStart {
                number: Some(number),
                marking: Some(mark),
                text_start: skip_blanks(b, after),
            });
        }
    } else if k > j && b.get(k).is_some_and(u8::is_ascii_alphabetic) {
        // Missing `(`: `1. C) Summary` (10ROME1).
        let limit = (k + 24).min(b.len());
        if let Some(close) = memchr::memchr(b')', &b[k..limit]).map(|p| k + p) {
            let inner = &b[k..close];
            if !inner.contains(&b'(')
                && (close + 1 == b.len() || blank_len(b, close + 1) > 0)
                && std::str::from_utf8(inner).is_ok_and(is_portion_mark)
            {
                let end = trim_end_blanks(b, k, close);
                return Some(ParagraphStart {
                    number: Some(number),
                    marking: Some(k..end),
                    text_start: skip_blanks(b, close + 1),
                });
            }
        }
    }
    Some(ParagraphStart {
        number: Some(number),
        marking: None,
        text_start: k,
    })
}

// ---------------------------------------------------------------------------
// Rules (§5.13, §7)
// ---------------------------------------------------------------------------

/// True for a rule line: `-----` (3+ dashes), the split run
/// `--------------------------------------------- ----`, spaced `- - - -`,
/// `=====`, underscores `____`, and the scraped em-dash runs `———-` / `——`
/// (U+2014, with stray `-` or U+2013). Surrounding blanks are allowed.
///
/// The line may contain nothing but rule characters and blanks; at least three
/// rule characters are needed, or two when one of them is an em dash (the seed's
/// `——`). `-- bullet text` is not a rule; neither is a `****` box line (see
/// [`is_boilerplate`]).
pub fn is_rule(line: &str) -> bool {
    let Some(b) = rule_candidate(line) else {
        return false;
    };
    // Eight bytes at a time while they repeat the first byte, a `-`, `=` or `_`
    // (eight 0xE2 bytes are no UTF-8): what the byte loop does for each of them
    // is count one rule character.
    let run = u64::from(b[0]) * 0x0101_0101_0101_0101;
    let mut i = 0;
    while let Some(w) = b.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        if u64::from_ne_bytes(w) != run {
            break;
        }
        i += 8;
    }
    rule_from(b, i, i)
}

/// The trimmed bytes of a line that opens (after blanks) with a rule character,
/// else `None` (the first non-blank byte decides most lines before the end is
/// trimmed). Never empty.
fn rule_candidate(line: &str) -> Option<&[u8]> {
    let b = line.as_bytes();
    let s = skip_blanks(b, 0);
    if !b.get(s).is_some_and(|&c| RULE_FIRST[usize::from(c)]) {
        return None;
    }
    Some(&b[s..trim_end_blanks(b, s, b.len())])
}

/// [`is_rule`] of the trimmed line `b` whose first `i` bytes are `n` rule
/// characters: the rest, one byte at a time.
fn rule_from(b: &[u8], mut i: usize, mut n: usize) -> bool {
    let mut em = false;
    while i < b.len() {
        match b[i] {
            b'-' | b'=' | b'_' => {
                n += 1;
                i += 1;
            }
            b' ' | b'\t' => i += 1,
            // U+2014 — (E2 80 94) and U+2013 – (E2 80 93)
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x93 | 0x94)) => {
                em |= b[i + 2] == 0x94;
                n += 1;
                i += 3;
            }
            0xC2 if b.get(i + 1) == Some(&0xA0) => i += 2,
            _ => return false,
        }
    }
    n >= 3 || (em && n >= 2)
}

// ---------------------------------------------------------------------------
// Page breaks (§5.15)
// ---------------------------------------------------------------------------

/// Multi-word post names as they appear in page-break lines (truncated to ten
/// characters). A post embedded in running text is extended backwards over
/// several words only when the result is one of these; on a line of its own the
/// whole prefix is the post.
const MULTI_WORD_POSTS: &[&str] = &[
    "THE HAGUE",
    "TEL AVIV",
    "SAO PAULO",
    "SAN SALVAD",
    "SAN JOSE",
    "RIO DE JAN",
    "NEW DELHI",
    "LA PAZ",
    "CAPE TOWN",
    "BUENOS AIR",
    "ABU DHABI",
    "UNVIE VIEN",
    "USUN NEW Y",
    "USEU BRUSS",
    "HONG KONG",
    "HO CHI MIN",
    "KUALA LUMP",
    "PORT AU PR",
    "PORT OF SP",
    "PORT MORES",
    "PORT LOUIS",
    "ADDIS ABAB",
    "DAR ES SAL",
    "SANTO DOMI",
    "PHNOM PENH",
    "CIUDAD JUA",
    "NUEVO LARE",
    "KOTA KINAB",
    "CHIANG MAI",
    "ST PETERSB",
    "BANDAR SER",
    "CD GENEVA",
    "RPO DUBAI",
    "SRI JAYAWA",
];

/// First page-break marker inside `line`, as the range of the marker (from the
/// post's first letter to the last digit of the total; surrounding blanks are
/// not included).
///
/// Modern form `<POST> <8-digit serial> <PPP>[.<s>] OF <TTT>` (`MEXICO 00001234
/// 002 OF 003`, `BUENOS AIR 00000123 001.2 OF 003`, two blanks before the page
/// number, lower-case `Ankara 00001234 002 of 002` in mixed-case cables), on its
/// own line or embedded mid-line (08BRASILIA43). The search samples every
/// eighth byte for a digit of the 8-digit serial and verifies around it, so
/// long unwrapped lines are cheap. (The total `TTT` is zero-padded to three
/// digits and below 100 in every cable; a total of 100 pages or more is not
/// recognised.)
///
/// Old print form at the start of a line: `PAGE 02  CAPE T  00123  01 OF 03
/// 101010Z` (90CAPETOWN97, 00HARARE6677), up to and including the DTG; text may
/// follow it.
pub fn find_page_break(line: &str) -> Option<Range<usize>> {
    find_page_break_hinted(line, true)
}

/// [`find_page_break`] on a short line, skipped when a cheap exact test rules
/// both marker forms out (most lines):
/// - a modern marker's serial is a run of exactly eight digits, so it holds one
///   of the bytes at offsets 7, 15, 23, … of the line (any eight consecutive
///   offsets hold one), and the serial search needs 20 bytes;
/// - the print-format page line opens with `PAGE ` after the leading blanks.
#[inline]
pub(crate) fn find_page_break_sampled(line: &str) -> Option<Range<usize>> {
    let b = line.as_bytes();
    let mut serial = false;
    if b.len() >= 20 {
        let mut i = 7;
        while i < b.len() && !serial {
            serial = b[i].is_ascii_digit();
            i += 8;
        }
    }
    let page_line = || {
        b.first().is_some_and(|&c| PAGE_FIRST[usize::from(c)])
            && b[skip_blanks(b, 0)..].starts_with(b"PAGE ")
    };
    if !serial && !page_line() {
        return None;
    }
    find_page_break_hinted(line, serial)
}

/// Can `line` open with a modern page-break marker? False rules it out, by an
/// exact test of three bytes (most lines): such a marker opens with its post
/// (an ASCII letter first, at most ten bytes: see [`post_start`]) and one or
/// two spaces, so its eight-digit serial starts at offset 12 at the latest and
/// holds the byte at offset 7 or 15, in a line of 20 bytes or more. (A line
/// ruled out can still hold a marker further in, and the print-format page
/// line, which [`find_page_break_hinted`] looks for anyway.)
#[inline]
pub(crate) fn serial_may_open(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 20 && b[0].is_ascii_alphabetic() && (b[7].is_ascii_digit() || b[15].is_ascii_digit())
}

/// [`find_page_break`], told whether the line may hold an eight-digit serial
/// (`serial == false`: it has no run of eight digits, so only the
/// print-format page line is looked for).
#[inline]
pub(crate) fn find_page_break_hinted(line: &str, serial: bool) -> Option<Range<usize>> {
    // Without a serial only the print-format page line is left, whose first
    // byte `print_page_line` tests first (most lines: no call).
    if !serial && !print_page_start(line.as_bytes()) {
        return None;
    }
    find_page_break_any(line, serial)
}

/// [`find_page_break_hinted`] on the line `text[line]`, sliced only past the
/// first-byte test (most lines).
#[inline]
pub(crate) fn find_page_break_in(
    text: &str,
    line: Range<usize>,
    serial: bool,
) -> Option<Range<usize>> {
    // (The byte after an empty line may pass the test; the search finds
    // nothing in the line.)
    if !serial && !print_page_start(text.as_bytes().get(line.start..).unwrap_or_default()) {
        return None;
    }
    find_page_break_any(text.get(line)?, serial)
}

/// [`find_page_break_hinted`] past its first-byte test.
#[inline(never)]
fn find_page_break_any(line: &str, serial: bool) -> Option<Range<usize>> {
    let b = line.as_bytes();
    if let Some(r) = print_page_line(b) {
        return Some(r);
    }
    if b.len() < 20 || !serial {
        return None;
    }
    // Every marker has a serial of exactly eight digits, so one of the bytes at
    // positions 7, 15, 23, … is a serial digit: only digit runs met there are
    // looked at (a line without one costs one byte test per eight bytes).
    let mut i = 7;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            // Two samples per round: `b[i + 8]` too, when there is one.
            if !b.get(i + 8).is_some_and(u8::is_ascii_digit) {
                i += 16;
                continue;
            }
            i += 8;
        }
        let mut s = i;
        while s > 0 && b[s - 1].is_ascii_digit() {
            s -= 1;
        }
        let e = i + count_digits(b, i);
        if e - s == 8 {
            if let Some(r) = page_break_after_serial(b, e) {
                return Some(r);
            }
        }
        // Any later serial starts after this run, so it holds the byte at `e + 7`
        // or a later sample.
        i = e + 7;
    }
    None
}

/// The modern page-break marker whose serial ends at `e`: walks forward over
/// the blanks and `PPP[.s]` to the ` OF 0` and checks the whole marker with
/// [`verify_page_break`].
fn page_break_after_serial(b: &[u8], e: usize) -> Option<Range<usize>> {
    let mut k = e;
    while k < e + 2 && b.get(k) == Some(&b' ') {
        k += 1;
    }
    k += count_digits(b, k);
    if b.get(k) == Some(&b'.') {
        k += 1 + count_digits(b, k + 1);
    }
    match b.get(k..k + 5)? {
        b" OF 0" | b" of 0" => verify_page_break(b, k),
        _ => None,
    }
}

/// Checks a modern page-break marker around ` OF ` at `p` (the space).
fn verify_page_break(b: &[u8], p: usize) -> Option<Range<usize>> {
    // After: exactly three digits, not followed by an alphanumeric.
    let q = p + 4;
    if count_digits(b, q) != 3 || b.get(q + 3).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    let end = q + 3;
    // Before: PPP[.s]
    let mut k = p;
    let back_digits = |k: usize| {
        b[..k]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let d = back_digits(k);
    if d == 0 {
        return None;
    }
    if d != 3 {
        // Must be `.s` (1–2 digits) after PPP.
        if d > 2 || k < d + 1 || b[k - d - 1] != b'.' {
            return None;
        }
        k -= d + 1;
        if back_digits(k) != 3 {
            return None;
        }
    }
    k -= 3;
    // One or two blanks, then the 8-digit serial.
    let mut spaces = 0;
    while k > 0 && b[k - 1] == b' ' && spaces < 3 {
        k -= 1;
        spaces += 1;
    }
    if spaces == 0 || spaces > 2 || back_digits(k) != 8 {
        return None;
    }
    k -= 8;
    // One or two blanks, then the post.
    let mut spaces = 0;
    while k > 0 && b[k - 1] == b' ' && spaces < 3 {
        k -= 1;
        spaces += 1;
    }
    if spaces == 0 || spaces > 2 {
        return None;
    }
    let post_end = k;
    let start = post_start(b, post_end)?;
    Some(start..end)
}

/// Start of the post name that ends at `post_end`.
fn post_start(b: &[u8], post_end: usize) -> Option<usize> {
    // Last word: ASCII letters, preceded by a non-alphanumeric byte or the line start.
    let mut s = post_end;
    while s > 0 && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    if s == post_end || (s > 0 && b[s - 1].is_ascii_alphanumeric()) || post_end - s > 10 {
        return None;
    }
    // Own line: everything before is blank and the prefix is ≤ 10 bytes of
    // capitalised words and single spaces (`RIO DE JAN`, `UNVIE VIEN`).
    let line_start = skip_blanks(b, 0);
    if line_start < s {
        let prefix = &b[line_start..post_end];
        if prefix.len() <= 10
            && prefix.iter().all(|c| c.is_ascii_alphabetic() || *c == b' ')
            && !prefix.windows(2).any(|w| w == b"  ")
            && prefix
                .split(|&c| c == b' ')
                .all(|w| w.first().is_some_and(u8::is_ascii_uppercase))
        {
            return Some(line_start);
        }
    }
    // Embedded: extend over preceding words only to a known multi-word post.
    let mut best = s;
    let mut cur = s;
    for _ in 0..3 {
        if cur < 2 || b[cur - 1] != b' ' || !b[cur - 2].is_ascii_alphabetic() {
            break;
        }
        let mut w = cur - 1;
        while w > 0 && b[w - 1].is_ascii_alphabetic() {
            w -= 1;
        }
        if w > 0 && b[w - 1].is_ascii_alphanumeric() {
            break;
        }
        if post_end - w > 10 {
            break;
        }
        cur = w;
        if in_list_ci(&b[cur..post_end], MULTI_WORD_POSTS) {
            best = cur;
        }
    }
    Some(best)
}

/// Can `b` be a print-format page line: does it open with `P` or a blank
/// (space, tab, the `0xC2` of an NBSP)?
#[inline]
fn print_page_start(b: &[u8]) -> bool {
    b.first().is_some_and(|&c| PAGE_FIRST[usize::from(c)])
}

/// Old print-format page line: `PAGE 02  CAPE T  00123  01 OF 03  101010Z`.
fn print_page_line(b: &[u8]) -> Option<Range<usize>> {
    if !print_page_start(b) {
        return None;
    }
    let start = skip_blanks(b, 0);
    if b.get(start..start + 5) != Some(b"PAGE ") {
        return None;
    }
    let mut i = skip_blanks(b, start + 5);
    let d = count_digits(b, i);
    if !(1..=3).contains(&d) {
        return None;
    }
    i = skip_blanks(b, i + d);
    // Post: letters and spaces up to the serial digits.
    let post_start = i;
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b' ')
    {
        i += 1;
    }
    if i == post_start || i - post_start > 16 || !b[post_start].is_ascii_alphabetic() {
        return None;
    }
    let d = count_digits(b, i);
    if !(3..=8).contains(&d) {
        return None;
    }
    i = skip_blanks(b, i + d);
    let d = count_digits(b, i);
    if !(1..=3).contains(&d) {
        return None;
    }
    i += d;
    if b.get(i..i + 4) != Some(b" OF ") {
        return None;
    }
    i += 4;
    let d = count_digits(b, i);
    if !(1..=3).contains(&d) {
        return None;
    }
    i += d;
    let mut end = i;
    // Optional DTG `182017Z`.
    let j = skip_blanks(b, i);
    if j > i && count_digits(b, j) == 6 && b.get(j + 6) == Some(&b'Z') {
        end = j + 7;
    }
    if b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    Some(start..end)
}

// ---------------------------------------------------------------------------
// Redactions (§5.17)
// ---------------------------------------------------------------------------

/// Redaction runs inside `line`, appended as ranges in order.
///
/// Rule (checked against the corpus, where no English word has more than two
/// `x` in a row): a maximal run of **5 or more `X`/`x` bytes in any case mix**
/// is a redaction, also when glued to words or punctuation (`XXXXXXXXXXXX,`,
/// `(C)XXXXXXXXXXXX`, `wordXXXXXXXXXXXX`, `XXXXXXXXXXXXword`,
/// `XXXXXXXXXXXXxxxx`). The range covers the X run only. One refinement: a
/// lower-case `x` ending a lower-case word glued before an upper-case run
/// (`taxXXXXXXXXXXXX`) is left to the word.
///
/// Bracketed markers `[DETAILS REMOVED]`, `[Name removed]`, `[SOURCE REMOVED]`,
/// `[NAMES REMOVED]`, `[detail removed]` (a `[`, up to 40 bytes of letters and
/// blanks ending in the word `removed`, `]`; any case) are returned whole,
/// brackets included.
pub fn find_redactions(line: &str, out: &mut Vec<Range<usize>>) {
    redactions_from(line.as_bytes(), 0, 0, out);
}

/// [`find_redactions`] in `b[from..]` from the candidate at `i` on (ranges
/// relative to `b`; nothing before `from` is looked at).
fn redactions_from(b: &[u8], from: usize, mut i: usize, out: &mut Vec<Range<usize>>) {
    while i < b.len() {
        // (Short searches: the builder's header and preamble lines, almost
        // none with an `x` or a `[`, and the text between candidates.)
        let Some(p) = crate::simd::first_x_or_bracket(&b[i..]).map(|k| i + k) else {
            return;
        };
        if b[p] == b'[' {
            if let Some(end) = removed_bracket(b, p) {
                out.push(p..end);
                i = end;
            } else {
                i = p + 1;
            }
            continue;
        }
        let mut e = p;
        while e < b.len() && (b[e] | 0x20) == b'x' {
            e += 1;
        }
        if e - p >= 5 {
            let mut s = p;
            // `taxXXXXXXXXXXXX`: the word's own final lower-case x stays with it.
            if s > from
                && b[s - 1].is_ascii_lowercase()
                && b[s] == b'x'
                && b[s + 1] == b'X'
                && e - (s + 1) >= 5
            {
                s += 1;
            }
            out.push(s..e);
        }
        i = e;
    }
}

/// End (exclusive) of a `[… removed]` marker starting at `open`.
fn removed_bracket(b: &[u8], open: usize) -> Option<usize> {
    let limit = (open + 42).min(b.len());
    let close = open + 1 + memchr::memchr(b']', b.get(open + 1..limit)?)?;
    let inner = &b[open + 1..close];
    if inner.len() < 8
        || !inner.iter().all(|c| c.is_ascii_alphabetic() || *c == b' ')
        || !inner[inner.len() - 7..].eq_ignore_ascii_case(b"removed")
        || inner[inner.len() - 8] != b' '
    {
        return None;
    }
    Some(close + 1)
}

// ---------------------------------------------------------------------------
// Signatures (§5.16)
// ---------------------------------------------------------------------------

/// True for words that are never signatures (`END`, `SIPDIS`, `THE`, …),
/// compared case-insensitively; a `match` on the upper-cased bytes keeps this
/// cheap enough to run on every line.
fn is_not_name(t: &[u8]) -> bool {
    let mut buf = [0u8; 14];
    if t.len() > buf.len() {
        return false;
    }
    for (d, s) in buf.iter_mut().zip(t) {
        *d = s.to_ascii_uppercase();
    }
    matches!(
        &buf[..t.len()],
        b"END"
            | b"TEXT"
            | b"SUMMARY"
            | b"COMMENT"
            | b"NOTE"
            | b"SIPDIS"
            | b"NNNN"
            | b"NOFORN"
            | b"NODIS"
            | b"EXDIS"
            | b"LIMDIS"
            | b"CONFIDENTIAL"
            | b"SECRET"
            | b"UNCLASSIFIED"
            | b"UNCLAS"
            | b"SENSITIVE"
            | b"BUT"
            | b"THANK"
            | b"THANKS"
            | b"YOU"
            | b"BEGIN"
            | b"CABLE"
            | b"MESSAGE"
            | b"BT"
            | b"TAGS"
            | b"SUBJECT"
            | b"REF"
            | b"REFS"
            | b"REFTEL"
            | b"SEPTEL"
            | b"ACTION"
            | b"REQUEST"
            | b"BACKGROUND"
            | b"INTRODUCTION"
            | b"CONCLUSION"
            | b"PARTICIPANTS"
            | b"MINIMIZE"
            | b"CONSIDERED"
            | b"THE"
            | b"A"
            | b"AN"
            | b"AND"
            | b"OR"
            | b"OF"
            | b"IN"
            | b"ON"
            | b"AT"
            | b"TO"
            | b"FOR"
            | b"BY"
            | b"WITH"
            | b"FROM"
            | b"HE"
            | b"SHE"
            | b"IT"
            | b"WE"
            | b"THEY"
            | b"THIS"
            | b"THAT"
            | b"THESE"
            | b"THOSE"
            | b"AS"
            | b"IF"
            | b"NOT"
            | b"NO"
            | b"YES"
            | b"SO"
            | b"ALSO"
            | b"HIS"
            | b"HER"
            | b"ITS"
            | b"OUR"
            | b"THEIR"
            | b"BE"
            | b"IS"
            | b"ARE"
            | b"WAS"
            | b"WERE"
            | b"WILL"
            | b"OK"
            | b"US"
            | b"USG"
            | b"PARA"
            | b"PARAS"
            | b"SECTION"
            | b"PAGE"
            | b"DECL"
            | b"AMBASSADOR"
            | b"MINISTER"
            | b"PRESIDENT"
            | b"SECRETARY"
            | b"GOVERNMENT"
            | b"DEPARTMENT"
            | b"EMBASSY"
            | b"MISSION"
            | b"POST"
            | b"STATE"
    )
}

/// Name suffixes dropped from signatures (`DOE JR`).
const SUFFIXES: &[&str] = &["JR", "JR.", "SR", "SR.", "II", "III", "IV"];

/// Particles that may open a two-word surname (`LA ROE`, `VAN VOORST`).
const PARTICLES: &[&str] = &[
    "LA", "LE", "DE", "DI", "DEL", "DA", "DU", "VAN", "VON", "DOS", "DER", "ST",
];

/// Kind of a signature token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameCase {
    /// `DOE`, `O'ROE`, `DOE-ROE`
    Upper,
    /// `Roe`, `McRoe`, `DeRoe`
    Capitalised,
    /// `roe`
    Lower,
}

/// Classifies a name-like token: ASCII letters with inner `'`, `’` or `-`,
/// at least two letters.
fn name_case(t: &[u8]) -> Option<NameCase> {
    let first = *t.first()?;
    let last = *t.last()?;
    if !first.is_ascii_alphabetic() || !last.is_ascii_alphabetic() {
        return None;
    }
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut i = 0;
    while i < t.len() {
        let c = t[i];
        if c.is_ascii_alphabetic() {
            letters += 1;
            upper += usize::from(c.is_ascii_uppercase());
            i += 1;
        } else if c == b'\'' || c == b'-' {
            i += 1;
        } else if t[i..].starts_with("’".as_bytes()) {
            i += 3;
        } else {
            return None;
        }
    }
    if letters < 2 {
        return None;
    }
    if upper == letters {
        Some(NameCase::Upper)
    } else if first.is_ascii_uppercase() {
        Some(NameCase::Capitalised)
    } else if upper == 0 {
        Some(NameCase::Lower)
    } else {
        None
    }
}

/// True for `2008-01-08`.
fn is_iso_date(t: &[u8]) -> bool {
    t.len() == 10
        && t.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Signature in `line`: the ranges of the signers' surnames, appended to `out`.
/// Meant for the last non-blank, non-boilerplate line of a body (the tail); the
/// caller upper-cases the names.
///
/// **Own line** — every token is a name, a suffix, an ISO date or punctuation:
/// * one upper-case or capitalised token (`DOE`, `Roe`, `McRoe`),
///   or one lower-case token (`roe`, `doe`);
/// * several tokens: one range per signer; signers are separated by `/`
///   (`SMITH / JONES`); a signer's tokens are one range (`LA ROE`), repeated
///   tokens collapse to the first (`DOE DOE`, `ROE Roe`), suffixes
///   and dates are dropped (`DOE JR` → `DOE`, `ROE 2001-02-03` →
///   `ROE`, `DOE .` → `DOE`).
///
/// **Glued** to the end of the last paragraph line (unwrapped bodies): the final
/// upper-case token (`…on neutral ground. DOE`), optionally with a particle
/// (`LA ROE`), a duplicate, a suffix or an ISO date after it, when it follows
/// * sentence-final punctuation (`.` `!` `?` `)` `"` `”` `’` `'` `]`), or
/// * `END COMMENT` / `END TEXT` / `MINIMIZE CONSIDERED` without punctuation
///   (`END COMMENT ROE`), or
/// * a redaction run or a `****` box line, or
/// * a URL (`…/index.c fm DOE`, `…Portal:Free donia ROE`).
///
/// A capitalised glued token (`… with the neighbours. Roe`) is accepted only after
/// sentence-final punctuation and when it is not a common sentence opener
/// (`The`, `He`, `Post`, …). On a hard-wrapped line in the middle of a paragraph
/// such a token would be the next sentence's first word: call this on the tail
/// only. Trailing `<br>` tags are ignored (09LAPAZ96: `DOE <br>`).
///
/// A capitalised token after a split URL is accepted too (`…/index. cfm Roe`).
/// Redaction runs are never names (09TALLINN114 ends in a redacted signature
/// line `XXXXXXXXXXXX`).
///
/// Rejected: `Thank you.`, `END SUMMARY.`, `SIPDIS`, `NNNN`, `End Cable Text`,
/// headings like `BACKGROUND`, tokens with digits or initials (`David J.`), and
/// lines with commas.
pub fn signature(line: &str, out: &mut Vec<Range<usize>>) {
    let b = line.as_bytes();
    let mut r = trimmed(b);
    // 09LAPAZ96: `DOE <br>`
    while r.len() >= 4 && b[r.end - 4..r.end].eq_ignore_ascii_case(b"<br>") {
        r.end = trim_end_blanks(b, r.start, r.end - 4);
    }
    if r.is_empty() {
        return;
    }
    // Fast path for the common form, one upper-case word (`DOE`): what
    // `own_line_signature` decides for a one-token line (at most 60 bytes, two
    // letters or more for `name_case`; a suffix alone leaves no name). When it
    // refuses, `glued_signature` finds nothing either (it needs two tokens).
    let t = &b[r.clone()];
    if (2..=60).contains(&t.len()) && t.iter().all(u8::is_ascii_uppercase) {
        if !in_list_ci(t, SUFFIXES) && !is_not_name(t) && !is_redaction_token(t) {
            out.push(r);
        }
        return;
    }
    signature_general(b, r, out);
}

/// [`signature`] of the trimmed, non-empty range `r` of `b`, any form.
fn signature_general(b: &[u8], r: Range<usize>, out: &mut Vec<Range<usize>>) {
    if !own_line_signature(b, r.clone(), out) {
        out.extend(glued_signature(b, r));
    }
}

/// Tokens of a signature line: blank-separated, with each run of `/` a token
/// of its own (`SMITH/JONES`, `SMITH / JONES`).
fn sig_tokens(b: &[u8], range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let end = range.end;
    let mut i = range.start;
    std::iter::from_fn(move || {
        i = skip_blanks(b, i);
        if i >= end {
            return None;
        }
        let s = i;
        if b[i] == b'/' {
            while i < end && b[i] == b'/' {
                i += 1;
            }
        } else {
            while i < end && b[i] != b'/' && blank_len(b, i) == 0 {
                i += 1;
            }
        }
        Some(s..i)
    })
}

/// Tokens ignored on a signature line: punctuation (`DOE .`), ISO dates
/// (`ROE 2001-02-03`) and name suffixes (`DOE JR`).
fn ignorable_sig_token(tok: &[u8]) -> bool {
    tok.iter().all(|c| matches!(c, b'.' | b'-')) || is_iso_date(tok) || in_list_ci(tok, SUFFIXES)
}

/// True for an upper-case particle token (`LA` in `LA ROE`).
fn is_particle(tok: &[u8]) -> bool {
    in_list_ci(tok, PARTICLES) && tok.iter().all(u8::is_ascii_uppercase)
}

/// Own-line signature; returns false (and pushes nothing) when the line is not one.
fn own_line_signature(b: &[u8], r: Range<usize>, out: &mut Vec<Range<usize>>) -> bool {
    if r.len() > 60 || memchr::memchr(b',', &b[r.clone()]).is_some() {
        return false;
    }
    // First pass: every token must be a name or ignorable.
    let mut names = 0usize;
    let mut lower = 0usize;
    for t in sig_tokens(b, r.clone()) {
        let tok = &b[t];
        if tok[0] == b'/' || ignorable_sig_token(tok) {
            continue;
        }
        match name_case(tok) {
            Some(case) => {
                names += 1;
                lower += usize::from(case == NameCase::Lower);
                // A lower-case name stands alone (`roe`).
                if (lower > 0 && names > 1) || is_not_name(tok) || is_redaction_token(tok) {
                    return false;
                }
            }
            None => return false,
        }
    }
    if names == 0 || names > 6 || (lower > 0 && names > 1) {
        return false;
    }
    // Second pass: one range per signer (signers separated by `/`).
    let start_len = out.len();
    // (whole name range, first token, all tokens equal)
    let mut cur: Option<(Range<usize>, Range<usize>, bool)> = None;
    let mut prev = 0..0;
    for t in sig_tokens(b, r) {
        let tok = &b[t.clone()];
        if tok[0] == b'/' {
            push_signer(b, out, start_len, cur.take());
            continue;
        }
        if ignorable_sig_token(tok) {
            continue;
        }
        match &mut cur {
            None => cur = Some((t.clone(), t.clone(), true)),
            Some((whole, first, same)) => {
                if !b[first.clone()].eq_ignore_ascii_case(tok) {
                    // Distinct tokens form one name only after a particle
                    // (`LA ROE`); `Key Points` or `SMITH JONES` are rejected.
                    if !is_particle(&b[prev.clone()]) {
                        out.truncate(start_len);
                        return false;
                    }
                    *same = false;
                }
                whole.end = t.end;
            }
        }
        prev = t;
    }
    push_signer(b, out, start_len, cur);
    out.len() > start_len
}

/// Pushes one signer (deduplicated against those pushed since `start_len`).
fn push_signer(
    b: &[u8],
    out: &mut Vec<Range<usize>>,
    start_len: usize,
    signer: Option<(Range<usize>, Range<usize>, bool)>,
) {
    let Some((whole, first, same)) = signer else {
        return;
    };
    let range = if same { first } else { whole };
    let dup = out[start_len..]
        .iter()
        .any(|x| b[x.clone()].eq_ignore_ascii_case(&b[range.clone()]));
    if !dup {
        out.push(range);
    }
}

/// Sentence-final punctuation before a glued signature. An initial (`J.`) or a
/// title (`Mr.`, `Amb.`) does not end a sentence (09PESHAWAR41: `Jane Q. Doe`).
fn ends_sentence(tok: &[u8]) -> bool {
    if (tok.len() == 2 && tok[0].is_ascii_uppercase() && tok[1] == b'.')
        || in_list_ci(
            tok,
            &[
                "Mr.", "Mrs.", "Ms.", "Dr.", "Amb.", "Gen.", "Col.", "Sen.", "Rep.", "St.", "Lt.",
                "Capt.", "Adm.", "Maj.", "Sgt.", "Prof.", "Gov.", "Pres.", "Sec.", "Hon.",
            ],
        )
    {
        return false;
    }
    match tok.last() {
        Some(b'.' | b'!' | b'?' | b')' | b'"' | b'\'' | b']') => true,
        // ” (E2 80 9D) and ’ (E2 80 99)
        Some(0x9D | 0x99) => tok.len() >= 3 && tok[tok.len() - 3..tok.len() - 1] == [0xE2, 0x80],
        _ => false,
    }
}

/// Glued signature at the end of a text line.
fn glued_signature(b: &[u8], r: Range<usize>) -> Option<Range<usize>> {
    // Fast exit: the last token must be a non-lower-case name, a date or a suffix.
    {
        let mut s = r.end;
        while s > r.start && !blank_before(b, s) {
            s -= 1;
        }
        let t = &b[s..r.end];
        let ok = match name_case(t) {
            Some(NameCase::Upper | NameCase::Capitalised) => true,
            Some(NameCase::Lower) => false,
            None => is_iso_date(t) || in_list_ci(t, SUFFIXES),
        };
        if !ok {
            return None;
        }
    }
    // Collect up to the last six tokens, scanning backwards from the line end
    // (long unwrapped lines are not tokenized as a whole).
    let mut last: [Range<usize>; 6] = Default::default();
    let mut n = 0usize;
    let mut e = r.end;
    while n < last.len() {
        e = trim_end_blanks(b, r.start, e);
        if e <= r.start {
            break;
        }
        let mut s = e;
        while s > r.start && !blank_before(b, s) {
            s -= 1;
        }
        last[n] = s..e;
        n += 1;
        e = s;
    }
    if n < 2 {
        return None;
    }
    last[..n].reverse();
    let toks = &last[..n];
    // Peel trailing dates and suffixes.
    let mut k = n;
    while k > 0
        && (is_iso_date(&b[toks[k - 1].clone()]) || in_list_ci(&b[toks[k - 1].clone()], SUFFIXES))
    {
        k -= 1;
    }
    if k < 2 {
        return None;
    }
    let name = toks[k - 1].clone();
    let case = name_case(&b[name.clone()])?;
    if case == NameCase::Lower
        || is_not_name(&b[name.clone()])
        || is_redaction_token(&b[name.clone()])
    {
        return None;
    }
    let mut start = name.start;
    let mut j = k - 1;
    // `DOE DOE`, `LA ROE`
    if j >= 2 {
        let prev = &b[toks[j - 1].clone()];
        if prev.eq_ignore_ascii_case(&b[name.clone()])
            || (case == NameCase::Upper && is_particle(prev))
        {
            start = toks[j - 1].start;
            j -= 1;
        }
    }
    let before = &b[toks[j - 1].clone()];
    let punct = ends_sentence(before);
    let accepted = match case {
        NameCase::Upper => {
            punct
                || glued_after_end_phrase(b, &toks[..j])
                || is_redaction_token(before)
                || before.iter().all(|&c| c == b'*')
                || line_has_url(&b[r.clone()])
        }
        NameCase::Capitalised => {
            (punct || (is_url_tail_token(before) && line_has_url(&b[r.clone()])))
                && !is_common_capitalised(&b[name.clone()])
        }
        NameCase::Lower => false,
    };
    if !accepted {
        return None;
    }
    // Duplicate (`DOE DOE`) → the first one.
    let first_end = {
        let t = &b[start..name.end];
        match memchr::memchr(b' ', t) {
            Some(p) if b[start..start + p].eq_ignore_ascii_case(&b[name.clone()]) => start + p,
            _ => name.end,
        }
    };
    Some(start..first_end)
}

/// `END COMMENT`, `END TEXT`, `END NOTE`, `END SUMMARY`, `MINIMIZE CONSIDERED`
/// as the last two tokens of `toks`.
fn glued_after_end_phrase(b: &[u8], toks: &[Range<usize>]) -> bool {
    let [.., a, c] = toks else {
        return false;
    };
    let (a, c) = (&b[a.clone()], &b[c.clone()]);
    (a.eq_ignore_ascii_case(b"END") && in_list_ci(c, &["COMMENT", "TEXT", "NOTE", "SUMMARY"]))
        || ((a.eq_ignore_ascii_case(b"MINIMIZE") || a.eq_ignore_ascii_case(b"MINIMIZED"))
            && c.eq_ignore_ascii_case(b"CONSIDERED"))
}

/// A token that is (mostly) a redaction run: `XXXXXXXXXXXX`.
fn is_redaction_token(t: &[u8]) -> bool {
    t.iter().filter(|c| (**c | 0x20) == b'x').count() >= 5
}

/// The last piece of a URL split by a blank: `cfm` in `index. cfm`,
/// `ed_Land` in `Portal:Unit ed_Land`, `/p/eur/freedonia/`.
fn is_url_tail_token(t: &[u8]) -> bool {
    t.iter().any(|c| matches!(c, b'/' | b'_' | b':'))
        || [&b"cfm"[..], b"htm", b"html"]
            .iter()
            .any(|x| t.ends_with(x))
}

/// True when the text contains a URL or a web-site fragment.
fn line_has_url(t: &[u8]) -> bool {
    // Every URL form in the corpus has a `/` or a `:`. Then each word is tried
    // only where its first byte is (the same answer as a search for each word,
    // without building four searchers for a short line); `sgov.gov` last, as
    // most URLs have `http` or `www.` before it.
    memchr::memchr2(b'/', b':', t).is_some()
        && (memchr::memchr3_iter(b'h', b'w', b'P', t).any(|i| {
            let w: &[u8] = match t[i] {
                b'h' => b"http",
                b'w' => b"www.",
                _ => b"Portal:",
            };
            t[i..].starts_with(w)
        }) || memchr::memchr_iter(b's', t).any(|i| t[i..].starts_with(b"sgov.gov")))
}

/// Capitalised words that commonly end a sentence fragment and are not names.
fn is_common_capitalised(t: &[u8]) -> bool {
    in_list_ci(
        t,
        &[
            "The",
            "He",
            "She",
            "It",
            "We",
            "They",
            "This",
            "That",
            "There",
            "In",
            "On",
            "At",
            "But",
            "And",
            "Comment",
            "Summary",
            "Note",
            "End",
            "Thanks",
            "Regards",
            "Yes",
            "No",
            "Post",
            "Embassy",
            "Mission",
            "Department",
            "Ambassador",
            "Minister",
            "President",
            "Secretary",
            "Government",
        ],
    )
}

// ---------------------------------------------------------------------------
// Boilerplate (§5.16)
// ---------------------------------------------------------------------------

/// True for tail boilerplate, i.e. lines after the last paragraph that are not
/// cable text:
/// * post web-site notices: `Visit Freedonia City's Classified Web Site at …`,
///   `Please visit Ruritania' Classified Website at:`, `For more reporting from
///   Embassy Ruritania, visit:`, `You can also access this site through the State
///   Department's`, `Classified SIPRNET website.`;
/// * URL lines: a line starting with `http://`, `https://` or `www.`, and URL
///   fragments `gov.gov/wiki/Portal:Freedonia"`;
/// * `****` box lines and `** … **` stamps;
/// * `NNNN`, `End Cable Text`, `End of Cable`, the old downgrading group line
///   `GP-3`, and `MINIMIZE CONSIDERED` (the text before a glued signature
///   `MINIMIZE CONSIDERED DOE`);
/// * newspaper stamps: `EPET @ EL PAÍS`, `Track impresión: …`, `Este documento es
///   propiedad de EL PAÍS`, `Systematic Review 05 JUL 2006`;
/// * lines made only of HTML tags (`</table>`, `<br>`) or a lone `>`;
/// * a bare closing classification line (`CONFIDENTIAL`), which old print-format
///   cables repeat after the signature.
///
/// Meant for the tail; inside paragraph text a line starting with `www.` is also
/// reported, and at the top of a body a bare `CONFIDENTIAL` banner would be.
/// A web-site line with a signature glued to its end (`Visit Ruritania’s Classified
/// Website: http://… DOE`) is **not** boilerplate: it is the signature line.
pub fn is_boilerplate(line: &str) -> bool {
    let b = line.as_bytes();
    let r = trimmed(b);
    if r.is_empty() {
        return false;
    }
    let mut t = &b[r];
    // A stray opening quote: `"Visit Freedonia's Classified Web Site at …`
    if let Some(rest) = t
        .strip_prefix(b"\"")
        .or_else(|| t.strip_prefix("“".as_bytes()))
    {
        t = rest;
    }
    if t.is_empty() {
        return false;
    }
    let by_first = match t[0].to_ascii_lowercase() {
        b'*' => {
            // `*****` box line or `** … **` stamp.
            t.iter().all(|c| matches!(c, b'*' | b' ')) && t.len() >= 3
                || (t.starts_with(b"**") && t.ends_with(b"**") && t.len() >= 4)
        }
        b'<' | b'>' => {
            t == b">" || t == b"<" || (t[0] == b'<' && t.ends_with(b">") && t.len() <= 40)
        }
        b'v' => starts_with_ci(t, 0, b"visit ") && mentions_site(t),
        b'p' => {
            (starts_with_ci(t, 0, b"please visit ") && mentions_site(t))
                || starts_with_ci(t, 0, b"partnership blog at")
        }
        b'f' => starts_with_ci(t, 0, b"for more reporting from"),
        b'y' => starts_with_ci(t, 0, b"you can also access this site"),
        b'c' => {
            starts_with_ci(t, 0, b"classified siprnet")
                || starts_with_ci(t, 0, b"classified website")
                || starts_with_ci(t, 0, b"classified web site")
        }
        b's' => {
            starts_with_ci(t, 0, b"state department's classified siprnet")
                || starts_with_ci(t, 0, "state department’s classified siprnet".as_bytes())
                || systematic_review(t)
        }
        b'h' => starts_with_ci(t, 0, b"http://") || starts_with_ci(t, 0, b"https://"),
        b'w' => starts_with_ci(t, 0, b"www."),
        b'n' => t.eq_ignore_ascii_case(b"NNNN"),
        // 66BUENOSAIRES2481: the downgrading group line `GP-3` of old cables.
        b'g' => {
            t.len() == 4 && t[..3].eq_ignore_ascii_case(b"GP-") && (b'1'..=b'4').contains(&t[3])
        }
        // 10BRASILIA43: `MINIMIZE CONSIDERED` before a glued signature (the caller
        // checks the text before a signature); `MINIMIZED CONSIDERED` (typo).
        b'm' => {
            let core = strip_trailing_punct(t);
            core.eq_ignore_ascii_case(b"MINIMIZE CONSIDERED")
                || core.eq_ignore_ascii_case(b"MINIMIZED CONSIDERED")
        }
        b'e' => {
            let core = strip_trailing_punct(t);
            core.eq_ignore_ascii_case(b"End Cable Text")
                || core.eq_ignore_ascii_case(b"End of Cable")
                || core.eq_ignore_ascii_case(b"End of Cable Text")
                || (starts_with_ci(t, 0, b"EPET ") && memmem::find(t, b"@ EL P").is_some())
                || starts_with_ci(t, 0, b"este documento es propiedad")
        }
        b't' => starts_with_ci(t, 0, b"track impresi"),
        _ => false,
    };
    // The closing classification line of old print-format cables
    // (79TEHRAN8980: `CONFIDENTIAL` after the signature).
    let closing_class = in_list_ci(
        t,
        &[
            "CONFIDENTIAL",
            "SECRET",
            "UNCLASSIFIED",
            "LIMITED OFFICIAL USE",
            "SECRET NOFORN",
            "CONFIDENTIAL NOFORN",
        ],
    );
    if by_first && line_has_url(t) {
        // `Visit Ruritania’s Classified Website: http://… DOE`: the signature is
        // glued to the boilerplate, so the line is the signature line.
        let r = trimmed(b);
        if glued_signature(b, r).is_some() {
            return false;
        }
    }
    by_first || closing_class || url_fragment(t)
}

/// True for a truncation fragment: a line cut off by the release, ending in
/// `...` or `…` right after its last word or alone (`T ONE INVENTED FRAGMENT
/// ON...`, `l...`, `...`, `    ...`, `1.  Summary.  On May 5, Minis...`).
///
/// format.md §5.16: 8 bodies end with a signature followed by such a fragment,
/// 8 more with a fragment alone. Meant for the tail scan (the last non-blank
/// lines of a body): headings like `Talks Stalled...` end the same way, so
/// inside the text this says nothing. Four or more dots (`....`) are not a
/// truncation.
pub fn is_truncation_fragment(line: &str) -> bool {
    let b = line.as_bytes();
    let e = trim_end_blanks(b, 0, b.len());
    let t = &b[..e];
    // `...` and `…` are both three bytes.
    if !(t.ends_with(b"...") || t.ends_with("…".as_bytes())) {
        return false;
    }
    // Not `....` / `….`
    let rest = &t[..e - 3];
    !rest.ends_with(b".") && !rest.ends_with("…".as_bytes())
}

/// True when a `Visit …` line is about a web site.
fn mentions_site(t: &[u8]) -> bool {
    // One pass, each word tried only where its first letter is (any case: a
    // match needs `t[i]` to be that letter, and `| 0x20` lower-cases it).
    (0..t.len()).any(|i| match t[i] | 0x20 {
        b'w' => starts_with_ci(t, i, b"web site") || starts_with_ci(t, i, b"website"),
        b'c' => starts_with_ci(t, i, b"classified"),
        b'b' => starts_with_ci(t, i, b"blog"),
        b'f' => starts_with_ci(t, i, b"forum"),
        b'h' => starts_with_ci(t, i, b"http"),
        _ => false,
    })
}

/// `gov.gov/wiki/Portal:Freedonia"`: a one-token line that is a piece of a URL.
fn url_fragment(t: &[u8]) -> bool {
    // `.gov/`, `/wiki/` or `://` anywhere: each has a `/`, so only the places of
    // the `/`s are looked at (the same answer as a search for each).
    !t.contains(&b' ')
        && memchr::memchr_iter(b'/', t).any(|j| {
            (j >= 4 && &t[j - 4..j] == b".gov")
                || t[j..].starts_with(b"/wiki/")
                || (j >= 1 && t[j - 1] == b':' && t.get(j + 1) == Some(&b'/'))
        })
}

/// `Systematic Review 05 JUL 2006`
fn systematic_review(t: &[u8]) -> bool {
    starts_with_ci(t, 0, b"systematic review")
}

fn strip_trailing_punct(mut t: &[u8]) -> &[u8] {
    while let Some((&c, rest)) = t.split_last() {
        if matches!(c, b'.' | b':' | b' ') {
            t = rest;
        } else {
            break;
        }
    }
    t
}

// ---------------------------------------------------------------------------
// Summary / comment / note markers (§5.14)
// ---------------------------------------------------------------------------

/// Summary / comment / note markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marker {
    /// `Summary:`, `Summary.`, `BEGIN SUMMARY`, `Summary and Comment:`, a `SUMMARY` heading.
    SummaryStart,
    /// `End Summary.`
    SummaryEnd,
    /// `Comment:`, `Comment.`, a `COMMENT` heading.
    CommentStart,
    /// `End Comment.`
    CommentEnd,
    /// `Note:`, `(Note: …`
    NoteStart,
    /// `End Note.`
    NoteEnd,
}

/// After a keyword ending at `e`: an optional compound `and X [Y [Z]]` or
/// `& X …` (`Summary and Comment`, `Comment and Action Request`). Returns the end of the
/// compound when the compound is followed by a blank-free end (punctuation or
/// end of line), else `e`.
fn compound_end(b: &[u8], e: usize) -> usize {
    let i = skip_blanks(b, e);
    let mut j = if i == e {
        return e;
    } else if word_at_ci(b, i, b"and") {
        i + 3
    } else if b.get(i) == Some(&b'&') {
        // 09RIYADH181: `SUMMARY & COMMENT:`
        i + 1
    } else {
        return e;
    };
    let mut end = e;
    for _ in 0..3 {
        let w = skip_blanks(b, j);
        if w == j {
            break;
        }
        let we = letters_end(b, w);
        if we == w {
            break;
        }
        j = we;
        let next = skip_blanks(b, j);
        if next >= b.len() || matches!(b[next], b':' | b'.' | b'-' | b')' | b'/') {
            end = j;
            break;
        }
    }
    end
}

/// Punctuation included in a marker range (`:`, `.`, a single `-`).
fn marker_punct_end(b: &[u8], e: usize) -> usize {
    match b.get(e) {
        Some(b':' | b'.') => e + 1,
        Some(b'-') if b.get(e + 1) != Some(&b'-') => e + 1,
        _ => e,
    }
}

/// True when a start keyword at `i` is in a start position: the text start,
/// after `(`, after `//`, or after a blank that follows sentence-final
/// punctuation (`. Summary:`), a `)`, a quote or a dash.
fn start_position(b: &[u8], i: usize, starts: &mut LineStart) -> bool {
    // The text start last: most keywords are told by the bytes before them.
    i == starts.lead || after_start_punct(b, i) || i == starts.text_start()
}

/// True when `i` follows `(`, `//`, or a blank after sentence-final
/// punctuation, a `)`, a quote or a dash (see [`start_position`]).
fn after_start_punct(b: &[u8], i: usize) -> bool {
    let Some(&p) = b.get(i.wrapping_sub(1)) else {
        return false;
    };
    // 09DJIBOUTI113: `[COMMENT: …]`.
    if p == b'(' || p == b'[' || (p == b'/' && i >= 2 && b[i - 2] == b'/') {
        return true;
    }
    // Blanks, then punctuation.
    let k = {
        let mut k = i;
        while k > 0 {
            match b[k - 1] {
                b' ' | b'\t' => k -= 1,
                0xA0 if k >= 2 && b[k - 2] == 0xC2 => k -= 2,
                _ => break,
            }
        }
        k
    };
    if k == i || k == 0 {
        return k == 0;
    }
    match b[k - 1] {
        b'.' | b'?' | b'!' | b':' | b';' | b')' | b'"' | b'\'' | b'-' | b'*' | b']' => true,
        // ” ’ — (E2 80 9D / 99 / 94)
        0x9D | 0x99 | 0x94 => k >= 3 && b[k - 3] == 0xE2 && b[k - 2] == 0x80,
        _ => false,
    }
}

/// Markers inside `line` (or starting it), in order, with the byte range of the
/// marker words and their punctuation. Case-insensitive.
///
/// * Ends — `End Summary`, `END COMMENT`, `End note` (also `End Summary and
///   Comment`, and the typo `End Commentg.` of 06PARIS953) — are markers
///   anywhere in the line (`(End Summary)` → the range excludes the
///   parenthesis). `BEGIN SUMMARY` likewise gives a start.
/// * Starts — `Summary`, `Comment`, `Note`, optionally compounded (`Summary and
///   Comment`, `Summary and Action Request`) — only in a start position: at the
///   text start (line start or after the paragraph number and mark: `1. (C)
///   Summary.`, `6. COMMENT.`), after `(` or `[`, after `//`, or after
///   sentence-final punctuation and a blank (`…talks. Summary:`); and only when
///   followed by `:`, `.`, `-` (not `Note-taking`), `/` or the end of the line
///   (a `SUMMARY` heading line; `SUMMARY -------`). One capitalised author word,
///   possibly possessive, may precede the keyword when a `:` follows (`Embassy
///   comment:`, `Department Note:`, `Ambassador’s Comment:`); the range then
///   starts at that word.
/// * A `Note and comment` compound is a comment (start and end).
/// * Continuations — `Comment Cont’d:`, `COMMENT CONT.:`, `SUMMARY (CONT'D):`,
///   `Summary cont.`, `COMMENT CONTINUED.` — are start markers of their section
///   whose range covers the whole phrase ([`is_continuation_marker`] tells them
///   from a new start).
/// * Not markers: `a summary of the talks`, `declined to comment.`, `Note that …`,
///   a lower-case keyword at a bare line start unless a `:` follows (a
///   hard-wrapped continuation `summary. The …`), and a keyword followed by `.`
///   at a bare line start (`Summary.`): that is the second half of a wrapped
///   `End` / `Summary.`, which [`split_end_marker`] recovers from the line pair.
pub fn find_markers(line: &str, out: &mut Vec<(Marker, Range<usize>)>) {
    let b = line.as_bytes();
    if b.len() < 4 {
        return;
    }
    // Keyword candidates are the `mm` of SUMMARY / COMMENT and the `ote` of NOTE,
    // found in one chunked scan; the line is otherwise not looked at. Most lines
    // have none: this first scan only finds the first one.
    let mut first = None;
    scan_lanes::<18>(b, keyword_lanes, |p| {
        first = Some(p);
        true
    });
    if let Some(first) = first {
        markers_from(line, first, out);
    }
}

/// [`find_redactions`] in `line[from..]` (ranges relative to `line`) and
/// [`find_markers`] in the whole `line`, with one chunked scan for the first
/// candidate of each instead of two: most lines have neither, and this is run
/// on every free-text line.
pub fn find_inline(
    line: &str,
    from: usize,
    redactions: &mut Vec<Range<usize>>,
    markers: &mut Vec<(Marker, Range<usize>)>,
) {
    let b = line.as_bytes();
    let from = from.min(b.len());
    let (mut red, mut kw) = (None, None);
    scan_lanes::<18>(b, inline_lanes, |p| {
        match b[p] {
            b'X' | b'x' | b'[' => {
                if red.is_none() && p >= from {
                    red = Some(p);
                }
            }
            _ => {
                if kw.is_none() {
                    kw = Some(p);
                }
            }
        }
        red.is_some() && kw.is_some()
    });
    // The scan does not visit the last two bytes of a line at least a window long:
    // a keyword candidate needs three bytes, and a redaction five.
    if let Some(p) = red {
        redactions_from(b, from, p, redactions);
    }
    if let Some(p) = kw {
        markers_from(line, p, markers);
    }
}

/// What [`find_inline_and_serial`] tells about a line besides its finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineScan {
    /// The line may hold a page-break serial (a run of eight digits; `false` is
    /// certain, `true` may be a guess).
    pub serial: bool,
    /// The line may hold a section keyword (`false`: no SUMMARY, COMMENT or
    /// NOTE in any case anywhere in it, so [`split_end_marker`] finds nothing
    /// in it either).
    pub keyword: bool,
}

/// [`find_inline`] on the line `text[start..end]` (redactions from `from` on;
/// ranges relative to `start`), and what else the scan tells about the line.
/// With AVX2 one vector pass ([`crate::simd::inline_first`], then
/// [`crate::simd::inline_found`]) finds the first redaction candidate, the
/// digit runs and every keyword candidate (handed to the marker search as it
/// goes; the last line of a text, too close to its end for the look-ahead, on
/// a padded copy); elsewhere (no AVX2, or such a line longer than the copy)
/// the portable scan runs and both answers are `true`.
/// `first` is `inline_first` of the line, which the caller takes (most lines
/// need nothing else).
#[inline]
pub(crate) fn find_inline_and_serial(
    level: crate::simd::Level,
    first: crate::simd::First,
    text: &str,
    Range { start, end }: Range<usize>,
    from: usize,
    redactions: &mut Vec<Range<usize>>,
    markers: &mut Vec<(Marker, Range<usize>)>,
) -> LineScan {
    let from = from.clamp(start, end);
    match first {
        // Most lines (and lines with figures but no run of eight digits).
        crate::simd::First::Nothing | crate::simd::First::Figures => LineScan {
            serial: false,
            keyword: false,
        },
        first => inline_from_hints(level, first, text, start..end, from, redactions, markers),
    }
}

/// [`find_inline_and_serial`] on a line where the vector scan's first look
/// found something (or did not run). Out of line: most lines have nothing.
#[inline(never)]
fn inline_from_hints(
    level: crate::simd::Level,
    first: crate::simd::First,
    text: &str,
    Range { start, end }: Range<usize>,
    from: usize,
    redactions: &mut Vec<Range<usize>>,
    markers: &mut Vec<(Marker, Range<usize>)>,
) -> LineScan {
    let unknown = LineScan {
        serial: true,
        keyword: true,
    };
    let Some(line) = text.get(start..end) else {
        return unknown;
    };
    let mut pad;
    let (bytes, base, first) = match first {
        // The line ends less than 33 bytes before the end of the text (the last
        // line of a cable), too close for the vector scan's look-ahead: it runs
        // on a copy of the line followed by zeros. What it finds is in the line
        // (look-ahead bytes only complete candidates in the line's last two
        // bytes, which the searches below reject, as they read only the line),
        // so the finds are the same, and the line needs no slower portable
        // scan and page-break search (gen12: a paragraph on one line ends most
        // cables). Without AVX2 the copy's first look is `Portable` again.
        crate::simd::First::Portable if line.len() + 33 <= PADDED && text.len() - end < 33 => {
            pad = [0u8; PADDED];
            pad[..line.len()].copy_from_slice(line.as_bytes());
            let first = crate::simd::inline_first(level, &pad, 0, line.len());
            (&pad[..], 0, first)
        }
        first => (text.as_bytes(), start, first),
    };
    let scan = match first {
        crate::simd::First::At(at) => {
            // The marker search, begun at the first candidate. It reads only the
            // line: a candidate in its last two bytes, completed by the vector
            // scan's look-ahead into the next line, is rejected.
            let mut search: Option<MarkerScan> = None;
            let mut visit = |p: usize| {
                search
                    .get_or_insert_with(|| MarkerScan::new(line))
                    .candidate(p - base, markers);
            };
            let (end, from) = (end - start + base, from - start + base);
            crate::simd::inline_found(at, bytes, base, end, from, &mut visit)
        }
        crate::simd::First::Nothing | crate::simd::First::Figures => crate::simd::Scan::Nothing,
        crate::simd::First::Portable => crate::simd::Scan::Portable,
    };
    let h = match scan {
        crate::simd::Scan::Found(h) => h,
        crate::simd::Scan::Nothing => {
            return LineScan {
                serial: false,
                keyword: false,
            }
        }
        crate::simd::Scan::Portable => {
            find_inline(line, from - start, redactions, markers);
            return unknown;
        }
    };
    if let Some(p) = h.red {
        redactions_from(line.as_bytes(), from - start, p - base, redactions);
    }
    // Every keyword holds a candidate (the `mma` of SUMMARY, the `mme` of
    // COMMENT, the `ote` of NOTE).
    LineScan {
        serial: h.digits8,
        keyword: h.kw.is_some(),
    }
}

/// The room for a line and the vector scan's 33 bytes of look-ahead in
/// [`inline_from_hints`] (longer lines at the end of a text take the portable
/// scan).
const PADDED: usize = 2048;

/// Lanes where a redaction (`x` and `x` two bytes on, any case; a `[`) or a
/// keyword (`mm`, `ote`) candidate starts.
#[inline(always)]
fn inline_lanes(w: &[u8; 18]) -> u128 {
    let (a, b, c) = (at(w, 0), at(w, 1), at(w, 2));
    let mut r = [0u8; 16];
    for j in 0..16 {
        let (x, y, z) = (a[j] | 0x20, b[j] | 0x20, c[j] | 0x20);
        let red = ((x == b'x') & (z == b'x')) | (a[j] == b'[');
        let kw = ((x == b'm') & (y == b'm')) | ((x == b'o') & (y == b't') & (z == b'e'));
        r[j] = u8::from(red | kw);
    }
    u128::from_le_bytes(r)
}

/// [`find_markers`] from the first keyword candidate on.
#[inline(never)]
fn markers_from(line: &str, first: usize, out: &mut Vec<(Marker, Range<usize>)>) {
    let mut m = MarkerScan::new(line);
    scan_lanes::<18>(&line.as_bytes()[first..], keyword_lanes, |p| {
        m.candidate(first + p, out);
        false
    });
}

/// The state of a marker search along a line's keyword candidates.
struct MarkerScan<'a> {
    line: &'a str,
    /// Where the line's text starts.
    starts: LineStart<'a>,
    /// Where the last marker (or rejected keyword) ended.
    pos: usize,
}

/// Where a line's text starts, for [`start_position`].
struct LineStart<'a> {
    line: &'a str,
    /// After the leading blanks.
    lead: usize,
    /// After a paragraph number and mark, found on first need: most keywords
    /// are told to be in a start position (or not) by the bytes before them
    /// (`1. (C) Summary:` follows a `)`).
    text_start: Option<usize>,
}

impl LineStart<'_> {
    /// The text start after a paragraph number and mark (else `lead`).
    fn text_start(&mut self) -> usize {
        let (line, lead) = (self.line, self.lead);
        *self
            .text_start
            .get_or_insert_with(|| match line.as_bytes().get(lead) {
                Some(c) if c.is_ascii_digit() || *c == b'(' || *c == 0xC2 => {
                    paragraph_start(line).map_or(lead, |p| p.text_start)
                }
                _ => lead,
            })
    }
}

impl<'a> MarkerScan<'a> {
    fn new(line: &'a str) -> Self {
        MarkerScan {
            line,
            starts: LineStart {
                line,
                lead: skip_blanks(line.as_bytes(), 0),
                text_start: None,
            },
            pos: 0,
        }
    }

    /// Looks at the keyword candidate at `p` (candidates come in order).
    #[inline]
    fn candidate(&mut self, p: usize, out: &mut Vec<(Marker, Range<usize>)>) {
        let b = self.line.as_bytes();
        let Some((k, kw, e)) = keyword_candidate(b, p) else {
            return;
        };
        if k < self.pos {
            return;
        }
        if let Some(found) = marker_at(b, k, kw, e, self.pos, &mut self.starts) {
            self.pos = found.1.end;
            out.push(found);
        } else {
            self.pos = e;
        }
    }
}

/// Lanes where a `mm` (SUMMARY, COMMENT) or an `ote` (NOTE) starts, in any case.
#[inline(always)]
fn keyword_lanes(w: &[u8; 18]) -> u128 {
    lanes(at(w, 0), at(w, 1), at(w, 2), |x, y, z| {
        let (x, y, z) = (x | 0x20, y | 0x20, z | 0x20);
        ((x == b'm') & (y == b'm')) | ((x == b'o') & (y == b't') & (z == b'e'))
    })
}

/// A keyword candidate: `(start, b's' | b'c' | b'n', end)`.
type Keyword = (usize, u8, usize);

/// The keyword whose `mm` or `ote` is at `p`.
fn keyword_candidate(b: &[u8], p: usize) -> Option<Keyword> {
    if b.get(p)? | 0x20 == b'm' {
        mm_keyword(b, p)
    } else {
        note_keyword(b, p)
    }
}

/// The NOTE keyword (whole word) whose `ote` / `OTE` is at `p` (`Note`, `note`,
/// `NOTE`; the `ote` is in one case).
fn note_keyword(b: &[u8], p: usize) -> Option<Keyword> {
    let t = b.get(p..p + 3)?;
    if p == 0 || (t != b"ote" && t != b"OTE") {
        return None;
    }
    let s = p - 1;
    let e = s + 4;
    (b[s] | 0x20 == b'n'
        && (s == 0 || !b[s - 1].is_ascii_alphanumeric())
        && !b.get(e).is_some_and(u8::is_ascii_alphabetic))
    .then_some((s, b'n', e))
}

/// The SUMMARY / COMMENT keyword (whole word, any case) whose `mm` is at `p`:
/// `(start, b's' | b'c', end)`.
fn mm_keyword(b: &[u8], p: usize) -> Option<Keyword> {
    if p < 2 || b.get(p + 1).is_none_or(|c| c | 0x20 != b'm') {
        return None;
    }
    let s = p - 2;
    let pre = [b[s] | 0x20, b[s + 1] | 0x20];
    let kw = if pre == *b"su" && starts_with_ci(b, p + 2, b"ary") {
        b's'
    } else if pre == *b"co" && starts_with_ci(b, p + 2, b"ent") {
        b'c'
    } else {
        return None;
    };
    let e = s + 7;
    if s > 0 && b[s - 1].is_ascii_alphanumeric() {
        return None;
    }
    if !b.get(e).is_some_and(u8::is_ascii_alphabetic) {
        return Some((s, kw, e));
    }
    // 06PARIS953: the typo `End Commentg.` (one stray letter and a dot; not a
    // plural `comments.`). `marker_at` accepts this longer keyword only after `End`.
    (b[e] | 0x20 != b's' && b.get(e + 1) == Some(&b'.')).then_some((s, kw, e + 1))
}

/// The section keyword (`summary`, `comment`, `note`, any case, whole word) at
/// `i`: `(b's' | b'c' | b'n', end)`.
fn keyword_at(b: &[u8], i: usize) -> Option<(u8, usize)> {
    match b.get(i)? | 0x20 {
        b's' if word_at_ci(b, i, b"summary") => Some((b's', i + 7)),
        b'c' if word_at_ci(b, i, b"comment") => Some((b'c', i + 7)),
        b'n' if word_at_ci(b, i, b"note") => Some((b'n', i + 4)),
        _ => None,
    }
}

/// An end (or begin) marker split by hard wrapping: `prev_line` ends with the
/// word `End` (or `Begin`) and `line` starts with the keyword
/// (`…of the talks. End` / `Summary.`). Returns the marker and the range in
/// `line` of the keyword part (with a compound and its `.`/`:`/`-`).
///
/// In the sample, 88 of 94 lines that start with `Summary.` / `Comment.` /
/// `Note.` follow a line ending in `End`; [`find_markers`] reports no start
/// marker for a line-initial keyword followed by `.`, so callers that keep the
/// previous line should call this to recover the end marker. For a bare
/// `Summary` line (no `.`) after a line ending in `End`, `find_markers` reports
/// a start (a heading); when this function returns `Some` for the same line, it
/// takes precedence.
pub fn split_end_marker(prev_line: &str, line: &str) -> Option<(Marker, Range<usize>)> {
    let p = prev_line.as_bytes();
    let pe = trim_end_blanks(p, 0, p.len());
    let mut ps = pe;
    while ps > 0 && p[ps - 1].is_ascii_alphabetic() {
        ps -= 1;
    }
    if ps > 0 && p[ps - 1].is_ascii_alphanumeric() {
        return None;
    }
    let word = &p[ps..pe];
    let is_end = if word.eq_ignore_ascii_case(b"end") {
        true
    } else if word.eq_ignore_ascii_case(b"begin") {
        false
    } else {
        return None;
    };
    let b = line.as_bytes();
    let i = skip_blanks(b, 0);
    let (kw, e) = keyword_at(b, i)?;
    let ce = compound_end(b, e);
    let end = marker_punct_end(b, ce);
    Some((marker_of(compound_kind(b, kw, e, ce), Some(is_end)), i..end))
}

/// The marker for keyword `kw` (`s`/`c`/`n`): a start when `end_begin` is `None`
/// or `Some(false)` (`Begin …`), an end for `Some(true)`.
fn marker_of(kw: u8, end_begin: Option<bool>) -> Marker {
    match (kw, end_begin == Some(true)) {
        (b's', true) => Marker::SummaryEnd,
        (b'c', true) => Marker::CommentEnd,
        (b'n', true) => Marker::NoteEnd,
        (b's', false) => Marker::SummaryStart,
        (b'c', false) => Marker::CommentStart,
        _ => Marker::NoteStart,
    }
}

/// The section a compound keyword opens: `Note and comment` is a comment
/// (06PARIS953: `(Note and comment: … End note and comment.)`); every other
/// compound keeps its first keyword (`Summary and Comment` is a summary).
fn compound_kind(b: &[u8], kw: u8, e: usize, ce: usize) -> u8 {
    if kw == b'n' && ce > e {
        let t = &b[e..ce];
        if t.len() >= 7 && t.windows(7).any(|w| w.eq_ignore_ascii_case(b"comment")) {
            return b'c';
        }
    }
    kw
}

/// Length of the keyword `kw` (`summary`/`comment`: 7, `note`: 4).
fn keyword_len(kw: u8) -> usize {
    if kw == b'n' {
        4
    } else {
        7
    }
}

/// True when `marker` — the text of a start marker reported by [`find_markers`]
/// — continues the section of the previous paragraph: `Comment Cont’d:`,
/// `COMMENT CONT.:`, `SUMMARY CONT'D:`, `Summary cont.`, `COMMENT CONTINUED.`,
/// `COMMENT (CONT):`, `Summary continued` (the continued text is joined to the
/// section with a space). False for `Summary:`, `Comment.`, `Embassy comment:`.
pub fn is_continuation_marker(marker: &str) -> bool {
    let b = marker.as_bytes();
    let Some((_, e)) = keyword_at(b, 0) else {
        return false;
    };
    continuation_end(b, e).is_some()
}

/// A continuation suffix after a keyword ending at `e` — `Comment Cont’d:`,
/// `COMMENT CONT.:`, `SUMMARY CONT'D:`, `Summary cont.`, `COMMENT CONTINUED.`,
/// `COMMENT (CONT):`, `SUMMARY (CONT'D):`, `(Summary continued)` — with its
/// punctuation: returns the end of the marker. The suffix must be followed by
/// `:`/`.`/`-`, a `)` or the end of the line, unless it ends in an abbreviation
/// dot (`Summary cont. The …`); `note continued USG concern` is not a marker.
fn continuation_end(b: &[u8], e: usize) -> Option<usize> {
    let j = skip_blanks(b, e);
    if j == e {
        return None;
    }
    let paren = b.get(j) == Some(&b'(');
    let j = j + usize::from(paren);
    if !starts_with_ci(b, j, b"cont") {
        return None;
    }
    let mut k = j + 4;
    let mut abbrev_dot = false;
    if starts_with_ci(b, k, b"inued") {
        k += 5;
    } else if b.get(k) == Some(&b'\'') && b.get(k + 1).is_some_and(|c| c | 0x20 == b'd') {
        k += 2;
    } else if b.get(k..k + 3) == Some("’".as_bytes())
        && b.get(k + 3).is_some_and(|c| c | 0x20 == b'd')
    {
        k += 4;
    } else if b.get(k) == Some(&b'.') {
        k += 1;
        abbrev_dot = true;
    }
    if b.get(k).is_some_and(u8::is_ascii_alphabetic) {
        // `content`, `control`, `contd` stays out.
        return None;
    }
    if paren {
        if b.get(k) != Some(&b')') {
            return None;
        }
        k += 1;
    }
    let end = marker_punct_end(b, k);
    if end > k || abbrev_dot || matches!(b.get(k), None | Some(b')')) {
        return Some(end);
    }
    let after = skip_blanks(b, k);
    (after >= b.len()).then_some(k)
}

/// `End` / `Begin` (whole word) one or more blanks before `k`, not before `min`:
/// `(start, is_end)`.
fn end_begin_before(b: &[u8], k: usize, min: usize) -> Option<(usize, bool)> {
    let mut we = k;
    while we > min && blank_before(b, we) {
        we -= if b[we - 1] == 0xA0 { 2 } else { 1 };
    }
    if we == k {
        return None;
    }
    let mut ws = we;
    while ws > min && b[ws - 1].is_ascii_alphabetic() {
        ws -= 1;
    }
    if ws > 0 && b[ws - 1].is_ascii_alphanumeric() {
        return None;
    }
    let w = &b[ws..we];
    if w.eq_ignore_ascii_case(b"end") {
        Some((ws, true))
    } else if w.eq_ignore_ascii_case(b"begin") {
        Some((ws, false))
    } else {
        None
    }
}

/// The marker whose keyword (`kw`: `s`/`c`/`n`) spans `i..e`; `min` is the end of
/// the previous marker. A keyword longer than [`keyword_len`] is the typo form
/// of [`mm_keyword`] (`End Commentg.`) and is only an end marker.
fn marker_at(
    b: &[u8],
    i: usize,
    kw: u8,
    e: usize,
    min: usize,
    starts: &mut LineStart,
) -> Option<(Marker, Range<usize>)> {
    let lead = starts.lead;
    let typo = e - i != keyword_len(kw);
    if let Some((ws, is_end)) = end_begin_before(b, i, min) {
        if typo && !is_end {
            return None;
        }
        let ce = compound_end(b, e);
        let end = marker_punct_end(b, ce);
        return Some((
            marker_of(compound_kind(b, kw, e, ce), Some(is_end)),
            ws..end,
        ));
    }
    if typo {
        return None;
    }
    // `Comment Cont’d:`, `SUMMARY CONT'D:`: the same start marker again.
    if let Some(end) = continuation_end(b, e) {
        let bare_lower = i == lead && b[i].is_ascii_lowercase() && b.get(end - 1) != Some(&b':');
        return (start_position(b, i, starts) && !bare_lower)
            .then(|| (marker_of(kw, None), i..end));
    }
    let ce = compound_end(b, e);
    let m = marker_of(compound_kind(b, kw, e, ce), None);
    let after = skip_blanks(b, ce);
    let follow = b.get(after).copied();
    let followed = match follow {
        None => true,
        // `…End` / `Note.)` on the next line of a hard-wrapped text is an end.
        Some(b'.') => b.get(after + 1) != Some(&b')'),
        Some(b':' | b'/') => true,
        Some(b'-') => !b.get(after + 1).is_some_and(u8::is_ascii_alphabetic),
        // 09TELAVIV457: `1.  (C)  SUMMARY  During the visit …`: an upper-case
        // keyword at the paragraph's text start, followed by two blanks.
        Some(_) => {
            after >= ce + 2 && b[i..e].iter().all(u8::is_ascii_uppercase) && {
                let text_start = starts.text_start();
                i == text_start && text_start != lead
            }
        }
    };
    if !followed {
        return None;
    }
    let end = if after == ce {
        marker_punct_end(b, ce)
    } else {
        ce
    };
    if start_position(b, i, starts) {
        if i == lead {
            // At a bare line start, `Summary.` is nearly always the second half
            // of a hard-wrapped `End` / `Summary.` (88 of 94 such lines in the
            // sample; see `split_end_marker`), and a lower-case keyword is a
            // wrapped continuation (`summary. The …`) unless a `:` follows.
            if follow == Some(b'.') && after == ce
                || b[i].is_ascii_lowercase() && follow != Some(b':')
            {
                return None;
            }
        }
        return Some((m, i..end));
    }
    // `Embassy comment:`, `Introduction and Summary:`, `Ambassador’s Comment:`:
    // one capitalised word (optionally followed by `and`, or possessive) in a
    // start position.
    if follow == Some(b':') && after == ce {
        if let Some(ws) = possessive_before(b, i) {
            return (b[ws].is_ascii_uppercase() && start_position(b, ws, starts))
                .then_some((m, ws..end));
        }
        let (ws, word) = word_before(b, i)?;
        let ws = if in_list_ci(word, &["and"]) {
            let (ws2, w2) = word_before(b, ws)?;
            if !w2[0].is_ascii_uppercase() || in_list_ci(w2, &["AND", "OR", "THE", "END", "BEGIN"])
            {
                return None;
            }
            ws2
        } else {
            ws
        };
        if b[ws].is_ascii_uppercase()
            && !in_list_ci(word, &["OR", "THE", "END", "BEGIN", "NO", "A"])
            && start_position(b, ws, starts)
        {
            return Some((m, ws..end));
        }
    }
    None
}

/// Start of a possessive word (`Ambassador’s`, `Ambassador's`) that ends one
/// blank before `i` (09ABUDHABI301: `Ambassador’s Comment:`).
fn possessive_before(b: &[u8], i: usize) -> Option<usize> {
    if i < 4 || b[i - 1] != b' ' || b[i - 2] | 0x20 != b's' {
        return None;
    }
    let we = if b[i - 3] == b'\'' {
        i - 3
    } else if i >= 6 && b[i - 5..i - 2] == *"’".as_bytes() {
        i - 5
    } else {
        return None;
    };
    let mut ws = we;
    while ws > 0 && b[ws - 1].is_ascii_alphabetic() {
        ws -= 1;
    }
    if ws == we || (ws > 0 && b[ws - 1].is_ascii_alphanumeric()) {
        return None;
    }
    Some(ws)
}

/// The word (ASCII letters) that ends one blank before `i`, with its start.
fn word_before(b: &[u8], i: usize) -> Option<(usize, &[u8])> {
    if i < 2 || b[i - 1] != b' ' {
        return None;
    }
    let we = i - 1;
    let mut ws = we;
    while ws > 0 && b[ws - 1].is_ascii_alphabetic() {
        ws -= 1;
    }
    if ws == we || (ws > 0 && b[ws - 1].is_ascii_alphanumeric()) {
        return None;
    }
    Some((ws, &b[ws..we]))
}

// ---------------------------------------------------------------------------
// Date line (§5.1)
// ---------------------------------------------------------------------------

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Parses two digits at `i`.
fn two_digits(b: &[u8], i: usize) -> Option<u32> {
    match b.get(i..i + 2)? {
        [a, c] if a.is_ascii_digit() && c.is_ascii_digit() => {
            Some(u32::from(a - b'0') * 10 + u32::from(c - b'0'))
        }
        _ => None,
    }
}

/// A body date line `Friday, 18 December 2009, 11:04`: an English weekday, a
/// two-digit day (01–31), the full month name, a four-digit year and `HH:MM`
/// (00:00–23:59). Blanks before and after are allowed, nothing else. The
/// weekday is not checked against the date (the corpus agrees in 120 of 120).
pub fn is_date_line(line: &str) -> bool {
    let b = line.as_bytes();
    // A blank or a weekday initial (M, T, W, F, S) first.
    let Some(&c) = b.first() else {
        return false;
    };
    if !matches!(c | 0x20, b'm' | b't' | b'w' | b'f' | b's') && !matches!(c, b' ' | b'\t' | 0xC2) {
        return false;
    }
    let r = trimmed(b);
    let b = &b[r];
    if b.len() < 26 || b.len() > 40 {
        return false;
    }
    let Some(comma) = memchr::memchr(b',', b) else {
        return false;
    };
    if !in_list_ci(&b[..comma], WEEKDAYS) || b.get(comma + 1) != Some(&b' ') {
        return false;
    }
    let i = comma + 2;
    if !two_digits(b, i).is_some_and(|d| (1..=31).contains(&d)) || b.get(i + 2) != Some(&b' ') {
        return false;
    }
    let m = i + 3;
    let me = letters_end(b, m);
    if !in_list_ci(&b[m..me], MONTHS) || b.get(me) != Some(&b' ') {
        return false;
    }
    let y = me + 1;
    if count_digits(b, y) != 4 || b.get(y + 4..y + 6) != Some(b", ") {
        return false;
    }
    let t = y + 6;
    two_digits(b, t).is_some_and(|h| h < 24)
        && b.get(t + 2) == Some(&b':')
        && two_digits(b, t + 3).is_some_and(|mm| mm < 60)
        && b.len() == t + 5
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_byte_classes_are_their_byte_sets() {
        for c in 0..=u8::MAX {
            let rule = matches!(c, b'-' | b'=' | b'_' | 0xE2);
            assert_eq!(RULE_FIRST[usize::from(c)], rule, "{c:#x}");
            assert_eq!(
                RULE_OR_BLANK_FIRST[usize::from(c)],
                rule || matches!(c, b' ' | b'\t'),
                "{c:#x}"
            );
            assert_eq!(
                PAGE_FIRST[usize::from(c)],
                matches!(c, b'P' | b' ' | b'\t' | 0xC2),
                "{c:#x}"
            );
        }
    }

    #[test]
    fn sampled_page_break_test_is_exact() {
        for line in [
            "FOOBAR 00001234 002 OF 003",
            "  FOOBAR 00001234 002 OF 003",
            "\u{a0}BUENOS AIR 00000123 001.2 OF 003",
            "PAGE 02  CAPE T  00123  01 OF 03  101010Z",
            "  PAGE 02  CAPE T  00123  01 OF 03",
            "a line of text with 1234567 digits",
            "PAGES 1 TO 3",
            "x",
        ] {
            assert_eq!(
                find_page_break_sampled(line),
                find_page_break(line),
                "{line:?}"
            );
        }
        assert!(find_page_break_sampled("FOOBAR 00001234 002 OF 003").is_some());
    }

    /// What the tokenizer's preamble check asks of the page-break search: the
    /// marker at the start of `line` (if the first one found starts there), and
    /// whether a `None` is the full search's answer. `serial_may_open` must give
    /// the same as the full search.
    fn opening_page_break(line: &str, serial: bool) -> (Option<Range<usize>>, bool) {
        let r = find_page_break_hinted(line, serial);
        (r.clone().filter(|r| r.start == 0), r.is_none() && serial)
    }

    fn check_serial_may_open(line: &str) {
        let full = find_page_break(line);
        let (opens, none_is_full) = opening_page_break(line, serial_may_open(line));
        assert_eq!(opens, full.clone().filter(|r| r.start == 0), "{line:?}");
        if none_is_full {
            assert_eq!(full, None, "{line:?}");
        }
        // Without the serial test only the print-format page line is looked
        // for: the full search finds it first too.
        if let Some(r) = find_page_break_hinted(line, false) {
            assert_eq!(Some(r), full, "{line:?}");
        }
    }

    #[test]
    fn serial_may_open_keeps_every_opening_marker() {
        for line in [
            "FOOBAR 00001234 002 OF 003",
            "FOOBAR  00001234  002 OF 003 Classified By: Jane Doe",
            "F 00001234 002 OF 003",
            "F  00001234 002 OF 003",
            "FOOBARBAZQ 00000123 001.2 OF 003",
            "FOOBARBAZQ  00000123 001.2 OF 003 SUBJECT: INVENTED",
            "RIO DE JAN 00000123 001.2 OF 003",
            "Foobar 00001234 002 of 003",
            "PAGE 02  FOOBAR  00123  01 OF 03  101010Z",
            "PAGE 02  FOOBAR  00123  01 OF 03  101010Z TAGS: PREL",
            "the talks, FOOBAR 00001234 002 OF 003, went on",
            "ON 12 MAY 2009 THE MINISTER SAID 12345678 TIMES",
            "FOOBARBAZQX 00001234 002 OF 003",
            "a line of text",
            "",
        ] {
            check_serial_may_open(line);
        }
        // A marker at the start: the serial test lets it through.
        for line in [
            "F 00001234 002 OF 003",
            "F  00001234 002 OF 003",
            "FOOBARBAZQ  00000123 001.2 OF 003 SUBJECT: INVENTED",
            "RIO DE JAN 00000123 001.2 OF 003",
        ] {
            assert_eq!(find_page_break(line).map(|r| r.start), Some(0), "{line:?}");
            assert!(serial_may_open(line), "{line:?}");
        }
        assert!(!serial_may_open("ON 12 MAY THE MINISTER SAID"));
    }

    /// [`is_rule`] as it was before its eight-byte steps: one byte at a time.
    fn is_rule_bytewise(line: &str) -> bool {
        rule_candidate(line).is_some_and(|b| rule_from(b, 0, 0))
    }

    #[test]
    fn rules_in_eight_byte_steps() {
        for line in [
            "--------------------------------------------- ----",
            "--------",
            "-------",
            "========",
            "________________",
            "--------x",
            "  ----------------  ",
            "-------- \u{2014}",
            "\u{2014}\u{2014}\u{2014}\u{2014}\u{2014}\u{2014}\u{2014}\u{2014}",
            "-- a bullet line that is long enough",
        ] {
            assert_eq!(is_rule(line), is_rule_bytewise(line), "{line:?}");
        }
        assert!(is_rule(
            "--------------------------------------------- ----"
        ));
        assert!(!is_rule("----------------x"));
    }

    #[test]
    fn one_letter_marks_are_the_general_answer() {
        for line in [
            "(C) x",
            "(S)",
            "(U)x",
            "(C))",
            "1. (S) Text",
            "(C )",
            "(CC)",
        ] {
            let b = line.as_bytes();
            let open = b.iter().position(|&c| c == b'(').unwrap_or(0);
            assert_eq!(paren_mark(b, open), paren_mark_general(b, open), "{line:?}");
        }
        assert_eq!(paren_mark(b"1. (S) Text", 3), Some((4..5, 6)));
    }

    /// The former [`signature`] (every line through the general checks), the
    /// reference for its one-word fast path.
    fn signature_ref(line: &str) -> Vec<Range<usize>> {
        let b = line.as_bytes();
        let mut r = trimmed(b);
        while r.len() >= 4 && b[r.end - 4..r.end].eq_ignore_ascii_case(b"<br>") {
            r.end = trim_end_blanks(b, r.start, r.end - 4);
        }
        let mut out = Vec::new();
        if !r.is_empty() {
            signature_general(b, r, &mut out);
        }
        out
    }

    #[test]
    fn one_word_signatures_are_the_general_answer() {
        for line in [
            "DOE",
            "  ROE  ",
            "DOE <br>",
            "JR",
            "III",
            "SIPDIS",
            "NNNN",
            "END",
            "XXXXXXXX",
            "D",
            "Doe",
            "DOE.",
            "DOE JR",
            "\u{a0}ROE\t",
        ] {
            let mut out = Vec::new();
            signature(line, &mut out);
            assert_eq!(out, signature_ref(line), "{line:?}");
        }
        let mut out = Vec::new();
        signature("  DOE", &mut out);
        assert_eq!(out, vec![2..5]);
    }

    /// The former [`line_has_url`], [`mentions_site`] and [`url_fragment`] (a
    /// search per word), the references for the one-pass versions.
    fn line_has_url_ref(t: &[u8]) -> bool {
        memchr::memchr2(b'/', b':', t).is_some()
            && (memmem::find(t, b"http").is_some()
                || memmem::find(t, b"sgov.gov").is_some()
                || memmem::find(t, b"Portal:").is_some()
                || memmem::find(t, b"www.").is_some())
    }

    fn mentions_site_ref(t: &[u8]) -> bool {
        let has = |w: &[u8]| t.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w));
        has(b"web site")
            || has(b"website")
            || has(b"classified")
            || has(b"blog")
            || has(b"forum")
            || has(b"http")
    }

    fn url_fragment_ref(t: &[u8]) -> bool {
        !t.contains(&b' ')
            && (memmem::find(t, b".gov/").is_some()
                || memmem::find(t, b"/wiki/").is_some()
                || memmem::find(t, b"://").is_some())
    }

    #[test]
    fn url_and_site_tests_on_invented_tail_lines() {
        for (line, url, site, frag) in [
            (
                "Visit Freedonia's Classified Web Site at http://www.foo.sgov.gov/bar",
                true,
                true,
                false,
            ),
            (
                "Visit Ruritania’s Classified Website: http://intranet.foo.sgov.gov/portal:x DOE",
                true,
                true,
                false,
            ),
            ("www.state.sgov.gov/p/foo/bar/index.cfm", true, false, true),
            ("fo.sgov.gov/wiki/Portal:Freedonia\"", true, false, true),
            ("gov.gov/wiki/Portal:Freedonia\"", true, false, true),
            ("https:x", true, true, false),
            ("PLEASE VISIT OUR BLOG", false, true, false),
            ("visit the FORUM", false, true, false),
            ("HTTP://FOO.EXAMPLE", false, true, true),
            ("Portal", false, false, false),
            ("ww.x/", false, false, false),
            ("sgov.go/", false, false, false),
            (".gov", false, false, false),
            ("a://b", false, false, true),
            ("x/wiki/y", false, false, true),
            ("http", false, true, false),
            ("", false, false, false),
        ] {
            let b = line.as_bytes();
            assert_eq!(line_has_url(b), url, "{line:?}");
            assert_eq!(mentions_site(b), site, "{line:?}");
            assert_eq!(url_fragment(b), frag, "{line:?}");
            assert_eq!(line_has_url_ref(b), url, "{line:?}");
            assert_eq!(mentions_site_ref(b), site, "{line:?}");
            assert_eq!(url_fragment_ref(b), frag, "{line:?}");
        }
    }

    proptest::proptest! {
        /// The one-word fast path of `signature` gives the general answer.
        #[test]
        fn signature_is_the_general_signature(
            line in "([ \t]|\u{a0}){0,2}([A-Z]{1,9}|JR|SR|III|IV|END|NOTE|SIPDIS|XXXXX|Doe|[A-Z]{2,4}\\.|X{3,8}[A-Z]{0,2})( <br>| [A-Z]{2,5}|/[A-Z]{2,4}|,|’)?([ \t]|\u{a0}){0,2}",
        ) {
            let mut out = Vec::new();
            signature(&line, &mut out);
            proptest::prop_assert_eq!(out, signature_ref(&line));
        }

        /// The one-pass URL and web-site tests agree with a search per word, on
        /// lines built from pieces of the words (any case, split, repeated).
        #[test]
        fn url_and_site_tests_are_the_searches(
            line in "(http|HTTP|htt|www\\.|ww|sgov\\.gov|sgov|Portal:|Porta|\\.gov/|\\.gov|/wiki/|/wik|://|:/|[:/ .]|Web Site|WEBSITE|webs|classified|Classifie|blog|BLO|forum|Foru|[a-z]{1,3}|[A-Z]{1,3}|’|\u{a0}){0,12}",
        ) {
            let b = line.as_bytes();
            for i in 0..=b.len() {
                let t = &b[i..];
                proptest::prop_assert_eq!(line_has_url(t), line_has_url_ref(t), "{:?}", t);
                proptest::prop_assert_eq!(mentions_site(t), mentions_site_ref(t), "{:?}", t);
                proptest::prop_assert_eq!(url_fragment(t), url_fragment_ref(t), "{:?}", t);
            }
        }

        #[test]
        fn is_rule_is_the_bytewise_rule(
            line in "[ \t]{0,2}(-{0,20}|={0,12}|_{0,12}|\u{2014}{0,3})[-=_ x\t\u{a0}\u{2014}\u{2013}]{0,4}(-{0,12}|[-=_]{0,4})[ x]?",
        ) {
            proptest::prop_assert_eq!(is_rule(&line), is_rule_bytewise(&line));
        }

        #[test]
        fn paren_mark_is_the_general_mark(line in "[ 1.]{0,3}\\(([CSUcNT /]|NF|\\)){0,4}\\)?[ x)]{0,2}") {
            let b = line.as_bytes();
            for open in 0..b.len() {
                proptest::prop_assert_eq!(paren_mark(b, open), paren_mark_general(b, open));
            }
        }

        #[test]
        fn sampled_page_break_matches_find_page_break(
            line in "[ \u{a0}]{0,3}(PAGE |[A-Z ]{0,12})([0-9 ]{0,12}(OF |\\.)?){0,4}[A-Z0-9 ]{0,6}",
        ) {
            proptest::prop_assert_eq!(
                find_page_break_sampled(&line),
                find_page_break(&line)
            );
        }
    }

    fn mark<'a>(line: &'a str, p: &ParagraphStart) -> Option<&'a str> {
        p.marking.clone().map(|r| &line[r])
    }

    fn ps(line: &str) -> (Option<u32>, Option<&str>, &str) {
        let p = paragraph_start(line).unwrap_or_else(|| panic!("no paragraph start: {line:?}"));
        (p.number, mark(line, &p), &line[p.text_start..])
    }

    #[test]
    fn portion_marks_accepted() {
        for m in [
            "C",
            "S",
            "U",
            "SBU",
            "TS",
            "S/NF",
            "C/NF",
            "S//NF",
            "c",
            "s/nf",
            "u",
            "S/REL NATO",
            "C//REL ISAF",
            "U//FOUO",
            "SBU/NF",
            "S//FGI//NF",
            "S/Rel UK",
            "C NF",
            "C/NOFORN",
            "S-NF",
            "S/REL to Pakistan",
            "C - ENTIRE TEXT",
            "Secret/Rel Armenia",
            "SECRET/REL FRANCE",
            "N/SF",
            "SNF",
            "/Rel UK",
            "S//REL TO USA, FVEY",
            "S/REL USA, PAK",
            "secret//rel germany",
            " C ",
            "S//Rel NATO, ISAF",
            "C/rel to UN",
            "TOP SECRET",
            "CONFIDENTIAL",
            "UNCLASSIFIED",
        ] {
            assert!(is_portion_mark(m), "{m:?} should be a mark");
        }
    }

    #[test]
    fn portion_marks_rejected() {
        for m in [
            "Iran",
            "China",
            "2009",
            "a",
            "b",
            "d",
            "reftel",
            "S/GC",
            "S/SRAP",
            "secret police",
            "c-ne9-01257",
            "C-RE9-02710",
            "EU",
            "UNSCR",
            "",
            " ",
            "S/REL",
            "TOP",
            "N",
            "SPD",
            "the U.S.",
            "Invented Group",
            "S/REL to a very long list of countries that goes on and on well past the limit",
        ] {
            assert!(!is_portion_mark(m), "{m:?} should not be a mark");
        }
    }

    #[test]
    fn paragraph_start_forms() {
        assert_eq!(
            ps("1. (C) Summary: text"),
            (Some(1), Some("C"), "Summary: text")
        );
        assert_eq!(ps("12.  (S/NF) Text"), (Some(12), Some("S/NF"), "Text"));
        assert_eq!(ps("3.(C) SUMMARY. X"), (Some(3), Some("C"), "SUMMARY. X"));
        assert_eq!(
            ps("1. ON MAR 3 THE MINISTER CALLED IN"),
            (Some(1), None, "ON MAR 3 THE MINISTER CALLED IN")
        );
        assert_eq!(
            ps("1) Invented Topic (ABCD-2)"),
            (Some(1), None, "Invented Topic (ABCD-2)")
        );
        assert_eq!(
            ps("            4) Role of Invented Partners"),
            (Some(4), None, "Role of Invented Partners")
        );
        assert_eq!(
            ps("15.Ruritania and Freedonia agree"),
            (Some(15), None, "Ruritania and Freedonia agree")
        );
        assert_eq!(
            ps(" 1. C) Summary: text"),
            (Some(1), Some("C"), "Summary: text")
        );
        assert_eq!(
            ps("¶1. (C) Summary: text"),
            (Some(1), Some("C"), "Summary: text")
        );
        assert_eq!(ps("¶ 11. (SBU) text"), (Some(11), Some("SBU"), "text"));
        assert_eq!(
            ps("(C) Invented Heading: Still Pending"),
            (None, Some("C"), "Invented Heading: Still Pending")
        );
        assert_eq!(
            ps("(S/NF) Table I: invented"),
            (None, Some("S/NF"), "Table I: invented")
        );
        assert_eq!(ps("2. ( C ) Text"), (Some(2), Some("C"), "Text"));
        assert_eq!(
            ps("7. (S//REL TO USA, FVEY) Text"),
            (Some(7), Some("S//REL TO USA, FVEY"), "Text")
        );
        assert_eq!(
            ps("2)  (U)  THE ARTICLE"),
            (Some(2), Some("U"), "THE ARTICLE")
        );
        assert_eq!(
            ps("4. (C)XXXXXXXXXXXX said"),
            (Some(4), Some("C"), "XXXXXXXXXXXX said")
        );
        assert_eq!(ps("6. "), (Some(6), None, ""));
        assert_eq!(ps("9. (Reftel) text"), (Some(9), None, "(Reftel) text"));
        assert_eq!(
            ps("1.  Summary.  On May 5, Minis..."),
            (Some(1), None, "Summary.  On May 5, Minis...")
        );
        assert_eq!(ps("\u{a0}1. (U) Text"), (Some(1), Some("U"), "Text"));
        // Scraped copies: a lead of other Unicode blanks, as of spaces (invented
        // lines; the blanks after the number are still spaces and NBSPs only).
        for sp in [
            "\u{a0}", "\u{85}", "\u{2003}", "\u{2009}", "\u{202f}", "\u{3000}",
        ] {
            for (line, want) in [
                ("{sp}1. (C) Text", (Some(1), Some("C"), "Text")),
                ("{sp} {sp}12. (S/NF) Text", (Some(12), Some("S/NF"), "Text")),
                ("{sp}\u{a0}1. C) Summary", (Some(1), Some("C"), "Summary")),
                ("{sp}\u{b6} 4. Text", (Some(4), None, "Text")),
                ("{sp}(C) Text", (None, Some("C"), "Text")),
            ] {
                assert_eq!(ps(&line.replace("{sp}", sp)), want, "{sp:?} {line}");
            }
        }
        assert_eq!(
            ps("(U) Classified by Ambassador Jane Doe"),
            (None, Some("U"), "Classified by Ambassador Jane Doe")
        );
    }

    #[test]
    fn paragraph_start_rejects() {
        for l in [
            "1.4 (b) and (d).",
            "1.1 Sub-item text",
            "10.30 in the morning",
            "2009. The year",
            "2009 was a year",
            "0. zero",
            "(Iran) press summary",
            "(China) press summary",
            "(c) sense that Freedonia is",
            "(c), and (d).",
            "(a) the first invented item",
            "A. FOOBAR 001234",
            "¶B. FOOBAR 3586",
            "text with 1. inside",
            "",
            "   ",
            "-- bullet",
            "(2009) text",
            "1 (C) text",
            // Not blanks: a curly quote, a zero-width space, an em dash.
            "\u{2019}1. Text",
            "\u{200b}1. (C) Text",
            "\u{2014}(C) Text",
            "\u{2003}",
            "\u{3000}\u{b6}",
        ] {
            assert_eq!(paragraph_start(l), None, "{l:?}");
        }
        // Ranges are correct byte offsets after a non-ASCII lead too.
        let p = paragraph_start("\u{2003} 10. (S/NF) x").unwrap();
        assert_eq!((p.marking, p.text_start), (Some(9..13), 15));
        // Ranges are correct byte offsets.
        let l = "  10. (S/NF) x";
        let p = paragraph_start(l).unwrap();
        assert_eq!(p.marking, Some(7..11));
        assert_eq!(p.text_start, 13);
    }

    #[test]
    fn rules() {
        for l in [
            "-----",
            "---",
            "--------------------------------------------- ----",
            "--------------------------------------------- ---- ",
            "  - - - -  ",
            "=====",
            "____",
            "———-",
            "——",
            "—————–",
            "\u{a0}———\u{a0}",
            "------- ",
        ] {
            assert!(is_rule(l), "{l:?}");
        }
        for l in [
            "",
            " ",
            "--",
            "- -",
            "—",
            "-- bullet text",
            "--- Invented bullet.",
            "*****",
            "SUMMARY -------",
            "----XyZ>AbC",
            "text",
        ] {
            assert!(!is_rule(l), "{l:?}");
        }
    }

    fn pb(line: &str) -> Option<&str> {
        find_page_break(line).map(|r| &line[r])
    }

    #[test]
    fn page_breaks_own_line() {
        assert_eq!(
            pb("FOOBAR 00001234 002 OF 003"),
            Some("FOOBAR 00001234 002 OF 003")
        );
        assert_eq!(
            pb("BUENOS AIR 00000123 001.2 OF 003"),
            Some("BUENOS AIR 00000123 001.2 OF 003")
        );
        assert_eq!(
            pb("TEL AVIV 00001111  004 OF 004 "),
            Some("TEL AVIV 00001111  004 OF 004")
        );
        assert_eq!(
            pb("  RIO DE JAN 00000999 001.2 OF 002"),
            Some("RIO DE JAN 00000999 001.2 OF 002")
        );
        assert_eq!(
            pb("UNVIE VIEN 00000777 004 OF 004"),
            Some("UNVIE VIEN 00000777 004 OF 004")
        );
        assert_eq!(
            pb("ROME 00004321 003.4 OF 003"),
            Some("ROME 00004321 003.4 OF 003")
        );
        assert_eq!(
            pb("Freedonia 00001091 002 of 002"),
            Some("Freedonia 00001091 002 of 002")
        );
        assert_eq!(
            pb("DUBAI 00000888  002.2 OF 002"),
            Some("DUBAI 00000888  002.2 OF 002")
        );
    }

    #[test]
    fn page_breaks_embedded() {
        let l = "invented financing text BRASILIA 00000123 002 OF 004 more invented text";
        let r = find_page_break(l).unwrap();
        assert_eq!(&l[r.clone()], "BRASILIA 00000123 002 OF 004");
        assert_eq!(r.start, 24);
        assert_eq!(
            pb("Invented Planning FOOBAR 00000222 002 OF 002 Minister Jane"),
            Some("FOOBAR 00000222 002 OF 002")
        );
        assert_eq!(
            pb("JANE DOE TO WASHINGTON BRASILIA 00000444 001.2 OF 003 "),
            Some("BRASILIA 00000444 001.2 OF 003")
        );
        assert_eq!(
            pb("the talks in TEL AVIV 00001111 002 OF 004 went well"),
            Some("TEL AVIV 00001111 002 OF 004")
        );
        assert_eq!(
            pb("REF: BRASILIA 2222 BRASILIA 00003333 001.2 OF 003 "),
            Some("BRASILIA 00003333 001.2 OF 003")
        );
        // The first of two markers.
        let l = "x FOOBAR 00000001 002 OF 003 y FOOBAR 00000001 003 OF 003 z";
        assert_eq!(find_page_break(l), Some(2..28));
        // Embedded at the very end, after a NBSP.
        assert_eq!(
            pb("text\u{a0}FOOBAR 00000001 002 OF 003"),
            Some("FOOBAR 00000001 002 OF 003")
        );
    }

    #[test]
    fn page_breaks_print_form() {
        assert_eq!(
            pb("PAGE 02        CAPE T  00123  01 OF 03  101010Z"),
            Some("PAGE 02        CAPE T  00123  01 OF 03  101010Z")
        );
        let l = "PAGE 02 HARARE 01234 01 OF 03 121200Z INVENTED TEXT";
        assert_eq!(pb(l), Some("PAGE 02 HARARE 01234 01 OF 03 121200Z"));
        assert_eq!(
            pb("PAGE 03 HARARE 01234 01 OF 03"),
            Some("PAGE 03 HARARE 01234 01 OF 03")
        );
    }

    #[test]
    fn page_breaks_rejected() {
        for l in [
            "",
            "SECTION 01 OF 03",
            "C O N F I D E N T I A L SECTION 01 OF 02 FOOBAR 001234",
            "FOOBAR 0001234 002 OF 003",
            "FOOBAR 000001234 002 OF 003",
            "FOOBAR 00001234 02 OF 003",
            "FOOBAR 00001234 002 OF 03",
            "FOOBAR 00001234 002 OF 0034",
            "FOOBAR00001234 002 OF 003",
            "12345 00001234 002 OF 003",
            "one OF the many parts of the whole of the thing",
            "PAGE 2 of the report",
            "page 02 foo 00097 01 of 03",
        ] {
            assert_eq!(find_page_break(l), None, "{l:?}");
        }
    }

    fn red(line: &str) -> Vec<&str> {
        let mut v = Vec::new();
        find_redactions(line, &mut v);
        v.into_iter().map(|r| &line[r]).collect()
    }

    #[test]
    fn redactions() {
        assert_eq!(red("XXXXXXXXXXXX"), ["XXXXXXXXXXXX"]);
        assert_eq!(red("met XXXXXXXXXXXX, who said"), ["XXXXXXXXXXXX"]);
        assert_eq!(red("4. (C)XXXXXXXXXXXX said"), ["XXXXXXXXXXXX"]);
        assert_eq!(red("the partyXXXXXXXXXXXX said"), ["XXXXXXXXXXXX"]);
        assert_eq!(red("XXXXXXXXXXXXtold us"), ["XXXXXXXXXXXX"]);
        assert_eq!(red("XXXXXXXXXXXX’s view"), ["XXXXXXXXXXXX"]);
        assert_eq!(red("xxxxx and xxxxxxxxxxxx"), ["xxxxx", "xxxxxxxxxxxx"]);
        assert_eq!(red("with XXXXXXXXXXXXxxxx help"), ["XXXXXXXXXXXXxxxx"]);
        assert_eq!(red("a taxXXXXXXXXXXXX"), ["XXXXXXXXXXXX"]);
        assert_eq!(red("thatxxxxx"), ["xxxxx"]);
        assert_eq!(
            red("[DETAILS REMOVED] told [NAME REMOVED] that"),
            ["[DETAILS REMOVED]", "[NAME REMOVED]"]
        );
        assert_eq!(red("a [Source removed] in town"), ["[Source removed]"]);
        assert_eq!(
            red("[NAMES REMOVED] and [DETAIL REMOVED]"),
            ["[NAMES REMOVED]", "[DETAIL REMOVED]"]
        );
        assert!(red("Exxon and Foxx, xxxx, XXXX, [the U.S.], [IAEA], [k]").is_empty());
        assert!(red("[END OF INVENTED LIST]").is_empty());
        assert!(red("[removed]").is_empty());
        assert!(red("").is_empty());
        // Glued to a multi-byte character.
        assert_eq!(red("“XXXXXXXXXXXX”"), ["XXXXXXXXXXXX"]);
    }

    fn sig(line: &str) -> Vec<&str> {
        let mut v = Vec::new();
        signature(line, &mut v);
        v.into_iter().map(|r| &line[r]).collect()
    }

    #[test]
    fn signatures_own_line() {
        assert_eq!(sig("DOE"), ["DOE"]);
        assert_eq!(sig("  ROE "), ["ROE"]);
        assert_eq!(sig("Roe"), ["Roe"]);
        assert_eq!(sig("McRoe"), ["McRoe"]);
        assert_eq!(sig("O'ROE"), ["O'ROE"]);
        assert_eq!(sig("roe"), ["roe"]);
        assert_eq!(sig("DOE JR"), ["DOE"]);
        assert_eq!(sig("ROE ROE"), ["ROE"]);
        assert_eq!(sig("DOE Doe"), ["DOE"]);
        assert_eq!(sig("LA ROE"), ["LA ROE"]);
        assert_eq!(sig("DOE / ROE"), ["DOE", "ROE"]);
        assert_eq!(sig("DOE/ROE"), ["DOE", "ROE"]);
        assert_eq!(sig("ROE 2001-02-03"), ["ROE"]);
        assert_eq!(sig("DOE ."), ["DOE"]);
        assert_eq!(sig("End Text. ROE"), ["ROE"]);
        assert_eq!(sig("END TEXT DOE"), ["DOE"]);
        assert_eq!(sig("MINIMIZE CONSIDERED ROE"), ["ROE"]);
        assert_eq!(sig("MINIMIZED CONSIDERED ROE"), ["ROE"]);
        assert_eq!(sig("8. (U) Minimize considered. DOE"), ["DOE"]);
        assert_eq!(sig("(SECRET//REL Freedonia) ROE"), ["ROE"]);
        assert_eq!(sig("ROE <br>"), ["ROE"]);
        assert_eq!(sig("DOE/ROE/DOE"), ["DOE", "ROE"]);
        assert!(sig("Key Points").is_empty());
        assert!(sig("SMITH JONES").is_empty());
        assert!(sig("of the country").is_empty());
    }

    #[test]
    fn signatures_glued() {
        assert_eq!(
            sig("the first invented meeting on neutral ground. DOE"),
            ["DOE"]
        );
        assert_eq!(sig("quantum physics. END COMMENT) DOE"), ["DOE"]);
        assert_eq!(sig("the party. END COMMENT ROE"), ["ROE"]);
        assert_eq!(sig("the invented line. END COMMENT DOE"), ["DOE"]);
        assert_eq!(sig("an invented offense. ROE 2001-12-31"), ["ROE"]);
        assert_eq!(sig("in the country in 2001. LA ROE"), ["LA ROE"]);
        assert_eq!(sig("the invented film “Dark Days.” ROE"), ["ROE"]);
        assert_eq!(sig("the invented people. XXXXXXXXXXX DOE"), ["DOE"]);
        assert_eq!(
            sig("http://www.state.sgov.gov/p/eur/freedonia/index.c fm DOE"),
            ["DOE"]
        );
        assert_eq!(sig("************* ******************** ROE"), ["ROE"]);
        assert_eq!(sig("we did it. ROE ROE"), ["ROE"]);
        assert_eq!(sig("Visit Freedonia’s Classified Website: http://www.state.sgov.gov/p/eur/x/index. cfm Doe"), ["Doe"]);
        assert!(sig("http://www.state.sgov.gov/p/wha/x and the North American").is_empty());
        assert!(sig("XXXXXXXXXXXX").is_empty());
        assert!(sig("the end. XXXXXXXXXXXX").is_empty());
        let long = "The minister repeated that the government would not change its position on the question of the border. Roe";
        assert_eq!(sig(long), ["Roe"]);
        assert_eq!(sig("finalized by the end of May. Roe"), ["Roe"]);
        // Common sentence openers are not names.
        assert!(sig("talks went well. The").is_empty());
        assert!(sig("talks went well. Post").is_empty());
        assert!(sig("THE TALKS WENT WELL. MINISTER").is_empty());
    }

    #[test]
    fn signatures_rejected() {
        for l in [
            "",
            "Thank you.",
            "END SUMMARY.",
            "SIPDIS",
            "NNNN",
            "End Cable Text",
            "BACKGROUND",
            "Freedonia, Jane Q. Doe",
            "returning to Freedonia. End Comment.",
            "of the country.",
            "l...",
            "...",
            "T ONE INVENTED FRAGMENT ON...",
            "</table>",
            "ID:\t123456",
            "2004FOOBAR02200 - CONFIDENTIAL",
            "Jane X Doe 01/02/2003 04:05:06 PM From DB/Inbox: ROES",
            "Systematic Review 01 JAN 2001",
            "the talks. THE",
            "invented lawlessness. End Comment",
            "gov.gov/wiki/Portal:Freedonia\"",
            ">",
            "/",
            "<br>",
        ] {
            assert!(sig(l).is_empty(), "{l:?} gave {:?}", sig(l));
        }
    }

    #[test]
    fn boilerplate() {
        for l in [
            "Visit Freedonia City's Classified Web Site at",
            "Visit Embassy Ruritania's Classified Website:",
            "Please visit Ruritania' Classified Website at:",
            "\"Visit Freedonia's Classified Web Site at http://www.intelink.s",
            "For more reporting from Embassy Ruritania, visit:",
            "You can also access this site through the State Department's",
            "Classified SIPRNET website.",
            "http://www.state.sgov.gov/p/wha/freedonia",
            "http://www.state.sgov.gov/p/wha/freedonia and the North American",
            "gov.gov/wiki/Portal:Freedonia\"",
            "www.state.sgov.gov/invented.",
            "********************************************* ********************",
            "** Invented stamp **",
            "NNNN",
            "End Cable Text",
            "END OF CABLE",
            "EPET @ EL PAÍS",
            "Track impresión: someone @ Sat Dec 4 ….",
            "Systematic Review 01 JAN 2001",
            "</table>",
            ">",
            "Visit Ruritania,s Economy and Environment Forum at",
            "Nnnn",
            "CONFIDENTIAL",
            "http://www.state.sgov.gov/p/wha/freedonia and the North American",
            "EPET @ EL P",
            "GP-3",
            "GP-3 ",
            "MINIMIZE CONSIDERED",
            "MINIMIZED CONSIDERED.",
            "End of Cable Text.",
        ] {
            assert!(is_boilerplate(l), "{l:?}");
        }
        for l in [
            "",
            " ",
            "DOE",
            "Visit of the Foreign Minister",
            "visit to the invented factory was to occur soon",
            "1. (C) Text",
            "End Comment.",
            "NNNN more",
            "* bullet",
            "the site http://example.org in prose",
            "Visit Freedonia’s Classified Website: http://www.intelink.sgov.gov/wiki/Portal:Free donia DOE",
            "http://www.state.sgov.gov/p/eur/x/index. cfm Roe",
            "GP-35",
            "GP-3 text",
            "MINIMIZE CONSIDERED DOE",
            "minimize the damage",
        ] {
            assert!(!is_boilerplate(l), "{l:?}");
        }
    }

    fn mk(line: &str) -> Vec<(Marker, &str)> {
        let mut v = Vec::new();
        find_markers(line, &mut v);
        v.into_iter().map(|(m, r)| (m, &line[r])).collect()
    }

    #[test]
    fn markers_start() {
        use Marker::*;
        assert_eq!(mk("1. (C) Summary: text"), [(SummaryStart, "Summary:")]);
        assert_eq!(mk("1. (C) SUMMARY. text"), [(SummaryStart, "SUMMARY.")]);
        assert_eq!(
            mk("1.(C) SUMMARY AND COMMENT: text"),
            [(SummaryStart, "SUMMARY AND COMMENT:")]
        );
        assert_eq!(
            mk("1. (S) Summary and Action Request: x"),
            [(SummaryStart, "Summary and Action Request:")]
        );
        assert_eq!(mk("SUMMARY"), [(SummaryStart, "SUMMARY")]);
        assert_eq!(mk("Summary "), [(SummaryStart, "Summary")]);
        assert_eq!(mk("Summary:"), [(SummaryStart, "Summary:")]);
        assert_eq!(mk("1. Summary. x"), [(SummaryStart, "Summary.")]);
        assert_eq!(mk("SUMMARY -------"), [(SummaryStart, "SUMMARY")]);
        assert_eq!(mk("BEGIN SUMMARY"), [(SummaryStart, "BEGIN SUMMARY")]);
        assert_eq!(mk("the talks. Summary: x"), [(SummaryStart, "Summary:")]);
        assert_eq!(mk("COMMENT"), [(CommentStart, "COMMENT")]);
        assert_eq!(mk("7. (C) Comment: x"), [(CommentStart, "Comment:")]);
        assert_eq!(mk("he said (Comment: x"), [(CommentStart, "Comment:")]);
        assert_eq!(mk("the text. (Note: x"), [(NoteStart, "Note:")]);
        assert_eq!(mk("Note: x"), [(NoteStart, "Note:")]);
        assert_eq!(mk("//COMMENT//"), [(CommentStart, "COMMENT")]);
        assert_eq!(
            mk("Embassy comment: x"),
            [(CommentStart, "Embassy comment:")]
        );
        assert_eq!(
            mk("8. (C) Department Note: x"),
            [(NoteStart, "Department Note:")]
        );
        assert_eq!(mk("(C) Summary: x"), [(SummaryStart, "Summary:")]);
        assert_eq!(mk("¶1. (C) Summary: x"), [(SummaryStart, "Summary:")]);
        assert_eq!(mk("said. comment: x"), [(CommentStart, "comment:")]);
        assert_eq!(
            mk("1. (C) SUMMARY & COMMENT: x"),
            [(SummaryStart, "SUMMARY & COMMENT:")]
        );
        assert_eq!(
            mk("1. (S) Introduction and Summary: x"),
            [(SummaryStart, "Introduction and Summary:")]
        );
        assert_eq!(
            mk("1.  (C)  SUMMARY  During the visit"),
            [(SummaryStart, "SUMMARY")]
        );
        assert_eq!(
            mk("1. (S/NF) Summary/Introduction. x"),
            [(SummaryStart, "Summary")]
        );
    }

    #[test]
    fn markers_end() {
        use Marker::*;
        assert_eq!(mk("End Summary."), [(SummaryEnd, "End Summary.")]);
        assert_eq!(mk("x. END SUMMARY"), [(SummaryEnd, "END SUMMARY")]);
        assert_eq!(mk("x. (End Summary)"), [(SummaryEnd, "End Summary")]);
        assert_eq!(mk("x. End comment. y"), [(CommentEnd, "End comment.")]);
        assert_eq!(mk("x. End note.) y"), [(NoteEnd, "End note.")]);
        // A `Note and comment` is a comment.
        assert_eq!(
            mk("x. End Note and Comment). y"),
            [(CommentEnd, "End Note and Comment")]
        );
        assert_eq!(
            mk("(Note: x. End note.) Comment: y. End Comment."),
            [
                (NoteStart, "Note:"),
                (NoteEnd, "End note."),
                (CommentStart, "Comment:"),
                (CommentEnd, "End Comment.")
            ]
        );
        assert_eq!(
            mk("1. (C) Summary: a. End Summary. 2. b"),
            [(SummaryStart, "Summary:"), (SummaryEnd, "End Summary.")]
        );
        assert_eq!(
            mk("End Comment and Action Request. DOE"),
            [(CommentEnd, "End Comment and Action Request.")]
        );
    }

    #[test]
    fn markers_comment_forms() {
        use Marker::*;
        // Author word, possessive (09ABUDHABI301).
        assert_eq!(
            mk("2. (C) Ambassador’s Comment: x"),
            [(CommentStart, "Ambassador’s Comment:")]
        );
        assert_eq!(
            mk("Ambassador's comment: x"),
            [(CommentStart, "Ambassador's comment:")]
        );
        assert!(mk("the Ambassador's comment: x").is_empty());
        assert!(mk("x. the ambassador’s comment: x").is_empty());
        assert!(mk("He repeated the Minister's comment on the plan").is_empty());
        // After `[` (09DJIBOUTI113).
        assert_eq!(
            mk("of the invented agency.  [COMMENT:"),
            [(CommentStart, "COMMENT:")]
        );
        assert_eq!(mk("x [Note: y]"), [(NoteStart, "Note:")]);
        // The `End Commentg.` typo (06PARIS953).
        assert_eq!(
            mk("what he meant. End Commentg. Then"),
            [(CommentEnd, "End Commentg.")]
        );
        assert!(mk("x. Commentg. y").is_empty());
        assert!(mk("in the end comments. y").is_empty());
        assert!(mk("the end commentary. y").is_empty());
        // `Note and comment` opens a comment.
        assert_eq!(
            mk("summed up. (Note and comment: x"),
            [(CommentStart, "Note and comment:")]
        );
        assert_eq!(
            mk("members. End note and comment.) More"),
            [(CommentEnd, "End note and comment.")]
        );
        // Keyword right after the paragraph number / mark.
        assert_eq!(mk("6. COMMENT. THE X"), [(CommentStart, "COMMENT.")]);
        assert_eq!(mk("1. (C) Summary. The x"), [(SummaryStart, "Summary.")]);
        assert_eq!(mk("1. (C/NF) Summary. x"), [(SummaryStart, "Summary.")]);
        assert_eq!(mk("¶3. Comment- x"), [(CommentStart, "Comment-")]);
        assert_eq!(mk("12. (S) NOTE: x"), [(NoteStart, "NOTE:")]);
        // A bare line-initial `Summary.` is the wrapped half of `End` / `Summary.`.
        assert!(mk("Summary. The rest").is_empty());
        // `31. XXXXXXXXXXXX …` opens paragraph 31.
        assert_eq!(
            ps("31. XXXXXXXXXXXX SECRET//NOFORN"),
            (Some(31), None, "XXXXXXXXXXXX SECRET//NOFORN")
        );
    }

    #[test]
    fn markers_continuation() {
        use Marker::*;
        for (line, want) in [
            (
                "6. (C) COMMENT CONT.: The x",
                (CommentStart, "COMMENT CONT.:"),
            ),
            (
                "14. (C) Comment Cont’d: As x",
                (CommentStart, "Comment Cont’d:"),
            ),
            (
                "2. (C) SUMMARY CONT'D: Both x",
                (SummaryStart, "SUMMARY CONT'D:"),
            ),
            (
                "2. (C/NF) Summary cont. The x",
                (SummaryStart, "Summary cont."),
            ),
            (
                "4. (C) COMMENT CONTINUED.  Its x",
                (CommentStart, "COMMENT CONTINUED."),
            ),
            (
                "5. (C) Comment continued: While",
                (CommentStart, "Comment continued:"),
            ),
            ("2. (C) SUMMARY CONT: On x", (SummaryStart, "SUMMARY CONT:")),
            (
                "13. (C) COMMENT (CONT): x",
                (CommentStart, "COMMENT (CONT):"),
            ),
            (
                "2. (S) SUMMARY (CONT'D): x",
                (SummaryStart, "SUMMARY (CONT'D):"),
            ),
            (
                "2. (S)(Summary continued) Iran",
                (SummaryStart, "Summary continued"),
            ),
            ("COMMENT CONTINUED", (CommentStart, "COMMENT CONTINUED")),
            (
                "Summary continued:  x",
                (SummaryStart, "Summary continued:"),
            ),
        ] {
            assert_eq!(mk(line), [want], "{line:?}");
        }
        // The marker texts tell a continuation from a new section.
        for m in [
            "Comment Cont’d:",
            "COMMENT CONT.:",
            "SUMMARY (CONT'D):",
            "Summary cont.",
            "Summary continued",
            "NOTE CONTINUED:",
        ] {
            assert!(is_continuation_marker(m), "{m:?}");
        }
        for m in [
            "Summary:",
            "Comment.",
            "Embassy comment:",
            "COMMENT",
            "Summary and Comment:",
            "End Comment.",
            "",
            "Comment content:",
        ] {
            assert!(!is_continuation_marker(m), "{m:?}");
        }
        for l in [
            "you should note continued concern",
            "the summary continued to grow.",
            "x. Comment content: y",
            "x. Summary control. y",
            "note\ncontinued",
            "summary continued. The",
        ] {
            assert!(mk(l).is_empty(), "{l:?} gave {:?}", mk(l));
        }
    }

    #[test]
    fn truncation_fragments() {
        for l in [
            "T ONE INVENTED FRAGMENT ON...",
            "l...",
            "...",
            "    ...",
            " ... ",
            "1.  Summary.  On May 5, Minis...",
            "FOOBAR 00000575  001.2 OF 0...",
            "SUBJECT: FREEDONIA: INVENTED ...",
            "cut off here…",
        ] {
            assert!(is_truncation_fragment(l), "{l:?}");
        }
        for l in [
            "", " ", "DOE", "the end.", "wait....", "x.…", "a ... b", "..",
        ] {
            assert!(!is_truncation_fragment(l), "{l:?}");
        }
    }

    #[test]
    fn markers_split_by_wrapping() {
        use Marker::*;
        let sp = |p, l| split_end_marker(p, l).map(|(m, r)| (m, &l[r]));
        assert_eq!(
            sp("the talks went well.  End", "Summary. "),
            Some((SummaryEnd, "Summary."))
        );
        assert_eq!(
            sp("it will not happen. END", "COMMENT."),
            Some((CommentEnd, "COMMENT."))
        );
        assert_eq!(
            sp("x (Note: y. End", "note.) More text"),
            Some((NoteEnd, "note."))
        );
        assert_eq!(
            sp("the talks. BEGIN", "SUMMARY"),
            Some((SummaryStart, "SUMMARY"))
        );
        assert_eq!(
            sp("End", "Summary and Comment. x"),
            Some((SummaryEnd, "Summary and Comment."))
        );
        assert_eq!(sp("the weekend", "Summary. "), None);
        assert_eq!(sp("the end of it", "Summary. "), None);
        assert_eq!(sp("End", "Summaryx"), None);
        assert_eq!(sp("", ""), None);
        // find_markers alone reports nothing for the second half.
        assert!(mk("Summary. ").is_empty());
        assert!(mk("Note.) More text").is_empty());
    }

    #[test]
    fn markers_rejected() {
        for l in [
            "a summary of the talks",
            "He declined to comment.",
            "Note that the minister",
            "Note-taking was banned.",
            "Summary of Conclusions",
            "summary. The rest of the wrapped sentence",
            "the weekend summary",
            "endnote",
            "please note: x",
            "SUBJECT: WEEKLY SUMMARY.",
            "notes: x",
            "commentary: x",
            "Note.) The rest",
            "1. (C) Summary of the talks",
            "1. (C) SUMMARY OF THE TALKS",
            "the and Summary: x",
            "",
        ] {
            assert!(mk(l).is_empty(), "{l:?} gave {:?}", mk(l));
        }
    }

    #[test]
    fn date_lines() {
        assert!(is_date_line("Thursday, 30 November 2000, 14:00"));
        assert!(is_date_line("Friday, 11 December 2009, 10:04 "));
        assert!(is_date_line(" Sunday, 01 May 2005, 00:00"));
        for l in [
            "",
            "Wednesday, 29 Nov 2000, 13:59",
            "Wednesday, 9 November 2000, 13:59",
            "Wednesday, 29 November 00, 13:59",
            "Wednesday, 29 November 2000, 13:59 text",
            "Wednesday, 29 November 2000, 25:59",
            "Wednesday, 29 November 2000, 13:5",
            "Someday, 29 November 2000, 13:59",
            "Wednesday 29 November 2000 13:59",
            "Wednesday, 32 November 2000, 13:59",
        ] {
            assert!(!is_date_line(l), "{l:?}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let lines = [
            "¶",
            "¶ ",
            "1",
            "1.",
            "(",
            "()",
            "( )",
            "(C",
            "1. (",
            "1. (C",
            "’’’’",
            "—",
            "\u{a0}",
            "x OF 123",
            " OF ",
            "00000000 000 OF 000",
            "1 00000000 000 OF 000",
            "PAGE ",
            "PAGE 02 ",
            "End",
            "end ",
            "Summary and",
            "Summary and ",
            "Summary and Comment",
            "[",
            "[x removed",
            "XXXX",
            "x’XXXXX’",
            "é XXXXX é",
            "Ü.",
            "é. ÉÉ",
            "End Text. ’",
            "a. ’É",
            "Summary ",
            "End ",
            "BEGIN ",
            "1. (C) SUMMARY ",
            "1. (C) SUMMARY  ",
            "Note:",
            "x OF 123 ",
            "¶1",
            "PAGE 02 X 00097 01 OF",
            "PAGE 02 X 00097 01 OF 03 ",
            "ROE <br>",
            "<br>",
            " / ",
            "and Summary:",
            " Summary:",
        ];
        for l in lines {
            run_all(l);
        }
    }

    /// Runs every recogniser on `l` and checks that all ranges are valid slices.
    fn run_all(l: &str) {
        let mut r = Vec::new();
        let mut m = Vec::new();
        if let Some(p) = paragraph_start(l) {
            assert!(p.text_start <= l.len());
            assert!(l.is_char_boundary(p.text_start));
            if let Some(x) = p.marking {
                assert!(l.get(x).is_some());
            }
        }
        let _ = is_rule(l);
        if let Some(x) = find_page_break(l) {
            assert!(l.get(x).is_some());
        }
        find_redactions(l, &mut r);
        signature(l, &mut r);
        let _ = is_boilerplate(l);
        find_markers(l, &mut m);
        m.extend(split_end_marker(l, l));
        m.extend(split_end_marker("End", l));
        let _ = is_date_line(l);
        for x in r {
            assert!(l.get(x).is_some());
        }
        for (_, x) in m {
            assert!(l.get(x).is_some());
        }
    }

    #[test]
    fn large_inputs_stay_fast() {
        let inputs = [
            "summary ".repeat(50_000),
            "End Summary. ".repeat(30_000),
            "(Note: x. End note.) ".repeat(20_000),
            "Comment Cont’d: ".repeat(20_000),
            "mm".repeat(200_000),
            "ote".repeat(100_000),
            "x".repeat(400_000),
            "xxxx ".repeat(80_000),
            "[a removed] ".repeat(30_000),
            "0".repeat(400_000),
            "00001234 ".repeat(40_000),
            "FOOBAR 00001234 002 OF 0".repeat(20_000),
            "Ambassador’s ".repeat(30_000),
            " ".repeat(400_000),
        ];
        let t = std::time::Instant::now();
        for s in &inputs {
            run_all(s);
        }
        // Generous bound (debug build, loaded machine): quadratic behaviour would take minutes.
        assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
    }

    /// `find_markers` with the line's text start found up front (every offset
    /// a candidate: `candidate` rejects the others).
    fn eager_markers(l: &str) -> Vec<(Marker, Range<usize>)> {
        let mut m = MarkerScan::new(l);
        m.starts.text_start();
        let mut out = Vec::new();
        for p in 0..l.len() {
            m.candidate(p, &mut out);
        }
        out
    }

    /// Keywords whose start position only the text start tells (after a
    /// paragraph number and mark, not after punctuation): the lazy text start
    /// is found for them.
    #[test]
    fn lazy_text_start_is_found_when_needed() {
        for l in [
            "1.  (C)  SUMMARY  During the visit the minister spoke.",
            "\u{b6} Summary: the talks went on.",
            "\u{b6}3 Comment: none.",
            "1 Note: the vote was close.",
            "2. (SBU) Summary and comment: none.",
        ] {
            let mut lazy = Vec::new();
            find_markers(l, &mut lazy);
            assert_eq!(lazy, eager_markers(l), "{l:?}");
        }
        let mut found = Vec::new();
        find_markers("1.  (C)  SUMMARY  During the visit.", &mut found);
        assert_eq!(found, vec![(Marker::SummaryStart, 9..16)]);
    }

    /// The last line of a text (less than 33 bytes before its end) takes the
    /// vector scan on a padded copy: the finds of `find_inline`, and (with AVX2)
    /// exact answers on serials and keywords; a line too long for the copy
    /// takes the portable scan.
    #[test]
    fn last_line_of_a_text_takes_the_padded_vector_scan() {
        let level = crate::simd::Level::detect();
        let avx2 =
            crate::simd::inline_first(level, &[b' '; 64], 0, 1) != crate::simd::First::Portable;
        let run = |line: &str, tail: &str, from: usize| {
            // (The line after another, so that offsets in the text and in the
            // line differ.)
            let text = format!("2. Note the XXXXX.\n{line}{tail}");
            let (start, end) = (
                text.len() - tail.len() - line.len(),
                text.len() - tail.len(),
            );
            let first = crate::simd::inline_first(level, text.as_bytes(), start, end);
            assert_eq!(first, crate::simd::First::Portable);
            let (mut red, mut mk) = (Vec::new(), Vec::new());
            let scan = find_inline_and_serial(
                level,
                first,
                &text,
                start..end,
                start + from,
                &mut red,
                &mut mk,
            );
            let (mut red2, mut mk2) = (Vec::new(), Vec::new());
            find_inline(line, from, &mut red2, &mut mk2);
            assert_eq!((&red, &mk), (&red2, &mk2), "{line:?} {tail:?}");
            scan
        };
        let line = "3. (C) Summary: the talks went on. End summary.  XXXXXXXXXXXX met the \
                    committee; note the vote. (Comment: none. End comment.) Note: XXXXX";
        for tail in ["", "\n", "\nEND", "\nmment", "\n12345678"] {
            for from in [0, 7, 60] {
                let scan = run(line, tail, from);
                if avx2 {
                    assert_eq!((scan.serial, scan.keyword), (false, true));
                }
            }
            // A candidate in the last two bytes (`com|me`, `n|ote`, `tax|xx`).
            for line in ["the com", "the tax was n", "the tax", "the talks"] {
                let scan = run(line, tail, 0);
                if avx2 {
                    assert_eq!((scan.serial, scan.keyword), (false, false), "{line:?}");
                }
            }
            let scan = run("MEXICO 00001234 002 OF 003", tail, 0);
            assert!(scan.serial);
        }
        let long = format!(
            "{}Comment: XXXXXXXXXXXX said so.",
            "the talks went on. ".repeat(120)
        );
        let scan = run(&long, "\n", 0);
        assert_eq!((scan.serial, scan.keyword), (true, true));
    }

    proptest::proptest! {
        #[test]
        fn no_panic_on_arbitrary_lines(l in "\\PC{0,80}") {
            run_all(&l);
        }

        /// The vector path of `find_inline_and_serial` (where the CPU has AVX2)
        /// finds what the portable `find_inline` finds, in a line inside a text
        /// (its look-ahead reads the next line; the text may end too soon after
        /// the line for the vector scan), and says "no serial" only for a line
        /// without a page break but a print-format page line; a line where the
        /// first look finds nothing has none at all (the tokenizer's plain path).
        #[test]
        fn find_inline_and_serial_equals_find_inline(
            l in "([a-z ]{0,6}(xX|Xxxxx|XXXXX|taxXXXXXX|\\[Name removed\\]|Summary:|End Summary|END COMMENT|Note:|note|Comment\\.|NOTE |mm|ote|noted|Notes|NoTE|footnote|sUmMaRy|End Commentg\\.|comments|2009|12/03/2009|12345678|00000123 002 OF 003|PAGE 02  CAPE T  00123  01 OF 03|PAGE 1 X 123 1 OF 3|MEXICO|[A-Za-z .,:()\\[]{0,9})){0,12}",
            next in "(xX|mm|ote|[a-z ]{0,4}){0,3}",
            pad in 0usize..48,
            cut in 0usize..200,
        ) {
            let mut from = cut.min(l.len());
            while !l.is_char_boundary(from) {
                from -= 1;
            }
            let text = format!("{l}\n{next}{}", " ".repeat(pad));
            let (mut red, mut mk) = (Vec::new(), Vec::new());
            let level = crate::simd::Level::detect();
            let first = crate::simd::inline_first(level, text.as_bytes(), 0, l.len());
            let scan = find_inline_and_serial(
                level,
                first,
                &text,
                0..l.len(),
                from,
                &mut red,
                &mut mk,
            );
            let (mut red2, mut mk2) = (Vec::new(), Vec::new());
            find_inline(&l, from, &mut red2, &mut mk2);
            proptest::prop_assert_eq!(red, red2);
            proptest::prop_assert_eq!(mk, mk2);
            if first == crate::simd::First::Nothing {
                proptest::prop_assert_eq!(find_page_break(&l[from..]), None);
            }
            // Without a serial only a print-format page line is left.
            if !scan.serial {
                proptest::prop_assert_eq!(
                    find_page_break(&l[from..]),
                    find_page_break_hinted(&l[from..], false)
                );
            }
            if !scan.keyword {
                proptest::prop_assert_eq!(split_end_marker("the talks. End", &l[from..]), None);
                proptest::prop_assert_eq!(split_end_marker("the talks. End", &l), None);
            }
        }

        /// The vector scan's keyword test (`simd::section_keyword`) takes every
        /// keyword candidate the marker search takes, and every keyword a split
        /// end marker may open a part of the line with.
        #[test]
        fn section_keyword_takes_every_keyword(
            l in "([a-z .:]{0,4}(summary|Summary|SUMMARYs|sUmMaRy|comment|Commentg\\.|Commentgs|COMMENTS\\.|note|NoTE|Notes|noted|footnote|mm|ote|[A-Za-z0-9]{0,3})){0,10}",
        ) {
            let b = l.as_bytes();
            for p in 0..b.len() {
                if keyword_candidate(b, p).is_some() {
                    proptest::prop_assert!(crate::simd::section_keyword(b, 0, b.len(), p), "{} {}", l, p);
                }
                if let Some((kw, _)) = keyword_at(b, p) {
                    let at = p + if kw == b'n' { 1 } else { 2 };
                    proptest::prop_assert!(crate::simd::section_keyword(b, 0, b.len(), at), "{} {}", l, p);
                }
            }
        }

        /// A print-format page line has a digit with a digit two bytes on (its
        /// serial has three digits or more), so the inline scan's first look
        /// never says "nothing" on a line holding one (the tokenizer then
        /// looks for no page break).
        #[test]
        fn print_page_lines_are_never_nothing_to_the_first_look(
            l in "[ \t]{0,2}PAGE [0-9]{1,3} {0,2}[A-Za-z][A-Za-z ]{0,16}[0-9]{1,9} {0,2}[0-9]{1,3} OF [0-9]{1,3}( {1,2}[0-9]{6}Z)?[ .a-z]{0,3}",
        ) {
            let text = format!("{l}\n{}", " ".repeat(40));
            let level = crate::simd::Level::detect();
            let first = crate::simd::inline_first(level, text.as_bytes(), 0, l.len());
            // (The pattern makes page lines: one with its shortest serial.)
            proptest::prop_assert!(find_page_break_hinted("PAGE 1 X 123 1 OF 3", false).is_some());
            if find_page_break_hinted(&l, false).is_some() {
                proptest::prop_assert_ne!(first, crate::simd::First::Nothing);
            }
        }

        /// `serial_may_open` lets every marker at the start of a line through.
        #[test]
        fn serial_may_open_equals_the_full_search_at_the_start(
            l in "([A-Z][A-Za-z]{0,10}( [A-Z][a-z]{0,3}){0,2}|[a-z ]{0,12}| {0,2}PAGE [0-9]{1,2} {1,2}[A-Z]{1,6}) {1,3}([0-9]{8}|[0-9]{8}|[0-9]{8}|[0-9]{5,9}) {1,2}([0-9]{3}|[0-9]{3}|[0-9]{1,3})(\\.[0-9]{1,2})? (OF|of) 0[0-9]{2}( {1,2}[0-9]{6}Z)?[ A-Za-z0-9:]{0,6}",
        ) {
            check_serial_may_open(&l);
        }

        /// `find_page_break_in` on a line of a text is `find_page_break_hinted`
        /// on the line.
        #[test]
        fn find_page_break_in_equals_hinted(
            pre in "[a-z P\n]{0,4}",
            l in "( |P|PAGE 02  CAPE T  00123  01 OF 03|MEXICO 00001234 002 OF 003|[A-Za-z0-9 ]{0,12}){0,3}",
            post in "[a-z P\n]{0,4}",
            serial in proptest::bool::ANY,
        ) {
            let text = format!("{pre}{l}{post}");
            let r = pre.len()..pre.len() + l.len();
            proptest::prop_assert_eq!(
                find_page_break_in(&text, r, serial),
                find_page_break_hinted(&l, serial)
            );
        }

        /// The marker search finds the text start after a paragraph number on
        /// first need: it finds what it finds with the text start known up front.
        #[test]
        fn lazy_text_start_equals_eager(
            l in r"[ \t]{0,2}(1\. |1 |12\) |\(C\) |1\.  \(SBU\)  |\u{b6} |\u{b6}3\. |A\. |- )?(SUMMARY  During|Summary:|Summary|Comment\.|note:|Note |End note|COMMENT CONT'D:|Embassy comment:|[a-z]{1,4}|[ .,:()\u{a0}]){0,6}",
        ) {
            let mut lazy = Vec::new();
            find_markers(&l, &mut lazy);
            proptest::prop_assert_eq!(lazy, eager_markers(&l));
        }

        /// The one-scan `find_inline` finds what the two finders find separately.
        #[test]
        fn find_inline_equals_separate_finders(
            l in "([a-z ]{0,6}(xX|Xxxxx|XXXXX|xxxxxxx|taxXXXXXX|\\[Name removed\\]|\\[x|Summary:|End Summary|END COMMENT|Note:|note|mm|ote|Comment\\.|\u{2019}|\u{a0}|[A-Za-z .,:()\\[]{0,9})){0,12}",
            cut in 0usize..200,
        ) {
            let mut from = cut.min(l.len());
            while !l.is_char_boundary(from) {
                from -= 1;
            }
            let (mut red, mut mk) = (Vec::new(), Vec::new());
            find_inline(&l, from, &mut red, &mut mk);
            let (mut red2, mut mk2) = (Vec::new(), Vec::new());
            find_redactions(&l[from..], &mut red2);
            find_markers(&l, &mut mk2);
            let red2: Vec<_> = red2.into_iter().map(|r| r.start + from..r.end + from).collect();
            proptest::prop_assert_eq!(red, red2);
            proptest::prop_assert_eq!(mk, mk2);
        }

        #[test]
        fn no_panic_on_cable_like_lines(
            l in "[ \u{a0}¶]{0,2}[0-9]{0,3}[.)]?[ ]{0,2}[(]?[A-Za-z/ ,\\-]{0,12}[)]?[ .:’”XxSsCcNnEe(\\-]{0,6}(Summary|END|Note|OF|00000123| )?[ .:’”XxSsCcNnEe(\\-]{0,6}"
        ) {
            run_all(&l);
        }
    }

    // -----------------------------------------------------------------------
    // Corpus test
    // -----------------------------------------------------------------------

    #[test]
    fn corpus_sample() {
        let Some(rows) = crate::testutil::sample_csv_rows() else {
            return;
        };
        let mut cables = 0usize;
        let mut pb_total = 0usize;
        let mut pb_cables = 0usize;
        let mut pb_serial_ok = 0usize;
        let mut pb_embedded = 0usize;
        let mut para_cables = 0usize;
        let mut para_starts = 0usize;
        let mut numbered_anywhere = 0usize;
        let mut sig_cables = 0usize;
        let mut red_total = 0usize;
        let mut red_cables = 0usize;
        let mut rules = 0usize;
        let mut date_lines = 0usize;
        let mut marker_counts = std::collections::HashMap::new();
        let mut summary_pairs = 0usize;
        let mut summary_ends = 0usize;
        let mut no_sig = Vec::new();
        let mut bad_serial = Vec::new();
        let mut ranges = Vec::new();
        let mut markers = Vec::new();
        let mut bytes = 0usize;
        for row in &rows {
            if row.len() < 8 {
                continue;
            }
            cables += 1;
            let refid = row[2].as_str();
            let body = row[7].as_str();
            bytes += body.len();
            // Refid serial: trailing digits, last 4, zero-padded.
            let digits: String = refid
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect();
            let digits: String = digits.chars().rev().collect();
            let want = format!("{:0>4}", &digits[digits.len().saturating_sub(4)..]);
            let (mut has_pb, mut has_para, mut has_red) = (false, false, false);
            let mut any_numbered = false;
            let (mut has_ss, mut has_se) = (false, false);
            let mut prev_blank = true;
            let mut prev_line = "";
            let mut last_line = "";
            for line in body.split('\n') {
                let blank = line.trim().is_empty();
                // Page breaks (all markers in the line).
                let mut from = 0;
                while let Some(r) = find_page_break(&line[from..]) {
                    let r = (r.start + from)..(r.end + from);
                    pb_total += 1;
                    has_pb = true;
                    let m = &line[r.clone()];
                    if line[..r.start].trim().len() + line[r.end..].trim().len() > 0 {
                        pb_embedded += 1;
                    }
                    // The 8-digit serial (or the print form's 5 digits).
                    let serial = m
                        .split(' ')
                        .find(|t| t.len() >= 5 && t.bytes().all(|c| c.is_ascii_digit()))
                        .unwrap_or("");
                    if serial.ends_with(&want) {
                        pb_serial_ok += 1;
                    } else {
                        bad_serial.push(format!("{refid}: {m}"));
                    }
                    from = r.end;
                }
                if let Some(p) = paragraph_start(line) {
                    // As in format.md §5.11: after a blank line, or the first paragraph.
                    if p.number.is_some_and(|n| prev_blank || n == 1) {
                        has_para = true;
                        para_starts += 1;
                    }
                    any_numbered |= p.number.is_some();
                }
                ranges.clear();
                find_redactions(line, &mut ranges);
                if !ranges.is_empty() {
                    has_red = true;
                    red_total += ranges.len();
                }
                rules += usize::from(is_rule(line));
                date_lines += usize::from(is_date_line(line));
                markers.clear();
                find_markers(line, &mut markers);
                markers.extend(split_end_marker(prev_line, line));
                for (m, _) in &markers {
                    *marker_counts.entry(*m).or_insert(0usize) += 1;
                    has_ss |= *m == Marker::SummaryStart;
                    has_se |= *m == Marker::SummaryEnd;
                }
                let own_pb = find_page_break(line).is_some_and(|r| {
                    line[..r.start].trim().is_empty() && line[r.end..].trim().is_empty()
                });
                if !blank && !own_pb && !is_boilerplate(line) {
                    last_line = line;
                }
                prev_blank = blank;
                prev_line = line;
            }
            if !has_para {
                println!(
                    "  no numbered paragraph: {refid} (numbered line anywhere: {any_numbered})"
                );
            }
            numbered_anywhere += usize::from(any_numbered);
            pb_cables += usize::from(has_pb);
            para_cables += usize::from(has_para);
            red_cables += usize::from(has_red);
            summary_pairs += usize::from(has_ss && has_se);
            summary_ends += usize::from(has_se);
            ranges.clear();
            signature(last_line, &mut ranges);
            if ranges.is_empty() {
                let tail: String = last_line
                    .chars()
                    .rev()
                    .take(60)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                no_sig.push(format!("{refid}: {tail}"));
            } else {
                sig_cables += 1;
            }
        }
        let pct = |n: usize| 100.0 * n as f64 / cables.max(1) as f64;
        println!("cables: {cables} ({bytes} body bytes)");
        println!(
            "page breaks: {pb_total} in {pb_cables} cables ({pb_embedded} embedded); serial matches refid: {pb_serial_ok}/{pb_total}"
        );
        for b in &bad_serial {
            println!("  serial mismatch: {b}");
        }
        println!(
            "numbered paragraph starts (after a blank line or number 1): {para_starts}; cables with one: {para_cables} ({:.1}%); with a numbered line anywhere: {numbered_anywhere} ({:.1}%)",
            pct(para_cables),
            pct(numbered_anywhere)
        );
        println!("signatures: {sig_cables} cables ({:.1}%)", pct(sig_cables));
        for s in &no_sig {
            println!("  no signature: {s}");
        }
        println!("redactions: {red_total} in {red_cables} cables; rules: {rules}; date lines: {date_lines}");
        let mut mc: Vec<_> = marker_counts.into_iter().collect();
        mc.sort_by_key(|(m, _)| format!("{m:?}"));
        println!(
            "markers: {mc:?}; cables with an end summary: {summary_ends}, with summary start+end: {summary_pairs}"
        );
        assert!(cables >= 700, "only {cables} cables parsed");
        assert!(pb_total >= 800, "page breaks {pb_total}");
        assert!(
            pb_serial_ok * 100 >= pb_total * 99,
            "serials {pb_serial_ok}/{pb_total}"
        );
        assert!(
            para_cables * 100 >= cables * 98,
            "paragraphs {para_cables}/{cables}"
        );
        assert!(
            sig_cables * 100 >= cables * 85,
            "signatures {sig_cables}/{cables}"
        );
    }

    /// The scraped blog page (format.md §7): page breaks, `¶` paragraphs,
    /// em-dash rules and the signatures at the documented cable ends.
    #[test]
    fn corpus_seed() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/corpus/seed/mexico-city-cables.txt"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            println!("skipped: {path} not found");
            return;
        };
        let lines: Vec<&str> = text.split('\n').collect();
        let breaks: Vec<usize> = (0..lines.len())
            .filter(|&i| find_page_break(lines[i]).is_some())
            .map(|i| i + 1)
            .collect();
        println!("seed page breaks on lines {breaks:?}");
        // format.md §7.3: 640, 724, 926, 1123, 1204, 1284, 1365, 1409, 1425, 1859.
        assert_eq!(
            breaks,
            [640, 724, 926, 1123, 1204, 1284, 1365, 1409, 1425, 1859]
        );
        let pilcrow_paras = lines
            .iter()
            .filter(|l| l.starts_with('¶'))
            .filter(|l| paragraph_start(l).is_some_and(|p| p.number.is_some()))
            .count();
        let pilcrow_refs = lines
            .iter()
            .filter(|l| l.starts_with('¶') && paragraph_start(l).is_none())
            .count();
        let em_rules = lines
            .iter()
            .filter(|l| l.contains('—') && is_rule(l))
            .count();
        println!("seed: ¶ paragraphs {pilcrow_paras}, ¶ REF letters {pilcrow_refs}, em-dash rules {em_rules}");
        assert_eq!(pilcrow_paras + pilcrow_refs, 43);
        assert_eq!(pilcrow_refs, 5);
        assert!(em_rules >= 20, "em-dash rules {em_rules}");
        // §7.3: the end markers of the cables that have a signature.
        for n in [183, 248, 350, 419, 525, 728, 1012, 1782, 1866, 1976] {
            let mut v = Vec::new();
            signature(lines[n - 1], &mut v);
            assert_eq!(v.len(), 1, "line {n}: {:?}", lines[n - 1]);
        }
    }
}
