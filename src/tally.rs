//! Counts of labels per question, by submission or by State.
//!
//! A [`Tally`] answers, for one question, "how many submissions (or States)
//! got each label, and which ones?".
//!
//! ## Buckets
//! The buckets are the question's labels, in the order they first appear in
//! the documents' `scores` objects (the lexicon's order), then
//! [`UNSUPPORTED_LANGUAGE`] (always present: documents that no lexicon could
//! read are never counted as undecided), then [`NOT_ASKED`] (only when some
//! classified document has no answer to the question, which happens when
//! lexicons of different languages ask different questions). Every bucket's
//! ids are sorted; the counts add up to the total.
//!
//! ## By State
//! With [`By::State`] every submission is turned into the States it covers
//! (see [`Coverage`]): a `state` or `observer_state` submission covers its
//! `actor`; a `group` or `regional_org` submission covers each of its
//! `members`; any other submission (`civil_society`, `icrc`, no `actor_kind`)
//! covers no State and is listed in [`StateTally::left_out`]. Codes are
//! compared in upper case. Each State then gets one label by [`Policy`]:
//!
//! * [`Policy::Own`] (default): the State's own submissions decide; a State
//!   without one gets its groups' label.
//! * [`Policy::Group`]: its groups' submissions decide; a State in no group
//!   gets its own label.
//! * [`Policy::OwnOnly`]: only own submissions count; States covered only by
//!   groups are left out ([`StateTally::group_only`]).
//!
//! The deciding submissions give their label when they agree; when they
//! disagree, the label most of them gave; on a tie, the question's default
//! label ([`default_label`]: `undecided` / `unspecified`). Submissions whose
//! language could not be read take part only when no deciding submission has a
//! label, and then the State goes to [`UNSUPPORTED_LANGUAGE`]. Every State
//! whose covering submissions (those the policy looks at) do not all give the
//! same label is listed as a [`Conflict`].
//!
//! States are counted in three sets ([`crate::un`]): UN Member States,
//! observer States (PSE, VAT), and other codes, which are neither (fictional
//! States, territories, typos).
//!
//! ## Flagged documents
//! With [`Options::flagged`], each tally also lists the documents whose answer
//! to the question is flagged `needs_review` ([`Tally::flagged`]: id, actor,
//! label and the [`Reason`]s, sorted by id), whether the tally counts
//! submissions or States: a flag belongs to a submission's label.
//!
//! ## Adjusted counts
//! [`adjust()`] corrects each tally for the classifier's measured error, from an
//! evaluation (`stancer eval --format json`): see [`crate::adjust`]. The
//! `write_*_adjusted` writers show raw and adjusted counts side by side; the
//! plain writers' output does not change.
//!
//! ```
//! use stancer::classify::{Labelled, QuestionResult, Questions, Scores, Status};
//! use stancer::corpus::DocMeta;
//! use stancer::tally::{tally, By, Options, Policy};
//!
//! fn doc(id: &str, kind: &str, members: &[&str], label: &str) -> Labelled {
//!     let scores = ["support", "oppose", "undecided"].map(|l| (l.to_string(), 0.0));
//!     Labelled {
//!         meta: DocMeta {
//!             id: id.into(),
//!             actor: id.into(),
//!             actor_kind: Some(kind.into()),
//!             members: members.iter().map(|m| m.to_string()).collect(),
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
//!                 score: 0.0,
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
//! let docs = [doc("AUT", "state", &[], "support"), doc("G", "group", &["AUT", "BEL"], "oppose")];
//! let options = Options { by: By::State, policy: Policy::Own, question: None, flagged: false };
//! let t = &tally(&docs, &options)[0];
//! assert_eq!(t.total, 2);
//! assert_eq!(t.bucket("support").unwrap().ids, ["AUT"]);
//! assert_eq!(t.bucket("oppose").unwrap().ids, ["BEL"]);
//! assert_eq!(t.states.as_ref().unwrap().conflicts[0].state, "AUT");
//!
//! // A question the documents do not answer is an error that lists theirs.
//! let known = stancer::tally::questions(&docs);
//! assert!(stancer::tally::check_question(&known, "instrument").is_ok());
//! let e = stancer::tally::check_question(&known, "forum").unwrap_err();
//! assert_eq!(e.to_string(), "no question `forum` in these documents (questions: instrument)");
//! assert!(stancer::tally::check_question(&[], "forum").is_ok());
//! ```

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::adjust::{self, Adjustment, EvalFile, Options as AdjustOptions};
use crate::classify::{Labelled, Status};
use crate::error::{Error, Result};
use crate::review::Reason;
use crate::un::{self, Membership};

/// The bucket of documents that no lexicon could read.
pub const UNSUPPORTED_LANGUAGE: &str = "unsupported_language";

/// The bucket of classified documents that have no answer to the question.
pub const NOT_ASKED: &str = "not_asked";

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    /// Each submission once.
    #[default]
    Submission,
    /// Each State once, group submissions expanded to their members.
    State,
}

impl By {
    /// The name used in the output: `submission` or `state`.
    pub fn as_str(self) -> &'static str {
        match self {
            By::Submission => "submission",
            By::State => "state",
        }
    }
}

/// How a State covered by several submissions gets one label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Policy {
    /// Its own submissions win; otherwise its groups'.
    #[default]
    Own,
    /// Its groups' submissions win; otherwise its own.
    Group,
    /// Only its own submissions; States covered only by groups are left out.
    OwnOnly,
}

impl Policy {
    /// The name used in the output: `own`, `group` or `own-only`.
    pub fn as_str(self) -> &'static str {
        match self {
            Policy::Own => "own",
            Policy::Group => "group",
            Policy::OwnOnly => "own-only",
        }
    }
}

/// What to tally.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Only this question (`None`: every question, in the file's order).
    pub question: Option<String>,
    /// Submissions or States.
    pub by: By,
    /// With [`By::State`]: how a State covered by several submissions gets one label.
    pub policy: Policy,
    /// Also list the documents whose answer is flagged `needs_review` ([`Tally::flagged`]).
    pub flagged: bool,
}

/// The States a submission covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// A `state` or `observer_state` submission: its actor (upper case).
    Own(String),
    /// A `group` or `regional_org` submission: its members (upper case, sorted, without repeats).
    Group(Vec<String>),
    /// Any other submission, or a group without members: no State.
    None,
}

fn code(s: &str) -> String {
    s.trim().to_ascii_uppercase()
}

/// The States `doc` covers, from its `actor_kind`, `actor` and `members`.
pub fn coverage(doc: &Labelled) -> Coverage {
    let kind = doc.meta.actor_kind.as_deref().map(str::trim);
    match kind {
        Some(k) if k.eq_ignore_ascii_case("state") || k.eq_ignore_ascii_case("observer_state") => {
            let actor = code(&doc.meta.actor);
            if actor.is_empty() {
                Coverage::None
            } else {
                Coverage::Own(actor)
            }
        }
        Some(k) if k.eq_ignore_ascii_case("group") || k.eq_ignore_ascii_case("regional_org") => {
            let mut members: Vec<String> = doc
                .meta
                .members
                .iter()
                .map(|m| code(m))
                .filter(|m| !m.is_empty())
                .collect();
            members.sort();
            members.dedup();
            if members.is_empty() {
                Coverage::None
            } else {
                Coverage::Group(members)
            }
        }
        _ => Coverage::None,
    }
}

/// The questions of the documents, in the order they first appear.
pub fn questions(docs: &[Labelled]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in docs {
        for (q, _) in &d.questions.0 {
            if !out.contains(q) {
                out.push(q.clone());
            }
        }
    }
    out
}

/// The labels of `question`, in the order they first appear in the
/// documents' `scores` objects (a document's `label` missing from its scores
/// comes after them).
pub fn labels(docs: &[Labelled], question: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in docs {
        if let Some(r) = d.questions.get(question) {
            for l in r.scores.0.iter().map(|(l, _)| l).chain([&r.label]) {
                if !out.contains(l) {
                    out.push(l.clone());
                }
            }
        }
    }
    out
}

/// The default label among `labels`: the one named `undecided` or
/// `unspecified`, or else the last one (`None` when there is none).
pub fn default_label(labels: &[String]) -> Option<&str> {
    labels
        .iter()
        .find(|l| *l == "undecided" || *l == "unspecified")
        .or(labels.last())
        .map(String::as_str)
}

/// What one document says on `question`: its label, [`UNSUPPORTED_LANGUAGE`]
/// or [`NOT_ASKED`].
pub fn answer<'a>(doc: &'a Labelled, question: &str) -> &'a str {
    match doc.status {
        Status::UnsupportedLanguage => UNSUPPORTED_LANGUAGE,
        Status::Ok => doc
            .questions
            .get(question)
            .map_or(NOT_ASKED, |r| r.label.as_str()),
    }
}

fn is_special(label: &str) -> bool {
    label == UNSUPPORTED_LANGUAGE || label == NOT_ASKED
}

/// One bucket of a tally: a label and who got it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    /// The label, [`UNSUPPORTED_LANGUAGE`] or [`NOT_ASKED`].
    pub label: String,
    /// Submission ids (by submission) or State codes (by State), sorted.
    pub ids: Vec<String>,
}

impl Bucket {
    /// How many.
    pub fn count(&self) -> usize {
        self.ids.len()
    }
}

/// Whether a submission covers a State as its own or as a group's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// The State's own submission (`state`, `observer_state`).
    Own,
    /// A group's or regional organisation's submission.
    Group,
}

/// How the deciding submissions gave a State its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// They all gave this label (or there was one).
    Unanimous,
    /// They disagreed; most gave this label.
    Majority,
    /// They disagreed with no majority: the question's default label.
    TieDefault,
}

/// One submission covering a State, and its label.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Vote {
    /// The submission id.
    pub id: String,
    /// Own or group submission.
    pub coverage: Tier,
    /// Its label (or [`UNSUPPORTED_LANGUAGE`], [`NOT_ASKED`]).
    pub label: String,
}

/// A State whose covering submissions disagree.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Conflict {
    /// The State (ISO3).
    pub state: String,
    /// The label it got.
    pub label: String,
    /// Which submissions decided.
    pub from: Tier,
    /// How they decided.
    pub rule: Rule,
    /// Every submission the policy looked at: own ones first, then by id.
    pub submissions: Vec<Vote>,
}

/// A submission that covers no State.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LeftOut {
    /// The submission id.
    pub id: String,
    /// Its `actor_kind` (`civil_society`, `icrc`, …; `null` when absent).
    pub actor_kind: Option<String>,
}

/// What a tally by State adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateTally {
    /// The policy used.
    pub policy: Policy,
    /// The UN Member States counted, sorted.
    pub member_states: Vec<String>,
    /// The observer States counted (PSE, VAT), sorted.
    pub observer_states: Vec<String>,
    /// The codes counted that are neither, sorted.
    pub other_states: Vec<String>,
    /// Submissions that cover no State, by id.
    pub left_out: Vec<LeftOut>,
    /// With [`Policy::OwnOnly`]: States covered only by groups, not counted.
    pub group_only: Vec<String>,
    /// States whose covering submissions disagree, by State.
    pub conflicts: Vec<Conflict>,
}

/// The counts of one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// The question id.
    pub question: String,
    /// Submissions or States.
    pub by: By,
    /// How many submissions or States were counted (the sum of the buckets).
    pub total: usize,
    /// Labels in order, then [`UNSUPPORTED_LANGUAGE`], then [`NOT_ASKED`] when not empty.
    pub buckets: Vec<Bucket>,
    /// With [`By::State`]: the States' sets, left-out submissions, conflicts.
    pub states: Option<StateTally>,
    /// With [`Options::flagged`]: the documents whose answer is flagged
    /// `needs_review`, sorted by id (`None` when not asked for).
    pub flagged: Option<Vec<Flagged>>,
}

/// A document whose answer to a question is flagged `needs_review`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Flagged {
    /// The submission id.
    pub id: String,
    /// Its actor.
    pub actor: String,
    /// Its label for the question.
    pub label: String,
    /// Why the label should be checked (may be empty in a hand-edited file).
    pub reasons: Vec<Reason>,
}

impl Flagged {
    /// The reasons' names joined with `;` (as in the table and CSV output).
    pub fn reasons_joined(&self) -> String {
        let names: Vec<&str> = self.reasons.iter().map(|r| r.name()).collect();
        names.join(";")
    }
}

/// The documents whose answer to `question` is flagged `needs_review`, sorted
/// by id (documents in the same order as in `docs` when ids repeat).
pub fn flagged(docs: &[Labelled], question: &str) -> Vec<Flagged> {
    let mut out: Vec<Flagged> = docs
        .iter()
        .filter(|d| d.status == Status::Ok)
        .filter_map(|d| {
            let r = d.questions.get(question)?;
            r.needs_review.then(|| Flagged {
                id: d.meta.id.clone(),
                actor: d.meta.actor.clone(),
                label: r.label.clone(),
                reasons: r.review_reasons.clone(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

impl Tally {
    /// The bucket of `label`.
    pub fn bucket(&self, label: &str) -> Option<&Bucket> {
        self.buckets.iter().find(|b| b.label == label)
    }

    /// The share of the total in `bucket`, in percent (0 when the total is 0).
    pub fn percent(&self, bucket: &Bucket) -> f64 {
        percent(bucket.count(), self.total)
    }

    /// The bucket's States split by UN membership: (Member States, observer
    /// States, other codes). All zero for a tally by submission.
    pub fn by_membership(&self, bucket: &Bucket) -> (usize, usize, usize) {
        let mut n = (0, 0, 0);
        if self.by == By::State {
            for id in &bucket.ids {
                match un::classify_code(id) {
                    Membership::Member => n.0 += 1,
                    Membership::Observer => n.1 += 1,
                    Membership::Other => n.2 += 1,
                }
            }
        }
        n
    }

    /// The word for one counted item: `submission(s)` or `State(s)`.
    pub fn unit(&self, n: usize) -> &'static str {
        match (self.by, n == 1) {
            (By::Submission, true) => "submission",
            (By::Submission, false) => "submissions",
            (By::State, true) => "State",
            (By::State, false) => "States",
        }
    }
}

fn percent(n: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        n as f64 * 100.0 / total as f64
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Empty buckets for `question`: its labels, then the special ones.
fn empty_buckets(docs: &[Labelled], question: &str) -> Vec<Bucket> {
    labels(docs, question)
        .into_iter()
        .filter(|l| !is_special(l))
        .chain([UNSUPPORTED_LANGUAGE.to_string(), NOT_ASKED.to_string()])
        .map(|label| Bucket {
            label,
            ids: Vec::new(),
        })
        .collect()
}

fn finish_buckets(mut buckets: Vec<Bucket>) -> Vec<Bucket> {
    buckets.retain(|b| b.label != NOT_ASKED || !b.ids.is_empty());
    for b in &mut buckets {
        b.ids.sort();
    }
    buckets
}

fn push(buckets: &mut [Bucket], label: &str, id: String) {
    if let Some(b) = buckets.iter_mut().find(|b| b.label == label) {
        b.ids.push(id);
    }
}

/// Tallies one question by submission.
pub fn by_submission(docs: &[Labelled], question: &str) -> Tally {
    let mut buckets = empty_buckets(docs, question);
    for d in docs {
        push(&mut buckets, answer(d, question), d.meta.id.clone());
    }
    Tally {
        question: question.to_string(),
        by: By::Submission,
        total: docs.len(),
        buckets: finish_buckets(buckets),
        states: None,
        flagged: None,
    }
}

/// One label from the deciding submissions' labels (see the module
/// documentation). `votes` is not empty.
pub(crate) fn resolve(votes: &[&Vote], default: Option<&str>) -> (String, Rule) {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for v in votes.iter().filter(|v| !is_special(&v.label)) {
        match counts.iter_mut().find(|(l, _)| *l == v.label) {
            Some((_, n)) => *n += 1,
            None => counts.push((&v.label, 1)),
        }
    }
    if counts.is_empty() {
        // No label at all: unreadable, or the question was not asked.
        let label = if votes.iter().any(|v| v.label == UNSUPPORTED_LANGUAGE) {
            UNSUPPORTED_LANGUAGE
        } else {
            NOT_ASKED
        };
        return (label.to_string(), Rule::Unanimous);
    }
    if counts.len() == 1 {
        return (counts[0].0.to_string(), Rule::Unanimous);
    }
    let max = counts.iter().map(|&(_, n)| n).max().unwrap_or(0);
    let top: Vec<&str> = counts
        .iter()
        .filter(|&&(_, n)| n == max)
        .map(|&(l, _)| l)
        .collect();
    if top.len() == 1 {
        (top[0].to_string(), Rule::Majority)
    } else {
        // A tie: the default label (present whenever there are labels).
        (default.unwrap_or(top[0]).to_string(), Rule::TieDefault)
    }
}

/// Tallies one question by State with `policy`.
pub fn by_state(docs: &[Labelled], question: &str, policy: Policy) -> Tally {
    let mut buckets = empty_buckets(docs, question);
    let all_labels = labels(docs, question);
    let default = default_label(&all_labels);

    let mut votes: BTreeMap<String, Vec<Vote>> = BTreeMap::new();
    let mut left_out = Vec::new();
    for d in docs {
        let label = answer(d, question);
        let (states, tier) = match coverage(d) {
            Coverage::Own(s) => (vec![s], Tier::Own),
            Coverage::Group(ms) => (ms, Tier::Group),
            Coverage::None => {
                left_out.push(LeftOut {
                    id: d.meta.id.clone(),
                    actor_kind: d.meta.actor_kind.clone(),
                });
                continue;
            }
        };
        for s in states {
            votes.entry(s).or_default().push(Vote {
                id: d.meta.id.clone(),
                coverage: tier,
                label: label.to_string(),
            });
        }
    }
    left_out.sort_by(|a, b| a.id.cmp(&b.id));

    let mut st = StateTally {
        policy,
        member_states: Vec::new(),
        observer_states: Vec::new(),
        other_states: Vec::new(),
        left_out,
        group_only: Vec::new(),
        conflicts: Vec::new(),
    };
    for (state, mut vs) in votes {
        vs.sort_by(|a, b| (a.coverage, &a.id).cmp(&(b.coverage, &b.id)));
        let own: Vec<&Vote> = vs.iter().filter(|v| v.coverage == Tier::Own).collect();
        let group: Vec<&Vote> = vs.iter().filter(|v| v.coverage == Tier::Group).collect();
        let (deciding, from, looked_at) = match policy {
            Policy::Own if !own.is_empty() => (&own, Tier::Own, &vs[..]),
            Policy::Own => (&group, Tier::Group, &vs[..]),
            Policy::Group if !group.is_empty() => (&group, Tier::Group, &vs[..]),
            Policy::Group => (&own, Tier::Own, &vs[..]),
            Policy::OwnOnly if !own.is_empty() => (&own, Tier::Own, &vs[..own.len()]),
            Policy::OwnOnly => {
                st.group_only.push(state);
                continue;
            }
        };
        let (label, rule) = resolve(deciding, default);
        let disagree = looked_at.iter().any(|v| v.label != looked_at[0].label);
        if disagree {
            st.conflicts.push(Conflict {
                state: state.clone(),
                label: label.clone(),
                from,
                rule,
                submissions: looked_at.to_vec(),
            });
        }
        match un::classify_code(&state) {
            Membership::Member => st.member_states.push(state.clone()),
            Membership::Observer => st.observer_states.push(state.clone()),
            Membership::Other => st.other_states.push(state.clone()),
        }
        push(&mut buckets, &label, state);
    }
    let total = st.member_states.len() + st.observer_states.len() + st.other_states.len();
    Tally {
        question: question.to_string(),
        by: By::State,
        total,
        buckets: finish_buckets(buckets),
        states: Some(st),
        flagged: None,
    }
}

/// Tallies `docs` per question: the one of `options.question`, or every
/// question of the documents in their order.
pub fn tally(docs: &[Labelled], options: &Options) -> Vec<Tally> {
    let qs = match &options.question {
        Some(q) => vec![q.clone()],
        None => questions(docs),
    };
    qs.iter()
        .map(|q| {
            let mut t = match options.by {
                By::Submission => by_submission(docs, q),
                By::State => by_state(docs, q, options.policy),
            };
            if options.flagged {
                t.flagged = Some(flagged(docs, q));
            }
            t
        })
        .collect()
}

/// Reads a `stancer classify` output (JSON or JSON Lines) and tallies it.
///
/// Errors name the file: it cannot be read, it is not a classify output, or
/// `options.question` is not one of its questions.
pub fn tally_file(path: &Path, options: &Options) -> Result<Vec<Tally>> {
    let file = crate::export::read_labelled(path)?;
    tally_checked(&file.documents, options, path)
}

/// [`tally`], after checking that `options.question` is one of the
/// documents' questions; an error names `source`, where they came from.
pub fn tally_checked(docs: &[Labelled], options: &Options, source: &Path) -> Result<Vec<Tally>> {
    if let Some(q) = &options.question {
        check_question(&questions(docs), q)
            .map_err(|e| Error::input(source, None, e.to_string()))?;
    }
    Ok(tally(docs, options))
}

/// A question asked of documents that do not answer it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no question `{question}` in these documents (questions: {})", .known.join(", "))]
pub struct UnknownQuestion {
    /// The question asked.
    pub question: String,
    /// The documents' questions, in order.
    pub known: Vec<String>,
}

/// Checks that `question` is one of `known`, the documents' [`questions`].
/// With no classified document there is nothing to check against, and any
/// passes.
pub fn check_question(
    known: &[String],
    question: &str,
) -> std::result::Result<(), UnknownQuestion> {
    if known.is_empty() || known.iter().any(|k| k == question) {
        Ok(())
    } else {
        Err(UnknownQuestion {
            question: question.to_string(),
            known: known.to_vec(),
        })
    }
}

/// A JSON object with keys in the given order.
struct Ordered<'a, T>(Vec<(&'a str, T)>);

impl<T: Serialize> Serialize for Ordered<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The JSON object of one tally:
/// `{"question", "by", "total", "counts": {label: n}, "percent": {label: x},
/// "members": {label: [ids]}}`, and by State also `"policy"`,
/// `"member_states"`, `"observer_states"`, `"other_states"` (totals),
/// `"by_membership"` (per set, `{label: n}`), `"states"` (per set, the codes),
/// `"left_out"` (submissions covering no State), `"group_only"` (States left
/// out by `own-only`) and `"conflicts"`; with [`Options::flagged`], last,
/// `"flagged"`: `[{"id", "actor", "label", "reasons": [..]}]`.
impl Serialize for Tally {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        self.serialize_entries(&mut m)?;
        m.end()
    }
}

impl Tally {
    /// The entries of the tally's JSON object (see its `Serialize`).
    fn serialize_entries<M: SerializeMap>(&self, m: &mut M) -> std::result::Result<(), M::Error> {
        m.serialize_entry("question", &self.question)?;
        m.serialize_entry("by", self.by.as_str())?;
        m.serialize_entry("total", &self.total)?;
        let each = |f: &dyn Fn(&Bucket) -> serde_json::Value| {
            Ordered(
                self.buckets
                    .iter()
                    .map(|b| (b.label.as_str(), f(b)))
                    .collect(),
            )
        };
        m.serialize_entry("counts", &each(&|b| b.count().into()))?;
        m.serialize_entry("percent", &each(&|b| round1(self.percent(b)).into()))?;
        m.serialize_entry("members", &each(&|b| b.ids.clone().into()))?;
        if let Some(st) = &self.states {
            m.serialize_entry("policy", st.policy.as_str())?;
            m.serialize_entry("member_states", &st.member_states.len())?;
            m.serialize_entry("observer_states", &st.observer_states.len())?;
            m.serialize_entry("other_states", &st.other_states.len())?;
            let split = Ordered(vec![
                ("member_states", each(&|b| self.by_membership(b).0.into())),
                ("observer_states", each(&|b| self.by_membership(b).1.into())),
                ("other_states", each(&|b| self.by_membership(b).2.into())),
            ]);
            m.serialize_entry("by_membership", &split)?;
            let sets = Ordered(vec![
                ("member_states", &st.member_states),
                ("observer_states", &st.observer_states),
                ("other_states", &st.other_states),
            ]);
            m.serialize_entry("states", &sets)?;
            m.serialize_entry("left_out", &st.left_out)?;
            m.serialize_entry("group_only", &st.group_only)?;
            m.serialize_entry("conflicts", &st.conflicts)?;
        }
        if let Some(flagged) = &self.flagged {
            m.serialize_entry("flagged", flagged)?;
        }
        Ok(())
    }
}

/// A tally with its correction: the tally's JSON object with, last, an
/// `"adjusted"` key (see [`Adjustment`]'s `Serialize`).
struct WithAdjustment<'a>(&'a Tally, Option<&'a Adjustment>);

impl Serialize for WithAdjustment<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        self.0.serialize_entries(&mut m)?;
        if let Some(a) = self.1 {
            m.serialize_entry("adjusted", a)?;
        }
        m.end()
    }
}

/// The corrections of `tallies` for the classifier's measured error, one per
/// tally, in order (see [`crate::adjust`]): each question is corrected with
/// its evaluation in `eval`.
pub fn adjust(tallies: &[Tally], eval: &EvalFile, options: &AdjustOptions) -> Vec<Adjustment> {
    tallies
        .iter()
        .map(|t| {
            let counts: Vec<(String, usize)> = t
                .buckets
                .iter()
                .map(|b| (b.label.clone(), b.count()))
                .collect();
            adjust::adjust(&t.question, &counts, eval.question(&t.question), options)
        })
        .collect()
}

/// Writes the tallies as a pretty-printed JSON array (one object per question,
/// see [`Tally`]'s `Serialize`).
pub fn write_json(tallies: &[Tally], out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, tallies)?;
    out.write_all(b"\n")
}

/// Writes the tallies as [`write_json`] does, each object with, last, its
/// correction under `"adjusted"` (`adjusted[i]` belongs to `tallies[i]`).
pub fn write_json_adjusted(
    tallies: &[Tally],
    adjusted: &[Adjustment],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let items: Vec<WithAdjustment> = tallies
        .iter()
        .enumerate()
        .map(|(i, t)| WithAdjustment(t, adjusted.get(i)))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    out.write_all(b"\n")
}

/// The CSV header of [`write_csv`].
pub const CSV_HEADER: [&str; 7] = [
    "question", "by", "label", "count", "total", "percent", "ids",
];

/// The CSV header of [`write_csv`] when the tallies list flagged documents.
pub const CSV_HEADER_FLAGGED: [&str; 10] = [
    "question", "by", "label", "count", "total", "percent", "ids", "kind", "actor", "reasons",
];

/// Writes the tallies as CSV, one row per question and bucket:
/// `question,by,label,count,total,percent,ids` (percent with one decimal, ids
/// separated by `;`).
///
/// When the tallies list flagged documents ([`Options::flagged`]), the header is
/// [`CSV_HEADER_FLAGGED`]: three more columns, `kind` (`tally` for the rows
/// above, `flagged` for the others), `actor` and `reasons`; after each
/// question's `tally` rows comes one `flagged` row per flagged document, with
/// the question, `by`, the document's label, its id in `ids`, its actor and
/// its reasons separated by `;` (`count`, `total` and `percent` empty).
///
/// With `safe`, cells that a spreadsheet would run as formulas get a leading `'`.
pub fn write_csv(tallies: &[Tally], out: &mut dyn Write, safe: bool) -> std::io::Result<()> {
    write_csv_adjusted(tallies, None, out, safe)
}

/// The columns [`write_csv_adjusted`] adds with corrections.
pub const CSV_ADJUSTED: [&str; 3] = ["adjusted", "low", "high"];

/// Writes the tallies as [`write_csv`] does; with `adjusted` (one correction
/// per tally), three more columns, [`CSV_ADJUSTED`]: each bucket's corrected
/// count and the bounds of its 95% interval (four decimals; empty when
/// nothing was corrected, and on `flagged` rows).
pub fn write_csv_adjusted(
    tallies: &[Tally],
    adjusted: Option<&[Adjustment]>,
    out: &mut dyn Write,
    safe: bool,
) -> std::io::Result<()> {
    let csv_cell = |s: &str| crate::export::csv_cell(s, safe);
    let with_flagged = tallies.iter().any(|t| t.flagged.is_some());
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<&str> = if with_flagged {
        CSV_HEADER_FLAGGED.to_vec()
    } else {
        CSV_HEADER.to_vec()
    };
    if adjusted.is_some() {
        header.extend(CSV_ADJUSTED);
    }
    w.write_record(&header)?;
    let num = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v:.4}"));
    for (i, t) in tallies.iter().enumerate() {
        let adjustment = adjusted.and_then(|a| a.get(i));
        for b in &t.buckets {
            let ids: Vec<String> = b.ids.iter().map(|i| csv_cell(i)).collect();
            let mut row = vec![
                csv_cell(&t.question),
                t.by.as_str().to_string(),
                csv_cell(&b.label),
                b.count().to_string(),
                t.total.to_string(),
                format!("{:.1}", t.percent(b)),
                ids.join(";"),
            ];
            if with_flagged {
                row.extend(["tally".to_string(), String::new(), String::new()]);
            }
            if adjusted.is_some() {
                let r = adjustment.and_then(|a| a.rows.iter().find(|r| r.label == b.label));
                row.extend([
                    num(r.and_then(|r| r.adjusted)),
                    num(r.and_then(|r| r.interval.map(|i| i[0]))),
                    num(r.and_then(|r| r.interval.map(|i| i[1]))),
                ]);
            }
            w.write_record(&row)?;
        }
        for f in t.flagged.iter().flatten() {
            let mut row = vec![
                csv_cell(&t.question),
                t.by.as_str().to_string(),
                csv_cell(&f.label),
                String::new(),
                String::new(),
                String::new(),
                csv_cell(&f.id),
                "flagged".to_string(),
                csv_cell(&f.actor),
                f.reasons_joined(),
            ];
            if adjusted.is_some() {
                row.extend([String::new(), String::new(), String::new()]);
            }
            w.write_record(&row)?;
        }
    }
    w.flush()
}

/// Writes `words` after `indent` spaces, wrapped before column `width`.
pub(crate) fn write_wrapped(
    out: &mut dyn Write,
    indent: usize,
    words: impl IntoIterator<Item = String>,
) -> std::io::Result<()> {
    const WIDTH: usize = 100;
    let mut col = 0;
    for w in words {
        if col > 0 && col + 1 + w.len() > WIDTH {
            writeln!(out)?;
            col = 0;
        }
        if col == 0 {
            write!(out, "{:indent$}{w}", "")?;
            col = indent + w.len();
        } else {
            write!(out, " {w}")?;
            col += 1 + w.len();
        }
    }
    if col > 0 {
        writeln!(out)?;
    }
    Ok(())
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Writes the tallies as a table for people: per question a heading, then per
/// bucket `label  n of total unit (x%)` and its ids; by State also the three
/// sets of States, the submissions left out and the conflicts; with
/// [`Options::flagged`], last, the flagged submissions (id, actor, label,
/// reasons joined with `;`).
pub fn write_table(tallies: &[Tally], out: &mut dyn Write) -> std::io::Result<()> {
    write_table_adjusted(tallies, None, out)
}

/// Writes the tallies as [`write_table`] does; with `adjusted` (one
/// correction per tally), each question's block ends with its correction:
/// raw and adjusted counts side by side with the 95% interval, or, when
/// nothing could be corrected, why.
pub fn write_table_adjusted(
    tallies: &[Tally],
    adjusted: Option<&[Adjustment]>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for (i, t) in tallies.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        match &t.states {
            None => writeln!(out, "{} — by submission ({})", t.question, t.total)?,
            Some(st) => writeln!(
                out,
                "{} — by State, policy {} ({}: {}, {}, {} other)",
                t.question,
                st.policy.as_str(),
                t.total,
                plural(
                    st.member_states.len(),
                    "UN Member State",
                    "UN Member States"
                ),
                plural(
                    st.observer_states.len(),
                    "observer State",
                    "observer States"
                ),
                st.other_states.len()
            )?,
        }
        let lw = t.buckets.iter().map(|b| b.label.len()).max().unwrap_or(0) + 2;
        let nw = t.total.to_string().len();
        for b in &t.buckets {
            write!(
                out,
                "  {:lw$}{:>nw$} of {} {} ({:.1}%)",
                b.label,
                b.count(),
                t.total,
                t.unit(t.total),
                t.percent(b)
            )?;
            if t.states.is_some() {
                let (m, o, x) = t.by_membership(b);
                write!(
                    out,
                    ": {}, {}, {} other",
                    plural(m, "UN Member State", "UN Member States"),
                    plural(o, "observer State", "observer States"),
                    x
                )?;
            }
            writeln!(out)?;
            write_wrapped(out, 2 + lw, b.ids.iter().cloned())?;
        }
        if let Some(st) = &t.states {
            write_states(out, st)?;
        }
        if let Some(flagged) = &t.flagged {
            write_flagged(out, flagged)?;
        }
        if let Some(a) = adjusted.and_then(|a| a.get(i)) {
            write_adjustment(out, t, a)?;
        }
    }
    Ok(())
}

/// One question's correction, raw and adjusted side by side.
fn write_adjustment(out: &mut dyn Write, t: &Tally, a: &Adjustment) -> std::io::Result<()> {
    let corrected = a.status == adjust::Status::Corrected;
    writeln!(
        out,
        "  adjusted for the classifier's measured error (adjusted classify-and-count, evaluation of {}){}",
        plural(a.eval_n, "document", "documents"),
        if corrected { "" } else { ": not corrected" }
    )?;
    let lw = a
        .rows
        .iter()
        .map(|r| r.label.len())
        .max()
        .unwrap_or(0)
        .max(5)
        + 2;
    let pct = |x: f64| percent_f(x, t.total);
    let raw: Vec<String> = a
        .rows
        .iter()
        .map(|r| format!("{} ({:.1}%)", r.raw, pct(r.raw as f64)))
        .collect();
    let adj: Vec<String> = a
        .rows
        .iter()
        .map(|r| match (r.corrected, r.adjusted) {
            (true, Some(x)) => format!("{x:.1} ({:.1}%)", pct(x)),
            (false, _) => "not corrected".to_string(),
            (true, None) => "-".to_string(),
        })
        .collect();
    let rw = raw.iter().map(String::len).max().unwrap_or(0).max(3);
    let aw = adj.iter().map(String::len).max().unwrap_or(0).max(8);
    writeln!(
        out,
        "    {:lw$}{:>rw$}  {:>aw$}  95% interval",
        "label", "raw", "adjusted"
    )?;
    for ((r, raw), adj) in a.rows.iter().zip(&raw).zip(&adj) {
        let interval = r
            .interval
            .map(|[lo, hi]| format!("[{lo:.1}, {hi:.1}]"))
            .unwrap_or_default();
        let line = format!("    {:lw$}{raw:>rw$}  {adj:>aw$}  {interval}", r.label);
        writeln!(out, "{}", line.trim_end())?;
    }
    if corrected && a.options.resamples > 0 {
        writeln!(
            out,
            "    interval: percentile bootstrap, {} rounds (seed {}), resampling the {} evaluated documents and the {} counted {}; {} skipped (singular)",
            a.options.resamples,
            a.options.seed,
            a.eval_n,
            a.counted,
            t.unit(a.counted),
            a.skipped
        )?;
    }
    if corrected && t.by == By::State {
        writeln!(
            out,
            "    (States are counted: the correction assumes a State's label errs as a document's does)"
        )?;
    }
    if let Some(m) = &a.message {
        writeln!(out, "    {m}")?;
    }
    Ok(())
}

fn percent_f(x: f64, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        x * 100.0 / total as f64
    }
}

/// The flagged submissions of one question, aligned in columns.
fn write_flagged(out: &mut dyn Write, flagged: &[Flagged]) -> std::io::Result<()> {
    writeln!(
        out,
        "  needs review: {} flagged",
        plural(flagged.len(), "submission", "submissions")
    )?;
    if flagged.is_empty() {
        return Ok(());
    }
    let rows: Vec<[String; 4]> = flagged
        .iter()
        .map(|f| {
            let reasons = f.reasons_joined();
            [
                f.id.clone(),
                f.actor.clone(),
                f.label.clone(),
                if reasons.is_empty() {
                    "-".to_string()
                } else {
                    reasons
                },
            ]
        })
        .collect();
    let header = ["id", "actor", "label", "reasons"].map(String::from);
    let width = |i: usize| {
        rows.iter()
            .chain([&header])
            .map(|r| r[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w0, w1, w2) = (width(0), width(1), width(2));
    for r in [&header].into_iter().chain(&rows) {
        writeln!(
            out,
            "    {:w0$}  {:w1$}  {:w2$}  {}",
            r[0], r[1], r[2], r[3]
        )?;
    }
    Ok(())
}

/// What a tally by State adds to the table: the sets of States, the
/// submissions left out and the conflicts.
fn write_states(out: &mut dyn Write, st: &StateTally) -> std::io::Result<()> {
    let sets = [
        ("UN Member States", &st.member_states),
        ("observer States (PSE, VAT)", &st.observer_states),
        (
            "other codes (neither UN Member nor observer States)",
            &st.other_states,
        ),
    ];
    for (name, set) in sets {
        writeln!(out, "  {name}: {}", set.len())?;
        write_wrapped(out, 4, set.iter().cloned())?;
    }
    writeln!(
        out,
        "  left out: {} that cover{} no State",
        plural(st.left_out.len(), "submission", "submissions"),
        if st.left_out.len() == 1 { "s" } else { "" }
    )?;
    write_wrapped(
        out,
        4,
        st.left_out.iter().map(|l| {
            format!(
                "{} ({})",
                l.id,
                l.actor_kind.as_deref().unwrap_or("no actor_kind")
            )
        }),
    )?;
    if st.policy == Policy::OwnOnly {
        writeln!(
            out,
            "  left out: {} covered only by groups",
            plural(st.group_only.len(), "State", "States")
        )?;
        write_wrapped(out, 4, st.group_only.iter().cloned())?;
    }
    writeln!(
        out,
        "  conflicts: {} whose submissions disagree",
        plural(st.conflicts.len(), "State", "States")
    )?;
    for c in &st.conflicts {
        let rule = match c.rule {
            Rule::Unanimous => "",
            Rule::Majority => ", majority",
            Rule::TieDefault => ", tie: default label",
        };
        let from = match c.from {
            Tier::Own => "own",
            Tier::Group => "group",
        };
        let subs: Vec<String> = c
            .submissions
            .iter()
            .map(|v| {
                let tier = match v.coverage {
                    Tier::Own => "own",
                    Tier::Group => "group",
                };
                format!("{} {} ({tier})", v.id, v.label)
            })
            .collect();
        writeln!(
            out,
            "    {} → {} (from {from}{rule}): {}",
            c.state,
            c.label,
            subs.join(", ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(id: &str, label: &str) -> Vote {
        Vote {
            id: id.into(),
            coverage: Tier::Group,
            label: label.into(),
        }
    }

    #[test]
    fn resolve_rules() {
        let (a, b, c, u) = (
            vote("A", "support"),
            vote("B", "oppose"),
            vote("C", "support"),
            vote("U", UNSUPPORTED_LANGUAGE),
        );
        let d = Some("undecided");
        assert_eq!(resolve(&[&a, &c], d), ("support".into(), Rule::Unanimous));
        assert_eq!(
            resolve(&[&a, &b, &c], d),
            ("support".into(), Rule::Majority)
        );
        assert_eq!(
            resolve(&[&a, &b], d),
            ("undecided".into(), Rule::TieDefault)
        );
        assert_eq!(resolve(&[&u, &b], d), ("oppose".into(), Rule::Unanimous));
        assert_eq!(
            resolve(&[&u], d),
            (UNSUPPORTED_LANGUAGE.into(), Rule::Unanimous)
        );
    }

    #[test]
    fn default_label_rule() {
        let l = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            default_label(&l(&["support", "undecided", "oppose"])),
            Some("undecided")
        );
        assert_eq!(
            default_label(&l(&["ccw", "open", "unspecified"])),
            Some("unspecified")
        );
        assert_eq!(default_label(&l(&["yes", "no", "maybe"])), Some("maybe"));
        assert_eq!(default_label(&[]), None);
    }
}
