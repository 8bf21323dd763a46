//! `stancer explain`: why a document got its labels.

use std::path::PathBuf;

use super::AFTER_HELP;

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Arguments of `stancer explain`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct ExplainArgs {
    /// The corpus (as for `stancer classify`).
    pub path: PathBuf,
    /// The document to explain.
    #[arg(long)]
    pub id: String,
    /// Lexicon file (repeatable); replaces the built-in lexicons.
    #[arg(long = "lexicon", value_name = "FILE")]
    pub lexicons: Vec<PathBuf>,
    /// Only this question.
    #[arg(long)]
    pub question: Option<String>,
    /// Colour cues and modifiers.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
}

/// Runs `stancer explain`; returns the exit status.
pub fn run(_args: &ExplainArgs) -> anyhow::Result<i32> {
    anyhow::bail!("stancer explain is not implemented yet")
}
