//! Patterns: word classes and sequences with bounded gaps.
//!
//! A lexicon phrase is either a plain phrase (`legally binding instrument*`) or
//! a *pattern* built from three kinds of token, separated by spaces:
//!
//! * `@name`: any member of the word class `name` (declared in the lexicon's
//!   `[classes]` table, each member itself a plain phrase such as `binding`,
//!   `legally binding` or `prohibit*`);
//! * literal words, as in a plain phrase (`seek*`, `the`);
//! * gaps: `~N` lets up to `N` words stand between the tokens either side of it,
//!   in that order; `<~N>` does the same and also lets the two sides swap
//!   (`@binding <~3> @rules` finds "binding rules", "binding and enforceable
//!   rules" and "rules that are binding"). A pattern holds at most one `<~N>`.
//!
//! Tokens written next to each other without a gap must be adjacent in the
//! text. A pattern never crosses a sentence end: a gap stops at `.`, `!`, `?`,
//! `;` and paragraph breaks.
//!
//! Patterns compile into the same Aho-Corasick automaton as plain phrases (see
//! [`crate::matcher`]): every distinct element (a class or a run of literal
//! words) is an *atom* whose phrases are matched in the one pass; a pattern is
//! then assembled from the atoms' matches with a binary search per step.

use std::collections::BTreeMap;

/// The largest gap a pattern may declare, in words.
pub const MAX_GAP: usize = 12;

/// Named word classes, in the order the lexicon declares them.
#[derive(Debug, Clone, Default)]
pub struct Classes {
    members: BTreeMap<String, Vec<String>>,
}

impl Classes {
    /// Classes from (name, members) pairs.
    pub fn new(classes: impl IntoIterator<Item = (String, Vec<String>)>) -> Classes {
        Classes {
            members: classes.into_iter().collect(),
        }
    }

    /// The members of class `name`.
    pub fn get(&self, name: &str) -> Option<&[String]> {
        self.members.get(name).map(Vec::as_slice)
    }

    /// Every class name with its members, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.members.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Whether no class is declared.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

/// One element of a pattern: what the text must hold at that place.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Element {
    /// Any member of a word class.
    Class(String),
    /// Literal words, as a plain phrase.
    Literal(String),
}

impl Element {
    /// The phrases the element matches: a class's members, or its literal
    /// words.
    pub fn phrases<'a>(&'a self, classes: &'a Classes) -> &'a [String] {
        match self {
            Element::Class(c) => classes.get(c).unwrap_or_default(),
            Element::Literal(l) => std::slice::from_ref(l),
        }
    }
}

/// A parsed pattern: elements, the gap allowed before each (the first's is 0),
/// and where the side that may swap begins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The elements in written order.
    pub elements: Vec<Element>,
    /// `gaps[i]`: words allowed between element `i - 1` and element `i`.
    pub gaps: Vec<usize>,
    /// With `<~N>`: the index of the first element of the right-hand side.
    pub swap: Option<usize>,
}

impl Parsed {
    /// The element orders the pattern matches: written order, and with `<~N>`
    /// also right side first. Each is a list of (element index, gap before).
    pub fn orders(&self) -> Vec<Vec<(usize, usize)>> {
        let written: Vec<(usize, usize)> = self.gaps.iter().copied().enumerate().collect();
        let mut out = vec![written.clone()];
        if let Some(s) = self.swap {
            let mut swapped: Vec<(usize, usize)> = written[s..].to_vec();
            swapped[0].1 = 0;
            swapped.push((0, self.gaps[s]));
            swapped.extend(written[1..s].iter().copied());
            out.push(swapped);
        }
        out
    }
}

/// Why a pattern cannot be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// `@name` names no declared class.
    UnknownClass(String),
    /// A gap is not `~N` / `<~N>` with N a whole number up to [`MAX_GAP`].
    BadGap(String),
    /// A gap stands first, last or next to another gap.
    GapPlacement,
    /// More than one `<~N>`.
    TwoSwaps,
    /// `@` with no name.
    EmptyClass,
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PatternError::UnknownClass(c) => write!(f, "unknown word class `@{c}`"),
            PatternError::BadGap(g) => write!(
                f,
                "bad gap `{g}`: write `~N` or `<~N>` with N a whole number from 0 to {MAX_GAP}"
            ),
            PatternError::GapPlacement => {
                write!(f, "a gap must stand between two words or classes")
            }
            PatternError::TwoSwaps => write!(f, "a pattern can hold only one `<~N>`"),
            PatternError::EmptyClass => write!(f, "`@` must be followed by a class name"),
        }
    }
}

/// Whether `phrase` is written as a pattern (holds a `@class` or a gap token).
pub fn is_pattern(phrase: &str) -> bool {
    phrase
        .split_whitespace()
        .any(|t| t.starts_with('@') || is_gap_token(t))
}

fn is_gap_token(t: &str) -> bool {
    t.starts_with('~') || (t.starts_with("<~") && t.ends_with('>'))
}

fn parse_gap(t: &str) -> Result<(usize, bool), PatternError> {
    let (n, swap) = match t.strip_prefix("<~").and_then(|r| r.strip_suffix('>')) {
        Some(n) => (n, true),
        None => (t.trim_start_matches('~'), false),
    };
    match n.parse::<usize>() {
        Ok(n) if n <= MAX_GAP && t.matches('~').count() == 1 => Ok((n, swap)),
        _ => Err(PatternError::BadGap(t.to_string())),
    }
}

/// Parses a pattern; classes are checked against `classes`.
pub fn parse(phrase: &str, classes: &Classes) -> Result<Parsed, PatternError> {
    let mut elements: Vec<Element> = Vec::new();
    let mut gaps: Vec<usize> = Vec::new();
    let mut swap = None;
    // The gap before the next element: None right after an element (the next
    // one is adjacent), Some after a gap token.
    let mut pending: Option<usize> = None;
    let mut literal: Vec<&str> = Vec::new();
    let flush = |literal: &mut Vec<&str>,
                 elements: &mut Vec<Element>,
                 gaps: &mut Vec<usize>,
                 pending: &mut Option<usize>| {
        if !literal.is_empty() {
            gaps.push(if elements.is_empty() {
                0
            } else {
                pending.take().unwrap_or(0)
            });
            elements.push(Element::Literal(literal.join(" ")));
            literal.clear();
        }
    };
    for t in phrase.split_whitespace() {
        if is_gap_token(t) {
            let (n, s) = parse_gap(t)?;
            flush(&mut literal, &mut elements, &mut gaps, &mut pending);
            if elements.is_empty() || pending.is_some() {
                return Err(PatternError::GapPlacement);
            }
            if s {
                if swap.is_some() {
                    return Err(PatternError::TwoSwaps);
                }
                swap = Some(elements.len());
            }
            pending = Some(n);
        } else if let Some(name) = t.strip_prefix('@') {
            flush(&mut literal, &mut elements, &mut gaps, &mut pending);
            if name.is_empty() {
                return Err(PatternError::EmptyClass);
            }
            if classes.get(name).is_none() {
                return Err(PatternError::UnknownClass(name.to_string()));
            }
            gaps.push(if elements.is_empty() {
                0
            } else {
                pending.take().unwrap_or(0)
            });
            elements.push(Element::Class(name.to_string()));
        } else {
            if pending.is_some() && !literal.is_empty() {
                flush(&mut literal, &mut elements, &mut gaps, &mut pending);
            }
            literal.push(t);
        }
    }
    flush(&mut literal, &mut elements, &mut gaps, &mut pending);
    if pending.is_some() {
        return Err(PatternError::GapPlacement);
    }
    Ok(Parsed {
        elements,
        gaps,
        swap,
    })
}

/// Counts the words in `text[from..to]` (a gap of folded text), or `None`
/// when it holds a sentence or clause end (`.`, `!`, `?`, `;`, a paragraph
/// break) or more than `limit` words.
pub fn words_between(text: &str, from: usize, to: usize, limit: usize) -> Option<usize> {
    let span = text.get(from..to)?;
    let bytes = span.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII is read a byte at a time; anything else a character at a time.
        let c = match bytes[i] {
            b if b < 0x80 => b as char,
            _ => span[i..].chars().next().expect("i < len"),
        };
        i += c.len_utf8();
        if c.is_alphanumeric() {
            if !in_word {
                words += 1;
                if words > limit {
                    return None;
                }
            }
            in_word = true;
        } else {
            if matches!(c, '.' | '!' | '?' | ';' | '\n') {
                return None;
            }
            in_word = false;
        }
    }
    Some(words)
}

/// Whether the character ending at byte `i` is a letter or digit, and where
/// it starts (ASCII is read a byte at a time).
#[inline]
fn char_before(text: &str, i: usize) -> (usize, bool) {
    match text.as_bytes()[i - 1] {
        b if b < 0x80 => (i - 1, b.is_ascii_alphanumeric()),
        _ => {
            let c = text[..i].chars().next_back().expect("i > 0");
            (i - c.len_utf8(), c.is_alphanumeric())
        }
    }
}

/// Whether the character starting at byte `i` is a letter or digit, and its
/// length.
#[inline]
fn char_at(text: &str, i: usize) -> (usize, bool) {
    match text.as_bytes()[i] {
        b if b < 0x80 => (1, b.is_ascii_alphanumeric()),
        _ => {
            let c = text[i..].chars().next().expect("i < len");
            (c.len_utf8(), c.is_alphanumeric())
        }
    }
}

/// Walking back from `pos`, the start of each word walked through: first the
/// word that holds `pos` or ends before it, then the one before, and so on.
fn starts_back(text: &str, pos: usize) -> impl Iterator<Item = usize> + '_ {
    let (mut i, mut in_word) = (pos, false);
    std::iter::from_fn(move || {
        while i > 0 {
            let (start, w) = char_before(text, i);
            let left_word = in_word && !w;
            let at = i;
            in_word = w;
            i = start;
            if left_word {
                return Some(at);
            }
        }
        // A word that starts the text.
        std::mem::take(&mut in_word).then_some(0)
    })
}

/// Walking forward from `pos`, the start of each word after the first (the
/// first is the word that holds `pos` or starts after it).
fn starts_forward(text: &str, pos: usize) -> impl Iterator<Item = usize> + '_ {
    let (mut i, mut in_word, mut words) = (pos, false, 0);
    std::iter::from_fn(move || {
        while i < text.len() {
            let (len, w) = char_at(text, i);
            let entered = w && !in_word;
            let at = i;
            in_word = w;
            i += len;
            if entered {
                words += 1;
                if words >= 2 {
                    return Some(at);
                }
            }
        }
        None
    })
}

/// The position `n` words before `pos` (the start of the `n`-th word before
/// it), or the start of the text.
pub fn words_back(text: &str, pos: usize, n: usize) -> usize {
    starts_back(text, pos).nth(n).unwrap_or(0)
}

/// The position `n` words after `pos` (the end of the `n`-th word after it),
/// or the end of the text.
pub fn words_forward(text: &str, pos: usize, n: usize) -> usize {
    starts_forward(text, pos).nth(n).unwrap_or(text.len())
}

/// `out[n]` = [`words_back`]`(text, pos, n)` for every `n` up to `max`, in
/// one walk.
pub fn word_bounds_back(text: &str, pos: usize, max: usize, out: &mut Vec<usize>) {
    out.clear();
    out.extend(starts_back(text, pos).take(max + 1));
    out.resize(max + 1, 0);
}

/// `out[n]` = [`words_forward`]`(text, pos, n)` for every `n` up to `max`, in
/// one walk.
pub fn word_bounds_forward(text: &str, pos: usize, max: usize, out: &mut Vec<usize>) {
    out.clear();
    out.extend(starts_forward(text, pos).take(max + 1));
    out.resize(max + 1, text.len());
}

/// Assembles the matches of one element order from the atoms' matches.
///
/// `atoms[i]` holds the (start, end) folded byte spans of the matches of the
/// order's `i`-th element, sorted by start; `order[i].1` is the gap allowed
/// before it. Each match of the first element starts at most one match: every
/// next element is the nearest match after the previous one.
pub fn assemble(
    text: &str,
    order: &[(usize, usize)],
    atoms: &[&[(usize, usize)]],
    out: &mut Vec<(usize, usize)>,
) {
    'first: for &(start, mut end) in atoms[0] {
        for (k, &(_, gap)) in order.iter().enumerate().skip(1) {
            let spans = atoms[k];
            let i = spans.partition_point(|s| s.0 < end);
            let Some(&(s, e)) = spans.get(i) else {
                continue 'first;
            };
            if words_between(text, end, s, gap).is_none() {
                continue 'first;
            }
            end = e;
        }
        out.push((start, end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word walks, a character at a time (what the byte-wise ones must equal).
    fn reference(text: &str, pos: usize, n: usize) -> (usize, usize, Option<usize>) {
        let alnum = |c: char| c.is_alphanumeric();
        let back = {
            let (mut words, mut in_word, mut at) = (0, false, 0);
            for (i, c) in text[..pos].char_indices().rev() {
                if alnum(c) && !in_word {
                    words += 1;
                }
                if !alnum(c) && in_word && words > n {
                    at = i + c.len_utf8();
                    break;
                }
                in_word = alnum(c);
            }
            at
        };
        let forward = {
            let (mut words, mut in_word, mut at) = (0, false, text.len());
            for (i, c) in text[pos..].char_indices() {
                if alnum(c) && !in_word {
                    words += 1;
                    if words > n + 1 {
                        at = pos + i;
                        break;
                    }
                }
                in_word = alnum(c);
            }
            at
        };
        let between = {
            let (mut words, mut in_word, mut out) = (0, false, Some(0));
            for c in text[pos..].chars() {
                if alnum(c) {
                    if !in_word {
                        words += 1;
                        if words > n {
                            out = None;
                            break;
                        }
                    }
                    in_word = true;
                } else {
                    if matches!(c, '.' | '!' | '?' | ';' | '\n') {
                        out = None;
                        break;
                    }
                    in_word = false;
                }
                out = Some(words);
            }
            out
        };
        (back, forward, between)
    }

    proptest::proptest! {
        #[test]
        fn word_walks_equal_the_character_walks(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "treaty", " ", "  ", ".", ",", "é", "naïve", "договор", "条约", "معاهدة",
                    "1", "-", "\n", "’", "\u{301}",
                ]),
                0..30,
            ),
            at in 0usize..200,
            n in 0usize..6,
        ) {
            let text: String = parts.concat();
            let pos = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            let (back, forward, between) = reference(&text, pos, n);
            proptest::prop_assert_eq!(words_back(&text, pos, n), back);
            proptest::prop_assert_eq!(words_forward(&text, pos, n), forward);
            proptest::prop_assert_eq!(words_between(&text, pos, text.len(), n), between);
            let (mut before, mut after) = (Vec::new(), Vec::new());
            word_bounds_back(&text, pos, n, &mut before);
            word_bounds_forward(&text, pos, n, &mut after);
            for k in 0..=n {
                proptest::prop_assert_eq!(before[k], words_back(&text, pos, k));
                proptest::prop_assert_eq!(after[k], words_forward(&text, pos, k));
            }
        }
    }

    fn classes() -> Classes {
        Classes::new([
            ("binding".to_string(), vec!["binding".to_string()]),
            ("rules".to_string(), vec!["rules".to_string()]),
        ])
    }

    #[test]
    fn parses_classes_literals_and_gaps() {
        let p = parse("seek* ~2 @binding <~3> @rules", &classes()).unwrap();
        assert_eq!(
            p.elements,
            vec![
                Element::Literal("seek*".into()),
                Element::Class("binding".into()),
                Element::Class("rules".into())
            ]
        );
        assert_eq!(p.gaps, vec![0, 2, 3]);
        assert_eq!(p.swap, Some(2));
        assert_eq!(
            p.orders(),
            vec![vec![(0, 0), (1, 2), (2, 3)], vec![(2, 0), (0, 3), (1, 2)]]
        );
        let adjacent = parse("new @binding rules of", &classes()).unwrap();
        assert_eq!(adjacent.gaps, vec![0, 0, 0]);
    }

    #[test]
    fn rejects_bad_patterns() {
        let c = classes();
        assert_eq!(
            parse("@nope ~2 x", &c),
            Err(PatternError::UnknownClass("nope".into()))
        );
        assert_eq!(parse("~2 @binding", &c), Err(PatternError::GapPlacement));
        assert_eq!(parse("@binding ~2", &c), Err(PatternError::GapPlacement));
        assert_eq!(
            parse("@binding ~2 ~3 @rules", &c),
            Err(PatternError::GapPlacement)
        );
        assert_eq!(
            parse("@binding ~99 @rules", &c),
            Err(PatternError::BadGap("~99".into()))
        );
        assert_eq!(
            parse("@binding ~x @rules", &c),
            Err(PatternError::BadGap("~x".into()))
        );
        assert_eq!(
            parse("@binding <~1> @rules <~1> x", &c),
            Err(PatternError::TwoSwaps)
        );
        assert_eq!(parse("@ ~1 x", &c), Err(PatternError::EmptyClass));
    }

    #[test]
    fn gaps_count_words_and_stop_at_sentence_ends() {
        let t = "binding and enforceable rules. rules";
        assert_eq!(words_between(t, 7, 24, 3), Some(2));
        assert_eq!(words_between(t, 7, 24, 1), None);
        assert_eq!(words_between(t, 7, 31, 5), None);
    }
}
