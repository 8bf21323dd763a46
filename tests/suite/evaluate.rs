//! `stancer eval` run as a separate process on the bundled corpus: the JSON
//! keys, the table, thresholds and exit statuses, ids on one side only, bad
//! gold files, disagreements with their evidence, and determinism.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use stancer::classify::Labelled;
use stancer::corpus::DocMeta;
use stancer::eval::{evaluate, Gold};
use stancer::review::Reason;

use super::util::{instrument_doc, p, root, shared_corpus, stancer};

const QUESTIONS: [&str; 3] = ["instrument", "regulation", "forum"];

/// Classifies `corpus` into `DIR/labelled.json`; returns the directory and the file.
fn classified(corpus: &Path) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("labelled.json");
    stancer()
        .args(["classify", p(corpus), "-o", p(&out)])
        .assert()
        .code(0);
    (dir, out)
}

fn corpus_gold() -> PathBuf {
    root().join("corpus").join("gold.csv")
}

/// Writes a copy of the corpus gold file to `dir/name`, with `edit` applied to
/// its rows (header excluded); returns its path.
fn edited_gold(dir: &Path, name: &str, edit: impl FnOnce(&mut Vec<Vec<String>>)) -> PathBuf {
    let mut rdr = csv::Reader::from_path(corpus_gold()).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let mut rows: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    edit(&mut rows);
    let path = dir.join(name);
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(&header).unwrap();
    for r in &rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
    path
}

/// Column index of `name` in the corpus gold file.
fn column(name: &str) -> usize {
    let mut rdr = csv::Reader::from_path(corpus_gold()).unwrap();
    rdr.headers()
        .unwrap()
        .iter()
        .position(|h| h == name)
        .unwrap()
}

/// Runs `stancer eval ARGS`, asserts exit status `code`, returns (stdout, stderr).
fn eval(args: &[&str], code: i32) -> (String, String) {
    let out = stancer()
        .arg("eval")
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

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{stdout}"))
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_str().expect("a string"))
        .collect()
}

#[test]
fn eval_json_has_every_figure_per_question() {
    let (_dir, labelled) = classified(&root().join("corpus"));
    let gold = corpus_gold();
    let (out, _) = eval(&[p(&labelled), "--gold", p(&gold), "--format", "json"], 0);
    let v = json(&out);
    let questions = v["questions"].as_array().expect("questions is an array");
    let names: Vec<&str> = questions
        .iter()
        .map(|q| q["question"].as_str().unwrap())
        .collect();
    assert_eq!(names, QUESTIONS);
    for q in questions {
        let name = q["question"].as_str().unwrap();
        for key in [
            "n",
            "accuracy",
            "macro_f1",
            "kappa",
            "weighted_f1",
            "f_avg",
            "f_avg_labels",
            "confusion",
            "labels",
            "classes",
            "ci",
            "disagreements",
            "flagged",
            "flagged_share",
            "accuracy_unflagged",
            "accuracy_flagged",
        ] {
            assert!(q.get(key).is_some(), "{name}: missing `{key}` in {q}");
        }
        assert_eq!(q["n"], 20, "{name}");
        // The two parts add up: flagged + unflagged = n, and their accuracies
        // weighted by size give the accuracy.
        let flagged = q["flagged"].as_f64().unwrap();
        assert!((q["flagged_share"].as_f64().unwrap() - flagged / 20.0).abs() < 1e-12);
        let part = |key: &str, n: f64| q[key].as_f64().map_or(0.0, |a| a * n);
        let weighted =
            part("accuracy_unflagged", 20.0 - flagged) + part("accuracy_flagged", flagged);
        let accuracy = q["accuracy"].as_f64().unwrap();
        assert!((weighted - accuracy * 20.0).abs() < 1e-9, "{name}: {q}");
        assert_eq!(q["accuracy_flagged"].is_null(), flagged == 0.0, "{name}");
        assert_eq!(q["accuracy_unflagged"].is_null(), flagged == 20.0, "{name}");
        let labels = strings(&q["labels"]);
        assert_eq!(labels.len(), 3, "{name}");
        let confusion = q["confusion"].as_array().unwrap();
        assert_eq!(confusion.len(), 3);
        let total: u64 = confusion
            .iter()
            .flat_map(|r| r.as_array().unwrap())
            .map(|x| x.as_u64().unwrap())
            .sum();
        assert_eq!(
            total, 20,
            "{name}: the confusion matrix counts every document"
        );
        let classes = q["classes"].as_array().unwrap();
        assert_eq!(classes.len(), 3);
        for c in classes {
            for key in ["label", "precision", "recall", "f1", "support"] {
                assert!(c.get(key).is_some(), "{name}: class without `{key}`: {c}");
            }
        }
        for key in ["accuracy", "macro_f1"] {
            let ci = q["ci"][key].as_array().expect("ci is [low, high]");
            assert_eq!(ci.len(), 2);
            let (lo, hi) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
            let point = q[key].as_f64().unwrap();
            assert!(
                lo <= point && point <= hi,
                "{name}: {key} {point} ∉ [{lo}, {hi}]"
            );
        }
        // F_avg leaves out the neutral label.
        let polar = strings(&q["f_avg_labels"]);
        assert_eq!(polar.len(), 2, "{name}");
        assert!(!polar.contains(&"undecided") && !polar.contains(&"unspecified"));
    }
    assert_eq!(strings(&v["missing_in_predictions"]), Vec::<&str>::new());
    assert_eq!(strings(&v["missing_in_gold"]), Vec::<&str>::new());
}

#[test]
fn eval_table_reads_like_a_classification_report() {
    let (_dir, labelled) = classified(&root().join("corpus"));
    let (out, _) = eval(&[p(&labelled), "--gold", p(&corpus_gold())], 0);
    for needle in [
        "precision",
        "recall",
        "f1-score",
        "support",
        "accuracy",
        "macro avg",
        "weighted avg",
        "confusion matrix (rows: gold, columns: predicted)",
        "Cohen's kappa",
        "F_avg (support, oppose)",
        "F_avg (ccw, open)",
        "accuracy 95% CI",
        "macro-F1 95% CI",
        "== instrument",
        "== regulation",
        "== forum",
    ] {
        assert!(out.contains(needle), "the table lacks {needle:?}:\n{out}");
    }
    let review_lines = out
        .lines()
        .filter(|l| l.starts_with("needs_review: ") && l.contains(" flagged ("))
        .count();
    assert_eq!(
        review_lines, 3,
        "one needs_review line per question:\n{out}"
    );
}

// ---------------------------------------------------------------------------
// needs_review: accuracy of flagged and unflagged labels, on hand-made documents
// ---------------------------------------------------------------------------

/// One document: id, predicted `instrument` label, review reasons (flagged
/// when not empty).
type Row<'a> = (&'a str, &'a str, &'a [Reason]);

/// A labelled document with one question, `instrument`.
fn labelled(id: &str, label: &str, reasons: &[Reason]) -> Labelled {
    let meta = DocMeta {
        id: id.into(),
        actor: id.into(),
        ..DocMeta::default()
    };
    let mut d = instrument_doc(meta, label);
    let q = &mut d.questions.0[0].1;
    q.needs_review = !reasons.is_empty();
    q.review_reasons = reasons.to_vec();
    d
}

/// Gold `instrument` labels.
fn gold_of(rows: &[(&str, &str)]) -> Gold {
    let mut gold = Gold::default();
    for (line, (id, label)) in rows.iter().enumerate() {
        gold.labels.insert(
            id.to_string(),
            [("instrument".to_string(), label.to_string())].into(),
        );
        gold.lines.insert(id.to_string(), line as u64 + 2);
    }
    gold
}

const HEDGED: &[Reason] = &[Reason::Hedged];
const THIN: &[Reason] = &[Reason::Thin];
const BOTH: &[Reason] = &[Reason::BelowThreshold, Reason::Conflicting];
const NONE: &[Reason] = &[];

/// Four unflagged (three right) and two flagged (one right), one flagged
/// document without gold label (not compared), one gold id without prediction.
fn mixed() -> (Vec<Row<'static>>, Vec<(&'static str, &'static str)>) {
    (
        vec![
            ("A", "support", NONE),
            ("B", "oppose", NONE),
            ("C", "undecided", NONE),
            ("D", "support", NONE),
            ("E", "undecided", HEDGED),
            ("F", "support", BOTH),
            ("X", "oppose", THIN),
        ],
        vec![
            ("A", "support"),
            ("B", "oppose"),
            ("C", "undecided"),
            ("D", "oppose"),
            ("E", "undecided"),
            ("F", "oppose"),
            ("Z", "support"),
        ],
    )
}

#[test]
fn eval_splits_accuracy_by_needs_review() {
    struct Case {
        name: &'static str,
        docs: Vec<Row<'static>>,
        gold: Vec<(&'static str, &'static str)>,
        n: usize,
        flagged: usize,
        share: f64,
        accuracy: f64,
        unflagged: Option<f64>,
        flagged_accuracy: Option<f64>,
        /// Ids flagged with no reason (a hand-edited file).
        bare_flags: &'static [&'static str],
    }
    let (docs, gold) = mixed();
    let cases = [
        Case {
            name: "mixed",
            docs,
            gold,
            n: 6,
            flagged: 2,
            share: 2.0 / 6.0,
            accuracy: 4.0 / 6.0,
            unflagged: Some(0.75),
            flagged_accuracy: Some(0.5),
            bare_flags: &[],
        },
        Case {
            name: "none flagged",
            docs: vec![("A", "support", NONE), ("B", "oppose", NONE)],
            gold: vec![("A", "support"), ("B", "support")],
            n: 2,
            flagged: 0,
            share: 0.0,
            accuracy: 0.5,
            unflagged: Some(0.5),
            flagged_accuracy: None,
            bare_flags: &[],
        },
        Case {
            name: "all flagged, all wrong",
            docs: vec![("A", "support", THIN), ("B", "oppose", HEDGED)],
            gold: vec![("A", "oppose"), ("B", "undecided")],
            n: 2,
            flagged: 2,
            share: 1.0,
            accuracy: 0.0,
            unflagged: None,
            flagged_accuracy: Some(0.0),
            bare_flags: &[],
        },
        Case {
            name: "flagged without reasons still counts as flagged",
            docs: vec![("A", "support", NONE), ("B", "oppose", NONE)],
            gold: vec![("A", "support"), ("B", "oppose")],
            n: 2,
            flagged: 1,
            share: 0.5,
            accuracy: 1.0,
            unflagged: Some(1.0),
            flagged_accuracy: Some(1.0),
            bare_flags: &["B"],
        },
        Case {
            name: "nothing compared",
            docs: vec![("A", "support", THIN)],
            gold: vec![("B", "support")],
            n: 0,
            flagged: 0,
            share: 0.0,
            accuracy: 0.0,
            unflagged: None,
            flagged_accuracy: None,
            bare_flags: &[],
        },
    ];
    let labels: Vec<String> = ["support", "oppose", "undecided"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    for c in cases {
        let mut docs: Vec<Labelled> = c
            .docs
            .iter()
            .map(|(id, label, reasons)| labelled(id, label, reasons))
            .collect();
        for d in docs
            .iter_mut()
            .filter(|d| c.bare_flags.contains(&d.meta.id.as_str()))
        {
            d.questions.0[0].1.needs_review = true;
        }
        let e = evaluate("instrument", &labels, &docs, &gold_of(&c.gold));
        let name = c.name;
        assert_eq!(e.n, c.n, "{name}");
        assert_eq!(e.flagged, c.flagged, "{name}");
        assert!(
            close(e.flagged_share, c.share),
            "{name}: {}",
            e.flagged_share
        );
        assert!(close(e.accuracy, c.accuracy), "{name}: {}", e.accuracy);
        assert_eq!(
            e.accuracy_unflagged.is_some(),
            c.unflagged.is_some(),
            "{name}"
        );
        assert_eq!(
            e.accuracy_flagged.is_some(),
            c.flagged_accuracy.is_some(),
            "{name}"
        );
        if let (Some(a), Some(b)) = (e.accuracy_unflagged, c.unflagged) {
            assert!(close(a, b), "{name}: unflagged {a}, expected {b}");
        }
        if let (Some(a), Some(b)) = (e.accuracy_flagged, c.flagged_accuracy) {
            assert!(close(a, b), "{name}: flagged {a}, expected {b}");
        }
    }
}

/// Writes `docs` as JSON Lines and `gold` as a gold CSV in `dir`.
fn write_inputs(dir: &Path, docs: &[Labelled], gold: &[(&str, &str)]) -> (PathBuf, PathBuf) {
    let labelled = dir.join("labelled.jsonl");
    let lines: Vec<String> = docs
        .iter()
        .map(|d| serde_json::to_string(d).unwrap())
        .collect();
    fs::write(&labelled, lines.join("\n") + "\n").unwrap();
    let gold_path = dir.join("gold.csv");
    let mut text = String::from("id,instrument\n");
    for (id, label) in gold {
        text.push_str(&format!("{id},{label}\n"));
    }
    fs::write(&gold_path, text).unwrap();
    (labelled, gold_path)
}

#[test]
fn eval_cli_reports_flagged_and_unflagged_accuracy() {
    let dir = tempfile::tempdir().unwrap();
    let (rows, gold) = mixed();
    let docs: Vec<Labelled> = rows
        .iter()
        .map(|(id, label, reasons)| labelled(id, label, reasons))
        .collect();
    let (labelled_path, gold_path) = write_inputs(dir.path(), &docs, &gold);
    let args = [p(&labelled_path), "--gold", p(&gold_path)];
    let (table, _) = eval(&args, 0);
    assert!(
        table.contains(
            "\nneeds_review: 2 of 6 flagged (33.3%); \
             accuracy unflagged 0.750 (4), flagged 0.500 (2)\n"
        ),
        "{table}"
    );
    let (out, _) = eval(&[&args[..], &["--format", "json"]].concat(), 0);
    let q = &json(&out)["questions"][0];
    assert_eq!(q["n"], 6);
    assert_eq!(q["flagged"], 2);
    assert_eq!(q["accuracy_unflagged"], 0.75);
    assert_eq!(q["accuracy_flagged"], 0.5);
    assert!((q["flagged_share"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12);

    // A file written before needs_review existed has neither key: all unflagged.
    let old: Vec<String> = docs
        .iter()
        .map(|d| {
            let mut v = serde_json::to_value(d).unwrap();
            let r = v["questions"]["instrument"].as_object_mut().unwrap();
            assert!(r.remove("needs_review").is_some());
            r.remove("review_reasons");
            v.to_string()
        })
        .collect();
    assert!(!old.join("").contains("review"));
    let old_path = dir.path().join("old.jsonl");
    fs::write(&old_path, old.join("\n") + "\n").unwrap();
    let args = [p(&old_path), "--gold", p(&gold_path)];
    let (table, _) = eval(&args, 0);
    assert!(
        table.contains(
            "\nneeds_review: 0 of 6 flagged (0.0%); \
             accuracy unflagged 0.667 (6), flagged n/a (0)\n"
        ),
        "{table}"
    );
    let (out, _) = eval(&[&args[..], &["--format", "json"]].concat(), 0);
    let q = &json(&out)["questions"][0];
    assert_eq!(q["flagged"], 0);
    assert_eq!(q["flagged_share"], 0.0);
    assert_eq!(q["accuracy_unflagged"], q["accuracy"]);
    assert!(q["accuracy_flagged"].is_null(), "{q}");
}

#[test]
fn eval_min_macro_f1_sets_the_exit_status() {
    let (_dir, labelled) = classified(&root().join("corpus"));
    let gold = corpus_gold();
    let (out, err) = eval(
        &[p(&labelled), "--gold", p(&gold), "--min-macro-f1", "1.01"],
        1,
    );
    assert!(
        out.contains("macro avg"),
        "the report is printed first:\n{out}"
    );
    assert!(err.contains("below --min-macro-f1"), "{err}");
    eval(
        &[p(&labelled), "--gold", p(&gold), "--min-macro-f1", "0.5"],
        0,
    );
}

#[test]
fn eval_reports_ids_on_one_side_only() {
    let (dir, labelled) = classified(&root().join("corpus"));
    let gold = edited_gold(dir.path(), "extra.csv", |rows| {
        let mut extra = rows[0].clone();
        extra[0] = "NOWHERE".into();
        rows.push(extra);
        rows.retain(|r| r[0] != "KVR");
    });
    let (out, err) = eval(&[p(&labelled), "--gold", p(&gold), "--format", "json"], 0);
    let v = json(&out);
    assert_eq!(strings(&v["missing_in_predictions"]), ["NOWHERE"]);
    assert_eq!(strings(&v["missing_in_gold"]), ["KVR"]);
    assert_eq!(v["questions"][0]["n"], 19);
    assert!(err.contains("NOWHERE") && err.contains("KVR"), "{err}");
    let (table, _) = eval(&[p(&labelled), "--gold", p(&gold)], 0);
    assert!(
        table.contains(&format!("ids in {} missing from", p(&gold)))
            && table.contains("1 — NOWHERE")
            && table.contains("1 — KVR"),
        "{table}"
    );
}

#[test]
fn eval_unknown_gold_label_is_an_error_naming_file_and_line() {
    let (dir, labelled) = classified(&root().join("corpus"));
    let forum = column("forum");
    let gold = edited_gold(dir.path(), "typo.csv", |rows| {
        rows[2][forum] = "geneva".into();
    });
    let (out, err) = eval(&[p(&labelled), "--gold", p(&gold)], 2);
    assert!(out.is_empty(), "no report on an input error: {out}");
    // Row 3 of the data is line 4 of the file.
    assert!(err.contains(&format!("{}:4:", p(&gold))), "{err}");
    assert!(err.contains("`geneva`") && err.contains("forum"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn eval_bad_gold_files_exit_2() {
    let (dir, labelled) = classified(&root().join("corpus"));
    let dup = edited_gold(dir.path(), "dup.csv", |rows| {
        let first = rows[0].clone();
        rows.push(first);
    });
    let (_, err) = eval(&[p(&labelled), "--gold", p(&dup)], 2);
    assert!(err.contains(":22: duplicate id `VLR`"), "{err}");

    let no_forum = edited_gold(dir.path(), "cols.csv", |_| {});
    let text = fs::read_to_string(&no_forum).unwrap();
    let text = text.replacen(",forum,", ",venue,", 1);
    fs::write(&no_forum, text).unwrap();
    let (_, err) = eval(
        &[p(&labelled), "--gold", p(&no_forum), "--question", "forum"],
        2,
    );
    assert!(err.contains(":1: no `forum` column"), "{err}");
    // Without --question, the questions the gold file lacks are skipped, with a note.
    let (out, err) = eval(
        &[p(&labelled), "--gold", p(&no_forum), "--format", "json"],
        0,
    );
    assert!(err.contains("no `forum` column"), "{err}");
    assert_eq!(json(&out)["questions"].as_array().unwrap().len(), 2);

    let (_, err) = eval(
        &[
            p(&labelled),
            "--gold",
            p(&corpus_gold()),
            "--question",
            "weather",
        ],
        2,
    );
    assert!(err.contains("no question `weather`"), "{err}");
    let missing = dir.path().join("absent.csv");
    eval(&[p(&labelled), "--gold", p(&missing)], 2);
    let (_, err) = eval(&[p(&corpus_gold()), "--gold", p(&corpus_gold())], 2);
    assert!(err.contains("stancer: error:"), "{err}");
}

#[test]
fn eval_lists_disagreements_with_their_evidence() {
    let (dir, labelled) = classified(&root().join("corpus"));
    let instrument = column("instrument");
    // KVR is predicted `oppose`; pretend the annotators said `support`.
    let gold = edited_gold(dir.path(), "flip.csv", |rows| {
        let kvr = rows.iter_mut().find(|r| r[0] == "KVR").unwrap();
        kvr[instrument] = "support".into();
    });
    let (out, _) = eval(
        &[
            p(&labelled),
            "--gold",
            p(&gold),
            "--question",
            "instrument",
            "--format",
            "json",
        ],
        0,
    );
    let v = json(&out);
    let q = &v["questions"][0];
    let d = q["disagreements"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{d:?}");
    let d = &d[0];
    assert_eq!(
        (
            d["id"].as_str(),
            d["gold"].as_str(),
            d["predicted"].as_str()
        ),
        (Some("KVR"), Some("support"), Some("oppose"))
    );
    let ev = d["evidence"].as_array().unwrap();
    assert!(!ev.is_empty(), "the evidence behind `oppose`: {d}");
    for e in ev {
        for key in ["cue", "text", "sentence"] {
            assert!(e[key].is_string(), "evidence without `{key}`: {e}");
        }
        let sentence = e["sentence"].as_str().unwrap();
        assert!(
            !sentence.contains("  ") && !sentence.contains('\n'),
            "{sentence:?}"
        );
    }
    assert!(
        d["gold_evidence"]
            .as_str()
            .unwrap()
            .starts_with("Kavrenia does not support"),
        "{d}"
    );
    let (table, _) = eval(
        &[p(&labelled), "--gold", p(&gold), "--question", "instrument"],
        0,
    );
    assert!(
        table.contains("KVR: gold support, predicted oppose"),
        "{table}"
    );
    assert!(
        table.contains("evidence for oppose:") && table.contains("gold evidence: \"Kavrenia"),
        "{table}"
    );
}

#[test]
fn eval_same_seed_gives_identical_output() {
    let (dir, labelled) = classified(&root().join("corpus"));
    // Some disagreements, so that the intervals depend on the resamples.
    let (instrument, forum) = (column("instrument"), column("forum"));
    let gold = edited_gold(dir.path(), "noisy.csv", |rows| {
        for r in rows.iter_mut().step_by(3) {
            r[instrument] = "undecided".into();
            r[forum] = "ccw".into();
        }
    });
    let run = |seed: &str, out: &Path| {
        eval(
            &[
                p(&labelled),
                "--gold",
                p(&gold),
                "--format",
                "json",
                "--seed",
                seed,
                "--resamples",
                "300",
                "-o",
                p(out),
            ],
            0,
        );
        fs::read(out).unwrap()
    };
    let a = run("7", &dir.path().join("a.json"));
    let b = run("7", &dir.path().join("b.json"));
    assert_eq!(a, b, "same seed, same bytes");
    let c = run("8", &dir.path().join("c.json"));
    assert_ne!(a, c, "another seed, other intervals");
    let v: Value = serde_json::from_slice(&a).unwrap();
    let q = &v["questions"][0];
    let ci = &q["ci"]["accuracy"];
    let (lo, hi) = (ci[0].as_f64().unwrap(), ci[1].as_f64().unwrap());
    assert!(lo < hi, "a real interval: [{lo}, {hi}]");
    let (t1, _) = eval(&[p(&labelled), "--gold", p(&gold), "--seed", "7"], 0);
    let (t2, _) = eval(&[p(&labelled), "--gold", p(&gold), "--seed", "7"], 0);
    assert_eq!(t1, t2);
    // --resamples 0: no interval.
    let (out, _) = eval(
        &[
            p(&labelled),
            "--gold",
            p(&gold),
            "--format",
            "json",
            "--resamples",
            "0",
        ],
        0,
    );
    assert!(json(&out)["questions"][0]["ci"].is_null());
}

#[test]
fn eval_development_set_instrument() {
    let Some(dir) = shared_corpus("unsg-2024") else {
        return;
    };
    let (_tmp, labelled) = classified(&dir);
    let gold = dir.join("gold.csv");
    let (out, _) = eval(
        &[
            p(&labelled),
            "--gold",
            p(&gold),
            "--question",
            "instrument",
            "--min-macro-f1",
            "0.9",
            "--format",
            "json",
        ],
        0,
    );
    let q = &json(&out)["questions"][0];
    eprintln!(
        "unsg-2024 instrument: macro-F1 {} CI {} F_avg {} kappa {}",
        q["macro_f1"], q["ci"]["macro_f1"], q["f_avg"], q["kappa"]
    );
    assert_eq!(q["n"], 30);
}
