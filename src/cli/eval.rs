//! `stancer eval`: a classify output against hand labels.

use std::path::PathBuf;

use clap::ValueEnum;

use super::AFTER_HELP;

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
pub fn run(_args: &EvalArgs) -> anyhow::Result<i32> {
    anyhow::bail!("stancer eval is not implemented yet")
}
