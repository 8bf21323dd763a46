//! Folding: case, diacritics, punctuation and whitespace, with a map back to
//! the original byte offsets.
//!
//! Matching runs on a *folded* copy of each text: lower case, diacritics
//! removed (NFKD without combining marks), typographic quotes and dashes made
//! ASCII, hyphens and runs of white space collapsed to one space (two or more
//! line breaks become one `\n`, a paragraph break). Lexicon phrases are folded
//! by the same function, so `Legally-binding\ninstrument` matches the cue
//! `legally binding instrument`.
//!
//! Folding changes lengths, so [`Folded`] keeps an [`OffsetMap`]: a sorted list
//! of the places where one original character became a folded string of another
//! length (or of several characters, as "ǅ" becomes "dz"). Between two such
//! places the offsets move in step, so the map is empty for plain ASCII text
//! with single spaces and costs nothing there.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A folded text and the map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// Maps byte offsets of [`Folded::text`] to byte offsets of the original.
    pub map: OffsetMap,
    /// Number of words (maximal runs of alphanumeric characters).
    pub words: usize,
}

/// One place where folding changed the length of the text, or made several
/// characters of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    folded: usize,
    folded_len: usize,
    orig: usize,
    orig_len: usize,
}

/// Maps offsets in a folded text back to offsets in its original.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    spans: Vec<Span>,
}

impl OffsetMap {
    /// The original offset of the folded offset `pos` taken as the *start* of a
    /// range: a position inside a folded expansion maps to the start of the
    /// original character.
    pub fn start(&self, pos: usize) -> usize {
        self.map(pos, false)
    }

    /// The original offset of the folded offset `pos` taken as the *end* of a
    /// range: a position inside a folded expansion maps to the end of the
    /// original character.
    pub fn end(&self, pos: usize) -> usize {
        self.map(pos, true)
    }

    fn map(&self, pos: usize, end: bool) -> usize {
        let idx = self.spans.partition_point(|s| s.folded <= pos);
        if idx == 0 {
            return pos;
        }
        let s = self.spans[idx - 1];
        if pos < s.folded + s.folded_len {
            if pos == s.folded || !end {
                s.orig
            } else {
                s.orig + s.orig_len
            }
        } else {
            s.orig + s.orig_len + (pos - s.folded - s.folded_len)
        }
    }

    /// Whether folding kept every offset (the map is the identity).
    pub fn is_identity(&self) -> bool {
        self.spans.is_empty()
    }
}

const COPY: u8 = 0;
const SPACE: u8 = 1;
const NEWLINE: u8 = 2;
const OTHER: u8 = 3;

/// Byte class of every ASCII byte; bytes >= 0x80 start non-ASCII characters.
const CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = COPY;
        b += 1;
    }
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[0x0b] = SPACE;
    t[0x0c] = SPACE;
    t[b'-' as usize] = SPACE;
    t[b'\n' as usize] = NEWLINE;
    t
};

/// ASCII bytes copied as they are (lower-cased) in the fast path: every
/// [`COPY`] byte and the space.
const PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = CLASS[b] == COPY || b == b' ' as usize;
        b += 1;
    }
    t
};

/// What a non-ASCII character folds to.
enum CharFold {
    /// White space or a dash: part of a separator run (`true` for a paragraph separator).
    Separator(bool),
    /// Dropped (soft hyphen, zero-width characters, combining marks).
    Drop,
    /// Replaced by a string.
    Text,
}

fn classify_char(c: char) -> CharFold {
    match c {
        '\u{2029}' => CharFold::Separator(true),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => {
            CharFold::Separator(false)
        }
        '\u{00ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => CharFold::Drop,
        c if c.is_whitespace() => CharFold::Separator(false),
        c if is_combining_mark(c) => CharFold::Drop,
        _ => CharFold::Text,
    }
}

fn push_folded_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{00b4}' | '`' => {
            out.push('\'')
        }
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{00ab}' | '\u{00bb}'
        | '\u{2033}' => out.push('"'),
        _ => decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                if d.is_ascii() {
                    out.push(d.to_ascii_lowercase());
                } else {
                    out.extend(d.to_lowercase());
                }
            }
        }),
    }
}

/// Folds `text` for matching. See the module documentation for the rules.
///
/// ```
/// let f = stancer::normalize::fold("Contrôle  HUMAIN");
/// assert_eq!(f.text, "controle humain");
/// assert_eq!(f.map.start(9), 11); // "humain" starts at byte 11 of the original
/// ```
pub fn fold(text: &str) -> Folded {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() + 16);
    let mut spans = Vec::new();
    let mut words = 0usize;
    let mut prev_alnum = false;
    // Start of the current separator run in the original, and its line breaks.
    let mut sep_start: Option<usize> = None;
    let mut sep_newlines = 0usize;
    let mut scratch = String::new();

    let mut i = 0;
    while i < bytes.len() {
        // Fast path: a run of plain ASCII bytes, with single spaces between
        // them, is copied in bulk (lower-cased), its words counted apart.
        let start = i;
        if bytes[i] != b' ' {
            i += bytes[i..]
                .iter()
                .position(|&b| !PLAIN[b as usize])
                .unwrap_or(bytes.len() - i);
            // Spaces inside the run must be single and not next to another separator.
            if let Some(p) = memchr::memmem::find(&bytes[start..i], b"  ") {
                i = start + p;
            } else if i > start && i < bytes.len() && bytes[i - 1] == b' ' {
                i -= 1;
            }
        }
        if i > start {
            if let Some(s) = sep_start.take() {
                flush_separator(&mut out, &mut spans, s, start, sep_newlines);
                sep_newlines = 0;
            }
            let run = &bytes[start..i];
            out.extend(run.iter().map(u8::to_ascii_lowercase));
            words += count_word_starts(run, prev_alnum);
            prev_alnum = run[run.len() - 1].is_ascii_alphanumeric();
            continue;
        }
        let b = bytes[i];
        let class = CLASS[b as usize];
        if class == SPACE || class == NEWLINE {
            if sep_start.is_none() {
                sep_start = Some(i);
            }
            sep_newlines += (class == NEWLINE) as usize;
            prev_alnum = false;
            i += 1;
            continue;
        }
        // Non-ASCII character.
        let c = text[i..].chars().next().unwrap_or('\u{fffd}');
        let len = c.len_utf8();
        match classify_char(c) {
            CharFold::Separator(paragraph) => {
                if sep_start.is_none() {
                    sep_start = Some(i);
                }
                sep_newlines += if paragraph { 2 } else { 0 };
                prev_alnum = false;
            }
            CharFold::Drop => {
                spans.push(Span {
                    folded: out.len(),
                    folded_len: 0,
                    orig: i,
                    orig_len: len,
                });
            }
            CharFold::Text => {
                if let Some(start) = sep_start.take() {
                    flush_separator(&mut out, &mut spans, start, i, sep_newlines);
                    sep_newlines = 0;
                }
                scratch.clear();
                push_folded_char(c, &mut scratch);
                let alnum = c.is_alphanumeric();
                words += (alnum && !prev_alnum) as usize;
                prev_alnum = alnum;
                // Same length is not enough to map offsets one to one: "ǅ"
                // (2 bytes) folds to "dz", "℅" (3 bytes) to "c/o", and a
                // boundary between their chars is inside the original char.
                if scratch.len() != len || scratch.chars().nth(1).is_some() {
                    spans.push(Span {
                        folded: out.len(),
                        folded_len: scratch.len(),
                        orig: i,
                        orig_len: len,
                    });
                }
                out.extend_from_slice(scratch.as_bytes());
            }
        }
        i += len;
    }
    if let Some(start) = sep_start {
        flush_separator(&mut out, &mut spans, start, bytes.len(), sep_newlines);
    }
    let text = String::from_utf8(out).unwrap_or_else(|e| {
        // Unreachable: only ASCII bytes and whole chars are pushed.
        String::from_utf8_lossy(e.as_bytes()).into_owned()
    });
    Folded {
        text,
        map: OffsetMap { spans },
        words,
    }
}

/// Number of ASCII words starting in `run` (an alphanumeric byte after a
/// non-alphanumeric one); written without a loop-carried state so that it
/// vectorises.
fn count_word_starts(run: &[u8], prev_alnum: bool) -> usize {
    #[inline(always)]
    fn alnum(b: u8) -> bool {
        ((b | 0x20).wrapping_sub(b'a') < 26) | (b.wrapping_sub(b'0') < 10)
    }
    let first = (alnum(run[0]) & !prev_alnum) as usize;
    let rest: u32 = run
        .iter()
        .zip(&run[1..])
        .map(|(&a, &b)| (alnum(b) & !alnum(a)) as u32)
        .sum();
    first + rest as usize
}

fn flush_separator(out: &mut Vec<u8>, spans: &mut Vec<Span>, start: usize, end: usize, nl: usize) {
    if end - start != 1 {
        spans.push(Span {
            folded: out.len(),
            folded_len: 1,
            orig: start,
            orig_len: end - start,
        });
    }
    out.push(if nl >= 2 { b'\n' } else { b' ' });
}

/// Folds a lexicon phrase: [`fold`], trimmed.
pub fn fold_phrase(phrase: &str) -> String {
    fold(phrase).text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_roundtrip(orig: &str) {
        let f = fold(orig);
        // Every folded char boundary maps to an original char boundary.
        for (p, _) in f
            .text
            .char_indices()
            .chain(std::iter::once((f.text.len(), ' ')))
        {
            assert!(orig.is_char_boundary(f.map.start(p)), "{orig:?} start {p}");
            assert!(orig.is_char_boundary(f.map.end(p)), "{orig:?} end {p}");
        }
        assert_eq!(f.map.end(f.text.len()), orig.len(), "{orig:?}");
    }

    #[test]
    fn folds_case_diacritics_and_space() {
        let f = fold("Contrôle HUMAIN   significatif,\n\nLegally-binding");
        assert_eq!(f.text, "controle humain significatif,\nlegally binding");
        assert_eq!(f.words, 5);
        check_roundtrip("Contrôle HUMAIN   significatif,\n\nLegally-binding");
    }

    #[test]
    fn maps_offsets_back() {
        let orig = "Él   dijo «¡Sí!»";
        let f = fold(orig);
        assert_eq!(f.text, "el dijo \"¡si!\"");
        let p = f.text.find("dijo").unwrap();
        assert_eq!(&orig[f.map.start(p)..f.map.end(p + 4)], "dijo");
        let p = f.text.find("si").unwrap();
        assert_eq!(&orig[f.map.start(p)..f.map.end(p + 2)], "Sí");
        check_roundtrip(orig);
    }

    #[test]
    fn expansions_and_drops() {
        for s in [
            "ﬁnal",
            "soft\u{00ad}hyphen",
            "İstanbul",
            "a\u{200b}b",
            "’quote’",
            "x — y",
            "\u{feff}BOM",
            "\u{1c5}",
            "care \u{2105} of",
        ] {
            check_roundtrip(s);
        }
        assert_eq!(fold("ﬁnal").text, "final");
        assert_eq!(fold("soft\u{00ad}hyphen").text, "softhyphen");
        assert_eq!(fold("States’ views").text, "states' views");
    }
}
