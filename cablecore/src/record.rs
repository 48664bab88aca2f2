//! The structured record of one cable: [`Cable`] and its parts.
//!
//! Every string field is a [`Cow`] that borrows from the parsed text
//! (`Cow::Borrowed`) and is only owned when the value had to be rewritten
//! (joined continuation lines, upper-casing), or after [`Cable::into_owned`]. Field names are the schema: they are
//! the JSON keys (serde), the Python attribute names and the C accessor
//! suffixes. Each field is documented once, here, with an example.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;

/// A half-open byte range `start..end` into the text a cable was parsed from.
///
/// For a cable parsed from one text (`parse`), offsets are into that text.
/// For a cable parsed from two parts (`parse_parts`, used by the `cables.csv`
/// and HTML readers) body offsets are into the body text and header offsets
/// into the header text; [`Diagnostic::part`] says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    #[inline]
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// Number of bytes covered.
    #[inline]
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when the span covers no byte.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.end == self.start
    }
    /// The text this span covers in `text` (empty when out of range).
    #[inline]
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Where a cable starts in its container.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Position {
    /// Byte offset of the first byte of the cable (its metadata, if any) in the container.
    pub byte: u64,
    /// 1-based line number of that byte.
    pub line: u64,
    /// 0-based index of the cable (or CSV row) in the container.
    pub record: u64,
}

/// Which text an offset refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The container's metadata (CSV columns, HTML table, scraped labels).
    Metadata,
    /// The header text (the `header` CSV column or first HTML `<pre>`).
    Header,
    /// The body text, or the whole text when the cable came as one text.
    Body,
}

/// Classification level, normalised from the banner (`S E C R E T`, `UNCLAS`, `C o n f…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Level {
    /// `UNCLAS`, `UNCLASSIFIED`.
    Unclassified,
    /// `C O N F I D E N T I A L`, `CONFIDENTIAL`.
    Confidential,
    /// `S E C R E T`, `SECRET`.
    Secret,
    /// `T O P S E C R E T`.
    TopSecret,
}

impl Level {
    /// The upper-case name used in JSON, Python and C (`"SECRET"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Unclassified => "UNCLASSIFIED",
            Level::Confidential => "CONFIDENTIAL",
            Level::Secret => "SECRET",
            Level::TopSecret => "TOP_SECRET",
        }
    }
}

/// Whether a REF item names a cable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefKind {
    /// A cable: `MEXICO 3076`, `09 MEXICO 2952`, `2005 MOSCOW 14734`.
    Cable,
    /// Anything else: e-mails, DTGs, dates, memos, telcons, URLs.
    Other,
}

impl RefKind {
    /// `"cable"` or `"other"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RefKind::Cable => "cable",
            RefKind::Other => "other",
        }
    }
}

/// One addressee of the `TO`, `INFO` or `XMT` list.
///
/// `RUEHC/SECSTATE WASHDC IMMEDIATE 0250` → route `RUEHC`, name `SECSTATE WASHDC`,
/// precedence `IMMEDIATE`, mcn `0250`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recipient<'a> {
    /// Routing indicator before the `/` (`RUEHC`), if any.
    pub route: Option<Cow<'a, str>>,
    /// The addressee as written (`SECSTATE WASHDC`, `EUROPEAN POLITICAL COLLECTIVE`).
    pub name: Cow<'a, str>,
    /// `PRIORITY`, `IMMEDIATE`, `NIACT IMMEDIATE`, `ROUTINE`, `FLASH` (or a typo as written).
    pub precedence: Option<Cow<'a, str>>,
    /// Message (channel) number at the end of the line: `0250`, or a range `4778-4781`.
    pub mcn: Option<Cow<'a, str>>,
}

/// One item of the REF block.
///
/// `B. 09 MEXICO 2952` → bullet `B`, text `09 MEXICO 2952`, kind `cable`, value `09MEXICO2952`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference<'a> {
    /// The list letter (`A`, `B`, …) upper-cased, or `None` for an unlettered item.
    pub bullet: Option<Cow<'a, str>>,
    /// The item as written, without its bullet; continuation lines joined by one space.
    pub text: Cow<'a, str>,
    /// `cable` or `other`.
    pub kind: RefKind,
    /// For a cable: its canonical id (`09MEXICO2952`); the year comes from the item or,
    /// when the item has none, from the citing cable. `None` when no year is known or
    /// the item is not a cable.
    pub value: Option<String>,
}

/// One numbered (or portion-marked) paragraph of the body.
///
/// `1. (S/NF) Summary: …` → number 1, marking `S/NF`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph<'a> {
    /// The paragraph number as written (`1.`, `1)` → 1), `None` for an unnumbered paragraph.
    pub number: Option<u32>,
    /// The portion marking inside the parentheses, as written (`S/NF`, `C//REL ISAF`, `SBU`).
    pub marking: Option<Cow<'a, str>>,
    /// The paragraph text after number and marking. Page-break lines inside the paragraph
    /// are left out (they are tokens, not text); otherwise the text is as written.
    pub text: Cow<'a, str>,
    /// Bytes of the whole paragraph, number included.
    pub span: Span,
}

/// Something that looked wrong, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable machine-readable code (`missing_banner`, `banner_mismatch`, `bad_date`, …).
    pub code: &'static str,
    /// Human-readable explanation.
    pub message: String,
    /// Which text `offset` is into.
    pub part: Part,
    /// Byte offset of the problem in that text.
    pub offset: usize,
}

/// Context a caller can give when parsing a fragment: the citing cable's id and/or year.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'c> {
    /// The reference id of the cable being parsed (`09MEXICO193`); also gives the year.
    pub reference_id: Option<&'c str>,
    /// The four-digit year of the cable, used for REF items without a year.
    pub year: Option<i32>,
}

/// Metadata a container carries beside the cable text (all as written).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata<'a> {
    /// `id` column / `ID:` label.
    pub id: Option<u64>,
    /// `refid` column / Reference ID cell / `Origin:` label of the dump copies.
    pub reference_id: Option<&'a str>,
    /// `date` column / Created cell.
    pub created: Option<&'a str>,
    /// Released cell.
    pub released: Option<&'a str>,
    /// `classification` column / cell.
    pub classification: Option<&'a str>,
    /// `origin` column / Origin cell / `Source:` label.
    pub origin: Option<&'a str>,
    /// `references` column / `Dunno:` label, split on commas and spaces.
    pub references: Vec<&'a str>,
}

/// What to parse: metadata and the cable text, as one text or as header and body.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    /// Container metadata.
    pub metadata: Metadata<'a>,
    /// The whole cable as one text (header and/or body, or any fragment).
    pub text: Option<&'a str>,
    /// The header as a separate text (`cables.csv` `header`, first HTML `<pre>`).
    pub header: Option<&'a str>,
    /// The body as a separate text (`cables.csv` `content`, second HTML `<pre>`).
    pub body: Option<&'a str>,
    /// Where the cable starts in its container.
    pub position: Option<Position>,
}

/// One cable: metadata, header, preamble and body, as found.
///
/// A field that is not in the text is `None` or empty — never a guess. The one
/// exception is [`Cable::reference_id`], which may be inferred from the banner and
/// the DTG; [`Cable::reference_id_inferred`] then says so.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Cable<'a> {
    // ------------------------------------------------------------- container
    /// Where the cable starts in its container (`None` for `parse` of a bare text).
    pub position: Option<Position>,
    /// The dump's running number (`240473`), from `cables.csv` or a scraped `ID:` label.
    pub id: Option<u64>,
    /// Reference id as written in the metadata (`09MEXICO193`), or inferred (see
    /// `reference_id_inferred`) from the banner post + serial and the DTG year.
    pub reference_id: Option<Cow<'a, str>>,
    /// True when `reference_id` was inferred rather than read from metadata.
    pub reference_id_inferred: bool,
    /// Canonical id: two-digit year + origin without spaces, upper case + serial without
    /// leading zeros (`SECSTATE` → `STATE`; `08SECTION01OF03CAIRO1416` → `08CAIRO1416`).
    pub canonical_id: Option<String>,
    /// Created date-time from the metadata (`2009-01-23T23:11:00`; cablegate pages carry
    /// only a usable date and hour, their minutes are wrong).
    pub created: Option<NaiveDateTime>,
    /// Created as written (`2009-01-23 23:11`, `1/23/2009 23:11`).
    pub created_raw: Option<Cow<'a, str>>,
    /// Released date-time from the metadata (`2010-12-02T21:09:00`).
    pub released: Option<NaiveDateTime>,
    /// Released as written.
    pub released_raw: Option<Cow<'a, str>>,
    /// Classification from the metadata, as written (`SECRET//NOFORN`).
    pub classification: Option<Cow<'a, str>>,
    /// Origin from the metadata (`Embassy Mexico`).
    pub origin: Option<Cow<'a, str>>,
    /// The dump's `references` column, one id per entry (`09MEXICO2154`).
    pub metadata_references: Vec<Cow<'a, str>>,

    // ---------------------------------------------------------------- header
    /// Transmission id line (`VZCZCXRO5863`).
    pub transmission_id: Option<Cow<'a, str>>,
    /// Prosign pair of the routing line (`RR`, `OO`, `PP`).
    pub routing_precedence: Option<Cow<'a, str>>,
    /// Routing indicators of the routing line and its continuations (`RUEHCD`, …).
    pub routing: Vec<Cow<'a, str>>,
    /// Originating station of the `DE` line (`RUEHME`).
    pub station: Option<Cow<'a, str>>,
    /// Station serial of the `DE` line without `#` (`3178`).
    pub station_serial: Option<Cow<'a, str>>,
    /// Section after the serial (`01` in `#3178/01`).
    pub station_section: Option<Cow<'a, str>>,
    /// Filing time of the `DE` line, day of year + time (`3011811`).
    pub filing_time: Option<Cow<'a, str>>,
    /// Security line as written (`ZNY SSSSS ZZH`).
    pub security: Option<Cow<'a, str>>,
    /// Date-time group as a UTC date-time (`R 232312Z JAN 09` → `2009-01-23T23:12:00Z`).
    pub dtg: Option<DateTime<Utc>>,
    /// The DTG line as written.
    pub dtg_raw: Option<Cow<'a, str>>,
    /// Precedence prefix(es) of the DTG (`O R 292049Z JAN 10` → `["O", "R"]`).
    pub dtg_precedence: Vec<Cow<'a, str>>,
    /// Originator of the `FM` line (`AMEMBASSY MEXICO`).
    pub from: Option<Cow<'a, str>>,
    /// `TO` recipients.
    pub recipients: Vec<Recipient<'a>>,
    /// `INFO` recipients.
    pub info_recipients: Vec<Recipient<'a>>,
    /// `XMT` exclusions (posts left out of a collective).
    pub excluded_recipients: Vec<Recipient<'a>>,
    /// State distribution codes (`LOG-00`, `EEB-00`, …, and the closing `/012W`).
    pub distribution: Vec<Cow<'a, str>>,

    // -------------------------------------------------------------- preamble
    /// Classification banner line as written (`S E C R E T SECTION 01 OF 04 MEXICO 003178`).
    pub banner: Option<Cow<'a, str>>,
    /// Level of the banner (`SECRET`).
    pub banner_classification: Option<Level>,
    /// Section number of the banner (`1` in `SECTION 01 OF 04`).
    pub section: Option<u32>,
    /// Section count of the banner (`4` in `SECTION 01 OF 04`).
    pub section_total: Option<u32>,
    /// Post of the banner as written (`MEXICO`, `BUENOS AIRES`).
    pub post: Option<Cow<'a, str>>,
    /// Serial of the banner as written (`003178`).
    pub serial: Option<Cow<'a, str>>,
    /// Caveat tokens in order (`NOFORN`, `SIPDIS`, `SENSITIVE`, …), as written.
    pub caveats: Vec<Cow<'a, str>>,
    /// Distribution / pass lines (`STATE FOR EUR/RUS`, `AMEMBASSY BRASILIA PASS TO AMCONSUL RECIFE`).
    pub pass_lines: Vec<Cow<'a, str>>,
    /// The E.O. line's text as written (`E.O. 12958: DECL: 02/04/2029`).
    pub eo: Option<Cow<'a, str>>,
    /// Declassification date of the E.O. line (`2029-02-04`), when it is a date.
    pub nondisclosure_deadline: Option<NaiveDate>,
    /// The declassification part as written (`02/04/2029`, `N/A`, `OADR`, `DNG: CO 01/22/2019`).
    pub nondisclosure_raw: Option<Cow<'a, str>>,
    /// Downgrade date (`DNG: CO 01/22/2019` → `2019-01-22`); this is not a declassification date.
    pub downgrade_date: Option<NaiveDate>,
    /// TAGS, upper case, in order, without duplicates (`PGOV`, `CLINTON, HILLARY`).
    pub tags: Vec<Cow<'a, str>>,
    /// SUBJECT text, continuation lines joined, whitespace collapsed, without its portion mark.
    pub subject: Option<Cow<'a, str>>,
    /// Portion mark that preceded the subject, without parentheses (`C`, `S/NF`).
    pub subject_marking: Option<Cow<'a, str>>,
    /// REF items, in order.
    pub references: Vec<Reference<'a>>,
    /// Name of the classifying official (`Marc Wall`).
    pub classified_by: Option<Cow<'a, str>>,
    /// Title of the classifying official (`Acting Deputy Chief of Mission`).
    pub classified_by_title: Option<Cow<'a, str>>,
    /// Classification reasons, normalised (`["1.4(b)", "1.4(d)"]`).
    pub reasons: Vec<String>,
    /// `DERIVED FROM` value (`DSCG 05-1 B, D`).
    pub derived_from: Option<Cow<'a, str>>,

    // ------------------------------------------------------------------ body
    /// Paragraphs, in order.
    pub paragraphs: Vec<Paragraph<'a>>,
    /// Summary text without markers and portion marks, whitespace collapsed.
    pub summary: Option<String>,
    /// Comment text without markers and portion marks, whitespace collapsed.
    pub comment: Option<String>,
    /// Signers' surnames, upper case (`PASCUAL`).
    pub signers: Vec<Cow<'a, str>>,
    /// Redaction runs (`XXXXXXXXXXXX`, `[NAME REMOVED]`).
    pub redactions: Vec<Span>,
    /// What looked wrong, with offsets.
    pub diagnostics: Vec<Diagnostic>,
}

fn own(c: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(c.into_owned())
}

fn own_opt(c: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
    c.map(own)
}

fn own_vec(v: Vec<Cow<'_, str>>) -> Vec<Cow<'static, str>> {
    v.into_iter().map(own).collect()
}

impl Recipient<'_> {
    /// A copy that owns its text.
    pub fn into_owned(self) -> Recipient<'static> {
        Recipient {
            route: own_opt(self.route),
            name: own(self.name),
            precedence: own_opt(self.precedence),
            mcn: own_opt(self.mcn),
        }
    }
}

impl Reference<'_> {
    /// A copy that owns its text.
    pub fn into_owned(self) -> Reference<'static> {
        Reference {
            bullet: own_opt(self.bullet),
            text: own(self.text),
            kind: self.kind,
            value: self.value,
        }
    }
}

impl Paragraph<'_> {
    /// A copy that owns its text.
    pub fn into_owned(self) -> Paragraph<'static> {
        Paragraph {
            number: self.number,
            marking: own_opt(self.marking),
            text: own(self.text),
            span: self.span,
        }
    }
}

impl Cable<'_> {
    /// A copy that owns all its text, independent of the input buffer.
    pub fn into_owned(self) -> Cable<'static> {
        Cable {
            position: self.position,
            id: self.id,
            reference_id: own_opt(self.reference_id),
            reference_id_inferred: self.reference_id_inferred,
            canonical_id: self.canonical_id,
            created: self.created,
            created_raw: own_opt(self.created_raw),
            released: self.released,
            released_raw: own_opt(self.released_raw),
            classification: own_opt(self.classification),
            origin: own_opt(self.origin),
            metadata_references: own_vec(self.metadata_references),
            transmission_id: own_opt(self.transmission_id),
            routing_precedence: own_opt(self.routing_precedence),
            routing: own_vec(self.routing),
            station: own_opt(self.station),
            station_serial: own_opt(self.station_serial),
            station_section: own_opt(self.station_section),
            filing_time: own_opt(self.filing_time),
            security: own_opt(self.security),
            dtg: self.dtg,
            dtg_raw: own_opt(self.dtg_raw),
            dtg_precedence: own_vec(self.dtg_precedence),
            from: own_opt(self.from),
            recipients: self
                .recipients
                .into_iter()
                .map(Recipient::into_owned)
                .collect(),
            info_recipients: self
                .info_recipients
                .into_iter()
                .map(Recipient::into_owned)
                .collect(),
            excluded_recipients: self
                .excluded_recipients
                .into_iter()
                .map(Recipient::into_owned)
                .collect(),
            distribution: own_vec(self.distribution),
            banner: own_opt(self.banner),
            banner_classification: self.banner_classification,
            section: self.section,
            section_total: self.section_total,
            post: own_opt(self.post),
            serial: own_opt(self.serial),
            caveats: own_vec(self.caveats),
            pass_lines: own_vec(self.pass_lines),
            eo: own_opt(self.eo),
            nondisclosure_deadline: self.nondisclosure_deadline,
            nondisclosure_raw: own_opt(self.nondisclosure_raw),
            downgrade_date: self.downgrade_date,
            tags: own_vec(self.tags),
            subject: own_opt(self.subject),
            subject_marking: own_opt(self.subject_marking),
            references: self
                .references
                .into_iter()
                .map(Reference::into_owned)
                .collect(),
            classified_by: own_opt(self.classified_by),
            classified_by_title: own_opt(self.classified_by_title),
            reasons: self.reasons,
            derived_from: own_opt(self.derived_from),
            paragraphs: self
                .paragraphs
                .into_iter()
                .map(Paragraph::into_owned)
                .collect(),
            summary: self.summary,
            comment: self.comment,
            signers: own_vec(self.signers),
            redactions: self.redactions,
            diagnostics: self.diagnostics,
        }
    }
}
