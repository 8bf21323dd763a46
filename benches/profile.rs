//! Where the time goes on text that is about the topic: each stage of the
//! pipeline timed on its own, one thread, over the 30 development submissions
//! (`../shared/corpora/unsg-2024`) repeated 50 times and over the General
//! Debate speeches that discuss it (the ids of `tests/gold/ungdc-aws.csv`)
//! repeated 20 times, or the bundled `corpus/` repeated 500 times when
//! `../shared` is absent.
//!
//! Stages: read (the files, from the page cache), fold, scan (topic terms,
//! then cues), sentences, words and modifiers (in the sentences that hold a
//! cue, as the classifier reads them), decision (the rest of classification:
//! topic scope, which modifiers act on which cue, scores, evidence), render
//! (JSON Lines) and write (to a file). Every stage is run over the whole
//! corpus and timed as the best of five runs; `decision` is the whole of
//! classification less the stages before it.
//!
//! Run with `cargo bench --bench profile`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use stancer::export::{Exporter, Format};
use stancer::{classify::classify, normalize::fold, segment, Corpus, Document, Lexicon};

const RUNS: usize = 5;

/// The allocator the `stancer` binary uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Best time of `RUNS` runs of `f`, after a warm-up run.
fn best<T>(mut f: impl FnMut() -> T) -> f64 {
    std::hint::black_box(f());
    (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

/// The corpora profiled: (name, files). The development submissions x50 and
/// the General Debate speeches on the topic (`tests/gold/ungdc-aws.csv`) x20
/// when `../shared` is present; else the bundled `corpus/` x500.
fn corpora() -> Vec<(String, Vec<PathBuf>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dev = root.join("../shared/corpora/unsg-2024");
    let gd = root.join("../shared/corpora/ungdc-2013-2024");
    let repeat = |files: Vec<PathBuf>, times: usize| -> Vec<PathBuf> {
        let n = files.len() * times;
        files.into_iter().cycle().take(n).collect()
    };
    if !dev.join("manifest.csv").is_file() || !gd.join("manifest.csv").is_file() {
        eprintln!("../shared absent: profiling the bundled corpus/ x500");
        return vec![(
            "corpus/ x500".into(),
            repeat(files(&root.join("corpus"), None), 500),
        )];
    }
    let mut rdr = csv::Reader::from_path(root.join("tests/gold/ungdc-aws.csv")).expect("gold");
    let ids: Vec<String> = rdr.records().map(|r| r.unwrap()[0].to_string()).collect();
    vec![
        ("UNSG 2024 x50".into(), repeat(files(&dev, None), 50)),
        (
            "General Debate speeches on the topic x20".into(),
            repeat(files(&gd, Some(&ids)), 20),
        ),
    ]
}

/// The files of a corpus (only those of documents `ids`, when given).
fn files(dir: &Path, ids: Option<&[String]>) -> Vec<PathBuf> {
    let corpus = Corpus::open(dir).expect("corpus opens");
    corpus
        .entries()
        .map(|e| e.expect("entry").meta)
        .filter(|m| ids.is_none_or(|ids| ids.contains(&m.id)))
        .map(|m| dir.join(m.file.expect("a file")))
        .collect()
}

fn main() {
    for (name, paths) in corpora() {
        println!("### {name}\n");
        profile(&paths);
        println!();
    }
}

/// Times each stage over the files `paths` and prints a table.
fn profile(paths: &[PathBuf]) {
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable"))
        .collect();
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new(format!("d{i}"), t))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let lexicon = Lexicon::builtin_english();
    let nq = lexicon.questions.len();

    let folded: Vec<_> = texts.iter().map(|t| fold(t)).collect();
    let hits: Vec<_> = folded
        .iter()
        .zip(&texts)
        .map(|(f, t)| lexicon.content.find(f, t))
        .collect();
    let sentences: Vec<_> = folded
        .iter()
        .zip(&texts)
        .map(|(f, t)| segment::sentences(f, t))
        .collect();
    // The sentences the classifier reads: those that hold a cue.
    let cue_sentences: Vec<&str> = folded
        .iter()
        .zip(&hits)
        .zip(&sentences)
        .flat_map(|((f, h), s)| {
            let mut idx: Vec<usize> = h
                .iter()
                .filter(|h| h.group < nq)
                .map(|h| segment::sentence_of(s, h.start))
                .collect();
            idx.dedup();
            idx.into_iter().map(|i| &f.text[s[i].clone()])
        })
        .collect();
    let labelled: Vec<_> = docs.iter().map(|d| classify(&lexicon, d)).collect();
    let renderer = Exporter::new(Format::Jsonl, Vec::new()).renderer();
    let rendered: Vec<Vec<u8>> = labelled
        .iter()
        .map(|l| renderer.render(l).expect("renders"))
        .collect();
    let out_bytes: usize = rendered.iter().map(Vec::len).sum();
    let tmp = tempfile::tempdir().expect("temporary folder");

    let read = best(|| {
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("readable").len())
            .sum::<usize>()
    });
    let fold_t = best(|| texts.iter().map(|t| fold(t).text.len()).sum::<usize>());
    let scan = best(|| {
        folded
            .iter()
            .zip(&texts)
            .map(|(f, t)| {
                usize::from(lexicon.topic_set.is_match(f, t)) + lexicon.content.find(f, t).len()
            })
            .sum::<usize>()
    });
    let sent = best(|| {
        folded
            .iter()
            .zip(&texts)
            .map(|(f, t)| segment::sentences(f, t).len())
            .sum::<usize>()
    });
    let words = best(|| {
        cue_sentences
            .iter()
            .map(|s| segment::words(s).len())
            .sum::<usize>()
    });
    let modifiers = best(|| {
        cue_sentences
            .iter()
            .map(|s| lexicon.modifier_set.find_folded(s).len())
            .sum::<usize>()
    });
    let whole = best(|| {
        docs.iter()
            .map(|d| classify(&lexicon, d).tokens)
            .sum::<usize>()
    });
    let render = best(|| {
        labelled
            .iter()
            .map(|l| renderer.render(l).expect("renders").len())
            .sum::<usize>()
    });
    let write = best(|| {
        let mut f =
            std::io::BufWriter::new(std::fs::File::create(tmp.path().join("out.jsonl")).unwrap());
        for r in &rendered {
            f.write_all(r).unwrap();
        }
        f.flush().unwrap();
    });
    let decision = (whole - fold_t - scan - sent - words - modifiers).max(0.0);
    // The passes this pipeline makes over the text and the output, with
    // nothing done at the places they find (each automaton pass counts its
    // matches only): what is left of the yardstick's time for the rest.
    let content_ac = overlapping(lexicon.content.scanned_phrases());
    let content_pass = best(|| {
        folded
            .iter()
            .map(|f| content_ac.find_overlapping_iter(f.text.as_str()).count())
            .sum::<usize>()
    });
    let modifier_ac = overlapping(lexicon.modifier_set.scanned_phrases());
    let modifier_pass = best(|| {
        cue_sentences
            .iter()
            .map(|s| modifier_ac.find_overlapping_iter(*s).count())
            .sum::<usize>()
    });
    let yard = yardstick(paths, lexicon.content.scanned_phrases());
    let stages = [
        ("read", read),
        ("fold", fold_t),
        ("scan (topic terms, cues)", scan),
        ("sentences", sent),
        ("words (sentences with a cue)", words),
        ("modifiers (sentences with a cue)", modifiers),
        ("decision (scope, scores, evidence)", decision),
        ("render (JSON Lines)", render),
        ("write", write),
    ];
    let total: f64 = stages.iter().map(|s| s.1).sum();
    println!(
        "{} documents, {:.1} MB in, {:.1} MB out; {} sentences with a cue; one thread, best of {RUNS}",
        docs.len(),
        bytes as f64 / 1e6,
        out_bytes as f64 / 1e6,
        cue_sentences.len()
    );
    println!("| stage | ms | share | MB/s of input |");
    println!("|---|---|---|---|");
    for (name, t) in stages {
        println!(
            "| {name} | {:.1} | {:.0}% | {:.0} |",
            t * 1e3,
            100.0 * t / total,
            bytes as f64 / 1e6 / t
        );
    }
    println!(
        "| **total** | {:.1} | 100% | {:.0} |",
        total * 1e3,
        bytes as f64 / 1e6 / total
    );
    let floor = [
        ("read", read),
        ("fold", fold_t),
        ("cue automaton pass (matches counted only)", content_pass),
        ("sentences", sent),
        (
            "modifier automaton pass over the sentences with a cue",
            modifier_pass,
        ),
        ("render (JSON Lines)", render),
    ];
    let floor_total: f64 = floor.iter().map(|s| s.1).sum();
    println!();
    println!("Against the yardstick ({:.1} ms: read, fold ASCII case, one leftmost-longest pass, count words):", yard * 1e3);
    println!("| part | ms | / yardstick |");
    println!("|---|---|---|");
    for (name, t) in floor {
        println!("| {name} | {:.1} | {:.2}x |", t * 1e3, t / yard);
    }
    println!(
        "| **the passes alone, nothing done at the matches** | {:.1} | {:.2}x |",
        floor_total * 1e3,
        floor_total / yard
    );
    // Stancer's own runs against the yardstick write to /dev/null.
    println!(
        "| **stancer, every stage above but write** | {:.1} | {:.2}x |",
        (total - write) * 1e3,
        (total - write) / yard
    );
}

/// An automaton with standard semantics over `phrases`, for an overlapping
/// pass that reports every occurrence (as the dense sets' scans do).
fn overlapping(phrases: &[String]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(phrases)
        .expect("automaton")
}

/// The yardstick of `benches/e2e.rs` over `paths`, in seconds (best of
/// five): read each file, fold ASCII case, one leftmost-longest pass over
/// `phrases`, count words.
fn yardstick(paths: &[PathBuf], phrases: &[String]) -> f64 {
    let ac = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(phrases)
        .expect("automaton");
    best(|| {
        paths
            .iter()
            .map(|p| {
                let mut text = std::fs::read_to_string(p).expect("readable");
                text.make_ascii_lowercase();
                ac.find_iter(&text).count() + text.split_ascii_whitespace().count()
            })
            .sum::<usize>()
    })
}
