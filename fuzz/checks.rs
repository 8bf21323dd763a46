// What each fuzz target checks, shared by the targets (fuzz/fuzz_targets/*.rs,
// as `#[path = "../checks.rs"] mod checks;`) and by the regression tests
// (tests/suite/regressions.rs, with `include!`), which replay every input kept
// in tests/regressions/ through the same function. No inner attributes or
// `//!` comments here: `include!` would reject them.

use std::path::Path;

use stancer::{classify::classify, normalize::fold, Corpus, Document, Lexicon};

/// The text a fuzzed lexicon classifies when it compiles: cues, topic terms,
/// negation, hedging, attribution, non-ASCII folding (characters that fold to
/// longer, shorter and same-length strings: `\u{fb01}` "fi", `\u{f4}` "o",
/// `\u{2105}` "c/o") and a few sentence breaks, so that a lexicon derived from
/// `laws-en.toml` has something to match.
pub const LEXICON_TEXT: &str = "We call for a legally binding instrument on autonomous weapons \
systems (LAWS). We do not oppose a treaty; however, it is premature at this stage.\n\n\
Some States called for a ban on killer robots, e.g. fully autonomous weapons. \
The CCW is the appropriate forum \u{2014} Contr\u{f4}le humain significatif \u{fb01}nal \
\u{2018}quoted\u{2019} text, \u{2105} the Chair.";

/// Target `lexicon`: `Lexicon::compile` and `Lexicon::from_toml` on UTF-8
/// input never panic and agree; a lexicon that compiles classifies
/// [`LEXICON_TEXT`] with valid evidence.
pub fn lexicon(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let (compiled, problems) = Lexicon::compile(source);
    for p in &problems {
        let _ = p.to_string();
    }
    let checked = Lexicon::from_toml(Path::new("fuzz.toml"), source);
    assert_eq!(
        compiled.is_some() && problems.is_empty(),
        checked.is_ok(),
        "compile and from_toml disagree"
    );
    if let Err(e) = &checked {
        let _ = e.to_string();
    }
    if let Some(lexicon) = compiled {
        evidence_is_valid(&lexicon, LEXICON_TEXT);
    }
}

/// A folder with the two text files a fuzzed manifest may name: `a.txt`
/// (UTF-8) and `b.txt` (Windows-1252).
pub fn manifest_dir() -> tempfile::TempDir {
    let d = tempfile::Builder::new()
        .prefix("stancer-fuzz-manifest")
        .tempdir()
        .expect("temp dir");
    std::fs::write(
        d.path().join("a.txt"),
        "We call for a legally binding instrument on autonomous weapons systems.",
    )
    .expect("a.txt");
    std::fs::write(
        d.path().join("b.txt"),
        b"Contr\xf4le humain \x93LAWS\x94.\n".as_slice(),
    )
    .expect("b.txt");
    d
}

/// Target `manifest`: `data` as `dir/manifest.csv`, opened with
/// `Corpus::open`; every entry is listed and loaded; nothing panics.
pub fn manifest(dir: &Path, data: &[u8]) {
    // A manifest may name any file, absolute or `..`: keep the fuzzer away
    // from device and process files (`/dev/zero` would be read to the end).
    let lossy = String::from_utf8_lossy(data);
    if ["/dev", "/proc", "/sys"].iter().any(|p| lossy.contains(p)) {
        return;
    }
    std::fs::write(dir.join("manifest.csv"), data).expect("manifest.csv");
    let Ok(corpus) = Corpus::open(dir) else {
        return;
    };
    let mut listed = 0;
    for entry in corpus.entries() {
        let Ok(entry) = entry else {
            continue;
        };
        listed += 1;
        if let Ok(doc) = entry.load() {
            assert_eq!(doc.meta, entry.meta);
        }
    }
    // Every row was checked when the corpus was opened.
    assert_eq!(listed, corpus.len(), "rows listed vs rows counted");
}

/// Target `jsonl`: `Corpus::from_jsonl` on `data`; every entry is loaded and
/// classified with `lexicon` (the built-in one) with valid evidence.
pub fn jsonl(lexicon: &Lexicon, data: &[u8]) {
    let Ok(corpus) = Corpus::from_jsonl(data, "fuzz") else {
        return;
    };
    assert_eq!(corpus.entries().count(), corpus.len());
    for entry in corpus.entries() {
        let Ok(entry) = entry else {
            continue;
        };
        if let Ok(doc) = entry.load() {
            evidence_is_valid(lexicon, &doc.text);
        }
    }
}

/// Target `classify`: `normalize::fold` and `classify::classify` (with
/// `lexicon`, the built-in one) on UTF-8 input, with their invariants.
pub fn classify_text(lexicon: &Lexicon, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    fold_is_valid(text);
    evidence_is_valid(lexicon, text);
}

/// Every char boundary of the folded text maps (with `map.start` and
/// `map.end`) to a char boundary of the original, and the end of the folded
/// text to the end of the original.
pub fn fold_is_valid(text: &str) {
    let folded = fold(text);
    for p in folded
        .text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(folded.text.len()))
    {
        let (s, e) = (folded.map.start(p), folded.map.end(p));
        assert!(
            text.is_char_boundary(s),
            "fold: start({p}) = {s} is not a char boundary"
        );
        assert!(
            text.is_char_boundary(e),
            "fold: end({p}) = {e} is not a char boundary"
        );
    }
    assert_eq!(
        folded.map.end(folded.text.len()),
        text.len(),
        "fold: end of text"
    );
}

/// Classifies `text`: every evidence's `text[start..end]` is its `text`,
/// `start..end` lies on char boundaries inside its sentence
/// (`sentence_start..sentence_start + sentence.len()`, which is the original
/// text there), and modifiers' offsets are char boundaries.
pub fn evidence_is_valid(lexicon: &Lexicon, text: &str) {
    let labelled = classify(lexicon, &Document::new("fuzz", text));
    for (qid, q) in &labelled.questions.0 {
        for ev in &q.evidence {
            let (s, e) = (ev.start, ev.end);
            assert!(
                s <= e && text.is_char_boundary(s) && text.is_char_boundary(e),
                "{qid}: evidence {s}..{e} is not a range of char boundaries"
            );
            assert_eq!(&text[s..e], ev.text, "{qid}: evidence text");
            let (ss, se) = (ev.sentence_start, ev.sentence_start + ev.sentence.len());
            assert_eq!(
                text.get(ss..se),
                Some(ev.sentence.as_str()),
                "{qid}: sentence"
            );
            assert!(
                ss <= s && e <= se,
                "{qid}: evidence {s}..{e} outside its sentence {ss}..{se}"
            );
            for m in &ev.modifiers {
                assert!(
                    m.start <= m.end
                        && text.is_char_boundary(m.start)
                        && text.is_char_boundary(m.end),
                    "{qid}: modifier {}..{}",
                    m.start,
                    m.end
                );
            }
        }
    }
}
