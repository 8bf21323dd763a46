//! `stancer eval`: a classify output against hand labels.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::bail;
use clap::ValueEnum;

use super::{exit, say, write_output, AFTER_HELP};
use crate::eval::{self, Evaluation, Gold, Options, QuestionEval};
use crate::export::read_labelled;

/// Output format of the evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// A report for people, like scikit-learn's classification_report.
    Table,
    /// JSON with every figure.
    Json,
}

/// Arguments of `stancer eval`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct EvalArgs {
    /// The output of `stancer classify` (JSON or JSON Lines).
    pub labelled: PathBuf,
    /// The hand labels: CSV with `id`, one column per question, optional `<question>_evidence`.
    #[arg(long)]
    pub gold: PathBuf,
    /// Only this question (default: every question of the labelled file found in the gold file).
    #[arg(long)]
    pub question: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: EvalFormat,
    /// Seed of the bootstrap resampling.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Number of bootstrap resamples for the 95% confidence intervals (0: none).
    #[arg(long, default_value_t = 1000)]
    pub resamples: usize,
    /// Exit with status 1 when a question's macro-F1 is below X.
    #[arg(long, value_name = "X")]
    pub min_macro_f1: Option<f64>,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `stancer eval`; returns the exit status.
pub fn run(args: &EvalArgs) -> anyhow::Result<i32> {
    if let Some(x) = args.min_macro_f1 {
        if !x.is_finite() {
            bail!("--min-macro-f1 must be a number, not {x}");
        }
    }
    let labelled = read_labelled(&args.labelled)?;
    let lpath = args.labelled.display();
    if let Some(id) = labelled.repeated_id() {
        bail!("{lpath}: document id `{id}` appears more than once");
    }
    let docs = labelled.documents;
    let predicted = eval::prediction_questions(&docs);
    if predicted.is_empty() {
        bail!("{lpath}: no classified document (no question to evaluate)");
    }
    let questions: Vec<String> = match &args.question {
        Some(q) => {
            if !predicted.contains(q) {
                bail!(
                    "{lpath}: no question `{q}` in the predictions (questions: {})",
                    predicted.join(", ")
                );
            }
            vec![q.clone()]
        }
        None => {
            let columns = Gold::columns(&args.gold)?;
            let (found, absent): (Vec<String>, Vec<String>) =
                predicted.into_iter().partition(|q| columns.contains(q));
            if found.is_empty() {
                bail!(
                    "{}: no column for any question of {lpath} ({})",
                    args.gold.display(),
                    absent.join(", ")
                );
            }
            for q in &absent {
                say!(
                    "stancer: note: {} has no `{q}` column; `{q}` is not evaluated",
                    args.gold.display()
                );
            }
            found
        }
    };
    let qrefs: Vec<&str> = questions.iter().map(String::as_str).collect();
    let gold = Gold::from_path(&args.gold, &qrefs)?;
    let options = Options {
        seed: args.seed,
        resamples: args.resamples,
    };
    let evaluation = eval::evaluate_all(&docs, &gold, &questions, &options)?;

    let gname = args.gold.display().to_string();
    let lname = args.labelled.display().to_string();
    for w in evaluation.warnings(&gname, &lname) {
        say!("stancer: warning: {w}");
    }
    write_output(args.output.as_deref(), |out| match args.format {
        EvalFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &evaluation)?;
            writeln!(out)
        }
        // Evidence and ids come from the input: nothing in them may act on a terminal.
        EvalFormat::Table => out.write_all(
            crate::explain::sanitize_lines(&table(&evaluation, &gname, &lname)).as_bytes(),
        ),
    })?;

    let mut code = exit::OK;
    if let Some(x) = args.min_macro_f1 {
        for q in &evaluation.questions {
            if q.macro_f1 < x {
                say!(
                    "stancer: {}: macro-F1 {:.3} is below --min-macro-f1 {x}",
                    q.question,
                    q.macro_f1
                );
                code = exit::THRESHOLD;
            }
        }
    }
    Ok(code)
}

/// The report for people.
fn table(e: &Evaluation, gold: &str, labelled: &str) -> String {
    let mut s = String::new();
    for (i, q) in e.questions.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        question_table(&mut s, q);
    }
    let list = |ids: &[String]| {
        if ids.is_empty() {
            "none".to_string()
        } else {
            format!("{} — {}", ids.len(), ids.join(", "))
        }
    };
    let _ = writeln!(
        s,
        "\nids in {gold} missing from {labelled}: {}",
        list(&e.missing_in_predictions)
    );
    let _ = writeln!(
        s,
        "ids in {labelled} missing from {gold}: {}",
        list(&e.missing_in_gold)
    );
    s
}

/// Figures with three decimals.
fn f(x: f64) -> String {
    format!("{x:.3}")
}

/// `needs_review: 7 of 36 flagged (19.4%); accuracy unflagged 0.966 (29), flagged 0.571 (7)`.
fn review_line(q: &QuestionEval) -> String {
    let acc = |a: Option<f64>| a.map_or_else(|| "n/a".to_string(), f);
    format!(
        "needs_review: {} of {} flagged ({:.1}%); accuracy unflagged {} ({}), flagged {} ({})",
        q.flagged,
        q.n,
        q.flagged_share * 100.0,
        acc(q.accuracy_unflagged),
        q.n - q.flagged,
        acc(q.accuracy_flagged),
        q.flagged
    )
}

fn question_table(s: &mut String, q: &QuestionEval) {
    let _ = writeln!(s, "== {} ({} documents compared) ==\n", q.question, q.n);
    // classification_report
    let width = q
        .labels
        .iter()
        .map(|l| l.chars().count())
        .chain([12])
        .max()
        .unwrap_or(12);
    let _ = writeln!(
        s,
        "{:>width$} {:>9} {:>9} {:>9} {:>9}\n",
        "", "precision", "recall", "f1-score", "support"
    );
    for c in &q.classes {
        let _ = writeln!(
            s,
            "{:>width$} {:>9} {:>9} {:>9} {:>9}",
            c.label,
            f(c.precision),
            f(c.recall),
            f(c.f1),
            c.support
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:>width$} {:>9} {:>9} {:>9} {:>9}",
        "accuracy",
        "",
        "",
        f(q.accuracy),
        q.n
    );
    let _ = writeln!(
        s,
        "{:>width$} {:>9} {:>9} {:>9} {:>9}",
        "macro avg",
        f(q.macro_precision),
        f(q.macro_recall),
        f(q.macro_f1),
        q.n
    );
    let _ = writeln!(
        s,
        "{:>width$} {:>9} {:>9} {:>9} {:>9}",
        "weighted avg",
        f(q.weighted_precision),
        f(q.weighted_recall),
        f(q.weighted_f1),
        q.n
    );
    let absent: Vec<&str> = q
        .classes
        .iter()
        .filter(|c| c.support == 0 && c.predicted == 0)
        .map(|c| c.label.as_str())
        .collect();
    if !absent.is_empty() {
        let _ = writeln!(
            s,
            "(macro avg leaves out {}: in neither gold nor predictions)",
            absent.join(", ")
        );
    }

    // confusion matrix
    let _ = writeln!(s, "\nconfusion matrix (rows: gold, columns: predicted)\n");
    let cw = q
        .labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        .max(5);
    let _ = write!(s, "{:>width$}", "");
    for l in &q.labels {
        let _ = write!(s, " {l:>cw$}");
    }
    s.push('\n');
    for (l, row) in q.labels.iter().zip(&q.confusion) {
        let _ = write!(s, "{l:>width$}");
        for v in row {
            let _ = write!(s, " {v:>cw$}");
        }
        s.push('\n');
    }

    // agreement and stance figures
    s.push('\n');
    let _ = writeln!(s, "{:<24}{}", "Cohen's kappa", f(q.kappa));
    let _ = writeln!(
        s,
        "{:<24}{}",
        format!("F_avg ({})", q.f_avg_labels.join(", ")),
        f(q.f_avg)
    );
    match &q.ci {
        Some(ci) => {
            let _ = writeln!(
                s,
                "{:<24}[{}, {}]",
                "accuracy 95% CI",
                f(ci.accuracy[0]),
                f(ci.accuracy[1])
            );
            let _ = writeln!(
                s,
                "{:<24}[{}, {}]   (percentile bootstrap, {} resamples, seed {})",
                "macro-F1 95% CI",
                f(ci.macro_f1[0]),
                f(ci.macro_f1[1]),
                ci.resamples,
                ci.seed
            );
        }
        None => {
            let _ = writeln!(s, "{:<24}none (no resample or no document)", "95% CI");
        }
    }
    let _ = writeln!(s, "\n{}", review_line(q));
    if !q.unclassified.is_empty() {
        let _ = writeln!(
            s,
            "not classified for {} (not compared): {}",
            q.question,
            q.unclassified.join(", ")
        );
    }

    // disagreements
    if q.disagreements.is_empty() {
        let _ = writeln!(s, "\ndisagreements: none");
        return;
    }
    let _ = writeln!(s, "\ndisagreements ({}):", q.disagreements.len());
    for d in &q.disagreements {
        let scores: Vec<String> = d.scores.0.iter().map(|(l, v)| format!("{l} {v}")).collect();
        let _ = writeln!(
            s,
            "\n  {}: gold {}, predicted {}   (scores: {})",
            d.id,
            d.gold,
            d.predicted,
            scores.join(", ")
        );
        if d.evidence.is_empty() {
            let _ = writeln!(s, "    no evidence counted toward {}", d.predicted);
        }
        for ev in &d.evidence {
            let _ = writeln!(
                s,
                "    evidence for {}: \"{}\" (cue `{}`, +{})\n      in: {}",
                d.predicted, ev.text, ev.cue, ev.counted, ev.sentence
            );
        }
        match &d.gold_evidence {
            Some(g) => {
                let _ = writeln!(s, "    gold evidence: \"{g}\"");
            }
            None => {
                let _ = writeln!(
                    s,
                    "    gold evidence: (no `{}_evidence` column)",
                    q.question
                );
            }
        }
    }
}
