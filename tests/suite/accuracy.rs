//! Accuracy against hand labels, measured and printed: the bundled fictional
//! corpus always, the real development set and the UN General Debate haystack
//! when `../shared` is present.

use std::path::Path;

use stancer::classify::Labelled;
use stancer::eval::{evaluate, Gold, QuestionEval};

use super::util::{classify_corpus, root, shared_corpus};

const QUESTIONS: [(&str, [&str; 3]); 3] = [
    ("instrument", ["support", "oppose", "undecided"]),
    ("regulation", ["support", "oppose", "undecided"]),
    ("forum", ["ccw", "open", "unspecified"]),
];

fn evaluate_all(dir: &Path) -> (Vec<Labelled>, Vec<QuestionEval>) {
    let docs = classify_corpus(dir);
    let gold = Gold::from_path(
        &dir.join("gold.csv"),
        &["instrument", "regulation", "forum"],
    )
    .unwrap();
    let evals = QUESTIONS
        .iter()
        .map(|(q, labels)| {
            let labels: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
            let e = evaluate(q, &labels, &docs, &gold);
            eprintln!(
                "{}: {q:<10} n={} accuracy={:.3} macro-F1={:.3} kappa={:.3} disagreements={:?}",
                dir.display(),
                e.n,
                e.accuracy,
                e.macro_f1,
                e.kappa,
                e.disagreements
                    .iter()
                    .map(|d| format!("{} gold {} predicted {}", d.id, d.gold, d.predicted))
                    .collect::<Vec<_>>()
            );
            e
        })
        .collect();
    (docs, evals)
}

#[test]
fn fictional_corpus_matches_its_gold() {
    let (docs, evals) = evaluate_all(&root().join("corpus"));
    assert_eq!(docs.len(), 20);
    for e in &evals {
        assert_eq!(e.n, 20, "{}: every document has a gold label", e.question);
        assert!(
            e.macro_f1 >= 0.85,
            "{}: macro-F1 {:.3} < 0.85",
            e.question,
            e.macro_f1
        );
    }
}

#[test]
fn development_set_accuracy() {
    let Some(dir) = shared_corpus("unsg-2024") else {
        return;
    };
    let (_, evals) = evaluate_all(&dir);
    let [instrument, regulation, forum] = &evals[..] else {
        unreachable!()
    };
    assert_eq!(instrument.n, 30);
    assert!(
        instrument.macro_f1 >= 0.90,
        "instrument macro-F1 {:.3}",
        instrument.macro_f1
    );
    let oppose_as_support = instrument
        .disagreements
        .iter()
        .filter(|d| d.gold == "oppose" && d.predicted == "support")
        .count();
    assert_eq!(
        oppose_as_support, 0,
        "an `oppose` document labelled support"
    );
    assert!(
        regulation.accuracy >= 0.90,
        "regulation accuracy {:.3}",
        regulation.accuracy
    );
    assert!(
        forum.macro_f1 >= 0.70,
        "forum macro-F1 {:.3}",
        forum.macro_f1
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
        if d.questions.get("instrument").unwrap().label != "undecided" {
            false_positives.push(d.meta.id.clone());
        }
    }
    eprintln!(
        "UNGDC: {silent} speeches never mention autonomous weapons; {} of them labelled on `instrument`: {:?}",
        false_positives.len(),
        false_positives
    );
    assert!(silent > 2000);
    assert!(false_positives.len() <= 5, "{false_positives:?}");
}
