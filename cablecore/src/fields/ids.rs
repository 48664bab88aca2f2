//! Reference ids: canonical form, years, inference from banner + DTG.

/// Four-digit year from a two-digit one (`66`..=`99` → 19xx, `00`..=`65` → 20xx).
pub fn full_year(yy: u32) -> i32 {
    if yy >= 66 {
        1900 + yy as i32
    } else {
        2000 + yy as i32
    }
}

/// Canonical id of a reference id as written: `09MEXICO 193` → `09MEXICO193`,
/// `09SECSTATE12` → `09STATE12`, `08SECTION01OF03CAIRO1416` → `08CAIRO1416`.
/// `None` when no year/origin/serial can be read.
pub fn canonical_id(_raw: &str) -> Option<String> {
    None
}

/// Canonical id from parts: year `2009`, post `MEXICO` or `BUENOS AIRES`, serial `000193`
/// → `09MEXICO193`. `None` when the serial has no digit or the post is empty.
pub fn cable_id(_year: i32, _post: &str, _serial: &str) -> Option<String> {
    None
}

/// Four-digit year of a reference id (`09MEXICO193` → 2009).
pub fn year_of_id(_id: &str) -> Option<i32> {
    None
}

/// A metadata date-time as the containers write it: `12/28/1966 18:06` (cables.csv),
/// `2009-01-23 23:11` (cablegate page), `2009-10-23 20:57:00` (dump copies).
/// `None` for anything else (`2009-10.26 23:11`, `2010-22-25`).
pub fn parse_metadata_datetime(_raw: &str) -> Option<chrono::NaiveDateTime> {
    None
}
