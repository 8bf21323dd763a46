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

/// Pattern, class and implication errors, each placed on its line.
#[test]
fn pattern_errors_are_reported_with_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("patterns.toml");
    std::fs::write(
        &file,
        r#"[lexicon]
name = "patterns"
language = "en"

[classes]
binding = ["binding"]
empty = []
nested = ["@binding ~1 rules"]

[[question]]
id = "q"
labels = ["yes", "no"]
default = "no"

[[implies]]
when = "q:yes"
then = "elsewhere:yes"

[[cues]]
question = "q"
label = "yes"
phrases = [
  "@binding ~3 @treaties",
  "@binding ~20 rules",
  "~2 binding",
  "@binding <~1> rules <~1> norms",
]
"#,
    )
    .unwrap();
    let cases = [
        "line 7: word class `empty` has no member",
        "line 8: word class `nested`, member \"@binding ~1 rules\": a class member is a plain phrase, not a pattern",
        "line 17: implication \"elsewhere:yes\": write `question:label` with a declared question and label",
        "line 23: cue \"@binding ~3 @treaties\": unknown word class `@treaties`",
        "line 24: cue \"@binding ~20 rules\": bad gap `~20`",
        "line 25: cue \"~2 binding\": a gap must stand between two words or classes",
        "line 26: cue \"@binding <~1> rules <~1> norms\": a pattern can hold only one `<~N>`",
    ];
    let out = stancer()
        .args(["lexicon", "check"])
        .arg(&file)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    for want in cases {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
}
