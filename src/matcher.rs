//! Phrase matching: every phrase of a lexicon found in one Aho-Corasick pass.
//!
//! Phrases are folded with [`crate::normalize::fold_phrase`] and matched on a
//! folded text as whole words. A word written with a trailing `*` matches any
//! word that starts with it (`prohibit*` matches `prohibits`, `prohibition`).
//! A phrase may be marked case-sensitive (acronyms such as `LAWS`): it then also
//! has to match the original text exactly.
//!
//! Each phrase belongs to a *group* (for cues: the question). Within a group the
//! matches are leftmost-longest and never overlap, so a phrase nested in a
//! longer one is not counted twice; matches of different groups may overlap.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};

use crate::normalize::{fold_phrase, Folded};

/// One word of a phrase after the part handed to the automaton.
#[derive(Debug, Clone)]
struct TailWord {
    word: String,
    prefix: bool,
}

#[derive(Debug, Clone)]
struct Pattern {
    /// The phrase exactly as written, for case-sensitive checks.
    written: String,
    case_sensitive: bool,
    /// The automaton part ends with a word that is a prefix (`word*`).
    head_prefix: bool,
    tail: Vec<TailWord>,
    starts_word: bool,
    targets: Vec<(usize, usize)>,
}

/// A phrase as given to [`PhraseSet::new`].
#[derive(Debug, Clone)]
pub struct PhraseSpec<'a> {
    /// The phrase as written (spaces between words, optional trailing `*` per word).
    pub phrase: &'a str,
    /// Whether the phrase must also match the original text's case exactly.
    pub case_sensitive: bool,
    /// The group the phrase belongs to (matches of one group never overlap).
    pub group: usize,
    /// An identifier handed back with every match.
    pub payload: usize,
}

/// A match of a phrase in a folded text, in folded byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// Start (folded byte offset).
    pub start: usize,
    /// End (folded byte offset, exclusive).
    pub end: usize,
    /// The phrase's group.
    pub group: usize,
    /// The phrase's payload.
    pub payload: usize,
}

/// Why a phrase cannot be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhraseError {
    /// The phrase is empty after folding.
    Empty,
    /// A `*` stands somewhere other than at the end of a word.
    Wildcard,
    /// A word is only `*`.
    BareWildcard,
}

impl std::fmt::Display for PhraseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PhraseError::Empty => write!(f, "empty phrase"),
            PhraseError::Wildcard => write!(f, "`*` is only allowed at the end of a word"),
            PhraseError::BareWildcard => write!(f, "a word cannot be only `*`"),
        }
    }
}

/// Splits a folded phrase into words with their prefix flags.
fn parse_words(folded: &str) -> Result<Vec<TailWord>, PhraseError> {
    let mut words = Vec::new();
    for w in folded.split(' ').filter(|w| !w.is_empty()) {
        let (word, prefix) = match w.strip_suffix('*') {
            Some(stem) => (stem, true),
            None => (w, false),
        };
        if word.contains('*') {
            return Err(PhraseError::Wildcard);
        }
        if word.is_empty() {
            return Err(PhraseError::BareWildcard);
        }
        words.push(TailWord {
            word: word.to_string(),
            prefix,
        });
    }
    if words.is_empty() {
        return Err(PhraseError::Empty);
    }
    Ok(words)
}

/// Checks a phrase without compiling it.
pub fn validate_phrase(phrase: &str) -> Result<(), PhraseError> {
    parse_words(&fold_phrase(phrase)).map(|_| ())
}

/// The two automata over the phrases' heads.
#[derive(Debug, Clone)]
struct Automata {
    /// Leftmost-longest, non-overlapping: the fast scan over a whole text that
    /// finds where phrases are.
    scan: AhoCorasick,
    /// Standard semantics: every (overlapping) occurrence, searched only in
    /// small windows around the matches of `scan`.
    all: AhoCorasick,
    /// The longest head, in bytes.
    max_len: usize,
}

/// A compiled set of phrases.
#[derive(Debug, Clone)]
pub struct PhraseSet {
    ac: Option<Automata>,
    patterns: Vec<Pattern>,
    groups: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn word_char_before(text: &str, pos: usize) -> bool {
    text[..pos].chars().next_back().is_some_and(is_word_char)
}

fn word_char_at(text: &str, pos: usize) -> bool {
    text[pos..].chars().next().is_some_and(is_word_char)
}

/// Moves `pos` to the end of the word it stands in.
fn word_end(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    while pos < bytes.len() {
        let b = bytes[pos];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            pos += 1;
        } else {
            match text[pos..].chars().next() {
                Some(c) if is_word_char(c) => pos += c.len_utf8(),
                _ => break,
            }
        }
    }
    pos
}

impl PhraseSet {
    /// Compiles phrases. Phrases that fold to the same text are matched once and
    /// report every (group, payload) they were given with.
    pub fn new<'a>(
        specs: impl IntoIterator<Item = PhraseSpec<'a>>,
    ) -> Result<PhraseSet, (usize, PhraseError)> {
        let mut heads: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut index: std::collections::HashMap<(String, bool, String), usize> =
            std::collections::HashMap::new();
        let mut groups = 0;
        for (n, spec) in specs.into_iter().enumerate() {
            let folded = fold_phrase(spec.phrase);
            let words = parse_words(&folded).map_err(|e| (n, e))?;
            groups = groups.max(spec.group + 1);
            let written = if spec.case_sensitive {
                spec.phrase.trim().to_string()
            } else {
                String::new()
            };
            let key = (folded.clone(), spec.case_sensitive, written.clone());
            if let Some(&i) = index.get(&key) {
                if !patterns[i].targets.contains(&(spec.group, spec.payload)) {
                    patterns[i].targets.push((spec.group, spec.payload));
                }
                continue;
            }
            // The automaton gets the words up to and including the first prefix word.
            let split = words
                .iter()
                .position(|w| w.prefix)
                .map_or(words.len(), |p| p + 1);
            let head: Vec<&str> = words[..split].iter().map(|w| w.word.as_str()).collect();
            let head = head.join(" ");
            let starts_word = head.chars().next().is_some_and(is_word_char);
            index.insert(key, patterns.len());
            heads.push(head);
            patterns.push(Pattern {
                written,
                case_sensitive: spec.case_sensitive,
                head_prefix: words[split - 1].prefix,
                tail: words[split..].to_vec(),
                starts_word,
                targets: vec![(spec.group, spec.payload)],
            });
        }
        let ac = if heads.is_empty() {
            None
        } else {
            let build = |kind: MatchKind| {
                AhoCorasickBuilder::new()
                    .match_kind(kind)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&heads)
                    .expect("phrase automaton fits in memory")
            };
            Some(Automata {
                scan: build(MatchKind::LeftmostLongest),
                all: build(MatchKind::Standard),
                max_len: heads.iter().map(String::len).max().unwrap_or(0),
            })
        };
        Ok(PhraseSet {
            ac,
            patterns,
            groups,
        })
    }

    /// Number of distinct patterns.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether the set has no phrase.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Verifies a raw automaton match and returns the end of the whole phrase.
    fn verify(&self, pat: &Pattern, text: &str, start: usize, end: usize) -> Option<usize> {
        if pat.starts_word && word_char_before(text, start) {
            return None;
        }
        let mut end = end;
        let last_word = text[start..end]
            .chars()
            .next_back()
            .is_some_and(is_word_char);
        if pat.head_prefix {
            end = word_end(text, end);
        } else if last_word && word_char_at(text, end) {
            return None;
        }
        for w in &pat.tail {
            let rest = &text[end..];
            let rest = rest.strip_prefix(' ')?;
            if !rest.starts_with(w.word.as_str()) {
                return None;
            }
            end += 1 + w.word.len();
            if w.prefix {
                end = word_end(text, end);
            } else if word_char_at(text, end) {
                return None;
            }
        }
        Some(end)
    }

    /// Finds all phrases in `folded`: leftmost-longest and non-overlapping
    /// within each group, sorted by start, then group.
    ///
    /// `original` is the text `folded` was made from; it is read only for
    /// case-sensitive phrases.
    pub fn find(&self, folded: &Folded, original: &str) -> Vec<Hit> {
        self.find_in(&folded.text, |s, e| {
            let (os, oe) = (folded.map.start(s), folded.map.end(e));
            original.get(os..oe).unwrap_or("")
        })
    }

    /// Finds all phrases in an already folded text whose original is not at
    /// hand (case-sensitive phrases then never match). Used for modifiers.
    pub fn find_folded(&self, text: &str) -> Vec<Hit> {
        self.find_in(text, |_, _| "")
    }

    /// Verifies every occurrence of a head within `window` and adds the hits.
    fn collect<'t>(
        &self,
        ac: &Automata,
        text: &str,
        window: (usize, usize),
        original: &impl Fn(usize, usize) -> &'t str,
        cands: &mut Vec<Hit>,
    ) {
        let input = Input::new(text).range(window.0..window.1);
        for m in ac.all.find_overlapping_iter(input) {
            let pat = &self.patterns[m.pattern().as_usize()];
            let Some(end) = self.verify(pat, text, m.start(), m.end()) else {
                continue;
            };
            if pat.case_sensitive && original(m.start(), end) != pat.written {
                continue;
            }
            for &(group, payload) in &pat.targets {
                cands.push(Hit {
                    start: m.start(),
                    end,
                    group,
                    payload,
                });
            }
        }
    }

    fn find_in<'t>(&self, text: &str, original: impl Fn(usize, usize) -> &'t str) -> Vec<Hit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        // Every occurrence of a head overlaps a match of the leftmost-longest
        // scan (the scan reports, from any position, the leftmost match at or
        // after it), so searching all occurrences in windows of `max_len`
        // around the scan's matches finds them all, at the cost of one fast
        // pass over the text.
        let mut cands: Vec<Hit> = Vec::new();
        let mut window: Option<(usize, usize)> = None;
        for m in ac.scan.find_iter(text) {
            let (s, e) = (
                m.start().saturating_sub(ac.max_len),
                (m.end() + ac.max_len).min(text.len()),
            );
            match window {
                Some((ws, we)) if s <= we => window = Some((ws, we.max(e))),
                Some(w) => {
                    self.collect(ac, text, w, &original, &mut cands);
                    window = Some((s, e));
                }
                None => window = Some((s, e)),
            }
        }
        if let Some(w) = window {
            self.collect(ac, text, w, &original, &mut cands);
        }
        select_leftmost_longest(cands, self.groups)
    }
}

/// Keeps, per group, the leftmost-longest non-overlapping matches.
fn select_leftmost_longest(mut cands: Vec<Hit>, groups: usize) -> Vec<Hit> {
    if cands.len() <= 1 {
        return cands;
    }
    cands.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.group.cmp(&b.group))
            .then(a.payload.cmp(&b.payload))
    });
    let mut last_end = vec![0usize; groups];
    // Hits of one group with the same span but other payloads (one phrase listed
    // for two labels) are all kept.
    let mut last_span = vec![(usize::MAX, usize::MAX); groups];
    let mut out = Vec::with_capacity(cands.len());
    for h in cands {
        let g = h.group;
        if (h.start, h.end) == last_span[g] {
            out.push(h);
        } else if h.start >= last_end[g] {
            last_end[g] = h.end;
            last_span[g] = (h.start, h.end);
            out.push(h);
        }
    }
    out.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(a.group.cmp(&b.group))
            .then(a.payload.cmp(&b.payload))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    fn set(phrases: &[(&str, usize)]) -> PhraseSet {
        PhraseSet::new(phrases.iter().enumerate().map(|(i, (p, g))| PhraseSpec {
            phrase: p,
            case_sensitive: p.chars().any(|c| c.is_uppercase()),
            group: *g,
            payload: i,
        }))
        .unwrap()
    }

    fn found(s: &PhraseSet, text: &str) -> Vec<(String, usize)> {
        let f = fold(text);
        s.find(&f, text)
            .into_iter()
            .map(|h| (f.text[h.start..h.end].to_string(), h.payload))
            .collect()
    }

    #[test]
    fn whole_words_and_longest() {
        let s = set(&[
            ("legally binding", 0),
            ("legally binding instrument*", 0),
            ("ban", 0),
        ]);
        assert_eq!(
            found(&s, "A Legally-Binding\ninstruments, not a banner; ban."),
            vec![("legally binding instruments".into(), 1), ("ban".into(), 2)]
        );
    }

    #[test]
    fn wildcard_inside_phrase() {
        let s = set(&[("autonomous weapon* system*", 0)]);
        assert_eq!(found(&s, "autonomous weapons systems").len(), 1);
        assert_eq!(found(&s, "autonomous weapon system").len(), 1);
        assert_eq!(found(&s, "autonomous weapons").len(), 0);
    }

    #[test]
    fn groups_overlap_but_not_within() {
        let s = set(&[("autonomous weapons", 1), ("ban on autonomous weapons", 0)]);
        assert_eq!(found(&s, "a ban on autonomous weapons").len(), 2);
    }

    #[test]
    fn case_sensitive_acronym() {
        let s = set(&[("LAWS", 0)]);
        assert_eq!(found(&s, "on LAWS and laws").len(), 1);
    }

    #[test]
    fn bad_phrases() {
        assert_eq!(validate_phrase("  "), Err(PhraseError::Empty));
        assert_eq!(validate_phrase("a*b"), Err(PhraseError::Wildcard));
        assert_eq!(validate_phrase("a *"), Err(PhraseError::BareWildcard));
        assert!(validate_phrase("(a|b)").is_ok());
    }
}
