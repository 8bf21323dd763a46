//! `stancer explain`: the header, the marked sentences, what each cue added,
//! the score arithmetic and the decision rule; colour on request only; text
//! from documents cannot act on the terminal; unknown ids and questions.

use std::fs;

use stancer::classify::Labelled;

use super::util::{classify_corpus, root, run_stancer};

/// `stancer explain ARGS` on the bundled corpus; asserts exit status `code`,
/// returns (stdout, stderr).
fn explain(args: &[&str], code: i32) -> (String, String) {
    let args: Vec<&str> = std::iter::once("explain")
        .chain(args.iter().copied())
        .collect();
    run_stancer(&args, code)
}

#[test]
fn explain_negated_cue_names_negation_and_decision() {
    let (out, _) = explain(&["corpus", "--id", "ODM", "--color", "never"], 0);
    for want in [
        "document   ODM",
        "actor      ODM (Commonwealth of Odmaria, state)",
        "language   en",
        "lexicon    laws-en",
        "tokens     155",
        "about the topic: yes",
        "instrument: oppose",
        "are {not} [[legally binding provisions]] but rather",
        "+1.0 oppose     \"not\" (negation, before the cue, within",
        "→ cue \"@binding <~3> @instrument\" (\"legally binding provisions\") [support, weight 1.0] at 271..297",
        "oppose    = 1.0",
        "decision: oppose 1.0 >= min_score 1.0 and leads support 0.0 by 1.0 >= min_margin 1.0 → oppose",
        "forum: ccw",
        "dominant open 0.0 < min_score 1.5; ccw 2.0 >= min_score 1.5",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
}

/// The lines `explain` must print for a document, derived from its classify output.
fn expected_lines(d: &Labelled) -> Vec<String> {
    let num = stancer::explain::num;
    let mut want = Vec::new();
    for (q, r) in &d.questions.0 {
        want.push(format!("\n{q}: {} (score", r.label));
        for e in &r.evidence {
            want.push(format!("at {}..{}", e.start, e.end));
            let label = e.label.as_deref().unwrap_or("nothing");
            want.push(format!("+{} {label}", num(e.counted)));
            for m in &e.modifiers {
                want.push(format!(
                    "({}",
                    serde_json::to_value(m.kind).unwrap().as_str().unwrap()
                ));
            }
        }
        // The score arithmetic: every label's terms, in text order.
        let width = r.scores.0.iter().map(|(l, _)| l.len()).max().unwrap();
        for (label, score) in &r.scores.0 {
            let terms: Vec<String> = r
                .evidence
                .iter()
                .filter(|e| e.label.as_deref() == Some(label))
                .map(|e| num(e.counted))
                .collect();
            let sum = if terms.len() > 1 {
                format!("{} = {}", terms.join(" + "), num(*score))
            } else {
                num(*score)
            };
            want.push(format!("    {label:<width$} = {sum}\n"));
        }
    }
    want
}

#[test]
fn explain_agrees_with_classify() {
    let docs = classify_corpus(&root().join("corpus"));
    let (mut hedged, mut attributed, mut summed) = (0, 0, 0);
    for d in &docs {
        let id = d.meta.id.as_str();
        let (out, _) = explain(&["corpus", "--id", id, "--color", "never"], 0);
        for want in expected_lines(d) {
            assert!(out.contains(&want), "{id}: missing {want:?} in:\n{out}");
        }
        for (q, r) in &d.questions.0 {
            let decided = out
                .lines()
                .skip_while(|l| !l.starts_with(&format!("{q}:")))
                .find(|l| l.trim_start().starts_with("decision:"))
                .expect("a decision line");
            assert!(
                decided.ends_with(&format!("→ {}", r.label))
                    || decided.ends_with(&format!("→ {} (default)", r.label)),
                "{id} {q}: {decided}"
            );
            hedged += r.evidence.iter().filter(|e| e.hedged).count();
            attributed += r.evidence.iter().filter(|e| e.attributed).count();
        }
        summed += out.matches(" + ").count();
    }
    // The corpus exercises hedges, attributions and sums of several cues.
    assert!(hedged > 0 && attributed > 0 && summed > 0);
}

#[test]
fn explain_one_question() {
    let (out, _) = explain(
        &[
            "corpus",
            "--id",
            "TXV",
            "--question",
            "instrument",
            "--color",
            "never",
        ],
        0,
    );
    assert!(out.contains("\ninstrument: "), "{out}");
    assert!(
        !out.contains("\nforum:") && !out.contains("\nregulation:"),
        "{out}"
    );
}

#[test]
fn explain_colour_only_on_request() {
    let (plain, _) = explain(&["corpus", "--id", "KVR", "--color", "never"], 0);
    assert!(!plain.contains('\x1b'), "escape bytes with --color never");
    // stdout is a pipe here, so auto means no colour.
    let (auto, _) = explain(&["corpus", "--id", "KVR"], 0);
    assert!(
        !auto.contains('\x1b'),
        "escape bytes with --color auto on a pipe"
    );
    let (coloured, _) = explain(&["corpus", "--id", "KVR", "--color", "always"], 0);
    assert!(
        coloured.contains("\x1b[1;31mnew legally binding instrument\x1b[0m"),
        "{coloured}"
    );
    assert!(
        coloured.contains("\x1b[4mdoes not support\x1b[0m"),
        "{coloured}"
    );
    assert!(!coloured.contains("[[") && !coloured.contains("{does"));
}

#[test]
fn explain_strips_terminal_escapes_from_documents() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("docs.jsonl");
    let text = "We \u{1b}[2J \u{1b}[5m call for \u{1b}[0m a\n legally binding\u{1b}]0;pwned\u{7} \u{202e}instrument on autonomous weapons systems.\u{7}";
    let line = serde_json::json!({"id": "EVIL\u{1b}[31m", "text": text}).to_string();
    fs::write(&path, line + "\n").unwrap();
    let p = path.to_str().unwrap();
    let (plain, _) = explain(&[p, "--id", "EVIL\u{1b}[31m", "--color", "never"], 0);
    assert!(!plain.contains('\x1b') && !plain.contains('\x07') && !plain.contains('\u{202e}'));
    assert!(!plain.contains("pwned"), "{plain}");
    assert!(
        plain.contains("We {call for} a [[legally binding]] instrument on"),
        "{plain}"
    );
    let (coloured, _) = explain(&[p, "--id", "EVIL\u{1b}[31m", "--color", "always"], 0);
    for bad in [
        "\x1b[2J",
        "\x1b[5m",
        "\x1b]",
        "\x07",
        "\u{202e}",
        "EVIL\x1b[31m",
    ] {
        assert!(!coloured.contains(bad), "{bad:?} in:\n{coloured:?}");
    }
}

#[test]
fn explain_unknown_id_lists_nearby_ids() {
    let (out, err) = explain(&["corpus", "--id", "ODN"], 2);
    assert!(out.is_empty());
    assert!(err.contains("no document \"ODN\""), "{err}");
    assert!(err.contains("nearby ids: ODM"), "{err}");
}

#[test]
fn explain_unknown_question_and_missing_corpus() {
    let (_, err) = explain(&["corpus", "--id", "ODM", "--question", "treaty"], 2);
    assert!(err.contains("no question \"treaty\""), "{err}");
    assert!(err.contains("instrument, regulation, forum"), "{err}");
    let (_, err) = explain(&["no-such-corpus", "--id", "ODM"], 2);
    assert!(err.contains("no-such-corpus"), "{err}");
}

#[test]
fn explain_unsupported_language() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("docs.jsonl");
    fs::write(
        &path,
        r#"{"id": "DE", "language": "de", "text": "Ein rechtsverbindliches Instrument."}"#,
    )
    .unwrap();
    let (_, err) = explain(&[path.to_str().unwrap(), "--id", "DE"], 2);
    assert!(err.contains("no lexicon reads language \"de\""), "{err}");
}
