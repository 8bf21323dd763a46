//! `stancer kwic`: every occurrence of a phrase, found as the matcher finds
//! it, with context from the original text; TSV offsets point into the file.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use stancer::normalize::{fold, fold_phrase};

use super::util::{root, run_stancer, shared_corpus};

/// `stancer kwic ARGS`; asserts exit status `code`, returns (stdout, stderr).
fn kwic(args: &[&str], code: i32) -> (String, String) {
    let args: Vec<&str> = std::iter::once("kwic")
        .chain(args.iter().copied())
        .collect();
    run_stancer(&args, code)
}

/// TSV rows (without the header): (id, start, end, left, match, right).
fn rows(tsv: &str) -> Vec<(String, usize, usize, String, String, String)> {
    let mut lines = tsv.lines();
    assert_eq!(lines.next(), Some("id\tstart\tend\tleft\tmatch\tright"));
    lines
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 6, "{l:?}");
            (
                c[0].to_string(),
                c[1].parse().unwrap(),
                c[2].parse().unwrap(),
                c[3].to_string(),
                c[4].to_string(),
                c[5].to_string(),
            )
        })
        .collect()
}

/// id → text file of a manifest corpus.
fn files(corpus: &Path) -> HashMap<String, std::path::PathBuf> {
    let mut rdr = csv::Reader::from_path(corpus.join("manifest.csv")).unwrap();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), corpus.join(&r[1]))
        })
        .collect()
}

/// Occurrences of "legally binding" by an independent rule (a regex over the
/// raw text), per document.
fn expected_legally_binding(corpus: &Path) -> Vec<(String, usize)> {
    let re = regex::Regex::new(r"(?i)\blegally[\s\-]+binding\b").unwrap();
    let mut rdr = csv::Reader::from_path(corpus.join("manifest.csv")).unwrap();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            let text = fs::read_to_string(corpus.join(&r[1])).unwrap();
            (r[0].to_string(), re.find_iter(&text).count())
        })
        .collect()
}

#[test]
fn kwic_lists_every_occurrence_in_corpus_order() {
    let corpus = root().join("corpus");
    let (out, err) = kwic(&["corpus", "legally binding", "--color", "never"], 0);
    let expected = expected_legally_binding(&corpus);
    let total: usize = expected.iter().map(|(_, n)| n).sum();
    let docs = expected.iter().filter(|(_, n)| *n > 0).count();
    assert!(total > 10);
    assert_eq!(
        err.trim(),
        format!(
            "{total} occurrences in {docs} of {} documents",
            expected.len()
        )
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), total);
    // Corpus order: the ids of the lines follow the manifest.
    let order: Vec<&str> = expected
        .iter()
        .flat_map(|(id, n)| std::iter::repeat_n(id.as_str(), *n))
        .collect();
    let id_width = expected.iter().map(|(id, _)| id.len()).max().unwrap();
    for (line, id) in lines.iter().zip(&order) {
        assert!(line.starts_with(&format!("{id:<id_width$}  ")), "{line:?}");
        // The left context is right-aligned to --width (50): matches line up.
        let at: String = line.chars().skip(id_width + 2 + 50).collect();
        assert_eq!(
            fold(&at[.."legally binding".len()]).text,
            "legally binding",
            "{line:?}"
        );
    }
    assert!(out.contains("Kavrenia does not support a new legally binding instrument on lethal"));
    // Deterministic.
    let (again, _) = kwic(&["corpus", "legally binding", "--color", "never"], 0);
    assert_eq!(out, again);
}

#[test]
fn kwic_tsv_offsets_slice_the_original_file() {
    let corpus = root().join("corpus");
    let files = files(&corpus);
    let (out, _) = kwic(&["corpus", "legally binding", "--tsv", "--width", "20"], 0);
    let rows = rows(&out);
    assert!(!rows.is_empty());
    for (id, start, end, left, matched, right) in rows {
        let bytes = fs::read(&files[&id]).unwrap();
        let slice = std::str::from_utf8(&bytes[start..end]).unwrap();
        assert_eq!(slice, matched, "{id} {start}");
        assert_eq!(fold_phrase(&matched), "legally binding");
        assert!(left.chars().count() <= 20 && right.chars().count() <= 20);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text[..start].ends_with(&left), "{id} {start}: {left:?}");
        assert!(text[end..].starts_with(&right), "{id} {start}: {right:?}");
    }
}

#[test]
fn kwic_matches_across_line_breaks_hyphens_and_accents() {
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        ("a.txt", "We call for a legally\nbinding instrument.\r\n"),
        (
            "b.txt",
            "Ein «LEGALLY-\n  Binding» texte, très contrôlé — 日本語 legally – binding ✓.",
        ),
        (
            "c.txt",
            "Illegally binding, legally bindings, legally\n\nbinding across a paragraph.",
        ),
        ("d.txt", "Nothing here."),
    ];
    for (name, text) in texts {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let p = dir.path().to_str().unwrap();
    let (out, err) = kwic(&[p, "legally binding", "--tsv", "--width", "7"], 0);
    // A paragraph break is not a space, for kwic as for the classifier.
    assert_eq!(err.trim(), "3 occurrences in 2 of 4 documents");
    let rows = rows(&out);
    let got: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|(id, _, _, l, m, r)| (id.as_str(), l.as_str(), m.as_str(), r.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("a", " for a ", "legally binding", " instru"),
            ("b", "Ein «", "LEGALLY- Binding", "» texte"),
            ("b", " — 日本語 ", "legally – binding", " ✓."),
        ]
    );
    for (id, start, end, _, matched, _) in &rows {
        let text = fs::read_to_string(dir.path().join(format!("{id}.txt"))).unwrap();
        let slice = &text[*start..*end];
        assert_eq!(fold_phrase(slice), "legally binding");
        assert_eq!(
            slice.split_whitespace().collect::<Vec<_>>().join(" "),
            *matched
        );
    }
    // A wildcard, and a right-aligned human view on non-ASCII text.
    let (out, _) = kwic(
        &[p, "legally binding*", "--width", "5", "--color", "never"],
        0,
    );
    assert_eq!(out.lines().count(), 4);
    assert!(out.contains("legally bindings"), "{out}");
    for line in out.lines() {
        let at: String = line.chars().skip(1 + 2 + 5).take(7).collect();
        assert_eq!(at.to_lowercase(), "legally", "{line:?}");
    }
}

#[test]
fn kwic_strips_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("docs.jsonl");
    let text = "\u{1b}]0;pwned\u{7}\u{1b}[2Ja ban\u{1b}[5m here\tand\u{202e} there";
    fs::write(
        &path,
        serde_json::json!({"id": "x", "text": text}).to_string(),
    )
    .unwrap();
    for args in [
        &["--tsv"][..],
        &["--color", "never"],
        &["--color", "always"],
    ] {
        let mut all = vec![path.to_str().unwrap(), "ban"];
        all.extend_from_slice(args);
        let (out, _) = kwic(&all, 0);
        assert!(!out.contains("pwned") && !out.contains("\x1b[2J") && !out.contains("\x1b[5m"));
        assert!(
            !out.contains('\u{202e}') && !out.contains('\x07'),
            "{out:?}"
        );
        assert!(out.contains(" here and there"), "{out:?}");
    }
}

#[test]
fn kwic_invalid_phrase_exits_2() {
    for (phrase, why) in [
        ("", "empty phrase"),
        ("  - ", "empty phrase"),
        ("legal*ly", "`*` is only allowed at the end of a word"),
        ("legally *", "a word cannot be only `*`"),
    ] {
        let (out, err) = kwic(&["corpus", phrase], 2);
        assert!(out.is_empty());
        assert!(
            err.contains("invalid phrase") && err.contains(why),
            "{phrase:?}: {err}"
        );
    }
}

#[test]
fn kwic_case_sensitive_and_no_match() {
    let (out, err) = kwic(&["corpus", "LAWS", "--case-sensitive", "--tsv"], 0);
    for (_, _, _, _, m, _) in rows(&out) {
        assert_eq!(m, "LAWS");
    }
    assert!(err.contains("of 20 documents"), "{err}");
    let (out, err) = kwic(&["corpus", "zyzzyva"], 0);
    assert!(out.is_empty());
    assert_eq!(err.trim(), "0 occurrences in 0 of 20 documents");
}

#[test]
fn kwic_agrees_with_regex_on_shared_corpus() {
    let Some(corpus) = shared_corpus("unsg-2024") else {
        return;
    };
    let (out, _) = kwic(&[corpus.to_str().unwrap(), "legally binding", "--tsv"], 0);
    let rows = rows(&out);
    let files = files(&corpus);
    let mut per_doc: HashMap<String, usize> = HashMap::new();
    for (id, start, end, _, matched, _) in &rows {
        *per_doc.entry(id.clone()).or_default() += 1;
        let text = String::from_utf8(fs::read(&files[id]).unwrap()).unwrap();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        assert_eq!(
            fold_phrase(&text[*start..*end]),
            "legally binding",
            "{id} {start}"
        );
        assert_eq!(fold_phrase(matched), "legally binding");
    }
    for (id, n) in expected_legally_binding(&corpus) {
        // The regex knows no typographic dashes or soft hyphens: at least as many.
        assert!(per_doc.get(&id).copied().unwrap_or(0) >= n, "{id}");
    }
}
