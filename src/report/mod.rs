//! The HTML report: one self-contained file with the map, the tallies, the
//! table of submissions and the evidence, for people who read positions on a
//! map and then click through to the words.
//!
//! [`render`] turns labelled documents (the output of `stancer classify`),
//! optionally an evaluation against hand labels and recorded votes, into one
//! HTML page:
//!
//! * per question (a switch between questions): the headline sentences with
//!   their denominators, a bar chart of the counts by submission and by State,
//!   the States whose submissions disagree;
//! * a world map ([`map`]): each State coloured by its label after group
//!   expansion ([`crate::tally::by_state`], with the chosen policy), a
//!   distinct colour for no submission, a legend, name and label on hover and
//!   focus, a link to the deciding submission's evidence; States whose codes
//!   the map does not have are listed under it with the same colours;
//! * a table of submissions (id, actor, kind, members, language, each
//!   question's label, confidence and review flag), sortable and filterable;
//! * a table of States, with their recorded votes when [`Inputs::votes`] is
//!   given ([`votes`]);
//! * with an [`Evaluation`]: its figures, confusion matrices and disagreements;
//! * each document's evidence as [`crate::explain`] shows it: the sentences
//!   with cues and modifiers marked, what each cue added, the scores and the
//!   decision rule. Documents without evidence are listed in one collapsed block.
//!
//! **Everything from the input is escaped** with [`crate::escape::html`]
//! (statement text, ids, names, labels, gold quotes, file names), and the data
//! for the script with [`crate::escape::script_json`]; no attribute that a
//! browser would follow (`href`, `src`) is ever built from input text (links
//! point to `#d<index>` anchors). The page carries a Content Security Policy
//! that allows only its own style and script (by hash) and no request of any
//! kind, so even a mistake in escaping could not run a script or reach the
//! network. The file needs nothing else: CSS, script, map and data are inline.
//!
//! The script has a self-test, run when the page is opened as
//! `report.html#selftest`: it writes what it found (colours of the map's
//! shapes and legend per question, rows shown by the filters, elements or
//! attributes that could run something, errors) into a `<pre
//! id="selftest-result">`, which the browser tests read with headless
//! Chromium's `--dump-dom`.
//!
//! ```
//! use stancer::{classify::classify, corpus::Document, lexicon::Lexicon, report};
//!
//! let lexicon = Lexicon::builtin_english();
//! let doc = classify(&lexicon, &Document::new(
//!     "X<script>",
//!     "We call for a legally binding instrument on autonomous weapons systems.",
//! ));
//! let lexicons = [lexicon];
//! let html = report::render(
//!     &report::Inputs { documents: &[doc], lexicons: &lexicons, ..report::Inputs::default() },
//!     &report::Options::default(),
//! );
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains("X&lt;script&gt;"));
//! assert!(!html.contains("X<script>"));
//! ```

mod evaluation;
mod evidence;
pub mod map;
mod overview;
mod tables;
pub mod votes;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use crate::classify::{Labelled, QuestionResult, Status};
use crate::escape::{clean, script_json, Html};
use crate::eval::{Evaluation, QuestionEval};
use crate::explain::{self, num, Explanation, ModifierNote, QuestionExplanation, SentenceEvidence};
use crate::export::Meta;
use crate::lexicon::Lexicon;
use crate::tally::{self, Coverage, Policy, Tally, Tier, NOT_ASKED, UNSUPPORTED_LANGUAGE};
use crate::un::{self, Membership};
use votes::{vote_name, Votes};

/// The page's style sheet (label colours and map rules are added to it).
const CSS: &str = include_str!("report.css");
/// The page's script: question switch, map information, table filters and
/// sorting, opening linked evidence, and the self-test.
const JS: &str = include_str!("report.js");

/// Sentences shown per document and question; the rest are counted (the
/// JSON has them all). Keeps a report over huge statements readable.
pub const MAX_SENTENCES: usize = 60;

/// What goes into a report.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    /// The labelled documents, in the order they are listed.
    pub documents: &'a [Labelled],
    /// The `meta` object of the classify output, when it has one.
    pub meta: Option<&'a Meta>,
    /// The lexicons the documents were read with (matched by name), for the
    /// decision rule and the modifiers' definitions in the evidence.
    pub lexicons: &'a [Lexicon],
    /// An evaluation against hand labels.
    pub evaluation: Option<&'a Evaluation>,
    /// Recorded votes, shown beside each State's label.
    pub votes: Option<&'a Votes>,
}

/// How the report is made.
#[derive(Debug, Clone)]
pub struct Options {
    /// The questions shown, in order (empty: every question of the documents).
    pub questions: Vec<String>,
    /// How a State covered by several submissions gets one label.
    pub policy: Policy,
    /// The page's title (default: from the input).
    pub title: Option<String>,
    /// The labelled file the report was made from, as shown in the header.
    pub source: String,
    /// Sentences shown per document and question.
    pub max_sentences: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            questions: Vec::new(),
            policy: Policy::Own,
            title: None,
            source: String::new(),
            max_sentences: MAX_SENTENCES,
        }
    }
}

// ---------------------------------------------------------------------------
// Colours
// ---------------------------------------------------------------------------

/// Label colours: (fill, text on it). Fixed for the usual labels, so that a
/// label has the same colour in every report; others take the extra ones by
/// position.
const COLOURS: [(&str, &str); 13] = [
    ("#1a9850", "#fff"), // support
    ("#c62828", "#fff"), // oppose
    ("#f2b705", "#222"), // undecided, unspecified
    ("#1f6fb5", "#fff"), // ccw
    ("#17a2a2", "#fff"), // open
    ("#6d6d6d", "#fff"), // unsupported_language
    ("#a9a9a9", "#222"), // not_asked
    ("#7b3294", "#fff"),
    ("#e66101", "#fff"),
    ("#5e3c99", "#fff"),
    ("#a6611a", "#fff"),
    ("#018571", "#fff"),
    ("#d01c8b", "#fff"),
];

/// The colour (index into [`COLOURS`]) of `label`, the `position`-th label of its question.
fn colour(label: &str, position: usize) -> usize {
    match label {
        "support" | "yes" | "favour" | "favor" => 0,
        "oppose" | "no" | "against" => 1,
        "undecided" | "unspecified" | "neutral" | "mixed" | "none" => 2,
        "ccw" => 3,
        "open" => 4,
        UNSUPPORTED_LANGUAGE => 5,
        NOT_ASKED => 6,
        _ => 7 + position % (COLOURS.len() - 7),
    }
}

/// What a label says, as the verb phrase of a headline ("7 of 20 submissions
/// support a new legally binding instrument").
fn phrase(question: &str, label: &str) -> Option<&'static str> {
    Some(match (question, label) {
        ("instrument", "support") => "support a new legally binding instrument",
        ("instrument", "oppose") => "oppose a new legally binding instrument",
        ("instrument", "undecided") => "take no clear position on a new legally binding instrument",
        ("regulation", "support") => "support some form of prohibition or regulation",
        ("regulation", "oppose") => "oppose prohibitions and regulations",
        ("regulation", "undecided") => "take no clear position on prohibition or regulation",
        ("forum", "ccw") => "want further work in the CCW only",
        ("forum", "open") => "accept further work outside the CCW, or call for it",
        ("forum", "unspecified") => "name no forum",
        (_, UNSUPPORTED_LANGUAGE) => "are in a language no lexicon reads",
        (_, NOT_ASKED) => "have no answer to this question",
        _ => return None,
    })
}

/// `n` and the noun, singular or plural.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn pct(n: usize, total: usize) -> String {
    if total == 0 {
        "0.0".into()
    } else {
        format!("{:.1}", n as f64 * 100.0 / total as f64)
    }
}

// ---------------------------------------------------------------------------
// What the page shows, gathered
// ---------------------------------------------------------------------------

/// One question: its tallies and its labels with their colours.
struct QView<'a> {
    id: String,
    description: Option<String>,
    /// Labels of both tallies, in order (the special buckets last).
    labels: Vec<String>,
    by_submission: Tally,
    by_state: Tally,
    flagged: Vec<tally::Flagged>,
    eval: Option<&'a QuestionEval>,
}

impl QView<'_> {
    fn label_index(&self, label: &str) -> Option<usize> {
        self.labels.iter().position(|l| l == label)
    }
    fn colour_of(&self, label: &str) -> usize {
        colour(label, self.label_index(label).unwrap_or(0))
    }
}

/// A State of the by-State tallies.
struct StateView {
    name: String,
    /// Per question: the label index, where the State is counted.
    labels: Vec<Option<usize>>,
    /// Per question: how it got its label, in words.
    via: Vec<String>,
    /// The submissions covering it: (document index, own or group).
    covering: Vec<(usize, Tier)>,
    /// The document the map links to: the first deciding submission.
    link: Option<usize>,
}

struct Page<'a> {
    inputs: &'a Inputs<'a>,
    options: &'a Options,
    questions: Vec<QView<'a>>,
    states: BTreeMap<String, StateView>,
}

/// Renders the report (see the module documentation).
pub fn render(inputs: &Inputs, options: &Options) -> String {
    let docs = inputs.documents;
    let wanted = if options.questions.is_empty() {
        tally::questions(docs)
    } else {
        options.questions.clone()
    };
    let questions: Vec<QView> = wanted
        .iter()
        .map(|q| {
            let by_submission = tally::by_submission(docs, q);
            let by_state = tally::by_state(docs, q, options.policy);
            let mut labels: Vec<String> = Vec::new();
            for b in by_submission.buckets.iter().chain(&by_state.buckets) {
                if !labels.contains(&b.label) {
                    labels.push(b.label.clone());
                }
            }
            let description = inputs
                .lexicons
                .iter()
                .flat_map(|l| &l.questions)
                .find(|x| &x.id == q)
                .map(|x| x.description.clone());
            QView {
                id: q.clone(),
                description,
                labels,
                flagged: tally::flagged(docs, q),
                eval: inputs
                    .evaluation
                    .and_then(|e| e.questions.iter().find(|x| &x.question == q)),
                by_submission,
                by_state,
            }
        })
        .collect();
    let states = gather_states(docs, &questions, options.policy);
    let page = Page {
        inputs,
        options,
        questions,
        states,
    };
    let mut out = String::with_capacity(256 * 1024);
    page.write(&mut out);
    out
}

/// Every State counted in a by-State tally, with its label per question and
/// the submissions that cover it.
fn gather_states(
    docs: &[Labelled],
    questions: &[QView],
    policy: Policy,
) -> BTreeMap<String, StateView> {
    let mut covering: BTreeMap<String, Vec<(usize, Tier)>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        match tally::coverage(d) {
            Coverage::Own(s) => covering.entry(s).or_default().push((i, Tier::Own)),
            Coverage::Group(ms) => {
                for s in ms {
                    covering.entry(s).or_default().push((i, Tier::Group));
                }
            }
            Coverage::None => {}
        }
    }
    let mut states: BTreeMap<String, StateView> = BTreeMap::new();
    for (qi, q) in questions.iter().enumerate() {
        for b in &q.by_state.buckets {
            for code in &b.ids {
                let st = states.entry(code.clone()).or_insert_with(|| StateView {
                    name: state_name(code, docs),
                    labels: vec![None; questions.len()],
                    via: vec![String::new(); questions.len()],
                    covering: {
                        let mut c = covering.get(code).cloned().unwrap_or_default();
                        c.sort_by_key(|&(i, tier)| (tier, i));
                        c
                    },
                    link: None,
                });
                st.labels[qi] = q.label_index(&b.label);
            }
        }
    }
    for (code, st) in states.iter_mut() {
        let own: Vec<usize> = st
            .covering
            .iter()
            .filter(|c| c.1 == Tier::Own)
            .map(|c| c.0)
            .collect();
        let group: Vec<usize> = st
            .covering
            .iter()
            .filter(|c| c.1 == Tier::Group)
            .map(|c| c.0)
            .collect();
        let deciding = match policy {
            Policy::Own | Policy::OwnOnly if !own.is_empty() => &own,
            Policy::Group if !group.is_empty() => &group,
            Policy::Own | Policy::OwnOnly => &group,
            Policy::Group => &own,
        };
        st.link = deciding.first().copied();
        for (qi, q) in questions.iter().enumerate() {
            let list = |ids: &[usize]| -> String {
                ids.iter()
                    .map(|&i| {
                        format!(
                            "{} ({})",
                            clean(&docs[i].meta.id),
                            tally::answer(&docs[i], &q.id)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let mut via = Vec::new();
            if !own.is_empty() {
                via.push(format!("own submission {}", list(&own)));
            }
            if !group.is_empty() {
                via.push(format!("group submissions {}", list(&group)));
            }
            let mut text = via.join("; ");
            if let Some(c) = q
                .by_state
                .states
                .as_ref()
                .and_then(|s| s.conflicts.iter().find(|c| &c.state == code))
            {
                let from = match c.from {
                    Tier::Own => "its own submission",
                    Tier::Group => "its groups' submissions",
                };
                let rule = match c.rule {
                    tally::Rule::Unanimous => "",
                    tally::Rule::Majority => ", by majority",
                    tally::Rule::TieDefault => ", a tie giving the default label",
                };
                let _ = write!(
                    text,
                    "; they disagree: the label is {from}'s (policy {}{rule})",
                    policy.as_str()
                );
            }
            st.via[qi] = text;
        }
    }
    states
}

/// A State's name: the map's, else the `actor_name` of its own submission, else its code.
fn state_name(code: &str, docs: &[Labelled]) -> String {
    if let Some(n) = map::name(code) {
        return n.to_string();
    }
    docs.iter()
        .find(|d| matches!(tally::coverage(d), Coverage::Own(ref s) if s == code))
        .and_then(|d| d.meta.actor_name.clone())
        .unwrap_or_else(|| code.to_string())
}

// ---------------------------------------------------------------------------
// Writing the page
// ---------------------------------------------------------------------------

/// Shorthand: `text` escaped for HTML.
fn h(text: &str) -> Html<'_> {
    Html(text)
}

/// The sha256 of `text` in base64, as a CSP source.
fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl Page<'_> {
    fn docs(&self) -> &[Labelled] {
        self.inputs.documents
    }

    fn write(&self, o: &mut String) {
        let css = self.style();
        let data = self.script_data();
        let title = self.title();
        let csp = format!(
            "default-src 'none'; style-src {}; script-src {}; img-src data:; base-uri 'none'; form-action 'none'",
            csp_hash(&css),
            csp_hash(JS)
        );
        let _ = write!(
            o,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
             <meta name=\"referrer\" content=\"no-referrer\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"stancer {}\">\n\
             <link rel=\"icon\" href=\"data:,\">\n<title>{}</title>\n<style>{css}</style>\n</head>\n\
             <body data-q=\"0\">\n<a class=\"skip\" href=\"#main\">Skip to the content</a>\n",
            crate::VERSION,
            h(&title)
        );
        self.header(o, &title);
        o.push_str("<main id=\"main\">\n");
        self.summary(o);
        self.map(o);
        self.submissions(o);
        self.state_table(o);
        if self.inputs.evaluation.is_some() {
            self.evaluation(o);
        }
        self.evidence(o);
        o.push_str("</main>\n");
        self.footer(o);
        let _ = write!(
            o,
            "<script type=\"application/json\" id=\"stancer-data\">{data}</script>\n<script>{JS}</script>\n</body>\n</html>\n"
        );
    }

    fn title(&self) -> String {
        if let Some(t) = &self.options.title {
            return t.clone();
        }
        let input = self
            .inputs
            .meta
            .map(|m| m.input.as_str())
            .filter(|s| !s.is_empty())
            .unwrap_or(&self.options.source);
        // The corpus's own name, not the path it was read from.
        let name = input
            .trim_end_matches(['/', '\\'])
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(input);
        if name.is_empty() || name == "-" {
            "Positions on lethal autonomous weapons systems".to_string()
        } else {
            format!("Positions on lethal autonomous weapons systems: {name}")
        }
    }

    /// The style sheet: the fixed one, label colours, and per question the
    /// map's colour rules (by label index: no input text goes into CSS).
    fn style(&self) -> String {
        let mut css = String::from(CSS);
        for (i, (fill, ink)) in COLOURS.iter().enumerate() {
            let _ = writeln!(
                css,
                ".k{i}{{fill:{fill}}}.lab.k{i}{{background:{fill};color:{ink}}}\
                 mark.cue.k{i}{{background:color-mix(in srgb,{fill} 24%,#fff);box-shadow:inset 0 -2px 0 {fill}}}"
            );
        }
        css.push_str(".knone{fill:var(--none)}\n");
        for (qi, q) in self.questions.iter().enumerate() {
            for (li, label) in q.labels.iter().enumerate() {
                let _ = writeln!(
                    css,
                    "body[data-q=\"{qi}\"] .st[data-q{qi}=\"{li}\"]{{fill:{}}}",
                    COLOURS[colour(label, li)].0
                );
            }
        }
        css
    }

    /// The data the script reads: the questions' labels and, per State, its
    /// name, label index per question (-1: none) and how it got it.
    fn script_data(&self) -> String {
        let questions: Vec<serde_json::Value> = self
            .questions
            .iter()
            .map(|q| serde_json::json!({"id": q.id, "labels": q.labels}))
            .collect();
        let states: serde_json::Map<String, serde_json::Value> = self
            .states
            .iter()
            .map(|(code, st)| {
                let labels: Vec<i64> = st
                    .labels
                    .iter()
                    .map(|l| l.map_or(-1, |i| i as i64))
                    .collect();
                (
                    code.clone(),
                    serde_json::json!({"n": st.name, "l": labels, "v": st.via}),
                )
            })
            .collect();
        let value = serde_json::json!({
            "questions": questions,
            "states": states,
            "none": "no submission",
        });
        script_json(&value.to_string())
    }

    fn header(&self, o: &mut String, title: &str) {
        let n = self.docs().len();
        let _ = writeln!(o, "<header>\n<h1>{}</h1>", h(title));
        let _ = write!(o, "<p class=\"meta\">{}", count(n, "document", "documents"));
        if !self.options.source.is_empty() {
            let _ = write!(o, " from <code>{}</code>", h(&clean(&self.options.source)));
        }
        if let Some(m) = self.inputs.meta {
            let _ = write!(o, " (classified by stancer {}", h(&m.stancer_version));
            if !m.lexicons.is_empty() {
                let lex: Vec<String> = m
                    .lexicons
                    .iter()
                    .map(|l| {
                        format!(
                            "{} ({}, sha256 {}…)",
                            h(&l.name),
                            h(&l.language),
                            h(l.sha256.get(..12).unwrap_or(&l.sha256))
                        )
                    })
                    .collect();
                let _ = write!(o, " with {}", lex.join(", "));
            }
            o.push(')');
        }
        let _ = writeln!(
            o,
            "; States counted with policy <code>{}</code>; report by stancer {}.</p>",
            self.options.policy.as_str(),
            crate::VERSION
        );
        if let Some(m) = self.inputs.meta {
            if !m.failures.is_empty() {
                let _ = write!(
                    o,
                    "<details class=\"warn\"><summary>{} could not be read and {} not in this report</summary><ul>",
                    count(m.failures.len(), "document", "documents"),
                    if m.failures.len() == 1 { "is" } else { "are" }
                );
                for f in &m.failures {
                    let _ = write!(o, "<li><b>{}</b>: {}</li>", h(&f.id), h(&f.error));
                }
                o.push_str("</ul></details>\n");
            }
        }
        // A lexicon at hand that is not the one that classified.
        if let Some(m) = self.inputs.meta {
            let changed: Vec<String> = m
                .lexicons
                .iter()
                .filter(|used| {
                    self.inputs
                        .lexicons
                        .iter()
                        .any(|l| l.name == used.name && l.sha256 != used.sha256)
                })
                .map(|l| format!("<code>{}</code>", h(&l.name)))
                .collect();
            if !changed.is_empty() {
                let _ = writeln!(
                    o,
                    "<p class=\"note warn\">The lexicon {} at hand differs from the one that classified these documents (another sha256): \
                     the decision rule shown with the evidence is the one at hand; classify again for labels and rules that match.</p>",
                    changed.join(", ")
                );
            }
        }
        let missing: Vec<&str> = self
            .docs()
            .iter()
            .filter_map(|d| d.lexicon.as_deref())
            .filter(|name| !self.inputs.lexicons.iter().any(|l| l.name == *name))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if !missing.is_empty() {
            let _ = writeln!(
                o,
                "<p class=\"note warn\">The lexicon{} {} that read some documents {} not at hand: their evidence is shown without the decision rule (give {} with <code>--lexicon</code>).</p>",
                if missing.len() == 1 { "" } else { "s" },
                missing.iter().map(|m| format!("<code>{}</code>", h(m))).collect::<Vec<_>>().join(", "),
                if missing.len() == 1 { "is" } else { "are" },
                if missing.len() == 1 { "it" } else { "them" }
            );
        }
        o.push_str("<nav class=\"toc\" aria-label=\"Sections\"><a href=\"#summary\">Summary</a><a href=\"#map\">Map</a><a href=\"#submissions\">Submissions</a><a href=\"#states\">States</a>");
        if self.inputs.evaluation.is_some() {
            o.push_str("<a href=\"#evaluation\">Evaluation</a>");
        }
        o.push_str("<a href=\"#evidence\">Evidence</a></nav>\n");
        o.push_str("<div class=\"qswitch\" role=\"tablist\" aria-label=\"Question\"><span class=\"lbl\">Question:</span>");
        for (qi, q) in self.questions.iter().enumerate() {
            let _ = write!(
                o,
                "<button type=\"button\" role=\"tab\" data-qi=\"{qi}\" aria-selected=\"{}\">{}</button>",
                qi == 0,
                h(&q.id)
            );
        }
        o.push_str("</div>\n</header>\n");
    }

    fn footer(&self, o: &mut String) {
        let _ = writeln!(
            o,
            "<footer><p>Made with stancer {} from the labels and evidence of <code>stancer classify</code>: every label links to the words that produced it. \
             Labels are a classifier's reading, to be checked against the text (⚑ marks labels flagged for review).</p><p>{}</p></footer>",
            crate::VERSION,
            h(map::ATTRIBUTION)
        );
    }
}

/// ` hidden` for the blocks of every question but the first, shown by the
/// question switch (without the script, the first question is shown).
fn hidden(qi: usize) -> &'static str {
    if qi == 0 {
        ""
    } else {
        " hidden"
    }
}

/// The `data-qN="label index"` attributes of a State's shape.
fn state_attrs(st: &StateView) -> String {
    st.labels
        .iter()
        .enumerate()
        .filter_map(|(qi, l)| l.map(|li| format!(" data-q{qi}=\"{li}\"")))
        .collect()
}

/// "a, b and c".
fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        // sha256("") in base64, as browsers compute CSP hashes.
        assert_eq!(
            csp_hash(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }

    #[test]
    fn join_and_reads_as_a_list() {
        assert_eq!(join_and(&["a".into()]), "a");
        assert_eq!(
            join_and(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
    }

    #[test]
    fn colours_are_fixed_for_the_usual_labels() {
        assert_eq!(colour("support", 5), 0);
        assert_eq!(colour("oppose", 0), 1);
        assert_ne!(colour("x", 0), colour("y", 1));
    }
}
