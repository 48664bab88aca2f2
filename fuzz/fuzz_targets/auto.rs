//! Fuzz the auto container reader: no panic, items tile the input, streaming in
//! small chunks gives the slice reader's items.
//! Auto-detection, and the engine on every cable found.
#![no_main]

use cablecore::container::Format;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::check(data, Format::Auto, true);
});
