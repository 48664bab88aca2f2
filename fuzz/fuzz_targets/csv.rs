//! Fuzz the csv container reader: no panic, items tile the input, streaming in
//! small chunks gives the slice reader's items.
#![no_main]

use cablecore::container::Format;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::check(data, Format::Csv, false);
});
