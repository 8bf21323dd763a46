//! When not to trust a label: the reasons a person should check it.
//!
//! A label is flagged (`needs_review: true`) for any of these reasons, each
//! computed from the question's scores and evidence alone:
//!
//! * [`Reason::BelowThreshold`]: the default label was given although some
//!   label scored (a position was voiced, too weakly or too narrowly to
//!   decide);
//! * [`Reason::Conflicting`]: another label than the default scored at least
//!   half of the chosen label's score (the text speaks both ways);
//! * [`Reason::Hedged`]: the question's hedged evidence weighs at least as
//!   much as the chosen label's, or, where the hedged label was chosen, at
//!   least `min_score` (the answer rests on a condition or a hedge);
//! * [`Reason::Thin`]: a label other than the default rests on bare mentions
//!   alone (cues weighing less than 1, such as "a treaty");
//! * [`Reason::AttributedOnly`]: every cue occurrence reports someone else's
//!   position;
//! * [`Reason::LanguageUncertain`]: the input gave no language and none could
//!   be detected reliably, so the text was read with the first lexicon (set by
//!   [`crate::pipeline`]).

use serde::{Deserialize, Serialize};

use crate::classify::Evidence;
use crate::lexicon::Question;

/// Why a label should be checked by a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The default label, although some label scored.
    BelowThreshold,
    /// Two labels other than the default both have real evidence.
    Conflicting,
    /// The answer rests on hedged or conditional evidence.
    Hedged,
    /// Only bare mentions decided.
    Thin,
    /// Only reported positions (someone else's) were found.
    AttributedOnly,
    /// The language was guessed with low confidence.
    LanguageUncertain,
}

impl Reason {
    /// The name used in output (`below_threshold`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Reason::BelowThreshold => "below_threshold",
            Reason::Conflicting => "conflicting",
            Reason::Hedged => "hedged",
            Reason::Thin => "thin",
            Reason::AttributedOnly => "attributed_only",
            Reason::LanguageUncertain => "language_uncertain",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The reasons to check the label `label` (an index) of question `q`, given
/// its scores and evidence. Empty when the label can be trusted.
pub fn reasons(q: &Question, scores: &[f64], label: usize, evidence: &[Evidence]) -> Vec<Reason> {
    let mut out = Vec::new();
    let polar = |i: usize| i != q.default && i != q.hedged;
    let scored: Vec<usize> = (0..scores.len())
        .filter(|&i| polar(i) && scores[i] > 0.0)
        .collect();
    if label == q.default {
        if scored.iter().any(|&i| scores[i] >= q.min_score / 2.0) {
            out.push(Reason::BelowThreshold);
        }
    } else {
        let name = q.labels[label].as_str();
        let mut counted = evidence
            .iter()
            .filter(|e| e.label.as_deref() == Some(name))
            .peekable();
        if counted.peek().is_some() && counted.all(|e| e.weight < THIN_WEIGHT) {
            out.push(Reason::Thin);
        }
        // Another polar label with at least half the chosen label's score.
        if scored
            .iter()
            .any(|&i| i != label && scores[i] >= CONFLICT_SHARE * scores[label])
        {
            out.push(Reason::Conflicting);
        }
    }
    let hedged = scores[q.hedged];
    let rests_on_hedge = if q.hedged == label {
        hedged >= q.min_score
    } else {
        hedged > 0.0 && hedged >= scores[label]
    };
    if rests_on_hedge {
        out.push(Reason::Hedged);
    }
    if !evidence.is_empty() && evidence.iter().all(|e| e.attributed) {
        out.push(Reason::AttributedOnly);
    }
    out
}

/// Below this weight a cue is a bare mention ("a treaty"): a label that rests
/// on bare mentions alone is thin.
const THIN_WEIGHT: f64 = 1.0;

/// A polar label that reaches this share of the chosen label's score
/// conflicts with it.
const CONFLICT_SHARE: f64 = 0.5;
