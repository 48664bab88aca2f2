//! "Slow inputs": pathological but plausible texts that expose super-linear parsing
//! (one giant line, a huge REF block, a header with thousands of recipients).
//!
//! Every function is deterministic and builds the text in one pass.
//!
//! ```
//! let t = cablecore_benches::slow::many_ref_lines(100);
//! assert_eq!(t.lines().filter(|l| l.starts_with("REF:")).count(), 100);
//! ```

use std::fmt::Write as _;

use crate::data;
use crate::gen::{CableSpec, GeneratedCable, Generator};

/// A full cable whose text after the preamble is a single paragraph on a single line of
/// about `bytes` bytes (the sample's longest line is 16 KB; this goes far beyond).
pub fn single_line_cable(bytes: usize, seed: u64) -> GeneratedCable {
    Generator::new(seed).cable(&CableSpec {
        body_bytes: Some(bytes),
        wrapped: Some(false),
        single_line: true,
        ..CableSpec::default()
    })
}

const PREAMBLE: &str = "C O N F I D E N T I A L SECTION 01 OF 02 MADRID 000123 \n\nSIPDIS \n\n\
E.O. 12958: DECL: 03/04/2019 \nTAGS: PREL PGOV SP \nSUBJECT: AN INVENTED SUBJECT FOR A SLOW INPUT \n\n";

/// A body with `n` lines, each a `REF:` line (`REF: A. MADRID 1234`), then one paragraph.
pub fn many_ref_lines(n: usize) -> String {
    let mut s = String::with_capacity(PREAMBLE.len() + n * 24 + 200);
    s.push_str(PREAMBLE);
    for i in 0..n {
        let post = data::POSTS[i % 12].name;
        let _ = writeln!(
            s,
            "REF: {}. {} {}",
            (b'A' + (i % 26) as u8) as char,
            post,
            1 + (i * 7919) % 9999
        );
    }
    s.push_str("\nClassified By: Ambassador Alder Q. Krestin for reasons 1.4 (b) and (d).\n\n");
    s.push_str(
        "1. (C) The minister said that the ruling party would review the draft law.\n\nKRESTIN",
    );
    s
}

/// A header with one `TO` and `n` `INFO` recipient lines in the usual forms, followed by a
/// short body (header and body separated by a blank line).
pub fn many_recipients(n: usize) -> String {
    let mut s = String::with_capacity(200 + n * 40);
    s.push_str("VZCZCXRO0001\nOO RUEHMD RUEHFR\nDE RUEHMD #0123/01 0631200\nZNY CCCCC ZZH\n");
    s.push_str("O 041200Z MAR 09\nFM AMEMBASSY MADRID\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1234\n");
    for i in 0..n {
        let p = &data::POSTS[i % data::POSTS.len()];
        if i == 0 {
            s.push_str("INFO ");
        }
        match i % 4 {
            0 => {
                let _ = writeln!(
                    s,
                    "{}/AMEMBASSY {} PRIORITY {:04}",
                    p.route,
                    p.name,
                    i % 10_000
                );
            }
            1 => {
                let _ = writeln!(s, "{}/AMEMBASSY {}", p.route, p.name);
            }
            2 => {
                let (route, name) = data::COLLECTIVES[i % data::COLLECTIVES.len()];
                let _ = writeln!(s, "{route}/{name} PRIORITY");
            }
            _ => {
                let _ = writeln!(s, "{}/AMEMBASSY {} {:04}", p.route, p.name, i % 10_000);
            }
        }
    }
    s.push('\n');
    s.push_str(PREAMBLE);
    s.push_str(
        "1. (C) The minister said that the ruling party would review the draft law.\n\nKRESTIN",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let c = single_line_cable(1 << 20, 1);
        let longest = c.body.lines().map(str::len).max().unwrap_or(0);
        assert!(longest >= 1 << 20);
        let r = many_ref_lines(1000);
        assert_eq!(r.lines().filter(|l| l.starts_with("REF: ")).count(), 1000);
        let h = many_recipients(1000);
        assert_eq!(
            h.lines()
                .filter(|l| l.contains("/AMEMBASSY ") || l.contains("COLLECTIVE"))
                .count(),
            1000
        );
        assert!(h.contains("\nINFO RUEH"));
    }
}
