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
//! * HTML (`report`): every text from a statement, the manifest or the gold
//!   file is escaped; raw markup from the input never reaches the page (the
//!   browser half of this, that nothing runs, is in `report.rs`).
//!
//! All of it is done by one module, `stancer::escape`; the old homes of the
//! terminal sanitizer (`explain`) and of the CSV cell (`export`) re-export it.

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

// ---------------------------------------------------------------------------
// 3. HTML
// ---------------------------------------------------------------------------

/// Markup that would act in a page.
const MARKUP: [&str; 7] = [
    "<script>window.__x=1</script>",
    "<img src=x onerror=\"window.__x=2\">",
    "</style><style>body{display:none}</style>",
    "<a href=\"javascript:window.__x=3\">x</a>",
    "</script><!--",
    "\" onfocus=\"window.__x=4\" autofocus=\"",
    "<svg/onload=window.__x=5>",
];

#[test]
fn one_module_escapes_for_every_output() {
    use stancer::escape;
    // The old names still lead to the one implementation.
    assert_eq!(
        stancer::explain::sanitize("a\x1b[31mb"),
        escape::sanitize("a\x1b[31mb")
    );
    assert_eq!(
        stancer::explain::clean(" a \n b "),
        escape::clean(" a \n b ")
    );
    assert_eq!(
        stancer::export::csv_cell("=1", true),
        escape::csv_cell("=1", true)
    );
    for m in MARKUP {
        let h = escape::html(m);
        assert!(!h.contains(['<', '>', '"', '\'']), "{m} -> {h}");
        let j = escape::script_json(&json!({ "m": m }).to_string());
        assert!(!j.contains(['<', '>']), "{m} -> {j}");
        let back: Value = serde_json::from_str(&j).unwrap();
        assert_eq!(back["m"], m);
    }
}

#[test]
fn report_shows_markup_from_the_input_only_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<Value> = MARKUP
        .iter()
        .enumerate()
        .map(|(i, m)| {
            json!({
                "id": format!("D{i}{m}"),
                "actor": format!("{m}"),
                "actor_name": format!("N {m}"),
                "actor_kind": if i % 2 == 0 { "group".to_string() } else { m.to_string() },
                "members": ["AUT", format!("X{m}")],
                "language": "en",
                "source": m,
                "date": m,
                "text": format!("{SUPPORT} {m} We support a treaty on autonomous weapons systems {m}."),
            })
        })
        .collect();
    let input = dir.path().join("in.jsonl");
    fs::write(&input, jsonl(&docs)).unwrap();
    let labelled = dir.path().join("labelled.json");
    run(&["classify", p(&input), "-o", p(&labelled)], None, 0);
    // A gold file whose quotes carry markup too.
    let gold = dir.path().join("gold.csv");
    let mut w = csv::Writer::from_path(&gold).unwrap();
    w.write_record(["id", "instrument", "instrument_evidence"])
        .unwrap();
    for (i, m) in MARKUP.iter().enumerate() {
        w.write_record([format!("D{i}{m}"), "oppose".into(), m.to_string()])
            .unwrap();
    }
    w.flush().unwrap();
    drop(w);
    let html_path = dir.path().join("r.html");
    run(
        &[
            "report",
            p(&labelled),
            "--gold",
            p(&gold),
            "-o",
            p(&html_path),
        ],
        None,
        0,
    );
    let html = fs::read_to_string(&html_path).unwrap();
    for m in MARKUP {
        assert!(!html.contains(m), "raw {m:?} in the report");
        assert!(
            html.contains(&stancer::escape::html(m)),
            "{m:?} shown escaped"
        );
    }
    assert_eq!(html.matches("<script").count(), 2);
    assert_eq!(html.matches("<style").count(), 1);
    assert_eq!(html.matches("</style>").count(), 1);
    for raw in ["<img", "<svg/", "onerror=\"", "onfocus=\"", "autofocus=\""] {
        let outside_text = html.matches(raw).count();
        assert_eq!(outside_text, 0, "{raw:?} in the report");
    }
    assert!(!html.contains("href=\"javascript"));
    // The gold quotes are there, escaped, beside the disagreements.
    assert!(html.contains("Hand label&#39;s evidence") || html.contains("Hand label's evidence"));
}
