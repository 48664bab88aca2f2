//! The tokenizer: a single forward pass over one cable's text that classifies
//! every line (and, where several elements share a line, every line part) and
//! yields `(kind, span)` tokens that tile the input exactly.
//!
//! The tokenizer is a small state machine. It knows *where* an element starts
//! and ends (header or body, which preamble field a continuation line belongs
//! to, where paragraphs start); the recognisers in [`crate::fields`] know *what*
//! a single line looks like. It never allocates per line: its only buffers are a
//! few small vectors, reused for every line (and, by the record builder, from
//! text to text: [`Scratch`]).

use crate::fields::{body, header, preamble};
use crate::record::{Recipient, Span};
use crate::token::{Token, TokenKind};

/// What a field parser found on a line while the tokenizer classified it, handed
/// to the record builder so that it need not parse the same bytes again (see
/// [`Tokenizer::take_found`]).
///
/// Each value is exactly what the builder's own call for the token would give; the
/// comment at each variant says why (the builder reads the token's bytes trimmed,
/// or a prefix of the line, where the tokenizer read the line).
#[derive(Debug)]
pub(crate) enum Found<'a> {
    /// [`header::parse_recipient`] of a `Recipient` line. The tokenizer parses the
    /// line without its indentation and terminator, the builder the token's bytes
    /// trimmed of ASCII blanks and NBSPs; `parse_recipient` trims both to the same
    /// core (see [`same_header_core`]).
    Recipient(Recipient<'a>),
    /// [`header::parse_de`] of a `De` line (trimmed like a recipient line).
    De(header::De<'a>),
    /// [`header::parse_dtg`] of a `Dtg` line (trimmed like a recipient line), with
    /// its precedence letters in place ([`header::dtg_parts`]).
    Dtg(header::DtgParts<'a>),
    /// [`header::distribution_codes`] of a `Distribution` line (trimmed like a
    /// recipient line; empty for a block line without codes).
    Distribution(Vec<&'a str>),
    /// [`preamble::parse_banner`] of a `Banner` token. The tokenizer parses the line
    /// from its first byte, the class word (no blank that the builder's trim would
    /// keep comes before it), up to its end; the builder the token's bytes trimmed:
    /// the line up to the serial (a trailer follows), or the line without trailing
    /// blanks. The banner's fields come from the bytes up to the serial's end, and
    /// the builder's shorter end passes the trailer test that the line's end passed.
    Banner(preamble::Banner<'a>),
    /// [`body::paragraph_start`] of a line whose `ParagraphStart` token ends where
    /// the paragraph text starts (the builder parses the token's bytes, that prefix
    /// of the line). The start is found in the bytes before the text, and the
    /// checks at the end of a number or mark see the same blank or the end of the
    /// prefix; not kept when the token is the whole line (the builder's bytes then
    /// end with the line break, which a mark must not be followed by).
    ParagraphStart(body::ParagraphStart),
    /// [`header::parse_routing`] of a `Routing` line (trimmed like a recipient line),
    /// the indicators made into the record's `Cow`s ([`header::routing_into`]).
    Routing(Option<&'a str>, Vec<std::borrow::Cow<'a, str>>),
    /// [`preamble::field_label`] of the line (up to `end`) that a field token spans
    /// whole (`None` for a continuation line), with the value offset made absolute.
    /// The builder reads the token's bytes trimmed, which `field_label` (skipping
    /// the same blanks first, then reading forward) treats alike when only spaces
    /// follow them up to `end` (see `parse::field_label`); after other trailing
    /// blanks (a tab, an NBSP) the builder parses itself.
    Label {
        /// The label and the text offset of its value.
        label: Option<(preamble::Field, usize)>,
        /// Where the line the label was looked for in ends.
        end: usize,
    },
    /// [`preamble::caveats`] of a `Caveat` token: the tokenizer read the line
    /// without indentation (or a banner trailer trimmed), the builder the token's
    /// bytes trimmed. The two differ only by whitespace at the ends, and `caveats`
    /// reads its text trimmed of all Unicode whitespace (it skips that trim only
    /// when both ends are other ASCII bytes, and then the two texts are the same).
    Caveats(Vec<&'a str>),
    /// [`body::signature`] of the line of a `Signature` token, `len` bytes long
    /// without its terminator (the builder reads the token's bytes without
    /// trailing `\n` and `\r`: when they are `len` bytes long, that line).
    Signature {
        /// The signer ranges, relative to the line.
        ranges: Vec<std::ops::Range<usize>>,
        /// Length of the line they were found in.
        len: usize,
    },
}

/// How many parse results are kept at once: those of one line (a banner and its
/// trailer at most), which the builder takes before the next line is read.
const FOUND: usize = 2;

/// Can a header parser's own trim (ASCII whitespace, then Unicode whitespace when
/// an end is not ASCII) give a different core for the token's bytes trimmed of
/// ASCII blanks and NBSPs (`line`, what the builder reads) than for the line
/// without indentation and terminator (what the tokenizer read)? Both differ only
/// by such blanks at the ends, so only when an end of `line` is a vertical tab: that
/// one is Unicode whitespace but not cut off by the ASCII trim, and the other
/// string may go to the Unicode trim because of an NBSP beyond it.
pub(crate) fn same_header_core(line: &str) -> bool {
    let b = line.as_bytes();
    b.first() != Some(&0x0b) && b.last() != Some(&0x0b)
}

#[cfg(test)]
thread_local! {
    /// Test switch: the tokenizer takes its general paths instead of the fast
    /// paths that shortcut them (the tests compare the tokens of both).
    static GENERAL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Are the fast paths off (the test switch `GENERAL`; never outside tests)?
#[inline(always)]
fn general_paths() -> bool {
    #[cfg(test)]
    return GENERAL.with(std::cell::Cell::get);
    #[cfg(not(test))]
    false
}

/// Which part of a cable a text is known to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Region {
    /// Unknown: header and/or body, or a fragment. The tokenizer starts in
    /// header mode and switches to the body at the first body element.
    #[default]
    Auto,
    /// A header alone (the `header` column of `cables.csv`, the first HTML `<pre>`).
    Header,
    /// A body alone (the `content` column, the second HTML `<pre>`).
    Body,
}

/// Where the state machine is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Nothing seen yet (auto region): header lines or the body may come.
    Start,
    /// Inside the transmission header.
    Header,
    /// Inside the body.
    Body,
}

/// Which header list a recipient continuation line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeaderBlock {
    None,
    Routing,
    Recipients,
    Distribution,
    /// A `<<id>>` or upper-case `ID:` metadata block copied into the text.
    Metadata,
}

/// Most tokens one structural split of a line produces (banner + trailer,
/// E.O. + TAGS + SUBJECT, …) before the free-text scan takes over.
const QUEUE: usize = 32;

/// Tokens queued at once: the lines read by one `refill` (each line has
/// `QUEUE` places of its own, and a line is begun only while that many are
/// free). Half again as many as one line's: more would cost more to clear in
/// every `Tokenizer::new` than the longer runs of lines save.
const QUEUE_ALL: usize = QUEUE + 16;

/// Iterator over the tokens of one cable's text.
///
/// ```
/// use cablecore::{tokenize, TokenKind};
/// let text = "TAGS: PREL, PGOV\nSUBJECT: AN INVENTED SUBJECT\n";
/// let kinds: Vec<TokenKind> = tokenize(text).map(|t| t.kind).collect();
/// assert_eq!(kinds, [TokenKind::Tags, TokenKind::Subject]);
/// // Lossless: the spans tile the input.
/// let joined: String = tokenize(text).map(|t| t.span.slice(text)).collect();
/// assert_eq!(joined, text);
/// ```
pub struct Tokenizer<'a> {
    text: &'a str,
    /// Start of the next unread line.
    pos: usize,
    mode: Mode,
    block: HeaderBlock,
    /// Preamble field whose continuation lines may follow.
    field: Option<preamble::Field>,
    /// A blank line was seen while `field` was open.
    field_blank: bool,
    /// The previous line was a comma-terminated TAGS line.
    tags_open: bool,
    banner_seen: bool,
    eo_seen: bool,
    /// A numbered paragraph has started: the preamble is over.
    in_text: bool,
    /// The previous line was blank (or the text just started).
    after_blank: bool,
    /// Byte offset where the tail (signature, boilerplate) starts, when known.
    tail: Option<Tail>,
    tail_scanned: bool,
    /// Tokens of the lines read by the last `refill`, not yet returned.
    queue: [Token; QUEUE_ALL],
    qlen: usize,
    qpos: usize,
    /// Where the current line's tokens start in `queue`.
    qline: usize,
    /// A parse result was kept ([`Tokenizer::keep`]) since the last `refill` began.
    kept: bool,
    /// Free-text part of the current line still to be scanned: `(from, content_end, line_end)`.
    scan: Option<(usize, usize, usize)>,
    /// Inline elements found in the part being scanned (reused buffer).
    inline: Vec<(TokenKind, usize, usize)>,
    ranges: Vec<std::ops::Range<usize>>,
    markers: Vec<(body::Marker, std::ops::Range<usize>)>,
    /// The text is double-spaced (blog software put an empty line after every
    /// line): empty lines are then soft and whitespace-only lines are the real
    /// blank lines (the scraped seed's cables 1, 3 and 7). Only empty lines ask,
    /// so it is found at the first one (`None` until then): a text without one
    /// (most header texts of the sample) is never looked at.
    double_spaced: Option<bool>,
    /// Start of the line being classified, and the content of the previous
    /// non-blank line (for markers split by wrapping: `… End` / `Summary.`).
    line_start: usize,
    prev_line: (usize, usize),
    /// A numbered paragraph has been seen.
    numbered_seen: bool,
    /// The line being classified, without its terminator, and the length of its
    /// leading blanks ([`lead_len`]): found once by `fill` for every classifier.
    line: &'a str,
    lead: usize,
    /// The previous non-blank line was a pass line.
    prev_pass: bool,
    /// Preamble fields seen so far (bits of [`field_bit`]).
    seen: u8,
    /// Bare value lines still expected after a `<<id>>` metadata line.
    meta_left: u8,
    /// The text is a header alone: body elements in it are header text.
    fixed_header: bool,
    /// Letter of the last REF item bullet seen (`B` after `B. FOOBAR 12`).
    ref_bullet: Option<u8>,
    /// A signature glued to the current line: `(start, line_end)`, emitted last.
    pending_signature: Option<(usize, usize)>,
    /// A line `(start, content_end)` already searched for a page break in vain
    /// (the own-line check of short lines), so the inline scan need not repeat it.
    no_page_break: (usize, usize),
    /// The latest parse results kept for tokens, and the tokens they belong to
    /// (see [`Tokenizer::take_found`]).
    found: [Option<(Token, Found<'a>)>; FOUND],
    /// The slot of `found` to fill next (round robin).
    next_found: usize,
    /// The signature found by [`Tokenizer::scan_tail`] on the signature line, and
    /// the length of the line it read (`\r` included; `usize::MAX` when none).
    sig: Vec<std::ops::Range<usize>>,
    sig_len: usize,
    /// The last line `(start, content_end)` that [`Tokenizer::next_line_is_rule`]
    /// ran [`body::is_rule`] on, and the answer: the line is looked at again when
    /// its turn comes (and often twice before, by `continues` and `body_line`).
    rule_memo: std::cell::Cell<(usize, usize, bool)>,
    /// The CPU's vector instructions, asked once here for every line scan.
    level: crate::simd::Level,
}

/// The tokenizer's scratch buffers: offsets only, no text, so they can outlive the
/// tokenizer. The record builder hands the same buffers from text to text (see
/// [`Tokenizer::with_scratch`]) instead of growing new ones for every text.
#[derive(Default)]
pub(crate) struct Scratch {
    pub(crate) inline: Vec<(TokenKind, usize, usize)>,
    pub(crate) ranges: Vec<std::ops::Range<usize>>,
    pub(crate) markers: Vec<(body::Marker, std::ops::Range<usize>)>,
    pub(crate) sig: Vec<std::ops::Range<usize>>,
}

impl Scratch {
    /// No buffers yet.
    pub(crate) const fn new() -> Self {
        Scratch {
            inline: Vec::new(),
            ranges: Vec::new(),
            markers: Vec::new(),
            sig: Vec::new(),
        }
    }

    /// Bytes held by the buffers (what a cap on retained memory looks at).
    pub(crate) fn bytes(&self) -> usize {
        fn size<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        size(&self.inline) + size(&self.ranges) + size(&self.markers) + size(&self.sig)
    }
}

/// The tail of a body: where the signature line is and where trailing boilerplate starts.
#[derive(Debug, Clone, Copy)]
struct Tail {
    /// Start of the signature line (own line, or the line the signature is glued to).
    sig_line: Option<usize>,
    /// Start of the first boilerplate line at the end.
    start: usize,
}

impl<'a> Tokenizer<'a> {
    /// Tokenizer over `text`, whose region is `region`.
    pub fn new(text: &'a str, region: Region) -> Self {
        Self::with_scratch(text, region, Scratch::default())
    }

    /// [`Tokenizer::new`] with its scratch buffers taken from `scratch` (emptied
    /// here: every use clears them anyway, this only makes a fresh start sure).
    #[inline]
    pub(crate) fn with_scratch(text: &'a str, region: Region, scratch: Scratch) -> Self {
        let Scratch {
            mut inline,
            mut ranges,
            mut markers,
            mut sig,
        } = scratch;
        inline.clear();
        ranges.clear();
        markers.clear();
        sig.clear();
        let mode = match region {
            Region::Auto => Mode::Start,
            Region::Header => Mode::Header,
            Region::Body => Mode::Body,
        };
        let level = crate::simd::Level::detect();
        Tokenizer {
            text,
            pos: 0,
            mode,
            block: HeaderBlock::None,
            field: None,
            field_blank: false,
            tags_open: false,
            banner_seen: false,
            eo_seen: false,
            in_text: false,
            after_blank: true,
            tail: None,
            tail_scanned: false,
            queue: [Token {
                kind: TokenKind::Text,
                span: Span::new(0, 0),
            }; QUEUE_ALL],
            qlen: 0,
            qpos: 0,
            qline: 0,
            kept: false,
            scan: None,
            inline,
            ranges,
            markers,
            pending_signature: None,
            no_page_break: (usize::MAX, 0),
            found: [const { None }; FOUND],
            next_found: 0,
            sig,
            sig_len: usize::MAX,
            rule_memo: std::cell::Cell::new((usize::MAX, 0, false)),
            // Found at the first empty line (`double_spaced()`); the general path
            // finds it here, as it did before.
            double_spaced: general_paths().then(|| is_double_spaced(level, text)),
            level,
            line_start: 0,
            prev_line: (0, 0),
            ref_bullet: None,
            seen: 0,
            prev_pass: false,
            numbered_seen: false,
            line: "",
            lead: 0,
            meta_left: 0,
            fixed_header: region == Region::Header,
        }
    }

    /// The scratch buffers, for the next tokenizer ([`Tokenizer::with_scratch`]);
    /// taken by reference (a move of the whole tokenizer would copy its queue).
    pub(crate) fn take_scratch(&mut self) -> Scratch {
        Scratch {
            inline: std::mem::take(&mut self.inline),
            ranges: std::mem::take(&mut self.ranges),
            markers: std::mem::take(&mut self.markers),
            sig: std::mem::take(&mut self.sig),
        }
    }

    /// Give back the buffer of a [`Found::Signature`] once its ranges are read:
    /// it becomes the signature buffer again unless a new one is in use.
    pub(crate) fn put_back_signature(&mut self, mut ranges: Vec<std::ops::Range<usize>>) {
        if self.sig.capacity() == 0 {
            ranges.clear();
            self.sig = ranges;
        }
    }

    /// The text being tokenized.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The parse result the tokenizer kept for `tok`, the token just returned by
    /// [`Iterator::next`], if any.
    ///
    /// Contract: a result is kept for one token, identified by kind and exact span.
    /// Spans tile the text in order, so no later token can have the span of an
    /// earlier one: a result left behind (its token was never asked about) matches
    /// nothing and is overwritten later. A token that was merged with another one
    /// (same kind side by side, or a full queue) no longer has the span its result
    /// was kept for, and gets nothing. So a result can only go to the token whose
    /// bytes it was parsed from; the caller parses itself when it gets `None`.
    #[inline]
    pub(crate) fn take_found(&mut self, tok: Token) -> Option<Found<'a>> {
        // Both slots tested, then one branch (which slot holds the result varies
        // from token to token): kind and span compared with `&`.
        let hit = |s: &Option<(Token, Found<'a>)>| {
            s.as_ref().is_some_and(|(t, _)| {
                (t.kind == tok.kind)
                    & (t.span.start == tok.span.start)
                    & (t.span.end == tok.span.end)
            })
        };
        const { assert!(FOUND == 2) };
        let hits = self.found.each_ref().map(hit);
        let slot = usize::from(!hits[0]);
        if !hits[slot] {
            return None;
        }
        self.found[slot].take().map(|(_, f)| f)
    }

    /// [`Tokenizer::take_found`] for a field token: the [`Found::Label`] kept for
    /// `tok`, as `(label, end)`. A label owns nothing, so the slot is emptied
    /// without running the drop glue of [`Found`] (an outlined call for every
    /// field line); any other result stays where it is.
    #[inline]
    pub(crate) fn take_label(
        &mut self,
        tok: Token,
    ) -> Option<(Option<(preamble::Field, usize)>, usize)> {
        let slot = self.found.iter().position(|s| {
            s.as_ref()
                .is_some_and(|(t, _)| t.kind == tok.kind && t.span == tok.span)
        })?;
        let Some((_, Found::Label { label, end })) = self.found[slot] else {
            return None;
        };
        std::mem::forget(self.found[slot].take());
        Some((label, end))
    }

    /// Push a token and keep `found`, the parse result of its bytes, for it.
    /// (Inlined: `found` is not copied to a stack slot of its own on the way.)
    #[inline(always)]
    fn push_found(&mut self, kind: TokenKind, start: usize, end: usize, found: Found<'a>) {
        self.push(kind, start, end);
        self.keep(kind, start, end, found);
    }

    /// Keep `label`, [`preamble::field_label`] of the line `start..content_end`,
    /// for the `kind` token of the whole line (when `field_line` or `continuation`
    /// split the line, no token has that span and the result goes unused).
    fn keep_label(
        &mut self,
        kind: TokenKind,
        label: Option<(preamble::Field, usize)>,
        start: usize,
        content_end: usize,
        line_end: usize,
    ) {
        let label = label.map(|(f, off)| (f, start + off));
        let end = content_end;
        self.keep(kind, start, line_end, Found::Label { label, end });
    }

    /// Keep `found` for the token `kind` at `start..end`, already pushed, in place
    /// of the oldest result kept.
    fn keep(&mut self, kind: TokenKind, start: usize, end: usize, found: Found<'a>) {
        let tok = Token {
            kind,
            span: Span::new(start, end),
        };
        let slot = &mut self.found[self.next_found];
        // Emptied first (it is empty unless a result was left behind), so that the
        // assignment has nothing to drop and writes `found` straight into the slot:
        // over a full slot it would set the new value aside while the old one drops.
        if slot.is_some() {
            *slot = None;
        }
        *slot = Some((tok, found));
        self.next_found = (self.next_found + 1) % FOUND;
        self.kept = true;
    }

    fn push(&mut self, kind: TokenKind, start: usize, end: usize) {
        if start >= end {
            return;
        }
        // Merge into the previous token when the line's places are full (never
        // loses bytes).
        let full = self.qline + QUEUE;
        if self.qlen == full {
            self.queue[full - 1].span.end = end;
            return;
        }
        // Adjacent tokens of the same kind on one line become one.
        if self.qlen > self.qline && self.queue[self.qlen - 1].kind == kind {
            self.queue[self.qlen - 1].span.end = end;
            return;
        }
        self.queue[self.qlen] = Token {
            kind,
            span: Span::new(start, end),
        };
        self.qlen += 1;
    }

    /// Byte range of the line starting at `start`: `(content_end, line_end)`; the
    /// content excludes `\n` and a `\r` before it.
    fn line_at(&self, start: usize) -> (usize, usize) {
        let bytes = self.text.as_bytes();
        match crate::simd::newline(self.level, bytes, start) {
            Some(nl) => {
                // Without a branch on the line's length (an empty line is common):
                // the byte before the `\n` is read whenever there is one; before an
                // empty line's `\n` it is no `\r` of the line, and `max` keeps the
                // end at `start`.
                let cr = bytes[nl.saturating_sub(1)] == b'\r';
                ((nl - usize::from(cr)).max(start), nl + 1)
            }
            None => (bytes.len(), bytes.len()),
        }
    }

    /// Find the tail of the text: the last non-blank, non-boilerplate line, if it
    /// carries a signature, and the boilerplate lines around it. (Once per text:
    /// out of line, so as not to weigh on `body_line`'s common path; the same for
    /// the other rare helpers marked `inline(never)` below.)
    #[inline(never)]
    fn scan_tail(&mut self) {
        self.tail_scanned = true;
        let text = self.text;
        let mut end = text.len();
        let mut start_of_tail = text.len();
        let mut sig_line = None;
        // Walk lines backwards; look at no more than a handful.
        for _ in 0..12 {
            if end == 0 {
                break;
            }
            let (s, line) = line_before(text, end);
            end = s;
            if line.trim().is_empty() {
                start_of_tail = s;
                continue;
            }
            if body::is_boilerplate(line) {
                // After the signature, or before it (`Visit … Classified Web Site`) —
                // but a web address above the signature that goes on from a line of
                // text is that text's end (08STATE15220: `… will be posted at` /
                // `www.state.sgov.gov/demarche.`).
                if sig_line.is_some() && is_url_line(line) {
                    let (_, above) = line_before(text, s);
                    if !above.trim().is_empty() && !body::is_boilerplate(above) {
                        break;
                    }
                }
                start_of_tail = s;
                continue;
            }
            if sig_line.is_none()
                && body::is_truncation_fragment(line)
                && preamble::field_label(line).is_none()
            {
                // A cut-off fragment after the signature (05PARIS1699 `… RELEASED ON...`).
                start_of_tail = s;
                continue;
            }
            // The line test first: it is cheap, and rarely true, where
            // `after_end_marker` walks back to the line above (both are pure).
            if sig_line.is_none() && is_redaction_only(line) && after_end_marker(text, s) {
                // 09STATE63860: `NNNN` / `End Cable Text` / a redaction run.
                start_of_tail = s;
                continue;
            }
            if sig_line.is_none() {
                // Kept for `signature_line` (this is the only call that finds one).
                self.sig.clear();
                body::signature(line, &mut self.sig);
                if self.sig.is_empty() {
                    break;
                }
                self.sig_len = line.len();
                sig_line = Some(s);
                start_of_tail = s;
                continue;
            }
            break;
        }
        if sig_line.is_some() || start_of_tail < text.len() {
            self.tail = Some(Tail {
                sig_line,
                start: start_of_tail,
            });
        }
    }

    /// Classify one non-blank line of the header region (or the start of an auto
    /// text). Returns false when the line belongs to the body.
    fn header_line(&mut self, start: usize, line_end: usize) -> bool {
        let t = &self.line[self.lead..];
        let b = t.as_bytes();
        let mut found = None;
        let kind = match b[0] {
            b'V' if t.starts_with("VZCZC") => {
                self.block = HeaderBlock::None;
                Some(TokenKind::TransmissionId)
            }
            b'D' if t.starts_with("DE ") => header::parse_de(t).map(|de| {
                self.block = HeaderBlock::None;
                found = Some(Found::De(de));
                TokenKind::De
            }),
            b'Z' if header::is_security_line(t) => {
                self.block = HeaderBlock::None;
                Some(TokenKind::Security)
            }
            b'F' if t.starts_with("FM ") => {
                self.block = HeaderBlock::None;
                Some(TokenKind::From)
            }
            b'T' if t.starts_with("TO ") || t.trim_end() == "TO" => {
                self.block = HeaderBlock::Recipients;
                Some(TokenKind::To)
            }
            b'X' if t.starts_with("XMT ") => {
                self.block = HeaderBlock::Recipients;
                Some(TokenKind::Xmt)
            }
            b'I' if t.starts_with("INFO ") || t.trim_end() == "INFO" => {
                // `INFO RUEHC/…` (the common form) opens a recipient list: a
                // `ROUTE/` token is no distribution code (letters, `-`, digits), no
                // closing count and not parenthesised, so there are no codes.
                let after = t[4..].trim_start_matches([' ', '\t']);
                let codes = if route_prefix(after.as_bytes()).is_some() {
                    Vec::new()
                } else {
                    header::distribution_codes(t)
                };
                if codes.is_empty() {
                    self.block = HeaderBlock::Recipients;
                    Some(TokenKind::Info)
                } else {
                    self.block = HeaderBlock::Distribution;
                    found = Some(Found::Distribution(codes));
                    Some(TokenKind::Distribution)
                }
            }
            b'<' if is_id_block_start(t) => {
                self.block = HeaderBlock::Metadata;
                Some(TokenKind::MetadataLine)
            }
            _ => None,
        };
        if let Some(kind) = kind {
            match found {
                Some(f) => self.push_found(kind, start, line_end, f),
                None => self.push(kind, start, line_end),
            }
            self.mode = Mode::Header;
            return true;
        }
        // Fast path for the bulk of a header: `ROUTE/NAME …` recipient lines.
        if self.block == HeaderBlock::Recipients {
            if let Some(slash) = route_prefix(b) {
                if let Some(r) = header::parse_routed_recipient(t, slash) {
                    let f = Found::Recipient(r);
                    self.push_found(TokenKind::Recipient, start, line_end, f);
                    return true;
                }
            }
        }
        if let Some(d) = header::dtg_parts(t) {
            self.block = HeaderBlock::None;
            self.mode = Mode::Header;
            self.push_found(TokenKind::Dtg, start, line_end, Found::Dtg(d));
            return true;
        }
        if let Some((prec, inds)) = header::routing_into(t) {
            if prec.is_some() || self.block == HeaderBlock::Routing {
                self.block = HeaderBlock::Routing;
                self.mode = Mode::Header;
                let f = Found::Routing(prec, inds);
                self.push_found(TokenKind::Routing, start, line_end, f);
                return true;
            }
        }
        if is_partial_extract(t) {
            self.mode = Mode::Header;
            self.push(TokenKind::PartialExtract, start, line_end);
            return true;
        }
        if is_upper_metadata_label(t) {
            self.block = HeaderBlock::Metadata;
            self.push(TokenKind::MetadataLine, start, line_end);
            return true;
        }
        if self.block == HeaderBlock::Metadata && is_metadata_value(t) {
            self.push(TokenKind::MetadataLine, start, line_end);
            return true;
        }
        // The body starts here?
        if is_body_start(t) {
            return false;
        }
        match self.block {
            HeaderBlock::Recipients => {
                // parse_recipient refuses prose (lower case), banners and labels.
                if let Some(r) = header::parse_recipient(t) {
                    self.push_found(TokenKind::Recipient, start, line_end, Found::Recipient(r));
                    return true;
                }
            }
            HeaderBlock::Distribution => {
                let codes = header::distribution_codes(t);
                if !codes.is_empty() || is_distribution_line(t) {
                    let f = Found::Distribution(codes);
                    self.push_found(TokenKind::Distribution, start, line_end, f);
                    return true;
                }
            }
            HeaderBlock::Routing | HeaderBlock::None | HeaderBlock::Metadata => {}
        }
        if is_distribution_line(t) {
            self.block = HeaderBlock::Distribution;
            self.mode = Mode::Header;
            self.push(TokenKind::Distribution, start, line_end);
            return true;
        }
        if self.mode == Mode::Start {
            return false;
        }
        self.push(TokenKind::HeaderText, start, line_end);
        true
    }

    /// Classify one non-blank body line.
    ///
    /// Inlined first-byte dispatch: a paragraph line that opens with a lower-case
    /// letter other than `x` (most continuation lines of wrapped text) ends in
    /// [`Tokenizer::body_line_at`] at its own lower-case dispatch, after the tail
    /// and preamble tests, which the conditions here pass: the tail is known and
    /// the line is before it (and not the signature line), and the preamble is
    /// over (`in_text`).
    #[inline]
    fn body_line(&mut self, start: usize, content_end: usize, line_end: usize) {
        // The line is not blank: a byte follows its leading blanks.
        let first = self.line.as_bytes().get(self.lead).copied().unwrap_or(0);
        if first.is_ascii_lowercase()
            && first != b'x'
            && !general_paths()
            && self.in_text
            && self.tail_scanned
            && self
                .tail
                .is_none_or(|tail| start < tail.start && Some(start) != tail.sig_line)
        {
            self.field = None;
            self.scan = Some((start, content_end, line_end));
            return;
        }
        self.body_line_at(start, content_end, line_end);
    }

    /// [`Tokenizer::body_line`] past its inlined dispatch.
    #[inline(never)]
    fn body_line_at(&mut self, start: usize, content_end: usize, line_end: usize) {
        if !self.tail_scanned {
            self.scan_tail();
        }
        let text = self.text;
        let mut line = self.line;
        let lead = self.lead;
        let mut t = &line[lead..];
        // The tail: boilerplate and the signature.
        let mut content_end = content_end;
        let mut line_end = line_end;
        if let Some(tail) = self.tail {
            if Some(start) == tail.sig_line {
                if self.signature_line(start, content_end, line_end) {
                    return;
                }
                // A glued signature: the text before it is an ordinary line.
                if let Some((cut, _)) = self.pending_signature {
                    content_end = cut;
                    line_end = cut;
                    line = &text[start..cut];
                    t = &line[lead.min(line.len())..];
                }
            } else if start >= tail.start {
                // Tail furniture: boilerplate, a cut-off fragment, a redaction after
                // `End Cable Text`.
                if body::is_boilerplate(t)
                    || (body::is_truncation_fragment(t) && preamble::field_label(t).is_none())
                    || is_redaction_only(t)
                {
                    self.push(TokenKind::Boilerplate, start, line_end);
                } else {
                    self.text_line(t, start, content_end, line_end);
                }
                return;
            }
        }
        if !self.in_text && self.preamble_line(start, lead, content_end, line_end) {
            return;
        }
        self.field = None;
        // First-byte dispatch: a line that opens with a lower-case letter (most
        // continuation lines of wrapped text) is no paragraph start, rule, page
        // break or heading — only its inline elements are left to find.
        if t.as_bytes()[0].is_ascii_lowercase() && t.as_bytes()[0] != b'x' {
            // What `text_line` does for a line that does not open with an `x`.
            self.scan = Some((start, content_end, line_end));
            return;
        }
        // A paragraph starts after a blank line (or a rule, heading or page break).
        // `paragraph_start` skips the blanks that `lead` covers, then needs a digit,
        // `(` or `¶` (C2 B6): other lines are not searched (most upper-case text).
        let para = match t.as_bytes()[0] {
            b'0'..=b'9' | b'(' | 0xC2 => body::paragraph_start(line),
            _ if general_paths() => body::paragraph_start(line),
            _ => None,
        };
        if let Some(p) = para {
            // The classification line as one of the first numbered paragraphs
            // (08STATE103511: `2. (U) Classified by …`).
            if self.seen & field_bit(preamble::Field::ClassifiedBy) == 0
                && p.number.is_some_and(|n| n <= 3)
            {
                let label = preamble::field_label(line);
                if let Some((preamble::Field::ClassifiedBy, off)) = label {
                    self.in_text = false;
                    self.field_line(
                        preamble::Field::ClassifiedBy,
                        start,
                        start + off.min(line.len()),
                        content_end,
                        line_end,
                    );
                    let kind = TokenKind::ClassifiedBy;
                    self.keep_label(kind, label, start, content_end, line_end);
                    return;
                }
            }
            // An unnumbered portion-marked line inside a paragraph is text
            // (88BAGHDAD28: an inline `(secret//rel germany)` talking-point mark).
            let numbered_mark = p.number.is_some() && p.marking.is_some();
            let starts = if p.number.is_some() {
                self.after_blank || !self.in_text || numbered_mark
            } else {
                // `(C) text` opens a paragraph only in a cable without numbers, and
                // not when a rule underlines it (09DOHA214: `(S/NF) KEY POINTS`
                // between two rules is a heading).
                let underlined = t.len() < 120 && self.next_line_is_rule(line_end);
                !self.numbered_seen && (self.after_blank || !self.in_text) && !underlined
            };
            if starts {
                self.in_text = true;
                self.numbered_seen |= p.number.is_some();
                let ts = start + p.text_start.min(line.len());
                if ts >= content_end {
                    self.push(TokenKind::ParagraphStart, start, line_end);
                } else {
                    self.push_found(
                        TokenKind::ParagraphStart,
                        start,
                        ts,
                        Found::ParagraphStart(p),
                    );
                    self.scan = Some((ts, content_end, line_end));
                }
                return;
            }
        }
        // `is_rule` skips the same blanks that `lead` covers: the line's answer is
        // the answer for `t`, and it needs one of these bytes first.
        let first = t.as_bytes()[0];
        let rule = body::RULE_FIRST[usize::from(first)]
            && match self.rule_memo.get() {
                (s, e, r) if s == start && e == content_end => r,
                _ => body::is_rule(t),
            };
        if rule {
            self.push(TokenKind::Rule, start, line_end);
            return;
        }
        if t.len() < 64 && self.no_page_break != (start, content_end) {
            match page_break_line(line, lead) {
                Some(true) => {
                    self.push(TokenKind::PageBreak, start, line_end);
                    return;
                }
                Some(false) => {}
                None => self.no_page_break = (start, content_end),
            }
        }
        // `is_heading` needs a `/` after the blanks.
        if (first == b'/' && is_heading(line))
            || (t.len() < 120 && self.next_line_is_rule(line_end))
            || (self.after_blank
                && (self.in_text || self.seen & field_bit(preamble::Field::ClassifiedBy) != 0)
                && self.is_unruled_heading(t, line_end)
                && !(self.numbered_seen && is_sentence_case(t) && self.text_follows(line_end)))
        {
            // `SUMMARY -------`: heading and rule on one line.
            if let Some(r) = collapsed_rule(line) {
                self.push(TokenKind::Heading, start, start + r);
                self.push(TokenKind::Rule, start + r, line_end);
            } else {
                self.push(TokenKind::Heading, start, line_end);
            }
            return;
        }
        if let Some(r) = collapsed_rule(line) {
            if r > 0 && t.len() - (line.len() - r) < 80 {
                self.push(TokenKind::Heading, start, start + r);
                self.push(TokenKind::Rule, start + r, line_end);
                return;
            }
        }
        self.text_line(t, start, content_end, line_end);
    }

    /// A preamble line (before the first paragraph). Returns false when the line is
    /// body text after all.
    fn preamble_line(
        &mut self,
        start: usize,
        lead: usize,
        content_end: usize,
        line_end: usize,
    ) -> bool {
        let text = self.text;
        let line = &text[start..content_end];
        let t = &line[lead..];
        if !self.banner_seen {
            if let Some(b) = preamble::parse_banner(t) {
                self.banner_seen = true;
                self.field = None;
                let rest = start + lead + b.rest.min(t.len());
                let rest_text = &text[rest..content_end];
                if rest_text.trim().is_empty() {
                    self.push_found(TokenKind::Banner, start, line_end, Found::Banner(b));
                } else {
                    self.push_found(TokenKind::Banner, start, rest, Found::Banner(b));
                    self.trailer(rest, content_end, line_end);
                }
                return true;
            }
            if body::is_date_line(t) {
                self.push(TokenKind::DateLine, start, line_end);
                return true;
            }
            // The dump's metadata copied into a body: upper-case labels (09KUWAIT110)
            // or a `<<id>>` line and its bare values (09KHARTOUM881).
            if is_upper_metadata_label(t) {
                self.push(TokenKind::MetadataLine, start, line_end);
                return true;
            }
            if is_id_block_start(t) {
                self.meta_left = 6;
                self.push(TokenKind::MetadataLine, start, line_end);
                return true;
            }
            if self.meta_left > 0 && is_metadata_value(t) {
                self.meta_left -= 1;
                self.push(TokenKind::MetadataLine, start, line_end);
                return true;
            }
        }
        let label = preamble::field_label(line);
        if let Some((field, off)) = label {
            self.field_line(
                field,
                start,
                start + off.min(line.len()),
                content_end,
                line_end,
            );
            self.keep_label(field_kind(field), label, start, content_end, line_end);
            return true;
        }
        // A page break at the start of a preamble line, with a field after it
        // (09RIODEJANEIRO365: `… 001.2 OF 003 Classified By: …`). Only a marker at
        // the start counts here: when `serial_may_open` rules out a modern one
        // (most lines; an unnumbered cable's paragraphs all come here), only the
        // print-format page line is looked for, which the full search would find
        // first too. (The inline scan searches a line that is text, told by its
        // vector look whether it may hold a serial.)
        let serial = general_paths() || body::serial_may_open(t);
        match body::find_page_break_hinted(t, serial) {
            Some(r) if r.start == 0 => {
                let at = start + lead + r.end;
                let label = preamble::field_label(&text[at..content_end]);
                if let Some((field, off)) = label {
                    self.push(TokenKind::PageBreak, start, at);
                    self.field_line(field, at, at + off, content_end, line_end);
                    self.keep_label(field_kind(field), label, at, content_end, line_end);
                    return true;
                }
            }
            Some(_) => {}
            // Searched in vain: when `t` is the whole line, `body_line` and the inline
            // scan need not search it again, should the line be text.
            None if lead == 0 && serial => self.no_page_break = (start, content_end),
            None => {}
        }
        if self.seen & field_bit(preamble::Field::ClassifiedBy) == 0 {
            if let Some(list) = preamble::caveats(t) {
                self.field = None;
                self.push_found(TokenKind::Caveat, start, line_end, Found::Caveats(list));
                return true;
            }
        }
        // A field after a caveat or distribution text on the same line
        // (`SIPDIS E.O. 12958: N/A`, 02BRASILIA4227 `DEPT FOR WHA/BSC E.O. 12958: …`).
        let mut later = None;
        if let Some((off, field)) = preamble::find_field_label(t) {
            if off > 0 && self.seen & field_bit(field) == 0 {
                later = Some((off, field, preamble::caveats(t[..off].trim()).is_some()));
            }
        }
        // Continuation of the open field. Text (no caveat) before the label of a later
        // field goes to the open field when it continues it, as it does when the later
        // field was seen before (`continuation` cuts the line at the label): invented SUBJECT
        // continuation `BAR Ref: A. FOO 1`, TAGS continuation `PGOV SUBJECT: FOO`.
        if let Some(field) = self.field {
            let head = match later {
                None => Some(t),
                Some((off, next, false))
                    if preamble::find_glued_field(field, t) == Some((off, next)) =>
                {
                    Some(&t[..off])
                }
                Some(_) => None,
            };
            if head.is_some_and(|h| self.continues(field, h)) {
                self.field_blank = false;
                let kind = field_kind(field);
                self.continuation(field, kind, start, content_end, line_end);
                return true;
            }
            self.field = None;
        }
        if let Some((off, field, caveat)) = later {
            let at = start + lead + off;
            let kind = if caveat {
                TokenKind::Caveat
            } else {
                TokenKind::PassLine
            };
            let voff = preamble::field_label(&text[at..content_end]).map_or(0, |(_, o)| o);
            self.push(kind, start, at);
            self.field_line(field, at, at + voff, content_end, line_end);
            return true;
        }
        if self.banner_seen && !self.eo_seen && body::paragraph_start(line).is_none() {
            // Header recipients copied into the body (05MADRID1178:
            // `INFO EUROPEAN POLITICAL COLLECTIVE PRIORITY` / `AMEMBASSY … PRIORITY`).
            if (t.starts_with("INFO ") || t.starts_with("TO ")) && !has_lowercase(t) {
                self.block = HeaderBlock::Recipients;
                let kind = if t.starts_with("TO ") {
                    TokenKind::To
                } else {
                    TokenKind::Info
                };
                self.push(kind, start, line_end);
                return true;
            }
            if self.block == HeaderBlock::Recipients
                && !self.after_blank
                && !has_lowercase(t)
                && header::parse_recipient(t).is_some()
            {
                self.push(TokenKind::Recipient, start, line_end);
                return true;
            }
            // Pass lines, and their bare continuations (09ABUDHABI301 `SCA`).
            let continued =
                self.prev_pass && !self.after_blank && t.len() <= 60 && !has_lowercase(t);
            if continued || is_pass_line(t) {
                self.prev_pass = true;
                self.push(TokenKind::PassLine, start, line_end);
                return true;
            }
        }
        false
    }

    /// The rest of a banner line: caveats, or distribution text.
    fn trailer(&mut self, rest: usize, content_end: usize, line_end: usize) {
        let t = &self.text[rest..content_end];
        if let Some(list) = preamble::caveats(t.trim()) {
            self.push_found(TokenKind::Caveat, rest, line_end, Found::Caveats(list));
        } else if let Some((field, off)) = preamble::field_label(t) {
            self.field_line(field, rest, rest + off, content_end, line_end);
            let label = Some((field, off));
            self.keep_label(field_kind(field), label, rest, content_end, line_end);
        } else {
            self.push(TokenKind::PassLine, rest, line_end);
        }
    }

    /// A line that starts with a field label at `start` (value at `value`), possibly
    /// with later fields glued into it.
    fn field_line(
        &mut self,
        field: preamble::Field,
        start: usize,
        value: usize,
        content_end: usize,
        line_end: usize,
    ) {
        self.field = Some(field);
        self.field_blank = false;
        self.seen |= field_bit(field);
        if field == preamble::Field::Eo {
            self.eo_seen = true;
        }
        let mut field = field;
        let mut seg_start = start;
        let mut value = value;
        loop {
            let v = &self.text[value..content_end];
            match preamble::find_glued_field(field, v) {
                // A label at offset 0 is cut too (invented `SUBJECT: REF: A. FOOBAR 1`):
                // `field` keeps its label alone, with an empty value. A cut past
                // `seg_start` always moves on.
                Some((off, next)) if value + off > seg_start && value + off < content_end => {
                    let cut = value + off;
                    // 09STATE15113: `REF: STATE 6461  PLEASE PASS TO RSO, … (GSO and IT).
                    // Classified by …` — a pass instruction between REF and the next field.
                    let pass = if field == preamble::Field::Ref {
                        glued_pass(&v[..off]).map(|p| value + p)
                    } else {
                        None
                    };
                    if let Some(p) = pass {
                        self.push(field_kind(field), seg_start, p);
                        self.push(TokenKind::PassLine, p, cut);
                    } else {
                        self.push(field_kind(field), seg_start, cut);
                    }
                    let rest = &self.text[cut..content_end];
                    let voff = preamble::field_label(rest).map(|(_, o)| o).unwrap_or(0);
                    field = next;
                    seg_start = cut;
                    value = cut + voff.min(rest.len());
                    self.field = Some(next);
                    self.seen |= field_bit(next);
                    if next == preamble::Field::Eo {
                        self.eo_seen = true;
                    }
                }
                _ => break,
            }
        }
        self.tags_open = field == preamble::Field::Tags
            && self.text[seg_start..content_end].trim_end().ends_with(',');
        if field == preamble::Field::Ref {
            self.ref_bullet = ref_bullet(&self.text[value.min(content_end)..content_end]);
        }
        self.push(field_kind(field), seg_start, line_end);
    }

    /// A continuation line of an open field (which may itself carry a glued field).
    fn continuation(
        &mut self,
        field: preamble::Field,
        kind: TokenKind,
        start: usize,
        content_end: usize,
        line_end: usize,
    ) {
        let v = &self.text[start..content_end];
        if let Some((off, next)) = preamble::find_glued_field(field, v) {
            // At offset 0 the whole line is the next field (`push` drops the empty
            // token before it). Not reached while every glued label is a
            // `field_label` (a preamble.rs test): `preamble_line` takes a line that
            // starts with one as a field line.
            let cut = start + off;
            self.push(kind, start, cut);
            let rest = &self.text[cut..content_end];
            let voff = preamble::field_label(rest).map(|(_, o)| o).unwrap_or(0);
            self.field_line(next, cut, cut + voff.min(rest.len()), content_end, line_end);
            return;
        }
        self.tags_open = field == preamble::Field::Tags && v.trim_end().ends_with(',');
        if field == preamble::Field::Ref {
            if let Some(b) = ref_bullet(v) {
                self.ref_bullet = Some(b);
            }
        }
        // `preamble_line` found no label in the line before it came here.
        let f = Found::Label {
            label: None,
            end: content_end,
        };
        self.push_found(kind, start, line_end, f);
    }

    /// Does `t` (a non-blank line) continue `field`?
    fn continues(&self, field: preamble::Field, t: &str) -> bool {
        use preamble::Field::*;
        // A heading right under the field, with no blank line between them
        // (09BELGRADE765: `CLASSIFIED BY: …` / `Summary` / `-------`).
        if t.len() < 80 && self.next_line_is_rule(self.pos) {
            return false;
        }
        match field {
            Eo | DerivedFrom => false,
            Tags => !self.field_blank && (self.tags_open || looks_like_tag_line(t)),
            Subject => {
                if body::paragraph_start(t).is_some() {
                    return false;
                }
                !self.field_blank || self.subject_after_blank(t)
            }
            ClassifiedBy => {
                // `(C), AND (D).` continues the reasons; it is not a portion mark.
                !self.field_blank
                    && body::paragraph_start(t).is_none_or(|p| p.number.is_none())
                    && t.len() < 200
            }
            Ref => {
                // `(C) 09 STATE 1234` after `(B) …` is the next item, not a
                // portion-marked paragraph: the letters run on.
                let next_item = match (self.ref_bullet, ref_bullet(t)) {
                    (Some(prev), Some(b)) => b == prev + 1,
                    (None, Some(b)) => b == b'A' || b == b'B',
                    _ => false,
                };
                if let Some(p) = body::paragraph_start(t) {
                    if p.number.is_some() || (p.marking.is_some() && !next_item) {
                        return false;
                    }
                }
                if self.field_blank {
                    // Blank lines can sit between REF items: go on only with the next item.
                    next_item
                } else {
                    true
                }
            }
        }
    }

    /// A SUBJECT wrapped with a blank line inside it (09STATE30049, 10SHENYANG4):
    /// the subject line ends mid-phrase, the next line is short, in the same case,
    /// not a heading word, and is followed by a blank line.
    fn subject_after_blank(&self, t: &str) -> bool {
        let (ps, pe) = self.prev_line;
        let prev = self.text[ps..pe].trim_end();
        if prev.ends_with(['.', ':', '?', '!', ')', '"']) || t.len() > 100 {
            return false;
        }
        if has_lowercase(prev) != has_lowercase(t) {
            return false;
        }
        let mut markers = Vec::new();
        body::find_markers(t, &mut markers);
        if !markers.is_empty() || body::is_rule(t) || body::find_page_break(t).is_some() {
            return false;
        }
        let end = self.pos;
        end >= self.text.len() || {
            let (ce, _) = self.line_at(end);
            self.text[end..ce].trim().is_empty()
        }
    }

    /// An unruled heading: a short title line between blank lines, without
    /// sentence punctuation at its end, in a cable with numbered paragraphs
    /// (04MADRID2164 `Reaching out to the Regions`, 04ANKARA348).
    #[inline(never)]
    fn is_unruled_heading(&self, t: &str, line_end: usize) -> bool {
        let t = t.trim_end();
        let b = t.as_bytes();
        if b.is_empty() || b.len() > 90 {
            return false;
        }
        // A title may open with a figure (04MADRID2164: `2.7 Million Moroccans
        // Crossing the Strait This Summer`); then it must be written as a title.
        if !(b[0].is_ascii_uppercase()
            || b[0].is_ascii_digit() && t.contains(' ') && !is_sentence_case(t))
        {
            return false;
        }
        if matches!(
            b[b.len() - 1],
            b'.' | b',' | b';' | b'"' | b')' | b'-' | b'\''
        ) || t.ends_with('\u{201d}')
            || t.bytes().all(|c| c == b'X' || c == b'x' || c == b' ')
        {
            return false;
        }
        // Lists and bullets are not headings; nor are a handful of words that end
        // a letter (`Best regards`). (The words are counted only before a `true`.)
        if t.starts_with("--") {
            return false;
        }
        let few_words = || word_count(t) <= 14;
        if line_end >= self.text.len() {
            return false;
        }
        // The next line must be blank…
        let (ce, next_end) = self.line_at(line_end);
        let next = self.text[line_end..ce].trim();
        let colon = b[b.len() - 1] == b':';
        if next.is_empty() && !colon {
            return few_words();
        }
        // …or a numbered paragraph must follow (directly: 09BAMAKO776's `PROGRESS AND
        // CONCERNS IN NORTHERN MALI` above `¶3. (S) …`), which a title ending in a
        // colon needs (04MADRID4063: `Other issues:` above `¶7.`; a label above a list
        // is no title)…
        if self.numbered_paragraph_follows(line_end) {
            return few_words();
        }
        if colon {
            return false;
        }
        // …or end an upper-case title wrapped over two lines (09STATE119085:
        // `Section C.  PROCEDURES FOR HANDLING WALK-IN` / `ARRIVALS`), then a blank.
        // (The title's letters are counted only after the cheap tests of `next`.)
        let upper_title = || {
            let (upper, lower) = t.bytes().fold((0, 0), |(u, l), c| {
                (
                    u + usize::from(c.is_ascii_uppercase()),
                    l + usize::from(c.is_ascii_lowercase()),
                )
            });
            upper >= 4 * lower.max(1)
        };
        next.len() <= 40
            && !has_lowercase(next)
            && next
                .bytes()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
            && upper_title()
            && few_words()
            && (next_end >= self.text.len() || {
                let (ce2, _) = self.line_at(next_end);
                self.text[next_end..ce2].trim().is_empty()
            })
    }

    /// Whether the next non-blank line after `line_end` is text that does not open a
    /// numbered paragraph. In a cable with numbered paragraphs, a short line between
    /// blank lines that such text follows is a sub-heading inside the paragraph
    /// (04MADRID960: `¶5. (C) Possible PSOE response` … `What will change` /
    /// `--From the PSOE side, …`), not a section heading.
    fn text_follows(&self, line_end: usize) -> bool {
        // A page break between a heading and its rule or paragraph is skipped.
        self.next_content_line(line_end, true).is_some_and(|line| {
            body::paragraph_start(line).is_none_or(|p| p.number.is_none())
                && !body::is_rule(line)
                && !is_heading(line)
        })
    }

    /// Whether the next non-blank line after `line_end` opens a numbered paragraph.
    fn numbered_paragraph_follows(&self, line_end: usize) -> bool {
        self.next_content_line(line_end, false)
            .is_some_and(|line| body::paragraph_start(line).is_some_and(|p| p.number.is_some()))
    }

    /// The first line from `at` on that is not blank (nor, with `skip_page_breaks`, a
    /// page-break line), without its terminator.
    fn next_content_line(&self, mut at: usize, skip_page_breaks: bool) -> Option<&'a str> {
        let text = self.text;
        while at < text.len() {
            let (ce, next) = self.line_at(at);
            let line = &text[at..ce];
            let page_break = || {
                body::find_page_break(line).is_some_and(|r| {
                    line[..r.start].trim().is_empty() && line[r.end..].trim().is_empty()
                })
            };
            let skipped = is_blank(line) || (skip_page_breaks && page_break());
            if !skipped {
                return Some(line);
            }
            at = next;
        }
        None
    }

    /// Is the line at `line_end` a rule ([`body::is_rule`])? The first byte
    /// decides most lines here, without a call.
    #[inline]
    fn next_line_is_rule(&self, line_end: usize) -> bool {
        // A rule opens with `-`, `=`, `_`, an em/en dash (0xE2), or blanks.
        let first = self.text.as_bytes().get(line_end).copied();
        first.is_some_and(|c| body::RULE_OR_BLANK_FIRST[usize::from(c)])
            && self.next_line_is_rule_slow(line_end)
    }

    /// [`Tokenizer::next_line_is_rule`] past the first byte (memoised).
    #[inline(never)]
    fn next_line_is_rule_slow(&self, line_end: usize) -> bool {
        if line_end >= self.text.len() {
            return false;
        }
        // Cheap look at the next line's first byte before finding its end: a rule
        // opens with `-`, `=`, `_` or an em/en dash (0xE2).
        let bytes = self.text.as_bytes();
        let first = bytes[line_end..]
            .iter()
            .find(|&&c| c != b' ' && c != b'\t')
            .copied();
        if !matches!(first, Some(b'-' | b'=' | b'_' | 0xE2)) {
            return false;
        }
        let (ce, _) = self.line_at(line_end);
        let (s, e, r) = self.rule_memo.get();
        if s == line_end && e == ce {
            return r;
        }
        let r = body::is_rule(&self.text[line_end..ce]);
        self.rule_memo.set((line_end, ce, r));
        r
    }

    /// The signature line of the tail: own-line surnames, or a signature glued to
    /// the last paragraph line (`…on American soil. DOE`), whose text part is then
    /// classified like any other line. Returns true when the whole line was handled.
    #[inline(never)]
    fn signature_line(&mut self, start: usize, content_end: usize, line_end: usize) -> bool {
        let line = &self.text[start..content_end];
        // `scan_tail` found the signature in this line, read up to its `\n`: the
        // same bytes unless a `\r` ends them.
        if self.sig_len != line.len() {
            self.sig.clear();
            body::signature(line, &mut self.sig);
        }
        self.sig_len = usize::MAX;
        let first = self.sig.iter().map(|r| r.start).min().unwrap_or(0);
        let lead = line.len() - line.trim_start().len();
        // `MINIMIZE CONSIDERED DOE` (10BRASILIA43): boilerplate then the signer.
        if self.sig.is_empty()
            || first <= lead
            || line.get(..first).is_some_and(body::is_boilerplate)
        {
            let ranges = std::mem::take(&mut self.sig);
            let f = Found::Signature {
                ranges,
                len: line.len(),
            };
            self.push_found(TokenKind::Signature, start, line_end, f);
            return true;
        }
        let mut cut = start + first;
        // Keep the space before the signature with the text.
        while cut > start && self.text.as_bytes()[cut - 1] == b' ' {
            cut -= 1;
        }
        let cut = if cut == start { start + first } else { cut };
        self.pending_signature = Some((cut, line_end));
        false
    }

    /// A free-text line: scanned for inline elements (page breaks, redactions, markers).
    /// `t` is the line `start..content_end` without its leading blanks.
    #[inline]
    fn text_line(&mut self, t: &str, start: usize, content_end: usize, line_end: usize) {
        // A line of nothing but five or more `X`s is a redaction (the first byte
        // decides most lines before the end is trimmed).
        if matches!(t.as_bytes().first(), Some(b'X' | b'x')) {
            let t = t.trim_ascii_end();
            if t.len() >= 5 && t.bytes().all(|c| c == b'X' || c == b'x') {
                self.push(TokenKind::Redaction, start, line_end);
                return;
            }
        }
        self.scan = Some((start, content_end, line_end));
    }

    /// Split the pending free-text part into Text and inline tokens (into the queue).
    fn emit_scan(&mut self) {
        let Some((from, content_end, line_end)) = self.scan.take() else {
            return;
        };
        let text = self.text;
        let line_start = self.line_start.min(from);
        let first = crate::simd::inline_first(self.level, text.as_bytes(), line_start, content_end);
        // Most lines: the first look finds nothing in the line (no redaction
        // candidate, no keyword the marker search may take, no run of eight
        // digits), on which `find_inline_and_serial` finds nothing and says "no
        // serial, no keyword", so that only a print-format page line is left to
        // look for. None is there without a digit with a digit two bytes on
        // (its serial has three digits or more): `Nothing`, the whole part is
        // text. (With one, `Figures`: years, dates, `scan_inline` looks.)
        let plain = first == crate::simd::First::Nothing && !general_paths();
        let cur = if plain {
            from
        } else {
            self.scan_inline(first, from, content_end)
        };
        // The remainder of the line (with its terminator).
        if cur < line_end {
            // `cur` never passes `content_end`: past it is only the terminator.
            let kind = if cur >= content_end && self.qlen > self.qline {
                self.queue[self.qlen - 1].kind
            } else {
                TokenKind::Text
            };
            self.push(kind, cur, line_end);
        }
    }

    /// [`Tokenizer::emit_scan`] on a part whose line's first look (`first`) found
    /// something (or was not taken: no AVX2, the last bytes of the text): queues
    /// the inline elements of the part `from..content_end` with the text before
    /// them, and returns where the text after the last one starts. (Out of line:
    /// most lines do not come here.)
    #[inline(never)]
    fn scan_inline(&mut self, first: crate::simd::First, from: usize, content_end: usize) -> usize {
        let text = self.text;
        // Figures but no candidate and no run of eight digits (years, dates):
        // `find_inline_and_serial` finds nothing and says "no serial, no
        // keyword", so that only a print-format page line is left.
        if first == crate::simd::First::Figures && !general_paths() {
            let page_break = if self.no_page_break != (from, content_end) {
                body::find_page_break_in(text, from..content_end, false)
            } else {
                None
            };
            return match page_break {
                None => from,
                Some(r) => {
                    self.ranges.clear();
                    self.markers.clear();
                    self.emit_inline(from, content_end, 0, Some(r))
                }
            };
        }
        self.ranges.clear();
        self.markers.clear();
        // Redactions are found in the part; markers on the whole line (a keyword
        // right after the paragraph number, `1. (C) Summary.`, is a start marker)
        // and kept when they lie in the part being scanned.
        let line_start = self.line_start.min(from);
        let shift = from - line_start;
        let scan = body::find_inline_and_serial(
            self.level,
            first,
            text,
            line_start..content_end,
            from,
            &mut self.ranges,
            &mut self.markers,
        );
        let page_break = if self.no_page_break != (from, content_end) {
            body::find_page_break_in(text, from..content_end, scan.serial)
        } else {
            None
        };
        if !self.markers.is_empty() {
            self.markers.retain_mut(|(_, r)| {
                if r.start < shift {
                    return false;
                }
                r.start -= shift;
                r.end -= shift;
                true
            });
        }
        // A split marker's keyword is in this line: most lines have none.
        if scan.keyword && from == self.line_start && self.prev_line_ends_marker() {
            let (ps, pe) = self.prev_line;
            if let Some(m) = body::split_end_marker(&text[ps..pe], &text[from..content_end]) {
                self.markers.retain(|(_, r)| r.start >= m.1.end);
                self.markers.insert(0, m);
            }
        }
        // Most lines hold no inline element: the whole part is text.
        if self.ranges.is_empty() && self.markers.is_empty() && page_break.is_none() {
            return from;
        }
        self.emit_inline(from, content_end, shift, page_break)
    }

    /// Does the previous non-blank line end with `End` or `Begin` (any case, before
    /// trailing whitespace), so that a marker may be split over it and this line
    /// (`… End` / `Summary.`)?
    fn prev_line_ends_marker(&self) -> bool {
        let (ps, pe) = self.prev_line;
        let prev = &self.text.as_bytes()[ps..pe];
        let ends = |pt: &[u8]| {
            (pt.len() >= 3 && pt[pt.len() - 3..].eq_ignore_ascii_case(b"END"))
                || (pt.len() >= 5 && pt[pt.len() - 5..].eq_ignore_ascii_case(b"BEGIN"))
        };
        // A line that ends in a visible ASCII byte other than `d`/`n` cannot end
        // with either word (most lines: no trimming needed to know).
        match prev.last() {
            Some(&c) if c.is_ascii_graphic() => {
                return matches!(c | 0x20, b'd' | b'n') && ends(prev)
            }
            _ => {}
        }
        // After the ASCII trim, an ASCII byte other than a vertical tab (Unicode
        // whitespace that `trim_ascii_end` keeps) ends the Unicode trim too.
        let pt = prev.trim_ascii_end();
        match pt.last() {
            Some(&c) if c.is_ascii() && c != 0x0b => matches!(c | 0x20, b'd' | b'n') && ends(pt),
            None => false,
            Some(_) => {
                let (ps, pe) = self.prev_line;
                ends(self.text[ps..pe].trim_end().as_bytes())
            }
        }
    }

    /// Queue the inline elements found in the part `from..content_end` (redactions
    /// in `self.ranges` relative to the line, shifted by `shift`; markers relative to
    /// the part; a page break) with the text between them. Returns where the text
    /// after the last one starts. (Out of line: few lines have any.)
    #[inline(never)]
    fn emit_inline(
        &mut self,
        from: usize,
        content_end: usize,
        shift: usize,
        page_break: Option<std::ops::Range<usize>>,
    ) -> usize {
        let text = self.text;
        self.inline.clear();
        for r in &self.ranges {
            self.inline
                .push((TokenKind::Redaction, r.start - shift, r.end - shift));
        }
        if let Some(r) = page_break {
            self.inline.push((TokenKind::PageBreak, r.start, r.end));
        }
        for (m, r) in &self.markers {
            let kind = match m {
                body::Marker::SummaryStart | body::Marker::SummaryEnd => TokenKind::SummaryMarker,
                body::Marker::CommentStart | body::Marker::CommentEnd => TokenKind::CommentMarker,
                body::Marker::NoteStart | body::Marker::NoteEnd => TokenKind::NoteMarker,
            };
            self.inline.push((kind, r.start, r.end));
        }
        self.inline.sort_unstable_by_key(|&(_, s, e)| (s, e));
        let mut cur = from;
        let mut i = 0;
        while i < self.inline.len() {
            let (kind, s, e) = self.inline[i];
            i += 1;
            let (s, e) = (from + s, from + e);
            // Skip overlapping or out-of-range finds; keep spans on char boundaries.
            if s < cur
                || e > content_end
                || s >= e
                || !text.is_char_boundary(s)
                || !text.is_char_boundary(e)
            {
                continue;
            }
            if self.qlen - self.qline + 2 >= QUEUE {
                // Keep the rest as text rather than lose a byte.
                break;
            }
            self.push(TokenKind::Text, cur, s);
            self.push(kind, s, e);
            cur = e;
        }
        cur
    }

    /// Read lines into the empty queue until one gives tokens (a soft empty line
    /// may give none), and on while the queue has places for a whole line
    /// (`QUEUE`) and no parse result was kept: the builder takes a line's results
    /// before the next line keeps any, so a `refill` ends at a line that kept
    /// one. (Most calls read many lines: a call for each line cost about a
    /// twentieth of a line of free text.) False at the end of the text, when no
    /// token is left.
    #[inline(never)]
    fn refill(&mut self) -> bool {
        self.qlen = 0;
        self.qpos = 0;
        self.kept = false;
        while self.fill() {
            if self.qlen > QUEUE_ALL - QUEUE || self.kept || (general_paths() && self.qlen > 0) {
                break;
            }
        }
        self.qpos < self.qlen
    }

    /// Is the text double-spaced ([`is_double_spaced`], found on first use)?
    #[inline]
    fn double_spaced(&mut self) -> bool {
        match self.double_spaced {
            Some(d) => d,
            None => self.find_double_spaced(),
        }
    }

    /// [`Tokenizer::double_spaced`] the first time.
    #[inline(never)]
    fn find_double_spaced(&mut self) -> bool {
        let d = is_double_spaced(self.level, self.text);
        self.double_spaced = Some(d);
        d
    }

    /// Read the next line into the queue.
    fn fill(&mut self) -> bool {
        self.qline = self.qlen;
        if self.pos >= self.text.len() {
            return false;
        }
        let start = self.pos;
        let (content_end, line_end) = self.line_at(start);
        self.pos = line_end;
        let content = &self.text[start..content_end];
        let (lead, is_blank) = lead_and_blank(content);
        self.line = content;
        self.lead = lead;
        self.line_start = start;
        if is_blank {
            self.blank_line(start, line_end);
            if !(content.is_empty() && self.double_spaced()) {
                self.after_blank = true;
            }
            // A soft (inserted) empty line changes nothing else.
            return true;
        }
        self.classify(start, content_end, line_end);
        self.prev_line = (start, content_end);
        // The kind of the line's last token decides both flags.
        let last = self.queue[self.qline..self.qlen].last().map(|t| t.kind);
        if last != Some(TokenKind::PassLine) {
            self.prev_pass = false;
        }
        self.after_blank = matches!(
            last,
            Some(TokenKind::PageBreak | TokenKind::Rule | TokenKind::Heading)
        );
        true
    }

    /// A blank line (what `header_line` and `body_line` would do with it, without
    /// their other checks): a Blank token, and in the body the end of a TAGS list
    /// and a blank line inside an open field, unless the line is a soft one.
    fn blank_line(&mut self, start: usize, line_end: usize) {
        self.push(TokenKind::Blank, start, line_end);
        if self.mode == Mode::Body && !(self.line.is_empty() && self.double_spaced()) {
            if self.field.is_some() {
                self.field_blank = true;
            }
            self.tags_open = false;
        }
    }

    /// Classify the non-blank line `start..line_end` into the queue.
    fn classify(&mut self, start: usize, content_end: usize, line_end: usize) {
        match self.mode {
            Mode::Start | Mode::Header => {
                if !self.header_line(start, line_end) {
                    if self.fixed_header {
                        // 09DOHA214: an e-mail export in the header carries a banner;
                        // in a header alone it is header text.
                        self.push(TokenKind::HeaderText, start, line_end);
                    } else {
                        self.mode = Mode::Body;
                        self.block = HeaderBlock::None;
                        self.body_line(start, content_end, line_end);
                    }
                }
            }
            Mode::Body => {
                // A header copied into the body before its banner (09KHARTOUM881).
                if !self.banner_seen && !self.in_text && self.line.trim_start().starts_with("VZCZC")
                {
                    self.mode = Mode::Header;
                    self.header_line(start, line_end);
                } else {
                    self.body_line(start, content_end, line_end);
                }
            }
        }
        if self.scan.is_some() {
            self.emit_scan();
        }
        if let Some((s, e)) = self.pending_signature.take() {
            self.push(TokenKind::Signature, s, e);
        }
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    /// Pops the queue; only when it is empty does the out-of-line `refill`
    /// classify the next line(s), so the common pop stays a few instructions.
    #[inline]
    fn next(&mut self) -> Option<Token> {
        if self.qpos >= self.qlen && !self.refill() {
            return None;
        }
        let t = self.queue[self.qpos];
        self.qpos += 1;
        Some(t)
    }
}

impl std::iter::FusedIterator for Tokenizer<'_> {}

/// Tokens of `text` (header and/or body, or a fragment; the region is detected).
pub fn tokenize(text: &str) -> Tokenizer<'_> {
    Tokenizer::new(text, Region::Auto)
}

fn field_bit(f: preamble::Field) -> u8 {
    match f {
        preamble::Field::Eo => 1,
        preamble::Field::Tags => 2,
        preamble::Field::Subject => 4,
        preamble::Field::Ref => 8,
        preamble::Field::ClassifiedBy => 16,
        preamble::Field::DerivedFrom => 32,
    }
}

fn field_kind(f: preamble::Field) -> TokenKind {
    match f {
        preamble::Field::Eo => TokenKind::Eo,
        preamble::Field::Tags => TokenKind::Tags,
        preamble::Field::Subject => TokenKind::Subject,
        preamble::Field::Ref => TokenKind::Ref,
        preamble::Field::ClassifiedBy => TokenKind::ClassifiedBy,
        preamble::Field::DerivedFrom => TokenKind::DerivedFrom,
    }
}

/// `RUEHC/`, `ZEN/`: a routing indicator and a slash open the line. The offset of
/// the slash.
fn route_prefix(b: &[u8]) -> Option<usize> {
    header::route_len(b)
}

/// Does the text look double-spaced: nearly every non-blank line among the
/// first lines followed by an empty line, and most of those lines cut off
/// mid-sentence (hard-wrapped text)? A cable with one paragraph per line also
/// has an empty line after every line, but its lines end sentences.
fn is_double_spaced(level: crate::simd::Level, text: &str) -> bool {
    let mut followed_by_empty = 0u32;
    let mut followed_by_text = 0u32;
    let mut open_ended = 0u32;
    let mut prev: Option<&[u8]> = None;
    let bytes = text.as_bytes();
    let mut start = 0;
    for _ in 0..80 {
        if start >= bytes.len() {
            break;
        }
        // Lines are short: the vector line-end search beats `memchr`'s set-up.
        let end = crate::simd::newline(level, bytes, start).unwrap_or(bytes.len());
        let mut line = &bytes[start..end];
        start = end + 1;
        if let [rest @ .., b'\r'] = line {
            line = rest;
        }
        if is_blank_bytes(line) {
            if let (Some(p), true) = (prev, line.is_empty()) {
                followed_by_empty += 1;
                let p = p.trim_ascii_end();
                let closed = matches!(p.last(), Some(b'.' | b':' | b'?' | b'!' | b'"' | b')'))
                    || p.ends_with("\u{201d}".as_bytes());
                if !closed {
                    open_ended += 1;
                }
            }
            prev = None;
        } else {
            if prev.is_some() {
                followed_by_text += 1;
            }
            prev = Some(line);
        }
        // At most 40 lines can be followed by an empty one, so the verdict below is
        // already "no" once 5 lines were followed by text or 17 by an empty line
        // after a closed sentence (most texts: within the first lines).
        if followed_by_text > 4 || followed_by_empty - open_ended > 16 {
            return false;
        }
    }
    followed_by_empty >= 8
        && followed_by_text * 10 <= followed_by_empty
        && open_ended * 10 >= followed_by_empty * 6
}

/// A line of nothing but whitespace: ASCII blanks and NBSP (blog pages use
/// NBSP-only lines as blank lines). Byte-level: stops at the first other byte.
fn is_blank(s: &str) -> bool {
    is_blank_bytes(s.as_bytes())
}

fn is_blank_bytes(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\r' | b'\n' | b'\x0b' | b'\x0c' => i += 1,
            0xC2 if b.get(i + 1) == Some(&0xA0) => i += 2,
            0x80.. => {
                // Other Unicode whitespace (U+2000…) is rare: fall back to char checks.
                return std::str::from_utf8(&b[i..])
                    .map(|s| s.trim().is_empty())
                    .unwrap_or(false);
            }
            _ => return false,
        }
    }
    true
}

/// The length of the leading blanks of a line ([`lead_len`]), and whether it is
/// blank ([`is_blank`]; the leading blanks are blank to it too: the rest decides).
#[inline]
fn lead_and_blank(line: &str) -> (usize, bool) {
    match line.as_bytes().first() {
        // A visible ASCII byte first (most lines): no leading blanks, and
        // `is_blank_bytes` stops at it.
        Some(&c) if (0x21..0x80).contains(&c) && !general_paths() => (0, false),
        _ => {
            let lead = lead_len(line);
            (lead, is_blank_bytes(&line.as_bytes()[lead..]))
        }
    }
}

/// Length of the leading blanks of a line: spaces, tabs and the non-ASCII blanks
/// `char::is_whitespace` takes ([`preamble::unicode_blank_bytes`]: NBSP, and in
/// scraped copies the em space U+2003, the ideographic space U+3000, …: invented
/// `\u{2003}1. (C) Text` is a numbered paragraph, as with spaces).
fn lead_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' => i += 1,
            0xC2 if b.get(i + 1) == Some(&0xA0) => i += 2,
            // Another non-ASCII byte (rare in a lead): out of line.
            0x80.. => return body::skip_lead_blanks_from(b, i),
            _ => break,
        }
    }
    i
}

/// Offset of a pass instruction (`PLEASE PASS TO …`, `PLS PASS TO …`) set off by two
/// blanks inside a field value.
fn glued_pass(v: &str) -> Option<usize> {
    ["  PLEASE PASS TO ", "  PLS PASS TO "]
        .iter()
        .filter_map(|m| v.find(m).map(|i| i + 2))
        .min()
}

/// Is `line`, whose first `lead` bytes are its blanks, a page-break line (a
/// marker from its start, blanks after it)? `None` when the line holds no page
/// break at all (searched in full: the inline scan need not search it again).
///
/// Only a marker that opens `t` (the line past its blanks) makes the line one,
/// and `serial_may_open` rules a modern one out by three bytes of `t` (most
/// lines; the print-format page line is looked for in any case): such a line
/// is not searched for a serial further in, as the first marker found there
/// would not open the line either. The same answer as the search for the first
/// marker anywhere in the line (`page_break_line_is_the_first_marker_search`,
/// and every line of the corpus in `page_break_line_on_corpus_lines`).
#[inline]
fn page_break_line(line: &str, lead: usize) -> Option<bool> {
    let Some(t) = line.get(lead..) else {
        return Some(false);
    };
    let serial = general_paths() || body::serial_may_open(t);
    match body::find_page_break_hinted(line, serial) {
        Some(r) => Some(r.start <= lead && line[r.end..].trim().is_empty()),
        None if serial => None,
        None => Some(false),
    }
}

/// A line written like a sentence rather than a title: at least two words, and at
/// least half of them start with a lower-case letter (`What will change`, not
/// `Going Nuclear?: Uranium Rumors and More` or `PROVINCIAL PORTS ATTRACTIVE`).
fn is_sentence_case(t: &str) -> bool {
    let (mut words, mut lower) = (0, 0);
    for w in t.split_ascii_whitespace() {
        words += 1;
        lower += usize::from(w.as_bytes()[0].is_ascii_lowercase());
    }
    words >= 2 && lower * 2 >= words
}

/// A line that starts with a web address (`www.…`, `http://…`).
fn is_url_line(line: &str) -> bool {
    let t = line.trim_start().as_bytes();
    [&b"www."[..], b"http://", b"https://"]
        .iter()
        .any(|p| t.len() >= p.len() && t[..p.len()].eq_ignore_ascii_case(p))
}

/// The line that ends just before offset `end` (a line start, or the end of the
/// text): its start and its text without the `\n` (a `\r` stays).
fn line_before(text: &str, end: usize) -> (usize, &str) {
    let b = text.as_bytes();
    let e = if end > 0 && b[end - 1] == b'\n' {
        end - 1
    } else {
        end
    };
    let start = memchr::memrchr(b'\n', &b[..e]).map_or(0, |i| i + 1);
    (start, &text[start..e])
}

/// A line of nothing but a redaction run.
fn is_redaction_only(line: &str) -> bool {
    let t = line.trim_ascii();
    t.len() >= 5 && t.bytes().all(|c| c == b'X' || c == b'x')
}

/// Is the last non-blank line before `at` an end-of-cable marker (`NNNN`,
/// `End Cable Text`)? Then a redaction after it is furniture, not a signature.
fn after_end_marker(text: &str, at: usize) -> bool {
    let before = text[..at].trim_ascii_end();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let last = before[start..].trim_ascii();
    last == "NNNN" || last.eq_ignore_ascii_case("End Cable Text")
}

/// A line that can only be the body: banner, date line, caveat, preamble label.
fn is_body_start(t: &str) -> bool {
    preamble::parse_banner(t).is_some()
        || body::is_date_line(t)
        || preamble::caveats(t).is_some()
        || preamble::field_label(t).is_some()
}

/// "This record is a partial extract of the original cable. …"
fn is_partial_extract(t: &str) -> bool {
    t.starts_with("This record is a partial extract")
}

/// `<<218634>>`: the dump's id block copied into a body (09KHARTOUM881).
fn is_id_block_start(t: &str) -> bool {
    let t = t.trim_end();
    t.len() > 4
        && t.starts_with("<<")
        && t.ends_with(">>")
        && t[2..t.len() - 2].bytes().all(|b| b.is_ascii_digit())
}

/// Upper-case dump labels copied into a body (09KUWAIT110): `ID:`, `ORIGIN:`, …
fn is_upper_metadata_label(t: &str) -> bool {
    const LABELS: [&str; 7] = [
        "ID:",
        "ORIGIN:",
        "DATE:",
        "SOURCE:",
        "CLASSIFICATION:",
        "MISC:",
        "DESTINATION:",
    ];
    LABELS.iter().any(|l| t.starts_with(l))
}

/// A value line of a `<<id>>` block: a date, a reference id, an origin, a
/// classification (short, no sentence punctuation).
fn is_metadata_value(t: &str) -> bool {
    let t = t.trim_end();
    !t.is_empty() && t.len() <= 40 && !t.starts_with("VZCZC") && !t.contains(". ")
}

/// State distribution block lines outside the `INFO` line.
fn is_distribution_line(t: &str) -> bool {
    t.starts_with("ACTION ")
        || t.starts_with("PAGE ")
        || t.starts_with("ORIGIN ")
        || t.starts_with("SOURCE: ")
        || t.starts_with("DRAFTED BY")
        || t.starts_with("APPROVED BY")
        || t.starts_with("Distribution:")
        || (t.starts_with("-----") && t.trim_end().ends_with(|c: char| c.is_ascii_digit()))
}

/// A heading by itself: `//HEADING//`.
fn is_heading(line: &str) -> bool {
    let lead = lead_len(line);
    if line.as_bytes().get(lead) != Some(&b'/') {
        return false;
    }
    let t = line[lead..].trim_ascii_end();
    t.len() > 4 && t.starts_with("//") && t.ends_with("//")
}

/// Offset where a run of ≥ 5 dashes closes a line (`SUMMARY -------`, and the
/// blog-typography form `HEADING ——————— ———–` of the scraped seed).
#[inline]
fn collapsed_rule(line: &str) -> Option<usize> {
    // Most lines end in a visible ASCII byte other than `-`: no rule there
    // (a non-ASCII last byte may be a dash or Unicode space, left to the loop).
    if matches!(line.trim_ascii_end().as_bytes().last(), Some(&c) if c.is_ascii() && c != b'-') {
        return None;
    }
    collapsed_rule_slow(line)
}

/// [`collapsed_rule`] of a line whose end may be a dash.
#[inline(never)]
fn collapsed_rule_slow(line: &str) -> Option<usize> {
    let t = line.trim_end();
    let mut dashes = 0;
    let mut i = t.len();
    for (at, c) in t.char_indices().rev() {
        match c {
            '-' | '\u{2014}' | '\u{2013}' => dashes += 1,
            ' ' => {}
            _ => break,
        }
        i = at;
    }
    if dashes < 5 || i == 0 {
        return None;
    }
    Some(i)
}

/// Distribution / pass lines: `STATE FOR EUR/RUS`, `AMEMBASSY X PASS TO Y`, `FOR …`,
/// and their bare continuations (`AND EB`, `NEA/ARP, NEA/RA`).
fn is_pass_line(t: &str) -> bool {
    let t = t.trim_end();
    if t.len() > 400 {
        return false;
    }
    // A sentence is no addressee list, unless it names its offices
    // (09STATE15113 `PLEASE PASS TO RSO, POLOFF, …`).
    if t.ends_with('.') && !(t.contains("PASS TO") || t.contains(" FOR ")) {
        return false;
    }
    // Addressee lists are upper case; a lower-case one still names its offices
    // with ` FOR ` / `PASS TO` (09KHARTOUM881).
    if has_lowercase(t) {
        return t.contains(" FOR ") || t.contains("PASS TO") || t.starts_with("FOR ");
    }
    t.contains(" FOR ")
        || t.starts_with("FOR ")
        || t.contains("PASS ")
        || t.starts_with("AND ")
        || (t.contains('/') && !t.contains(". "))
}

/// `t.split_whitespace().count()`, counted on the bytes when `t` is ASCII (the
/// whitespace of `char::is_whitespace` among ASCII bytes: tab to carriage return,
/// and the space).
fn word_count(t: &str) -> usize {
    if !t.is_ascii() {
        return t.split_whitespace().count();
    }
    let mut words = 0;
    let mut in_word = false;
    for &c in t.as_bytes() {
        let blank = matches!(c, b'\t'..=b'\r' | b' ');
        words += usize::from(!blank && !in_word);
        in_word = !blank;
    }
    words
}

fn has_lowercase(t: &str) -> bool {
    t.bytes().any(|b| b.is_ascii_lowercase())
}

/// A continuation line of a blank- or comma-separated TAGS list: words of at most six
/// upper-case letters and digits. They are split at every blank (`char::is_whitespace`,
/// as the TAGS value parser splits them: invented `PREL\u{2003}PGOV`,
/// `PREL\u{a0}PGOV`, `PREL\tPGOV`), `,` and `;`; any other byte fails the line.
fn looks_like_tag_line(t: &str) -> bool {
    let t = t.trim_end();
    if t.is_empty() || t.len() > 80 {
        return false;
    }
    let b = t.as_bytes();
    let (mut i, mut word) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'A'..=b'Z' | b'0'..=b'9' => {
                word += 1;
                if word > 6 {
                    return false;
                }
                i += 1;
            }
            b'\t'..=b'\r' | b' ' | b',' | b';' => {
                word = 0;
                i += 1;
            }
            _ => match preamble::unicode_blank_bytes(b, i) {
                0 => return false,
                n => {
                    word = 0;
                    i += n;
                }
            },
        }
    }
    true
}

/// `B.`, `B)`, `(B)`, `b.` at the start of a line.
/// The upper-cased letter of a REF list bullet (`B.`, `B)`, `(B)`, `b.`, `¶B.`)
/// at the start of a line.
fn ref_bullet(t: &str) -> Option<u8> {
    let b = t.trim_start().as_bytes();
    match b {
        [b'(', l, b')', ..] if l.is_ascii_alphabetic() => Some(l.to_ascii_uppercase()),
        // A space or a non-ASCII blank after it (invented `B.\u{a0}FOO 123`).
        [l, b'.' | b')', rest @ ..]
            if l.is_ascii_alphabetic()
                && match rest.first() {
                    None | Some(b' ') => true,
                    Some(0x80..) => preamble::unicode_blank_bytes(rest, 0) > 0,
                    _ => false,
                } =>
        {
            Some(l.to_ascii_uppercase())
        }
        [b'\xc2', b'\xb6', rest @ ..] => ref_bullet(std::str::from_utf8(rest).unwrap_or("")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text)
            .map(|t| (t.kind, t.span.slice(text)))
            .collect()
    }

    #[test]
    fn kept_results_go_to_their_own_token_once() {
        let text = "TO RUEHC/SECSTATE WASHDC IMMEDIATE 1234\n\
                    RUEHXY/AMEMBASSY FOOBAR PRIORITY 0001  \n\
                    DE RUEHXY #0042/01 1012232\n";
        let mut tz = Tokenizer::new(text, Region::Header);
        let to = tz.next().unwrap();
        assert_eq!(to.kind, TokenKind::To);
        assert!(tz.take_found(to).is_none());
        let rec = tz.next().unwrap();
        assert_eq!(rec.kind, TokenKind::Recipient);
        // A token of the same kind with another span gets nothing.
        let other = Token {
            kind: TokenKind::Recipient,
            span: Span::new(rec.span.start, rec.span.end - 1),
        };
        assert!(tz.take_found(other).is_none());
        let Some(Found::Recipient(r)) = tz.take_found(rec) else {
            panic!("no recipient kept");
        };
        assert_eq!(
            Some(&r),
            header::parse_recipient(rec.span.slice(text)).as_ref()
        );
        assert_eq!(r.name, "AMEMBASSY FOOBAR");
        assert!(tz.take_found(rec).is_none(), "taken once");
        // A result left behind matches no later token.
        let de = tz.next().unwrap();
        assert_eq!(de.kind, TokenKind::De);
        assert!(tz.take_found(rec).is_none());
        let Some(Found::De(d)) = tz.take_found(de) else {
            panic!("no DE kept");
        };
        assert_eq!((d.station, d.serial), ("RUEHXY", "0042"));
    }

    #[test]
    fn take_found_finds_either_slot() {
        // Both slots full: each result goes to its own token, whichever slot holds
        // it, once; a token that matches neither (another kind, or another end)
        // gets nothing.
        let mut tz = Tokenizer::new("", Region::Body);
        let label = |end| Found::Label { label: None, end };
        tz.keep(TokenKind::Tags, 0, 5, label(5));
        tz.keep(TokenKind::Subject, 5, 9, label(9));
        let tok = |kind, start, end| Token {
            kind,
            span: Span::new(start, end),
        };
        assert!(tz.take_found(tok(TokenKind::Subject, 0, 5)).is_none());
        assert!(tz.take_found(tok(TokenKind::Tags, 0, 6)).is_none());
        assert!(tz.take_found(tok(TokenKind::Tags, 1, 5)).is_none());
        for (t, end) in [
            (tok(TokenKind::Subject, 5, 9), 9),
            (tok(TokenKind::Tags, 0, 5), 5),
        ] {
            assert!(matches!(tz.take_found(t), Some(Found::Label { end: e, .. }) if e == end));
            assert!(tz.take_found(t).is_none(), "taken once");
        }
    }

    #[test]
    fn take_label_gives_a_label_once_to_its_own_token() {
        let mut tz = Tokenizer::new("", Region::Header);
        let tok = |kind, start, end| Token {
            kind,
            span: Span::new(start, end),
        };
        let label = Some((preamble::Field::Tags, 6));
        tz.keep(TokenKind::Tags, 0, 12, Found::Label { label, end: 11 });
        tz.keep(TokenKind::Dtg, 12, 20, Found::Distribution(vec!["X"]));
        // Another kind, start or end gets nothing.
        for t in [
            tok(TokenKind::Subject, 0, 12),
            tok(TokenKind::Tags, 1, 12),
            tok(TokenKind::Tags, 0, 11),
        ] {
            assert_eq!(tz.take_label(t), None);
        }
        let tags = tok(TokenKind::Tags, 0, 12);
        assert_eq!(tz.take_label(tags), Some((label, 11)));
        assert_eq!(tz.take_label(tags), None, "taken once");
        assert!(tz.take_found(tags).is_none());
        // Not a label: left for `take_found`.
        let dtg = tok(TokenKind::Dtg, 12, 20);
        assert_eq!(tz.take_label(dtg), None);
        assert!(matches!(tz.take_found(dtg), Some(Found::Distribution(v)) if v == ["X"]));
    }

    #[test]
    fn keep_replaces_a_result_left_behind() {
        // Three results in two slots: the oldest one, never taken, is replaced
        // (and dropped); the two latest go to their tokens.
        let mut tz = Tokenizer::new("", Region::Header);
        let tok = |kind, start, end| Token {
            kind,
            span: Span::new(start, end),
        };
        tz.keep(TokenKind::Caveat, 0, 4, Found::Caveats(vec!["A"]));
        tz.keep(TokenKind::Caveat, 4, 8, Found::Caveats(vec!["B"]));
        tz.keep(TokenKind::Caveat, 8, 12, Found::Caveats(vec!["C"]));
        assert!(tz.take_found(tok(TokenKind::Caveat, 0, 4)).is_none());
        for (start, want) in [(8, "C"), (4, "B")] {
            let t = tok(TokenKind::Caveat, start, start + 4);
            assert!(matches!(tz.take_found(t), Some(Found::Caveats(v)) if v == [want]));
        }
    }

    #[test]
    fn line_at_drops_a_carriage_return_only_before_the_line_break() {
        let text = "\n\r\nab\r\nc\rd\n\r\r\nend";
        let tz = Tokenizer::new(text, Region::Body);
        let mut start = 0;
        let mut lines = Vec::new();
        while start < text.len() {
            let (content_end, line_end) = tz.line_at(start);
            lines.push(&text[start..content_end]);
            start = line_end;
        }
        assert_eq!(lines, ["", "", "ab", "c\rd", "\r", "end"]);
        // From the line break itself: an empty line, whatever byte is before it.
        assert_eq!(tz.line_at(6), (6, 7));
    }

    #[test]
    fn a_refill_reads_many_lines_and_keeps_each_lines_places() {
        // Plain lines are read in one `refill`; a line with more inline elements
        // than its places, begun well inside the queue, is cut as when it is read
        // alone (the general path reads one line a call).
        let plain = "the minister said that the talks had gone well\n";
        let crowded = "a XXXXX b ".repeat(40) + "\n";
        let text = format!(
            "1. (C) Text.\n{}{crowded}{}",
            plain.repeat(10),
            plain.repeat(40)
        );
        let mut tz = Tokenizer::new(&text, Region::Body);
        // The first line keeps its paragraph start: it is read alone.
        tz.by_ref().take(3).count();
        assert_eq!(tz.qlen, 10 + QUEUE - 1);
        same_tokens_both_ways(&text);
        let toks = tokens_with(&text, Region::Body, false);
        let line = text.find("a XXXXX").unwrap()..text.rfind(&crowded).unwrap() + crowded.len();
        let on_line: Vec<_> = toks
            .iter()
            .filter(|t| line.contains(&t.span.start))
            .collect();
        assert_eq!(on_line.len(), QUEUE - 1, "{on_line:?}");
        assert_eq!(on_line.last().unwrap().span.end, line.end);
    }

    #[test]
    fn results_kept_in_a_many_line_refill_reach_their_tokens() {
        // A refill ends at a line that kept a result: the paragraph start after
        // plain lines, and the signature line, get theirs.
        let text = "1. (C) Text.\nmore text of the paragraph\nand more\n\n\
                    2. (C) The second paragraph.\nits text\n\nDOE\n";
        let mut tz = Tokenizer::new(text, Region::Body);
        let mut kinds = Vec::new();
        while let Some(tok) = tz.next() {
            if tz.take_found(tok).is_some() {
                kinds.push(tok.kind);
            }
        }
        assert_eq!(
            kinds,
            [
                TokenKind::ParagraphStart,
                TokenKind::ParagraphStart,
                TokenKind::Signature
            ]
        );
    }

    #[test]
    fn labels_are_kept_with_their_value_offset_in_the_text() {
        let text = "  SUBJECT: FOOBAR TALKS  \nTAGS: PREL, PGOV\n";
        let mut tz = Tokenizer::new(text, Region::Body);
        let subj = tz.next().unwrap();
        assert_eq!(subj.kind, TokenKind::Subject);
        let Some(Found::Label { label, end }) = tz.take_found(subj) else {
            panic!("no label kept");
        };
        let (field, value) = label.unwrap();
        assert_eq!(field, preamble::Field::Subject);
        assert_eq!(&text[value..end], "FOOBAR TALKS  ");
        // A banner keeps its parse for the banner token only.
        let text = "S E C R E T SECTION 01 OF 02 FOOBAR 001234 SIPDIS\n";
        let mut tz = Tokenizer::new(text, Region::Body);
        let banner = tz.next().unwrap();
        assert_eq!(banner.kind, TokenKind::Banner);
        let caveat = tz.next().unwrap();
        assert_eq!(caveat.kind, TokenKind::Caveat);
        let Some(Found::Caveats(list)) = tz.take_found(caveat) else {
            panic!("no caveats kept");
        };
        assert_eq!(list, ["SIPDIS"]);
        let Some(Found::Banner(b)) = tz.take_found(banner) else {
            panic!("no banner kept");
        };
        assert_eq!((b.post, b.serial, b.section), ("FOOBAR", "001234", Some(1)));
    }

    #[test]
    fn header_core_differs_only_at_a_vertical_tab() {
        assert!(same_header_core("RUEHC/SECSTATE WASHDC"));
        assert!(same_header_core(""));
        assert!(!same_header_core("FOOBAR POST\x0b"));
        assert!(!same_header_core("\x0bFOOBAR POST"));
    }

    #[test]
    fn tiles_simple_inputs() {
        for text in ["", "\n", "a", "a\nb", "a\r\nb\r\n", "\n\n\n", "X\u{a0}\n"] {
            let joined: String = tokenize(text).map(|t| t.span.slice(text)).collect();
            assert_eq!(joined, text);
        }
    }

    #[test]
    fn ref_bullets() {
        assert_eq!(ref_bullet("B. FOO 123"), Some(b'B'));
        assert_eq!(ref_bullet("(C) FOO 123"), Some(b'C'));
        assert_eq!(ref_bullet("b) FOO"), Some(b'B'));
        assert_eq!(ref_bullet("\u{b6}D. FOO 1"), Some(b'D'));
        assert_eq!(ref_bullet("Bob said"), None);
        // Invented: a Unicode blank after the letter, as a space.
        for c in ["\u{a0}", "\u{2003}", "\u{3000}", "\u{85}"] {
            assert_eq!(ref_bullet(&format!("B.{c}FOO 123")), Some(b'B'), "{c:?}");
            assert_eq!(ref_bullet(&format!("c){c}FOO")), Some(b'C'), "{c:?}");
        }
        assert_eq!(ref_bullet("B.\u{a9}FOO"), None);
        assert_eq!(ref_bullet("B.\u{2019}s"), None);
    }

    #[test]
    fn ref_items_lettered_like_portion_marks_stay_in_the_ref_block() {
        let text =
            "REF: (A) FOOBAR 12\n(B) FOOBAR 13\n\n(C) 09 FOOBAR 14\n\n(C) The minister said.\n";
        let k = kinds(text);
        let refs = k.iter().filter(|(k, _)| *k == TokenKind::Ref).count();
        assert_eq!(refs, 3, "{k:?}");
        assert_eq!(k.last().map(|t| t.0), Some(TokenKind::Text), "{k:?}");
    }

    #[test]
    fn collapsed_rules() {
        assert_eq!(collapsed_rule("SUMMARY -------"), Some(7));
        assert_eq!(collapsed_rule("-------"), None);
        assert_eq!(collapsed_rule("text -- more"), None);
        // Dashes behind trailing blanks, ASCII or Unicode, and em / en dashes.
        assert_eq!(collapsed_rule("SUMMARY -------  \t"), Some(7));
        assert_eq!(collapsed_rule("SUMMARY -------\u{a0}"), Some(7));
        assert_eq!(collapsed_rule("SUMMARY -------\u{2003}"), Some(7));
        assert_eq!(
            collapsed_rule("HEADING \u{2014}\u{2014}\u{2014} \u{2014}\u{2013}"),
            Some(7)
        );
        assert_eq!(collapsed_rule("ends in a dash -"), None);
        assert_eq!(collapsed_rule("ends in a quote \u{201d}"), None);
    }

    #[test]
    fn slash_headings() {
        assert!(is_heading("//SUMMARY//"));
        assert!(is_heading("  \u{a0}//SUMMARY//  "));
        assert!(!is_heading("/SUMMARY//"));
        assert!(!is_heading("////"));
        assert!(!is_heading("SUMMARY//"));
    }

    #[test]
    fn blank_lines_are_blank() {
        let k = kinds("\n \n\u{a0}\n");
        assert!(k.iter().all(|(k, _)| *k == TokenKind::Blank), "{k:?}");
        // Lines of other Unicode spaces are blank too (as `str::trim` sees them).
        let k = kinds("\u{2003}\n\u{3000} \u{a0}\n\t\u{85}\u{202f}\r\n");
        assert!(k.iter().all(|(k, _)| *k == TokenKind::Blank), "{k:?}");
        assert!(!is_blank("\u{2003}\u{200b}"));
    }

    #[test]
    fn unruled_heading_between_classified_by_and_the_first_paragraph() {
        // 04MADRID4063, 09TRIPOLI663: a title line after the preamble, before ¶1.
        let text = "Classified By: Jane Doe for reasons 1.4 (b) and (d)\n\n\
                    Minister Agrees That Talks Went Well\n\n\n\
                    1. (C) The minister said the talks had gone well.\n";
        let k = kinds(text);
        assert!(
            k.contains(&(TokenKind::Heading, "Minister Agrees That Talks Went Well\n")),
            "{k:?}"
        );
        let c = crate::parse(text);
        assert_eq!(c.paragraphs.len(), 1);
        assert_eq!(c.paragraphs[0].number, Some(1));
    }

    #[test]
    fn sentence_case_sub_heading_inside_a_numbered_paragraph_is_text() {
        // 04MADRID960: `What will change` between the bullets of paragraph 5.
        let body = "5. (C) Possible responses\n\n--The first point.\n\n\
                    What will change\n\n\n--The second point.\n";
        let c = crate::parse(body);
        assert_eq!(c.paragraphs.len(), 1, "{:?}", c.paragraphs);
        assert!(c.paragraphs[0].text.contains("What will change"));
        assert!(c.paragraphs[0].text.ends_with("--The second point."));
        // A title-case heading, or one that a numbered paragraph follows, stays one.
        for body in [
            "5. (C) Text.\n\nGoing Nuclear: Rumors and More\n\n--More text.\n",
            "5. (C) Text.\n\nWhat will change\n\n6. (C) More text.\n",
            "5. (C) Text.\n\nWhat will change\n\nFOOBAR 00001234 002 OF 002\n\n6. (C) More.\n",
        ] {
            let k = kinds(body);
            assert!(
                k.iter().any(|(k, _)| *k == TokenKind::Heading),
                "{body:?}: {k:?}"
            );
        }
    }

    #[test]
    fn title_opening_with_a_figure_is_a_heading() {
        // 04MADRID2164: `2.7 Million Moroccans Crossing the Strait This Summer`.
        let body = "8. (C) Text of the paragraph.\n\n2.5 Million Visitors Expected This Year\n\n\
                    9. (C) More text.\n";
        let k = kinds(body);
        assert!(
            k.contains(&(
                TokenKind::Heading,
                "2.5 Million Visitors Expected This Year\n"
            )),
            "{k:?}"
        );
        // A sentence that opens with a figure is not one.
        let body = "8. (C) Text.\n\n2009 was a good year for the ministry\n\n9. (C) More.\n";
        assert!(!kinds(body).iter().any(|(k, _)| *k == TokenKind::Heading));
    }

    #[test]
    fn upper_case_title_wrapped_over_two_lines() {
        // 09STATE119085: `Section C.  PROCEDURES FOR HANDLING WALK-IN` / `ARRIVALS`.
        let body =
            "23. (S) Text of the paragraph.\n\nSection C.  PROCEDURES FOR HANDLING VISITORS\n\
                    ARRIVALS\n\n24. (S) More text.\n";
        let k = kinds(body);
        assert!(
            k.contains(&(
                TokenKind::Heading,
                "Section C.  PROCEDURES FOR HANDLING VISITORS\n"
            )) && k.contains(&(TokenKind::Heading, "ARRIVALS\n")),
            "{k:?}"
        );
        // Two lines of an ordinary unnumbered paragraph are not a title.
        let body =
            "23. (S) Text.\n\nTHE EMBASSY WILL REPORT\nFURTHER DEVELOPMENTS.\n\n24. (S) More.\n";
        assert!(!kinds(body).iter().any(|(k, _)| *k == TokenKind::Heading));
        // 09TBILISI2025: a wrapped `COMMENT: …` title opens the comment, whose text is
        // the paragraph after it.
        let c = crate::parse(
            "4. (C) Text.\n\nCOMMENT:  THE WRONG SHIP AT THE WRONG\nTIME\n\n\
             5. (C) The sale is a problem.\n",
        );
        assert_eq!(c.comment.as_deref(), Some("The sale is a problem."));
        assert_eq!(c.paragraphs.len(), 2);
    }

    #[test]
    fn title_directly_above_a_numbered_paragraph() {
        // 09BAMAKO776: a title with no blank line before `¶3.`.
        let body = "2. (S) Text of the paragraph.\n\nPROGRESS IN THE NORTH\n3. (S) More text.\n";
        let k = kinds(body);
        assert!(
            k.contains(&(TokenKind::Heading, "PROGRESS IN THE NORTH\n")),
            "{k:?}"
        );
        let c = crate::parse(body);
        assert_eq!(c.paragraphs[0].text, "Text of the paragraph.");
    }

    #[test]
    fn portion_marked_title_between_rules_is_a_heading() {
        // 09DOHA214: `-----` / `(S/NF) KEY POINTS` / `-----` before unnumbered text.
        let body = "Classified By: Jane Doe for reasons 1.4 (b).\n\n---------\n(S) MAIN POINTS\n\
                    ---------\n\n-- The first point.\n";
        let k = kinds(body);
        assert!(
            k.contains(&(TokenKind::Heading, "(S) MAIN POINTS\n")),
            "{k:?}"
        );
        let c = crate::parse(body);
        assert_eq!(c.paragraphs.len(), 1);
        assert_eq!(c.paragraphs[0].text, "-- The first point.");
    }

    #[test]
    fn title_ending_in_a_colon_above_a_numbered_paragraph() {
        // 04MADRID4063: `Other issues:` between paragraphs 6 and 7.
        let body = "6. (C) Text of the paragraph.\n\nOther matters:\n\n7. (C) More text.\n";
        let k = kinds(body);
        assert!(
            k.contains(&(TokenKind::Heading, "Other matters:\n")),
            "{k:?}"
        );
        // A label above a list stays text.
        let body = "6. (C) Text.\n\nParticipants:\n\nJane Doe, Embassy\n";
        assert!(!kinds(body).iter().any(|(k, _)| *k == TokenKind::Heading));
    }

    #[test]
    fn pass_instruction_between_ref_and_classified_by() {
        let text = "REF: FOOBAR 123  PLEASE PASS TO RSO AND POLOFF.  Classified by Jane Doe, Reason: 1.4 (b)\n";
        let k = kinds(text);
        assert_eq!(
            k,
            [
                (TokenKind::Ref, "REF: FOOBAR 123  "),
                (TokenKind::PassLine, "PLEASE PASS TO RSO AND POLOFF.  "),
                (
                    TokenKind::ClassifiedBy,
                    "Classified by Jane Doe, Reason: 1.4 (b)\n"
                ),
            ]
        );
        let c = crate::parse(text);
        assert_eq!(c.pass_lines, ["PLEASE PASS TO RSO AND POLOFF."]);
        assert_eq!(c.references.len(), 1);
        assert_eq!(c.classified_by.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn web_address_ending_a_sentence_above_the_signature_is_text() {
        let text = "1. (U) The report will be posted at\nwww.example.sgov.gov/reports.\nDOE\n";
        let k = kinds(text);
        assert!(
            k.contains(&(TokenKind::Text, "www.example.sgov.gov/reports.\n")),
            "{k:?}"
        );
        assert_eq!(k.last(), Some(&(TokenKind::Signature, "DOE\n")));
        // Under a `Visit …` line the address is furniture, as before.
        let text =
            "1. (U) Text.\n\nVisit our Classified Web Site at\nwww.example.sgov.gov/x\nDOE\n";
        let k = kinds(text);
        assert!(
            k.contains(&(TokenKind::Boilerplate, "www.example.sgov.gov/x\n")),
            "{k:?}"
        );
    }

    #[test]
    fn redaction_run_is_tail_furniture_only_after_an_end_marker() {
        // `scan_tail` tests the redaction line first, the end marker above it
        // second: the same answer as the other order.
        for marker in ["NNNN", "End Cable Text", "end cable text  "] {
            let text = format!("1. (U) Text.\n\nDOE\n{marker}\n\nXXXXXXXXXXXX\n");
            let k = kinds(&text);
            assert_eq!(
                k.last(),
                Some(&(TokenKind::Boilerplate, "XXXXXXXXXXXX\n")),
                "{k:?}"
            );
            assert!(k.contains(&(TokenKind::Signature, "DOE\n")), "{k:?}");
        }
        // After the marker a signer is still the signature.
        let k = kinds("1. (U) Text.\n\nNNNN\nDOE\n");
        assert_eq!(k.last(), Some(&(TokenKind::Signature, "DOE\n")), "{k:?}");
        // Without the marker the redaction run is the last line: no signature.
        for text in [
            "1. (U) Text.\n\nDOE\n\nXXXXXXXXXXXX\n",
            "1. (U) Text.\nNNNN DOE\nXXXXXXXXXXXX\n",
        ] {
            let k = kinds(text);
            assert!(!k.iter().any(|(k, _)| *k == TokenKind::Signature), "{k:?}");
            assert!(
                !k.iter().any(|(k, _)| *k == TokenKind::Boilerplate),
                "{k:?}"
            );
        }
    }

    #[test]
    fn end_marker_split_over_lines_behind_trailing_blanks() {
        // `… End` / `summary.`: the previous line may end in blanks of any kind.
        for sep in ["", "  ", "\t", "\u{a0}"] {
            let text = format!("1. (C) The point was made. End{sep}\nsummary. More text.\n");
            let k = kinds(&text);
            assert!(
                k.contains(&(TokenKind::SummaryMarker, "summary.")),
                "{sep:?}: {k:?}"
            );
        }
        // Other Unicode whitespace is looked behind, and the marker finder decides
        // (it trims only blanks); a word that merely ends in `end` is no marker.
        for text in [
            "1. (C) The point was made. End\u{2003}\nsummary. More text.\n",
            "1. (C) The point was made. End\x0b\nsummary. More text.\n",
            "1. (C) The point was made. Weekend\nsummary. More text.\n",
        ] {
            let k = kinds(text);
            assert!(
                !k.iter().any(|(k, _)| *k == TokenKind::SummaryMarker),
                "{text:?}: {k:?}"
            );
        }
    }

    #[test]
    fn blank_line_closes_a_comma_terminated_tags_list() {
        // A blank line ends a comma-terminated TAGS list: the next line is text.
        let k = kinds("TAGS: PREL, PGOV,\n\nFOOBAR XX\n");
        assert_eq!(k[1], (TokenKind::Blank, "\n"));
        assert_ne!(k[2].0, TokenKind::Tags, "{k:?}");
        let k = kinds("TAGS: PREL, PGOV,\nFOOBAR XX\n");
        assert_eq!(k[1], (TokenKind::Tags, "FOOBAR XX\n"), "{k:?}");
    }

    #[test]
    fn tags_continuation_lines_split_at_every_blank() {
        // Invented: a scraped TAGS continuation line with an NBSP or another Unicode
        // space (or a tab) between its codes is a TAGS line, as with a space.
        let blanks = std::iter::once('\t').chain(
            (0x80..0x3100)
                .filter_map(char::from_u32)
                .filter(|c| c.is_whitespace()),
        );
        for c in blanks {
            let t = format!("TAGS: PREL\n{c}PGOV{c}ECON{c}{c}XX\nSUBJECT: FOO\n");
            let k = kinds(&t);
            assert_eq!(k[1].0, TokenKind::Tags, "{t:?}: {k:?}");
            let cable = crate::parse(&t);
            assert_eq!(cable.tags, ["PREL", "PGOV", "ECON", "XX"], "{t:?}");
            assert_eq!(cable.subject.as_deref(), Some("FOO"), "{t:?}");
        }
        // Not blanks: a zero-width space or `©` inside a word makes it no tag code.
        for c in ['\u{200b}', '\u{a9}'] {
            let t = format!("TAGS: PREL\nPGOV{c}ECON\n");
            assert_ne!(kinds(&t)[1].0, TokenKind::Tags, "{t:?}");
        }
    }

    /// Invented lines where a field's value starts with a later field's label.
    const GLUED_AT_ZERO: &[&str] = &[
        "SUBJECT: REF: A. FOOBAR 1",
        "TAGS: Subject: FOO",
        "REF: Classified By: Jane Doe",
        "E.O. 12958: TAGS: PREL",
        "E.O. 12958: TAGS: Subject: REF: A. FOOBAR 1",
        "TAGS: Subject:",
        "SUBJECT: REFTEL(S): A. FOOBAR 1",
        "Classified By: REF: A. FOOBAR 1",
    ];

    #[test]
    fn a_label_at_the_start_of_a_value_is_cut_like_one_further_in() {
        use TokenKind::*;
        // The first label keeps its blanks and an empty value; the glued field is a
        // token of its own, as it is when text comes between them.
        for (text, want) in [
            (
                "SUBJECT: REF: A. FOOBAR 1\n",
                vec![(Subject, "SUBJECT: "), (Ref, "REF: A. FOOBAR 1\n")],
            ),
            (
                "TAGS: Subject: FOO\n",
                vec![(Tags, "TAGS: "), (Subject, "Subject: FOO\n")],
            ),
            (
                "REF: Classified By: Jane Doe\n",
                vec![(Ref, "REF: "), (ClassifiedBy, "Classified By: Jane Doe\n")],
            ),
            (
                "E.O. 12958: TAGS: PREL\n",
                vec![(Eo, "E.O. 12958: "), (Tags, "TAGS: PREL\n")],
            ),
            (
                "E.O. 12958:  TAGS: Subject:\tREF: A. FOOBAR 1\r\n",
                vec![
                    (Eo, "E.O. 12958:  "),
                    (Tags, "TAGS: "),
                    (Subject, "Subject:\t"),
                    (Ref, "REF: A. FOOBAR 1\r\n"),
                ],
            ),
            // A glued label with nothing after it.
            (
                "TAGS: Subject:\n",
                vec![(Tags, "TAGS: "), (Subject, "Subject:\n")],
            ),
            // Text first, as before.
            (
                "TAGS: PREL Subject: FOO\n",
                vec![(Tags, "TAGS: PREL "), (Subject, "Subject: FOO\n")],
            ),
        ] {
            assert_eq!(kinds(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_field_glued_at_the_start_of_a_value_reaches_the_record() {
        let c = crate::parse("SUBJECT: REF: A. FOOBAR 1\n");
        assert_eq!(c.subject, None);
        let r = crate::parse("REF: A. FOOBAR 1\n");
        assert_eq!(r.references.len(), 1);
        assert_eq!(c.references, r.references);
        assert_eq!(c.references[0].text, "FOOBAR 1");

        let c = crate::parse("TAGS: Subject: FOO\n");
        assert!(c.tags.is_empty(), "{:?}", c.tags);
        assert_eq!(c.subject.as_deref(), Some("FOO"));

        let c = crate::parse("REF: Classified By: Jane Doe\n");
        assert!(c.references.is_empty(), "{:?}", c.references);
        assert_eq!(c.classified_by.as_deref(), Some("Jane Doe"));
        let own = crate::parse("Classified By: Jane Doe\n");
        assert_eq!(c.classified_by, own.classified_by);

        // A label `field_label` once missed (`REFTEL(S):`) at a line start, after
        // a subject line: the REF, not an item named after the label.
        let c = crate::parse("SUBJECT: AN INVENTED\nREFTEL(S): A. FOOBAR 1\n");
        assert_eq!(c.subject.as_deref(), Some("AN INVENTED"));
        let refs: Vec<_> = c.references.iter().map(|r| r.text.as_ref()).collect();
        assert_eq!(refs, ["FOOBAR 1"]);

        let c = crate::parse("E.O. 12958: TAGS: PREL\n");
        assert_eq!(c.tags, ["PREL"]);
        assert_eq!(c.eo.as_deref(), Some("E.O. 12958:"));
        assert_eq!(c.nondisclosure_raw, None);
        assert_eq!(c.nondisclosure_deadline, None);
    }

    #[test]
    fn the_next_line_continues_the_glued_field_as_after_a_bare_label() {
        // The empty field is closed at once: what follows goes to the glued field,
        // as it does after the two labels on lines of their own.
        for (glued, apart) in [
            (
                "SUBJECT: REF: A. FOOBAR 1\nB. FOOBAR 2\n",
                "SUBJECT:\nREF: A. FOOBAR 1\nB. FOOBAR 2\n",
            ),
            (
                "TAGS: Subject:\nAN INVENTED SUBJECT\n",
                "TAGS:\nSubject:\nAN INVENTED SUBJECT\n",
            ),
            (
                "TAGS: SUBJECT: AN INVENTED\nSUBJECT TEXT\n",
                "TAGS:\nSUBJECT: AN INVENTED\nSUBJECT TEXT\n",
            ),
            (
                "REF: Classified By: Jane Doe for reasons 1.4 (b)\nand (d).\n",
                "REF:\nClassified By: Jane Doe for reasons 1.4 (b)\nand (d).\n",
            ),
        ] {
            let (g, a) = (crate::parse(glued), crate::parse(apart));
            assert_eq!(g.subject, a.subject, "{glued:?}");
            assert_eq!(g.tags, a.tags, "{glued:?}");
            assert_eq!(g.references.len(), a.references.len(), "{glued:?}");
            for (x, y) in g.references.iter().zip(&a.references) {
                assert_eq!(x.text, y.text, "{glued:?}");
            }
            assert_eq!(g.classified_by, a.classified_by, "{glued:?}");
            assert_eq!(g.reasons, a.reasons, "{glued:?}");
        }
        let c = crate::parse("SUBJECT: REF: A. FOOBAR 1\nB. FOOBAR 2\n");
        let refs: Vec<_> = c.references.iter().map(|r| r.text.as_ref()).collect();
        assert_eq!(refs, ["FOOBAR 1", "FOOBAR 2"]);
        assert_eq!(c.subject, None);
        let c = crate::parse("TAGS: Subject:\nAN INVENTED SUBJECT\n");
        assert_eq!(c.subject.as_deref(), Some("AN INVENTED SUBJECT"));
    }

    #[test]
    fn text_before_a_later_fields_label_continues_the_open_field() {
        use TokenKind::*;
        // Invented: a continuation line with the label of a later field after text.
        // The text goes to the open field, as it does when that field was seen
        // before (then `continuation` cuts the line at the glued label).
        for (text, want) in [
            (
                "SUBJECT: FOO\nBAR Ref: A. STATE 12345\n",
                vec![
                    (Subject, "SUBJECT: FOO\n"),
                    (Subject, "BAR "),
                    (Ref, "Ref: A. STATE 12345\n"),
                ],
            ),
            (
                "TAGS: PREL\nPGOV SUBJECT: FOO\n",
                vec![
                    (Tags, "TAGS: PREL\n"),
                    (Tags, "PGOV "),
                    (Subject, "SUBJECT: FOO\n"),
                ],
            ),
            (
                "REF: A. STATE 1234\nB. STATE 5678 Classified By: Jane Doe\n",
                vec![
                    (Ref, "REF: A. STATE 1234\n"),
                    (Ref, "B. STATE 5678 "),
                    (ClassifiedBy, "Classified By: Jane Doe\n"),
                ],
            ),
            // Not continued: caveats stay caveats, a paragraph is no continuation.
            (
                "SUBJECT: FOO\nNOFORN REF: A. STATE 12345\n",
                vec![
                    (Subject, "SUBJECT: FOO\n"),
                    (Caveat, "NOFORN "),
                    (Ref, "REF: A. STATE 12345\n"),
                ],
            ),
        ] {
            assert_eq!(kinds(text), want, "{text:?}");
        }
        for sp in [" ", "\t", "\u{a0}", "\u{2003}"] {
            let t = format!("SUBJECT: FOO\nBAR{sp}Ref: A. STATE 12345\n");
            let c = crate::parse(&t);
            assert_eq!(c.subject.as_deref(), Some("FOO BAR"), "{t:?}");
            let refs: Vec<_> = c.references.iter().map(|r| r.text.as_ref()).collect();
            assert_eq!(refs, ["STATE 12345"], "{t:?}");
            assert!(c.pass_lines.is_empty(), "{t:?}");
            // As when REF was seen before.
            let seen = format!("REF: STATE 1\n{t}");
            assert_eq!(crate::parse(&seen).subject, c.subject, "{seen:?}");
        }
        let c = crate::parse("TAGS: PREL\nPGOV SUBJECT: FOO\n");
        assert_eq!(c.tags, ["PREL", "PGOV"]);
        assert_eq!(c.subject.as_deref(), Some("FOO"));
        let c = crate::parse("REF: A. STATE 1234\nB. STATE 5678 Classified By: Jane Doe\n");
        let refs: Vec<_> = c.references.iter().map(|r| r.text.as_ref()).collect();
        assert_eq!(refs, ["STATE 1234", "STATE 5678"]);
        assert_eq!(c.classified_by.as_deref(), Some("Jane Doe"));
        let c =
            crate::parse("Classified By: Jane Doe, reasons 1.4 (b)\nand (d). REF: A. STATE 1\n");
        assert_eq!(c.reasons, ["1.4(b)", "1.4(d)"]);
        assert_eq!(c.references.len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn glued_at_zero_lines_tile_and_give_the_general_paths_tokens(
            picks in proptest::collection::vec((0usize..1000, 0u8..10, proptest::bool::ANY), 0..30),
        ) {
            let mut text = String::new();
            for &(i, how, glued) in &picks {
                if glued {
                    text.push_str(["", "   ", "\t", "\u{a0}"][usize::from(how % 4)]);
                    text.push_str(GLUED_AT_ZERO[i % GLUED_AT_ZERO.len()]);
                    text.push_str(if how >= 8 { "\r\n" } else { "\n" });
                } else {
                    text.push_str(&text_of(&[(i, how)]));
                }
            }
            for region in [Region::Auto, Region::Body, Region::Header] {
                let mut pos = 0;
                for t in Tokenizer::new(&text, region) {
                    proptest::prop_assert_eq!(t.span.start, pos);
                    proptest::prop_assert!(t.span.end > pos);
                    pos = t.span.end;
                }
                proptest::prop_assert_eq!(pos, text.len());
            }
            same_tokens_both_ways(&text);
            let _ = crate::parse(&text);
        }
    }

    #[test]
    fn unruled_heading_has_at_most_fourteen_words() {
        // Words are counted by `word_count` (ASCII) or `split_whitespace` (not).
        for (title, heading) in [
            ("One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen", true),
            ("One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Four Fifteen", false),
            ("One\u{a0}Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Four", true),
            ("One\u{2003}Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Four Fifteen", false),
        ] {
            // Above a blank line, and above a numbered paragraph.
            for after in ["\n\n", "\n9. (C) More text.\n"] {
                let body = format!("8. (C) Text of the paragraph.\n\n{title}{after}");
                let k = kinds(&body);
                let found = k.iter().any(|(k, _)| *k == TokenKind::Heading);
                assert_eq!(found, heading, "{title:?}{after:?}: {k:?}");
            }
        }
        assert_eq!(word_count(" a\tb\x0bc\x0c d\r "), 4);
        assert_eq!(word_count("a\x1fb"), 1);
    }

    /// Tokens of `tz` with the parse result kept for each (a signature's buffer is
    /// given back, as the builder does), then its scratch buffers.
    fn run_keeping_scratch(mut tz: Tokenizer<'_>) -> (Vec<(Token, String)>, Scratch) {
        let mut out = Vec::new();
        while let Some(tok) = tz.next() {
            let found = tz.take_found(tok);
            out.push((tok, format!("{found:?}")));
            if let Some(Found::Signature { ranges, .. }) = found {
                tz.put_back_signature(ranges);
            }
        }
        (out, tz.take_scratch())
    }

    /// Scratch buffers left full of stale entries.
    fn dirty_scratch() -> Scratch {
        Scratch {
            inline: vec![(TokenKind::Redaction, 1, 3); 5],
            ranges: vec![0..7; 3],
            markers: vec![(body::Marker::SummaryEnd, 2..9); 2],
            sig: vec![2..4; 2],
        }
    }

    /// Every text tokenized with the buffers the one before left (a dirty set for
    /// the first) gives the tokens and parse results of fresh buffers.
    fn same_tokens_with_handed_on_scratch(texts: &[(&str, Region)]) {
        let mut scratch = dirty_scratch();
        for &(text, region) in texts {
            let (fresh, _) = run_keeping_scratch(Tokenizer::new(text, region));
            let tz = Tokenizer::with_scratch(text, region, scratch);
            assert!(tz.inline.is_empty() && tz.ranges.is_empty());
            assert!(tz.markers.is_empty() && tz.sig.is_empty());
            let (reused, s) = run_keeping_scratch(tz);
            assert_eq!(fresh, reused, "{region:?}: {text:?}");
            scratch = s;
        }
    }

    #[test]
    fn handed_on_scratch_buffers_give_the_tokens_of_fresh_ones() {
        let all = text_of(&(0..LINES.len()).map(|i| (i, 0)).collect::<Vec<_>>());
        let body = "1. (C) Summary: the minister [REDACTED] said. End summary.\n\n\
                    2. (C) Comment: talks went well. End comment.\n\nDOE\n";
        same_tokens_with_handed_on_scratch(&[
            (&all, Region::Auto),
            (body, Region::Body),
            (&all, Region::Header),
            (body, Region::Auto),
        ]);
        // The buffers are handed on, not dropped: the second text finds them grown.
        let (_, scratch) = run_keeping_scratch(Tokenizer::new(body, Region::Body));
        assert!(scratch.inline.capacity() > 0 && scratch.markers.capacity() > 0);
        assert!(
            scratch.sig.capacity() > 0,
            "the signature buffer comes back"
        );
        assert!(scratch.bytes() > 0);
    }

    /// The tokens of `text` in `region`, with the fast paths on or off.
    fn tokens_with(text: &str, region: Region, general: bool) -> Vec<Token> {
        GENERAL.with(|g| g.set(general));
        let toks = Tokenizer::new(text, region).collect();
        GENERAL.with(|g| g.set(false));
        toks
    }

    /// Invented lines of every kind that the fast paths dispatch on (first byte
    /// lower case, `x`, upper case, digit, `(`, `¶`, blanks, rules, page breaks,
    /// the preamble and the tail).
    const LINES: &[&str] = &[
        "the minister said that the talks had gone well",
        "begin in May; officials from both sides were keen",
        "xxxxxxxx",
        "x-rays of the site were shown",
        "MINISTER SAID THAT THE TALKS HAD GONE WELL.",
        "Ministry officials told poloff that they expected",
        "PROVINCIAL PORTS ATTRACTIVE",
        "Reaching out to the Regions",
        "What will change",
        "Other issues:",
        "ARRIVALS",
        "1. (C) The minister said that the talks",
        "2. (S/NF) THE MINISTER SAID",
        "3.(U) Text after a glued mark",
        "4) Item text",
        "5. C) Summary of the talks",
        "(C) An unnumbered portion-marked start",
        "(S//REL TO USA, FVEY) Another one",
        "(c) a lettered sub-item",
        "\u{b6}6. (SBU) Pilcrow paragraph",
        "\u{b6} 7. Pilcrow without a mark",
        "2009. A year, no paragraph",
        "1.4 (b) and (d)",
        "-----",
        "--------------------------------------------- ----",
        "-- a bullet line",
        "=====",
        "______",
        "\u{2014}\u{2014}\u{2014}-",
        "SUMMARY -------",
        "HEADING \u{2014}\u{2014}\u{2014}\u{2014}\u{2014}",
        "//HEADING//",
        "FOOBAR 00001234 002 OF 003",
        "Foobar 00001234 002 of 003",
        "PAGE 02  FOOBAR  00123  01 OF 03  101010Z",
        "FOOBAR 00001234 002 OF 003 Classified By: Jane Doe",
        "FOOBAR  00001234  002 OF 003 E.O. 12958: N/A",
        "RIO DE JAN 00000123 001.2 OF 003 SUBJECT: AN INVENTED SUBJECT",
        "PAGE 02  FOOBAR  00123  01 OF 03  101010Z TAGS: PREL",
        "C O N F I D E N T I A L FOOBAR 000123",
        "SIPDIS",
        "E.O. 12958: DECL: 01/01/2019",
        "TAGS: PREL, PGOV,",
        "PREL XX",
        "SUBJECT: AN INVENTED SUBJECT",
        "REF: A. FOOBAR 001234",
        "B. FOOBAR 005678",
        "Classified By: Jane Doe for reasons 1.4 (b) and (d).",
        "STATE FOR EUR/RUS",
        "\"Quoted text opens this line\"",
        "End summary.",
        "End",
        "Summary.",
        "DOE",
        "End Cable Text",
        "NNNN",
        "",
        "  ",
        "\u{a0}",
        "\t",
    ];

    /// `LINES` picked by index, each with an optional indentation and `\r`.
    fn text_of(picks: &[(usize, u8)]) -> String {
        let mut text = String::new();
        for &(i, how) in picks {
            text.push_str(["", "   ", "\t", "\u{a0}"][usize::from(how % 4)]);
            text.push_str(LINES[i % LINES.len()]);
            text.push_str(if how >= 8 { "\r\n" } else { "\n" });
        }
        text
    }

    fn same_tokens_both_ways(text: &str) {
        for region in [Region::Auto, Region::Body, Region::Header] {
            assert_eq!(
                tokens_with(text, region, false),
                tokens_with(text, region, true),
                "{region:?}: {text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_paths_give_the_general_paths_tokens(
            picks in proptest::collection::vec((0usize..1000, 0u8..10), 0..40),
        ) {
            same_tokens_both_ways(&text_of(&picks));
        }

        #[test]
        fn double_spaced_texts_give_the_general_paths_tokens(
            picks in proptest::collection::vec(
                (0usize..1000, 0u8..10, proptest::bool::weighted(0.9)),
                0..40,
            ),
        ) {
            // Most lines followed by an empty one: the verdict is often "yes", and
            // found lazily at the first empty line (the general path: at once).
            let mut text = String::new();
            for &(i, how, empty_after) in &picks {
                text.push_str(&text_of(&[(i, how)]));
                if empty_after {
                    text.push_str(if how >= 8 { "\r\n" } else { "\n" });
                }
            }
            same_tokens_both_ways(&text);
        }

        #[test]
        fn tag_line_words_split_like_chars(t in "[A-Z0-9a \t\x0b\r,;.\u{85}\u{a0}\u{a9}\u{2003}\u{200b}\u{3000}]{0,12}") {
            // The reference: words split at `char::is_whitespace`, `,` and `;`.
            let s = t.trim_end();
            let sep = |c: char| c.is_whitespace() || c == ',' || c == ';';
            let want = !s.is_empty()
                && s.split(sep).filter(|w| !w.is_empty()).all(|w| {
                    w.len() <= 6 && w.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                });
            proptest::prop_assert_eq!(looks_like_tag_line(&t), want, "{:?}", t);
        }

        #[test]
        fn blank_is_what_str_trim_empties(line in "[ \t\r\n\x0b\x0c\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}a\u{e9}\u{2003}-\u{2005}\u{fffd}]{0,6}") {
            proptest::prop_assert_eq!(is_blank(&line), line.trim().is_empty());
        }

        #[test]
        fn lead_and_blank_is_lead_len_and_is_blank(line in "[ \t\u{a0}\u{2003}\x0b\r\u{85}\u{3000}\u{2009}\u{200b}\u{2019}]{0,3}[ -~\u{a0}\u{b6}\u{2003}]{0,3}") {
            let lead = lead_len(&line);
            proptest::prop_assert_eq!(lead_and_blank(&line), (lead, is_blank(&line[lead..])));
            // The lead: the blanks of `char::is_whitespace` but the line breaks, the
            // vertical tab and the form feed.
            let rest = line.trim_start_matches(|c: char| {
                c.is_whitespace() && !matches!(c, '\r' | '\n' | '\x0b' | '\x0c')
            });
            proptest::prop_assert_eq!(lead, line.len() - rest.len(), "{:?}", line);
        }

        #[test]
        fn page_break_line_is_the_first_marker_search(
            line in "[ \t\u{a0}]{0,3}(PAGE |[A-Z][A-Za-z ]{0,12})([0-9 ]{0,12}(OF |\\.)?){0,4}[A-Z0-9 .a-z]{0,6}",
        ) {
            page_break_line_is_reference(&line);
        }

        #[test]
        fn word_count_is_split_whitespace_count(t in "[a-z \t\x0b\x0c\r\x1f.\u{a0}\u{2003}]{0,40}") {
            proptest::prop_assert_eq!(word_count(&t), t.split_whitespace().count());
        }
    }

    #[test]
    fn double_spacing_is_looked_at_only_for_an_empty_line() {
        let level = crate::simd::Level::detect();
        let lines = [
            "C O N F I D E N T I A L FOOBAR 000123",
            "SUBJECT: AN INVENTED",
        ];
        let wrapped = "the minister said that the talks had gone";
        let mut text = lines.join("\n\n") + "\n\n";
        for _ in 0..10 {
            text.push_str(wrapped);
            text.push_str("\n\n");
        }
        assert!(is_double_spaced(level, &text));
        let mut tz = Tokenizer::new(&text, Region::Body);
        tz.by_ref().count();
        assert_eq!(tz.double_spaced, Some(true));
        // The same lines single-spaced, with whitespace-only blank lines.
        let single = text.replace("\n\n", "\n \n");
        assert!(!is_double_spaced(level, &single));
        let mut tz = Tokenizer::new(&single, Region::Body);
        tz.by_ref().count();
        assert_eq!(tz.double_spaced, None);
        same_tokens_both_ways(&text);
        same_tokens_both_ways(&single);
    }

    #[test]
    fn fast_paths_give_the_general_paths_tokens_on_the_corpus() {
        // Every line of the sample, and a cable of every invented line, both ways.
        same_tokens_both_ways(&text_of(
            &(0..LINES.len()).map(|i| (i, 0)).collect::<Vec<_>>(),
        ));
        let Some(rows) = crate::testutil::sample_csv_rows() else {
            return;
        };
        // Header and body of every cable in turn, each with the buffers of the text
        // before, as the builder hands them on.
        let texts: Vec<(&str, Region)> = rows
            .iter()
            .flat_map(|r| {
                [
                    (r[6].as_str(), Region::Header),
                    (r[7].as_str(), Region::Body),
                ]
            })
            .collect();
        same_tokens_with_handed_on_scratch(&texts);
        for row in &rows {
            let (header, body) = (&row[6], &row[7]);
            assert_eq!(
                tokens_with(header, Region::Header, false),
                tokens_with(header, Region::Header, true)
            );
            assert_eq!(
                tokens_with(body, Region::Body, false),
                tokens_with(body, Region::Body, true),
                "{}",
                row[2]
            );
            let both = format!("{header}\n\n{body}");
            assert_eq!(
                tokens_with(&both, Region::Auto, false),
                tokens_with(&both, Region::Auto, true)
            );
        }
        let Some(dir) = crate::testutil::corpus_dir() else {
            return;
        };
        if let Ok(seed) = std::fs::read_to_string(dir.join("seed/mexico-city-cables.txt")) {
            same_tokens_both_ways(&seed);
        }
    }

    /// [`page_break_line`] against the search for the first marker anywhere in
    /// the line (what `body_line` asked before): the same answer, and `None` only
    /// for a line without any page break.
    fn page_break_line_is_reference(line: &str) {
        let lead = lead_len(line);
        let reference = body::find_page_break(line);
        let expected = reference
            .clone()
            .is_some_and(|r| r.start <= lead && line[r.end..].trim().is_empty());
        let got = page_break_line(line, lead);
        assert_eq!(got.unwrap_or(false), expected, "{line:?}");
        if got.is_none() {
            assert_eq!(reference, None, "{line:?}");
        }
    }

    #[test]
    fn page_break_line_on_invented_lines() {
        for line in [
            "FOOBAR 00001234 002 OF 003",
            "  FOOBAR 00001234  002 OF 003  ",
            "\u{a0}FOOBAR 00001234 002 OF 003",
            "RIO DE JANEIRO 00000123 002.2 OF 004",
            "PAGE 02 FOOBAR 00123 01 OF 03 101010Z",
            "   PAGE 02 FOOBAR 00123 01 OF 03",
            "SEE FOOBAR 00001234 002 OF 003",
            "WE SAW IT, FOOBAR 00001234 002 OF 003",
            "FOOBAR 00001234 002 OF 003 MORE TEXT",
            "THE 12345678 PEOPLE",
            "X 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6",
            "PAGE",
            "",
        ] {
            page_break_line_is_reference(line);
        }
        assert_eq!(
            page_break_line("  FOOBAR 00001234 002 OF 003", 2),
            Some(true)
        );
        assert_eq!(
            page_break_line("WE SAW IT, FOOBAR 00001234 002 OF 003", 0),
            Some(false)
        );
        assert_eq!(page_break_line("THE FOOBAR PEOPLE", 0), Some(false));
    }

    /// Every line of the real sample and the scraped seed.
    #[test]
    fn page_break_line_on_corpus_lines() {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus"));
        for (file, least) in [
            ("cables-sample.csv", 800),
            ("seed/mexico-city-cables.txt", 0),
        ] {
            let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
                println!("skipped: {file} not found");
                continue;
            };
            let mut n = 0;
            for line in text.lines() {
                page_break_line_is_reference(line);
                n += usize::from(page_break_line(line, lead_len(line)) == Some(true));
            }
            assert!(n >= least, "{file}: {n} page-break lines");
        }
    }
}
