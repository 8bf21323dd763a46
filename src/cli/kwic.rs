//! `stancer kwic`: a phrase in context across a corpus.

use std::path::PathBuf;

use super::explain::ColorChoice;
use super::{exit, say, write_output, AFTER_HELP};
use crate::corpus::Corpus;
use crate::escape::clean;
use crate::kwic::{format_line, format_tsv, Kwic, TSV_HEADER};
use crate::lexicon::Lexicon;

/// Arguments of `stancer kwic`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct KwicArgs {
    /// The corpus (as for `stancer classify`).
    pub path: PathBuf,
    /// The phrase, written as a lexicon cue (`word*` matches any ending), or a pattern
    /// (`@class`, `~N`, `<~N>`) whose classes come from --lexicon.
    pub phrase: String,
    /// The lexicon whose word classes a pattern uses (default: the built-in English one).
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Characters of context on each side.
    #[arg(long, default_value_t = 50)]
    pub width: usize,
    /// Output as tab-separated values (id, start, end, left, match, right), with a header row.
    /// start and end are byte offsets in the document's text.
    #[arg(long)]
    pub tsv: bool,
    /// Match the phrase's case exactly (as a case_sensitive cue, for acronyms such as LAWS).
    #[arg(long)]
    pub case_sensitive: bool,
    /// Show the match in bold colour (not in --tsv).
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Read manifest files that resolve outside the corpus folder (absolute paths, `..`, symbolic links
    /// out of it). Without it such a document fails, naming the manifest line, and the others are read.
    #[arg(long)]
    pub allow_outside_files: bool,
}

/// The widest id column, in characters.
const MAX_ID_WIDTH: usize = 24;

/// Runs `stancer kwic`; returns the exit status.
pub fn run(args: &KwicArgs) -> anyhow::Result<i32> {
    let lexicon = match &args.lexicon {
        Some(path) => Lexicon::from_path(path)?,
        None => Lexicon::builtin_english(),
    };
    let kwic = Kwic::with_classes(&args.phrase, args.case_sensitive, &lexicon.classes)
        .map_err(|e| anyhow::anyhow!("invalid phrase {:?}: {e}", clean(&args.phrase)))?;
    let corpus = Corpus::open(&args.path)?.allow_outside_files(args.allow_outside_files);
    let color = !args.tsv && args.color.enabled();
    let id_width = corpus
        .entries()
        .filter_map(Result::ok)
        .map(|e| clean(&e.meta.id).chars().count())
        .max()
        .unwrap_or(0)
        .min(MAX_ID_WIDTH);
    let (mut occurrences, mut documents, mut failures) = (0usize, 0usize, 0usize);
    write_output(None, |out| {
        if args.tsv {
            writeln!(out, "{TSV_HEADER}")?;
        }
        for entry in corpus.entries() {
            let doc = match entry.and_then(|e| e.load()) {
                Ok(doc) => doc,
                Err(e) => {
                    say!("stancer: error: {}", clean(&e.to_string()));
                    failures += 1;
                    continue;
                }
            };
            for w in &doc.warnings {
                say!("stancer: warning: {}", clean(w));
            }
            let found = kwic.occurrences(&doc.text, args.width);
            if !found.is_empty() {
                documents += 1;
                occurrences += found.len();
            }
            for occ in &found {
                let line = if args.tsv {
                    format_tsv(&doc.meta.id, occ)
                } else {
                    format_line(&doc.meta.id, id_width, occ, args.width, color)
                };
                writeln!(out, "{line}")?;
            }
        }
        Ok(())
    })?;
    say!(
        "{occurrences} occurrence{} in {documents} of {} document{}",
        if occurrences == 1 { "" } else { "s" },
        corpus.len(),
        if corpus.len() == 1 { "" } else { "s" },
    );
    if failures > 0 {
        say!(
            "stancer: {failures} of {} documents could not be read",
            corpus.len()
        );
        return Ok(exit::ERROR);
    }
    Ok(exit::OK)
}
