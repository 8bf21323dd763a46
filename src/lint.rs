//! Lexicon checks beyond validity: duplicate and shadowed cues, phrases that
//! look like regular expressions, and how often each cue fires on a corpus.

use serde::Serialize;

use crate::corpus::Corpus;
use crate::lexicon::{line_of, Lexicon, Problem};
use crate::normalize::{fold, fold_phrase};

/// A warning about a lexicon that is valid but probably not what its author
/// meant: a line and a message, like a validation [`Problem`].
pub type Warning = Problem;

/// The words of a folded phrase, a trailing `*` kept.
fn words(phrase: &str) -> Vec<String> {
    fold_phrase(phrase).split(' ').map(str::to_string).collect()
}

/// Whether `inner` stands, word for word, inside the longer `outer`.
fn contained(inner: &[String], outer: &[String]) -> bool {
    inner.len() < outer.len() && outer.windows(inner.len()).any(|w| w == inner)
}

/// Checks a compiled lexicon; `source` is its TOML text, for line numbers.
pub fn lint(lexicon: &Lexicon, source: &str) -> Vec<Warning> {
    let mut out = Vec::new();
    let warn = |phrase: &str, message: String| Warning {
        line: line_of(source, phrase),
        message,
    };
    let cue_words: Vec<Vec<String>> = lexicon.cues.iter().map(|c| words(&c.phrase)).collect();
    for (i, a) in lexicon.cues.iter().enumerate() {
        let q = &lexicon.questions[a.question];
        for (j, b) in lexicon.cues.iter().enumerate() {
            if a.question != b.question || i == j {
                continue;
            }
            if j < i && cue_words[i] == cue_words[j] && a.case_sensitive == b.case_sensitive {
                out.push(warn(
                    &a.phrase,
                    format!(
                        "duplicate cue {:?} for `{}` ({} and {}): both count",
                        a.phrase, q.id, q.labels[b.label], q.labels[a.label]
                    ),
                ));
            }
        }
        let longer: Vec<&str> = lexicon
            .cues
            .iter()
            .enumerate()
            .filter(|(j, b)| b.question == a.question && contained(&cue_words[i], &cue_words[*j]))
            .map(|(_, b)| b.phrase.as_str())
            .collect();
        if !longer.is_empty() {
            let shown: Vec<String> = longer.iter().take(3).map(|p| format!("{p:?}")).collect();
            out.push(warn(
                &a.phrase,
                format!(
                    "cue {:?} (`{}`) is shadowed by {} longer cue(s), e.g. {}: where they match, only the longer one counts",
                    a.phrase,
                    q.id,
                    longer.len(),
                    shown.join(", ")
                ),
            ));
        }
    }
    let all_phrases = lexicon
        .cues
        .iter()
        .map(|c| c.phrase.as_str())
        .chain(lexicon.modifiers.iter().map(|m| m.phrase.as_str()))
        .chain(lexicon.topic.terms.iter().map(String::as_str))
        .chain(lexicon.topic.exclude.iter().map(String::as_str));
    for p in all_phrases {
        if p.chars().any(|c| "()|[]\\^$+?{}".contains(c)) {
            out.push(warn(
                p,
                format!("{p:?} looks like a regular expression: it is matched literally"),
            ));
        }
    }
    for (i, a) in lexicon.modifiers.iter().enumerate() {
        if let Some(b) = lexicon.modifiers[..i]
            .iter()
            .find(|b| fold_phrase(&b.phrase) == fold_phrase(&a.phrase))
        {
            out.push(warn(
                &a.phrase,
                format!(
                    "modifier {:?} is listed twice ({:?} and {:?}): both apply",
                    a.phrase, b.kind, a.kind
                ),
            ));
        }
    }
    if lexicon.topic.terms.is_empty() {
        out.push(Warning {
            line: None,
            message: "no topic terms: every cue counts in every document".into(),
        });
    }
    out
}

/// How often one cue fires on a corpus (raw matches, before topic scope and modifiers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CueCount {
    /// Index into [`Lexicon::cues`].
    pub cue: usize,
    /// Occurrences.
    pub hits: usize,
    /// Documents with at least one occurrence.
    pub documents: usize,
}

/// Counts how often each cue fires on every readable document of `corpus`
/// (documents that cannot be read are skipped and returned as messages).
pub fn fire_counts(lexicon: &Lexicon, corpus: &Corpus) -> (Vec<CueCount>, Vec<String>) {
    let mut counts: Vec<CueCount> = (0..lexicon.cues.len())
        .map(|cue| CueCount {
            cue,
            hits: 0,
            documents: 0,
        })
        .collect();
    let mut errors = Vec::new();
    let nq = lexicon.questions.len();
    for entry in corpus.entries() {
        let doc = match entry.and_then(|e| e.load()) {
            Ok(d) => d,
            Err(e) => {
                errors.push(e.to_string());
                continue;
            }
        };
        let folded = fold(&doc.text);
        let mut seen = vec![false; counts.len()];
        for h in lexicon.content.find(&folded, &doc.text) {
            if h.group < nq {
                counts[h.payload].hits += 1;
                if !std::mem::replace(&mut seen[h.payload], true) {
                    counts[h.payload].documents += 1;
                }
            }
        }
    }
    (counts, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn finds_duplicates_shadowing_and_regex_lookalikes() {
        let src = r#"
[lexicon]
name = "t"
language = "en"
[[question]]
id = "q"
labels = ["yes", "no"]
default = "no"
[[cues]]
question = "q"
label = "yes"
phrases = ["treaty", "new treaty", "(a|b)"]
[[cues]]
question = "q"
label = "no"
phrases = ["Treaty"]
"#;
        let lex = Lexicon::from_toml(Path::new("t.toml"), src).unwrap();
        let w: Vec<String> = lint(&lex, src).iter().map(ToString::to_string).collect();
        assert!(
            w.iter().any(|m| m.contains("duplicate cue \"Treaty\"")),
            "{w:?}"
        );
        assert!(
            w.iter().any(|m| m
                .contains("\"treaty\" (`q`) is shadowed by 1 longer cue(s), e.g. \"new treaty\"")),
            "{w:?}"
        );
        assert!(
            w.iter()
                .any(|m| m.starts_with("line 12:") && m.contains("regular expression")),
            "{w:?}"
        );
        assert!(w.iter().any(|m| m.contains("no topic terms")), "{w:?}");
    }

    #[test]
    fn builtin_lexicon_has_no_duplicates_or_regex() {
        let (_, src) = crate::lexicon::BUILTIN[0];
        let lex = Lexicon::builtin_english();
        let w: Vec<String> = lint(&lex, src)
            .iter()
            .map(ToString::to_string)
            .filter(|m| !m.contains("shadowed"))
            .collect();
        assert!(w.is_empty(), "{w:#?}");
    }
}
