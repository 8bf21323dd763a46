//! Classifier and folding on arbitrary UTF-8 text, with their invariants
//! (see `checks::classify_text`): evidence offsets are char boundaries inside
//! their sentence and give back the evidence text; the fold's offset map sends
//! char boundaries to char boundaries and the end to the end.
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

fuzz_target!(|data: &[u8]| checks::classify_text(lexicon(), data));
