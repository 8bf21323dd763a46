//! Helpers shared by the test modules.

use std::path::{Path, PathBuf};

use stancer::classify::Labelled;
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
