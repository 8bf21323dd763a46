//! Evaluation against hand labels: confusion matrices, per-class precision,
//! recall and F1, accuracy, macro-F1, Cohen's kappa.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;

use crate::classify::Labelled;
use crate::error::{Error, Result};

/// Hand labels: per document id, per question, a label.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    /// id → question → label.
    pub labels: BTreeMap<String, BTreeMap<String, String>>,
    /// id → question → evidence quote, where the gold file has one.
    pub evidence: BTreeMap<String, BTreeMap<String, String>>,
}

impl Gold {
    /// Reads a gold CSV (`id`, one column per question, optional
    /// `<question>_evidence` and `<question>_agreement`). `questions` names the
    /// question columns to read; a missing one is an error.
    pub fn from_path(path: &Path, questions: &[&str]) -> Result<Gold> {
        let mut rdr =
            csv::Reader::from_path(path).map_err(|e| Error::input(path, None, e.to_string()))?;
        let headers = rdr
            .headers()
            .map_err(|e| Error::input(path, Some(1), e.to_string()))?
            .clone();
        let col = |n: &str| headers.iter().position(|h| h.trim() == n);
        let id_col = col("id").ok_or_else(|| Error::input(path, Some(1), "no `id` column"))?;
        let mut cols = Vec::new();
        for q in questions {
            let c =
                col(q).ok_or_else(|| Error::input(path, Some(1), format!("no `{q}` column")))?;
            cols.push((q.to_string(), c, col(&format!("{q}_evidence"))));
        }
        let mut gold = Gold::default();
        for rec in rdr.records() {
            let rec =
                rec.map_err(|e| Error::input(path, e.position().map(|p| p.line()), e.to_string()))?;
            let line = rec.position().map(|p| p.line());
            let id = rec.get(id_col).unwrap_or("").trim().to_string();
            if id.is_empty() {
                return Err(Error::input(path, line, "empty `id`"));
            }
            if gold.labels.contains_key(&id) {
                return Err(Error::input(path, line, format!("duplicate id `{id}`")));
            }
            let mut labels = BTreeMap::new();
            let mut evidence = BTreeMap::new();
            for (q, c, ec) in &cols {
                labels.insert(q.clone(), rec.get(*c).unwrap_or("").trim().to_string());
                if let Some(e) = ec.and_then(|ec| rec.get(ec)) {
                    evidence.insert(q.clone(), e.to_string());
                }
            }
            gold.labels.insert(id.clone(), labels);
            gold.evidence.insert(id, evidence);
        }
        Ok(gold)
    }
}

/// Precision, recall, F1 and support of one class.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClassScores {
    /// The label.
    pub label: String,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Number of gold documents with this label.
    pub support: usize,
}

/// The evaluation of one question.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuestionEval {
    /// The question.
    pub question: String,
    /// Labels, rows and columns of the confusion matrix.
    pub labels: Vec<String>,
    /// `confusion[gold][predicted]`.
    pub confusion: Vec<Vec<usize>>,
    /// Per class.
    pub classes: Vec<ClassScores>,
    /// Number of documents compared.
    pub n: usize,
    /// Accuracy.
    pub accuracy: f64,
    /// Unweighted mean of the per-class F1.
    pub macro_f1: f64,
    /// Mean of the per-class F1 weighted by support.
    pub weighted_f1: f64,
    /// Cohen's kappa between gold and prediction.
    pub kappa: f64,
    /// (id, gold, predicted) for every disagreement.
    pub disagreements: Vec<(String, String, String)>,
}

/// Evaluates one question over the documents present in both `predicted` and
/// `gold`. `labels` fixes the label order (extra labels found are appended).
pub fn evaluate(
    question: &str,
    labels: &[String],
    predicted: &[Labelled],
    gold: &Gold,
) -> QuestionEval {
    let mut labels: Vec<String> = labels.to_vec();
    let mut pairs: Vec<(String, String, String)> = Vec::new();
    for doc in predicted {
        let Some(g) = gold.labels.get(&doc.meta.id).and_then(|m| m.get(question)) else {
            continue;
        };
        let Some(p) = doc.questions.get(question) else {
            continue;
        };
        for l in [g, &p.label] {
            if !labels.contains(l) {
                labels.push(l.clone());
            }
        }
        pairs.push((doc.meta.id.clone(), g.clone(), p.label.clone()));
    }
    let index: HashMap<&str, usize> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    let k = labels.len();
    let mut confusion = vec![vec![0usize; k]; k];
    for (_, g, p) in &pairs {
        confusion[index[g.as_str()]][index[p.as_str()]] += 1;
    }
    let n = pairs.len();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let classes: Vec<ClassScores> = (0..k)
        .map(|i| {
            let tp = confusion[i][i];
            let predicted: usize = (0..k).map(|g| confusion[g][i]).sum();
            let support: usize = confusion[i].iter().sum();
            let precision = ratio(tp, predicted);
            let recall = ratio(tp, support);
            let f1 = if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            };
            ClassScores {
                label: labels[i].clone(),
                precision,
                recall,
                f1,
                support,
            }
        })
        .collect();
    let correct: usize = (0..k).map(|i| confusion[i][i]).sum();
    let accuracy = ratio(correct, n);
    // Macro-F1 over the classes present in gold or predictions.
    let present: Vec<&ClassScores> = classes
        .iter()
        .enumerate()
        .filter(|(i, c)| c.support > 0 || (0..k).any(|g| confusion[g][*i] > 0))
        .map(|(_, c)| c)
        .collect();
    let macro_f1 = if present.is_empty() {
        0.0
    } else {
        present.iter().map(|c| c.f1).sum::<f64>() / present.len() as f64
    };
    let weighted_f1 =
        classes.iter().map(|c| c.f1 * c.support as f64).sum::<f64>() / (n.max(1) as f64);
    let expected: f64 = (0..k)
        .map(|i| {
            let row: usize = confusion[i].iter().sum();
            let col: usize = (0..k).map(|g| confusion[g][i]).sum();
            row as f64 * col as f64
        })
        .sum::<f64>()
        / ((n * n).max(1) as f64);
    let kappa = if (1.0 - expected).abs() < f64::EPSILON {
        1.0
    } else {
        (accuracy - expected) / (1.0 - expected)
    };
    let disagreements = pairs.into_iter().filter(|(_, g, p)| g != p).collect();
    QuestionEval {
        question: question.to_string(),
        labels,
        confusion,
        classes,
        n,
        accuracy,
        macro_f1,
        weighted_f1,
        kappa,
        disagreements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{QuestionResult, Questions, Scores, Status};
    use crate::corpus::DocMeta;

    fn doc(id: &str, label: &str) -> Labelled {
        Labelled {
            meta: DocMeta {
                id: id.into(),
                ..DocMeta::default()
            },
            status: Status::Ok,
            lexicon: None,
            tokens: 0,
            sentences: 0,
            topic_mentions: 0,
            questions: Questions(vec![(
                "q".into(),
                QuestionResult {
                    label: label.into(),
                    score: 0.0,
                    confidence: 1.0,
                    scores: Scores::default(),
                    evidence: vec![],
                },
            )]),
            warnings: vec![],
        }
    }

    #[test]
    fn metrics_match_hand_computation() {
        // gold: a a b b ; predicted: a b b b
        let mut gold = Gold::default();
        for (id, l) in [("1", "a"), ("2", "a"), ("3", "b"), ("4", "b")] {
            gold.labels
                .insert(id.into(), [("q".to_string(), l.to_string())].into());
        }
        let pred = vec![doc("1", "a"), doc("2", "b"), doc("3", "b"), doc("4", "b")];
        let e = evaluate("q", &["a".into(), "b".into()], &pred, &gold);
        assert_eq!(e.confusion, vec![vec![1, 1], vec![0, 2]]);
        assert!((e.accuracy - 0.75).abs() < 1e-9);
        // a: P=1 R=.5 F1=2/3; b: P=2/3 R=1 F1=.8
        assert!((e.macro_f1 - (2.0 / 3.0 + 0.8) / 2.0).abs() < 1e-9);
        // kappa: po=.75, pe=(2*1+2*3)/16=.5 → .5
        assert!((e.kappa - 0.5).abs() < 1e-9);
        assert_eq!(e.disagreements, vec![("2".into(), "a".into(), "b".into())]);
    }
}
