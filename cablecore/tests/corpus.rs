//! The real corpus (`../shared/corpus`, read at run time, skipped when absent):
//! every cable parses without panicking, tokenization is lossless, and the
//! main fields are found wherever the format survey says they exist.

mod common;

use std::fs;

use cablecore::{parse_input, Context, Input, Metadata, Region, Tokenizer};
use common::{corpus, csv_rows};

fn tiles(text: &str, region: Region) -> bool {
    let mut pos = 0;
    for t in Tokenizer::new(text, region) {
        if t.span.start != pos || t.span.end <= t.span.start {
            return false;
        }
        pos = t.span.end;
    }
    pos == text.len()
}

#[test]
fn every_sample_cable_parses_losslessly_with_its_fields() {
    let Some(dir) = corpus() else { return };
    let data = fs::read_to_string(dir.join("cables-sample.csv")).expect("read cables-sample.csv");
    let rows = csv_rows(&data);
    assert_eq!(rows.len(), 783, "cables-sample.csv rows");
    // (field, present in the text by a simple check, found by the parser)
    let mut counts: Vec<(&str, usize, usize)> = Vec::new();
    let mut bump = |name: &'static str, present: bool, found: bool| {
        let slot = match counts.iter_mut().find(|c| c.0 == name) {
            Some(s) => s,
            None => {
                counts.push((name, 0, 0));
                counts.last_mut().unwrap()
            }
        };
        slot.1 += present as usize;
        slot.2 += found as usize;
    };
    for row in &rows {
        assert_eq!(row.len(), 8);
        let (header, body) = (row[6].as_str(), row[7].as_str());
        assert!(
            tiles(header, Region::Header),
            "{}: header not tiled",
            row[2]
        );
        assert!(tiles(body, Region::Body), "{}: body not tiled", row[2]);
        let joined = format!("{header}\n\n{body}");
        assert!(tiles(&joined, Region::Auto), "{}: text not tiled", row[2]);
        let input = Input {
            metadata: Metadata {
                id: row[0].parse().ok(),
                reference_id: Some(&row[2]),
                created: Some(&row[1]),
                classification: Some(&row[4]),
                origin: Some(&row[3]),
                ..Metadata::default()
            },
            header: Some(header),
            body: Some(body),
            ..Input::default()
        };
        let c = parse_input(&input, Context::default());
        let lines = |s: &str, pred: &dyn Fn(&str) -> bool| s.lines().any(|l| pred(l.trim_start()));
        let upper = |l: &str| l.to_ascii_uppercase();
        bump(
            "banner",
            lines(body, &|l| {
                let u = upper(l).replace(' ', "");
                (u.starts_with("SECRET")
                    || u.starts_with("CONFIDENTIAL")
                    || u.starts_with("UNCLAS"))
                    && u.bytes().rev().take_while(|b| b.is_ascii_digit()).count() >= 4
            }),
            c.banner.is_some(),
        );
        bump(
            "tags",
            lines(body, &|l| {
                upper(l).starts_with("TAGS") || l.starts_with("TAG ") || l.starts_with("TAG:")
            }) || body.contains("TAGS:")
                || body.contains("Tags:"),
            !c.tags.is_empty(),
        );
        bump(
            "subject",
            lines(body, &|l| {
                upper(l).starts_with("SUBJECT") || upper(l).starts_with("SUBJ:")
            }),
            c.subject.is_some(),
        );
        bump(
            "eo",
            lines(body, &|l| {
                let u = upper(l);
                u.starts_with("E.O") || u.starts_with("EO 1") || u.starts_with("E.0")
            }),
            c.eo.is_some(),
        );
        bump(
            "classified_by",
            upper(body).contains("CLASSIFIED BY"),
            c.classified_by.is_some() || !c.reasons.is_empty(),
        );
        bump(
            "dtg",
            lines(header, &|l| {
                l.split_whitespace().any(|w| {
                    w.len() == 7 && w.ends_with('Z') && w[..6].bytes().all(|b| b.is_ascii_digit())
                })
            }),
            c.dtg.is_some(),
        );
        bump(
            "to",
            lines(header, &|l| l.starts_with("TO ")),
            !c.recipients.is_empty(),
        );
        bump(
            "paragraphs",
            lines(body, &|l| l.starts_with("1.") || l.starts_with("1)")),
            c.paragraphs.iter().any(|p| p.number.is_some()),
        );
        bump("signers", true, !c.signers.is_empty());
        bump(
            "references",
            lines(body, &|l| upper(l).starts_with("REF")),
            !c.references.is_empty(),
        );
        assert!(
            serde_json::to_string(&c).is_ok(),
            "{}: record does not serialise",
            row[2]
        );
    }
    println!("field            present  found   rate (found / 783)");
    for (name, present, found) in &counts {
        println!(
            "{name:<16} {present:>7}  {found:>5}   {:.1}%",
            100.0 * *found as f64 / 783.0
        );
    }
    // Floors: the survey's rates for these fields (format.md §3, §5), rounded down.
    let floor = |name: &str| match name {
        "banner" => 0.990,
        "tags" => 0.995,
        "subject" => 0.985,
        "eo" => 0.990,
        "classified_by" => 0.89,
        "dtg" => 0.93,
        "to" => 0.92,
        "paragraphs" => 0.97,
        "signers" => 0.80,
        "references" => 0.50,
        _ => 0.0,
    };
    let mut failed = Vec::new();
    for (name, _present, found) in &counts {
        let rate = *found as f64 / 783.0;
        if rate < floor(name) {
            failed.push(format!("{name}: {:.3} < {:.3}", rate, floor(name)));
        }
    }
    assert!(
        failed.is_empty(),
        "found-rates below the survey: {failed:?}"
    );
}
