//! `stancer tally`: counts per label, by submission or by State.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{exit, write_output, AFTER_HELP};
use crate::tally;

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// Each submission once.
    Submission,
    /// Each State once: group and regional-organisation submissions expanded to their members.
    State,
}

/// How a State covered by several submissions gets one label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Policy {
    /// Its own submission wins; otherwise its groups' label (majority; a tie is the default label), conflicts listed.
    Own,
    /// Its groups' label wins over its own submission.
    Group,
    /// Only its own submission counts; States covered only by groups are left out.
    OwnOnly,
}

/// Output format of tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// A table for people.
    Table,
    /// JSON.
    Json,
    /// CSV.
    Csv,
}

/// Arguments of `stancer tally`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct TallyArgs {
    /// The output of `stancer classify` (JSON or JSON Lines).
    pub labelled: PathBuf,
    /// Only this question (default: every question).
    #[arg(long)]
    pub question: Option<String>,
    /// Count submissions or States.
    #[arg(long, value_enum, default_value = "submission")]
    pub by: By,
    /// With --by state: how a State covered by several submissions gets one label.
    #[arg(long, value_enum, default_value = "own")]
    pub policy: Policy,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
    /// Also list, per question, the submissions whose label is flagged needs_review.
    ///
    /// After each question's tally: id, actor, label and reasons (joined with `;`), sorted by id,
    /// whatever --by counts (a flag belongs to a submission's label). Without --flagged the
    /// output is unchanged.
    ///
    /// table: a `needs review: N submissions flagged` block with one line per submission.
    ///
    /// json: a `flagged` array per question: `[{"id", "actor", "label", "reasons": [..]}]`.
    ///
    /// csv: one table with three more columns, `question,by,label,count,total,percent,ids,kind,actor,reasons`.
    /// The usual rows get kind `tally` (actor and reasons empty); after each question's rows
    /// comes one row of kind `flagged` per flagged submission: its label, its id in `ids`, its
    /// actor and reasons, and empty count, total and percent.
    #[arg(long)]
    pub flagged: bool,
    /// Correct the counts for the classifier's measured error, from EVAL.json (the output of
    /// `stancer eval --format json` on a hand-labelled sample).
    ///
    /// Adjusted classify-and-count: the misclassification rates P(predicted | gold) of the
    /// evaluation's confusion matrix are inverted and applied to the counted shares, which are
    /// then clipped to the simplex. A 95% percentile-bootstrap interval carries the sampling
    /// error of both the evaluation (its documents resampled) and the counts (the counted
    /// submissions or States resampled). Raw and adjusted counts are shown side by side; when
    /// the evaluation is too small (--min-gold-per-label), its matrix singular, or the question
    /// not evaluated, the output says so and the raw counts stand. Buckets that are no label
    /// (unsupported_language, not_asked) are not corrected.
    ///
    /// table: an `adjusted` block after each question; json: an `adjusted` object last in each
    /// question's object; csv: three more columns, `adjusted,low,high`.
    #[arg(long, value_name = "EVAL.json")]
    pub adjust: Option<PathBuf>,
    /// With --adjust: the fewest gold documents each label needs in the evaluation.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub min_gold_per_label: usize,
    /// With --adjust: seed of the bootstrap generator.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// With --adjust: bootstrap rounds (0: no interval).
    #[arg(long, default_value_t = 1000)]
    pub resamples: usize,
    /// CSV: prefix cells that start with = + - @ with ' (a spreadsheet would run them as formulas).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub csv_safe: bool,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl From<By> for tally::By {
    fn from(b: By) -> tally::By {
        match b {
            By::Submission => tally::By::Submission,
            By::State => tally::By::State,
        }
    }
}

impl From<Policy> for tally::Policy {
    fn from(p: Policy) -> tally::Policy {
        match p {
            Policy::Own => tally::Policy::Own,
            Policy::Group => tally::Policy::Group,
            Policy::OwnOnly => tally::Policy::OwnOnly,
        }
    }
}

/// Runs `stancer tally`; returns the exit status.
pub fn run(args: &TallyArgs) -> anyhow::Result<i32> {
    let options = tally::Options {
        question: args.question.clone(),
        by: args.by.into(),
        policy: args.policy.into(),
        flagged: args.flagged,
    };
    let tallies = tally::tally_file(&args.labelled, &options)?;
    let adjusted = match &args.adjust {
        None => None,
        Some(path) => {
            let eval = crate::adjust::read_eval(path)?;
            let adjust_options = crate::adjust::Options {
                seed: args.seed,
                resamples: args.resamples,
                min_gold_per_label: args.min_gold_per_label,
            };
            Some(tally::adjust(&tallies, &eval, &adjust_options))
        }
    };
    let adjusted = adjusted.as_deref();
    write_output(args.output.as_deref(), |out| match args.format {
        TableFormat::Table => {
            // Ids come from the input: nothing in them may act on a terminal.
            let mut table = Vec::new();
            tally::write_table_adjusted(&tallies, adjusted, &mut table)?;
            let table = String::from_utf8_lossy(&table);
            out.write_all(crate::explain::sanitize_lines(&table).as_bytes())
        }
        TableFormat::Json => match adjusted {
            None => tally::write_json(&tallies, out),
            Some(a) => tally::write_json_adjusted(&tallies, a, out),
        },
        TableFormat::Csv => tally::write_csv_adjusted(&tallies, adjusted, out, args.csv_safe),
    })?;
    Ok(exit::OK)
}
