//! The parallel pipeline: documents in, labelled documents out, in corpus order.
//!
//! Documents are processed in chunks; within a chunk they are loaded and
//! classified in parallel with rayon and handed to the caller in corpus order,
//! so the output does not depend on the number of threads and memory stays
//! bounded by the chunk, not the corpus.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::classify::{classify, unsupported, Labelled};
use crate::corpus::{Corpus, Document};
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;
use crate::review::Reason;

/// Lexicons routed by language.
#[derive(Debug, Clone)]
pub struct Classifier {
    lexicons: Vec<Lexicon>,
}

impl Classifier {
    /// A classifier over one or more lexicons. A document is read with the
    /// first lexicon of its language; a document without a language with the
    /// first lexicon.
    pub fn new(lexicons: Vec<Lexicon>) -> Result<Classifier> {
        if lexicons.is_empty() {
            return Err(Error::lexicon("-", "no lexicon given"));
        }
        Ok(Classifier { lexicons })
    }

    /// The lexicons, in the order given.
    pub fn lexicons(&self) -> &[Lexicon] {
        &self.lexicons
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
        let find = |lang: &str| {
            self.lexicons
                .iter()
                .find(|l| l.language.eq_ignore_ascii_case(lang))
        };
        match doc.meta.language.as_deref() {
            Some(lang) => (find(lang), None, false),
            None => match crate::language::detect(&doc.text) {
                Some(lang) => (find(&lang), Some(lang), false),
                None => (self.lexicons.first(), None, true),
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
