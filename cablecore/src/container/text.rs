//! Plain and scraped text (format.md §A1.3, §7): one cable or many, raw (a `cat` of
//! telegrams) or pasted among commentary, with the metadata layouts of the seed page.
//!
//! The text is read line by line. A **cable starts** at
//!
//! * a metadata block, in any of the layouts seen (§7.2): CSV-dump labels one per line
//!   or collapsed on one line, with or without a space after the colon, `Destination:`
//!   glued to the header (L1, L2, L4, L5, and the upper-case `ID:`/`ORIGIN:`/…/`MISC:`
//!   block of §5.1); cablegate-page labels with or without colons and blank lines between
//!   them (L3); the page table as a header row then one value per line (L8); a refid line
//!   that is bare (L7), titled `REFID : title` (L6) or followed by the page values (L9);
//!   the `<<id>>` values block (§5.1);
//! * or, for a cable without metadata, at its first header line: a `VZCZC…` transmission
//!   id, a DTG line followed by `FM`, the partial-extract sentence, a State distribution
//!   block (`INFO  LOG-00 …`), a body date line followed by a banner, or a banner.
//!
//! A **cable ends** at its signature line (one or two upper-case words, such as `PASCUAL`,
//! after the body) when nothing after it up to the next cable looks like cable text
//! (numbered paragraphs, page breaks, preamble labels, upper-case text); otherwise at its
//! last line before the next cable starts. Text between cables is an
//! [`super::Item::Interstitial`]; runs of blank lines (ASCII whitespace only) are
//! [`super::Item::Furniture`]. Blog typography (`———` rules, curly quotes, `¶1.`, lines
//! of one NBSP, double spacing) does not disturb any of this.
//!
//! A text without any cable start that still looks like cable text (a REF block, a TAGS
//! line: a fragment) is one cable.

use memchr::memchr;

use super::scan::{CablePlan, Ctx, Field, Plan, Step, MAX_ITEM_BYTES};

/// A scan result that may need more input.
enum Need<T> {
    Ready(T),
    More,
}

use Need::{More, Ready};

impl<T> Need<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Need<U> {
        match self {
            Ready(v) => Ready(f(v)),
            More => More,
        }
    }
}

/// `?` for [`Need`].
macro_rules! ready {
    ($e:expr) => {
        match $e {
            Ready(v) => v,
            More => return More,
        }
    };
}

/// Plan the next item.
pub(crate) fn plan(buf: &[u8], eof: bool, ctx: &Ctx) -> Step {
    let scan = Scan::new(buf, eof);
    match scan.next_item(ctx) {
        Ready(plan) => Step::Emit(plan),
        More => Step::NeedMore,
    }
}

/// One line: `start..end` is its content (without `\n` or `\r\n`), `next` the offset of
/// the following line.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    next: usize,
}

/// The bytes from the current position, capped at [`MAX_ITEM_BYTES`].
struct Scan<'b> {
    b: &'b [u8],
    /// The input really ends at the end of `b`.
    eof: bool,
    /// `b` ends at the cap: decide as if the input ended there.
    capped: bool,
}

impl<'b> Scan<'b> {
    fn new(buf: &'b [u8], eof: bool) -> Self {
        let capped = buf.len() >= MAX_ITEM_BYTES;
        Scan {
            b: &buf[..buf.len().min(MAX_ITEM_BYTES)],
            eof: eof && !capped,
            capped,
        }
    }

    fn end_known(&self) -> bool {
        self.eof || self.capped
    }

    /// The line at `off`; `None` at the end.
    fn line(&self, off: usize) -> Need<Option<Line>> {
        if off >= self.b.len() {
            return if self.end_known() { Ready(None) } else { More };
        }
        match memchr(b'\n', &self.b[off..]) {
            Some(k) => {
                let nl = off + k;
                let end = if nl > off && self.b[nl - 1] == b'\r' {
                    nl - 1
                } else {
                    nl
                };
                Ready(Some(Line {
                    start: off,
                    end,
                    next: nl + 1,
                }))
            }
            None if self.end_known() => Ready(Some(Line {
                start: off,
                end: self.b.len(),
                next: self.b.len(),
            })),
            None => More,
        }
    }

    fn bytes(&self, l: Line) -> &'b [u8] {
        &self.b[l.start..l.end]
    }

    /// The first line at or after `off` that is not blank (NBSP counts as blank), within
    /// `max` lines.
    fn next_content(&self, mut off: usize, max: usize) -> Need<Option<Line>> {
        for _ in 0..max {
            let Some(l) = ready!(self.line(off)) else {
                return Ready(None);
            };
            if !trim(self.bytes(l)).is_empty() {
                return Ready(Some(l));
            }
            off = l.next;
        }
        Ready(None)
    }

    // ------------------------------------------------------------------ items

    fn next_item(&self, ctx: &Ctx) -> Need<Plan> {
        let Some(first) = ready!(self.line(0)) else {
            // Nothing left (only reached when the driver has bytes: cannot happen).
            return Ready(Plan::Furniture(self.b.len()));
        };
        if is_blank(self.bytes(first)) {
            // A run of blank lines.
            let mut off = first.next;
            loop {
                match ready!(self.line(off)) {
                    Some(l) if is_blank(self.bytes(l)) => off = l.next,
                    _ => return Ready(Plan::Furniture(off.max(1))),
                }
            }
        }
        if let Some(start) = ready!(self.start_at(first)) {
            return self.cable(start).map(|c| Plan::Cable(Box::new(c)));
        }
        // Interstitial text, up to the next cable.
        let mut last_end = first.next;
        let mut off = first.next;
        let mut found = false;
        while let Some(l) = ready!(self.line(off)) {
            if !is_blank(self.bytes(l)) {
                if ready!(self.start_at(l)).is_some() {
                    found = true;
                    break;
                }
                last_end = l.next;
            }
            off = l.next;
        }
        if !found && ctx.at_start && self.eof && self.looks_like_cable(last_end) {
            // A fragment: no start anywhere, but cable text.
            return Ready(Plan::Cable(Box::new(CablePlan {
                len: last_end,
                text: Some(Field::raw(0, last_end)),
                ..CablePlan::default()
            })));
        }
        Ready(Plan::Interstitial(last_end.max(1)))
    }

    /// Does `0..end` hold something only a cable holds?
    fn looks_like_cable(&self, end: usize) -> bool {
        self.b[..end].split(|&c| c == b'\n').any(|line| {
            let t = trim(line);
            cable_like(t) || is_dtg(t) || is_fm(t) || is_tid(t) || is_caveat(t)
        })
    }

    /// A cable start at `l`.
    fn start_at(&self, l: Line) -> Need<Option<Start>> {
        if let Some(meta) = ready!(self.meta_at(l)) {
            return Ready(Some(Start {
                scan_from: meta.end,
                meta,
            }));
        }
        let t = trim(self.bytes(l));
        let header = is_tid(t)
            || is_partial(t)
            || is_distribution(t)
            || banner(t).is_some()
            || (is_dtg(t) && ready!(self.fm_follows(l)))
            || (is_date_line(t) && ready!(self.banner_follows(l)).is_some());
        Ready(header.then(|| Start {
            scan_from: l.start,
            meta: Meta::default(),
        }))
    }

    fn fm_follows(&self, l: Line) -> Need<bool> {
        let next = ready!(self.next_content(l.next, 3));
        Ready(next.is_some_and(|n| is_fm(trim(self.bytes(n)))))
    }

    fn banner_follows(&self, l: Line) -> Need<Option<(u64, u64)>> {
        let next = ready!(self.next_content(l.next, 3));
        Ready(next.and_then(|n| banner(trim(self.bytes(n)))))
    }

    /// Does a header (or body) start at the next content line after `l`?
    fn header_follows(&self, l: Line) -> Need<bool> {
        let Some(n) = ready!(self.next_content(l.next, 4)) else {
            return Ready(false);
        };
        let t = trim(self.bytes(n));
        Ready(
            is_tid(t)
                || is_dtg(t)
                || is_fm(t)
                || is_partial(t)
                || is_distribution(t)
                || is_date_line(t)
                || banner(t).is_some(),
        )
    }

    /// Find the end of the cable that starts at `start`.
    fn cable(&self, start: Start) -> Need<CablePlan> {
        let mut meta = start.meta;
        let mut f = Flags::default();
        let mut text_start = meta.text_start;
        let mut last_end = meta.end;
        let mut strong: Option<usize> = None;
        let mut marker: Option<usize> = None;
        let mut prev_open = false;
        let mut content_lines = 0usize;
        let mut adjacent = 0usize;
        let mut weak: Option<usize> = None;
        let mut off = start.scan_from;
        while let Some(l) = ready!(self.line(off)) {
            off = l.next;
            let raw = self.bytes(l);
            if is_blank(raw) {
                continue;
            }
            let t = trim(raw);
            if t.is_empty() {
                // A line of NBSP: kept in the cable, says nothing.
                last_end = l.next;
                continue;
            }
            let key = banner(t);
            match ready!(self.new_start(l, t, key, &f)) {
                NewStart::Yes => break,
                NewStart::CopyBlock => f.copy_block = true,
                NewStart::No => {}
            }
            f.seen_text = true;
            if text_start.is_none() {
                text_start = Some(l.start);
            }
            // The body is under way once a line other than a header line follows the
            // banner (or the first preamble line or numbered paragraph).
            f.in_body |= f.body_start && !is_header_line(t);
            f.tid |= is_tid(t);
            f.dtg |= is_dtg(t);
            if let Some(key) = key {
                f.own_banner.get_or_insert(key);
            }
            let marked = is_numbered(t) || is_preamble(t);
            f.body_start |= key.is_some() || marked;
            // Signatures after the last line that only a cable holds: the last
            // upper-case one (`PASCUAL`), else the first weak one (`Clinton`,
            // `… soil. DANILOVICH`) that a blank line follows.
            if marked || key.is_some() || cable_like(t) {
                strong = None;
                weak = None;
                marker = None;
            }
            if f.in_body {
                if is_signature(t) {
                    if !ready!(self.underlined(l)) {
                        strong = Some(l.next);
                    }
                } else if weak.is_none()
                    && ((is_weak_signature(t) && !prev_open)
                        || glued_signature(t, content_lines > 6 && adjacent * 10 < content_lines))
                    && ready!(self.ends_paragraph(l))
                {
                    weak = Some(l.next);
                } else if marker.is_none() && is_end_marker(t) && ready!(self.ends_paragraph(l)) {
                    marker = Some(l.next);
                }
            }
            // The previous line ends mid-sentence (`… Frankfurt and`; not a URL, not a
            // redaction `xxxxx`).
            prev_open = opens_sentence(t);
            // Double-spaced text (a blank line after every line) says nothing with its
            // blank lines.
            content_lines += 1;
            adjacent += usize::from(last_end == l.start);
            f.after_page = starts_with_ci(t, b"PAGE ");
            last_end = l.next;
        }
        let end = match strong.or(weak).or(marker) {
            Some(sig) => ready!(self.tail(sig, last_end)),
            None => last_end,
        };
        let end = end.max(meta.end).max(1);
        meta.plan.len = end;
        if let Some(ts) = text_start.filter(|&ts| ts < end) {
            meta.plan.text = Some(Field::raw(ts, end));
        }
        Ready(meta.plan)
    }

    /// Is the line after `l` a rule (`———`, `----`)? Then `l` is a heading.
    fn underlined(&self, l: Line) -> Need<bool> {
        let next = ready!(self.line(l.next));
        Ready(next.is_some_and(|n| is_rule(trim(self.bytes(n)))))
    }

    /// Does a paragraph end at `l`: a blank line (or the end) follows, and the next
    /// content line does not go on with the sentence (lower case: double-spaced text)?
    fn ends_paragraph(&self, l: Line) -> Need<bool> {
        let next = ready!(self.line(l.next));
        if !next.is_none_or(|n| {
            let t = trim(self.bytes(n));
            t.is_empty() || is_tail(t)
        }) {
            return Ready(false);
        }
        let content = ready!(self.next_content(l.next, 4));
        Ready(!content.is_some_and(|n| {
            trim(self.bytes(n))
                .first()
                .is_some_and(u8::is_ascii_lowercase)
        }))
    }

    /// Extend a cable that ends at its signature (`sig`, a line end) over the tail lines
    /// that follow it: `NNNN`, `End Cable Text`, a classification line, `...`, HTML
    /// remnants (`</table>`, 09LAPAZ96), the post's web-site line (09ANKARA1549).
    fn tail(&self, sig: usize, limit: usize) -> Need<usize> {
        let mut end = sig;
        let mut off = sig;
        while off < limit {
            let Some(l) = ready!(self.line(off)) else {
                break;
            };
            off = l.next;
            let t = trim(self.bytes(l));
            if t.is_empty() {
                continue;
            }
            if !is_tail(t) {
                break;
            }
            end = l.next;
        }
        Ready(end.min(limit.max(sig)))
    }

    /// Does the content line `l` (trimmed `t`) start the next cable, given what the
    /// current cable has seen?
    fn new_start(&self, l: Line, t: &[u8], key: Option<(u64, u64)>, f: &Flags) -> Need<NewStart> {
        if could_be_meta(t) && ready!(self.meta_at(l)).is_some() {
            // Metadata inside a header: a copy of the dump block (09KHARTOUM881).
            return Ready(if f.in_body || !f.seen_text {
                NewStart::Yes
            } else {
                NewStart::CopyBlock
            });
        }
        // A second header, or a header after the body. (A banner then a header is one
        // cable whose header came second: 09STATE119085.)
        let header_again = f.in_body || ((f.tid || f.dtg) && !f.copy_block);
        let dtg_again = f.in_body || (f.dtg && !f.copy_block);
        let other_banner = |key: Option<(u64, u64)>| {
            f.in_body && f.own_banner.is_some() && key.is_some() && key != f.own_banner
        };
        let yes = if is_tid(t) || is_partial(t) {
            header_again
        } else if is_dtg(t) {
            dtg_again && ready!(self.fm_follows(l))
        } else if is_date_line(t) {
            // Not the repeated opening of the same cable (09ISLAMABAD3037).
            f.in_body && other_banner(ready!(self.banner_follows(l)))
        } else if key.is_some() {
            other_banner(key)
        } else {
            // The State distribution block also heads the pages of a printed cable, after
            // a `PAGE 01 …` line (00HARARE6677).
            f.in_body && !f.after_page && is_distribution(t)
        };
        Ready(if yes { NewStart::Yes } else { NewStart::No })
    }

    // --------------------------------------------------------------- metadata

    /// A metadata block starting at `l`.
    fn meta_at(&self, l: Line) -> Need<Option<Meta>> {
        let t = self.bytes(l);
        let lead = t.len() - trim_start(t).len();
        let ts = l.start + lead;
        let t = trim_start(t);
        let Some(&c) = t.first() else {
            return Ready(None);
        };
        if c == b'<' {
            return self.values_block(l, t);
        }
        if starts_with_ci(t, b"Reference ID") {
            return self.page_block(l, ts);
        }
        if c.is_ascii_digit() {
            if let Some(n) = refid_len(t) {
                return self.refid_line(l, ts, n);
            }
            // L5: `240473 Date:…`
            let digits = t.iter().take_while(|c| c.is_ascii_digit()).count();
            let rest = &t[digits..];
            let spaces = rest.iter().take_while(|&&c| c == b' ').count();
            if spaces > 0 && label_at(t, digits + spaces, true).is_some() {
                let mut meta = Meta::default();
                meta.plan.id = parse_u64(&t[..digits]);
                meta.id_digits = meta.plan.id.is_some();
                return self.dump_block(l, ts + digits + spaces, meta);
            }
            return Ready(None);
        }
        if label_at(t, 0, true).is_some() {
            return self.dump_block(l, ts, Meta::default());
        }
        Ready(None)
    }

    /// `<<218634>>` then date, refid, origin, classification, references: one value per
    /// line (format.md §5.1).
    fn values_block(&self, l: Line, t: &[u8]) -> Need<Option<Meta>> {
        let t = trim(t);
        let Some(inner) = t.strip_prefix(b"<<").and_then(|r| r.strip_suffix(b">>")) else {
            return Ready(None);
        };
        if inner.is_empty() || !inner.iter().all(u8::is_ascii_digit) {
            return Ready(None);
        }
        // The five lines after it (fewer at the end of the input).
        let mut lines = [None; 5];
        let mut off = l.next;
        for slot in &mut lines {
            let Some(n) = ready!(self.line(off)) else {
                break;
            };
            *slot = Some(n);
            off = n.next;
        }
        let Some(refid) = lines[1] else {
            return Ready(None);
        };
        if refid_len(trim(self.bytes(refid))).is_none() {
            return Ready(None);
        }
        let mut meta = Meta::default();
        meta.plan.id = parse_u64(inner);
        let value = |n: Option<Line>| n.and_then(|n| self.value(n.start, n.end));
        meta.plan.created = value(lines[0]);
        meta.plan.reference_id = value(Some(refid));
        meta.plan.origin = value(lines[2]);
        meta.plan.classification = value(lines[3]);
        let mut end = lines[3].map_or(refid.next, |n| n.next);
        if let Some(refs) = lines[4] {
            let rt = trim(self.bytes(refs));
            if !(is_tid(rt) || is_dtg(rt) || is_fm(rt) || banner(rt).is_some()) {
                meta.plan.references = self.value(refs.start, refs.end);
                end = refs.next;
            }
        }
        meta.end = end;
        Ready(Some(meta))
    }

    /// `Reference ID …` (L3: labels one per line, colons optional) or the page table's
    /// header row followed by one value per line (L8).
    fn page_block(&self, l: Line, ts: usize) -> Need<Option<Meta>> {
        let t = &self.b[ts..l.end];
        let mut meta = Meta::default();
        let after = b"Reference ID".len();
        let rest = &t[after..];
        if rest.first().is_some_and(u8::is_ascii_alphanumeric) {
            return Ready(None);
        }
        // The header row: only column names after `Reference ID`.
        let mut columns = [Label::ReferenceId; 5];
        let mut n_columns = 1;
        let mut i = 0;
        let mut header_row = true;
        while i < rest.len() {
            if rest[i] == b' ' || rest[i] == b'\t' || rest[i] == b'|' {
                i += 1;
                continue;
            }
            match page_column(&rest[i..]) {
                Some((label, len)) if n_columns < columns.len() => {
                    columns[n_columns] = label;
                    n_columns += 1;
                    i += len;
                }
                _ => {
                    header_row = false;
                    break;
                }
            }
        }
        if header_row && n_columns > 1 {
            // L8: one value per line, in the order of the header row.
            let mut off = l.next;
            let mut end = l.next;
            for (k, &label) in columns[..n_columns].iter().enumerate() {
                let Some(n) = ready!(self.next_content(off, 3)) else {
                    break;
                };
                let v = trim(self.bytes(n));
                if is_tid(v) || is_dtg(v) || is_fm(v) || banner(v).is_some() {
                    break;
                }
                if k == 0 && refid_like(v).is_none() {
                    return Ready(None);
                }
                let field = self.value(n.start, n.end);
                meta.set(label, field, &self.b[n.start..n.end]);
                end = n.next;
                off = n.next;
            }
            if meta.plan.reference_id.is_none() {
                return Ready(None);
            }
            meta.end = end;
            return Ready(Some(meta));
        }
        // L3: `Reference ID value`, then page labels.
        let vs = ts + after + skip_colon(rest);
        meta.plan.reference_id = self.value(vs, l.end);
        meta.end = l.next;
        let mut off = l.next;
        for _ in 0..MAX_META_LINES {
            let Some(n) = ready!(self.next_content(off, 3)) else {
                break;
            };
            let t = self.bytes(n);
            let lead = t.len() - trim_start(t).len();
            let t = trim_start(t);
            let Some((label, vstart)) = label_at(t, 0, false) else {
                break;
            };
            if label == Label::Destination {
                meta.set_text_start(self, n.start + lead + vstart, n);
                break;
            }
            let field = self.value(n.start + lead + vstart, n.end);
            meta.set(label, field, &t[vstart..]);
            meta.end = n.next;
            off = n.next;
        }
        Ready(meta.plan.reference_id.is_some().then_some(meta))
    }

    /// CSV-dump labels (`ID:`, `Date:`, `Origin:`, `Source:`, `Classification:`,
    /// `Dunno:`/`MISC:`, `Destination:`), one or several per line, starting at `ts`.
    fn dump_block(&self, l: Line, ts: usize, mut meta: Meta) -> Need<Option<Meta>> {
        let mut line = l;
        let mut from = ts;
        let mut labels = 0u32;
        for _ in 0..MAX_META_LINES {
            // All labels of this line.
            let t = &self.b[from..line.end];
            let mut i = 0;
            let mut done = false;
            while let Some((label, vstart)) = label_at(t, i, true) {
                labels |= 1 << label as u32;
                if label == Label::Destination {
                    meta.set_text_start(self, from + vstart, line);
                    done = true;
                    break;
                }
                let vend = if label_at(t, vstart, true).is_some() {
                    vstart // an empty value (`Dunno: Destination: …`)
                } else {
                    next_label(t, vstart).unwrap_or(t.len())
                };
                let field = self.value(from + vstart, from + vend);
                meta.set(label, field, &t[vstart..vend]);
                i = vend;
            }
            meta.end = line.next;
            if done {
                break;
            }
            let Some(n) = ready!(self.next_content(line.next, 3)) else {
                break;
            };
            let nt = self.bytes(n);
            let lead = nt.len() - trim_start(nt).len();
            if label_at(trim_start(nt), 0, true).is_none() {
                break;
            }
            line = n;
            from = n.start + lead;
        }
        let distinct = labels.count_ones();
        let strong = meta.plan.reference_id.is_some()
            || meta.id_digits
            || labels & (1 << Label::Destination as u32) != 0;
        Ready((distinct >= 2 && strong).then_some(meta))
    }

    /// A line that starts with a refid: bare (L7), `REFID : title` (L6), or followed by
    /// the page values (L9).
    fn refid_line(&self, l: Line, ts: usize, n: usize) -> Need<Option<Meta>> {
        let t = &self.b[ts..l.end];
        let rest = trim(&t[n..]);
        let mut meta = Meta::default();
        meta.plan.reference_id = Some(Field::raw(ts, ts + n));
        meta.end = l.next;
        let titled = rest.is_empty()
            || rest.starts_with(b":")
            || rest.starts_with(b"-")
            || rest.starts_with(b"|")
            || rest.starts_with("\u{2013}".as_bytes())
            || rest.starts_with("\u{2014}".as_bytes());
        if titled {
            return Ready(ready!(self.header_follows(l)).then_some(meta));
        }
        // L9: `REFID created released classification origin`.
        let mut i = n;
        let mut dates = 0;
        while dates < 2 {
            let (ws, we) = next_token(t, i);
            if ws == we || !is_date_token(&t[ws..we]) {
                break;
            }
            let mut end = we;
            let (tw, tw_end) = next_token(t, we);
            if tw < tw_end && is_time_token(&t[tw..tw_end]) {
                end = tw_end;
            }
            let field = Some(Field::raw(ts + ws, ts + end));
            if dates == 0 {
                meta.plan.created = field;
            } else {
                meta.plan.released = field;
            }
            dates += 1;
            i = end;
        }
        if dates == 0 {
            return Ready(None);
        }
        // Classification (`SECRET//NOFORN`, `UNCLASSIFIED//FOR OFFICIAL USE ONLY`,
        // `TOP SECRET`); origin: the rest.
        let class_start = next_token(t, i).0;
        let mut class_end = class_start;
        let (s0, e0) = next_token(t, class_start);
        if s0 < e0 && class_prefix(&t[s0..e0]).is_some() {
            class_end = e0;
            loop {
                let (ws, we) = next_token(t, class_end);
                let w = &t[ws..we];
                let more = ws < we
                    && (memchr::memmem::find(w, b"//").is_some()
                        || [&b"OFFICIAL"[..], b"USE", b"ONLY", b"SECRET"].contains(&w));
                if !more {
                    break;
                }
                class_end = we;
            }
        }
        if class_end > class_start {
            meta.plan.classification = Some(Field::raw(ts + class_start, ts + class_end));
        }
        meta.plan.origin = self.value(ts + class_end, l.end);
        Ready(Some(meta))
    }

    /// The trimmed value at `s..e`, `None` when blank.
    fn value(&self, s: usize, e: usize) -> Option<Field> {
        let v = self.b.get(s..e)?;
        let lead = v.len() - trim_start(v).len();
        let t = trim(v);
        (!t.is_empty()).then(|| Field::raw(s + lead, s + lead + t.len()))
    }
}

/// The most lines a metadata block spans (the longest layout has eight labels): bounds
/// the work of trying a block at every line.
const MAX_META_LINES: usize = 12;

/// Where a cable starts and what its metadata says.
struct Start {
    meta: Meta,
    /// Where the scan for the cable's text begins.
    scan_from: usize,
}

/// Metadata found at a cable start.
#[derive(Debug, Default)]
struct Meta {
    plan: CablePlan,
    /// The `ID` value was a number.
    id_digits: bool,
    /// Offset after the metadata lines.
    end: usize,
    /// Where the cable text starts when the metadata says (`Destination:` glued text).
    text_start: Option<usize>,
}

impl Meta {
    fn set(&mut self, label: Label, field: Option<Field>, value: &[u8]) {
        let slot = match label {
            Label::Id => {
                self.plan.id = parse_u64(trim(value));
                self.id_digits = self.plan.id.is_some();
                return;
            }
            Label::Date | Label::Created => &mut self.plan.created,
            Label::Released => &mut self.plan.released,
            Label::Classification => &mut self.plan.classification,
            Label::Source => &mut self.plan.origin,
            Label::Refs => &mut self.plan.references,
            Label::ReferenceId => &mut self.plan.reference_id,
            Label::Origin => {
                // Dump layouts: `Origin` is the refid; page layouts: the origin.
                if refid_like(trim(value)).is_some() {
                    &mut self.plan.reference_id
                } else {
                    &mut self.plan.origin
                }
            }
            Label::Destination => return,
        };
        if slot.is_none() {
            *slot = field;
        }
    }

    /// The cable text starts at `at` (after `Destination:`), or on the next line when
    /// nothing follows the label on its line.
    fn set_text_start(&mut self, scan: &Scan<'_>, at: usize, line: Line) {
        self.end = line.next;
        if let Some(v) = scan.value(at, line.end) {
            self.text_start = Some(v.start);
            self.end = v.start;
        }
    }
}

/// What the cable being scanned has seen so far.
#[derive(Debug, Default)]
struct Flags {
    /// A content line of the cable text was seen.
    seen_text: bool,
    /// A banner, preamble line or numbered paragraph was seen.
    body_start: bool,
    /// A line followed that body start.
    in_body: bool,
    /// The last content line was a print page heading (`PAGE 01 HARARE 06677 …`).
    after_page: bool,
    tid: bool,
    dtg: bool,
    copy_block: bool,
    own_banner: Option<(u64, u64)>,
}

enum NewStart {
    No,
    Yes,
    /// A metadata block copied into a header.
    CopyBlock,
}

// ------------------------------------------------------------------- labels

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Id,
    Date,
    Origin,
    Source,
    Classification,
    Refs,
    Destination,
    ReferenceId,
    Created,
    Released,
}

/// Label spellings; `true` for the cablegate-page labels, which may come without colon.
const LABELS: [(&str, Label, bool); 13] = [
    ("Reference ID", Label::ReferenceId, true),
    ("Classification", Label::Classification, true),
    ("Destination", Label::Destination, false),
    ("References", Label::Refs, false),
    ("Released", Label::Released, true),
    ("Created", Label::Created, true),
    ("Origin", Label::Origin, true),
    ("Source", Label::Source, false),
    ("Dunno", Label::Refs, false),
    ("MISC", Label::Refs, false),
    ("Date", Label::Date, false),
    ("ID", Label::Id, false),
    ("REFID", Label::ReferenceId, false),
];

/// A label at `t[i..]`: the label and the offset of its value (after the colon and
/// spaces). Without `colon`, page labels may stand without one (`Created 2009-…`).
fn label_at(t: &[u8], i: usize, colon: bool) -> Option<(Label, usize)> {
    let rest = t.get(i..)?;
    let first = rest.first()?.to_ascii_uppercase();
    for (name, label, page) in LABELS {
        let name = name.as_bytes();
        if name[0] != first || !starts_with_ci(rest, name) {
            continue;
        }
        let mut j = name.len();
        if rest.get(j).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        while matches!(rest.get(j), Some(b' ' | b'\t')) {
            j += 1;
        }
        if rest.get(j) == Some(&b':') {
            j += 1;
            while matches!(rest.get(j), Some(b' ' | b'\t')) {
                j += 1;
            }
            return Some((label, i + j));
        }
        if !colon && page && (j > name.len() || j == rest.len()) {
            return Some((label, i + j));
        }
    }
    None
}

/// The start of the next `Label:` after `from` (preceded by a space).
fn next_label(t: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(k) = memchr(b' ', &t[i.min(t.len())..]) {
        let at = i + k + 1;
        if label_at(t, at, true).is_some() {
            return Some(at);
        }
        i = at;
    }
    None
}

/// A page column name at the start of `t` (for the L8 header row).
fn page_column(t: &[u8]) -> Option<(Label, usize)> {
    for (name, label) in [
        ("Created", Label::Created),
        ("Released", Label::Released),
        ("Classification", Label::Classification),
        ("Origin", Label::Origin),
    ] {
        let n = name.len();
        if starts_with_ci(t, name.as_bytes()) && !t.get(n).is_some_and(u8::is_ascii_alphanumeric) {
            return Some((label, n));
        }
    }
    None
}

/// Could a metadata block start on this (trimmed) line? A cheap first-byte filter.
fn could_be_meta(t: &[u8]) -> bool {
    match t.first() {
        Some(c) if c.is_ascii_digit() || *c == b'<' => true,
        Some(_) => {
            // Every label but `Reference ID` needs a colon within its first bytes.
            let head = &t[..t.len().min(24)];
            (head.contains(&b':') && label_at(t, 0, true).is_some())
                || starts_with_ci(t, b"Reference ID")
        }
        None => false,
    }
}

fn skip_colon(rest: &[u8]) -> usize {
    let mut j = 0;
    while matches!(rest.get(j), Some(b' ' | b'\t')) {
        j += 1;
    }
    if rest.get(j) == Some(&b':') {
        j += 1;
    }
    j
}

// ------------------------------------------------------------ line predicates

const NBSP: &[u8] = b"\xC2\xA0";

/// Only ASCII whitespace.
fn is_blank(b: &[u8]) -> bool {
    b.iter().all(u8::is_ascii_whitespace)
}

fn trim_start(mut b: &[u8]) -> &[u8] {
    loop {
        if let Some((c, rest)) = b.split_first() {
            if c.is_ascii_whitespace() {
                b = rest;
                continue;
            }
        }
        if let Some(rest) = b.strip_prefix(NBSP) {
            b = rest;
            continue;
        }
        return b;
    }
}

/// Trim ASCII whitespace and NBSP on both sides.
fn trim(b: &[u8]) -> &[u8] {
    let mut b = trim_start(b);
    loop {
        if let Some((c, rest)) = b.split_last() {
            if c.is_ascii_whitespace() {
                b = rest;
                continue;
            }
        }
        if let Some(rest) = b.strip_suffix(NBSP) {
            b = rest;
            continue;
        }
        return b;
    }
}

fn starts_with_ci(b: &[u8], prefix: &[u8]) -> bool {
    b.len() >= prefix.len() && b[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn parse_u64(b: &[u8]) -> Option<u64> {
    if b.is_empty() || b.len() > 19 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// The next space-separated token at or after `i`: `(start, end)`, empty at the end.
fn next_token(t: &[u8], i: usize) -> (usize, usize) {
    let mut s = i.min(t.len());
    while s < t.len() && t[s].is_ascii_whitespace() {
        s += 1;
    }
    let mut e = s;
    while e < t.len() && !t[e].is_ascii_whitespace() {
        e += 1;
    }
    (s, e)
}

/// Length of a reference id at the start of `t` (`09MEXICO193`, `08SECTION01OF03CAIRO1416`,
/// `0901OF02RPODUBAI288`): two digits, upper-case letters and digits with at least one
/// letter, ending in a digit, followed by the end or a non-alphanumeric byte.
fn refid_len(t: &[u8]) -> Option<usize> {
    let n = t
        .iter()
        .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        .count();
    if t.get(n).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    let tok = &t[..n];
    let ok = (5..=40).contains(&n)
        && tok[0].is_ascii_digit()
        && tok[1].is_ascii_digit()
        && tok.iter().any(u8::is_ascii_uppercase)
        && tok[n - 1].is_ascii_digit();
    ok.then_some(n)
}

/// A whole value that is a reference id, allowing one space before the serial
/// (`09MEXICO 3077`).
fn refid_like(v: &[u8]) -> Option<()> {
    if refid_len(v) == Some(v.len()) {
        return Some(());
    }
    let sp = memchr(b' ', v)?;
    let (a, b) = (&v[..sp], &v[sp + 1..]);
    let ok = refid_len(a).is_none()
        && a.len() >= 3
        && a[..2].iter().all(u8::is_ascii_digit)
        && a[2..].iter().all(u8::is_ascii_uppercase)
        && !b.is_empty()
        && b.iter().all(u8::is_ascii_digit);
    ok.then_some(())
}

/// `2009-01-23`, `1/23/2009`, `2009-10.26` (a malformed one of the seed).
fn is_date_token(t: &[u8]) -> bool {
    let digits = t.iter().filter(|c| c.is_ascii_digit()).count();
    let seps = t
        .iter()
        .filter(|&&c| c == b'-' || c == b'/' || c == b'.')
        .count();
    t.len() >= 6 && digits + seps == t.len() && seps == 2 && t[0].is_ascii_digit()
}

/// `23:11`, `20:42:00`.
fn is_time_token(t: &[u8]) -> bool {
    t.len() >= 4
        && t.contains(&b':')
        && t.iter().all(|c| c.is_ascii_digit() || *c == b':')
        && t[0].is_ascii_digit()
}

/// `VZCZCXRO5863`.
fn is_tid(t: &[u8]) -> bool {
    t.starts_with(b"VZCZC")
}

/// `FM AMEMBASSY MEXICO`.
fn is_fm(t: &[u8]) -> bool {
    t.starts_with(b"FM ") && t.get(3).is_some_and(u8::is_ascii_uppercase)
}

/// The partial-extract sentence of the cablegate headers.
fn is_partial(t: &[u8]) -> bool {
    t.starts_with(b"This record is a partial extract")
}

/// State's distribution block: `INFO  LOG-00 …`, `ACTION AF-00`.
fn is_distribution(t: &[u8]) -> bool {
    let rest = if let Some(r) = t.strip_prefix(b"INFO") {
        r
    } else if let Some(r) = t.strip_prefix(b"ACTION") {
        r
    } else {
        return false;
    };
    let (s, e) = next_token(rest, 0);
    if s == 0 {
        return false;
    }
    let tok = &rest[s..e];
    let Some(dash) = memchr(b'-', tok) else {
        return false;
    };
    dash > 0
        && tok[..dash].iter().all(u8::is_ascii_uppercase)
        && tok.len() - dash == 3
        && tok[dash + 1..].iter().all(u8::is_ascii_digit)
}

/// A line of an ACP-127 header: transmission id, routing, `DE`, `ZNY`, DTG, `FM`,
/// `TO`, `INFO`, `XMT`, routed recipients, the distribution block.
fn is_header_line(t: &[u8]) -> bool {
    if is_tid(t) || is_dtg(t) || is_fm(t) || is_partial(t) || is_distribution(t) {
        return true;
    }
    for p in [&b"DE "[..], b"ZNY ", b"ZNR ", b"TO ", b"INFO ", b"XMT "] {
        if t.starts_with(p) {
            return true;
        }
    }
    let (s, e) = next_token(t, 0);
    let first = &t[s..e];
    // `RR RUEHCD …`, `RUEHROV RUEHRS …` (routing and its continuations).
    let routing = |w: &[u8]| {
        (5..=7).contains(&w.len()) && w[0] == b'R' && w.iter().all(u8::is_ascii_uppercase)
    };
    if matches!(first, b"OO" | b"PP" | b"RR" | b"ZZ")
        || routing(first)
            && t.split(|&c| c == b' ')
                .filter(|w| !w.is_empty())
                .all(routing)
    {
        return true;
    }
    // `RUEHC/SECSTATE WASHDC 3711`.
    match memchr(b'/', first) {
        Some(k) => k >= 3 && routing(&first[..k]) || first[..k] == *b"ZEN",
        None => false,
    }
}

/// A DTG line: `[P [P]] DDHHMMZ MON YY …` (`R 232312Z JAN 09 ZDS`, `201247Z Jan 04`).
fn is_dtg(t: &[u8]) -> bool {
    let mut i = 0;
    for _ in 0..2 {
        if t.len() > i + 1 && t[i].is_ascii_uppercase() && t[i + 1] == b' ' {
            i += 2;
        }
    }
    let Some(g) = t.get(i..i + 7) else {
        return false;
    };
    if !(g[..6].iter().all(u8::is_ascii_digit) && g[6] == b'Z') {
        return false;
    }
    let (ms, me) = next_token(t, i + 7);
    let (ys, ye) = next_token(t, me);
    ms > i + 7
        && me - ms == 3
        && t[ms..me].iter().all(u8::is_ascii_alphabetic)
        && ye - ys == 2
        && t[ys..ye].iter().all(u8::is_ascii_digit)
}

/// The body date line (`Wednesday, 29 November 2000, 13:59`), as the engine
/// recognises it.
fn is_date_line(t: &[u8]) -> bool {
    std::str::from_utf8(t).is_ok_and(crate::fields::body::is_date_line)
}

/// A classification banner: `<CLASS> [SECTION nn OF nn] <POST> <serial>[trailer]`
/// (`S E C R E T SECTION 01 OF 04 MEXICO 003178`, `UNCLAS STATE 012345`,
/// `C o n f i d e n t i a l section 01 of 02 khartoum 000881`). Returns a key of post
/// and serial, to tell a repeated opening from the next cable.
fn banner(t: &[u8]) -> Option<(u64, u64)> {
    let mut i = class_prefix(t)?;
    // `SECRET//NOFORN …`: skip a glued caveat.
    while i < t.len() && !t[i].is_ascii_whitespace() {
        i += 1;
    }
    let (mut s, mut e) = next_token(t, i);
    if t[s..e].eq_ignore_ascii_case(b"SECTION") {
        let (a, b) = next_token(t, e);
        let (c, d) = next_token(t, b);
        let (x, y) = next_token(t, d);
        if !(b > a
            && t[a..b].iter().all(u8::is_ascii_digit)
            && t[c..d].eq_ignore_ascii_case(b"OF")
            && y > x
            && t[x..y].iter().all(u8::is_ascii_digit))
        {
            return None;
        }
        (s, e) = next_token(t, y);
    }
    // The post: one to four words; then the serial.
    let mut post: u64 = 0xcbf2_9ce4_8422_2325;
    for _ in 0..5 {
        if s == e {
            return None;
        }
        let tok = &t[s..e];
        if tok.iter().all(u8::is_ascii_digit) {
            if post == 0xcbf2_9ce4_8422_2325 || tok.len() < 2 {
                return None;
            }
            let serial = tok.iter().fold(0u64, |n, d| {
                n.wrapping_mul(10).wrapping_add(u64::from(d - b'0'))
            });
            return Some((post, serial));
        }
        if !tok
            .iter()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, b'.' | b'-' | b'\''))
        {
            return None;
        }
        for c in tok {
            post = (post ^ u64::from(c.to_ascii_uppercase())).wrapping_mul(0x100_0000_01b3);
        }
        (s, e) = next_token(t, e);
    }
    None
}

/// Offset after a classification word at the start of `t`, spaced (`S E C R E T`) or not.
fn class_prefix(t: &[u8]) -> Option<usize> {
    const WORDS: [&[u8]; 5] = [
        b"TOPSECRET",
        b"SECRET",
        b"CONFIDENTIAL",
        b"UNCLASSIFIED",
        b"UNCLAS",
    ];
    // Spaced letters: single-letter tokens separated by single spaces.
    let mut letters = [0u8; 16];
    let mut n = 0;
    let mut k = 0;
    while k < t.len()
        && n < letters.len()
        && t[k].is_ascii_alphabetic()
        && matches!(t.get(k + 1), None | Some(b' '))
    {
        letters[n] = t[k].to_ascii_uppercase();
        n += 1;
        k += 2;
    }
    let k = k.saturating_sub(1).min(t.len());
    if n >= 6 && WORDS.iter().any(|w| *w == &letters[..n]) {
        return Some(k);
    }
    for w in [
        &b"TOP SECRET"[..],
        b"CONFIDENTIAL",
        b"UNCLASSIFIED",
        b"UNCLAS",
        b"SECRET",
    ] {
        if starts_with_ci(t, w) && !t.get(w.len()).is_some_and(u8::is_ascii_alphanumeric) {
            return Some(w.len());
        }
    }
    None
}

/// `1. (C)`, `12.(S/NF)`, `3) (U)`, `¶4. (C)` and any `¶`-led line (copied anchors).
fn is_numbered(t: &[u8]) -> bool {
    if t.starts_with("\u{b6}".as_bytes()) {
        return true;
    }
    let d = t.iter().take_while(|c| c.is_ascii_digit()).count();
    if d == 0 || d > 3 || !matches!(t.get(d), Some(b'.' | b')')) {
        return false;
    }
    let rest = trim_start(&t[d + 1..]);
    rest.first() == Some(&b'(')
}

/// Preamble lines: TAGS, SUBJECT, REF, E.O., Classified By.
fn is_preamble(t: &[u8]) -> bool {
    if !matches!(
        t.first().map(u8::to_ascii_uppercase),
        Some(b'T' | b'S' | b'R' | b'E' | b'C')
    ) {
        return false;
    }
    starts_with_ci(t, b"TAGS:")
        || starts_with_ci(t, b"TAGS ")
        || starts_with_ci(t, b"SUBJECT:")
        || starts_with_ci(t, b"SUBJ:")
        || starts_with_ci(t, b"REF:")
        || starts_with_ci(t, b"REFS:")
        || starts_with_ci(t, b"REFTEL")
        || starts_with_ci(t, b"E.O. ")
        || starts_with_ci(t, b"EO 1")
        || starts_with_ci(t, b"CLASSIFIED BY")
}

/// `SIPDIS`, `NOFORN` and similar caveat lines.
fn is_caveat(t: &[u8]) -> bool {
    [
        &b"SIPDIS"[..],
        b"NOFORN",
        b"SENSITIVE",
        b"EXDIS",
        b"LIMDIS",
        b"NODIS",
    ]
    .iter()
    .any(|w| t.eq_ignore_ascii_case(w))
}

/// A page-break line: `MEXICO 00003195 005 OF 005`.
fn is_page_break(t: &[u8]) -> bool {
    let mut toks = t.rsplit(|&c| c == b' ').filter(|w| !w.is_empty());
    let (Some(a), Some(of), Some(b)) = (toks.next(), toks.next(), toks.next()) else {
        return false;
    };
    let digits = |w: &[u8]| !w.is_empty() && w.iter().all(u8::is_ascii_digit);
    digits(a)
        && of.eq_ignore_ascii_case(b"OF")
        && digits(b)
        && toks.any(|w| digits(w) && w.len() >= 5)
}

/// Text that only a cable carries: after a signature, such a line means the signature
/// was not the end.
fn cable_like(t: &[u8]) -> bool {
    if is_numbered(t) || is_page_break(t) || is_preamble(t) || banner(t).is_some() {
        return true;
    }
    // Upper-case text (older cables are all capitals).
    let mut upper = 0;
    for &c in t {
        if c.is_ascii_lowercase() {
            return false;
        }
        upper += usize::from(c.is_ascii_uppercase());
    }
    upper >= 16
}

/// Lines that may follow a signature and still belong to the cable: `NNNN`,
/// `End Cable Text`, a classification line, `...`, HTML remnants (`</table>`, 09LAPAZ96),
/// the post's web-site line and its URL (09ANKARA1549), a truncated fragment
/// (`DANIEL ORTEGA AN...`, 06MANAGUA1002), a newspaper stamp (`EPET @ EL PAÍS`).
fn is_tail(t: &[u8]) -> bool {
    let ci = |w: &[u8]| t.eq_ignore_ascii_case(w);
    let has = |w: &[u8]| memchr::memmem::find(t, w).is_some();
    ci(b"NNNN")
        || ci(b"End Cable Text")
        || class_prefix(t) == Some(t.len())
        || t.iter().all(|&c| c == b'.' || c == b'>' || c == b' ')
        || (t.first() == Some(&b'<') && t.last() == Some(&b'>'))
        || has(b"Classified Web")
        || (!t.contains(&b' ') && (has(b"/") || has(b"www.")))
        || (t.len() < 80 && (t.ends_with(b"...") || t.ends_with("\u{2026}".as_bytes())))
        || has(b" @ ")
        || (t.len() >= 5 && t.iter().all(|&c| c == b'X'))
        // A lower-case repeat of the signature (`huntsman`, 09BEIJING2964).
        || ((3..=20).contains(&t.len()) && t.iter().all(u8::is_ascii_lowercase))
}

/// Does a line end in the middle of a sentence (a lower-case word or a comma), other
/// than a URL or a redaction (`xxxxx`)?
fn opens_sentence(t: &[u8]) -> bool {
    let last = t.rsplit(|&c| c == b' ').next().unwrap_or(t);
    let open = t
        .last()
        .is_some_and(|c| c.is_ascii_lowercase() || matches!(c, b',' | b';' | b':'));
    open && !last.iter().all(|&c| c == b'x') && !has_url(t)
}

/// Does the line hold a URL (`http…`, `www.`)?
fn has_url(t: &[u8]) -> bool {
    t.windows(4).any(|w| w == b"http" || w == b"www.")
}

/// `End comment.` closing the last paragraph: the end of a cable that has no
/// signature (07LAPAZ383, 09CARACAS442).
fn is_end_marker(t: &[u8]) -> bool {
    if !matches!(t.last(), Some(b'.' | b't' | b'T' | b' ')) {
        return false;
    }
    let t = t.strip_suffix(b".").unwrap_or(t);
    let t = trim(t);
    t.len() >= 11 && t[t.len() - 11..].eq_ignore_ascii_case(b"end comment")
}

/// Words that head sections rather than sign cables.
const HEADINGS: [&str; 12] = [
    "Comment",
    "Comments",
    "Summary",
    "Background",
    "Note",
    "Notes",
    "Introduction",
    "Conclusion",
    "Discussion",
    "Analysis",
    "Participants",
    "Text",
];

/// A capitalised one-word signature (`Clinton`, `LeBaron`, `Vershbow`).
fn is_weak_signature(t: &[u8]) -> bool {
    // A redacted signature (09TALLINN114).
    if t.len() >= 5 && t.iter().all(|&c| c == b'X') {
        return true;
    }
    (3..=20).contains(&t.len())
        && t[0].is_ascii_uppercase()
        && t[1..].iter().all(u8::is_ascii_alphabetic)
        && t.iter().any(u8::is_ascii_lowercase)
        && !HEADINGS.iter().any(|h| h.as_bytes() == t)
}

/// A signature glued to the end of the last paragraph of an unwrapped body
/// (`… on American soil. DANILOVICH`, 04BRASILIA2263; `… Burma. Martinez`, 04RANGOON88;
/// `…/Portal:Unit ed_Kingdom LEBARON`, 08LONDON1115): an upper-case name after
/// mixed-case text, or a capitalised one after the end of a sentence.
fn glued_signature(t: &[u8], double_spaced: bool) -> bool {
    /// Capitalised words that start sentences rather than sign cables.
    const COMMON: [&str; 24] = [
        "The", "This", "That", "These", "Those", "It", "He", "She", "We", "They", "In", "On", "At",
        "As", "But", "And", "If", "When", "While", "For", "With", "There", "Post", "Embassy",
    ];
    // `… KUBISKE 2009-12-31` (09BRASILIA1540).
    let t = match t.iter().rposition(|&c| c == b' ') {
        Some(sp) if is_date_token(&t[sp + 1..]) => trim(&t[..sp]),
        _ => t,
    };
    let Some(sp) = t.iter().rposition(|&c| c == b' ') else {
        return false;
    };
    let (head, word) = (trim(&t[..sp]), &t[sp + 1..]);
    if word.len() < 3 || word.ends_with(b".") {
        return false;
    }
    let ends_sentence = head.ends_with(b".")
        || head.ends_with(b"?")
        || head.ends_with(b"!")
        || head.ends_with(b")")
        || head.ends_with(b"\"")
        || head.ends_with("\u{201d}".as_bytes());
    if is_signature(word) {
        // `… soil. DANILOVICH`, `END TALKING POINTS. RICE` (08STATE50524),
        // `END COMMENT THORNE` (09ROME1187), `XXXXXXXXXXX STEPHENS` (10SEOUL248),
        // `…/index.c fm STAPLETON` (after a URL).
        let url = has_url(head);
        let last = head.rsplit(|&c| c == b' ').next().unwrap_or(head);
        let after_comment = is_end_marker(head);
        let after_redaction = last.len() >= 5 && last.iter().all(|&c| c == b'X');
        return ends_sentence || url || after_comment || after_redaction;
    }
    !double_spaced
        && ends_sentence
        && head.iter().any(u8::is_ascii_lowercase)
        && is_weak_signature(word)
        && !COMMON.iter().any(|w| w.as_bytes() == word)
}

/// A rule line: only dashes, em/en dashes, `=`, `_`, `*` and spaces.
fn is_rule(t: &[u8]) -> bool {
    if t.is_empty() {
        return false;
    }
    let s = String::from_utf8_lossy(t);
    s.chars()
        .all(|c| matches!(c, '-' | '\u{2014}' | '\u{2013}' | '=' | '_' | '*' | ' '))
}

/// A signature line: one or two upper-case words (`PASCUAL`, `TIMKEN JR`, `O’REILLY`),
/// not a caveat or heading word.
fn is_signature(t: &[u8]) -> bool {
    const STOP: [&str; 64] = [
        "NOFORN",
        "SIPDIS",
        "SENSITIVE",
        "UNCLASSIFIED",
        "UNCLAS",
        "CONFIDENTIAL",
        "SECRET",
        "LIMDIS",
        "EXDIS",
        "NODIS",
        "STADIS",
        "ORCON",
        "PROPIN",
        "NOCONTRACT",
        "COMMENT",
        "COMMENTS",
        "SUMMARY",
        "BACKGROUND",
        "END",
        "BEGIN",
        "NNNN",
        "BT",
        "NOTE",
        "NOTES",
        "TEXT",
        "INTRODUCTION",
        "CONCLUSION",
        "CONCLUSIONS",
        "ACTION",
        "REF",
        "REFS",
        "REFTEL",
        "TAGS",
        "SUBJECT",
        "QUOTE",
        "UNQUOTE",
        "ENDQUOTE",
        "SEPTEL",
        "DISCUSSION",
        "ANALYSIS",
        "PARTICIPANTS",
        "CORRECTED",
        "COPY",
        "INFO",
        "TO",
        "FM",
        "FROM",
        "DE",
        "DECL",
        "OADR",
        "CLASSIFIED",
        "PAGE",
        "SECTION",
        "AND",
        "THE",
        "FOR",
        "OF",
        "RECOMMENDATION",
        "RECOMMENDATIONS",
        "ISSUES",
        "OVERVIEW",
        "EFTO",
        "SBU",
        "FOUO",
    ];
    if t.len() < 2 || t.len() > 64 || !t[0].is_ascii_uppercase() {
        return false;
    }
    // `URS <br>` (09LAPAZ96), `MANZANARES .` (05MADRID541), `SOBEL 2008-01-08`
    // (08BRASILIA43), `DOE.`
    let t = trim(t.strip_suffix(b"<br>").unwrap_or(t));
    let t = trim(t.strip_suffix(b".").unwrap_or(t));
    let t = match t.iter().rposition(|&c| c == b' ') {
        Some(sp) if is_date_token(&t[sp + 1..]) => trim(&t[..sp]),
        _ => t,
    };
    if t.len() < 2 || t.len() > 40 {
        return false;
    }
    // `SHANNON Shannon` (10BRASILIA108).
    if let Some(sp) = memchr(b' ', t) {
        let (a, b) = (&t[..sp], &t[sp + 1..]);
        if a.eq_ignore_ascii_case(b) && a.len() >= 3 && a.iter().all(u8::is_ascii_uppercase) {
            return true;
        }
    }
    let mut words = 0;
    for w in t.split(|&c| c == b' ') {
        if w.is_empty() {
            return false;
        }
        words += 1;
        if words > 2 {
            return false;
        }
        let s = String::from_utf8_lossy(w);
        let mut chars = s.chars();
        if !chars.next().is_some_and(|c| c.is_ascii_uppercase()) {
            return false;
        }
        if !chars.all(|c| c.is_ascii_uppercase() || matches!(c, '\'' | '\u{2019}' | '-')) {
            return false;
        }
        let letters = w.iter().filter(|c| c.is_ascii_uppercase()).count();
        if letters < 2 || w.iter().all(|&c| c == b'X') {
            return false;
        }
        if STOP.iter().any(|s| s.as_bytes() == w) {
            return false;
        }
    }
    t.iter().filter(|c| c.is_ascii_uppercase()).count() >= 3
}

#[cfg(test)]
mod tests {
    use super::super::{CableSource, Format, Item, SliceReader};
    use super::*;

    fn items(input: &str) -> Vec<Item<'_>> {
        let items: Vec<_> = SliceReader::new(input.as_bytes(), Format::Text)
            .map(|i| i.unwrap())
            .collect();
        let mut at = 0;
        for i in &items {
            assert_eq!(i.span().start, at, "{items:?}");
            at = i.span().end;
        }
        assert_eq!(at, input.len() as u64);
        items
    }

    fn cables<'a>(items: &'a [Item<'a>]) -> Vec<&'a CableSource<'a>> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Cable(c) => Some(c),
                _ => None,
            })
            .collect()
    }

    /// An invented cable: header, banner, preamble, paragraphs, signature.
    fn telegram(serial: u32) -> String {
        format!(
            "VZCZCXRO{serial:04}\nRR RUEHAA\nDE RUEHFO #{serial:04}/01 0231200\nZNY CCCCC ZZH\n\
             R 231200Z JAN 09\nFM AMEMBASSY FOOBAR\nTO RUEHC/SECSTATE WASHDC 0001\n\
             C O N F I D E N T I A L FOOBAR {serial:06}\n\nSIPDIS\n\nE.O. 12958: DECL: 01/01/2019\n\
             TAGS: PREL PGOV XX\nSUBJECT: AN INVENTED SUBJECT\n\n1. (C) Text of the first paragraph.\n\n\
             2. (C) More text.\n\nDOE\n"
        )
    }

    #[test]
    fn predicates() {
        assert!(is_dtg(b"R 232312Z JAN 09 ZDS"));
        assert!(is_dtg(b"O R 292049Z JAN 10"));
        assert!(is_dtg(b"201247Z Jan 04"));
        assert!(!is_dtg(b"2012 was a year"));
        assert_eq!(
            banner(b"S E C R E T SECTION 01 OF 04 FOOBAR 003178").map(|k| k.1),
            Some(3178)
        );
        assert!(banner(b"C o n f i d e n t i a l section 01 of 02 foobar 000881").is_some());
        assert!(banner(b"UNCLASSIFIED BUENOS AIRES 2481").is_some());
        assert!(banner(b"C O N F I D E N T I A L FOOBAR 002882 E.O. 12958: DECL").is_some());
        assert!(banner(b"SECRET").is_none());
        assert!(banner(b"Secretary Doe said 12 things").is_none());
        assert!(is_signature(b"PASCUAL"));
        assert!(is_signature("O\u{2019}REILLY".as_bytes()));
        assert!(is_signature(b"TIMKEN JR"));
        assert!(!is_signature(b"SIPDIS"));
        assert!(!is_signature(b"END TEXT"));
        assert!(!is_signature(b"Clinton"));
        assert!(!is_signature(b"XXXXXXXXXXXX"));
        assert!(!is_signature(b"MOVING FORWARD TOGETHER"));
        assert!(is_page_break(b"FOOBAR 00003195 005 OF 005"));
        assert!(is_numbered("\u{b6}11. (C) text".as_bytes()));
        assert!(is_numbered(b"3. (S/NF) text"));
        assert!(!is_numbered(b"2009. A year"));
        assert!(is_rule("\u{2014}\u{2014}\u{2014}-".as_bytes()));
        assert!(is_distribution(b"INFO  LOG-00   EEB-00   AID-00"));
        assert!(!is_distribution(b"INFO RUEHXC/ALL US CONSULATES"));
        assert_eq!(refid_len(b"09FOOBAR193 : TITLE"), Some(11));
        assert_eq!(refid_len(b"08SECTION01OF03CAIRO1416"), Some(24));
        assert_eq!(refid_len(b"2009 was"), None);
        assert_eq!(refid_len(b"09FOOBAR193abc"), None);
        assert!(refid_like(b"09FOOBAR 3077").is_some());
        assert!(refid_like(b"Embassy Foobar").is_none());
        assert!(is_date_line(b"Friday, 18 December 2009, 11:04"));
        assert_eq!(trim(b" \xC2\xA0x \xC2\xA0"), b"x");
        assert_eq!(trim(b"\xC2"), b"\xC2");
    }

    #[test]
    fn a_cat_of_telegrams() {
        let input = format!("{}\n{}{}", telegram(1), telegram(2), telegram(3));
        let items = items(&input);
        let cs = cables(&items);
        assert_eq!(cs.len(), 3);
        for c in &cs {
            assert!(c.text.as_deref().unwrap().starts_with("VZCZC"));
            assert!(c.text.as_deref().unwrap().ends_with("DOE\n"));
        }
        assert_eq!(cs[1].position.line, 22);
        assert_eq!(cs[2].position.record, 2);
    }

    #[test]
    fn cables_among_commentary() {
        let input = format!(
            "A Blog Title\n\nSome commentary about it.\n\nID: 123\nDate: 2009-01-23 23:11:00\n\
             Origin: 09FOOBAR1\nSource: Embassy Foobar\nClassification: SECRET\nDunno: 09FOOBAR7 09FOOBAR8\n\
             Destination: {}\n\u{2014}\u{2014}\u{2014}-\n\nAnother Title\n\nMore prose here.\n02/12/2010\n\n\
             09FOOBAR2 : TITLE WORDS\n\n{}Leave a reply\n",
            telegram(1),
            telegram(2)
        );
        let items = items(&input);
        let kinds: Vec<_> = items
            .iter()
            .map(|i| match i {
                Item::Cable(_) => 'C',
                Item::Interstitial { .. } => 'I',
                Item::Furniture { .. } => 'F',
            })
            .collect();
        assert_eq!(kinds.iter().collect::<String>(), "IFCFIFCI");
        let cs = cables(&items);
        let a = cs[0];
        assert_eq!(a.id, Some(123));
        assert_eq!(a.reference_id.as_deref(), Some("09FOOBAR1"));
        assert_eq!(a.created.as_deref(), Some("2009-01-23 23:11:00"));
        assert_eq!(a.origin.as_deref(), Some("Embassy Foobar"));
        assert_eq!(a.classification.as_deref(), Some("SECRET"));
        assert_eq!(a.references.as_deref(), Some("09FOOBAR7 09FOOBAR8"));
        assert!(a.text.as_deref().unwrap().starts_with("VZCZCXRO0001\nRR"));
        assert!(a.text.as_deref().unwrap().ends_with("DOE\n"));
        let b = cs[1];
        assert_eq!(b.reference_id.as_deref(), Some("09FOOBAR2"));
        assert!(b.text.as_deref().unwrap().starts_with("VZCZCXRO0002"));
        match &items[4] {
            Item::Interstitial { text, .. } => {
                assert!(text.starts_with('\u{2014}'));
                assert!(text.ends_with("02/12/2010\n"));
            }
            i => panic!("{i:?}"),
        }
    }

    #[test]
    fn layouts() {
        // L3, L8, L9, collapsed L4 and `<<id>>`.
        let body = "S E C R E T FOOBAR 000009\n\n1. (S) Text.\n\nDOE\n";
        let l3 = format!(
            "Reference ID 09FOOBAR 9\n\nCreated 2009-10.26 23:11\n\nReleased 2010-22-25\n\n\
             Classification:  SECRET\n\nOrigin:   Embassy Foobar\n\n{body}"
        );
        let l8 = format!(
            "Reference ID Created Released Classification Origin\n09FOOBAR9\n2009-01-23 23:11\n\
             2010-12-02 21:09\nSECRET//NOFORN\nEmbassy Foobar\n\nR 232312Z JAN 09 ZDS\nFM AMEMBASSY FOOBAR\n{body}"
        );
        let l9 = format!(
            "09FOOBAR9 2010-01-25 17:05 2010-12-11 21:09 UNCLASSIFIED//FOR OFFICIAL USE ONLY Embassy Foobar\n\n{body}"
        );
        let l4 = format!(
            "ID: 231175\nDate: 2009-10-23 20:57:00 Origin: 09FOOBAR9 Source: Embassy Foobar \
             Classification: SECRET Dunno: Destination: {body}"
        );
        let l5 = format!(
            "240473 Date:2009-12-17 20:42:00 Origin:09FOOBAR9 Source:Embassy Foobar \
             Classification:SECRET Dunno:09FOOBAR7 Destination:{body}"
        );
        let dump = format!(
            "<<218634>>\n7/29/2009 14:42\n09FOOBAR9\nEmbassy Foobar\nCONFIDENTIAL\n\n{body}"
        );
        let upper = format!(
            "ID: 248711\nORIGIN: 09FOOBAR9\nDATE: 2010-02-12 17:09:00\nSOURCE: Embassy Foobar\n\
             CLASSIFICATION: CONFIDENTIAL\nMISC: 10FOO1|10FOO2\nDESTINATION: VZCZCXRO2876RUEHAG\n\n{body}"
        );
        for (name, input) in [
            ("l3", &l3),
            ("l8", &l8),
            ("l9", &l9),
            ("l4", &l4),
            ("l5", &l5),
            ("dump", &dump),
            ("upper", &upper),
        ] {
            let items = items(input);
            let cs = cables(&items);
            assert_eq!(cs.len(), 1, "{name}: {items:?}");
            let c = cs[0];
            assert_eq!(c.span, 0..input.len() as u64, "{name}");
            assert!(
                c.reference_id.as_deref().unwrap().starts_with("09FOOBAR"),
                "{name}"
            );
            assert!(c.text.as_deref().unwrap().ends_with("DOE\n"), "{name}");
            assert!(
                c.origin.as_deref().unwrap().starts_with("Embassy"),
                "{name}"
            );
            assert!(c.classification.is_some(), "{name}");
            assert!(c.created.is_some(), "{name}");
        }
        let items_l3 = items(&l3);
        let c = cables(&items_l3)[0];
        assert_eq!(c.reference_id.as_deref(), Some("09FOOBAR 9"));
        assert_eq!(c.created.as_deref(), Some("2009-10.26 23:11"));
        assert_eq!(c.released.as_deref(), Some("2010-22-25"));
        assert_eq!(c.text.as_deref(), Some(body));
        let items_l9 = items(&l9);
        let c = cables(&items_l9)[0];
        assert_eq!(
            c.classification.as_deref(),
            Some("UNCLASSIFIED//FOR OFFICIAL USE ONLY")
        );
        assert_eq!(c.released.as_deref(), Some("2010-12-11 21:09"));
        let items_l5 = items(&l5);
        let c = cables(&items_l5)[0];
        assert_eq!(c.id, Some(240473));
        assert_eq!(c.references.as_deref(), Some("09FOOBAR7"));
        assert_eq!(c.text.as_deref(), Some(body));
        let items_dump = items(&dump);
        let c = cables(&items_dump)[0];
        assert_eq!(c.id, Some(218634));
        assert_eq!(c.references, None);
        let items_upper = items(&upper);
        let c = cables(&items_upper)[0];
        assert_eq!(c.references.as_deref(), Some("10FOO1|10FOO2"));
        assert!(c
            .text
            .as_deref()
            .unwrap()
            .starts_with("VZCZCXRO2876RUEHAG\n"));
    }

    #[test]
    fn fragments_and_prose() {
        let items1 = items("\nTAGS: PREL PGOV XX\nREF: A. FOOBAR 001234\n");
        let cs = cables(&items1);
        assert_eq!(cs.len(), 1);
        assert_eq!(cs[0].position.line, 2);
        let items2 = items("Just prose, no cable here.\nAnother line.\n");
        assert!(cables(&items2).is_empty());
        assert!(matches!(items2[0], Item::Interstitial { .. }));
        assert!(items("").is_empty());
    }

    #[test]
    fn heading_is_not_a_signature() {
        let input = format!(
            "{}\nSome commentary.\n",
            "S E C R E T FOOBAR 000001\n\n1. (S) Text.\n\nBACKGROUND\n\nMore text.\n\nOUTLOOK\n---------\n\n2. (S) Text.\n\nDOE\n"
        );
        let items = items(&input);
        let cs = cables(&items);
        assert_eq!(cs.len(), 1);
        assert!(cs[0].text.as_deref().unwrap().ends_with("DOE\n"));
        assert!(matches!(items.last(), Some(Item::Interstitial { .. })));
    }
}
