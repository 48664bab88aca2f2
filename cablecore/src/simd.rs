//! The inline scan of a free-text line with AVX2: where the first redaction
//! and keyword candidates are, and whether a page-break serial may be there.
//!
//! The scan ([`inline_first`], then [`inline_found`] on the few lines where
//! the first finds something) answers, for the line `text[start..end]`, in one
//! pass of 32-byte chunks turned into lane bitmaps with vector compares and
//! `movemask`:
//!
//! - `red`: the first offset at or after `from` where a redaction may start
//!   (an `x` with an `x` two bytes on, any case, or a `[`);
//! - `kw`: the first offset where a keyword candidate starts: the `mm` of a
//!   word `summary` or `comment`, the `ote` of a word `note` (any case; see
//!   [`section_keyword`]), every one of them handed in order to a visitor (the
//!   marker search) in the same pass;
//! - `digits8`: whether the line holds a run of at least eight ASCII digits (a
//!   page-break serial has exactly eight; without such a run there is none).
//!
//! Most lines have none of these: a lean first pass (`avx2::first`) makes one
//! combined lane test per chunk (no bitmaps, no state; a line's last chunk is
//! its last 32 bytes, overlapping the chunk before; the lanes come from two
//! nibble-table lookups per byte, `avx2::starts`), and only a line with
//! something goes on to the exact pass (`avx2::found`) from the chunk where it
//! is. The lanes are looser than the definitions: a digit with a digit two
//! bytes on (a run of eight starts with such a pair; paragraph numbers and
//! single figures are none), and `mma`, `mme`, `ote` for the keywords. The
//! first pass checks each lane it meets in the line's bytes (a digit run's
//! length; the keyword word around an `mm` or `ote`, [`section_keyword`]):
//! a line with nothing but years and dates (`2009`, `12/03/2009`) and
//! look-alike words (`noted`, `vote`, `potential`, `commercial`, `comments`,
//! `immediately`) is [`First::Nothing`] (or [`First::Figures`]) without the
//! exact pass (on the real sample 7,500 of the 11,900 free-text lines with a
//! lane). The exact pass starts at the chunk of the first lane that holds:
//! none before it counts (a digit run from before it is shorter than eight).
//!
//! The portable scan in `fields::body` (`find_inline`) stays the reference and
//! the fallback on machines without AVX2 and for the last line or two of a
//! text (whose chunks would read past its end). It takes every `mm` for a
//! keyword candidate: the extra ones (`committee`, `noted`) are no keyword,
//! as the marker search finds out: it takes only what [`section_keyword`]
//! takes (a test in `fields::body` checks it). The look-ahead of the last two
//! offsets reads the bytes after the line (the portable scan reads zeros
//! there, or does not visit them): a candidate found there only is rejected
//! by the finders, which read only the line. So both find exactly the same
//! things; property tests check it.
//!
//! [`newline`] finds a line's end the same way, 64 bytes a step. Both take a
//! [`Level`], the CPU test made once per tokenizer.
//!
//! [`field_scan`] is the CSV row scan's search for the next `"` not escaped
//! (stepping over the `\"` and `\\` escapes), which also counts the line breaks
//! and validates the UTF-8 on the way (so the reader need not go over the row
//! again for its line count nor run a UTF-8 validator over it).
//!
//! [`first_x_or_bracket`] is `memchr3` for the short searches of the redaction
//! finder, with SSE2 (part of x86-64, so without a [`Level`]). [`ws_stop`] finds,
//! in one pass, where the whitespace collapse of summary and comment text must
//! stop copying; [`collapse_runs`] is that collapse itself, a 32-byte block at
//! a time.
//!
//! This is one of the two modules of the crate with `unsafe` code (the other,
//! `container::csv`, takes a row that [`field_scan`] found valid UTF-8 for a
//! `str`): the calls into the AVX2 functions (made only through a [`Level`],
//! which only `is_x86_feature_detected!` can make say AVX2) and the SSE2 one,
//! and their unaligned loads (each reads 32 or 16 bytes inside the text,
//! checked before the loop), and `collapse_runs`' stores into its output
//! (each inside the capacity: the output never outgrows the input read) and
//! its taking of that output, whole characters of a `str`, for a `String`.

/// The first candidates of a line that has some, as found by the inline scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hints {
    /// First redaction candidate at or after `from`.
    pub red: Option<usize>,
    /// First keyword candidate ([`section_keyword`]).
    pub kw: Option<usize>,
    /// The line holds a run of at least eight ASCII digits.
    pub digits8: bool,
}

/// What the inline scan says about a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scan {
    /// No candidate and no run of eight digits (most lines).
    Nothing,
    /// Something to look at (a `Hints` with nothing in it is `Nothing`).
    Found(Hints),
    /// The vector scan did not run (no AVX2, or the line ends less than 33
    /// bytes before the end of the text): the caller runs the portable scan.
    Portable,
}

/// The lean first look at the line `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum First {
    /// No candidate, no run of eight digits and no digit with a digit two
    /// bytes on (most lines).
    Nothing,
    /// No candidate and no run of eight digits, but a digit with a digit two
    /// bytes on (a year, a date: a print-format page line may be there).
    Figures,
    /// Something is in the line from this chunk on: [`inline_found`] tells.
    At(Chunk),
    /// As [`Scan::Portable`].
    Portable,
}

/// Where [`inline_first`] found something in a line (only it makes one, and
/// only on a CPU with AVX2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chunk(usize);

/// The first step of the inline scan: whether the line `text[start..end]` has
/// nothing (most lines), cheaply. Needs `start <= end <= text.len()`.
#[inline]
pub(crate) fn inline_first(level: Level, text: &[u8], start: usize, end: usize) -> First {
    #[cfg(target_arch = "x86_64")]
    {
        if level.avx2 {
            // SAFETY: the CPU has AVX2 (`level` says so, and only
            // `Level::detect` can make a `Level` that does).
            #[allow(unsafe_code)]
            return unsafe { avx2::first(text, start, end) };
        }
    }
    let _ = (level, text, start, end);
    First::Portable
}

/// The second step of the inline scan, on the line `text[start..end]` from
/// the chunk `at` that [`inline_first`] found in it (redaction candidates from
/// `from` on, `from <= end`). Calls `visit` with every keyword candidate of the
/// line (as in [`Hints::kw`]), in order, and with no other offset.
pub(crate) fn inline_found(
    at: Chunk,
    text: &[u8],
    start: usize,
    end: usize,
    from: usize,
    visit: &mut dyn FnMut(usize),
) -> Scan {
    #[cfg(target_arch = "x86_64")]
    {
        // (What `first` checked, should `at` come from another line.)
        if start <= at.0 && at.0 < end && text.len().saturating_sub(end) >= 33 {
            // SAFETY: the CPU has AVX2 (only `avx2::first` makes a `Chunk`);
            // `at.0 < end` and `end + 33 <= text.len()` as `found` needs.
            #[allow(unsafe_code)]
            return unsafe { avx2::found(text, start, at.0, end, from, visit) };
        }
    }
    let _ = (at, text, start, end, from, visit);
    Scan::Portable
}

/// [`inline_first`] with its former lane compares (`avx2::first_by_lanes`),
/// the reference for its table lookups.
#[cfg(test)]
fn inline_first_by_lanes(level: Level, text: &[u8], start: usize, end: usize) -> First {
    #[cfg(target_arch = "x86_64")]
    {
        if level.avx2 {
            // SAFETY: as in `inline_first`.
            #[allow(unsafe_code)]
            return unsafe { avx2::first_by_lanes(text, start, end) };
        }
    }
    let _ = (level, text, start, end);
    First::Portable
}

/// The hints for the line `text[start..end]` (redaction candidates from `from`
/// on; offsets absolute), both steps in one. Needs `start <= from <= end <=
/// text.len()`. Unless the answer is [`Scan::Portable`], `visit` has been
/// called with every keyword candidate of the line (as in [`Hints::kw`]), in
/// order, and with no other offset; else not at all.
#[cfg(test)]
pub(crate) fn inline_hints(
    level: Level,
    text: &[u8],
    start: usize,
    end: usize,
    from: usize,
    visit: &mut dyn FnMut(usize),
) -> Scan {
    match inline_first(level, text, start, end) {
        First::Nothing | First::Figures => Scan::Nothing,
        First::At(at) => inline_found(at, text, start, end, from, visit),
        First::Portable => Scan::Portable,
    }
}

/// Whether the keyword lane at `p` (an `mm` then `a` or `e`, or an `ote`, any
/// case) of the line `text[start..end]` is the `mm` of the word `summary` or
/// `comment`, or the `ote` of `note`, any case, in the line, ending before a
/// byte other than an ASCII letter, or (`summary`, `comment`) before a letter
/// other than `s` and a `.` (the typo `End Commentg.`). Every keyword the
/// marker search takes (`fields::body::keyword_candidate`, which also wants
/// no letter or digit before the word) and every one a split end marker may
/// open a part of the line with (`split_end_marker`: any case, `NoTE`) is
/// one; tests there check both. (`noted`, `vote`, `potential`, `comments`,
/// `commercial` are none.) Needs `p < end <= text.len()`.
#[inline]
pub(crate) fn section_keyword(text: &[u8], start: usize, end: usize, p: usize) -> bool {
    // Where the word starts (`su|mm|ary`, `co|mm|ent`, `n|ote`) and its length.
    let mm = text[p] | 0x20 == b'm';
    let (back, len) = if mm { (2, 7) } else { (1, 4) };
    let Some(s) = p
        .checked_sub(back)
        .filter(|&s| s >= start && s + len <= end)
    else {
        return false;
    };
    // Its bytes in lower case (`| 0x20` lowers a letter and makes no other
    // byte one) as a little-endian number: one load where 8 bytes are there
    // (always, on the vector scan's lines).
    let lower = match text.get(s..).and_then(<[u8]>::first_chunk::<8>) {
        Some(w) => u64::from_le_bytes(*w),
        None => text[s..s + len]
            .iter()
            .rev()
            .fold(0, |x, &c| (x << 8) | u64::from(c)),
    } | 0x2020_2020_2020_2020;
    let word = |w: &[u8; 8]| u64::from_le_bytes(*w);
    let is_word = if mm {
        let w = lower & 0x00FF_FFFF_FFFF_FFFF;
        w == word(b"summary\0") || w == word(b"comment\0")
    } else {
        lower & 0xFFFF_FFFF == word(b"note\0\0\0\0")
    };
    let b = &text[..end];
    is_word
        && match b.get(s + len) {
            Some(c) if c.is_ascii_alphabetic() => {
                mm && c | 0x20 != b's' && b.get(s + len + 1) == Some(&b'.')
            }
            _ => true,
        }
}

/// The vector instructions of this machine, found once by [`Level::detect`] (per
/// tokenizer) and handed to the scans below, which then need not ask the CPU on
/// every call (`is_x86_feature_detected!` costs a few instructions each time, and
/// these scans run about twice a line).
///
/// The field is private: a `Level` saying AVX2 can only come from `detect`, so
/// the scans may rely on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Level {
    avx2: bool,
    /// AVX2 and `popcnt` (every AVX2 CPU has it; [`field_scan`] counts with it).
    avx2_popcnt: bool,
}

impl Level {
    /// What this machine offers.
    pub(crate) fn detect() -> Self {
        #[cfg(target_arch = "x86_64")]
        let avx2 = std::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        let avx2 = false;
        #[cfg(target_arch = "x86_64")]
        let avx2_popcnt = avx2 && std::is_x86_feature_detected!("popcnt");
        #[cfg(not(target_arch = "x86_64"))]
        let avx2_popcnt = false;
        Level { avx2, avx2_popcnt }
    }

    /// No vector instructions: the portable paths (for tests).
    #[cfg(test)]
    pub(crate) const PORTABLE: Level = Level {
        avx2: false,
        avx2_popcnt: false,
    };
}

/// What [`field_scan`] found in `text[from..]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quote {
    /// Offset of the first `"` not escaped at or after `from`, or of a `\` that
    /// is the last byte of the text.
    pub at: Option<usize>,
    /// Number of `\n` in the bytes scanned: `text[from..at]` (to the end of the
    /// text when there is no quote).
    pub lines: u64,
    /// Whether those bytes are valid UTF-8 (`false` also when they end inside
    /// a character: the rest of it may come with more input).
    pub utf8: bool,
}

/// The next `"` of a CSV field at or after `from` that no backslash escapes,
/// with the line count and the UTF-8 check of the bytes before it, in one pass
/// (the CSV row scan, which then need not count the row's lines nor validate
/// it again). The `\"` and `\\` escapes on the way are stepped over and the
/// offsets of their backslashes pushed to `escapes` (a row has a dozen:
/// stepping over them in the vector loop saves a call and a restart of the
/// scan for each); a `\` before any other byte is text. A `\` that is the last
/// byte of the text is a stop (what it escapes is not known yet). With AVX2,
/// 64 bytes a step, and each run of non-ASCII bytes validated on its own (a
/// run is between ASCII bytes, so the text is valid if every run is; real
/// cables have a few `’` or NBSP in some of their lines); the last bytes of
/// the text and other machines go through `memchr` and a validator.
///
/// `text` must be at most `u32::MAX` bytes long (escapes are `u32` offsets).
#[inline]
pub(crate) fn field_scan(level: Level, text: &[u8], from: usize, escapes: &mut Vec<u32>) -> Quote {
    debug_assert!(u32::try_from(text.len()).is_ok());
    #[cfg(target_arch = "x86_64")]
    {
        if level.avx2_popcnt {
            // SAFETY: the CPU has AVX2 and popcnt (`level` says so, and only
            // `Level::detect` can make a `Level` that does).
            #[allow(unsafe_code)]
            return unsafe { avx2::field_scan(text, from, escapes) };
        }
    }
    let _ = level;
    field_scan_portable(text, from, escapes)
}

/// [`field_scan`] without vectors (also the tail of the vector scan).
fn field_scan_portable(text: &[u8], from: usize, escapes: &mut Vec<u32>) -> Quote {
    let rest = text.get(from..).unwrap_or_default();
    let mut j = 0;
    let at = loop {
        let Some(k) = memchr::memchr2(b'"', b'\\', &rest[j..]) else {
            break None;
        };
        let q = j + k;
        if rest[q] == b'"' {
            break Some(q);
        }
        match rest.get(q + 1) {
            Some(b'"' | b'\\') => {
                escapes.push((from + q) as u32);
                j = q + 2;
            }
            Some(_) => j = q + 1,
            None => break Some(q),
        }
    };
    let seen = rest.get(..at.unwrap_or(rest.len())).unwrap_or_default();
    Quote {
        at: at.map(|k| from + k),
        lines: memchr::memchr_iter(b'\n', seen).count() as u64,
        utf8: simdutf8::basic::from_utf8(seen).is_ok(),
    }
}

/// The end of the run of non-ASCII bytes at `text[at..]` (`text[at] >= 0x80`):
/// the offset of the next ASCII byte (or of the end of the text), and whether
/// the run is valid UTF-8. (The bytes around a run are ASCII: the text is valid
/// UTF-8 where its runs are.) A run is a character or two: the sequences are
/// checked here as `std::str::from_utf8` does (Unicode Table 3-7), at a fifth
/// of the cost of a call to it.
#[cfg(target_arch = "x86_64")]
#[inline]
fn utf8_run(text: &[u8], at: usize) -> (usize, bool) {
    let mut i = at;
    let mut ok = true;
    while let Some(&lead) = text.get(i) {
        if lead < 0x80 {
            break;
        }
        // The length of the sequence and the range of its second byte.
        let (len, lo, hi) = match lead {
            0xC2..=0xDF => (2, 0x80, 0xBF),
            0xE0 => (3, 0xA0, 0xBF),
            0xED => (3, 0x80, 0x9F),
            0xE1..=0xEF => (3, 0x80, 0xBF),
            0xF0 => (4, 0x90, 0xBF),
            0xF4 => (4, 0x80, 0x8F),
            0xF1..=0xF3 => (4, 0x80, 0xBF),
            _ => (0, 0, 0),
        };
        let valid = text.get(i + 1..i + len).is_some_and(|rest| {
            (lo..=hi).contains(&rest[0]) && rest[1..].iter().all(|&c| c & 0xC0 == 0x80)
        });
        if valid {
            i += len;
        } else {
            // (The rest of the run is stepped over a byte at a time.)
            ok = false;
            i += 1;
        }
    }
    (i, ok)
}

/// Offset of the first `\n` in `text` at or after `start`. With AVX2, 64 bytes
/// a step (a line is a few dozen bytes: `memchr`'s set-up costs more than the
/// search); `memchr` for the last bytes of the text and on other machines.
#[inline]
pub(crate) fn newline(level: Level, text: &[u8], start: usize) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    {
        if level.avx2 {
            // SAFETY: the CPU has AVX2 (`level` says so, and only
            // `Level::detect` can make a `Level` that does).
            #[allow(unsafe_code)]
            return unsafe { avx2::newline(text, start) };
        }
    }
    let _ = level;
    memchr::memchr(b'\n', text.get(start..)?).map(|k| start + k)
}

/// Offset of the first byte at or after `start` where the whitespace collapse
/// of the summary and comment text must stop copying (`text.len()` when there
/// is none): a `\n`, `\r`, `\t`, a `0xC2` (the lead byte of an NBSP, or of
/// another character), or a space followed by a space. With AVX2, 32 bytes a
/// step: one pass for all of them, where a line-end search, `memchr3` and a
/// `memmem` for the double space each went over the text; a byte loop for the
/// last 32 bytes and on other machines.
#[inline]
pub(crate) fn ws_stop(level: Level, text: &[u8], start: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        if level.avx2 {
            // SAFETY: the CPU has AVX2 (`level` says so, and only
            // `Level::detect` can make a `Level` that does).
            #[allow(unsafe_code)]
            return unsafe { avx2::ws_stop(text, start) };
        }
    }
    let _ = level;
    ws_stop_portable(text, start)
}

/// [`ws_stop`] without vectors (also the tail of the vector scan).
fn ws_stop_portable(text: &[u8], start: usize) -> usize {
    (start..text.len())
        .find(|&i| match text[i] {
            b'\n' | b'\r' | b'\t' | 0xC2 => true,
            b' ' => text.get(i + 1) == Some(&b' '),
            _ => false,
        })
        .unwrap_or(text.len())
}

/// The whitespace collapse of [`mod@crate::parse`]'s summary and comment text on a
/// CPU with AVX2 (`None` on others, which take the general path): `s` with
/// every run of whitespace that a stop of [`ws_stop`] opens (ASCII blanks and
/// NBSPs from there on) turned into one space, or into nothing at the end; a
/// `0xC2` that starts another character than NBSP is copied. Each 32 bytes are
/// stored to the output as they are and kept up to their first stop, so the
/// text between stops costs one vector step a block and a stop no search or
/// copy call of its own.
#[inline]
pub(crate) fn collapse_runs(level: Level, s: &str) -> Option<String> {
    #[cfg(target_arch = "x86_64")]
    {
        if level.avx2 {
            // SAFETY: the CPU has AVX2 (`level` says so, and only
            // `Level::detect` can make a `Level` that does).
            #[allow(unsafe_code)]
            return Some(unsafe { avx2::collapse_runs(s) });
        }
    }
    let _ = (level, s);
    None
}

/// The first `x`, `X` or `[` of `b` (`memchr::memchr3`'s answer), where a
/// redaction may start: for the short searches of `find_redactions` (the
/// builder's header and preamble lines, a few dozen bytes, almost all without
/// any; the text between a line's redaction candidates), on which `memchr`'s
/// set-up costs more than the search. With SSE2 (every x86-64 CPU has it), 16
/// bytes a step (the last 16 bytes overlap the step before; 8 to 15 bytes take
/// one step of their first and last eight); a byte loop below 8 bytes;
/// `memchr3` on other machines.
#[inline]
pub(crate) fn first_x_or_bracket(b: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    {
        if b.len() >= 8 {
            // SAFETY: every x86-64 CPU has SSE2.
            #[allow(unsafe_code)]
            return unsafe { sse2::first_x_or_bracket(b) };
        }
        b.iter().position(|&c| (c | 0x20 == b'x') | (c == b'['))
    }
    #[cfg(not(target_arch = "x86_64"))]
    memchr::memchr3(b'X', b'x', b'[', b)
}

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod sse2 {
    use std::arch::x86_64::*;

    /// [`super::first_x_or_bracket`] of `b` (at least 8 bytes long).
    #[target_feature(enable = "sse2")]
    pub(super) fn first_x_or_bracket(b: &[u8]) -> Option<usize> {
        let n = b.len();
        // The lanes of the 16 bytes `v` that are an `x`, `X` or `[`.
        let hits = |v: __m128i| {
            let x = _mm_cmpeq_epi8(
                _mm_or_si128(v, _mm_set1_epi8(0x20)),
                _mm_set1_epi8(b'x' as i8),
            );
            let bracket = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'[' as i8));
            _mm_movemask_epi8(_mm_or_si128(x, bracket)) as u32
        };
        if n < 16 {
            // The first eight bytes in lanes 0-7, the last eight (`n - 8..`,
            // overlapping them) in lanes 8-15.
            let eight = |i: usize| {
                b.get(i..i + 8)
                    .and_then(|w| <[u8; 8]>::try_from(w).ok())
                    .map_or(0, i64::from_le_bytes)
            };
            let m = hits(_mm_set_epi64x(eight(n - 8), eight(0)));
            return match m.trailing_zeros() as usize {
                16.. => None,
                k @ 0..8 => Some(k),
                k => Some(n + k - 16),
            };
        }
        // The lanes of the 16 bytes at `i`.
        let lanes = |i: usize| {
            // SAFETY: `i + 16 <= n` at every call below: the load reads inside
            // `b`; `loadu` needs no alignment.
            hits(unsafe { _mm_loadu_si128(b.as_ptr().add(i).cast()) })
        };
        let mut i = 0;
        while i + 16 < n {
            let m = lanes(i);
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 16;
        }
        // The last 16 bytes (the lanes before `i` had none).
        let m = lanes(n - 16);
        (m != 0).then(|| n - 16 + m.trailing_zeros() as usize)
    }
}

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod avx2 {
    use super::{Chunk, First, Hints, Quote, Scan};
    use std::arch::x86_64::*;

    /// The lanes of a 32-byte chunk, one byte per offset (`0xFF` where it holds).
    struct Lanes {
        red: __m256i,
        kw: __m256i,
        digit: __m256i,
        /// A digit with a digit two bytes on (the look-ahead for the last two;
        /// [`starts`] has them for `first`).
        #[cfg(test)]
        digit_pair: __m256i,
    }

    /// The lanes of the chunk at `p`; the two bytes after it are the look-ahead
    /// of the three-byte candidates.
    ///
    /// # Safety
    ///
    /// The 34 bytes from `p` on must be readable.
    #[target_feature(enable = "avx2")]
    #[inline]
    unsafe fn lanes(p: *const u8) -> Lanes {
        // SAFETY: each load reads 32 bytes from `p`, `p + 1` or `p + 2`, inside
        // the 34 readable bytes (the caller's promise); `loadu` needs no alignment.
        let (a, b, c) = unsafe {
            (
                _mm256_loadu_si256(p.cast()),
                _mm256_loadu_si256(p.add(1).cast()),
                _mm256_loadu_si256(p.add(2).cast()),
            )
        };
        let case = _mm256_set1_epi8(0x20);
        let (x, y, z) = (
            _mm256_or_si256(a, case),
            _mm256_or_si256(b, case),
            _mm256_or_si256(c, case),
        );
        let eq = |v, c: u8| _mm256_cmpeq_epi8(v, _mm256_set1_epi8(c as i8));
        let red = _mm256_or_si256(_mm256_and_si256(eq(x, b'x'), eq(z, b'x')), eq(a, b'['));
        // A digit: `byte + 0x50` (wrapping) maps `0`..`9` to -128..-119 as a
        // signed byte, and every other byte above -119.
        let is_digit = |v| {
            let d = _mm256_add_epi8(v, _mm256_set1_epi8(0x50));
            _mm256_cmpgt_epi8(_mm256_set1_epi8(-118), d)
        };
        let digit = is_digit(a);
        Lanes {
            red,
            kw: keyword_lanes(x, y, z),
            digit,
            #[cfg(test)]
            digit_pair: _mm256_and_si256(digit, is_digit(c)),
        }
    }

    /// The keyword lanes of a chunk: `mma`, `mme` or `ote` at `x`, `y`, `z`
    /// (the chunk and the chunks one and two bytes on, in lower case).
    #[target_feature(enable = "avx2")]
    #[inline]
    fn keyword_lanes(x: __m256i, y: __m256i, z: __m256i) -> __m256i {
        let eq = |v, c: u8| _mm256_cmpeq_epi8(v, _mm256_set1_epi8(c as i8));
        let and = |u, v| _mm256_and_si256(u, v);
        // `a` and `e` differ in bit 2 only.
        let ae = eq(_mm256_and_si256(z, _mm256_set1_epi8(!4)), b'a');
        let mm = and(and(eq(x, b'm'), eq(y, b'm')), ae);
        let ote = and(and(eq(x, b'o'), eq(y, b't')), eq(z, b'e'));
        _mm256_or_si256(mm, ote)
    }

    /// `movemask`: bit `j` set where lane `j` holds.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn mask(v: __m256i) -> u32 {
        _mm256_movemask_epi8(v) as u32
    }

    /// [`super::field_scan`] on a CPU with AVX2 and popcnt.
    #[target_feature(enable = "avx2,popcnt")]
    pub(super) fn field_scan(text: &[u8], from: usize, escapes: &mut Vec<u32>) -> Quote {
        // `"` and `\\` by their low four bits: `shuffle_epi8(table, v)` is the
        // table byte at `v & 15` (0 where `v >= 0x80`), equal to `v` only for the
        // two (every other table byte is 0xFF, which no ASCII byte equals).
        #[rustfmt::skip]
        let table = _mm256_setr_epi8(
            -1, -1, b'"' as i8, -1, -1, -1, -1, -1, -1, -1, -1, -1, b'\\' as i8, -1, -1, -1,
            -1, -1, b'"' as i8, -1, -1, -1, -1, -1, -1, -1, -1, -1, b'\\' as i8, -1, -1, -1,
        );
        let quotes = |v| _mm256_cmpeq_epi8(_mm256_shuffle_epi8(table, v), v);
        let nl = _mm256_set1_epi8(b'\n' as i8);
        let zero = _mm256_setzero_si256();
        // The sum of the byte lanes of `v` (each a count of up to 254).
        let sum = |v| {
            let s = _mm256_sad_epu8(v, zero);
            let s = _mm_add_epi64(_mm256_castsi256_si128(s), _mm256_extracti128_si256::<1>(s));
            (_mm_cvtsi128_si64(s) + _mm_extract_epi64::<1>(s)) as u64
        };
        let p = text.as_ptr();
        // The two vectors of the 64 bytes at `i`.
        // SAFETY (of each call): `i + 64 <= text.len()`: both loads read inside
        // the text; `loadu` needs no alignment.
        let load = |i: usize| unsafe {
            (
                _mm256_loadu_si256(p.add(i).cast()),
                _mm256_loadu_si256(p.add(i + 32).cast()),
            )
        };
        let mut i = from;
        let mut lines = 0u64;
        let mut utf8 = true;
        // The lane escaped by a backslash in the last lane of the step before
        // (bit 0 set), not to be taken for a quote or a backslash.
        let mut carry = 0u64;
        let end = text.len().saturating_sub(63);
        // The sign bit of every lane: set in a quote or backslash lane of
        // `quotes` (0xFF) and in a byte `>= 0x80`.
        let sign = _mm256_set1_epi8(i8::MIN);
        while i < end {
            // Line breaks counted per lane (two a step at most): 127 steps, then
            // the lanes are summed before they could overflow.
            let stop = end.min(i + 127 * 64);
            let mut counts = zero;
            while i < stop {
                let (a, b) = load(i);
                let q = _mm256_or_si256(quotes(a), quotes(b));
                let t = _mm256_or_si256(q, _mm256_or_si256(a, b));
                if _mm256_testz_si256(t, sign) == 0 {
                    // A quote, a backslash or a non-ASCII byte: they are taken in
                    // order. The scan goes on after the step, or after a run of
                    // non-ASCII bytes that goes on past it (no line break nor
                    // quote in it; `i` is set 64 bytes before, for the `+= 64`
                    // below).
                    let mut q =
                        (u64::from(mask(quotes(a))) | u64::from(mask(quotes(b))) << 32) & !carry;
                    let mut high = u64::from(mask(a)) | u64::from(mask(b)) << 32;
                    carry = 0;
                    let mut next = i + 64;
                    loop {
                        let at = q | high;
                        if at == 0 {
                            break;
                        }
                        let k = at.trailing_zeros() as usize;
                        if high & (1 << k) != 0 {
                            // A run of non-ASCII bytes, validated.
                            let (after, ok) = super::utf8_run(text, i + k);
                            utf8 &= ok;
                            if after - i >= 64 {
                                // (Its last lane is no backslash: no carry.)
                                next = after;
                                break;
                            }
                            high &= !0 << (after - i);
                            continue;
                        }
                        if text[i + k] == b'\\' {
                            match text.get(i + k + 1) {
                                Some(b'"' | b'\\') => {
                                    escapes.push((i + k) as u32);
                                    // The backslash and the lane it escapes (the
                                    // next step's first, after the last).
                                    q &= !(3 << k);
                                    carry = u64::from(k == 63);
                                }
                                Some(_) => q &= q - 1,
                                None => {}
                            }
                            if q & (1 << k) == 0 {
                                continue;
                            }
                        }
                        // The lanes before the quote (`k < 64`).
                        let before = (1u64 << k) - 1;
                        let nls = u64::from(mask(_mm256_cmpeq_epi8(a, nl)))
                            | u64::from(mask(_mm256_cmpeq_epi8(b, nl))) << 32;
                        return Quote {
                            at: Some(i + k),
                            lines: lines + sum(counts) + u64::from((nls & before).count_ones()),
                            utf8,
                        };
                    }
                    i = next - 64;
                }
                // (A lane where the compare holds is -1.)
                counts = _mm256_sub_epi8(counts, _mm256_cmpeq_epi8(a, nl));
                counts = _mm256_sub_epi8(counts, _mm256_cmpeq_epi8(b, nl));
                i += 64;
            }
            lines += sum(counts);
        }
        // (An escaped `"` or `\` skipped here is neither a line break nor
        // non-ASCII.)
        let tail = super::field_scan_portable(text, i + carry as usize, escapes);
        Quote {
            at: tail.at,
            lines: lines + tail.lines,
            utf8: utf8 && tail.utf8,
        }
    }

    /// [`super::ws_stop`] on a CPU with AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) fn ws_stop(text: &[u8], start: usize) -> usize {
        let (nl, cr, tab) = (
            _mm256_set1_epi8(b'\n' as i8),
            _mm256_set1_epi8(b'\r' as i8),
            _mm256_set1_epi8(b'\t' as i8),
        );
        let (c2, sp) = (
            _mm256_set1_epi8(0xC2_u8 as i8),
            _mm256_set1_epi8(b' ' as i8),
        );
        let p = text.as_ptr();
        let mut i = start;
        while i + 33 <= text.len() {
            // SAFETY: `i + 33 <= text.len()`: the loads of the 32 bytes at `i`
            // and at `i + 1` (each byte's next, for the double space) read
            // inside the text; `loadu` needs no alignment.
            let (a, next) = unsafe {
                (
                    _mm256_loadu_si256(p.add(i).cast()),
                    _mm256_loadu_si256(p.add(i + 1).cast()),
                )
            };
            let breaks = _mm256_or_si256(_mm256_cmpeq_epi8(a, nl), _mm256_cmpeq_epi8(a, cr));
            let rare = _mm256_or_si256(_mm256_cmpeq_epi8(a, tab), _mm256_cmpeq_epi8(a, c2));
            let double = _mm256_and_si256(_mm256_cmpeq_epi8(a, sp), _mm256_cmpeq_epi8(next, sp));
            let m = mask(_mm256_or_si256(_mm256_or_si256(breaks, rare), double));
            if m != 0 {
                return i + m.trailing_zeros() as usize;
            }
            i += 32;
        }
        super::ws_stop_portable(text, i)
    }

    /// [`super::collapse_runs`] on a CPU with AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) fn collapse_runs(s: &str) -> String {
        let b = s.as_bytes();
        let n = b.len();
        // Room for a whole block stored at any output offset up to `n`.
        let mut out: Vec<u8> = Vec::with_capacity(n + 32);
        let dst = out.as_mut_ptr();
        // `i`: the next input byte; `o`: the output length. The output never
        // outgrows the input read (`o <= i`): bytes are copied one for one, a
        // run of one or more bytes gives at most one space. So a block stored
        // at `o` while `i < n` stays inside the capacity.
        let (mut i, mut o) = (0, 0);
        // The last bytes (32 or fewer), padded with zero bytes: neither stops
        // nor spaces.
        let mut pad: [u8; 33];
        while i < n {
            // The stops of the first block from `i` on that has any (`0` when
            // none is left: then all is kept).
            let m = loop {
                let Some(w) = b.get(i..).and_then(<[u8]>::first_chunk::<33>) else {
                    let rest = b.get(i..).unwrap_or_default();
                    pad = [0; 33];
                    if let Some(p) = pad.get_mut(..rest.len()) {
                        p.copy_from_slice(rest);
                    }
                    // SAFETY: `o <= i < n` (see above).
                    let m = unsafe { keep_block(&pad, dst.add(o)) };
                    if m == 0 {
                        o += n - i;
                        i = n;
                    }
                    break m;
                };
                // SAFETY: `o <= i < n` (see above).
                let m = unsafe { keep_block(w, dst.add(o)) };
                if m != 0 {
                    break m;
                }
                i += 32;
                o += 32;
            };
            if m == 0 {
                break;
            }
            // Kept up to the stop (a real byte: padding holds none).
            let k = m.trailing_zeros() as usize;
            i += k;
            o += k;
            let mut j = i;
            while j < n {
                match b[j] {
                    c if c.is_ascii_whitespace() => j += 1,
                    0xC2 if b.get(j + 1) == Some(&0xA0) => j += 2,
                    _ => break,
                }
            }
            if j > i {
                // A run: one space unless at the end or after a kept space.
                // SAFETY: `o - 1 < o` is a byte written before; `o <= i < n`
                // is inside the capacity, and `o + 1 <= j` keeps `o <= i`.
                unsafe {
                    if j < n && (o == 0 || *dst.add(o - 1) != b' ') {
                        *dst.add(o) = b' ';
                        o += 1;
                    }
                }
                i = j;
            } else {
                // A `0xC2` that starts another character than NBSP: in a `str`
                // it leads a two-byte character, copied whole.
                let w = if i + 1 < n { 2 } else { 1 };
                // SAFETY: `o + w <= i + w <= n`, inside the capacity.
                unsafe { std::ptr::copy_nonoverlapping(b.as_ptr().add(i), dst.add(o), w) };
                i += w;
                o += w;
            }
        }
        // SAFETY: the first `o` bytes were written: whole characters of `s` in
        // order, each run of whitespace characters replaced by a space or
        // dropped (the cuts are at ASCII bytes, at a `0xC2` lead byte or after
        // whole characters), so valid UTF-8.
        unsafe {
            out.set_len(o);
            debug_assert!(std::str::from_utf8(&out).is_ok(), "{out:?}");
            String::from_utf8_unchecked(out)
        }
    }

    /// Store the first 32 bytes of `block` at `dst` and give their stops (see
    /// [`super::ws_stop`]; the last byte of `block` is the one after them).
    ///
    /// # Safety
    ///
    /// The 32 bytes from `dst` on must be writable.
    #[target_feature(enable = "avx2")]
    #[inline]
    unsafe fn keep_block(block: &[u8; 33], dst: *mut u8) -> u32 {
        let p = block.as_ptr();
        // SAFETY: the loads of the 32 bytes at 0 and at 1 (each byte's next,
        // for the double space) read inside the 33 bytes of `block`; the store
        // writes the 32 bytes the caller promises; `loadu`/`storeu` need no
        // alignment.
        let (a, next) = unsafe {
            let a = _mm256_loadu_si256(p.cast());
            _mm256_storeu_si256(dst.cast(), a);
            (a, _mm256_loadu_si256(p.add(1).cast()))
        };
        let is = |c: u8| _mm256_cmpeq_epi8(a, _mm256_set1_epi8(c as i8));
        let breaks = _mm256_or_si256(is(b'\n'), is(b'\r'));
        let rare = _mm256_or_si256(is(b'\t'), is(0xC2));
        let sp = _mm256_set1_epi8(b' ' as i8);
        let double = _mm256_and_si256(_mm256_cmpeq_epi8(a, sp), _mm256_cmpeq_epi8(next, sp));
        mask(_mm256_or_si256(_mm256_or_si256(breaks, rare), double))
    }

    /// [`super::newline`] on a CPU with AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) fn newline(text: &[u8], start: usize) -> Option<usize> {
        let nl = _mm256_set1_epi8(b'\n' as i8);
        let p = text.as_ptr();
        let mut i = start;
        while i < text.len().saturating_sub(63) {
            // SAFETY: `i + 64 <= text.len()`: both loads read inside the text;
            // `loadu` needs no alignment.
            let (a, b) = unsafe {
                (
                    _mm256_loadu_si256(p.add(i).cast()),
                    _mm256_loadu_si256(p.add(i + 32).cast()),
                )
            };
            let m = u64::from(mask(_mm256_cmpeq_epi8(a, nl)))
                | u64::from(mask(_mm256_cmpeq_epi8(b, nl))) << 32;
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 64;
        }
        memchr::memchr(b'\n', text.get(i..)?).map(|k| i + k)
    }

    /// The patterns of [`first`]: the byte sets of the three bytes at an offset
    /// (at it, one on, two on; `None`: any byte) for which something starts
    /// there, as [`lanes`] has them: a redaction candidate (`x?x`, `[`), a
    /// keyword candidate (`mm` and `a` or `e`, `ote`; any case) or a digit pair.
    /// Each set is the product of a set of low nibbles and a set of high
    /// nibbles (`xX` is `8` by `5, 7`), so that two table lookups classify a
    /// byte (a test checks every byte).
    const PATTERNS: [[Option<&[u8]>; 3]; 5] = [
        [Some(b"xX"), None, Some(b"xX")],
        [Some(b"["), None, None],
        [Some(b"mM"), Some(b"mM"), Some(b"aeAE")],
        [Some(b"oO"), Some(b"tT"), Some(b"eE")],
        [Some(b"0123456789"), None, Some(b"0123456789")],
    ];

    /// The nibble tables of the byte `role` (0, 1, 2) of [`PATTERNS`]: entry
    /// `n` of the first (low nibbles) or second (high nibbles) table has bit
    /// `k` set when a byte with that nibble may be that byte of pattern `k`.
    /// Twice over, for the two 128-bit halves of a `shuffle_epi8`.
    const fn nibble_tables(role: usize) -> [[u8; 32]; 2] {
        let mut t = [[0u8; 32]; 2];
        let mut k = 0;
        while k < PATTERNS.len() {
            let bit = 1u8 << k;
            let mut n = 0;
            while n < 16 {
                let (lo, hi) = match PATTERNS[k][role] {
                    None => (true, true),
                    Some(set) => {
                        let (mut lo, mut hi) = (false, false);
                        let mut j = 0;
                        while j < set.len() {
                            lo |= set[j] & 15 == n as u8;
                            hi |= set[j] >> 4 == n as u8;
                            j += 1;
                        }
                        (lo, hi)
                    }
                };
                if lo {
                    t[0][n] |= bit;
                    t[0][n + 16] |= bit;
                }
                if hi {
                    t[1][n] |= bit;
                    t[1][n + 16] |= bit;
                }
                n += 1;
            }
            k += 1;
        }
        t
    }

    /// [`nibble_tables`] of the three bytes of the patterns.
    static NIBBLES: [[[u8; 32]; 2]; 3] = [nibble_tables(0), nibble_tables(1), nibble_tables(2)];

    /// The lanes of the chunk at `p` where something starts (a non-zero byte:
    /// the patterns that start there), the lanes `red | kw | digit_pair` of
    /// [`lanes`]: each of the three windows classified by two table lookups
    /// (fewer instructions than the compares of `lanes`; most chunks of most
    /// lines are looked at only here).
    ///
    /// # Safety
    ///
    /// The 34 bytes from `p` on must be readable.
    #[target_feature(enable = "avx2")]
    #[inline]
    unsafe fn starts(p: *const u8) -> __m256i {
        let nib = _mm256_set1_epi8(0x0f);
        // SAFETY: the three loads read 32 bytes from `p`, `p + 1`, `p + 2`,
        // inside the 34 readable bytes (the caller's promise), and the tables
        // are 32 bytes each; `loadu` needs no alignment.
        let load = |q: *const u8| unsafe { _mm256_loadu_si256(q.cast()) };
        let class = |v: __m256i, t: &[[u8; 32]; 2]| {
            let lo = _mm256_shuffle_epi8(load(t[0].as_ptr()), _mm256_and_si256(v, nib));
            let hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), nib);
            _mm256_and_si256(lo, _mm256_shuffle_epi8(load(t[1].as_ptr()), hi))
        };
        // SAFETY: as above.
        let (a, b, c) = unsafe { (load(p), load(p.add(1)), load(p.add(2))) };
        _mm256_and_si256(
            _mm256_and_si256(class(a, &NIBBLES[0]), class(b, &NIBBLES[1])),
            class(c, &NIBBLES[2]),
        )
    }

    /// Where in `text[start..end]` the first chunk with a lane that holds is
    /// (a redaction candidate, a keyword candidate of [`super::section_keyword`]
    /// or the start of a run of eight digits), to be handed to [`found`].
    /// A run of eight digits starts with a digit pair (a digit with a digit
    /// two bytes on), so none starts before the chunk.
    #[target_feature(enable = "avx2")]
    pub(super) fn first(text: &[u8], start: usize, end: usize) -> First {
        // SAFETY: `first_with` asks for chunks starting before `end` only, whose 34
        // bytes end by `end + 33 <= text.len()`.
        first_with(text, start, end, |i| unsafe {
            starts(text.as_ptr().add(i))
        })
    }

    /// [`first`] with the lanes of the chunk at `i` where something starts (non-zero
    /// bytes) given by `at`, called only when `end + 33 <= text.len()` and for `i < end`.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn first_with(text: &[u8], start: usize, end: usize, at: impl Fn(usize) -> __m256i) -> First {
        // A chunk starts before `end`, so its 34-byte window ends by
        // `end + 33`: all in the text, or the portable scan runs.
        if text.len().saturating_sub(end) < 33 {
            return First::Portable;
        }
        if start >= end {
            return First::Nothing;
        }
        // The lanes of the chunk at `i` where something starts.
        let lanes = |i: usize| !mask(_mm256_cmpeq_epi8(at(i), _mm256_setzero_si256()));
        if end - start <= 32 {
            // Only the lanes inside the line count (the bytes after it are the
            // look-ahead of the line's last offsets).
            let m = lanes(start) & (u32::MAX >> (32 - (end - start)));
            if m == 0 {
                return First::Nothing;
            }
            return first_holding(text, start, end, start, m, lanes);
        }
        // Whether the chunk at `i` has something in any lane (most chunks have
        // nothing: one test for all).
        let any = |i: usize| {
            let h = at(i);
            _mm256_testz_si256(h, h) == 0
        };
        let mut i = start;
        while end - i > 32 {
            if any(i) {
                return first_holding(text, start, end, i, lanes(i), lanes);
            }
            i += 32;
        }
        // The last 32 bytes of the line, which may overlap the chunk before: the
        // lanes seen there had nothing.
        if any(end - 32) {
            return first_holding(text, start, end, end - 32, lanes(end - 32), lanes);
        }
        First::Nothing
    }

    /// [`first`] from the chunk at `c`, whose lanes `m` (those in the line not
    /// looked at yet) have something: the chunk of the first lane that holds
    /// ([`check`]), if any. (Out of line: most lines do not come here.)
    #[target_feature(enable = "avx2")]
    #[inline(never)]
    fn first_holding(
        text: &[u8],
        start: usize,
        end: usize,
        mut c: usize,
        mut m: u32,
        lanes: impl Fn(usize) -> u32,
    ) -> First {
        let mut figures = false;
        loop {
            match check(text, start, end, c, m) {
                Held::Lane => return First::At(Chunk(c)),
                Held::Figures => figures = true,
                Held::Nothing => {}
            }
            // The next chunk, and its lanes not looked at yet: the last 32
            // bytes of the line may overlap the chunk before.
            let i = c + 32;
            if i >= end {
                break;
            }
            (c, m) = if end - i >= 32 {
                (i, lanes(i))
            } else {
                (end - 32, lanes(end - 32) & (u32::MAX << (32 - (end - i))))
            };
        }
        if figures {
            First::Figures
        } else {
            First::Nothing
        }
    }

    /// Whether `b` holds eight ASCII digits from `p` on: each byte is in
    /// `0x30..=0x3F` and stays below `0x40` when 6 is added (no byte carries
    /// into the next: the sum is at most `0x45`).
    #[inline]
    fn eight_digits(b: &[u8], p: usize) -> bool {
        let Some(w) = b.get(p..).and_then(<[u8]>::first_chunk::<8>) else {
            return false;
        };
        let x = u64::from_le_bytes(*w);
        let (nib, thirty) = (0xF0F0_F0F0_F0F0_F0F0u64, 0x3030_3030_3030_3030u64);
        x & nib == thirty && x.wrapping_add(0x0606_0606_0606_0606) & nib == thirty
    }

    /// What the lanes of a chunk hold, as [`check`] finds.
    enum Held {
        /// A lane holds.
        Lane,
        /// No lane holds, but one is a digit pair.
        Figures,
        /// No lane holds (keyword look-alikes only, or no lane).
        Nothing,
    }

    /// Whether a lane of `m` (bit `k`: the offset `c + k`) in the line
    /// `text[start..end]` holds: every redaction lane does, a keyword lane when
    /// [`super::section_keyword`] says so, a digit pair when a run of eight
    /// digits starts there.
    #[inline]
    fn check(text: &[u8], start: usize, end: usize, c: usize, mut m: u32) -> Held {
        let mut figures = false;
        while m != 0 {
            let k = m.trailing_zeros() as usize;
            let p = c + k;
            match text[p] {
                b'0'..=b'9' => {
                    if eight_digits(&text[..end], p) {
                        return Held::Lane;
                    }
                    figures = true;
                    m &= m - 1;
                }
                b'm' | b'M' | b'o' | b'O' => {
                    if super::section_keyword(text, start, end, p) {
                        return Held::Lane;
                    }
                    m &= m - 1;
                }
                _ => return Held::Lane,
            }
        }
        if figures {
            Held::Figures
        } else {
            Held::Nothing
        }
    }

    /// [`first`] with the compares of [`lanes`] (its former code): the
    /// reference for the table lookups of [`starts`].
    #[cfg(test)]
    #[target_feature(enable = "avx2")]
    pub(super) fn first_by_lanes(text: &[u8], start: usize, end: usize) -> First {
        first_with(text, start, end, |i| {
            // SAFETY: as in `first`.
            let l = unsafe { lanes(text.as_ptr().add(i)) };
            _mm256_or_si256(_mm256_or_si256(l.red, l.kw), l.digit_pair)
        })
    }

    /// Whether the pattern classes of [`starts`] for the byte `c` as the byte
    /// `role` of a pattern are the patterns whose set for that byte holds it.
    #[cfg(test)]
    pub(super) fn nibble_class_is_the_set(c: u8, role: usize) -> bool {
        let t = &NIBBLES[role];
        let class = t[0][usize::from(c & 15)] & t[1][usize::from(c >> 4)];
        let want = PATTERNS.iter().enumerate().fold(0u8, |m, (k, p)| {
            m | (u8::from(p[role].is_none_or(|set| set.contains(&c))) << k)
        });
        class == want
    }

    /// The digits of a line up to a chunk.
    struct Digits {
        /// The digit lanes of the 32 bytes before the chunk.
        prev: u32,
        /// A run of eight digits was seen.
        run8: bool,
    }

    impl Digits {
        /// Takes in `digit`, the digit lanes of the 32 bytes after `prev`.
        #[inline]
        fn next(&mut self, digit: u32) {
            // Eight set bits in a row within this chunk and the previous one.
            if digit != 0 && !self.run8 {
                let d = u64::from(self.prev) | (u64::from(digit) << 32);
                let d2 = d & (d >> 1);
                let d4 = d2 & (d2 >> 2);
                self.run8 = d4 & (d4 >> 4) != 0;
            }
            self.prev = digit;
        }
    }

    /// What [`found`] has found so far in the line `text[start..end]`.
    struct State<'a> {
        text: &'a [u8],
        start: usize,
        end: usize,
        out: Hints,
        digits: Digits,
    }

    impl State<'_> {
        /// Takes in the chunk at `i` (its lanes `l`, of which those in `valid`
        /// are in the line; redactions count from `from` on), handing its
        /// keyword candidates to `visit`.
        #[target_feature(enable = "avx2")]
        #[inline]
        fn chunk(
            &mut self,
            l: &Lanes,
            i: usize,
            valid: u32,
            from: usize,
            visit: &mut dyn FnMut(usize),
        ) {
            // Long lines (a paragraph on one line) have many chunks with nothing.
            if mask(_mm256_or_si256(_mm256_or_si256(l.red, l.kw), l.digit)) & valid == 0 {
                self.digits.prev = 0;
                return;
            }
            if self.out.red.is_none() {
                let m = match from.saturating_sub(i) {
                    0 => mask(l.red),
                    k if k >= 32 => 0,
                    k => mask(l.red) & (u32::MAX << k),
                } & valid;
                if m != 0 {
                    self.out.red = Some(i + m.trailing_zeros() as usize);
                }
            }
            // Only the keyword candidates the marker search may take.
            let mut m = mask(l.kw) & valid;
            while m != 0 {
                let p = i + m.trailing_zeros() as usize;
                m &= m - 1;
                if super::section_keyword(self.text, self.start, self.end, p) {
                    self.out.kw.get_or_insert(p);
                    visit(p);
                }
            }
            self.digits.next(mask(l.digit) & valid);
        }
    }

    /// [`super::inline_found`] on the line `text[start..end]`, from the chunk at
    /// `i` as [`first`] found it: no lane before it holds (so a run of digits
    /// from before it is shorter than eight). Every chunk to the line's end is
    /// looked at, for the keyword candidates.
    ///
    /// # Safety
    ///
    /// `i < end` and `end + 33 <= text.len()` (as for a chunk of `first`).
    #[target_feature(enable = "avx2")]
    #[inline(never)]
    pub(super) unsafe fn found(
        text: &[u8],
        start: usize,
        mut i: usize,
        end: usize,
        from: usize,
        visit: &mut dyn FnMut(usize),
    ) -> Scan {
        let mut st = State {
            text,
            start,
            end,
            out: Hints {
                red: None,
                kw: None,
                digits8: false,
            },
            digits: Digits {
                prev: 0,
                run8: false,
            },
        };
        // SAFETY (both loads below): the chunks start before `end`, so their
        // 34 bytes end by `end + 33 <= text.len()` (the caller's promise).
        let p = text.as_ptr();
        while end - i >= 32 {
            st.chunk(&unsafe { lanes(p.add(i)) }, i, u32::MAX, from, visit);
            i += 32;
        }
        // The last bytes: only the lanes inside the line count.
        if i < end {
            let valid = u32::MAX >> (32 - (end - i));
            st.chunk(&unsafe { lanes(p.add(i)) }, i, valid, from, visit);
        }
        let out = Hints {
            digits8: st.digits.run8,
            ..st.out
        };
        if out.red.is_none() && out.kw.is_none() && !out.digits8 {
            Scan::Nothing
        } else {
            Scan::Found(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every keyword candidate of the line `t[start..end]` (the definition of
    /// `section_keyword`, word by word): the `mm` of `summary`, `comment`, the
    /// `ote` of `note`, any case, in the line, before no ASCII letter (or, for
    /// the first two, before a letter other than `s` and a `.`).
    fn slow_keywords(t: &[u8], start: usize, end: usize) -> Vec<usize> {
        let line = t[start..end].to_ascii_lowercase();
        let mut out = Vec::new();
        for (word, at) in [(&b"summary"[..], 2), (b"comment", 2), (b"note", 1)] {
            for s in 0..line.len() {
                let e = s + word.len();
                if line.get(s..e) != Some(word) {
                    continue;
                }
                let ends = match line.get(e) {
                    Some(c) if c.is_ascii_alphabetic() => {
                        word != b"note" && *c != b's' && line.get(e + 1) == Some(&b'.')
                    }
                    _ => true,
                };
                if ends {
                    out.push(start + s + at);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// Whether the line `t[start..end]` has a digit with a digit two bytes on
    /// (look-ahead past the line reads the text after it, zeros past the text).
    fn slow_figures(t: &[u8], start: usize, end: usize) -> bool {
        let digit = |p: usize| t.get(p).is_some_and(u8::is_ascii_digit);
        (start..end).any(|p| digit(p) && digit(p + 2))
    }

    /// The definitions, one byte at a time (look-ahead past the line reads the
    /// text after it, zeros past the text).
    fn slow(t: &[u8], start: usize, end: usize, from: usize) -> Scan {
        let at = |p: usize| t.get(p).copied().unwrap_or(0) | 0x20;
        let red = (from..end).find(|&p| (at(p) == b'x' && at(p + 2) == b'x') || t[p] == b'[');
        let kw = slow_keywords(t, start, end).first().copied();
        let digits8 = t[start..end]
            .split(|c| !c.is_ascii_digit())
            .any(|run| run.len() >= 8);
        if red.is_none() && kw.is_none() && !digits8 {
            Scan::Nothing
        } else {
            Scan::Found(Hints { red, kw, digits8 })
        }
    }

    /// `inline_hints` and the candidates it visits.
    fn hints_in(t: &[u8], start: usize, end: usize, from: usize) -> (Scan, Vec<usize>) {
        let mut seen = Vec::new();
        let h = inline_hints(Level::detect(), t, start, end, from, &mut |p| seen.push(p));
        (h, seen)
    }

    /// The hints for all of `line` inside a text that goes on for 40 bytes.
    fn hints(line: &[u8], from: usize) -> Scan {
        let mut t = line.to_vec();
        t.extend_from_slice(&[b'.'; 40]);
        let (h, seen) = hints_in(&t, 0, line.len(), from);
        let kws = if h == Scan::Portable {
            Vec::new()
        } else {
            slow_keywords(&t, 0, line.len())
        };
        assert_eq!(seen, kws);
        h
    }

    fn found(red: Option<usize>, kw: Option<usize>, digits8: bool) -> Scan {
        Scan::Found(Hints { red, kw, digits8 })
    }

    #[test]
    fn finds_candidates_and_serials() {
        if !Level::detect().avx2 {
            println!("skipped: no AVX2 on this machine");
            return;
        }
        let h = hints(b"the XXXXXXXX said in Summary that 12345678 OF 003", 0);
        assert_eq!(h, found(Some(4), Some(23), true));
        let h = hints(b"plain text with 1234567 and 7654321 in it, no more", 0);
        assert_eq!(h, Scan::Nothing);
        // Keyword candidates: all of them are visited, in order.
        let h = hints(
            b"the committee met at the summit. Note: more on the comments",
            0,
        );
        assert_eq!(h, found(None, Some(34), false));
        // Redactions count from `from`; keywords from the line start.
        assert_eq!(hints(b"xx xXx comment", 5), found(None, Some(9), false));
        // A run of eight across the first chunk boundary, and one in the last lanes.
        let h = hints(b"abcdefghijklmnopqrstuvwxyz 12345678 tail", 0);
        assert_eq!(h, found(None, None, true));
        assert_eq!(
            hints(b"abcdefghijklmnopqrstuvw 12345678", 0),
            found(None, None, true)
        );
        assert_eq!(hints(b"[", 0), found(Some(0), None, false));
        // The first candidate, with more in a later chunk.
        let h = hints(b"the XXXXX met [a] friend of the xyx and the taxi", 0);
        assert_eq!(h, found(Some(4), None, false));
        assert_eq!(hints(b"", 0), Scan::Nothing);
        // A line inside a text: offsets are absolute, the run must be in the line,
        // and the look-ahead reads the next line.
        let t =
            b"first 12345678\nsecond line, summary\nthird line, 87654321, and more bytes to read";
        let h = hints_in(t, 15, 35, 15).0;
        assert_eq!(h, found(None, Some(30), false));
        let h = hints_in(b"one ox\nendnote", 0, 6, 0).0;
        assert_eq!(h, Scan::Portable);
        let t = b"one ox\nendnote and more bytes to make up thirty-three";
        let h = hints_in(t, 0, 6, 0).0;
        assert_eq!(h, Scan::Nothing);
        let t = b"one ox\nxylophone and more bytes to make up thirty-three";
        let h = hints_in(t, 0, 6, 0).0;
        assert_eq!(h, found(Some(5), None, false));
        // A 62-byte line: its last 32 bytes overlap the first chunk by 30. A run
        // of eight across the overlap's start, with and without a candidate after it.
        let mut line = [b'a'; 62];
        line[29..37].copy_from_slice(b"12345678");
        assert_eq!(hints(&line, 0), found(None, None, true));
        line[47..56].copy_from_slice(b" summary ");
        assert_eq!(hints(&line, 0), found(None, Some(50), true));
        // An `mm` before another letter is no candidate.
        line[52] = b'i';
        assert_eq!(hints(&line, 0), found(None, None, true));
        line[52] = b'a';
        // A run of six there is no run of eight.
        line[35..37].copy_from_slice(b"aa");
        assert_eq!(hints(&line, 0), found(None, Some(50), false));
        line[50..52].copy_from_slice(b"aa");
        assert_eq!(hints(&line, 0), Scan::Nothing);
        // The last chunk's look-ahead is not a candidate of its own.
        let t = b"a line of thirty-two bytes, 1234\n5678 mm XxX [ ote and then some more";
        assert_eq!(hints_in(t, 0, 32, 0).0, Scan::Nothing);
        // Keyword look-alikes are no candidates; keywords in any case are, and
        // the typo `Commentg.`, and a word that only ends in one (`footnote`:
        // a part of the line may start with `note`).
        let h = hints(
            b"the noted vote on potential commercial comments, immediately",
            0,
        );
        assert_eq!(h, Scan::Nothing);
        assert_eq!(
            hints(b"as NoTE, and End Commentg. Notes", 0),
            found(None, Some(4), false)
        );
        assert_eq!(hints(b"a Commentg.", 0), found(None, Some(4), false));
        assert_eq!(hints(b"a Commentgs", 0), Scan::Nothing);
        assert_eq!(hints(b"the footnote", 0), found(None, Some(9), false));
        assert_eq!(hints(b"SUMMARY", 0), found(None, Some(2), false));
        assert_eq!(hints(b"summarys.", 0), Scan::Nothing);
    }

    /// The first look says `Nothing` on a line without candidates and digit
    /// pairs, `Figures` on one with digit pairs but no candidate and no run of
    /// eight digits (years, dates), and where the first lane that holds is
    /// otherwise (a chunk from which `found` finds the same as from the start).
    #[test]
    fn first_look_checks_its_lanes() {
        let level = Level::detect();
        if !level.avx2 {
            println!("skipped: no AVX2 on this machine");
            return;
        }
        let first = |line: &[u8]| {
            let mut t = line.to_vec();
            t.extend_from_slice(&[b'.'; 40]);
            inline_first(level, &t, 0, line.len())
        };
        assert_eq!(first(b"the talks went on"), First::Nothing);
        assert_eq!(
            first(b"the noted vote, potential commercial comments"),
            First::Nothing
        );
        assert_eq!(
            first(b"on 12/03/2009 the 1.5 million and 2010"),
            First::Figures
        );
        // A long line: the date in the first chunk, nothing else.
        let line = b"on 12/03/2009 the talks went on and on and on and on and on and on";
        assert_eq!(first(line), First::Figures);
        // Look-alikes in the first chunk, the keyword in the third: its chunk.
        let line = b"noted, noted, noted, noted, votes, the talks went on, Summary: none";
        assert_eq!(first(line), First::At(Chunk(32)));
        assert_eq!(first(b"1234567 and 12345678"), First::At(Chunk(0)));
        assert_eq!(first(b"2009 and 2010 in XXXXXX"), First::At(Chunk(0)));
        // In the last 32 bytes, which overlap the chunk before: their start.
        let line =
            b"the talks went on and on and on and on, 2009 and then, all in all, 12345678 too";
        assert_eq!(first(line), First::At(Chunk(line.len() - 32)));
    }

    /// The nibble tables of the first look classify every byte as the pattern
    /// sets say (each set is a product of nibble sets).
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn nibble_classes_are_the_pattern_sets() {
        for role in 0..3 {
            for c in 0..=255u8 {
                assert!(avx2::nibble_class_is_the_set(c, role), "{c:#x} {role}");
            }
        }
    }

    /// The first look by table lookups says what the former compares say about
    /// each byte in each of the three places of each pattern (the two others
    /// holding a byte of the pattern), at every offset of a chunk.
    #[test]
    fn first_look_takes_every_byte_as_the_compares() {
        let level = Level::detect();
        // (A digit for the pair, `m`, `a`, …: a byte of each pattern's sets.)
        let patterns: [&[u8; 3]; 5] = [b"x.x", b"[..", b"mma", b"ote", b"1.2"];
        let mut t = vec![b'.'; 120];
        for p in patterns {
            for role in 0..3 {
                for c in 0..=255u8 {
                    let mut w = *p;
                    w[role] = c;
                    for at in [0, 5, 29, 30, 31, 40] {
                        t[at..at + 3].copy_from_slice(&w);
                        for (start, end) in [(0, 33), (0, 45), (0, 70), (at, at + 3), (at, at + 2)]
                        {
                            assert_eq!(
                                inline_first(level, &t, start, end),
                                inline_first_by_lanes(level, &t, start, end),
                                "{w:?} at {at}, line {start}..{end}"
                            );
                        }
                        t[at..at + 3].copy_from_slice(b"...");
                    }
                }
            }
        }
    }

    /// The first look by table lookups stops at the chunk where the former
    /// compares stop, on lines with every candidate byte in both cases.
    #[test]
    fn first_looks_by_tables_and_by_compares_agree() {
        let level = Level::detect();
        // Near misses (a nibble of a candidate byte: `h`, `H`, `y`, `{`, `K`,
        // `:`, `P`, …) most of the time, a candidate byte now and then.
        let near = b"hHyY{K:Pp/]];lLdDiIuU \xc2\xa0\x88\xf8";
        let cand = b"xX[mMaAeEoOtT0123456789";
        let mut t = Vec::new();
        let mut r = 12345u32;
        for _ in 0..3000 {
            r = r.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let k = (r >> 16) as usize;
            t.push(if k % 16 == 0 {
                cand[k / 16 % cand.len()]
            } else {
                near[k % near.len()]
            });
        }
        for start in (0..600).step_by(5) {
            for end in start..start + 100 {
                assert_eq!(
                    inline_first(level, &t, start, end),
                    inline_first_by_lanes(level, &t, start, end),
                    "{start} {end}"
                );
            }
        }
    }

    #[test]
    fn first_x_or_bracket_is_memchr3() {
        let mut t = [b'a'; 70];
        for n in 0..70 {
            for at in 0..n {
                for c in [b'x', b'X', b'[', b'X' ^ 0x80, b'x' ^ 0x20, b'{'] {
                    t[at] = c;
                    let want = memchr::memchr3(b'X', b'x', b'[', &t[..n]);
                    assert_eq!(first_x_or_bracket(&t[..n]), want, "{n} {at} {c}");
                    t[at] = b'a';
                }
            }
            assert_eq!(first_x_or_bracket(&t[..n]), None);
        }
    }

    #[test]
    fn newlines() {
        let t = b"short\na line longer than thirty-two bytes, to cross a chunk\n\nend";
        for level in [Level::detect(), Level::PORTABLE] {
            assert_eq!(newline(level, t, 0), Some(5));
            assert_eq!(newline(level, t, 6), Some(59));
            assert_eq!(newline(level, t, 60), Some(60));
            assert_eq!(newline(level, t, 61), None);
            assert_eq!(newline(level, t, t.len()), None);
            assert_eq!(newline(level, t, t.len() + 1), None);
        }
    }

    #[test]
    fn quote_scans() {
        // A quote, a backslash, a line break and a non-ASCII byte at every offset
        // around the 64-byte blocks, in texts that end right after them or later.
        for len in [1, 63, 64, 65, 127, 128, 129, 200] {
            for at in 0..len {
                for c in [b'"', b'\\', b'\n', 0x80, 0xE2] {
                    let mut t = vec![b'a'; len];
                    t[at] = c;
                    for from in [0, 1, at.saturating_sub(1), at, at + 1, len] {
                        check_field_scan(&t, from);
                    }
                }
            }
        }
        let t = b"\"12\",\"a \\\"b\\\"\nline two\nthree \xE2\x80\x99 and so on\"\n";
        let scan = |from| field_scan(Level::detect(), t, from, &mut Vec::new());
        assert_eq!(
            scan(1),
            Quote {
                at: Some(3),
                lines: 0,
                utf8: true
            }
        );
        // From the line break after the escaped quotes to the closing quote.
        assert_eq!(scan(13).at, Some(t.len() - 2));
        assert_eq!(scan(13).lines, 2);
        assert!(scan(13).utf8);
        check_field_scan(t, t.len() + 5);
        // Long runs of line breaks: more than 255 in a lane of the vector count.
        for len in [8127, 8128, 8129, 8192, 20_000] {
            let mut t = vec![b'\n'; len];
            t.extend_from_slice(b"\xC3\xA9 \"");
            for from in [0, 1, 63, 64, 100] {
                check_field_scan(&t, from);
                t.pop();
                check_field_scan(&t, from);
                t.push(b'"');
            }
        }
    }

    /// [`field_scan`] one byte at a time: the quote, and the escapes on the way.
    fn slow_field(t: &[u8], from: usize) -> (Quote, Vec<u32>) {
        let mut escapes = Vec::new();
        let mut j = from;
        let at = loop {
            match t.get(j) {
                None => break None,
                Some(b'"') => break Some(j),
                Some(b'\\') => match t.get(j + 1) {
                    Some(b'"' | b'\\') => {
                        escapes.push(j as u32);
                        j += 2;
                    }
                    Some(_) => j += 1,
                    None => break Some(j),
                },
                Some(_) => j += 1,
            }
        };
        let seen = &t[from.min(t.len())..at.unwrap_or(t.len())];
        let quote = Quote {
            at,
            lines: seen.iter().filter(|&&c| c == b'\n').count() as u64,
            utf8: std::str::from_utf8(seen).is_ok(),
        };
        (quote, escapes)
    }

    /// [`field_scan`] with both levels, checked against [`slow_field`].
    fn check_field_scan(t: &[u8], from: usize) {
        let want = slow_field(t, from);
        for level in [Level::detect(), Level::PORTABLE] {
            let mut escapes = vec![7];
            let got = field_scan(level, t, from, &mut escapes);
            assert_eq!((got, &escapes[1..]), (want.0, &want.1[..]), "{t:?} {from}");
        }
    }

    /// [`utf8_run`] on every sequence that starts with a non-ASCII byte: one to
    /// three bytes all, four bytes with each lead and second byte and the last
    /// two from the edges of the continuation range, each before an ASCII byte
    /// and at the end of the text, against `std::str::from_utf8`.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn utf8_runs_are_validated_like_std() {
        let check = |seq: &[u8]| {
            let end = seq.iter().position(|&c| c < 0x80).unwrap_or(seq.len());
            let run = &seq[..end];
            let want = (end, std::str::from_utf8(run).is_ok());
            assert_eq!(utf8_run(seq, 0), want, "{seq:02X?}");
            let mut then = seq.to_vec();
            then.push(b'a');
            assert_eq!(utf8_run(&then, 0), want, "{then:02X?}");
        };
        let edges = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF];
        for a in 0x80..=0xFFu8 {
            check(&[a]);
            for b in 0..=0xFFu8 {
                check(&[a, b]);
                for c in 0..=0xFFu8 {
                    if a >= 0xE0 {
                        check(&[a, b, c]);
                    }
                }
                if a >= 0xF0 {
                    for c in edges {
                        for d in edges {
                            check(&[a, b, c, d]);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn field_scans_validate_utf8() {
        // Characters of every length, bytes that start no valid character and
        // characters cut short, at every offset around the 64-byte steps, with
        // text, a quote, an escape or a line break after them (or the end).
        let seqs: [&[u8]; 12] = [
            b"\xC3\xA9",
            b"\xE2\x80\x99",
            b"\xF0\x9F\x98\x80",
            b"\xC2\xA0\xE2\x80\x99\xC3\xA9",
            b"\x80",
            b"\xFF",
            b"\xC3",
            b"\xE2\x80",
            b"\xC0\xAF",
            b"\xED\xA0\x80",
            b"\xF4\x90\x80\x80",
            b"\xC3\xA9\xA9",
        ];
        for len in [1, 62, 63, 64, 65, 66, 127, 128, 129, 200] {
            for at in 0..len {
                for seq in seqs {
                    for after in [&b"a"[..], b"\"", b"\\\"", b"\n", b""] {
                        let mut t = vec![b'a'; len];
                        t.splice(at..at, seq.iter().copied());
                        t.splice(at + seq.len()..at + seq.len(), after.iter().copied());
                        for from in [0, at.saturating_sub(1), at, at + 1] {
                            check_field_scan(&t, from);
                        }
                    }
                }
            }
        }
        // Runs longer than a step, valid or broken anywhere, then a quote.
        for n in [20, 21, 22, 40, 64] {
            let run = "\u{2019}".repeat(n).into_bytes();
            for bad in [
                None,
                Some(0),
                Some(1),
                Some(31),
                Some(62),
                Some(63),
                Some(64),
            ] {
                let mut t = b"ab".to_vec();
                t.extend_from_slice(&run);
                if let Some(b) = bad.filter(|&b| b < run.len()) {
                    t[2 + b] = 0xFF;
                }
                t.extend_from_slice(b"\\\" \"");
                for from in [0, 1, 2, 3, 64] {
                    check_field_scan(&t, from);
                }
                t.truncate(t.len() - 4);
                check_field_scan(&t, 0);
            }
        }
    }

    #[test]
    fn field_scans() {
        // An escape, a backslash before another byte and a lone backslash at
        // every offset around the 64-byte steps (the escaped byte in the next
        // step when the backslash is a step's last), then text or a quote.
        for len in [2, 62, 63, 64, 65, 66, 126, 127, 128, 129, 200] {
            for at in 0..len - 1 {
                for pair in [b"\\\"", b"\\\\", b"\\n", b"\\\xE2"] {
                    for end in [b'a', b'"', b'\\'] {
                        let mut t = vec![b'a'; len];
                        t[at..at + 2].copy_from_slice(pair);
                        t.push(end);
                        for from in [0, at.saturating_sub(1), at, at + 1, at + 2, len] {
                            check_field_scan(&t, from);
                        }
                        t.truncate(at + 1);
                        check_field_scan(&t, 0);
                    }
                }
            }
        }
        // Runs of escapes across steps, a quote after them.
        for n in [31, 32, 33, 64, 65] {
            let mut t = b"\\\"".repeat(n);
            t.extend_from_slice(b"\\\\\\\"\n\"x");
            for from in [0, 1, 2, 63, 64] {
                check_field_scan(&t, from);
            }
            t.insert(0, b'a');
            check_field_scan(&t, 0);
        }
    }

    /// The stops of the whitespace collapse as the searches it made before:
    /// the next line break, the next CR, tab or `0xC2`, the next double space.
    fn ws_stop_reference(t: &[u8], start: usize) -> usize {
        let rest = &t[start..];
        let next = |p: Option<usize>| start + p.unwrap_or(rest.len());
        next(memchr::memchr(b'\n', rest))
            .min(next(memchr::memchr3(b'\r', b'\t', 0xC2, rest)))
            .min(next(memchr::memmem::find(rest, b"  ")))
    }

    #[test]
    fn ws_stop_finds_every_kind_of_stop() {
        let level = Level::detect();
        // Each stop at the start, the middle and the end of a 32-byte step,
        // and in the byte loop of the last bytes.
        for stop in ["\n", "\r", "\t", "\u{a0}", "\u{a2}", "  "] {
            for at in [0, 1, 30, 31, 32, 33, 63, 64, 70] {
                let t = format!("{}{stop}{}", &"ab".repeat(at)[..at], "c d ".repeat(20));
                let t = t.as_bytes();
                let want = ws_stop_reference(t, 0);
                assert_eq!(want, at, "{stop:?}");
                assert_eq!(ws_stop(level, t, 0), want, "{stop:?} at {at}");
                assert_eq!(ws_stop_portable(t, 0), want);
            }
        }
        // A single space is no stop, nor a space as the last byte, nor other
        // characters than those led by `0xC2`.
        let t = format!("{}\u{e9}\u{2019}\x0c\x0b ", "a b ".repeat(20));
        assert_eq!(ws_stop(level, t.as_bytes(), 0), t.len());
        assert_eq!(ws_stop(level, b"a b c ", 0), 6);
        assert_eq!(ws_stop(level, b"", 0), 0);
    }

    proptest::proptest! {
        /// Words with every kind of blank between them, searched from anywhere.
        #[test]
        fn ws_stop_matches_the_former_searches(
            t in "([a-z]{1,40}| |  |\n| \n|\t|\r\n|\u{a0}|\u{a2}|\u{e9}|\x0b|\x0c){0,40}",
            from in 0usize..800,
        ) {
            let t = t.as_bytes();
            let from = from.min(t.len());
            let want = ws_stop_reference(t, from);
            proptest::prop_assert_eq!(ws_stop(Level::detect(), t, from), want);
            proptest::prop_assert_eq!(ws_stop(Level::PORTABLE, t, from), want);
        }

        /// Fields with quotes, escapes, line breaks and non-ASCII text at every
        /// offset of a block, scanned from anywhere.
        #[test]
        fn quoted_fields_match_the_definition(
            t in "([a-z ,]{0,40}(\"|\\\\|\n|\r\n|\u{2019}|\u{a0}|\",\"|\\\\\"|x)){0,16}",
            from in 0usize..800,
        ) {
            let t = t.as_bytes();
            check_field_scan(t, from.min(t.len()));
        }

        /// Fields with non-ASCII text valid or not (`#` stands for `0xFF`, `~`
        /// for a lone continuation byte, `^` for a lead byte alone), quotes and
        /// escapes, scanned from anywhere.
        #[test]
        fn field_scan_validates_like_std(
            t in "([a-z ,]{0,70}(\"|\\\\\"|\n|\u{2019}|\u{e9}|\u{1F600}|\u{a0}+|#|~|\\^)){0,16}",
            from in 0usize..1200,
        ) {
            let t: Vec<u8> = t
                .bytes()
                .map(|c| match c {
                    b'#' => 0xFF,
                    b'~' => 0x80,
                    b'^' => 0xE2,
                    c => c,
                })
                .collect();
            check_field_scan(&t, from.min(t.len() + 1));
        }

        /// Fields with escapes, stray quotes and backslashes at every offset
        /// of a step, scanned from anywhere.
        #[test]
        fn field_scan_matches_the_definition(
            t in "([a-z ,]{0,70}(\"|\\\\|\\\\\\\\|\\\\\"|\\\\n|\n|\u{2019}|x)){0,16}",
            from in 0usize..1200,
        ) {
            let t = t.as_bytes();
            check_field_scan(t, from.min(t.len() + 1));
        }

        #[test]
        fn newline_is_memchr(t in "([a-z ]{0,150}\n?){0,8}", start in 0usize..1300) {
            let t = t.as_bytes();
            let start = start.min(t.len());
            let want = memchr::memchr(b'\n', &t[start..]).map(|k| start + k);
            proptest::prop_assert_eq!(newline(Level::detect(), t, start), want);
            proptest::prop_assert_eq!(newline(Level::PORTABLE, t, start), want);
        }

        /// Lines of up to a few chunks, with candidates and digit runs at every
        /// offset of a chunk (the look-ahead reads the text after the line), in
        /// a text that may end right after the line.
        #[test]
        fn hints_match_the_definitions(
            t in "([a-z \n]{0,9}(XxX|xXx|x|\\[|mm|mma|MmE|OTE|ote|ot|summary|COMMENT|Commentg\\.|NoTE|noted|12345678|1234567|\u{2019})){0,24}",
            a in 0usize..300,
            b in 0usize..300,
            c in 0usize..300,
        ) {
            let t = t.as_bytes();
            let mut v = [a.min(t.len()), b.min(t.len()), c.min(t.len())];
            v.sort_unstable();
            let [start, from, end] = v;
            let (h, seen) = hints_in(t, start, end, from);
            if h == Scan::Portable {
                proptest::prop_assert!(!Level::detect().avx2 || end + 33 > t.len());
                proptest::prop_assert!(seen.is_empty());
            } else {
                proptest::prop_assert_eq!(h, slow(t, start, end, from));
                proptest::prop_assert_eq!(seen, slow_keywords(t, start, end));
            }
            let portable = inline_hints(Level::PORTABLE, t, start, end, from, &mut |_| ());
            proptest::prop_assert_eq!(portable, Scan::Portable);
        }

        /// Digit runs of every length across chunk boundaries, and candidates
        /// after them.
        #[test]
        fn digit_runs_match_the_definition(
            t in "([0-9]{0,12}[a-z \\[]{0,3}){0,20}",
            start in 0usize..100,
            len in 0usize..200,
            pad in 0usize..40,
        ) {
            let mut t = t.into_bytes();
            let start = start.min(t.len());
            let end = (start + len).min(t.len());
            t.extend(std::iter::repeat_n(b'7', pad));
            let (h, seen) = hints_in(&t, start, end, start);
            if h != Scan::Portable {
                proptest::prop_assert_eq!(h, slow(&t, start, end, start));
                proptest::prop_assert_eq!(seen, slow_keywords(&t, start, end));
            }
        }

        /// The first look by table lookups is the former one by compares.
        #[test]
        fn first_look_is_the_compares(
            t in "([a-z \n]{0,40}(XxX|x[a-z]x|\\[|\\{|mm|mMa|MME|mme|mmi|OTE|oTe|ot|[0-9]{1,3}|\u{a0}|\u{2019})){0,12}",
            a in 0usize..400,
            b in 0usize..400,
        ) {
            let t = t.as_bytes();
            let (start, end) = (a.min(b).min(t.len()), a.max(b).min(t.len()));
            let level = Level::detect();
            proptest::prop_assert_eq!(
                inline_first(level, t, start, end),
                inline_first_by_lanes(level, t, start, end)
            );
        }

        /// `first_x_or_bracket` is `memchr3`.
        #[test]
        fn first_x_or_bracket_matches_memchr3(t in "([a-wyzA-WYZ0-9 .,:/()]{0,20}(x|X|\\[|\u{a0}|\u{2019})?){0,5}") {
            let t = t.as_bytes();
            proptest::prop_assert_eq!(first_x_or_bracket(t), memchr::memchr3(b'X', b'x', b'[', t));
        }

        /// Every keyword candidate of lines with many of them, in order.
        #[test]
        fn keyword_candidates_match_the_definition(
            t in "([a-z \n0-9]{0,9}(MM|mMa|MME|mme|OTE|oTe|ote|ot|o|m|x|a|e|1|s[uU]mmary|co|su|No|n|mment|Commentg\\.|Commentgs|comments\\.)){0,24}",
            a in 0usize..300,
            b in 0usize..300,
        ) {
            let t = t.as_bytes();
            let (start, end) = (a.min(b).min(t.len()), a.max(b).min(t.len()));
            let (h, seen) = hints_in(t, start, end, start);
            if h == Scan::Portable {
                proptest::prop_assert!(seen.is_empty());
            } else {
                proptest::prop_assert_eq!(h, slow(t, start, end, start));
                proptest::prop_assert_eq!(seen, slow_keywords(t, start, end));
            }
        }

        /// The first look on lines with look-alikes, keywords, dates and runs of
        /// digits: `Nothing`, `Figures` or the chunk of the first lane that
        /// holds as the definitions say, and `found` from that chunk finds what
        /// the definitions find in the whole line.
        #[test]
        fn first_look_matches_the_definitions(
            t in "([a-z \n]{0,12}(XxX|\\[|mma|noted|note|vote|Summary|summer|comments|Commentg\\.|2009|12/03/2009|1234567|12345678|[0-9]{1,9})){0,16}",
            a in 0usize..300,
            b in 0usize..300,
        ) {
            let t = t.as_bytes();
            let (start, end) = (a.min(b).min(t.len()), a.max(b).min(t.len()));
            let level = Level::detect();
            let want = slow(t, start, end, start);
            match inline_first(level, t, start, end) {
                First::Portable => {
                    proptest::prop_assert!(!level.avx2 || end + 33 > t.len());
                }
                First::Nothing => {
                    proptest::prop_assert_eq!(want, Scan::Nothing);
                    proptest::prop_assert!(!slow_figures(t, start, end));
                }
                First::Figures => {
                    proptest::prop_assert_eq!(want, Scan::Nothing);
                    proptest::prop_assert!(slow_figures(t, start, end));
                }
                First::At(at) => {
                    proptest::prop_assert!(start <= at.0 && at.0 < end);
                    proptest::prop_assert_ne!(want, Scan::Nothing);
                    let mut seen = Vec::new();
                    let h = inline_found(at, t, start, end, start, &mut |p| seen.push(p));
                    proptest::prop_assert_eq!(h, want);
                    proptest::prop_assert_eq!(seen, slow_keywords(t, start, end));
                }
            }
        }
    }
}
