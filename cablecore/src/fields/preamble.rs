//! Body preamble recognisers and parsers: banner, caveats, E.O., TAGS, SUBJECT,
//! REF, Classified By, DERIVED FROM.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::record::{Level, Reference};

/// A parsed classification banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Banner<'a> {
    pub level: Level,
    pub section: Option<u32>,
    pub section_total: Option<u32>,
    pub post: &'a str,
    pub serial: &'a str,
    /// Byte offset in the line where the text after the serial starts (caveats etc.).
    pub rest: usize,
}

/// Preamble field labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Eo,
    Tags,
    Subject,
    Ref,
    ClassifiedBy,
    DerivedFrom,
}

/// The declassification part of an E.O. line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Decl<'a> {
    pub nondisclosure_deadline: Option<NaiveDate>,
    pub nondisclosure_raw: Option<&'a str>,
    pub downgrade_date: Option<NaiveDate>,
}

/// Name, title and reasons of a Classified By block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClassifiedBy<'a> {
    pub name: Option<&'a str>,
    pub title: Option<&'a str>,
    pub reasons: Vec<String>,
}

/// Classification banner. `None` when the line is not one.
pub fn parse_banner(_line: &str) -> Option<Banner<'_>> {
    None
}

/// Caveat tokens of a caveat line (`SIPDIS`, `NOFORN`, `SENSITIVE BUT UNCLASSIFIED`, …);
/// `None` when the line is not a caveat line.
pub fn caveats(_line: &str) -> Option<Vec<&str>> {
    None
}

/// If `line` starts (after blanks, an optional `(U)` or `1.` prefix) with a field label,
/// the field and the byte offset where its value starts.
pub fn field_label(_line: &str) -> Option<(Field, usize)> {
    None
}

/// The first label of a *later* field glued inside `text` (the value of a `current`
/// field): byte offset of the label start and the field.
pub fn find_glued_field(_current: Field, _text: &str) -> Option<(usize, Field)> {
    None
}

/// Declassification part of an E.O. value (`12958: DECL: 02/04/2029`).
pub fn parse_decl(_value: &str) -> Decl<'_> {
    Decl::default()
}

/// TAGS from the value of the label line and its continuation lines.
pub fn parse_tags<'a>(_values: &[&'a str], _out: &mut Vec<Cow<'a, str>>) {}

/// SUBJECT from the value of the label line and its continuation lines:
/// `(text, marking)`.
pub fn parse_subject<'a>(_values: &[&'a str]) -> (Option<Cow<'a, str>>, Option<&'a str>) {
    (None, None)
}

/// REF items from the value of the label line and its continuation lines. `year` is the
/// citing cable's year for items without one.
pub fn parse_references<'a>(
    _values: &[&'a str],
    _year: Option<i32>,
    _out: &mut Vec<Reference<'a>>,
) {
}

/// Classified By block, from its value and continuation lines.
pub fn parse_classified_by<'a>(_values: &[&'a str]) -> ClassifiedBy<'a> {
    ClassifiedBy::default()
}
