//! `stancer lexicon check`: problems of a lexicon, and how its cues fire on a corpus.

use std::path::PathBuf;

use clap::Subcommand;

use super::AFTER_HELP;

/// Arguments of `stancer lexicon`.
#[derive(Debug, clap::Args)]
pub struct LexiconArgs {
    /// What to do with the lexicon.
    #[command(subcommand)]
    pub command: LexiconCommand,
}

/// `stancer lexicon` subcommands.
#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// Report invalid entries, duplicates, shadowed cues; with --corpus, how often each cue fires.
    #[command(after_help = AFTER_HELP)]
    Check {
        /// The lexicon file.
        file: PathBuf,
        /// A corpus on which to count how often each cue fires.
        #[arg(long)]
        corpus: Option<PathBuf>,
    },
}

/// Runs `stancer lexicon`; returns the exit status.
pub fn run(_args: &LexiconArgs) -> anyhow::Result<i32> {
    anyhow::bail!("stancer lexicon check is not implemented yet")
}
