//! Manifest reader: arbitrary bytes as `manifest.csv`, beside `a.txt` and
//! `b.txt`, through `Corpus::open`, `entries()` and `load()`; never panics
//! (see `checks::manifest`).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

/// One folder per fuzzing process; `manifest.csv` is rewritten for each input.
fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(checks::manifest_dir)
}

fuzz_target!(|data: &[u8]| checks::manifest(dir().path(), data));
