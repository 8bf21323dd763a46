//! Output: labelled documents as JSON, JSON Lines or CSV.
//!
//! * `json`: one object `{"meta": {...}, "documents": [...]}` (schema in
//!   `README.md`), written when the run ends.
//! * `jsonl`: one document object per line, written as results come.
//! * `csv`: one row per document and question, written as results come.

use std::io::{Seek, Write};

use serde::{Deserialize, Serialize};

use crate::classify::{Labelled, Status};
use crate::lexicon::Lexicon;
use crate::pipeline::Failure;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object.
    Json,
    /// JSON Lines: one document per line.
    Jsonl,
    /// CSV: one row per document and question.
    Csv,
}

/// A lexicon as named in the output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LexiconInfo {
    /// Its name.
    pub name: String,
    /// Its language.
    pub language: String,
    /// SHA-256 of its source.
    pub sha256: String,
}

impl From<&Lexicon> for LexiconInfo {
    fn from(l: &Lexicon) -> Self {
        LexiconInfo {
            name: l.name.clone(),
            language: l.language.clone(),
            sha256: l.sha256.clone(),
        }
    }
}

/// The `meta` object of the JSON output.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    /// Version of stancer that wrote the file.
    pub stancer_version: String,
    /// Lexicons used.
    pub lexicons: Vec<LexiconInfo>,
    /// The input as given.
    pub input: String,
    /// Number of documents classified.
    pub documents: usize,
    /// Documents that could not be read.
    pub failures: Vec<Failure>,
    /// What looked wrong in the input but did not stop the run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Writes labelled documents in one format.
pub struct Exporter<W: Write> {
    format: Format,
    out: W,
    /// JSON: documents already written to the spool.
    spooled: usize,
    /// JSON: documents are spooled to a temporary file as they come, so that
    /// memory does not grow with the corpus and `meta` (which needs the
    /// failures) can still come first.
    spool: Option<std::io::BufWriter<std::fs::File>>,
    csv_started: bool,
    /// Neutralise CSV cells that a spreadsheet would run as formulas.
    pub csv_safe: bool,
}

/// CSV columns.
pub const CSV_HEADER: &[&str] = &[
    "id",
    "actor",
    "actor_kind",
    "language",
    "status",
    "question",
    "label",
    "score",
    "confidence",
    "evidence_count",
    "cues",
    "quote",
];

/// CSV cells are neutralised by [`crate::escape::csv_cell`] (re-exported here
/// for the callers that knew it here).
pub use crate::escape::csv_cell;

impl<W: Write> Exporter<W> {
    /// An exporter writing to `out`.
    pub fn new(format: Format, out: W) -> Exporter<W> {
        Exporter {
            format,
            out,
            spooled: 0,
            spool: None,
            csv_started: false,
            csv_safe: true,
        }
    }

    /// Writes (for JSON: spools) one document.
    pub fn document(&mut self, doc: Labelled) -> std::io::Result<()> {
        let rendered = self.renderer().render(&doc)?;
        self.rendered(&rendered)
    }

    /// The renderer of this exporter's format, to render documents on other
    /// threads (see [`Exporter::rendered`]).
    pub fn renderer(&self) -> Renderer {
        Renderer {
            format: self.format,
            csv_safe: self.csv_safe,
        }
    }

    /// Writes one document already rendered by [`Exporter::renderer`].
    pub fn rendered(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self.format {
            Format::Json => {
                if self.spool.is_none() {
                    self.spool = Some(std::io::BufWriter::new(tempfile::tempfile()?));
                }
                let spool = self.spool.as_mut().expect("set above");
                if self.spooled > 0 {
                    spool.write_all(b",\n")?;
                }
                spool.write_all(bytes)?;
                self.spooled += 1;
            }
            Format::Jsonl => self.out.write_all(bytes)?,
            Format::Csv => {
                if !self.csv_started {
                    let mut w = csv::Writer::from_writer(&mut self.out);
                    w.write_record(CSV_HEADER)?;
                    w.flush()?;
                    self.csv_started = true;
                }
                self.out.write_all(bytes)?;
            }
        }
        Ok(())
    }

    /// Ends the output (for JSON: writes everything, with `meta`).
    pub fn finish(mut self, mut meta: Meta) -> std::io::Result<W> {
        match self.format {
            Format::Json => {
                // The same bytes as serde_json's pretty printer gives for
                // `{"meta": meta, "documents": [...]}`.
                meta.documents = self.spooled;
                self.out.write_all(b"{\n  \"meta\": ")?;
                let meta_json = serde_json::to_vec_pretty(&meta)?;
                write_indented(&mut self.out, &meta_json, b"  ")?;
                match self.spool.take() {
                    None => self.out.write_all(b",\n  \"documents\": []\n}\n")?,
                    Some(spool) => {
                        self.out.write_all(b",\n  \"documents\": [\n")?;
                        let mut file = spool.into_inner().map_err(|e| e.into_error())?;
                        file.seek(std::io::SeekFrom::Start(0))?;
                        std::io::copy(&mut file, &mut self.out)?;
                        self.out.write_all(b"\n  ]\n}\n")?;
                    }
                }
            }
            Format::Jsonl => {}
            Format::Csv => {
                if !self.csv_started {
                    let mut w = csv::Writer::from_writer(&mut self.out);
                    w.write_record(CSV_HEADER)?;
                    w.flush()?;
                }
            }
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Renders labelled documents in one format; cheap to copy, usable from
/// any thread.
#[derive(Debug, Clone, Copy)]
pub struct Renderer {
    format: Format,
    csv_safe: bool,
}

impl Renderer {
    /// The bytes [`Exporter::rendered`] writes for `doc`.
    pub fn render(&self, doc: &Labelled) -> std::io::Result<Vec<u8>> {
        match self.format {
            Format::Json => {
                let mut out = b"    ".to_vec();
                write_indented(&mut out, &serde_json::to_vec_pretty(doc)?, b"    ")?;
                Ok(out)
            }
            Format::Jsonl => {
                // Sized ahead (an evidence item with its sentence takes about
                // 600 bytes), so that the buffer does not grow many times.
                let evidence: usize = doc.questions.0.iter().map(|(_, q)| q.evidence.len()).sum();
                let mut out = Vec::with_capacity(1024 + 640 * evidence);
                serde_json::to_writer(&mut out, doc)?;
                out.push(b'\n');
                Ok(out)
            }
            Format::Csv => self.csv_rows(doc),
        }
    }

    fn csv_rows(&self, doc: &Labelled) -> std::io::Result<Vec<u8>> {
        let safe = self.csv_safe;
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        let status = match doc.status {
            Status::Ok => "ok",
            Status::UnsupportedLanguage => "unsupported_language",
        };
        let m = &doc.meta;
        let base = [
            csv_cell(&m.id, safe),
            csv_cell(&m.actor, safe),
            csv_cell(m.actor_kind.as_deref().unwrap_or_default(), safe),
            csv_cell(m.language.as_deref().unwrap_or_default(), safe),
            status.to_string(),
        ];
        if doc.questions.0.is_empty() {
            // Not classified (unsupported language): one row that says so.
            let mut row = base.to_vec();
            row.extend(std::iter::repeat_n(
                String::new(),
                CSV_HEADER.len() - base.len(),
            ));
            w.write_record(&row)?;
        }
        for (q, r) in &doc.questions.0 {
            let counted: Vec<_> = r
                .evidence
                .iter()
                .filter(|e| e.label.as_deref() == Some(&r.label))
                .collect();
            let mut cues: Vec<&str> = counted.iter().map(|e| e.cue.as_str()).collect();
            cues.dedup();
            let quote = counted
                .first()
                .map(|e| e.sentence.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default();
            let mut row: Vec<String> = base.to_vec();
            row.extend([
                q.clone(),
                r.label.clone(),
                r.score.to_string(),
                r.confidence.to_string(),
                r.evidence.len().to_string(),
                csv_cell(&cues.join("; "), safe),
                csv_cell(&quote, safe),
            ]);
            w.write_record(&row)?;
        }
        w.into_inner().map_err(|e| e.into_error())
    }
}

/// Writes pretty-printed JSON with every line but the first indented by `indent`.
fn write_indented(out: &mut impl Write, json: &[u8], indent: &[u8]) -> std::io::Result<()> {
    let mut lines = json.split(|&b| b == b'\n');
    if let Some(first) = lines.next() {
        out.write_all(first)?;
    }
    for line in lines {
        out.write_all(b"\n")?;
        out.write_all(indent)?;
        out.write_all(line)?;
    }
    Ok(())
}

/// Labelled documents read back from a `classify` output.
#[derive(Debug, Clone)]
pub struct LabelledFile {
    /// The `meta` object (absent in JSON Lines).
    pub meta: Option<Meta>,
    /// The documents, in file order.
    pub documents: Vec<Labelled>,
}

impl LabelledFile {
    /// The first document id that appears more than once, if any (a file
    /// to evaluate or report on must name each document once).
    pub fn repeated_id(&self) -> Option<&str> {
        let mut ids = std::collections::HashSet::new();
        self.documents
            .iter()
            .map(|d| d.meta.id.as_str())
            .find(|id| !ids.insert(*id))
    }
}

/// Reads the output of `stancer classify` in JSON or JSON Lines (told apart by
/// content: a JSON object with `documents`, or one document per line).
pub fn read_labelled(path: &std::path::Path) -> crate::Result<LabelledFile> {
    use crate::error::Error;
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let trimmed = text.trim_start();
    #[derive(Deserialize)]
    struct Whole {
        meta: Option<Meta>,
        documents: Vec<Labelled>,
    }
    let first_line = trimmed.lines().next().unwrap_or("");
    let jsonl = serde_json::from_str::<Labelled>(first_line).is_ok();
    if !jsonl {
        return match serde_json::from_str::<Whole>(&text) {
            Ok(whole) => Ok(LabelledFile {
                meta: whole.meta,
                documents: whole.documents,
            }),
            Err(e) => Err(Error::input(
                path,
                Some(e.line() as u64),
                format!("not the output of `stancer classify`: {e}"),
            )),
        };
    }
    let mut documents = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc: Labelled = serde_json::from_str(line).map_err(|e| {
            Error::input(
                path,
                Some(n as u64 + 1),
                format!("not a labelled document (the output of `stancer classify`): {e}"),
            )
        })?;
        documents.push(doc);
    }
    Ok(LabelledFile {
        meta: None,
        documents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::classify;
    use crate::corpus::Document;

    #[test]
    fn streamed_json_equals_serde_pretty_printing() {
        let lexicon = Lexicon::builtin_english();
        let docs: Vec<Labelled> = [
            "We call for a treaty on autonomous weapons systems.",
            "Existing law is sufficient for LAWS; there is no legal gap.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| classify(&lexicon, &Document::new(format!("d{i}"), *t)))
        .collect();
        let meta = Meta {
            stancer_version: "0".into(),
            lexicons: vec![LexiconInfo::from(&lexicon)],
            input: "x".into(),
            documents: 0,
            failures: vec![],
            warnings: vec![],
        };
        for n in [0, 1, 2] {
            let mut exporter = Exporter::new(Format::Json, Vec::new());
            for d in &docs[..n] {
                exporter.document(d.clone()).unwrap();
            }
            let got = exporter.finish(meta.clone()).unwrap();
            #[derive(Serialize)]
            struct Out<'a> {
                meta: &'a Meta,
                documents: &'a [Labelled],
            }
            let mut m = meta.clone();
            m.documents = n;
            let mut want = serde_json::to_vec_pretty(&Out {
                meta: &m,
                documents: &docs[..n],
            })
            .unwrap();
            want.push(b'\n');
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap()
            );
        }
    }
}
