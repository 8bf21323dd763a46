//! Why a document got its labels, for people: the sentences that carried
//! evidence with their cues and modifiers marked, what each cue added, the
//! score arithmetic per label and the decision rule.
//!
//! [`Explanation::new`] gathers everything from a classified document
//! ([`Labelled`]) and the lexicon that read it into plain data;
//! [`Explanation::render`] turns it into text, with ANSI colours or with
//! brackets (`[[cue]]`, `{modifier}`). The scores are re-added from the
//! evidence in text order, exactly as [`crate::classify::classify`] adds them,
//! and the decision is re-derived with [`crate::classify::decide`]'s rule, so
//! the arithmetic shown is the one that produced the label.
//!
//! Every text that comes from a document or a lexicon goes through
//! [`sanitize`] (from [`crate::escape`]) before it is rendered: a statement cannot move the cursor,
//! change colours, retitle the terminal or reorder what is displayed.
//!
//! ```
//! use stancer::{classify::classify, corpus::Document, explain::Explanation, lexicon::Lexicon};
//!
//! let lexicon = Lexicon::builtin_english();
//! let doc = Document::new(
//!     "demo",
//!     "We do not support a new legally binding instrument on autonomous weapons systems.",
//! );
//! let labelled = classify(&lexicon, &doc);
//! let text = Explanation::new(&lexicon, &labelled, Some("instrument"))
//!     .unwrap()
//!     .render(false);
//! assert!(text.contains("[[new legally binding instrument]]"));
//! assert!(text.contains("→ oppose"));
//! ```

use std::fmt::Write as _;
use std::ops::Range;

use crate::classify::{decide, AppliedModifier, Evidence, Labelled};
use crate::lexicon::{Lexicon, ModifierKind, Question, Scope};

// The terminal sanitizer lives in [`crate::escape`], with the CSV and HTML
// escaping; it is re-exported here for the callers that knew it here.
pub use crate::escape::{clean, collapse_whitespace, sanitize, sanitize_lines};

// ---------------------------------------------------------------------------
// Nearby ids
// ---------------------------------------------------------------------------

/// Up to `n` of `ids` closest to `wanted` (edit distance, ignoring case; ties
/// in the given order): the suggestions for an id that is not in the corpus.
///
/// ```
/// let ids = ["VLR", "ODM", "KVR", "MZK"];
/// assert_eq!(stancer::explain::nearby_ids(ids, "odn", 2), vec!["ODM", "VLR"]);
/// ```
pub fn nearby_ids<'a>(
    ids: impl IntoIterator<Item = &'a str>,
    wanted: &str,
    n: usize,
) -> Vec<&'a str> {
    let wanted: Vec<char> = wanted.to_lowercase().chars().collect();
    let mut scored: Vec<(usize, usize, &str)> = ids
        .into_iter()
        .enumerate()
        .map(|(i, id)| {
            let c: Vec<char> = id.to_lowercase().chars().collect();
            (edit_distance(&wanted, &c), i, id)
        })
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, _, id)| id).collect()
}

/// Levenshtein distance.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

// ---------------------------------------------------------------------------
// The explanation as data
// ---------------------------------------------------------------------------

/// A question that the lexicon does not declare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownQuestion {
    /// The question asked for.
    pub question: String,
    /// The lexicon's questions.
    pub known: Vec<String>,
}

impl std::fmt::Display for UnknownQuestion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no question {:?} in the lexicon (its questions: {})",
            self.question,
            self.known.join(", ")
        )
    }
}

impl std::error::Error for UnknownQuestion {}

/// Whether the document as a whole counts as about the topic.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicStatus {
    /// Topic terms found.
    pub mentions: usize,
    /// Topic terms per 1,000 words.
    pub density: f64,
    /// The lexicon's `document_min`.
    pub document_min: usize,
    /// The lexicon's `document_density`.
    pub document_density: f64,
    /// The lexicon's `window` (sentences around a topic term in which cues
    /// count when the document is not about the topic).
    pub window: usize,
    /// Whether the document is about the topic: cues count anywhere (except in
    /// off-topic sentences).
    pub about: bool,
}

/// The document's identity and counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Document id.
    pub id: String,
    /// Actor code.
    pub actor: String,
    /// Actor's name.
    pub actor_name: Option<String>,
    /// Actor kind.
    pub actor_kind: Option<String>,
    /// Language of the text.
    pub language: Option<String>,
    /// The lexicon that read it.
    pub lexicon: String,
    /// The text file, where there is one.
    pub file: Option<String>,
    /// Words.
    pub tokens: usize,
    /// Sentences.
    pub sentences: usize,
    /// Topic terms and what they mean for the document.
    pub topic: TopicStatus,
}

/// A modifier that acted on a cue, with its lexicon entry.
#[derive(Debug, Clone, PartialEq)]
pub struct ModifierNote {
    /// What it did.
    pub kind: ModifierKind,
    /// The phrase as written in the lexicon.
    pub phrase: String,
    /// The text it matched in the document.
    pub text: String,
    /// Byte range in the original text.
    pub range: Range<usize>,
    /// On which side of a cue it acts (from the lexicon).
    pub scope: Option<Scope>,
    /// How many words away it acts (from the lexicon).
    pub window: Option<usize>,
    /// What it multiplies a weight by: the factor of a negation or booster,
    /// the question's `hedged_weight` for a hedge; `None` for 1 or no factor.
    pub factor: Option<f64>,
}

/// One cue occurrence as explained.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplainedEvidence {
    /// The evidence, as in the classify output.
    pub evidence: Evidence,
    /// The modifiers that acted on it.
    pub modifiers: Vec<ModifierNote>,
}

/// What a marked stretch of a sentence is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkKind {
    /// A cue, with the label it counted toward (`None`: nothing).
    Cue(Option<String>),
    /// A modifier that acted on a cue.
    Modifier(ModifierKind),
}

/// A marked stretch of a sentence (byte range relative to the sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte range in the sentence.
    pub range: Range<usize>,
    /// What it is.
    pub kind: MarkKind,
}

/// A sentence that carried evidence for a question.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceEvidence {
    /// Byte offset of the sentence in the original text.
    pub start: usize,
    /// The sentence as it stands in the original.
    pub text: String,
    /// Cues and modifiers to mark, sorted by start.
    pub marks: Vec<Mark>,
    /// The cue occurrences in it, in text order.
    pub evidence: Vec<ExplainedEvidence>,
}

/// One label's score as a sum.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelSum {
    /// The label.
    pub label: String,
    /// What each occurrence that counted toward it added, in text order.
    pub terms: Vec<f64>,
    /// The sum.
    pub total: f64,
}

impl LabelSum {
    /// The sum as written out: `1 + 2 = 3`, or the total alone when one
    /// occurrence or none counted.
    pub fn written(&self) -> String {
        match self.terms.len() {
            0 | 1 => num(self.total),
            _ => format!(
                "{} = {}",
                self.terms
                    .iter()
                    .map(|&t| num(t))
                    .collect::<Vec<_>>()
                    .join(" + "),
                num(self.total)
            ),
        }
    }
}

/// Why the decision rule gave the label.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The dominant label reached `min_score`.
    Dominant {
        /// The dominant label.
        label: String,
        /// Its score.
        score: f64,
    },
    /// The best label reached `min_score` and led every other label by `min_margin`.
    Wins {
        /// The best label.
        label: String,
        /// Its score.
        score: f64,
        /// The highest other label (the default included).
        runner_up: String,
        /// Its score.
        runner_up_score: f64,
    },
    /// The best label stayed below `min_score`.
    BelowMinScore {
        /// The best label other than the default.
        best: String,
        /// Its score.
        score: f64,
    },
    /// The best label reached `min_score` but did not lead by `min_margin`.
    BelowMargin {
        /// The best label other than the default.
        best: String,
        /// Its score.
        score: f64,
        /// The highest other label (the default included).
        runner_up: String,
        /// Its score.
        runner_up_score: f64,
    },
    /// The question has no label besides the default.
    OnlyDefault,
}

/// The decision rule applied to one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The label given.
    pub label: String,
    /// The question's default label.
    pub default: String,
    /// The question's `min_score`.
    pub min_score: f64,
    /// The question's `min_margin`.
    pub min_margin: f64,
    /// The question's dominant label and its score, when it has one.
    pub dominant: Option<(String, f64)>,
    /// Which condition gave the label.
    pub reason: Reason,
}

/// One question explained.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionExplanation {
    /// The question id.
    pub id: String,
    /// The label given (as in the classify output).
    pub label: String,
    /// The chosen label's score (as in the classify output).
    pub score: f64,
    /// The confidence (as in the classify output).
    pub confidence: f64,
    /// The question's labels, in the lexicon's order.
    pub labels: Vec<String>,
    /// The sentences with evidence, in text order.
    pub sentences: Vec<SentenceEvidence>,
    /// Every label's score as a sum of its evidence.
    pub sums: Vec<LabelSum>,
    /// The decision rule.
    pub decision: Decision,
}

/// Why a document got its labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// Identity and counts.
    pub header: Header,
    /// Per question, in the lexicon's order.
    pub questions: Vec<QuestionExplanation>,
}

impl Explanation {
    /// Explains `labelled`, classified with `lexicon`; only `question` when given.
    pub fn new(
        lexicon: &Lexicon,
        labelled: &Labelled,
        question: Option<&str>,
    ) -> Result<Explanation, UnknownQuestion> {
        if let Some(wanted) = question {
            if !lexicon.questions.iter().any(|q| q.id == wanted) {
                return Err(UnknownQuestion {
                    question: wanted.to_string(),
                    known: lexicon.questions.iter().map(|q| q.id.clone()).collect(),
                });
            }
        }
        let topic = &lexicon.topic;
        let mentions = labelled.topic_mentions;
        let density = mentions as f64 * 1000.0 / labelled.tokens.max(1) as f64;
        let header = Header {
            id: labelled.meta.id.clone(),
            actor: labelled.meta.actor.clone(),
            actor_name: labelled.meta.actor_name.clone(),
            actor_kind: labelled.meta.actor_kind.clone(),
            language: labelled.meta.language.clone(),
            lexicon: labelled
                .lexicon
                .clone()
                .unwrap_or_else(|| lexicon.name.clone()),
            file: labelled.meta.file.clone(),
            tokens: labelled.tokens,
            sentences: labelled.sentences,
            topic: TopicStatus {
                mentions,
                density,
                document_min: topic.document_min,
                document_density: topic.document_density,
                window: topic.window,
                about: mentions > 0
                    && (mentions >= topic.document_min || density >= topic.document_density),
            },
        };
        let questions = lexicon
            .questions
            .iter()
            .filter(|q| question.is_none_or(|w| w == q.id))
            .filter_map(|q| {
                let r = labelled.questions.get(&q.id)?;
                Some(explain_question(lexicon, q, r))
            })
            .collect();
        Ok(Explanation { header, questions })
    }
}

fn explain_question(
    lexicon: &Lexicon,
    q: &Question,
    r: &crate::classify::QuestionResult,
) -> QuestionExplanation {
    // Scores re-added in text order, as classify adds them.
    let mut scores = vec![0.0; q.labels.len()];
    let mut terms: Vec<Vec<f64>> = vec![Vec::new(); q.labels.len()];
    for e in &r.evidence {
        if let Some(i) = e
            .label
            .as_ref()
            .and_then(|l| q.labels.iter().position(|x| x == l))
        {
            scores[i] += e.counted;
            terms[i].push(e.counted);
        }
    }
    let sums = q
        .labels
        .iter()
        .zip(terms)
        .zip(&scores)
        .map(|((label, terms), &total)| LabelSum {
            label: label.clone(),
            terms,
            total,
        })
        .collect();

    let sentences = by_sentence(&r.evidence, |e, m| {
        let def = lexicon
            .modifiers
            .iter()
            .find(|d| d.phrase == m.phrase && d.kind == m.kind);
        let factor = match m.kind {
            ModifierKind::Hedge => Some(q.hedged_weight),
            k if k.takes_factor() => def.map(|d| d.factor),
            _ => None,
        }
        .filter(|&f| f != 1.0);
        ModifierNote {
            scope: def.map(|d| d.scope),
            window: def.map(|d| d.window),
            factor,
            ..ModifierNote::of(e, m)
        }
    });

    QuestionExplanation {
        id: q.id.clone(),
        label: r.label.clone(),
        score: r.score,
        confidence: r.confidence,
        labels: q.labels.clone(),
        sentences,
        sums,
        decision: decision(q, &scores),
    }
}

/// `range` (original offsets) relative to the sentence, when it lies inside
/// it on character boundaries.
impl ModifierNote {
    /// The note of a modifier applied to `e` as the evidence has it (the text
    /// it matched in the sentence), without the lexicon's definition.
    pub(crate) fn of(e: &Evidence, m: &AppliedModifier) -> ModifierNote {
        let rel = m.start.checked_sub(e.sentence_start);
        ModifierNote {
            kind: m.kind,
            phrase: m.phrase.clone(),
            text: rel
                .and_then(|s| e.sentence.get(s..s + (m.end - m.start)))
                .unwrap_or(m.phrase.as_str())
                .to_string(),
            range: m.start..m.end,
            scope: None,
            window: None,
            factor: None,
        }
    }
}

/// A question's evidence grouped by sentence, in text order, with the spans
/// of its cues and of the modifiers that acted on them marked in each
/// sentence; `note` describes each applied modifier.
pub(crate) fn by_sentence(
    evidence: &[Evidence],
    note: impl Fn(&Evidence, &AppliedModifier) -> ModifierNote,
) -> Vec<SentenceEvidence> {
    let mut sentences: Vec<SentenceEvidence> = Vec::new();
    for e in evidence {
        let explained = ExplainedEvidence {
            evidence: e.clone(),
            modifiers: e.modifiers.iter().map(|m| note(e, m)).collect(),
        };
        match sentences.last_mut() {
            Some(s) if s.start == e.sentence_start => s.evidence.push(explained),
            _ => sentences.push(SentenceEvidence {
                start: e.sentence_start,
                text: e.sentence.clone(),
                marks: Vec::new(),
                evidence: vec![explained],
            }),
        }
    }
    for s in &mut sentences {
        let mut marks: Vec<Mark> = Vec::new();
        for x in &s.evidence {
            let e = &x.evidence;
            if let Some(range) = relative(s, e.start..e.end) {
                marks.push(Mark {
                    range,
                    kind: MarkKind::Cue(e.label.clone()),
                });
            }
            for m in &x.modifiers {
                if let Some(range) = relative(s, m.range.clone()) {
                    let kind = MarkKind::Modifier(m.kind);
                    if !marks.iter().any(|k| k.range == range && k.kind == kind) {
                        marks.push(Mark { range, kind });
                    }
                }
            }
        }
        marks.sort_by_key(|m| (m.range.start, m.range.end));
        s.marks = marks;
    }
    sentences
}

fn relative(s: &SentenceEvidence, range: Range<usize>) -> Option<Range<usize>> {
    let start = range.start.checked_sub(s.start)?;
    let end = range.end.checked_sub(s.start)?;
    (start < end
        && end <= s.text.len()
        && s.text.is_char_boundary(start)
        && s.text.is_char_boundary(end))
    .then_some(start..end)
}

/// Applies the decision rule of [`crate::classify`] and records which
/// condition gave the label.
fn decision(q: &Question, scores: &[f64]) -> Decision {
    let label_of = |i: usize| q.labels[i].clone();
    let chosen = decide(q, scores);
    let dominant = q.dominant.map(|d| (label_of(d), scores[d]));
    let mut best: Option<usize> = None;
    for (i, &s) in scores.iter().enumerate() {
        if i != q.default && best.is_none_or(|b| s > scores[b]) {
            best = Some(i);
        }
    }
    let reason = match (q.dominant, best) {
        (Some(d), _) if scores[d] >= q.min_score => Reason::Dominant {
            label: label_of(d),
            score: scores[d],
        },
        (_, None) => Reason::OnlyDefault,
        (_, Some(b)) => {
            let mut runner_up: Option<usize> = None;
            for (i, &s) in scores.iter().enumerate() {
                if i != b && runner_up.is_none_or(|r| s > scores[r]) {
                    runner_up = Some(i);
                }
            }
            let ru = runner_up.map_or(0.0, |r| scores[r].max(0.0));
            let ru_label = runner_up.map_or_else(|| "nothing".to_string(), label_of);
            let s = scores[b];
            if s < q.min_score {
                Reason::BelowMinScore {
                    best: label_of(b),
                    score: s,
                }
            } else if s - ru >= q.min_margin {
                Reason::Wins {
                    label: label_of(b),
                    score: s,
                    runner_up: ru_label,
                    runner_up_score: ru,
                }
            } else {
                Reason::BelowMargin {
                    best: label_of(b),
                    score: s,
                    runner_up: ru_label,
                    runner_up_score: ru,
                }
            }
        }
    };
    Decision {
        label: label_of(chosen),
        default: label_of(q.default),
        min_score: q.min_score,
        min_margin: q.min_margin,
        dominant,
        reason,
    }
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

/// Formats a score: at least one decimal, at most four.
///
/// ```
/// use stancer::explain::num;
/// assert_eq!(num(3.0), "3.0");
/// assert_eq!(num(0.25), "0.25");
/// assert_eq!(num(1.0 / 3.0), "0.3333");
/// ```
pub fn num(x: f64) -> String {
    let x = if x == 0.0 { 0.0 } else { x }; // no "-0.0"
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0');
    if s.ends_with('.') {
        format!("{s}0")
    } else {
        s.to_string()
    }
}

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const UNDERLINE: &str = "4";

/// The ANSI foreground colour of a label: by name for the usual labels, by
/// position in the question otherwise; dim grey for "counted toward nothing".
fn label_colour(label: Option<&str>, labels: &[String]) -> &'static str {
    const PALETTE: [&str; 6] = ["32", "31", "33", "34", "36", "35"];
    match label {
        None => "90",
        Some("support" | "yes" | "favour" | "favor") => "32",
        Some("oppose" | "no" | "against") => "31",
        Some("undecided" | "unspecified" | "neutral" | "mixed") => "33",
        Some("ccw") => "34",
        Some("open") => "36",
        Some(l) => {
            let i = labels.iter().position(|x| x == l).unwrap_or(0);
            PALETTE[i % PALETTE.len()]
        }
    }
}

/// Writes text with or without colour.
struct Painter {
    color: bool,
}

impl Painter {
    /// `text` in SGR style `params` (e.g. `"1;32"`).
    fn paint(&self, params: &str, text: &str) -> String {
        if self.color && !params.is_empty() && !text.is_empty() {
            format!("\x1b[{params}m{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    fn bold(&self, text: &str) -> String {
        if self.color {
            format!("{BOLD}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    fn label(&self, label: Option<&str>, labels: &[String]) -> String {
        let name = label.unwrap_or("nothing");
        self.paint(&format!("1;{}", label_colour(label, labels)), name)
    }
}

/// The name of a modifier kind, as the lexicon writes it.
pub fn kind_name(kind: ModifierKind) -> &'static str {
    match kind {
        ModifierKind::Negation => "negation",
        ModifierKind::Pseudo => "pseudo",
        ModifierKind::Terminator => "terminator",
        ModifierKind::Hedge => "hedge",
        ModifierKind::Attribution => "attribution",
        ModifierKind::Booster => "booster",
        ModifierKind::Rejection => "rejection",
        ModifierKind::Qualifier => "qualifier",
        ModifierKind::Step => "step",
    }
}

/// Where a modifier acts, in words: `before`, `after`, `either side of`.
pub fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Before => "before",
        Scope::After => "after",
        Scope::Both => "either side of",
    }
}

/// The state of one stretch of a sentence.
#[derive(Debug, Clone, PartialEq)]
struct Style<'a> {
    /// A cue, and the label it counted toward.
    cue: Option<Option<&'a str>>,
    /// A modifier.
    modifier: bool,
}

impl Style<'_> {
    const PLAIN: Style<'static> = Style {
        cue: None,
        modifier: false,
    };
}

/// A stretch of a sentence as shown: its text (sanitized, white space
/// collapsed) and how it is marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The text.
    pub text: String,
    /// Inside a cue: the label the cue counted toward (`Some(None)`: nothing).
    pub cue: Option<Option<String>>,
    /// Inside a modifier.
    pub modifier: bool,
}

/// The sentence cut where its marks start and end, each stretch with its
/// marks: what `explain` shows with colours or brackets, and the HTML report
/// with elements. Text is sanitized and white space collapsed across the
/// stretches; the ends are trimmed.
pub fn sentence_pieces(s: &SentenceEvidence) -> Vec<Piece> {
    let text = s.text.as_str();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for m in &s.marks {
        cuts.push(m.range.start);
        cuts.push(m.range.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut space = true; // drops leading white space
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let cue = s
            .marks
            .iter()
            .find(|m| m.range.start <= a && b <= m.range.end && matches!(m.kind, MarkKind::Cue(_)))
            .map(|m| match &m.kind {
                MarkKind::Cue(l) => l.clone(),
                MarkKind::Modifier(_) => None,
            });
        let modifier = s.marks.iter().any(|m| {
            m.range.start <= a && b <= m.range.end && matches!(m.kind, MarkKind::Modifier(_))
        });
        let mut out = String::new();
        crate::escape::push_collapsed(&mut out, &sanitize(&text[a..b]), &mut space);
        if !out.is_empty() {
            pieces.push(Piece {
                text: out,
                cue,
                modifier,
            });
        }
    }
    // Trailing white space.
    while let Some(last) = pieces.last_mut() {
        let trimmed = last.text.trim_end().len();
        last.text.truncate(trimmed);
        if last.text.is_empty() {
            pieces.pop();
        } else {
            break;
        }
    }
    pieces
}

/// Renders a sentence with its marks: ANSI (bold colour per label for cues,
/// underline for modifiers) or brackets (`[[cue]]`, `{modifier}`).
/// Text is sanitized and white space collapsed; the ends are trimmed.
fn render_sentence(s: &SentenceEvidence, labels: &[String], color: bool) -> String {
    let pieces = sentence_pieces(s);
    let mut out = String::new();
    let mut cur = Style::PLAIN;
    for piece in &pieces {
        let style = Style {
            cue: piece.cue.as_ref().map(|l| l.as_deref()),
            modifier: piece.modifier,
        };
        if style != cur {
            close(&mut out, &cur, color);
            open(&mut out, &style, labels, color);
            cur = style;
        }
        out.push_str(&piece.text);
    }
    close(&mut out, &cur, color);
    out
}

fn open(out: &mut String, style: &Style, labels: &[String], color: bool) {
    if color {
        let mut params: Vec<&str> = Vec::new();
        if let Some(label) = style.cue {
            params.push("1");
            params.push(label_colour(label, labels));
        }
        if style.modifier {
            params.push(UNDERLINE);
        }
        if !params.is_empty() {
            let _ = write!(out, "\x1b[{}m", params.join(";"));
        }
    } else {
        if style.cue.is_some() {
            out.push_str("[[");
        }
        if style.modifier {
            out.push('{');
        }
    }
}

fn close(out: &mut String, style: &Style, color: bool) {
    if *style == Style::PLAIN {
        return;
    }
    if color {
        out.push_str(RESET);
    } else {
        if style.modifier {
            out.push('}');
        }
        if style.cue.is_some() {
            out.push_str("]]");
        }
    }
}

impl Explanation {
    /// Renders the explanation as text: ANSI colours when `color`, brackets
    /// (`[[cue]]`, `{modifier}`) otherwise. Every text from the document or the
    /// lexicon is [`sanitize`]d.
    pub fn render(&self, color: bool) -> String {
        let p = Painter { color };
        let mut out = String::new();
        self.render_header(&p, &mut out);
        for q in &self.questions {
            out.push('\n');
            render_question(q, &p, &mut out);
        }
        out
    }

    fn render_header(&self, p: &Painter, out: &mut String) {
        let h = &self.header;
        let mut who = clean(&h.actor);
        let extra: Vec<String> = [h.actor_name.as_deref(), h.actor_kind.as_deref()]
            .into_iter()
            .flatten()
            .map(clean)
            .collect();
        if !extra.is_empty() {
            who = format!("{who} ({})", extra.join(", "));
        }
        let _ = writeln!(out, "{}", p.bold(&format!("document   {}", clean(&h.id))));
        let _ = writeln!(out, "actor      {who}");
        let _ = writeln!(
            out,
            "language   {}",
            h.language.as_deref().map_or("-".to_string(), clean)
        );
        let _ = writeln!(out, "lexicon    {}", clean(&h.lexicon));
        if let Some(file) = &h.file {
            let _ = writeln!(out, "file       {}", clean(file));
        }
        let _ = writeln!(out, "tokens     {}", h.tokens);
        let _ = writeln!(out, "sentences  {}", h.sentences);
        let t = &h.topic;
        let why = if t.mentions == 0 {
            "no topic term".to_string()
        } else if t.mentions >= t.document_min {
            format!("{} >= document_min {}", t.mentions, t.document_min)
        } else if t.density >= t.document_density {
            format!(
                "{:.1} per 1,000 words >= document_density {}",
                t.density,
                num(t.document_density)
            )
        } else {
            format!(
                "{} < document_min {} and {:.1} per 1,000 words < document_density {}",
                t.mentions,
                t.document_min,
                t.density,
                num(t.document_density)
            )
        };
        let _ = writeln!(
            out,
            "topic      {} mention{} ({:.1} per 1,000 words)",
            t.mentions,
            if t.mentions == 1 { "" } else { "s" },
            t.density
        );
        if t.about {
            let _ = writeln!(
                out,
                "           about the topic: yes ({why}): cues count anywhere but in off-topic sentences"
            );
        } else {
            let _ = writeln!(
                out,
                "           about the topic: no ({why}): cues count only within {} sentence{} of a topic term",
                t.window,
                if t.window == 1 { "" } else { "s" }
            );
        }
    }
}

fn render_question(q: &QuestionExplanation, p: &Painter, out: &mut String) {
    let _ = writeln!(
        out,
        "{} {} (score {}, confidence {})",
        p.bold(&format!("{}:", clean(&q.id))),
        p.label(Some(&q.label), &q.labels),
        num(q.score),
        num(q.confidence)
    );
    if q.sentences.is_empty() {
        let _ = writeln!(out, "  no evidence");
    }
    let label_width = q
        .labels
        .iter()
        .map(|l| l.chars().count())
        .chain(std::iter::once("nothing".len()))
        .max()
        .unwrap_or(0);
    for s in &q.sentences {
        let _ = writeln!(out, "  sentence at byte {}:", s.start);
        let _ = writeln!(out, "    {}", render_sentence(s, &q.labels, p.color));
        for x in &s.evidence {
            let e = &x.evidence;
            let name = e.label.as_deref().unwrap_or("nothing");
            let pad = " ".repeat(label_width.saturating_sub(name.chars().count()));
            let mut line = format!(
                "    {:>6} {}{pad}  ",
                format!("+{}", num(e.counted)),
                p.label(e.label.as_deref(), &q.labels)
            );
            let mut notes = Vec::new();
            for m in &x.modifiers {
                notes.push(format!(
                    "{} ({})",
                    p.paint(UNDERLINE, &format!("{:?}", clean(&m.text))),
                    modifier_note(m)
                ));
            }
            if !notes.is_empty() {
                let _ = write!(line, "{} → ", notes.join(", "));
            }
            let _ = write!(line, "cue {:?}", clean(&e.cue));
            let text = clean(&e.text);
            if text.to_lowercase() != clean(&e.cue).replace('*', "").to_lowercase() {
                let _ = write!(line, " ({text:?})");
            }
            let flags: Vec<&str> = evidence_flag(e).into_iter().collect();
            let _ = write!(
                line,
                " [{}, weight {}] at {}..{}",
                clean(&e.cue_label),
                num(e.weight),
                e.start,
                e.end
            );
            if !flags.is_empty() {
                let _ = write!(line, " ({})", flags.join("; "));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    let _ = writeln!(out, "  scores:");
    let width = q
        .sums
        .iter()
        .map(|s| s.label.chars().count())
        .max()
        .unwrap_or(0);
    for s in &q.sums {
        let pad = " ".repeat(width - s.label.chars().count());
        let _ = writeln!(out, "    {}{pad} = {}", clean(&s.label), s.written());
    }
    let _ = writeln!(
        out,
        "  decision: {}",
        render_decision(&q.decision, &q.labels, p)
    );
}

/// What a modifier did to a cue, in words: its kind, its factor and where it
/// acts (`rejection ×2, before the cue, within 5 words`).
pub fn modifier_note(m: &ModifierNote) -> String {
    let mut what = kind_name(m.kind).to_string();
    if let Some(f) = m.factor {
        let _ = write!(what, " ×{}", num(f).trim_end_matches(".0"));
    }
    if let (Some(scope), Some(window)) = (m.scope, m.window) {
        let _ = write!(
            what,
            ", {} the cue, within {window} word{}",
            scope_name(scope),
            if window == 1 { "" } else { "s" }
        );
    }
    what
}

/// Why a cue occurrence counted toward nothing, when it did not count.
pub fn evidence_flag(e: &Evidence) -> Option<&'static str> {
    if e.attributed {
        Some("attributed: counts toward nothing")
    } else if e.step {
        Some("a step toward something else: counts toward nothing")
    } else if e.repeated {
        Some("its rejection already counted in this sentence: counts toward nothing")
    } else if e.qualified {
        Some("qualified rejection: counts toward nothing")
    } else if e.negated && e.label.is_none() {
        Some("negated: counts toward nothing")
    } else {
        None
    }
}

/// The decision rule that fired, in words, as `explain` prints it
/// (`oppose 2.0 >= min_score 1.0 and leads support 0.0 by 2.0 >= min_margin 1.0 → oppose`).
pub fn decision_text(d: &Decision, labels: &[String]) -> String {
    render_decision(d, labels, &Painter { color: false })
}

fn render_decision(d: &Decision, labels: &[String], p: &Painter) -> String {
    let mut out = String::new();
    if let Some((dom, score)) = &d.dominant {
        if !matches!(d.reason, Reason::Dominant { .. }) {
            let _ = write!(
                out,
                "dominant {dom} {} < min_score {}; ",
                num(*score),
                num(d.min_score)
            );
        }
    }
    let label = p.label(Some(&d.label), labels);
    let default = if d.label == d.default {
        " (default)"
    } else {
        ""
    };
    match &d.reason {
        Reason::Dominant { label: l, score } => {
            let _ = write!(
                out,
                "{l} {} >= min_score {} and {l} is dominant → {label}",
                num(*score),
                num(d.min_score)
            );
        }
        Reason::Wins {
            label: l,
            score,
            runner_up,
            runner_up_score,
        } => {
            let _ = write!(
                out,
                "{l} {} >= min_score {} and leads {runner_up} {} by {} >= min_margin {} → {label}",
                num(*score),
                num(d.min_score),
                num(*runner_up_score),
                num(score - runner_up_score),
                num(d.min_margin)
            );
        }
        Reason::BelowMinScore { best, score } => {
            let _ = write!(
                out,
                "{best} {} < min_score {} → {label}{default}",
                num(*score),
                num(d.min_score)
            );
        }
        Reason::BelowMargin {
            best,
            score,
            runner_up,
            runner_up_score,
        } => {
            let lead = score - runner_up_score;
            let how = if lead < 0.0 { "trails" } else { "leads" };
            let _ = write!(
                out,
                "{best} {} >= min_score {} but {how} {runner_up} {} (lead {} < min_margin {}) → {label}{default}",
                num(*score),
                num(d.min_score),
                num(*runner_up_score),
                num(lead),
                num(d.min_margin)
            );
        }
        Reason::OnlyDefault => {
            let _ = write!(out, "no label besides the default → {label}{default}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::classify;
    use crate::corpus::Document;

    #[test]
    fn nearby_ids_by_edit_distance() {
        let ids = ["VLR", "QZT", "KVR", "ODM", "TIDEWATER_GROUP"];
        assert_eq!(nearby_ids(ids, "KVRR", 1), vec!["KVR"]);
        assert_eq!(nearby_ids(ids, "tidewater", 1), vec!["TIDEWATER_GROUP"]);
        assert_eq!(nearby_ids(ids, "x", 10).len(), 5);
        assert_eq!(edit_distance(&['a', 'b'], &[]), 2);
    }

    #[test]
    fn numbers() {
        assert_eq!(num(0.0), "0.0");
        assert_eq!(num(-0.0), "0.0");
        assert_eq!(num(2.0), "2.0");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(12.345678), "12.3457");
    }

    fn explain(text: &str, question: &str, color: bool) -> String {
        let lexicon = Lexicon::builtin_english();
        let labelled = classify(&lexicon, &Document::new("t", text));
        Explanation::new(&lexicon, &labelled, Some(question))
            .unwrap()
            .render(color)
    }

    #[test]
    fn marks_negated_cue_and_decision() {
        let out = explain(
            "Kavrenia does not support a new legally binding instrument on autonomous weapons systems.",
            "instrument",
            false,
        );
        assert!(
            out.contains("{does not support} a [[new legally binding instrument]]"),
            "{out}"
        );
        assert!(out.contains("\"does not support\" (rejection"), "{out}");
        assert!(
            out.contains("→ cue \"@new ~1 @binding ~3 @instrument\" (\"new legally binding instrument\") [support, weight"),
            "{out}"
        );
        assert!(out.contains("and leads support 0.0 by"), "{out}");
        assert!(out.contains("→ oppose\n"), "{out}");
        assert!(!out.contains('\x1b'));
    }

    #[test]
    fn colours_and_sanitizes() {
        let text = "We \x1b[5mcall for\x1b[0m a\n\n legally binding\x1b]0;pwned\x07 instrument on autonomous weapons.";
        let plain = explain(text, "instrument", false);
        assert!(!plain.contains('\x1b'), "{plain}");
        assert!(!plain.contains("pwned"), "{plain}");
        let coloured = explain(text, "instrument", true);
        assert!(coloured.contains("\x1b[1;32m"), "{coloured}");
        assert!(
            !coloured.contains("\x1b[5m") && !coloured.contains("\x1b]"),
            "{coloured}"
        );
    }

    #[test]
    fn below_margin_and_no_evidence() {
        let out = explain(
            "We support a treaty on autonomous weapons. We do not support a treaty on autonomous weapons.",
            "instrument",
            false,
        );
        assert!(out.contains("→ undecided (default)"), "{out}");
        let out = explain("Nothing to see here.", "forum", false);
        assert!(out.contains("no evidence"), "{out}");
        assert!(out.contains("dominant open 0.0 < min_score 1.5"), "{out}");
        assert!(out.contains("→ unspecified (default)"), "{out}");
    }

    #[test]
    fn unknown_question() {
        let lexicon = Lexicon::builtin_english();
        let labelled = classify(&lexicon, &Document::new("t", "x"));
        let err = Explanation::new(&lexicon, &labelled, Some("nope")).unwrap_err();
        assert!(err.to_string().contains("instrument, regulation, forum"));
    }

    #[test]
    fn overlapping_marks_stay_nested() {
        let s = SentenceEvidence {
            start: 0,
            text: "aa bb cc dd".into(),
            marks: vec![
                Mark {
                    range: 0..5,
                    kind: MarkKind::Modifier(ModifierKind::Negation),
                },
                Mark {
                    range: 3..8,
                    kind: MarkKind::Cue(Some("support".into())),
                },
            ],
            evidence: Vec::new(),
        };
        assert_eq!(
            render_sentence(&s, &["support".into()], false),
            "{aa }[[{bb}]][[ cc]] dd"
        );
    }
}
