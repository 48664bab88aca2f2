//! Header (ACP-127) line recognisers and parsers: routing, `DE`, security line,
//! DTG, recipients, distribution codes.

use chrono::{DateTime, Utc};

use crate::record::Recipient;

/// A parsed `DE` line: `DE RUEHME #3178/01 3011811`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct De<'a> {
    /// `RUEHME`
    pub station: &'a str,
    /// `3178` (without `#`)
    pub serial: &'a str,
    /// `01`
    pub section: Option<&'a str>,
    /// `3011811`
    pub filing_time: Option<&'a str>,
}

/// A parsed date-time group line: `O R 292049Z JAN 10 ZDK`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dtg<'a> {
    /// `["O", "R"]`
    pub precedence: Vec<&'a str>,
    /// The UTC date-time, `None` when the fields are out of range.
    pub value: Option<DateTime<Utc>>,
    /// The line trimmed.
    pub raw: &'a str,
}

/// `DE …` line. `None` when the line is not one.
pub fn parse_de(_line: &str) -> Option<De<'_>> {
    None
}

/// Routing line `RR RUEHCD RUEHGD …` → `(Some("RR"), [indicators])`; a continuation line
/// of bare indicators → `(None, [indicators])`. `None` when the line is not one.
pub fn parse_routing(_line: &str) -> Option<(Option<&str>, Vec<&str>)> {
    None
}

/// True for a security line: `ZNY SSSSS ZZH`, `ZNR UUUUU ZZH (CCY …)`.
pub fn is_security_line(_line: &str) -> bool {
    false
}

/// DTG line, with or without precedence, any case of month. `None` when not a DTG.
pub fn parse_dtg(_line: &str) -> Option<Dtg<'_>> {
    None
}

/// One recipient line `[ROUTE/]NAME [PRECEDENCE] [MCN]` (without the `TO`/`INFO`/`XMT`
/// keyword). `None` when the line cannot be a recipient.
pub fn parse_recipient(_line: &str) -> Option<Recipient<'_>> {
    None
}

/// Distribution codes of a State distribution-block line (`INFO  LOG-00   EEB-00 …`,
/// `SAS-00   SWCI-00    /012W`). Empty when the line holds none.
pub fn distribution_codes(_line: &str) -> Vec<&str> {
    Vec::new()
}
