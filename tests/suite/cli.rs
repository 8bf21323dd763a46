//! The `stancer` command line, run as a separate process: inputs (manifest
//! folder, plain folder, JSON Lines file, stdin), output formats, `-o`,
//! determinism across thread counts, exit statuses and error messages.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use super::util::{p, root, run_stancer, stancer};

const QUESTIONS: &[&str] = &["instrument", "regulation", "forum"];

fn corpus() -> PathBuf {
    root().join("corpus")
}

/// Runs `stancer classify ARGS`, asserts exit status `code`, returns (stdout, stderr).
fn classify(args: &[&str], stdin: Option<&str>, code: i32) -> (String, String) {
    let mut cmd = stancer();
    cmd.arg("classify").args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_string());
    }
    let out = cmd.assert().code(code).get_output().clone();
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{stdout}"))
}

fn ids(doc: &Value) -> Vec<String> {
    doc["documents"]
        .as_array()
        .expect("documents is an array")
        .iter()
        .map(|d| d["id"].as_str().expect("string id").to_string())
        .collect()
}

/// The manifest's (id, file) pairs, in order.
fn manifest() -> Vec<(String, String)> {
    let mut rdr = csv::Reader::from_path(corpus().join("manifest.csv")).unwrap();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string())
        })
        .collect()
}

// ---------------------------------------------------------------------------
// 1. The bundled corpus (manifest folder), JSON output
// ---------------------------------------------------------------------------

#[test]
fn corpus_json_has_meta_and_documents_schema() {
    let dir = corpus();
    let (out, _) = classify(&[p(&dir)], None, 0);
    let v = json(&out);

    let meta = &v["meta"];
    assert_eq!(meta["stancer_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(meta["lexicons"][0]["name"], "laws-en");
    let sha = meta["lexicons"][0]["sha256"]
        .as_str()
        .expect("sha256 is a string");
    assert_eq!(sha.len(), 64, "sha256 {sha:?}");
    assert!(
        sha.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
        "sha256 {sha:?}"
    );
    assert_eq!(meta["input"], p(&dir));
    assert_eq!(meta["documents"], 20);
    assert_eq!(meta["failures"], serde_json::json!([]));

    let manifest = manifest();
    let expected_ids: Vec<String> = manifest.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(ids(&v), expected_ids, "documents in manifest order");
    let files: HashMap<&str, &str> = manifest
        .iter()
        .map(|(i, f)| (i.as_str(), f.as_str()))
        .collect();

    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 20);
    let mut evidence_items = 0;
    for d in docs {
        let id = d["id"].as_str().unwrap();
        for key in [
            "id",
            "actor",
            "actor_kind",
            "members",
            "language",
            "tokens",
            "sentences",
            "questions",
        ] {
            assert!(d.get(key).is_some(), "{id}: missing key `{key}`");
        }
        assert!(d["members"].is_array(), "{id}: members is an array");
        assert!(d["tokens"].as_u64().unwrap() > 0, "{id}: tokens");
        assert!(d["sentences"].as_u64().unwrap() > 0, "{id}: sentences");
        let text = fs::read_to_string(dir.join(files[id])).unwrap();
        for q in QUESTIONS {
            let r = &d["questions"][q];
            for key in ["label", "score", "confidence", "evidence"] {
                assert!(r.get(key).is_some(), "{id}/{q}: missing key `{key}`");
            }
            assert!(r["label"].is_string(), "{id}/{q}: label");
            assert!(r["score"].is_number(), "{id}/{q}: score");
            let c = r["confidence"].as_f64().expect("confidence is a number");
            assert!((0.0..=1.0).contains(&c), "{id}/{q}: confidence {c}");
            for e in r["evidence"].as_array().expect("evidence is an array") {
                evidence_items += 1;
                for key in [
                    "cue",
                    "label",
                    "weight",
                    "negated",
                    "hedged",
                    "attributed",
                    "start",
                    "end",
                    "sentence",
                    "text",
                ] {
                    assert!(
                        e.get(key).is_some(),
                        "{id}/{q}: evidence without `{key}`: {e}"
                    );
                }
                let (s, t) = (
                    e["start"].as_u64().unwrap() as usize,
                    e["end"].as_u64().unwrap() as usize,
                );
                assert!(s < t && t <= text.len(), "{id}/{q}: bad span {s}..{t}");
                let slice = text
                    .get(s..t)
                    .unwrap_or_else(|| panic!("{id}/{q}: {s}..{t} not on char boundaries"));
                assert_eq!(
                    slice,
                    e["text"].as_str().unwrap(),
                    "{id}/{q}: evidence text vs file bytes {s}..{t}"
                );
                let sentence = e["sentence"].as_str().unwrap();
                assert!(
                    sentence.contains(slice),
                    "{id}/{q}: sentence {sentence:?} lacks {slice:?}"
                );
            }
        }
    }
    assert!(
        evidence_items > 20,
        "the corpus yields evidence ({evidence_items} items)"
    );

    let group = docs
        .iter()
        .find(|d| d["id"] == "TIDEWATER_GROUP")
        .expect("TIDEWATER_GROUP present");
    assert_eq!(group["actor_kind"], "group");
    assert_eq!(
        group["members"],
        serde_json::json!(["MRV", "LQT", "SZV", "PWQ", "TRZ"])
    );
}

// ---------------------------------------------------------------------------
// 2. A folder of .txt files without a manifest
// ---------------------------------------------------------------------------

#[test]
fn folder_without_manifest_uses_sorted_file_stems() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("zulu.txt"),
        "We support a treaty on autonomous weapons systems.",
    )
    .unwrap();
    fs::write(
        dir.path().join("alpha.txt"),
        "Autonomous weapons systems need human control.",
    )
    .unwrap();
    fs::write(dir.path().join("notes.md"), "not a text file of the corpus").unwrap();
    let (out, _) = classify(&[p(dir.path())], None, 0);
    let v = json(&out);
    assert_eq!(ids(&v), ["alpha", "zulu"]);
    assert_eq!(v["meta"]["documents"], 2);
    assert_eq!(v["meta"]["input"], p(dir.path()));
    assert_eq!(v["documents"][0]["actor"], "alpha");
    assert_eq!(v["documents"][1]["file"], "zulu.txt");
}

// ---------------------------------------------------------------------------
// 3. JSON Lines: a file and standard input
// ---------------------------------------------------------------------------

const JSONL: &str = concat!(
    r#"{"id": "zeta", "text": "Zeta supports a legally binding instrument on autonomous weapons systems.", "members": ["AAA", "BBB"], "actor_kind": "group", "language": "en"}"#,
    "\n",
    "\n",
    r#"{"id": "alpha", "text": "Autonomous weapons systems are a concern.", "actor": "ALP"}"#,
    "\n",
    r#"{"id": "mid", "text": "Nothing to say.", "members": "CCC; DDD"}"#,
    "\n",
);

fn check_jsonl_output(v: &Value, input: &str) {
    assert_eq!(ids(v), ["zeta", "alpha", "mid"], "ids in input order");
    assert_eq!(v["meta"]["input"], input);
    assert_eq!(v["meta"]["documents"], 3);
    let d = &v["documents"];
    assert_eq!(d[0]["members"], serde_json::json!(["AAA", "BBB"]));
    assert_eq!(d[0]["actor_kind"], "group");
    assert_eq!(d[0]["language"], "en");
    assert_eq!(d[0]["actor"], "zeta", "actor defaults to the id");
    assert_eq!(d[1]["actor"], "ALP");
    assert_eq!(d[1]["members"], serde_json::json!([]));
    assert_eq!(d[1]["language"], Value::Null);
    assert_eq!(d[2]["members"], serde_json::json!(["CCC", "DDD"]));
}

#[test]
fn jsonl_file_input_keeps_order_and_fields() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("docs.jsonl");
    fs::write(&f, JSONL).unwrap();
    let (out, _) = classify(&[p(&f)], None, 0);
    check_jsonl_output(&json(&out), p(&f));
}

#[test]
fn jsonl_stdin_input_keeps_order_and_fields() {
    let (out, _) = classify(&["-"], Some(JSONL), 0);
    check_jsonl_output(&json(&out), "-");
}

#[test]
fn malformed_jsonl_line_exits_2_naming_file_and_line() {
    let good = r#"{"id": "a", "text": "fine"}"#;
    // (second line, what the message should also say)
    let cases: &[(&str, &str)] = &[
        (r#"{"id": "b", "text": "unterminated"#, "JSON"),
        (r#"["id", "text"]"#, "JSON object"),
        (r#"{"text": "no id"}"#, "id"),
        (r#"{"id": "b"}"#, "text"),
        (r#"{"id": "b", "text": 5}"#, "text"),
        (r#"{"id": "a", "text": "duplicate"}"#, "duplicate"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, (bad, says)) in cases.iter().enumerate() {
        let input = format!("{good}\n{bad}\n");
        let f = dir.path().join(format!("case{i}.jsonl"));
        fs::write(&f, &input).unwrap();
        let (out, err) = classify(&[p(&f)], None, 2);
        assert!(out.is_empty(), "case {bad}: nothing on stdout, got {out:?}");
        assert!(
            err.contains(&format!("case{i}.jsonl:2")),
            "case {bad}: stderr {err:?}"
        );
        assert!(
            err.contains(says),
            "case {bad}: stderr {err:?} lacks {says:?}"
        );

        let (_, err) = classify(&["-"], Some(&input), 2);
        assert!(err.contains("-:2"), "stdin case {bad}: stderr {err:?}");
    }
}

// ---------------------------------------------------------------------------
// 4. JSON Lines and CSV output
// ---------------------------------------------------------------------------

#[test]
fn jsonl_format_one_document_per_line() {
    let (out, _) = classify(&[p(&corpus()), "--format", "jsonl"], None, 0);
    assert!(out.ends_with('\n'));
    let got: Vec<String> = out
        .lines()
        .map(|l| {
            let v: Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("line not JSON ({e}): {l}"));
            assert!(
                v.is_object() && v.get("meta").is_none(),
                "a document object: {l}"
            );
            assert!(v["questions"]["instrument"]["label"].is_string());
            v["id"].as_str().expect("string id").to_string()
        })
        .collect();
    let expected: Vec<String> = manifest().into_iter().map(|(id, _)| id).collect();
    assert_eq!(got, expected);
}

#[test]
fn csv_format_three_rows_per_document() {
    let (out, _) = classify(&[p(&corpus()), "--format", "csv"], None, 0);
    let header = out.lines().next().unwrap();
    assert!(
        header.starts_with("id,actor,actor_kind,language,status,question,label"),
        "header {header:?}"
    );
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("valid CSV row")).collect();
    assert_eq!(rows.len(), 60);
    let labels = [
        "support",
        "oppose",
        "undecided",
        "ccw",
        "open",
        "unspecified",
    ];
    for (i, (id, _)) in manifest().iter().enumerate() {
        for (j, q) in QUESTIONS.iter().enumerate() {
            let row = &rows[i * 3 + j];
            assert_eq!(&row[0], id.as_str(), "row {}", i * 3 + j);
            assert_eq!(&row[4], "ok");
            assert_eq!(&row[5], *q);
            assert!(labels.contains(&&row[6]), "label {:?}", &row[6]);
        }
    }
}

#[test]
fn csv_format_empty_input_still_has_header() {
    let (out, _) = classify(&["--format", "csv", "-"], Some(""), 0);
    assert!(
        out.starts_with("id,actor,actor_kind,language,status,question,label"),
        "{out:?}"
    );
    assert_eq!(out.lines().count(), 1);
}

/// CSV rows (header excluded) of `stancer classify --format csv - [extra]` on one JSON Lines object.
fn csv_rows_for(obj: Value, extra: &[&str]) -> Vec<csv::StringRecord> {
    let mut args = vec!["--format", "csv"];
    args.extend(extra);
    args.push("-");
    let (out, _) = classify(&args, Some(&format!("{obj}\n")), 0);
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV row"))
        .collect()
}

#[test]
fn csv_neutralises_formula_cells_unless_csv_unsafe() {
    // (field, CSV column)
    for (field, col) in [("id", 0), ("actor", 1)] {
        for lead in ["=", "+", "-", "@"] {
            let value = format!("{lead}SUM(A1)");
            let mut obj = serde_json::json!({"id": "doc", "text": "Autonomous weapons systems.", "language": "en"});
            obj[field] = Value::String(value.clone());
            let rows = csv_rows_for(obj.clone(), &[]);
            assert_eq!(rows.len(), 3, "{field}={value}");
            assert_eq!(
                &rows[0][col],
                format!("'{value}").as_str(),
                "{field}={value}"
            );
            let rows = csv_rows_for(obj, &["--csv-unsafe"]);
            assert_eq!(
                &rows[0][col],
                value.as_str(),
                "{field}={value} with --csv-unsafe"
            );
        }
    }
}

#[test]
fn csv_neutralises_formula_in_actor_kind() {
    let obj = serde_json::json!({
        "id": "doc", "text": "Autonomous weapons systems.", "language": "en", "actor_kind": "=HYPERLINK(\"x\")",
    });
    let rows = csv_rows_for(obj, &[]);
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][2], "'=HYPERLINK(\"x\")");
}

#[test]
fn csv_lists_unsupported_language_documents() {
    let obj = serde_json::json!({"id": "de", "text": "Autonome Waffensysteme müssen verboten werden.", "language": "de"});
    let rows = csv_rows_for(obj, &[]);
    assert!(
        !rows.is_empty(),
        "the document vanished from the CSV output"
    );
    assert_eq!(&rows[0][0], "de");
    assert_eq!(&rows[0][4], "unsupported_language");
}

// ---------------------------------------------------------------------------
// 5. Determinism across thread counts
// ---------------------------------------------------------------------------

#[test]
fn output_is_identical_for_any_thread_count() {
    let dir = corpus();
    for format in ["json", "jsonl", "csv"] {
        let outputs: Vec<(String, String)> = ["1", "2", "8"]
            .iter()
            .map(|t| {
                (
                    t.to_string(),
                    classify(&[p(&dir), "--format", format, "--threads", t], None, 0).0,
                )
            })
            .collect();
        assert!(!outputs[0].1.is_empty());
        for (t, out) in &outputs[1..] {
            assert!(
                *out == outputs[0].1,
                "{format}: --threads {t} differs from --threads 1"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// 6. -o FILE
// ---------------------------------------------------------------------------

fn temp_leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".stancer-") && n.ends_with(".tmp"))
        .collect()
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["json", "jsonl", "csv"] {
        let file = dir.path().join(format!("out.{format}"));
        // An existing file is replaced.
        fs::write(&file, "old content").unwrap();
        let (out, _) = classify(&[p(&corpus()), "--format", format, "-o", p(&file)], None, 0);
        assert!(out.is_empty(), "{format}: stdout {out:?}");
        let written = fs::read_to_string(&file).unwrap();
        let (expected, _) = classify(&[p(&corpus()), "--format", format], None, 0);
        assert_eq!(
            written, expected,
            "{format}: -o writes what stdout would get"
        );
    }
    assert_eq!(temp_leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn relative_output_file_lands_in_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("stancer").unwrap();
    cmd.current_dir(dir.path())
        .args([
            "classify",
            p(&corpus()),
            "--format",
            "jsonl",
            "-o",
            "out.jsonl",
        ])
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let written = fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 20);
    assert_eq!(temp_leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn failed_run_leaves_existing_output_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let bad_lexicon = dir.path().join("bad.toml");
    fs::write(&bad_lexicon, "[lexicon\n").unwrap();
    let missing = dir.path().join("no-such-corpus");
    let file = dir.path().join("out.json");
    let c = corpus();
    let cases: Vec<Vec<&str>> = vec![vec![p(&missing)], vec![p(&c), "--lexicon", p(&bad_lexicon)]];
    for args in cases {
        fs::write(&file, "old content").unwrap();
        let mut all = args.clone();
        all.extend(["-o", p(&file)]);
        let (out, err) = classify(&all, None, 2);
        assert!(out.is_empty(), "{args:?}: stdout {out:?}");
        assert!(!err.is_empty(), "{args:?}: an error message");
        assert_eq!(
            fs::read_to_string(&file).unwrap(),
            "old content",
            "{args:?}"
        );
        assert_eq!(temp_leftovers(dir.path()), Vec::<String>::new(), "{args:?}");
    }
}

#[test]
fn output_into_missing_folder_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("no-such-folder").join("out.json");
    let (_, err) = classify(&[p(&corpus()), "-o", p(&file)], None, 2);
    assert!(err.contains("no-such-folder"), "stderr {err:?}");
    assert!(!file.exists());
}

// ---------------------------------------------------------------------------
// 7. Errors and failed documents
// ---------------------------------------------------------------------------

const LEXICON_HEAD: &str = r#"
[lexicon]
name = "mini"
language = "en"

[[question]]
id = "instrument"
labels = ["support", "oppose", "undecided"]
default = "undecided"

[topic]
terms = ["autonomous weapon*"]
"#;

#[test]
fn custom_lexicon_replaces_the_builtin_one() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("mini.toml");
    fs::write(
        &lex,
        format!("{LEXICON_HEAD}\n[[cues]]\nquestion = \"instrument\"\nlabel = \"support\"\nweight = 2.0\nphrases = [\"treaty\"]\n"),
    )
    .unwrap();
    let input = r#"{"id": "a", "text": "We want a treaty on autonomous weapons systems."}"#;
    let (out, _) = classify(&["--lexicon", p(&lex), "-"], Some(input), 0);
    let v = json(&out);
    assert_eq!(v["meta"]["lexicons"].as_array().unwrap().len(), 1);
    assert_eq!(v["meta"]["lexicons"][0]["name"], "mini");
    let qs = v["documents"][0]["questions"].as_object().unwrap();
    assert_eq!(qs.keys().collect::<Vec<_>>(), ["instrument"]);
    assert_eq!(qs["instrument"]["label"], "support");
    assert_eq!(qs["instrument"]["evidence"][0]["text"], "treaty");
}

#[test]
fn input_errors_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |name: &str, content: &str| {
        let f = d.join(name);
        fs::write(&f, content).unwrap();
        f
    };
    let syntax = write(
        "syntax.toml",
        &format!("{LEXICON_HEAD}\n[[cues]\nquestion = \"instrument\"\n"),
    );
    let undeclared = write(
        "undeclared.toml",
        &format!("{LEXICON_HEAD}\n[[cues]]\nquestion = \"venue\"\nlabel = \"support\"\nphrases = [\"treaty\"]\n"),
    );
    let no_label = write(
        "nolabel.toml",
        &format!("{LEXICON_HEAD}\n[[cues]]\nquestion = \"instrument\"\nlabel = \"maybe\"\nphrases = [\"treaty\"]\n"),
    );
    let missing = d.join("missing-corpus");
    let missing_lexicon = d.join("missing.toml");
    let manifest_dir = d.join("badmanifest");
    fs::create_dir(&manifest_dir).unwrap();
    fs::write(manifest_dir.join("manifest.csv"), "name,path\nA,A.txt\n").unwrap();

    let c = p(&corpus()).to_string();
    // (arguments, substrings that stderr must contain)
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (vec![p(&missing)], vec!["missing-corpus"]),
        (
            vec![&c, "--lexicon", p(&missing_lexicon)],
            vec!["missing.toml"],
        ),
        (
            vec![&c, "--lexicon", p(&syntax)],
            vec!["syntax.toml", "line"],
        ),
        (
            vec![&c, "--lexicon", p(&undeclared)],
            vec!["undeclared.toml", "venue"],
        ),
        (
            vec![&c, "--lexicon", p(&no_label)],
            vec!["nolabel.toml", "maybe"],
        ),
        (vec![p(&manifest_dir)], vec!["manifest.csv"]),
        (vec![&c, "--format", "xml"], vec!["xml"]),
        (vec![&c, "--threads", "many"], vec!["many"]),
    ];
    for (args, needles) in cases {
        let (out, err) = classify(&args, None, 2);
        assert!(out.is_empty(), "{args:?}: stdout {out:?}");
        for n in needles {
            assert!(err.contains(n), "{args:?}: stderr {err:?} lacks {n:?}");
        }
    }
}

#[test]
fn missing_document_is_reported_and_others_still_classified() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("manifest.csv"),
        "id,file,actor,actor_kind\nAAA,AAA.txt,AAA,state\nGONE,GONE.txt,GONE,state\nCCC,CCC.txt,CCC,state\n",
    )
    .unwrap();
    fs::write(
        d.join("AAA.txt"),
        "AAA supports a treaty on autonomous weapons systems.",
    )
    .unwrap();
    fs::write(
        d.join("CCC.txt"),
        "CCC has no view on autonomous weapons systems.",
    )
    .unwrap();

    for (keep_going, code) in [(false, 2), (true, 0)] {
        let mut args = vec![p(d)];
        if keep_going {
            args.push("--keep-going");
        }
        let (out, err) = classify(&args, None, code);
        let v = json(&out);
        assert_eq!(ids(&v), ["AAA", "CCC"], "keep_going={keep_going}");
        assert_eq!(v["meta"]["documents"], 2);
        let failures = v["meta"]["failures"]
            .as_array()
            .expect("failures is an array");
        assert_eq!(failures.len(), 1, "keep_going={keep_going}: {failures:?}");
        assert_eq!(failures[0]["id"], "GONE");
        assert_eq!(failures[0]["file"], "GONE.txt");
        assert!(failures[0]["error"].as_str().unwrap().contains("GONE.txt"));
        assert!(
            err.contains("GONE.txt"),
            "keep_going={keep_going}: stderr {err:?}"
        );
    }

    // Same with JSON Lines output: the good documents are written.
    let (out, _) = classify(&[p(d), "--format", "jsonl"], None, 2);
    assert_eq!(out.lines().count(), 2);
}

// ---------------------------------------------------------------------------
// 8. The explicit built-in lexicon equals the default
// ---------------------------------------------------------------------------

#[test]
fn explicit_builtin_lexicon_equals_default() {
    let c = corpus();
    let (default, _) = classify(&[p(&c)], None, 0);
    let files: Vec<String> = stancer::lexicon::BUILTIN
        .iter()
        .map(|(name, _)| format!("lexicons/{name}"))
        .collect();
    let mut args = vec![p(&c)];
    for f in &files {
        args.extend(["--lexicon", f.as_str()]);
    }
    let (explicit, _) = classify(&args, None, 0);
    assert!(
        default == explicit,
        "--lexicon with the built-in lexicon files changes the output"
    );
}

// ---------------------------------------------------------------------------
// 9. Help
// ---------------------------------------------------------------------------

#[test]
fn help_mentions_exit_status() {
    for args in [&["classify", "--help"][..], &["--help"][..]] {
        stancer().args(args).assert().success().stdout(
            predicate::str::contains("Exit status")
                .and(predicate::str::contains("2 usage or input error")),
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    stancer().assert().code(2);
    stancer()
        .arg("classify")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("PATH"));
    stancer().args(["frobnicate", "x"]).assert().code(2);
}

// ---------------------------------------------------------------------------
// 10. Off-topic versus on-topic texts
// ---------------------------------------------------------------------------

#[test]
fn off_topic_text_is_undecided_and_supporter_supports() {
    let off_topic =
        "Our delegation strongly supports the negotiation of a legally binding instrument on \
        climate change. We call for a new treaty, negotiated without delay, with prohibitions on \
        harmful emissions and strict regulations, in every available forum.";
    let supporter =
        "Our delegation supports the negotiation of a legally binding instrument on autonomous \
        weapons systems and calls for such negotiations to start without delay. Autonomous weapons \
        systems that cannot be used with meaningful human control must be prohibited.";
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "off", "text": off_topic, "language": "en"}),
        serde_json::json!({"id": "on", "text": supporter, "language": "en"}),
    );
    let (out, _) = classify(&["-"], Some(&input), 0);
    let v = json(&out);
    let off = &v["documents"][0];
    assert_eq!(off["id"], "off");
    assert_eq!(off["topic_mentions"], 0);
    assert_eq!(off["questions"]["instrument"]["label"], "undecided");
    assert_eq!(
        off["questions"]["instrument"]["evidence"],
        serde_json::json!([])
    );
    assert_eq!(off["questions"]["regulation"]["label"], "undecided");

    let on = &v["documents"][1];
    assert_eq!(on["id"], "on");
    assert_eq!(on["questions"]["instrument"]["label"], "support");
    assert!(!on["questions"]["instrument"]["evidence"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn unsupported_language_is_marked_not_failed() {
    let input = r#"{"id": "de", "text": "Autonome Waffensysteme müssen verboten werden.", "language": "de"}"#;
    let (out, _) = classify(&["-"], Some(input), 0);
    let v = json(&out);
    assert_eq!(v["documents"][0]["status"], "unsupported_language");
    assert_eq!(v["meta"]["failures"], serde_json::json!([]));
}

// ---------------------------------------------------------------------------
// A closed pipe ends the run quietly
// ---------------------------------------------------------------------------

#[test]
fn closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command as Process, Stdio};
    let lines: String = (0..20_000)
        .map(|i| format!("{{\"id\": \"d{i}\", \"text\": \"We call for a treaty on autonomous weapons systems.\"}}\n"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    std::fs::write(&input, lines).unwrap();
    let mut child = Process::new(env!("CARGO_BIN_EXE_stancer"))
        .args(["classify", p(&input), "--format", "jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // then the pipe closes
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "exit status after the reader went away"
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `--stats` gives the run's figures, the time spent compiling lexicons
/// apart.
#[test]
fn stats_name_the_time_spent_compiling_lexicons() {
    let (_, err) = run_stancer(
        &[
            "classify", "corpus", "--format", "jsonl", "--quiet", "--stats",
        ],
        0,
    );
    let line = err
        .lines()
        .find(|l| l.starts_with("stats: "))
        .expect("a stats line");
    for key in [
        "documents=20 ",
        "evidence=",
        "seconds=",
        "peak_memory=",
        "lexicon_compile_seconds=",
    ] {
        assert!(line.contains(key), "{key} missing in {line}");
    }
}
