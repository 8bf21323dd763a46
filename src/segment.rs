//! Sentences and words.
//!
//! Sentences are found on the folded text (where single line breaks are already
//! spaces, so a sentence wrapped over several lines by a PDF converter stays
//! whole): a sentence ends at a paragraph break, or at `.`, `?` or `!` followed
//! by white space, unless the word before the full stop is a common
//! abbreviation (English or Russian) or the next word of the original text
//! starts in lower case. The sentence marks of Chinese (`。！？`) and Arabic
//! (`؟`) end a sentence wherever they stand: Chinese writes no space after
//! them. Folding has made them `.`, `!` and `?`, and the Arabic comma and
//! semicolon (`، ؛`) `,` and `;`, so clauses end there as they do after
//! their ASCII counterparts. Words are found with `unicode-segmentation`
//! (UAX #29; every Han character is a word of its own), and only inside the
//! sentences that hold a cue.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::normalize::Folded;

/// Abbreviations after which a full stop does not end a sentence (folded).
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "eg", "ie", "cf", "mr", "mrs", "ms", "dr", "prof", "no", "nos", "art", "arts",
    "para", "paras", "vol", "p", "pp", "st", "vs", "viz", "approx", "fig", "ch", "sec", "op",
    "u.n", "u.s", "h.e",
    // Russian: "т. е.", "и т. д.", "2024 г.", "см.", "напр.", "гг.", "ст.".
    "т.е", "т.д", "т.п", "т.к", "т.н", "см", "напр", "гг", "ст", "стр", "им", "др", "пр", "рис",
    "табл",
];

/// Sentence marks (in the original) that end a sentence even with no space
/// after them: the ideographic full stop, full-width `!` and `?`, the Arabic
/// question mark and full stop.
fn is_closing_mark(c: char) -> bool {
    matches!(
        c,
        '\u{3002}' | '\u{ff61}' | '\u{ff01}' | '\u{ff1f}' | '\u{fe52}' | '\u{061f}' | '\u{06d4}'
    )
}

/// Whether the folded quote at `i` was written as an opening quote.
fn opening_quote_at(folded: &Folded, original: &str, i: usize) -> bool {
    let o = folded.map.start(i);
    original.as_bytes().get(o).is_some_and(|&b| b >= 0x80)
        && original
            .get(o..)
            .and_then(|r| r.chars().next())
            .is_some_and(|c| {
                matches!(
                    c,
                    '\u{201c}' | '\u{2018}' | '\u{201e}' | '\u{00ab}' | '\u{300c}' | '\u{300e}'
                )
            })
}

/// Whether the folded stop at `i` was written as a [`is_closing_mark`].
fn closing_mark_at(folded: &Folded, original: &str, i: usize) -> bool {
    let o = folded.map.start(i);
    original.as_bytes().get(o).is_some_and(|&b| b >= 0x80)
        && original
            .get(o..)
            .and_then(|r| r.chars().next())
            .is_some_and(is_closing_mark)
}

/// Whether the full stop at `dot` (folded offset) ends a sentence.
fn full_stop_ends(folded: &Folded, original: &str, dot: usize) -> bool {
    let text = folded.text.as_bytes();
    // The word before the dot.
    let mut s = dot;
    while s > 0 && (text[s - 1].is_ascii_alphanumeric() || text[s - 1] == b'.') {
        s -= 1;
    }
    if s > 0 && text[s - 1] >= 0x80 {
        // A word in another script: "т.е.", "г." (Cyrillic).
        let before = &folded.text[..s];
        s = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric() && !crate::normalize::is_han(c) || c == '.')
            .last()
            .map_or(s, |(i, _)| i);
    }
    let word = &folded.text[s..dot];
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_alphabetic() && !crate::normalize::is_han(c) {
            return false; // initials and list letters: "J. Smith", "a. the", "2024 г. Россия"
        }
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
            if matches!(text[end], b'"' | b'\'') && opening_quote_at(folded, original, end) {
                break; // the next sentence's quote: "是否必要？“是的。”"
            }
            end += 1;
        }
        let at_space = end >= text.len() || matches!(text[end], b' ' | b'\n');
        let ends = if at_space {
            text[i] != b'.'
                || full_stop_ends(folded, original, i)
                || closing_mark_at(folded, original, i)
        } else {
            closing_mark_at(folded, original, i)
        };
        if ends {
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
///
/// A sentence of plain ASCII (most folded English, Spanish and French) takes
/// a byte-wise path with the same boundaries (a property test holds it to
/// unicode-segmentation).
pub fn words(sentence: &str) -> Vec<Range<usize>> {
    if sentence.is_ascii() {
        return ascii_words(sentence.as_bytes());
    }
    sentence
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(i, w)| i..i + w.len())
        .collect()
}

/// UAX #29 word classes of ASCII bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordClass {
    /// ALetter: `A-Z`, `a-z`.
    Letter,
    /// Numeric: `0-9`.
    Digit,
    /// ExtendNumLet: `_`.
    Connector,
    /// MidLetter: `:`.
    MidLetter,
    /// MidNum: `,` `;`.
    MidNum,
    /// MidNumLet and Single_Quote: `.` `'`.
    MidNumLet,
    /// Anything else: a boundary on both sides (WB999; no ASCII byte joins
    /// a word otherwise).
    Other,
}

/// [`WordClass`] of each byte.
const WORD_CLASSES: [WordClass; 256] = {
    let mut t = [WordClass::Other; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            WordClass::Letter
        } else if c.is_ascii_digit() {
            WordClass::Digit
        } else {
            match c {
                b'_' => WordClass::Connector,
                b':' => WordClass::MidLetter,
                b',' | b';' => WordClass::MidNum,
                b'.' | b'\'' => WordClass::MidNumLet,
                _ => WordClass::Other,
            }
        };
        b += 1;
    }
    t
};

#[inline]
fn word_class(b: u8) -> WordClass {
    WORD_CLASSES[b as usize]
}

/// The words of an ASCII sentence by the UAX #29 rules that bear on ASCII:
/// letters, digits and `_` join (WB5, WB8-WB10, WB13a/b); a `:` between two
/// letters (WB6/7), a `,` or `;` between two digits (WB11/12) and a `.` or
/// `'` between two letters or two digits stay inside the word.
fn ascii_words(s: &[u8]) -> Vec<Range<usize>> {
    use WordClass::*;
    let joins = |c: WordClass| matches!(c, Letter | Digit | Connector);
    // About one word in six bytes of English.
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    let mut i = 0;
    while i < s.len() {
        let first = word_class(s[i]);
        if !joins(first) {
            i += 1;
            continue;
        }
        let start = i;
        let mut alnum = first != Connector;
        let mut prev = first;
        i += 1;
        while i < s.len() {
            let c = word_class(s[i]);
            if joins(c) {
                alnum |= c != Connector;
                prev = c;
                i += 1;
                continue;
            }
            let next = s.get(i + 1).map_or(Other, |&b| word_class(b));
            let inside = match c {
                MidLetter => prev == Letter && next == Letter,
                MidNum => prev == Digit && next == Digit,
                MidNumLet => (prev == Letter && next == Letter) || (prev == Digit && next == Digit),
                _ => false,
            };
            if !inside {
                break;
            }
            prev = next;
            i += 2;
        }
        if alnum {
            out.push(start..i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn ascii_words_are_uax29_words(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "B", "ccw", "1", "42", "_", ":", ",", ";", ".", "'", "\"", " ", "  ", "\n",
                    "\r", "\t", "-", "(", ")", "/", "%", "e.g.", "don't", "3.5", "1,000", "a:b",
                ]),
                0..40,
            ),
        ) {
            let text: String = parts.concat();
            let uax: Vec<Range<usize>> = text
                .split_word_bound_indices()
                .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
                .map(|(i, w)| i..i + w.len())
                .collect();
            proptest::prop_assert_eq!(ascii_words(text.as_bytes()), uax, "{:?}", text);
        }
    }
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
    fn splits_chinese_arabic_and_russian_sentences() {
        assert_eq!(
            split("中方支持谈判。我们反对！是否必要？“是的。”下一句"),
            vec![
                "中 方 支 持 谈 判.",
                "我 们 反 对!",
                "是 否 必 要?",
                "\"是 的.\"",
                "下 一 句"
            ]
        );
        assert_eq!(
            split("هل القانون كاف؟ كلا، نحتاج إلى صك؛ فورا.التالي"),
            vec!["هل القانون كاف?", "كلا, نحتاج الي صك; فورا.التالي"]
        );
        assert_eq!(
            split("В 2024 г. Россия выступила, т. е. заявила. Далее см. ниже. Конец"),
            vec![
                "в 2024 г. россия выступила, т. е. заявила.",
                "далее см. ниже.",
                "конец"
            ]
        );
    }

    #[test]
    fn words_skip_punctuation() {
        let w = words("we don't, however; support it");
        assert_eq!(w.len(), 5);
        let f = fold("我们支持，CCW框架");
        assert_eq!(words(&f.text).len(), 7);
    }
}
