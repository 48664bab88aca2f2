//! Golden tests over real cables from the corpus (`../shared/corpus`, read at
//! run time; the test skips with a printed reason when the corpus is absent).
//!
//! Each cable listed in [`CABLES`] is read from `corpus/cables-sample.csv`,
//! parsed with [`cablecore::parse_input`] (metadata, header and body as the
//! `cables.csv` reader gives them), serialised with `serde_json`, reduced (see
//! [`reduce`]) and compared with `testdata/golden-real/REFID.json`.
//!
//! The expected files are the truth, checked by hand against the cable text —
//! not a snapshot of the parser's output. Where the parser is wrong, the file
//! says what it should give, and the test fails until the parser is fixed.
//! All mismatching fields of all cables are reported in one failure message.
//! Open parser bugs are listed in `testdata/golden-real/known-differences.txt`
//! (`REFID FIELD`): those fields may differ until they are fixed; any other
//! mismatch fails the test, and so does a listed field that has come to match.
//!
//! No cable text is stored beyond short values: the reduction keeps every
//! serialised field except `position` (not set here), turns each paragraph into
//! its number, marking, the first 30 characters of its text and its byte length,
//! turns `summary`/`comment` into their first 40 characters and byte length,
//! and keeps only `code` and `part` of each diagnostic (the message wording and
//! the exact offset are not a property of the cable).
//!
//! Draft mode: `CABLECORE_BLESS=1 cargo test --test golden_real` writes the
//! reduced actual record for every listed cable **that has no expected file
//! yet** (hand-checked files are never overwritten; delete a file to re-draft
//! it). A draft is only a starting point: check every field against the text.

mod common;

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use cablecore::{parse_input, Context, Input, Metadata};
use common::{corpus, csv_rows};
use serde_json::{json, Map, Value};

/// The cables under test, each with the format variants it covers
/// (section numbers refer to `shared/docs/format.md`).
const CABLES: &[(&str, &str)] = &[
    // ---------------------------------------------------------------- headers
    ("05MADRID4314", "§3.2 VZCZCXYZ + RUEHWEB routing line and blank line before DE"),
    ("06NAIROBI72", "§3.2 XYZ header; §3.8 recipients without MCN (DEPT OF JUSTICE)"),
    ("04MADRID960", "§3.1 partial-extract page; §5.18 `,s` artefact"),
    ("04ANKARA348", "§3.1 partial extract; §5.2 mixed-case cable; §5.5 E.O.+TAGS+SUBJECT on one line; §5.9 `(U) Classified by`; §5.17 lower-case xxxxx"),
    ("00HARARE6677", "§3.10 DISTCODES print header; §5.15 PAGE print lines; §5.1 date line; REFTEL:; DECL M/D/YY"),
    ("09STATE63860", "§3.9 XMT; §3.10 (TEDE) /000R; Declassify on; Classified By: Derived from Multiple Sources"),
    ("08STATE103511", "§3.8 ZEN/ routes and MCN ranges; §5.9 numbered paragraph `2. (U) Classified by`"),
    ("66BUENOSAIRES2481", "§3.1 1966 cable without TID, recipients without routes; DECL free text (NARA); REF `;`-separated"),
    ("72TEHRAN1164", "1972 cable; AS AMENDED; DECLASSIFIED; BEGIN SUMMARY; unmarked `N. Text` paragraphs"),
    ("79TEHRAN8980", "1979; E.O. 12065 GDS; paragraph numbers repeat; signature followed by CONFIDENTIAL"),
    ("89PANAMA8545", "1989; E.O.12356: DECL:OADR; paragraph gaps"),
    ("08LONDON2673", "§3.1 header starting mid recipient list; distribution block"),
    ("09DOHA214", "§3.1 header starting with an e-mail/inbox export"),
    ("10ISLAMABAD461", "§3.6 DTG trailer `ZDK TO ALL CITE …`"),
    ("07PARIS159", "§3.5 security line with glued `(CCY …)` trailer"),
    // ---------------------------------------------------------------- preamble
    ("88BAGHDAD28", "§5.2 mixed-case `S e c r e t state 068250`; body of another cable (banner_mismatch)"),
    ("07PARIS921", "§5.6 TAGS continuation line"),
    ("07PARIS1995", "§5.6 TAGS continuation (mixed separators)"),
    ("09STATE30049", "§5.6 OVIP (CLINTON, HILLARY) person tag; §5.9 `1. Classified by` paragraph; §5.7 SUBJECT continued after a blank line"),
    ("06CARACAS219", "§5.2 SECTION banner; §5.5 DNG: CO downgrade"),
    ("04MADRID2164", "§5.2 UNCLAS SECTION banner; SENSITIVE; E.O. N/A"),
    ("09BELGRADE765", "§5.5 DECL 2019/07/29 (new format); §5.9 SMART Classified By form; `BRUSH BRUSH` signature"),
    ("07DUBAI59", "§5.5 DECL: two spaces + M/D/YYYY"),
    ("09ABUDHABI301", "§5.5 E.O. date without DECL; REFS: A) … with e-mail item and 08 STATE"),
    ("09DJIBOUTI113", "§5.5 DECL 2019-02-12 (ISO-like)"),
    ("10SHENYANG4", "§5.2 redacted banner post; §5.5 DECL free text; REF with a redacted post; SUBJECT continued after a blank line"),
    ("05MADRID1178", "§5.8 double lettering A. A) SECSTATE; header recipients copied into body"),
    ("06PARIS953", "§5.8 double lettering A. (A) with non-cable items; comment with a typo in its end marker; `(Note and comment: …)`"),
    ("09BRASILIA1216", "§5.8 double lettering A. A. with zero-padded serials"),
    ("08BRASILIA429", "§5.4/5.5 distribution + E.O. + TAGS on one line; OVIP; REF DTG item"),
    ("06MADRID1914", "§5.8 `2005 MADRID 3528` four-digit year items"),
    ("04MADRID4063", "§5.8 e-mail reference (other)"),
    ("08STATE15220", "§5.2 mixed-case STATE cable; `Ref: a. 05 state …`; Nnnn tail"),
    ("05MOSCOW11807", "§5.8 `(A)`-lettered items on one line"),
    ("07TRIPOLI943", "§5.8 `A)` items separated by `;`, e-mail item"),
    ("08LONDON1991", "§5.7 REF glued to the SUBJECT line"),
    ("10BRASILIA43", "§5.9 Classified By glued to SUBJECT; MINIMIZE CONSIDERED tail"),
    ("09STATE15113", "§5.9 Classified by glued to REF; DISTCODES header"),
    ("09STATE119085", "§5.9 `(U) Classified by:` with title"),
    ("05MADRID171", "§5.9 Classified By with `;` and REASON; double lettering A. A) 04 STATE"),
    ("04MADRID583", "§5.9 `per 1.5 (b) and (d)`; partial extract"),
    ("09RIODEJANEIRO365", "§5.9 Classified By after a page-break marker; REF `;`-list"),
    ("10BAGHDAD167", "§5.9 redacted classifier name"),
    // -------------------------------------------------------------------- body
    ("08BRASILIA43", "§5.15 page breaks embedded mid-line; §5.16 glued signature"),
    ("09KHARTOUM881", "§5.1 body starts with a <<id>> dump block + full header; mixed case"),
    ("10BERLIN180", "§5.1 body starts with ID:/ORIGIN: dump metadata labels"),
    ("07PARIS2725", "§5.2 body of another cable (MOSCOW 005154): banner_mismatch; date line"),
    ("10MEXICO614", "§5.2 body of another cable (ISLAMABAD); FOUO vs SECRET"),
    ("07LAPAZ3262", "§5.1 missing banner, body starts with SIPDIS"),
    ("10LONDON131", "§5.17 bracketed [SOURCE REMOVED] redactions"),
    ("05PARIS1699", "§5.14 `Summary and comment:`"),
    ("09BAMAKO776", "§5.8 double lettering A. A.; §5.16 signature on two lines"),
    ("10BOGOTA243", "§5.2 banner trailer `SIPDIS NOFORN`; SMART Classified By; collapsed `SUMMARY -------` heading; runs of redactions in one line"),
    ("10STATE9124", "§5.8 `REF A:` label after Classified By (order CLS REF); ruled SUMMARY heading"),
    ("06KABUL3934", "§5.11 truncated body (252 bytes, ends in `...`) inside the pass lines; no TAGS"),
    ("09MADRID604", "§5.11 truncated body ending inside the SUBJECT (`…DAN FRIED ...`)"),
    ("09KABUL3423", "§5.11 truncated body ending inside Classified By (`Annie Pforzheimer, ...`)"),
];

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// The first `n` characters of `s`.
fn prefix(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Reduce a serialised record to what the expected files hold (see the module docs).
fn reduce(v: Value) -> Value {
    let Value::Object(mut m) = v else { return v };
    m.remove("position");
    if let Some(Value::Array(ps)) = m.get_mut("paragraphs") {
        for p in ps.iter_mut() {
            let text = p.get("text").and_then(Value::as_str).unwrap_or("");
            *p = json!({
                "number": p.get("number").cloned().unwrap_or(Value::Null),
                "marking": p.get("marking").cloned().unwrap_or(Value::Null),
                "text_prefix": prefix(text, 30),
                "text_len": text.len(),
            });
        }
    }
    for key in ["summary", "comment"] {
        if let Some(slot) = m.get_mut(key) {
            if let Some(s) = slot.as_str() {
                *slot = json!({ "prefix": prefix(s, 40), "len": s.len() });
            }
        }
    }
    if let Some(Value::Array(ds)) = m.get_mut("diagnostics") {
        for d in ds.iter_mut() {
            *d = json!({
                "code": d.get("code").cloned().unwrap_or(Value::Null),
                "part": d.get("part").cloned().unwrap_or(Value::Null),
            });
        }
    }
    Value::Object(m)
}

/// Number of leaf values (scalars and empty containers) in `v`.
fn leaves(v: &Value) -> usize {
    match v {
        Value::Array(a) if !a.is_empty() => a.iter().map(leaves).sum(),
        Value::Object(o) if !o.is_empty() => o.values().map(leaves).sum(),
        _ => 1,
    }
}

/// Append one line per differing field of `got` against `want` to `out`.
/// Lists are compared item by item so a long list names the items that differ.
fn diff(refid: &str, want: &Map<String, Value>, got: &Map<String, Value>, out: &mut Vec<String>) {
    let mut keys: Vec<&String> = want.keys().chain(got.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (w, g) = (
            want.get(key).unwrap_or(&Value::Null),
            got.get(key).unwrap_or(&Value::Null),
        );
        if w == g {
            continue;
        }
        match (w, g) {
            (Value::Array(wa), Value::Array(ga)) => {
                if wa.len() != ga.len() {
                    out.push(format!(
                        "{refid} {key}: expected {} items, got {}",
                        wa.len(),
                        ga.len()
                    ));
                }
                diff_list(refid, key, wa, ga, out);
            }
            _ => out.push(format!("{refid} {key}: expected {w}, got {g}")),
        }
    }
}

/// Item-level differences of two lists, aligned on their longest common
/// subsequence so that one missing or extra item (a paragraph the parser did
/// not split off) is reported once instead of shifting every later item.
fn diff_list(refid: &str, key: &str, want: &[Value], got: &[Value], out: &mut Vec<String>) {
    let (n, m) = (want.len(), got.len());
    // lcs[i][j]: length of the LCS of want[i..] and got[j..].
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if want[i] == got[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut gap_w, mut gap_g) = (Vec::new(), Vec::new());
    let flush = |gw: &mut Vec<usize>, gg: &mut Vec<usize>, out: &mut Vec<String>| {
        for k in 0..gw.len().max(gg.len()) {
            match (gw.get(k), gg.get(k)) {
                (Some(&a), Some(&b)) => out.push(format!(
                    "{refid} {key}[{a}]: expected {}, got {}",
                    want[a], got[b]
                )),
                (Some(&a), None) => out.push(format!("{refid} {key}[{a}]: missing {}", want[a])),
                (None, Some(&b)) => out.push(format!("{refid} {key}: unexpected item {}", got[b])),
                (None, None) => {}
            }
        }
        gw.clear();
        gg.clear();
    };
    while i < n || j < m {
        if i < n && j < m && want[i] == got[j] {
            flush(&mut gap_w, &mut gap_g, out);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            gap_g.push(j);
            j += 1;
        } else {
            gap_w.push(i);
            i += 1;
        }
    }
    flush(&mut gap_w, &mut gap_g, out);
}

/// Parse the cable of one CSV row as the `cables.csv` reader would hand it over.
fn parse_row(row: &[String]) -> Value {
    let input = Input {
        metadata: Metadata {
            id: row[0].trim().parse().ok(),
            reference_id: Some(&row[2]),
            created: Some(&row[1]),
            classification: Some(&row[4]),
            origin: Some(&row[3]),
            ..Default::default()
        },
        header: Some(&row[6]),
        body: Some(&row[7]),
        ..Default::default()
    };
    let cable = parse_input(&input, Context::default());
    serde_json::to_value(&cable).expect("a record serialises")
}

#[test]
fn real_cables_match_hand_checked_records() {
    let Some(dir) = corpus() else { return };
    let golden = Path::new(ROOT).join("testdata/golden-real");
    let bless = std::env::var_os("CABLECORE_BLESS").is_some();
    let data = fs::read_to_string(dir.join("cables-sample.csv")).expect("read cables-sample.csv");
    let rows = csv_rows(&data);
    let by_id: HashMap<&str, &Vec<String>> = rows
        .iter()
        .filter(|r| r.len() == 8)
        .map(|r| (r[2].as_str(), r))
        .collect();

    assert!(CABLES.len() >= 40, "at least 40 real cables are covered");
    let mut failures = Vec::new();
    let (mut fields, mut values) = (0, 0);
    for (refid, _variant) in CABLES {
        let Some(row) = by_id.get(refid) else {
            failures.push(format!("{refid}: not in cables-sample.csv"));
            continue;
        };
        let got = reduce(parse_row(row));
        let path = golden.join(format!("{refid}.json"));
        if bless && !path.exists() {
            fs::create_dir_all(&golden).expect("create testdata/golden-real");
            let text = serde_json::to_string_pretty(&got).expect("serialise") + "\n";
            fs::write(&path, text).expect("write draft");
            println!("drafted {} — check it by hand", path.display());
            continue;
        }
        let Ok(text) = fs::read_to_string(&path) else {
            failures.push(format!("{refid}: missing {}", path.display()));
            continue;
        };
        let want: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{refid}: {} is not JSON: {e}", path.display()));
                continue;
            }
        };
        let (Value::Object(w), Value::Object(g)) = (&want, &got) else {
            failures.push(format!("{refid}: expected record is not an object"));
            continue;
        };
        fields += w.len();
        values += leaves(&want);
        diff(refid, w, g, &mut failures);
    }
    // Every expected file belongs to a listed cable.
    if let Ok(entries) = fs::read_dir(&golden) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if let Some(stem) = name.strip_suffix(".json") {
                if !CABLES.iter().any(|(r, _)| *r == stem) {
                    failures.push(format!("{name}: expected file for a cable not in CABLES"));
                }
            }
        }
    }
    println!(
        "golden-real: {} cables, {fields} fields, {values} values checked, {} mismatches",
        CABLES.len(),
        failures.len()
    );
    // Open parser bugs are listed, one `REFID FIELD` per line, in
    // known-differences.txt: a listed field may still differ, an unlisted one may
    // not, and a listed one that now matches must be taken off the list.
    let known_text = fs::read_to_string(golden.join("known-differences.txt")).unwrap_or_default();
    let known: Vec<(&str, &str)> = known_text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .filter_map(|l| l.split_once(char::is_whitespace))
        .map(|(r, f)| (r, f.trim()))
        .collect();
    let key = |f: &str| -> (String, String) {
        let (refid, rest) = f.split_once(' ').unwrap_or((f, ""));
        let field = rest.split(['[', ':', ' ']).next().unwrap_or("");
        (refid.to_string(), field.to_string())
    };
    let (listed, new): (Vec<&String>, Vec<&String>) = failures.iter().partition(|f| {
        let (r, k) = key(f);
        known.iter().any(|(kr, kf)| *kr == r && *kf == k)
    });
    let stale: Vec<String> = known
        .iter()
        .filter(|(r, f)| {
            !failures
                .iter()
                .any(|x| key(x) == (r.to_string(), f.to_string()))
        })
        .map(|(r, f)| format!("{r} {f}"))
        .collect();
    println!(
        "golden-real: {} mismatches in known open differences ({} listed)",
        listed.len(),
        known.len()
    );
    assert!(
        new.is_empty() && stale.is_empty(),
        "{} new mismatching fields against testdata/golden-real:\n{}\n\
         {} listed known differences now match (remove them from known-differences.txt): {:?}",
        new.len(),
        new.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        stale.len(),
        stale
    );
}

#[test]
fn reduction_keeps_short_values_only() {
    let long = "An invented paragraph text that runs well past thirty characters.";
    let v = json!({
        "position": {"byte": 0, "line": 1, "record": 0},
        "tags": ["PREL"],
        "paragraphs": [{"number": 1, "marking": "C", "text": long, "span": {"start": 0, "end": 9}}],
        "summary": "Ünïcode summary text that is longer than forty characters in all.",
        "comment": null,
        "diagnostics": [{"code": "missing_banner", "message": "m", "part": "body", "offset": 3}],
    });
    let r = reduce(v);
    assert!(r.get("position").is_none());
    assert_eq!(r["tags"], json!(["PREL"]));
    assert_eq!(
        r["paragraphs"][0],
        json!({"number": 1, "marking": "C", "text_prefix": "An invented paragraph text tha", "text_len": long.len()})
    );
    assert_eq!(
        r["summary"]["prefix"],
        json!("Ünïcode summary text that is longer than")
    );
    assert_eq!(r["summary"]["len"], json!(67));
    assert_eq!(r["comment"], Value::Null);
    assert_eq!(
        r["diagnostics"],
        json!([{"code": "missing_banner", "part": "body"}])
    );
}

#[test]
fn diff_names_every_differing_item() {
    let want = json!({"tags": ["PREL", "PGOV"], "subject": "A", "signers": ["DOE"]});
    let got = json!({"tags": ["PREL", "XX", "YY"], "subject": "B", "signers": ["DOE"]});
    let mut out = Vec::new();
    diff(
        "99FOO1",
        want.as_object().unwrap(),
        got.as_object().unwrap(),
        &mut out,
    );
    assert_eq!(
        out,
        [
            "99FOO1 subject: expected \"A\", got \"B\"",
            "99FOO1 tags: expected 2 items, got 3",
            "99FOO1 tags[1]: expected \"PGOV\", got \"XX\"",
            "99FOO1 tags: unexpected item \"YY\"",
        ]
    );
}

#[test]
fn list_diff_reports_a_missing_item_once() {
    let want = json!({"p": [1, 2, 3, 4, 5]});
    let got = json!({"p": [1, 3, 4, 5, 6]});
    let mut out = Vec::new();
    diff(
        "99FOO1",
        want.as_object().unwrap(),
        got.as_object().unwrap(),
        &mut out,
    );
    assert_eq!(
        out,
        ["99FOO1 p[1]: missing 2", "99FOO1 p: unexpected item 6"]
    );
}
