//! Inputs found by the fuzz targets (`fuzz/`), replayed through the same checks.
//!
//! Every file in `tests/regressions/` is one input, named
//! `<target>-<short description>`: `lexicon-…`, `manifest-…`, `jsonl-…` or
//! `classify-…`. Each test below replays the files of one target through the
//! function that target runs (`fuzz/checks.rs`, shared with the fuzz targets),
//! so an input that once panicked or broke an invariant fails here again if the
//! bug comes back.

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;

use stancer::Lexicon;

use super::util::root;

mod checks {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/checks.rs"));
}

/// The files of `tests/regressions/`.
fn files() -> Vec<PathBuf> {
    let dir = root().join("tests").join("regressions");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect()
}

/// The kept inputs of `target`, sorted by name.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let prefix = format!("{target}-");
    let mut files: Vec<PathBuf> = files()
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix))
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// Replays every input of `target`, each under `catch_unwind`, and fails
/// listing all those that panic.
fn replay(target: &str, check: impl Fn(&[u8])) {
    let mut failed = Vec::new();
    for (path, bytes) in inputs(target) {
        if let Err(e) = std::panic::catch_unwind(AssertUnwindSafe(|| check(&bytes))) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failed.push(format!("{}: {msg}", path.display()));
        }
    }
    assert!(
        failed.is_empty(),
        "inputs that fail:\n{}",
        failed.join("\n")
    );
}

/// Every kept input names one of the four targets.
#[test]
fn every_input_names_a_target() {
    for p in files() {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            ["lexicon-", "manifest-", "jsonl-", "classify-"]
                .iter()
                .any(|t| name.starts_with(t)),
            "{name}: not named after a fuzz target"
        );
    }
}

#[test]
fn lexicon_inputs() {
    replay("lexicon", checks::lexicon);
}

#[test]
fn manifest_inputs() {
    let dir = checks::manifest_dir();
    replay("manifest", |data| checks::manifest(dir.path(), data));
}

#[test]
fn jsonl_inputs() {
    let lexicon = Lexicon::builtin_english();
    replay("jsonl", |data| checks::jsonl(&lexicon, data));
}

#[test]
fn classify_inputs() {
    let lexicon = Lexicon::builtin_english();
    replay("classify", |data| checks::classify_text(&lexicon, data));
}
