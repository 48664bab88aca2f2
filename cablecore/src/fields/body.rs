//! Body text recognisers: paragraph starts and portion marks, rules and headings,
//! page breaks, redactions, summary/comment markers, signatures, boilerplate.

use std::ops::Range;

/// A paragraph start: `1. (S/NF) text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphStart {
    pub number: Option<u32>,
    /// Range of the marking inside the parentheses.
    pub marking: Option<Range<usize>>,
    /// Offset where the paragraph text starts.
    pub text_start: usize,
}

/// Paragraph start at the beginning of `line`.
pub fn paragraph_start(_line: &str) -> Option<ParagraphStart> {
    None
}

/// True for a rule line (`-----`, `- - -`, `=====`, em-dash runs).
pub fn is_rule(_line: &str) -> bool {
    false
}

/// First page-break marker inside `line` (`MEXICO 00003573 002 OF 003`).
pub fn find_page_break(_line: &str) -> Option<Range<usize>> {
    None
}

/// Redaction runs inside `line`, appended as ranges.
pub fn find_redactions(_line: &str, _out: &mut Vec<Range<usize>>) {}

/// Signature at the end of `line` (own line or glued): the surname ranges.
pub fn signature(_line: &str, _out: &mut Vec<Range<usize>>) {}

/// True for tail boilerplate (`Visit … Classified Web Site`, URLs, `NNNN`, `End Cable Text`).
pub fn is_boilerplate(_line: &str) -> bool {
    false
}

/// Summary / comment / note markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marker {
    /// `Summary:`, `Summary.`, `BEGIN SUMMARY`, `Summary and Comment:`, a `SUMMARY` heading.
    SummaryStart,
    /// `End Summary.`
    SummaryEnd,
    /// `Comment:`, `Comment.`, a `COMMENT` heading.
    CommentStart,
    /// `End Comment.`
    CommentEnd,
    /// `Note:`, `(Note: …`
    NoteStart,
    /// `End Note.`
    NoteEnd,
}

/// Markers inside `line` (or starting it), in order, with the byte range of the marker
/// words and their punctuation.
pub fn find_markers(_line: &str, _out: &mut Vec<(Marker, Range<usize>)>) {}

/// A body date line `Friday, 18 December 2009, 11:04`.
pub fn is_date_line(_line: &str) -> bool {
    false
}
