//! Deterministic generator of realistic, invented cables.
//!
//! [`Generator::new`]`(seed)` yields an endless, reproducible stream of [`GeneratedCable`]s:
//! an ACP-127 header and a body in every variant described in `docs/format.md` (header
//! shapes, recipient forms, banners, caveats, E.O./TAGS/SUBJECT/REF/Classified By forms,
//! numbered and marked paragraphs, headings and rules, page breaks on their own line and
//! inside lines, summary/comment markers, redactions, `&…8` and `,s` artefacts, signatures
//! and boilerplate), in both wrapping regimes (≈55% hard-wrapped at 60–70 columns, ≈45% one
//! paragraph per line), with body sizes drawn to match the sample (p50 ≈ 8.5 KB,
//! p90 ≈ 17 KB, p99 ≈ 30 KB).
//!
//! Each cable comes with its [`CableFacts`]: what the generator put in (reference id,
//! tags, subject, references, paragraph numbers, recipients …), so tests can check a
//! parser against them. All prose and names are invented (see [`crate::data`]).
//!
//! The container writers in [`crate::write`] stream cables to `cables.csv`, cablegate HTML
//! pages or concatenated text without holding the corpus in memory.
//!
//! ```
//! use cablecore_benches::gen::Generator;
//! let mut g = Generator::new(42);
//! let cable = g.next_cable();
//! assert!(cable.facts.reference_id.starts_with(|c: char| c.is_ascii_digit()));
//! assert_eq!(Generator::new(42).next_cable().body, cable.body);
//! ```

use std::fmt::Write as _;

use crate::data::{self, Post, PostKind};
use crate::rng::Rng;

/// Tunables of the generated distribution. The defaults match `docs/format.md`.
#[derive(Debug, Clone)]
pub struct Config {
    /// Share of hard-wrapped cables (the rest have one paragraph per line).
    pub wrapped_share: f64,
    /// Median body size in bytes (log-normal).
    pub body_median: f64,
    /// Log-space standard deviation of the body size.
    pub body_sigma: f64,
    /// Upper bound of a drawn body size (bytes).
    pub body_max: usize,
    /// Numeric id of the first cable (ids then run upwards).
    pub first_id: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            wrapped_share: 0.55,
            body_median: 8490.0,
            // p99 / p50 = 29,422 / 8,490 → ln(3.466) / 2.326
            body_sigma: 0.534,
            body_max: 70_000,
            first_id: 1,
        }
    }
}

/// Overrides for one cable (everything `None` = drawn at random).
#[derive(Debug, Clone, Default)]
pub struct CableSpec {
    /// Target body size in bytes (approximate: paragraphs are added until it is reached).
    pub body_bytes: Option<usize>,
    /// Force the wrapping regime.
    pub wrapped: Option<bool>,
    /// Force the header shape.
    pub header: Option<HeaderShape>,
    /// Put the whole text after the preamble in a single paragraph on a single line
    /// (the "huge single-line cable" of the slow-input benches).
    pub single_line: bool,
}

/// The overall layout of the header (format.md §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderShape {
    /// `TID PREC DE ZNY DTG FM TO INFO` — the full ACP-127 header.
    Acp,
    /// `TID PREC DE ZNY DTG FM TO` — no INFO.
    AcpNoInfo,
    /// `DTG FM TO INFO` without routing indicators (older and "print" copies).
    Print,
    /// `DTG FM TO`.
    PrintNoInfo,
    /// State's distribution block (`INFO  LOG-00 …  /000W`) then `DTG FM TO INFO`.
    Distribution,
    /// Only the partial-extract sentence.
    Partial,
    /// The partial-extract sentence and a bare mixed-case DTG.
    PartialDtg,
}

impl HeaderShape {
    /// Short name (`acp`, `partial` …).
    pub fn as_str(self) -> &'static str {
        match self {
            HeaderShape::Acp => "acp",
            HeaderShape::AcpNoInfo => "acp-no-info",
            HeaderShape::Print => "print",
            HeaderShape::PrintNoInfo => "print-no-info",
            HeaderShape::Distribution => "distribution",
            HeaderShape::Partial => "partial",
            HeaderShape::PartialDtg => "partial-dtg",
        }
    }
}

/// The partial-extract sentence of cablegate pages without a header.
pub const PARTIAL_EXTRACT: &str = "This record is a partial extract of the original cable. The full text of the original cable is not available.";

/// Classification of a cable, as in the metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// `UNCLASSIFIED`
    Unclassified,
    /// `UNCLASSIFIED//FOR OFFICIAL USE ONLY` (banner `UNCLAS` + `SENSITIVE`).
    Fouo,
    /// `CONFIDENTIAL`
    Confidential,
    /// `CONFIDENTIAL//NOFORN`
    ConfidentialNoforn,
    /// `SECRET`
    Secret,
    /// `SECRET//NOFORN`
    SecretNoforn,
}

impl Class {
    /// The metadata string.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Unclassified => "UNCLASSIFIED",
            Class::Fouo => "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
            Class::Confidential => "CONFIDENTIAL",
            Class::ConfidentialNoforn => "CONFIDENTIAL//NOFORN",
            Class::Secret => "SECRET",
            Class::SecretNoforn => "SECRET//NOFORN",
        }
    }

    /// Whether the cable is classified (CONFIDENTIAL or SECRET).
    pub fn is_classified(self) -> bool {
        !matches!(self, Class::Unclassified | Class::Fouo)
    }

    fn is_noforn(self) -> bool {
        matches!(self, Class::ConfidentialNoforn | Class::SecretNoforn)
    }

    fn letters(self) -> &'static str {
        match self {
            Class::Unclassified | Class::Fouo => "ZNR UUUUU ZZH",
            Class::Confidential | Class::ConfidentialNoforn => "ZNY CCCCC ZZH",
            Class::Secret | Class::SecretNoforn => "ZNY SSSSS ZZH",
        }
    }

    fn marks(self) -> &'static [(u32, &'static str)] {
        match self {
            Class::Unclassified | Class::Fouo => data::MARKS_UNCLASSIFIED,
            Class::Confidential => data::MARKS_CONFIDENTIAL,
            Class::ConfidentialNoforn => data::MARKS_CONFIDENTIAL_NF,
            Class::Secret => data::MARKS_SECRET,
            Class::SecretNoforn => data::MARKS_SECRET_NF,
        }
    }

    /// The class link `title` on cablegate pages (shifted by one category, §2.3).
    pub fn page_title(self) -> &'static str {
        match self {
            Class::Confidential => "unclassified",
            Class::Secret => "confidential",
            Class::ConfidentialNoforn => "secret",
            Class::Fouo => "confidential//noforn",
            Class::Unclassified => "unclassified//fouo",
            Class::SecretNoforn => "secret//noforn",
        }
    }

    /// The class number in cablegate page links (`/classification/N_0.html`).
    pub fn page_number(self) -> u32 {
        match self {
            Class::Confidential => 1,
            Class::ConfidentialNoforn => 2,
            Class::Secret => 3,
            Class::SecretNoforn => 4,
            Class::Unclassified => 5,
            Class::Fouo => 6,
        }
    }
}

/// A calendar date and time of day (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateTime {
    /// Four-digit year.
    pub year: u32,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
    /// 0–23.
    pub hour: u32,
    /// 0–59.
    pub minute: u32,
}

impl DateTime {
    /// `M/D/YYYY HH:MM` (the `cables.csv` date column).
    pub fn csv(&self) -> String {
        format!(
            "{}/{}/{} {:02}:{:02}",
            self.month, self.day, self.year, self.hour, self.minute
        )
    }

    /// `YYYY-MM-DD HH:MM:SS` (the CSV-dump labels of scraped copies).
    pub fn iso_seconds(&self) -> String {
        format!(
            "{}-{:02}-{:02} {:02}:{:02}:00",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }

    /// `YYYY-MM-DD HH:MM` with the cablegate page's minute bug (minutes = hour mod 12).
    pub fn page(&self) -> String {
        let m = match self.hour % 12 {
            0 => 12,
            h => h,
        };
        format!(
            "{}-{:02}-{:02} {:02}:{:02}",
            self.year, self.month, self.day, self.hour, m
        )
    }

    /// Day of the year, 1-based.
    pub fn day_of_year(&self) -> u32 {
        (1..self.month)
            .map(|m| days_in_month(self.year, m))
            .sum::<u32>()
            + self.day
    }

    /// Weekday, 0 = Monday.
    pub fn weekday(&self) -> usize {
        // Days from 1970-01-01 (a Thursday), Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        (days + 3).rem_euclid(7) as usize
    }
}

/// Days in a month of the Gregorian calendar.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// One addressee line as generated (`[ROUTE/]NAME [PRECEDENCE] [MCN]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientFact {
    /// Routing indicator before the `/`.
    pub route: Option<String>,
    /// Addressee name (with office symbols, if any).
    pub name: String,
    /// `PRIORITY`, `IMMEDIATE`, `NIACT IMMEDIATE`.
    pub precedence: Option<String>,
    /// Message number.
    pub mcn: Option<String>,
}

/// One item of the REF block as generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceFact {
    /// List letter as written (`A`, `a`), without punctuation; `None` when unlettered.
    pub letter: Option<String>,
    /// The item text after its letter(s), trimmed.
    pub text: String,
    /// Canonical id (`09MEXICO3076`) for cable items; `None` for e-mails, memos, DTGs …
    pub canonical: Option<String>,
}

/// What the generator put into one cable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CableFacts {
    /// 0-based position of the cable in the generator's stream.
    pub index: u64,
    /// Numeric id (CSV column 1, `ID:` label).
    pub id: u64,
    /// Reference id, e.g. `09MEXICO3077`.
    pub reference_id: String,
    /// Creation date-time (the DTG's).
    pub created: DateTime,
    /// Release date-time (for cablegate pages).
    pub released: DateTime,
    /// Metadata classification.
    pub classification: Class,
    /// Metadata origin (`Embassy Mexico`).
    pub origin: String,
    /// Post as in the banner (`MEXICO`).
    pub post: String,
    /// Serial number of the cable (the refid's digits).
    pub serial: u32,
    /// Ids this cable cites (the dump's `references` column), canonical.
    pub metadata_references: Vec<String>,

    /// Header layout.
    pub header_shape: HeaderShape,
    /// `VZCZCXRO1234`, when present.
    pub transmission_id: Option<String>,
    /// Routing indicators of the precedence line(s), in order.
    pub routing: Vec<String>,
    /// Station of the `DE` line.
    pub station: Option<String>,
    /// The DTG as written without precedence and trailer, e.g. `200556Z JAN 09`.
    pub dtg: Option<String>,
    /// DTG precedence letters (`O`, `R`).
    pub dtg_precedence: Vec<String>,
    /// `FM` originator.
    pub from: Option<String>,
    /// `TO` recipients.
    pub to: Vec<RecipientFact>,
    /// `INFO` recipients.
    pub info: Vec<RecipientFact>,
    /// `XMT` exclusions.
    pub excluded: Vec<String>,

    /// Whether the body starts with a `Weekday, DD Month YYYY, HH:MM` date line.
    pub date_line: bool,
    /// Banner line as written (trimmed), `None` when the cable has none.
    pub banner: Option<String>,
    /// `SECTION 01 OF nn` total, when the banner has one.
    pub section_total: Option<u32>,
    /// Caveat lines (trimmed) in order.
    pub caveats: Vec<String>,
    /// Distribution/pass lines (trimmed) in order.
    pub pass_lines: Vec<String>,
    /// Declassification date as `YYYY-MM-DD`, when the E.O. line has a date form.
    pub declassify_on: Option<String>,
    /// TAGS tokens as written (case kept; `OVIP (NAME, GIVEN)` as one token).
    pub tags: Vec<String>,
    /// Subject text, continuation lines joined with single spaces, without label or mark.
    pub subject: Option<String>,
    /// Portion mark in front of the subject (`(C)`).
    pub subject_marking: Option<String>,
    /// REF items in order.
    pub references: Vec<ReferenceFact>,
    /// Name in the `Classified By` line.
    pub classified_by: Option<String>,
    /// Reasons as `1.4(b)`, `1.4(d)` …
    pub reasons: Vec<String>,
    /// Numbers of the numbered paragraphs, in order.
    pub paragraph_numbers: Vec<u32>,
    /// Number of heading lines.
    pub headings: usize,
    /// Number of page-break markers (own-line and embedded).
    pub page_breaks: usize,
    /// Number of page-break markers embedded inside a text line.
    pub embedded_page_breaks: usize,
    /// Whether a summary (marker or heading) was written.
    pub summary: bool,
    /// Whether a `Comment: … End Comment.` paragraph was written.
    pub comment: bool,
    /// Number of redaction tokens.
    pub redactions: usize,
    /// Signature as written (upper- or title-case surname), if any.
    pub signer: Option<String>,
    /// Whether the signature is glued to the last paragraph line.
    pub signature_glued: bool,
    /// Whether the cable is hard-wrapped.
    pub wrapped: bool,
    /// Whether the body is cut short after the preamble (ends in `...`).
    pub truncated: bool,
    /// Header length in bytes.
    pub header_len: usize,
    /// Body length in bytes.
    pub body_len: usize,
}

/// A generated cable: header text, body text and the facts.
#[derive(Debug, Clone)]
pub struct GeneratedCable {
    /// The header (first `<pre>` / CSV `header` column), no trailing newline.
    pub header: String,
    /// The body (second `<pre>` / CSV `content` column), no trailing newline.
    pub body: String,
    /// What was generated.
    pub facts: CableFacts,
}

impl GeneratedCable {
    /// Header and body as one telegram text (header, blank line, body, final newline).
    pub fn text(&self) -> String {
        let mut s = String::with_capacity(self.header.len() + self.body.len() + 3);
        self.write_text(&mut s);
        s
    }

    /// Append [`GeneratedCable::text`] to `out`.
    pub fn write_text(&self, out: &mut String) {
        if !self.header.is_empty() {
            out.push_str(&self.header);
            out.push_str("\n\n");
        }
        out.push_str(&self.body);
        out.push('\n');
    }
}

/// A sending post with its derived spellings.
#[derive(Debug, Clone)]
pub struct PostInfo {
    /// The table entry.
    pub post: Post,
    /// Refid origin part (`BUENOSAIRES`).
    pub refid: String,
    /// Metadata origin (`Embassy Buenos Aires`).
    pub origin: String,
    /// `FM` originator (`AMEMBASSY BUENOS AIRES`).
    pub from: String,
    /// Post on page-break lines, truncated to 10 characters.
    pub page: String,
}

impl PostInfo {
    fn new(post: Post) -> Self {
        let title = title_case(post.name);
        let (refid, origin, from, page) = match post.kind {
            PostKind::Embassy => (
                post.name.replace(' ', ""),
                format!("Embassy {title}"),
                format!("AMEMBASSY {}", post.name),
                post.name.to_string(),
            ),
            PostKind::Consulate => (
                post.name.replace(' ', ""),
                format!("Consulate {title}"),
                format!("AMCONSUL {}", post.name),
                post.name.to_string(),
            ),
            PostKind::State => (
                "STATE".to_string(),
                "Secretary of State".to_string(),
                "SECSTATE WASHDC".to_string(),
                "STATE".to_string(),
            ),
            PostKind::Special {
                refid,
                origin,
                from,
                page,
            } => (
                refid.to_string(),
                origin.to_string(),
                from.to_string(),
                page.to_string(),
            ),
        };
        // format.md §5.15: page-break post names are truncated to 10 characters.
        let page = page.chars().take(10).collect();
        PostInfo {
            post,
            refid,
            origin,
            from,
            page,
        }
    }

    fn is_plain(&self) -> bool {
        !matches!(self.post.kind, PostKind::Special { .. })
    }
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for ch in s.chars() {
        if start {
            out.extend(ch.to_uppercase());
        } else {
            out.extend(ch.to_lowercase());
        }
        start = ch == ' ';
    }
    out
}

/// The seeded, deterministic cable generator.
#[derive(Debug, Clone)]
pub struct Generator {
    rng: Rng,
    cfg: Config,
    posts: Vec<PostInfo>,
    post_weights: Vec<u32>,
    next_serial: Vec<u32>,
    index: u64,
}

impl Generator {
    /// A generator with the default [`Config`].
    pub fn new(seed: u64) -> Self {
        Self::with_config(seed, Config::default())
    }

    /// A generator with a custom [`Config`].
    pub fn with_config(seed: u64, cfg: Config) -> Self {
        let mut rng = Rng::new(seed);
        let posts: Vec<PostInfo> = data::POSTS.iter().copied().map(PostInfo::new).collect();
        let post_weights = posts.iter().map(|p| p.post.weight).collect();
        let next_serial = posts
            .iter()
            .map(|p| {
                if p.post.kind == PostKind::State {
                    rng.range(1_000, 90_000) as u32
                } else {
                    rng.range(1, 400) as u32
                }
            })
            .collect();
        Generator {
            rng,
            cfg,
            posts,
            post_weights,
            next_serial,
            index: 0,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// Number of cables generated so far.
    pub fn generated(&self) -> u64 {
        self.index
    }

    /// The next cable of the stream.
    pub fn next_cable(&mut self) -> GeneratedCable {
        self.cable(&CableSpec::default())
    }

    /// The next cable of the stream, with some properties forced.
    pub fn cable(&mut self, spec: &CableSpec) -> GeneratedCable {
        let index = self.index;
        self.index += 1;
        let mut r = self.rng.fork();
        let pi = r.weighted(&self.post_weights);
        let step = r.range(1, 40) as u32;
        let serial = self.next_serial[pi];
        let limit = if self.posts[pi].post.kind == PostKind::State {
            999_999
        } else {
            99_999
        };
        self.next_serial[pi] = if serial + step > limit {
            r.range(1, 50) as u32
        } else {
            serial + step
        };
        let plan = Plan::draw(&mut r, &self.cfg, &self.posts, pi, serial, index, spec);
        plan.build(&mut r, &self.posts)
    }
}

impl Iterator for Generator {
    type Item = GeneratedCable;
    fn next(&mut self) -> Option<GeneratedCable> {
        Some(self.next_cable())
    }
}

/// How a cable's prose is cased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Mixed,
    Upper,
    /// The "whole cable mixed/lower-case" variant (§5.18): `S e c r e t state 068250`.
    Lower,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quotes {
    Ascii,
    Curly,
    /// `&…8` artefact.
    Amp8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Apostrophe {
    Ascii,
    Curly,
    /// `,s` artefact.
    Comma,
}

/// Everything drawn up-front for one cable.
struct Plan<'p> {
    post: &'p PostInfo,
    class: Class,
    created: DateTime,
    released: DateTime,
    serial: u32,
    refid: String,
    id: u64,
    index: u64,
    wrapped: bool,
    width: usize,
    trail: bool,
    blank: &'static str,
    case: Case,
    quotes: Quotes,
    apostrophe: Apostrophe,
    redact: f64,
    body_target: usize,
    single_line: bool,
    header_shape: HeaderShape,
}

impl<'p> Plan<'p> {
    fn draw(
        r: &mut Rng,
        cfg: &Config,
        posts: &'p [PostInfo],
        pi: usize,
        serial: u32,
        index: u64,
        spec: &CableSpec,
    ) -> Self {
        let post = &posts[pi];
        // format.md §2.1 year counts (the 1966–2003 tail lumped together).
        let year = *r.pick_weighted(&[
            (556, 2009u32),
            (225, 2008),
            (206, 2010),
            (131, 2007),
            (79, 2006),
            (59, 2005),
            (26, 2004),
            (3, 2003),
            (2, 2002),
            (2, 2000),
            (2, 1990),
            (1, 1988),
            (1, 1986),
            (1, 1979),
            (1, 1975),
            (1, 1972),
            (1, 1966),
        ]);
        let month = if year == 2010 {
            r.range(1, 2) as u32
        } else {
            r.range(1, 12) as u32
        };
        let created = DateTime {
            year,
            month,
            day: r.range(1, days_in_month(year, month) as usize) as u32,
            hour: r.range(0, 23) as u32,
            minute: r.range(0, 59) as u32,
        };
        let released = DateTime {
            year: 2010,
            month: if r.chance(0.25) { 11 } else { 12 },
            day: 0,
            hour: r.range(0, 23) as u32,
            minute: r.range(0, 59) as u32,
        };
        let released = DateTime {
            day: if released.month == 11 {
                r.range(28, 30) as u32
            } else {
                r.range(1, 10) as u32
            },
            ..released
        };
        let class = *r.pick_weighted(&[
            (605, Class::Confidential),
            (290, Class::Secret),
            (217, Class::SecretNoforn),
            (79, Class::ConfidentialNoforn),
            (68, Class::Fouo),
            (36, Class::Unclassified),
        ]);
        let old = year < 2004;
        let wrapped = spec
            .wrapped
            .unwrap_or_else(|| old || r.chance(cfg.wrapped_share));
        let case = if r.chance(0.0085) {
            Case::Lower
        } else if old || (wrapped && r.chance(0.35)) {
            Case::Upper
        } else {
            Case::Mixed
        };
        let quotes = match r.weighted(&[62, 33, 5]) {
            0 => Quotes::Ascii,
            1 => Quotes::Curly,
            _ => Quotes::Amp8,
        };
        let apostrophe = if r.chance(0.17) {
            Apostrophe::Comma
        } else if quotes == Quotes::Curly || r.chance(0.1) {
            Apostrophe::Curly
        } else {
            Apostrophe::Ascii
        };
        let redact = if r.chance(0.23) { 0.12 } else { 0.0 };
        let mut body_target = spec.body_bytes.unwrap_or_else(|| {
            if r.chance(0.0085) {
                // §5.11: truncated bodies of 243–400 bytes.
                0
            } else {
                (r.lognormal(cfg.body_median, cfg.body_sigma) as usize).clamp(600, cfg.body_max)
            }
        });
        if spec.single_line {
            body_target = body_target.max(1);
        }
        let header_shape = spec.header.unwrap_or_else(|| {
            *r.pick_weighted(&[
                (1090, HeaderShape::Acp),
                (82, HeaderShape::Partial),
                (50, HeaderShape::Print),
                (39, HeaderShape::AcpNoInfo),
                (16, HeaderShape::Distribution),
                (13, HeaderShape::PrintNoInfo),
                (9, HeaderShape::PartialDtg),
            ])
        });
        let refid = format!("{:02}{}{}", year % 100, post.refid, serial);
        Plan {
            post,
            class,
            created,
            released,
            serial,
            refid,
            id: cfg.first_id + index,
            index,
            wrapped,
            width: r.range(58, 68),
            trail: r.chance(0.7),
            blank: if r.chance(0.18) { " " } else { "" },
            case,
            quotes,
            apostrophe,
            redact,
            body_target,
            single_line: spec.single_line,
            header_shape,
        }
    }

    fn build(self, r: &mut Rng, posts: &[PostInfo]) -> GeneratedCable {
        let mut facts = CableFacts {
            index: self.index,
            id: self.id,
            reference_id: self.refid.clone(),
            created: self.created,
            released: self.released,
            classification: self.class,
            origin: self.post.origin.clone(),
            post: self.post.post.name.to_string(),
            serial: self.serial,
            metadata_references: Vec::new(),
            header_shape: self.header_shape,
            transmission_id: None,
            routing: Vec::new(),
            station: None,
            dtg: None,
            dtg_precedence: Vec::new(),
            from: None,
            to: Vec::new(),
            info: Vec::new(),
            excluded: Vec::new(),
            date_line: false,
            banner: None,
            section_total: None,
            caveats: Vec::new(),
            pass_lines: Vec::new(),
            declassify_on: None,
            tags: Vec::new(),
            subject: None,
            subject_marking: None,
            references: Vec::new(),
            classified_by: None,
            reasons: Vec::new(),
            paragraph_numbers: Vec::new(),
            headings: 0,
            page_breaks: 0,
            embedded_page_breaks: 0,
            summary: false,
            comment: false,
            redactions: 0,
            signer: None,
            signature_glued: false,
            wrapped: self.wrapped,
            truncated: false,
            header_len: 0,
            body_len: 0,
        };
        let mut header = String::with_capacity(1024);
        self.header(r, posts, &mut header, &mut facts);
        let mut body = String::with_capacity(self.body_target + self.body_target / 8 + 2048);
        self.body(r, posts, &mut body, &mut facts);
        while body.ends_with('\n') || body.ends_with(' ') {
            body.pop();
        }
        facts.header_len = header.len();
        facts.body_len = body.len();
        facts.metadata_references = facts
            .references
            .iter()
            .filter_map(|f| f.canonical.clone())
            .collect();
        GeneratedCable {
            header,
            body,
            facts,
        }
    }

    // ------------------------------------------------------------------ header

    fn header(&self, r: &mut Rng, posts: &[PostInfo], out: &mut String, f: &mut CableFacts) {
        let prosign = *r.pick_weighted(&[(441, "OO"), (404, "PP"), (275, "RR")]);
        let prec_word: Option<&str> = match prosign {
            "OO" => Some("IMMEDIATE"),
            "PP" => Some("PRIORITY"),
            _ if r.chance(0.3) => Some("PRIORITY"),
            _ => None,
        };
        let c = self.created;
        let dtg = format!(
            "{:02}{:02}{:02}Z {} {:02}",
            c.day,
            c.hour,
            c.minute,
            data::MON3[(c.month - 1) as usize],
            c.year % 100
        );
        match self.header_shape {
            HeaderShape::Partial => {
                out.push_str(PARTIAL_EXTRACT);
                return;
            }
            HeaderShape::PartialDtg => {
                out.push_str(PARTIAL_EXTRACT);
                out.push('\n');
                let m = data::MON3[(c.month - 1) as usize];
                let mixed = title_case(m);
                let bare = format!(
                    "{:02}{:02}{:02}Z {} {:02}",
                    c.day,
                    c.hour,
                    c.minute,
                    mixed,
                    c.year % 100
                );
                out.push_str(&bare);
                f.dtg = Some(bare);
                return;
            }
            _ => {}
        }
        let acp = matches!(self.header_shape, HeaderShape::Acp | HeaderShape::AcpNoInfo);
        if acp {
            // §3.2 transmission id.
            let tid = match r.weighted(&[807, 310, 3]) {
                0 => format!("VZCZCXRO{:04}", r.below(10_000)),
                1 => format!("VZCZCXYZ{:04}", r.below(10_000)),
                _ => format!(
                    "VZCZC{}{}I{:03}",
                    (b'A' + r.below(26) as u8) as char,
                    (b'A' + r.below(26) as u8) as char,
                    r.below(1000)
                ),
            };
            out.push_str(&tid);
            if r.chance(0.002) {
                out.push_str("  ");
            }
            out.push('\n');
            let xyz = tid.starts_with("VZCZCXYZ");
            f.transmission_id = Some(tid);
            // §3.3 precedence + routing indicators.
            out.push_str(prosign);
            if xyz {
                out.push_str(" RUEHWEB\n\n");
                f.routing.push("RUEHWEB".into());
            } else {
                let n = 1 + r.weighted(&[190, 114, 93, 77, 82, 68, 36, 52, 98]);
                // §3.3: the list wraps after 9 indicators onto lines of bare indicators.
                let extra = if n == 9 {
                    *r.pick_weighted(&[(28, 0usize), (62, 1), (5, 2), (1, 5)])
                } else {
                    0
                };
                let total = n + (0..extra).map(|_| r.range(1, 9)).sum::<usize>();
                for i in 0..total {
                    let route = posts[r.below(posts.len())].post.route;
                    out.push(if i % 9 == 0 && i > 0 { '\n' } else { ' ' });
                    out.push_str(route);
                    f.routing.push(route.to_string());
                }
                out.push('\n');
            }
            // §3.4 DE line.
            let station = self.post.post.route;
            let doy = c.day_of_year();
            let (fh, fm) = if r.chance(0.07) {
                let m = (c.hour * 60 + c.minute + r.range(1, 20) as u32) % (24 * 60);
                (m / 60, m % 60)
            } else {
                (c.hour, c.minute)
            };
            let _ = write!(out, "DE {station} #{:04}", self.serial % 10_000);
            if r.chance(0.86) {
                out.push_str("/01");
            }
            let _ = writeln!(out, " {doy:03}{fh:02}{fm:02}");
            f.station = Some(station.to_string());
            // §3.5 security line.
            out.push_str(self.class.letters());
            match r.weighted(&[985, 5, 5, 5]) {
                1 => out.push_str(" ZDS"),
                2 => out.push_str(" ZDK"),
                3 => {
                    let _ = write!(
                        out,
                        " (CCY AD{:06X} MSI{:04}-{:03})",
                        r.below(1 << 24),
                        r.below(10_000),
                        r.below(1000)
                    );
                }
                _ => {}
            }
            out.push('\n');
        } else if self.header_shape == HeaderShape::Distribution {
            self.distribution_block(r, out);
        }
        // §3.6 DTG line.
        let p1 = &prosign[..1];
        let precs: &[&str] = if !acp && self.header_shape != HeaderShape::Distribution {
            match r.weighted(&[80, 20]) {
                0 => &[p1],
                _ => &[p1, "R"],
            }
        } else {
            match r.weighted(&[1140, 21, 17, 6]) {
                0 => &[p1],
                1 => &["O", "R"],
                2 => &["O", "P"],
                _ => &["P", "R"],
            }
        };
        for p in precs {
            out.push_str(p);
            out.push(' ');
            f.dtg_precedence.push((*p).to_string());
        }
        out.push_str(&dtg);
        match r.weighted(&[1164, 32, 13, 4]) {
            1 => out.push_str(if r.chance(0.8) {
                " ZDK"
            } else {
                " ZDK CTG SEVERAL SERVICE MSGS"
            }),
            2 => out.push_str(" ZDS"),
            3 => {
                let _ = write!(
                    out,
                    "     (CCY ADX{:05X} ICTOQ{:04}-{:03})",
                    r.below(1 << 20),
                    r.below(10_000),
                    r.below(1000)
                );
            }
            _ => {}
        }
        out.push('\n');
        f.dtg = Some(dtg);
        // §3.7 FM.
        let _ = writeln!(out, "FM {}", self.post.from);
        f.from = Some(self.post.from.clone());
        // §3.8 TO / INFO.
        let routes = acp;
        let state = self.post.post.kind == PostKind::State;
        let n_to = if state {
            *r.pick_weighted(&[(70, 1usize), (15, 2), (8, 4), (5, 9), (2, 37)])
        } else {
            *r.pick_weighted(&[(1087, 1usize), (71, 2), (10, 3)])
        };
        let mut mcn = r.range(1000, 9000) as u32;
        for i in 0..n_to {
            let (route, name) = if !state && i == 0 {
                ("RUEHC".to_string(), "SECSTATE WASHDC".to_string())
            } else {
                self.addressee(r, posts)
            };
            out.push_str(if i == 0 { "TO " } else { "" });
            let rec = self.recipient(r, routes, route, name, prec_word, &mut mcn);
            write_recipient(out, &rec, r);
            f.to.push(rec);
        }
        let with_info = matches!(
            self.header_shape,
            HeaderShape::Acp | HeaderShape::Print | HeaderShape::Distribution
        );
        if with_info {
            let n_info = *r.pick_weighted(&[
                (40, 0usize),
                (80, 1),
                (100, 2),
                (110, 3),
                (120, 4),
                (110, 5),
                (100, 6),
                (80, 7),
                (70, 8),
                (60, 10),
                (40, 12),
                (30, 15),
                (15, 20),
                (8, 25),
                (3, 30),
                (1, 41),
            ]);
            for i in 0..n_info {
                let (route, name) = if r.chance(0.12) {
                    let (a, b) = *r.pick(data::COLLECTIVES);
                    (a.to_string(), b.to_string())
                } else if r.chance(0.007) {
                    let (a, b) = *r.pick(data::OFFICE_SYMBOLS);
                    (a.to_string(), b.to_string())
                } else {
                    self.addressee(r, posts)
                };
                out.push_str(if i == 0 { "INFO " } else { "" });
                let rec = self.recipient(r, routes, route, name, prec_word, &mut mcn);
                write_recipient(out, &rec, r);
                f.info.push(rec);
            }
            // §3.9 XMT exclusions.
            if r.chance(0.003) {
                for _ in 0..r.range(1, 3) {
                    let p = &posts[r.below(posts.len())];
                    let name = format!("AMCONSUL {}", p.post.name);
                    let _ = writeln!(out, "XMT {name}");
                    f.excluded.push(name);
                }
            }
        }
        while out.ends_with('\n') {
            out.pop();
        }
    }

    fn distribution_block(&self, r: &mut Rng, out: &mut String) {
        if r.chance(0.2) {
            let _ = writeln!(out, "ACTION {}-00", r.pick(&["AF", "NEA", "EUR", "WHA"]));
            out.push('\n');
        }
        let n = r.range(8, data::DIST_CODES.len());
        out.push_str("INFO  ");
        for i in 0..n {
            if i > 0 && i % 7 == 0 {
                out.push_str("\n      ");
            }
            let code = data::DIST_CODES[i];
            let cell = format!("{code}-{:02}", if r.chance(0.05) { 1 } else { 0 });
            let _ = write!(out, "{cell:<9}");
        }
        let _ = writeln!(
            out,
            "  /{:03}{}",
            r.below(100),
            if r.chance(0.6) { 'W' } else { 'R' }
        );
        if r.chance(0.2) {
            let _ = writeln!(
                out,
                "                  ------------------{:06X}  {:02}{:02}{:02}Z /{:02}",
                r.below(1 << 24),
                self.created.day,
                self.created.hour,
                self.created.minute,
                r.below(100)
            );
        }
        out.push_str("   \n");
    }

    /// A random addressee (route, name): another post or an agency.
    fn addressee(&self, r: &mut Rng, posts: &[PostInfo]) -> (String, String) {
        if r.chance(0.35) {
            let (a, b) = *r.pick(data::AGENCIES);
            (a.to_string(), b.to_string())
        } else {
            let p = &posts[r.below(posts.len())];
            if p.post.kind == PostKind::State || p.post.route == self.post.post.route {
                // SECSTATE is the TO of post cables; a post does not address itself.
                let (a, b) = *r.pick(data::AGENCIES);
                (a.to_string(), b.to_string())
            } else {
                (p.post.route.to_string(), p.from.clone())
            }
        }
    }

    fn recipient(
        &self,
        r: &mut Rng,
        routes: bool,
        route: String,
        name: String,
        prec_word: Option<&str>,
        mcn: &mut u32,
    ) -> RecipientFact {
        // §3.8 line forms (route forms when the header has routes).
        let with_route = routes && !(name.ends_with("COLLECTIVE") && r.chance(0.1));
        let form = r.weighted(&[249, 247, 228, 200]);
        let (prec, num) = match form {
            0 => (true, true),
            1 => (false, false),
            2 => (true, false),
            _ => (false, true),
        };
        let precedence = if prec {
            Some(
                if r.chance(0.001) {
                    "NIACT IMMEDIATE"
                } else {
                    prec_word.unwrap_or("PRIORITY")
                }
                .to_string(),
            )
        } else {
            None
        };
        let mcn_s = if num {
            *mcn = (*mcn + r.range(1, 30) as u32) % 10_000;
            Some(format!("{:04}", *mcn))
        } else {
            None
        };
        RecipientFact {
            route: with_route.then_some(route),
            name,
            precedence,
            mcn: mcn_s,
        }
    }

    // ------------------------------------------------------------------ body

    fn body(&self, r: &mut Rng, posts: &[PostInfo], out: &mut String, f: &mut CableFacts) {
        let c = self.created;
        // §5.1 date line.
        if c.year >= 2004 && r.chance(0.092) {
            let _ = write!(
                out,
                "{}, {:02} {} {}, {:02}:{:02}",
                data::WEEKDAYS[c.weekday()],
                c.day,
                data::MONTHS[(c.month - 1) as usize],
                c.year,
                c.hour,
                c.minute
            );
            if r.chance(0.02) {
                out.push(' ');
            }
            out.push('\n');
            f.date_line = true;
        }
        // Everything after the banner goes to `rest`; the banner needs the section count,
        // which depends on the final size.
        let mut rest = String::with_capacity(self.body_target + 4096);
        self.preamble(r, posts, &mut rest, f);
        let main_start = rest.len();
        if self.body_target == 0 {
            // §5.11: a body cut off after the preamble.
            while rest.ends_with('\n') || rest.ends_with(' ') {
                rest.pop();
            }
            rest.push_str(" ...");
            f.truncated = true;
        } else {
            self.main_text(r, &mut rest, f);
        }
        // Banner (§5.2).
        let sectioned = !f.truncated && r.chance(0.72);
        let section_size = r.range(4000, 5500);
        let pages = if sectioned {
            rest.len().div_ceil(section_size).clamp(1, 11) as u32
        } else {
            1
        };
        let banner_absent = r.chance(0.004);
        if banner_absent {
            out.push_str("SIPDIS\n\n");
        } else {
            let banner = self.banner(r, pages);
            out.push_str(&banner);
            out.push('\n');
            f.banner = Some(banner.trim_end().to_string());
            if pages > 1 {
                f.section_total = Some(pages);
            }
        }
        // Page breaks (§5.15).
        if pages > 1 && r.chance(0.85) {
            self.insert_page_breaks(r, &rest, main_start, pages, out, f);
        } else {
            out.push_str(&rest);
        }
    }

    fn banner(&self, r: &mut Rng, pages: u32) -> String {
        let lower = self.case == Case::Lower;
        let word = match self.class {
            Class::Unclassified | Class::Fouo => match r.weighted(&[97, 2, 1]) {
                0 => "UNCLAS",
                1 => "UNCLASSIFIED",
                _ => "UUNCLAS",
            },
            Class::Confidential | Class::ConfidentialNoforn => {
                if lower {
                    "C o n f i d e n t i a l"
                } else {
                    match r.weighted(&[671, 5, 2, 2, 1]) {
                        0 => "C O N F I D E N T I A L",
                        1 => "CONFIDENTIAL",
                        2 => "CO N F I D E N T I A L",
                        3 => "CC O N F I D E N T I A L",
                        _ => "O N F I D E N T I A L",
                    }
                }
            }
            Class::Secret | Class::SecretNoforn => {
                if lower {
                    "S e c r e t"
                } else {
                    match r.weighted(&[479, 4, 6, 2, 2, 1]) {
                        0 => "S E C R E T",
                        1 => "SECRET",
                        2 => "SS E C R E T",
                        3 => "SE C R E T",
                        4 => "E C R E T",
                        _ => "CSE C R E T",
                    }
                }
            }
        };
        let mut s = String::with_capacity(80);
        s.push_str(word);
        s.push(' ');
        if pages > 1 {
            if lower {
                let _ = write!(s, "section 01 of {pages:02} ");
            } else if r.chance(0.012) {
                let _ = write!(s, "SECTION 01 of {pages:02} ");
            } else {
                let _ = write!(s, "SECTION 01 OF {pages:02} ");
            }
        }
        if lower {
            s.push_str(&self.post.post.name.to_lowercase());
        } else {
            s.push_str(self.post.post.name);
        }
        let digits = if self.created.year < 2000 && r.chance(0.5) {
            5
        } else {
            6
        };
        let _ = write!(s, " {:0width$}", self.serial, width = digits);
        if r.chance(0.75) {
            s.push(' ');
        }
        s
    }

    fn insert_page_breaks(
        &self,
        r: &mut Rng,
        rest: &str,
        main_start: usize,
        pages: u32,
        out: &mut String,
        f: &mut CableFacts,
    ) {
        let sub_pages = r.chance(0.25);
        let n_breaks = if sub_pages { 2 * pages - 1 } else { pages - 1 } as usize;
        let two_spaces = r.chance(0.2);
        let total = rest.len();
        let label = |k: usize| -> String {
            if sub_pages {
                if k % 2 == 1 {
                    format!("{:03}.2", k.div_ceil(2))
                } else {
                    format!("{:03}", k / 2 + 1)
                }
            } else {
                format!("{:03}", k + 1)
            }
        };
        let marker = |k: usize| -> String {
            format!(
                "{} {:08}{}{} OF {:03}",
                self.post.page,
                self.serial,
                if two_spaces { "  " } else { " " },
                label(k),
                pages
            )
        };
        let mut k = 1usize;
        let threshold = |k: usize| (total * k / (n_breaks + 1)).max(main_start + 1);
        let mut pos = 0usize;
        let mut lines = rest.split_inclusive('\n').peekable();
        while let Some(line) = lines.next() {
            let end = pos + line.len();
            let last = lines.peek().is_none();
            if k <= n_breaks && end > threshold(k) && !last && pos >= main_start {
                let t = threshold(k);
                // Embedded mid-line in long unwrapped lines (§5.15: 43 of 1,496).
                let content = line.trim_end_matches('\n');
                if !self.wrapped && content.len() > 300 && r.chance(0.3) {
                    let want = t.saturating_sub(pos).clamp(40, content.len() - 40);
                    if let Some(sp) = content.as_bytes()[want..].iter().position(|&b| b == b' ') {
                        let sp = want + sp;
                        if sp + 2 < content.len() {
                            out.push_str(&content[..sp]);
                            out.push(' ');
                            out.push_str(&marker(k));
                            out.push(' ');
                            out.push_str(&content[sp + 1..]);
                            out.push_str(&line[content.len()..]);
                            f.page_breaks += 1;
                            f.embedded_page_breaks += 1;
                            k += 1;
                            pos = end;
                            continue;
                        }
                    }
                }
                out.push_str(line);
                while k <= n_breaks && end > threshold(k) {
                    let m = marker(k);
                    if r.chance(0.6) {
                        out.push_str(self.blank);
                        out.push('\n');
                        out.push_str(&m);
                        out.push_str("\n\n");
                    } else {
                        out.push_str(&m);
                        out.push('\n');
                    }
                    f.page_breaks += 1;
                    k += 1;
                }
            } else {
                out.push_str(line);
            }
            pos = end;
        }
    }

    /// Preamble after the banner: caveats … Classified By.
    fn preamble(&self, r: &mut Rng, posts: &[PostInfo], out: &mut String, f: &mut CableFacts) {
        let lower = self.case == Case::Lower;
        let t = if self.trail { " " } else { "" };
        self.blank_line(out);
        // §5.3 caveats.
        if r.chance(0.016) {
            let reason = r.pick(&["(ADDED TAGS)", "(CHANGED CLASSIFICATION)", "(CAPTION)"]);
            let line = format!("C O R R E C T E D C O P Y {reason}");
            let _ = writeln!(out, "{line}{t}");
            self.blank_line(out);
            f.caveats.push(line);
        }
        let mut cav: Vec<&str> = Vec::new();
        let sipdis = if lower { "Sipdis" } else { "SIPDIS" };
        let n_sipdis = if r.chance(0.06) {
            0
        } else {
            *r.pick_weighted(&[(944, 1), (267, 2), (3, 3)])
        };
        if n_sipdis > 0 {
            cav.push(sipdis);
        }
        if self.class.is_noforn() && r.chance(0.97) {
            cav.push(if lower { "Noforn" } else { "NOFORN" });
        }
        if self.class == Class::Fouo && r.chance(0.97) {
            cav.push(*r.pick_weighted(&[
                (84, "SENSITIVE"),
                (8, "SENSITIVE BUT UNCLASSIFIED"),
                (8, "SENSITIVE BUT UNCLASSIFIED -- HANDLE ACCORDINGLY"),
            ]));
        }
        for _ in 1..n_sipdis {
            cav.push(sipdis);
        }
        let spaced = r.chance(0.5);
        for (i, cv) in cav.iter().enumerate() {
            let _ = writeln!(out, "{cv}{t}");
            f.caveats.push((*cv).to_string());
            if spaced || i + 1 == cav.len() {
                self.blank_line(out);
            }
        }
        // §5.4 distribution / pass lines.
        if r.chance(0.456) {
            let n = *r.pick_weighted(&[(60, 1usize), (25, 2), (15, 3)]);
            for i in 0..n {
                let line = if i > 0 && r.chance(0.3) {
                    (*r.pick(data::PASS_CONT)).to_string()
                } else if r.chance(0.12) {
                    let a = &posts[r.below(posts.len())];
                    let b = &posts[r.below(posts.len())];
                    format!("AMEMBASSY {} PASS TO AMCONSUL {}", a.post.name, b.post.name)
                } else {
                    (*r.pick(data::PASS_LINES)).to_string()
                };
                let _ = writeln!(out, "{line}{t}");
                f.pass_lines.push(line);
            }
            self.blank_line(out);
        }
        // §5.5 E.O. line.
        let tags = self.draw_tags(r);
        let eo = self.eo_line(r, f);
        let inline_tags = r.chance(0.008);
        out.push_str(&eo);
        if inline_tags {
            out.push(' ');
        } else {
            out.push_str(t);
            out.push('\n');
        }
        // §5.6 TAGS.
        self.tags_line(r, &tags, out, f);
        // §5.7 SUBJECT.
        self.subject(r, out, f);
        self.blank_line(out);
        // §5.8 REF.
        let mut ref_after_cls = false;
        if r.chance(0.557) {
            if r.chance(0.006) {
                ref_after_cls = true;
            } else {
                self.refs(r, posts, out, f);
                self.blank_line(out);
            }
        }
        // §5.9 Classified By.
        if self.class.is_classified() && r.chance(0.975) {
            if r.chance(0.01) {
                out.push_str("DERIVED FROM: DSCG 05-1 B, D");
                out.push('\n');
            } else {
                self.classified_by(r, out, f);
            }
            self.blank_line(out);
        }
        if ref_after_cls {
            self.refs(r, posts, out, f);
            self.blank_line(out);
        }
    }

    fn blank_line(&self, out: &mut String) {
        out.push_str(self.blank);
        out.push('\n');
    }

    fn eo_line(&self, r: &mut Rng, f: &mut CableFacts) -> String {
        let c = self.created;
        let lower = self.case == Case::Lower;
        let label = if lower {
            "E.o. 12958:"
        } else if c.year <= 1979 && c.year > 1975 {
            "E.O. 12065:"
        } else if c.year < 1995 && c.year > 1980 {
            "E.O. 12356:"
        } else {
            *r.pick_weighted(&[
                (866, "E.O. 12958:"),
                (387, "EO 12958"),
                (13, "E.O. 12958"),
                (3, "E.O. 12598"),
                (1, "E.0. 12958:"),
                (1, "E.O 12958:"),
            ])
        };
        let decl = if lower { "decl:" } else { "DECL:" };
        let (dy, dm, dd) = {
            let y = c.year + 10;
            let d = c.day.min(days_in_month(y, c.month));
            (y, c.month, d)
        };
        let iso = format!("{dy}-{dm:02}-{dd:02}");
        let unclassified = !self.class.is_classified();
        let form = if unclassified && r.chance(0.85) {
            1
        } else {
            // The `YYYY/MM/DD` form belongs to 2009–10 (§5.5), `OADR` to old cables.
            let new_format = if c.year >= 2009 { 63 } else { 0 };
            let oadr = if c.year < 1995 { 30 } else { 0 };
            r.weighted(&[1053, 0, new_format, 29, 9, 7, 5, 4, oadr])
        };
        let tail = match form {
            0 => {
                f.declassify_on = Some(iso);
                format!("{decl} {dm:02}/{dd:02}/{dy}")
            }
            1 => (*r.pick(&["N/A", "N/A", "N/A", "n/a", ":N/A"])).to_string(),
            2 => {
                f.declassify_on = Some(iso);
                format!("{decl} {dy}/{dm:02}/{dd:02}")
            }
            3 => {
                f.declassify_on = Some(iso);
                let sp = if r.chance(0.5) { "  " } else { " " };
                format!("{decl}{sp}{dm}/{dd}/{dy}")
            }
            4 => format!(
                "{decl} {}",
                r.pick(&[
                    "TEN YEARS AFTER THE TREATY ENTERS INTO FORCE",
                    "CLOSURE OF THE TRIBUNAL",
                    "MR"
                ])
            ),
            5 => {
                f.declassify_on = Some(iso);
                format!("{decl} {dm:02}/{dd:02}/{:02}", dy % 100)
            }
            6 => {
                f.declassify_on = Some(iso);
                format!("{dm:02}/{dd:02}/{dy}")
            }
            7 => format!("DNG: CO {dm:02}/{dd:02}/{dy}"),
            _ => format!("{decl}OADR"),
        };
        if tail.starts_with(':') || tail.starts_with("DECL:O") {
            format!("{label}{tail}")
        } else {
            format!("{label} {tail}")
        }
    }

    fn draw_tags(&self, r: &mut Rng) -> Vec<String> {
        let n = *r.pick_weighted(&[
            (20, 1usize),
            (80, 2),
            (164, 3),
            (224, 4),
            (255, 5),
            (189, 6),
            (156, 7),
            (90, 8),
            (50, 9),
            (30, 10),
            (15, 12),
            (5, 15),
        ]);
        let mut tags: Vec<String> = Vec::with_capacity(n);
        let country = self.post.post.country;
        let mut tries = 0;
        while tags.len() + 1 < n && tries < 200 {
            tries += 1;
            let t = if r.chance(0.2) {
                *r.pick_weighted(data::COUNTRY_TAGS)
            } else {
                *r.pick_weighted(data::TOPIC_TAGS)
            };
            if t != country && !tags.iter().any(|x| x == t) {
                tags.push(t.to_string());
            }
        }
        tags.push(country.to_string());
        if r.chance(0.01) {
            let at = r.below(tags.len());
            tags.insert(at, (*r.pick(data::FREE_TAGS)).to_string());
        }
        tags
    }

    fn tags_line(&self, r: &mut Rng, tags: &[String], out: &mut String, f: &mut CableFacts) {
        let lower = self.case == Case::Lower;
        let t = if self.trail { " " } else { "" };
        // §5.6 label predicts the separator.
        let (label, sep) = if lower {
            ("Tags:", ", ")
        } else {
            *r.pick_weighted(&[
                (869, ("TAGS:", " ")),
                (400, ("TAGS", ", ")),
                (2, ("TAG", ", ")),
                (2, ("TAG:", ", ")),
                (1, ("TAGS", ";")),
            ])
        };
        let mut toks: Vec<String> = tags
            .iter()
            .map(|x| if lower { x.to_lowercase() } else { x.clone() })
            .collect();
        if sep == ", " && !lower && r.chance(0.02) {
            let who = format!(
                "OVIP ({}, {})",
                r.pick(data::FAMILY).to_uppercase(),
                r.pick(data::GIVEN).to_uppercase()
            );
            toks.retain(|x| x != "OVIP");
            toks.insert(0, who);
        }
        if sep == " " {
            // Space-separated lists cannot hold multi-word tags unambiguously.
            toks.retain(|x| !x.contains(' '));
        }
        let cont = toks.len() >= 4 && r.chance(0.045);
        let split = if cont {
            toks.len() - r.range(1, 3)
        } else {
            toks.len()
        };
        out.push_str(label);
        out.push(' ');
        for (i, tok) in toks.iter().enumerate() {
            if i == split {
                if sep == " " {
                    out.push_str(t);
                    out.push('\n');
                } else {
                    out.push_str(sep.trim_end());
                    out.push('\n');
                }
            } else if i > 0 {
                out.push_str(sep);
            }
            out.push_str(tok);
        }
        out.push_str(t);
        out.push('\n');
        f.tags = toks;
    }

    fn subject(&self, r: &mut Rng, out: &mut String, f: &mut CableFacts) {
        let lower = self.case == Case::Lower;
        let label = if lower {
            "Subject:"
        } else {
            *r.pick_weighted(&[(1272, "SUBJECT:"), (10, "Subject:"), (1, "SUBJ:")])
        };
        let mark = if r.chance(0.05) {
            Some(if self.class.is_classified() {
                r.pick_weighted(self.class.marks()).to_string()
            } else {
                "(U)".to_string()
            })
        } else {
            None
        };
        let country = title_case(self.post.post.name).to_uppercase();
        let mut text = String::with_capacity(160);
        if self.post.post.kind != PostKind::State && r.chance(0.5) {
            text.push_str(&country);
            text.push_str(": ");
        }
        text.push_str(r.pick_str(data::SUBJECT_TOPICS));
        if r.chance(0.6) {
            text.push_str(", ");
            text.push_str(&r.pick(data::PHRASES).to_uppercase());
        }
        let mixed = !lower && r.chance(0.055);
        if lower {
            text = text.to_lowercase();
        } else if mixed {
            text = sentence_case_title(&text);
        }
        let mark_s = mark.as_deref().map(|m| {
            if lower {
                m.to_lowercase()
            } else {
                m.to_string()
            }
        });
        let mut first = String::with_capacity(text.len() + 20);
        first.push_str(label);
        first.push_str(if r.chance(0.01) { "  " } else { " " });
        if let Some(m) = &mark_s {
            first.push_str(m);
            first.push(' ');
        }
        // Subjects are wrapped in both regimes (§5.7: 2 lines in 740 of 1,284).
        let width = if self.wrapped {
            self.width
        } else {
            r.range(55, 70)
        };
        push_wrapped(out, &first, &text, width, self.trail && r.chance(0.5));
        f.subject = Some(text);
        f.subject_marking = mark_s;
    }

    fn refs(&self, r: &mut Rng, posts: &[PostInfo], out: &mut String, f: &mut CableFacts) {
        let lower = self.case == Case::Lower;
        let label = if lower {
            "Ref:"
        } else {
            *r.pick_weighted(&[(697, "REF:"), (16, "Ref:"), (5, "REFS:"), (1, "REFTEL:")])
        };
        let n = *r.pick_weighted(&[(319, 1usize), (173, 2), (89, 3), (50, 4), (30, 5), (26, 7)]);
        // List style (§5.8).
        #[derive(Clone, Copy, PartialEq)]
        enum Style {
            Dot,
            Paren,
            BothParen,
            Semi,
            And,
            LowerDot,
            Double,
        }
        let style = if n == 1 {
            if r.chance(0.9) {
                None
            } else {
                Some(Style::Dot)
            }
        } else {
            Some(*r.pick_weighted(&[
                (302, Style::Dot),
                (39, Style::Paren),
                (27, Style::BothParen),
                (26, Style::Semi),
                (20, Style::And),
                (3, Style::LowerDot),
                (40, Style::Double),
            ]))
        };
        let indent = if r.chance(0.15) { "     " } else { "" };
        let blank_between = r.chance(0.05);
        let one_line = r.chance(0.05);
        out.push_str(label);
        out.push(' ');
        for i in 0..n {
            let (text, canonical) = self.ref_item(r, posts);
            let letter_ch = (b'A' + (i as u8 % 26)) as char;
            let (prefix, letter) = match style {
                None => (String::new(), None),
                Some(Style::Dot) => (format!("{letter_ch}. "), Some(letter_ch.to_string())),
                Some(Style::Paren) => (format!("{letter_ch}) "), Some(letter_ch.to_string())),
                Some(Style::BothParen) => (format!("({letter_ch}) "), Some(letter_ch.to_string())),
                Some(Style::LowerDot) => {
                    let l = letter_ch.to_ascii_lowercase();
                    (format!("{l}. "), Some(l.to_string()))
                }
                Some(Style::Double) => {
                    // WikiLeaks prepended `A.` to lists that already had letters.
                    let inner = match i % 3 {
                        0 => format!("{letter_ch})"),
                        1 => format!("({letter_ch})"),
                        _ => format!("{letter_ch}."),
                    };
                    (
                        format!("{letter_ch}. {inner} "),
                        Some(letter_ch.to_string()),
                    )
                }
                Some(Style::Semi) | Some(Style::And) => (String::new(), None),
            };
            let shown = if lower {
                text.to_lowercase()
            } else {
                text.clone()
            };
            if i > 0 {
                match style {
                    Some(Style::Semi) => out.push_str("; "),
                    Some(Style::And) => out.push_str(if i + 1 == n { " AND " } else { ", " }),
                    None => {}
                    _ if one_line => out.push(' '),
                    _ => {
                        out.push('\n');
                        if blank_between {
                            self.blank_line(out);
                        }
                        out.push_str(indent);
                    }
                }
            }
            out.push_str(&prefix);
            out.push_str(&shown);
            if canonical.is_some() && r.chance(0.03) {
                out.push_str(" (NOTAL)");
            }
            f.references.push(ReferenceFact {
                letter,
                text: shown,
                canonical,
            });
        }
        if r.chance(0.03) {
            out.push_str(if lower {
                " and previous"
            } else {
                " AND PREVIOUS"
            });
        }
        if self.trail {
            out.push(' ');
        }
        out.push('\n');
    }

    /// One REF item: (text, canonical id).
    fn ref_item(&self, r: &mut Rng, posts: &[PostInfo]) -> (String, Option<String>) {
        let yy = self.created.year % 100;
        if r.chance(0.13) {
            // Non-cable references (invented).
            let m = data::MONTHS[r.below(12)].to_uppercase();
            let text = match r.below(5) {
                0 => format!(
                    "EMBASSY {} E-MAIL TO EUR/WE OF {m} {}",
                    self.post.post.name,
                    r.range(1, 28)
                ),
                1 => format!(
                    "{:02}/{:02}/{:02} {} POINTS",
                    r.range(1, 12),
                    r.range(1, 28),
                    yy,
                    self.post.post.name
                ),
                2 => format!(
                    "SECDEF MSG DTG {:02}{:02}{:02}Z {} {:02}",
                    r.range(1, 28),
                    r.range(0, 23),
                    r.range(0, 59),
                    data::MON3[r.below(12)],
                    yy
                ),
                3 => format!(
                    "{}-{} TELCON {}/{}",
                    r.pick(data::FAMILY).to_uppercase(),
                    r.pick(data::FAMILY).to_uppercase(),
                    r.range(1, 12),
                    r.range(1, 28)
                ),
                _ => format!("{m} {} MEMCON", r.range(1, 28)),
            };
            return (text, None);
        }
        // Cable references: same post half the time; plain posts only (their refid
        // origin is the name without spaces).
        let p = if r.chance(0.5) && self.post.is_plain() {
            self.post
        } else {
            loop {
                let p = &posts[r.below(posts.len())];
                if p.is_plain() {
                    break p;
                }
            }
        };
        let state = p.post.kind == PostKind::State;
        let serial = if state {
            r.range(1_000, 350_000)
        } else {
            r.range(1, 9_999)
        };
        let back = if r.chance(0.8) {
            0
        } else {
            r.range(1, 2) as u32
        };
        let year = self.created.year.saturating_sub(back).max(1966);
        let name = if state && r.chance(0.06) {
            "SECSTATE"
        } else {
            p.post.name
        };
        let form = r.weighted(&[1179, 253, 76, 38]);
        let text = match form {
            0 if back == 0 => format!("{name} {serial}"),
            0 | 1 => format!("{:02} {name} {serial}", year % 100),
            2 => format!("{year} {name} {serial}"),
            _ if back == 0 => format!("{name} {serial:06}"),
            _ => format!("{:02} {name} {serial:06}", year % 100),
        };
        let canonical = format!("{:02}{}{}", year % 100, p.refid, serial);
        (text, Some(canonical))
    }

    fn classified_by(&self, r: &mut Rng, out: &mut String, f: &mut CableFacts) {
        let label = *r.pick_weighted(&[
            (1029, "Classified By:"),
            (94, "CLASSIFIED BY:"),
            (20, "Classified by"),
            (11, "CLASSIFIED BY"),
            (3, "Classified by:"),
            (5, "(U) Classified by"),
        ]);
        let title = *r.pick(data::TITLES);
        let name = format!(
            "{} {}. {}",
            r.pick(data::GIVEN),
            (b'A' + r.below(26) as u8) as char,
            r.pick(data::FAMILY)
        );
        let code = if r.chance(0.035) { "1.5" } else { "1.4" };
        let letters: &[&str] = r.pick_weighted::<&[&str]>(&[
            (965, &["b", "d"][..]),
            (54, &["d"][..]),
            (27, &["a", "b", "d"][..]),
            (22, &["b", "c", "d"][..]),
            (20, &["c"][..]),
        ]);
        let upper = label.starts_with("CLASSIFIED") || self.case == Case::Upper;
        let l = |s: &str| {
            if upper {
                s.to_uppercase()
            } else {
                s.to_string()
            }
        };
        let syntax = r.weighted(&[517, 124, 74, 59, 46, 44, 31, 21]);
        let letters_text = if letters.len() == 1 {
            format!("({})", l(letters[0]))
        } else {
            let ls: Vec<String> = letters.iter().map(|x| l(x)).collect();
            let and = l("and");
            let last = ls.len() - 1;
            let head = ls[..last].to_vec();
            match syntax {
                0 => format!(
                    "{} {and} ({})",
                    head.iter()
                        .map(|x| format!("({x})"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    ls[last]
                ),
                1 => ls
                    .iter()
                    .map(|x| format!("({x})"))
                    .collect::<Vec<_>>()
                    .join(", "),
                2 => format!("({})", ls.join(",")),
                3 => format!("({})", ls.join("/")),
                4 => format!("{} {and} {}", head.join(", "), ls[last]),
                5 => ls.iter().map(|x| format!("({x})")).collect::<String>(),
                6 => format!("({} {and} {})", head.join(", "), ls[last]),
                _ => format!(
                    "{} & ({})",
                    head.iter()
                        .map(|x| format!("({x})"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    ls[last]
                ),
            }
        };
        let form = r.weighted(&[598, 306, 122, 62, 57, 12]);
        let (who, text) = match form {
            0 => (
                name.clone(),
                format!("{title} {name} {} {code} {letters_text}.", l("for reasons")),
            ),
            1 => (
                name.clone(),
                format!("{title} {name}, {} {code} {letters_text}", l("reasons")),
            ),
            2 => (
                name.clone(),
                format!("{title} {name}. {}: {code} {letters_text}", l("Reason")),
            ),
            3 => (
                name.clone(),
                format!(
                    "{name}, {title}, {}; REASON: {code}{}",
                    self.post.from.split(' ').next().unwrap_or("AMEMBASSY"),
                    // The SMART form spells the letters `(B), (D)` (§5.9).
                    letters
                        .iter()
                        .map(|x| format!("({})", x.to_uppercase()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            4 => (
                name.clone(),
                format!("{title} {name} {} {code} {letters_text}", l("per")),
            ),
            _ => (String::new(), l("Derived from Multiple Sources")),
        };
        let text = if upper { text.to_uppercase() } else { text };
        let width = if self.wrapped { self.width } else { usize::MAX };
        push_wrapped(out, label, &text, width, self.trail && r.chance(0.3));
        if !who.is_empty() {
            f.classified_by = Some(if upper { who.to_uppercase() } else { who });
            f.reasons = letters.iter().map(|x| format!("{code}({x})")).collect();
        }
    }

    // ------------------------------------------------------------------ main text

    fn main_text(&self, r: &mut Rng, out: &mut String, f: &mut CableFacts) {
        // The drawn size is the whole body's: count the preamble already written, and stop
        // a little early for the last paragraph's overshoot and the tail.
        let start = 0;
        let target = if self.single_line {
            self.body_target
        } else {
            self.body_target.saturating_sub(350).max(out.len() + 100)
        };
        let style = if self.class.is_classified() {
            r.weighted(&[850, 85, 10, 16, 8])
        } else {
            r.weighted(&[700, 85, 150, 16, 8])
        };
        let headings = r.chance(0.6) && !self.single_line;
        let heading_style = r.weighted(&[2712, 1114, 340, 134, 108, 51, 4, 47, 158]);
        let summary = if self.single_line {
            0
        } else {
            r.weighted(&[560, 160, 280])
        };
        let comment = r.chance(0.3) && !self.single_line;
        let mut number = 1u32;
        let mut first = true;
        let mut para = String::with_capacity(2048);
        if summary == 1 {
            self.heading(r, out, heading_style, "Summary", f);
            f.summary = true;
        }
        loop {
            let written = out.len() - start;
            if !first && written >= target {
                break;
            }
            if self.single_line && !first {
                break;
            }
            let remaining = target.saturating_sub(written);
            if !first && headings && r.chance(0.18) {
                let h = *r.pick(data::HEADINGS);
                self.heading(r, out, heading_style, h, f);
            }
            // Paragraph size: log-normal around 700 bytes, up to 16 KB on one line.
            let size = if self.single_line {
                target
            } else {
                (r.lognormal(700.0, 0.75) as usize)
                    .clamp(80, 16_000)
                    .min(remaining.max(120))
            };
            para.clear();
            if first && summary == 0 {
                para.push_str(r.pick_str(&["Summary:", "Summary.", "SUMMARY:"]));
                para.push(' ');
                f.summary = true;
            }
            let last_para = !first && written + size >= target;
            let is_comment = comment && last_para;
            if is_comment {
                para.push_str(r.pick_str(&["Comment:", "COMMENT:", "Comment."]));
                para.push(' ');
                f.comment = true;
            }
            self.prose(r, &mut para, size, f);
            if first && summary == 0 {
                para.push(' ');
                para.push_str(r.pick_str(&["End Summary.", "END SUMMARY.", "End summary."]));
            }
            if is_comment {
                para.push(' ');
                para.push_str(r.pick_str(&["End Comment.", "END COMMENT.", "End comment."]));
            }
            // Numbering: mostly 1..n, sometimes gaps or repeats (§5.11).
            if !first && r.chance(0.01) {
                number += 1;
            } else if !first && r.chance(0.005) {
                number = number.saturating_sub(1).max(1);
            }
            let mark = r.pick_weighted(self.class.marks()).to_string();
            let mark = if self.case == Case::Lower {
                mark.to_lowercase()
            } else {
                mark
            };
            let prefix = match style {
                0 => format!("{number}. {mark} "),
                1 => format!("{number}.  {mark} "),
                2 => format!("{number}. "),
                3 => format!("{number}.{mark} "),
                _ => format!("{number}) "),
            };
            f.paragraph_numbers.push(number);
            number += 1;
            self.emit_para(out, &prefix, &para);
            // Sub-bullets and lettered items belong to the paragraph.
            if !self.single_line && r.chance(0.12) {
                for _ in 0..r.range(2, 5) {
                    para.clear();
                    let n = r.range(60, 260);
                    self.prose(r, &mut para, n, f);
                    self.emit_para(out, "-- ", &para);
                }
            } else if !self.single_line && r.chance(0.02) {
                self.blank_line(out);
                for i in 0..r.range(2, 4) {
                    para.clear();
                    let n = r.range(60, 200);
                    self.prose(r, &mut para, n, f);
                    let pre = format!("{}. ", (b'A' + i as u8) as char);
                    self.emit_para(out, &pre, &para);
                }
            }
            self.blank_line(out);
            first = false;
        }
        self.tail(r, out, f);
    }

    fn heading(&self, r: &mut Rng, out: &mut String, style: usize, text: &str, f: &mut CableFacts) {
        let text = if self.case == Case::Upper || r.chance(0.3) {
            text.to_uppercase()
        } else {
            text.to_string()
        };
        let n = text.len() + if r.chance(0.3) { r.range(1, 8) } else { 0 };
        let dashes = "-".repeat(n);
        let rule = match style {
            0 | 1 => dashes,
            2 | 3 => "--------------------------------------------- ----".to_string(),
            4 | 5 => "- ".repeat(n / 2).trim_end().to_string(),
            6 => "=".repeat(n),
            _ => dashes,
        };
        match style {
            1 | 3 | 5 => {
                let _ = writeln!(out, "{rule}\n{text}\n{rule}");
            }
            7 => {
                let _ = writeln!(out, "{text} {rule}");
            }
            8 => {
                let _ = writeln!(out, "//{}//", text.to_uppercase());
            }
            _ => {
                let _ = writeln!(out, "{text}\n{rule}");
            }
        }
        self.blank_line(out);
        f.headings += 1;
    }

    fn emit_para(&self, out: &mut String, prefix: &str, text: &str) {
        if self.wrapped {
            push_wrapped(out, prefix, text, self.width, self.trail);
        } else {
            out.push_str(prefix);
            out.push_str(text);
            out.push('\n');
        }
    }

    /// Append invented prose of about `size` bytes (no newline) to `out`.
    fn prose(&self, r: &mut Rng, out: &mut String, size: usize, f: &mut CableFacts) {
        let start = out.len();
        let mut sentence = String::with_capacity(256);
        while out.len() - start < size {
            sentence.clear();
            self.sentence(r, &mut sentence, f);
            match self.case {
                Case::Upper => sentence.make_ascii_uppercase(),
                Case::Lower => sentence.make_ascii_lowercase(),
                Case::Mixed => {}
            }
            if out.len() > start {
                out.push_str(if r.chance(0.15) { "  " } else { " " });
            }
            out.push_str(&sentence);
        }
    }

    fn sentence(&self, r: &mut Rng, s: &mut String, f: &mut CableFacts) {
        let subj = |r: &mut Rng, s: &mut String, f: &mut CableFacts, this: &Self| {
            if this.redact > 0.0 && r.chance(this.redact) {
                let tok = r.pick_weighted(data::REDACTIONS);
                s.push_str(tok);
                f.redactions += 1;
                if r.chance(0.1) {
                    s.push_str(this.possessive());
                    s.push_str(" office");
                }
            } else if r.chance(0.15) {
                s.push_str(r.pick_str(data::TITLES));
                s.push(' ');
                s.push_str(r.pick_str(data::FAMILY));
            } else if r.chance(0.1) {
                s.push_str(r.pick_str(data::FAMILY));
                s.push_str(this.possessive());
                s.push_str(" party");
            } else {
                s.push_str(r.pick_str(data::SUBJECTS));
            }
        };
        let start = s.len();
        match r.weighted(&[40, 25, 15, 10, 10]) {
            0 => {
                subj(r, s, f, self);
                s.push(' ');
                s.push_str(r.pick_str(data::SAYING));
                s.push_str(" that ");
                subj(r, s, f, self);
                s.push(' ');
                s.push_str(r.pick_str(data::MODALS));
                s.push(' ');
                s.push_str(r.pick_str(data::VERBS));
                s.push(' ');
                self.object(r, s);
            }
            1 => {
                s.push_str(r.pick_str(data::OPENERS));
                s.push(' ');
                subj(r, s, f, self);
                s.push(' ');
                s.push_str(r.pick_str(data::MODALS));
                s.push(' ');
                s.push_str(r.pick_str(data::VERBS));
                s.push(' ');
                self.object(r, s);
                s.push(' ');
                s.push_str(r.pick_str(data::PHRASES));
            }
            2 => {
                subj(r, s, f, self);
                s.push(' ');
                s.push_str(r.pick_str(data::MODALS));
                s.push(' ');
                s.push_str(r.pick_str(data::VERBS));
                s.push(' ');
                self.object(r, s);
                if r.chance(0.3) {
                    // ` ) ` used as a dash (§5.18).
                    s.push_str(if r.chance(0.2) { " ) " } else { " -- " });
                    s.push_str("and ");
                    s.push_str(r.pick_str(data::OBJECTS));
                    s.push_str(" as well");
                }
            }
            3 => {
                let _ = write!(s, "On {} {}, ", data::MONTHS[r.below(12)], r.range(1, 28));
                subj(r, s, f, self);
                s.push(' ');
                s.push_str(r.pick_str(data::SAYING));
                s.push(' ');
                self.quote(r, s);
            }
            _ => {
                s.push_str("According to ");
                subj(r, s, f, self);
                s.push_str(", ");
                s.push_str(r.pick_str(data::OBJECTS));
                s.push_str(" remains ");
                s.push_str(r.pick_str(&[
                    "uncertain",
                    "on track",
                    "stalled",
                    "popular",
                    "contested",
                ]));
                s.push(' ');
                s.push_str(r.pick_str(data::PHRASES));
            }
        }
        // Capitalise the first letter.
        if let Some(b) = s.as_bytes().get(start) {
            if b.is_ascii_lowercase() && !s[start..].starts_with("xxxxx") {
                let up = (b - 32) as char;
                s.replace_range(start..start + 1, up.encode_utf8(&mut [0; 4]));
            }
        }
        s.push('.');
        if r.chance(0.005) {
            s.push_str(" (Note: ");
            s.push_str(r.pick_str(data::OBJECTS));
            s.push_str(" was not discussed. End note.)");
        }
    }

    fn possessive(&self) -> &'static str {
        match self.apostrophe {
            Apostrophe::Ascii => "'s",
            Apostrophe::Curly => "\u{2019}s",
            Apostrophe::Comma => ",s",
        }
    }

    fn object(&self, r: &mut Rng, s: &mut String) {
        if r.chance(0.08) {
            let (open, close) = self.quote_chars();
            s.push_str("the ");
            s.push_str(open);
            s.push_str(r.pick_str(&["new approach", "road map", "second phase", "grand bargain"]));
            s.push_str(close);
        } else {
            s.push_str(r.pick_str(data::OBJECTS));
        }
    }

    fn quote(&self, r: &mut Rng, s: &mut String) {
        let (open, close) = self.quote_chars();
        s.push_str(open);
        s.push_str("we ");
        s.push_str(r.pick_str(data::MODALS));
        s.push(' ');
        s.push_str(r.pick_str(data::VERBS));
        s.push(' ');
        s.push_str(r.pick_str(data::OBJECTS));
        s.push_str(", but not ");
        s.push_str(r.pick_str(data::PHRASES));
        s.push_str(close);
    }

    fn quote_chars(&self) -> (&'static str, &'static str) {
        match self.quotes {
            Quotes::Ascii => ("\"", "\""),
            Quotes::Curly => ("\u{201C}", "\u{201D}"),
            Quotes::Amp8 => ("&", "8"),
        }
    }

    /// Boilerplate and signature (§5.16).
    fn tail(&self, r: &mut Rng, out: &mut String, f: &mut CableFacts) {
        if r.chance(0.11) {
            out.push_str(r.pick_str(data::BOILERPLATE));
            out.push('\n');
            self.blank_line(out);
        }
        let surname = r.pick(data::FAMILY);
        let upper = surname.to_uppercase();
        let form = r.weighted(&[738, 212, 186, 22, 63, 16]);
        match form {
            1 if !self.wrapped && !out.is_empty() => {
                // Glued to the end of the last paragraph line.
                while out.ends_with('\n') || out.ends_with(' ') {
                    out.pop();
                }
                out.push(' ');
                out.push_str(&upper);
                out.push('\n');
                f.signer = Some(upper);
                f.signature_glued = true;
            }
            0 | 1 => {
                let _ = writeln!(out, "{upper}");
                f.signer = Some(upper);
            }
            2 => {
                let _ = writeln!(out, "{surname}");
                f.signer = Some((*surname).to_string());
            }
            3 => {
                let _ = writeln!(out, "{upper} JR");
                f.signer = Some(format!("{upper} JR"));
            }
            4 => {}
            _ => {
                let _ = writeln!(out, "{upper}");
                f.signer = Some(upper);
                if r.chance(0.5) {
                    out.push_str("\nNNNN\nEnd Cable Text\n");
                } else {
                    out.push_str("E DELEGATION WAS ASKED TO RETURN ON...\n");
                }
            }
        }
    }
}

fn sentence_case_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for ch in s.chars() {
        if start {
            out.push(ch);
        } else {
            out.extend(ch.to_lowercase());
        }
        start = ch == ' ' || ch == '-';
    }
    out
}

fn write_recipient(out: &mut String, rec: &RecipientFact, r: &mut Rng) {
    if let Some(route) = &rec.route {
        out.push_str(route);
        out.push('/');
    }
    out.push_str(&rec.name);
    if let Some(p) = &rec.precedence {
        out.push_str(if r.chance(0.002) { "  " } else { " " });
        out.push_str(p);
    }
    if let Some(m) = &rec.mcn {
        out.push(' ');
        out.push_str(m);
    }
    out.push('\n');
}

/// Greedy word wrap of `prefix` + `text` at `width` columns, appended to `out` with a final
/// newline. With `trail`, every line but the last gets a trailing space (as in real cables).
pub fn push_wrapped(out: &mut String, prefix: &str, text: &str, width: usize, trail: bool) {
    let mut line_start = out.len();
    out.push_str(prefix);
    let mut has_word = !prefix.trim().is_empty();
    for word in text.split(' ') {
        if word.is_empty() {
            continue;
        }
        let len = out.len() - line_start;
        if has_word && len + 1 + word.len() > width {
            while out.ends_with(' ') {
                out.pop();
            }
            if trail {
                out.push(' ');
            }
            out.push('\n');
            line_start = out.len();
        } else if has_word && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(word);
        has_word = true;
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn percentile(v: &mut [usize], p: f64) -> usize {
        v.sort_unstable();
        v[((v.len() - 1) as f64 * p) as usize]
    }

    #[test]
    fn deterministic() {
        let a: Vec<GeneratedCable> = Generator::new(11).take(50).collect();
        let b: Vec<GeneratedCable> = Generator::new(11).take(50).collect();
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.header, y.header);
            assert_eq!(x.body, y.body);
            assert_eq!(x.facts, y.facts);
        }
        let c = Generator::new(12).next_cable();
        assert_ne!(c.body, a[0].body);
    }

    #[test]
    fn sizes_in_range() {
        let cables: Vec<GeneratedCable> = Generator::new(3).take(1500).collect();
        let mut bodies: Vec<usize> = cables.iter().map(|c| c.body.len()).collect();
        let p50 = percentile(&mut bodies, 0.5);
        let p90 = percentile(&mut bodies, 0.9);
        let p99 = percentile(&mut bodies, 0.99);
        assert!((7_000..10_500).contains(&p50), "body p50 {p50}");
        assert!((13_000..22_000).contains(&p90), "body p90 {p90}");
        assert!((22_000..40_000).contains(&p99), "body p99 {p99}");
        let mut headers: Vec<usize> = cables.iter().map(|c| c.header.len()).collect();
        let h50 = percentile(&mut headers, 0.5);
        assert!((200..500).contains(&h50), "header p50 {h50}");
        let mut lines: Vec<usize> = cables
            .iter()
            .flat_map(|c| c.body.lines().map(str::len))
            .collect();
        let l50 = percentile(&mut lines, 0.5);
        assert!((45..70).contains(&l50), "line p50 {l50}");
        let wrapped = cables.iter().filter(|c| c.facts.wrapped).count();
        assert!((700..1000).contains(&wrapped), "wrapped {wrapped}");
        let long = cables
            .iter()
            .filter(|c| c.body.lines().any(|l| l.len() > 80))
            .count();
        assert!(long > 450, "cables with long lines {long}");
    }

    #[test]
    fn facts_match_text() {
        for c in Generator::new(5).take(400) {
            let f = &c.facts;
            assert_eq!(f.body_len, c.body.len());
            assert_eq!(f.header_len, c.header.len());
            if let Some(b) = &f.banner {
                assert!(c.body.contains(b.as_str()), "{b}");
            }
            for t in &f.tags {
                assert!(c.body.contains(t.as_str()), "{} tag {t}", f.reference_id);
            }
            if let Some(s) = &f.dtg {
                assert!(c.header.contains(s.as_str()));
            }
            for rec in f.to.iter().chain(&f.info) {
                assert!(c.header.contains(&rec.name));
            }
            if let Some(s) = &f.signer {
                assert!(c.body.contains(s.as_str()));
            }
            for rf in &f.references {
                assert!(
                    c.body.contains(&rf.text),
                    "{} ref {}",
                    f.reference_id,
                    rf.text
                );
            }
            let markers = c
                .body
                .lines()
                .filter(|l| l.contains(&format!(" {:08} ", f.serial)) && l.contains(" OF "))
                .count();
            assert_eq!(markers, f.page_breaks, "{}", f.reference_id);
            assert!(!c.body.contains('\\'));
            assert!(!c.body.ends_with('\n'));
        }
    }

    #[test]
    fn variants_are_covered() {
        let cables: Vec<GeneratedCable> = Generator::new(8).take(3000).collect();
        let has = |pred: &dyn Fn(&GeneratedCable) -> bool| cables.iter().any(pred);
        assert!(has(&|c| c.header.starts_with("VZCZCXRO")));
        assert!(has(&|c| c.header.contains("RUEHWEB\n\nDE ")));
        assert!(has(&|c| c.header.starts_with(PARTIAL_EXTRACT)));
        assert!(has(
            &|c| c.header.starts_with("INFO  LOG-00") || c.header.starts_with("ACTION ")
        ));
        assert!(has(&|c| c.facts.dtg_precedence.len() == 2));
        assert!(has(&|c| c.body.starts_with("S E C R E T")));
        assert!(has(&|c| c.body.starts_with("UNCLAS")));
        assert!(has(&|c| c.facts.date_line));
        assert!(has(&|c| c.body.contains("TAGS: ")));
        assert!(has(&|c| c.body.contains("\nTAGS ")));
        assert!(has(&|c| c.facts.embedded_page_breaks > 0));
        assert!(has(&|c| c.facts.signature_glued));
        assert!(has(&|c| c.body.contains(",s ")));
        assert!(has(&|c| c.body.contains("\u{201C}")));
        assert!(has(&|c| c.body.contains("XXXXXXXXXXXX")));
        assert!(has(&|c| c.body.contains("REF: A. A) ")));
        assert!(has(&|c| c.facts.truncated));
        assert!(has(&|c| c.facts.section_total.is_some()));
        assert!(has(&|c| c
            .facts
            .info
            .iter()
            .any(|r| r.name.ends_with("COLLECTIVE"))));
        assert!(has(
            &|c| c.body.contains("S e c r e t") || c.body.contains("C o n f i d")
        ));
    }

    #[test]
    fn single_line_cable() {
        let spec = CableSpec {
            body_bytes: Some(200_000),
            wrapped: Some(false),
            single_line: true,
            ..CableSpec::default()
        };
        let c = Generator::new(1).cable(&spec);
        let longest = c.body.lines().map(str::len).max().unwrap_or(0);
        assert!(longest >= 200_000, "{longest}");
        assert_eq!(c.facts.paragraph_numbers, [1]);
    }

    #[test]
    fn wrap_respects_width() {
        let mut s = String::new();
        push_wrapped(&mut s, "1. (C) ", &"word ".repeat(50), 40, true);
        for l in s.lines() {
            assert!(l.len() <= 41, "{l:?}");
        }
        assert!(s.ends_with("word\n"));
    }

    #[test]
    fn dates() {
        let d = DateTime {
            year: 2009,
            month: 12,
            day: 18,
            hour: 11,
            minute: 4,
        };
        assert_eq!(data::WEEKDAYS[d.weekday()], "Friday");
        assert_eq!(d.day_of_year(), 352);
        assert_eq!(d.csv(), "12/18/2009 11:04");
        assert_eq!(d.page(), "2009-12-18 11:11");
        let z = DateTime { hour: 0, ..d };
        assert_eq!(z.page(), "2009-12-18 00:12");
    }
}
