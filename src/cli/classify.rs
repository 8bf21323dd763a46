//! `stancer classify`: a corpus in, labelled documents out.

use std::path::PathBuf;

use super::{exit, load_classifier, say, write_output, FormatArg, AFTER_HELP};
use crate::corpus::Corpus;
use crate::export::{Exporter, Format, Meta};
use crate::pipeline::{self, Failure};

/// Arguments of `stancer classify`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct ClassifyArgs {
    /// A folder with manifest.csv, a folder of .txt files, a JSON Lines file, or - for JSON Lines on stdin.
    pub path: PathBuf,
    /// Lexicon file (repeatable); replaces the built-in lexicons (laws-en, laws-es, laws-fr).
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
    /// Neutralise CSV cells that start with = + - @ (a spreadsheet would run them as formulas) by
    /// prefixing them with ': true (default) or false.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub csv_safe: bool,
    /// Same as --csv-safe=false.
    #[arg(long)]
    pub csv_unsafe: bool,
    /// Print a summary on stderr when done: documents, bytes, evidence, time, MB/s, documents/s, peak memory.
    #[arg(long)]
    pub stats: bool,
    /// Print no warnings and no progress bar.
    #[arg(short, long)]
    pub quiet: bool,
    /// Read manifest files that resolve outside the corpus folder (absolute paths, `..`, symbolic links
    /// out of it). Without it such a document fails, naming the manifest line, and the others are read.
    #[arg(long)]
    pub allow_outside_files: bool,
}

/// Runs `stancer classify`; returns the exit status.
pub fn run(args: &ClassifyArgs) -> anyhow::Result<i32> {
    let classifier = load_classifier(&args.lexicons)?;
    let corpus = Corpus::open_with(&args.path, args.keep_going)?
        .allow_outside_files(args.allow_outside_files);
    if !args.quiet {
        for w in &corpus.warnings {
            say!("stancer: warning: {w}");
        }
    }
    let format = match args.format {
        FormatArg::Json => Format::Json,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Csv => Format::Csv,
    };
    let started = std::time::Instant::now();
    let progress = progress_bar(corpus.len(), args.quiet);
    let (mut bytes, mut evidence) = (0usize, 0usize);
    let mut failures: Vec<Failure> = corpus
        .skipped
        .iter()
        .map(|s| {
            say!("stancer: error: {}", s.error);
            Failure {
                id: s.id.clone(),
                file: None,
                error: s.error.clone(),
            }
        })
        .collect();
    let mut documents = 0usize;
    write_output(args.output.as_deref(), |out| {
        let mut exporter = Exporter::new(format, out);
        exporter.csv_safe = args.csv_safe && !args.csv_unsafe;
        let renderer = exporter.renderer();
        // Rendered on the worker threads: the document's bytes, its size, its
        // evidence count and its warnings.
        let prepare = |doc: crate::classify::Labelled| {
            let evidence: usize = doc.questions.0.iter().map(|(_, q)| q.evidence.len()).sum();
            (renderer.render(&doc), doc.bytes, evidence, doc.warnings)
        };
        pipeline::run_with(&classifier, &corpus, args.threads, prepare, |r| {
            progress.inc(1);
            match r {
                Ok((rendered, size, found, warnings)) => {
                    if !args.quiet {
                        for w in &warnings {
                            progress.suspend(|| say!("stancer: warning: {w}"));
                        }
                    }
                    documents += 1;
                    bytes += size;
                    evidence += found;
                    exporter.rendered(&rendered?)
                }
                Err(f) => {
                    progress.suspend(|| say!("stancer: error: {}", f.error));
                    failures.push(f);
                    Ok(())
                }
            }
        })?;
        progress.finish_and_clear();
        exporter.finish(Meta {
            stancer_version: crate::VERSION.to_string(),
            lexicons: classifier.lexicon_infos(),
            input: corpus.input.clone(),
            documents,
            failures: failures.clone(),
            warnings: corpus.warnings.clone(),
        })?;
        Ok(())
    })?;
    if args.stats {
        // Lexicons compiled as their documents came are left out, as are
        // lexicon files compiled before the run (the time is given apart).
        let compile = classifier.compile_seconds();
        let secs = started.elapsed().as_secs_f64() - compile;
        let peak = crate::stats::peak_rss_bytes()
            .map(|b| format!("{:.1}MB", b as f64 / 1e6))
            .unwrap_or_else(|| "n/a".into());
        say!(
            "stats: documents={documents} bytes={bytes} evidence={evidence} failures={} seconds={secs:.3} \
             mb_per_s={:.1} documents_per_s={:.0} peak_memory={peak} lexicon_compile_seconds={compile:.3}",
            failures.len(),
            bytes as f64 / 1e6 / secs,
            documents as f64 / secs
        );
    }
    if !failures.is_empty() && !args.keep_going {
        say!(
            "stancer: {} of {} documents could not be read (use --keep-going to exit 0)",
            failures.len(),
            corpus.len()
        );
        return Ok(exit::ERROR);
    }
    Ok(exit::OK)
}

/// Documents from which a run shows a progress bar.
const PROGRESS_FROM: usize = 200;

/// A progress bar on stderr for long runs; hidden when stderr is not a
/// terminal, with `--quiet`, or for small corpora.
pub fn progress_bar(len: usize, quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || len < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {wide_bar} {pos}/{len} documents ({per_sec}, {eta} left)",
    ) {
        bar.set_style(style);
    }
    bar
}
