//! Engine properties: the tokenizer is lossless and nothing panics, on any text.

use cablecore::{parse, parse_parts, tokenize, Context, Region, Tokenizer};
use proptest::prelude::*;

fn assert_tiles(text: &str, region: Region) {
    let mut pos = 0;
    for tok in Tokenizer::new(text, region) {
        assert_eq!(tok.span.start, pos, "gap or overlap at {pos} in {text:?}");
        assert!(
            tok.span.end > tok.span.start,
            "empty token at {pos} in {text:?}"
        );
        assert!(text.is_char_boundary(tok.span.end));
        pos = tok.span.end;
    }
    assert_eq!(pos, text.len(), "tokens stop short in {text:?}");
}

/// Lines that look like cable elements, to drive the state machine into every state.
fn cable_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("VZCZCXRO1234".to_string()),
        Just("RR RUEHAB RUEHCD".to_string()),
        Just("DE RUEHXX #1234/01 0101010".to_string()),
        Just("ZNY CCCCC ZZH".to_string()),
        Just("O R 010101Z JAN 09".to_string()),
        Just("FM AMEMBASSY FOOBAR".to_string()),
        Just("TO RUEHC/SECSTATE WASHDC PRIORITY 0001".to_string()),
        Just("INFO RUEHXX/AMEMBASSY QUUX 0002".to_string()),
        Just("INFO  LOG-00   EEB-00".to_string()),
        Just("S E C R E T SECTION 01 OF 02 FOOBAR 001234".to_string()),
        Just("NOFORN".to_string()),
        Just("SIPDIS".to_string()),
        Just("E.O. 12958: DECL: 01/01/2019 TAGS: PREL".to_string()),
        Just("TAGS: PREL, PGOV,".to_string()),
        Just("SUBJECT: (C) A SUBJECT REF: A. FOOBAR 12".to_string()),
        Just("REF: A. FOOBAR 12".to_string()),
        // A label at the very start of another field's value.
        Just("SUBJECT: REF: A. FOOBAR 12".to_string()),
        Just("E.O. 12958: TAGS: Subject: FOO".to_string()),
        Just("B. 09 FOOBAR 13".to_string()),
        Just("Classified By: Ambassador Jane Doe for reasons 1.4 (b) and".to_string()),
        Just("(d).".to_string()),
        Just("1. (C) Summary: text XXXXXXXXXXXX more. End Summary.".to_string()),
        Just("FOOBAR 00001234 002 OF 002".to_string()),
        Just("text FOOBAR 00001234 002 OF 002 more text".to_string()),
        Just("HEADING".to_string()),
        Just("-------".to_string()),
        Just("Comment: a comment. End Comment.".to_string()),
        Just("DOE".to_string()),
        Just("¶2. (S/NF) ’quoted’ “text” — dash".to_string()),
        Just(String::new()),
        Just(" ".to_string()),
        Just("\u{a0}".to_string()),
        "[ -~]{0,40}",
        "\\PC{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_tiles(text in "\\PC*|[\\s\\S]{0,200}") {
        for region in [Region::Auto, Region::Header, Region::Body] {
            assert_tiles(&text, region);
        }
        let _ = parse(&text);
        let _ = parse_parts(Some(&text), Some(&text), Context::default());
    }

    #[test]
    fn cable_like_text_tiles(lines in prop::collection::vec(cable_line(), 0..40),
                             crlf in any::<bool>(), final_newline in any::<bool>()) {
        let sep = if crlf { "\r\n" } else { "\n" };
        let mut text = lines.join(sep);
        if final_newline { text.push_str(sep); }
        for region in [Region::Auto, Region::Header, Region::Body] {
            assert_tiles(&text, region);
        }
        let cable = parse(&text);
        // Every span the record holds is inside the text.
        for p in &cable.paragraphs {
            prop_assert!(p.span.start <= p.span.end && p.span.end <= text.len());
        }
        for r in &cable.redactions {
            prop_assert!(r.end <= text.len());
        }
        // Serialisation never fails.
        prop_assert!(serde_json::to_string(&cable).is_ok());
    }
}

#[test]
fn round_trip_concatenation() {
    let text =
        "S E C R E T FOOBAR 000123\n\nSIPDIS\n\n1. (S) Text FOOBAR 00000123 002 OF 002 more.\n";
    let joined: String = tokenize(text).map(|t| t.span.slice(text)).collect();
    assert_eq!(joined, text);
}

#[test]
fn huge_single_line_is_linear_enough() {
    // One 2 MB paragraph on one line: must finish (no quadratic rescans).
    let mut text = String::from("1. (C) ");
    while text.len() < 2_000_000 {
        text.push_str("The invented minister said that the talks went well. ");
    }
    let cable = parse(&text);
    assert_eq!(cable.paragraphs.len(), 1);
}
