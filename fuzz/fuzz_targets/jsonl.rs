//! JSON Lines reader: arbitrary bytes through `Corpus::from_jsonl`; every
//! entry is loaded and classified with the built-in lexicon, with valid
//! evidence (see `checks::jsonl`).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use stancer::Lexicon;

#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(Lexicon::builtin_english)
}

fuzz_target!(|data: &[u8]| checks::jsonl(lexicon(), data));
