//! `stancer tally`: counts per label, by submission or by State.

use std::path::PathBuf;

use clap::ValueEnum;

use super::AFTER_HELP;

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// Each submission once.
    Submission,
    /// Each State once: group and regional-organisation submissions expanded to their members.
    State,
}

/// How a State covered by several submissions gets one label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Policy {
    /// Its own submission wins; otherwise its groups' label (majority; a tie is the default label), conflicts listed.
    Own,
    /// Its groups' label wins over its own submission.
    Group,
    /// Only its own submission counts; States covered only by groups are left out.
    OwnOnly,
}

/// Output format of tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// A table for people.
    Table,
    /// JSON.
    Json,
    /// CSV.
    Csv,
}

/// Arguments of `stancer tally`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct TallyArgs {
    /// The output of `stancer classify` (JSON or JSON Lines).
    pub labelled: PathBuf,
    /// Only this question (default: every question).
    #[arg(long)]
    pub question: Option<String>,
    /// Count submissions or States.
    #[arg(long, value_enum, default_value = "submission")]
    pub by: By,
    /// With --by state: how a State covered by several submissions gets one label.
    #[arg(long, value_enum, default_value = "own")]
    pub policy: Policy,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `stancer tally`; returns the exit status.
pub fn run(_args: &TallyArgs) -> anyhow::Result<i32> {
    anyhow::bail!("stancer tally is not implemented yet")
}
