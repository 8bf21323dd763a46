//! `stancer report`.

use std::path::PathBuf;

/// Arguments of `stancer report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The output of `stancer classify` (JSON or JSON Lines).
    pub labelled: PathBuf,
}

/// Runs `stancer report`; returns the exit status.
pub fn run(_args: &ReportArgs) -> anyhow::Result<i32> {
    anyhow::bail!("`stancer report` is being written")
}
