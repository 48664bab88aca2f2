//! cablecat (being written).
fn main() {}
