//! Golden tests over the bundled sample cables (invented text in the real
//! format, `examples/sample/`). Each expected record lives in
//! `testdata/golden/NAME.json` and was checked by hand against the text.
//!
//! To re-generate after a deliberate change: `CABLECORE_BLESS=1 cargo test
//! --test samples`, then review the diff line by line before committing.

use std::fs;
use std::path::Path;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

#[test]
fn samples_match_golden_records() {
    let dir = Path::new(ROOT).join("examples/sample");
    let golden = Path::new(ROOT).join("testdata/golden");
    let bless = std::env::var_os("CABLECORE_BLESS").is_some();
    let mut names: Vec<_> = fs::read_dir(&dir)
        .expect("examples/sample exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "expected the bundled sample cables");
    let mut failures = Vec::new();
    for path in names {
        let text = fs::read_to_string(&path).expect("sample is UTF-8");
        let cable = cablecore::parse(&text);
        let got = serde_json::to_string_pretty(&cable).expect("serialise") + "\n";
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let want_path = golden.join(format!("{stem}.json"));
        if bless {
            fs::write(&want_path, &got).expect("write golden");
            continue;
        }
        let want = fs::read_to_string(&want_path)
            .unwrap_or_else(|_| panic!("missing golden file {}", want_path.display()));
        if want != got {
            failures.push(format!(
                "{stem}: record differs from {}\n--- got ---\n{got}",
                want_path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
