//! The output does not change when the code is made faster: every corpus the
//! project has is classified and each document's JSON line is compared, byte
//! for byte (by SHA-256), with the digests recorded in `tests/digests/`.
//!
//! The corpora: the bundled `corpus/`, the fictional mixed-language corpus,
//! every stance case of `tests/cases/` as a document of its own, and, when
//! `../shared` is beside the checkout, the 30 development submissions and the
//! 2,325 General Debate speeches. Only digests are recorded, never the texts.
//!
//! A change that is *meant* to change labels or evidence (a lexicon edit)
//! records new digests with `STANCER_BLESS=1 cargo test --release fixed_output`
//! and says why in its commit; a change to speed must leave them as they are.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use stancer::{classify::classify, Document, Lexicon};

use super::util::{case_files, p, root, run_stancer, shared_corpus};

/// The first 16 hex digits of the SHA-256 of `line`.
fn digest(line: &[u8]) -> String {
    Sha256::digest(line)[..8]
        .iter()
        .fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// The recorded digests of `name`, or a fresh record when `STANCER_BLESS` is set.
/// Panics with the documents whose output changed.
fn check(name: &str, got: &[(String, String)]) {
    let file = root().join("tests/digests").join(format!("{name}.tsv"));
    let rendered: String = got.iter().map(|(id, d)| format!("{id}\t{d}\n")).collect();
    if std::env::var_os("STANCER_BLESS").is_some() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, rendered).unwrap();
        eprintln!("recorded {}", file.display());
        return;
    }
    let recorded = std::fs::read_to_string(&file).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (record it with STANCER_BLESS=1 cargo test --release fixed_output)",
            file.display()
        )
    });
    let want: BTreeMap<&str, &str> = recorded
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .collect();
    let have: BTreeMap<&str, &str> = got.iter().map(|(i, d)| (i.as_str(), d.as_str())).collect();
    let changed: Vec<&str> = want
        .keys()
        .chain(have.keys())
        .filter(|id| want.get(*id) != have.get(*id))
        .copied()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(
        changed.is_empty(),
        "{name}: the output of {} of {} documents changed (first: {:?}); a change meant to \
         change labels or evidence records new digests with STANCER_BLESS=1",
        changed.len(),
        want.len().max(have.len()),
        &changed[..changed.len().min(10)]
    );
    assert_eq!(recorded, rendered, "{name}: documents in another order");
}

/// `stancer classify CORPUS --format jsonl` on one and on two threads (the
/// same bytes), as (id, digest) per document.
fn classify_cli(corpus: &Path) -> Vec<(String, String)> {
    #[derive(Deserialize)]
    struct Id {
        id: String,
    }
    let run = |threads: &str| {
        run_stancer(
            &[
                "classify",
                p(corpus),
                "--format",
                "jsonl",
                "--quiet",
                "--threads",
                threads,
            ],
            0,
        )
        .0
    };
    let one = run("1");
    assert!(
        run("2") == one,
        "{}: output depends on threads",
        corpus.display()
    );
    one.lines()
        .map(|l| {
            let id: Id = serde_json::from_str(l).expect("a JSON line with an id");
            (id.id, digest(l.as_bytes()))
        })
        .collect()
}

#[test]
fn bundled_corpus() {
    check("corpus", &classify_cli(&root().join("corpus")));
}

#[test]
fn mixed_language_corpus() {
    check("mixed", &classify_cli(&root().join("tests/data/mixed")));
}

#[test]
fn development_submissions() {
    if let Some(c) = shared_corpus("unsg-2024") {
        check("unsg-2024", &classify_cli(&c));
    }
}

#[test]
fn general_debate() {
    if let Some(c) = shared_corpus("ungdc-2013-2024") {
        check("ungdc-2013-2024", &classify_cli(&c));
    }
}

/// Every stance case of `tests/cases/*.toml`, read with its lexicon, as a
/// document of its own: short statements that exercise every scope rule.
#[test]
fn stance_cases() {
    #[derive(Deserialize)]
    struct CaseFile {
        case: Vec<Case>,
    }
    #[derive(Deserialize)]
    struct Case {
        text: String,
        lexicon: Option<String>,
    }
    let default = Lexicon::builtin_english();
    let mut lexicons: BTreeMap<String, Lexicon> = BTreeMap::new();
    let mut got = Vec::new();
    for file in case_files() {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let cases: CaseFile = toml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for (i, case) in cases.case.iter().enumerate() {
            let lexicon = match &case.lexicon {
                Some(l) => lexicons
                    .entry(l.clone())
                    .or_insert_with(|| Lexicon::from_path(&root().join(l)).unwrap()),
                None => &default,
            };
            let id = format!("{stem}#{i}");
            let out = classify(lexicon, &Document::new(&id, &case.text));
            got.push((id, digest(&serde_json::to_vec(&out).unwrap())));
        }
    }
    check("cases", &got);
}
