//! Statements in several languages: routing by the manifest's `language`,
//! detection when it is empty, `unsupported_language` when no lexicon reads
//! the language, and tallies over the mixed corpus (`tests/data/mixed`).

use assert_cmd::Command;

use super::util::root;

fn stancer(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("stancer")
        .unwrap()
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn classify_mixed(dir: &std::path::Path) -> serde_json::Value {
    let out = dir.join("mixed.json");
    let (code, _, err) = stancer(&["classify", "tests/data/mixed", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

#[test]
fn each_document_is_read_with_the_lexicon_of_its_language() {
    let dir = tempfile::tempdir().unwrap();
    let v = classify_mixed(dir.path());
    let lexicons: Vec<&str> = v["meta"]["lexicons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(lexicons, ["laws-en", "laws-es", "laws-fr"]);
    let docs = v["documents"].as_array().unwrap();
    let by_id = |id: &str| docs.iter().find(|d| d["id"] == id).unwrap();
    for (id, lexicon, language) in [
        ("QMB", "laws-es", "es"),
        ("ZLT", "laws-fr", "fr"),
        ("JVK", "laws-en", "en"),
        ("QSR", "laws-es", "es"),
    ] {
        let d = by_id(id);
        assert_eq!(d["status"], "ok", "{id}");
        assert_eq!(d["lexicon"], lexicon, "{id}");
        assert_eq!(d["language"], language, "{id}");
    }
    // QSR's manifest row has no language: it was detected, and says so.
    assert_eq!(by_id("QSR")["language_detected"], true);
    assert!(by_id("QMB").get("language_detected").is_none());
    // No lexicon reads German: an explicit status, never a silent undecided.
    let zhw = by_id("ZHW");
    assert_eq!(zhw["status"], "unsupported_language");
    assert!(zhw["lexicon"].is_null());
    assert_eq!(zhw["questions"].as_object().unwrap().len(), 0);
}

#[test]
fn mixed_corpus_matches_its_gold_labels() {
    let dir = tempfile::tempdir().unwrap();
    classify_mixed(dir.path());
    let labelled = dir.path().join("mixed.json");
    let (code, out, err) = stancer(&[
        "eval",
        labelled.to_str().unwrap(),
        "--gold",
        "tests/data/mixed/gold.csv",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for q in v["questions"].as_array().unwrap() {
        assert_eq!(
            q["n"], 4,
            "{}: the four readable documents are compared",
            q["question"]
        );
        assert_eq!(
            q["accuracy"], 1.0,
            "{}: {}",
            q["question"], q["disagreements"]
        );
    }
}

#[test]
fn tallies_over_a_mixed_corpus_count_unsupported_languages_apart() {
    let dir = tempfile::tempdir().unwrap();
    classify_mixed(dir.path());
    let labelled = dir.path().join("mixed.json");
    let (code, out, err) = stancer(&[
        "tally",
        labelled.to_str().unwrap(),
        "--question",
        "instrument",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let t = &v[0];
    assert_eq!(t["total"], 5);
    assert_eq!(t["counts"]["unsupported_language"], 1);
    assert_eq!(t["members"]["unsupported_language"][0], "ZHW");
    assert_eq!(t["counts"]["support"], 1);
    assert_eq!(t["counts"]["oppose"], 2);
    assert_eq!(t["counts"]["undecided"], 1);
}
