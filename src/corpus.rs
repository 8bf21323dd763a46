//! Corpora: a folder with a `manifest.csv`, a folder of `.txt` files, or JSON
//! Lines (a file, or `-` for standard input).
//!
//! Opening a corpus reads only its index (the manifest, the folder listing, or
//! the JSON Lines); the texts of files are read when a document is loaded, so a
//! large corpus is streamed through the pipeline.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A document's metadata, from the manifest or the JSON Lines object.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct DocMeta {
    /// Unique identifier.
    pub id: String,
    /// ISO 3166-1 alpha-3 code of a State, or an identifier of a group or organisation.
    pub actor: String,
    /// Readable name of the actor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor_name: Option<String>,
    /// `state`, `observer_state`, `group`, `regional_org`, `civil_society`, `icrc`.
    pub actor_kind: Option<String>,
    /// Member States (ISO3) of a group or regional organisation.
    pub members: Vec<String>,
    /// ISO 639-1 code of the text.
    pub language: Option<String>,
    /// ISO 639-1 code of the original submission.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_language: Option<String>,
    /// `YYYY-MM-DD` or `YYYY`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the statement was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forum: Option<String>,
    /// Bibliographic source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The text file, relative to the corpus.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl DocMeta {
    /// Metadata from the optional manifest fields, read by `field` (which
    /// gives `None` for an absent or empty field); the actor defaults to the id.
    fn from_fields(
        id: String,
        members: Vec<String>,
        file: Option<String>,
        field: impl Fn(&str) -> Option<String>,
    ) -> DocMeta {
        DocMeta {
            actor: field("actor").unwrap_or_else(|| id.clone()),
            actor_name: field("actor_name"),
            actor_kind: field("actor_kind"),
            members,
            language: field("language"),
            original_language: field("original_language"),
            date: field("date"),
            forum: field("forum"),
            source: field("source"),
            file,
            id,
        }
    }
}

/// Where a document's text comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file, read when the document is loaded.
    File(PathBuf),
    /// Text given inline (JSON Lines).
    Inline(String),
}

/// One document of a corpus, not yet loaded.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its metadata.
    pub meta: DocMeta,
    /// Its text's source.
    pub source: Source,
    /// The folder its file must lie in, unless outside files are allowed.
    within: Option<Within>,
}

/// The folder a corpus's files must lie in, and where the file was named.
#[derive(Debug, Clone)]
struct Within {
    /// The corpus folder, canonical (symbolic links resolved).
    root: Arc<PathBuf>,
    /// The manifest and the line that named the file (`None` for a folder listing).
    named_at: Option<(Arc<PathBuf>, Option<u64>)>,
}

impl Within {
    /// The error for `path` when it resolves outside the corpus folder.
    fn check(&self, entry: &Entry, path: &Path) -> Result<()> {
        if lies_within(path, &self.root) {
            return Ok(());
        }
        let what = entry.meta.file.as_deref().unwrap_or_default();
        let message = format!(
            "`{}`: file `{what}` resolves outside the corpus folder {}: not read (a corpus may only \
             name files inside its folder; --allow-outside-files reads it anyway)",
            entry.meta.id,
            self.root.display()
        );
        Err(match &self.named_at {
            Some((manifest, line)) => Error::input(manifest.as_path(), *line, message),
            None => Error::input(path, None, message),
        })
    }
}

/// Whether `path` resolves inside `root` (canonical): symbolic links are
/// followed; a path that does not exist is judged by its components (`..`
/// taken back), so that a missing file inside the folder is still reported as
/// missing and a missing one outside as outside.
fn lies_within(path: &Path, root: &Path) -> bool {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real.starts_with(root);
    }
    let absolute = if path.is_relative() {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    let mut normal = PathBuf::new();
    for c in absolute.components() {
        match c {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            c => normal.push(c),
        }
    }
    // The deepest folder that exists, resolved, with the rest appended.
    let mut base = normal.clone();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(&base) {
            let resolved = rest.iter().rev().fold(real, |p: PathBuf, n| p.join(n));
            return resolved.starts_with(root);
        }
        match base.file_name() {
            Some(name) => {
                rest.push(name.to_os_string());
                base.pop();
            }
            None => return normal.starts_with(root),
        }
    }
}

/// The canonical form of a corpus folder (the folder as given when it cannot be resolved).
fn canonical_root(dir: &Path) -> Arc<PathBuf> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    Arc::new(std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()))
}

/// A loaded document.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Its metadata.
    pub meta: DocMeta,
    /// Its text.
    pub text: String,
    /// Things that went wrong but were recovered from (e.g. decoding).
    pub warnings: Vec<String>,
}

impl Document {
    /// A document from an id and a text (actor = id).
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        let id = id.into();
        Document {
            meta: DocMeta {
                actor: id.clone(),
                id,
                ..DocMeta::default()
            },
            text: text.into(),
            warnings: Vec::new(),
        }
    }
}

/// A corpus: its name and how to list its documents.
///
/// A manifest is read twice: once when the corpus is opened, to check every
/// row (a bad row is an error before any document is classified) and count
/// them, keeping only a 128-bit hash of each id; then row by row while the
/// documents are classified. So the memory a run needs does not grow with the
/// number of documents.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// What was opened (a path or `-`).
    pub input: String,
    listing: Listing,
    len: usize,
    /// What looks wrong but does not stop the run (unknown manifest columns,
    /// files the manifest does not list, member codes that are not ISO3).
    pub warnings: Vec<String>,
    /// Lines of JSON Lines input that could not be read, skipped with
    /// `keep_going` (otherwise they are errors).
    pub skipped: Vec<Skipped>,
    /// Read files that resolve outside the corpus folder (see
    /// [`Corpus::allow_outside_files`]).
    outside_files: bool,
}

/// An input record that could not be read and was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Where it was (`line 3`).
    pub id: String,
    /// What is wrong, with the file and line.
    pub error: String,
}

#[derive(Debug, Clone)]
enum Listing {
    /// A manifest, read again row by row.
    Manifest(PathBuf),
    /// Entries held in memory (folder listings and JSON Lines).
    Entries(Vec<Entry>),
}

/// The documents of a corpus, in order, as they are listed.
pub struct Entries<'a> {
    inner: Box<dyn Iterator<Item = Result<Entry>> + 'a>,
}

impl Iterator for Entries<'_> {
    type Item = Result<Entry>;
    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next()
    }
}

/// Tells duplicate ids apart by a 128-bit hash, so a corpus of millions of
/// documents needs 16 bytes per id.
#[derive(Default)]
struct IdSet(HashSet<u128>);

impl IdSet {
    /// Adds `id`; false when it was there already.
    fn insert(&mut self, id: &str) -> bool {
        use std::hash::{Hash, Hasher};
        let half = |salt: u8| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            salt.hash(&mut h);
            id.hash(&mut h);
            h.finish() as u128
        };
        self.0.insert(half(1) << 64 | half(2))
    }
}

/// The manifest columns stancer knows.
pub const MANIFEST_COLUMNS: &[&str] = &[
    "id",
    "file",
    "actor",
    "actor_name",
    "actor_kind",
    "members",
    "language",
    "original_language",
    "date",
    "forum",
    "source",
];

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(String::from)
}

fn split_members(s: &str) -> Vec<String> {
    s.split([';', ','])
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(String::from)
        .collect()
}

impl Corpus {
    /// Opens a corpus: `-` (JSON Lines on standard input), a JSON Lines file,
    /// a folder with `manifest.csv`, or a folder of `.txt` files.
    pub fn open(path: &Path) -> Result<Corpus> {
        Corpus::open_with(path, false)
    }

    /// [`Corpus::open`]; with `keep_going`, a malformed JSON Lines line is
    /// skipped (listed in [`Corpus::skipped`]) instead of being an error.
    pub fn open_with(path: &Path, keep_going: bool) -> Result<Corpus> {
        if path == Path::new("-") {
            let stdin = std::io::stdin();
            return Corpus::read_jsonl(stdin.lock(), "-", keep_going);
        }
        let md = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if md.is_dir() {
            let manifest = path.join("manifest.csv");
            if manifest.is_file() {
                Corpus::from_manifest(&manifest)
            } else {
                Corpus::from_folder(path)
            }
        } else {
            let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
            Corpus::read_jsonl(
                std::io::BufReader::new(f),
                &path.display().to_string(),
                keep_going,
            )
        }
    }

    /// Opens a manifest (see `../shared/README.md` for the format): every row
    /// is checked now, and read again when the documents are listed.
    pub fn from_manifest(manifest: &Path) -> Result<Corpus> {
        let mut warnings = manifest_header_warnings(manifest)?;
        let mut seen = IdSet::default();
        let mut listed = IdSet::default();
        let mut len = 0;
        for (entry, line) in manifest_rows(manifest)? {
            let entry = entry?;
            if !seen.insert(&entry.meta.id) {
                return Err(Error::input(
                    manifest,
                    line,
                    format!("duplicate id `{}`", entry.meta.id),
                ));
            }
            for m in &entry.meta.members {
                if !(m.len() == 3 && m.bytes().all(|b| b.is_ascii_uppercase())) {
                    let at = line.map(|l| format!(":{l}")).unwrap_or_default();
                    warnings.push(format!(
                        "{}{at}: member `{m}` of `{}` is not an ISO 3166-1 alpha-3 code (three capital letters)",
                        manifest.display(),
                        entry.meta.id
                    ));
                }
            }
            if let Some(f) = &entry.meta.file {
                listed.insert(f);
            }
            len += 1;
        }
        let root = manifest.parent().unwrap_or(Path::new("."));
        warnings.extend(unlisted_files(root, manifest, &mut listed));
        Ok(Corpus {
            input: root.display().to_string(),
            listing: Listing::Manifest(manifest.to_path_buf()),
            len,
            warnings,
            skipped: Vec::new(),
            outside_files: false,
        })
    }

    /// Whether documents may name files outside the corpus folder. By
    /// default they may not: a manifest row whose `file` resolves outside
    /// the manifest's folder (an absolute path, `..`, or a symbolic link out
    /// of it), or a file of a folder corpus that is a symbolic link out of
    /// the folder, fails that document, with the manifest line, when it is
    /// loaded; the other documents are read. A downloaded corpus then cannot
    /// pull a user's private files into a report they publish. `true` reads
    /// such files (`--allow-outside-files`).
    pub fn allow_outside_files(mut self, allow: bool) -> Corpus {
        self.outside_files = allow;
        self
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the corpus has no document.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The documents, in order, not yet loaded.
    pub fn entries(&self) -> Entries<'_> {
        let inner: Box<dyn Iterator<Item = Result<Entry>>> = match &self.listing {
            Listing::Entries(v) => Box::new(v.iter().cloned().map(Ok)),
            Listing::Manifest(path) => match manifest_rows(path) {
                Ok(rows) => Box::new(rows.map(|(e, _)| e)),
                Err(e) => Box::new(std::iter::once(Err(e))),
            },
        };
        let inner: Box<dyn Iterator<Item = Result<Entry>>> = if self.outside_files {
            Box::new(inner.map(|e| {
                e.map(|mut e| {
                    e.within = None;
                    e
                })
            }))
        } else {
            inner
        };
        Entries { inner }
    }

    /// Lists the `.txt` and `.pdf` files of a folder (id and actor = file stem;
    /// the file name where a `.txt` and a `.pdf` share a stem), sorted by name.
    pub fn from_folder(dir: &Path) -> Result<Corpus> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && (crate::pdf::is_pdf(p)
                        || p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")))
            })
            .collect();
        files.sort();
        let stem = |p: &Path| {
            p.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        };
        let root = canonical_root(dir);
        let mut stems: HashMap<String, usize> = HashMap::new();
        for p in &files {
            *stems.entry(stem(p)).or_default() += 1;
        }
        let entries: Vec<Entry> = files
            .into_iter()
            .map(|p| {
                let name = p
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                // `a.txt` and `a.pdf` side by side keep their extensions as ids.
                let id = if stems[&stem(&p)] > 1 {
                    name.clone()
                } else {
                    stem(&p)
                };
                Entry {
                    meta: DocMeta {
                        id: id.clone(),
                        actor: id,
                        file: Some(name),
                        ..DocMeta::default()
                    },
                    source: Source::File(p),
                    within: Some(Within {
                        root: root.clone(),
                        named_at: None,
                    }),
                }
            })
            .collect();
        Ok(Corpus {
            input: dir.display().to_string(),
            len: entries.len(),
            listing: Listing::Entries(entries),
            warnings: Vec::new(),
            skipped: Vec::new(),
            outside_files: false,
        })
    }

    /// Reads JSON Lines: one object per line with `id` and `text`, plus any
    /// manifest field. Blank lines are skipped.
    pub fn from_jsonl(reader: impl BufRead, name: &str) -> Result<Corpus> {
        Corpus::read_jsonl(reader, name, false)
    }

    /// [`Corpus::from_jsonl`]; with `keep_going`, a line that cannot be read
    /// is skipped and listed in [`Corpus::skipped`].
    pub fn read_jsonl(reader: impl BufRead, name: &str, keep_going: bool) -> Result<Corpus> {
        let mut skipped = Vec::new();
        let mut entries = Vec::new();
        let mut seen = IdSet::default();
        for (n, line) in reader.lines().enumerate() {
            let line_no = Some(n as u64 + 1);
            let line = line.map_err(|e| Error::input(name, line_no, e.to_string()))?;
            if line.trim().is_empty() {
                continue;
            }
            match jsonl_entry(&line, name, line_no, &mut seen) {
                Ok(entry) => entries.push(entry),
                Err(e) if keep_going => skipped.push(Skipped {
                    id: format!("line {}", n + 1),
                    error: e.to_string(),
                }),
                Err(e) => return Err(e),
            }
        }
        Ok(Corpus {
            input: name.to_string(),
            len: entries.len(),
            listing: Listing::Entries(entries),
            warnings: Vec::new(),
            skipped,
            outside_files: false,
        })
    }
}

/// One JSON Lines record as an entry.
fn jsonl_entry(line: &str, name: &str, line_no: Option<u64>, seen: &mut IdSet) -> Result<Entry> {
    let v: serde_json::Value = serde_json::from_str(line)
        .map_err(|e| Error::input(name, line_no, format!("not a JSON object: {e}")))?;
    let obj = v
        .as_object()
        .ok_or_else(|| Error::input(name, line_no, "not a JSON object"))?;
    let str_field = |k: &str| match obj.get(k) {
        Some(serde_json::Value::String(s)) => non_empty(Some(s)),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let id =
        str_field("id").ok_or_else(|| Error::input(name, line_no, "missing string field `id`"))?;
    let text = match obj.get("text") {
        Some(serde_json::Value::String(s)) => s.clone(),
        _ => {
            return Err(Error::input(
                name,
                line_no,
                format!("`{id}`: missing string field `text`"),
            ))
        }
    };
    if !seen.insert(&id) {
        return Err(Error::input(name, line_no, format!("duplicate id `{id}`")));
    }
    let members = match obj.get("members") {
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|m| m.as_str().map(|s| s.trim().to_string()))
            .filter(|s| !s.is_empty())
            .collect(),
        Some(serde_json::Value::String(s)) => split_members(s),
        _ => Vec::new(),
    };
    let meta = DocMeta::from_fields(id, members, None, str_field);
    Ok(Entry {
        meta,
        source: Source::Inline(text),
        within: None,
    })
}

/// Warnings about the manifest's header: columns stancer does not know.
fn manifest_header_warnings(manifest: &Path) -> Result<Vec<String>> {
    let mut rdr = csv::Reader::from_path(manifest)
        .map_err(|e| Error::input(manifest, None, e.to_string()))?;
    let headers = rdr
        .headers()
        .map_err(|e| Error::input(manifest, Some(1), e.to_string()))?;
    Ok(headers
        .iter()
        .filter(|h| !MANIFEST_COLUMNS.contains(&h.trim()))
        .map(|h| format!("{}:1: unknown column `{h}` ignored", manifest.display()))
        .collect())
}

/// Files of the manifest's folder that look like documents (`.txt`, `.pdf`)
/// but that the manifest does not list.
fn unlisted_files(root: &Path, manifest: &Path, listed: &mut IdSet) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut names: Vec<String> = dir
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            let lower = n.to_ascii_lowercase();
            lower.ends_with(".txt") || lower.ends_with(".pdf")
        })
        .filter(|n| listed.insert(n))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let name = manifest.file_name().unwrap_or_default().to_string_lossy();
            format!(
                "{}: in the folder but not listed in {name}",
                root.join(&n).display()
            )
        })
        .collect()
}

/// The rows of a manifest as entries, each with its line.
fn manifest_rows(manifest: &Path) -> Result<impl Iterator<Item = (Result<Entry>, Option<u64>)>> {
    let root = manifest.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(manifest)
        .map_err(|e| Error::input(manifest, None, e.to_string()))?;
    let headers = rdr
        .headers()
        .map_err(|e| Error::input(manifest, Some(1), e.to_string()))?
        .clone();
    let cols: Vec<Option<usize>> = MANIFEST_COLUMNS
        .iter()
        .map(|name| headers.iter().position(|h| h.trim() == *name))
        .collect();
    let (Some(id_col), Some(file_col)) = (cols[0], cols[1]) else {
        return Err(Error::input(
            manifest,
            Some(1),
            "the header needs the columns `id` and `file`",
        ));
    };
    let manifest = Arc::new(manifest.to_path_buf());
    let real_root = canonical_root(&root);
    Ok(rdr.into_records().map(move |rec| {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line());
                return (
                    Err(Error::input(manifest.as_path(), line, e.to_string())),
                    line,
                );
            }
        };
        let line = rec.position().map(|p| p.line());
        let get = |name: &str| {
            let i = MANIFEST_COLUMNS.iter().position(|c| *c == name)?;
            cols[i].and_then(|c| rec.get(c))
        };
        let id = rec.get(id_col).unwrap_or("").trim().to_string();
        if id.is_empty() {
            return (
                Err(Error::input(manifest.as_path(), line, "empty `id`")),
                line,
            );
        }
        let file = rec.get(file_col).unwrap_or("").trim().to_string();
        if file.is_empty() {
            return (
                Err(Error::input(
                    manifest.as_path(),
                    line,
                    format!("`{id}`: empty `file`"),
                )),
                line,
            );
        }
        let members = get("members").map(split_members).unwrap_or_default();
        let meta = DocMeta::from_fields(id, members, Some(file.clone()), |k| non_empty(get(k)));
        let entry = Entry {
            meta,
            source: Source::File(root.join(&file)),
            within: Some(Within {
                root: real_root.clone(),
                named_at: Some((manifest.clone(), line)),
            }),
        };
        (Ok(entry), line)
    }))
}

impl Entry {
    /// Loads the document's text.
    pub fn load(&self) -> Result<Document> {
        if let (Source::File(p), Some(within)) = (&self.source, &self.within) {
            within.check(self, p)?;
        }
        let (text, warnings) = match &self.source {
            Source::Inline(t) => (t.clone(), Vec::new()),
            Source::File(p) if crate::pdf::is_pdf(p) => {
                let extracted = crate::pdf::extract(p)?;
                (extracted.text, extracted.warnings)
            }
            Source::File(p) => {
                // Only regular files, and not more than offsets can address:
                // a manifest naming /dev/zero or a FIFO must not hang or exhaust memory.
                let md = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
                if !md.is_file() {
                    return Err(Error::input(p, None, "not a regular file"));
                }
                if md.len() > u32::MAX as u64 {
                    return Err(Error::TooLarge {
                        id: self.meta.id.clone(),
                        len: md.len() as usize,
                    });
                }
                let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
                let (text, warning) = decode(bytes).map_err(|m| Error::input(p, None, m))?;
                let warnings = warning
                    .map(|w| format!("{}: {w}", p.display()))
                    .into_iter()
                    .collect();
                (text, warnings)
            }
        };
        let mut warnings = warnings;
        if text.trim().is_empty() {
            let what = match &self.source {
                Source::File(p) => p.display().to_string(),
                Source::Inline(_) => self.meta.id.clone(),
            };
            warnings.push(format!("{what}: empty document"));
        }
        if text.len() > u32::MAX as usize {
            return Err(Error::TooLarge {
                id: self.meta.id.clone(),
                len: text.len(),
            });
        }
        Ok(Document {
            meta: self.meta.clone(),
            text,
            warnings,
        })
    }
}

/// Windows-1252 code points for bytes 0x80..=0x9F (undefined ones map to
/// themselves, as in Latin-1).
const CP1252: [u16; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
];

/// Decodes a text file: UTF-8 (a BOM is dropped), UTF-16 with a BOM, or, when
/// the bytes are not UTF-8, Windows-1252 with a warning. Binary content (NUL
/// bytes outside UTF-16) is an error.
pub fn decode(bytes: Vec<u8>) -> std::result::Result<(String, Option<String>), String> {
    let utf16 = |be: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if be {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        (String::from_utf16_lossy(&units), None)
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Ok(utf16(false));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(utf16(true));
    }
    let mut bytes = bytes;
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if memchr::memchr(0, &bytes).is_some() {
        return Err("binary content (NUL bytes): not a text file".into());
    }
    // Valid UTF-8 (the common case) becomes a String without a copy.
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, None)),
        Err(e) => {
            let e_valid = e.utf8_error().valid_up_to();
            let body = e.into_bytes();
            let text: String = body
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => {
                        char::from_u32(CP1252[(b - 0x80) as usize] as u32).unwrap_or('\u{fffd}')
                    }
                    _ => b as char,
                })
                .collect();
            Ok((
                text,
                Some(format!(
                    "not valid UTF-8 (byte {}); decoded as Windows-1252",
                    e_valid
                )),
            ))
        }
    }
}
