//! PDF input: text extraction with poppler's `pdftotext`, then cleaning.
//!
//! **Why `pdftotext`, as a subprocess.** Poppler is the reference extractor:
//! the shared corpora are `pdftotext` output, so a PDF read here gives the same
//! text (same reading order, same line breaks) as the texts the lexicon was
//! tuned on. Running it as a child process isolates stancer from the PDF
//! parser: a malformed or hostile PDF that crashes, hangs or floods poppler
//! costs one document, never the run. The child is killed after a timeout
//! ([`DEFAULT_TIMEOUT`]), its output is capped ([`DEFAULT_MAX_OUTPUT`]), and
//! a missing `pdftotext` is an error that says to install poppler-utils.
//!
//! **Two passes.** `pdftotext` in its default (reading-order) mode rejoins a
//! word hyphenated at the end of a line by itself, but it always drops the
//! hyphen, so `semi-⏎autonomous` becomes `semiautonomous` and `Franco-⏎German`
//! becomes `FrancoGerman`, which no longer match lexicon phrases such as
//! `semi autonomous weapon`. A second, `-raw` pass (content-stream order, no
//! rejoining) shows where the line-end hyphens were; the hyphens that belong to
//! the word are put back (see [`clean_pages`] for the rule). If that second
//! pass fails, the first pass's text is used as it is, with a warning.
//!
//! **Cleaning** ([`clean_pages`]): repeated page headers and footers and page
//! numbers are dropped, words still hyphenated across lines (or pages) are
//! rejoined, paragraph breaks are kept and pages are joined by a blank line.
//! A PDF whose pages hold no text after cleaning has no text layer (a scan):
//! that is an error, [`NO_TEXT_LAYER`].

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use regex::Regex;

use crate::error::{Error, Result};

/// How long one PDF may take before `pdftotext` is killed (both passes
/// together).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The most text, in bytes, one `pdftotext` pass may write before it is
/// stopped (1 GiB: far beyond any statement, well below what a PDF bomb makes).
pub const DEFAULT_MAX_OUTPUT: u64 = 1 << 30;

/// The message of the error for a PDF whose pages hold no text.
pub const NO_TEXT_LAYER: &str = "no text layer (a scanned PDF? run OCR first)";

/// How many bytes at the start of a file may precede the `%PDF-` header (the
/// same tolerance as poppler's).
const HEADER_WINDOW: usize = 1024;

/// How much of `pdftotext`'s standard error is kept (its last bytes: the
/// conclusive messages come last).
const STDERR_KEEP: usize = 64 * 1024;

/// Number of non-empty lines at the top and at the bottom of a page that may be
/// a running header or footer.
const EDGE_LINES: usize = 3;

/// Prefixes that keep their hyphen when a compound is broken after them at the
/// end of a line (`anti-⏎personnel` stays `anti-personnel`).
const HYPHEN_PREFIXES: &[&str] = &[
    "anti", "counter", "cross", "ex", "non", "quasi", "self", "semi", "so", "well",
];

/// Whether `path` names a PDF file (extension `.pdf`, any case).
pub fn is_pdf(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("pdf"))
}

/// The text of a PDF, from [`Pdftotext::extract`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The cleaned text (see [`clean_pages`]); never empty.
    pub text: String,
    /// Number of pages `pdftotext` read.
    pub pages: usize,
    /// What went wrong but did not stop the extraction, each prefixed with
    /// the file's path (pages without text, poppler's complaints about a
    /// damaged file, invalid UTF-8, a failed hyphen-repair pass).
    pub warnings: Vec<String>,
}

/// How to run poppler's `pdftotext`.
#[derive(Debug, Clone)]
pub struct Pdftotext {
    /// The program: `pdftotext` (looked up on `PATH`) by default.
    pub program: PathBuf,
    /// How long one PDF may take, both passes together; the child is killed
    /// when it is over.
    pub timeout: Duration,
    /// The most text, in bytes, one pass may write.
    pub max_output: u64,
}

impl Default for Pdftotext {
    fn default() -> Self {
        Pdftotext {
            program: PathBuf::from("pdftotext"),
            timeout: DEFAULT_TIMEOUT,
            max_output: DEFAULT_MAX_OUTPUT,
        }
    }
}

/// Extracts and cleans the text of the PDF at `path` with the default
/// [`Pdftotext`] (60 s timeout). See [`Pdftotext::extract`] for the errors.
pub fn extract_text(path: &Path) -> Result<String> {
    Pdftotext::default().extract(path).map(|e| e.text)
}

/// Extracts and cleans the text of the PDF at `path` with the default
/// [`Pdftotext`], with the page count and warnings.
pub fn extract(path: &Path) -> Result<Extracted> {
    Pdftotext::default().extract(path)
}

/// Whether the default `pdftotext` can be run.
pub fn pdftotext_available() -> bool {
    Pdftotext::default().is_available()
}

/// What one `pdftotext` pass wrote.
struct Output {
    stdout: Vec<u8>,
    /// The last [`STDERR_KEEP`] bytes of standard error, lossily decoded.
    stderr: String,
}

impl Pdftotext {
    /// Whether [`Pdftotext::program`] can be run (`pdftotext -v` starts and
    /// exits within ten seconds).
    pub fn is_available(&self) -> bool {
        let mut cmd = Command::new(&self.program);
        cmd.arg("-v");
        let deadline = Instant::now() + Duration::from_secs(10);
        matches!(run_with_deadline(cmd, deadline, 1 << 20), Ok(Ran::Exited(s, _)) if s.success())
    }

    /// Extracts the text of the PDF at `path` and cleans it with
    /// [`clean_pages`] (after putting back the hyphens that `pdftotext`'s
    /// reading-order mode drops; see the module documentation).
    ///
    /// Errors, all naming the file: it cannot be read ([`Error::Io`]); it is
    /// not a PDF (no `%PDF-` header), `pdftotext` is not installed, fails,
    /// crashes, runs past [`Pdftotext::timeout`] or writes more than
    /// [`Pdftotext::max_output`] bytes, or the PDF has no text layer
    /// ([`NO_TEXT_LAYER`]) ([`Error::Input`]).
    pub fn extract(&self, path: &Path) -> Result<Extracted> {
        check_header(path)?;
        let deadline = Instant::now() + self.timeout;
        let mut warnings = Vec::new();
        let first = self.pass(path, false, deadline)?;
        let text = decode(first.stdout, path, &mut warnings);
        let stderr = summarize_stderr(&first.stderr);
        let pages = count_pages(&text);
        // The hyphens that the first pass dropped leave no trace in its text, so
        // the second pass runs whenever there is text at all.
        let repaired = if text.chars().any(char::is_alphabetic) {
            match self.pass(path, true, deadline) {
                Ok(raw) => {
                    let raw = String::from_utf8_lossy(&raw.stdout);
                    Cow::Owned(restore_hyphens(&text, &raw).into_owned())
                }
                Err(e) => {
                    warnings.push(format!(
                        "{}: hyphens at line ends not checked ({e})",
                        path.display()
                    ));
                    Cow::Borrowed(text.as_str())
                }
            }
        } else {
            Cow::Borrowed(text.as_str())
        };
        let cleaned = clean(&repaired);
        if !cleaned.text.chars().any(char::is_alphanumeric) {
            let mut message = String::from(NO_TEXT_LAYER);
            if pages > 0 {
                let s = if pages == 1 { "" } else { "s" };
                message.push_str(&format!(": none of its {pages} page{s} holds text"));
            }
            if let Some(stderr) = &stderr {
                message.push_str(&format!("; pdftotext reported: {stderr}"));
            }
            return Err(Error::input(path, None, message));
        }
        if cleaned.empty_pages > 0 {
            warnings.push(format!(
                "{}: {} of {} pages hold no text (scanned pages? run OCR first); they are skipped",
                path.display(),
                cleaned.empty_pages,
                cleaned.pages
            ));
        }
        if let Some(stderr) = stderr {
            warnings.push(format!("{}: pdftotext reported: {stderr}", path.display()));
        }
        Ok(Extracted {
            text: cleaned.text,
            pages,
            warnings,
        })
    }

    /// Runs one `pdftotext` pass (`-raw` or the default reading order) on
    /// `path`, writing UTF-8 with `\n` line ends to standard output.
    fn pass(&self, path: &Path, raw: bool, deadline: Instant) -> Result<Output> {
        let mut cmd = Command::new(&self.program);
        cmd.args(["-enc", "UTF-8", "-eol", "unix"]);
        if raw {
            cmd.arg("-raw");
        }
        cmd.arg(path_arg(path)).arg("-");
        let program = self.program.display();
        match run_with_deadline(cmd, deadline, self.max_output) {
            Ok(Ran::Exited(status, out)) if status.success() => Ok(out),
            Ok(Ran::Exited(status, out)) => {
                let what = match status.code() {
                    Some(1) => "could not open or parse this PDF".to_string(),
                    Some(3) => "is not allowed to copy text from this PDF (permissions or encryption)"
                        .to_string(),
                    Some(code) => format!("failed (exit status {code})"),
                    None => format!("crashed on this PDF ({status})"),
                };
                let detail = summarize_stderr(&out.stderr)
                    .map(|s| format!(": {s}"))
                    .unwrap_or_default();
                Err(Error::input(path, None, format!("{program} {what}{detail}")))
            }
            Ok(Ran::TimedOut) => Err(Error::input(
                path,
                None,
                format!(
                    "{program} did not finish within {} s and was stopped (a malformed or very large PDF?)",
                    self.timeout.as_secs_f64()
                ),
            )),
            Ok(Ran::TooMuch) => Err(Error::input(
                path,
                None,
                format!(
                    "{program} wrote more than {} of text and was stopped",
                    byte_size(self.max_output)
                ),
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::input(
                path,
                None,
                format!(
                    "cannot extract the text of a PDF: `{program}` was not found; \
                     install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils; \
                     macOS: brew install poppler)"
                ),
            )),
            Err(e) => Err(Error::input(path, None, format!("cannot run `{program}`: {e}"))),
        }
    }
}

/// Checks that `path` can be read and starts like a PDF, so that a file that
/// is not one gets a plain message rather than poppler's syntax errors.
fn check_header(path: &Path) -> Result<()> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut head = Vec::with_capacity(HEADER_WINDOW);
    file.by_ref()
        .take(HEADER_WINDOW as u64)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    if memchr::memmem::find(&head, b"%PDF-").is_none() {
        let what = if head.is_empty() {
            "empty file".to_string()
        } else {
            format!("no `%PDF-` header in its first {HEADER_WINDOW} bytes")
        };
        return Err(Error::input(path, None, format!("not a PDF file ({what})")));
    }
    Ok(())
}

/// The path as an argument: a relative path that starts with `-` gets `./`
/// in front, so that `pdftotext` does not take it for an option.
fn path_arg(path: &Path) -> OsString {
    if path.is_relative() && path.as_os_str().as_encoded_bytes().starts_with(b"-") {
        Path::new(".").join(path).into_os_string()
    } else {
        path.as_os_str().to_owned()
    }
}

/// `n` bytes for a person: in MiB when a whole number of them, else in bytes.
fn byte_size(n: u64) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n} bytes")
    }
}

/// Decodes `pdftotext` output: UTF-8 was asked for; anything else is replaced,
/// with a warning.
fn decode(bytes: Vec<u8>, path: &Path, warnings: &mut Vec<String>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            warnings.push(format!(
                "{}: pdftotext wrote invalid UTF-8; the bad bytes were replaced",
                path.display()
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// Number of pages in `pdftotext` output: it ends every page with a form feed.
fn count_pages(text: &str) -> usize {
    let feeds = text.matches('\x0c').count();
    if text.ends_with('\x0c') || text.trim().is_empty() {
        feeds
    } else {
        feeds + 1
    }
}

/// The last few distinct messages of `pdftotext`'s standard error on one line,
/// without control characters, or `None` when it wrote nothing.
fn summarize_stderr(stderr: &str) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in stderr.lines().rev() {
        let line: String = line
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let line = line.trim();
        if line.is_empty() || lines.iter().any(|l| l == line) {
            continue;
        }
        lines.push(line.to_string());
        if lines.len() == 3 {
            break;
        }
    }
    if lines.is_empty() {
        return None;
    }
    lines.reverse();
    let mut s = lines.join("; ");
    if s.len() > 400 {
        let mut cut = 400;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push('…');
    }
    Some(s)
}

/// How a child process ended.
enum Ran {
    /// It exited (or was killed by a signal it raised itself).
    Exited(ExitStatus, Output),
    /// It ran past the deadline and was killed.
    TimedOut,
    /// It wrote more than the cap to standard output and was killed.
    TooMuch,
}

/// Runs `cmd` with standard input closed, collecting its output, and kills it
/// at `deadline` or when it writes more than `max_output` bytes.
fn run_with_deadline(mut cmd: Command, deadline: Instant, max_output: u64) -> std::io::Result<Ran> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn()?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    // Readers run on their own threads so that a child that fills a pipe
    // cannot block the wait; on a timeout they are left to end by themselves
    // when the pipes close.
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        // One byte past the cap tells that the cap was passed; the pipe is then
        // dropped, so the child gets EPIPE (or SIGPIPE) at its next write.
        let read = stdout
            .take(max_output.saturating_add(1))
            .read_to_end(&mut buf);
        read.map(|_| buf)
    });
    let err_reader = std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut chunk = [0u8; 8192];
        loop {
            match stderr.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    kept.extend_from_slice(&chunk[..n]);
                    if kept.len() > 2 * STDERR_KEEP {
                        kept.drain(..kept.len() - STDERR_KEEP);
                    }
                }
            }
        }
        if kept.len() > STDERR_KEEP {
            kept.drain(..kept.len() - STDERR_KEEP);
        }
        String::from_utf8_lossy(&kept).into_owned()
    });
    let mut pause = Duration::from_millis(1);
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        let now = Instant::now();
        if now >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(Ran::TimedOut);
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(25));
    };
    let stdout = out_reader
        .join()
        .map_err(|_| std::io::Error::other("the output reader panicked"))??;
    let stderr = err_reader.join().unwrap_or_default();
    if stdout.len() as u64 > max_output {
        return Ok(Ran::TooMuch);
    }
    Ok(Ran::Exited(status, Output { stdout, stderr }))
}

// ---------------------------------------------------------------------------
// Hyphens
// ---------------------------------------------------------------------------

/// Whether `c` is a hyphen that can end a line: ASCII `-` or U+2010.
fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}'
}

/// The words of a document, to decide whether a hyphen at a line end belongs
/// to the word: `human-⏎machine` keeps its hyphen when `human-machine` is
/// written elsewhere in the document and `humanmachine` is not.
#[derive(Default)]
struct Evidence {
    /// Lower-case words without a hyphen.
    words: HashSet<String>,
    /// Lower-case hyphenated compounds, hyphens made ASCII.
    compounds: HashSet<String>,
}

impl Evidence {
    /// Collects the words of `lines` (a word broken at a line end counts as
    /// its two halves, never as a compound).
    fn from_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Evidence {
        let mut ev = Evidence::default();
        for line in lines {
            for token in line.split(|c: char| !(c.is_alphanumeric() || is_hyphen(c))) {
                let token = token.trim_matches(is_hyphen);
                if token.is_empty() {
                    continue;
                }
                let lower: String = token
                    .chars()
                    .flat_map(char::to_lowercase)
                    .map(|c| if is_hyphen(c) { '-' } else { c })
                    .collect();
                if lower.contains('-') {
                    ev.compounds.insert(lower);
                } else {
                    ev.words.insert(lower);
                }
            }
        }
        ev
    }
}

/// Whether the hyphen of a word broken as `left-⏎right` belongs to the word.
///
/// Yes when `right` starts with an upper-case letter or a digit
/// (`Franco-⏎German`, `COVID-⏎19`); otherwise the document decides
/// (`human-machine` written elsewhere and `humanmachine` nowhere: yes;
/// `responsible` written elsewhere: no); otherwise yes after a prefix that is
/// usually hyphenated (`semi`, `anti`, `non`, `self`…); otherwise no (a
/// typesetter's hyphen: `respon-⏎sible`).
fn keep_hyphen(left: &str, right: &str, ev: &Evidence) -> bool {
    let Some(first) = right.chars().next() else {
        return true;
    };
    if first.is_uppercase() || first.is_numeric() {
        return true;
    }
    let left_lower = left.to_lowercase();
    let right_lower = right.to_lowercase();
    let joined = format!("{left_lower}{right_lower}");
    if ev.words.contains(&joined) {
        return false;
    }
    if ev
        .compounds
        .contains(&format!("{left_lower}-{right_lower}"))
    {
        return true;
    }
    HYPHEN_PREFIXES.contains(&left_lower.as_str())
}

/// The word part before a hyphen that ends `line`: `(line without the hyphen,
/// the letters before it)`, when the hyphen follows a letter.
fn split_line_hyphen(line: &str) -> Option<(&str, &str)> {
    let (idx, c) = line.char_indices().next_back()?;
    if !(is_hyphen(c)) {
        return None;
    }
    let stem = &line[..idx];
    if !stem.chars().next_back().is_some_and(char::is_alphabetic) {
        return None;
    }
    let start = stem
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(stem.len(), |(i, _)| i);
    Some((stem, &stem[start..]))
}

/// The leading word (alphanumeric run) of `line`.
fn leading_word(line: &str) -> &str {
    let end = line
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(line.len(), |(i, _)| i);
    &line[..end]
}

/// Puts back the hyphens that `pdftotext`'s reading-order mode dropped.
///
/// In that mode a line that ends with a hyphen is joined to the next one
/// without it, always. `raw` (the `-raw` output of the same PDF) keeps the
/// line ends: every `left-⏎right` there whose hyphen belongs to the word
/// ([`keep_hyphen`]) turns the whole word `leftright` in `text` back into
/// `left-right`.
fn restore_hyphens<'a>(text: &'a str, raw: &str) -> Cow<'a, str> {
    let lines: Vec<&str> = raw.split(['\n', '\x0c']).map(|l| l.trim_end()).collect();
    let mut evidence: Option<Evidence> = None;
    let mut fix: HashMap<String, String> = HashMap::new();
    for pair in lines.windows(2) {
        let Some((_, left)) = split_line_hyphen(pair[0]) else {
            continue;
        };
        let right = leading_word(pair[1].trim_start());
        if left.is_empty() || right.is_empty() {
            continue;
        }
        let ev = evidence.get_or_insert_with(|| Evidence::from_lines(lines.iter().copied()));
        if keep_hyphen(left, right, ev) {
            fix.entry(format!("{left}{right}"))
                .or_insert_with(|| format!("{left}-{right}"));
        }
    }
    if fix.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + fix.len());
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric())
            .map_or(rest.len(), |(i, _)| i);
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let word = leading_word(rest);
        match fix.get(word) {
            Some(hyphenated) => out.push_str(hyphenated),
            None => out.push_str(word),
        }
        rest = &rest[word.len()..];
    }
    Cow::Owned(out)
}

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

/// A bare page number: `3`, `- 3 -`, `– 3 –`, `Page 3`, `p. 3`, `3/12`,
/// `3 of 12`, `Page 3 of 12`, `iii`.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<pre>(?i:page|pg\.?|p\.)\s*)?(?:[-–—]\s*)?(?P<n>\d{1,4}|[ivxl]{1,8})(?:\s*[-–—])?(?:\s*(?:/|(?i:of))\s*(?P<of>\d{1,4}|[ivxl]{1,8}))?$",
    )
    .expect("valid regex")
});

/// A valid lower-case Roman numeral below 90 (front matter is never longer;
/// a lone `c`, `d` or `m` is more likely a list item than a page number).
static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:xl|l?x{0,3})(?:ix|iv|v?i{0,3})$").expect("valid regex"));

/// Whether `line` is only a page number (see [`PAGE_NUMBER`]). A bare number
/// of four digits is not (`2024` is a year); Roman numerals must be valid,
/// lower case and below 90.
fn is_page_number(line: &str) -> bool {
    let Some(caps) = PAGE_NUMBER.captures(line.trim()) else {
        return false;
    };
    let roman_ok = |s: &str| s.chars().all(|c| c.is_ascii_digit()) || ROMAN.is_match(s);
    let n = &caps["n"];
    if !roman_ok(n) || !caps.name("of").is_none_or(|m| roman_ok(m.as_str())) {
        return false;
    }
    let bare = caps.name("pre").is_none() && caps.name("of").is_none() && line.trim() == n;
    !(bare && n.len() > 3 && n.chars().all(|c| c.is_ascii_digit()))
}

/// The key under which a header or footer line is compared across pages:
/// white space collapsed, every run of digits made `#`, so that `Page 3 of 9`
/// and `Page 4 of 9`, or `A/79/88 24-09815 5/12` and `… 6/12`, are one line.
fn edge_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    let mut in_digits = false;
    let mut in_space = false;
    for c in line.trim().chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                key.push('#');
            }
            in_digits = true;
            in_space = false;
        } else if c.is_whitespace() {
            if !in_space {
                key.push(' ');
            }
            in_space = true;
            in_digits = false;
        } else {
            key.push(c);
            in_digits = false;
            in_space = false;
        }
    }
    key
}

/// A line made safe: control characters other than tabs removed, trailing
/// white space dropped.
fn tidy_line(line: &str) -> Cow<'_, str> {
    let line = line.trim_end();
    if line.chars().any(|c| c.is_control() && c != '\t') {
        Cow::Owned(
            line.chars()
                .filter(|&c| !c.is_control() || c == '\t')
                .collect(),
        )
    } else {
        Cow::Borrowed(line)
    }
}

/// The result of [`clean`].
struct Cleaned {
    text: String,
    /// Pages in the input.
    pages: usize,
    /// Pages with no alphanumeric character once headers, footers and page
    /// numbers are gone, when others have some.
    empty_pages: usize,
}

/// Whether `line` ends a sentence (or a heading that ends in a colon or a
/// semicolon), closing quotes and brackets aside.
fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»'])
        .ends_with(['.', '?', '!', ':', ';', '…'])
}

/// Cleans `pdftotext` output: pages (separated by form feeds) lose their
/// running headers, footers and page numbers; words hyphenated across lines
/// are rejoined; paragraphs stay apart; pages are joined by a blank line.
///
/// * **Headers and footers.** Among the first and last three non-empty lines of
///   each page, a line is dropped when it is one of those lines on at least
///   half of the pages (and on two at least), compared with white space
///   collapsed and every run of digits alike (`Page 3 of 9`, `A/79/88
///   24-09815 5/12`). So a one-page document keeps its first line.
/// * **Page numbers.** Among those edge lines, one that is only a page number
///   is dropped: `3`, `- 3 -`, `Page 3`, `p. 3`, `3/12`, `3 of 12`, `iii`
///   (not `2024`: a bare four-digit number is a year).
/// * **Hyphens.** A line that ends with a hyphen after a letter is joined to the
///   next line. When the next line starts in lower case the hyphen goes
///   (`respon-⏎sible` → `responsible`) unless it belongs to the word: the
///   compound is written elsewhere in the document and the joined word is not
///   (`human-machine`), or the first part is a usual prefix (`semi-`, `anti-`,
///   `non-`, `self-`…). When the next line starts with a capital or a digit the
///   hyphen stays (`Franco-⏎German` → `Franco-German`). A soft hyphen (U+00AD)
///   at a line end always goes. Words are rejoined across a page break too, and
///   a lower-case word broken across a blank line.
/// * **Layout.** Runs of blank lines become one blank line (a paragraph break);
///   a page break becomes a blank line, except where a sentence runs on (the
///   page ends without closing punctuation and the next starts in lower case),
///   where it becomes a line break. Control characters other than tabs go and
///   so does trailing white space; the text ends with one line break.
pub fn clean_pages(raw: &str) -> String {
    clean(raw).text
}

/// [`clean_pages`], with page counts.
fn clean(raw: &str) -> Cleaned {
    let mut pages: Vec<Vec<Cow<'_, str>>> = raw
        .split('\x0c')
        .map(|p| p.split('\n').map(tidy_line).collect())
        .collect();
    if raw.ends_with('\x0c') || raw.is_empty() {
        pages.pop();
    }
    let n_pages = pages.len();

    // Edge lines: the first and last EDGE_LINES non-empty lines of each page.
    let edges: Vec<Vec<usize>> = pages
        .iter()
        .map(|lines| {
            let non_empty: Vec<usize> = (0..lines.len())
                .filter(|&i| !lines[i].trim().is_empty())
                .collect();
            let mut e: Vec<usize> = non_empty.iter().take(EDGE_LINES).copied().collect();
            e.extend(non_empty.iter().rev().take(EDGE_LINES).copied());
            e.sort_unstable();
            e.dedup();
            e
        })
        .collect();
    let with_text = edges.iter().filter(|e| !e.is_empty()).count();
    let mut counts: HashMap<String, usize> = HashMap::new();
    if with_text >= 2 {
        for (lines, edge) in pages.iter().zip(&edges) {
            let keys: HashSet<String> = edge.iter().map(|&i| edge_key(&lines[i])).collect();
            for key in keys {
                *counts.entry(key).or_default() += 1;
            }
        }
    }
    let threshold = with_text.div_ceil(2).max(2);
    let mut kept_pages: Vec<Vec<Cow<'_, str>>> = Vec::with_capacity(n_pages);
    let mut empty_pages = 0;
    for (lines, edge) in pages.into_iter().zip(&edges) {
        let mut kept = Vec::with_capacity(lines.len());
        for (i, line) in lines.into_iter().enumerate() {
            let drop = edge.binary_search(&i).is_ok()
                && (is_page_number(&line)
                    || counts
                        .get(&edge_key(&line))
                        .is_some_and(|&c| c >= threshold));
            if !drop {
                kept.push(line);
            }
        }
        if !kept.iter().any(|l| l.chars().any(char::is_alphanumeric)) {
            empty_pages += 1;
        }
        kept_pages.push(kept);
    }
    let empty_pages = if empty_pages == n_pages {
        0
    } else {
        empty_pages
    };

    let mut evidence: Option<Evidence> = None;
    let mut out: Vec<String> = Vec::new();
    let mut gap = Gap::Line;
    for page in &kept_pages {
        if !out.is_empty() {
            gap = Gap::Page;
        }
        for line in page {
            if line.trim().is_empty() {
                if gap == Gap::Line {
                    gap = Gap::Blank;
                }
                continue;
            }
            let line: &str = line;
            if let Some(last) = out.last_mut() {
                if let Some(joined) = join_broken(last, line, gap, &mut evidence, &kept_pages) {
                    *last = joined;
                    gap = Gap::Line;
                    continue;
                }
                match gap {
                    Gap::Line => {}
                    Gap::Page
                        if !ends_sentence(last)
                            && line.trim_start().starts_with(char::is_lowercase) => {}
                    Gap::Blank | Gap::Page => out.push(String::new()),
                }
            }
            out.push(line.to_string());
            gap = Gap::Line;
        }
    }
    let mut text = out.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    Cleaned {
        text,
        pages: n_pages,
        empty_pages,
    }
}

/// What separates a line from the previous non-empty one.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Gap {
    /// A line break.
    Line,
    /// One or more blank lines.
    Blank,
    /// A page break (and perhaps blank lines).
    Page,
}

/// Joins `line` to `last` when `last` ends with a word broken by a hyphen
/// (see [`clean_pages`]); `None` when it does not.
fn join_broken(
    last: &str,
    line: &str,
    gap: Gap,
    evidence: &mut Option<Evidence>,
    pages: &[Vec<Cow<'_, str>>],
) -> Option<String> {
    let next = line.trim_start();
    let first = next.chars().next()?;
    if let Some(stem) = last.strip_suffix('\u{00ad}') {
        return (first.is_alphabetic()).then(|| format!("{stem}{next}"));
    }
    let (stem, left) = split_line_hyphen(last)?;
    if first.is_lowercase() {
        let ev = evidence.get_or_insert_with(|| {
            Evidence::from_lines(pages.iter().flatten().map(|l| l.as_ref()))
        });
        let right = leading_word(next);
        let hyphen = if keep_hyphen(left, right, ev) {
            "-"
        } else {
            ""
        };
        return Some(format!("{stem}{hyphen}{next}"));
    }
    if (first.is_uppercase() || first.is_numeric()) && gap != Gap::Blank {
        let hyphen = &last[stem.len()..];
        return Some(format!("{stem}{hyphen}{next}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(what, pdftotext output, cleaned text)`.
    const CLEAN_CASES: &[(&str, &str, &str)] = &[
        ("empty", "", ""),
        ("only form feeds", "\x0c\x0c\x0c", ""),
        (
            "running header and footer with page numbers",
            "A/79/88\n\nFirst page text.\n\nPage 1 of 3\n\x0c\
             A/79/88\n\nSecond page text.\n\nPage 2 of 3\n\x0c\
             A/79/88\n\nThird page text.\n\nPage 3 of 3\n\x0c",
            "First page text.\n\nSecond page text.\n\nThird page text.\n",
        ),
        (
            "UN symbol and job number footer, digits differ",
            "A/79/88\nOne.\n24-09815 1/12\n\x0c\
             A/79/88\nTwo.\n24-09815 2/12\n\x0c\
             Three.\n24-09815 3/12\n\x0c",
            "One.\n\nTwo.\n\nThree.\n",
        ),
        (
            "header on half of the pages is dropped",
            "Annex\nOne.\n\x0cAnnex\nTwo.\n\x0cThree.\n\x0cFour.\n\x0c",
            "One.\n\nTwo.\n\nThree.\n\nFour.\n",
        ),
        (
            "header on fewer than half of the pages stays",
            "Annex\nOne.\n\x0cTwo.\n\x0cThree.\n\x0c",
            "Annex\nOne.\n\nTwo.\n\nThree.\n",
        ),
        (
            "a repeated line in the middle of a page stays",
            "A/79/88\nOne.\n\x0cA/79/88\na\nb\nc\nA/79/88\nd\ne\nf\n\x0c",
            "One.\n\na\nb\nc\nA/79/88\nd\ne\nf\n",
        ),
        (
            "single page keeps its first line",
            "A/79/88\nJapan\nJapan recognizes the importance.\n\x0c",
            "A/79/88\nJapan\nJapan recognizes the importance.\n",
        ),
        ("page number: bare", "Text.\n\n3\n\x0c", "Text.\n"),
        ("page number: dashes", "- 3 -\nText.\n\x0c", "Text.\n"),
        ("page number: en dashes", "Text.\n– 12 –\n\x0c", "Text.\n"),
        ("page number: Page", "Text.\nPage 3\n\x0c", "Text.\n"),
        ("page number: p.", "Text.\np. 3\n\x0c", "Text.\n"),
        ("page number: slash", "Text.\n3/12\n\x0c", "Text.\n"),
        ("page number: of", "Text.\n3 of 12\n\x0c", "Text.\n"),
        ("page number: roman", "iii\nText.\n\x0c", "Text.\n"),
        (
            "not a page number: year",
            "Text.\n2024\n\x0c",
            "Text.\n2024\n",
        ),
        (
            "not a page number: word",
            "civil\nText.\n\x0c",
            "civil\nText.\n",
        ),
        (
            "not a page number: capital I",
            "I\nText.\n\x0c",
            "I\nText.\n",
        ),
        (
            "not a page number: article",
            "Text.\nArticle 3\n\x0c",
            "Text.\nArticle 3\n",
        ),
        (
            "a number in the body stays",
            "a\nb\nc\n3\nd\ne\nf\n\x0c",
            "a\nb\nc\n3\nd\ne\nf\n",
        ),
        (
            "hyphenated word rejoined",
            "ensures respon-\nsible use\n",
            "ensures responsible use\n",
        ),
        (
            "U+2010 hyphen rejoined",
            "ensures respon\u{2010}\nsible use\n",
            "ensures responsible use\n",
        ),
        (
            "soft hyphen rejoined",
            "ensures respon\u{ad}\nsible use\n",
            "ensures responsible use\n",
        ),
        (
            "capital after the hyphen keeps it",
            "a two-\nTier approach\n",
            "a two-Tier approach\n",
        ),
        (
            "digit after the hyphen keeps it",
            "the COVID-\n19 pandemic\n",
            "the COVID-19 pandemic\n",
        ),
        (
            "usual prefix keeps its hyphen",
            "semi-\nautonomous weapons\n",
            "semi-autonomous weapons\n",
        ),
        (
            "compound written elsewhere keeps its hyphen",
            "human-machine teams\nand the human-\nmachine interface\n",
            "human-machine teams\nand the human-machine interface\n",
        ),
        (
            "joined word written elsewhere wins over a prefix",
            "nonproliferation and non-\nproliferation\n",
            "nonproliferation and nonproliferation\n",
        ),
        (
            "a dash after a space is not a hyphen",
            "the following -\nnamely this\n",
            "the following -\nnamely this\n",
        ),
        (
            "a hyphen after a digit is not a broken word",
            "pages 3-\n5 of it\n",
            "pages 3-\n5 of it\n",
        ),
        (
            "broken word across a page, header between",
            "A/79/88\nwithout delay in a respon-\n\n1\n\x0cA/79/88\nsible manner.\n\n2\n\x0c",
            "without delay in a responsible manner.\n",
        ),
        (
            "lower-case word across a blank line rejoined",
            "a respon-\n\nsible manner.\n",
            "a responsible manner.\n",
        ),
        (
            "capital across a blank line is a new paragraph",
            "the well-\n\nNext paragraph.\n",
            "the well-\n\nNext paragraph.\n",
        ),
        (
            "sentence running on across a page stays in its paragraph",
            "it runs on\n\x0cover the page.\n\x0c",
            "it runs on\nover the page.\n",
        ),
        (
            "sentence ending at a page end starts a paragraph",
            "It ends here.\n\x0cthen a new page.\n\x0c",
            "It ends here.\n\nthen a new page.\n",
        ),
        (
            "capital at the top of a page starts a paragraph",
            "it runs on\n\x0cThe next page.\n\x0c",
            "it runs on\n\nThe next page.\n",
        ),
        (
            "blank lines collapse, trailing spaces and controls go",
            "\n\nOne  \n\n\n\nTw\u{7}o\r\n\n",
            "One\n\nTwo\n",
        ),
        (
            "empty pages in between",
            "One.\n\x0c\n\n\x0cTwo.\n\x0c",
            "One.\n\nTwo.\n",
        ),
        ("no trailing form feed", "Only text", "Only text\n"),
    ];

    #[test]
    fn clean_pages_cases() {
        let mut failed = Vec::new();
        for (what, raw, want) in CLEAN_CASES {
            let got = clean_pages(raw);
            if got != *want {
                failed.push(format!(
                    "{what}:\n  raw  {raw:?}\n  want {want:?}\n  got  {got:?}"
                ));
            }
        }
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    }

    #[test]
    fn clean_counts_empty_pages() {
        let c = clean("One.\n\x0c\n3\n\x0cTwo.\n\x0c");
        assert_eq!((c.pages, c.empty_pages), (3, 1));
        // All empty: that is the no-text-layer error, not a warning.
        let c = clean("\x0c1\n\x0c");
        assert_eq!((c.text.as_str(), c.pages, c.empty_pages), ("", 2, 0));
    }

    #[test]
    fn page_numbers() {
        for yes in [
            "3",
            "12",
            "999",
            "- 3 -",
            "-3-",
            "— 7 —",
            "Page 3",
            "page 3",
            "PAGE 3",
            "p. 3",
            "pg. 3",
            "3/12",
            "3 / 12",
            "3 of 12",
            "Page 3 of 12",
            "iii",
            "xiv",
            "lxxxix",
            "  4  ",
        ] {
            assert!(is_page_number(yes), "{yes:?} is a page number");
        }
        for no in [
            "",
            "2024",
            "1234",
            "I",
            "IV",
            "c",
            "d",
            "m",
            "mix",
            "civil",
            "mild",
            "Article 3",
            "3.",
            "(3)",
            "3 May",
            "A/79/88",
            "24-09815",
            "Page",
            "iiii",
        ] {
            assert!(!is_page_number(no), "{no:?} is not a page number");
        }
    }

    #[test]
    fn edge_keys() {
        assert_eq!(edge_key("Page 3 of 9"), edge_key("Page 10 of 9"));
        assert_eq!(edge_key("A/79/88  24-09815 5/12"), "A/#/# #-# #/#");
        assert_ne!(edge_key("A/79/88"), edge_key("A/79/L.88"));
    }

    #[test]
    fn hyphens_restored_from_raw() {
        let text = "the semiautonomous and FrancoGerman and responsible and COVID19 and \
                    antipersonnel-mines and semiautonomousness\n";
        let raw = "the semi-\nautonomous and Franco-\nGerman and respon-\nsible and COVID-\n19 \
                   and anti-\npersonnel-mines and semiautonomousness\n";
        assert_eq!(
            restore_hyphens(text, raw),
            "the semi-autonomous and Franco-German and responsible and COVID-19 and \
             anti-personnel-mines and semiautonomousness\n"
        );
        // Nothing to restore: the text is returned as it is.
        assert!(matches!(
            restore_hyphens("responsible\n", "respon-\nsible\n"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn keep_hyphen_rule() {
        let ev = Evidence::from_lines([
            "human-machine teams; decision-making",
            "the respon-",
            "sible",
        ]);
        assert!(ev.compounds.contains("human-machine"));
        assert!(!ev.compounds.contains("respon-"));
        assert!(keep_hyphen("human", "machine", &ev));
        assert!(keep_hyphen("decision", "making", &ev));
        assert!(!keep_hyphen("respon", "sible", &ev));
        assert!(keep_hyphen("Franco", "German", &ev));
        assert!(keep_hyphen("Semi", "autonomous", &ev));
        assert!(!keep_hyphen("auto", "nomous", &ev));
    }

    #[test]
    fn line_end_hyphens() {
        assert_eq!(split_line_hyphen("a respon-"), Some(("a respon", "respon")));
        assert_eq!(
            split_line_hyphen("non-State-"),
            Some(("non-State", "State"))
        );
        assert_eq!(split_line_hyphen("Côte-"), Some(("Côte", "Côte")));
        assert_eq!(split_line_hyphen("a -"), None);
        assert_eq!(split_line_hyphen("3-"), None);
        assert_eq!(split_line_hyphen("-"), None);
        assert_eq!(split_line_hyphen(""), None);
    }

    #[test]
    fn dash_paths_are_not_options() {
        assert_eq!(path_arg(Path::new("-x.pdf")), OsString::from("./-x.pdf"));
        assert_eq!(path_arg(Path::new("a/-x.pdf")), OsString::from("a/-x.pdf"));
        assert_eq!(
            path_arg(Path::new("/tmp/-x.pdf")),
            OsString::from("/tmp/-x.pdf")
        );
    }

    #[test]
    fn stderr_summary() {
        assert_eq!(summarize_stderr(""), None);
        assert_eq!(summarize_stderr("\n \n"), None);
        let noisy = "Syntax Warning: May not be a PDF file\n".to_string()
            + &"Syntax Error (2): Illegal character\n".repeat(3)
            + "Syntax Error: Couldn't find trailer dictionary\n\
               Syntax Error: Couldn't read xref table\n\
               Syntax Error: Couldn't find trailer dictionary\n\
               Syntax Error: Couldn't read xref table\n";
        assert_eq!(
            summarize_stderr(&noisy).unwrap(),
            "Syntax Error (2): Illegal character; Syntax Error: Couldn't find trailer dictionary; \
             Syntax Error: Couldn't read xref table"
        );
        assert_eq!(summarize_stderr("bad\x1bbyte\n").unwrap(), "bad byte");
        let long = "x".repeat(1000);
        assert!(summarize_stderr(&long).unwrap().chars().count() <= 401);
    }

    #[test]
    fn pages_counted() {
        assert_eq!(count_pages(""), 0);
        assert_eq!(count_pages("a\x0cb\x0c"), 2);
        assert_eq!(count_pages("a\x0cb"), 2);
        assert_eq!(count_pages("\x0c\x0c"), 2);
    }

    #[test]
    fn pdf_paths() {
        assert!(is_pdf(Path::new("a/b.pdf")));
        assert!(is_pdf(Path::new("B.PDF")));
        assert!(!is_pdf(Path::new("b.txt")));
        assert!(!is_pdf(Path::new("pdf")));
    }
}
