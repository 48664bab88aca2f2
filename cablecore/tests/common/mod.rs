//! Support shared by the integration tests that read the real corpus.

use std::path::PathBuf;

use cablecore::container::{cables, Format};

/// `../shared/corpus` beside the workspace, when it is there; tests skip with a
/// printed reason otherwise.
pub fn corpus() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus"));
    if p.is_dir() {
        Some(p)
    } else {
        println!("skipped: {} is absent", p.display());
        None
    }
}

/// The rows of a `cables.csv` text as its eight columns (id, date, refid,
/// origin, classification, references, header, content), read with the
/// crate's CSV reader.
pub fn csv_rows(data: &str) -> Vec<Vec<String>> {
    let s = |v: &Option<std::borrow::Cow<'_, str>>| v.as_deref().unwrap_or("").to_string();
    cables(data.as_bytes(), Format::Csv)
        .map(|c| {
            let c = c.expect("the CSV reads without errors");
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
        .collect()
}
