//! Helpers shared by the test modules.

use std::path::{Path, PathBuf};

use stancer::classify::{Labelled, QuestionResult, Questions, Scores, Status};
use stancer::corpus::DocMeta;
use stancer::{Classifier, Corpus, Lexicon};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpora/NAME` when present; otherwise prints why the caller skips.
pub fn shared_corpus(name: &str) -> Option<PathBuf> {
    let p = root().join("..").join("shared").join("corpora").join(name);
    if p.join("manifest.csv").is_file() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: {} is absent (the shared data sits beside the checkout)",
            p.display()
        );
        None
    }
}

/// The labels of the built-in `instrument` question.
pub const INSTRUMENT_LABELS: [&str; 3] = ["support", "oppose", "undecided"];

/// A labelled document with `meta` and one question, `instrument`, labelled
/// `label`: every score 0, confidence 1, no evidence, not flagged (callers
/// change what their test is about).
pub fn instrument_doc(meta: DocMeta, label: &str) -> Labelled {
    Labelled {
        meta,
        status: Status::Ok,
        language_detected: false,
        lexicon: Some("laws-en".into()),
        bytes: 0,
        tokens: 10,
        sentences: 1,
        topic_mentions: 1,
        questions: Questions(vec![(
            "instrument".into(),
            QuestionResult {
                label: label.into(),
                score: 0.0,
                confidence: 1.0,
                scores: Scores(
                    INSTRUMENT_LABELS
                        .iter()
                        .map(|l| (l.to_string(), 0.0))
                        .collect(),
                ),
                evidence: vec![],
                evidence_total: 0,
                implied_by: None,
                needs_review: false,
                review_reasons: Vec::new(),
            },
        )]),
        warnings: vec![],
    }
}

/// The stance case files, `tests/cases/*.toml`, in name order.
pub fn case_files() -> Vec<PathBuf> {
    let dir = root().join("tests").join("cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no case files in {}", dir.display());
    files
}

/// Classifies every document of a corpus with the built-in lexicon.
pub fn classify_corpus(path: &Path) -> Vec<Labelled> {
    let classifier = Classifier::new(vec![Lexicon::builtin_english()]).unwrap();
    let corpus = Corpus::open(path).unwrap();
    let mut out = Vec::new();
    stancer::pipeline::run(&classifier, &corpus, 0, |r| {
        out.push(r.expect("document loads"));
        Ok(())
    })
    .unwrap();
    out
}

/// The `stancer` binary, run from the repository root.
pub fn stancer() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("stancer").expect("the stancer binary is built");
    cmd.current_dir(root());
    cmd
}

/// `stancer classify CORPUS -o OUT` (asserted to succeed): the labelled file
/// other commands read.
pub fn classify_into(corpus: &Path, out: &Path) {
    stancer()
        .args(["classify", p(corpus), "-o", p(out)])
        .assert()
        .success();
}

/// A path as a command-line argument.
pub fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// Runs `stancer ARGS` from the repository root, asserts exit status `code`,
/// returns (stdout, stderr).
pub fn run_stancer(args: &[&str], code: i32) -> (String, String) {
    let out = stancer()
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .clone();
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

/// Whether an evidence's `text` is what its `cue` matches, whole: the same
/// words for a plain phrase (a `word*` matching any word it starts), and for a
/// pattern a match of the pattern (with the word classes of a built-in
/// lexicon) that spans the whole text.
pub fn matches_cue(text: &str, cue: &str) -> bool {
    use stancer::kwic::Kwic;
    use stancer::normalize::{fold, fold_phrase};
    if stancer::pattern::is_pattern(cue) {
        static BUILTINS: std::sync::OnceLock<Vec<Lexicon>> = std::sync::OnceLock::new();
        return BUILTINS.get_or_init(Lexicon::builtins).iter().any(|l| {
            Kwic::with_classes(cue, false, &l.classes)
                .is_ok_and(|k| k.find(text).contains(&(0..text.len())))
        });
    }
    let folded = fold(text).text;
    let words: Vec<&str> = folded.trim_matches(' ').split(' ').collect();
    let cue = fold_phrase(cue);
    let cue_words: Vec<&str> = cue.split(' ').filter(|w| !w.is_empty()).collect();
    words.len() == cue_words.len()
        && words
            .iter()
            .zip(&cue_words)
            .all(|(w, c)| match c.strip_suffix('*') {
                Some(stem) => w.starts_with(stem),
                None => w == c,
            })
}
