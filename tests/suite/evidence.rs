//! Evidence is auditable: offsets point into the original text, the matched
//! text folds to the cue, and the sentence holds the match.

use stancer::classify::Labelled;

use super::util::{classify_corpus, matches_cue, root, shared_corpus};

fn check(docs: &[Labelled], read: impl Fn(&Labelled) -> String) -> usize {
    let mut n = 0;
    for d in docs {
        let text = read(d);
        for (q, r) in &d.questions.0 {
            for e in &r.evidence {
                n += 1;
                let at = format!("{} {q} {:?}", d.meta.id, e.cue);
                assert_eq!(
                    text.get(e.start..e.end),
                    Some(e.text.as_str()),
                    "{at}: offsets"
                );
                assert!(
                    matches_cue(&e.text, &e.cue),
                    "{at}: {:?} does not fold to the cue",
                    e.text
                );
                let s_end = e.sentence_start + e.sentence.len();
                assert_eq!(
                    text.get(e.sentence_start..s_end),
                    Some(e.sentence.as_str()),
                    "{at}: sentence"
                );
                assert!(
                    e.sentence_start <= e.start && e.end <= s_end,
                    "{at}: sentence holds the match"
                );
                for m in &e.modifiers {
                    assert!(
                        text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
                        "{at}: modifier"
                    );
                }
            }
        }
    }
    n
}

#[test]
fn evidence_offsets_point_into_the_original() {
    let dir = root().join("corpus");
    let docs = classify_corpus(&dir);
    let n = check(&docs, |d| {
        std::fs::read_to_string(dir.join(d.meta.file.as_deref().unwrap())).unwrap()
    });
    assert!(n > 50, "only {n} evidence items");
    if let Some(dir) = shared_corpus("unsg-2024") {
        let docs = classify_corpus(&dir);
        let n = check(&docs, |d| {
            std::fs::read_to_string(dir.join(d.meta.file.as_deref().unwrap())).unwrap()
        });
        assert!(n > 300, "only {n} evidence items");
    }
}

#[test]
fn offsets_survive_folding_of_case_diacritics_and_space() {
    use stancer::{classify::classify, Document, Lexicon};
    let text = "Ésta DELEGACIÓN —\u{00a0}“We   call for a LEGALLY-\nBinding   Instrument” on Autonomous\u{00ad} Weapons Systems.";
    let doc = Document::new("x", text);
    let out = classify(&Lexicon::builtin_english(), &doc);
    let ev = &out.questions.get("instrument").unwrap().evidence;
    assert!(!ev.is_empty());
    check(std::slice::from_ref(&out), |_| text.to_string());
}
