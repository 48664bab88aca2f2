//! Record assembly: tokens → [`Cable`].
//!
//! One pass over the tokens of each part (header, body, or the one text). Each
//! token is handed to the value parser of its field; multi-line fields (TAGS,
//! SUBJECT, REF, Classified By) collect their lines first and are parsed when
//! the block ends. Paragraphs, summary and comment are assembled from the
//! body tokens without copying, unless a page break has to be cut out.

use std::borrow::Cow;

use crate::fields::{body, header, ids, preamble, trim};
use crate::record::{
    Cable, Context, Diagnostic, Input, Metadata, Paragraph, Part, Recipient, Span,
};
use crate::token::{Token, TokenKind};
use crate::tokenizer::{same_header_core, Found, Region, Scratch, Tokenizer};

/// Parse one cable (or fragment) from one text.
///
/// ```
/// let cable = cablecore::parse("TAGS: PREL, PGOV, XX\n");
/// assert_eq!(cable.tags, ["PREL", "PGOV", "XX"]);
/// assert!(cable.subject.is_none());
/// ```
pub fn parse(text: &str) -> Cable<'_> {
    parse_with(text, Context::default())
}

/// Parse one cable (or fragment) with context: the cable's own reference id
/// and/or year, used for REF items that carry no year.
///
/// ```
/// use cablecore::Context;
/// let ctx = Context { year: Some(2009), ..Context::default() };
/// let cable = cablecore::parse_with("REF: A. FOOBAR 1234\n", ctx);
/// assert_eq!(cable.references[0].value.as_deref(), Some("09FOOBAR1234"));
/// ```
pub fn parse_with<'a>(text: &'a str, ctx: Context<'_>) -> Cable<'a> {
    parse_input(
        &Input {
            text: Some(text),
            ..Input::default()
        },
        ctx,
    )
}

/// Parse a cable given as separate header and body texts (the `cables.csv`
/// columns, the two HTML `<pre>` blocks).
pub fn parse_parts<'a>(
    header: Option<&'a str>,
    body: Option<&'a str>,
    ctx: Context<'_>,
) -> Cable<'a> {
    parse_input(
        &Input {
            header,
            body,
            ..Input::default()
        },
        ctx,
    )
}

/// Parse a cable from container metadata and text.
pub fn parse_input<'a>(input: &Input<'a>, ctx: Context<'_>) -> Cable<'a> {
    let mut b = Builder::new(ctx);
    b.cable.position = input.position;
    b.metadata(&input.metadata);
    if let Some(h) = input.header {
        b.run(h, Region::Header, Part::Header);
        b.header_done = b.cable.dtg_raw.is_some() || b.cable.from.is_some();
    }
    if let Some(t) = input.body {
        b.run(t, Region::Body, Part::Body);
    }
    if let Some(t) = input.text {
        b.run(t, Region::Auto, Part::Body);
    }
    b.finish(input.metadata.reference_id.is_some());
    b.cable
}

/// Which recipient list continuation lines go to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum List {
    To,
    Info,
    Xmt,
}

/// A paragraph being assembled.
struct ParaBuild<'a> {
    number: Option<u32>,
    marking: Option<&'a str>,
    /// Start of the paragraph (its number).
    start: usize,
    /// Pieces of text (token spans), in order, with whether each is a page break.
    pieces: Vec<(TokenKind, usize, usize)>,
    /// A page break is among the pieces (most paragraphs have none: their text is
    /// one slice of the input).
    breaks: bool,
}

/// How many paragraphs a summary or comment opened by a marker may run before
/// its end marker (09STATE119085 closes its summary five paragraphs on).
const MAX_SECTION_PARAS: usize = 6;

/// Body bytes per paragraph to reserve room for (the sample averages ~870 bytes
/// a paragraph; at 768 about five cables in six need no regrowth).
const PARA_BYTES: usize = 768;

/// First allocation of a recipient list (the sample averages ~7 recipients).
const RECIPIENTS_START: usize = 8;

/// First allocation of a section buffer (when no spare one is at hand).
const SECTION_BUF_BYTES: usize = 2048;

/// Summary or comment being assembled.
#[derive(Default)]
struct Section {
    /// Collecting now.
    open: bool,
    /// Opened by a heading (runs to the next heading) rather than inside a paragraph.
    by_heading: bool,
    /// The paragraph count when it opened (a marker-opened section without an end
    /// marker ends with its paragraph).
    para: usize,
    buf: String,
    /// Length of `buf` at the first paragraph boundary after a marker opened the
    /// section: where it ends when no end marker comes.
    cut: Option<usize>,
    done: Vec<String>,
}

impl Section {
    /// Append raw text (whitespace is collapsed when the section closes, so a
    /// redaction glued to punctuation stays glued).
    fn push(&mut self, s: &str) {
        if self.buf.capacity() == 0 {
            // A section runs over a few lines: start with room for them rather
            // than doubling up from a few bytes.
            self.buf.reserve(SECTION_BUF_BYTES.max(s.len()));
        }
        self.buf.push_str(s);
    }

    /// Close at an end marker: everything collected is the section.
    fn close(&mut self) {
        self.cut = None;
        self.finish();
    }

    /// Close without an end marker (a heading, the signature, the end of the
    /// text): a marker-opened section is then only its own paragraph.
    fn close_unended(&mut self) {
        if let Some(cut) = self.cut.take() {
            self.buf.truncate(cut);
        }
        self.finish();
    }

    fn finish(&mut self) {
        if !self.open {
            return;
        }
        self.open = false;
        let raw = std::mem::take(&mut self.buf);
        let t = strip_leading_mark(
            raw.trim_start()
                .trim_start_matches([':', '.', '-', ' ', ')']),
        );
        let out = collapse_ws(t);
        if !out.is_empty() {
            self.done.push(out);
        }
        self.buf = raw;
        self.buf.clear();
    }

    /// Drop the last word of the collected text (the `End` of a split end marker).
    fn drop_trailing_word(&mut self) {
        let t = self.buf.trim_end();
        // After the last blank, which may be more than one byte (an NBSP).
        let cut = t
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.buf.truncate(cut);
    }
}

/// Can the line `t` (without trailing ASCII whitespace) be a minimize line or
/// end in the word `End`? Both want its last word to end in `d` before any dots
/// ([`ends_minimize_line`] also lets through a non-ASCII last byte): so a line
/// whose last byte, or the one before a single final dot, is not `d`, `D`, a dot
/// or non-ASCII is neither. Computed without a branch on the bytes (a line ends
/// in a dot about one time in three: a branch on that is a coin toss).
fn may_end_in_d(t: &[u8]) -> bool {
    let n = t.len();
    let last = if n >= 1 { t[n - 1] } else { b' ' };
    let before = if n >= 2 { t[n - 2] } else { b' ' };
    let d_like = |c: u8| (c | 0x20 == b'd') | (c >= 0x80);
    d_like(last) | ((last == b'.') & (d_like(before) | (before == b'.')))
}

/// The bytes of the token `span` of `text` without trailing ASCII whitespace (for
/// the looks at a line's end: read as bytes, where the few uses that want the
/// line as a `str` take the slice, the same bytes: the tokenizer cuts lines at
/// ASCII bytes).
fn line_end(text: &str, span: Span) -> &[u8] {
    text.as_bytes()
        .get(span.start..span.end)
        .unwrap_or_default()
        .trim_ascii_end()
}

/// Does `t` end with the word `End` (any case)?
fn ends_with_word_end(t: &[u8]) -> bool {
    t.len() >= 3
        && t[t.len() - 3..].eq_ignore_ascii_case(b"END")
        && (t.len() == 3 || !t[t.len() - 4].is_ascii_alphanumeric())
}

/// [`ends_minimize_line`] of a whole line (the tests' entry).
#[cfg(test)]
fn is_minimize_line(s: &str) -> bool {
    ends_minimize_line(s, s.as_bytes().trim_ascii_end())
}

/// Is `s` a short `[POST] minimize considered.` line (any case)? `e` is its
/// bytes without trailing ASCII whitespace.
fn ends_minimize_line(s: &str, e: &[u8]) -> bool {
    // Every text token comes here: a byte-level look at the end rejects the others
    // (an end in a non-ASCII blank goes on to the exact check).
    let core = &e[..e.len() - e.iter().rev().take_while(|&&c| c == b'.').count()];
    if core.last().is_none_or(u8::is_ascii)
        && !(core.len() >= 10 && core[core.len() - 10..].eq_ignore_ascii_case(b"considered"))
    {
        return false;
    }
    let t = s.trim().trim_end_matches('.').as_bytes();
    t.len() <= 60 && t.len() >= 19 && t[t.len() - 19..].eq_ignore_ascii_case(b"minimize considered")
}

/// [`preamble::field_label`] of `line`, the bytes of the field token `tok` trimmed
/// (starting at `line_at` in `text`), taken from the tokenizer when it looked for a
/// label in these bytes with only blanks before them and only spaces after them.
///
/// `field_label` skips the blanks before a label, and reads forward from there; a
/// space after the last byte does what the end of the line does at every check (the
/// value found at or past the end of `line` is empty either way).
///
/// Also says whether the result is the tokenizer's. Then the token runs from where
/// `field_line` read the label (a `continuation` line: from the line start) to the
/// end of the line (a line cut at a glued label has no token with that span), and
/// the tokenizer's glued-label search over the label's value (a continuation line:
/// over the whole line) up to the end of the line found nothing.
fn field_label(
    tz: &mut Tokenizer<'_>,
    tok: Token,
    text: &str,
    line: &str,
    line_at: usize,
) -> (Option<(preamble::Field, usize)>, bool) {
    let line_end = line_at + line.len();
    match tz.take_label(tok) {
        Some((label, end))
            if text
                .as_bytes()
                .get(line_end..end)
                .is_some_and(|after| after.iter().all(|&c| c == b' ')) =>
        {
            let label = label.map(|(f, value)| (f, value.saturating_sub(line_at)));
            (label, true)
        }
        _ => (preamble::field_label(line), false),
    }
}

/// True when the value parsers' glued-label search over the field value `v` (a
/// token's value from its label, or the whole continuation line) would search what
/// the tokenizer searched (and found nothing in), less blanks at the ends: `v` is
/// empty, or starts and ends with a byte that `trim`, `strip_tags` and
/// `clean_ref_line` keep (not a blank, `<`, `>`, or a non-ASCII byte such as an
/// NBSP, U+2003 or `¶`), so that they leave it as it is. A label the search accepts
/// in `v` it accepts at the same place in the tokenizer's blank-padded value: a word
/// start stays one (ASCII blanks and NBSPs, all that `trim_ws` takes off a line,
/// make word starts), and past a label only a non-letter or a `:` inside `v` is
/// looked for. A value with another end is searched again (`PREL\u{2003}` is no
/// tag code to the tokenizer's glued `TAGS PREL` test, the trimmed `PREL` is). A
/// label after a leading Unicode space (invented SUBJECT continuation line
/// `\u{2003}Ref: A. FOO 1`) starts a word to the tokenizer too (`preamble::at_word_start`),
/// which takes such a line as a field line.
fn glued_searched(v: &str) -> bool {
    let plain = |c: u8| c.is_ascii_graphic() && c != b'<' && c != b'>';
    match v.as_bytes() {
        [] => true,
        [f, .., l] => plain(*f) & plain(*l),
        [c] => plain(*c),
    }
}

/// Drop a leading portion mark `(C)`/`(S/NF)` from section text.
fn strip_leading_mark(s: &str) -> &str {
    let t = s.trim_start();
    if t.starts_with('(') {
        if let Some(p) = body::paragraph_start(t) {
            if p.number.is_none() && p.marking.is_some() {
                return t.get(p.text_start..).unwrap_or(t).trim_start();
            }
        }
    }
    t
}

/// Scratch buffers that outlive one cable: the next cable parsed on the same
/// thread reuses their allocations instead of growing new ones from nothing.
/// (Only buffers that never reach the record: the paragraph pieces, the
/// summary and comment text before whitespace is collapsed, the lists of
/// finished summaries and comments, the field value lines, the page-break
/// skip marks and the tokenizer's scratch buffers.)
#[derive(Default)]
struct Spare {
    pieces: Vec<(TokenKind, usize, usize)>,
    summary: String,
    comment: String,
    summary_done: Vec<String>,
    comment_done: Vec<String>,
    /// Empty: the lines of one cable's text do not outlive it (see [`Spare::put`]).
    values: Vec<&'static str>,
    skip: Vec<bool>,
    tokenizer: Scratch,
}

/// Spare buffers larger than this go back to the allocator (one huge cable
/// does not pin its memory to the thread).
const MAX_SPARE_BYTES: usize = 1 << 20;

thread_local! {
    static SPARE: std::cell::Cell<Spare> = const {
        std::cell::Cell::new(Spare {
            pieces: Vec::new(),
            summary: String::new(),
            comment: String::new(),
            summary_done: Vec::new(),
            comment_done: Vec::new(),
            values: Vec::new(),
            skip: Vec::new(),
            tokenizer: Scratch::new(),
        })
    };
}

impl Spare {
    /// The thread's spare buffers (empty ones the first time).
    fn take() -> Spare {
        SPARE.with(std::cell::Cell::take)
    }

    /// Hand the buffers back for the next cable, emptied (large ones are freed).
    /// `values` holds lines of the cable's text: emptied, its allocation is
    /// taken over by a vector of `'static` lines (collecting an emptied vector's
    /// `into_iter` into a vector of a same-sized type reuses its buffer).
    fn put(mut self, mut values: Vec<&str>) {
        self.pieces.clear();
        self.summary.clear();
        self.comment.clear();
        self.summary_done.clear();
        self.comment_done.clear();
        self.skip.clear();
        values.clear();
        self.values = values.into_iter().map(|_| "").collect();
        if self.pieces.capacity() * std::mem::size_of::<(TokenKind, usize, usize)>()
            > MAX_SPARE_BYTES
        {
            self.pieces = Vec::new();
        }
        for buf in [&mut self.summary, &mut self.comment] {
            if buf.capacity() > MAX_SPARE_BYTES {
                *buf = String::new();
            }
        }
        if self.skip.capacity() > MAX_SPARE_BYTES {
            self.skip = Vec::new();
        }
        if self.values.capacity() * std::mem::size_of::<&str>() > MAX_SPARE_BYTES {
            self.values = Vec::new();
        }
        if self.tokenizer.bytes() > MAX_SPARE_BYTES {
            self.tokenizer = Scratch::default();
        }
        SPARE.with(|s| s.set(self));
    }
}

struct Builder<'a, 'c> {
    ctx: Context<'c>,
    cable: Cable<'a>,
    list: Option<List>,
    /// Open multi-line field: its kind and value lines.
    field: Option<preamble::Field>,
    values: Vec<&'a str>,
    para: Option<ParaBuild<'a>>,
    summary: Section,
    comment: Section,
    /// Paragraph counter (for section scoping).
    para_count: usize,
    banner_offset: Option<(Part, usize)>,
    saw_body: bool,
    /// Which pieces of a paragraph with a page break are left out (a buffer
    /// reused paragraph after paragraph).
    skip: Vec<bool>,
    /// Redactions found in a structured line (a buffer reused line after line).
    found: Vec<std::ops::Range<usize>>,
    /// The piece buffer of the last closed paragraph, reused by the next one.
    spare_pieces: Vec<(TokenKind, usize, usize)>,
    /// The tokenizer's scratch buffers, handed from text to text.
    scratch: Scratch,
    /// A separate header text was parsed (its fields win over a copy in the body).
    header_done: bool,
    /// The recipient list before an `XMT` line (recipients after it go back there).
    list_before_xmt: Option<List>,
    /// The span of the text token just before (`None` after any other token): a
    /// marker after it is split by wrapping when it ends with the word `End`
    /// (`… End` / `Summary.`). Looked at only when a marker comes, not at every
    /// text token.
    last_text: Option<Span>,
    /// The text token that ended the last text (header, body) ended with the word
    /// `End`: [`Builder::last_text`] for a marker that starts the next text (a
    /// span of the last text is no span of this one).
    end_carried: bool,
    /// The kind of the previous token (a heading wrapped over two lines comes as two
    /// heading tokens in a row).
    prev_kind: Option<TokenKind>,
    /// A value of the open field that the tokenizer's glued-label search did not
    /// cover (see [`glued_searched`]): only then do the value parsers search the
    /// values again. The tokenizer cuts every glued label it finds into a token of
    /// its own, so a covered value holds none.
    glued_unsearched: bool,
}

impl<'a, 'c> Builder<'a, 'c> {
    fn new(ctx: Context<'c>) -> Self {
        let spare = Spare::take();
        Builder {
            ctx,
            cable: Cable::default(),
            list: None,
            field: None,
            // TAGS, SUBJECT, REF and Classified By blocks run to a few lines.
            values: if spare.values.capacity() == 0 {
                Vec::with_capacity(8)
            } else {
                spare.values
            },
            para: None,
            summary: Section {
                buf: spare.summary,
                done: spare.summary_done,
                ..Section::default()
            },
            comment: Section {
                buf: spare.comment,
                done: spare.comment_done,
                ..Section::default()
            },
            para_count: 0,
            banner_offset: None,
            saw_body: false,
            last_text: None,
            end_carried: false,
            prev_kind: None,
            glued_unsearched: false,
            header_done: false,
            spare_pieces: spare.pieces,
            scratch: spare.tokenizer,
            found: Vec::new(),
            skip: spare.skip,
            list_before_xmt: None,
        }
    }

    fn diag(&mut self, code: &'static str, message: String, part: Part, offset: usize) {
        self.cable.diagnostics.push(Diagnostic {
            code,
            message,
            part,
            offset,
        });
    }

    fn metadata(&mut self, m: &Metadata<'a>) {
        let c = &mut self.cable;
        c.id = m.id;
        c.reference_id = m.reference_id.map(|s| Cow::Borrowed(trim(s)));
        c.created_raw = m.created.map(|s| Cow::Borrowed(trim(s)));
        c.released_raw = m.released.map(|s| Cow::Borrowed(trim(s)));
        c.classification = m.classification.map(|s| Cow::Borrowed(trim(s)));
        c.origin = m.origin.map(|s| Cow::Borrowed(trim(s)));
        c.metadata_references = m.references.iter().map(|s| Cow::Borrowed(*s)).collect();
        c.created = m.created.and_then(ids::parse_metadata_datetime);
        c.released = m.released.and_then(ids::parse_metadata_datetime);
        for (raw, ok, what) in [
            (m.created, c.created.is_some(), "created"),
            (m.released, c.released.is_some(), "released"),
        ] {
            if let Some(raw) = raw {
                if !ok && !raw.trim().is_empty() {
                    self.diag(
                        "bad_date",
                        format!("{what} date {raw:?} is not a valid date-time"),
                        Part::Metadata,
                        0,
                    );
                }
            }
        }
    }

    fn run(&mut self, text: &'a str, region: Region, part: Part) {
        if part == Part::Body {
            // About one paragraph per 768 bytes of body: room for most cables' at once.
            self.cable.paragraphs.reserve(text.len() / PARA_BYTES + 1);
        }
        // Driven by hand rather than by `for`: the builder asks the tokenizer for
        // what it already parsed of a token's line (`Tokenizer::take_found`).
        let scratch = std::mem::take(&mut self.scratch);
        let mut tz = Tokenizer::with_scratch(text, region, scratch);
        let mut next = tz.next();
        while let Some(mut tok) = next {
            if tok.kind == TokenKind::Text {
                // Three tokens in five: a run of free text lines, and the token
                // after it.
                match self.text_run(text, tok, part, &mut tz) {
                    Some(t) => tok = t,
                    None => break,
                }
            }
            self.token(text, tok, part, &mut tz);
            self.prev_kind = Some(tok.kind);
            next = tz.next();
        }
        self.scratch = tz.take_scratch();
        if let Some(t) = self.last_text.take() {
            // The text ended with a text token. (One that ended with another token
            // cleared the flag; one without tokens leaves the flag of the text
            // before.)
            self.end_carried = ends_with_word_end(line_end(text, t));
        }
        self.end_field();
        self.close_para(text);
        self.summary.close_unended();
        self.comment.close_unended();
        self.list = None;
    }

    /// Add the free-text token `tok` (the token `tz` just returned) and the free
    /// text and blank lines right after it to the record; returns the token after
    /// those.
    fn text_run(
        &mut self,
        text: &'a str,
        mut tok: Token,
        part: Part,
        tz: &mut Tokenizer<'a>,
    ) -> Option<Token> {
        loop {
            self.text_token(text, tok, part);
            let mut next = tz.next();
            // Free text and blank lines after free text, in a paragraph and in no
            // summary or comment (most lines): of all that `text_token` and `token`
            // do for them, only adding the line to the paragraph and noting whether
            // it is text (for a marker after it) is left to do. The text before
            // ended any open field (a blank line goes on only with a REF block) and
            // recipient list, a paragraph stays open over text and blank lines, a
            // section opens or closes only at other tokens (a minimize line closes
            // sections that are open), and the previous token is no heading.
            let fast = !self.summary.open && !self.comment.open;
            #[cfg(test)]
            let fast = fast && !tests::GENERAL.get();
            if fast {
                if let Some(p) = &mut self.para {
                    let mut last = TokenKind::Text;
                    while let Some(t) = next {
                        match t.kind {
                            TokenKind::Text => self.last_text = Some(t.span),
                            TokenKind::Blank => {
                                self.last_text = None;
                                self.end_carried = false;
                            }
                            _ => break,
                        }
                        p.pieces.push((t.kind, t.span.start, t.span.end));
                        last = t.kind;
                        next = tz.next();
                    }
                    self.prev_kind = Some(last);
                }
            }
            match next {
                Some(t) if t.kind == TokenKind::Text => tok = t,
                _ => return next,
            }
        }
    }

    /// A free-text token: it ends an open field or recipient list, and none of
    /// the other checks of [`Builder::token`] applies to it.
    fn text_token(&mut self, text: &'a str, tok: Token, part: Part) {
        if self.field.is_some() {
            self.end_field();
        }
        self.list = None;
        self.list_before_xmt = None;
        self.text_line(text, tok, part);
        self.prev_kind = Some(TokenKind::Text);
    }

    /// Add `tok` (the token `tz` just returned, not free text: see
    /// [`Builder::text_run`]) to the record.
    fn token(&mut self, text: &'a str, tok: Token, part: Part, tz: &mut Tokenizer<'a>) {
        use TokenKind as K;
        if tok.kind == K::Blank {
            // One token in eight: a blank line goes on with an open field or
            // recipient list, and its text is not looked at.
            self.last_text = None;
            self.end_carried = false;
            if self.field == Some(preamble::Field::Ref) {
                self.values.push("");
            }
            self.para_piece(tok);
            self.section_text("\n");
            return;
        }
        let raw = tok.span.slice(text);
        // Only the kinds whose value is read from the line need it trimmed; free
        // text and the tokens that only open or close things use it as is.
        // `line_at`: where `line` starts in the text.
        let (line, line_at) = if needs_trimmed_line(tok.kind) {
            let (line, lead) = trim_ws_at(raw);
            (line, tok.span.start + lead)
        } else {
            (raw, tok.span.start)
        };
        // Close an open multi-line field when another kind of token comes.
        if let Some(f) = self.field {
            let same = matches!(
                (f, tok.kind),
                (preamble::Field::Tags, K::Tags)
                    | (preamble::Field::Subject, K::Subject)
                    | (preamble::Field::Ref, K::Ref)
                    | (preamble::Field::ClassifiedBy, K::ClassifiedBy)
                    | (_, K::Blank)
            );
            if !same {
                self.end_field();
            }
        }
        if !matches!(tok.kind, K::Recipient | K::Blank | K::Xmt) {
            self.list = None;
            self.list_before_xmt = None;
        }
        let last_text = self.last_text.take();
        let end_carried = std::mem::take(&mut self.end_carried);
        if matches!(
            tok.kind,
            K::Banner
                | K::PassLine
                | K::Eo
                | K::Tags
                | K::Subject
                | K::Ref
                | K::ClassifiedBy
                | K::DerivedFrom
                | K::Heading
                | K::Signature
                | K::Boilerplate
        ) {
            // Redactions inside lines that are not free text (10SHENYANG4's banner post).
            let found = &mut self.found;
            found.clear();
            body::find_redactions(raw, found);
            for r in found.iter() {
                let at = tok.span.start;
                self.cable
                    .redactions
                    .push(Span::new(at + r.start, at + r.end));
            }
        }
        // A header copied into the body (09KHARTOUM881) does not add to the real one.
        if part == Part::Body && self.header_done && is_header_kind(tok.kind) {
            return;
        }
        match tok.kind {
            K::TransmissionId => set_once(&mut self.cable.transmission_id, line),
            K::Routing => {
                let routing = match tz.take_found(tok) {
                    Some(Found::Routing(prec, inds)) if same_header_core(line) => {
                        Some((prec, inds))
                    }
                    _ => header::routing_into(line),
                };
                if let Some((prec, inds)) = routing {
                    if let Some(p) = prec {
                        set_once(&mut self.cable.routing_precedence, p);
                    }
                    if self.cable.routing.is_empty() {
                        // The first routing line: its vector becomes the list.
                        self.cable.routing = inds;
                    } else {
                        self.cable.routing.extend(inds);
                    }
                }
            }
            K::De => {
                let de = match tz.take_found(tok) {
                    Some(Found::De(de)) if same_header_core(line) => Some(de),
                    _ => header::parse_de(line),
                };
                if let Some(de) = de {
                    let c = &mut self.cable;
                    if c.station.is_none() {
                        c.station = Some(Cow::Borrowed(de.station));
                        c.station_serial = Some(Cow::Borrowed(de.serial));
                        c.station_section = de.section.map(Cow::Borrowed);
                        c.filing_time = de.filing_time.map(Cow::Borrowed);
                    }
                }
            }
            K::Security => set_once(&mut self.cable.security, line),
            K::Dtg => {
                if self.cable.dtg_raw.is_none() {
                    let d = match tz.take_found(tok) {
                        Some(Found::Dtg(d)) if same_header_core(line) => Some(d),
                        _ => header::dtg_parts(line),
                    };
                    if let Some(d) = d {
                        self.cable.dtg_raw = Some(Cow::Borrowed(d.raw));
                        self.cable.dtg = d.value;
                        self.cable.dtg_precedence =
                            d.precedence().iter().map(|&p| Cow::Borrowed(p)).collect();
                        if d.value.is_none() {
                            self.diag(
                                "bad_date",
                                format!("DTG {:?} is not a valid date-time", d.raw),
                                part,
                                tok.span.start,
                            );
                        }
                    }
                }
            }
            K::From => {
                let v = trim(line.strip_prefix("FM").unwrap_or(line));
                if !v.is_empty() {
                    set_once(&mut self.cable.from, v);
                }
            }
            K::To | K::Info | K::Xmt => {
                let (list, kw) = match tok.kind {
                    K::To => (List::To, "TO"),
                    K::Info => (List::Info, "INFO"),
                    _ => (List::Xmt, "XMT"),
                };
                let before = self.list_before_xmt.take().or(self.list);
                self.list = Some(list);
                let rest = trim(line.strip_prefix(kw).unwrap_or(line));
                self.recipient(rest, None);
                if list == List::Xmt {
                    // An XMT line excludes one post; the lines after it continue the
                    // list it interrupted (09STATE63860).
                    self.list = before;
                    self.list_before_xmt = before;
                }
            }
            K::Recipient => {
                let found = match tz.take_found(tok) {
                    Some(Found::Recipient(r)) if same_header_core(line) => Some(r),
                    _ => None,
                };
                self.recipient(line, found);
            }
            K::Distribution => {
                let codes = match tz.take_found(tok) {
                    Some(Found::Distribution(codes)) if same_header_core(line) => codes,
                    _ => header::distribution_codes(line),
                };
                self.cable
                    .distribution
                    .extend(codes.into_iter().map(Cow::Borrowed));
            }
            K::Banner => {
                self.saw_body = true;
                if self.cable.banner.is_none() {
                    let b = match tz.take_found(tok) {
                        Some(Found::Banner(b)) => Some(b),
                        _ => preamble::parse_banner(line),
                    };
                    if let Some(b) = b {
                        let c = &mut self.cable;
                        c.banner = Some(Cow::Borrowed(line));
                        c.banner_classification = Some(b.level);
                        c.section = b.section;
                        c.section_total = b.section_total;
                        c.post = Some(Cow::Borrowed(b.post));
                        c.serial = Some(Cow::Borrowed(b.serial));
                        self.banner_offset = Some((part, tok.span.start));
                    }
                }
            }
            K::Caveat => {
                self.saw_body = true;
                let cv = match tz.take_found(tok) {
                    Some(Found::Caveats(list)) => Some(list),
                    _ => preamble::caveats(line),
                };
                if let Some(cv) = cv {
                    self.cable.caveats.extend(cv.into_iter().map(Cow::Borrowed));
                }
            }
            K::PassLine => {
                self.saw_body = true;
                self.cable.pass_lines.push(Cow::Borrowed(line));
            }
            K::Eo => {
                self.saw_body = true;
                self.preamble_field(text, tok);
                if self.cable.eo.is_none() {
                    self.cable.eo = Some(Cow::Borrowed(line));
                    let (label, searched) = field_label(tz, tok, text, line, line_at);
                    let value = match label {
                        Some((_, off)) => line.get(off..).unwrap_or(""),
                        None => line,
                    };
                    // `field_line` keeps an E.O. token's label (an E.O. label).
                    let glued = !(searched && glued_searched(value));
                    #[cfg(test)]
                    let glued = glued || tests::FORCE_GLUED.get();
                    #[cfg(test)]
                    tests::count_glued(preamble::Field::Eo, &[value], glued);
                    let d = preamble::decl_value(value, glued);
                    self.cable.nondisclosure_deadline = d.nondisclosure_deadline;
                    self.cable.nondisclosure_raw = d.nondisclosure_raw.map(Cow::Borrowed);
                    self.cable.downgrade_date = d.downgrade_date;
                }
            }
            K::Tags | K::Subject | K::Ref | K::ClassifiedBy => {
                self.saw_body = true;
                self.preamble_field(text, tok);
                let field = match tok.kind {
                    K::Tags => preamble::Field::Tags,
                    K::Subject => preamble::Field::Subject,
                    K::Ref => preamble::Field::Ref,
                    _ => preamble::Field::ClassifiedBy,
                };
                let (label, searched) = field_label(tz, tok, text, line, line_at);
                let (value, raw, searched) = match label {
                    Some((f, off)) if f == field => {
                        if self.field == Some(field) {
                            // A second label of the same field starts a new block.
                            self.end_field();
                        }
                        let raw = line.get(off..).unwrap_or("");
                        (trim(raw), raw, searched)
                    }
                    // The tokenizer's: a continuation line, searched whole.
                    None => (line, line, searched),
                    Some(_) => (line, line, false),
                };
                // With `glued_searched(raw)`, `trim(raw)` is `raw`.
                self.glued_unsearched |= !(searched && glued_searched(raw));
                self.field = Some(field);
                self.values.push(value);
            }
            K::DerivedFrom => {
                self.saw_body = true;
                let value = match field_label(tz, tok, text, line, line_at).0 {
                    Some((_, off)) => trim(line.get(off..).unwrap_or("")),
                    None => line,
                };
                if !value.is_empty() {
                    set_once(&mut self.cable.derived_from, value);
                }
            }
            K::Text | K::Blank => {} // Handled in `text_run` and above.
            K::ParagraphStart => {
                self.saw_body = true;
                self.close_para(text);
                self.para_count += 1;
                let p = match tz.take_found(tok) {
                    Some(Found::ParagraphStart(p)) => Some(p),
                    _ => body::paragraph_start(raw),
                };
                let (number, marking) = match p {
                    Some(p) => (p.number, p.marking.and_then(|r| raw.get(r)).map(trim)),
                    None => (None, None),
                };
                self.para = Some(ParaBuild {
                    breaks: false,
                    number,
                    marking,
                    start: tok.span.start,
                    pieces: self.take_pieces(),
                });
                // A marker-opened section without its end marker ends with its paragraph.
                // (A marker on a line of its own before the paragraph opens it with
                // no text yet: that section goes on into this paragraph.)
                for s in [&mut self.summary, &mut self.comment] {
                    if !s.open || s.by_heading {
                        continue;
                    }
                    if s.cut.is_none() && s.para < self.para_count && !is_blank(&s.buf) {
                        s.cut = Some(s.buf.len());
                    } else if s.cut.is_some() && self.para_count > s.para + MAX_SECTION_PARAS {
                        // No end marker within a few paragraphs: there is none.
                        s.close_unended();
                    }
                }
            }
            K::Redaction => {
                // The token may carry the line terminator: keep the X run only.
                let lead = raw.len() - raw.trim_start().len();
                let s = tok.span.start + lead;
                let e = s + raw.trim().len();
                self.cable.redactions.push(Span::new(s, e));
                self.text_line(text, tok, part);
            }
            K::PageBreak => {
                self.para_piece(tok);
            }
            K::SummaryMarker | K::CommentMarker => {
                self.para_piece(tok);
                let after_end = match last_text {
                    Some(t) => ends_with_word_end(line_end(text, t)),
                    None => end_carried,
                };
                let split_end = !is_end_marker(line) && after_end;
                let end = is_end_marker(line) || split_end;
                let target = if tok.kind == K::SummaryMarker {
                    &mut self.summary
                } else {
                    &mut self.comment
                };
                if split_end {
                    // `… End` / `Summary.`: the `End` went into the text already.
                    target.drop_trailing_word();
                }
                if end {
                    target.close();
                } else if target.open && body::is_continuation_marker(line) {
                    // `Comment continued:` in the next paragraph: the section runs on.
                    target.cut = None;
                    target.para = self.para_count;
                } else if !target.open {
                    // `Summary cont.`, `Comment Cont’d:` carry on the last section.
                    if body::is_continuation_marker(line) {
                        if let Some(last) = target.done.pop() {
                            target.buf = last;
                            target.buf.push(' ');
                        }
                    }
                    target.open = true;
                    target.by_heading = false;
                    target.para = self.para_count;
                }
                // `Summary and Comment:` opens the summary only.
            }
            K::NoteMarker => {
                self.para_piece(tok);
                self.section_text(raw);
            }
            // The second line of a wrapped heading (09TBILISI2025: `COMMENT:  THE WRONG
            // SHIP … AT THE WRONG` / `TIME`) neither ends nor opens a section.
            K::Heading if self.prev_kind == Some(K::Heading) => self.close_para(text),
            K::Heading => {
                self.close_para(text);
                let h = heading_word(line);
                for (word, sec) in [
                    ("SUMMARY", &mut self.summary),
                    ("COMMENT", &mut self.comment),
                ] {
                    if sec.open {
                        // A heading ends a section opened by a heading, and one
                        // opened by a marker that never saw its end marker.
                        sec.close_unended();
                    }
                    if h.eq_ignore_ascii_case(word) && !sec.open {
                        sec.open = true;
                        sec.by_heading = true;
                        sec.para = self.para_count;
                    }
                }
            }
            K::Rule | K::Boilerplate => self.close_para(text),
            K::Signature => {
                self.close_para(text);
                self.summary.close_unended();
                self.comment.close_unended();
                let sig = raw.trim_end_matches(['\n', '\r']);
                let ranges = match tz.take_found(tok) {
                    Some(Found::Signature { ranges, len }) if len == sig.len() => ranges,
                    _ => {
                        let mut ranges = Vec::new();
                        body::signature(sig, &mut ranges);
                        ranges
                    }
                };
                for r in &ranges {
                    if let Some(s) = sig.get(r.clone()) {
                        let s = s.trim();
                        let name = if s.bytes().any(|b| b.is_ascii_lowercase()) {
                            Cow::Owned(s.to_uppercase())
                        } else {
                            Cow::Borrowed(s)
                        };
                        if !name.is_empty() && !self.cable.signers.contains(&name) {
                            self.cable.signers.push(name);
                        }
                    }
                }
                tz.put_back_signature(ranges);
            }
            K::MetadataLine | K::PartialExtract | K::HeaderText | K::DateLine => {}
        }
    }

    /// A preamble field token: unnumbered "paragraphs" before it were preamble
    /// furniture (declassification notes, 66BUENOSAIRES2481), and a numbered
    /// classification line (`2. (U) Classified by …`, 08STATE103511) is also a
    /// paragraph.
    fn preamble_field(&mut self, text: &'a str, tok: Token) {
        if self.para.as_ref().is_some_and(|p| p.number.is_none()) {
            self.para = None;
        }
        self.cable
            .paragraphs
            .retain(|p| p.number.is_some() || p.span.start >= tok.span.start);
        if tok.kind == TokenKind::ClassifiedBy {
            let raw = tok.span.slice(text);
            if let Some(p) = body::paragraph_start(raw).filter(|p| p.number.is_some()) {
                self.close_para(text);
                self.para_count += 1;
                let ts = tok.span.start + p.text_start.min(raw.len());
                self.para = Some(ParaBuild {
                    breaks: false,
                    number: p.number,
                    marking: p.marking.and_then(|r| raw.get(r)).map(str::trim),
                    start: tok.span.start,
                    pieces: {
                        let mut v = self.take_pieces();
                        v.push((TokenKind::Text, ts, tok.span.end));
                        v
                    },
                });
                return;
            }
            if self.para.as_ref().is_some_and(|p| p.number.is_some()) {
                // A continuation line of a numbered classification paragraph.
                self.para_piece(tok);
            }
        }
    }

    /// A line (or line part) of free text, the token `tok` of `text`: part of the
    /// open paragraph (or the start of an unnumbered one) and of an open summary
    /// or comment. (Inlined into its two callers, the first line of a text run and
    /// a redaction: called, it costs about what the run's fast path saves.)
    #[inline(always)]
    fn text_line(&mut self, text: &'a str, tok: Token, part: Part) {
        self.saw_body = true;
        if self.para.is_none() && part != Part::Header && !is_blank(tok.span.slice(text)) {
            // Text outside a numbered paragraph: an unnumbered paragraph.
            self.para = Some(ParaBuild {
                breaks: false,
                number: None,
                marking: None,
                start: tok.span.start,
                pieces: self.take_pieces(),
            });
            self.para_count += 1;
        }
        self.para_piece(tok);
        #[cfg(test)]
        if tests::GENERAL.get() {
            self.text_line_general(text, tok);
            return;
        }
        // Most text is in no summary or comment: then a minimize line has nothing
        // to end (a closed section has no cut, and closing it does nothing), and
        // the line's end is not looked at.
        if self.summary.open || self.comment.open {
            // The line without its terminator: a minimize line ends in
            // `considered.`, a last word ending in `d`, which few lines have (one
            // test, taken rarely, lets the others through).
            let line = tok.span.slice(text);
            let t = line_end(text, tok.span);
            if may_end_in_d(t) && ends_minimize_line(line, t) {
                // 08LONDON2673: a closing `Tripoli minimize considered.` is a routing
                // instruction, not part of the comment (or summary) above it.
                self.summary.close_unended();
                self.comment.close_unended();
            }
            if self.summary.open || self.comment.open {
                self.section_text(line);
            }
        }
        self.last_text = Some(tok.span);
    }

    /// The end of [`Builder::text_line`] without its fast paths (the tests'
    /// reference): every line's end is looked at, a minimize line closes the
    /// sections open or not, and whether the line ends with `End` is found at
    /// once (and kept as the flag a text's last line leaves).
    #[cfg(test)]
    fn text_line_general(&mut self, text: &'a str, tok: Token) {
        let t = line_end(text, tok.span);
        let (minimize, ends_with_end) = if may_end_in_d(t) {
            (
                ends_minimize_line(tok.span.slice(text), t),
                ends_with_word_end(t),
            )
        } else {
            (false, false)
        };
        if minimize {
            self.summary.close_unended();
            self.comment.close_unended();
        }
        if self.summary.open || self.comment.open {
            self.section_text(tok.span.slice(text));
        }
        self.last_text = None;
        self.end_carried = ends_with_end;
    }

    /// A recipient line of the open list; `found` is the line's
    /// [`header::parse_recipient`] when the tokenizer already has it.
    fn recipient(&mut self, line: &'a str, found: Option<Recipient<'a>>) {
        let Some(list) = self.list else { return };
        if line.is_empty() {
            return;
        }
        if let Some(r) = found.or_else(|| header::parse_recipient(line)) {
            let target: &mut Vec<Recipient<'a>> = match list {
                List::To => &mut self.cable.recipients,
                List::Info => &mut self.cable.info_recipients,
                List::Xmt => &mut self.cable.excluded_recipients,
            };
            if target.capacity() == 0 {
                // Lists run to several posts: one allocation for most of them.
                target.reserve(RECIPIENTS_START);
            }
            target.push(r);
        }
    }

    #[inline]
    fn section_text(&mut self, s: &str) {
        if self.summary.open {
            self.summary.push(s);
        }
        if self.comment.open {
            self.comment.push(s);
        }
    }

    fn para_piece(&mut self, tok: Token) {
        if let Some(p) = &mut self.para {
            p.pieces.push((tok.kind, tok.span.start, tok.span.end));
            p.breaks |= tok.kind == TokenKind::PageBreak;
        }
    }

    /// An empty piece buffer, reusing the last paragraph's allocation.
    fn take_pieces(&mut self) -> Vec<(TokenKind, usize, usize)> {
        let mut v = std::mem::take(&mut self.spare_pieces);
        v.clear();
        v
    }

    fn close_para(&mut self, text: &'a str) {
        let Some(p) = self.para.take() else { return };
        self.push_para(text, &p);
        self.spare_pieces = p.pieces;
    }

    fn push_para(&mut self, text: &'a str, p: &ParaBuild<'a>) {
        let is_blank = |&(k, s, e): &(TokenKind, usize, usize)| {
            // Text pieces nearly always start with a letter: only the others are trimmed.
            k == TokenKind::Blank
                || match text.as_bytes().get(s) {
                    Some(&c) if s < e && !c.is_ascii_whitespace() && c != 0xC2 => {
                        text.get(s..e).is_none()
                    }
                    _ => text.get(s..e).is_none_or(is_blank),
                }
        };
        // Drop trailing blank and page-break pieces.
        let mut pieces = &p.pieces[..];
        while let Some(last) = pieces.last() {
            if is_blank(last) || last.0 == TokenKind::PageBreak {
                pieces = &pieces[..pieces.len() - 1];
            } else {
                break;
            }
        }
        let Some(&(_, first, _)) = pieces.first() else {
            if p.number.is_some() || p.marking.is_some() {
                self.cable.paragraphs.push(Paragraph {
                    number: p.number,
                    marking: p.marking.map(Cow::Borrowed),
                    text: Cow::Borrowed(""),
                    span: Span::new(p.start, p.start),
                });
            }
            return;
        };
        let last = pieces.last().map_or(first, |x| x.2);
        let has_break = p.breaks && pieces.iter().any(|x| x.0 == TokenKind::PageBreak);
        let text_value = if !has_break {
            Cow::Borrowed(trim_ws(text.get(first..last).unwrap_or("")))
        } else {
            // Cut out page-break markers and the blank lines around them; a marker
            // inside a line goes with one of the spaces around it.
            let n = pieces.len();
            let mut skip = std::mem::take(&mut self.skip);
            skip.clear();
            skip.resize(n, false);
            for i in 0..n {
                if pieces[i].0 != TokenKind::PageBreak {
                    continue;
                }
                skip[i] = true;
                let mut j = i;
                while j > 0 && is_blank(&pieces[j - 1]) {
                    j -= 1;
                    skip[j] = true;
                }
                let mut j = i + 1;
                while j < n && is_blank(&pieces[j]) {
                    skip[j] = true;
                    j += 1;
                }
            }
            let out = join_kept(text, pieces, &skip, last - first);
            self.skip = skip;
            Cow::Owned(out)
        };
        self.cable.paragraphs.push(Paragraph {
            number: p.number,
            marking: p.marking.map(Cow::Borrowed),
            text: text_value,
            span: Span::new(p.start, last),
        });
    }

    fn end_field(&mut self) {
        let Some(field) = self.field.take() else {
            return;
        };
        // Trailing blank values (REF blocks keep blank lines) are noise.
        while self.values.last().is_some_and(|v| v.is_empty()) {
            self.values.pop();
        }
        let values = std::mem::take(&mut self.values);
        let glued = std::mem::take(&mut self.glued_unsearched);
        #[cfg(test)]
        let glued = glued || tests::FORCE_GLUED.get();
        #[cfg(test)]
        tests::count_glued(field, &values, glued);
        let c = &mut self.cable;
        match field {
            preamble::Field::Tags => {
                // Duplicates across blocks are removed too: `parse_tags` adds a tag
                // only when it is not in the vector yet, and the tags of earlier
                // blocks are in it (no other code writes `tags`).
                preamble::tags_values(&values, &mut c.tags, glued);
            }
            preamble::Field::Subject => {
                if c.subject.is_none() {
                    let (s, m) = preamble::subject_values(&values, glued);
                    c.subject = s;
                    c.subject_marking = m.map(Cow::Borrowed);
                }
            }
            preamble::Field::Ref => {
                let year = self.year();
                preamble::references_values(&values, year, &mut self.cable.references, glued);
            }
            preamble::Field::ClassifiedBy => {
                if c.classified_by.is_none() && c.reasons.is_empty() {
                    if c.derived_from.is_none() {
                        // `Classified By: Derived from Multiple Sources` (09STATE63860).
                        c.derived_from =
                            preamble::classified_by_derived_from(&values).map(Cow::Borrowed);
                    }
                    let cb = preamble::parse_classified_by(&values);
                    c.classified_by = cb.name;
                    c.classified_by_title = cb.title;
                    c.reasons = cb.reasons;
                }
            }
            preamble::Field::Eo | preamble::Field::DerivedFrom => {}
        }
        self.values = values;
        self.values.clear();
    }

    /// The year of the cable, for REF items without one.
    fn year(&self) -> Option<i32> {
        use chrono::Datelike;
        self.ctx
            .year
            .or_else(|| self.ctx.reference_id.and_then(ids::year_of_id))
            .or_else(|| self.cable.reference_id.as_deref().and_then(ids::year_of_id))
            .or_else(|| self.cable.created.map(|d| d.year()))
            .or_else(|| self.cable.dtg.map(|d| d.year()))
    }

    fn finish(&mut self, metadata_id: bool) {
        use chrono::Datelike;
        let c = &mut self.cable;
        if !metadata_id {
            if let Some(r) = self.ctx.reference_id {
                c.reference_id = Some(Cow::Owned(r.trim().to_string()));
            } else if let (Some(post), Some(serial)) = (c.post.as_deref(), c.serial.as_deref()) {
                let year = self.ctx.year.or_else(|| c.dtg.map(|d| d.year()));
                if let Some(y) = year {
                    if let Some(id) = ids::cable_id(y, post, serial) {
                        c.reference_id = Some(Cow::Owned(id));
                        c.reference_id_inferred = true;
                    }
                }
            }
        }
        c.canonical_id = c.reference_id.as_deref().and_then(ids::canonical_id);
        // The summary and comment.
        // The first summary is the summary; the comments are joined (one is moved).
        c.summary = if self.summary.done.is_empty() {
            None
        } else {
            Some(self.summary.done.swap_remove(0))
        };
        c.comment = match self.comment.done.len() {
            0 => None,
            1 => self.comment.done.pop(),
            _ => Some(self.comment.done.join("\n\n")),
        };
        Spare {
            pieces: std::mem::take(&mut self.spare_pieces),
            summary: std::mem::take(&mut self.summary.buf),
            comment: std::mem::take(&mut self.comment.buf),
            summary_done: std::mem::take(&mut self.summary.done),
            comment_done: std::mem::take(&mut self.comment.done),
            values: Vec::new(), // `put` takes over `self.values`' buffer.
            skip: std::mem::take(&mut self.skip),
            tokenizer: std::mem::take(&mut self.scratch),
        }
        .put(std::mem::take(&mut self.values));
        let c = &mut self.cable;
        // Cross-checks.
        // A fragment (a REF block, a TAGS line) is not expected to carry a banner.
        let whole = !c.paragraphs.is_empty() || c.dtg_raw.is_some() || c.from.is_some();
        if self.saw_body && whole && c.banner.is_none() {
            self.cable.diagnostics.push(Diagnostic {
                code: "missing_banner",
                message: "the body has no classification banner".to_string(),
                part: Part::Body,
                offset: 0,
            });
        }
        let c = &self.cable;
        if let (Some(canon), Some(post), Some(serial), false) = (
            c.canonical_id.as_deref(),
            c.post.as_deref(),
            c.serial.as_deref(),
            c.reference_id_inferred,
        ) {
            if let Some(y) = ids::year_of_id(canon) {
                if let Some(same) = ids::cable_id_matches(canon, y, post, serial) {
                    if !same && !post.contains("XXXX") {
                        let (part, offset) = self.banner_offset.unwrap_or((Part::Body, 0));
                        let message = format!(
                            "banner names {post} {serial}, which is not {canon}: the body may belong to another cable"
                        );
                        self.cable.diagnostics.push(Diagnostic {
                            code: "banner_mismatch",
                            message,
                            part,
                            offset,
                        });
                    }
                }
            }
        }
    }
}

/// The text of a paragraph with a page break: its `pieces` (token spans of
/// `text`) not marked in `skip`, in order, trimmed. The first piece after a
/// left-out page break loses the blanks that would double the one before it.
/// `cap`: room to reserve.
fn join_kept(
    text: &str,
    pieces: &[(TokenKind, usize, usize)],
    skip: &[bool],
    cap: usize,
) -> String {
    let mut out = String::with_capacity(cap);
    let mut after_break = false;
    // The kept pieces, each one a slice of `text`, are copied a run of adjoining
    // ones at a time (one copy a few lines long rather than one a line): the
    // run's slice is their concatenation.
    let mut run = 0..0;
    for (&(k, s, e), &skipped) in pieces.iter().zip(skip) {
        if skipped {
            after_break |= k == TokenKind::PageBreak;
            continue;
        }
        if !after_break && s == run.end {
            // The run's end is a char boundary (where a slice ended, or 0): the
            // piece is a slice when its end is one too.
            if e >= s && text.is_char_boundary(e) {
                run.end = e;
            }
            continue;
        }
        let Some(mut piece) = text.get(s..e) else {
            // Not a slice (no token is): nothing to copy.
            after_break = false;
            continue;
        };
        if after_break {
            out.push_str(text.get(run).unwrap_or(""));
            if out.ends_with(' ') {
                piece = piece.trim_start_matches(' ');
            } else if out.ends_with('\n') {
                piece = piece.trim_start();
            }
            after_break = false;
            run = e - piece.len()..e;
        } else {
            out.push_str(text.get(run).unwrap_or(""));
            run = s..e;
        }
    }
    out.push_str(text.get(run).unwrap_or(""));
    // Trimmed in place (no second copy).
    out.truncate(out.trim_end().len());
    out.drain(..out.len() - out.trim_start().len());
    out
}

fn set_once<'a>(slot: &mut Option<Cow<'a, str>>, v: &'a str) {
    if slot.is_none() {
        *slot = Some(Cow::Borrowed(v));
    }
}

/// Trim ASCII whitespace and NBSP from both ends (byte-level: the hot path
/// trims every token).
fn trim_ws(s: &str) -> &str {
    trim_ws_at(s).0
}

/// [`trim_ws`] of `s`, and the offset in `s` where it starts.
#[inline]
fn trim_ws_at(s: &str) -> (&str, usize) {
    // `str`'s own ASCII trims: no char-boundary check of the result is needed.
    let mut t = s.trim_ascii_start();
    while let Some(rest) = t.strip_prefix('\u{a0}') {
        t = rest.trim_ascii_start();
    }
    let i = s.len() - t.len();
    t = t.trim_ascii_end();
    while let Some(rest) = t.strip_suffix('\u{a0}') {
        t = rest.trim_ascii_end();
    }
    (t, i)
}

/// Collapse runs of whitespace (ASCII and NBSP) into one space and trim.
///
/// Text is copied in chunks between the places that need rewriting (line
/// breaks, CRs, tabs, NBSPs, double spaces): single spaces between words, by
/// far the most common whitespace, are copied as they are. With AVX2 a block
/// at a time ([`crate::simd::collapse_runs`]), else one vector search a chunk
/// ([`collapse_runs_general`]).
fn collapse_ws(t: &str) -> String {
    let level = crate::simd::Level::detect();
    let s = trim_ws(t);
    let mut out = match crate::simd::collapse_runs(level, s) {
        #[cfg(not(test))]
        Some(out) => out,
        #[cfg(test)]
        Some(out) if !tests::GENERAL.get() => out,
        _ => collapse_runs_general(level, s),
    };
    out.truncate(out.trim_end_matches(' ').len());
    out
}

/// [`collapse_ws`] of the trimmed `s` without its final trim, one stop at a
/// time: the general path, and the reference of [`crate::simd::collapse_runs`].
fn collapse_runs_general(level: crate::simd::Level, s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let stop = crate::simd::ws_stop(level, b, i);
        // `i` and `stop` are char boundaries: `stop` is at an ASCII byte or a lead
        // byte, `i` after whole ASCII characters, NBSPs or other characters.
        out.push_str(s.get(i..stop).unwrap_or_default());
        i = stop;
        // A run of whitespace becomes one space; a 0xC2 that starts another
        // character than NBSP is copied with its second byte.
        let mut ws = false;
        while i < b.len() {
            match b[i] {
                c if c.is_ascii_whitespace() => i += 1,
                0xC2 if b.get(i + 1) == Some(&0xA0) => i += 2,
                _ => break,
            }
            ws = true;
        }
        if ws {
            if i < b.len() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if i < b.len() {
            let next = (i + 1..=b.len())
                .find(|&j| s.is_char_boundary(j))
                .unwrap_or(b.len());
            out.push_str(s.get(i..next).unwrap_or_default());
            i = next;
        }
    }
    out
}

fn is_blank(s: &str) -> bool {
    trim_ws(s).is_empty()
}

/// Kinds whose value `token` reads from the trimmed line (the others use the
/// raw token, or nothing of it).
fn needs_trimmed_line(k: TokenKind) -> bool {
    use TokenKind as K;
    !matches!(
        k,
        K::Text
            | K::Blank
            | K::PageBreak
            | K::ParagraphStart
            | K::Redaction
            | K::Rule
            | K::NoteMarker
            | K::Boilerplate
            | K::Signature
            | K::MetadataLine
            | K::PartialExtract
            | K::HeaderText
            | K::DateLine
    )
}

/// Kinds that only a transmission header has.
fn is_header_kind(k: TokenKind) -> bool {
    matches!(
        k,
        TokenKind::TransmissionId
            | TokenKind::Routing
            | TokenKind::De
            | TokenKind::Security
            | TokenKind::Dtg
            | TokenKind::From
            | TokenKind::To
            | TokenKind::Info
            | TokenKind::Xmt
            | TokenKind::Recipient
            | TokenKind::Distribution
    )
}

/// `End Summary`, `END COMMENT.`, `(End Summary)`.
fn is_end_marker(m: &str) -> bool {
    let t = m.trim_start_matches(['(', ' ']);
    t.len() >= 3 && t.as_bytes()[..3].eq_ignore_ascii_case(b"END")
}

/// The first word of a heading, for `SUMMARY` / `COMMENT` headings.
fn heading_word(h: &str) -> &str {
    h.trim_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        /// Make the value parsers search every value for a glued label (the public
        /// parsers' path), as if no value were covered by the tokenizer's search.
        pub(super) static FORCE_GLUED: Cell<bool> = const { Cell::new(false) };
        /// Make the builder take the general path where it has a fast one (see
        /// [`parse_fast_and_general`]).
        pub(super) static GENERAL: Cell<bool> = const { Cell::new(false) };
        /// Values in which the value parsers' glued search finds a label: handed
        /// over without the search (`[0]`, must stay 0) and with it (`[1]`).
        static GLUED_HITS: Cell<[usize; 2]> = const { Cell::new([0; 2]) };
    }

    /// Count the values of a `field` (handed to the value parsers with their
    /// glued search when `glued`) in which that search finds a label.
    pub(super) fn count_glued(field: preamble::Field, values: &[&str], glued: bool) {
        use preamble::Field::*;
        if matches!(field, Eo | Tags | Subject | Ref) {
            let n = values
                .iter()
                .filter(|v| preamble::glued_in_value(field, v))
                .count();
            let mut h = GLUED_HITS.get();
            h[usize::from(glued)] += n;
            GLUED_HITS.set(h);
        }
    }

    /// `parse` as the builder does it, and with every value searched again: the
    /// two records, and the glued-search hits of the first run (see [`GLUED_HITS`]).
    fn parse_both_ways<'t>(parse: impl Fn() -> Cable<'t>) -> (Cable<'t>, Cable<'t>, [usize; 2]) {
        GLUED_HITS.set([0; 2]);
        let fast = parse();
        let hits = GLUED_HITS.get();
        FORCE_GLUED.set(true);
        let slow = parse();
        FORCE_GLUED.set(false);
        (fast, slow, hits)
    }

    #[test]
    fn trim_ws_trims_ascii_and_nbsp() {
        assert_eq!(trim_ws("\u{a0} a b \u{a0}\n"), "a b");
        assert_eq!(trim_ws("\u{a0}"), "");
    }

    #[test]
    fn collapse_ws_joins_every_kind_of_whitespace_run() {
        assert_eq!(
            collapse_ws("  a b  c\n d\t\te\u{a0}f \u{a0}\n g  "),
            "a b c d e f g"
        );
        assert_eq!(collapse_ws("caf\u{e9} \u{a2}5"), "caf\u{e9} \u{a2}5");
        assert_eq!(collapse_ws(""), "");
        assert_eq!(collapse_ws(" \n "), "");
        assert_eq!(collapse_ws("x"), "x");
    }

    /// The byte-level [`trim_ws_at`] this crate had before: the reference.
    fn trim_ws_at_reference(s: &str) -> (&str, usize) {
        let mut b = s.as_bytes();
        loop {
            b = b.trim_ascii_start();
            match b {
                [0xC2, 0xA0, rest @ ..] => b = rest,
                _ => break,
            }
        }
        let i = s.len() - b.len();
        loop {
            b = b.trim_ascii_end();
            match b {
                [rest @ .., 0xC2, 0xA0] => b = rest,
                _ => break,
            }
        }
        (s.get(i..i + b.len()).unwrap_or(""), i)
    }

    /// The words of `t` (runs of other characters than ASCII blanks and NBSP)
    /// joined by one space: what [`collapse_ws`] gives for a text without a form
    /// feed (a run with one takes it in only after another blank).
    fn collapse_chars(t: &str) -> String {
        t.split([' ', '\t', '\n', '\r', '\u{a0}'])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The page-break rebuild as it was (one copy a piece): the reference of
    /// [`join_kept`].
    fn join_kept_reference(
        text: &str,
        pieces: &[(TokenKind, usize, usize)],
        skip: &[bool],
    ) -> String {
        let mut out = String::new();
        let mut after_break = false;
        for (i, &(k, s, e)) in pieces.iter().enumerate() {
            if skip[i] {
                after_break |= k == TokenKind::PageBreak;
                continue;
            }
            let mut piece = text.get(s..e).unwrap_or("");
            if after_break {
                if out.ends_with(' ') {
                    piece = piece.trim_start_matches(' ');
                } else if out.ends_with('\n') {
                    piece = piece.trim_start();
                }
            }
            after_break = false;
            out.push_str(piece);
        }
        out.trim().to_string()
    }

    #[test]
    fn end_of_a_split_marker_after_a_multibyte_blank_is_dropped() {
        // Invented: the `End` of a split end marker after an NBSP (two bytes) or an
        // em space (three); the cut was one byte after the blank's start (a panic).
        for sp in ["\u{a0}", "\u{2003}", " "] {
            let t = format!("SUMMARY -------\nFoobar said yes.{sp}End\nSummary.\n");
            let c = crate::parse(&t);
            // (The collapse takes ASCII blanks and NBSPs: an em space stays.)
            let summary = c.summary.as_deref().map(str::trim_end);
            assert_eq!(summary, Some("Foobar said yes."), "{t:?}");
            let t = format!("SUMMARY -------\n{sp}End\nSummary.\n");
            assert_eq!(crate::parse(&t).summary, None, "{t:?}");
        }
    }

    #[test]
    fn collapse_ws_at_line_breaks() {
        for (t, want) in [
            ("a\nb", "a b"),
            ("a \nb", "a b"),
            ("a\n b", "a b"),
            ("a\n\nb", "a b"),
            ("a\n\u{a0}b", "a b"),
            ("a\n\u{a2}b", "a \u{a2}b"),
            ("a  \n\tb\r\nc", "a b c"),
            ("x\n", "x"),
            ("\ny", "y"),
            // A form feed is whitespace only in a run that a stop (a line break,
            // tab, CR, NBSP or double space) opened; a vertical tab never is.
            ("a\n\x0cb", "a b"),
            ("a\x0c\nb", "a\x0c b"),
            ("a \x0cb", "a \x0cb"),
            ("a\n\x0bb", "a \x0bb"),
        ] {
            assert_eq!(collapse_ws(t), want, "{t:?}");
        }
        assert_eq!(collapse_ws("a \nb\n\nc\n d"), "a b c d");
    }

    /// The vector collapse ([`crate::simd::collapse_runs`]) and the general
    /// path of `s`; `None` on a CPU without AVX2.
    fn collapse_both(s: &str) -> Option<(String, String)> {
        let level = crate::simd::Level::detect();
        let fast = crate::simd::collapse_runs(level, s)?;
        Some((fast, collapse_runs_general(level, s)))
    }

    #[test]
    fn collapse_runs_at_block_edges_as_the_general_path() {
        if collapse_both("a").is_none() {
            eprintln!("skipped: no AVX2");
            return;
        }
        // Every kind of run and stop (CRLF, NBSP, another 0xC2 character, a form
        // feed inside and outside runs), ending or starting at each offset around
        // the edges of the 32-byte blocks, alone or in a block full of stops,
        // in a full block or the last bytes.
        let runs = [
            "\n",
            "\r\n",
            "\t",
            "  ",
            "   \n ",
            " \n",
            "\u{a0}",
            " \u{a0}\n",
            "\u{a2}",
            "\u{a2}\u{a2}",
            "\n\x0c",
            "\x0c\n",
            "\n\x0b",
            "\n\u{a2}",
            "\u{a0}\u{a2}",
        ];
        for run in runs {
            for at in [0, 1, 2, 30, 31, 32, 33, 34, 62, 63, 64, 65] {
                for tail in ["", "z", "yz y", "x\u{e9}\u{2019}.", " \n", "\u{a0}"] {
                    for fill in ["ab", "a\n", "a  ", "\u{a2}"] {
                        let head = fill.repeat(at);
                        let cut = (0..=at.min(head.len()))
                            .rev()
                            .find(|&k| head.is_char_boundary(k))
                            .unwrap_or(0);
                        let head = &head[..cut];
                        let t = format!("{head}{run}{tail}{}", "q w  e\n".repeat(at % 3));
                        let (fast, general) = collapse_both(&t).unwrap_or_default();
                        assert_eq!(fast, general, "{t:?}");
                    }
                }
            }
        }
        assert_eq!(collapse_both(""), Some((String::new(), String::new())));
    }

    #[test]
    fn spare_keeps_the_value_line_buffer() {
        let text = String::from("TAGS: PREL\n");
        let mut values: Vec<&str> = Vec::with_capacity(8);
        values.push(&text);
        Spare::default().put(values);
        let spare = Spare::take();
        assert!(spare.values.is_empty());
        assert!(spare.values.capacity() >= 8);
    }

    proptest::proptest! {
        /// Lines of words with every kind of blank between them, some long
        /// enough for the vector line-end search, and non-ASCII text.
        #[test]
        fn collapse_ws_matches_the_definition(
            t in "([a-z]{1,70}| |  |\n|\n\n| \n|\n |\t|\r\n|\u{a0}|\u{a2}|\u{e9}|\x0b){0,40}",
        ) {
            proptest::prop_assert_eq!(collapse_ws(&t), collapse_chars(&t));
        }

        /// Words, runs and stops of every kind, packed densely enough for many
        /// stops a block and runs across block edges: the vector collapse gives
        /// what the general path gives.
        #[test]
        fn collapse_runs_matches_the_general_path(
            t in "([a-z]{1,9}|[a-z]{30,40}| |  |\n|\n\n| \n|\n |\t|\r\n|\u{a0}|\u{a2}|\u{e9}|\x0b|\x0c){0,60}",
        ) {
            if let Some((fast, general)) = collapse_both(&t) {
                proptest::prop_assert_eq!(fast, general);
            }
        }

        #[test]
        fn trim_ws_at_matches_the_reference(
            t in "( |\n|\t|\x0c|\x0b|\u{a0}|\u{2000}|\u{a2}|a|b){0,12}",
        ) {
            proptest::prop_assert_eq!(trim_ws_at(&t), trim_ws_at_reference(&t));
        }

        /// The gate in front of the two end checks lets through every line that
        /// either of them accepts.
        #[test]
        fn may_end_in_d_is_a_safe_gate(
            line in "[a-zA-Z .]{0,30}( ?(?i)(minimize considered|end|considered|ended|nd))?[.]{0,3}( |Ω|\u{a0}|é)?[.]{0,2}",
        ) {
            let t = line.as_bytes().trim_ascii_end();
            if ends_minimize_line(&line, t) || ends_with_word_end(t) {
                proptest::prop_assert!(may_end_in_d(t), "{:?}", line);
            }
        }

        /// Pieces over a text of lines, page-break lines and blank lines,
        /// adjoining or not, some kept, some not (some not on char boundaries).
        #[test]
        fn join_kept_matches_the_reference(
            cuts in proptest::collection::vec((0u8..3, 0usize..3, 1usize..12, proptest::bool::ANY), 0..24),
        ) {
            let text = "Foo bar baz.\n   \nFOOBAR 00001234  002 OF 003\n\n \u{e9}t\u{e9} qux \n";
            let mut pieces = Vec::new();
            let mut skip = Vec::new();
            let mut at = 0;
            for (kind, gap, len, skipped) in cuts {
                let s = (at + gap).min(text.len());
                let e = (s + len).min(text.len());
                let kind = match kind {
                    0 => TokenKind::Text,
                    1 => TokenKind::Blank,
                    _ => TokenKind::PageBreak,
                };
                pieces.push((kind, s, e));
                skip.push(skipped || kind == TokenKind::PageBreak);
                at = e;
            }
            proptest::prop_assert_eq!(
                join_kept(text, &pieces, &skip, 0),
                join_kept_reference(text, &pieces, &skip)
            );
        }
    }

    #[test]
    fn recipients_read_from_the_token_bytes_where_the_trims_differ() {
        // The tokenizer read this line up to its NBSP, which sends the header trim on
        // to cut the vertical tab too; the token's bytes trimmed end with the tab,
        // which the header trim keeps. The record has the builder's own reading.
        let header =
            "TO RUEHC/SECSTATE WASHDC\nFOOBAR POST\x0b\u{a0}\n  RUEHXY/AMEMBASSY BAZ 0001 \n";
        let c = crate::parse_parts(Some(header), None, Context::default());
        let names: Vec<&str> = c.recipients.iter().map(|r| r.name.as_ref()).collect();
        assert_eq!(
            names,
            ["SECSTATE WASHDC", "FOOBAR POST\x0b", "AMEMBASSY BAZ"]
        );
        assert_eq!(c.recipients[2].route.as_deref(), Some("RUEHXY"));
        assert_eq!(c.recipients[2].mcn.as_deref(), Some("0001"));
    }

    #[test]
    fn tags_of_two_blocks_without_duplicates() {
        let c = crate::parse("TAGS: PREL, PGOV\nSUBJECT: FOOBAR\nTAGS: pgov XX PREL\n");
        assert_eq!(c.tags, ["PREL", "PGOV", "XX"]);
    }

    #[test]
    fn field_values_from_kept_labels() {
        // Indented labels, trailing spaces and a tab: the same values either way.
        let c = crate::parse(
            "   E.O. 12958: DECL: 01/01/2019  \n  TAGS: PREL, PGOV \nSUBJECT: FOOBAR TALKS\t\n\
             \x20    CONTINUE \n\nREF: A. FOOBAR 1234   \n",
        );
        assert_eq!(c.tags, ["PREL", "PGOV"]);
        assert_eq!(c.subject.as_deref(), Some("FOOBAR TALKS CONTINUE"));
        assert_eq!(c.eo.as_deref(), Some("E.O. 12958: DECL: 01/01/2019"));
        assert_eq!(c.references.len(), 1);
    }

    #[test]
    fn body_header_copies_recipient_lists_and_fields_over_blank_lines() {
        // A header copied into the body adds nothing to the header parsed before it.
        let header = "R 011200Z JAN 09\nFM AMEMBASSY FOOBAR\nTO SECSTATE WASHDC 0001\n";
        let body = "FM AMEMBASSY ELSEWHERE\nC O N F I D E N T I A L FOOBAR 000123\n\n\
                    SUBJECT: FOOBAR TALKS\n1. (C) First paragraph.\n";
        let c = crate::parse_parts(Some(header), Some(body), Context::default());
        assert_eq!(c.from.as_deref(), Some("AMEMBASSY FOOBAR"));
        assert_eq!(c.subject.as_deref(), Some("FOOBAR TALKS"));
        assert_eq!(c.paragraphs.len(), 1);
        // A recipient list goes on over a blank line; a field too, up to free text.
        let c = crate::parse(
            "FM AMEMBASSY FOOBAR\nTO RUEHC/SECSTATE WASHDC 0001\n\nRUEHXX/AMEMBASSY QUUX 0002\n\
             TAGS: PREL,\n\n PGOV\n2. (C) Text.\n",
        );
        assert_eq!(c.recipients.len(), 2);
        assert_eq!(c.tags, ["PREL"]);
        let texts: Vec<&str> = c.paragraphs.iter().map(|p| &*p.text).collect();
        assert_eq!(texts, ["PGOV", "Text."]);
    }

    #[test]
    fn may_end_in_d_passes_every_line_the_end_checks_accept() {
        for line in [
            "Tripoli minimize considered.",
            "MINIMIZE CONSIDERED..",
            "Paris minimize considered",
            "End",
            "text. end",
            "END",
            // A non-ASCII end goes on to the exact check (it may be a Unicode blank).
            "a line that ends in Ω",
            "a line that ends in Ω.",
        ] {
            let t = line.as_bytes();
            assert!(may_end_in_d(t), "{line:?}");
        }
        for line in [
            "",
            ".",
            "said so.",
            "x",
            "end.x",
            "Lyon minimize considered?",
        ] {
            let t = line.as_bytes();
            assert!(!may_end_in_d(t), "{line:?}");
            assert!(
                !ends_minimize_line(line, t) && !ends_with_word_end(t),
                "{line:?}"
            );
        }
    }

    #[test]
    fn minimize_considered_paragraph_ends_the_comment() {
        // 08LONDON2673: `Comment: …` heading, the comment paragraph, then a routing line.
        let c = crate::parse(
            "8. (C) Text.\n\nComment\n-------\n\n9. (C) The comment itself.\n\n\
             10. (U) Foobar minimize considered.\n",
        );
        assert_eq!(c.comment.as_deref(), Some("The comment itself."));
        assert_eq!(c.paragraphs.len(), 3);
        assert!(is_minimize_line("MINIMIZE CONSIDERED"));
        assert!(!is_minimize_line("considered"));
    }

    #[test]
    fn routing_lines_after_the_first_add_to_its_list() {
        // The first line's vector becomes the record's list; the next ones extend it.
        let header = "RR RUEHAA RUEHBB\nRUEHCC RUEHDD\nDE RUEHXY #0042/01 1012232\n\
                      ZNY CCCCC ZZH\nO R 101223Z JAN 10\nFM AMEMBASSY FOOBAR\n";
        let c = crate::parse_parts(Some(header), None, Context::default());
        assert_eq!(c.routing_precedence.as_deref(), Some("RR"));
        assert_eq!(c.routing, ["RUEHAA", "RUEHBB", "RUEHCC", "RUEHDD"]);
        assert_eq!(c.dtg_precedence, ["O", "R"]);
        assert_eq!(c.dtg_raw.as_deref(), Some("O R 101223Z JAN 10"));
    }

    #[test]
    fn spare_keeps_the_tokenizer_buffers_up_to_the_cap() {
        let text = "1. (C) Summary: Foobar [REDACTED] said yes. End summary.\n\nDOE\n";
        drop(Spare::take());
        crate::parse(text);
        let kept = Spare::take().tokenizer;
        assert!(kept.inline.capacity() > 0 && kept.sig.capacity() > 0);
        // Oversized buffers go back to the allocator, modest ones are kept.
        let mut big = Scratch::default();
        big.markers.reserve(MAX_SPARE_BYTES / 8);
        big.sig.reserve(4);
        Spare {
            tokenizer: big,
            ..Spare::default()
        }
        .put(Vec::new());
        assert_eq!(Spare::take().tokenizer.bytes(), 0);
        Spare {
            tokenizer: kept,
            ..Spare::default()
        }
        .put(Vec::new());
        assert!(Spare::take().tokenizer.sig.capacity() > 0);
    }

    /// Invented preamble pieces: labels of every field (glued forms too), values,
    /// continuation lines, a pass instruction, HTML tags, `¶`, label fragments.
    const GLUED_PIECES: [&str; 28] = [
        "E.O. 12958: DECL: 1/2/2019",
        "DECL: 02/04/2029",
        "TAGS: PREL PGOV XX",
        "TAGS PREL",
        "Tags:",
        "SUBJECT: FOOBAR TALKS",
        "Subject: (C) foo bar",
        "SUBJ:",
        "REF: A. FOOBAR 1234",
        "REFTELS: A) 08 FOOBAR 55",
        "PRIMEREF: B. STATE 1",
        "Ref:",
        "Classified By: Jane Doe, Ambassador, reasons 1.4 (b) and (d)",
        "CLASSIFIED BY: JOHN DOE",
        "Classified by",
        "B. FOOBAR 99",
        "MORE WORDS OF THE SUBJECT",
        "PLEASE PASS TO RSO",
        "<b>",
        "</b>",
        "¶",
        "(C)",
        "1. (C) Text of a paragraph.",
        "By",
        ",",
        ":",
        "REF",
        "C",
    ];
    const GLUED_SEPS: [&str; 11] = [
        "", " ", "  ", "\t", "\u{a0}", "\u{2003}", "\r", "\u{2009}", "\u{3000}", "\u{85}",
        "\u{200b}",
    ];

    /// A text of `lines` of (separator, piece) pairs and a last separator, after a
    /// banner when `banner`.
    fn glued_text(banner: bool, lines: &[(Vec<(usize, usize)>, usize)]) -> String {
        let mut t = String::new();
        if banner {
            t.push_str("C O N F I D E N T I A L FOOBAR 001234\n\nSIPDIS\n\n");
        }
        for (line, end) in lines {
            for &(sep, piece) in line {
                t.push_str(GLUED_SEPS[sep % GLUED_SEPS.len()]);
                t.push_str(GLUED_PIECES[piece % GLUED_PIECES.len()]);
            }
            t.push_str(GLUED_SEPS[end % GLUED_SEPS.len()]);
            t.push('\n');
        }
        t
    }

    #[test]
    fn values_the_tokenizer_searched_are_not_searched_again() {
        for t in [
            "SUBJECT: FOOBAR TALKS\nREF: A. FOOBAR 1234\n",
            "E.O. 12958: DECL: 1/2/2019\nTAGS: PREL PGOV\nSUBJECT: FOO\n",
            "SUBJECT: FOOBAR TALKS WITH\n  MORE WORDS\n\nREF: A. FOO 1\n\nB. FOO 2\n",
            // A label after a Unicode space starts a word (`preamble::at_word_start`): the
            // tokenizer takes the line as a REF line.
            "SUBJECT: FOO BAR\n\u{2003}Ref: A. FOO 1\n",
            // A Unicode space ends a tag code (`preamble::tag_tokens`) as a space does:
            // the tokenizer finds the glued `TAGS PREL` itself.
            "E.O. 12958: DECL: 1/2/2019 TAGS PREL\u{2003}\n",
            "E.O. 12958: DECL: 1/2/2019 TAGS PREL\u{a0}TAGS: PGOV\n",
        ] {
            let (fast, slow, hits) = parse_both_ways(|| crate::parse(t));
            assert_eq!(fast, slow, "{t:?}");
            assert_eq!(hits, [0, 0], "{t:?}");
        }
    }

    #[test]
    fn values_the_tokenizer_did_not_search_whole_are_searched_again() {
        // Each needs the second search (the label is found in the builder's value
        // only). Values the builder or the value parser trims of an HTML tag:
        // `PREL</b>` is no tag, the trimmed `PREL` is. Values cut at a glued label: the
        // cut makes a label of what the tokenizer read on past (`Classified ByREF:` is
        // no `Classified By`, the cut-off `Classified By` is).
        for (t, subject) in [
            ("E.O. 12958: DECL: 1/2/2019 TAGS PREL</b>\n", None),
            ("SUBJECT: FOO Classified ByREF: A. BAR 1\n", Some("FOO")),
        ] {
            let (fast, slow, hits) = parse_both_ways(|| crate::parse(t));
            assert_eq!(fast, slow, "{t:?}");
            assert_eq!(hits, [0, 1], "{t:?}");
            assert_eq!(fast.subject.as_deref(), subject, "{t:?}");
            if subject.is_none() {
                assert_eq!(fast.nondisclosure_raw.as_deref(), Some("1/2/2019"), "{t:?}");
            }
        }
    }

    /// Unicode blanks a label may follow (U+0085, NBSP, en/em/thin/narrow NBSP,
    /// ideographic space): [`char::is_whitespace`], what `str::trim` takes off.
    const UNICODE_BLANKS: [&str; 7] = [
        "\u{85}", "\u{a0}", "\u{2002}", "\u{2003}", "\u{2009}", "\u{202f}", "\u{3000}",
    ];

    /// Kind and bytes of the tokens of `text`.
    fn token_kinds(text: &str) -> Vec<(TokenKind, &str)> {
        crate::tokenizer::tokenize(text)
            .map(|t| (t.kind, t.span.slice(text)))
            .collect()
    }

    #[test]
    fn a_label_after_a_unicode_blank_is_cut_by_the_tokenizer() {
        use TokenKind as K;
        for sp in UNICODE_BLANKS {
            // Invented: a SUBJECT continuation line that starts with an em space and a
            // REF label is a REF line.
            let t = format!("SUBJECT: FOO BAR\n{sp}Ref: A. FOO 1\n");
            let want = [(K::Subject, "SUBJECT: FOO BAR\n"), (K::Ref, &t[17..])];
            assert_eq!(token_kinds(&t), want, "{t:?}");
            // Glued in a field line and in a continuation line.
            let t = format!("SUBJECT: FOO BAR{sp}Ref: A. FOO 1\n");
            let cut = 16 + sp.len();
            let want = [(K::Subject, &t[..cut]), (K::Ref, &t[cut..])];
            assert_eq!(token_kinds(&t), want, "{t:?}");
            // (With a `Ref:` there, too, `BAR` continues the SUBJECT: `preamble_line`.)
            let t = format!("SUBJECT: FOO\nBAR{sp}Classified by Jane Doe\n");
            let cut = 16 + sp.len();
            let want = [
                (K::Subject, "SUBJECT: FOO\n"),
                (K::Subject, &t[13..cut]),
                (K::ClassifiedBy, &t[cut..]),
            ];
            assert_eq!(token_kinds(&t), want, "{t:?}");
            // Other fields.
            let t = format!("E.O. 12958: DECL: 1/2/2019{sp}TAGS: PREL\n");
            let cut = 26 + sp.len();
            let want = [(K::Eo, &t[..cut]), (K::Tags, &t[cut..])];
            assert_eq!(token_kinds(&t), want, "{t:?}");
            let t = format!("SUBJECT: FOO{sp}Classified By: Jane Doe, Ambassador\n");
            let cut = 12 + sp.len();
            let want = [(K::Subject, &t[..cut]), (K::ClassifiedBy, &t[cut..])];
            assert_eq!(token_kinds(&t), want, "{t:?}");
            let t = format!("{sp}E.O. 12958: N/A\n{sp}TAGS: PREL\n");
            let cut = 16 + sp.len();
            let want = [(K::Eo, &t[..cut]), (K::Tags, &t[cut..])];
            assert_eq!(token_kinds(&t), want, "{t:?}");
        }
        // Not a blank: a zero-width space (U+200B), a curly apostrophe (U+2019).
        for c in ["\u{200b}", "\u{2019}"] {
            let t = format!("SUBJECT: FOO BAR{c}Ref: A. FOO 1\n");
            assert_eq!(token_kinds(&t), [(K::Subject, &t[..])], "{t:?}");
        }
    }

    /// The fields a label after a blank feeds, with their raw lines trimmed.
    fn read_fields(c: &Cable<'_>) -> String {
        let refs: Vec<_> = c.references.iter().map(|r| (&r.bullet, &r.text)).collect();
        let pass: Vec<_> = c.pass_lines.iter().map(|p| p.trim()).collect();
        format!(
            "{:?}",
            (
                &c.subject,
                refs,
                &c.tags,
                &c.classified_by,
                &c.classified_by_title,
                &c.nondisclosure_raw,
                pass
            )
        )
    }

    #[test]
    fn a_label_after_a_unicode_blank_is_read() {
        for sp in UNICODE_BLANKS {
            // Each text is read as it is with a space for `sp`.
            let read = |t: &str| {
                let (fast, slow, hits) = parse_both_ways(|| crate::parse(t));
                assert_eq!(fast, slow, "{t:?}");
                assert_eq!(hits[0], 0, "{t:?}");
                let spaced = t.replace(sp, " ");
                assert_eq!(
                    read_fields(&fast),
                    read_fields(&crate::parse(&spaced)),
                    "{t:?}"
                );
                read_fields(&fast)
            };
            let fast = read(&format!("SUBJECT: FOO\nBAR{sp}Ref: A. FOO 1\n"));
            assert!(fast.contains("\"FOO 1\""), "{fast}");
            for t in [
                format!("SUBJECT: FOO BAR\n{sp}Ref: A. FOO 1\n"),
                format!("SUBJECT: FOO BAR{sp}Ref: A. FOO 1\n"),
                format!("SUBJECT: FOO BAR\n{sp}REF: A. FOO 1{sp}\n"),
                format!("SUBJECT: FOO\n{sp}BAR\n{sp}REF:{sp}A. FOO 1\n"),
            ] {
                read(&t);
                let fast = crate::parse(&t);
                assert_eq!(fast.subject.as_deref(), Some("FOO BAR"), "{t:?}");
                let refs: Vec<_> = fast
                    .references
                    .iter()
                    .map(|r| (r.bullet.as_deref(), &*r.text))
                    .collect();
                assert_eq!(refs, [(Some("A"), "FOO 1")], "{t:?}");
            }
            for t in [
                format!("E.O. 12958: DECL: 1/2/2019{sp}TAGS: PREL PGOV\n"),
                format!("E.O. 12958: DECL: 1/2/2019\n{sp}TAGS: PREL PGOV\n"),
                format!("{sp}E.O. 12958: DECL: 1/2/2019\n{sp}TAGS: PREL PGOV\n"),
            ] {
                read(&t);
                let fast = crate::parse(&t);
                assert_eq!(fast.nondisclosure_raw.as_deref(), Some("1/2/2019"), "{t:?}");
                assert_eq!(fast.tags, ["PREL", "PGOV"], "{t:?}");
            }
            for t in [
                format!("SUBJECT: FOO BAR{sp}Classified By: Jane Doe, Ambassador\n"),
                format!("SUBJECT: FOO BAR\n{sp}Classified By: Jane Doe, Ambassador\n"),
            ] {
                read(&t);
                let fast = crate::parse(&t);
                assert_eq!(fast.subject.as_deref(), Some("FOO BAR"), "{t:?}");
                assert_eq!(fast.classified_by.as_deref(), Some("Jane Doe"), "{t:?}");
            }
        }
    }

    /// `t` with each non-ASCII blank (`char::is_whitespace`) made as many spaces as
    /// it has bytes: the offsets stay those of `t`.
    fn spaced(t: &str) -> String {
        t.chars()
            .map(|c| match c {
                c if !c.is_ascii() && c.is_whitespace() => " ".repeat(c.len_utf8()),
                c => c.to_string(),
            })
            .collect()
    }

    /// Number, marking, text and span of each paragraph.
    type Paragraphs = Vec<(Option<u32>, Option<String>, String, Span)>;

    /// The paragraphs of `t` (number, marking, text trimmed and [`spaced`], span) and
    /// its token kinds. Not the rest of the record: the banner and E.O. values keep a
    /// lead of other blanks than NBSPs (the builder's `trim_ws` takes off ASCII
    /// blanks and NBSPs only), as does a text line's (`(C) Unnumbered.` in a numbered
    /// cable), and the summary's (`collapse_ws`).
    fn spaced_record(t: &str) -> (Paragraphs, Vec<TokenKind>) {
        let c = crate::parse(t);
        let paragraphs = c
            .paragraphs
            .iter()
            .map(|p| {
                let marking = p.marking.as_deref().map(str::to_string);
                (p.number, marking, spaced(p.text.trim()), p.span)
            })
            .collect();
        let kinds = token_kinds(t).iter().map(|k| k.0).collect();
        (paragraphs, kinds)
    }

    /// An invented cable, line `i` indented by `indent(i)`.
    fn indented_cable(indent: impl Fn(usize) -> String) -> String {
        [
            "UNCLAS SECTION 01 OF 02 FOOBAR 001234",
            "",
            "SIPDIS",
            "",
            "E.O. 12958: N/A",
            "TAGS: PREL PGOV XX",
            "SUBJECT: FOOBAR TALKS",
            "",
            "REF: A. FOOBAR 001122",
            "B. STATE 12345",
            "",
            "Classified By: Jane Doe, Ambassador, for reasons 1.4 (b) and (d).",
            "",
            "1. (C) Summary: Text of the paragraph.",
            "More text of it. End Summary.",
            "",
            "2.  (SBU) Second paragraph.",
            "",
            "BACKGROUND",
            "",
            "3. Third, unmarked.",
            "",
            "----------",
            "",
            "(C) Unnumbered.",
            "",
            "\u{b6}4. (U) Pilcrow.",
            "",
            "FOOBAR 00001234 002 OF 003",
            "",
            "5) (S/NF) Fifth.",
            // (No signature: `scan_tail` does not look past a lead of other blanks
            // than spaces.)
        ]
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if l.is_empty() {
                String::from("\n")
            } else {
                format!("{}{l}\n", indent(i))
            }
        })
        .collect()
    }

    /// A line indented by Unicode blanks (scraped copies) reads as indented by
    /// spaces: paragraph number, marking and text, headings, rules, page breaks,
    /// REF and TAGS lines.
    #[test]
    fn a_line_indented_by_unicode_blanks_reads_as_indented_by_spaces() {
        use TokenKind as K;
        let (_, kinds) = spaced_record(&indented_cable(|_| String::from("  ")));
        for k in [
            K::Tags,
            K::Ref,
            K::ClassifiedBy,
            K::ParagraphStart,
            K::Heading,
            K::Rule,
            K::PageBreak,
        ] {
            assert!(kinds.contains(&k), "{k:?} {kinds:?}");
        }
        for sp in UNICODE_BLANKS {
            for n in [1, 2] {
                let t = indented_cable(|_| sp.repeat(n));
                assert_eq!(spaced_record(&t), spaced_record(&spaced(&t)), "{sp:?}");
            }
            // The paragraph starts, read.
            let t = indented_cable(|_| sp.to_string());
            let c = crate::parse(&t);
            let p: Vec<_> = c
                .paragraphs
                .iter()
                .map(|p| (p.number, p.marking.as_deref()))
                .collect();
            let want = [
                (Some(1), Some("C")),
                (Some(2), Some("SBU")),
                (Some(3), None),
                // `(C) Unnumbered.` after the rule: text in a numbered cable.
                (None, None),
                (Some(4), Some("U")),
                (Some(5), Some("S/NF")),
            ];
            assert_eq!(p, want, "{sp:?}");
        }
        // A numbered paragraph after an em space.
        let c = crate::parse("\u{2003}1. (C) Text of the paragraph.\n");
        let p: Vec<_> = c
            .paragraphs
            .iter()
            .map(|p| (p.number, p.marking.as_deref(), &*p.text))
            .collect();
        assert_eq!(p, [(Some(1), Some("C"), "Text of the paragraph.")]);
    }

    proptest::proptest! {
        /// The invented cable indented by a mix of blanks reads as indented by spaces.
        #[test]
        fn a_cable_indented_by_mixed_blanks_reads_as_indented_by_spaces(
            indents in proptest::collection::vec("[ \t\u{a0}\u{85}\u{2003}\u{2009}\u{202f}\u{3000}]{0,3}", 32),
        ) {
            let t = indented_cable(|i| indents[i % indents.len()].clone());
            proptest::prop_assert_eq!(spaced_record(&t), spaced_record(&spaced(&t)), "{:?}", t);
        }
    }

    proptest::proptest! {
        // Each of the two checks of a covered value, left out, fails within a few
        // hundred cases.
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, ..Default::default() })]

        /// Texts of field lines with glued labels, continuations, blank lines and
        /// pass instructions: the builder's value parsers, skipping the glued search
        /// where the tokenizer searched, give the record of the searching ones, and
        /// the search finds nothing in a value it skips.
        #[test]
        fn skipping_the_searched_values_keeps_the_record(
            banner in proptest::bool::ANY,
            lines in proptest::collection::vec(
                (proptest::collection::vec((0usize..11, 0usize..28), 0..5), 0usize..11), 1..12),
        ) {
            let t = glued_text(banner, &lines);
            let (fast, slow, hits) = parse_both_ways(|| crate::parse(&t));
            proptest::prop_assert_eq!(hits[0], 0, "{:?}", t);
            proptest::prop_assert_eq!(fast, slow, "{:?}", t);
        }
    }

    #[test]
    fn sample_cables_skipping_the_searched_values_keep_their_records() {
        let Some(rows) = crate::testutil::sample_csv_rows() else {
            return;
        };
        let mut searched = 0;
        for r in &rows {
            let ctx = Context {
                reference_id: Some(&r[2]),
                ..Context::default()
            };
            let (fast, slow, hits) =
                parse_both_ways(|| crate::parse_parts(Some(&r[6]), Some(&r[7]), ctx));
            assert_eq!(fast, slow, "{}", r[2]);
            assert_eq!(hits[0], 0, "{}", r[2]);
            searched += hits[1];
        }
        println!("glued labels found by the second search: {searched}");
    }

    #[test]
    fn sample_cables_parsed_in_a_row_match_each_parsed_alone() {
        let Some(rows) = crate::testutil::sample_csv_rows() else {
            return;
        };
        fn parse(r: &[String]) -> Cable<'_> {
            let ctx = Context {
                reference_id: Some(&r[2]),
                ..Context::default()
            };
            crate::parse_parts(Some(&r[6]), Some(&r[7]), ctx)
        }
        let alone: Vec<Cable<'_>> = rows
            .iter()
            .map(|r| {
                drop(Spare::take());
                parse(r)
            })
            .collect();
        // Now each cable gets the buffers the one before left.
        for (r, want) in rows.iter().zip(&alone) {
            assert_eq!(parse(r), *want, "{}", r[2]);
        }
    }

    #[test]
    fn spare_buffers_carry_nothing_from_one_cable_to_the_next() {
        let with_sections = "1. (C) Summary: Foobar said yes. End summary.\n\n\
             2. (C) Text.\n\n3. (C) Comment: a comment left\nopen at the end\n";
        let plain = "1. (U) Text of another cable.\n\n2. (U) More text.\n";
        let fresh = crate::parse(plain);
        let c = crate::parse(with_sections);
        assert_eq!(c.summary.as_deref(), Some("Foobar said yes."));
        assert_eq!(c.comment.as_deref(), Some("a comment left open at the end"));
        // The second parse on this thread reuses the buffers of the first.
        let again = crate::parse(plain);
        assert_eq!(again, fresh);
        assert!(again.summary.is_none() && again.comment.is_none());
        assert_eq!(crate::parse(with_sections), c);
    }

    /// `parse` with the builder's fast paths, and with its general paths.
    fn parse_fast_and_general<'t>(parse: impl Fn() -> Cable<'t>) -> (Cable<'t>, Cable<'t>) {
        let fast = parse();
        GENERAL.set(true);
        let general = parse();
        GENERAL.set(false);
        (fast, general)
    }

    /// Invented body lines around the fast paths of the builder: summary and
    /// comment markers (split over two lines too: `… End` / `Summary.`),
    /// minimize lines, headings, page breaks, redactions, blank lines.
    const SECTION_LINES: &[&str] = &[
        "1. (C) Summary: The minister said the talks went well.",
        "2. (U) Text of a paragraph.",
        "Comment: the talks may yet end",
        "Summary:",
        "Comment continued:",
        "End summary.",
        "End Comment.",
        "the minister did not say when it would End",
        "talks are to resume in May. end",
        "Summary.",
        "Comment.",
        "Lyon minimize considered.",
        "MINIMIZE CONSIDERED",
        "Note: a note. End note.",
        "COMMENT\n-------",
        "SUMMARY",
        "FOOBAR 00001234 002 OF 003",
        "XXXXXXXXXXXX said it would End",
        "plain text of the paragraph",
        "a line that ends in \u{3a9}",
        "End\u{a0}",
        "",
        "   ",
    ];

    fn section_text_of(lines: &[usize]) -> String {
        let mut t = String::new();
        for &i in lines {
            t.push_str(SECTION_LINES[i % SECTION_LINES.len()]);
            t.push('\n');
        }
        t
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, ..Default::default() })]

        /// Texts (one, or a header, body and text in a row) of section markers,
        /// minimize lines, runs of text and blank lines and their neighbours: the
        /// fast paths give the record of the general ones.
        #[test]
        fn builder_fast_paths_keep_the_record(
            parts in proptest::collection::vec(
                proptest::option::of(proptest::collection::vec(0usize..64, 0..14)), 1..4),
        ) {
            let texts: Vec<Option<String>> =
                parts.iter().map(|p| p.as_ref().map(|l| section_text_of(l))).collect();
            let input = Input {
                header: texts.get(1).and_then(Option::as_deref),
                body: texts.get(2).and_then(Option::as_deref),
                text: texts[0].as_deref(),
                ..Input::default()
            };
            let (fast, general) =
                parse_fast_and_general(|| crate::parse_input(&input, Context::default()));
            proptest::prop_assert_eq!(fast, general, "{:?}", texts);
        }
    }

    #[test]
    fn builder_fast_paths_keep_the_records_of_invented_cables() {
        for (header, body, text) in [
            // A marker that ends the section over the end of one text and the start
            // of the next (a text without tokens or a blank line between), and one
            // that does not (text and a blank line between).
            (
                None,
                Some("1. (C) Comment: it may End\n"),
                Some("more text\n\nComment: more\n"),
            ),
            (
                None,
                Some("1. (C) Comment: it may End\n"),
                Some("Comment: more\n"),
            ),
            (
                Some("1. (C) Comment: it may End\n"),
                Some(""),
                Some("Comment: more\n"),
            ),
            (
                Some("1. (C) Comment: it may End\n"),
                Some("\n"),
                Some("Comment: more\n"),
            ),
            (
                None,
                Some("1. (C) Summary: Foobar said yes.\nEnd\nSummary.\n"),
                None,
            ),
            // Free text lines in a row, the first or the last one ending in `End`
            // (before a blank line too).
            (
                None,
                Some("1. (C) Foobar said\nit would End\n\nSummary: yes.\n"),
                None,
            ),
            (
                None,
                Some("1. (C) Foobar said it would End\nnot so\nSummary: yes.\n"),
                None,
            ),
            (
                None,
                Some("1. (C) Foobar said\nit would End\nSummary: yes.\n"),
                None,
            ),
            (
                None,
                Some("1. (C) Comment: a comment\nFoobar minimize considered.\n"),
                None,
            ),
            (
                None,
                Some("1. (C) Comment: a comment\nand more\n\nEnd\nComment.\n"),
                None,
            ),
        ] {
            let input = Input {
                header,
                body,
                text,
                ..Input::default()
            };
            let (fast, general) =
                parse_fast_and_general(|| crate::parse_input(&input, Context::default()));
            assert_eq!(fast, general, "{header:?} {body:?} {text:?}");
        }
    }

    #[test]
    fn sample_cables_fast_paths_keep_their_records() {
        let Some(rows) = crate::testutil::sample_csv_rows() else {
            return;
        };
        for r in &rows {
            let ctx = Context {
                reference_id: Some(&r[2]),
                ..Context::default()
            };
            let (fast, general) =
                parse_fast_and_general(|| crate::parse_parts(Some(&r[6]), Some(&r[7]), ctx));
            assert_eq!(fast, general, "{}", r[2]);
        }
    }
}
