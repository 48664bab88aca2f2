//! Test support shared by the unit tests of this crate.

use std::path::PathBuf;

use crate::container::{cables, Format};

/// `../shared/corpus` beside the workspace, when it is there (tests skip with
/// a printed reason otherwise).
pub(crate) fn corpus_dir() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus"));
    if p.is_dir() {
        Some(p)
    } else {
        println!("skipped: {} is absent", p.display());
        None
    }
}

/// The rows of `corpus/cables-sample.csv` as the eight `cables.csv` columns
/// (id, date, refid, origin, classification, references, header, content),
/// read with the crate's own CSV reader.
pub(crate) fn sample_csv_rows() -> Option<Vec<Vec<String>>> {
    let data = std::fs::read(corpus_dir()?.join("cables-sample.csv")).ok()?;
    let s = |v: &Option<std::borrow::Cow<'_, str>>| v.as_deref().unwrap_or("").to_string();
    let rows: Vec<Vec<String>> = cables(&data, Format::Csv)
        .map(|c| {
            let c = c.expect("the sample CSV reads without errors");
            vec![
                c.id.map(|i| i.to_string()).unwrap_or_default(),
                s(&c.created),
                s(&c.reference_id),
                s(&c.origin),
                s(&c.classification),
                s(&c.references),
                s(&c.header),
                s(&c.body),
            ]
        })
        .collect();
    Some(rows)
}
