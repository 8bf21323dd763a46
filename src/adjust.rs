//! Counts that account for the classifier's error: adjusted classify-and-count.
//!
//! A raw count ("18 of 30 submissions support") counts the classifier's
//! labels, errors included. An evaluation on a hand-labelled sample (the JSON
//! of `stancer eval`) measures those errors: its confusion matrix estimates,
//! for each true (gold) label `g`, the share of documents predicted `p`,
//! `M[p][g] = P(predicted p | gold g)`. The shares of predicted labels `q` in
//! the counted documents are then, in expectation, `q = M π`, where `π` are
//! the true shares. Adjusted classify-and-count (Forman 2008; in the
//! multi-class form of Hopkins and King 2010) solves `π = M⁻¹ q`, then clips
//! it to the simplex (negative shares set to 0, the rest rescaled to sum to 1)
//! and multiplies by the number of counted documents.
//!
//! ## The interval
//! Both estimates are uncertain: `M` comes from a sample of the evaluation,
//! `q` from the counted documents. The 95% interval is a percentile
//! bootstrap that carries both: each of `resamples` rounds draws, with
//! replacement, as many evaluation documents as the evaluation compared
//! (rows of the confusion matrix, one (gold, predicted) pair per document)
//! *and* as many counted units as were counted, recomputes the corrected
//! counts, and the 2.5th and 97.5th percentiles are reported. A round whose
//! resampled matrix is singular (for instance a gold label drawn no time) is
//! skipped and counted in [`Adjustment::skipped`]. The generator is the seeded
//! [`SplitMix64`] of [`crate::eval`]: same seed, same bytes.
//!
//! ## When nothing is corrected
//! The correction is refused, and the raw counts stand, when the evaluation
//! has no evaluation of the question ([`Status::NoEvaluation`]), when a label
//! counted is not one of the evaluation's ([`Status::LabelsDiffer`]), when a
//! gold label has fewer than [`Options::min_gold_per_label`] documents
//! ([`Status::TooSmall`]: its error rates are not measured well enough to
//! correct anything), or when the misclassification matrix is singular
//! ([`Status::Singular`]: some labels are predicted alike whatever their gold
//! label, so their counts cannot be told apart). Each case says so in
//! [`Adjustment::message`].
//!
//! Buckets that are no label of the classifier ([`UNSUPPORTED_LANGUAGE`],
//! [`NOT_ASKED`]) are never corrected: they are kept as counted.
//!
//! ```
//! use stancer::adjust::{adjust, EvalQuestion, Options, Status};
//!
//! // The classifier calls 20% of the true "oppose" documents "support".
//! let eval = EvalQuestion {
//!     question: "instrument".into(),
//!     labels: vec!["support".into(), "oppose".into()],
//!     confusion: vec![vec![50, 0], vec![10, 40]],
//! };
//! // 60 counted "support", 40 counted "oppose".
//! let counts = vec![("support".to_string(), 60), ("oppose".to_string(), 40)];
//! let a = adjust("instrument", &counts, Some(&eval), &Options::default());
//! assert_eq!(a.status, Status::Corrected);
//! // Truth: 50 / 50 (0.8 × 50 = 40 predicted oppose).
//! assert!((a.rows[0].adjusted.unwrap() - 50.0).abs() < 1e-9);
//! assert!((a.rows[1].adjusted.unwrap() - 50.0).abs() < 1e-9);
//! ```

use std::path::{Path, PathBuf};

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::eval::{percentile, SplitMix64};
use crate::tally::{NOT_ASKED, UNSUPPORTED_LANGUAGE};

/// One question of a `stancer eval --format json` output: what the
/// correction needs (every other key is ignored).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct EvalQuestion {
    /// The question.
    pub question: String,
    /// Labels, rows and columns of the confusion matrix.
    pub labels: Vec<String>,
    /// `confusion[gold][predicted]`: documents per gold and predicted label.
    pub confusion: Vec<Vec<usize>>,
}

impl EvalQuestion {
    /// Documents compared (the sum of the confusion matrix).
    pub fn n(&self) -> usize {
        self.confusion.iter().flatten().sum()
    }

    /// Gold documents per label, in the order of [`EvalQuestion::labels`].
    pub fn gold_counts(&self) -> Vec<usize> {
        self.confusion.iter().map(|r| r.iter().sum()).collect()
    }
}

/// A `stancer eval --format json` output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Per question.
    pub questions: Vec<EvalQuestion>,
}

impl EvalFile {
    /// The evaluation of `question`.
    pub fn question(&self, question: &str) -> Option<&EvalQuestion> {
        self.questions.iter().find(|q| q.question == question)
    }
}

/// Reads the JSON of `stancer eval --format json` (only `questions[].question`,
/// `labels` and `confusion` are used). Errors name the file: it cannot be
/// read, it is not an eval output, or a confusion matrix is not square with
/// one row and column per label.
pub fn read_eval(path: &Path) -> Result<EvalFile> {
    #[derive(Deserialize)]
    struct Whole {
        questions: Vec<EvalQuestion>,
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let whole: Whole = serde_json::from_str(&text).map_err(|e| {
        Error::input(
            path,
            Some(e.line() as u64),
            format!("not the JSON of `stancer eval --format json`: {e}"),
        )
    })?;
    for q in &whole.questions {
        let k = q.labels.len();
        if q.confusion.len() != k || q.confusion.iter().any(|r| r.len() != k) {
            return Err(Error::input(
                path,
                None,
                format!(
                    "question `{}`: the confusion matrix is not {k} × {k} (one row and column per label)",
                    q.question
                ),
            ));
        }
        let mut seen = q.labels.clone();
        seen.sort();
        seen.dedup();
        if seen.len() != k {
            return Err(Error::input(
                path,
                None,
                format!("question `{}`: a label is listed twice", q.question),
            ));
        }
    }
    Ok(EvalFile {
        path: path.to_path_buf(),
        questions: whole.questions,
    })
}

/// Settings of the correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Seed of the bootstrap generator.
    pub seed: u64,
    /// Bootstrap rounds (0: no interval).
    pub resamples: usize,
    /// The fewest gold documents a label needs for its error rates to be used.
    pub min_gold_per_label: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seed: 42,
            resamples: 1000,
            min_gold_per_label: 5,
        }
    }
}

/// Whether the counts could be corrected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Corrected.
    Corrected,
    /// The evaluation file has no evaluation of this question.
    NoEvaluation,
    /// A label was counted that the evaluation does not know.
    LabelsDiffer,
    /// A gold label has too few documents.
    TooSmall,
    /// The misclassification matrix cannot be inverted.
    Singular,
}

impl Status {
    /// The name in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Corrected => "corrected",
            Status::NoEvaluation => "no_evaluation",
            Status::LabelsDiffer => "labels_differ",
            Status::TooSmall => "too_small",
            Status::Singular => "singular",
        }
    }
}

/// One bucket, raw and adjusted.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The label (or [`UNSUPPORTED_LANGUAGE`], [`NOT_ASKED`]).
    pub label: String,
    /// As counted.
    pub raw: usize,
    /// Whether this bucket takes part in the correction (a label of the evaluation).
    pub corrected: bool,
    /// The corrected count (`None` when nothing could be corrected; the raw
    /// count for a bucket that is not corrected).
    pub adjusted: Option<f64>,
    /// The 95% bootstrap interval of the corrected count (`None` without correction or resamples).
    pub interval: Option<[f64; 2]>,
}

/// The correction of one question's counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Adjustment {
    /// The question.
    pub question: String,
    /// Whether the counts were corrected.
    pub status: Status,
    /// Why not, or what to keep in mind, in plain words (`None` when corrected without remark).
    pub message: Option<String>,
    /// Documents compared in the evaluation.
    pub eval_n: usize,
    /// Gold documents per label of the evaluation.
    pub gold: Vec<(String, usize)>,
    /// All counted units (the tally's total).
    pub total: usize,
    /// The units that take part in the correction (those with a label of the evaluation).
    pub counted: usize,
    /// Per bucket, in the tally's order.
    pub rows: Vec<Row>,
    /// `P(predicted | gold)`: rows gold, columns predicted, in the order of
    /// [`Adjustment::gold`] (`None` without an evaluation).
    pub misclassification: Option<Vec<Vec<f64>>>,
    /// The settings used.
    pub options: Options,
    /// Bootstrap rounds skipped because the resampled matrix was singular.
    pub skipped: usize,
}

/// Shares of `counts` (all zero when they sum to 0).
fn shares(counts: &[f64]) -> Vec<f64> {
    let sum: f64 = counts.iter().sum();
    if sum == 0.0 {
        vec![0.0; counts.len()]
    } else {
        counts.iter().map(|c| c / sum).collect()
    }
}

/// `P(predicted | gold)` from `confusion[gold][predicted]`, as `m[p][g]`
/// (`None` when a gold label has no document).
fn misclassification(confusion: &[Vec<usize>]) -> Option<Vec<Vec<f64>>> {
    let k = confusion.len();
    let mut m = vec![vec![0.0; k]; k];
    for (g, row) in confusion.iter().enumerate() {
        let n: usize = row.iter().sum();
        if n == 0 {
            return None;
        }
        for (p, &c) in row.iter().enumerate() {
            m[p][g] = c as f64 / n as f64;
        }
    }
    Some(m)
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; `None`
/// when `a` is singular (a pivot below 1e-9).
pub fn solve(a: &[Vec<f64>], b: &[f64]) -> Option<Vec<f64>> {
    let k = b.len();
    let mut m: Vec<Vec<f64>> = a
        .iter()
        .zip(b)
        .map(|(row, &y)| row.iter().copied().chain([y]).collect())
        .collect();
    for col in 0..k {
        let pivot = (col..k).max_by(|&i, &j| m[i][col].abs().total_cmp(&m[j][col].abs()))?;
        if m[pivot][col].abs() < 1e-9 {
            return None;
        }
        m.swap(col, pivot);
        let pivot_row = m[col].clone();
        for (r, row) in m.iter_mut().enumerate() {
            let f = row[col] / pivot_row[col];
            if r != col && f != 0.0 {
                for (x, p) in row.iter_mut().zip(&pivot_row).skip(col) {
                    *x -= f * p;
                }
            }
        }
    }
    Some((0..k).map(|i| m[i][k] / m[i][i]).collect())
}

/// Clips shares to the simplex: negatives set to 0, the rest rescaled to sum
/// to 1 (all zero stays all zero).
pub fn clip_to_simplex(x: &[f64]) -> Vec<f64> {
    let clipped: Vec<f64> = x.iter().map(|v| v.max(0.0)).collect();
    shares(&clipped)
}

/// The adjusted shares of the predicted `counts` given `confusion[gold][predicted]`
/// (same label order): `M⁻¹ q` clipped to the simplex. `None` when the
/// matrix cannot be inverted (a gold label without document, or singular).
pub fn adjusted_shares(confusion: &[Vec<usize>], counts: &[f64]) -> Option<Vec<f64>> {
    let m = misclassification(confusion)?;
    let q = shares(counts);
    if q.iter().all(|&v| v == 0.0) {
        return Some(q);
    }
    solve(&m, &q).map(|pi| clip_to_simplex(&pi))
}

fn no_correction(rows: &mut [Row]) {
    for r in rows {
        r.adjusted = if r.corrected {
            None
        } else {
            Some(r.raw as f64)
        };
        r.interval = None;
    }
}

/// Corrects one question's `counts` (label and count per bucket, in the
/// tally's order) with the evaluation `eval` of that question (see the module
/// documentation).
pub fn adjust(
    question: &str,
    counts: &[(String, usize)],
    eval: Option<&EvalQuestion>,
    options: &Options,
) -> Adjustment {
    let total = counts.iter().map(|(_, n)| n).sum();
    let mut out = Adjustment {
        question: question.to_string(),
        status: Status::Corrected,
        message: None,
        eval_n: 0,
        gold: Vec::new(),
        total,
        counted: 0,
        rows: counts
            .iter()
            .map(|(label, n)| Row {
                label: label.clone(),
                raw: *n,
                corrected: eval.is_some_and(|e| e.labels.contains(label)),
                adjusted: None,
                interval: None,
                // Filled in below.
            })
            .collect(),
        misclassification: None,
        options: *options,
        skipped: 0,
    };
    let Some(eval) = eval else {
        out.status = Status::NoEvaluation;
        out.message = Some(format!(
            "no evaluation of `{question}` in the evaluation file: the raw counts stand"
        ));
        no_correction(&mut out.rows);
        return out;
    };
    out.eval_n = eval.n();
    let gold = eval.gold_counts();
    out.gold = eval
        .labels
        .iter()
        .cloned()
        .zip(gold.iter().copied())
        .collect();
    out.misclassification = misclassification(&eval.confusion).map(|m| {
        // m[p][g] → rows gold, columns predicted, for people.
        let k = m.len();
        (0..k).map(|g| (0..k).map(|p| m[p][g]).collect()).collect()
    });
    out.counted = out.rows.iter().filter(|r| r.corrected).map(|r| r.raw).sum();

    // Labels counted that the evaluation does not know.
    let unknown: Vec<&str> = out
        .rows
        .iter()
        .filter(|r| !r.corrected && r.raw > 0)
        .map(|r| r.label.as_str())
        .filter(|l| *l != UNSUPPORTED_LANGUAGE && *l != NOT_ASKED)
        .collect();
    if !unknown.is_empty() {
        out.status = Status::LabelsDiffer;
        out.message = Some(format!(
            "cannot correct: label{} {} counted but not in the evaluation (labels: {}); the raw counts stand",
            if unknown.len() == 1 { "" } else { "s" },
            unknown.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", "),
            eval.labels.join(", ")
        ));
        no_correction(&mut out.rows);
        return out;
    }
    let small: Vec<String> = out
        .gold
        .iter()
        .filter(|(_, n)| *n < options.min_gold_per_label.max(1))
        .map(|(l, n)| format!("`{l}` has {n} document{}", if *n == 1 { "" } else { "s" }))
        .collect();
    if !small.is_empty() {
        out.status = Status::TooSmall;
        out.message = Some(format!(
            "evaluation too small to correct anything: gold label {} \
             (at least {} per label needed; {} documents compared); the raw counts stand",
            small.join(", "),
            options.min_gold_per_label.max(1),
            out.eval_n
        ));
        no_correction(&mut out.rows);
        return out;
    }

    // Predicted counts in the evaluation's label order.
    let k = eval.labels.len();
    let raw_of = |label: &str| {
        out.rows
            .iter()
            .find(|r| r.label == label)
            .map_or(0, |r| r.raw)
    };
    let predicted: Vec<usize> = eval.labels.iter().map(|l| raw_of(l)).collect();
    let as_f64: Vec<f64> = predicted.iter().map(|&c| c as f64).collect();
    let Some(pi) = adjusted_shares(&eval.confusion, &as_f64) else {
        out.status = Status::Singular;
        out.message = Some(
            "cannot correct: the misclassification matrix is singular (some labels are \
             predicted alike whatever their gold label, so their counts cannot be told apart); \
             the raw counts stand"
                .to_string(),
        );
        no_correction(&mut out.rows);
        return out;
    };
    let n = out.counted as f64;
    let point: Vec<f64> = pi.iter().map(|s| s * n).collect();

    // Bootstrap: resample the evaluation's documents and the counted units.
    let mut draws: Vec<Vec<f64>> = vec![Vec::with_capacity(options.resamples); k];
    let pairs: Vec<(usize, usize)> = eval
        .confusion
        .iter()
        .enumerate()
        .flat_map(|(g, row)| {
            row.iter()
                .enumerate()
                .flat_map(move |(p, &c)| std::iter::repeat_n((g, p), c))
        })
        .collect();
    // Cumulative predicted counts: unit i has the label whose range holds i.
    let cumulative: Vec<usize> = predicted
        .iter()
        .scan(0, |acc, &c| {
            *acc += c;
            Some(*acc)
        })
        .collect();
    let mut rng = SplitMix64::new(options.seed);
    let mut confusion = vec![vec![0usize; k]; k];
    let mut resampled = vec![0.0; k];
    for _ in 0..options.resamples {
        confusion.iter_mut().for_each(|r| r.fill(0));
        for _ in 0..pairs.len() {
            let (g, p) = pairs[rng.below(pairs.len())];
            confusion[g][p] += 1;
        }
        resampled.fill(0.0);
        for _ in 0..out.counted {
            let i = rng.below(out.counted);
            let label = cumulative.partition_point(|&c| c <= i);
            resampled[label] += 1.0;
        }
        match adjusted_shares(&confusion, &resampled) {
            Some(s) => {
                for (d, v) in draws.iter_mut().zip(s) {
                    d.push(v * n);
                }
            }
            None => out.skipped += 1,
        }
    }
    for (i, label) in eval.labels.iter().enumerate() {
        if let Some(r) = out.rows.iter_mut().find(|r| &r.label == label) {
            r.adjusted = Some(point[i]);
            let d = &mut draws[i];
            if !d.is_empty() {
                d.sort_by(f64::total_cmp);
                r.interval = Some([percentile(d, 0.025), percentile(d, 0.975)]);
            }
        }
    }
    for r in out.rows.iter_mut().filter(|r| !r.corrected) {
        r.adjusted = Some(r.raw as f64);
    }
    // Evaluation labels no document was counted with still get a row.
    for (i, label) in eval.labels.iter().enumerate() {
        if !out.rows.iter().any(|r| &r.label == label) {
            let d = &mut draws[i];
            d.sort_by(f64::total_cmp);
            out.rows.push(Row {
                label: label.clone(),
                raw: 0,
                corrected: true,
                adjusted: Some(point[i]),
                interval: (!d.is_empty()).then(|| [percentile(d, 0.025), percentile(d, 0.975)]),
            });
        }
    }
    if options.resamples > 0 && out.skipped * 10 > options.resamples {
        out.message = Some(format!(
            "{} of {} bootstrap rounds drew a singular matrix and were skipped: \
             the evaluation is too small for a stable interval",
            out.skipped, options.resamples
        ));
    }
    out
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn percent(x: f64, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        x * 100.0 / total as f64
    }
}

/// `{"method", "status", "message", "evaluation": {"n", "gold": {label: n}},
/// "total", "counted", "counts": [{"label", "raw", "raw_percent",
/// "corrected", "adjusted", "adjusted_percent", "low", "high"}],
/// "misclassification": {gold: {predicted: share}}, "bootstrap":
/// {"level", "resamples", "seed", "skipped"}, "min_gold_per_label"}`.
/// Counts are rounded to four decimals; `adjusted`, `low` and `high` are
/// `null` when nothing was corrected.
impl Serialize for Adjustment {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("method", "adjusted classify-and-count")?;
        m.serialize_entry("status", self.status.as_str())?;
        m.serialize_entry("message", &self.message)?;
        let gold = Ordered(
            self.gold
                .iter()
                .map(|(l, n)| (l.as_str(), Value::from(*n)))
                .collect(),
        );
        let evaluation = Ordered(vec![
            ("n", Value::from(self.eval_n)),
            ("gold", serde_json::to_value(&gold).unwrap_or_default()),
        ]);
        m.serialize_entry("evaluation", &evaluation)?;
        m.serialize_entry("total", &self.total)?;
        m.serialize_entry("counted", &self.counted)?;
        let rows: Vec<Ordered<'_>> = self
            .rows
            .iter()
            .map(|r| {
                let opt = |x: Option<f64>| x.map(round).map_or(Value::Null, Value::from);
                Ordered(vec![
                    ("label", Value::from(r.label.as_str())),
                    ("raw", Value::from(r.raw)),
                    (
                        "raw_percent",
                        Value::from(round(percent(r.raw as f64, self.total))),
                    ),
                    ("corrected", Value::from(r.corrected)),
                    ("adjusted", opt(r.adjusted)),
                    (
                        "adjusted_percent",
                        opt(r.adjusted.map(|a| percent(a, self.total))),
                    ),
                    ("low", opt(r.interval.map(|i| i[0]))),
                    ("high", opt(r.interval.map(|i| i[1]))),
                ])
            })
            .collect();
        m.serialize_entry("counts", &rows)?;
        let label = |i: usize| self.gold[i].0.as_str();
        let mis = self.misclassification.as_ref().map(|mm| {
            Ordered(
                mm.iter()
                    .enumerate()
                    .map(|(g, row)| {
                        let inner = Ordered(
                            row.iter()
                                .enumerate()
                                .map(|(p, v)| (label(p), Value::from(round(*v))))
                                .collect(),
                        );
                        (label(g), serde_json::to_value(&inner).unwrap_or_default())
                    })
                    .collect(),
            )
        });
        m.serialize_entry("misclassification", &mis)?;
        let bootstrap = Ordered(vec![
            ("level", Value::from(0.95)),
            ("resamples", Value::from(self.options.resamples)),
            ("seed", Value::from(self.options.seed)),
            ("skipped", Value::from(self.skipped)),
        ]);
        m.serialize_entry("bootstrap", &bootstrap)?;
        m.serialize_entry("min_gold_per_label", &self.options.min_gold_per_label)?;
        m.end()
    }
}

/// A JSON object with keys in the given order.
struct Ordered<'a>(Vec<(&'a str, Value)>);

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve_and_clip() {
        let a = vec![vec![2.0, 1.0], vec![1.0, 3.0]];
        let x = solve(&a, &[3.0, 5.0]).unwrap();
        assert!((x[0] - 0.8).abs() < 1e-12 && (x[1] - 1.4).abs() < 1e-12);
        assert!(solve(&[vec![1.0, 2.0], vec![2.0, 4.0]], &[1.0, 2.0]).is_none());
        assert_eq!(clip_to_simplex(&[1.2, -0.2]), vec![1.0, 0.0]);
        assert_eq!(clip_to_simplex(&[0.0, 0.0]), vec![0.0, 0.0]);
    }

    #[test]
    fn identity_changes_nothing() {
        let eval = EvalQuestion {
            question: "q".into(),
            labels: vec!["a".into(), "b".into()],
            confusion: vec![vec![10, 0], vec![0, 10]],
        };
        let counts = vec![
            ("a".to_string(), 7),
            ("b".to_string(), 3),
            (UNSUPPORTED_LANGUAGE.to_string(), 2),
        ];
        let a = adjust("q", &counts, Some(&eval), &Options::default());
        assert_eq!(a.status, Status::Corrected);
        assert_eq!(a.rows[0].adjusted, Some(7.0));
        assert!(a.rows[0].interval.unwrap()[0] <= 7.0);
        assert_eq!(a.rows[2].adjusted, Some(2.0));
        assert!(!a.rows[2].corrected);
        assert_eq!(a.counted, 10);
        assert_eq!(a.total, 12);
    }

    #[test]
    fn refusals_say_why() {
        let eval = EvalQuestion {
            question: "q".into(),
            labels: vec!["a".into(), "b".into()],
            confusion: vec![vec![10, 0], vec![1, 2]],
        };
        let counts = vec![("a".to_string(), 7), ("b".to_string(), 3)];
        let a = adjust("q", &counts, Some(&eval), &Options::default());
        assert_eq!(a.status, Status::TooSmall);
        assert!(a.message.unwrap().contains("`b` has 3 documents"));
        assert!(a.rows.iter().all(|r| r.adjusted.is_none()));

        let singular = EvalQuestion {
            confusion: vec![vec![5, 5], vec![5, 5]],
            ..eval.clone()
        };
        let a = adjust("q", &counts, Some(&singular), &Options::default());
        assert_eq!(a.status, Status::Singular);

        let a = adjust("q", &counts, None, &Options::default());
        assert_eq!(a.status, Status::NoEvaluation);

        let other = vec![("a".to_string(), 7), ("c".to_string(), 3)];
        let a = adjust("q", &other, Some(&singular), &Options::default());
        assert_eq!(a.status, Status::LabelsDiffer);
    }
}
