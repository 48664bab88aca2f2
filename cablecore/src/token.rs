//! The lossless tokenizer: one pass over one cable's text, yielding
//! `(kind, span)` tokens that tile the input exactly.

use crate::record::Span;

/// What a token is. One token per line or line part; a token that ends a line
/// includes the line terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TokenKind {
    /// A metadata line (`ID: 190648`, `ORIGIN: …`, `<<218634>>`) copied into the text.
    MetadataLine,
    /// `VZCZCXRO5863`
    TransmissionId,
    /// `RR RUEHCD RUEHGD …` and its continuation lines.
    Routing,
    /// `DE RUEHME #3178/01 3011811`
    De,
    /// `ZNY SSSSS ZZH`
    Security,
    /// `R 271811Z OCT 08`
    Dtg,
    /// `FM AMEMBASSY MEXICO`
    From,
    /// `TO RUEHC/SECSTATE WASHDC 3711`
    To,
    /// `INFO RUEHXC/ALL US CONSULATES IN MEXICO COLLECTIVE`
    Info,
    /// `XMT AMCONSUL JOHANNESBURG`
    Xmt,
    /// A recipient line continuing `TO`, `INFO` or `XMT`.
    Recipient,
    /// State distribution block (`INFO  LOG-00   EEB-00 …`, `ACTION …`, `PAGE 01 …`).
    Distribution,
    /// "This record is a partial extract of the original cable. …"
    PartialExtract,
    /// Other header lines (e-mail export lines, `DRAFTED BY:` …).
    HeaderText,
    /// `Friday, 18 December 2009, 11:04`
    DateLine,
    /// `S E C R E T SECTION 01 OF 04 MEXICO 003178`
    Banner,
    /// `NOFORN`, `SIPDIS`, `SENSITIVE`, `C O R R E C T E D C O P Y …`
    Caveat,
    /// `STATE FOR EUR/RUS`, `AMEMBASSY BRASILIA PASS TO AMCONSUL RECIFE`
    PassLine,
    /// `E.O. 12958: DECL: 12/21/2017`
    Eo,
    /// `TAGS: PGOV PREL PINR MX` and continuation lines.
    Tags,
    /// `SUBJECT: …` and continuation lines.
    Subject,
    /// `REF: A. MEXICO 3076` and continuation lines.
    Ref,
    /// `Classified By: … for reasons 1.4 (b) and (d)` and continuation lines.
    ClassifiedBy,
    /// `DERIVED FROM: DSCG 05-1 B, D`
    DerivedFrom,
    /// `1. (C) ` — the number and portion mark that open a paragraph.
    ParagraphStart,
    /// A heading line (text over/under a rule, `//HEADING//`).
    Heading,
    /// A rule line (`-----`, `- - -`, `=====`, `———`).
    Rule,
    /// `MEXICO 00003573 002 OF 003`, on its own line or inside a line.
    PageBreak,
    /// `Summary:`, `End Summary.`, `BEGIN SUMMARY`
    SummaryMarker,
    /// `Comment:`, `End Comment.`
    CommentMarker,
    /// `Note:`, `End Note.`
    NoteMarker,
    /// `XXXXXXXXXXXX`, `[NAME REMOVED]`
    Redaction,
    /// Trailing boilerplate (`Visit … Classified Web Site`, URLs, `NNNN`, `End Cable Text`).
    Boilerplate,
    /// The signers' line or the signature glued to the last line.
    Signature,
    /// Plain text.
    Text,
    /// A line with nothing but whitespace.
    Blank,
}

/// One token: a kind and the bytes it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Token {
    /// What the bytes are.
    pub kind: TokenKind,
    /// Which bytes.
    pub span: Span,
}
