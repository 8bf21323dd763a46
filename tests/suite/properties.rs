//! Properties over generated texts (proptest): classifying any string does not
//! panic; every evidence span lies on char boundaries of the original text,
//! slices it to its `text`, sits inside its sentence and folds to its cue;
//! white space between sentences does not change a label. And the command
//! line's output is byte-identical for any thread count and across runs.

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

use assert_cmd::Command;
use stancer::classify::{classify, Labelled};
use stancer::normalize::fold;
use stancer::{Document, Lexicon};

use super::util::{matches_cue, root, shared_corpus};

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::builtin_english)
}

/// Few cases take well under a second in release mode; failures are not
/// written to `proptest-regressions/` (the shrunk case is in the message).
fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Checks every evidence item of `labelled` against the text it came from.
fn check_evidence(text: &str, labelled: &Labelled) -> Result<(), TestCaseError> {
    let boundary = |at: usize| at <= text.len() && text.is_char_boundary(at);
    for (q, r) in &labelled.questions.0 {
        let question = lexicon()
            .questions
            .iter()
            .find(|x| &x.id == q)
            .expect("a question of the lexicon");
        prop_assert!(
            question.labels.contains(&r.label),
            "{}: label {}",
            q,
            r.label
        );
        for e in &r.evidence {
            prop_assert!(
                e.start < e.end && boundary(e.start) && boundary(e.end),
                "{}: evidence {}..{} of {:?} is not on char boundaries of a text of {} bytes",
                q,
                e.start,
                e.end,
                e.cue,
                text.len()
            );
            prop_assert_eq!(&text[e.start..e.end], e.text.as_str());
            prop_assert!(
                matches_cue(&e.text, &e.cue),
                "{}: evidence text {:?} (folded {:?}) does not fold to its cue {:?}",
                q,
                e.text,
                fold(&e.text).text,
                e.cue
            );
            let s_end = e.sentence_start + e.sentence.len();
            prop_assert!(
                boundary(e.sentence_start) && boundary(s_end),
                "{}: sentence {}..{} not on char boundaries",
                q,
                e.sentence_start,
                s_end
            );
            prop_assert_eq!(&text[e.sentence_start..s_end], e.sentence.as_str());
            prop_assert!(
                e.sentence_start <= e.start && e.end <= s_end,
                "{}: evidence {}..{} outside its sentence {}..{}",
                q,
                e.start,
                e.end,
                e.sentence_start,
                s_end
            );
            for m in &e.modifiers {
                prop_assert!(
                    m.start < m.end && boundary(m.start) && boundary(m.end),
                    "{}: modifier {:?} at {}..{} not on char boundaries",
                    q,
                    m.phrase,
                    m.start,
                    m.end
                );
                prop_assert!(
                    e.sentence_start <= m.start && m.end <= s_end,
                    "{}: modifier {:?} at {}..{} outside the sentence {}..{}",
                    q,
                    m.phrase,
                    m.start,
                    m.end,
                    e.sentence_start,
                    s_end
                );
            }
        }
    }
    Ok(())
}

/// Pieces of generated texts: cues, topic terms and modifiers written in
/// several ways, and characters that folding changes in length (ligatures,
/// compatibility forms, combining marks, dropped characters, separators).
const PIECES: &[&str] = &[
    "autonomous weapons systems",
    "Autonomous Weapon Systems",
    "lethal autonomous weapons",
    "LAWS",
    "laws",
    "killer robots",
    "AUTONOMOUS-WEAPONS",
    "legally binding instrument",
    "Legally-Binding\r\nInstrument",
    "LEGALLY  BINDING",
    "legal\u{ad}ly bind\u{200b}ing",
    "negotiation of a legally binding",
    "a treaty",
    "new treaty",
    "additional protocol",
    "protocol \u{2175}",
    "Protocol VI",
    "prohibit",
    "prohibitions",
    "PROHIBITION",
    "pro\u{fb01}bit",
    "ban",
    "regulat",
    "regulations",
    "restrictions",
    "meaningful human control",
    "no legal gap",
    "existing international law is sufficient",
    "premature",
    "counter-productive",
    "within the CCW",
    "the appropriate forum",
    "other fora",
    "general assembly should",
    "not",
    "no need for",
    "does not support",
    "we don\u{2019}t",
    "not only",
    "but",
    "however",
    ";",
    ":",
    "at this stage",
    "some States",
    "calls for",
    "supports",
    "must",
    "Contr\u{f4}le",
    "Contro\u{302}le",
    "\u{fb01}",
    "\u{fb03}",
    "\u{df}",
    "\u{130}",
    "\u{1c6}",
    "\u{bd}",
    "\u{2026}",
    "\u{ff0e}",
    "\u{ff21}\u{ff37}\u{ff33}",
    "\u{33cf}",
    "\u{301}",
    "e\u{301}",
    "\u{ad}",
    "\u{200b}",
    "\u{feff}",
    "\u{2014}",
    "\u{2013}",
    "\u{2010}",
    "\u{201c}",
    "\u{201d}",
    "\u{2019}",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{1f916}",
    ". ",
    "? ",
    "! ",
    ".",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "\t",
    "-",
    " - ",
    "e.g. ",
    "Mr. ",
    "A.",
    "(",
    ")",
];

/// A text made of pieces, random characters and random strings.
fn mixed_text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        6 => proptest::sample::select(PIECES).prop_map(String::from),
        2 => any::<char>().prop_map(String::from),
        1 => "\\PC{0,6}",
        1 => any::<String>(),
    ];
    proptest::collection::vec(fragment, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_string_classifies_with_valid_evidence(
        text in proptest::collection::vec(any::<char>(), 0..200).prop_map(String::from_iter),
    ) {
        let labelled = classify(lexicon(), &Document::new("p", text.as_str()));
        check_evidence(&text, &labelled)?;
    }

    #[test]
    fn mixed_text_evidence_lies_on_char_boundaries_and_folds_to_its_cue(text in mixed_text()) {
        let labelled = classify(lexicon(), &Document::new("p", text.as_str()));
        check_evidence(&text, &labelled)?;
    }
}

/// The generated texts do produce evidence (the property above is not vacuous).
#[test]
fn mixed_texts_produce_evidence() {
    let mut runner = TestRunner::deterministic();
    let strategy = mixed_text();
    let (mut texts, mut with_evidence, mut items) = (0, 0, 0);
    for _ in 0..200 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        let labelled = classify(lexicon(), &Document::new("p", text.as_str()));
        let n: usize = labelled
            .questions
            .0
            .iter()
            .map(|(_, r)| r.evidence.len())
            .sum();
        texts += 1;
        with_evidence += (n > 0) as usize;
        items += n;
    }
    assert!(
        with_evidence * 4 >= texts && items >= 100,
        "{with_evidence} of {texts} generated texts have evidence ({items} items)"
    );
}

// ---------------------------------------------------------------------------
// White space between sentences
// ---------------------------------------------------------------------------

/// Statement sentences about autonomous weapons, with negations, hedges,
/// attributions and off-topic ones. Each starts with a capital and ends with
/// a full stop, so the white space after it never changes where it ends.
const SENTENCES: &[&str] = &[
    "We call for the negotiation of a legally binding instrument on autonomous weapons systems.",
    "Our delegation does not support a new treaty on lethal autonomous weapons systems.",
    "Existing international humanitarian law is sufficient and there is no legal gap.",
    "A legally binding instrument would be premature at this stage.",
    "Some States have called for a ban on autonomous weapons systems.",
    "We do not oppose the elaboration of a legally binding instrument.",
    "Autonomous weapons systems that cannot be used with meaningful human control must be prohibited.",
    "There is no need for new rules on autonomous weapons.",
    "The CCW is the appropriate forum for these discussions.",
    "Discussions could also take place in the General Assembly and in other fora.",
    "We remain open to all options, including a legally binding instrument.",
    "A two-tier approach of prohibitions and regulations is needed.",
    "We are not convinced that a preemptive ban is necessary.",
    "Killer robots must never be allowed to decide over life and death.",
    "Our country supports the negotiation of an additional protocol to the CCW.",
    "It is not only a question of ethics, but also of law.",
    "Negotiations should start without delay.",
    "Any future instrument, whether politically or legally binding, should wait until a definition is agreed.",
    "We reject the view that existing law is adequate.",
    "The climate agreement is legally binding.",
    "Efforts outside the CCW would lead to fragmentation and duplication.",
    "LAWS raise serious concerns under international humanitarian law.",
    "We urge all States to begin negotiations on a treaty.",
    "Human control over the use of force must be retained.",
    "Nuclear disarmament remains our first priority.",
    "Such a ban would be counterproductive and would stifle innovation.",
];

/// White space that may stand between two sentences.
const SEPARATORS: &[&str] = &[
    " ", "  ", "\n", "\r\n", "\n\n", "\r\n\r\n", "\t", " \n", "\n \n", "\n\n\n", "\u{a0}",
    " \r\n\t ",
];

fn label_map(l: &Labelled) -> Vec<(String, String, f64)> {
    l.questions
        .0
        .iter()
        .map(|(q, r)| (q.clone(), r.label.clone(), r.score))
        .collect()
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn white_space_between_sentences_does_not_change_labels(
        picks in proptest::collection::vec(0..SENTENCES.len(), 1..10),
        seps in proptest::collection::vec(proptest::sample::select(SEPARATORS), 11),
    ) {
        let sentences: Vec<&str> = picks.iter().map(|&i| SENTENCES[i]).collect();
        let plain = sentences.join(" ");
        let mut spaced = seps[0].to_string();
        for (i, s) in sentences.iter().enumerate() {
            if i > 0 {
                spaced.push_str(seps[i]);
            }
            spaced.push_str(s);
        }
        spaced.push_str(seps[10]);
        let a = classify(lexicon(), &Document::new("plain", plain.as_str()));
        let b = classify(lexicon(), &Document::new("spaced", spaced.as_str()));
        let (la, lb) = (label_map(&a), label_map(&b));
        for ((q, label_a, score_a), (_, label_b, score_b)) in la.iter().zip(&lb) {
            prop_assert_eq!(
                label_a,
                label_b,
                "{}: {} (score {}) with single spaces, {} (score {}) with {:?}",
                q,
                label_a,
                score_a,
                label_b,
                score_b,
                spaced
            );
        }
        prop_assert_eq!(a.sentences, b.sentences, "sentences of {:?}", spaced);
        check_evidence(&spaced, &b)?;
    }
}

// ---------------------------------------------------------------------------
// Determinism of the command line
// ---------------------------------------------------------------------------

/// `stancer classify ARGS` stdout; asserts success.
fn classify_stdout(args: &[&str]) -> Vec<u8> {
    Command::cargo_bin("stancer")
        .expect("the stancer binary is built")
        .current_dir(root())
        .arg("classify")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

#[test]
fn classify_is_byte_identical_across_threads_and_runs() {
    let Some(dir) = shared_corpus("unsg-2024") else {
        return;
    };
    let dir = dir.to_str().expect("UTF-8 path");
    for format in ["json", "jsonl"] {
        let first = classify_stdout(&[dir, "--format", format, "--threads", "1"]);
        assert!(!first.is_empty());
        for threads in ["1", "2", "8"] {
            for run in 0..2 {
                let out = classify_stdout(&[dir, "--format", format, "--threads", threads]);
                if out != first {
                    let at = out
                        .iter()
                        .zip(&first)
                        .position(|(a, b)| a != b)
                        .unwrap_or(out.len().min(first.len()));
                    panic!(
                        "{format}: --threads {threads} (run {run}) differs from the first run \
                         at byte {at} ({} vs {} bytes)",
                        out.len(),
                        first.len()
                    );
                }
            }
        }
    }
}
