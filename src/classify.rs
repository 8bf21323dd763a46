//! Classification of one document: cues in topic scope, modifiers, scores and
//! the decision rule.
//!
//! ## Scoring
//! Every cue occurrence that counts adds its weight (times the factor of a
//! booster such as "calls for" acting on it) to one label of its question: its
//! own label; the question's (or the cue's) *negated* label when
//! an odd number of negations act on it; the question's *hedged* label when a
//! hedge acts on it (a hedge wins over a negation; a hedged cue adds only
//! `hedged_weight` times its weight). An attributed cue adds
//! nothing: it is someone else's position. It is still listed as evidence.
//!
//! ## Decision rule
//! Let `best` be the label other than the default with the highest score (ties
//! go to the label declared first) and `runner_up` the highest score of every
//! other label, the default included. The question gets `best` when
//! `score(best) >= min_score` and `score(best) - runner_up >= min_margin`;
//! otherwise the default label (`undecided`, `unspecified`). Weak or balanced
//! evidence therefore gives the default. A question may name a `dominant`
//! label, which wins as soon as it reaches `min_score` (for the forum, `open`:
//! accepting other venues besides the CCW is `open` by the codebook).
//!
//! `confidence` is the share of the chosen label in the total weight of the
//! question's evidence (1 when there is no evidence at all).
//!
//! ## Topic scope
//! A cue counts only when the document is about the topic (at least
//! `document_min` topic terms, or at least `document_density` topic terms per
//! 1,000 words, which lets a short statement qualify), or a topic term stands
//! within `window` sentences
//! of it; and never in a sentence that holds an off-topic marker ("climate")
//! but no topic term.

use serde::{Deserialize, Serialize};

use crate::corpus::{DocMeta, Document};
use crate::lexicon::{Lexicon, ModifierKind};
use crate::normalize::fold;
use crate::scope::SentenceScope;
use crate::segment;

/// Evidence items listed per question and document. Every occurrence counts
/// in the scores; beyond this many, they are counted in `evidence_total` but
/// not listed, so that a single huge statement cannot make the output huge.
pub const MAX_EVIDENCE: usize = 1000;

/// A modifier that acted on a cue, for audit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AppliedModifier {
    /// What it did.
    pub kind: ModifierKind,
    /// The modifier phrase as written in the lexicon.
    pub phrase: String,
    /// Byte offset in the original text.
    pub start: usize,
    /// Byte offset in the original text (exclusive).
    pub end: usize,
}

/// One cue occurrence and what it did.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Evidence {
    /// The cue phrase as written in the lexicon.
    pub cue: String,
    /// The label this occurrence counted toward (after negation and hedging;
    /// `null` when it counted toward nothing).
    pub label: Option<String>,
    /// The label the lexicon gives the cue.
    pub cue_label: String,
    /// The cue's weight in the lexicon.
    pub weight: f64,
    /// What it added to its label's score (weight, times a booster's factor, or
    /// times the question's `hedged_weight`; 0 when attributed).
    pub counted: f64,
    /// An odd number of negations act on it.
    pub negated: bool,
    /// A hedge acts on it.
    pub hedged: bool,
    /// It reports someone else's position.
    pub attributed: bool,
    /// A qualifier narrows the rejection that bears on it ("blanket bans"):
    /// it counted toward nothing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub qualified: bool,
    /// It is proposed as a step toward something else: it counted toward
    /// nothing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub step: bool,
    /// The rejection that bears on it already counted for an earlier cue of
    /// the same question in its sentence ("bans or restrictions would ..."):
    /// it counted toward nothing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub repeated: bool,
    /// Byte offset of the match in the original text.
    pub start: usize,
    /// Byte offset of the end of the match in the original text (exclusive).
    pub end: usize,
    /// The matched text as it stands in the original.
    pub text: String,
    /// The sentence, as it stands in the original.
    pub sentence: String,
    /// Byte offset of the sentence in the original text.
    pub sentence_start: usize,
    /// The modifiers that acted on the cue.
    pub modifiers: Vec<AppliedModifier>,
}

/// The answer to one question for one document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuestionResult {
    /// The label.
    pub label: String,
    /// The chosen label's score.
    pub score: f64,
    /// Share of the chosen label in the question's total evidence weight.
    pub confidence: f64,
    /// Every label's score, in the lexicon's order.
    pub scores: Scores,
    /// The cue occurrences, in text order (the first [`MAX_EVIDENCE`]).
    pub evidence: Vec<Evidence>,
    /// How many cue occurrences counted in all; more than `evidence` holds
    /// only for very long texts.
    #[serde(default)]
    pub evidence_total: usize,
    /// The label was set by an implication the lexicon declares (for example
    /// `instrument:support`: supporting a treaty that would prohibit and
    /// regulate is support for regulation); its evidence is that question's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implied_by: Option<String>,
    /// Whether a person should check this label (see [`crate::review`]).
    #[serde(default)]
    pub needs_review: bool,
    /// Why it should be checked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review_reasons: Vec<crate::review::Reason>,
}

/// Serialises pairs as a JSON object, in order.
fn serialize_pairs<S: serde::Serializer, T: Serialize>(
    pairs: &[(String, T)],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

/// Reads a JSON object as pairs, keeping the order of its keys.
fn deserialize_pairs<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<(String, T)>, D::Error> {
    struct Pairs<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Pairs<T> {
        type Value = Vec<(String, T)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((k, v)) = map.next_entry()? {
                out.push((k, v));
            }
            Ok(out)
        }
    }
    d.deserialize_map(Pairs(std::marker::PhantomData))
}

/// Label scores in a fixed order (serialised as a JSON object).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scores(pub Vec<(String, f64)>);

impl Serialize for Scores {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_pairs(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for Scores {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_pairs(d).map(Scores)
    }
}

/// Question results in the lexicon's order (serialised as a JSON object).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Questions(pub Vec<(String, QuestionResult)>);

impl Questions {
    /// The result for question `id`.
    pub fn get(&self, id: &str) -> Option<&QuestionResult> {
        self.0.iter().find(|(q, _)| q == id).map(|(_, r)| r)
    }
}

impl Serialize for Questions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_pairs(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for Questions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_pairs(d).map(Questions)
    }
}

/// Whether a document could be classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Classified.
    Ok,
    /// No lexicon reads the document's language.
    UnsupportedLanguage,
}

/// A classified document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Labelled {
    /// The document's metadata.
    #[serde(flatten)]
    pub meta: DocMeta,
    /// Whether it could be classified.
    pub status: Status,
    /// The language was detected from the text (the input gave none).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub language_detected: bool,
    /// The lexicon used.
    pub lexicon: Option<String>,
    /// Length of the text in bytes.
    #[serde(default)]
    pub bytes: usize,
    /// Number of words.
    pub tokens: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// Topic terms found.
    pub topic_mentions: usize,
    /// Per question.
    pub questions: Questions,
    /// What went wrong while reading the document but was recovered from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Classifies a document with one lexicon.
pub fn classify(lexicon: &Lexicon, doc: &Document) -> Labelled {
    let text = doc.text.as_str();
    let folded = fold(text);
    // Without a topic term no cue can count: skip the scan for cues.
    let may_count = lexicon.topic.terms.is_empty() || lexicon.topic_set.is_match(&folded, text);
    let hits = if may_count {
        lexicon.content.find(&folded, text)
    } else {
        Vec::new()
    };
    let tg = lexicon.topic_group();
    let nq = lexicon.questions.len();
    let topic_mentions = hits.iter().filter(|h| h.group == tg).count();
    let sentences = segment::sentences(&folded, text);

    let mut evidence: Vec<Vec<Evidence>> = vec![Vec::new(); nq];
    let mut evidence_total = vec![0usize; nq];
    let mut scores: Vec<Vec<f64>> = lexicon
        .questions
        .iter()
        .map(|q| vec![0.0; q.labels.len()])
        .collect();

    if hits.iter().any(|h| h.group < nq) {
        let density = topic_mentions as f64 * 1000.0 / folded.words.max(1) as f64;
        // A lexicon without topic terms has no topic restriction.
        let on_topic = lexicon.topic.terms.is_empty()
            || (topic_mentions > 0
                && (topic_mentions >= lexicon.topic.document_min
                    || density >= lexicon.topic.document_density));
        let mut topic_in = vec![false; sentences.len()];
        for h in hits.iter().filter(|h| h.group == tg) {
            topic_in[segment::sentence_of(&sentences, h.start)] = true;
        }
        // Off-topic markers are looked for only in sentences with a cue.
        let mut excluded: Vec<Option<bool>> = vec![None; sentences.len()];
        let mut off_topic = |si: usize| {
            *excluded[si].get_or_insert_with(|| {
                !lexicon
                    .exclude_set
                    .find_folded(&folded.text[sentences[si].clone()])
                    .is_empty()
            })
        };
        let w = lexicon.topic.window;
        let mut scoped: Option<(usize, SentenceScope)> = None;
        // (question, negation hit) pairs that already counted in sentence `used_in`.
        let mut used: Vec<(usize, usize)> = Vec::new();
        let mut used_in = usize::MAX;
        let mut previous: Option<(usize, usize, usize, usize)> = None;
        // Buffers reused from cue to cue.
        let mut others: Vec<std::ops::Range<usize>> = Vec::new();
        let mut negators: Vec<usize> = Vec::new();
        for h in hits.iter().filter(|h| h.group < nq) {
            // Two patterns of one label that match the same words are one
            // occurrence: count it once.
            let key = (h.start, h.end, h.group, lexicon.cues[h.payload].label);
            if previous == Some(key) {
                continue;
            }
            previous = Some(key);
            let si = segment::sentence_of(&sentences, h.start);
            // A cue is read within one sentence: a phrase that runs past the
            // end of its sentence (it holds a full stop or a paragraph break)
            // is no evidence.
            if h.end > sentences[si].end {
                continue;
            }
            let near_topic = topic_in[si.saturating_sub(w)..(si + w + 1).min(sentences.len())]
                .iter()
                .any(|&t| t);
            if !(on_topic || near_topic) || (!topic_in[si] && off_topic(si)) {
                continue;
            }
            let range = sentences[si].clone();
            if scoped.as_ref().is_none_or(|(i, _)| *i != si) {
                scoped = Some((si, SentenceScope::new(lexicon, &folded.text[range.clone()])));
            }
            let (_, sc) = scoped.as_ref().expect("set above");
            let cue = &lexicon.cues[h.payload];
            // Hits are sorted by start: those of this sentence are one run.
            let first = hits.partition_point(|o| o.start < range.start);
            let last = hits.partition_point(|o| o.start < range.end);
            others.clear();
            others.extend(
                hits[first..last]
                    .iter()
                    .filter(|o| {
                        o.group == cue.question
                            && o.end <= range.end
                            && (o.start, o.end) != (h.start, h.end)
                    })
                    .map(|o| o.start - range.start..o.end - range.start),
            );
            let q = &lexicon.questions[cue.question];
            let cs = sc.apply(
                lexicon,
                cue,
                h.start - range.start..h.end - range.start,
                &others,
            );
            // One rejection counts once per question and sentence: "bans or
            // restrictions would undermine ..." rejects one thing.
            if used_in != si {
                used_in = si;
                used.clear();
            }
            negators.clear();
            negators.extend(cs.negators(sc));
            let repeated = cs.negated
                && !negators.is_empty()
                && negators.iter().all(|&n| used.contains(&(cue.question, n)));
            if cs.negated {
                used.extend(negators.iter().map(|&n| (cue.question, n)));
            }
            let label = if cs.attributed || cs.step || repeated {
                None
            } else if cs.hedged {
                Some(q.hedged)
            } else if cs.negated {
                if cs.qualified {
                    None
                } else {
                    cue.negated.unwrap_or(q.negated[cue.label])
                }
            } else {
                Some(cue.label)
            };
            let counted = match label {
                None => 0.0,
                Some(_) if cs.hedged => cue.weight * q.hedged_weight,
                Some(_) => cue.weight * cs.boost,
            };
            if let Some(l) = label {
                scores[cue.question][l] += counted;
            }
            evidence_total[cue.question] += 1;
            if evidence[cue.question].len() >= MAX_EVIDENCE {
                continue; // counted, but not listed: the list is long enough
            }
            let (start, end) = (folded.map.start(h.start), folded.map.end(h.end));
            let (s_start, s_end) = (folded.map.start(range.start), folded.map.end(range.end));
            let modifiers = cs
                .by
                .iter()
                .map(|&i| {
                    let m = &sc.hits[i];
                    AppliedModifier {
                        kind: m.kind,
                        phrase: lexicon.modifiers[m.modifier].phrase.clone(),
                        start: folded.map.start(range.start + m.span.start),
                        end: folded.map.end(range.start + m.span.end),
                    }
                })
                .collect();
            evidence[cue.question].push(Evidence {
                cue: cue.phrase.clone(),
                label: label.map(|l| q.labels[l].clone()),
                cue_label: q.labels[cue.label].clone(),
                weight: cue.weight,
                counted,
                negated: cs.negated,
                hedged: cs.hedged,
                attributed: cs.attributed,
                qualified: cs.qualified && cs.negated,
                step: cs.step,
                repeated,
                start,
                end,
                text: text[start..end].to_string(),
                sentence: text[s_start..s_end].to_string(),
                sentence_start: s_start,
                modifiers,
            });
        }
    }

    let mut questions: Vec<(String, QuestionResult)> = lexicon
        .questions
        .iter()
        .enumerate()
        .map(|(qi, q)| {
            let sc = &scores[qi];
            let label = decide(q, sc);
            let total: f64 = sc.iter().sum();
            let confidence = if total > 0.0 { sc[label] / total } else { 1.0 };
            let review_reasons = crate::review::reasons(q, sc, label, &evidence[qi]);
            let result = QuestionResult {
                label: q.labels[label].clone(),
                score: round(sc[label]),
                confidence: round(confidence),
                scores: Scores(
                    q.labels
                        .iter()
                        .cloned()
                        .zip(sc.iter().map(|&x| round(x)))
                        .collect(),
                ),
                evidence: std::mem::take(&mut evidence[qi]),
                evidence_total: evidence_total[qi],
                implied_by: None,
                needs_review: !review_reasons.is_empty(),
                review_reasons,
            };
            (q.id.clone(), result)
        })
        .collect();
    apply_implications(lexicon, &mut questions);

    Labelled {
        meta: doc.meta.clone(),
        status: Status::Ok,
        language_detected: false,
        lexicon: Some(lexicon.name.clone()),
        bytes: text.len(),
        tokens: folded.words,
        sentences: sentences.len(),
        topic_mentions,
        questions: Questions(questions),
        warnings: doc.warnings.clone(),
    }
}

/// Applies the lexicon's implications in their order: where the `when`
/// question has the `when` label and the `then` question has its default
/// label, the `then` question gets the `then` label. Labels set this way do
/// not imply further.
fn apply_implications(lexicon: &Lexicon, questions: &mut [(String, QuestionResult)]) {
    for imp in &lexicon.implications {
        let (wq, wl) = imp.when;
        let (tq, tl) = imp.then;
        let when = &questions[wq].1;
        if when.label != lexicon.questions[wq].labels[wl] || when.implied_by.is_some() {
            continue;
        }
        let (confidence, reasons) = (when.confidence, when.review_reasons.clone());
        let q = &lexicon.questions[tq];
        let then = &mut questions[tq].1;
        if then.label != q.labels[q.default] {
            continue;
        }
        then.label = q.labels[tl].clone();
        then.score = then.scores.0[tl].1;
        then.confidence = confidence;
        then.implied_by = Some(format!(
            "{}:{}",
            lexicon.questions[wq].id, lexicon.questions[wq].labels[wl]
        ));
        then.review_reasons = reasons;
        then.needs_review = !then.review_reasons.is_empty();
    }
}

/// The decision rule (see the module documentation). Returns a label index.
pub fn decide(q: &crate::lexicon::Question, scores: &[f64]) -> usize {
    if let Some(d) = q.dominant {
        if scores[d] >= q.min_score {
            return d;
        }
    }
    let mut best: Option<usize> = None;
    for (i, &s) in scores.iter().enumerate() {
        if i != q.default && best.is_none_or(|b| s > scores[b]) {
            best = Some(i);
        }
    }
    let Some(best) = best else {
        return q.default;
    };
    let runner_up = scores
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != best)
        .map(|(_, &s)| s)
        .fold(0.0, f64::max);
    let s = scores[best];
    if s >= q.min_score && s - runner_up >= q.min_margin {
        best
    } else {
        q.default
    }
}

/// A document no lexicon can read.
pub fn unsupported(doc: &Document) -> Labelled {
    Labelled {
        meta: doc.meta.clone(),
        status: Status::UnsupportedLanguage,
        language_detected: false,
        lexicon: None,
        bytes: doc.text.len(),
        tokens: 0,
        sentences: 0,
        topic_mentions: 0,
        questions: Questions::default(),
        warnings: doc.warnings.clone(),
    }
}
