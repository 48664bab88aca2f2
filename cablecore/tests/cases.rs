//! The shared test cases (`testdata/cases`, format in `testdata/README.md`),
//! read by the Rust, Python and C suites alike.

use std::fs;
use std::path::Path;

use cablecore::Context;
use serde_json::Value;

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/cases");

fn render(v: &Value) -> String {
    match v {
        Value::Null => "~".to_string(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// Undo the value escapes `\\n`, `\\t`, `\\\\`.
fn unescape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Check one case; returns the list of mismatches.
fn check(name: &str, text: &str, expect: &str) -> Vec<String> {
    let mut keys: Vec<(String, Vec<String>)> = Vec::new();
    let mut year = None;
    let mut reference_id = None;
    for line in expect.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line.split_once('\t').unwrap_or((line, ""));
        let v = unescape(v);
        let v = v.as_str();
        match k {
            "@year" => year = v.parse().ok(),
            "@reference_id" => reference_id = Some(v.to_string()),
            _ => match keys.iter_mut().find(|(key, _)| key == k) {
                Some((_, vals)) => vals.push(v.to_string()),
                None => keys.push((k.to_string(), vec![v.to_string()])),
            },
        }
    }
    let ctx = Context {
        year,
        reference_id: reference_id.as_deref(),
    };
    let cable = cablecore::parse_with(text, ctx);
    let json = serde_json::to_value(&cable).expect("serialise");
    let mut errors = Vec::new();
    for (key, want) in &keys {
        let got: Vec<String> = if let Some(field) = key.strip_suffix("#len") {
            vec![json[field].as_array().map_or(0, Vec::len).to_string()]
        } else if let Some((field, sub)) = key.split_once('.') {
            json[field]
                .as_array()
                .map(|items| items.iter().map(|i| render(&i[sub])).collect())
                .unwrap_or_default()
        } else {
            match &json[key.as_str()] {
                Value::Array(items) if want.as_slice() == ["[]"] && items.is_empty() => {
                    vec!["[]".to_string()]
                }
                Value::Array(items) => items.iter().map(render).collect(),
                v => vec![render(v)],
            }
        };
        if &got != want {
            errors.push(format!("{name}: {key}: expected {want:?}, got {got:?}"));
        }
    }
    errors
}

#[test]
fn shared_cases() {
    let mut names: Vec<_> = fs::read_dir(CASES)
        .expect("testdata/cases exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "cable"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no shared cases found");
    let mut errors = Vec::new();
    for path in &names {
        let text = fs::read_to_string(path).expect("case text");
        let expect_path = path.with_extension("expect");
        let expect = fs::read_to_string(&expect_path)
            .unwrap_or_else(|_| panic!("missing {}", expect_path.display()));
        let name = path.file_stem().unwrap().to_string_lossy();
        errors.extend(check(&name, &text, &expect));
    }
    println!("{} shared cases checked", names.len());
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn case_files_come_in_pairs() {
    for e in fs::read_dir(Path::new(CASES)).expect("cases dir") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|e| e == "expect") {
            assert!(
                p.with_extension("cable").exists(),
                "{} has no .cable",
                p.display()
            );
        }
    }
}
