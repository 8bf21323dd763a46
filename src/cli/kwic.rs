//! `stancer kwic`: a phrase in context across a corpus.

use std::path::PathBuf;

use super::AFTER_HELP;

/// Arguments of `stancer kwic`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct KwicArgs {
    /// The corpus (as for `stancer classify`).
    pub path: PathBuf,
    /// The phrase, written as a lexicon cue (`word*` matches any ending).
    pub phrase: String,
    /// Characters of context on each side.
    #[arg(long, default_value_t = 50)]
    pub width: usize,
    /// Output as tab-separated values (id, start, end, left, match, right).
    #[arg(long)]
    pub tsv: bool,
}

/// Runs `stancer kwic`; returns the exit status.
pub fn run(_args: &KwicArgs) -> anyhow::Result<i32> {
    anyhow::bail!("stancer kwic is not implemented yet")
}
