//! Tokenizer state machine (work in progress: being written now).
use crate::record::Span;
use crate::token::{Token, TokenKind};

/// Which part of a cable a text is known to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Region {
    /// Unknown: header and/or body, or a fragment.
    #[default]
    Auto,
    /// A header alone.
    Header,
    /// A body alone.
    Body,
}

/// Iterator over the tokens of one cable's text.
pub struct Tokenizer<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Tokenizer<'a> {
    /// Tokenizer over `text`, whose region is `region`.
    pub fn new(text: &'a str, _region: Region) -> Self {
        Tokenizer { text, pos: 0 }
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;
    fn next(&mut self) -> Option<Token> {
        if self.pos >= self.text.len() {
            return None;
        }
        let end = match memchr::memchr(b'\n', &self.text.as_bytes()[self.pos..]) {
            Some(i) => self.pos + i + 1,
            None => self.text.len(),
        };
        let t = Token {
            kind: TokenKind::Text,
            span: Span::new(self.pos, end),
        };
        self.pos = end;
        Some(t)
    }
}

/// Tokens of `text` (region detected).
pub fn tokenize(text: &str) -> Tokenizer<'_> {
    Tokenizer::new(text, Region::Auto)
}
