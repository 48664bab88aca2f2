//! Accessors of `cc_cable`: one per field of `cablecore::Cable`, named after it.
//!
//! Scalar fields: `cc_result cc_cable_FIELD(const cc_cable *cable, T *out)`.
//! List fields: `cc_cable_FIELD_count(cable, size_t *out)` and
//! `cc_cable_FIELD_at(cable, size_t index, T *out)`. Every accessor returns
//! `CC_OK`, `CC_NULL_ARGUMENT` (cable or out NULL; `*out` untouched) or, for
//! `_at`, `CC_INDEX_OUT_OF_RANGE`. String views are valid as long as the cable.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};

use crate::cc_result::*;
use crate::{
    cc_cable, cc_datetime, cc_level, cc_opt_u32, cc_opt_u64, cc_part, cc_position, cc_ref_kind,
    cc_result, cc_span, cc_str, fail, guard, level, null_arg, part, ref_kind, StoredError,
};
use cablecore::{Diagnostic, Paragraph, Position, Recipient, Reference, Span};

// ------------------------------------------------------------------ item types

/// One addressee of the `TO`, `INFO` or `XMT` list
/// (`RUEHC/SECSTATE WASHDC IMMEDIATE 0250`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cc_recipient {
    /// Routing indicator before the `/` (`RUEHC`); absent when there is none.
    pub route: cc_str,
    /// The addressee as written (`SECSTATE WASHDC`); always present.
    pub name: cc_str,
    /// `PRIORITY`, `IMMEDIATE`, `NIACT IMMEDIATE`, `ROUTINE`, `FLASH` (as written); may be absent.
    pub precedence: cc_str,
    /// Message number at the end of the line (`0250`, or a range `4778-4781`); may be absent.
    pub mcn: cc_str,
}

/// One item of the REF block (`B. 09 MEXICO 2952`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cc_reference {
    /// The list letter upper-cased (`B`); absent for an unlettered item.
    pub bullet: cc_str,
    /// The item as written, without its bullet (`09 MEXICO 2952`); always present.
    pub text: cc_str,
    /// `CC_REF_CABLE` or `CC_REF_OTHER`.
    pub kind: cc_ref_kind,
    /// For a cable, its canonical id (`09MEXICO2952`); absent when no year is known or
    /// the item is not a cable.
    pub value: cc_str,
}

/// One numbered (or portion-marked) paragraph of the body (`1. (S/NF) Summary: ...`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cc_paragraph {
    /// The paragraph number (`1.` or `1)` gives 1); not present for an unnumbered paragraph.
    pub number: cc_opt_u32,
    /// The portion marking inside the parentheses, as written (`S/NF`); may be absent.
    pub marking: cc_str,
    /// The paragraph text after number and marking; always present.
    pub text: cc_str,
    /// Bytes of the whole paragraph, number included.
    pub span: cc_span,
}

/// Something that looked wrong in a cable, with where it is.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cc_diagnostic {
    /// Stable machine-readable code (`missing_banner`, `bad_date`); always present.
    pub code: cc_str,
    /// Human-readable explanation; always present.
    pub message: cc_str,
    /// Which text `offset` is into.
    pub part: cc_part,
    /// Byte offset of the problem in that text.
    pub offset: usize,
}

/// A recoverable container problem met while reading a cable (for example bytes
/// that were not UTF-8 and were replaced): the reader went on, the cable is usable.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cc_error {
    /// The error code (`CC_INVALID_UTF8`, ...).
    pub code: cc_result,
    /// Byte offset of the problem in the input, or -1.
    pub byte_offset: i64,
    /// 1-based line of the problem in the input, or -1.
    pub line: i64,
    /// The message, as `cc_last_error_message` would give it; always present.
    pub message: cc_str,
}

// ------------------------------------------------------------------ conversions

fn view<S: AsRef<str>>(s: &S) -> cc_str {
    cc_str::new(s.as_ref())
}

fn opt_u64(v: Option<u64>) -> cc_opt_u64 {
    cc_opt_u64 {
        present: v.is_some(),
        value: v.unwrap_or(0),
    }
}

fn opt_u32(v: Option<u32>) -> cc_opt_u32 {
    cc_opt_u32 {
        present: v.is_some(),
        value: v.unwrap_or(0),
    }
}

/// Broken-down date-time; every component is in range for `u8` by chrono's invariants.
fn broken_down(d: NaiveDate, h: u32, m: u32, s: u32) -> cc_datetime {
    let small = |v: u32| u8::try_from(v).unwrap_or(u8::MAX);
    cc_datetime {
        present: true,
        year: d.year(),
        month: small(d.month()),
        day: small(d.day()),
        hour: small(h),
        minute: small(m),
        second: small(s),
    }
}

fn naive(v: Option<NaiveDateTime>) -> cc_datetime {
    v.map_or_else(cc_datetime::default, |t| {
        // A leap second is stored as second 59 + 1e9 ns by chrono.
        let leap = u32::from(t.nanosecond() >= 1_000_000_000);
        broken_down(t.date(), t.hour(), t.minute(), t.second() + leap)
    })
}

fn utc(v: Option<DateTime<Utc>>) -> cc_datetime {
    naive(v.map(|t| t.naive_utc()))
}

fn date(v: Option<NaiveDate>) -> cc_datetime {
    v.map_or_else(cc_datetime::default, |d| broken_down(d, 0, 0, 0))
}

fn position(p: Option<Position>) -> cc_position {
    p.map_or_else(cc_position::default, |p| cc_position {
        present: true,
        byte: p.byte,
        line: p.line,
        record: p.record,
    })
}

fn span(s: &Span) -> cc_span {
    cc_span {
        start: s.start,
        end: s.end,
    }
}

fn recipient(r: &Recipient<'_>) -> cc_recipient {
    cc_recipient {
        route: cc_str::opt(r.route.as_deref()),
        name: cc_str::new(&r.name),
        precedence: cc_str::opt(r.precedence.as_deref()),
        mcn: cc_str::opt(r.mcn.as_deref()),
    }
}

fn reference(r: &Reference<'_>) -> cc_reference {
    cc_reference {
        bullet: cc_str::opt(r.bullet.as_deref()),
        text: cc_str::new(&r.text),
        kind: ref_kind(r.kind),
        value: cc_str::opt(r.value.as_deref()),
    }
}

fn paragraph(p: &Paragraph<'_>) -> cc_paragraph {
    cc_paragraph {
        number: opt_u32(p.number),
        marking: cc_str::opt(p.marking.as_deref()),
        text: cc_str::new(&p.text),
        span: span(&p.span),
    }
}

fn diagnostic(d: &Diagnostic) -> cc_diagnostic {
    cc_diagnostic {
        code: cc_str::new(d.code),
        message: cc_str::new(&d.message),
        part: part(d.part),
        offset: d.offset,
    }
}

fn error(e: &StoredError) -> cc_error {
    cc_error {
        code: e.code,
        byte_offset: e.byte,
        line: e.line,
        message: cc_str::new(&e.message),
    }
}

// ------------------------------------------------------------------ helpers

/// Writes `f(cable)` to `out`.
///
/// # Safety
///
/// `cable` is NULL or a live cable; `out` is NULL or writable.
unsafe fn get<T>(
    function: &str,
    cable: *const cc_cable,
    out: *mut T,
    f: impl FnOnce(&cc_cable) -> T,
) -> cc_result {
    guard(function, || {
        // SAFETY: the caller guarantees `cable` is NULL or a live cable.
        let Some(c) = (unsafe { cable.as_ref() }) else {
            return null_arg(function, "cable");
        };
        if out.is_null() {
            return null_arg(function, "out");
        }
        let value = f(c);
        // SAFETY: `out` is non-NULL and the caller guarantees it is writable.
        unsafe { out.write(value) };
        CC_OK
    })
}

/// Writes `conv(list(cable)[index])` to `out`, or fails with `CC_INDEX_OUT_OF_RANGE`.
///
/// # Safety
///
/// `cable` is NULL or a live cable; `out` is NULL or writable.
unsafe fn item<E, T>(
    function: &str,
    cable: *const cc_cable,
    index: usize,
    out: *mut T,
    list: fn(&cc_cable) -> &[E],
    conv: fn(&E) -> T,
) -> cc_result {
    guard(function, || {
        // SAFETY: the caller guarantees `cable` is NULL or a live cable.
        let Some(c) = (unsafe { cable.as_ref() }) else {
            return null_arg(function, "cable");
        };
        if out.is_null() {
            return null_arg(function, "out");
        }
        let items = list(c);
        let Some(e) = items.get(index) else {
            return fail(
                CC_INDEX_OUT_OF_RANGE,
                format!(
                    "{function}: index {index} out of range (count {})",
                    items.len()
                ),
                -1,
                -1,
            );
        };
        // SAFETY: `out` is non-NULL and the caller guarantees it is writable.
        unsafe { out.write(conv(e)) };
        CC_OK
    })
}

// ------------------------------------------------------------------ accessors

/// Where the cable starts in its container; `present` is false for a cable parsed from a bare text (`cc_parse`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_position(
    cable: *const cc_cable,
    out: *mut cc_position,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_position", cable, out, |c| {
            position(c.cable.position)
        })
    }
}

/// The dump's running number (`240473`), from `cables.csv` or a scraped `ID:` label.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_id(cable: *const cc_cable, out: *mut cc_opt_u64) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe { get("cc_cable_id", cable, out, |c| opt_u64(c.cable.id)) }
}

/// Reference id as written in the metadata (`09MEXICO193`), or inferred from the banner post and serial and the DTG year (then `cc_cable_reference_id_inferred` says so).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_reference_id(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_reference_id", cable, out, |c| {
            cc_str::opt(c.cable.reference_id.as_deref())
        })
    }
}

/// True when `reference_id` was inferred rather than read from metadata.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_reference_id_inferred(
    cable: *const cc_cable,
    out: *mut bool,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_reference_id_inferred", cable, out, |c| {
            c.cable.reference_id_inferred
        })
    }
}

/// Canonical id: two-digit year + origin without spaces, upper case + serial without leading zeros (`09MEXICO193`; `SECSTATE` becomes `STATE`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_canonical_id(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_canonical_id", cable, out, |c| {
            cc_str::opt(c.cable.canonical_id.as_deref())
        })
    }
}

/// Created date-time from the metadata (`2009-01-23T23:11:00`, no time zone).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_created(
    cable: *const cc_cable,
    out: *mut cc_datetime,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe { get("cc_cable_created", cable, out, |c| naive(c.cable.created)) }
}

/// Created as written (`2009-01-23 23:11`, `1/23/2009 23:11`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_created_raw(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_created_raw", cable, out, |c| {
            cc_str::opt(c.cable.created_raw.as_deref())
        })
    }
}

/// Released date-time from the metadata (`2010-12-02T21:09:00`, no time zone).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_released(
    cable: *const cc_cable,
    out: *mut cc_datetime,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe { get("cc_cable_released", cable, out, |c| naive(c.cable.released)) }
}

/// Released as written.
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_released_raw(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_released_raw", cable, out, |c| {
            cc_str::opt(c.cable.released_raw.as_deref())
        })
    }
}

/// Classification from the metadata, as written (`SECRET//NOFORN`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_classification(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_classification", cable, out, |c| {
            cc_str::opt(c.cable.classification.as_deref())
        })
    }
}

/// Origin from the metadata (`Embassy Mexico`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_origin(cable: *const cc_cable, out: *mut cc_str) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_origin", cable, out, |c| {
            cc_str::opt(c.cable.origin.as_deref())
        })
    }
}

/// Number of `metadata_references`: The dump's `references` column, one id per entry (`09MEXICO2154`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_metadata_references_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_metadata_references_count", cable, out, |c| {
            c.cable.metadata_references.len()
        })
    }
}

/// Item `index` of `metadata_references` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_metadata_references_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_metadata_references_at",
            cable,
            index,
            out,
            |c| &c.cable.metadata_references,
            view,
        )
    }
}

/// Transmission id line (`VZCZCXRO5863`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_transmission_id(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_transmission_id", cable, out, |c| {
            cc_str::opt(c.cable.transmission_id.as_deref())
        })
    }
}

/// Prosign pair of the routing line (`RR`, `OO`, `PP`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_routing_precedence(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_routing_precedence", cable, out, |c| {
            cc_str::opt(c.cable.routing_precedence.as_deref())
        })
    }
}

/// Number of `routing`: Routing indicators of the routing line and its continuations (`RUEHCD`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_routing_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_routing_count", cable, out, |c| {
            c.cable.routing.len()
        })
    }
}

/// Item `index` of `routing` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_routing_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_routing_at",
            cable,
            index,
            out,
            |c| &c.cable.routing,
            view,
        )
    }
}

/// Originating station of the `DE` line (`RUEHME`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_station(cable: *const cc_cable, out: *mut cc_str) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_station", cable, out, |c| {
            cc_str::opt(c.cable.station.as_deref())
        })
    }
}

/// Station serial of the `DE` line without `#` (`3178`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_station_serial(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_station_serial", cable, out, |c| {
            cc_str::opt(c.cable.station_serial.as_deref())
        })
    }
}

/// Section after the station serial (`01` in `#3178/01`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_station_section(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_station_section", cable, out, |c| {
            cc_str::opt(c.cable.station_section.as_deref())
        })
    }
}

/// Filing time of the `DE` line, day of year + time (`3011811`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_filing_time(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_filing_time", cable, out, |c| {
            cc_str::opt(c.cable.filing_time.as_deref())
        })
    }
}

/// Security line as written (`ZNY SSSSS ZZH`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_security(cable: *const cc_cable, out: *mut cc_str) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_security", cable, out, |c| {
            cc_str::opt(c.cable.security.as_deref())
        })
    }
}

/// Date-time group as a UTC date-time (`R 232312Z JAN 09` gives 2009-01-23 23:12:00 UTC).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_dtg(cable: *const cc_cable, out: *mut cc_datetime) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe { get("cc_cable_dtg", cable, out, |c| utc(c.cable.dtg)) }
}

/// The DTG line as written.
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_dtg_raw(cable: *const cc_cable, out: *mut cc_str) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_dtg_raw", cable, out, |c| {
            cc_str::opt(c.cable.dtg_raw.as_deref())
        })
    }
}

/// Number of `dtg_precedence`: Precedence prefix(es) of the DTG (`O R 292049Z JAN 10` gives `O`, `R`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_dtg_precedence_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_dtg_precedence_count", cable, out, |c| {
            c.cable.dtg_precedence.len()
        })
    }
}

/// Item `index` of `dtg_precedence` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_dtg_precedence_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_dtg_precedence_at",
            cable,
            index,
            out,
            |c| &c.cable.dtg_precedence,
            view,
        )
    }
}

/// Originator of the `FM` line (`AMEMBASSY MEXICO`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_from(cable: *const cc_cable, out: *mut cc_str) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_from", cable, out, |c| {
            cc_str::opt(c.cable.from.as_deref())
        })
    }
}

/// Number of `recipients`: `TO` recipients.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_recipients_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_recipients_count", cable, out, |c| {
            c.cable.recipients.len()
        })
    }
}

/// Item `index` of `recipients` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_recipients_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_recipient,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_recipients_at",
            cable,
            index,
            out,
            |c| &c.cable.recipients,
            recipient,
        )
    }
}

/// Number of `info_recipients`: `INFO` recipients.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_info_recipients_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_info_recipients_count", cable, out, |c| {
            c.cable.info_recipients.len()
        })
    }
}

/// Item `index` of `info_recipients` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_info_recipients_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_recipient,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_info_recipients_at",
            cable,
            index,
            out,
            |c| &c.cable.info_recipients,
            recipient,
        )
    }
}

/// Number of `excluded_recipients`: `XMT` exclusions (posts left out of a collective).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_excluded_recipients_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_excluded_recipients_count", cable, out, |c| {
            c.cable.excluded_recipients.len()
        })
    }
}

/// Item `index` of `excluded_recipients` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_excluded_recipients_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_recipient,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_excluded_recipients_at",
            cable,
            index,
            out,
            |c| &c.cable.excluded_recipients,
            recipient,
        )
    }
}

/// Number of `distribution`: State distribution codes (`LOG-00`, `EEB-00`, and the closing `/012W`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_distribution_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_distribution_count", cable, out, |c| {
            c.cable.distribution.len()
        })
    }
}

/// Item `index` of `distribution` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_distribution_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_distribution_at",
            cable,
            index,
            out,
            |c| &c.cable.distribution,
            view,
        )
    }
}

/// Classification banner line as written (`S E C R E T SECTION 01 OF 04 MEXICO 003178`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_banner(cable: *const cc_cable, out: *mut cc_str) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_banner", cable, out, |c| {
            cc_str::opt(c.cable.banner.as_deref())
        })
    }
}

/// Level of the banner (`CC_LEVEL_SECRET`), `CC_LEVEL_NONE` when there is none.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_banner_classification(
    cable: *const cc_cable,
    out: *mut cc_level,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_banner_classification", cable, out, |c| {
            level(c.cable.banner_classification)
        })
    }
}

/// Section number of the banner (1 in `SECTION 01 OF 04`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_section(
    cable: *const cc_cable,
    out: *mut cc_opt_u32,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe { get("cc_cable_section", cable, out, |c| opt_u32(c.cable.section)) }
}

/// Section count of the banner (4 in `SECTION 01 OF 04`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_section_total(
    cable: *const cc_cable,
    out: *mut cc_opt_u32,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_section_total", cable, out, |c| {
            opt_u32(c.cable.section_total)
        })
    }
}

/// Post of the banner as written (`MEXICO`, `BUENOS AIRES`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_post(cable: *const cc_cable, out: *mut cc_str) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_post", cable, out, |c| {
            cc_str::opt(c.cable.post.as_deref())
        })
    }
}

/// Serial of the banner as written (`003178`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_serial(cable: *const cc_cable, out: *mut cc_str) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_serial", cable, out, |c| {
            cc_str::opt(c.cable.serial.as_deref())
        })
    }
}

/// Number of `caveats`: Caveat tokens in order, as written (`NOFORN`, `SIPDIS`, `SENSITIVE`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_caveats_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_caveats_count", cable, out, |c| {
            c.cable.caveats.len()
        })
    }
}

/// Item `index` of `caveats` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_caveats_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_caveats_at",
            cable,
            index,
            out,
            |c| &c.cable.caveats,
            view,
        )
    }
}

/// Number of `pass_lines`: Distribution / pass lines (`STATE FOR EUR/RUS`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_pass_lines_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_pass_lines_count", cable, out, |c| {
            c.cable.pass_lines.len()
        })
    }
}

/// Item `index` of `pass_lines` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_pass_lines_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_pass_lines_at",
            cable,
            index,
            out,
            |c| &c.cable.pass_lines,
            view,
        )
    }
}

/// The E.O. line's text as written (`E.O. 12958: DECL: 02/04/2029`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_eo(cable: *const cc_cable, out: *mut cc_str) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_eo", cable, out, |c| {
            cc_str::opt(c.cable.eo.as_deref())
        })
    }
}

/// Declassification date of the E.O. line (2029-02-04), when it is a date.
/// Time fields are 0.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_nondisclosure_deadline(
    cable: *const cc_cable,
    out: *mut cc_datetime,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_nondisclosure_deadline", cable, out, |c| {
            date(c.cable.nondisclosure_deadline)
        })
    }
}

/// The declassification part as written (`02/04/2029`, `N/A`, `OADR`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_nondisclosure_raw(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_nondisclosure_raw", cable, out, |c| {
            cc_str::opt(c.cable.nondisclosure_raw.as_deref())
        })
    }
}

/// Downgrade date (`DNG: CO 01/22/2019` gives 2019-01-22); not a declassification date.
/// Time fields are 0.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_downgrade_date(
    cable: *const cc_cable,
    out: *mut cc_datetime,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_downgrade_date", cable, out, |c| {
            date(c.cable.downgrade_date)
        })
    }
}

/// Number of `tags`: TAGS, upper case, in order, without duplicates (`PGOV`, `CLINTON, HILLARY`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_tags_count(cable: *const cc_cable, out: *mut usize) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe { get("cc_cable_tags_count", cable, out, |c| c.cable.tags.len()) }
}

/// Item `index` of `tags` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_tags_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_tags_at",
            cable,
            index,
            out,
            |c| &c.cable.tags,
            view,
        )
    }
}

/// SUBJECT text, continuation lines joined, whitespace collapsed, without its portion mark.
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_subject(cable: *const cc_cable, out: *mut cc_str) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_subject", cable, out, |c| {
            cc_str::opt(c.cable.subject.as_deref())
        })
    }
}

/// Portion mark that preceded the subject, without parentheses (`C`, `S/NF`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_subject_marking(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_subject_marking", cable, out, |c| {
            cc_str::opt(c.cable.subject_marking.as_deref())
        })
    }
}

/// Number of `references`: REF items, in order.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_references_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_references_count", cable, out, |c| {
            c.cable.references.len()
        })
    }
}

/// Item `index` of `references` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_references_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_reference,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_references_at",
            cable,
            index,
            out,
            |c| &c.cable.references,
            reference,
        )
    }
}

/// Name of the classifying official (`Marc Wall`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_classified_by(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_classified_by", cable, out, |c| {
            cc_str::opt(c.cable.classified_by.as_deref())
        })
    }
}

/// Title of the classifying official (`Acting Deputy Chief of Mission`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_classified_by_title(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_classified_by_title", cable, out, |c| {
            cc_str::opt(c.cable.classified_by_title.as_deref())
        })
    }
}

/// Number of `reasons`: Classification reasons, normalised (`1.4(b)`, `1.4(d)`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_reasons_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_reasons_count", cable, out, |c| {
            c.cable.reasons.len()
        })
    }
}

/// Item `index` of `reasons` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_reasons_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_reasons_at",
            cable,
            index,
            out,
            |c| &c.cable.reasons,
            view,
        )
    }
}

/// `DERIVED FROM` value (`DSCG 05-1 B, D`).
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_derived_from(
    cable: *const cc_cable,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_derived_from", cable, out, |c| {
            cc_str::opt(c.cable.derived_from.as_deref())
        })
    }
}

/// Number of `paragraphs`: Paragraphs of the body, in order.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_paragraphs_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_paragraphs_count", cable, out, |c| {
            c.cable.paragraphs.len()
        })
    }
}

/// Item `index` of `paragraphs` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_paragraphs_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_paragraph,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_paragraphs_at",
            cable,
            index,
            out,
            |c| &c.cable.paragraphs,
            paragraph,
        )
    }
}

/// Summary text without markers and portion marks, whitespace collapsed.
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_summary(cable: *const cc_cable, out: *mut cc_str) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_summary", cable, out, |c| {
            cc_str::opt(c.cable.summary.as_deref())
        })
    }
}

/// Comment text without markers and portion marks, whitespace collapsed.
/// Absent (`{ NULL, 0 }`) when not in the text.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_comment(cable: *const cc_cable, out: *mut cc_str) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_comment", cable, out, |c| {
            cc_str::opt(c.cable.comment.as_deref())
        })
    }
}

/// Number of `signers`: Signers' surnames, upper case (`PASCUAL`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_signers_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_signers_count", cable, out, |c| {
            c.cable.signers.len()
        })
    }
}

/// Item `index` of `signers` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_signers_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_str,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_signers_at",
            cable,
            index,
            out,
            |c| &c.cable.signers,
            view,
        )
    }
}

/// Number of `redactions`: Redaction runs (`XXXXXXXXXXXX`, `[NAME REMOVED]`) as byte spans.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_redactions_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_redactions_count", cable, out, |c| {
            c.cable.redactions.len()
        })
    }
}

/// Item `index` of `redactions` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_redactions_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_span,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_redactions_at",
            cable,
            index,
            out,
            |c| &c.cable.redactions,
            span,
        )
    }
}

/// Number of `diagnostics`: What looked wrong, with offsets.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_diagnostics_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        get("cc_cable_diagnostics_count", cable, out, |c| {
            c.cable.diagnostics.len()
        })
    }
}

/// Item `index` of `diagnostics` (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_diagnostics_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_diagnostic,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_diagnostics_at",
            cable,
            index,
            out,
            |c| &c.cable.diagnostics,
            diagnostic,
        )
    }
}

/// Number of container errors: recoverable problems met while reading this cable
/// (for example invalid UTF-8 that was replaced). 0 for most cables.
#[no_mangle]
pub unsafe extern "C" fn cc_cable_errors_count(
    cable: *const cc_cable,
    out: *mut usize,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe { get("cc_cable_errors_count", cable, out, |c| c.errors.len()) }
}

/// Container error `index` of the cable (0-based; `CC_INDEX_OUT_OF_RANGE` when `index >= count`).
#[no_mangle]
pub unsafe extern "C" fn cc_cable_errors_at(
    cable: *const cc_cable,
    index: usize,
    out: *mut cc_error,
) -> cc_result {
    // SAFETY: forwarded caller contract (API conventions).
    unsafe {
        item(
            "cc_cable_errors_at",
            cable,
            index,
            out,
            |c| &c.errors,
            error,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{cc_cable_free, cc_parse};
    use std::borrow::Cow;

    /// Every key of the JSON form of a cable, i.e. every field of `cablecore::Cable`,
    /// has an accessor here. A field added to the schema must be added to this list
    /// (and get an accessor), or this test fails.
    const FIELDS: &[&str] = &[
        "position",
        "id",
        "reference_id",
        "reference_id_inferred",
        "canonical_id",
        "created",
        "created_raw",
        "released",
        "released_raw",
        "classification",
        "origin",
        "metadata_references",
        "transmission_id",
        "routing_precedence",
        "routing",
        "station",
        "station_serial",
        "station_section",
        "filing_time",
        "security",
        "dtg",
        "dtg_raw",
        "dtg_precedence",
        "from",
        "recipients",
        "info_recipients",
        "excluded_recipients",
        "distribution",
        "banner",
        "banner_classification",
        "section",
        "section_total",
        "post",
        "serial",
        "caveats",
        "pass_lines",
        "eo",
        "nondisclosure_deadline",
        "nondisclosure_raw",
        "downgrade_date",
        "tags",
        "subject",
        "subject_marking",
        "references",
        "classified_by",
        "classified_by_title",
        "reasons",
        "derived_from",
        "paragraphs",
        "summary",
        "comment",
        "signers",
        "redactions",
        "diagnostics",
    ];

    #[test]
    fn every_schema_field_has_an_accessor() {
        let json = serde_json::to_value(cablecore::Cable::default()).unwrap();
        let mut keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        let mut fields = FIELDS.to_vec();
        fields.sort_unstable();
        assert_eq!(keys, fields);
    }

    #[test]
    fn dates_are_broken_down() {
        let t = NaiveDate::from_ymd_opt(2009, 1, 23)
            .and_then(|d| d.and_hms_opt(23, 12, 5))
            .unwrap();
        let d = naive(Some(t));
        assert!(d.present);
        assert_eq!(
            (d.year, d.month, d.day, d.hour, d.minute, d.second),
            (2009, 1, 23, 23, 12, 5)
        );
        assert!(!naive(None).present);
        let u = utc(Some(t.and_utc()));
        assert_eq!((u.hour, u.minute), (23, 12));
        let day = date(NaiveDate::from_ymd_opt(2029, 2, 4));
        assert_eq!((day.year, day.month, day.day, day.hour), (2029, 2, 4, 0));
    }

    #[test]
    fn accessors_check_arguments_and_range() {
        let text = "TAGS: PREL\n";
        let mut c: *mut cc_cable = std::ptr::null_mut();
        // SAFETY: valid text and out pointer; `text` outlives the cable.
        assert_eq!(
            unsafe { cc_parse(text.as_ptr().cast(), text.len(), &mut c) },
            CC_OK
        );
        let mut n = 99usize;
        // SAFETY: `c` is live, `n` is a valid local.
        assert_eq!(unsafe { cc_cable_errors_count(c, &mut n) }, CC_OK);
        assert_eq!(n, 0);
        // SAFETY: NULL cable is the case under test.
        assert_eq!(
            unsafe { cc_cable_tags_count(std::ptr::null(), &mut n) },
            CC_NULL_ARGUMENT
        );
        // SAFETY: NULL out is the case under test.
        assert_eq!(
            unsafe { cc_cable_subject(c, std::ptr::null_mut()) },
            CC_NULL_ARGUMENT
        );
        let mut s = cc_str::ABSENT;
        // SAFETY: `c` is live; index 1000 is out of range for any list here.
        assert_eq!(
            unsafe { cc_cable_tags_at(c, 1000, &mut s) },
            CC_INDEX_OUT_OF_RANGE
        );
        // SAFETY: made by `cc_parse`, freed once.
        unsafe { cc_cable_free(c) };
    }

    #[test]
    fn cow_lists_and_string_lists_both_view() {
        let owned: Cow<'_, str> = Cow::Owned("PGOV".to_owned());
        assert_eq!(view(&owned).len, 4);
        assert_eq!(view(&"1.4(b)".to_owned()).len, 6);
    }
}
