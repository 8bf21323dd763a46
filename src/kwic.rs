//! Keyword in context: every occurrence of one phrase in a text, with the text
//! around it.
//!
//! A [`Kwic`] compiles the phrase exactly as a lexicon cue is compiled (a
//! one-phrase [`PhraseSet`]), so it finds what the classifier would find: case,
//! accents, hyphens and line breaks do not matter, words are whole, and
//! `word*` matches any ending. Matches are found on the folded text and mapped
//! back through the [`crate::normalize::OffsetMap`], so every
//! [`Occurrence`] holds byte offsets into the **original** text, and its
//! contexts are cut from the original (white space collapsed, control
//! characters and escape sequences removed with
//! [`crate::escape::sanitize`]), counted in characters, never splitting one.
//!
//! ```
//! use stancer::kwic::Kwic;
//!
//! let text = "We want a Legally-\nBinding instrument.";
//! let kwic = Kwic::new("legally binding", false).unwrap();
//! let occ = kwic.occurrences(text, 8);
//! assert_eq!(occ.len(), 1);
//! assert_eq!(&text[occ[0].start..occ[0].end], "Legally-\nBinding");
//! assert_eq!(occ[0].matched, "Legally- Binding");
//! assert_eq!(occ[0].left, " want a ");
//! assert_eq!(occ[0].right, " instrum");
//! ```

use std::ops::Range;

use crate::escape::{collapse_whitespace, sanitize};
use crate::matcher::{PhraseError, PhraseSet, PhraseSpec};
use crate::normalize::fold;
use crate::pattern::Classes;

/// A compiled phrase to look for.
#[derive(Debug, Clone)]
pub struct Kwic {
    set: PhraseSet,
}

/// One occurrence of the phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Byte offset of the match in the original text.
    pub start: usize,
    /// Byte offset of the end of the match in the original text (exclusive).
    pub end: usize,
    /// Up to `width` characters of the original text before the match.
    pub left: String,
    /// The match as it stands in the original text (white space collapsed).
    pub matched: String,
    /// Up to `width` characters of the original text after the match.
    pub right: String,
}

impl Kwic {
    /// Compiles `phrase` as a lexicon cue; `case_sensitive` as for a cue that
    /// must match the original's case exactly (acronyms such as `LAWS`).
    pub fn new(phrase: &str, case_sensitive: bool) -> Result<Kwic, PhraseError> {
        Kwic::with_classes(phrase, case_sensitive, &Classes::default())
    }

    /// Compiles `phrase`, which may be a pattern whose `@class` names are
    /// looked up in `classes` (a lexicon's, see [`crate::pattern`]).
    ///
    /// ```
    /// use stancer::{kwic::Kwic, Lexicon};
    ///
    /// let lexicon = Lexicon::builtin_english();
    /// let kwic = Kwic::with_classes("@binding <~3> @instrument", false, &lexicon.classes).unwrap();
    /// let text = "Rules that are binding, and a binding instrument.";
    /// let found: Vec<&str> = kwic.find(text).into_iter().map(|r| &text[r]).collect();
    /// assert_eq!(found, ["Rules that are binding", "binding instrument"]);
    /// ```
    pub fn with_classes(
        phrase: &str,
        case_sensitive: bool,
        classes: &Classes,
    ) -> Result<Kwic, PhraseError> {
        let set = PhraseSet::with_classes(
            [PhraseSpec {
                phrase,
                case_sensitive,
                group: 0,
                payload: 0,
            }],
            classes,
        )
        .map_err(|(_, e)| e)?;
        Ok(Kwic { set })
    }

    /// The byte ranges of the matches in `text` (the original), in order.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        let folded = fold(text);
        self.set
            .find(&folded, text)
            .into_iter()
            .map(|h| folded.map.start(h.start)..folded.map.end(h.end))
            .collect()
    }

    /// The matches in `text` with up to `width` characters of context on
    /// each side.
    pub fn occurrences(&self, text: &str, width: usize) -> Vec<Occurrence> {
        self.find(text)
            .into_iter()
            .map(|r| Occurrence {
                left: left_context(text, r.start, width),
                matched: collapse_whitespace(&sanitize(&text[r.clone()])),
                right: right_context(text, r.end, width),
                start: r.start,
                end: r.end,
            })
            .collect()
    }
}

/// Shows `text` as context: sanitized, white space collapsed (not trimmed).
fn context(text: &str) -> String {
    collapse_whitespace(&sanitize(text))
}

/// The byte offset `n` characters before `pos` (0 when there are fewer).
fn chars_back(text: &str, pos: usize, n: usize) -> usize {
    if n == 0 {
        return pos;
    }
    text[..pos]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `pos` (the end when there are fewer).
fn chars_forward(text: &str, pos: usize, n: usize) -> usize {
    text[pos..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| pos + i)
}

/// The last `width` characters of the context before byte `end` of `text`
/// (`end` must be a character boundary). Only the stretch of text needed is
/// read, so a long document costs nothing extra.
pub fn left_context(text: &str, end: usize, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let mut raw = width.saturating_mul(2).saturating_add(16);
    loop {
        let from = chars_back(text, end, raw);
        let shown = context(&text[from..end]);
        let n = shown.chars().count();
        if n >= width || from == 0 {
            return shown.chars().skip(n.saturating_sub(width)).collect();
        }
        raw = raw.saturating_mul(2);
    }
}

/// The first `width` characters of the context after byte `start` of `text`
/// (`start` must be a character boundary).
pub fn right_context(text: &str, start: usize, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let mut raw = width.saturating_mul(2).saturating_add(16);
    loop {
        let to = chars_forward(text, start, raw);
        let shown = context(&text[start..to]);
        if shown.chars().count() >= width || to == text.len() {
            return shown.chars().take(width).collect();
        }
        raw = raw.saturating_mul(2);
    }
}

/// One line for people: the id padded to `id_width` characters, the left
/// context right-aligned to `width` characters so that the matches line up,
/// the match (bold when `color`) and the right context.
pub fn format_line(
    id: &str,
    id_width: usize,
    occ: &Occurrence,
    width: usize,
    color: bool,
) -> String {
    let matched = if color {
        format!("\x1b[1;31m{}\x1b[0m", occ.matched)
    } else {
        occ.matched.clone()
    };
    format!(
        "{:<id_width$}  {:>width$}{matched}{}",
        sanitize(id),
        occ.left,
        occ.right
    )
}

/// The header of the tab-separated output.
pub const TSV_HEADER: &str = "id\tstart\tend\tleft\tmatch\tright";

/// One tab-separated row: id, start, end, left, match, right. No cell holds a
/// tab or a line break (white space is collapsed to spaces).
pub fn format_tsv(id: &str, occ: &Occurrence) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}",
        collapse_whitespace(&sanitize(id)),
        occ.start,
        occ.end,
        occ.left,
        occ.matched,
        occ.right
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_across_breaks_and_hyphens() {
        let text = "legally\r\n binding; LEGALLY-BINDING; legally – binding; illegally binding; legally bindings";
        let k = Kwic::new("legally binding", false).unwrap();
        let found: Vec<&str> = k.find(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            vec![
                "legally\r\n binding",
                "LEGALLY-BINDING",
                "legally – binding"
            ]
        );
        let k = Kwic::new("legally binding*", false).unwrap();
        assert_eq!(k.find(text).len(), 4);
    }

    #[test]
    fn case_sensitive_phrase() {
        let k = Kwic::new("LAWS", true).unwrap();
        assert_eq!(k.find("LAWS and laws and Laws").len(), 1);
        let k = Kwic::new("LAWS", false).unwrap();
        assert_eq!(k.find("LAWS and laws and Laws").len(), 3);
    }

    #[test]
    fn invalid_phrases() {
        assert_eq!(Kwic::new("", false).unwrap_err(), PhraseError::Empty);
        assert_eq!(Kwic::new("  -- ", false).unwrap_err(), PhraseError::Empty);
        assert_eq!(Kwic::new("a*b", false).unwrap_err(), PhraseError::Wildcard);
        assert_eq!(
            Kwic::new("*", false).unwrap_err(),
            PhraseError::BareWildcard
        );
    }

    #[test]
    fn contexts_respect_char_boundaries() {
        let text = "Ça été «très» 日本語の文章 contrôle humain significatif — ﬁn 🙂 été";
        let k = Kwic::new("controle humain", false).unwrap();
        for width in 0..40 {
            let occ = k.occurrences(text, width);
            assert_eq!(occ.len(), 1);
            let o = &occ[0];
            assert_eq!(&text[o.start..o.end], "contrôle humain");
            assert!(o.left.chars().count() <= width);
            assert!(o.right.chars().count() <= width);
            assert!(text.replace(char::is_whitespace, " ").contains(&o.left));
            let line = format_line("X", 1, o, width, false);
            let col = 3 + width;
            assert!(
                line.chars()
                    .skip(col)
                    .collect::<String>()
                    .starts_with("contrôle humain"),
                "{line:?}"
            );
        }
        let o = &k.occurrences(text, 8)[0];
        assert_eq!(o.left, " 日本語の文章 ");
        assert_eq!(o.right, " signifi");
        let o = &k.occurrences(text, 5)[0];
        assert_eq!(o.left, "語の文章 ");
    }

    #[test]
    fn contexts_strip_controls_and_collapse() {
        let text = "a\x1b[2J\n\n\tb \x1b]0;x\x07ban\x07 c\u{202e}d";
        let k = Kwic::new("ban", false).unwrap();
        let o = &k.occurrences(text, 10)[0];
        assert_eq!(o.left, "a b ");
        assert_eq!(o.matched, "ban");
        assert_eq!(o.right, " cd");
        let row = format_tsv("i\td", o);
        assert_eq!(row.matches('\t').count(), 5);
    }

    #[test]
    fn context_near_the_ends() {
        let text = "ban";
        let o = &Kwic::new("ban", false).unwrap().occurrences(text, 10)[0];
        assert_eq!((o.left.as_str(), o.right.as_str()), ("", ""));
        assert_eq!(format_line("id", 4, o, 3, false), "id       ban");
    }
}
