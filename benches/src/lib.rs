//! Corpus generator (being written).
