//! `stancer positions`.

use std::path::PathBuf;

/// Arguments of `stancer positions`.
#[derive(Debug, clap::Args)]
pub struct PositionsArgs {
    /// The output of `stancer classify` (JSON or JSON Lines).
    pub labelled: PathBuf,
}

/// Runs `stancer positions`; returns the exit status.
pub fn run(_args: &PositionsArgs) -> anyhow::Result<i32> {
    anyhow::bail!("`stancer positions` is being written")
}
