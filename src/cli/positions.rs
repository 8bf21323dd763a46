//! `stancer positions`: each State's positions across documents and years,
//! its changes, and its recorded votes.

use std::path::PathBuf;

use clap::ValueEnum;

use super::tally::TableFormat;
use super::{exit, say, write_output, AFTER_HELP};
use crate::positions;

/// Which of a State's positions make its timeline (its latest position and its changes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Policy {
    /// Its own positions when it has any; otherwise its groups'.
    Own,
    /// Its groups' positions when it has any; otherwise its own.
    Group,
    /// Only its own positions are listed; States covered only by groups are left out.
    OwnOnly,
}

impl From<Policy> for crate::tally::Policy {
    fn from(p: Policy) -> crate::tally::Policy {
        match p {
            Policy::Own => crate::tally::Policy::Own,
            Policy::Group => crate::tally::Policy::Group,
            Policy::OwnOnly => crate::tally::Policy::OwnOnly,
        }
    }
}

/// Arguments of `stancer positions`.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct PositionsArgs {
    /// One or more outputs of `stancer classify` (JSON or JSON Lines), read as one set of
    /// documents (a document id may appear in only one of them).
    #[arg(required = true, num_args = 1..)]
    pub labelled: Vec<PathBuf>,
    /// The question (default: the first question of the documents, `instrument` with the
    /// built-in lexicons).
    #[arg(long)]
    pub question: Option<String>,
    /// Recorded votes, `vote_id,date,body,symbol,iso3,vote` (vote Y, N, A or X), joined to each
    /// State; a cross-table per vote shows latest label × vote with the States in each cell.
    /// A State missing from a roll call is `none`.
    #[arg(long, value_name = "VOTES.csv")]
    pub votes: Option<PathBuf>,
    /// Which of a State's positions make its timeline (latest and changes); every position is
    /// listed either way. Positions of one date count as one, by majority (a tie gives the
    /// question's default label), as in `tally`.
    #[arg(long, value_enum, default_value = "own")]
    pub policy: Policy,
    /// Leave out documents that say nothing on the question (every score 0: most General
    /// Debate speeches never mention autonomous weapons), so timelines hold only what was said.
    #[arg(long)]
    pub skip_silent: bool,
    /// Only this State (ISO3; repeatable).
    #[arg(long = "state", value_name = "ISO3")]
    pub states: Vec<String>,
    /// Output format. json: `{"question", "states": [{"state", "name", "un_status", "positions":
    /// [{"date", "id", "forum", "label", "confidence", "via", "group"}], "latest", "changes":
    /// [{"from", "to", "from_id", "to_id", "from_date", "to_date"}], "votes": {vote_id: vote}}],
    /// "summary": {...}}`; csv: one row per State and position, one column per vote.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableFormat,
    /// CSV: prefix cells that start with = + - @ with ' (a spreadsheet would run them as formulas).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, value_name = "BOOL")]
    pub csv_safe: bool,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `stancer positions`; returns the exit status.
pub fn run(args: &PositionsArgs) -> anyhow::Result<i32> {
    let docs = positions::read_files(&args.labelled)?;
    let questions = crate::tally::questions(&docs);
    let question = match &args.question {
        Some(q) => {
            crate::tally::check_question(&questions, q)?;
            q.clone()
        }
        None => questions
            .first()
            .cloned()
            .unwrap_or_else(|| "instrument".to_string()),
    };
    let votes = args
        .votes
        .as_deref()
        .map(positions::read_votes)
        .transpose()?;
    let options = positions::Options {
        policy: args.policy.into(),
        skip_silent: args.skip_silent,
        states: args.states.clone(),
    };
    let result = positions::positions(&docs, &question, &options, votes.as_ref());
    if !result.summary.undated.is_empty() {
        say!(
            "note: {} without a date (sorted last): {}",
            crate::tally::plural(result.summary.undated.len(), "document", "documents"),
            preview(&result.summary.undated)
        );
    }
    for (id, date) in &result.summary.bad_dates {
        say!("warning: {id}: date `{date}` is not YYYY-MM-DD or YYYY; read as no date");
    }
    for s in &result.summary.not_covered {
        say!("warning: {s}: no document covers this State");
    }
    write_output(args.output.as_deref(), |out| match args.format {
        TableFormat::Table => {
            // Ids, names and forums come from the input: nothing in them may act on a terminal.
            let mut table = Vec::new();
            positions::write_table(&result, &mut table)?;
            let table = String::from_utf8_lossy(&table);
            out.write_all(crate::explain::sanitize_lines(&table).as_bytes())
        }
        TableFormat::Json => positions::write_json(&result, out),
        TableFormat::Csv => positions::write_csv(&result, out, args.csv_safe),
    })?;
    Ok(exit::OK)
}

/// The first ids of a list, then how many more.
fn preview(ids: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut s = ids
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        s.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    s
}
