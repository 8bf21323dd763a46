//! Table-driven stance cases: `tests/cases/*.toml`, each `[[case]]` with a text,
//! the expected label per question (omitted questions are not checked) and
//! optional phrases that must be among the evidence cues.

use serde::Deserialize;
use stancer::{classify::classify, Document, Lexicon};

use super::util::{case_files, root};

#[derive(Debug, Deserialize)]
struct CaseFile {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    instrument: Option<String>,
    regulation: Option<String>,
    forum: Option<String>,
    #[serde(default)]
    evidence: Vec<String>,
    /// Lexicon file relative to the repository (default: the built-in English one).
    lexicon: Option<String>,
}

#[test]
fn stance_cases() {
    let files = case_files();
    let default = Lexicon::builtin_english();
    let mut failures = Vec::new();
    let mut total = 0;
    for file in files {
        let src = std::fs::read_to_string(&file).unwrap();
        let cases: CaseFile =
            toml::from_str(&src).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for case in cases.case {
            total += 1;
            let lexicon = case
                .lexicon
                .as_ref()
                .map(|l| Lexicon::from_path(&root().join(l)).unwrap())
                .unwrap_or_else(|| default.clone());
            let doc = Document::new(&case.name, &case.text);
            let out = classify(&lexicon, &doc);
            let checks = [
                ("instrument", &case.instrument),
                ("regulation", &case.regulation),
                ("forum", &case.forum),
            ];
            for (q, want) in checks {
                let Some(want) = want else { continue };
                let got = out.questions.get(q).unwrap();
                if &got.label != want {
                    let ev: Vec<String> = got
                        .evidence
                        .iter()
                        .map(|e| format!("{}→{:?}", e.cue, e.label))
                        .collect();
                    failures.push(format!(
                        "{}: [{}] {q}: expected {want}, got {} (evidence: {})",
                        file.file_name().unwrap().to_string_lossy(),
                        case.name,
                        got.label,
                        ev.join(", ")
                    ));
                }
            }
            for phrase in &case.evidence {
                let found = out.questions.0.iter().any(|(q, r)| {
                    checks.iter().any(|(c, w)| c == q && w.is_some())
                        && r.evidence
                            .iter()
                            .any(|e| e.sentence.to_lowercase().contains(phrase.as_str()))
                });
                if !found {
                    failures.push(format!("[{}] evidence {phrase:?} not found", case.name));
                }
            }
        }
    }
    eprintln!(
        "{} of {total} cases pass",
        total - failures.len().min(total)
    );
    assert!(
        failures.is_empty(),
        "{} failing:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
