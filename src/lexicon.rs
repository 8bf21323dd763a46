//! Lexicons: the questions, their labels, the cues, the topic and the
//! modifiers, loaded from TOML, validated and compiled.
//!
//! The format is documented for lexicon authors in `lexicons/README.md`.

use std::path::Path;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::matcher::{validate_pattern, validate_phrase, PhraseSet, PhraseSpec};
use crate::normalize::fold_phrase;
use crate::pattern::{self, Classes};

/// The lexicons built into the binary, as (file name, source).
pub const BUILTIN: &[(&str, &str)] = &[
    ("laws-en.toml", include_str!("../lexicons/laws-en.toml")),
    ("laws-es.toml", include_str!("../lexicons/laws-es.toml")),
    ("laws-fr.toml", include_str!("../lexicons/laws-fr.toml")),
    ("laws-ar.toml", include_str!("../lexicons/laws-ar.toml")),
    ("laws-zh.toml", include_str!("../lexicons/laws-zh.toml")),
    ("laws-ru.toml", include_str!("../lexicons/laws-ru.toml")),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    lexicon: RawHeader,
    #[serde(default)]
    classes: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    question: Vec<RawQuestion>,
    topic: Option<RawTopic>,
    #[serde(default)]
    modifier: Vec<RawModifier>,
    #[serde(default)]
    cues: Vec<RawCues>,
    #[serde(default)]
    implies: Vec<RawImplication>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImplication {
    when: String,
    then: String,
}

/// A cross-question implication: where question `when.0` gets label
/// `when.1`, question `then.0` gets label `then.1` unless it has a label
/// other than its default (see [`crate::classify`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Implication {
    /// (question, label) indexes that imply.
    pub when: (usize, usize),
    /// (question, label) indexes implied.
    pub then: (usize, usize),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: String,
    language: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    version: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    #[serde(default)]
    description: String,
    labels: Vec<String>,
    default: String,
    hedged: Option<String>,
    #[serde(default)]
    negated: std::collections::BTreeMap<String, String>,
    #[serde(default = "default_min_score")]
    min_score: f64,
    #[serde(default = "default_min_margin")]
    min_margin: f64,
    #[serde(default = "default_hedged_weight")]
    hedged_weight: f64,
    #[serde(default)]
    dominant: Option<String>,
}

fn default_hedged_weight() -> f64 {
    0.5
}

fn default_min_score() -> f64 {
    1.0
}
fn default_min_margin() -> f64 {
    0.5
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    case_sensitive: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default = "default_window")]
    window: usize,
    #[serde(default = "default_document_min")]
    document_min: usize,
    #[serde(default = "default_document_density")]
    document_density: f64,
}

fn default_document_density() -> f64 {
    5.0
}

fn default_window() -> usize {
    1
}
fn default_document_min() -> usize {
    3
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModifier {
    kind: ModifierKind,
    #[serde(default)]
    scope: Option<Scope>,
    #[serde(default)]
    window: Option<usize>,
    #[serde(default)]
    factor: Option<f64>,
    #[serde(default)]
    stops_at_comma: bool,
    phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCues {
    question: String,
    label: String,
    #[serde(default = "default_weight")]
    weight: f64,
    negated: Option<String>,
    #[serde(default)]
    case_sensitive: bool,
    phrases: Vec<String>,
}

fn default_weight() -> f64 {
    1.0
}

/// What a modifier does to the cues in its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ModifierKind {
    /// Negates a cue ("not", "no need for", "rejects"). Two negations cancel out.
    Negation,
    /// Looks like a negation but negates nothing ("not only", "no doubt").
    Pseudo,
    /// Ends the scope of the other modifiers ("but", "however", ";").
    Terminator,
    /// Makes a cue undecided ("premature at this stage", "once a definition is agreed").
    Hedge,
    /// Marks a cue as someone else's position ("some States called for").
    Attribution,
    /// Strengthens a cue: the speaker commits to it ("calls for", "supports").
    /// Its weight is multiplied by the modifier's `factor`.
    Booster,
    /// An explicit rejection ("rejects", "no need for", "would be premature").
    /// Rejections that bear on one cue reinforce each other (they never
    /// cancel out); a plain negation reverses them ("does not oppose").
    Rejection,
    /// Narrows what a rejection bears on ("blanket", "sweeping"): a rejected
    /// cue under a qualifier counts toward nothing ("blanket bans would
    /// undermine ..." does not reject every prohibition).
    Qualifier,
    /// Marks the cue before it as a step toward something else ("as a first
    /// step towards"): the step counts toward nothing, the destination counts.
    Step,
}

impl ModifierKind {
    /// Whether the kind multiplies the weight of the cue it acts on.
    pub fn takes_factor(self) -> bool {
        matches!(
            self,
            ModifierKind::Booster
                | ModifierKind::Negation
                | ModifierKind::Rejection
                | ModifierKind::Step
        )
    }
}

/// On which side of a cue a modifier acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The modifier stands before the cue.
    Before,
    /// The modifier stands after the cue.
    After,
    /// Either side.
    Both,
}

/// A question and its labels.
#[derive(Debug, Clone)]
pub struct Question {
    /// Identifier (`instrument`, `regulation`, `forum`).
    pub id: String,
    /// What the question asks, for people.
    pub description: String,
    /// The labels, in the order the lexicon declares them.
    pub labels: Vec<String>,
    /// Index of the label given when the evidence is weak or balanced.
    pub default: usize,
    /// Index of the label that hedged cues count toward.
    pub hedged: usize,
    /// For each label, the label a negated cue of that label counts toward
    /// (`None`: a negated cue counts toward nothing).
    pub negated: Vec<Option<usize>>,
    /// The least score a label other than the default needs.
    pub min_score: f64,
    /// The least lead over every other label a label other than the default needs.
    pub min_margin: f64,
    /// Share of a hedged cue's weight that counts toward the hedged label.
    pub hedged_weight: f64,
    /// A label that wins whenever it reaches `min_score`, whatever the other
    /// labels score (e.g. `open` for the forum: accepting other venues besides
    /// the CCW is `open`).
    pub dominant: Option<usize>,
}

impl Question {
    /// The label that answers against the question's first label: what a
    /// negated cue of the first label counts toward (`oppose`, for a first
    /// label `support`); `None` when negation reverses nothing.
    pub fn opposing(&self) -> Option<usize> {
        self.negated.first().copied().flatten()
    }
}

/// A cue: a phrase that is evidence for a label of a question.
#[derive(Debug, Clone)]
pub struct Cue {
    /// The phrase as written in the lexicon.
    pub phrase: String,
    /// Index of the question.
    pub question: usize,
    /// Index of the label.
    pub label: usize,
    /// Weight added to the label's score.
    pub weight: f64,
    /// Label a negated occurrence counts toward, overriding the question's rule.
    pub negated: Option<Option<usize>>,
    /// Whether the phrase must match the original's case exactly.
    pub case_sensitive: bool,
    /// The folded words the phrase itself can match: its literal words and
    /// its classes' members (a stem keeps its `*`). A negation among them
    /// is part of the phrase ("no legal gap"); one elsewhere in a match
    /// stands in a gap of a pattern ("existing law is **not** sufficient").
    pub words: Vec<String>,
}

impl Cue {
    /// Whether `phrase` (folded words, as a modifier is written) is made of
    /// words the cue's own phrase can match.
    ///
    /// ```
    /// let lexicon = stancer::Lexicon::builtin_english();
    /// let cue = |p: &str| lexicon.cues.iter().find(|c| c.phrase == p).unwrap();
    /// // "no" is a word of "no legal vacuum": part of the phrase, not a negation of it.
    /// assert!(cue("no legal vacuum").owns("no"));
    /// // "not" is no word of this pattern: in "existing law is not sufficient"
    /// // it stands in the pattern's gap.
    /// assert!(!cue("@existing_law @holds ~3 @sufficient").owns("not"));
    /// assert!(cue("@existing_law @holds ~3 @sufficient").owns("remains"));
    /// ```
    pub fn owns(&self, phrase: &str) -> bool {
        phrase.split_whitespace().all(|w| {
            let w = w.trim_end_matches('*');
            self.words.iter().any(|x| match x.strip_suffix('*') {
                Some(stem) => w.starts_with(stem),
                None => x == w,
            })
        })
    }
}

/// The folded words a phrase can match on its own: its literal words and the
/// members of its `@class`es (a pattern's elements), gaps left out.
fn phrase_words(phrase: &str, classes: &Classes) -> Vec<String> {
    let parsed = pattern::is_pattern(phrase)
        .then(|| pattern::parse(phrase, classes).ok())
        .flatten();
    let parts: Vec<&str> = match &parsed {
        Some(p) => p
            .elements
            .iter()
            .flat_map(|e| e.phrases(classes))
            .map(String::as_str)
            .collect(),
        None => vec![phrase],
    };
    let mut words: Vec<String> = parts
        .iter()
        .flat_map(|p| {
            fold_phrase(p)
                .split_whitespace()
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// A modifier phrase and its scope.
#[derive(Debug, Clone)]
pub struct Modifier {
    /// The phrase as written.
    pub phrase: String,
    /// What it does.
    pub kind: ModifierKind,
    /// Where it acts.
    pub scope: Scope,
    /// How many words away from the cue it still acts.
    pub window: usize,
    /// For boosters and negations: the factor applied to the weight of the cue
    /// they act on (an explicit rejection such as "is not needed" counts more
    /// than a bare "not").
    pub factor: f64,
    /// It acts only on what follows it up to a comma: "rather than waiting,
    /// we call for a treaty" rejects the waiting, not the treaty.
    pub stops_at_comma: bool,
}

/// Topic settings.
#[derive(Debug, Clone)]
pub struct Topic {
    /// Topic terms as written.
    pub terms: Vec<String>,
    /// Off-topic markers as written.
    pub exclude: Vec<String>,
    /// Sentences either side of a topic term in which cues count.
    pub window: usize,
    /// Topic terms a document needs to be about the topic as a whole.
    pub document_min: usize,
    /// Or: topic terms per 1,000 words a (short) document needs to be about the topic.
    pub document_density: f64,
}

/// A compiled lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Its name (`laws-en`).
    pub name: String,
    /// ISO 639-1 code of the language it reads.
    pub language: String,
    /// Free text.
    pub description: String,
    /// Version string, if the author gave one.
    pub version: Option<String>,
    /// SHA-256 of the source, hex.
    pub sha256: String,
    /// The questions.
    pub questions: Vec<Question>,
    /// The cues.
    pub cues: Vec<Cue>,
    /// The modifiers.
    pub modifiers: Vec<Modifier>,
    /// The topic.
    pub topic: Topic,
    /// The word classes patterns refer to (`@binding`).
    pub classes: Classes,
    /// Cross-question implications, in the lexicon's order.
    pub implications: Vec<Implication>,
    /// Cues and topic terms in one automaton, run over every text. Groups:
    /// question index for cues, then [`Lexicon::topic_group`]; payload: index
    /// into `cues` or `topic.terms`.
    pub content: PhraseSet,
    /// Off-topic markers (group 0, payload: index into `topic.exclude`), run
    /// only over the sentences that hold a cue: they are frequent words
    /// ("climate", "water") that would slow down the pass over every text.
    pub exclude_set: PhraseSet,
    /// Topic terms alone (group 0, payload: index into `topic.terms`): a few
    /// phrases, so a fast scan. A text without any topic term can have no cue
    /// that counts, and is not scanned for cues at all.
    pub topic_set: PhraseSet,
    /// Modifiers in one automaton (group 0, payload: index into `modifiers`).
    pub modifier_set: PhraseSet,
}

/// SHA-256 of a lexicon's source, hex.
fn source_sha256(source: &str) -> String {
    Sha256::digest(source.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What names a lexicon, read from its source without compiling it: name,
/// language and the SHA-256 of the source (as [`Lexicon`] has them).
pub fn identity(source: &str) -> std::result::Result<(String, String, String), String> {
    #[derive(Deserialize)]
    struct HeaderOnly {
        lexicon: RawHeader,
    }
    let h: HeaderOnly = toml::from_str(source).map_err(|e| e.message().to_string())?;
    Ok((h.lexicon.name, h.lexicon.language, source_sha256(source)))
}

/// Finds the 1-based line of the first occurrence of `needle` in `source`.
pub(crate) fn line_of(source: &str, needle: &str) -> Option<usize> {
    let quoted = format!("\"{needle}\"");
    let pos = source.find(&quoted).or_else(|| source.find(needle))?;
    Some(source[..pos].matches('\n').count() + 1)
}

impl Lexicon {
    /// Group of topic-term hits in [`Lexicon::content`].
    pub fn topic_group(&self) -> usize {
        self.questions.len()
    }

    /// Reads and compiles a lexicon file.
    pub fn from_path(path: &Path) -> Result<Lexicon> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let source = String::from_utf8(bytes)
            .map_err(|e| Error::lexicon(path, format!("not valid UTF-8 ({e})")))?;
        Lexicon::from_toml(path, &source)
    }

    /// The default lexicon for English.
    pub fn builtin_english() -> Lexicon {
        Lexicon::builtin(0)
    }

    /// Every built-in lexicon (English, Spanish, French), English first.
    pub fn builtins() -> Vec<Lexicon> {
        (0..BUILTIN.len()).map(Lexicon::builtin).collect()
    }

    /// The built-in lexicon `i` of [`BUILTIN`].
    pub(crate) fn builtin(i: usize) -> Lexicon {
        let (name, source) = BUILTIN[i];
        Lexicon::from_toml(Path::new(name), source).expect("built-in lexicon is valid")
    }

    /// Parses and compiles a lexicon; `path` is only used in messages. Every
    /// problem found is reported, one per line, not only the first.
    pub fn from_toml(path: &Path, source: &str) -> Result<Lexicon> {
        let (lexicon, problems) = Lexicon::compile(source);
        match lexicon {
            Some(l) if problems.is_empty() => Ok(l),
            _ => Err(Error::lexicon(
                path,
                problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
            )),
        }
    }

    /// Parses, validates and compiles a lexicon, collecting every problem
    /// (with its line where one can be found). The lexicon is returned only
    /// when there is no problem.
    pub fn compile(source: &str) -> (Option<Lexicon>, Vec<Problem>) {
        let mut problems: Vec<Problem> = Vec::new();
        let raw: RawLexicon = match toml::from_str(source) {
            Ok(r) => r,
            Err(e) => {
                let line = e
                    .span()
                    .map(|s| source[..s.start.min(source.len())].matches('\n').count() + 1);
                let message = e.message().trim_end().to_string();
                return (None, vec![Problem { line, message }]);
            }
        };
        let mut probs = Problems {
            source,
            list: &mut problems,
        };
        if raw.question.is_empty() {
            probs.at("[lexicon]", "no [[question]] declared".into());
        }
        let mut questions: Vec<Question> = Vec::new();
        for q in &raw.question {
            if questions.iter().any(|o| o.id == q.id) {
                probs.at(&q.id, format!("question `{}` declared twice", q.id));
                continue;
            }
            if q.labels.len() < 2 {
                probs.at(
                    &q.id,
                    format!("question `{}` needs at least two labels", q.id),
                );
                continue;
            }
            let mut ok = true;
            let mut label = |l: &str| {
                let found = q.labels.iter().position(|x| x == l);
                if found.is_none() {
                    ok = false;
                    probs.at(
                        l,
                        format!(
                            "question `{}` has no label `{l}` (labels: {})",
                            q.id,
                            q.labels.join(", ")
                        ),
                    );
                }
                found.unwrap_or(0)
            };
            let default = label(&q.default);
            let hedged = q.hedged.as_deref().map_or(default, &mut label);
            let dominant = q.dominant.as_deref().map(&mut label);
            let mut negated = vec![None; q.labels.len()];
            for (from, to) in &q.negated {
                let from = label(from);
                negated[from] = Some(label(to));
            }
            for (name, v) in [
                ("min_score", q.min_score),
                ("min_margin", q.min_margin),
                ("hedged_weight", q.hedged_weight),
            ] {
                if !v.is_finite() || v < 0.0 {
                    ok = false;
                    probs.at(
                        name,
                        format!("question `{}`: {name} must be a number >= 0", q.id),
                    );
                }
            }
            if !ok {
                continue;
            }
            questions.push(Question {
                id: q.id.clone(),
                description: q.description.clone(),
                labels: q.labels.clone(),
                default,
                hedged,
                negated,
                min_score: q.min_score,
                min_margin: q.min_margin,
                hedged_weight: q.hedged_weight,
                dominant,
            });
        }

        let mut classes = Vec::new();
        for (name, members) in &raw.classes {
            let mut ok = true;
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                ok = false;
                probs.at(
                    name,
                    format!("word class `{name}`: a name is letters, digits, `_` or `-`"),
                );
            }
            if members.is_empty() {
                ok = false;
                probs.at(name, format!("word class `{name}` has no member"));
            }
            for m in members {
                let problem = if pattern::is_pattern(m) {
                    Some("a class member is a plain phrase, not a pattern".to_string())
                } else {
                    validate_phrase(m).err().map(|e| e.to_string())
                };
                if let Some(e) = problem {
                    ok = false;
                    probs.at(m, format!("word class `{name}`, member {m:?}: {e}"));
                }
            }
            if ok {
                classes.push((name.clone(), members.clone()));
            }
        }
        let classes = Classes::new(classes);
        let phrase_ok =
            |p: &str, what: &str, probs: &mut Problems| match validate_pattern(p, &classes) {
                Ok(()) => true,
                Err(e) => {
                    probs.at(p, format!("{what} {p:?}: {e}"));
                    false
                }
            };

        let mut cues = Vec::new();
        for block in &raw.cues {
            let Some(qi) = questions.iter().position(|q| q.id == block.question) else {
                probs.at(
                    &block.question,
                    format!("cues for undeclared question `{}`", block.question),
                );
                continue;
            };
            let q = &questions[qi];
            let find = |l: &str| q.labels.iter().position(|x| x == l);
            let Some(label) = find(&block.label) else {
                probs.at(
                    &block.label,
                    format!("question `{}` has no label `{}`", q.id, block.label),
                );
                continue;
            };
            let negated = match block.negated.as_deref() {
                None => None,
                Some("none") => Some(None),
                Some(n) => match find(n) {
                    Some(i) => Some(Some(i)),
                    None => {
                        probs.at(n, format!("question `{}` has no label `{n}`", q.id));
                        continue;
                    }
                },
            };
            if !block.weight.is_finite() || block.weight <= 0.0 {
                let first = block
                    .phrases
                    .first()
                    .map(String::as_str)
                    .unwrap_or("weight");
                probs.at_key_before(
                    "weight",
                    first,
                    format!(
                        "cues for {}/{}: weight must be a number > 0",
                        block.question, block.label
                    ),
                );
                continue;
            }
            for p in &block.phrases {
                if phrase_ok(p, "cue", &mut probs) {
                    cues.push(Cue {
                        phrase: p.clone(),
                        question: qi,
                        label,
                        weight: block.weight,
                        negated,
                        case_sensitive: block.case_sensitive,
                        words: phrase_words(p, &classes),
                    });
                }
            }
        }

        let mut implications = Vec::new();
        for imp in &raw.implies {
            let mut side = |written: &str| {
                let found = written.split_once(':').and_then(|(q, l)| {
                    let qi = questions.iter().position(|x| x.id == q.trim())?;
                    let li = questions[qi].labels.iter().position(|x| x == l.trim())?;
                    Some((qi, li))
                });
                if found.is_none() {
                    probs.at(
                        written,
                        format!("implication {written:?}: write `question:label` with a declared question and label"),
                    );
                }
                found
            };
            let (when, then) = (side(&imp.when), side(&imp.then));
            if let (Some(when), Some(then)) = (when, then) {
                if when.0 == then.0 {
                    probs.at(
                        &imp.then,
                        format!("implication {:?}: a question cannot imply itself", imp.then),
                    );
                } else {
                    implications.push(Implication { when, then });
                }
            }
        }

        let topic = raw.topic.as_ref();
        let mut terms: Vec<(String, bool)> = Vec::new();
        let mut exclude = Vec::new();
        if let Some(t) = topic {
            for (list, cs) in [(&t.terms, false), (&t.case_sensitive, true)] {
                for p in list {
                    if phrase_ok(p, "topic term", &mut probs) {
                        terms.push((p.clone(), cs));
                    }
                }
            }
            for p in &t.exclude {
                if phrase_ok(p, "off-topic marker", &mut probs) {
                    exclude.push(p.clone());
                }
            }
            if !t.document_density.is_finite() || t.document_density < 0.0 {
                probs.at(
                    "document_density",
                    "document_density must be a number >= 0".into(),
                );
            }
        }

        let mut modifiers = Vec::new();
        for m in &raw.modifier {
            let (scope, window) = match m.kind {
                ModifierKind::Negation => (Scope::Before, 5),
                ModifierKind::Pseudo => (Scope::Both, 0),
                ModifierKind::Terminator => (Scope::Both, 0),
                ModifierKind::Hedge => (Scope::Both, 12),
                ModifierKind::Attribution => (Scope::Before, 12),
                ModifierKind::Booster => (Scope::Before, 6),
                ModifierKind::Rejection => (Scope::Before, 6),
                ModifierKind::Qualifier => (Scope::Before, 2),
                ModifierKind::Step => (Scope::After, 8),
            };
            let first = m
                .phrases
                .first()
                .map(String::as_str)
                .unwrap_or("[[modifier]]");
            let factor = m.factor.unwrap_or(match m.kind {
                ModifierKind::Booster | ModifierKind::Rejection | ModifierKind::Step => 2.0,
                _ => 1.0,
            });
            if m.factor.is_some() && !m.kind.takes_factor() {
                probs.at(
                    first,
                    format!(
                        "modifier {first:?}: only boosters, negations, rejections and steps take a factor"
                    ),
                );
                continue;
            }
            if !factor.is_finite() || factor <= 0.0 {
                probs.at(
                    first,
                    format!("modifier {first:?}: factor must be a number > 0"),
                );
                continue;
            }
            for p in &m.phrases {
                if phrase_ok(p, "modifier", &mut probs) {
                    modifiers.push(Modifier {
                        phrase: p.clone(),
                        kind: m.kind,
                        scope: m.scope.unwrap_or(scope),
                        window: m.window.unwrap_or(window),
                        factor,
                        stops_at_comma: m.stops_at_comma,
                    });
                }
            }
        }
        if !problems.is_empty() {
            return (None, problems);
        }

        let nq = questions.len();
        let specs = cues
            .iter()
            .enumerate()
            .map(|(i, c)| PhraseSpec {
                phrase: &c.phrase,
                case_sensitive: c.case_sensitive,
                group: c.question,
                payload: i,
            })
            .chain(terms.iter().enumerate().map(|(i, (p, cs))| PhraseSpec {
                phrase: p,
                case_sensitive: *cs,
                group: nq,
                payload: i,
            }));
        // Every phrase was validated above, so compiling cannot fail on a phrase.
        // Cues are scanned for only in texts about the topic, modifiers and
        // off-topic markers only in the sentences that hold a cue: where they
        // match densely. Topic terms are scanned for in every text, most of
        // which hold none: a sparse set, with a fast scan between matches.
        let compiled = PhraseSet::with_classes_dense(specs, &classes).and_then(|content| {
            let modifier_set = PhraseSet::with_classes_dense(
                modifiers.iter().enumerate().map(|(i, m)| PhraseSpec {
                    phrase: &m.phrase,
                    case_sensitive: false,
                    group: 0,
                    payload: i,
                }),
                &classes,
            )?;
            let exclude_set = PhraseSet::with_classes_dense(
                exclude.iter().enumerate().map(|(i, p)| PhraseSpec {
                    phrase: p,
                    case_sensitive: false,
                    group: 0,
                    payload: i,
                }),
                &classes,
            )?;
            let topic_set = PhraseSet::with_classes(
                terms.iter().enumerate().map(|(i, (p, cs))| PhraseSpec {
                    phrase: p,
                    case_sensitive: *cs,
                    group: 0,
                    payload: i,
                }),
                &classes,
            )?;
            Ok((content, modifier_set, exclude_set, topic_set))
        });
        let (content, modifier_set, exclude_set, topic_set) = match compiled {
            Ok(c) => c,
            Err((_, e)) => {
                return (
                    None,
                    vec![Problem {
                        line: None,
                        message: format!("cannot compile phrases: {e}"),
                    }],
                )
            }
        };

        let sha256 = source_sha256(source);
        let lexicon = Lexicon {
            name: raw.lexicon.name,
            language: raw.lexicon.language,
            description: raw.lexicon.description,
            version: raw.lexicon.version,
            sha256,
            questions,
            cues,
            modifiers,
            topic: Topic {
                terms: terms.into_iter().map(|(p, _)| p).collect(),
                exclude,
                window: topic.map_or(default_window(), |t| t.window),
                document_min: topic.map_or(default_document_min(), |t| t.document_min),
                document_density: topic.map_or(default_document_density(), |t| t.document_density),
            },
            classes,
            implications,
            content,
            modifier_set,
            exclude_set,
            topic_set,
        };
        (Some(lexicon), Vec::new())
    }
}

/// Problems collected while compiling, each placed on a line of the source.
struct Problems<'a> {
    source: &'a str,
    list: &'a mut Vec<Problem>,
}

impl Problems<'_> {
    /// A problem on the line of the first occurrence of `needle`.
    fn at(&mut self, needle: &str, message: String) {
        self.list.push(Problem {
            line: line_of(self.source, needle),
            message,
        });
    }

    /// A problem on the line of the last `key` before `needle` (the `weight`
    /// of the block that lists a phrase).
    fn at_key_before(&mut self, key: &str, needle: &str, message: String) {
        let end = self
            .source
            .find(&format!("\"{needle}\""))
            .unwrap_or(self.source.len());
        let line = self.source[..end]
            .rfind(key)
            .map(|pos| self.source[..pos].matches('\n').count() + 1);
        self.list.push(Problem { line, message });
    }
}

/// A problem found in a lexicon.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The 1-based line, where it can be found.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}
