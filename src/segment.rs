//! Sentences and words.
//!
//! Sentences are found on the folded text (where single line breaks are already
//! spaces, so a sentence wrapped over several lines by a PDF converter stays
//! whole): a sentence ends at a paragraph break, or at `.`, `?` or `!` followed
//! by white space, unless the word before the full stop is a common
//! abbreviation or the next word of the original text starts in lower case.
//! Words are found with `unicode-segmentation` (UAX #29), and only inside the
//! sentences that hold a cue.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::normalize::Folded;

/// Abbreviations after which a full stop does not end a sentence (folded).
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "eg", "ie", "cf", "mr", "mrs", "ms", "dr", "prof", "no", "nos", "art", "arts",
    "para", "paras", "vol", "p", "pp", "st", "vs", "viz", "approx", "fig", "ch", "sec", "op",
    "u.n", "u.s", "h.e",
];

/// Whether the full stop at `dot` (folded offset) ends a sentence.
fn full_stop_ends(folded: &Folded, original: &str, dot: usize) -> bool {
    let text = folded.text.as_bytes();
    // The word before the dot.
    let mut s = dot;
    while s > 0 && (text[s - 1].is_ascii_alphanumeric() || text[s - 1] == b'.') {
        s -= 1;
    }
    let word = &folded.text[s..dot];
    if word.len() == 1 && text[s].is_ascii_alphabetic() {
        return false; // initials and list letters: "J. Smith", "a. the"
    }
    if ABBREVIATIONS.contains(&word) {
        return false;
    }
    // The next word of the original: a lower-case start continues the sentence.
    let mut n = dot + 1;
    while n < text.len() && matches!(text[n], b' ' | b'"' | b'\'' | b')') {
        n += 1;
    }
    if n >= text.len() || text[n] == b'\n' {
        return true;
    }
    let orig = folded.map.start(n);
    match original.get(orig..).and_then(|r| r.chars().next()) {
        Some(c) => !c.is_lowercase(),
        None => true,
    }
}

/// Splits a folded text into sentences (folded byte ranges, trimmed of spaces,
/// empty ones dropped).
pub fn sentences(folded: &Folded, original: &str) -> Vec<Range<usize>> {
    let text = folded.text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let push = |s: usize, e: usize, out: &mut Vec<Range<usize>>| {
        let (mut s, mut e) = (s, e);
        while s < e && matches!(text[s], b' ' | b'\n') {
            s += 1;
        }
        while e > s && matches!(text[e - 1], b' ' | b'\n') {
            e -= 1;
        }
        if s < e {
            out.push(s..e);
        }
    };
    // Jump from one candidate boundary to the next with memchr.
    let mut next_stop = memchr::memchr3(b'.', b'?', b'!', text);
    let mut next_newline = memchr::memchr(b'\n', text);
    loop {
        let i = match (next_stop, next_newline) {
            (None, None) => break,
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
        };
        if text[i] == b'\n' {
            push(start, i, &mut out);
            start = i + 1;
            next_newline = memchr::memchr(b'\n', &text[i + 1..]).map(|p| p + i + 1);
            continue;
        }
        // Include closing quotes and brackets (and repeated marks) in the sentence.
        let mut end = i + 1;
        while end < text.len() && matches!(text[end], b'"' | b'\'' | b')' | b'.' | b'?' | b'!') {
            end += 1;
        }
        let at_space = end >= text.len() || matches!(text[end], b' ' | b'\n');
        if at_space && (text[i] != b'.' || full_stop_ends(folded, original, i)) {
            push(start, end, &mut out);
            start = end;
        }
        next_stop = memchr::memchr3(b'.', b'?', b'!', &text[end..]).map(|p| p + end);
    }
    push(start, text.len(), &mut out);
    out
}

/// The index of the sentence holding folded offset `pos` (the nearest one
/// before it when `pos` falls between sentences).
pub fn sentence_of(sentences: &[Range<usize>], pos: usize) -> usize {
    sentences
        .partition_point(|s| s.start <= pos)
        .saturating_sub(1)
}

/// The words of a (folded) sentence as byte ranges relative to it, found with
/// UAX #29 word boundaries; punctuation and spaces are left out.
pub fn words(sentence: &str) -> Vec<Range<usize>> {
    sentence
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(i, w)| i..i + w.len())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    fn split(text: &str) -> Vec<String> {
        let f = fold(text);
        sentences(&f, text)
            .into_iter()
            .map(|r| f.text[r].to_string())
            .collect()
    }

    #[test]
    fn splits_sentences() {
        assert_eq!(
            split("We support a treaty. It must ban\nkiller robots, e.g. swarms. U.N. rules apply!\n\nHeading\nNext"),
            vec!["we support a treaty.", "it must ban killer robots, e.g. swarms.", "u.n. rules apply!", "heading next"]
        );
        assert_eq!(
            split("See para. 5 of the text. Yes."),
            vec!["see para. 5 of the text.", "yes."]
        );
        assert_eq!(
            split("the C.C.W. process. done"),
            vec!["the c.c.w. process. done"]
        );
    }

    #[test]
    fn words_skip_punctuation() {
        let w = words("we don't, however; support it");
        assert_eq!(w.len(), 5);
    }
}
