//! Writes the C header `include/cablecore.h` for this crate with cbindgen.
//!
//! Usage: `cablecore-header OUT.h` (run by `gen-header.sh` and `check-header.sh`).
//! The configuration is `cbindgen.toml` beside `Cargo.toml`.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1) else {
        eprintln!("usage: cablecore-header OUT.h");
        return ExitCode::from(2);
    };
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = match cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("cablecore-header: cbindgen.toml: {err}");
            return ExitCode::FAILURE;
        }
    };
    match cbindgen::generate_with_config(crate_dir, config) {
        Ok(bindings) => {
            bindings.write_to_file(&out);
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("cablecore-header: {err}");
            ExitCode::FAILURE
        }
    }
}
