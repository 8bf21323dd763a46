//! Accuracy against hand labels, per corpus, with floors the tests enforce and
//! a table printed for the README (run with `--nocapture` to see it):
//!
//! * `corpus/`: the bundled fictional statements (always);
//! * `unsg-2024`: the 30 real submissions of the development set (`../shared`);
//! * `ungdc-aws`: the UN General Debate speeches that discuss autonomous
//!   weapons, hand-labelled for this project (`tests/gold/ungdc-aws.csv`; the
//!   texts are in `../shared`);
//! * the 2,325 General Debate speeches as a haystack: speeches that never
//!   mention autonomous weapons must stay undecided.
//!
//! Accuracy intervals are percentile-bootstrap 95% intervals (1,000
//! resamples, seed 42) from [`stancer::eval`].

use std::path::Path;

use stancer::classify::Labelled;
use stancer::eval::{evaluate_with, Gold, Options, QuestionEval};

use super::util::{classify_corpus, root, shared_corpus};

const QUESTIONS: [(&str, [&str; 3]); 3] = [
    ("instrument", ["support", "oppose", "undecided"]),
    ("regulation", ["support", "oppose", "undecided"]),
    ("forum", ["ccw", "open", "unspecified"]),
];

/// The least a corpus must reach, per question: (accuracy, macro-F1).
struct Floor {
    accuracy: [f64; 3],
    macro_f1: [f64; 3],
}

/// Evaluates every question of `docs` against `gold`, prints a table row per
/// question and checks the floors, no support/oppose inversion, and that at
/// most a quarter of the labels are flagged for review.
fn check(name: &str, docs: &[Labelled], gold: &Path, floor: &Floor) -> Vec<QuestionEval> {
    let gold = Gold::from_path(gold, &["instrument", "regulation", "forum"]).unwrap();
    let mut failures = Vec::new();
    let mut evals = Vec::new();
    for (qi, (q, labels)) in QUESTIONS.iter().enumerate() {
        let labels: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
        let e = evaluate_with(q, &labels, docs, &gold, &Options::default());
        let ci = e.ci.as_ref().expect("bootstrap intervals");
        let unflagged = e
            .accuracy_unflagged
            .map_or("n/a".to_string(), |a| format!("{a:.3}"));
        eprintln!(
            "| {name} | {q} | {} | {:.3} [{:.3}, {:.3}] | {:.3} [{:.3}, {:.3}] | {:.3} | {:.0}% | {unflagged} |",
            e.n,
            e.accuracy,
            ci.accuracy[0],
            ci.accuracy[1],
            e.macro_f1,
            ci.macro_f1[0],
            ci.macro_f1[1],
            e.kappa,
            e.flagged_share * 100.0,
        );
        for d in &e.disagreements {
            eprintln!(
                "    {name} {q}: {} gold {} predicted {}",
                d.id, d.gold, d.predicted
            );
        }
        if e.accuracy < floor.accuracy[qi] {
            failures.push(format!(
                "{name} {q}: accuracy {:.3} < {}",
                e.accuracy, floor.accuracy[qi]
            ));
        }
        if e.macro_f1 < floor.macro_f1[qi] {
            failures.push(format!(
                "{name} {q}: macro-F1 {:.3} < {}",
                e.macro_f1, floor.macro_f1[qi]
            ));
        }
        let inversions: Vec<&str> = e
            .disagreements
            .iter()
            .filter(|d| {
                (d.gold == "support" && d.predicted == "oppose")
                    || (d.gold == "oppose" && d.predicted == "support")
            })
            .map(|d| d.id.as_str())
            .collect();
        if !inversions.is_empty() {
            failures.push(format!(
                "{name} {q}: support/oppose inversions {inversions:?}"
            ));
        }
        if e.flagged_share > 0.25 {
            failures.push(format!(
                "{name} {q}: {:.0}% of the labels flagged for review (at most 25%)",
                e.flagged_share * 100.0
            ));
        }
        evals.push(e);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    evals
}

#[test]
fn fictional_corpus_matches_its_gold() {
    let dir = root().join("corpus");
    let docs = classify_corpus(&dir);
    assert_eq!(docs.len(), 20);
    let evals = check(
        "corpus",
        &docs,
        &dir.join("gold.csv"),
        &Floor {
            accuracy: [0.9; 3],
            macro_f1: [0.85; 3],
        },
    );
    assert!(
        evals.iter().all(|e| e.n == 20),
        "every document has a gold label"
    );
}

#[test]
fn development_set_accuracy() {
    let Some(dir) = shared_corpus("unsg-2024") else {
        return;
    };
    let docs = classify_corpus(&dir);
    let evals = check(
        "unsg-2024",
        &docs,
        &dir.join("gold.csv"),
        &Floor {
            accuracy: [0.9, 0.9, 0.9],
            macro_f1: [0.9, 0.0, 0.8],
        },
    );
    assert_eq!(evals[0].n, 30);
}

#[test]
fn general_debate_speeches_on_the_topic_match_their_hand_labels() {
    let Some(dir) = shared_corpus("ungdc-2013-2024") else {
        return;
    };
    let gold = root().join("tests").join("gold").join("ungdc-aws.csv");
    let ids: std::collections::BTreeSet<String> = csv::Reader::from_path(&gold)
        .unwrap()
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    let docs: Vec<Labelled> = classify_corpus(&dir)
        .into_iter()
        .filter(|d| ids.contains(&d.meta.id))
        .collect();
    assert_eq!(
        docs.len(),
        ids.len(),
        "every labelled speech is in the corpus"
    );
    check(
        "ungdc-aws",
        &docs,
        &gold,
        &Floor {
            accuracy: [0.875, 0.8, 0.75],
            macro_f1: [0.0; 3],
        },
    );
}

/// Whether a speech mentions autonomous weapons in any wording (a broad check
/// independent of the lexicon).
fn mentions_autonomous_weapons(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("killer robot")
        || t.match_indices("autonomous").any(|(i, _)| {
            let window = &t[i.saturating_sub(200)..(i + 200).min(t.len())];
            ["weapon", "lethal", "military", "arms", "robot", "drone"]
                .iter()
                .any(|w| window.contains(w))
        })
        || text.contains("LAWS")
}

#[test]
fn general_debate_speeches_without_the_topic_stay_undecided() {
    let Some(dir) = shared_corpus("ungdc-2013-2024") else {
        return;
    };
    let docs = classify_corpus(&dir);
    assert_eq!(docs.len(), 2325);
    let mut silent = 0;
    let mut false_positives = Vec::new();
    for d in &docs {
        let file = dir.join(d.meta.file.as_deref().unwrap());
        let text = std::fs::read_to_string(&file).unwrap();
        if mentions_autonomous_weapons(&text) {
            continue;
        }
        silent += 1;
        let stances: Vec<&str> = d
            .questions
            .0
            .iter()
            .filter(|(_, r)| !["undecided", "unspecified"].contains(&r.label.as_str()))
            .map(|(q, _)| q.as_str())
            .collect();
        if !stances.is_empty() {
            false_positives.push(format!("{} {stances:?}", d.meta.id));
        }
    }
    eprintln!(
        "UNGDC: {silent} speeches never mention autonomous weapons; {} of them get a stance: {:?}",
        false_positives.len(),
        false_positives
    );
    assert!(silent > 2000);
    assert!(false_positives.len() <= 5, "{false_positives:?}");
}
