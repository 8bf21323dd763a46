//! `stancer explain`: why a document got its labels.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::{load_classifier, say, write_output, AFTER_HELP};
use crate::classify::Status;
use crate::corpus::Corpus;
use crate::escape::clean;
use crate::explain::{nearby_ids, Explanation};

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal (and NO_COLOR is not set).
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour: `always`, or `auto` with stdout a terminal and the
    /// `NO_COLOR` environment variable unset or empty.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
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
    /// Read manifest files that resolve outside the corpus folder (absolute paths, `..`, symbolic links
    /// out of it). Without it such a document fails, naming the manifest line, and the others are read.
    #[arg(long)]
    pub allow_outside_files: bool,
}

/// How many ids to suggest for an unknown one.
const SUGGESTIONS: usize = 5;

/// Runs `stancer explain`; returns the exit status.
pub fn run(args: &ExplainArgs) -> anyhow::Result<i32> {
    let classifier = load_classifier(&args.lexicons)?;
    let corpus = Corpus::open(&args.path)?.allow_outside_files(args.allow_outside_files);
    let mut found = None;
    let mut ids = Vec::new();
    for entry in corpus.entries() {
        let entry = entry?;
        if entry.meta.id == args.id {
            found = Some(entry);
            break;
        }
        ids.push(entry.meta.id);
    }
    let Some(entry) = found else {
        let near = nearby_ids(ids.iter().map(String::as_str), &args.id, SUGGESTIONS);
        let near: Vec<String> = near.into_iter().map(clean).collect();
        if near.is_empty() {
            anyhow::bail!(
                "no document {:?} in {}: the corpus is empty",
                clean(&args.id),
                clean(&corpus.input)
            );
        }
        anyhow::bail!(
            "no document {:?} in {} ({} documents); nearby ids: {}",
            clean(&args.id),
            clean(&corpus.input),
            corpus.len(),
            near.join(", ")
        );
    };
    let doc = entry.load()?;
    for w in &doc.warnings {
        say!("stancer: warning: {}", clean(w));
    }
    let labelled = classifier.classify(&doc);
    let lexicon = match (labelled.status, classifier.lexicon_for(&doc)) {
        (Status::Ok, Some(lexicon)) => lexicon,
        _ => anyhow::bail!(
            "{}: no lexicon reads language {:?} (give one with --lexicon)",
            clean(&args.id),
            clean(doc.meta.language.as_deref().unwrap_or("-"))
        ),
    };
    let explanation = Explanation::new(lexicon, &labelled, args.question.as_deref())?;
    let text = explanation.render(args.color.enabled());
    write_output(None, |out| out.write_all(text.as_bytes()))?;
    Ok(super::exit::OK)
}
