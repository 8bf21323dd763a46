//! # stancer
//!
//! Reads policy statements on lethal autonomous weapons systems and tells, with
//! evidence, where each submitter stands on each question of a lexicon
//! (a new legally binding instrument, prohibitions and regulations, the forum).
//!
//! The pipeline, one module per stage:
//! [`normalize`] (folding with an offset map) → [`matcher`] (all cues in one
//! Aho-Corasick pass) → [`segment`] (sentences and words, only around cues) →
//! [`scope`] (negation, hedges, attribution) → [`classify`] (scores and the
//! decision rule) → [`pipeline`] (corpus in, labelled documents out, in
//! parallel) → [`export`] (JSON, JSON Lines, CSV).
//!
//! ```
//! use stancer::{classify::classify, corpus::Document, lexicon::Lexicon};
//!
//! let lexicon = Lexicon::builtin_english();
//! let doc = Document::new(
//!     "demo",
//!     "We call for the negotiation of a legally binding instrument on autonomous weapons systems.",
//! );
//! let labelled = classify(&lexicon, &doc);
//! let instrument = labelled.questions.get("instrument").unwrap();
//! assert_eq!(instrument.label, "support");
//! let ev = &instrument.evidence[0];
//! assert_eq!(&doc.text[ev.start..ev.end], ev.text);
//! ```
#![deny(missing_docs)]

pub mod adjust;
pub mod classify;
pub mod cli;
pub mod corpus;
pub mod error;
pub mod escape;
pub mod eval;
pub mod explain;
pub mod export;
pub mod kwic;
pub mod language;
pub mod lexicon;
pub mod lint;
pub mod matcher;
pub mod normalize;
pub mod pattern;
pub mod pdf;
pub mod pipeline;
pub mod positions;
pub mod report;
pub mod review;
pub mod scope;
pub mod segment;
pub mod stats;
pub mod tally;
pub mod un;

pub use classify::Labelled;
pub use corpus::{Corpus, Document};
pub use error::{Error, Result};
pub use lexicon::Lexicon;
pub use pipeline::Classifier;

/// This library's version: what `stancer --version` prints and what a
/// classify output records as `stancer_version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
