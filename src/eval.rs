//! Evaluation against hand labels: confusion matrices, per-class precision,
//! recall, F1 and support, accuracy, macro- and weighted averages, Cohen's
//! kappa, the SemEval-2016 stance score F_avg, and seeded bootstrap confidence
//! intervals for accuracy and macro-F1.
//!
//! ## Definitions
//! * A class's precision, recall or F1 with a zero denominator is 0 (as
//!   scikit-learn's `zero_division=0`).
//! * Macro averages are the unweighted means over the labels that occur in
//!   the gold labels or the predictions; a label that occurs in neither is
//!   listed with support 0 but does not pull the average down. Weighted
//!   averages weight each class by its gold support.
//! * Cohen's kappa is `(p_o - p_e) / (1 - p_e)`. When `p_e = 1` (gold and
//!   predictions all one and the same label) agreement is perfect and kappa is
//!   1; with no document at all it is 0.
//! * `F_avg` (SemEval-2016 Task 6) is the mean F1 of the polar labels: every
//!   label but the neutral one (`undecided`, `unspecified`, `neutral` or
//!   `none`; failing those, the last label). As in the task's official scorer,
//!   a polar label absent from both gold and predictions has F1 0.
//! * Confidence intervals are percentile bootstrap intervals (95%): the
//!   compared documents are resampled with replacement `resamples` times with
//!   a SplitMix64 generator seeded with `seed`, and the 2.5th and 97.5th
//!   percentiles (linear interpolation) of the resampled accuracies and
//!   macro-F1s are reported. The same seed gives the same intervals, and a
//!   question's intervals do not depend on which other questions are evaluated.
//! * The compared documents are also split by the prediction's `needs_review`
//!   flag (see [`crate::review`]): `flagged` counts those flagged,
//!   `flagged_share` is their share of the compared documents, and
//!   `accuracy_unflagged` / `accuracy_flagged` are the accuracies of each part
//!   (`None` when the part is empty). Labelled files written before the flag
//!   existed read as unflagged.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::classify::{Labelled, Scores};
use crate::error::{Error, Result};

/// Hand labels: per document id, per question, a label.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    /// id → question → label.
    pub labels: BTreeMap<String, BTreeMap<String, String>>,
    /// id → question → evidence quote, where the gold file has one.
    pub evidence: BTreeMap<String, BTreeMap<String, String>>,
    /// The file the labels were read from (empty when built in memory).
    pub path: PathBuf,
    /// id → the 1-based line of its row in the file.
    pub lines: BTreeMap<String, u64>,
}

impl Gold {
    /// The column names of a gold CSV (trimmed), in file order.
    pub fn columns(path: &Path) -> Result<Vec<String>> {
        let mut rdr =
            csv::Reader::from_path(path).map_err(|e| Error::input(path, None, e.to_string()))?;
        let headers = rdr
            .headers()
            .map_err(|e| Error::input(path, Some(1), e.to_string()))?;
        Ok(headers.iter().map(|h| h.trim().to_string()).collect())
    }

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
        let mut gold = Gold {
            path: path.to_path_buf(),
            ..Gold::default()
        };
        for rec in rdr.records() {
            let rec =
                rec.map_err(|e| Error::input(path, e.position().map(|p| p.line()), e.to_string()))?;
            let line = rec.position().map(|p| p.line());
            let id = rec.get(id_col).unwrap_or("").trim().to_string();
            if id.is_empty() {
                return Err(Error::input(path, line, "empty `id`"));
            }
            if let Some(first) = gold.lines.get(&id) {
                return Err(Error::input(
                    path,
                    line,
                    format!("duplicate id `{id}` (first on line {first})"),
                ));
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
            if let Some(l) = line {
                gold.lines.insert(id.clone(), l);
            }
            gold.labels.insert(id.clone(), labels);
            gold.evidence.insert(id, evidence);
        }
        Ok(gold)
    }

    /// The ids in file order (by line; ids without a line last, sorted).
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.labels.keys().map(String::as_str).collect();
        ids.sort_by_key(|id| self.lines.get(*id).copied().unwrap_or(u64::MAX));
        ids
    }

    /// Checks that every gold label of `question` is one of `labels`; the
    /// error names the file, the line and the id.
    pub fn check_labels(&self, question: &str, labels: &[String]) -> Result<()> {
        for id in self.ids() {
            let Some(label) = self.labels[id].get(question) else {
                continue;
            };
            if labels.iter().any(|l| l == label) {
                continue;
            }
            let line = self.lines.get(id).copied();
            let known = labels.join(", ");
            let message = if label.is_empty() {
                format!("id `{id}` has no `{question}` label (expected one of: {known})")
            } else {
                format!(
                    "unknown `{question}` label `{label}` for id `{id}` \
                     (the predictions' labels are: {known})"
                )
            };
            return Err(Error::input(&self.path, line, message));
        }
        Ok(())
    }
}

/// Settings of an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Seed of the bootstrap generator.
    pub seed: u64,
    /// Number of bootstrap resamples (0: no confidence intervals).
    pub resamples: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 42,
            resamples: 1000,
        }
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast generator whose
/// output depends only on its seed, on every platform.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (`n > 0`), without modulo bias (Lemire's
    /// multiply-and-reject).
    pub fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "SplitMix64::below(0)");
        let n = n as u64;
        let mut m = u128::from(self.next_u64()) * u128::from(n);
        if (m as u64) < n {
            let threshold = n.wrapping_neg() % n;
            while (m as u64) < threshold {
                m = u128::from(self.next_u64()) * u128::from(n);
            }
        }
        (m >> 64) as usize
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
    /// Number of documents predicted with this label.
    pub predicted: usize,
}

/// Percentile bootstrap confidence intervals.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Intervals {
    /// Coverage (0.95).
    pub level: f64,
    /// Number of resamples.
    pub resamples: usize,
    /// Seed of the generator.
    pub seed: u64,
    /// `[low, high]` of accuracy.
    pub accuracy: [f64; 2],
    /// `[low, high]` of macro-F1.
    pub macro_f1: [f64; 2],
}

/// A cue occurrence that counted toward a predicted label, shortened for a report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EvidenceSummary {
    /// The lexicon phrase.
    pub cue: String,
    /// The matched text as it stands in the original.
    pub text: String,
    /// What it added to the label's score.
    pub counted: f64,
    /// Byte offset of the match in the original text.
    pub start: usize,
    /// Byte offset of the end of the match (exclusive).
    pub end: usize,
    /// The sentence around it, white space collapsed, shortened around the match.
    pub sentence: String,
}

/// A document on which prediction and gold label differ.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Disagreement {
    /// The document id.
    pub id: String,
    /// The gold label.
    pub gold: String,
    /// The predicted label.
    pub predicted: String,
    /// Every label's score in the prediction.
    pub scores: Scores,
    /// The evidence that counted toward the predicted label (empty when the
    /// prediction is the default label for want of evidence).
    pub evidence: Vec<EvidenceSummary>,
    /// The gold file's evidence quote (`<question>_evidence`), when it has one.
    pub gold_evidence: Option<String>,
}

/// The evaluation of one question.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuestionEval {
    /// The question.
    pub question: String,
    /// Number of documents compared.
    pub n: usize,
    /// Accuracy.
    pub accuracy: f64,
    /// Compared documents whose prediction is flagged `needs_review`.
    pub flagged: usize,
    /// `flagged / n` (0 when nothing is compared).
    pub flagged_share: f64,
    /// Accuracy on the compared documents not flagged (`None` when there is none).
    pub accuracy_unflagged: Option<f64>,
    /// Accuracy on the compared documents flagged (`None` when there is none).
    pub accuracy_flagged: Option<f64>,
    /// Unweighted mean of the per-class F1 (labels present in gold or predictions).
    pub macro_f1: f64,
    /// Unweighted mean of the per-class precision (same labels as `macro_f1`).
    pub macro_precision: f64,
    /// Unweighted mean of the per-class recall (same labels as `macro_f1`).
    pub macro_recall: f64,
    /// Mean of the per-class F1 weighted by support.
    pub weighted_f1: f64,
    /// Mean of the per-class precision weighted by support.
    pub weighted_precision: f64,
    /// Mean of the per-class recall weighted by support.
    pub weighted_recall: f64,
    /// Cohen's kappa between gold and prediction.
    pub kappa: f64,
    /// SemEval-2016 stance score: mean F1 of the polar labels.
    pub f_avg: f64,
    /// The polar labels averaged in `f_avg` (every label but the neutral one).
    pub f_avg_labels: Vec<String>,
    /// Labels, rows and columns of the confusion matrix.
    pub labels: Vec<String>,
    /// `confusion[gold][predicted]`.
    pub confusion: Vec<Vec<usize>>,
    /// Per class, in the order of `labels`.
    pub classes: Vec<ClassScores>,
    /// Bootstrap confidence intervals (`None` with no resample or no document).
    pub ci: Option<Intervals>,
    /// Ids with a gold label whose prediction has no result for this question
    /// (e.g. a document in an unsupported language); not compared.
    pub unclassified: Vec<String>,
    /// Every disagreement, in prediction order.
    pub disagreements: Vec<Disagreement>,
}

/// The evaluation of several questions, with the ids found on one side only.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Evaluation {
    /// Per question.
    pub questions: Vec<QuestionEval>,
    /// Gold ids that have no prediction, in gold file order.
    pub missing_in_predictions: Vec<String>,
    /// Predicted ids that have no gold label, in prediction order.
    pub missing_in_gold: Vec<String>,
}

/// Ids listed in a warning at most.
const LISTED_IDS: usize = 20;

/// The first ids of a list, and how many more there are.
fn some(ids: &[String]) -> String {
    let shown = ids[..ids.len().min(LISTED_IDS)].join(", ");
    match ids.len().saturating_sub(LISTED_IDS) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

impl Evaluation {
    /// What a reader should be warned of: ids found in one file only (the
    /// gold file named `gold`, the labelled file `labelled`), documents with a
    /// gold label but no prediction, questions with nothing compared. One
    /// message a line, without a prefix.
    pub fn warnings(&self, gold: &str, labelled: &str) -> Vec<String> {
        let mut out = Vec::new();
        if !self.missing_in_predictions.is_empty() {
            out.push(format!(
                "{} id(s) of {gold} not in {labelled}: {}",
                self.missing_in_predictions.len(),
                some(&self.missing_in_predictions)
            ));
        }
        if !self.missing_in_gold.is_empty() {
            out.push(format!(
                "{} id(s) of {labelled} not in {gold}: {}",
                self.missing_in_gold.len(),
                some(&self.missing_in_gold)
            ));
        }
        for q in &self.questions {
            if !q.unclassified.is_empty() {
                out.push(format!(
                    "{}: {} document(s) with a gold label have no prediction for the question \
                     (not classified): {}",
                    q.question,
                    q.unclassified.len(),
                    q.unclassified.join(", ")
                ));
            }
            if q.n == 0 {
                out.push(format!(
                    "{}: no document in both files; every figure is 0",
                    q.question
                ));
            }
        }
        out
    }
}

/// Labels that mean "no position": the default label of a question.
pub const NEUTRAL_LABELS: [&str; 4] = ["undecided", "unspecified", "neutral", "none"];

/// Index of the neutral label among `labels`: the first of [`NEUTRAL_LABELS`]
/// found, otherwise the last label.
pub fn neutral_label(labels: &[String]) -> Option<usize> {
    NEUTRAL_LABELS
        .iter()
        .find_map(|n| labels.iter().position(|l| l == n))
        .or_else(|| labels.len().checked_sub(1))
}

/// The labels of `question` in the predictions: every key of its `scores`, in
/// order of first appearance.
pub fn prediction_labels(predicted: &[Labelled], question: &str) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for doc in predicted {
        if let Some(r) = doc.questions.get(question) {
            for (l, _) in r.scores.0.iter() {
                if !labels.contains(l) {
                    labels.push(l.clone());
                }
            }
        }
    }
    labels
}

/// The questions of the predictions, in order of first appearance.
pub fn prediction_questions(predicted: &[Labelled]) -> Vec<String> {
    let mut questions: Vec<String> = Vec::new();
    for doc in predicted {
        for (q, _) in doc.questions.0.iter() {
            if !questions.contains(q) {
                questions.push(q.clone());
            }
        }
    }
    questions
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

/// Per class: (precision, recall, F1, support, predicted).
fn per_class(confusion: &[Vec<usize>]) -> Vec<(f64, f64, f64, usize, usize)> {
    let k = confusion.len();
    (0..k)
        .map(|i| {
            let tp = confusion[i][i];
            let predicted: usize = (0..k).map(|g| confusion[g][i]).sum();
            let support: usize = confusion[i].iter().sum();
            let (p, r) = (ratio(tp, predicted), ratio(tp, support));
            (p, r, f1(p, r), support, predicted)
        })
        .collect()
}

/// Accuracy and macro-F1 of a confusion matrix (the figures bootstrapped).
fn accuracy_and_macro_f1(confusion: &[Vec<usize>]) -> (f64, f64) {
    let n: usize = confusion.iter().flatten().sum();
    let correct: usize = (0..confusion.len()).map(|i| confusion[i][i]).sum();
    let classes = per_class(confusion);
    let present: Vec<f64> = classes
        .iter()
        .filter(|c| c.3 > 0 || c.4 > 0)
        .map(|c| c.2)
        .collect();
    (ratio(correct, n), mean(&present))
}

fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}

/// Cohen's kappa of a confusion matrix: 1 when chance agreement is already
/// perfect (a single label on both sides), 0 with no document.
pub fn kappa(confusion: &[Vec<usize>]) -> f64 {
    let k = confusion.len();
    let n: usize = confusion.iter().flatten().sum();
    if n == 0 {
        return 0.0;
    }
    let correct: usize = (0..k).map(|i| confusion[i][i]).sum();
    let observed = ratio(correct, n);
    let expected: f64 = (0..k)
        .map(|i| {
            let row: usize = confusion[i].iter().sum();
            let col: usize = (0..k).map(|g| confusion[g][i]).sum();
            row as f64 * col as f64
        })
        .sum::<f64>()
        / (n as f64 * n as f64);
    if (1.0 - expected).abs() < 1e-12 {
        1.0
    } else {
        (observed - expected) / (1.0 - expected)
    }
}

/// SemEval-2016 F_avg: the mean F1 of the labels other than `neutral`
/// (0 when there is none).
pub fn f_avg(confusion: &[Vec<usize>], neutral: Option<usize>) -> f64 {
    let polar: Vec<f64> = per_class(confusion)
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != neutral)
        .map(|(_, c)| c.2)
        .collect();
    mean(&polar)
}

/// The `p`-quantile (0 ≤ p ≤ 1) of sorted values, interpolated linearly
/// between the closest ranks (NumPy's default).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let h = (sorted.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    if sorted[lo] == sorted[hi] {
        sorted[lo]
    } else {
        sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
    }
}

/// Percentile bootstrap 95% intervals of accuracy and macro-F1 over `pairs`
/// of (gold, predicted) label indices below `k`; `None` when there is no
/// pair or no resample.
pub fn bootstrap(pairs: &[(usize, usize)], k: usize, options: &Options) -> Option<Intervals> {
    if pairs.is_empty() || options.resamples == 0 {
        return None;
    }
    let mut rng = SplitMix64::new(options.seed);
    let mut accuracies = Vec::with_capacity(options.resamples);
    let mut macro_f1s = Vec::with_capacity(options.resamples);
    let mut confusion = vec![vec![0usize; k]; k];
    for _ in 0..options.resamples {
        confusion.iter_mut().for_each(|row| row.fill(0));
        for _ in 0..pairs.len() {
            let (g, p) = pairs[rng.below(pairs.len())];
            confusion[g][p] += 1;
        }
        let (a, m) = accuracy_and_macro_f1(&confusion);
        accuracies.push(a);
        macro_f1s.push(m);
    }
    accuracies.sort_by(f64::total_cmp);
    macro_f1s.sort_by(f64::total_cmp);
    let interval = |xs: &[f64]| [percentile(xs, 0.025), percentile(xs, 0.975)];
    Some(Intervals {
        level: 0.95,
        resamples: options.resamples,
        seed: options.seed,
        accuracy: interval(&accuracies),
        macro_f1: interval(&macro_f1s),
    })
}

/// `text` with runs of white space collapsed to one space, shortened to at
/// most `max` characters (plus `…` marks) around the byte range `focus`
/// (or from the start), cut between words where possible.
pub fn excerpt(text: &str, focus: Option<(usize, usize)>, max: usize) -> String {
    let (a, b) = focus.unwrap_or((0, 0));
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    let (mut fs, mut fe) = (None, None);
    let mut pending = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            pending = !out.is_empty();
            continue;
        }
        if pending {
            out.push(' ');
            pending = false;
        }
        if fs.is_none() && i >= a {
            fs = Some(out.len());
        }
        if fe.is_none() && b > a && i >= b {
            fe = Some(out.len());
        }
        out.push(c);
    }
    let len = out.len();
    if len <= max {
        return out.into_iter().collect();
    }
    let fs = fs.unwrap_or(len);
    let fe = if b > a { fe.unwrap_or(len).max(fs) } else { fs };
    let slack = max.saturating_sub(fe - fs);
    let mut start = if focus.is_some() {
        fs.saturating_sub(slack / 2)
    } else {
        0
    };
    let mut end = (start + max).min(len);
    start = end.saturating_sub(max);
    // Cut between words: at most a few characters are given up on each side.
    const SNAP: usize = 20;
    if start > 0 {
        if let Some(s) = (start..(start + SNAP).min(fs).min(end)).find(|&i| out[i] == ' ') {
            start = s + 1;
        }
    }
    if end < len {
        let floor = fe.max(start).max(end.saturating_sub(SNAP));
        if let Some(e) = (floor..end).rev().find(|&i| out[i] == ' ') {
            end = e;
        }
    }
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.extend(&out[start..end]);
    if end < len {
        s.push('…');
    }
    s
}

/// Longest excerpt of an evidence sentence in a disagreement.
pub const SENTENCE_CHARS: usize = 160;
/// Longest excerpt of a gold evidence quote in a disagreement.
pub const QUOTE_CHARS: usize = 240;

/// Evaluates one question over the documents present in both `predicted` and
/// `gold`, without confidence intervals. `labels` fixes the label order (extra
/// labels found are appended).
pub fn evaluate(
    question: &str,
    labels: &[String],
    predicted: &[Labelled],
    gold: &Gold,
) -> QuestionEval {
    evaluate_with(
        question,
        labels,
        predicted,
        gold,
        &Options {
            resamples: 0,
            ..Options::default()
        },
    )
}

/// Evaluates one question over the documents present in both `predicted` and
/// `gold`, with bootstrap intervals as `options` asks. `labels` fixes the
/// label order (extra labels found are appended). Gold labels are not
/// checked here: see [`Gold::check_labels`] and [`evaluate_all`].
pub fn evaluate_with(
    question: &str,
    labels: &[String],
    predicted: &[Labelled],
    gold: &Gold,
    options: &Options,
) -> QuestionEval {
    let mut labels: Vec<String> = labels.to_vec();
    let mut compared: Vec<(&Labelled, &String)> = Vec::new();
    let mut unclassified = Vec::new();
    for doc in predicted {
        let Some(g) = gold.labels.get(&doc.meta.id).and_then(|m| m.get(question)) else {
            continue;
        };
        let Some(p) = doc.questions.get(question) else {
            unclassified.push(doc.meta.id.clone());
            continue;
        };
        for l in [g, &p.label] {
            if !labels.contains(l) {
                labels.push(l.clone());
            }
        }
        compared.push((doc, g));
    }
    let index: HashMap<&str, usize> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect();
    let k = labels.len();
    let pairs: Vec<(usize, usize)> = compared
        .iter()
        .map(|(doc, g)| {
            let p = &doc.questions.get(question).expect("kept above").label;
            (index[g.as_str()], index[p.as_str()])
        })
        .collect();
    let mut confusion = vec![vec![0usize; k]; k];
    for &(g, p) in &pairs {
        confusion[g][p] += 1;
    }
    let n = pairs.len();
    let review = ReviewSplit::of(compared.iter().map(|(doc, g)| {
        let r = doc.questions.get(question).expect("kept above");
        (r.needs_review, r.label == **g)
    }));
    let raw = per_class(&confusion);
    let classes: Vec<ClassScores> = raw
        .iter()
        .zip(&labels)
        .map(
            |(&(precision, recall, f1, support, predicted), label)| ClassScores {
                label: label.clone(),
                precision,
                recall,
                f1,
                support,
                predicted,
            },
        )
        .collect();
    let present: Vec<&ClassScores> = classes
        .iter()
        .filter(|c| c.support > 0 || c.predicted > 0)
        .collect();
    let macro_of =
        |f: fn(&ClassScores) -> f64| mean(&present.iter().map(|c| f(c)).collect::<Vec<_>>());
    let weighted_of = |f: fn(&ClassScores) -> f64| {
        classes.iter().map(|c| f(c) * c.support as f64).sum::<f64>() / (n.max(1) as f64)
    };
    let (accuracy, macro_f1) = accuracy_and_macro_f1(&confusion);
    let neutral = neutral_label(&labels);
    let f_avg_labels = labels
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != neutral)
        .map(|(_, l)| l.clone())
        .collect();
    let disagreements = compared
        .iter()
        .filter_map(|(doc, g)| {
            let r = doc.questions.get(question).expect("kept above");
            (r.label != **g).then(|| disagreement(question, doc, g, gold))
        })
        .collect();
    QuestionEval {
        question: question.to_string(),
        n,
        accuracy,
        flagged: review.flagged,
        flagged_share: ratio(review.flagged, n),
        accuracy_unflagged: review.accuracy(false),
        accuracy_flagged: review.accuracy(true),
        macro_f1,
        macro_precision: macro_of(|c| c.precision),
        macro_recall: macro_of(|c| c.recall),
        weighted_f1: weighted_of(|c| c.f1),
        weighted_precision: weighted_of(|c| c.precision),
        weighted_recall: weighted_of(|c| c.recall),
        kappa: kappa(&confusion),
        f_avg: f_avg(&confusion, neutral),
        f_avg_labels,
        labels,
        confusion,
        classes,
        ci: bootstrap(&pairs, k, options),
        unclassified,
        disagreements,
    }
}

/// Compared documents split by `needs_review`: how many, how many right.
#[derive(Debug, Default)]
struct ReviewSplit {
    flagged: usize,
    flagged_correct: usize,
    unflagged: usize,
    unflagged_correct: usize,
}

impl ReviewSplit {
    /// From (needs review, prediction equals gold) per compared document.
    fn of(items: impl IntoIterator<Item = (bool, bool)>) -> Self {
        let mut s = ReviewSplit::default();
        for (flagged, correct) in items {
            let (n, ok) = if flagged {
                (&mut s.flagged, &mut s.flagged_correct)
            } else {
                (&mut s.unflagged, &mut s.unflagged_correct)
            };
            *n += 1;
            *ok += usize::from(correct);
        }
        s
    }

    /// The accuracy of the flagged (or unflagged) documents; `None` without any.
    fn accuracy(&self, flagged: bool) -> Option<f64> {
        let (n, ok) = if flagged {
            (self.flagged, self.flagged_correct)
        } else {
            (self.unflagged, self.unflagged_correct)
        };
        (n > 0).then(|| ratio(ok, n))
    }
}

fn disagreement(question: &str, doc: &Labelled, gold_label: &str, gold: &Gold) -> Disagreement {
    let r = doc.questions.get(question).expect("caller checked");
    let evidence = r
        .evidence
        .iter()
        .filter(|e| e.label.as_deref() == Some(r.label.as_str()) && e.counted > 0.0)
        .map(|e| {
            let focus = (
                e.start.saturating_sub(e.sentence_start),
                e.end.saturating_sub(e.sentence_start),
            );
            EvidenceSummary {
                cue: e.cue.clone(),
                text: excerpt(&e.text, None, SENTENCE_CHARS),
                counted: e.counted,
                start: e.start,
                end: e.end,
                sentence: excerpt(&e.sentence, Some(focus), SENTENCE_CHARS),
            }
        })
        .collect();
    let gold_evidence = gold
        .evidence
        .get(&doc.meta.id)
        .and_then(|m| m.get(question))
        .map(|q| excerpt(q, None, QUOTE_CHARS))
        .filter(|q| !q.is_empty());
    Disagreement {
        id: doc.meta.id.clone(),
        gold: gold_label.to_string(),
        predicted: r.label.clone(),
        scores: r.scores.clone(),
        evidence,
        gold_evidence,
    }
}

/// Evaluates `questions` of `predicted` against `gold`: checks first that
/// every gold label of each question is one of the labels the predictions
/// score (an error names the gold file and line), then evaluates each
/// question with its labels in the predictions' order, and lists the ids
/// found on one side only.
pub fn evaluate_all(
    predicted: &[Labelled],
    gold: &Gold,
    questions: &[String],
    options: &Options,
) -> Result<Evaluation> {
    let mut labels_of = Vec::with_capacity(questions.len());
    for q in questions {
        let labels = prediction_labels(predicted, q);
        gold.check_labels(q, &labels)?;
        labels_of.push(labels);
    }
    let evals = questions
        .iter()
        .zip(&labels_of)
        .map(|(q, labels)| evaluate_with(q, labels, predicted, gold, options))
        .collect();
    let predicted_ids: HashSet<&str> = predicted.iter().map(|d| d.meta.id.as_str()).collect();
    let missing_in_predictions = gold
        .ids()
        .into_iter()
        .filter(|id| !predicted_ids.contains(id))
        .map(str::to_string)
        .collect();
    let mut seen = HashSet::new();
    let missing_in_gold = predicted
        .iter()
        .map(|d| d.meta.id.as_str())
        .filter(|id| !gold.labels.contains_key(*id) && seen.insert(*id))
        .map(str::to_string)
        .collect();
    Ok(Evaluation {
        questions: evals,
        missing_in_predictions,
        missing_in_gold,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{Evidence, QuestionResult, Questions, Scores, Status};
    use crate::corpus::DocMeta;

    fn doc_with(id: &str, question: &str, label: &str, labels: &[&str]) -> Labelled {
        Labelled {
            meta: DocMeta {
                id: id.into(),
                ..DocMeta::default()
            },
            status: Status::Ok,
            language_detected: false,
            lexicon: None,
            bytes: 0,
            tokens: 0,
            sentences: 0,
            topic_mentions: 0,
            questions: Questions(vec![(
                question.into(),
                QuestionResult {
                    label: label.into(),
                    score: 0.0,
                    confidence: 1.0,
                    scores: Scores(labels.iter().map(|l| (l.to_string(), 0.0)).collect()),
                    evidence: vec![],
                    evidence_total: 0,
                    implied_by: None,
                    needs_review: false,
                    review_reasons: Vec::new(),
                },
            )]),
            warnings: vec![],
        }
    }

    fn doc(id: &str, label: &str) -> Labelled {
        doc_with(id, "q", label, &[])
    }

    fn gold_of(question: &str, rows: &[(&str, &str)]) -> Gold {
        let mut gold = Gold::default();
        for (line, (id, l)) in rows.iter().enumerate() {
            gold.labels.insert(
                id.to_string(),
                [(question.to_string(), l.to_string())].into(),
            );
            gold.lines.insert(id.to_string(), line as u64 + 2);
        }
        gold
    }

    fn strings(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    /// The confusion matrix of (gold, predicted) label indices.
    fn confusion_of(k: usize, pairs: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let mut c = vec![vec![0; k]; k];
        for &(g, p) in pairs {
            c[g][p] += 1;
        }
        c
    }

    #[test]
    fn metrics_match_hand_computation() {
        // gold: a a b b ; predicted: a b b b
        let gold = gold_of("q", &[("1", "a"), ("2", "a"), ("3", "b"), ("4", "b")]);
        let pred = vec![doc("1", "a"), doc("2", "b"), doc("3", "b"), doc("4", "b")];
        let e = evaluate("q", &strings(&["a", "b"]), &pred, &gold);
        assert_eq!(e.confusion, vec![vec![1, 1], vec![0, 2]]);
        assert!((e.accuracy - 0.75).abs() < 1e-9);
        // a: P=1 R=.5 F1=2/3; b: P=2/3 R=1 F1=.8
        assert!((e.macro_f1 - (2.0 / 3.0 + 0.8) / 2.0).abs() < 1e-9);
        assert!((e.macro_precision - (1.0 + 2.0 / 3.0) / 2.0).abs() < 1e-9);
        assert!((e.macro_recall - 0.75).abs() < 1e-9);
        assert!((e.weighted_f1 - (2.0 / 3.0 * 2.0 + 0.8 * 2.0) / 4.0).abs() < 1e-9);
        // kappa: po=.75, pe=(2*1+2*3)/16=.5 → .5
        assert!((e.kappa - 0.5).abs() < 1e-9);
        assert_eq!(e.disagreements.len(), 1);
        let d = &e.disagreements[0];
        assert_eq!(
            (d.id.as_str(), d.gold.as_str(), d.predicted.as_str()),
            ("2", "a", "b")
        );
        assert_eq!(e.ci, None, "evaluate() computes no interval");
    }

    #[test]
    fn splitmix64_matches_the_reference_sequence() {
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        assert_eq!(rng.next_u64(), 0x06c4_5d18_8009_454f);
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut rng = SplitMix64::new(7);
        let mut seen = [0usize; 7];
        for _ in 0..7000 {
            seen[rng.below(7)] += 1;
        }
        assert!(seen.iter().all(|&c| (800..1200).contains(&c)), "{seen:?}");
        assert_eq!(SplitMix64::new(1).below(1), 0);
    }

    #[test]
    fn f_avg_is_the_mean_f1_of_the_polar_labels() {
        // gold s s o o u u ; predicted s o o o u s
        // support P=.5 R=.5 F=.5 ; oppose P=2/3 R=1 F=.8 ; undecided F=2/3
        let labels = ["support", "oppose", "undecided"];
        let gold = gold_of(
            "instrument",
            &[("1", "support"), ("2", "support"), ("3", "oppose")]
                .into_iter()
                .chain([("4", "oppose"), ("5", "undecided"), ("6", "undecided")])
                .collect::<Vec<_>>(),
        );
        let pred: Vec<Labelled> = [
            ("1", "support"),
            ("2", "oppose"),
            ("3", "oppose"),
            ("4", "oppose"),
            ("5", "undecided"),
            ("6", "support"),
        ]
        .iter()
        .map(|(id, l)| doc_with(id, "instrument", l, &labels))
        .collect();
        let e = evaluate("instrument", &strings(&labels), &pred, &gold);
        assert_eq!(e.f_avg_labels, strings(&["support", "oppose"]));
        assert!((e.f_avg - 0.65).abs() < 1e-9, "{}", e.f_avg);
        assert!((e.macro_f1 - (0.5 + 0.8 + 2.0 / 3.0) / 3.0).abs() < 1e-9);
    }

    #[test]
    fn f_avg_of_the_forum_leaves_out_unspecified() {
        let labels = strings(&["ccw", "open", "unspecified"]);
        assert_eq!(neutral_label(&labels), Some(2));
        // ccw F=1, open F=0 (never right), unspecified ignored.
        let c = confusion_of(3, &[(0, 0), (1, 2), (2, 1), (2, 2)]);
        assert!((f_avg(&c, neutral_label(&labels)) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn f_avg_counts_an_absent_polar_label_as_zero() {
        // Nobody opposes, nobody is predicted to: F(oppose) = 0, as in SemEval's scorer.
        let c = confusion_of(3, &[(0, 0), (0, 0), (2, 2)]);
        assert!((f_avg(&c, Some(2)) - 0.5).abs() < 1e-9);
        assert_eq!(f_avg(&confusion_of(1, &[(0, 0)]), Some(0)), 0.0);
    }

    #[test]
    fn neutral_label_falls_back_to_the_last_label() {
        assert_eq!(
            neutral_label(&strings(&["support", "oppose", "undecided"])),
            Some(2)
        );
        assert_eq!(neutral_label(&strings(&["undecided", "support"])), Some(0));
        assert_eq!(neutral_label(&strings(&["a", "b"])), Some(1));
        assert_eq!(neutral_label(&[]), None);
    }

    #[test]
    fn kappa_edge_cases() {
        // Perfect agreement over several labels.
        assert_eq!(kappa(&confusion_of(2, &[(0, 0), (1, 1), (1, 1)])), 1.0);
        // One label on both sides: chance agreement is already 1; agreement is perfect.
        assert_eq!(kappa(&confusion_of(3, &[(1, 1), (1, 1)])), 1.0);
        // Systematic swap: -1.
        assert!((kappa(&confusion_of(2, &[(0, 1), (1, 0)])) + 1.0).abs() < 1e-12);
        // Agreement at chance level: 0.
        assert!(kappa(&confusion_of(2, &[(0, 0), (0, 1), (1, 0), (1, 1)])).abs() < 1e-12);
        // A constant prediction against mixed gold: 0.
        assert!(kappa(&confusion_of(2, &[(0, 0), (1, 0)])).abs() < 1e-12);
        // No document.
        assert_eq!(kappa(&confusion_of(3, &[])), 0.0);
        assert_eq!(kappa(&[]), 0.0);
    }

    #[test]
    fn percentile_interpolates_like_numpy() {
        let xs = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile(&xs, 0.0), 1.0);
        assert_eq!(percentile(&xs, 1.0), 4.0);
        assert!((percentile(&xs, 0.5) - 2.5).abs() < 1e-12);
        assert!((percentile(&xs, 0.025) - 1.075).abs() < 1e-12);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }

    /// 40 pairs over three labels, about 75% right.
    fn noisy_pairs() -> Vec<(usize, usize)> {
        (0..40usize)
            .map(|i| (i % 3, if i % 4 == 0 { (i + 1) % 3 } else { i % 3 }))
            .collect()
    }

    #[test]
    fn bootstrap_is_deterministic_for_a_seed() {
        let pairs = noisy_pairs();
        let opts = Options {
            seed: 7,
            resamples: 500,
        };
        let a = bootstrap(&pairs, 3, &opts).unwrap();
        let b = bootstrap(&pairs, 3, &opts).unwrap();
        assert_eq!(a, b);
        let c = bootstrap(&pairs, 3, &Options { seed: 8, ..opts }).unwrap();
        assert_ne!(a, c, "another seed, other resamples");
        assert_eq!((a.seed, a.resamples, a.level), (7, 500, 0.95));
    }

    #[test]
    fn bootstrap_interval_contains_the_point_estimate() {
        let pairs = noisy_pairs();
        let (acc, mf1) = accuracy_and_macro_f1(&confusion_of(3, &pairs));
        for seed in 0..20 {
            let ci = bootstrap(
                &pairs,
                3,
                &Options {
                    seed,
                    resamples: 1000,
                },
            )
            .unwrap();
            for (name, [lo, hi], point) in [
                ("accuracy", ci.accuracy, acc),
                ("macro-F1", ci.macro_f1, mf1),
            ] {
                assert!(
                    0.0 <= lo && lo <= point && point <= hi && hi <= 1.0,
                    "seed {seed}: {name} {point} ∉ [{lo}, {hi}]"
                );
                assert!(
                    hi - lo > 0.05,
                    "seed {seed}: {name} interval [{lo}, {hi}] too narrow"
                );
            }
        }
    }

    #[test]
    fn bootstrap_of_perfect_or_empty_data() {
        let perfect = [(0, 0), (1, 1), (2, 2), (1, 1)];
        let ci = bootstrap(&perfect, 3, &Options::default()).unwrap();
        assert_eq!(ci.accuracy, [1.0, 1.0]);
        assert_eq!(ci.macro_f1, [1.0, 1.0]);
        assert_eq!(bootstrap(&[], 3, &Options::default()), None);
        let none = Options {
            resamples: 0,
            ..Options::default()
        };
        assert_eq!(bootstrap(&perfect, 3, &none), None);
    }

    #[test]
    fn excerpt_collapses_white_space_and_keeps_the_focus() {
        assert_eq!(excerpt("  a \n\n b\tc  ", None, 100), "a b c");
        let sentence = format!("{} needle {}", "é ".repeat(200), "ü ".repeat(200));
        let at = sentence.find("needle").unwrap();
        let s = excerpt(&sentence, Some((at, at + 6)), 40);
        assert!(s.contains("needle"), "{s}");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.chars().count() <= 42, "{s}");
        let head = excerpt(&sentence, None, 10);
        assert!(head.starts_with("é é") && head.ends_with('…'), "{head}");
        // Offsets outside the text do not panic.
        let s = excerpt(&sentence, Some((10_000, 10_010)), 30);
        assert!(s.chars().count() <= 31);
        let s = excerpt(&sentence, Some((7, 3)), 30);
        assert!(s.chars().count() <= 32);
    }

    #[test]
    fn disagreements_carry_the_evidence_for_the_prediction() {
        let labels = ["support", "oppose", "undecided"];
        let mut d = doc_with("X", "instrument", "oppose", &labels);
        let sentence = "We do   not want\n a legally binding instrument.";
        let ev = |label: Option<&str>, counted: f64| Evidence {
            cue: "legally binding".into(),
            label: label.map(str::to_string),
            cue_label: "support".into(),
            weight: 1.0,
            counted,
            negated: true,
            hedged: false,
            attributed: false,
            qualified: false,
            step: false,
            repeated: false,
            start: 100 + 20,
            end: 100 + 35,
            text: "legally binding".into(),
            sentence: sentence.into(),
            sentence_start: 100,
            modifiers: vec![],
        };
        d.questions.0[0].1.evidence = vec![
            ev(Some("oppose"), 1.0),
            ev(None, 0.0),
            ev(Some("support"), 1.0),
        ];
        let mut gold = gold_of("instrument", &[("X", "support")]);
        gold.evidence.insert(
            "X".into(),
            [("instrument".to_string(), " we  want a treaty ".to_string())].into(),
        );
        let e = evaluate("instrument", &strings(&labels), &[d], &gold);
        let dis = &e.disagreements[0];
        assert_eq!(dis.evidence.len(), 1, "only what counted toward `oppose`");
        assert_eq!(
            dis.evidence[0].sentence,
            "We do not want a legally binding instrument."
        );
        assert_eq!(dis.gold_evidence.as_deref(), Some("we want a treaty"));
    }

    #[test]
    fn unknown_and_empty_gold_labels_name_the_line() {
        let labels = strings(&["support", "oppose", "undecided"]);
        let mut gold = gold_of("instrument", &[("A", "support"), ("B", "suport")]);
        gold.path = PathBuf::from("gold.csv");
        let err = gold
            .check_labels("instrument", &labels)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("gold.csv:3: "), "{err}");
        assert!(err.contains("`suport`") && err.contains("`B`"), "{err}");
        let gold = gold_of("instrument", &[("A", "")]);
        let err = gold
            .check_labels("instrument", &labels)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(":2: id `A` has no `instrument` label"),
            "{err}"
        );
    }

    #[test]
    fn gold_file_errors_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.csv");
        std::fs::write(&path, "id,q\nA,a\nB,b\nA,b\n").unwrap();
        let err = Gold::from_path(&path, &["q"]).unwrap_err().to_string();
        assert!(
            err.ends_with(":4: duplicate id `A` (first on line 2)"),
            "{err}"
        );
        let err = Gold::from_path(&path, &["q", "r"]).unwrap_err().to_string();
        assert!(err.ends_with(":1: no `r` column"), "{err}");
        std::fs::write(&path, "id,q\nA,a\nB\n").unwrap();
        let err = Gold::from_path(&path, &["q"]).unwrap_err().to_string();
        assert!(err.contains(":3:"), "{err}");
        std::fs::write(&path, "id,q,q_evidence\nB,b,x\nA,a,y\n").unwrap();
        let gold = Gold::from_path(&path, &["q"]).unwrap();
        assert_eq!(gold.ids(), vec!["B", "A"], "file order");
        assert_eq!(
            Gold::columns(&path).unwrap(),
            strings(&["id", "q", "q_evidence"])
        );
    }

    #[test]
    fn evaluate_all_lists_ids_on_one_side_only() {
        let labels = ["a", "b"];
        let gold = gold_of("q", &[("Z", "a"), ("1", "a"), ("Y", "b"), ("2", "b")]);
        let mut unclassified = doc_with("2", "q", "a", &labels);
        unclassified.questions = Questions::default();
        let pred = vec![
            doc_with("1", "q", "a", &labels),
            doc_with("only-pred", "q", "b", &labels),
            unclassified,
        ];
        let e = evaluate_all(&pred, &gold, &strings(&["q"]), &Options::default()).unwrap();
        assert_eq!(e.missing_in_predictions, strings(&["Z", "Y"]));
        assert_eq!(e.missing_in_gold, strings(&["only-pred"]));
        assert_eq!(e.questions[0].n, 1);
        assert_eq!(e.questions[0].unclassified, strings(&["2"]));
        assert_eq!(e.questions[0].labels, strings(&labels));
        let bad = gold_of("q", &[("1", "c")]);
        assert!(evaluate_all(&pred, &bad, &strings(&["q"]), &Options::default()).is_err());
    }
}
