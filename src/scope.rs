//! Scope of modifiers: which negations, hedges and attributions act on a cue.
//!
//! Modifiers are found in the sentence of a cue only (never over the whole
//! text). A modifier acts on a cue when it stands on its side of the cue
//! ([`Scope`]), at most its `window` words away, with no terminator ("but",
//! "however", ";") between them. Negations count by parity: "not oppose" is two
//! negations and negates nothing. Pseudo-negations ("not only") are matched as
//! longer phrases than the negation they contain and act on nothing.

use std::ops::Range;

use crate::lexicon::{Lexicon, ModifierKind, Scope};
use crate::matcher::Hit;

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
    /// An odd number of negations act on the cue.
    pub negated: bool,
    /// A hedge acts on the cue.
    pub hedged: bool,
    /// An attribution acts on the cue.
    pub attributed: bool,
    /// The largest factor of the boosters (and, when negated, of the
    /// negations) acting on the cue; 1 without any.
    pub boost: f64,
    /// Indexes (into the sentence's modifier hits) of the modifiers that act on it.
    pub by: Vec<usize>,
}

/// The modifiers of one sentence.
#[derive(Debug, Clone)]
pub struct SentenceScope {
    /// The modifiers found.
    pub hits: Vec<ModifierHit>,
    words: Vec<Range<usize>>,
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
        SentenceScope { hits, words }
    }

    /// Number of words in the sentence.
    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    fn terminated(&self, between: Range<usize>) -> bool {
        self.hits.iter().any(|t| {
            t.kind == ModifierKind::Terminator
                && t.span.start >= between.start
                && t.span.end <= between.end
        })
    }

    /// What acts on the cue at `cue` (folded byte range relative to the sentence).
    pub fn apply(&self, lexicon: &Lexicon, cue: Range<usize>) -> CueScope {
        let cue_words = word_at(&self.words, cue.start)..word_at(&self.words, cue.end);
        let mut out = CueScope {
            boost: 1.0,
            ..CueScope::default()
        };
        let mut negations = 0;
        let mut negation_factor: f64 = 1.0;
        for (i, m) in self.hits.iter().enumerate() {
            if matches!(m.kind, ModifierKind::Terminator | ModifierKind::Pseudo) {
                continue;
            }
            if m.span.start >= cue.start && m.span.end <= cue.end {
                continue; // inside the cue: part of its phrase ("no legal gap")
            }
            let def = &lexicon.modifiers[m.modifier];
            // A modifier that starts before the cue acts from before it, even
            // when the two overlap ("no need for" + "need for a treaty");
            // otherwise it stands after the cue.
            let acts = if m.span.start < cue.start {
                def.scope != Scope::After
                    && cue_words.start.saturating_sub(m.words.end) <= def.window
                    && !self.terminated(m.span.end.min(cue.start)..cue.start)
            } else {
                def.scope != Scope::Before
                    && m.words.start.saturating_sub(cue_words.end) <= def.window
                    && !self.terminated(cue.end..m.span.start.max(cue.end))
            };
            if !acts {
                continue;
            }
            out.by.push(i);
            match m.kind {
                ModifierKind::Negation => {
                    negations += 1;
                    negation_factor = negation_factor.max(def.factor);
                }
                ModifierKind::Hedge => out.hedged = true,
                ModifierKind::Attribution => out.attributed = true,
                ModifierKind::Booster => out.boost = out.boost.max(def.factor),
                ModifierKind::Terminator | ModifierKind::Pseudo => {}
            }
        }
        out.negated = negations % 2 == 1;
        if out.negated {
            out.boost = out.boost.max(negation_factor);
        }
        out
    }
}
