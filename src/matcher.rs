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

use std::collections::HashMap;

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use crate::normalize::{fold_phrase, Folded};
use crate::pattern::{self, Classes, Element, PatternError};

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
    /// A pattern (`@class`, `~N`) is malformed.
    Pattern(PatternError),
}

impl std::fmt::Display for PhraseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PhraseError::Empty => write!(f, "empty phrase"),
            PhraseError::Wildcard => write!(f, "`*` is only allowed at the end of a word"),
            PhraseError::BareWildcard => write!(f, "a word cannot be only `*`"),
            PhraseError::Pattern(e) => e.fmt(f),
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

/// Checks a plain phrase (no `@class` or gap) without compiling it.
pub fn validate_phrase(phrase: &str) -> Result<(), PhraseError> {
    validate_pattern(phrase, &Classes::default())
}

/// Checks a phrase or a pattern (its classes looked up in `classes`) without
/// compiling it.
pub fn validate_pattern(phrase: &str, classes: &Classes) -> Result<(), PhraseError> {
    if !pattern::is_pattern(phrase) {
        return parse_words(&fold_phrase(phrase)).map(|_| ());
    }
    let parsed = pattern::parse(phrase, classes).map_err(PhraseError::Pattern)?;
    for e in &parsed.elements {
        if let Element::Literal(words) = e {
            parse_words(&fold_phrase(words))?;
        }
    }
    Ok(())
}

/// A pattern compiled to orders of atoms (see [`crate::pattern`]).
#[derive(Debug, Clone)]
struct Assembly {
    /// Each order: (atom, words allowed before it).
    orders: Vec<Vec<(usize, usize)>>,
    targets: Vec<(usize, usize)>,
}

/// The automaton over the phrases' heads (a head is the part of a phrase the
/// automaton matches: its words up to the first `word*` stem).
#[derive(Debug, Clone)]
struct Automata {
    /// Leftmost-longest, as a DFA. Its `find_iter` (which can use a SIMD
    /// prefilter) is the fast scan over a whole text; searches restarted at
    /// each position inside a scan match then find the longest head starting
    /// at every position there.
    ac: AhoCorasick,
    /// For each head (automaton pattern), the phrases that have it.
    head_patterns: Vec<Vec<usize>>,
    /// For each head, the other heads that are prefixes of it: with the
    /// longest head at a position, they are every head that matches there.
    prefixes: Vec<Vec<usize>>,
    /// Length of each head in bytes.
    head_len: Vec<usize>,
    /// The heads, in automaton order.
    heads: Vec<String>,
    /// The longest head, in bytes.
    max_len: usize,
    /// For each head (leftmost-longest sets), the offsets inside it where
    /// another head may start: the longest head that starts there and ends
    /// inside it, and whether a head may also start there and run past its
    /// end (then an anchored search in the text decides).
    inner: Vec<Vec<Inner>>,
    /// Whether `ac` is leftmost-longest (else standard semantics).
    leftmost: bool,
    /// Whether a scan is one overlapping search that reports every
    /// occurrence in the range scanned (standard semantics).
    overlapping: bool,
}

/// A place inside a head where another head may start.
#[derive(Debug, Clone, Copy)]
struct Inner {
    /// Byte offset in the head.
    offset: usize,
    /// The longest head that starts there and ends inside the head.
    longest: Option<usize>,
    /// Whether a head may start there and end past the head.
    runs_past: bool,
}

/// The [`Inner`] places of each head: computed once, so that a scan match
/// needs no search for the heads inside it (an anchored search only where
/// one may run past the match).
fn inner_places(ac: &AhoCorasick, heads: &[String]) -> Vec<Vec<Inner>> {
    let mut sorted: Vec<&str> = heads.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    heads
        .iter()
        .map(|h| {
            (1..h.len())
                .filter(|&k| h.is_char_boundary(k))
                .filter_map(|k| {
                    let rest = &h[k..];
                    let longest = ac
                        .find(Input::new(h.as_str()).range(k..).anchored(Anchored::Yes))
                        .map(|m| m.pattern().as_usize());
                    // Sorted, the heads that start with `rest` follow it.
                    let i = sorted.partition_point(|&x| x < rest);
                    let runs_past = sorted[i..]
                        .iter()
                        .take_while(|x| x.starts_with(rest))
                        .any(|x| x.len() > rest.len());
                    (longest.is_some() || runs_past).then_some(Inner {
                        offset: k,
                        longest,
                        runs_past,
                    })
                })
                .collect()
        })
        .collect()
}

/// Which pattern elements a set's automaton scans for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Density {
    /// The anchors only.
    Sparse,
    /// The anchors and every element without a function word.
    Dense,
}

/// A pattern with satellites, as its anchor atom sees it.
#[derive(Debug, Clone, PartialEq)]
struct SatellitePattern {
    /// The pattern's other atoms that are anchors too (matched by the main
    /// automaton): each must match inside the window.
    needs: Vec<usize>,
    /// How many words before the anchor's match its other atoms may stand.
    back: usize,
    /// How many words after it.
    forward: usize,
}

/// Up to this many heads the automaton is leftmost-longest: a fast scan (it
/// can use a SIMD prefilter on small sets) with searches restarted inside its
/// matches. Beyond, it has standard semantics, which builds twice as fast (a
/// 10,000-cue lexicon compiles in well under 100 ms), with an overlapping
/// search in windows around its matches.
const LEFTMOST_MAX_HEADS: usize = 2000;

/// A compiled set of phrases.
#[derive(Debug, Clone)]
pub struct PhraseSet {
    ac: Option<Automata>,
    patterns: Vec<Pattern>,
    /// User groups; atoms of patterns have the groups after them.
    groups: usize,
    /// Patterns with classes or gaps, assembled from atom matches.
    assemblies: Vec<Assembly>,
    /// Number of atoms (distinct pattern elements).
    atoms: usize,
    /// Per atom: whether the set's automaton scans for it (else it is a
    /// satellite).
    scanned: Vec<bool>,
    /// Whether every pattern match lies inside one clause (no element holds
    /// a [`CLAUSE_ENDS`] character).
    within_clause: bool,
    /// Per anchor atom: its patterns that have satellites (atoms looked for
    /// only around anchor matches), each with where those may stand.
    satellite_patterns: Vec<Vec<SatellitePattern>>,
    /// Per atom: whether a satellite pattern needs it in its window (the
    /// only atoms whose places are looked up when satellites are sought).
    needed: Vec<bool>,
    /// The atoms that anchor no pattern ("is", "the", "new"): frequent words,
    /// looked for only around anchor matches (group: the atom).
    satellites: Option<Box<PhraseSet>>,
}

/// Whether `c` is a letter or digit (`char::is_alphanumeric`), answered
/// from ranges for ASCII and the letters of the built-in lexicons' scripts
/// (Latin, Cyrillic, Arabic, Han) before the Unicode tables.
#[inline]
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7f => (c as u8).is_ascii_alphanumeric(),
        0xc0..=0xd6 | 0xd8..=0xf6 | 0xf8..=0x24f => true,
        0x400..=0x481 | 0x48a..=0x4ff => true,
        0x620..=0x64a | 0x660..=0x669 | 0x66e..=0x6d3 => true,
        0x4e00..=0x9fff => true,
        _ => c.is_alphanumeric(),
    }
}

/// Whether a phrase may start at `pos`: at a word boundary; anywhere next to
/// a Han character (Chinese writes no spaces between words); or, for a phrase
/// that starts with an Arabic letter, after an Arabic proclitic written
/// together with the word ("و", "بال", "لل": "والأسلحة", "بالصك", "للأمم").
fn may_start_at(text: &str, pos: usize) -> bool {
    let Some(before) = text[..pos].chars().next_back() else {
        return true;
    };
    if !is_word_char(before) {
        return true;
    }
    let Some(first) = text[pos..].chars().next() else {
        return true;
    };
    if is_han(before) || is_han(first) {
        return true;
    }
    is_arabic_letter(first) && is_arabic_letter(before) && arabic_proclitic_before(text, pos)
}

/// Whether a phrase may end at `pos`: at a word boundary, or next to a Han
/// character.
fn may_end_at(text: &str, pos: usize) -> bool {
    let Some(after) = text[pos..].chars().next() else {
        return true;
    };
    !is_word_char(after) || is_han(after) || text[..pos].chars().next_back().is_some_and(is_han)
}

fn is_han(c: char) -> bool {
    crate::normalize::is_han(c)
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064a}' | '\u{066e}'..='\u{06d3}')
}

/// Arabic proclitics as folding writes them: the conjunctions و and ف, the
/// prepositions ب, ل and ك, the future marker س and the article ال, alone and
/// combined (ل with the article is لل).
const ARABIC_PROCLITICS: &[&str] = &[
    "\u{0648}",
    "\u{0641}",
    "\u{0628}",
    "\u{0644}",
    "\u{0643}",
    "\u{0633}",
    "\u{0627}\u{0644}",
    "\u{0648}\u{0627}\u{0644}",
    "\u{0641}\u{0627}\u{0644}",
    "\u{0628}\u{0627}\u{0644}",
    "\u{0643}\u{0627}\u{0644}",
    "\u{0644}\u{0644}",
    "\u{0648}\u{0644}",
    "\u{0641}\u{0644}",
    "\u{0648}\u{0628}",
    "\u{0641}\u{0628}",
    "\u{0648}\u{0643}",
    "\u{0641}\u{0643}",
    "\u{0648}\u{0633}",
    "\u{0641}\u{0633}",
    "\u{0648}\u{0644}\u{0644}",
    "\u{0641}\u{0644}\u{0644}",
    "\u{0648}\u{0628}\u{0627}\u{0644}",
    "\u{0641}\u{0628}\u{0627}\u{0644}",
    "\u{0648}\u{0643}\u{0627}\u{0644}",
    "\u{0641}\u{0643}\u{0627}\u{0644}",
];

/// Whether the letters of the word before `pos` (from the word's start) are
/// an Arabic proclitic.
fn arabic_proclitic_before(text: &str, pos: usize) -> bool {
    let mut start = pos;
    for (i, c) in text[..pos].char_indices().rev() {
        if !is_word_char(c) {
            break;
        }
        if !is_arabic_letter(c) || pos - i > 8 {
            return false;
        }
        start = i;
    }
    ARABIC_PROCLITICS.contains(&&text[start..pos])
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

/// Collects phrases for [`PhraseSet`]: each distinct folded phrase once,
/// grouped by head.
#[derive(Default)]
struct Builder {
    heads: Vec<String>,
    head_index: HashMap<String, usize>,
    head_patterns: Vec<Vec<usize>>,
    patterns: Vec<Pattern>,
    index: HashMap<(String, bool, String), usize>,
}

impl Builder {
    /// Adds a plain phrase reporting `target` (group, payload).
    fn add(
        &mut self,
        phrase: &str,
        case_sensitive: bool,
        target: (usize, usize),
    ) -> Result<(), PhraseError> {
        let folded = fold_phrase(phrase);
        let words = parse_words(&folded)?;
        let written = if case_sensitive {
            phrase.trim().to_string()
        } else {
            String::new()
        };
        let key = (folded, case_sensitive, written.clone());
        if let Some(&i) = self.index.get(&key) {
            if !self.patterns[i].targets.contains(&target) {
                self.patterns[i].targets.push(target);
            }
            return Ok(());
        }
        // The automaton gets the words up to and including the first prefix word.
        let split = words
            .iter()
            .position(|w| w.prefix)
            .map_or(words.len(), |p| p + 1);
        let head: Vec<&str> = words[..split].iter().map(|w| w.word.as_str()).collect();
        let head = head.join(" ");
        let starts_word = head.chars().next().is_some_and(is_word_char);
        self.index.insert(key, self.patterns.len());
        let h = match self.head_index.get(&head) {
            Some(&h) => h,
            None => {
                self.head_index.insert(head.clone(), self.heads.len());
                self.heads.push(head);
                self.head_patterns.push(Vec::new());
                self.heads.len() - 1
            }
        };
        self.head_patterns[h].push(self.patterns.len());
        self.patterns.push(Pattern {
            written,
            case_sensitive,
            head_prefix: words[split - 1].prefix,
            tail: words[split..].to_vec(),
            starts_word,
            targets: vec![target],
        });
        Ok(())
    }

    /// Builds the automaton of a set without patterns. `dense`: the set is
    /// scanned over whole texts where its heads match densely; its automaton
    /// reports every occurrence at once (overlapping search), which there
    /// costs less than a leftmost-longest scan with the heads inside each of
    /// its matches looked up.
    fn build(self, groups: usize, dense: bool) -> PhraseSet {
        let Builder {
            heads,
            head_index,
            head_patterns,
            patterns,
            ..
        } = self;
        let ac = if heads.is_empty() {
            None
        } else {
            let leftmost = !dense && heads.len() <= LEFTMOST_MAX_HEADS;
            let ac = AhoCorasickBuilder::new()
                .match_kind(if leftmost {
                    MatchKind::LeftmostLongest
                } else {
                    MatchKind::Standard
                })
                .kind(Some(AhoCorasickKind::DFA))
                // Anchored searches find the heads that start inside a match.
                .start_kind(if leftmost {
                    StartKind::Both
                } else {
                    StartKind::Unanchored
                })
                .build(&heads)
                .expect("phrase automaton fits in memory");
            let prefixes = heads
                .iter()
                .map(|h| {
                    (1..h.len())
                        .filter(|&k| h.is_char_boundary(k))
                        .filter_map(|k| head_index.get(&h[..k]).copied())
                        .collect()
                })
                .collect();
            let inner = if leftmost {
                inner_places(&ac, &heads)
            } else {
                Vec::new()
            };
            Some(Automata {
                inner,
                ac,
                head_patterns,
                prefixes,
                head_len: heads.iter().map(String::len).collect(),
                max_len: heads.iter().map(String::len).max().unwrap_or(0),
                leftmost,
                overlapping: dense,
                heads,
            })
        };
        PhraseSet {
            ac,
            patterns,
            groups,
            assemblies: Vec::new(),
            atoms: 0,
            scanned: Vec::new(),
            within_clause: false,
            satellite_patterns: Vec::new(),
            needed: Vec::new(),
            satellites: None,
        }
    }
}

impl PhraseSet {
    /// Compiles plain phrases. Phrases that fold to the same text are matched
    /// once and report every (group, payload) they were given with.
    pub fn new<'a>(
        specs: impl IntoIterator<Item = PhraseSpec<'a>>,
    ) -> Result<PhraseSet, (usize, PhraseError)> {
        PhraseSet::with_classes(specs, &Classes::default())
    }

    /// Compiles phrases and patterns (see [`crate::pattern`]); a pattern's
    /// `@class` is looked up in `classes`. A pattern ignores `case_sensitive`.
    ///
    /// The set is made to be scanned over any text: its automaton holds the
    /// phrases and each pattern's anchor (its rarest element); the patterns'
    /// other elements are looked for only around anchor matches.
    pub fn with_classes<'a>(
        specs: impl IntoIterator<Item = PhraseSpec<'a>>,
        classes: &Classes,
    ) -> Result<PhraseSet, (usize, PhraseError)> {
        PhraseSet::compile(specs, classes, Density::Sparse)
    }

    /// Like [`PhraseSet::with_classes`], for a set scanned over text where
    /// it matches densely (the cues, scanned only over texts about the
    /// topic): one overlapping search reports every occurrence of its
    /// phrases, and every pattern element without a function word goes into
    /// the automaton, so that only the elements with one ("is", "the") are
    /// looked for around anchor matches. The matches are the same.
    pub fn with_classes_dense<'a>(
        specs: impl IntoIterator<Item = PhraseSpec<'a>>,
        classes: &Classes,
    ) -> Result<PhraseSet, (usize, PhraseError)> {
        PhraseSet::compile(specs, classes, Density::Dense)
    }

    fn compile<'a>(
        specs: impl IntoIterator<Item = PhraseSpec<'a>>,
        classes: &Classes,
        density: Density,
    ) -> Result<PhraseSet, (usize, PhraseError)> {
        let specs: Vec<PhraseSpec<'a>> = specs.into_iter().collect();
        let groups = specs.iter().map(|s| s.group + 1).max().unwrap_or(0);
        let mut b = Builder::default();
        let mut atom_index: HashMap<Element, usize> = HashMap::new();
        let mut atom_phrases: Vec<Vec<String>> = Vec::new();
        let mut assemblies: Vec<Assembly> = Vec::new();
        let mut assembly_index: HashMap<String, usize> = HashMap::new();
        for (n, spec) in specs.iter().enumerate() {
            if !pattern::is_pattern(spec.phrase) {
                b.add(spec.phrase, spec.case_sensitive, (spec.group, spec.payload))
                    .map_err(|e| (n, e))?;
                continue;
            }
            validate_pattern(spec.phrase, classes).map_err(|e| (n, e))?;
            let key = spec.phrase.split_whitespace().collect::<Vec<_>>().join(" ");
            if let Some(&i) = assembly_index.get(&key) {
                let t = &mut assemblies[i].targets;
                if !t.contains(&(spec.group, spec.payload)) {
                    t.push((spec.group, spec.payload));
                }
                continue;
            }
            let parsed =
                pattern::parse(spec.phrase, classes).map_err(|e| (n, PhraseError::Pattern(e)))?;
            let atoms: Vec<usize> = parsed
                .elements
                .iter()
                .map(|e| {
                    *atom_index.entry(e.clone()).or_insert_with(|| {
                        atom_phrases.push(e.phrases(classes).to_vec());
                        atom_phrases.len() - 1
                    })
                })
                .collect();
            assembly_index.insert(key, assemblies.len());
            assemblies.push(Assembly {
                orders: parsed
                    .orders()
                    .into_iter()
                    .map(|o| o.into_iter().map(|(e, gap)| (atoms[e], gap)).collect())
                    .collect(),
                targets: vec![(spec.group, spec.payload)],
            });
        }
        // Each pattern is anchored on its rarest atom, which goes into the
        // main automaton with every atom that holds no function word; the
        // atoms with a function word ("is", "the", "no") that anchor nothing
        // are satellites, looked for only around anchor matches, so they cost
        // nothing elsewhere.
        let rarity: Vec<usize> = atom_phrases.iter().map(|p| atom_rarity(p)).collect();
        let words: Vec<usize> = atom_phrases
            .iter()
            .map(|p| {
                p.iter()
                    .map(|x| fold_phrase(x).split(' ').count())
                    .max()
                    .unwrap_or(1)
            })
            .collect();
        let anchors: Vec<usize> = assemblies
            .iter()
            .map(|a| {
                a.orders[0]
                    .iter()
                    .map(|&(atom, _)| atom)
                    .rev()
                    .max_by_key(|&atom| rarity[atom])
                    .expect("a pattern has an element")
            })
            .collect();
        let mut in_main: Vec<bool> = atom_phrases
            .iter()
            .map(|p| density == Density::Dense && !p.iter().any(|x| is_function_word(x)))
            .collect();
        for &anchor in &anchors {
            in_main[anchor] = true;
        }
        // The words around an anchor's match where satellites are looked for:
        // only for the patterns that have one, and on each side only as far
        // as the pattern's elements on that side may stand (one word more).
        let mut satellite_patterns: Vec<Vec<SatellitePattern>> =
            vec![Vec::new(); atom_phrases.len()];
        for (a, &anchor) in assemblies.iter().zip(&anchors) {
            if a.orders[0].iter().all(|&(atom, _)| in_main[atom]) {
                continue;
            }
            let mut needs: Vec<usize> = a.orders[0]
                .iter()
                .map(|&(atom, _)| atom)
                .filter(|&atom| atom != anchor && in_main[atom])
                .collect();
            needs.sort_unstable();
            needs.dedup();
            let (mut back, mut forward) = (0, 0);
            for order in &a.orders {
                for k in (0..order.len()).filter(|&k| order[k].0 == anchor) {
                    let before = order[..k]
                        .iter()
                        .map(|&(atom, gap)| words[atom] + gap)
                        .sum::<usize>()
                        + order[k].1;
                    let after = order[k + 1..]
                        .iter()
                        .map(|&(atom, gap)| words[atom] + gap)
                        .sum::<usize>();
                    back = back.max(before + 1);
                    forward = forward.max(after + 1);
                }
            }
            let p = SatellitePattern {
                needs,
                back,
                forward,
            };
            if !satellite_patterns[anchor].contains(&p) {
                satellite_patterns[anchor].push(p);
            }
        }
        let mut sat = Builder::default();
        for (a, phrases) in atom_phrases.iter().enumerate() {
            for p in phrases {
                // Class members were checked when the classes were read; an
                // invalid one is reported against the pattern that uses it.
                let n = specs.len();
                if in_main[a] {
                    b.add(p, false, (groups + a, 0)).map_err(|e| (n, e))?;
                } else {
                    sat.add(p, false, (a, 0)).map_err(|e| (n, e))?;
                }
            }
        }
        let mut set = b.build(groups, density == Density::Dense);
        set.atoms = atom_phrases.len();
        set.assemblies = assemblies;
        set.needed = vec![false; atom_phrases.len()];
        for p in satellite_patterns.iter().flatten() {
            for &n in &p.needs {
                set.needed[n] = true;
            }
        }
        set.satellite_patterns = satellite_patterns;
        set.scanned = in_main;
        // Elements are joined only across words (a gap stops at the end of a
        // sentence or clause), so a pattern whose elements hold no such end
        // matches inside one clause.
        set.within_clause = atom_phrases
            .iter()
            .flatten()
            .all(|p| !fold_phrase(p).contains(CLAUSE_ENDS));
        if !sat.patterns.is_empty() {
            // Function words match every few bytes in the windows where
            // they are sought: one overlapping search there.
            set.satellites = Some(Box::new(sat.build(set.atoms, true)));
        }
        Ok(set)
    }

    /// The same set with a standard-semantics automaton (as large sets get).
    #[cfg(test)]
    fn with_standard_semantics(mut self) -> PhraseSet {
        if let Some(ac) = &mut self.ac {
            ac.ac = AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&ac.heads)
                .expect("automaton");
            ac.leftmost = false;
        }
        self
    }

    /// The folded phrases the set's one automaton scans the text for: the
    /// plain phrases (up to their first `word*`) and the atoms that anchor its
    /// patterns. A benchmark's yardstick scans for the same strings.
    pub fn scanned_phrases(&self) -> &[String] {
        self.ac.as_ref().map_or(&[], |a| &a.heads)
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
        if pat.starts_word && !may_start_at(text, start) {
            return None;
        }
        let mut end = end;
        let last_word = text[start..end]
            .chars()
            .next_back()
            .is_some_and(is_word_char);
        if pat.head_prefix {
            end = word_end(text, end);
        } else if last_word && !may_end_at(text, end) {
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
            } else if !may_end_at(text, end) {
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

    /// Whether any phrase of the set is in `folded`: what `!find(..).is_empty()`
    /// says, but a scan stops at the first plain phrase it finds.
    pub fn is_match(&self, folded: &Folded, original: &str) -> bool {
        let original = |s: usize, e: usize| {
            let (os, oe) = (folded.map.start(s), folded.map.end(e));
            original.get(os..oe).unwrap_or("")
        };
        let mut cands = Vec::new();
        self.scan(
            &folded.text,
            0..folded.text.len(),
            &original,
            &mut cands,
            true,
        ) || (!self.assemblies.is_empty()
            && !self.complete(&folded.text, cands, &original).is_empty())
    }

    /// Finds all phrases in an already folded text whose original is not at
    /// hand (case-sensitive phrases then never match). Used for modifiers.
    pub fn find_folded(&self, text: &str) -> Vec<Hit> {
        self.find_in(text, |_, _| "")
    }

    /// Finds every phrase occurrence that starts within `window` (a match of
    /// the scan) and adds the hits: at each position, the longest head and the
    /// heads that are its prefixes.
    ///
    /// `first` is the head of the scan match (for a leftmost-longest scan,
    /// the window is that match: the longest head at its start).
    fn collect<'t>(
        &self,
        ac: &Automata,
        text: &str,
        window: (usize, usize),
        first: usize,
        original: &impl Fn(usize, usize) -> &'t str,
        cands: &mut Vec<Hit>,
    ) {
        if !ac.leftmost {
            // Standard semantics: every occurrence, overlapping, that starts
            // in the window (the search runs a little past it so that an
            // occurrence starting inside can end outside).
            let end = (window.1 + ac.max_len).min(text.len());
            for m in ac
                .ac
                .find_overlapping_iter(Input::new(text).range(window.0..end))
            {
                if m.start() < window.1 {
                    self.push_head(ac, m.pattern().as_usize(), text, m.start(), original, cands);
                }
            }
            return;
        }
        // The window is a scan match: the longest head at its start (the
        // scan's own match), then the heads at each place inside it where
        // one may start, known in advance; an anchored search in the text
        // only where a head may run past the match.
        let end = (window.1 + ac.max_len).min(text.len());
        let p0 = window.0;
        for (p, longest) in
            std::iter::once((p0, Some(first))).chain(ac.inner[first].iter().map(|inner| {
                let p = p0 + inner.offset;
                let longest = if inner.runs_past {
                    ac.ac
                        .find(Input::new(text).range(p..end).anchored(Anchored::Yes))
                        .map(|m| m.pattern().as_usize())
                } else {
                    inner.longest
                };
                (p, longest)
            }))
        {
            if let Some(longest) = longest {
                for h in std::iter::once(longest).chain(ac.prefixes[longest].iter().copied()) {
                    self.push_head(ac, h, text, p, original, cands);
                }
            }
        }
    }

    /// Verifies the phrases of head `h` found at `p` and adds the hits.
    fn push_head<'t>(
        &self,
        ac: &Automata,
        h: usize,
        text: &str,
        p: usize,
        original: &impl Fn(usize, usize) -> &'t str,
        cands: &mut Vec<Hit>,
    ) {
        for &pi in &ac.head_patterns[h] {
            let pat = &self.patterns[pi];
            let Some(end) = self.verify(pat, text, p, p + ac.head_len[h]) else {
                continue;
            };
            if pat.case_sensitive && original(p, end) != pat.written {
                continue;
            }
            for &(group, payload) in &pat.targets {
                cands.push(Hit {
                    start: p,
                    end,
                    group,
                    payload,
                });
            }
        }
    }

    fn find_in<'t>(&self, text: &str, original: impl Fn(usize, usize) -> &'t str) -> Vec<Hit> {
        self.find_in_range(text, 0..text.len(), &original)
    }

    /// The hits of plain phrases (and atoms) in `range` of `text`, before
    /// selection.
    ///
    /// With `stop`, the scan stops at the first match of the scan that adds
    /// a hit of a user group (not a pattern atom), and says so.
    fn scan<'t>(
        &self,
        text: &str,
        range: std::ops::Range<usize>,
        original: &impl Fn(usize, usize) -> &'t str,
        cands: &mut Vec<Hit>,
        stop: bool,
    ) -> bool {
        let Some(ac) = &self.ac else {
            return false;
        };
        // The leftmost-longest scan reports, from where it stands, the
        // leftmost match at or after it, then resumes at that match's end. So
        // no occurrence of a head can start in a gap between two reported
        // matches (it would have been reported): every occurrence starts
        // inside a reported match, and looking at each start position there
        // finds them all, at the cost of one fast pass over the text.
        // With standard semantics the scan reports, from where it stands, the
        // match that ends first, so an occurrence can also start up to
        // `max_len` before a reported match: the windows reach back that far
        // (and never overlap, so no occurrence is found twice).
        if ac.overlapping {
            // Every occurrence of every head, at once.
            for m in ac.ac.find_overlapping_iter(Input::new(text).range(range)) {
                let before = cands.len();
                self.push_head(ac, m.pattern().as_usize(), text, m.start(), original, cands);
                if stop && cands[before..].iter().any(|h| h.group < self.groups) {
                    return true;
                }
            }
            return false;
        }
        let mut done = range.start;
        for m in ac.ac.find_iter(Input::new(text).range(range)) {
            let start = if ac.leftmost {
                m.start()
            } else {
                m.start().saturating_sub(ac.max_len).max(done)
            };
            let start = (start..=m.start())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(m.start());
            let before = cands.len();
            self.collect(
                ac,
                text,
                (start, m.end()),
                m.pattern().as_usize(),
                original,
                cands,
            );
            if stop && cands[before..].iter().any(|h| h.group < self.groups) {
                return true;
            }
            done = m.end();
        }
        false
    }

    fn find_in_range<'t>(
        &self,
        text: &str,
        range: std::ops::Range<usize>,
        original: &impl Fn(usize, usize) -> &'t str,
    ) -> Vec<Hit> {
        let mut cands: Vec<Hit> = Vec::new();
        self.scan(text, range, original, &mut cands, false);
        self.complete(text, cands, original)
    }

    /// The hits, from the candidates of a scan of `text`: patterns assembled
    /// (their satellites looked for), then leftmost-longest selection.
    fn complete<'t>(
        &self,
        text: &str,
        cands: Vec<Hit>,
        original: &impl Fn(usize, usize) -> &'t str,
    ) -> Vec<Hit> {
        if self.assemblies.is_empty() {
            return select_leftmost_longest(cands, self.groups);
        }
        let (mut user, mut atom_hits): (Vec<Hit>, Vec<Hit>) =
            cands.into_iter().partition(|h| h.group < self.groups);
        // A pattern can match only where every element the automaton scans
        // for matched: when no pattern has them all, there is nothing to
        // assemble (and no satellite to look for).
        let mut matched = vec![false; self.atoms];
        for h in &atom_hits {
            matched[h.group - self.groups] = true;
        }
        let viable = self.assemblies.iter().any(|a| {
            a.orders[0]
                .iter()
                .all(|&(atom, _)| matched[atom] || !self.scanned[atom])
        });
        if !viable {
            return select_leftmost_longest(user, self.groups);
        }
        if let Some(sat) = &self.satellites {
            // Satellite atoms are looked for in the words around anchor
            // matches. `starts`: where each atom a satellite pattern needs
            // matched, sorted.
            let mut starts: Vec<(usize, usize)> = atom_hits
                .iter()
                .map(|h| (h.group - self.groups, h.start))
                .filter(|&(atom, _)| self.needed[atom])
                .collect();
            starts.sort_unstable();
            let present = |atom: usize, (a, b): (usize, usize)| {
                let i = starts.partition_point(|&x| x < (atom, a));
                starts.get(i).is_some_and(|&(at, s)| at == atom && s < b)
            };
            let mut windows: Vec<(usize, usize)> = Vec::new();
            let (mut before, mut after) = (Vec::new(), Vec::new());
            // Where clauses end, to rule out a pattern whose other scanned
            // elements are not in the anchor's clause before walking words
            // (found when the first anchor with satellite patterns needs them).
            let mut ends: Option<Vec<usize>> = None;
            for h in &atom_hits {
                let patterns = &self.satellite_patterns[h.group - self.groups];
                if patterns.is_empty() {
                    continue;
                }
                if self.within_clause {
                    let ends = ends.get_or_insert_with(|| {
                        let b = text.as_bytes();
                        let mut v: Vec<usize> = memchr::memchr3_iter(b'.', b';', b'\n', b)
                            .chain(memchr::memchr2_iter(b'!', b'?', b))
                            .collect();
                        v.sort_unstable();
                        v
                    });
                    let i = ends.partition_point(|&e| e < h.start);
                    let clause = (
                        i.checked_sub(1).map_or(0, |j| ends[j] + 1),
                        ends.get(i).copied().unwrap_or(text.len()),
                    );
                    if !patterns
                        .iter()
                        .any(|p| p.needs.iter().all(|&n| present(n, clause)))
                    {
                        continue;
                    }
                }
                let back = patterns.iter().map(|p| p.back).max().unwrap_or(0);
                let forward = patterns.iter().map(|p| p.forward).max().unwrap_or(0);
                pattern::word_bounds_back(text, h.start, back, &mut before);
                pattern::word_bounds_forward(text, h.end, forward, &mut after);
                // Each pattern's own window, where its other anchored atoms
                // match inside it (it cannot match elsewhere).
                for p in patterns {
                    let window = (before[p.back], after[p.forward]);
                    if p.needs.iter().all(|&n| present(n, window)) {
                        windows.push(window);
                    }
                }
            }
            windows.sort_unstable();
            let mut merged: Vec<(usize, usize)> = Vec::new();
            for (a, b) in windows {
                match merged.last_mut() {
                    Some(last) if a <= last.1 => last.1 = last.1.max(b),
                    _ => merged.push((a, b)),
                }
            }
            let mut sat_hits = Vec::new();
            for (a, b) in merged {
                sat.scan(text, a..b, original, &mut sat_hits, false);
            }
            atom_hits.extend(sat_hits.into_iter().map(|h| Hit {
                group: self.groups + h.group,
                ..h
            }));
        }
        // Each atom's matches, leftmost-longest, as sorted spans.
        // Laid out atom after atom in one array (a counting sort keeps each
        // atom's matches in text order): atom `a` has `flat[at[a]..at[a + 1]]`.
        let selected = select_leftmost_longest(atom_hits, self.groups + self.atoms);
        let mut at = vec![0usize; self.atoms + 1];
        for h in &selected {
            at[h.group - self.groups + 1] += 1;
        }
        for a in 0..self.atoms {
            at[a + 1] += at[a];
        }
        let mut flat = vec![(0usize, 0usize); selected.len()];
        let mut next = at.clone();
        for h in &selected {
            let a = h.group - self.groups;
            flat[next[a]] = (h.start, h.end);
            next[a] += 1;
        }
        let spans = |atom: usize| &flat[at[atom]..at[atom + 1]];
        let mut found = Vec::new();
        let mut atoms: Vec<&[(usize, usize)]> = Vec::new();
        for a in &self.assemblies {
            found.clear();
            for order in &a.orders {
                if order.iter().any(|&(atom, _)| spans(atom).is_empty()) {
                    continue;
                }
                atoms.clear();
                atoms.extend(order.iter().map(|&(atom, _)| spans(atom)));
                pattern::assemble(text, order, &atoms, &mut found);
            }
            found.sort_unstable();
            found.dedup();
            for &(start, end) in &found {
                for &(group, payload) in &a.targets {
                    user.push(Hit {
                        start,
                        end,
                        group,
                        payload,
                    });
                }
            }
        }
        select_leftmost_longest(user, self.groups)
    }
}

/// The characters a gap between two pattern elements cannot hold
/// ([`pattern::words_between`]).
const CLAUSE_ENDS: [char; 5] = ['.', '!', '?', ';', '\n'];

/// Frequent words of the built-in languages: a pattern atom with one of them
/// (or a word of at most two letters) is never an anchor.
const FREQUENT: &[&str] = &[
    "a", "an", "the", "of", "to", "and", "or", "in", "on", "at", "by", "for", "with", "as", "is",
    "are", "be", "been", "was", "were", "that", "this", "these", "those", "it", "its", "not", "no",
    "all", "any", "new", "must", "should", "will", "would", "can", "may", "also", "has", "have",
    "had", "de", "la", "el", "los", "las", "del", "en", "y", "o", "que", "se", "un", "una", "por",
    "con", "es", "son", "ser", "le", "les", "des", "du", "et", "ou", "est", "sont", "etre", "pour",
    "pas", "dans", "sur", "une", "au", "aux", "ne", "nous", "we", "our",
];

/// The frequent words above that are still rare enough to be scanned for in
/// every text (a match every few hundred bytes, not every few bytes): an atom
/// made of them goes into the main automaton.
const COMMON: &[&str] = &[
    "new", "all", "any", "also", "must", "should", "will", "would", "can", "may", "has", "have",
    "had", "these", "those", "we", "our", "nous",
];

/// Whether a phrase is a function word: at most two letters, or frequent
/// and not merely common.
fn is_function_word(phrase: &str) -> bool {
    let f = fold_phrase(phrase);
    let stem = f.trim_end_matches('*');
    stem.chars().count() <= 2 || (FREQUENT.contains(&stem) && !COMMON.contains(&stem))
}

/// How rare an atom's phrases are, by the least rare one: 0 for a frequent
/// word or a word of at most two letters, else its length in characters (one
/// less for a `word*`).
fn atom_rarity(phrases: &[String]) -> usize {
    phrases
        .iter()
        .map(|p| {
            let f = fold_phrase(p);
            let stem = f.trim_end_matches('*');
            let len = stem.chars().count();
            if len <= 2 || FREQUENT.contains(&stem) {
                0
            } else {
                // A word written `word*` matches more words than its stem.
                len - usize::from(stem.len() < f.len())
            }
        })
        .min()
        .unwrap_or(0)
}

/// Keeps, per group, the leftmost-longest non-overlapping matches.
fn select_leftmost_longest(mut cands: Vec<Hit>, groups: usize) -> Vec<Hit> {
    if cands.len() <= 1 {
        return cands;
    }
    // The keys order hits completely (equal keys are equal hits), so any
    // sort gives the same order; scans add hits nearly in order (by where
    // their head ends), which a stable sort's run detection makes cheap.
    cands.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.group, h.payload));
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
    // Within a group, kept hits do not overlap: (start, group, payload)
    // orders them completely but for equal hits. They are sorted by start
    // already: only the hits that share a start are reordered.
    for run in out.chunk_by_mut(|a, b| a.start == b.start) {
        if run.len() > 1 {
            run.sort_unstable_by_key(|h| (h.group, h.payload, h.end));
        }
    }
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
    fn chinese_and_arabic_word_boundaries() {
        // Han characters are words: a phrase matches inside a run of them.
        let s = set(&[("法律约束力", 0), ("文书", 0)]);
        assert_eq!(
            found(&s, "具有法律约束力的文书"),
            vec![("法 律 约 束 力".into(), 0), ("文 书".into(), 1)]
        );
        // Arabic proclitics written together with the word.
        let s = set(&[("الاسلحه", 0), ("صك", 1), ("امم المتحده", 2)]);
        let got: Vec<usize> = found(&s, "والأسلحة بالصك للأمم المتحدة")
            .iter()
            .map(|h| h.1)
            .collect();
        assert_eq!(got, [0, 1, 2]);
        // ... but not any letters: "صكوك" is not "صك", "مصك" has no proclitic.
        assert!(found(&s, "صكوك مصك تالاسلحه").is_empty());
        // Cyrillic words keep their boundaries.
        let s = set(&[("запрет", 0)]);
        assert!(found(&s, "незапретный").is_empty());
        assert_eq!(found(&s, "Запрет").len(), 1);
    }

    #[test]
    fn word_chars_are_letters_and_digits() {
        for c in (0..0xa000u32).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
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

    /// A slow reference: every occurrence of every head by plain substring
    /// search, verified the same way, then the same selection.
    fn reference(set: &PhraseSet, text: &str) -> Vec<Hit> {
        let Some(ac) = &set.ac else { return Vec::new() };
        let mut cands = Vec::new();
        for (h, pats) in ac.head_patterns.iter().enumerate() {
            let head = &ac.heads[h];
            for (p, _) in text.match_indices(head.as_str()) {
                for &pi in pats {
                    let pat = &set.patterns[pi];
                    if let Some(end) = set.verify(pat, text, p, p + head.len()) {
                        for &(group, payload) in &pat.targets {
                            cands.push(Hit {
                                start: p,
                                end,
                                group,
                                payload,
                            });
                        }
                    }
                }
            }
        }
        select_leftmost_longest(cands, set.groups)
    }

    proptest::proptest! {
        #[test]
        fn windowed_search_finds_what_a_plain_search_finds(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "legally", "binding", "instrument", "instruments", "ban", "banner", "treaty", "new",
                    "no", "legal", "gap", "autonomous", "weapons", "systems", "the", "a", "of", "-", ",",
                    "prohibit", "prohibition", "prohibitions", "on", "x",
                ]),
                0..60,
            ),
            seps in proptest::collection::vec(proptest::sample::select(vec![" ", "", " ", "  "]), 60),
        ) {
            let phrases = [
                ("legally binding", 0), ("legally binding instrument*", 0), ("binding instrument", 0),
                ("ban", 0), ("new treaty", 0), ("treaty", 1), ("no legal gap", 1), ("legal", 1),
                ("autonomous weapon* system*", 2), ("autonomous weapons", 2), ("prohibit*", 0),
                ("prohibition of", 1), ("a", 2), ("of the", 2),
            ];
            let text: String = words.iter().zip(&seps).map(|(w, s)| format!("{w}{s}")).collect();
            let folded = fold(&text);
            for leftmost in [true, false] {
                let mut set = set(&phrases);
                if !leftmost {
                    set = set.with_standard_semantics();
                }
                let got = set.find(&folded, &text);
                proptest::prop_assert_eq!(set.is_match(&folded, &text), !got.is_empty());
                let want = reference(&set, &folded.text);
                proptest::prop_assert_eq!(got, want, "leftmost: {}", leftmost);
            }
            // A dense set (one overlapping search) finds the same.
            let dense = PhraseSet::with_classes_dense(
                phrases.iter().enumerate().map(|(i, (p, g))| PhraseSpec {
                    phrase: p,
                    case_sensitive: p.chars().any(|c| c.is_uppercase()),
                    group: *g,
                    payload: i,
                }),
                &Classes::default(),
            )
            .unwrap();
            let got = dense.find(&folded, &text);
            proptest::prop_assert_eq!(dense.is_match(&folded, &text), !got.is_empty());
            proptest::prop_assert_eq!(got, set(&phrases).find(&folded, &text), "dense");
        }
    }

    /// Patterns: (pattern, text, the matched texts).
    #[test]
    fn patterns_match_classes_gaps_and_either_order() {
        let classes = Classes::new([
            (
                "binding".to_string(),
                vec!["legally binding".into(), "binding".into()],
            ),
            (
                "rules".to_string(),
                vec!["rules".into(), "instrument*".into(), "prohibitions".into()],
            ),
        ]);
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "@binding @rules",
                "a legally binding instrument",
                &["legally binding instrument"],
            ),
            (
                "@binding ~3 @rules",
                "binding and enforceable prohibitions",
                &["binding and enforceable prohibitions"],
            ),
            (
                "@binding ~1 @rules",
                "binding and enforceable prohibitions",
                &[],
            ),
            (
                "@binding <~3> @rules",
                "rules that are binding",
                &["rules that are binding"],
            ),
            ("@binding ~3 @rules", "rules that are binding", &[]),
            ("@binding ~3 @rules", "binding. Rules", &[]),
            ("@binding ~3 @rules", "binding; rules", &[]),
            (
                "seek* ~2 @binding ~2 @rules",
                "it seeks truly binding rules",
                &["seeks truly binding rules"],
            ),
            (
                "@binding <~2> @rules",
                "rules, binding rules",
                &["rules, binding"],
            ),
            (
                "@rules",
                "Instruments and prohibitions",
                &["Instruments", "prohibitions"],
            ),
        ];
        for (pattern, text, want) in cases {
            let set = PhraseSet::with_classes(
                [PhraseSpec {
                    phrase: pattern,
                    case_sensitive: false,
                    group: 0,
                    payload: 0,
                }],
                &classes,
            )
            .unwrap();
            let f = fold(text);
            let got: Vec<&str> = set
                .find(&f, text)
                .iter()
                .map(|h| &text[f.map.start(h.start)..f.map.end(h.end)])
                .collect();
            assert_eq!(&got, want, "{pattern} in {text:?}");
        }
    }

    proptest::proptest! {
        /// Patterns anchored on their rarest atom, with the frequent atoms
        /// looked for only around anchors, find what assembling from every
        /// atom's matches over the whole text finds.
        #[test]
        fn anchored_patterns_find_what_a_whole_text_assembly_finds(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "legally", "binding", "rules", "the", "are", "is", "a", "new", "treaty", "that", "of",
                    "instrument", "instruments", "not", ".", ",", "must", "be", "prohibited", "x", "y",
                    "no",
                ]),
                0..80,
            ),
        ) {
            let classes = Classes::new([
                ("binding".to_string(), vec!["legally binding".into(), "binding".into()]),
                ("inst".to_string(), vec!["rules".into(), "instrument*".into(), "treaty".into()]),
                ("be".to_string(), vec!["is".into(), "are".into(), "be".into()]),
                ("new".to_string(), vec!["new".into(), "a".into()]),
            ]);
            let patterns = [
                "@binding <~3> @inst", "@new ~1 @inst", "@inst ~4 @be ~1 @binding", "must ~1 be prohibited",
                "the ~2 @inst", "@be not", "prohibited ~2 @be", "no ~3 @new @inst",
            ];
            let text = words.join(" ");
            let folded = fold(&text);
            let specs = || patterns.iter().enumerate().map(|(i, p)| PhraseSpec {
                phrase: p,
                case_sensitive: false,
                group: 0,
                payload: i,
            });
            let sparse = PhraseSet::with_classes(specs(), &classes).unwrap();
            let dense = PhraseSet::with_classes_dense(specs(), &classes).unwrap();
            let got = sparse.find(&folded, &text);
            proptest::prop_assert_eq!(&dense.find(&folded, &text), &got, "dense and sparse differ");
            proptest::prop_assert_eq!(sparse.is_match(&folded, &text), !got.is_empty());
            // Reference: each pattern's atoms matched over the whole text by
            // a plain set of their own, then assembled.
            let mut want = Vec::new();
            for (i, p) in patterns.iter().enumerate() {
                let parsed = pattern::parse(p, &classes).unwrap();
                let spans: Vec<Vec<(usize, usize)>> = parsed
                    .elements
                    .iter()
                    .map(|e| {
                        let phrases: Vec<String> = match e {
                            Element::Class(c) => classes.get(c).unwrap().to_vec(),
                            Element::Literal(l) => vec![l.clone()],
                        };
                        let plain = PhraseSet::new(phrases.iter().map(|x| PhraseSpec {
                            phrase: x,
                            case_sensitive: false,
                            group: 0,
                            payload: 0,
                        }))
                        .unwrap();
                        plain.find_folded(&folded.text).iter().map(|h| (h.start, h.end)).collect()
                    })
                    .collect();
                let mut found = Vec::new();
                for order in parsed.orders() {
                    let atoms: Vec<&[(usize, usize)]> =
                        order.iter().map(|&(e, _)| spans[e].as_slice()).collect();
                    pattern::assemble(&folded.text, &order, &atoms, &mut found);
                }
                found.sort_unstable();
                found.dedup();
                want.extend(found.into_iter().map(|(start, end)| Hit { start, end, group: 0, payload: i }));
            }
            let want = select_leftmost_longest(want, 1);
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn bad_phrases() {
        assert_eq!(validate_phrase("  "), Err(PhraseError::Empty));
        assert_eq!(validate_phrase("a*b"), Err(PhraseError::Wildcard));
        assert_eq!(validate_phrase("a *"), Err(PhraseError::BareWildcard));
        assert!(validate_phrase("(a|b)").is_ok());
    }
}
