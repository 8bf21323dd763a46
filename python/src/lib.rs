//! `stancer._stancer`: the native half of the Python package `stancer`.
//!
//! Thin bindings over the library crate: every figure comes from the same
//! code as the command line (`stancer::pipeline`, `stancer::export`,
//! `stancer::tally`, `stancer::eval`, `stancer::lexicon`). Results cross into
//! Python as the JSON the command line prints (the Python side reads it with
//! `json.loads`, which keeps the key order), so a Python dict equals the
//! CLI's object key for key. Python values coming in (records, documents,
//! gold labels) are converted to `serde_json::Value` here.
//!
//! Every error becomes `stancer.StancerError` with the command line's message;
//! a panic in the library is caught and raised as `StancerError` too, so the
//! interpreter never sees one.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple,
};
use serde_json::Value;

use stancer::classify::Labelled;
use stancer::corpus::Corpus;
use stancer::eval::{self, Evaluation, Gold};
use stancer::export::Meta;
use stancer::pipeline::{self, Failure};
use stancer::tally;

create_exception!(
    stancer,
    StancerError,
    PyValueError,
    "A bad input (corpus, records, lexicon, labelled documents, gold labels or option), \
     with the command line's message. A subclass of ValueError."
);

/// Name of in-memory records in messages (where the CLI names a file).
const RECORDS: &str = "<records>";
/// Name of in-memory labelled documents in messages.
const DOCUMENTS: &str = "<documents>";
/// Name of in-memory gold labels in messages.
const GOLD: &str = "<gold>";

fn err(message: impl std::fmt::Display) -> PyErr {
    StancerError::new_err(message.to_string())
}

/// Runs `f`, turning a panic into `StancerError` (the library should never
/// panic on input; if it does, the interpreter must survive it).
fn guarded<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".into());
            Err(err(format!(
                "internal error (a bug in stancer, please report it): {what}"
            )))
        }
    }
}

// ---------------------------------------------------------------------------
// Python values → JSON

/// Converts a Python value to JSON: None, bool, int, float (NaN and
/// infinities become null, as pandas' missing values should), str, dicts and
/// other mappings (keys as str), lists and tuples; a numpy scalar by its
/// `.item()`; anything else (a date, a Timestamp) by `str()`. Bytes are
/// refused: text must be decoded first.
fn to_json(obj: &Bound<'_, PyAny>, depth: usize) -> Result<Value, String> {
    if depth > 64 {
        return Err("nested too deeply".into());
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.downcast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.downcast::<PyString>() {
        return s
            .to_cow()
            .map(|s| Value::String(s.into_owned()))
            .map_err(|e| e.to_string());
    }
    if obj.downcast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return obj
            .str()
            .map(|s| Value::String(s.to_string()))
            .map_err(|e| e.to_string());
    }
    if let Ok(f) = obj.downcast::<PyFloat>() {
        let x = f.value();
        return Ok(serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number));
    }
    if obj.downcast::<PyBytes>().is_ok() || obj.downcast::<PyByteArray>().is_ok() {
        return Err("bytes, not str (decode the text first, e.g. with .decode(\"utf-8\"))".into());
    }
    if let Ok(d) = obj.downcast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            map.insert(key_string(&k)?, to_json(&v, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(l) = obj.downcast::<PyList>() {
        return l
            .iter()
            .map(|v| to_json(&v, depth + 1))
            .collect::<Result<_, _>>()
            .map(Value::Array);
    }
    if let Ok(t) = obj.downcast::<PyTuple>() {
        return t
            .iter()
            .map(|v| to_json(&v, depth + 1))
            .collect::<Result<_, _>>()
            .map(Value::Array);
    }
    if let Ok(m) = obj.downcast::<PyMapping>() {
        let mut map = serde_json::Map::new();
        let items = m.items().map_err(|e| e.to_string())?;
        for item in items.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) =
                item.extract().map_err(|e| e.to_string())?;
            map.insert(key_string(&k)?, to_json(&v, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    // numpy scalars (numpy.int64, numpy.bool_, ...): their Python value.
    let is_numpy = obj
        .get_type()
        .module()
        .map(|m| m.to_string_lossy().starts_with("numpy"))
        .unwrap_or(false);
    if is_numpy && obj.hasattr("item").unwrap_or(false) {
        if let Ok(item) = obj.call_method0("item") {
            if !item.is(obj) {
                return to_json(&item, depth + 1);
            }
        }
    }
    // pandas' missing values (pd.NA, pd.NaT) are null.
    let type_name = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    if matches!(type_name.as_str(), "NAType" | "NaTType") {
        return Ok(Value::Null);
    }
    obj.str()
        .map(|s| Value::String(s.to_string()))
        .map_err(|e| e.to_string())
}

fn key_string(k: &Bound<'_, PyAny>) -> Result<String, String> {
    match k.downcast::<PyString>() {
        Ok(s) => s
            .to_cow()
            .map(|c| c.into_owned())
            .map_err(|e| e.to_string()),
        Err(_) => k.str().map(|s| s.to_string()).map_err(|e| e.to_string()),
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into())
}

/// The items of an iterable, each converted to a JSON object (or the message
/// of why it is not one, with its 1-based position). Checks for Ctrl-C.
fn objects(iterable: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<Result<Value, String>>> {
    let py = iterable.py();
    let iter = iterable.try_iter().map_err(|_| {
        err(format!(
            "{what} must be an iterable of dicts, not {}",
            type_name(iterable)
        ))
    })?;
    let mut out = Vec::new();
    for (i, item) in iter.enumerate() {
        let item = item?;
        if i % 1024 == 1023 {
            py.check_signals()?;
        }
        let converted = if item.downcast::<PyDict>().is_ok() || item.downcast::<PyMapping>().is_ok()
        {
            to_json(&item, 0)
        } else {
            Err(format!("not a dict (a {})", type_name(&item)))
        };
        out.push(converted);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// classify

/// The documents as a JSON array, as `classify --format json` renders each,
/// and the run's `meta`, as JSON; plus the message the CLI would exit 2 with
/// when documents could not be read (None when all were, or with keep_going).
type Classified = (String, String, Option<String>);

fn run_classify(
    py: Python<'_>,
    corpus: Corpus,
    lexicons: Vec<PathBuf>,
    threads: usize,
    keep_going: bool,
) -> PyResult<Classified> {
    let classifier = py
        .allow_threads(|| stancer::cli::load_classifier(&lexicons))
        .map_err(err)?;
    let mut failures: Vec<Failure> = corpus
        .skipped
        .iter()
        .map(|s| Failure {
            id: s.id.clone(),
            file: None,
            error: s.error.clone(),
        })
        .collect();
    let mut docs: Vec<String> = Vec::with_capacity(corpus.len());
    let mut interrupted: Option<PyErr> = None;
    let outcome = py.allow_threads(|| {
        let prepare = |doc: Labelled| serde_json::to_string(&doc);
        let mut seen = 0usize;
        pipeline::run_with(&classifier, &corpus, threads, prepare, |r| {
            seen += 1;
            if seen.is_multiple_of(64) {
                if let Err(e) = Python::with_gil(|py| py.check_signals()) {
                    interrupted = Some(e);
                    return Err(std::io::Error::other("interrupted"));
                }
            }
            match r {
                Ok(json) => docs.push(json?),
                Err(f) => failures.push(f),
            }
            Ok(())
        })
    });
    if let Some(e) = interrupted {
        return Err(e);
    }
    outcome.map_err(err)?;
    let meta = Meta {
        stancer_version: stancer::VERSION.to_string(),
        lexicons: classifier.lexicon_infos(),
        input: corpus.input.clone(),
        documents: docs.len(),
        failures: failures.clone(),
        warnings: corpus.warnings.clone(),
    };
    let failed = (!failures.is_empty() && !keep_going).then(|| {
        let mut lines: Vec<String> = failures.iter().map(|f| f.error.clone()).collect();
        lines.push(format!(
            "{} of {} documents could not be read (use keep_going=True to classify the others)",
            failures.len(),
            corpus.len()
        ));
        lines.join("\n")
    });
    let mut array = String::with_capacity(docs.iter().map(|d| d.len() + 1).sum::<usize>() + 2);
    array.push('[');
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            array.push(',');
        }
        array.push_str(d);
    }
    array.push(']');
    let meta = serde_json::to_string(&meta).map_err(err)?;
    Ok((array, meta, failed))
}

/// Classifies a corpus on disk: a folder with manifest.csv, a folder of .txt
/// (and .pdf) files, or a JSON Lines file.
#[pyfunction]
#[pyo3(signature = (path, lexicons, threads, keep_going))]
fn classify_path(
    py: Python<'_>,
    path: PathBuf,
    lexicons: Vec<PathBuf>,
    threads: usize,
    keep_going: bool,
) -> PyResult<Classified> {
    guarded(|| {
        let corpus = py
            .allow_threads(|| Corpus::open_with(&path, keep_going))
            .map_err(err)?;
        run_classify(py, corpus, lexicons, threads, keep_going)
    })
}

/// Classifies records (dicts with `id`, `text` and any manifest field), read
/// exactly as JSON Lines input is: record N is line N of `<records>`.
#[pyfunction]
#[pyo3(signature = (records, lexicons, threads, keep_going))]
fn classify_records(
    py: Python<'_>,
    records: &Bound<'_, PyAny>,
    lexicons: Vec<PathBuf>,
    threads: usize,
    keep_going: bool,
) -> PyResult<Classified> {
    guarded(|| {
        let items = objects(records, "records")?;
        // One JSON line per record; a record that is not a dict leaves its
        // line blank (so the numbering holds) and is reported here.
        let mut jsonl = String::new();
        let mut bad: Vec<stancer::corpus::Skipped> = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            match item {
                Ok(v) => jsonl.push_str(&serde_json::to_string(&v).map_err(err)?),
                Err(why) => {
                    let e = stancer::Error::input(RECORDS, Some(i as u64 + 1), why);
                    if !keep_going {
                        return Err(err(e));
                    }
                    bad.push(stancer::corpus::Skipped {
                        id: format!("line {}", i + 1),
                        error: e.to_string(),
                    });
                }
            }
            jsonl.push('\n');
        }
        let mut corpus = py
            .allow_threads(|| Corpus::read_jsonl(Cursor::new(jsonl), RECORDS, keep_going))
            .map_err(err)?;
        if !bad.is_empty() {
            corpus.skipped.extend(bad);
            let line = |s: &stancer::corpus::Skipped| {
                s.id.trim_start_matches("line ").parse::<u64>().unwrap_or(0)
            };
            corpus.skipped.sort_by_key(line);
        }
        run_classify(py, corpus, lexicons, threads, keep_going)
    })
}

// ---------------------------------------------------------------------------
// Labelled documents in

/// Labelled documents: from a `classify` output file, or from the JSON text
/// of Python dicts (the output of `stancer.classify`, possibly edited; the
/// Python side writes them with `json.dumps`, which keeps their key order,
/// and key order is meaningful: it is the order of questions and labels).
fn labelled(path: Option<&Path>, documents: Option<Vec<String>>) -> PyResult<Vec<Labelled>> {
    if let Some(path) = path {
        return Ok(stancer::export::read_labelled(path).map_err(err)?.documents);
    }
    documents
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, json)| {
            serde_json::from_str::<Labelled>(json).map_err(|e| {
                err(format!(
                    "{DOCUMENTS}[{i}]: not a labelled document (the output of stancer.classify): {e}"
                ))
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------
// tally

/// Tallies labelled documents; returns the JSON array `tally --format json`
/// prints (one object per question).
#[pyfunction]
#[pyo3(signature = (path, documents, question, by, policy, flagged))]
fn tally_json(
    py: Python<'_>,
    path: Option<PathBuf>,
    documents: Option<Vec<String>>,
    question: Option<String>,
    by: &str,
    policy: &str,
    flagged: bool,
) -> PyResult<String> {
    guarded(|| {
        let by = match by {
            "submission" => tally::By::Submission,
            "state" => tally::By::State,
            other => {
                return Err(err(format!(
                    "by must be \"submission\" or \"state\", not {other:?}"
                )))
            }
        };
        let policy = match policy {
            "own" => tally::Policy::Own,
            "group" => tally::Policy::Group,
            "own-only" | "own_only" => tally::Policy::OwnOnly,
            other => {
                return Err(err(format!(
                    "policy must be \"own\", \"group\" or \"own-only\", not {other:?}"
                )))
            }
        };
        let options = tally::Options {
            question,
            by,
            policy,
            flagged,
        };
        let tallies = match &path {
            Some(p) => py
                .allow_threads(|| tally::tally_file(p, &options))
                .map_err(err)?,
            None => py.allow_threads(|| {
                let docs = labelled(None, documents)?;
                tally_checked(&docs, &options, DOCUMENTS)
            })?,
        };
        let mut out = Vec::new();
        tally::write_json(&tallies, &mut out).map_err(err)?;
        String::from_utf8(out).map_err(err)
    })
}

/// [`tally::tally_checked`] for documents in memory, `name` in place of the
/// file.
fn tally_checked(
    docs: &[Labelled],
    options: &tally::Options,
    name: &str,
) -> PyResult<Vec<tally::Tally>> {
    tally::tally_checked(docs, options, std::path::Path::new(name)).map_err(err)
}

// ---------------------------------------------------------------------------
// evaluate

/// Gold labels from Python records: `id`, one key per question, optional
/// `<question>_evidence`; record N stands for line N of `<gold>`. Read as
/// [`Gold::from_path`] reads a CSV.
fn gold_from_records(records: &[Value], questions: &[&str]) -> PyResult<Gold> {
    let cell = |v: Option<&Value>| match v {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Bool(b)) => Some(b.to_string()),
        _ => None,
    };
    let columns = record_columns(records);
    for q in questions {
        if !columns.iter().any(|c| c == q) {
            return Err(err(stancer::Error::input(
                GOLD,
                Some(1),
                format!("no `{q}` column"),
            )));
        }
    }
    if !records.is_empty() && !columns.iter().any(|c| c == "id") {
        return Err(err(stancer::Error::input(GOLD, Some(1), "no `id` column")));
    }
    let mut gold = Gold {
        path: PathBuf::from(GOLD),
        ..Gold::default()
    };
    for (i, rec) in records.iter().enumerate() {
        let line = i as u64 + 1;
        let obj = rec.as_object().expect("checked by objects()");
        let id = cell(obj.get("id")).unwrap_or_default().trim().to_string();
        if id.is_empty() {
            return Err(err(stancer::Error::input(GOLD, Some(line), "empty `id`")));
        }
        if let Some(first) = gold.lines.get(&id) {
            return Err(err(stancer::Error::input(
                GOLD,
                Some(line),
                format!("duplicate id `{id}` (first on line {first})"),
            )));
        }
        let mut labels = BTreeMap::new();
        let mut evidence = BTreeMap::new();
        for q in questions {
            labels.insert(
                q.to_string(),
                cell(obj.get(*q)).unwrap_or_default().trim().to_string(),
            );
            if let Some(e) = cell(obj.get(&format!("{q}_evidence"))) {
                evidence.insert(q.to_string(), e);
            }
        }
        gold.lines.insert(id.clone(), line);
        gold.labels.insert(id.clone(), labels);
        gold.evidence.insert(id, evidence);
    }
    Ok(gold)
}

/// The keys of the records, in order of first appearance (a CSV's header).
fn record_columns(records: &[Value]) -> Vec<String> {
    let mut columns: Vec<String> = Vec::new();
    for r in records {
        if let Some(o) = r.as_object() {
            for k in o.keys() {
                let k = k.trim();
                if !columns.iter().any(|c| c == k) {
                    columns.push(k.to_string());
                }
            }
        }
    }
    columns
}

/// Evaluates labelled documents against gold labels as `stancer eval` does;
/// returns the JSON `eval --format json` prints and the notes and warnings the
/// CLI prints on stderr.
#[pyfunction]
#[pyo3(signature = (path, documents, gold_path, gold_records, question, seed, resamples))]
#[allow(clippy::too_many_arguments)]
fn evaluate_json(
    py: Python<'_>,
    path: Option<PathBuf>,
    documents: Option<Vec<String>>,
    gold_path: Option<PathBuf>,
    gold_records: Option<&Bound<'_, PyAny>>,
    question: Option<String>,
    seed: u64,
    resamples: usize,
) -> PyResult<(String, Vec<String>)> {
    guarded(|| {
        let docs = labelled(path.as_deref(), documents)?;
        let lpath = match &path {
            Some(p) => p.display().to_string(),
            None => DOCUMENTS.to_string(),
        };
        let gold_values: Option<Vec<Value>> = match gold_records {
            Some(g) => Some(
                objects(g, "gold")?
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| {
                        v.map_err(|why| err(stancer::Error::input(GOLD, Some(i as u64 + 1), why)))
                    })
                    .collect::<PyResult<_>>()?,
            ),
            None => None,
        };
        let gname = match &gold_path {
            Some(p) => p.display().to_string(),
            None => GOLD.to_string(),
        };
        if gold_path.is_none() && gold_values.is_none() {
            return Err(err(
                "gold: a path to a CSV file or an iterable of dicts is needed",
            ));
        }
        py.allow_threads(|| {
            let mut notes = Vec::new();
            let evaluation = evaluate_checked(
                &docs,
                &lpath,
                gold_path.as_deref(),
                gold_values.as_deref(),
                &gname,
                question.as_deref(),
                &eval::Options { seed, resamples },
                &mut notes,
            )?;
            notes.extend(evaluation.warnings(&gname, &lpath));
            let json = serde_json::to_string_pretty(&evaluation).map_err(err)?;
            Ok((json, notes))
        })
    })
}

/// What `stancer eval` does between reading its inputs and printing: the
/// duplicate and question checks, then [`eval::evaluate_all`].
#[allow(clippy::too_many_arguments)]
fn evaluate_checked(
    docs: &[Labelled],
    lpath: &str,
    gold_path: Option<&Path>,
    gold_values: Option<&[Value]>,
    gname: &str,
    question: Option<&str>,
    options: &eval::Options,
    notes: &mut Vec<String>,
) -> PyResult<Evaluation> {
    let mut ids = std::collections::HashSet::new();
    if let Some(d) = docs.iter().find(|d| !ids.insert(d.meta.id.as_str())) {
        return Err(err(format!(
            "{lpath}: document id `{}` appears more than once",
            d.meta.id
        )));
    }
    let predicted = eval::prediction_questions(docs);
    if predicted.is_empty() {
        return Err(err(format!(
            "{lpath}: no classified document (no question to evaluate)"
        )));
    }
    let questions: Vec<String> = match question {
        Some(q) => {
            if !predicted.iter().any(|p| p == q) {
                return Err(err(format!(
                    "{lpath}: no question `{q}` in the predictions (questions: {})",
                    predicted.join(", ")
                )));
            }
            vec![q.to_string()]
        }
        None => {
            let columns = match (gold_path, gold_values) {
                (Some(p), _) => Gold::columns(p).map_err(err)?,
                (None, Some(v)) => record_columns(v),
                (None, None) => Vec::new(),
            };
            let (found, absent): (Vec<String>, Vec<String>) =
                predicted.into_iter().partition(|q| columns.contains(q));
            if found.is_empty() {
                return Err(err(format!(
                    "{gname}: no column for any question of {lpath} ({})",
                    absent.join(", ")
                )));
            }
            for q in &absent {
                notes.push(format!(
                    "{gname} has no `{q}` column; `{q}` is not evaluated"
                ));
            }
            found
        }
    };
    let qrefs: Vec<&str> = questions.iter().map(String::as_str).collect();
    let gold = match (gold_path, gold_values) {
        (Some(p), _) => Gold::from_path(p, &qrefs).map_err(err)?,
        (None, Some(v)) => gold_from_records(v, &qrefs)?,
        (None, None) => Gold::default(),
    };
    eval::evaluate_all(docs, &gold, &questions, options).map_err(err)
}

// ---------------------------------------------------------------------------
// CSV rows, lexicon check

/// The rows `classify --format csv --csv-safe false` writes for the documents
/// (without the header), as strings.
#[pyfunction]
#[pyo3(signature = (path, documents))]
fn csv_rows(path: Option<PathBuf>, documents: Option<Vec<String>>) -> PyResult<Vec<Vec<String>>> {
    guarded(|| {
        let docs = labelled(path.as_deref(), documents)?;
        let mut exporter = stancer::export::Exporter::new(stancer::export::Format::Csv, Vec::new());
        exporter.csv_safe = false;
        for d in docs {
            exporter.document(d).map_err(err)?;
        }
        let bytes = exporter
            .finish(Meta {
                stancer_version: String::new(),
                lexicons: Vec::new(),
                input: String::new(),
                documents: 0,
                failures: Vec::new(),
                warnings: Vec::new(),
            })
            .map_err(err)?;
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(bytes.as_slice());
        rdr.records()
            .map(|r| {
                r.map(|r| r.iter().map(str::to_string).collect())
                    .map_err(err)
            })
            .collect()
    })
}

/// The CSV columns of [`csv_rows`].
#[pyfunction]
fn csv_columns() -> Vec<&'static str> {
    stancer::export::CSV_HEADER.to_vec()
}

/// Problems of a lexicon file: every validation error, then (when it is
/// valid) every warning of `stancer lexicon check`, as JSON
/// `[{"severity", "line", "message"}]`.
#[pyfunction]
fn lexicon_check_json(path: PathBuf) -> PyResult<String> {
    guarded(|| {
        let bytes = std::fs::read(&path).map_err(|e| err(format!("{}: {e}", path.display())))?;
        let source = String::from_utf8(bytes)
            .map_err(|e| err(format!("{}: not valid UTF-8 ({e})", path.display())))?;
        let (lexicon, problems) = stancer::Lexicon::compile(&source);
        let mut out: Vec<Value> = problems
            .iter()
            .map(|p| serde_json::json!({"severity": "error", "line": p.line, "message": p.message}))
            .collect();
        if let Some(lexicon) = lexicon {
            out.extend(
                stancer::lint::lint(&lexicon, &source)
                    .iter()
                    .map(|w| serde_json::json!({"severity": "warning", "line": w.line, "message": w.message})),
            );
        }
        serde_json::to_string(&out).map_err(err)
    })
}

/// The Python module.
#[pymodule]
fn _stancer(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("StancerError", m.py().get_type::<StancerError>())?;
    m.add("__version__", stancer::VERSION)?;
    m.add_function(wrap_pyfunction!(classify_path, m)?)?;
    m.add_function(wrap_pyfunction!(classify_records, m)?)?;
    m.add_function(wrap_pyfunction!(tally_json, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_json, m)?)?;
    m.add_function(wrap_pyfunction!(csv_rows, m)?)?;
    m.add_function(wrap_pyfunction!(csv_columns, m)?)?;
    m.add_function(wrap_pyfunction!(lexicon_check_json, m)?)?;
    Ok(())
}
