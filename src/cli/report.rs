//! `stancer report`: one self-contained HTML file with the map, the tallies,
//! the table of submissions and the evidence.

use std::path::PathBuf;

use anyhow::bail;

use super::tally::Policy;
use super::{exit, load_lexicons, say, write_output, AFTER_HELP};
use crate::escape::clean;
use crate::eval::{self, Gold, Options as EvalOptions};
use crate::export::read_labelled;
use crate::report::{self, votes::Votes, Inputs, Options};
use crate::tally;

/// Arguments of `stancer report`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct ReportArgs {
    /// The output of `stancer classify` (JSON or JSON Lines).
    pub labelled: PathBuf,
    /// Hand labels (as for `stancer eval`): adds the evaluation figures and the disagreements.
    #[arg(long, value_name = "GOLD.csv")]
    pub gold: Option<PathBuf>,
    /// Recorded votes (`vote_id,date,body,symbol,iso3,vote`, e.g.
    /// ../shared/data/un-votes-laws/votes.csv): each State's votes beside its label.
    #[arg(long, value_name = "VOTES.csv")]
    pub votes: Option<PathBuf>,
    /// Only this question (default: every question, with a switch between them).
    #[arg(long)]
    pub question: Option<String>,
    /// How a State covered by several submissions gets one label (as for `stancer tally --by state`).
    #[arg(long, value_enum, default_value = "own")]
    pub policy: Policy,
    /// Lexicon file (repeatable) the documents were read with, for the decision rule in the
    /// evidence (default: the built-in lexicons).
    #[arg(long = "lexicon", value_name = "FILE")]
    pub lexicons: Vec<PathBuf>,
    /// The page's title.
    #[arg(long)]
    pub title: Option<String>,
    /// Seed of the bootstrap resampling of --gold.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Number of bootstrap resamples for the 95% confidence intervals of --gold (0: none).
    #[arg(long, default_value_t = 1000)]
    pub resamples: usize,
    /// Write to FILE instead of stdout (written to a temporary file, then renamed into place).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `stancer report`; returns the exit status.
pub fn run(args: &ReportArgs) -> anyhow::Result<i32> {
    let labelled = read_labelled(&args.labelled)?;
    let lpath = args.labelled.display();
    if let Some(id) = labelled.repeated_id() {
        bail!(
            "{lpath}: document id `{}` appears more than once",
            clean(id)
        );
    }
    let docs = labelled.documents;
    let all = tally::questions(&docs);
    let questions = match &args.question {
        Some(q) => {
            if let Err(e) = tally::check_question(&all, q) {
                bail!("{lpath}: {}", clean(&e.to_string()));
            }
            vec![q.clone()]
        }
        None => all,
    };
    let lexicons = load_lexicons(&args.lexicons)?;
    let evaluation = match &args.gold {
        Some(gold) => {
            let columns = Gold::columns(gold)?;
            let compared: Vec<String> = questions
                .iter()
                .filter(|q| columns.contains(q))
                .cloned()
                .collect();
            for q in questions.iter().filter(|q| !columns.contains(q)) {
                say!(
                    "stancer: note: {} has no `{q}` column; `{q}` is not evaluated",
                    gold.display()
                );
            }
            let qrefs: Vec<&str> = compared.iter().map(String::as_str).collect();
            let g = Gold::from_path(gold, &qrefs)?;
            let options = EvalOptions {
                seed: args.seed,
                resamples: args.resamples,
            };
            Some(eval::evaluate_all(&docs, &g, &compared, &options)?)
        }
        None => None,
    };
    let votes = match &args.votes {
        Some(path) => Some(Votes::from_path(path)?),
        None => None,
    };
    let inputs = Inputs {
        documents: &docs,
        meta: labelled.meta.as_ref(),
        lexicons: &lexicons,
        evaluation: evaluation.as_ref(),
        votes: votes.as_ref(),
    };
    let source = args
        .labelled
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| lpath.to_string());
    let options = Options {
        questions,
        policy: args.policy.into(),
        title: args.title.clone(),
        source,
        ..Options::default()
    };
    let html = report::render(&inputs, &options);
    write_output(args.output.as_deref(), |out| out.write_all(html.as_bytes()))?;
    Ok(exit::OK)
}
