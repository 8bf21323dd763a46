//! Typed errors of the library.
//!
//! Every error that comes from user input names the file it came from and, where
//! there is one, the line, so that the command-line tool can print a message a
//! person can act on.

use std::path::PathBuf;

/// Everything that can go wrong while loading lexicons, reading corpora and
/// writing results.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written. (The I/O error is part of the
    /// message and deliberately not a `source`, so a cause chain does not
    /// print it twice.)
    #[error("{path}: {error}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying I/O error.
        error: std::io::Error,
    },
    /// A lexicon is not valid TOML or does not follow the lexicon format.
    #[error("{path}: {message}")]
    Lexicon {
        /// The lexicon file (or its name for built-in lexicons).
        path: PathBuf,
        /// What is wrong, with the line where one is known.
        message: String,
    },
    /// A manifest, gold file or JSON Lines input is malformed.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Input {
        /// The file concerned (`-` for standard input).
        path: PathBuf,
        /// The 1-based line, where known.
        line: Option<u64>,
        /// What is wrong.
        message: String,
    },
    /// A document is too large to be classified (offsets are kept as `u32`).
    #[error("{id}: document of {len} bytes exceeds the limit of 4 GiB")]
    TooLarge {
        /// The document id.
        id: String,
        /// Its length in bytes.
        len: usize,
    },
}

impl Error {
    /// Builds an [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, error: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error,
        }
    }

    /// Builds an [`Error::Input`] for `path` at an optional line.
    pub fn input(path: impl Into<PathBuf>, line: Option<u64>, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    /// Builds an [`Error::Lexicon`] for `path`.
    pub fn lexicon(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Lexicon {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
