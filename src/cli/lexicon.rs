//! `stancer lexicon check`: problems of a lexicon, and how its cues fire on a corpus.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{exit, say, AFTER_HELP};
use crate::corpus::Corpus;
use crate::lexicon::Lexicon;
use crate::lint::{fire_counts, lint};

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
        /// Print JSON (`problems`, `warnings`, `counts`) instead of text.
        #[arg(long)]
        json: bool,
        /// With --corpus: read manifest files that resolve outside the corpus folder (absolute paths,
        /// `..`, symbolic links out of it). Without it such a document is skipped with a warning.
        #[arg(long)]
        allow_outside_files: bool,
    },
}

/// Runs `stancer lexicon`; returns the exit status.
pub fn run(args: &LexiconArgs) -> anyhow::Result<i32> {
    match &args.command {
        LexiconCommand::Check {
            file,
            corpus,
            json,
            allow_outside_files,
        } => {
            let corpus = corpus.as_deref().map(|p| (p, *allow_outside_files));
            check(file, corpus, *json)
        }
    }
}

/// The corpus of `--corpus`, and whether it may name files outside its folder.
type CorpusArg<'a> = Option<(&'a Path, bool)>;

fn open_corpus((path, outside): (&Path, bool)) -> anyhow::Result<Corpus> {
    Ok(Corpus::open(path)?.allow_outside_files(outside))
}

fn check(file: &Path, corpus: CorpusArg, json: bool) -> anyhow::Result<i32> {
    let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let source = String::from_utf8(bytes)
        .map_err(|e| anyhow::anyhow!("{}: not valid UTF-8 ({e})", file.display()))?;
    let (lexicon, problems) = Lexicon::compile(&source);
    let name = file.display();
    if json {
        return check_json(file, &source, lexicon, &problems, corpus);
    }
    let mut out = String::new();
    for p in &problems {
        writeln!(out, "{name}: error: {p}")?;
    }
    let Some(lexicon) = lexicon else {
        print!("{out}");
        say!("stancer: {name}: {} error(s)", problems.len());
        return Ok(exit::ERROR);
    };
    let warnings = lint(&lexicon, &source);
    for w in &warnings {
        writeln!(out, "{name}: warning: {w}")?;
    }
    writeln!(
        out,
        "{name}: {} ({}): {} questions, {} cues, {} modifiers, {} topic terms, {} off-topic markers; {} warning(s)",
        lexicon.name,
        lexicon.language,
        lexicon.questions.len(),
        lexicon.cues.len(),
        lexicon.modifiers.len(),
        lexicon.topic.terms.len(),
        lexicon.topic.exclude.len(),
        warnings.len()
    )?;
    if let Some(arg) = corpus {
        let corpus = open_corpus(arg)?;
        let (counts, errors) = fire_counts(&lexicon, &corpus);
        for e in &errors {
            say!("stancer: warning: skipped: {e}");
        }
        writeln!(
            out,
            "\ncue counts on {} ({} documents):",
            corpus.input,
            corpus.len()
        )?;
        writeln!(
            out,
            "{:>7} {:>6}  {:<12} {:<10} cue",
            "hits", "docs", "question", "label"
        )?;
        for c in &counts {
            let cue = &lexicon.cues[c.cue];
            let q = &lexicon.questions[cue.question];
            writeln!(
                out,
                "{:>7} {:>6}  {:<12} {:<10} {}",
                c.hits, c.documents, q.id, q.labels[cue.label], cue.phrase
            )?;
        }
        let never: Vec<&str> = counts
            .iter()
            .filter(|c| c.hits == 0)
            .map(|c| lexicon.cues[c.cue].phrase.as_str())
            .collect();
        writeln!(
            out,
            "\n{} of {} cues never fire on this corpus",
            never.len(),
            counts.len()
        )?;
        for p in never {
            writeln!(out, "  {p}")?;
        }
    }
    print!("{out}");
    Ok(exit::OK)
}

/// `lexicon check --json`: the same findings as data.
fn check_json(
    file: &Path,
    source: &str,
    lexicon: Option<Lexicon>,
    problems: &[crate::lexicon::Problem],
    corpus: CorpusArg,
) -> anyhow::Result<i32> {
    let problem_list: Vec<serde_json::Value> = problems
        .iter()
        .map(|p| serde_json::json!({"line": p.line, "message": p.message}))
        .collect();
    let mut out = serde_json::json!({"file": file.display().to_string(), "problems": problem_list});
    let Some(lexicon) = lexicon else {
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(exit::ERROR);
    };
    out["warnings"] = serde_json::to_value(lint(&lexicon, source))?;
    if let Some(arg) = corpus {
        let corpus = open_corpus(arg)?;
        let (counts, errors) = fire_counts(&lexicon, &corpus);
        for e in &errors {
            say!("stancer: warning: skipped: {e}");
        }
        let rows: Vec<serde_json::Value> = counts
            .iter()
            .map(|c| {
                let cue = &lexicon.cues[c.cue];
                let q = &lexicon.questions[cue.question];
                serde_json::json!({
                    "cue": cue.phrase, "question": q.id, "label": q.labels[cue.label],
                    "hits": c.hits, "documents": c.documents,
                })
            })
            .collect();
        out["corpus"] = serde_json::json!({"input": corpus.input, "documents": corpus.len()});
        out["counts"] = serde_json::Value::Array(rows);
    }
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(exit::OK)
}
