//! Per-stage benchmarks: fold, sentences, words, match, classify.
//!
//! Input: the UN General Debate speeches in `../shared/corpora/ungdc-2013-2024`
//! when present (a sample of 200 speeches), otherwise the bundled `corpus/`.
//! Run with `cargo bench --bench stages`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use stancer::{classify::classify, normalize::fold, segment, Corpus, Lexicon};

fn texts() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/corpora/ungdc-2013-2024");
    let dir = if shared.join("manifest.csv").is_file() {
        shared
    } else {
        eprintln!("../shared absent: benchmarking the bundled corpus/");
        root.join("corpus")
    };
    let corpus = Corpus::open(&dir).expect("corpus opens");
    corpus
        .entries()
        .take(200)
        .map(|e| e.and_then(|e| e.load()).expect("document loads").text)
        .collect()
}

fn stages(c: &mut Criterion) {
    let texts = texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let lexicon = Lexicon::builtin_english();
    let folded: Vec<_> = texts.iter().map(|t| fold(t)).collect();
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("fold", |b| {
        b.iter(|| texts.iter().map(|t| fold(t).text.len()).sum::<usize>())
    });
    g.bench_function("sentences", |b| {
        b.iter(|| {
            folded
                .iter()
                .zip(&texts)
                .map(|(f, t)| segment::sentences(f, t).len())
                .sum::<usize>()
        })
    });
    g.bench_function("words (every byte; what stancer avoids)", |b| {
        b.iter(|| {
            folded
                .iter()
                .map(|f| segment::words(&f.text).len())
                .sum::<usize>()
        })
    });
    g.bench_function(
        "match (every byte, as if every speech were on topic)",
        |b| {
            b.iter(|| {
                folded
                    .iter()
                    .zip(&texts)
                    .map(|(f, t)| lexicon.content.find(f, t).len())
                    .sum::<usize>()
            })
        },
    );
    let docs: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| stancer::Document::new(i.to_string(), t.clone()))
        .collect();
    g.bench_function("classify", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| classify(&lexicon, d).tokens)
                .sum::<usize>()
        })
    });
    g.finish();
    c.bench_function("lexicon compile", |b| b.iter(Lexicon::builtin_english));
}

criterion_group!(benches, stages);
criterion_main!(benches);
