//! Scope of modifiers: which negations, hedges and attributions act on a cue.
//!
//! Modifiers are found in the sentence of a cue only (never over the whole
//! text). A modifier acts on a cue when it stands on its side of the cue
//! ([`Scope`]), at most its `window` words away, with no terminator ("but",
//! "however", ";") between them.
//!
//! Rejections ("rejects", "would be premature") that bear on one cue reinforce
//! each other: "does not support a new instrument, which would be premature"
//! rejects it once, firmly. Plain negations ("not", "no") count by parity and
//! reverse a rejection: "we do **not oppose** a treaty" negates nothing.
//! Pseudo-negations ("not only") are matched as longer phrases than the
//! negation they contain and act on nothing. An attribution right after a
//! booster is endorsed, not reported: "we **support the call by** the
//! Secretary-General" is the speaker's own position.

use std::ops::Range;

use crate::lexicon::{Cue, Lexicon, ModifierKind, Scope};
use crate::matcher::Hit;
use crate::normalize::fold_phrase;

/// A modifier found in a sentence.
#[derive(Debug, Clone)]
pub struct ModifierHit {
    /// Index into [`Lexicon::modifiers`].
    pub modifier: usize,
    /// What it does.
    pub kind: ModifierKind,
    /// Folded byte range relative to the sentence.
    pub span: Range<usize>,
    /// Index of its first word and one past its last word in the sentence.
    pub words: Range<usize>,
}

/// What the modifiers do to one cue.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CueScope {
    /// The cue is negated: a rejection acts on it and no plain negation
    /// reverses it, or an odd number of plain negations act on it.
    pub negated: bool,
    /// A hedge acts on it.
    pub hedged: bool,
    /// An attribution acts on it (and no booster endorses the attribution).
    pub attributed: bool,
    /// A qualifier acts on it ("blanket bans").
    pub qualified: bool,
    /// A step marker follows it ("... as a first step towards").
    pub step: bool,
    /// The largest factor of the boosters (and, when negated, of the
    /// negations) acting on the cue; 1 without any.
    pub boost: f64,
    /// Indexes (into the sentence's modifier hits) of the modifiers that act on it.
    pub by: Vec<usize>,
}

impl CueScope {
    /// Indexes (into the sentence's modifier hits) of the negations and
    /// rejections that act on the cue.
    pub fn negators<'a>(&'a self, sentence: &'a SentenceScope) -> impl Iterator<Item = usize> + 'a {
        self.by.iter().copied().filter(|&i| {
            matches!(
                sentence.hits[i].kind,
                ModifierKind::Negation | ModifierKind::Rejection
            )
        })
    }
}

/// The modifiers of one sentence.
#[derive(Debug, Clone)]
pub struct SentenceScope {
    /// The modifiers found.
    pub hits: Vec<ModifierHit>,
    /// The spans of the terminators among them.
    terminators: Vec<Range<usize>>,
    words: Vec<Range<usize>>,
    /// The folded sentence.
    text: String,
}

/// Index of the word that holds `pos` or the first word after it.
fn word_at(words: &[Range<usize>], pos: usize) -> usize {
    words.partition_point(|w| w.end <= pos)
}

impl SentenceScope {
    /// Finds the modifiers of a folded sentence.
    pub fn new(lexicon: &Lexicon, sentence: &str) -> SentenceScope {
        let words = crate::segment::words(sentence);
        let hits = lexicon
            .modifier_set
            .find_folded(sentence)
            .into_iter()
            .map(
                |Hit {
                     start,
                     end,
                     payload,
                     ..
                 }| ModifierHit {
                    modifier: payload,
                    kind: lexicon.modifiers[payload].kind,
                    span: start..end,
                    words: word_at(&words, start)..word_at(&words, end),
                },
            )
            .collect();
        let hits: Vec<ModifierHit> = hits;
        let terminators = hits
            .iter()
            .filter(|h| h.kind == ModifierKind::Terminator)
            .map(|h| h.span.clone())
            .collect();
        SentenceScope {
            hits,
            terminators,
            words,
            text: sentence.to_string(),
        }
    }

    /// Number of words in the sentence.
    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    fn terminated(&self, between: Range<usize>) -> bool {
        self.terminators
            .iter()
            .any(|t| t.start >= between.start && t.end <= between.end)
    }

    /// Whether a modifier of `kind` stands right before the modifier hit
    /// `m` (among `among`, indices into the hits): the speaker takes up the
    /// position it attributes, endorsing it ("we **support** the call by
    /// ...", "we **join** the proposals for ...") or rejecting it ("we
    /// **reject** the idea of ...").
    fn taken_up(
        &self,
        m: &ModifierHit,
        kind: ModifierKind,
        among: impl IntoIterator<Item = usize>,
    ) -> bool {
        among.into_iter().any(|i| {
            let b = &self.hits[i];
            b.kind == kind
                && b.span.end <= m.span.start
                && m.words.start.saturating_sub(b.words.end) <= ENDORSE_WINDOW
                && !self.terminated(b.span.end..m.span.start)
        })
    }

    /// What acts on the cue at `cue` (folded byte range relative to the
    /// sentence). `others` are the other cues of the same question in the
    /// sentence: a negation, rejection or step bears on the nearest cue on its
    /// side and reaches past it only across a coordination ("no bans **or**
    /// restrictions"), never into another clause ("does not support a new
    /// instrument, which would be premature": the "not" bears on the
    /// instrument, not on "premature").
    ///
    /// `entry` is the cue's lexicon entry. A cue that answers against its
    /// question (its label is the question's
    /// [`Question::opposing`](crate::lexicon::Question::opposing) one,
    /// "stifle innovation") is not reversed by a rejection coordinated with
    /// it: that is a second objection. A negation inside the cue's match that
    /// is not a word of its phrase stands in a gap of the pattern and negates
    /// it ("existing law is **not** sufficient").
    pub fn apply(
        &self,
        lexicon: &Lexicon,
        entry: &Cue,
        cue: Range<usize>,
        others: &[Range<usize>],
    ) -> CueScope {
        let opposes = lexicon.questions[entry.question].opposing() == Some(entry.label);
        let mut out = CueScope {
            boost: 1.0,
            ..CueScope::default()
        };
        // A cue that is itself a rejection ("premature") is reinforced by
        // other rejections, not reversed: "premature and counterproductive".
        let cue_rejects = self.hits.iter().any(|m| {
            m.kind == ModifierKind::Rejection && m.span.start >= cue.start && m.span.end <= cue.end
        });
        let (mut plain, mut rejections) = (0, 0);
        let mut negation_factor: f64 = 1.0;
        for (i, m) in self.hits.iter().enumerate() {
            if matches!(m.kind, ModifierKind::Terminator | ModifierKind::Pseudo) {
                continue;
            }
            let def = &lexicon.modifiers[m.modifier];
            if m.span.start >= cue.start && m.span.end <= cue.end {
                // Inside the cue: part of its phrase ("no legal gap"), or a
                // negation in one of its gaps, which negates it where it
                // bears on a word of the phrase ("is not [fully] sufficient",
                // not "a binding, not a voluntary, instrument").
                if m.kind == ModifierKind::Negation
                    && self.text[m.span.end..cue.end]
                        .split_whitespace()
                        .take(GAP_NEGATION_REACH)
                        .any(|w| entry.owns(w))
                    && !entry.owns(&fold_phrase(&def.phrase))
                {
                    out.by.push(i);
                    plain += 1;
                    negation_factor = negation_factor.max(def.factor);
                }
                continue;
            }
            if cue_rejects && m.kind == ModifierKind::Rejection {
                continue;
            }
            // So is a cue that opposes, joined to a rejection as a second
            // objection: "would be premature and could stifle innovation".
            if opposes
                && m.kind == ModifierKind::Rejection
                && joined_by_coordinator(&self.text[between(&m.span, &cue)])
            {
                continue;
            }
            // A modifier that starts before the cue acts from before it, even
            // when the two overlap ("no need for" + "need for a treaty");
            // otherwise it stands after the cue.
            let before = m.span.start < cue.start;
            // Negations, rejections and steps bear on the nearest cue and
            // reach further only across a coordination: measured from the
            // coordinated cues nearest to them.
            let reach = if matches!(
                m.kind,
                ModifierKind::Negation | ModifierKind::Rejection | ModifierKind::Step
            ) {
                match self.reach(before, &m.span, &cue, others) {
                    Some(r) => r,
                    None => continue,
                }
            } else {
                cue.clone()
            };
            let reach_words = word_at(&self.words, reach.start)..word_at(&self.words, reach.end);
            let between = between(&m.span, &reach);
            let acts = if before {
                def.scope != Scope::After
                    && reach_words.start.saturating_sub(m.words.end) <= def.window
            } else {
                def.scope != Scope::Before
                    && m.words.start.saturating_sub(reach_words.end) <= def.window
            } && !self.terminated(between.clone())
                && !(def.stops_at_comma && self.text[between].contains(','));
            if !acts {
                continue;
            }
            // An attribution the speaker takes up reports nothing: after a
            // booster the cue is the speaker's own position; after a
            // rejection that acts on the cue (met first: it stands before),
            // the speaker's position is against it.
            if m.kind == ModifierKind::Attribution
                && (self.taken_up(m, ModifierKind::Booster, 0..self.hits.len())
                    || self.taken_up(m, ModifierKind::Rejection, out.by.iter().copied()))
            {
                continue;
            }
            // A step marker before a cue points at the destination: "as a
            // first step towards a treaty" commits to the treaty.
            if m.kind == ModifierKind::Step && before {
                out.by.push(i);
                out.boost = out.boost.max(def.factor);
                continue;
            }
            out.by.push(i);
            match m.kind {
                ModifierKind::Negation => {
                    plain += 1;
                    negation_factor = negation_factor.max(def.factor);
                }
                ModifierKind::Rejection => {
                    rejections += 1;
                    negation_factor = negation_factor.max(def.factor);
                }
                ModifierKind::Hedge => out.hedged = true,
                ModifierKind::Attribution => out.attributed = true,
                ModifierKind::Booster => out.boost = out.boost.max(def.factor),
                ModifierKind::Qualifier => out.qualified = true,
                ModifierKind::Step => out.step = true,
                ModifierKind::Terminator | ModifierKind::Pseudo => {}
            }
        }
        // Rejections reinforce each other; plain negations count by parity
        // and reverse them ("we do not oppose").
        out.negated = (rejections > 0) != (plain % 2 == 1);
        if out.negated {
            out.boost = out.boost.max(negation_factor);
        }
        out
    }
}

impl SentenceScope {
    /// How far a negation, rejection or step at `m` reaches toward `cue`: the
    /// cue with the cues coordinated with it on the modifier's side, or
    /// `None` when another cue stands between them outside a coordination.
    fn reach(
        &self,
        before: bool,
        m: &Range<usize>,
        cue: &Range<usize>,
        others: &[Range<usize>],
    ) -> Option<Range<usize>> {
        let mut reach = cue.clone();
        loop {
            let (from, to) = if before {
                (m.end, reach.start)
            } else {
                (reach.end, m.start)
            };
            // The nearest other cue between the two, seen from the cue.
            let between = others
                .iter()
                .filter(|o| o.start >= from && o.end <= to && o.start != reach.start);
            let nearest = if before {
                between.max_by_key(|o| o.end)
            } else {
                between.min_by_key(|o| o.start)
            };
            let Some(o) = nearest else {
                return Some(reach);
            };
            let gap = if before {
                &self.text[o.end..reach.start]
            } else {
                &self.text[reach.end..o.start]
            };
            if !is_coordination(gap) {
                return None;
            }
            reach = if before {
                o.start..reach.end
            } else {
                reach.start..o.end
            };
        }
    }
}

/// Whether a stretch of folded text joins two items: nothing, a comma or a
/// slash, or a coordinating word ("and", "or", "nor", "y", "ou") with at most
/// two other words ("bans **or wide** restrictions").
fn is_coordination(gap: &str) -> bool {
    let words: Vec<&str> = gap
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().all(|w| *w == ",") || words.is_empty() {
        return true;
    }
    let joins = words
        .iter()
        .filter(|w| COORDINATORS.contains(&w.trim_matches(',')))
        .count();
    joins > 0 && words.len() - joins <= 2 && !words.iter().any(|w| w.contains(['.', ';', ':']))
}

/// The text between a modifier at `m` and the cue (or reach) at `x`, on
/// whichever side of it the modifier starts; empty where they overlap.
fn between(m: &Range<usize>, x: &Range<usize>) -> Range<usize> {
    if m.start < x.start {
        m.end.min(x.start)..x.start
    } else {
        x.end..m.start.max(x.end)
    }
}

/// Whether a stretch of folded text is a coordination with a coordinating
/// word ("and could", "y podría"), not only commas or nothing.
fn joined_by_coordinator(gap: &str) -> bool {
    is_coordination(gap)
        && gap
            .split(|c: char| c.is_whitespace() || c == '/' || c == ',')
            .any(|w| COORDINATORS.contains(&w))
}

/// Words that join two cues into one object of a negation, as folding writes
/// them: English, Spanish, French; Russian ("и", "или", "либо", "ни"); Chinese
/// ("和", "或", "或者", "及", "以及", "与", "而且"; folding puts a space between Han
/// characters, so "或者" is "或" and one other word, "而且" two words); Arabic ("او" is "أو"
/// folded; "و" written together with the next word is a word of its own
/// where that word starts a cue, as the matcher reads proclitics).
const COORDINATORS: &[&str] = &[
    "and",
    "or",
    "nor",
    "y",
    "o",
    "ni",
    "e",
    "u",
    "et",
    "ou",
    "and/or",
    "и",
    "или",
    "либо",
    "и/или",
    "和",
    "或",
    "及",
    "与",
    "且",
    "او",
    "و",
];

/// The words after a negation in a cue's gap among which a word of the cue
/// must stand for the negation to bear on it ("not fully sufficient").
const GAP_NEGATION_REACH: usize = 2;

/// Words at most between a booster and the attribution it endorses.
const ENDORSE_WINDOW: usize = 3;
