//! Positions of each State across documents and years, beside recorded votes.
//!
//! [`positions`] reads labelled documents (one or more `stancer classify`
//! outputs, for example the 2024 submissions and the 2013-2024 General Debate
//! speeches), turns each into the States it covers as [`crate::tally`] does
//! (a State's own submission, or a group's or regional organisation's for
//! each of its `members`; see [`crate::tally::coverage`]), and gives per
//! State:
//!
//! * its **positions** in date order: date, document, forum, label,
//!   confidence, and whether it came from its own submission or a group's
//!   (`via`, with the group's actor);
//! * its **latest** position and every **change** (from, to, the two
//!   documents and their dates);
//! * with [`Votes`], how it voted in each recorded vote (`Y`, `N`, `A`, `X`,
//!   or `none` when it is missing from the roll call: never dropped).
//!
//! ## Dates and order
//! A manifest `date` is `YYYY-MM-DD` or `YYYY` (`YYYY-MM` is read too).
//! Positions sort by date, a year alone before the full dates of that year
//! (`2024` before `2024-05-24`: it cannot be placed within the year), then own
//! submissions before group ones, then by id. Documents without a date, or
//! with a date in no such form, sort last, after every dated one, and are
//! listed in [`Summary::undated`] (and [`Summary::bad_dates`]).
//!
//! ## Latest and changes: the policy
//! The [`Policy`] of `tally` decides which of a State's positions make its
//! timeline. With [`Policy::Own`] (the default) its own positions do when it
//! has any; otherwise its groups' do. With [`Policy::Group`] its groups' do
//! when it has any. With [`Policy::OwnOnly`] only own positions are listed at
//! all, and States covered only by groups are left out
//! ([`Summary::group_only`]). Every position is listed either way; the others
//! are there to read, not to decide. Within the timeline, the positions of
//! one date form one point whose label is theirs when they agree, their
//! majority when they do not, and the question's default label on a tie (as
//! in `tally`); a change is two consecutive points with different labels.
//! Positions in [`UNSUPPORTED_LANGUAGE`] or [`NOT_ASKED`] are listed but are
//! no point of the timeline: an unreadable document is no change of mind.
//!
//! ## Documents that say nothing
//! Most General Debate speeches never mention autonomous weapons: they get the
//! default label (`undecided`, which the codebook also gives for "no
//! mention") with no evidence at all. Such a document is *silent* on the
//! question: every label's score is 0 and no implication set its label.
//! [`Options::skip_silent`] leaves silent documents out (they are counted in
//! [`Summary::silent`]), so a State's timeline holds only what it said; a
//! State whose documents are all silent then has no position.
//!
//! ```
//! use stancer::classify::{Labelled, QuestionResult, Questions, Scores, Status};
//! use stancer::corpus::DocMeta;
//! use stancer::positions::{positions, Options};
//!
//! fn doc(id: &str, actor: &str, date: &str, label: &str) -> Labelled {
//!     let scores = ["support", "oppose", "undecided"].map(|l| (l.to_string(), 1.0));
//!     Labelled {
//!         meta: DocMeta {
//!             id: id.into(),
//!             actor: actor.into(),
//!             actor_kind: Some("state".into()),
//!             date: Some(date.into()),
//!             ..DocMeta::default()
//!         },
//!         status: Status::Ok,
//!         language_detected: false,
//!         lexicon: Some("laws-en".into()),
//!         bytes: 0,
//!         tokens: 0,
//!         sentences: 0,
//!         topic_mentions: 0,
//!         questions: Questions(vec![(
//!             "instrument".into(),
//!             QuestionResult {
//!                 label: label.into(),
//!                 score: 1.0,
//!                 confidence: 1.0,
//!                 scores: Scores(scores.to_vec()),
//!                 evidence: vec![],
//!                 evidence_total: 0,
//!                 implied_by: None,
//!                 needs_review: false,
//!                 review_reasons: Vec::new(),
//!             },
//!         )]),
//!         warnings: vec![],
//!     }
//! }
//!
//! let docs = [doc("NZL_2024", "NZL", "2024", "support"), doc("NZL_2018", "NZL", "2018", "undecided")];
//! let p = positions(&docs, "instrument", &Options::default(), None);
//! let nzl = &p.states[0];
//! assert_eq!(nzl.name.as_deref(), Some("New Zealand"));
//! assert_eq!(nzl.latest, "support");
//! assert_eq!(nzl.changes[0].from, "undecided");
//! assert_eq!(nzl.changes[0].to_id, "NZL_2024");
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::classify::{Labelled, Status};
use crate::error::{Error, Result};
use crate::tally::{
    self, answer, coverage, default_label, Coverage, LeftOut, Policy, Tier, Vote, NOT_ASKED,
    UNSUPPORTED_LANGUAGE,
};
use crate::un::{self, Membership};

/// What to report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// How a State's own and group positions make its timeline.
    pub policy: Policy,
    /// Leave out documents that say nothing on the question (see the module documentation).
    pub skip_silent: bool,
    /// Only these States (ISO3, any case); empty: every State covered.
    pub states: Vec<String>,
}

// ---------------------------------------------------------------------------
// Votes
// ---------------------------------------------------------------------------

/// The values of a vote: yes, no, abstain, present but not voting / absent.
pub const VOTE_VALUES: [&str; 4] = ["Y", "N", "A", "X"];

/// The value of a State missing from a roll call.
pub const NO_VOTE: &str = "none";

/// One recorded vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoteInfo {
    /// Its identifier (`vote_id`).
    pub vote_id: String,
    /// `YYYY-MM-DD` (`null` when the file gives none).
    pub date: Option<String>,
    /// The body that voted (`First Committee`, `General Assembly`).
    pub body: Option<String>,
    /// The document voted on (`A/C.1/79/L.77`).
    pub symbol: Option<String>,
}

/// Recorded votes: `vote_id,date,body,symbol,iso3,vote`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Votes {
    /// The votes, by date then id.
    pub votes: Vec<VoteInfo>,
    /// Per vote id, per State (ISO3, upper case), its vote (`Y`, `N`, `A`, `X`).
    pub cast: BTreeMap<String, BTreeMap<String, String>>,
}

impl Votes {
    /// How `state` voted in `vote_id` ([`NO_VOTE`] when it is not in the roll call).
    pub fn of(&self, vote_id: &str, state: &str) -> &str {
        self.cast
            .get(vote_id)
            .and_then(|m| m.get(state))
            .map_or(NO_VOTE, String::as_str)
    }

    /// Every State in any roll call, sorted.
    pub fn states(&self) -> BTreeSet<&str> {
        self.cast
            .values()
            .flat_map(|m| m.keys().map(String::as_str))
            .collect()
    }
}

/// Reads a votes file (`vote_id,date,body,symbol,iso3,vote`; `vote_id`,
/// `iso3` and `vote` required, `vote` one of [`VOTE_VALUES`]). Errors name
/// the file and line: a missing column, an unknown vote, a State twice in one
/// vote, one vote with two dates.
pub fn read_votes(path: &Path) -> Result<Votes> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read_votes_from(file, path)
}

/// [`read_votes`] from `reader`; `path` names it in errors.
pub fn read_votes_from(reader: impl std::io::Read, path: &Path) -> Result<Votes> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(reader);
    let csv_error = |e: csv::Error| {
        let line = e.position().map(|p| p.line());
        Error::input(path, line, e.to_string())
    };
    let headers = reader.headers().map_err(csv_error)?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}') == name)
    };
    let required = |name: &str| {
        col(name).ok_or_else(|| {
            Error::input(
                path,
                Some(1),
                format!("no `{name}` column (expected vote_id,date,body,symbol,iso3,vote)"),
            )
        })
    };
    let (c_id, c_iso, c_vote) = (required("vote_id")?, required("iso3")?, required("vote")?);
    let (c_date, c_body, c_symbol) = (col("date"), col("body"), col("symbol"));
    let mut out = Votes::default();
    let mut infos: BTreeMap<String, VoteInfo> = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = record.position().map(|p| p.line());
        let get = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        let id = get(Some(c_id)).ok_or_else(|| Error::input(path, line, "empty vote_id"))?;
        let iso = get(Some(c_iso))
            .ok_or_else(|| Error::input(path, line, "empty iso3"))?
            .to_ascii_uppercase();
        let written = get(Some(c_vote)).unwrap_or_default();
        let vote = written.to_ascii_uppercase();
        if !VOTE_VALUES.contains(&vote.as_str()) {
            return Err(Error::input(
                path,
                line,
                format!("vote `{written}` for {iso} in {id}: expected Y, N, A or X"),
            ));
        }
        let info = VoteInfo {
            vote_id: id.clone(),
            date: get(c_date),
            body: get(c_body),
            symbol: get(c_symbol),
        };
        match infos.get(&id) {
            Some(known) if known.date != info.date => {
                return Err(Error::input(path, line, format!("vote {id} has two dates")))
            }
            Some(_) => {}
            None => {
                infos.insert(id.clone(), info);
            }
        }
        if out
            .cast
            .entry(id.clone())
            .or_default()
            .insert(iso.clone(), vote)
            .is_some()
        {
            return Err(Error::input(
                path,
                line,
                format!("{iso} is listed twice in vote {id}"),
            ));
        }
    }
    out.votes = infos.into_values().collect();
    out.votes
        .sort_by(|a, b| (&a.date, &a.vote_id).cmp(&(&b.date, &b.vote_id)));
    Ok(out)
}

// ---------------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------------

/// One document's position for one State.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Position {
    /// The document's date (`None`: undated, or a date in no known form).
    pub date: Option<String>,
    /// The document id.
    pub id: String,
    /// Where the statement was made.
    pub forum: Option<String>,
    /// Its label (or [`UNSUPPORTED_LANGUAGE`], [`NOT_ASKED`]).
    pub label: String,
    /// The label's confidence (`None` for the special buckets).
    pub confidence: Option<f64>,
    /// The State's own submission or a group's.
    pub via: Tier,
    /// With a group's: the group (its actor).
    pub group: Option<String>,
}

/// A change of position between two consecutive points of a State's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The label before.
    pub from: String,
    /// The label after.
    pub to: String,
    /// The document of the earlier position.
    pub from_id: String,
    /// The document of the later position.
    pub to_id: String,
    /// Its date.
    pub from_date: Option<String>,
    /// Its date.
    pub to_date: Option<String>,
}

/// A State's positions, latest position, changes and votes.
#[derive(Debug, Clone, PartialEq)]
pub struct StatePositions {
    /// ISO3, upper case.
    pub state: String,
    /// Its name: from its own documents' `actor_name`, else the UN's short name.
    pub name: Option<String>,
    /// UN Member State, observer State, or neither.
    pub un_status: Membership,
    /// Every position, in date order.
    pub positions: Vec<Position>,
    /// The label of the last point of its timeline.
    pub latest: String,
    /// Every change, in date order.
    pub changes: Vec<Change>,
    /// Per recorded vote (in the votes file's order): `Y`, `N`, `A`, `X` or `none`.
    pub votes: Vec<(String, String)>,
}

/// `member`, `observer` or `other`.
pub fn un_status_name(m: Membership) -> &'static str {
    match m {
        Membership::Member => "member",
        Membership::Observer => "observer",
        Membership::Other => "other",
    }
}

/// One vote set beside the latest labels: for each label (and for the States
/// in the roll call that no listed document covers), the States per vote value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossTable {
    /// The vote.
    pub vote: VoteInfo,
    /// Rows: the question's labels (then the special buckets, when some
    /// State's latest is one); per row, per vote value ([`VOTE_VALUES`] then
    /// [`NO_VOTE`]), the States, sorted.
    pub rows: Vec<(String, Vec<Vec<String>>)>,
    /// States in some roll call of the file with no position (no document
    /// covers them, or all of theirs were silent), per vote value.
    pub no_position: Vec<Vec<String>>,
}

/// The columns of a [`CrossTable`].
pub const VOTE_COLUMNS: [&str; 5] = ["Y", "N", "A", "X", NO_VOTE];

/// Counts over the States listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Documents read.
    pub documents: usize,
    /// The policy.
    pub policy: Policy,
    /// Whether silent documents were left out.
    pub skip_silent: bool,
    /// Documents that say nothing on the question (left out with `skip_silent`).
    pub silent: usize,
    /// States listed, by UN membership: Member States, observer States, other codes.
    pub member_states: usize,
    /// Observer States listed.
    pub observer_states: usize,
    /// Other codes listed.
    pub other_states: usize,
    /// States with a single position.
    pub single_position: usize,
    /// States with several positions and no change.
    pub unchanged: usize,
    /// States with at least one change.
    pub changed: usize,
    /// Changes in all.
    pub changes: usize,
    /// States per latest label, in label order.
    pub latest: Vec<(String, usize)>,
    /// Documents without a date (or with one in no known form), sorted last, by id.
    pub undated: Vec<String>,
    /// Documents whose date is in no known form: (id, date).
    pub bad_dates: Vec<(String, String)>,
    /// Documents that cover no State.
    pub left_out: Vec<LeftOut>,
    /// With `own-only`: States covered only by groups, not listed.
    pub group_only: Vec<String>,
    /// States asked for (`Options::states`) that no document covers.
    pub not_covered: Vec<String>,
    /// One cross-table per recorded vote.
    pub votes: Vec<CrossTable>,
}

/// What [`positions`] gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Positions {
    /// The question.
    pub question: String,
    /// Per State, by code.
    pub states: Vec<StatePositions>,
    /// Counts.
    pub summary: Summary,
    /// The vote ids, in order (empty without votes).
    pub vote_ids: Vec<String>,
}

/// Whether `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (month 01-12, day 01-31).
pub fn valid_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let in_range = |s: &str, hi: u32| s.parse::<u32>().is_ok_and(|v| (1..=hi).contains(&v));
    match parts[..] {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 12),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && in_range(m, 12) && digits(d, 2) && in_range(d, 31)
        }
        _ => false,
    }
}

/// Whether `doc` says nothing on `question`: classified, every score 0 and
/// no implication.
pub fn is_silent(doc: &Labelled, question: &str) -> bool {
    doc.status == Status::Ok
        && doc
            .questions
            .get(question)
            .is_some_and(|r| r.implied_by.is_none() && r.scores.0.iter().all(|(_, s)| *s == 0.0))
}

/// The sort key of a date: dated before undated, then the date's text (ISO
/// dates sort as text; a year alone before its full dates).
fn date_key(date: &Option<String>) -> (bool, &str) {
    (date.is_none(), date.as_deref().unwrap_or(""))
}

fn is_special(label: &str) -> bool {
    label == UNSUPPORTED_LANGUAGE || label == NOT_ASKED
}

/// The timeline of one State's positions (`positions` sorted): latest label and changes.
fn timeline(
    positions: &[Position],
    policy: Policy,
    default: Option<&str>,
) -> (String, Vec<Change>) {
    let has = |t: Tier| positions.iter().any(|p| p.via == t);
    let tier = match policy {
        Policy::Own | Policy::OwnOnly if has(Tier::Own) => Tier::Own,
        Policy::Own | Policy::OwnOnly => Tier::Group,
        Policy::Group if has(Tier::Group) => Tier::Group,
        Policy::Group => Tier::Own,
    };
    let deciding: Vec<&Position> = positions.iter().filter(|p| p.via == tier).collect();
    let labelled: Vec<&Position> = deciding
        .iter()
        .copied()
        .filter(|p| !is_special(&p.label))
        .collect();
    let vote = |p: &Position| Vote {
        id: p.id.clone(),
        coverage: p.via,
        label: p.label.clone(),
    };
    if labelled.is_empty() {
        let votes: Vec<Vote> = deciding.iter().map(|p| vote(p)).collect();
        let refs: Vec<&Vote> = votes.iter().collect();
        let latest = if refs.is_empty() {
            NOT_ASKED.to_string()
        } else {
            tally::resolve(&refs, default).0
        };
        return (latest, Vec::new());
    }
    // Points: the positions of one date, one label each.
    let mut points: Vec<(String, &Position)> = Vec::new();
    let mut i = 0;
    while i < labelled.len() {
        let date = &labelled[i].date;
        let j = labelled[i..]
            .iter()
            .position(|p| &p.date != date)
            .map_or(labelled.len(), |k| i + k);
        let group = &labelled[i..j];
        let votes: Vec<Vote> = group.iter().map(|p| vote(p)).collect();
        let refs: Vec<&Vote> = votes.iter().collect();
        let label = tally::resolve(&refs, default).0;
        let first = group
            .iter()
            .find(|p| p.label == label)
            .copied()
            .unwrap_or(group[0]);
        points.push((label, first));
        i = j;
    }
    let changes = points
        .windows(2)
        .filter(|w| w[0].0 != w[1].0)
        .map(|w| Change {
            from: w[0].0.clone(),
            to: w[1].0.clone(),
            from_id: w[0].1.id.clone(),
            to_id: w[1].1.id.clone(),
            from_date: w[0].1.date.clone(),
            to_date: w[1].1.date.clone(),
        })
        .collect();
    let latest = points.last().map(|p| p.0.clone()).unwrap_or_default();
    (latest, changes)
}

/// Each State's positions on `question` across `docs` (see the module
/// documentation), with its votes when `votes` is given.
pub fn positions(
    docs: &[Labelled],
    question: &str,
    options: &Options,
    votes: Option<&Votes>,
) -> Positions {
    let all_labels = tally::labels(docs, question);
    let default = default_label(&all_labels);
    let wanted: BTreeSet<String> = options
        .states
        .iter()
        .map(|s| s.trim().to_ascii_uppercase())
        .filter(|s| !s.is_empty())
        .collect();

    let mut summary = Summary {
        documents: docs.len(),
        policy: options.policy,
        skip_silent: options.skip_silent,
        silent: 0,
        member_states: 0,
        observer_states: 0,
        other_states: 0,
        single_position: 0,
        unchanged: 0,
        changed: 0,
        changes: 0,
        latest: Vec::new(),
        undated: Vec::new(),
        bad_dates: Vec::new(),
        left_out: Vec::new(),
        group_only: Vec::new(),
        not_covered: Vec::new(),
        votes: Vec::new(),
    };
    let mut by_state: BTreeMap<String, Vec<Position>> = BTreeMap::new();
    let mut names: BTreeMap<String, (Option<String>, String)> = BTreeMap::new();
    for d in docs {
        let date = d
            .meta
            .date
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let date = match date {
            Some(s) if valid_date(s) => Some(s.to_string()),
            Some(s) => {
                summary.bad_dates.push((d.meta.id.clone(), s.to_string()));
                None
            }
            None => None,
        };
        if date.is_none() {
            summary.undated.push(d.meta.id.clone());
        }
        if is_silent(d, question) {
            summary.silent += 1;
            if options.skip_silent {
                continue;
            }
        }
        let label = answer(d, question).to_string();
        let confidence = match (d.status, d.questions.get(question)) {
            (Status::Ok, Some(r)) => Some(r.confidence),
            _ => None,
        };
        let position = |via: Tier, group: Option<String>| Position {
            date: date.clone(),
            id: d.meta.id.clone(),
            forum: d.meta.forum.clone(),
            label: label.clone(),
            confidence,
            via,
            group,
        };
        match coverage(d) {
            Coverage::Own(s) => {
                if let Some(n) = d.meta.actor_name.as_deref().map(str::trim) {
                    let key = date.clone().unwrap_or_default();
                    let entry = names.entry(s.clone()).or_insert((None, String::new()));
                    if !n.is_empty() && (entry.0.is_none() || key >= entry.1) {
                        *entry = (Some(n.to_string()), key);
                    }
                }
                by_state
                    .entry(s)
                    .or_default()
                    .push(position(Tier::Own, None));
            }
            Coverage::Group(members) => {
                for s in members {
                    by_state
                        .entry(s)
                        .or_default()
                        .push(position(Tier::Group, Some(d.meta.actor.clone())));
                }
            }
            Coverage::None => summary.left_out.push(LeftOut {
                id: d.meta.id.clone(),
                actor_kind: d.meta.actor_kind.clone(),
            }),
        }
    }
    summary.undated.sort();
    summary.bad_dates.sort();
    summary.left_out.sort_by(|a, b| a.id.cmp(&b.id));

    let vote_ids: Vec<String> = votes
        .map(|v| v.votes.iter().map(|i| i.vote_id.clone()).collect())
        .unwrap_or_default();
    let mut states = Vec::new();
    for (state, mut ps) in by_state {
        if !wanted.is_empty() && !wanted.contains(&state) {
            continue;
        }
        if options.policy == Policy::OwnOnly {
            ps.retain(|p| p.via == Tier::Own);
            if ps.is_empty() {
                summary.group_only.push(state);
                continue;
            }
        }
        ps.sort_by(|a, b| {
            (date_key(&a.date), a.via, &a.id).cmp(&(date_key(&b.date), b.via, &b.id))
        });
        let (latest, changes) = timeline(&ps, options.policy, default);
        let name = names
            .get(&state)
            .and_then(|n| n.0.clone())
            .or_else(|| un_name(&state).map(String::from));
        let votes = match votes {
            Some(v) => vote_ids
                .iter()
                .map(|id| (id.clone(), v.of(id, &state).to_string()))
                .collect(),
            None => Vec::new(),
        };
        states.push(StatePositions {
            un_status: un::classify_code(&state),
            state,
            name,
            positions: ps,
            latest,
            changes,
            votes,
        });
    }
    summary.not_covered = wanted
        .iter()
        .filter(|w| !states.iter().any(|s| &s.state == *w) && !summary.group_only.contains(w))
        .cloned()
        .collect();

    // Counts.
    let mut latest_labels: Vec<String> = all_labels
        .iter()
        .filter(|l| !is_special(l))
        .cloned()
        .collect();
    for s in &states {
        match s.un_status {
            Membership::Member => summary.member_states += 1,
            Membership::Observer => summary.observer_states += 1,
            Membership::Other => summary.other_states += 1,
        }
        if s.positions.len() == 1 {
            summary.single_position += 1;
        } else if s.changes.is_empty() {
            summary.unchanged += 1;
        } else {
            summary.changed += 1;
        }
        summary.changes += s.changes.len();
        if !latest_labels.contains(&s.latest) {
            latest_labels.push(s.latest.clone());
        }
    }
    summary.latest = latest_labels
        .iter()
        .map(|l| (l.clone(), states.iter().filter(|s| &s.latest == l).count()))
        .collect();

    // Cross-tables.
    if let Some(v) = votes {
        let listed: BTreeSet<&str> = states.iter().map(|s| s.state.as_str()).collect();
        let unlisted: Vec<&str> = v
            .states()
            .into_iter()
            .filter(|s| !listed.contains(s))
            .filter(|s| wanted.is_empty() || wanted.contains(*s))
            .collect();
        for info in &v.votes {
            let column = |vote: &str| VOTE_COLUMNS.iter().position(|c| *c == vote).unwrap_or(4);
            let rows = latest_labels
                .iter()
                .map(|l| {
                    let mut cells = vec![Vec::new(); VOTE_COLUMNS.len()];
                    for s in states.iter().filter(|s| &s.latest == l) {
                        cells[column(v.of(&info.vote_id, &s.state))].push(s.state.clone());
                    }
                    (l.clone(), cells)
                })
                .collect();
            let mut no_position = vec![Vec::new(); VOTE_COLUMNS.len()];
            for s in &unlisted {
                no_position[column(v.of(&info.vote_id, s))].push(s.to_string());
            }
            summary.votes.push(CrossTable {
                vote: info.clone(),
                rows,
                no_position,
            });
        }
    }

    Positions {
        question: question.to_string(),
        states,
        summary,
        vote_ids,
    }
}

/// Reads several `stancer classify` outputs (JSON or JSON Lines) into one
/// list of documents, in order. A document id found in two files (or twice
/// in one) is an error naming both places.
pub fn read_files(paths: &[PathBuf]) -> Result<Vec<Labelled>> {
    let mut docs = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, path) in paths.iter().enumerate() {
        let file = crate::export::read_labelled(path)?;
        for d in file.documents {
            if let Some(&j) = seen.get(&d.meta.id) {
                return Err(Error::input(
                    path,
                    None,
                    format!(
                        "document id `{}` is also in {}: every document must appear once",
                        d.meta.id,
                        paths[j].display()
                    ),
                ));
            }
            seen.insert(d.meta.id.clone(), i);
            docs.push(d);
        }
    }
    Ok(docs)
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

/// Pairs serialised as a JSON object, in order.
struct Pairs<'a, T>(&'a [(String, T)]);

impl<T: Serialize> Serialize for Pairs<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// `{"state", "name", "un_status", "positions": [{"date", "id", "forum",
/// "label", "confidence", "via", "group"}], "latest", "changes": [{"from",
/// "to", "from_id", "to_id", "from_date", "to_date"}], "votes": {vote_id: vote}}`.
impl Serialize for StatePositions {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(7))?;
        m.serialize_entry("state", &self.state)?;
        m.serialize_entry("name", &self.name)?;
        m.serialize_entry("un_status", un_status_name(self.un_status))?;
        m.serialize_entry("positions", &self.positions)?;
        m.serialize_entry("latest", &self.latest)?;
        m.serialize_entry("changes", &self.changes)?;
        m.serialize_entry("votes", &Pairs(&self.votes))?;
        m.end()
    }
}

/// Owned pairs serialised as a JSON object, in order.
struct OwnedPairs<T>(Vec<(String, T)>);

impl<T: Serialize> Serialize for OwnedPairs<T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        Pairs(&self.0).serialize(s)
    }
}

/// `{"vote_id", "date", "body", "symbol", "counts": {label: {vote: n}},
/// "states": {label: {vote: [ISO3]}}, "no_position": {vote: [ISO3]}}`, votes
/// in the order of [`VOTE_COLUMNS`].
impl Serialize for CrossTable {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let cells = |row: &[Vec<String>]| {
            OwnedPairs(
                VOTE_COLUMNS
                    .iter()
                    .zip(row)
                    .map(|(c, v)| (c.to_string(), v.clone()))
                    .collect(),
            )
        };
        let counts = |row: &[Vec<String>]| {
            OwnedPairs(
                VOTE_COLUMNS
                    .iter()
                    .zip(row)
                    .map(|(c, v)| (c.to_string(), v.len()))
                    .collect(),
            )
        };
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("vote_id", &self.vote.vote_id)?;
        m.serialize_entry("date", &self.vote.date)?;
        m.serialize_entry("body", &self.vote.body)?;
        m.serialize_entry("symbol", &self.vote.symbol)?;
        let count_rows: Vec<(String, _)> = self
            .rows
            .iter()
            .map(|(l, r)| (l.clone(), counts(r)))
            .collect();
        m.serialize_entry("counts", &Pairs(&count_rows))?;
        let state_rows: Vec<(String, _)> = self
            .rows
            .iter()
            .map(|(l, r)| (l.clone(), cells(r)))
            .collect();
        m.serialize_entry("states", &Pairs(&state_rows))?;
        m.serialize_entry("no_position", &cells(&self.no_position))?;
        m.end()
    }
}

impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("documents", &self.documents)?;
        m.serialize_entry("policy", self.policy.as_str())?;
        m.serialize_entry("skip_silent", &self.skip_silent)?;
        m.serialize_entry("silent", &self.silent)?;
        m.serialize_entry(
            "states",
            &(self.member_states + self.observer_states + self.other_states),
        )?;
        m.serialize_entry("member_states", &self.member_states)?;
        m.serialize_entry("observer_states", &self.observer_states)?;
        m.serialize_entry("other_states", &self.other_states)?;
        m.serialize_entry("single_position", &self.single_position)?;
        m.serialize_entry("unchanged", &self.unchanged)?;
        m.serialize_entry("changed", &self.changed)?;
        m.serialize_entry("changes", &self.changes)?;
        m.serialize_entry("latest", &Pairs(&self.latest))?;
        m.serialize_entry("undated", &self.undated)?;
        let bad: Vec<serde_json::Value> = self
            .bad_dates
            .iter()
            .map(|(id, date)| serde_json::json!({"id": id, "date": date}))
            .collect();
        m.serialize_entry("bad_dates", &bad)?;
        m.serialize_entry("left_out", &self.left_out)?;
        m.serialize_entry("group_only", &self.group_only)?;
        m.serialize_entry("not_covered", &self.not_covered)?;
        m.serialize_entry("votes", &self.votes)?;
        m.end()
    }
}

/// `{"question": Q, "states": [...], "summary": {...}}` (see the
/// `Serialize` of [`StatePositions`] and [`Summary`]).
impl Serialize for Positions {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("question", &self.question)?;
        m.serialize_entry("states", &self.states)?;
        m.serialize_entry("summary", &self.summary)?;
        m.end()
    }
}

/// Writes the positions as pretty-printed JSON.
pub fn write_json(p: &Positions, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, p)?;
    out.write_all(b"\n")
}

/// The first columns of [`write_csv`]; one column per vote id follows.
pub const CSV_HEADER: [&str; 13] = [
    "question",
    "state",
    "name",
    "un_status",
    "date",
    "id",
    "forum",
    "label",
    "confidence",
    "via",
    "group",
    "latest",
    "changes",
];

/// Writes one CSV row per State and position ([`CSV_HEADER`], then one column
/// per recorded vote with the State's vote). `latest` and `changes` (the
/// number of changes) repeat on each row of a State; an undated position has
/// an empty `date`. With `safe`, cells a spreadsheet would run as formulas
/// get a leading `'`.
pub fn write_csv(p: &Positions, out: &mut dyn Write, safe: bool) -> std::io::Result<()> {
    let cell = |s: &str| crate::export::csv_cell(s, safe);
    let mut w = csv::Writer::from_writer(out);
    let header: Vec<String> = CSV_HEADER
        .iter()
        .map(|h| h.to_string())
        .chain(p.vote_ids.iter().map(|v| cell(v)))
        .collect();
    w.write_record(&header)?;
    for s in &p.states {
        for pos in &s.positions {
            let mut row = vec![
                cell(&p.question),
                cell(&s.state),
                cell(s.name.as_deref().unwrap_or("")),
                un_status_name(s.un_status).to_string(),
                cell(pos.date.as_deref().unwrap_or("")),
                cell(&pos.id),
                cell(pos.forum.as_deref().unwrap_or("")),
                cell(&pos.label),
                pos.confidence.map_or(String::new(), |c| format!("{c}")),
                tier_name(pos.via).to_string(),
                cell(pos.group.as_deref().unwrap_or("")),
                cell(&s.latest),
                s.changes.len().to_string(),
            ];
            row.extend(s.votes.iter().map(|(_, v)| v.clone()));
            w.write_record(&row)?;
        }
    }
    w.flush()
}

/// `n` with a comma between thousands (`2,355`).
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn tier_name(t: Tier) -> &'static str {
    match t {
        Tier::Own => "own",
        Tier::Group => "group",
    }
}

fn date_text(d: &Option<String>) -> &str {
    d.as_deref().unwrap_or("(no date)")
}

fn membership_text(m: Membership) -> &'static str {
    match m {
        Membership::Member => "UN Member State",
        Membership::Observer => "observer State",
        Membership::Other => "neither UN Member nor observer State",
    }
}

/// Writes the positions as a table for people: per State its positions
/// (date, document, forum, label, confidence, via), latest, changes and
/// votes; then the summary; then, per vote, the cross-table of latest label
/// × vote with the States in each cell.
pub fn write_table(p: &Positions, out: &mut dyn Write) -> std::io::Result<()> {
    use tally::{plural, write_wrapped};
    let s = &p.summary;
    writeln!(
        out,
        "{}: positions of {} from {} (policy {}{})",
        p.question,
        plural(p.states.len(), "State", "States"),
        if s.documents == 1 {
            "1 document".to_string()
        } else {
            format!("{} documents", thousands(s.documents))
        },
        s.policy.as_str(),
        if s.skip_silent {
            ", documents that say nothing left out"
        } else {
            ""
        }
    )?;
    let all = p.states.iter().flat_map(|s| &s.positions);
    let (mut wd, mut wi, mut wf, mut wl) = (4, 8, 5, 5);
    for pos in all {
        wd = wd.max(date_text(&pos.date).len());
        wi = wi.max(pos.id.chars().count());
        wf = wf.max(pos.forum.as_deref().unwrap_or("-").chars().count());
        wl = wl.max(pos.label.len());
    }
    for st in &p.states {
        writeln!(out)?;
        writeln!(
            out,
            "{}  {} ({})",
            st.state,
            st.name.as_deref().unwrap_or("-"),
            membership_text(st.un_status)
        )?;
        for pos in &st.positions {
            // A group's actor is shown when it is not the document id already shown.
            let via = match &pos.group {
                Some(g) if *g != pos.id => format!("group {g}"),
                _ => tier_name(pos.via).to_string(),
            };
            let conf = pos
                .confidence
                .map_or("-".to_string(), |c| format!("{c:.2}"));
            writeln!(
                out,
                "  {:wd$}  {:wi$}  {:wf$}  {:wl$}  {:>4}  {via}",
                date_text(&pos.date),
                pos.id,
                pos.forum.as_deref().unwrap_or("-"),
                pos.label,
                conf
            )?;
        }
        match st.changes.len() {
            0 => writeln!(out, "  latest: {}; no change", st.latest)?,
            n => {
                writeln!(
                    out,
                    "  latest: {}; {}:",
                    st.latest,
                    plural(n, "change", "changes")
                )?;
                for c in &st.changes {
                    writeln!(
                        out,
                        "    {} → {}: {} ({}) → {} ({})",
                        c.from,
                        c.to,
                        c.from_id,
                        date_text(&c.from_date),
                        c.to_id,
                        date_text(&c.to_date)
                    )?;
                }
            }
        }
        if !st.votes.is_empty() {
            let v: Vec<String> = st.votes.iter().map(|(id, v)| format!("{id} {v}")).collect();
            writeln!(out, "  votes: {}", v.join(", "))?;
        }
    }

    writeln!(out)?;
    writeln!(out, "summary")?;
    writeln!(
        out,
        "  States: {} ({}, {}, {} other)",
        p.states.len(),
        plural(s.member_states, "UN Member State", "UN Member States"),
        plural(s.observer_states, "observer State", "observer States"),
        s.other_states
    )?;
    writeln!(
        out,
        "  a single position: {}; several, never changed: {}; changed: {} ({})",
        s.single_position,
        s.unchanged,
        s.changed,
        plural(s.changes, "change", "changes")
    )?;
    let latest: Vec<String> = s.latest.iter().map(|(l, n)| format!("{l} {n}")).collect();
    writeln!(out, "  latest: {}", latest.join(", "))?;
    writeln!(
        out,
        "  documents that say nothing on {}: {}{}",
        p.question,
        thousands(s.silent),
        if s.skip_silent {
            " (left out)"
        } else {
            " (kept; --skip-silent leaves them out)"
        }
    )?;
    if s.undated.is_empty() {
        writeln!(out, "  documents without a date: none")?;
    } else {
        writeln!(
            out,
            "  documents without a date, sorted last: {}",
            s.undated.len()
        )?;
        write_wrapped(out, 4, s.undated.iter().cloned())?;
    }
    if !s.bad_dates.is_empty() {
        writeln!(
            out,
            "  dates in no known form (YYYY-MM-DD, YYYY), read as no date: {}",
            s.bad_dates.len()
        )?;
        write_wrapped(
            out,
            4,
            s.bad_dates.iter().map(|(id, d)| format!("{id} ({d})")),
        )?;
    }
    writeln!(out, "  documents that cover no State: {}", s.left_out.len())?;
    write_wrapped(
        out,
        4,
        s.left_out.iter().map(|l| {
            format!(
                "{} ({})",
                l.id,
                l.actor_kind.as_deref().unwrap_or("no actor_kind")
            )
        }),
    )?;
    if s.policy == Policy::OwnOnly {
        writeln!(
            out,
            "  left out: {} covered only by groups",
            plural(s.group_only.len(), "State", "States")
        )?;
        write_wrapped(out, 4, s.group_only.iter().cloned())?;
    }
    if !s.not_covered.is_empty() {
        writeln!(out, "  asked for but covered by no document:")?;
        write_wrapped(out, 4, s.not_covered.iter().cloned())?;
    }

    for t in &s.votes {
        writeln!(out)?;
        let about: Vec<&str> = [&t.vote.body, &t.vote.date, &t.vote.symbol]
            .into_iter()
            .filter_map(|x| x.as_deref())
            .collect();
        writeln!(
            out,
            "{} ({}): latest {} label × vote",
            t.vote.vote_id,
            about.join(", "),
            p.question
        )?;
        let no_pos = "(no position)";
        let lw = t
            .rows
            .iter()
            .map(|(l, _)| l.len())
            .chain([no_pos.len()])
            .max()
            .unwrap_or(0)
            + 2;
        write!(out, "  {:lw$}", "label")?;
        for c in VOTE_COLUMNS {
            write!(out, "{c:>6}")?;
        }
        writeln!(out)?;
        let rows = t
            .rows
            .iter()
            .map(|(l, r)| (l.as_str(), r))
            .chain([(no_pos, &t.no_position)]);
        for (l, r) in rows.clone() {
            write!(out, "  {l:lw$}")?;
            for cell in r {
                write!(out, "{:>6}", cell.len())?;
            }
            writeln!(out)?;
        }
        for (l, r) in rows {
            for (c, cell) in VOTE_COLUMNS.iter().zip(r) {
                if cell.is_empty() {
                    continue;
                }
                writeln!(out, "  {l} × {c} ({}):", cell.len())?;
                write_wrapped(out, 4, cell.iter().cloned())?;
            }
        }
    }
    Ok(())
}

/// The UN's short name of a Member or observer State (`None` for another code).
pub fn un_name(code: &str) -> Option<&'static str> {
    if let Ok(i) = un::MEMBER_STATES.binary_search(&code) {
        return Some(MEMBER_NAMES[i]);
    }
    match code {
        "PSE" => Some("State of Palestine"),
        "VAT" => Some("Holy See"),
        _ => None,
    }
}

/// The names of [`un::MEMBER_STATES`], in the same order.
const MEMBER_NAMES: [&str; 193] = [
    "Afghanistan",
    "Angola",
    "Albania",
    "Andorra",
    "United Arab Emirates",
    "Argentina",
    "Armenia",
    "Antigua and Barbuda",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Burundi",
    "Belgium",
    "Benin",
    "Burkina Faso",
    "Bangladesh",
    "Bulgaria",
    "Bahrain",
    "Bahamas",
    "Bosnia and Herzegovina",
    "Belarus",
    "Belize",
    "Bolivia (Plurinational State of)",
    "Brazil",
    "Barbados",
    "Brunei Darussalam",
    "Bhutan",
    "Botswana",
    "Central African Republic",
    "Canada",
    "Switzerland",
    "Chile",
    "China",
    "Côte d'Ivoire",
    "Cameroon",
    "Democratic Republic of the Congo",
    "Congo",
    "Colombia",
    "Comoros",
    "Cabo Verde",
    "Costa Rica",
    "Cuba",
    "Cyprus",
    "Czechia",
    "Germany",
    "Djibouti",
    "Dominica",
    "Denmark",
    "Dominican Republic",
    "Algeria",
    "Ecuador",
    "Egypt",
    "Eritrea",
    "Spain",
    "Estonia",
    "Ethiopia",
    "Finland",
    "Fiji",
    "France",
    "Micronesia (Federated States of)",
    "Gabon",
    "United Kingdom of Great Britain and Northern Ireland",
    "Georgia",
    "Ghana",
    "Guinea",
    "Gambia",
    "Guinea-Bissau",
    "Equatorial Guinea",
    "Greece",
    "Grenada",
    "Guatemala",
    "Guyana",
    "Honduras",
    "Croatia",
    "Haiti",
    "Hungary",
    "Indonesia",
    "India",
    "Ireland",
    "Iran (Islamic Republic of)",
    "Iraq",
    "Iceland",
    "Israel",
    "Italy",
    "Jamaica",
    "Jordan",
    "Japan",
    "Kazakhstan",
    "Kenya",
    "Kyrgyzstan",
    "Cambodia",
    "Kiribati",
    "Saint Kitts and Nevis",
    "Republic of Korea",
    "Kuwait",
    "Lao People's Democratic Republic",
    "Lebanon",
    "Liberia",
    "Libya",
    "Saint Lucia",
    "Liechtenstein",
    "Sri Lanka",
    "Lesotho",
    "Lithuania",
    "Luxembourg",
    "Latvia",
    "Morocco",
    "Monaco",
    "Republic of Moldova",
    "Madagascar",
    "Maldives",
    "Mexico",
    "Marshall Islands",
    "North Macedonia",
    "Mali",
    "Malta",
    "Myanmar",
    "Montenegro",
    "Mongolia",
    "Mozambique",
    "Mauritania",
    "Mauritius",
    "Malawi",
    "Malaysia",
    "Namibia",
    "Niger",
    "Nigeria",
    "Nicaragua",
    "Netherlands (Kingdom of the)",
    "Norway",
    "Nepal",
    "Nauru",
    "New Zealand",
    "Oman",
    "Pakistan",
    "Panama",
    "Peru",
    "Philippines",
    "Palau",
    "Papua New Guinea",
    "Poland",
    "Democratic People's Republic of Korea",
    "Portugal",
    "Paraguay",
    "Qatar",
    "Romania",
    "Russian Federation",
    "Rwanda",
    "Saudi Arabia",
    "Sudan",
    "Senegal",
    "Singapore",
    "Solomon Islands",
    "Sierra Leone",
    "El Salvador",
    "San Marino",
    "Somalia",
    "Serbia",
    "South Sudan",
    "Sao Tome and Principe",
    "Suriname",
    "Slovakia",
    "Slovenia",
    "Sweden",
    "Eswatini",
    "Seychelles",
    "Syrian Arab Republic",
    "Chad",
    "Togo",
    "Thailand",
    "Tajikistan",
    "Turkmenistan",
    "Timor-Leste",
    "Tonga",
    "Trinidad and Tobago",
    "Tunisia",
    "Türkiye",
    "Tuvalu",
    "United Republic of Tanzania",
    "Uganda",
    "Ukraine",
    "Uruguay",
    "United States of America",
    "Uzbekistan",
    "Saint Vincent and the Grenadines",
    "Venezuela (Bolivarian Republic of)",
    "Viet Nam",
    "Vanuatu",
    "Samoa",
    "Yemen",
    "South Africa",
    "Zambia",
    "Zimbabwe",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_line_up_with_codes() {
        for (code, name) in [
            ("AFG", "Afghanistan"),
            ("CIV", "Côte d'Ivoire"),
            ("FSM", "Micronesia (Federated States of)"),
            (
                "GBR",
                "United Kingdom of Great Britain and Northern Ireland",
            ),
            ("KIR", "Kiribati"),
            ("MLT", "Malta"),
            ("NZL", "New Zealand"),
            ("PRK", "Democratic People's Republic of Korea"),
            ("SWZ", "Eswatini"),
            ("TUR", "Türkiye"),
            ("ZWE", "Zimbabwe"),
            ("PSE", "State of Palestine"),
            ("VAT", "Holy See"),
        ] {
            assert_eq!(un_name(code), Some(name), "{code}");
        }
        assert_eq!(un_name("QZT"), None);
    }

    #[test]
    fn thousands_separator() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(2355), "2,355");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn dates() {
        for d in ["2024", "2024-05", "2024-05-24", "1999-12-31"] {
            assert!(valid_date(d), "{d}");
        }
        for d in [
            "",
            "24",
            "2024-5-24",
            "2024-13-01",
            "2024-05-32",
            "May 2024",
            "2024-05-24T10",
        ] {
            assert!(!valid_date(d), "{d}");
        }
    }
}
