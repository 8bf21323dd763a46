//! End-to-end benchmark: the release binary classifies the UN General Debate
//! corpus (`../shared/corpora/ungdc-2013-2024`, 2,325 speeches) and reports
//! MB/s, documents/s and peak memory; then the same with two threads, with the
//! corpus given four times over (memory must not grow with it), with a
//! generated lexicon of 10,000 cues, and the lexicon compile times; and the
//! throughput of each language against English on text of the same size
//! (the fictional mixed corpus for Spanish and French; the stance cases of
//! `tests/cases/` for Arabic, Chinese and Russian).
//!
//! First of all it measures stancer against a **yardstick**: a bare pass that
//! reads the same files, folds ASCII case, runs one leftmost-longest
//! Aho-Corasick scan over the lexicon's content phrases and counts words (no
//! sentences, modifiers or output), on the General Debate corpus and on
//! corpora that are all about the topic. `cargo bench --bench e2e -- ratios`
//! runs only that part.
//!
//! Run with `cargo bench --bench e2e`. It asserts the number of documents and
//! of evidence items, so a faster but wrong build fails loudly.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use stancer::Lexicon;

/// Documents in the UNGDC corpus.
const UNGDC_DOCUMENTS: usize = 2325;
/// Evidence items the built-in lexicon finds in the UNGDC corpus (only the
/// few speeches about autonomous weapons have any). Update it, with a reason
/// in the commit, when the lexicon changes.
const UNGDC_EVIDENCE: usize = 29;
/// Runs per configuration; the best and the median are reported.
const RUNS: usize = 5;

/// What `stancer classify --stats` reports.
#[derive(Debug, Clone, Copy)]
struct Stats {
    documents: usize,
    bytes: usize,
    evidence: usize,
    secs: f64,
    peak_mb: f64,
}

fn parse_stats(stderr: &str) -> Stats {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("stats: "))
        .unwrap_or_else(|| panic!("no stats line in: {stderr}"));
    let num = |key: &str| -> f64 {
        let v = line
            .split_whitespace()
            .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
            .unwrap_or_else(|| panic!("{key} not in {line}"));
        v.trim_end_matches("MB")
            .parse()
            .unwrap_or_else(|_| panic!("cannot read {key}={v}"))
    };
    Stats {
        documents: num("documents") as usize,
        bytes: num("bytes") as usize,
        evidence: num("evidence") as usize,
        secs: num("seconds"),
        peak_mb: num("peak_memory"),
    }
}

fn run(corpus: &Path, threads: usize, lexicon: Option<&Path>) -> Stats {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stancer"));
    cmd.arg("classify")
        .arg(corpus)
        .args([
            "--format",
            "jsonl",
            "--quiet",
            "--stats",
            "--allow-outside-files",
        ])
        .stdout(std::process::Stdio::null())
        .args(["--threads", &threads.to_string()]);
    if let Some(l) = lexicon {
        cmd.arg("--lexicon").arg(l);
    }
    let out = cmd
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|c| c.wait_with_output())
        .expect("stancer runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stancer failed: {stderr}");
    parse_stats(&stderr)
}

/// Best (by time) and median of `RUNS` runs, after one warm-up run.
fn measure(corpus: &Path, threads: usize, lexicon: Option<&Path>) -> (Stats, Stats) {
    run(corpus, threads, lexicon);
    let mut all: Vec<Stats> = (0..RUNS).map(|_| run(corpus, threads, lexicon)).collect();
    all.sort_by(|a, b| a.secs.total_cmp(&b.secs));
    (all[0], all[RUNS / 2])
}

fn mb_s(s: &Stats) -> f64 {
    s.bytes as f64 / 1e6 / s.secs
}

fn row(name: &str, (best, median): (Stats, Stats)) -> String {
    format!(
        "| {name} | {} | {:.1} | {:.0} | {:.0} | {:.0} | {:.1} |",
        best.documents,
        best.bytes as f64 / 1e6,
        mb_s(&best),
        mb_s(&median),
        best.documents as f64 / best.secs,
        best.peak_mb
    )
}

/// A manifest listing every document of `corpus` `times` times over.
fn repeated_corpus(corpus: &Path, times: usize, dir: &Path) -> PathBuf {
    copy_manifest(corpus, None, times, &dir.join(format!("x{times}")))
}

/// A manifest of the rows of `corpus` in `language`, repeated `times` times.
fn language_corpus(corpus: &Path, language: &str, times: usize, dir: &Path) -> PathBuf {
    copy_manifest(
        corpus,
        Some(("language", &[language.to_string()])),
        times,
        &dir.join(format!("lang-{language}")),
    )
}

/// Writes to `out` a manifest of the rows of `corpus` (only those whose
/// column `only.0` holds one of `only.1`, if given) repeated `times` times,
/// with ids made unique and files as absolute paths.
fn copy_manifest(
    corpus: &Path,
    only: Option<(&str, &[String])>,
    times: usize,
    out: &Path,
) -> PathBuf {
    let manifest = std::fs::read_to_string(corpus.join("manifest.csv")).expect("manifest");
    let mut rdr = csv::Reader::from_reader(manifest.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
    let (id, file) = (col("id"), col("file"));
    let only = only.map(|(c, values)| (col(c), values));
    let records: Vec<csv::StringRecord> = rdr
        .records()
        .map(Result::unwrap)
        .filter(|r| only.is_none_or(|(c, values)| values.iter().any(|v| v == &r[c])))
        .collect();
    assert!(
        !records.is_empty(),
        "no document to copy from {}",
        corpus.display()
    );
    std::fs::create_dir_all(out).unwrap();
    let mut w = csv::Writer::from_path(out.join("manifest.csv")).unwrap();
    w.write_record(&headers).unwrap();
    for copy in 0..times {
        for r in &records {
            let mut r: Vec<String> = r.iter().map(String::from).collect();
            r[id] = format!("{}#{copy}", r[id]);
            r[file] = corpus.join(&r[file]).display().to_string();
            w.write_record(&r).unwrap();
        }
    }
    w.flush().unwrap();
    out.to_path_buf()
}

/// A corpus of about `bytes` bytes in `lang`, made of the texts of the stance
/// cases of `tests/cases/{lang}.toml` (statements of a sentence or two, all
/// about the topic) joined into documents of about 2 KB and repeated; the
/// manifest gives the language, so each is read with its own lexicon.
fn cases_corpus(root: &Path, lang: &str, bytes: usize, dir: &Path) -> PathBuf {
    let src = std::fs::read_to_string(root.join("tests/cases").join(format!("{lang}.toml")))
        .expect("case file");
    let cases: toml::Value = toml::from_str(&src).expect("case file is TOML");
    let texts: Vec<&str> = cases["case"]
        .as_array()
        .expect("[[case]]")
        .iter()
        .filter_map(|c| c["text"].as_str())
        .collect();
    let mut docs: Vec<String> = Vec::new();
    let mut doc = String::new();
    for t in texts.iter().cycle() {
        doc.push_str(t);
        doc.push_str("\n\n");
        if doc.len() >= 2048 {
            docs.push(std::mem::take(&mut doc));
            if docs.len() == texts.len() {
                break;
            }
        }
    }
    let out = dir.join(format!("cases-{lang}"));
    std::fs::create_dir_all(&out).unwrap();
    let mut w = csv::Writer::from_path(out.join("manifest.csv")).unwrap();
    w.write_record(["id", "file", "language"]).unwrap();
    let (mut total, mut n) = (0, 0);
    while total < bytes {
        let d = &docs[n % docs.len()];
        let file = format!("{n}.txt");
        std::fs::write(out.join(&file), d).unwrap();
        w.write_record([&format!("{lang}{n}"), &file, lang])
            .unwrap();
        total += d.len();
        n += 1;
    }
    w.flush().unwrap();
    out
}

/// The built-in lexicon with its cues replaced by `n` generated ones:
/// two- and three-word phrases of the domain's vocabulary.
fn generated_lexicon(n: usize) -> String {
    let (_, builtin) = stancer::lexicon::BUILTIN[0];
    let head = &builtin[..builtin.find("[[cues]]").expect("cues")];
    let a = [
        "new",
        "binding",
        "legal",
        "international",
        "political",
        "effective",
        "specific",
        "clear",
        "common",
        "meaningful",
        "human",
        "existing",
        "urgent",
        "further",
        "global",
        "regional",
        "national",
        "military",
        "autonomous",
        "lethal",
        "responsible",
        "collective",
        "comprehensive",
        "additional",
        "strong",
    ];
    let b = [
        "instrument",
        "treaty",
        "framework",
        "rules",
        "norms",
        "protocol",
        "prohibition",
        "regulation",
        "control",
        "oversight",
        "accountability",
        "obligations",
        "standards",
        "measures",
        "principles",
        "commitments",
        "declaration",
        "negotiations",
        "process",
        "mandate",
        "approach",
        "review",
        "limits",
        "restrictions",
        "safeguards",
        "guidelines",
        "conventions",
        "agreements",
        "mechanisms",
        "systems",
    ];
    let c = [
        "",
        "on weapons",
        "for states",
        "of force",
        "in armed conflict",
        "at sea",
        "in cyberspace",
        "by design",
        "under law",
        "with care",
        "for all",
        "of systems",
        "in practice",
        "over targeting",
    ];
    let questions = [
        ("instrument", ["support", "oppose"]),
        ("regulation", ["support", "oppose"]),
        ("forum", ["ccw", "open"]),
    ];
    // Phrases are grouped in one `[[cues]]` block per question and label,
    // as a lexicon author writes them.
    let mut blocks: Vec<Vec<String>> = vec![Vec::new(); 6];
    let mut count = 0;
    'outer: for cw in c {
        for aw in a {
            for bw in b {
                for aw2 in ["", "and", "or"] {
                    if count == n {
                        break 'outer;
                    }
                    let phrase = match (aw2, cw) {
                        ("", "") => format!("{aw} {bw}"),
                        ("", _) => format!("{aw} {bw} {cw}"),
                        (_, "") => format!("{aw} {aw2} {bw}"),
                        _ => format!("{aw} {aw2} {bw} {cw}"),
                    };
                    blocks[count % 6].push(phrase);
                    count += 1;
                }
            }
        }
    }
    assert_eq!(count, n, "vocabulary too small for {n} cues");
    let mut out = String::from(head);
    for (i, phrases) in blocks.iter().enumerate() {
        let (q, labels) = questions[i % 3];
        let quoted: Vec<String> = phrases.iter().map(|p| format!("{p:?}")).collect();
        out.push_str(&format!(
            "[[cues]]\nquestion = \"{q}\"\nlabel = \"{}\"\nphrases = [\n  {},\n]\n\n",
            labels[i / 3],
            quoted.join(",\n  ")
        ));
    }
    out
}

/// The files a corpus lists, resolved as stancer resolves them.
fn corpus_files(corpus: &Path) -> Vec<PathBuf> {
    let mut rdr = csv::Reader::from_path(corpus.join("manifest.csv")).expect("manifest");
    let headers = rdr.headers().unwrap().clone();
    let file = headers
        .iter()
        .position(|h| h == "file")
        .expect("file column");
    rdr.records()
        .map(|r| corpus.join(&r.unwrap()[file]))
        .collect()
}

/// What the yardstick did: seconds (best of `RUNS`), bytes, words, matches.
struct Yardstick {
    secs: f64,
    bytes: usize,
    words: usize,
    matches: usize,
}

/// The yardstick on one thread: read each file, fold ASCII case, one
/// leftmost-longest Aho-Corasick pass over the phrases `lexicon`'s content
/// automaton scans for (cue phrases, topic terms, pattern anchors), count
/// words. The least any tool that reads these files for these phrases does.
fn yardstick(corpus: &Path, lexicon: &Lexicon) -> Yardstick {
    use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(lexicon.content.scanned_phrases())
        .expect("automaton");
    let files = corpus_files(corpus);
    let pass = || {
        let t = Instant::now();
        let (mut bytes, mut words, mut matches) = (0, 0, 0);
        for f in &files {
            let mut text = std::fs::read_to_string(f).expect("readable file");
            text.make_ascii_lowercase();
            matches += ac.find_iter(&text).count();
            words += text.split_ascii_whitespace().count();
            bytes += text.len();
        }
        Yardstick {
            secs: t.elapsed().as_secs_f64(),
            bytes,
            words,
            matches,
        }
    };
    pass();
    (0..RUNS)
        .map(|_| pass())
        .min_by(|a, b| a.secs.total_cmp(&b.secs))
        .expect("runs")
}

/// A manifest of the rows of `corpus` whose id is in `ids`, repeated `times`
/// times.
fn subset_corpus(corpus: &Path, ids: &[String], times: usize, out: &Path) -> PathBuf {
    let out = copy_manifest(corpus, Some(("id", ids)), times, out);
    let rows = csv::Reader::from_path(out.join("manifest.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(
        rows,
        ids.len() * times,
        "every id of the subset is in the corpus"
    );
    out
}

/// The ids of the General Debate speeches that discuss the topic (the
/// second gold set, `tests/gold/ungdc-aws.csv`).
fn on_topic_speeches(root: &Path) -> Vec<String> {
    let mut rdr = csv::Reader::from_path(root.join("tests/gold/ungdc-aws.csv")).expect("gold");
    rdr.records().map(|r| r.unwrap()[0].to_string()).collect()
}

/// Stancer against the yardstick on one thread: one table row per corpus.
fn ratios(root: &Path, ungdc: &Path, dev: &Path, tmp: &Path) -> Vec<String> {
    let english = Lexicon::builtin_english();
    let mut corpora: Vec<(String, PathBuf)> = vec![("UNGDC (2,325 speeches)".into(), ungdc.into())];
    if dev.join("manifest.csv").is_file() {
        corpora.push((
            "UNSG 2024 x50 (all on topic)".into(),
            repeated_corpus(dev, 50, tmp),
        ));
    }
    corpora.push((
        "General Debate speeches on the topic x20".into(),
        subset_corpus(ungdc, &on_topic_speeches(root), 20, &tmp.join("aws")),
    ));
    let mut rows = vec![
        "| corpus | MB | yardstick MB/s | stancer MB/s, 1 thread | stancer / yardstick (time) | target | stancer MB/s, 2 threads | 2 threads / 1 | peak memory MB |".into(),
        "|---|---|---|---|---|---|---|---|---|".into(),
    ];
    for (name, path) in corpora {
        let y = yardstick(&path, &english);
        let (best, _) = measure(&path, 1, None);
        let (two, _) = measure(&path, 2, None);
        assert_eq!(
            best.bytes, y.bytes,
            "{name}: the yardstick reads what stancer reads"
        );
        assert_eq!(
            best.evidence, two.evidence,
            "{name}: the same evidence on two threads"
        );
        let target = if name.starts_with("UNGDC") { 1.1 } else { 2.0 };
        let ratio = best.secs / y.secs;
        rows.push(format!(
            "| {name} | {:.1} | {:.0} | {:.0} | {ratio:.2}x | <= {target}x {} | {:.0} | {:.2}x | {:.1} |",
            y.bytes as f64 / 1e6,
            y.bytes as f64 / 1e6 / y.secs,
            mb_s(&best),
            if ratio <= target { "met" } else { "not met" },
            mb_s(&two),
            best.secs / two.secs,
            best.peak_mb.max(two.peak_mb),
        ));
        std::hint::black_box((y.words, y.matches));
    }
    rows
}

fn compile_ms(source: &str) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let l = Lexicon::from_toml(Path::new("bench.toml"), source).expect("lexicon compiles");
        best = best.min(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(l);
    }
    best
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let ungdc = root.join("../shared/corpora/ungdc-2013-2024");
    let dev = root.join("../shared/corpora/unsg-2024");
    if !ungdc.join("manifest.csv").is_file() {
        eprintln!(
            "SKIPPED: {} is absent; the end-to-end benchmark needs it",
            ungdc.display()
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let ratio_rows = ratios(&root, &ungdc, &dev, tmp.path());
    for r in &ratio_rows {
        println!("{r}");
    }
    if std::env::args().any(|a| a == "ratios") {
        return;
    }
    let big_lexicon = tmp.path().join("lexicon-10000.toml");
    let big_source = generated_lexicon(10_000);
    std::fs::write(&big_lexicon, &big_source).unwrap();
    let x4 = repeated_corpus(&ungdc, 4, tmp.path());

    let t1 = measure(&ungdc, 1, None);
    assert_eq!(t1.0.documents, UNGDC_DOCUMENTS, "documents classified");
    assert_eq!(
        t1.0.evidence, UNGDC_EVIDENCE,
        "evidence items found (did the lexicon or matcher change?)"
    );
    let t2 = measure(&ungdc, 2, None);
    assert_eq!(
        (t2.0.documents, t2.0.evidence),
        (UNGDC_DOCUMENTS, UNGDC_EVIDENCE)
    );
    let x4_1 = measure(&x4, 1, None);
    assert_eq!(x4_1.0.documents, 4 * UNGDC_DOCUMENTS);
    assert_eq!(x4_1.0.evidence, 4 * UNGDC_EVIDENCE);
    let big = measure(&ungdc, 1, Some(&big_lexicon));
    assert_eq!(big.0.documents, UNGDC_DOCUMENTS);
    // The development submissions are all about the topic, so every cue is
    // looked for; 50 copies make a corpus large enough to time.
    let dev_runs = dev.join("manifest.csv").is_file().then(|| {
        let dev50 = repeated_corpus(&dev, 50, tmp.path());
        (
            measure(&dev50, 1, None),
            measure(&dev50, 1, Some(&big_lexicon)),
        )
    });

    // The same kind of statements in each language (the fictional mixed
    // corpus, all about the topic), repeated to a size worth timing.
    let mixed = root.join("tests/data/mixed");
    let by_language: Vec<(&str, (Stats, Stats))> = ["en", "es", "fr"]
        .into_iter()
        .map(|lang| {
            (
                lang,
                measure(&language_corpus(&mixed, lang, 2000, tmp.path()), 1, None),
            )
        })
        .collect();

    // Arabic, Chinese and Russian against English, on the same number of
    // bytes of statements written in the same register.
    let by_script: Vec<(&str, (Stats, Stats))> = ["en", "ar", "zh", "ru"]
        .into_iter()
        .map(|lang| {
            (
                lang,
                measure(&cases_corpus(&root, lang, 8_000_000, tmp.path()), 1, None),
            )
        })
        .collect();

    let (_, builtin) = stancer::lexicon::BUILTIN[0];
    let compile_builtin = compile_ms(builtin);
    let compile_big = compile_ms(&big_source);

    println!(
        "| run | documents | MB | MB/s (best) | MB/s (median) | documents/s | peak memory MB |"
    );
    println!("|---|---|---|---|---|---|---|");
    println!("{}", row("UNGDC, 1 thread", t1));
    println!("{}", row("UNGDC, 2 threads", t2));
    println!("{}", row("UNGDC x4, 1 thread", x4_1));
    println!("{}", row("UNGDC, 1 thread, 10,000 cues", big));
    if let Some((d1, dbig)) = &dev_runs {
        println!("{}", row("UNSG 2024 x50 (all on topic), 1 thread", *d1));
        println!("{}", row("UNSG 2024 x50, 1 thread, 10,000 cues", *dbig));
    }
    for (lang, stats) in &by_language {
        println!(
            "{}",
            row(
                &format!("fictional statements in `{lang}` x2000, 1 thread"),
                *stats
            )
        );
    }
    for (lang, stats) in &by_script {
        println!(
            "{}",
            row(&format!("stance cases in `{lang}`, 8 MB, 1 thread"), *stats)
        );
    }
    println!();
    let en = mb_s(&by_language[0].1 .0);
    for (lang, stats) in &by_language[1..] {
        println!(
            "{lang} / en throughput: {:.2} (target >= 0.5)",
            mb_s(&stats.0) / en
        );
    }
    let en_cases = mb_s(&by_script[0].1 .0);
    for (lang, stats) in &by_script[1..] {
        println!(
            "{lang} / en throughput on stance cases: {:.2} (target >= 0.5)",
            mb_s(&stats.0) / en_cases
        );
    }
    println!(
        "2 threads / 1 thread: {:.2}x (target >= 1.8x)",
        mb_s(&t2.0) / mb_s(&t1.0)
    );
    println!(
        "peak memory x4 / x1: {:.2} (target <= 1.10); x1 peak {:.1} MB (target <= 100 MB)",
        x4_1.0.peak_mb / t1.0.peak_mb,
        t1.0.peak_mb
    );
    println!(
        "10,000 cues / built-in lexicon throughput on UNGDC: {:.2} (target >= 0.5)",
        mb_s(&big.0) / mb_s(&t1.0)
    );
    if let Some((d1, dbig)) = &dev_runs {
        println!(
            "10,000 cues / built-in on UNSG 2024 x50 (on topic): {:.2}",
            mb_s(&dbig.0) / mb_s(&d1.0)
        );
    }
    println!(
        "lexicon compile: built-in {compile_builtin:.1} ms, 10,000 cues {compile_big:.1} ms (target < 100 ms)"
    );
    println!(
        "1 thread, best: {:.0} MB/s (target >= 200 MB/s)",
        mb_s(&t1.0)
    );
}
