//! The inline scan of a free-text line with AVX2: where the first redaction
//! and keyword candidates are, and whether a page-break serial may be there.
//!
//! [`inline_hints`] answers, for the line `text[start..end]`, in one pass of
//! 32-byte chunks turned into lane bitmaps with vector compares and
//! `movemask`:
//!
//! - `red`: the first offset at or after `from` where a redaction may start
//!   (an `x` with an `x` two bytes on, any case, or a `[`);
//! - `kw`: the first offset where a keyword candidate starts (`mm` for
//!   SUMMARY and COMMENT, `ote` for NOTE, any case);
//! - `digits8`: whether the line holds a run of at least eight ASCII digits (a
//!   page-break serial has exactly eight; without such a run there is none).
//!
//! These are the same candidates as the portable scan in `fields::body`
//! (`find_inline`), which stays the reference and the fallback on machines
//! without AVX2. The look-ahead of the last two offsets reads the bytes after
//! the line (zeros after the text), so the first candidate found is never later
//! than the portable scan's (which reads zeros there, or does not visit them)
//! and may only be earlier by a candidate that the finders fed with it reject:
//! they find exactly the same things. Property tests check both.
//!
//! [`newline`] finds a line's end the same way, 32 bytes a step. Both take a
//! [`Level`], the CPU test made once per tokenizer.
//!
//! This is the only module of the crate with `unsafe` code: the calls into the
//! AVX2 functions (made only through a [`Level`], which only
//! `is_x86_feature_detected!` can make say AVX2) and their unaligned loads (each
//! reads 32 bytes of an in-bounds window).

/// What [`inline_hints`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hints {
    /// First redaction candidate at or after `from`.
    pub red: Option<usize>,
    /// First keyword candidate.
    pub kw: Option<usize>,
    /// The line holds a run of at least eight ASCII digits.
    pub digits8: bool,
}

/// The hints for the line `text[start..end]` (redaction candidates from `from`
/// on; offsets absolute), or `None` when `level` has no AVX2 (the caller then
/// runs the portable scan). Needs `start <= from <= end <= text.len()`.
#[inline]
pub(crate) fn inline_hints(
    level: Level,
    text: &[u8],
    start: usize,
    end: usize,
    from: usize,
) -> Option<Hints> {
    #[cfg(target_arch = "x86_64")]
    {
        if level.avx2 {
            // SAFETY: the CPU has AVX2 (`level` says so, and only
            // `Level::detect` can make a `Level` that does).
            #[allow(unsafe_code)]
            return Some(unsafe { avx2::hints(text, start, end, from) });
        }
    }
    let _ = (level, text, start, end, from);
    None
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
}

impl Level {
    /// What this machine offers.
    pub(crate) fn detect() -> Self {
        #[cfg(target_arch = "x86_64")]
        let avx2 = std::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        let avx2 = false;
        Level { avx2 }
    }

    /// No vector instructions: the portable paths (for tests).
    #[cfg(test)]
    pub(crate) const PORTABLE: Level = Level { avx2: false };
}

/// Offset of the first `\n` in `text` at or after `start`. With AVX2, 32 bytes
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

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod avx2 {
    use super::Hints;
    use std::arch::x86_64::*;

    /// Lane bitmaps of a 32-byte chunk: newline-free text needs no line end.
    struct Lanes {
        red: u32,
        kw: u32,
        digit: u32,
    }

    /// The lanes of the first 32 bytes of `w` (its last two bytes are the
    /// look-ahead of the three-byte candidates).
    #[target_feature(enable = "avx2")]
    #[inline]
    fn lanes(w: &[u8; 34]) -> Lanes {
        let p = w.as_ptr();
        // SAFETY: each load reads 32 bytes from offset 0, 1 or 2 of the 34-byte
        // array, so never past its end; `loadu` needs no alignment. AVX2 is
        // enabled here (this function's attribute).
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
        let mm = _mm256_and_si256(eq(x, b'm'), eq(y, b'm'));
        let ote = _mm256_and_si256(_mm256_and_si256(eq(x, b'o'), eq(y, b't')), eq(z, b'e'));
        // A digit: `byte - '0'` (wrapping) is at most 9.
        let d = _mm256_sub_epi8(a, _mm256_set1_epi8(b'0' as i8));
        let digit = _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(9)), d);
        let mask = |v| _mm256_movemask_epi8(v) as u32;
        Lanes {
            red: mask(red),
            kw: mask(_mm256_or_si256(mm, ote)),
            digit: mask(digit),
        }
    }

    /// [`super::newline`] on a CPU with AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) fn newline(text: &[u8], start: usize) -> Option<usize> {
        let nl = _mm256_set1_epi8(b'\n' as i8);
        let mut i = start;
        while let Some(Ok(w)) = text.get(i..i + 32).map(<&[u8; 32]>::try_from) {
            // SAFETY: the load reads the 32 bytes of `w`; `loadu` needs no
            // alignment; AVX2 is enabled here (this function's attribute).
            let v = unsafe { _mm256_loadu_si256(w.as_ptr().cast()) };
            let m = _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, nl)) as u32;
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 32;
        }
        memchr::memchr(b'\n', text.get(i..)?).map(|k| i + k)
    }

    /// The lanes of the chunk at `i`, whose 34-byte window may run past the
    /// text (zeros there).
    #[target_feature(enable = "avx2")]
    #[inline]
    fn chunk(text: &[u8], i: usize) -> Lanes {
        match text.get(i..i + 34).map(<&[u8; 34]>::try_from) {
            Some(Ok(w)) => lanes(w),
            _ => {
                let mut buf = [0u8; 34];
                let tail = text.get(i..).unwrap_or_default();
                let n = tail.len().min(34);
                buf[..n].copy_from_slice(&tail[..n]);
                lanes(&buf)
            }
        }
    }

    /// [`super::inline_hints`] on a CPU with AVX2.
    #[target_feature(enable = "avx2")]
    pub(super) fn hints(text: &[u8], start: usize, end: usize, from: usize) -> Hints {
        let end = end.min(text.len());
        let mut out = Hints {
            red: None,
            kw: None,
            digits8: false,
        };
        // Digit lanes of the previous chunk, for runs across a chunk boundary.
        let mut prev_digits = 0u32;
        let mut i = start;
        while i < end {
            let mut l = chunk(text, i);
            if end - i < 32 {
                // The last chunk: only the lanes inside the line count (the bytes
                // after it are the look-ahead of the line's last offsets).
                let valid = (1u32 << (end - i)) - 1;
                l.red &= valid;
                l.kw &= valid;
                l.digit &= valid;
            }
            // Candidates are rare: one test for both kinds.
            if l.red | l.kw != 0 {
                if out.red.is_none() {
                    // Redactions count from `from` on.
                    let m = match from.saturating_sub(i) {
                        0 => l.red,
                        k if k >= 32 => 0,
                        k => l.red & (u32::MAX << k),
                    };
                    if m != 0 {
                        out.red = Some(i + m.trailing_zeros() as usize);
                    }
                }
                if out.kw.is_none() && l.kw != 0 {
                    out.kw = Some(i + l.kw.trailing_zeros() as usize);
                }
            }
            // Eight set bits in a row within this chunk and the previous one
            // (most chunks of prose have no digit at all).
            if l.digit != 0 && !out.digits8 {
                let d = u64::from(prev_digits) | (u64::from(l.digit) << 32);
                let d2 = d & (d >> 1);
                let d4 = d2 & (d2 >> 2);
                out.digits8 = d4 & (d4 >> 4) != 0;
            }
            prev_digits = l.digit;
            i += 32;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definitions, one byte at a time (look-ahead past the line reads the
    /// text after it, zeros past the text).
    fn slow(t: &[u8], start: usize, end: usize, from: usize) -> Hints {
        let at = |p: usize| t.get(p).copied().unwrap_or(0) | 0x20;
        let red = (from..end).find(|&p| (at(p) == b'x' && at(p + 2) == b'x') || t[p] == b'[');
        let kw = (start..end).find(|&p| {
            (at(p) == b'm' && at(p + 1) == b'm')
                || (at(p) == b'o' && at(p + 1) == b't' && at(p + 2) == b'e')
        });
        let digits8 = t[start..end]
            .split(|c| !c.is_ascii_digit())
            .any(|run| run.len() >= 8);
        Hints { red, kw, digits8 }
    }

    fn hints(t: &[u8], from: usize) -> Option<Hints> {
        inline_hints(Level::detect(), t, 0, t.len(), from)
    }

    #[test]
    fn finds_candidates_and_serials() {
        let Some(h) = hints(b"the XXXXXXXX said in Summary that 12345678 OF 003", 0) else {
            println!("skipped: no AVX2 on this machine");
            return;
        };
        assert_eq!(h.red, Some(4));
        assert_eq!(h.kw, Some(23));
        assert!(h.digits8);
        let h = hints(b"plain text with 1234567 and 7654321 in it, no more", 0).unwrap();
        assert_eq!((h.red, h.kw, h.digits8), (None, None, false));
        // Redactions count from `from`; keywords from the line start.
        let h = hints(b"xx xXx comment", 5).unwrap();
        assert_eq!((h.red, h.kw), (None, Some(9)));
        // A run of eight across the first chunk boundary.
        let h = hints(b"abcdefghijklmnopqrstuvwxyz 12345678 tail", 0).unwrap();
        assert!(h.digits8);
        // A line inside a text: offsets are absolute, the run must be in the line.
        let t = b"first 12345678\nsecond line with mm\nthird";
        let h = inline_hints(Level::detect(), t, 15, 34, 15).unwrap();
        assert_eq!((h.red, h.kw, h.digits8), (None, Some(32), false));
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

    proptest::proptest! {
        #[test]
        fn newline_is_memchr(t in "([a-z ]{0,150}\n?){0,8}", start in 0usize..1300) {
            let t = t.as_bytes();
            let start = start.min(t.len());
            let want = memchr::memchr(b'\n', &t[start..]).map(|k| start + k);
            proptest::prop_assert_eq!(newline(Level::detect(), t, start), want);
            proptest::prop_assert_eq!(newline(Level::PORTABLE, t, start), want);
        }

        #[test]
        fn hints_match_the_definitions(
            t in "([a-z \n]{0,9}(XxX|xXx|\\[|mm|OTE|ote|12345678|1234567|\u{2019})){0,24}",
            a in 0usize..300,
            b in 0usize..300,
            c in 0usize..300,
        ) {
            let t = t.as_bytes();
            let mut v = [a.min(t.len()), b.min(t.len()), c.min(t.len())];
            v.sort_unstable();
            let [start, from, end] = v;
            if let Some(h) = inline_hints(Level::detect(), t, start, end, from) {
                proptest::prop_assert_eq!(h, slow(t, start, end, from));
            }
        }
    }
}
