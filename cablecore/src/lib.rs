//! # cablecore
//!
//! A fast, lossless, zero-copy parser for US diplomatic cables (State
//! Department telegrams in ACP-127 format) as published in the Cablegate
//! release, its `cables.csv` dump, its HTML pages and scraped copies.
//!
//! Data flows one way: **bytes → container → cable text → tokens → record**.
//!
//! ```
//! let text = "S E C R E T MEXICO 000193\n\nSIPDIS\n\nE.O. 12958: DECL: 01/23/2019\n\
//!             TAGS: PGOV, PREL, MX\nSUBJECT: (C) AN INVENTED SUBJECT\n\n\
//!             Classified By: Ambassador Jane Q. Doe for reasons 1.4 (b) and (d).\n\n\
//!             1. (S) Text of the first paragraph.\n\nDOE\n";
//! let cable = cablecore::parse(text);
//! assert_eq!(cable.tags, ["PGOV", "PREL", "MX"]);
//! assert_eq!(cable.subject.as_deref(), Some("AN INVENTED SUBJECT"));
//! assert_eq!(cable.reasons, ["1.4(b)", "1.4(d)"]);
//! ```
// `unsafe` is denied everywhere but in `simd` (AVX2 loads and compares, audited there)
// and in `container::csv`'s `Seen::text` (a row the scan validated taken for text).
#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod container;
mod error;
pub mod fields;
mod parse;
mod record;
mod simd;
#[cfg(test)]
mod testutil;
mod token;
mod tokenizer;

pub use error::{Error, Result};
pub use parse::{parse, parse_input, parse_parts, parse_with};
pub use record::{
    Cable, Context, Diagnostic, Input, Level, Metadata, Paragraph, Part, Position, Recipient,
    RefKind, Reference, Span,
};
pub use token::{Token, TokenKind};
pub use tokenizer::{tokenize, Region, Tokenizer};
