//! `stancer lexicon check`.

use assert_cmd::Command;
use predicates::prelude::*;

use super::util::root;

fn stancer() -> Command {
    let mut c = Command::cargo_bin("stancer").unwrap();
    c.current_dir(root());
    c
}

#[test]
fn builtin_lexicon_is_valid_and_cue_counts_are_listed() {
    stancer()
        .args([
            "lexicon",
            "check",
            "lexicons/laws-en.toml",
            "--corpus",
            "corpus",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("laws-en (en): 3 questions"))
        .stdout(predicate::str::contains(
            "cue counts on corpus (20 documents)",
        ))
        .stdout(
            predicate::str::is_match(
                r"(?m)^\s+\d+\s+\d+\s+instrument\s+oppose\s+no ~1 legal gap\*$",
            )
            .unwrap(),
        )
        .stdout(predicate::str::contains("cues never fire on this corpus"));
}

#[test]
fn every_problem_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(
        &file,
        r#"[lexicon]
name = "bad"
language = "en"

[[question]]
id = "q"
labels = ["yes", "no"]
default = "maybe"

[[cues]]
question = "nowhere"
label = "yes"
phrases = ["x"]
"#,
    )
    .unwrap();
    stancer()
        .args(["lexicon", "check"])
        .arg(&file)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "bad.toml: error: line 8: question `q` has no label `maybe`",
        ))
        .stdout(predicate::str::contains(
            "error: line 11: cues for undeclared question `nowhere`",
        ));
}

#[test]
fn warnings_do_not_fail_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("warn.toml");
    std::fs::write(
        &file,
        r#"[lexicon]
name = "warn"
language = "en"

[[question]]
id = "q"
labels = ["yes", "no"]
default = "no"

[[cues]]
question = "q"
label = "yes"
phrases = ["treaty", "new treaty", "(a|b)", "treaty"]
"#,
    )
    .unwrap();
    stancer()
        .args(["lexicon", "check"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("duplicate cue \"treaty\""))
        .stdout(predicate::str::contains("shadowed by 1 longer cue(s)"))
        .stdout(predicate::str::contains("looks like a regular expression"));
}

#[test]
fn toml_syntax_error_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("syntax.toml");
    std::fs::write(&file, "[lexicon]\nname = \"x\"\nlanguage = en\n").unwrap();
    stancer()
        .args(["lexicon", "check"])
        .arg(&file)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("syntax.toml: error: line 3:"));
}
