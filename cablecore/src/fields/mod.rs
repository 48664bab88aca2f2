//! Field-level recognisers and value parsers: pure functions over one line or a
//! few lines of text. The tokenizer uses the recognisers to classify lines; the
//! record builder uses the value parsers. Nothing here allocates unless a value
//! has to be rewritten.

pub mod body;
pub mod header;
pub mod ids;
pub mod preamble;

/// A set of bytes as a 256-entry table (one load per byte tested), built at compile
/// time. Also what a `matches!` on a few bytes is better replaced by on a hot path:
/// such a `matches!` compiles to a range test and a bit test whose range (e.g.
/// `0x20..=0x5F`) holds the upper-case letters but not the lower-case ones, a branch
/// that goes one way or the other from line to line.
pub(crate) type ByteSet = [bool; 256];

/// The [`ByteSet`] of the bytes of `set`.
pub(crate) const fn byte_set(set: &[u8]) -> ByteSet {
    let mut t = [false; 256];
    let mut i = 0;
    while i < set.len() {
        t[set[i] as usize] = true;
        i += 1;
    }
    t
}

/// [`str::trim`], byte-wise while the ends are ASCII (only a non-ASCII end,
/// possibly a Unicode space, goes through `str::trim`). Most values have a
/// visible ASCII byte at both ends and cost two comparisons.
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let start = b.iter().position(|&c| !is_ascii_ws(c)).unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|&c| !is_ascii_ws(c))
        .map_or(start, |k| k + 1);
    // Only ASCII bytes are cut off: both ends are char boundaries.
    let t = &s[start..end];
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(&a), Some(&z)) if a >= 0x80 || z >= 0x80 => t.trim(),
        _ => t,
    }
}

/// An ASCII byte that [`char::is_whitespace`] accepts (`\x0B` included, unlike
/// [`u8::is_ascii_whitespace`]).
#[inline]
pub(crate) fn is_ascii_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

#[cfg(test)]
mod tests {
    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            "a",
            " ",
            "  ",
            " a",
            "\u{b}a\u{b}",
            "\u{a0}a",
            " a ",
            "a\n",
            "(C)",
            "\u{b}X\u{b}",
            "\u{a0}TAG\u{a0}",
            "a\u{2003}",
            "\u{2003} x \u{3000}",
            "é",
            " é ",
            "a\tb\r\n",
        ] {
            assert_eq!(super::trim(s), s.trim(), "{s:?}");
        }
    }
}
