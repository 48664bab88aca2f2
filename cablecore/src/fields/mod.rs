//! Field-level recognisers and value parsers: pure functions over one line or a
//! few lines of text. The tokenizer uses the recognisers to classify lines; the
//! record builder uses the value parsers. Nothing here allocates unless a value
//! has to be rewritten.

pub mod body;
pub mod header;
pub mod ids;
pub mod preamble;
