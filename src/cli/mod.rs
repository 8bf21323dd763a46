//! The command line: flags parsed into plain data, then run. One file per
//! subcommand; this one holds what they share.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::lexicon::Lexicon;

pub mod classify;
pub mod eval;
pub mod explain;
pub mod kwic;
pub mod lexicon;
pub mod positions;
pub mod report;
pub mod tally;

/// Prints a message on stderr with [`crate::explain::sanitize_lines`]: ids,
/// file names and text from the input cannot act on the terminal.
pub fn say_str(message: &str) {
    eprintln!("{}", crate::explain::sanitize_lines(message));
}

/// `eprintln!` through [`say_str`].
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::say_str(&format!($($arg)*))
    };
}
pub(crate) use say;

/// Exit statuses.
pub mod exit {
    /// Success.
    pub const OK: i32 = 0;
    /// The run completed but a requested threshold was missed.
    pub const THRESHOLD: i32 = 1;
    /// Usage or input error.
    pub const ERROR: i32 = 2;
}

/// Text after `--help`: the exit statuses.
pub const AFTER_HELP: &str = "Exit status: 0 success; 1 ran but a requested threshold was missed; \
2 usage or input error (including documents that could not be read, unless --keep-going); 130 interrupted (no partial output file is left).";

/// Where each State stands on autonomous weapons, with evidence.
#[derive(Debug, Parser)]
#[command(name = "stancer", version = crate::VERSION, about, after_help = AFTER_HELP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Classify every document of a corpus per question, with evidence.
    Classify(classify::ClassifyArgs),
    /// Count labels per question, by submission or by State, from a classify output.
    Tally(tally::TallyArgs),
    /// Compare a classify output with hand labels: per-class scores, kappa, disagreements.
    Eval(eval::EvalArgs),
    /// Show why a document got its labels: cues, modifiers, score arithmetic, decision rule.
    Explain(explain::ExplainArgs),
    /// Every occurrence of a phrase across a corpus, in context (keyword in context).
    Kwic(kwic::KwicArgs),
    /// Check a lexicon: invalid entries, duplicates, shadowed cues, and cue counts on a corpus.
    Lexicon(lexicon::LexiconArgs),
    /// Write one self-contained HTML report: map, tallies, table and evidence.
    Report(report::ReportArgs),
    /// Each State's positions across documents and years, its changes, and its recorded votes.
    Positions(positions::PositionsArgs),
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

/// Loads the lexicons named on the command line, or the built-in ones.
pub fn load_lexicons(paths: &[PathBuf]) -> crate::Result<Vec<Lexicon>> {
    if paths.is_empty() {
        return Ok(Lexicon::builtins());
    }
    paths.iter().map(|p| Lexicon::from_path(p)).collect()
}

/// A classifier over the lexicon files given (each compiled now, so that an
/// error in one stops the run before it starts), or over the built-in
/// lexicons, compiled as documents of their language come.
pub fn load_classifier(paths: &[PathBuf]) -> crate::Result<crate::Classifier> {
    if paths.is_empty() {
        return Ok(crate::Classifier::builtins());
    }
    crate::Classifier::new(load_lexicons(paths)?)
}

/// The temporary output file being written, removed if the run is interrupted.
static PENDING_OUTPUT: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// Makes an interrupt (Ctrl-C, SIGTERM, SIGHUP) remove the temporary output
/// file before the process exits with status 130, so that an interrupted run
/// leaves no partial file behind (the earlier output, if any, is untouched:
/// it is only ever replaced by a rename once the new one is complete).
pub fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(pending) = PENDING_OUTPUT.lock() {
            if let Some(path) = pending.as_ref() {
                let _ = std::fs::remove_file(path);
            }
        }
        std::process::exit(130);
    });
}

fn set_pending(path: Option<PathBuf>) {
    if let Ok(mut pending) = PENDING_OUTPUT.lock() {
        *pending = path;
    }
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
        // A device, FIFO or other special file (`-o /dev/null`, `-o /dev/stdout`)
        // is written directly: renaming a temporary file over it would replace it.
        Some(path) if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) => {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let mut w = std::io::BufWriter::new(file);
            write(&mut w).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            w.flush()?;
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
            set_pending(Some(tmp.path().to_path_buf()));
            {
                let mut w = std::io::BufWriter::new(tmp.as_file_mut());
                write(&mut w).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                w.flush()?;
            }
            let persisted = tmp.persist(path);
            set_pending(None);
            persisted.map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.error))?;
            Ok(())
        }
    }
}

/// Runs a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Classify(args) => classify::run(&args),
        Command::Tally(args) => tally::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Kwic(args) => kwic::run(&args),
        Command::Lexicon(args) => lexicon::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Positions(args) => positions::run(&args),
    }
}
