//! Lexicon parser: `Lexicon::compile` and `Lexicon::from_toml` on arbitrary
//! UTF-8 never panic and agree; a lexicon that compiles classifies a fixed
//! text with valid evidence (see `checks::lexicon`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::lexicon(data));
