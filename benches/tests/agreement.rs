//! How often the engine's record agrees with what the generator put in.
//!
//! `cargo test -p cablecore-benches --test agreement -- --ignored --nocapture`
//!
//! Ignored by default: it measures the parser (work in progress elsewhere), it does not
//! test this crate. It prints one agreement rate per field and fails when a rate drops
//! below its floor.

use cablecore::{parse_parts, Context};
use cablecore_benches::gen::{Generator, HeaderShape};

struct Rate {
    name: &'static str,
    hit: usize,
    total: usize,
    floor: f64,
}

impl Rate {
    fn new(name: &'static str, floor: f64) -> Self {
        Rate {
            name,
            hit: 0,
            total: 0,
            floor,
        }
    }
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.hit += usize::from(ok);
    }
    fn pct(&self) -> f64 {
        100.0 * self.hit as f64 / self.total.max(1) as f64
    }
}

#[test]
#[ignore = "measures the parser against generated facts; run explicitly"]
fn engine_agrees_with_generator() {
    let mut tags = Rate::new("tags", 95.0);
    let mut subject = Rate::new("subject", 90.0);
    let mut paragraphs = Rate::new("paragraph count", 90.0);
    let mut references = Rate::new("reference count", 90.0);
    let mut ref_ids = Rate::new("reference ids", 90.0);
    let mut numbers = Rate::new("paragraph numbers", 90.0);
    let mut dtg_prec = Rate::new("DTG precedence", 95.0);
    let mut banner = Rate::new("banner", 95.0);
    let mut signer = Rate::new("signer", 85.0);
    let mut from = Rate::new("FM", 95.0);
    let mut recipients = Rate::new("TO+INFO count", 90.0);
    let mut tid = Rate::new("transmission id", 95.0);
    let mut section = Rate::new("section total", 95.0);
    let mut reasons = Rate::new("reasons", 85.0);
    for c in Generator::new(2024).take(1000) {
        let f = &c.facts;
        let ctx = Context {
            reference_id: Some(&f.reference_id),
            year: None,
        };
        let cable = parse_parts(Some(&c.header), Some(&c.body), ctx);
        // Tags compare case-insensitively; `OVIP (NAME, GIVEN)` may come back as one tag
        // or as `OVIP` followed by the name.
        let got_tags: Vec<String> = cable.tags.iter().map(|t| t.to_uppercase()).collect();
        let want_tags: Vec<String> = f.tags.iter().map(|t| t.to_uppercase()).collect();
        let split_ovip: Vec<String> = want_tags
            .iter()
            .flat_map(
                |t| match t.strip_prefix("OVIP (").and_then(|r| r.strip_suffix(')')) {
                    Some(name) => vec!["OVIP".to_string(), name.to_string()],
                    None => vec![t.clone()],
                },
            )
            .collect();
        tags.add(got_tags == want_tags || got_tags == split_ovip);
        if let Some(s) = &f.subject {
            subject.add(cable.subject.as_deref() == Some(s.as_str()));
        }
        if !f.truncated {
            paragraphs.add(cable.paragraphs.len() == f.paragraph_numbers.len());
        }
        references.add(cable.references.len() == f.references.len());
        if !f.references.is_empty() {
            let got: Vec<&str> = cable
                .references
                .iter()
                .filter_map(|r| r.value.as_deref())
                .collect();
            ref_ids.add(
                got == f
                    .metadata_references
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
            );
        }
        if !f.truncated {
            let got: Vec<u32> = cable.paragraphs.iter().filter_map(|p| p.number).collect();
            numbers.add(got == f.paragraph_numbers);
        }
        if f.dtg.is_some() && !f.dtg_precedence.is_empty() {
            let got: Vec<&str> = cable.dtg_precedence.iter().map(|p| p.as_ref()).collect();
            dtg_prec.add(
                got == f
                    .dtg_precedence
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
            );
        }
        if let Some(b) = &f.banner {
            banner.add(cable.banner.as_deref().map(str::trim_end) == Some(b.as_str()));
        }
        if let Some(s) = &f.signer {
            // Case-insensitive; a multi-token signature (`NAME JR`) may keep only the name.
            let first = s.split(' ').next().unwrap_or(s);
            signer.add(
                cable
                    .signers
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case(s) || x.eq_ignore_ascii_case(first)),
            );
        }
        if let Some(s) = &f.from {
            from.add(cable.from.as_deref() == Some(s.as_str()));
        }
        if !matches!(
            f.header_shape,
            HeaderShape::Partial | HeaderShape::PartialDtg
        ) {
            recipients.add(
                cable.recipients.len() + cable.info_recipients.len() == f.to.len() + f.info.len(),
            );
        }
        if let Some(t) = &f.transmission_id {
            tid.add(cable.transmission_id.as_deref() == Some(t.as_str()));
        }
        if let Some(t) = f.section_total {
            section.add(cable.section_total == Some(t));
        }
        if !f.reasons.is_empty() {
            reasons.add(cable.reasons == f.reasons);
        }
    }
    let rates = [
        tags, subject, paragraphs, numbers, references, ref_ids, signer, from, recipients, tid,
        dtg_prec, banner, section, reasons,
    ];
    let mut failed = Vec::new();
    for r in &rates {
        println!("{:<18} {:>6.1}%  ({}/{})", r.name, r.pct(), r.hit, r.total);
        if r.pct() < r.floor {
            failed.push(format!("{} {:.1}% < {}%", r.name, r.pct(), r.floor));
        }
    }
    assert!(failed.is_empty(), "below floor: {failed:?}");
}
