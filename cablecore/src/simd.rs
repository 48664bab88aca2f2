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
//! Most lines have none of these: a lean first pass (`avx2::first`) makes one
//! combined lane test per chunk (no bitmaps, no state; a line's last chunk is
//! its last 32 bytes, overlapping the chunk before, so no lane needs masking),
//! and only a line with something goes on to the exact pass (`avx2::found`)
//! from the chunk where it is.
//!
//! [`keyword_candidates`] lists a line's keyword candidates the same way, for
//! the marker search.
//!
//! These are the same candidates as the portable scan in `fields::body`
//! (`find_inline`), which stays the reference and the fallback on machines
//! without AVX2 and for the last line or two of a text (whose chunks would read
//! past its end). The look-ahead of the last two offsets reads the bytes after
//! the line, so the first candidate found is never later than the portable
//! scan's (which reads zeros there, or does not visit them) and may only be
//! earlier by a candidate that the finders fed with it reject: they find exactly
//! the same things. Property tests check both.
//!
//! [`newline`] finds a line's end the same way, 64 bytes a step. Both take a
//! [`Level`], the CPU test made once per tokenizer.
//!
//! This is the only module of the crate with `unsafe` code: the calls into the
//! AVX2 functions (made only through a [`Level`], which only
//! `is_x86_feature_detected!` can make say AVX2) and their unaligned loads (each
//! reads 32 bytes inside the text, checked before the loop).

/// The first candidates of a line that has some, as found by [`inline_hints`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hints {
    /// First redaction candidate at or after `from`.
    pub red: Option<usize>,
    /// First keyword candidate.
    pub kw: Option<usize>,
    /// The line holds a run of at least eight ASCII digits.
    pub digits8: bool,
}

/// What [`inline_hints`] says about a line.
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

/// The hints for the line `text[start..end]` (redaction candidates from `from`
/// on; offsets absolute). Needs `start <= from <= end <= text.len()`.
#[inline]
pub(crate) fn inline_hints(
    level: Level,
    text: &[u8],
    start: usize,
    end: usize,
    from: usize,
) -> Scan {
    #[cfg(target_arch = "x86_64")]
    {
        if level.avx2 {
            // SAFETY (both calls): the CPU has AVX2 (`level` says so, and only
            // `Level::detect` can make a `Level` that does); `found` gets its
            // chunk from `first`, which checked that the text goes on for 33
            // bytes after `end`.
            #[allow(unsafe_code)]
            return match unsafe { avx2::first(text, start, end) } {
                avx2::First::Nothing => Scan::Nothing,
                avx2::First::At(i) => unsafe { avx2::found(text, i, end, from) },
                avx2::First::Portable => Scan::Portable,
            };
        }
    }
    let _ = (level, text, start, end, from);
    Scan::Portable
}

/// Calls `visit` with every keyword candidate (as in [`Hints::kw`]) of the line
/// `text[..end]` from `first` on, in order, and returns true; or returns false
/// without a call when the vector scan cannot run (as for [`Scan::Portable`]).
#[inline]
pub(crate) fn keyword_candidates(
    level: Level,
    text: &[u8],
    first: usize,
    end: usize,
    visit: &mut dyn FnMut(usize),
) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        if level.avx2 && text.len().saturating_sub(end) >= 33 {
            // SAFETY: the CPU has AVX2 (`level` says so, and only
            // `Level::detect` can make a `Level` that does); `end + 33 <=
            // text.len()` as `keywords` needs.
            #[allow(unsafe_code)]
            unsafe {
                avx2::keywords(text, first, end, visit)
            };
            return true;
        }
    }
    let _ = (level, text, first, end, visit);
    false
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

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod avx2 {
    use super::{Hints, Scan};
    use std::arch::x86_64::*;

    /// The lanes of a 32-byte chunk, one byte per offset (`0xFF` where it holds).
    struct Lanes {
        red: __m256i,
        kw: __m256i,
        digit: __m256i,
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
        let d = _mm256_add_epi8(a, _mm256_set1_epi8(0x50));
        let digit = _mm256_cmpgt_epi8(_mm256_set1_epi8(-118), d);
        Lanes {
            red,
            kw: keyword_lanes(x, y, z),
            digit,
        }
    }

    /// The keyword lanes of a chunk: `mm` or `ote` at `x`, `y`, `z` (the chunk
    /// and the chunks one and two bytes on, in lower case).
    #[target_feature(enable = "avx2")]
    #[inline]
    fn keyword_lanes(x: __m256i, y: __m256i, z: __m256i) -> __m256i {
        let eq = |v, c: u8| _mm256_cmpeq_epi8(v, _mm256_set1_epi8(c as i8));
        let and = |u, v| _mm256_and_si256(u, v);
        let mm = and(eq(x, b'm'), eq(y, b'm'));
        let ote = and(and(eq(x, b'o'), eq(y, b't')), eq(z, b'e'));
        _mm256_or_si256(mm, ote)
    }

    /// [`super::keyword_candidates`] on a CPU with AVX2.
    ///
    /// # Safety
    ///
    /// `end + 33 <= text.len()`.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn keywords(
        text: &[u8],
        mut i: usize,
        end: usize,
        visit: &mut dyn FnMut(usize),
    ) {
        let case = _mm256_set1_epi8(0x20);
        let p = text.as_ptr();
        while i < end {
            // SAFETY: `i < end`, so the 34 bytes from `i` end by
            // `end + 33 <= text.len()` (the caller's promise); `loadu` needs no
            // alignment.
            let (x, y, z) = unsafe {
                (
                    _mm256_or_si256(_mm256_loadu_si256(p.add(i).cast()), case),
                    _mm256_or_si256(_mm256_loadu_si256(p.add(i + 1).cast()), case),
                    _mm256_or_si256(_mm256_loadu_si256(p.add(i + 2).cast()), case),
                )
            };
            let mut m = mask(keyword_lanes(x, y, z));
            if end - i < 32 {
                m &= u32::MAX >> (32 - (end - i));
            }
            while m != 0 {
                visit(i + m.trailing_zeros() as usize);
                m &= m - 1;
            }
            i += 32;
        }
    }

    /// `movemask`: bit `j` set where lane `j` holds.
    #[target_feature(enable = "avx2")]
    #[inline]
    fn mask(v: __m256i) -> u32 {
        _mm256_movemask_epi8(v) as u32
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

    /// The first look at a line for [`super::inline_hints`]: small enough to
    /// come back in registers.
    pub(super) enum First {
        /// No candidate and no digit in the line.
        Nothing,
        /// The first chunk with a candidate or a digit starts here (the line
        /// has none before it).
        At(usize),
        /// The chunks would read past the end of the text.
        Portable,
    }

    /// Where in `text[start..end]` the first chunk with a candidate or a digit
    /// is, to be handed to [`found`].
    #[target_feature(enable = "avx2")]
    pub(super) fn first(text: &[u8], start: usize, end: usize) -> First {
        // A chunk starts before `end`, so its 34-byte window ends by
        // `end + 33`: all in the text, or the portable scan runs.
        if text.len().saturating_sub(end) < 33 {
            return First::Portable;
        }
        if start >= end {
            return First::Nothing;
        }
        // Whether the chunk at `i` has a candidate or a digit in any lane (most
        // chunks have neither: one test for all).
        let any = |i: usize| {
            // SAFETY: `i < end`, so the 34 bytes from `i` end by
            // `end + 33 <= text.len()`.
            let l = unsafe { lanes(text.as_ptr().add(i)) };
            mask(_mm256_or_si256(_mm256_or_si256(l.red, l.kw), l.digit))
        };
        if end - start <= 32 {
            // Only the lanes inside the line count (the bytes after it are the
            // look-ahead of the line's last offsets).
            if any(start) & (u32::MAX >> (32 - (end - start))) == 0 {
                return First::Nothing;
            }
            return First::At(start);
        }
        let mut i = start;
        while end - i > 32 {
            if any(i) != 0 {
                return First::At(i);
            }
            i += 32;
        }
        // The last 32 bytes of the line, which may overlap the chunk before: the
        // lanes seen there had nothing, so any candidate is the first, and a
        // run of digits cannot reach back into them.
        if any(end - 32) != 0 {
            return First::At(end - 32);
        }
        First::Nothing
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

    /// What [`found`] has found so far.
    struct State {
        out: Hints,
        digits: Digits,
    }

    impl State {
        /// Takes in the chunk at `i` (its lanes `l`, of which those in `valid`
        /// are in the line; redactions count from `from` on).
        #[target_feature(enable = "avx2")]
        #[inline]
        fn chunk(&mut self, l: &Lanes, i: usize, valid: u32, from: usize) {
            if mask(_mm256_or_si256(l.red, l.kw)) & valid != 0 {
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
                if self.out.kw.is_none() {
                    let m = mask(l.kw) & valid;
                    if m != 0 {
                        self.out.kw = Some(i + m.trailing_zeros() as usize);
                    }
                }
            }
            self.digits.next(mask(l.digit) & valid);
        }
    }

    /// The digit lanes of the 32 bytes at `p`.
    ///
    /// # Safety
    ///
    /// The 32 bytes from `p` on must be readable.
    #[target_feature(enable = "avx2")]
    #[inline]
    unsafe fn digit_lanes(p: *const u8) -> u32 {
        // SAFETY: the 32 bytes are readable (the caller's promise); `loadu`
        // needs no alignment.
        let a = unsafe { _mm256_loadu_si256(p.cast()) };
        let d = _mm256_add_epi8(a, _mm256_set1_epi8(0x50));
        mask(_mm256_cmpgt_epi8(_mm256_set1_epi8(-118), d))
    }

    /// [`super::inline_hints`] on the line `text[..end]`, from the chunk at `i`
    /// (the line has no candidate and no digit before it) as [`first`] found it.
    /// Once both first candidates are known only digits are looked for, and once
    /// a run of eight is found too, nothing.
    ///
    /// # Safety
    ///
    /// `i < end` and `end + 33 <= text.len()` (as for a chunk of `first`).
    #[target_feature(enable = "avx2")]
    #[inline(never)]
    pub(super) unsafe fn found(text: &[u8], mut i: usize, end: usize, from: usize) -> Scan {
        let mut st = State {
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
        // SAFETY (all loads below): the chunks start before `end`, so their
        // 34 bytes end by `end + 33 <= text.len()` (the caller's promise).
        let p = text.as_ptr();
        // Whole chunks while a candidate is missing.
        while end - i >= 32 && (st.out.red.is_none() || st.out.kw.is_none()) {
            let l = unsafe { lanes(p.add(i)) };
            // Long lines (a paragraph on one line) have many chunks with nothing.
            if mask(_mm256_or_si256(_mm256_or_si256(l.red, l.kw), l.digit)) == 0 {
                st.digits.prev = 0;
            } else {
                st.chunk(&l, i, u32::MAX, from);
            }
            i += 32;
        }
        // Whole chunks while a run of eight digits may come.
        while end - i >= 32 && !st.digits.run8 {
            st.digits.next(unsafe { digit_lanes(p.add(i)) });
            i += 32;
        }
        // The last bytes, if something is still missing.
        if i < end && end - i < 32 {
            // Only the lanes inside the line count.
            let valid = u32::MAX >> (32 - (end - i));
            if st.out.red.is_none() || st.out.kw.is_none() {
                st.chunk(&unsafe { lanes(p.add(i)) }, i, valid, from);
            } else if !st.digits.run8 {
                st.digits.next(unsafe { digit_lanes(p.add(i)) } & valid);
            }
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

    /// The definitions, one byte at a time (look-ahead past the line reads the
    /// text after it, zeros past the text).
    fn slow(t: &[u8], start: usize, end: usize, from: usize) -> Scan {
        let at = |p: usize| t.get(p).copied().unwrap_or(0) | 0x20;
        let red = (from..end).find(|&p| (at(p) == b'x' && at(p + 2) == b'x') || t[p] == b'[');
        let kw = (start..end).find(|&p| {
            (at(p) == b'm' && at(p + 1) == b'm')
                || (at(p) == b'o' && at(p + 1) == b't' && at(p + 2) == b'e')
        });
        let digits8 = t[start..end]
            .split(|c| !c.is_ascii_digit())
            .any(|run| run.len() >= 8);
        if red.is_none() && kw.is_none() && !digits8 {
            Scan::Nothing
        } else {
            Scan::Found(Hints { red, kw, digits8 })
        }
    }

    /// The hints for all of `line` inside a text that goes on for 40 bytes.
    fn hints(line: &[u8], from: usize) -> Scan {
        let mut t = line.to_vec();
        t.extend_from_slice(&[b'.'; 40]);
        inline_hints(Level::detect(), &t, 0, line.len(), from)
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
        assert_eq!(hints(b"", 0), Scan::Nothing);
        // A line inside a text: offsets are absolute, the run must be in the line,
        // and the look-ahead reads the next line.
        let t =
            b"first 12345678\nsecond line with mm\nthird line, 87654321, and more bytes to read";
        let h = inline_hints(Level::detect(), t, 15, 34, 15);
        assert_eq!(h, found(None, Some(32), false));
        let h = inline_hints(Level::detect(), b"one ox\nendnote", 0, 6, 0);
        assert_eq!(h, Scan::Portable);
        let t = b"one ox\nendnote and more bytes to make up thirty-three";
        let h = inline_hints(Level::detect(), t, 0, 6, 0);
        assert_eq!(h, Scan::Nothing);
        let t = b"one ox\nxylophone and more bytes to make up thirty-three";
        let h = inline_hints(Level::detect(), t, 0, 6, 0);
        assert_eq!(h, found(Some(5), None, false));
        // A 62-byte line: its last 32 bytes overlap the first chunk by 30. A run
        // of eight across the overlap's start, with and without a candidate after it.
        let mut line = [b'a'; 62];
        line[29..37].copy_from_slice(b"12345678");
        assert_eq!(hints(&line, 0), found(None, None, true));
        line[50..52].copy_from_slice(b"mm");
        assert_eq!(hints(&line, 0), found(None, Some(50), true));
        // A run of six there is no run of eight.
        line[35..37].copy_from_slice(b"aa");
        assert_eq!(hints(&line, 0), found(None, Some(50), false));
        line[50..52].copy_from_slice(b"aa");
        assert_eq!(hints(&line, 0), Scan::Nothing);
        // The last chunk's look-ahead is not a candidate of its own.
        let t = b"a line of thirty-two bytes, 1234\n5678 mm XxX [ ote and then some more";
        assert_eq!(inline_hints(Level::detect(), t, 0, 32, 0), Scan::Nothing);
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

        /// Lines of up to a few chunks, with candidates and digit runs at every
        /// offset of a chunk (the look-ahead reads the text after the line), in
        /// a text that may end right after the line.
        #[test]
        fn hints_match_the_definitions(
            t in "([a-z \n]{0,9}(XxX|xXx|x|\\[|mm|OTE|ote|ot|12345678|1234567|\u{2019})){0,24}",
            a in 0usize..300,
            b in 0usize..300,
            c in 0usize..300,
        ) {
            let t = t.as_bytes();
            let mut v = [a.min(t.len()), b.min(t.len()), c.min(t.len())];
            v.sort_unstable();
            let [start, from, end] = v;
            let h = inline_hints(Level::detect(), t, start, end, from);
            if h == Scan::Portable {
                proptest::prop_assert!(!Level::detect().avx2 || end + 33 > t.len());
            } else {
                proptest::prop_assert_eq!(h, slow(t, start, end, from));
            }
            proptest::prop_assert_eq!(inline_hints(Level::PORTABLE, t, start, end, from), Scan::Portable);
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
            let h = inline_hints(Level::detect(), &t, start, end, start);
            if h != Scan::Portable {
                proptest::prop_assert_eq!(h, slow(&t, start, end, start));
            }
        }

        /// Every keyword candidate from `first` on, in order.
        #[test]
        fn keyword_candidates_match_the_definition(
            t in "([a-z \n]{0,9}(MM|mM|OTE|oTe|ote|ot|o|m|x)){0,24}",
            a in 0usize..300,
            b in 0usize..300,
        ) {
            let t = t.as_bytes();
            let (first, end) = (a.min(b).min(t.len()), a.max(b).min(t.len()));
            let mut seen = Vec::new();
            if keyword_candidates(Level::detect(), t, first, end, &mut |p| seen.push(p)) {
                let at = |p: usize| t.get(p).copied().unwrap_or(0) | 0x20;
                let want: Vec<usize> = (first..end)
                    .filter(|&p| {
                        (at(p) == b'm' && at(p + 1) == b'm')
                            || (at(p) == b'o' && at(p + 1) == b't' && at(p + 2) == b'e')
                    })
                    .collect();
                proptest::prop_assert_eq!(seen, want);
            } else {
                proptest::prop_assert!(seen.is_empty());
                proptest::prop_assert!(!Level::detect().avx2 || end + 33 > t.len());
            }
            let portable = keyword_candidates(Level::PORTABLE, t, first, end, &mut |_| ());
            proptest::prop_assert!(!portable);
        }
    }
}
