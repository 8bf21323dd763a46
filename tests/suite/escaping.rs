//! Output that another program or a terminal would interpret:
//!
//! * CSV (`classify --format csv`, `tally --format csv`): a cell from statement
//!   metadata that starts with `=`, `+`, `-` or `@` is prefixed with `'` so a
//!   spreadsheet does not run it as a formula; `--csv-safe=false` (and, for
//!   `classify`, the older `--csv-unsafe`) leaves it raw.
//! * Terminal output (`explain`, `kwic`, `eval` tables with their
//!   disagreements, `tally` tables): no ESC or other control character coming
//!   from a statement's text, id or actor name reaches stdout or stderr.
//!
//! stancer writes no HTML (JSON, JSON Lines, CSV and plain text only), so
//! there is no HTML escaping to test.

use std::fs;
use std::path::PathBuf;

use serde_json::{json, Value};

use super::util::{p, stancer};

/// Runs `stancer ARGS` with optional stdin, asserts exit status `code`,
/// returns (stdout, stderr).
fn run(args: &[&str], stdin: Option<&str>, code: i32) -> (String, String) {
    let mut cmd = stancer();
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_string());
    }
    let out = cmd.assert().code(code).get_output().clone();
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

/// JSON Lines of `objects`.
fn jsonl(objects: &[Value]) -> String {
    objects.iter().map(|o| format!("{o}\n")).collect()
}

const SUPPORT: &str = "We call for the negotiation of a legally binding instrument on autonomous \
weapons systems.";

// ---------------------------------------------------------------------------
// 1. CSV formula injection
// ---------------------------------------------------------------------------

const LEADS: [&str; 4] = ["=", "+", "-", "@"];

/// One document per formula lead, with the lead at the start of its id, actor
/// and actor_kind.
fn formula_documents() -> String {
    let docs: Vec<Value> = LEADS
        .iter()
        .enumerate()
        .map(|(i, lead)| {
            json!({
                "id": format!("{lead}HYPERLINK(\"http://x\",\"{i}\")"),
                "actor": format!("{lead}SUM(A1:A9)"),
                "actor_kind": format!("{lead}cmd|' /C calc'!A0"),
                "language": "en",
                "text": SUPPORT,
            })
        })
        .collect();
    jsonl(&docs)
}

/// The CSV rows (header excluded) of `stancer classify --format csv - EXTRA`.
fn classify_csv(extra: &[&str]) -> Vec<csv::StringRecord> {
    let mut args = vec!["classify", "--format", "csv"];
    args.extend(extra);
    args.push("-");
    let (out, _) = run(&args, Some(&formula_documents()), 0);
    csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV row"))
        .collect()
}

#[test]
fn classify_csv_prefixes_formula_cells_unless_told_not_to() {
    // (flags, whether cells are neutralised)
    let cases: [(&[&str], bool); 5] = [
        (&[], true),
        (&["--csv-safe=true"], true),
        (&["--csv-safe", "true"], true),
        (&["--csv-safe=false"], false),
        (&["--csv-unsafe"], false),
    ];
    for (flags, safe) in cases {
        let rows = classify_csv(flags);
        assert_eq!(rows.len(), LEADS.len() * 3, "{flags:?}: rows");
        for (i, lead) in LEADS.iter().enumerate() {
            let raw = [
                format!("{lead}HYPERLINK(\"http://x\",\"{i}\")"),
                format!("{lead}SUM(A1:A9)"),
                format!("{lead}cmd|' /C calc'!A0"),
            ];
            for row in &rows[i * 3..i * 3 + 3] {
                for (col, raw) in raw.iter().enumerate() {
                    let want = if safe { format!("'{raw}") } else { raw.clone() };
                    assert_eq!(&row[col], want.as_str(), "{flags:?}: column {col}");
                }
                // Cells stancer writes itself are never touched.
                assert_eq!(&row[3], "en");
                assert_eq!(&row[4], "ok");
            }
        }
    }
}

#[test]
fn csv_safe_takes_only_true_or_false() {
    let (_, err) = run(
        &["classify", "--format", "csv", "--csv-safe=maybe", "-"],
        Some(""),
        2,
    );
    assert!(err.contains("maybe"), "{err}");
}

/// Classifies the formula documents into `DIR/labelled.json`.
fn formula_labelled() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let labelled = dir.path().join("labelled.json");
    run(
        &["classify", "-", "-o", p(&labelled)],
        Some(&formula_documents()),
        0,
    );
    (dir, labelled)
}

#[test]
fn tally_csv_prefixes_formula_ids_unless_told_not_to() {
    let (_dir, labelled) = formula_labelled();
    let raw_ids: Vec<String> = LEADS
        .iter()
        .enumerate()
        .map(|(i, lead)| format!("{lead}HYPERLINK(\"http://x\",\"{i}\")"))
        .collect();
    let cases: [(&[&str], bool); 3] = [
        (&[], true),
        (&["--csv-safe=true"], true),
        (&["--csv-safe=false"], false),
    ];
    for (flags, safe) in cases {
        let mut args = vec![
            "tally",
            p(&labelled),
            "--question",
            "instrument",
            "--format",
            "csv",
        ];
        args.extend(flags);
        let (out, _) = run(&args, None, 0);
        let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(out.as_bytes())
            .records()
            .map(|r| r.expect("valid CSV row"))
            .collect();
        let support = rows
            .iter()
            .find(|r| &r[2] == "support")
            .unwrap_or_else(|| panic!("{flags:?}: no support row in {out}"));
        assert_eq!(&support[0], "instrument");
        assert_eq!(&support[3], "4", "{flags:?}: {out}");
        let mut ids: Vec<&str> = support[6].split(';').collect();
        ids.sort_unstable();
        let mut want: Vec<String> = raw_ids
            .iter()
            .map(|id| if safe { format!("'{id}") } else { id.clone() })
            .collect();
        want.sort_unstable();
        assert_eq!(ids, want, "{flags:?}");
        for row in &rows {
            assert!(
                !safe || !row[6].starts_with(['=', '+', '-', '@']),
                "{flags:?}: a formula cell {:?}",
                &row[6]
            );
        }
    }
}

// ---------------------------------------------------------------------------
// 2. Terminal output
// ---------------------------------------------------------------------------

/// Select Graphic Rendition: red.
const SGR: &str = "\x1b[31m";
/// Operating System Command: set the window title.
const OSC: &str = "\x1b]0;title\x07";
/// A C1 control sequence introducer, a bell, a backspace and a carriage return.
const OTHERS: &str = "\u{9b}2J\x07\x08\r";

/// Fails when `s` holds a control character other than `allowed`.
fn assert_clean(what: &str, s: &str, allowed: &[char]) {
    if let Some((at, c)) = s
        .char_indices()
        .find(|&(_, c)| c.is_control() && !allowed.contains(&c))
    {
        let from = s[..at].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
        let to = s[at..]
            .char_indices()
            .nth(40)
            .map_or(s.len(), |(i, _)| at + i);
        panic!(
            "{what}: control character {c:?} at byte {at}: {:?}",
            &s[from..to]
        );
    }
}

/// (id, actor_name, text) of the hostile documents: A supports, B opposes, C
/// is about the topic but takes no position, D is not in the gold file.
fn hostile() -> Vec<(String, String, String)> {
    vec![
        (
            format!("A{SGR}x{OSC}"),
            format!("Republic of A{SGR}{OSC}"),
            format!(
                "{OSC}We call for the negotiation of a legally binding instrument {SGR}on autonomous \
                 weapons systems{OSC}.{OTHERS} Lethal autonomous weapons systems{SGR} must be \
                 prohibited.\x1b[0m"
            ),
        ),
        (
            format!("B{OSC}"),
            format!("{SGR}B"),
            format!(
                "Existing international law is sufficient for autonomous weapons systems{SGR}: \
                 there is no legal gap{OSC}.{OTHERS}"
            ),
        ),
        (
            format!("C{OTHERS}c"),
            "C".to_string(),
            format!("Autonomous weapons{OSC} systems were discussed.{SGR}"),
        ),
        (
            format!("D{SGR}"),
            format!("D{OTHERS}"),
            format!("{SGR}We support a legally binding instrument on autonomous weapons systems."),
        ),
    ]
}

/// The hostile documents as a JSON Lines file in a new folder, and the file.
fn hostile_corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<Value> = hostile()
        .into_iter()
        .enumerate()
        .map(|(i, (id, name, text))| {
            let members = if i == 1 {
                json!(["AAA", "CCC"])
            } else {
                json!([])
            };
            let kind = if i == 1 { "group" } else { "state" };
            json!({"id": id, "actor": format!("X{i}"), "actor_name": name,
                   "actor_kind": kind, "members": members, "language": "en", "text": text})
        })
        .collect();
    let file = dir.path().join("hostile.jsonl");
    fs::write(&file, jsonl(&docs)).unwrap();
    (dir, file)
}

#[test]
fn explain_prints_no_control_characters_from_documents() {
    let (_dir, corpus) = hostile_corpus();
    for (id, _, _) in hostile() {
        let (out, err) = run(
            &["explain", p(&corpus), "--id", &id, "--color", "never"],
            None,
            0,
        );
        assert!(out.contains("document   "), "{out}");
        assert_clean(&format!("explain {id:?} stdout"), &out, &['\n']);
        assert_clean(&format!("explain {id:?} stderr"), &err, &['\n']);
    }
    let (out, _) = run(
        &[
            "explain",
            p(&corpus),
            "--id",
            &hostile()[0].0,
            "--color",
            "never",
        ],
        None,
        0,
    );
    assert!(
        out.contains("instrument: support")
            && out.contains("[[negotiation of a legally binding instrument]]"),
        "{out}"
    );
    // An unknown id that looks like a hostile one: the suggestions are ids too.
    let (_, err) = run(
        &[
            "explain",
            p(&corpus),
            "--id",
            &format!("A{SGR}"),
            "--color",
            "never",
        ],
        None,
        2,
    );
    assert_clean("explain unknown id stderr", &err, &['\n']);
}

#[test]
fn kwic_prints_no_control_characters_from_documents() {
    let (_dir, corpus) = hostile_corpus();
    for phrase in ["legally binding", "autonomous weapon*", "no legal gap"] {
        for (extra, allowed) in [(None, &['\n'][..]), (Some("--tsv"), &['\n', '\t'][..])] {
            let mut args = vec!["kwic", p(&corpus), phrase, "--color", "never"];
            args.extend(extra);
            let (out, err) = run(&args, None, 0);
            assert!(!out.trim().is_empty(), "{phrase} {extra:?}: no occurrence");
            assert_clean(&format!("kwic {phrase:?} {extra:?} stdout"), &out, allowed);
            assert_clean(&format!("kwic {phrase:?} {extra:?} stderr"), &err, &['\n']);
        }
    }
}

#[test]
fn eval_table_prints_no_control_characters_from_documents() {
    let (dir, corpus) = hostile_corpus();
    let labelled = dir.path().join("labelled.json");
    run(&["classify", p(&corpus), "-o", p(&labelled)], None, 0);
    let ids: Vec<String> = hostile().into_iter().map(|(id, _, _)| id).collect();
    // A and B disagree with the predictions; GHOST is not in the predictions; D not in the gold file.
    let gold = dir.path().join("gold.csv");
    let mut w = csv::Writer::from_path(&gold).unwrap();
    w.write_record(["id", "instrument", "instrument_evidence"])
        .unwrap();
    w.write_record([ids[0].as_str(), "oppose", "they oppose it"])
        .unwrap();
    w.write_record([ids[1].as_str(), "support", "they support it"])
        .unwrap();
    w.write_record([ids[2].as_str(), "undecided", ""]).unwrap();
    w.write_record([format!("GHOST{SGR}{OSC}").as_str(), "support", ""])
        .unwrap();
    w.flush().unwrap();

    let (out, err) = run(
        &[
            "eval",
            p(&labelled),
            "--gold",
            p(&gold),
            "--question",
            "instrument",
            "--resamples",
            "0",
        ],
        None,
        0,
    );
    assert!(
        out.contains("disagreements (2)") && out.contains("legally binding"),
        "the disagreements are listed with their evidence:\n{out}"
    );
    assert_clean("eval stdout", &out, &['\n']);
    assert_clean("eval stderr", &err, &['\n']);
}

#[test]
fn tally_table_prints_no_control_characters_from_documents() {
    let (dir, corpus) = hostile_corpus();
    for format in ["json", "jsonl"] {
        let labelled = dir.path().join(format!("labelled.{format}"));
        run(
            &[
                "classify",
                p(&corpus),
                "--format",
                format,
                "-o",
                p(&labelled),
            ],
            None,
            0,
        );
        for by in ["submission", "state"] {
            let (out, err) = run(&["tally", p(&labelled), "--by", by], None, 0);
            assert!(out.contains("support"), "{out}");
            assert_clean(&format!("tally --by {by} ({format}) stdout"), &out, &['\n']);
            assert_clean(&format!("tally --by {by} ({format}) stderr"), &err, &['\n']);
        }
    }
}
