//! The command line: flags parsed into plain data, then run.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::corpus::Corpus;
use crate::export::{Exporter, Format, LexiconInfo, Meta};
use crate::lexicon::Lexicon;
use crate::pipeline::{self, Classifier, Failure};

/// Exit statuses.
pub mod exit {
    /// Success.
    pub const OK: i32 = 0;
    /// The run completed but a requested threshold was missed.
    pub const THRESHOLD: i32 = 1;
    /// Usage or input error.
    pub const ERROR: i32 = 2;
}

const AFTER_HELP: &str = "Exit status: 0 success; 1 ran but a requested threshold was missed; \
2 usage or input error (including documents that could not be read, unless --keep-going).";

/// Where each State stands on autonomous weapons, with evidence.
#[derive(Debug, Parser)]
#[command(name = "stancer", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Classify every document of a corpus per question, with evidence.
    Classify(ClassifyArgs),
}

/// Output formats on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// One JSON object with `meta` and `documents`.
    Json,
    /// One document object per line.
    Jsonl,
    /// One row per document and question.
    Csv,
}

/// Arguments of `stancer classify`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct ClassifyArgs {
    /// A folder with manifest.csv, a folder of .txt files, a JSON Lines file, or - for JSON Lines on stdin.
    pub path: PathBuf,
    /// Lexicon file (repeatable); replaces the built-in lexicons/laws-en.toml.
    #[arg(long = "lexicon", value_name = "FILE")]
    pub lexicons: Vec<PathBuf>,
    /// Write to FILE instead of stdout (written to a temporary file, then renamed into place).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: FormatArg,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Exit 0 even when some documents could not be read (they are listed in meta.failures).
    #[arg(long)]
    pub keep_going: bool,
    /// Leave CSV cells that start with = + - @ as they are (by default they are prefixed with ').
    #[arg(long)]
    pub csv_unsafe: bool,
    /// Print no warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Loads the lexicons named on the command line, or the built-in ones.
pub fn load_lexicons(paths: &[PathBuf]) -> crate::Result<Vec<Lexicon>> {
    if paths.is_empty() {
        return Ok(vec![Lexicon::builtin_english()]);
    }
    paths.iter().map(|p| Lexicon::from_path(p)).collect()
}

/// Writes through `write` either to stdout or atomically to `path`.
pub fn write_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    match path {
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            write(&mut lock)?;
            lock.flush()?;
            Ok(())
        }
        Some(path) => {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            let mut tmp = tempfile::Builder::new()
                .prefix(".stancer-")
                .suffix(".tmp")
                .tempfile_in(dir)
                .map_err(|e| {
                    anyhow::anyhow!("{}: cannot create a temporary file: {e}", dir.display())
                })?;
            {
                let mut w = std::io::BufWriter::new(tmp.as_file_mut());
                write(&mut w).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                w.flush()?;
            }
            tmp.persist(path)
                .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.error))?;
            Ok(())
        }
    }
}

/// Runs `stancer classify`; returns the exit status.
pub fn classify(args: &ClassifyArgs) -> anyhow::Result<i32> {
    let classifier = Classifier::new(load_lexicons(&args.lexicons)?)?;
    let corpus = Corpus::open(&args.path)?;
    let format = match args.format {
        FormatArg::Json => Format::Json,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Csv => Format::Csv,
    };
    let mut failures: Vec<Failure> = Vec::new();
    let mut documents = 0usize;
    write_output(args.output.as_deref(), |out| {
        let mut exporter = Exporter::new(format, out);
        exporter.csv_safe = !args.csv_unsafe;
        pipeline::run(&classifier, &corpus, args.threads, |r| match r {
            Ok(doc) => {
                if !args.quiet {
                    for w in &doc.warnings {
                        eprintln!("stancer: warning: {w}");
                    }
                }
                documents += 1;
                exporter.document(doc)
            }
            Err(f) => {
                eprintln!("stancer: error: {}", f.error);
                failures.push(f);
                Ok(())
            }
        })?;
        exporter.finish(Meta {
            stancer_version: env!("CARGO_PKG_VERSION").to_string(),
            lexicons: classifier
                .lexicons()
                .iter()
                .map(LexiconInfo::from)
                .collect(),
            input: corpus.input.clone(),
            documents,
            failures: failures.clone(),
        })?;
        Ok(())
    })?;
    if !failures.is_empty() && !args.keep_going {
        eprintln!(
            "stancer: {} of {} documents could not be read (use --keep-going to exit 0)",
            failures.len(),
            corpus.entries.len()
        );
        return Ok(exit::ERROR);
    }
    Ok(exit::OK)
}

/// Runs a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Classify(args) => classify(&args),
    }
}
