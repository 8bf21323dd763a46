//! The parallel pipeline: documents in, labelled documents out, in corpus order.
//!
//! Documents are processed in chunks; within a chunk they are loaded and
//! classified in parallel with rayon and handed to the caller in corpus order,
//! so the output does not depend on the number of threads and memory stays
//! bounded by the chunk, not the corpus.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::classify::{classify, unsupported, Labelled};
use crate::corpus::{Corpus, Document};
use crate::error::{Error, Result};
use crate::export::LexiconInfo;
use crate::lexicon::Lexicon;
use crate::review::Reason;

/// Lexicons routed by language.
///
/// The built-in lexicons ([`Classifier::builtins`]) are compiled the first
/// time a document of their language is read, so that a run over English
/// statements compiles (and holds in memory) the English lexicon only.
#[derive(Debug)]
pub struct Classifier {
    slots: Vec<Slot>,
    /// Nanoseconds spent compiling built-in lexicons when first needed.
    compile_nanos: AtomicU64,
}

impl Clone for Classifier {
    fn clone(&self) -> Self {
        Classifier {
            slots: self.slots.clone(),
            compile_nanos: AtomicU64::new(self.compile_nanos.load(Ordering::Relaxed)),
        }
    }
}

/// The language of a tag with a region or script: `zh` of `zh-CN`, `es` of
/// `es_419`.
fn primary_subtag(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// One lexicon of a classifier, compiled or to be compiled.
#[derive(Debug, Clone)]
struct Slot {
    info: LexiconInfo,
    lexicon: OnceLock<Lexicon>,
    /// The index in [`crate::lexicon::BUILTIN`] of a built-in lexicon not
    /// compiled yet.
    builtin: Option<usize>,
}

impl Slot {
    /// The lexicon, compiled now if it was not (the time added to `nanos`).
    fn lexicon(&self, nanos: &AtomicU64) -> &Lexicon {
        self.lexicon.get_or_init(|| {
            let started = std::time::Instant::now();
            let lexicon =
                Lexicon::builtin(self.builtin.expect("a slot without a lexicon is built-in"));
            nanos.fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
            lexicon
        })
    }
}

impl Classifier {
    /// A classifier over one or more lexicons. A document is read with the
    /// first lexicon of its language; a document without a language with the
    /// first lexicon.
    pub fn new(lexicons: Vec<Lexicon>) -> Result<Classifier> {
        if lexicons.is_empty() {
            return Err(Error::lexicon("-", "no lexicon given"));
        }
        let slots = lexicons
            .into_iter()
            .map(|l| Slot {
                info: LexiconInfo::from(&l),
                lexicon: OnceLock::from(l),
                builtin: None,
            })
            .collect();
        Ok(Classifier {
            slots,
            compile_nanos: AtomicU64::new(0),
        })
    }

    /// A classifier over the built-in lexicons (English first), each compiled
    /// when first needed.
    pub fn builtins() -> Classifier {
        let slots = crate::lexicon::BUILTIN
            .iter()
            .enumerate()
            .map(|(i, (_, source))| {
                let (name, language, sha256) =
                    crate::lexicon::identity(source).expect("built-in lexicon is valid");
                Slot {
                    info: LexiconInfo {
                        name,
                        language,
                        sha256,
                    },
                    lexicon: OnceLock::new(),
                    builtin: Some(i),
                }
            })
            .collect();
        Classifier {
            slots,
            compile_nanos: AtomicU64::new(0),
        }
    }

    /// Seconds spent so far compiling built-in lexicons as documents of
    /// their language came (a benchmark leaves them out of the time it takes
    /// to classify, as it leaves out lexicons compiled before the run).
    pub fn compile_seconds(&self) -> f64 {
        self.compile_nanos.load(Ordering::Relaxed) as f64 / 1e9
    }

    /// What names each lexicon (name, language, SHA-256), in the order given.
    pub fn lexicon_infos(&self) -> Vec<LexiconInfo> {
        self.slots.iter().map(|s| s.info.clone()).collect()
    }

    /// The lexicon that reads `doc`, if any: the first lexicon of the
    /// document's language. A document without a language gets one from
    /// [`crate::language::detect`]; when none can be detected reliably (too
    /// little text), the first lexicon reads it.
    pub fn lexicon_for(&self, doc: &Document) -> Option<&Lexicon> {
        self.route(doc).0
    }

    /// The lexicon for `doc`, the language detected when the input gave
    /// none, and whether the lexicon is a fallback for a language that could
    /// not be detected.
    fn route(&self, doc: &Document) -> (Option<&Lexicon>, Option<String>, bool) {
        // A tag with a region or script ("zh-CN", "es_419", "fr-CA") is read
        // by the lexicon of its language, unless a lexicon names it whole.
        let find = |lang: &str| {
            self.slots
                .iter()
                .find(|s| s.info.language.eq_ignore_ascii_case(lang))
                .or_else(|| {
                    self.slots
                        .iter()
                        .find(|s| s.info.language.eq_ignore_ascii_case(primary_subtag(lang)))
                })
                .map(|s| s.lexicon(&self.compile_nanos))
        };
        match doc.meta.language.as_deref() {
            Some(lang) => (find(lang), None, false),
            None => match crate::language::detect(&doc.text) {
                Some(lang) => (find(&lang), Some(lang), false),
                None => (
                    self.slots.first().map(|s| s.lexicon(&self.compile_nanos)),
                    None,
                    true,
                ),
            },
        }
    }

    /// Classifies one document. A document whose language was detected says
    /// so (`language`, `language_detected`); one whose language could not be
    /// detected has every label flagged [`Reason::LanguageUncertain`].
    pub fn classify(&self, doc: &Document) -> Labelled {
        let (lexicon, detected, uncertain) = self.route(doc);
        let mut labelled = match lexicon {
            Some(lex) => classify(lex, doc),
            None => unsupported(doc),
        };
        if let Some(lang) = detected {
            labelled.meta.language = Some(lang);
            labelled.language_detected = true;
        }
        if uncertain && !doc.text.trim().is_empty() {
            for (_, r) in &mut labelled.questions.0 {
                r.review_reasons.push(Reason::LanguageUncertain);
                r.needs_review = true;
            }
        }
        labelled
    }
}

/// A document that could not be classified.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Failure {
    /// The document id.
    pub id: String,
    /// The file, where there is one.
    pub file: Option<String>,
    /// What went wrong.
    pub error: String,
}

/// Documents per chunk for each thread.
const CHUNK_PER_THREAD: usize = 32;

/// Classifies every document of `corpus` on `threads` threads (0: all cores)
/// and hands each result to `sink` in corpus order.
pub fn run(
    classifier: &Classifier,
    corpus: &Corpus,
    threads: usize,
    sink: impl FnMut(std::result::Result<Labelled, Failure>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    run_with(classifier, corpus, threads, |doc| doc, sink)
}

/// Like [`run`], but `prepare` turns each labelled document into what `sink`
/// gets, on the worker threads (rendering the output there keeps the ordered,
/// single-threaded sink short).
pub fn run_with<T: Send>(
    classifier: &Classifier,
    corpus: &Corpus,
    threads: usize,
    prepare: impl Fn(Labelled) -> T + Sync,
    mut sink: impl FnMut(std::result::Result<T, Failure>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(std::io::Error::other)?;
    let n = pool.current_num_threads().max(1);
    let mut entries = corpus.entries();
    loop {
        // The next chunk, read as the pipeline goes (a manifest is streamed).
        let chunk: Vec<crate::corpus::Entry> = entries
            .by_ref()
            .take(n * CHUNK_PER_THREAD)
            .collect::<crate::Result<_>>()
            .map_err(std::io::Error::other)?;
        if chunk.is_empty() {
            break;
        }
        let results: Vec<_> = pool.install(|| {
            chunk
                .par_iter()
                .map(|entry| {
                    entry
                        .load()
                        .map(|doc| prepare(classifier.classify(&doc)))
                        .map_err(|e| Failure {
                            id: entry.meta.id.clone(),
                            file: entry.meta.file.clone(),
                            error: e.to_string(),
                        })
                })
                .collect()
        });
        for r in results {
            sink(r)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_lexicons_compiled_when_needed_name_and_read_as_compiled_ones() {
        let lazy = Classifier::builtins();
        let eager = Classifier::new(Lexicon::builtins()).unwrap();
        assert_eq!(lazy.lexicon_infos(), eager.lexicon_infos());
        assert!(lazy.slots.iter().all(|s| s.lexicon.get().is_none()));
        let mut doc = Document::new(
            "d",
            "Nous appuyons un instrument juridiquement contraignant.",
        );
        doc.meta.language = Some("fr".into());
        assert_eq!(lazy.classify(&doc), eager.classify(&doc));
        let compiled: Vec<&str> = lazy
            .slots
            .iter()
            .filter(|s| s.lexicon.get().is_some())
            .map(|s| s.info.language.as_str())
            .collect();
        assert_eq!(compiled, ["fr"], "only the lexicon read is compiled");
    }

    #[test]
    fn language_tags_with_a_region_are_read_by_the_lexicon_of_their_language() {
        let classifier = Classifier::builtins();
        for (tag, lexicon) in [
            ("zh-CN", "laws-zh"),
            ("es_419", "laws-es"),
            ("FR-ca", "laws-fr"),
            ("en", "laws-en"),
        ] {
            let mut doc = Document::new("d", "text");
            doc.meta.language = Some(tag.into());
            assert_eq!(
                classifier.lexicon_for(&doc).map(|l| l.name.as_str()),
                Some(lexicon),
                "{tag}"
            );
        }
        let mut doc = Document::new("d", "text");
        doc.meta.language = Some("de-DE".into());
        assert!(classifier.lexicon_for(&doc).is_none(), "no German lexicon");
    }
}
