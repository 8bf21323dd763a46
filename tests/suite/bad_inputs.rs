//! Bad, odd and large inputs, run through the `stancer` binary: text encodings
//! (Windows-1252, UTF-16, NUL bytes, empty files, CRLF), a 200 MB statement,
//! 100,000 tiny documents, broken manifests, lexicons, gold files and JSON
//! Lines, `-o` to a FIFO and SIGINT during a run.
//!
//! Exit statuses: 0 success, 1 threshold missed, 2 usage or input error. Every
//! message names the file and, where there is one, the line (`FILE:LINE` or
//! `line N`). The inputs are generated in temporary folders.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::util::{p, root, stancer};

/// Supports a new instrument and regulation; about the topic.
const SUPPORT: &str = "We call for the negotiation of a legally binding instrument on autonomous \
weapons systems. Lethal autonomous weapons systems must be prohibited.";

/// Opposes a new instrument; about the topic.
const OPPOSE: &str = "Existing international law is sufficient for autonomous weapons systems: \
there is no legal gap.";

/// Runs `stancer ARGS` with optional stdin, asserts exit status `code`,
/// returns (stdout, stderr).
fn run(args: &[&str], stdin: Option<Vec<u8>>, code: i32) -> (String, String) {
    let mut cmd = stancer();
    cmd.args(args).timeout(Duration::from_secs(120));
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.assert().code(code).get_output().clone();
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{stdout}"))
}

fn documents(v: &Value) -> &Vec<Value> {
    v["documents"].as_array().expect("documents is an array")
}

fn ids(v: &Value) -> Vec<&str> {
    documents(v)
        .iter()
        .map(|d| d["id"].as_str().expect("string id"))
        .collect()
}

/// The document with id `id`.
fn doc<'a>(v: &'a Value, id: &str) -> &'a Value {
    documents(v)
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no document {id:?} in {:?}", ids(v)))
}

/// question → label.
fn labels(doc: &Value) -> BTreeMap<String, String> {
    doc["questions"]
        .as_object()
        .unwrap_or_else(|| panic!("no questions in {doc}"))
        .iter()
        .map(|(q, r)| (q.clone(), r["label"].as_str().unwrap().to_string()))
        .collect()
}

/// question → cues of the evidence, in order.
fn cues(doc: &Value) -> BTreeMap<String, Vec<String>> {
    doc["questions"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(q, r)| {
            let cues = r["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["cue"].as_str().unwrap().to_string())
                .collect();
            (q.clone(), cues)
        })
        .collect()
}

/// Every evidence item (and its sentence) of `doc` is at its offsets in `text`.
fn check_offsets(doc: &Value, text: &str) {
    let id = &doc["id"];
    for (q, r) in doc["questions"].as_object().unwrap() {
        for e in r["evidence"].as_array().unwrap() {
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                text.get(s..t),
                e["text"].as_str(),
                "{id}/{q}: evidence {s}..{t} does not slice the decoded text"
            );
            let ss = e["sentence_start"].as_u64().unwrap() as usize;
            let sentence = e["sentence"].as_str().unwrap();
            assert_eq!(
                text.get(ss..ss + sentence.len()),
                Some(sentence),
                "{id}/{q}: sentence at {ss} does not slice the decoded text"
            );
        }
    }
}

/// Whether one line of `text` contains every needle.
fn line_with(text: &str, needles: &[&str]) -> bool {
    text.lines().any(|l| needles.iter().all(|n| l.contains(n)))
}

/// Whether `code` stands in `line` as a token of its own (not inside a longer word).
fn mentions_token(line: &str, code: &str) -> bool {
    line.match_indices(code).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + code.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn failures(v: &Value) -> &Vec<Value> {
    v["meta"]["failures"]
        .as_array()
        .expect("meta.failures is an array")
}

const DEFAULT_LABELS: [(&str, &str); 3] = [
    ("forum", "unspecified"),
    ("instrument", "undecided"),
    ("regulation", "undecided"),
];

fn default_labels() -> BTreeMap<String, String> {
    DEFAULT_LABELS
        .iter()
        .map(|(q, l)| (q.to_string(), l.to_string()))
        .collect()
}

// ---------------------------------------------------------------------------
// 1. Text encodings
// ---------------------------------------------------------------------------

/// Windows-1252 decoding of bytes 0x80..=0x9F (undefined ones as in Latin-1).
const CP1252: [u32; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
];

fn decode_cp1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => char::from_u32(CP1252[(b - 0x80) as usize]).unwrap(),
            _ => b as char,
        })
        .collect()
}

#[test]
fn windows_1252_file_is_decoded_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    // “Contrôle humain” – ... in Windows-1252: the UTF-8 text is longer, so
    // offsets into the file bytes and into the decoded text differ.
    let bytes: &[u8] = b"\x93Contr\xf4le humain\x94 \x96 we call for the negotiation of a \
legally binding instrument on autonomous weapons systems.\r\n\
Lethal autonomous weapons systems must be prohibited, d\xe9clare the d\xe9l\xe9gation.\r\n";
    fs::write(dir.path().join("latin.txt"), bytes).unwrap();
    fs::write(dir.path().join("plain.txt"), SUPPORT).unwrap();
    let decoded = decode_cp1252(bytes);

    let (out, err) = run(&["classify", p(dir.path())], None, 0);
    let v = json(&out);
    assert_eq!(failures(&v), &Vec::<Value>::new());

    assert!(
        line_with(&err, &["latin.txt", "not valid UTF-8", "Windows-1252"]),
        "stderr names the file and the decoding: {err:?}"
    );
    let latin = doc(&v, "latin");
    let warnings = latin["warnings"]
        .as_array()
        .unwrap_or_else(|| panic!("latin: no warnings array: {latin}"));
    assert!(
        warnings.iter().any(|w| {
            let w = w.as_str().unwrap_or("");
            w.contains("latin.txt") && w.contains("not valid UTF-8") && w.contains("Windows-1252")
        }),
        "latin: warnings {warnings:?}"
    );
    let plain = doc(&v, "plain");
    assert!(
        plain
            .get("warnings")
            .is_none_or(|w| w.as_array().is_some_and(Vec::is_empty)),
        "a UTF-8 file has no warning: {}",
        plain["warnings"]
    );

    assert_eq!(latin["questions"]["instrument"]["label"], "support");
    assert_eq!(latin["questions"]["regulation"]["label"], "support");
    check_offsets(latin, &decoded);
    let sentence = latin["questions"]["instrument"]["evidence"][0]["sentence"]
        .as_str()
        .unwrap();
    assert!(
        sentence.contains("\u{201c}Contrôle humain\u{201d} \u{2013} we call for"),
        "0x93, 0xF4, 0x94 and 0x96 decoded as Windows-1252: {sentence:?}"
    );
    assert_eq!(latin["bytes"], decoded.len(), "bytes of the decoded text");
}

#[test]
fn utf16_with_bom_classifies_like_utf8() {
    let dir = tempfile::tempdir().unwrap();
    // Non-ASCII, typographic quotes and a character outside the BMP (a
    // surrogate pair in UTF-16) before the evidence.
    let text = "Déclaration 🤖 de la République: \u{201c}we call for the negotiation of a legally \
binding instrument on autonomous weapons systems.\u{201d}\r\nExisting international law is \
sufficient, some say; we disagree. Killer robots must be prohibited.\n";
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let bom8: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect();
    fs::write(dir.path().join("utf8.txt"), text).unwrap();
    fs::write(dir.path().join("utf16le.txt"), le).unwrap();
    fs::write(dir.path().join("utf16be.txt"), be).unwrap();
    fs::write(dir.path().join("utf8bom.txt"), bom8).unwrap();

    let (out, _) = run(&["classify", p(dir.path())], None, 0);
    let v = json(&out);
    assert_eq!(failures(&v), &Vec::<Value>::new());
    let utf8 = doc(&v, "utf8");
    assert_eq!(utf8["questions"]["instrument"]["label"], "support");
    assert_eq!(utf8["questions"]["regulation"]["label"], "support");
    for id in ["utf16le", "utf16be", "utf8bom"] {
        let d = doc(&v, id);
        assert_eq!(labels(d), labels(utf8), "{id}: labels differ from UTF-8");
        assert_eq!(cues(d), cues(utf8), "{id}: evidence differs from UTF-8");
        // Offsets index the decoded text (the same text as the UTF-8 file).
        check_offsets(d, text);
    }
}

#[test]
fn binary_files_fail_alone_and_the_others_are_classified() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("good.txt"), SUPPORT).unwrap();
    fs::write(
        d.join("image.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\xff\xfe\x00",
    )
    .unwrap();
    fs::write(
        d.join("nul.txt"),
        format!("{SUPPORT}\0{SUPPORT}").as_bytes(),
    )
    .unwrap();
    fs::write(d.join("other.txt"), OPPOSE).unwrap();

    for (extra, code) in [(None, 2), (Some("--keep-going"), 0)] {
        let mut args = vec!["classify", p(d)];
        args.extend(extra);
        let (out, err) = run(&args, None, code);
        let v = json(&out);
        assert_eq!(ids(&v), ["good", "other"], "{extra:?}");
        assert_eq!(v["meta"]["documents"], 2, "{extra:?}");
        assert_eq!(
            doc(&v, "good")["questions"]["instrument"]["label"],
            "support"
        );
        assert_eq!(
            doc(&v, "other")["questions"]["instrument"]["label"],
            "oppose"
        );
        let f = failures(&v);
        assert_eq!(f.len(), 2, "{extra:?}: failures {f:?}");
        for (failure, (id, file)) in f.iter().zip([("image", "image.txt"), ("nul", "nul.txt")]) {
            assert_eq!(failure["id"], id, "{failure}");
            assert_eq!(failure["file"], file, "{failure}");
            let e = failure["error"].as_str().unwrap();
            assert!(
                e.contains(file) && e.contains("binary content"),
                "{extra:?}: {e:?}"
            );
            assert!(
                line_with(&err, &[file, "binary content"]),
                "{extra:?}: stderr {err:?}"
            );
        }
    }
}

#[test]
fn empty_and_blank_files_get_default_labels_and_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("empty.txt"), "").unwrap();
    fs::write(d.join("blank.txt"), " \n\t\r\n  \u{a0}\n\n").unwrap();
    fs::write(d.join("bomonly.txt"), b"\xEF\xBB\xBF").unwrap();
    fs::write(d.join("good.txt"), SUPPORT).unwrap();

    let (out, err) = run(&["classify", p(d)], None, 0);
    let v = json(&out);
    assert_eq!(ids(&v), ["blank", "bomonly", "empty", "good"]);
    assert_eq!(failures(&v), &Vec::<Value>::new());
    for id in ["blank", "bomonly", "empty"] {
        let doc = doc(&v, id);
        assert_eq!(doc["status"], "ok", "{id}");
        assert_eq!(labels(doc), default_labels(), "{id}");
        let file = format!("{id}.txt");
        assert!(
            line_with(&err, &[&file, "empty document"]),
            "{id}: stderr lacks an \"empty document\" warning naming {file}: {err:?}"
        );
    }
    assert!(!line_with(&err, &["good.txt", "empty document"]), "{err:?}");
    assert_eq!(
        doc(&v, "good")["questions"]["instrument"]["label"],
        "support"
    );
}

#[test]
fn crlf_line_endings_give_the_same_labels_as_lf() {
    let dir = tempfile::tempdir().unwrap();
    // The bundled corpus, manifest included, with CRLF line endings.
    let crlf = dir.path().join("crlf");
    fs::create_dir(&crlf).unwrap();
    for entry in fs::read_dir(root().join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        let is_text = path.extension().is_some_and(|x| x == "txt" || x == "csv");
        if path.is_file() && is_text && name != "gold.csv" {
            let text = fs::read_to_string(&path).unwrap();
            assert!(!text.contains('\r'), "{} has CR already", path.display());
            fs::write(crlf.join(name), text.replace('\n', "\r\n")).unwrap();
        }
    }
    // Phrases broken across lines.
    let broken = "Our delegation supports the negotiation of a legally\nbinding instrument on \
autonomous\nweapons systems.\nWe do not\nsupport a ban on autonomous weapons\nsystems, and the \
CCW is the\nappropriate forum.\n";
    let lf = dir.path().join("lf");
    fs::create_dir(&lf).unwrap();
    fs::write(lf.join("broken.txt"), broken).unwrap();
    let crlf_broken = dir.path().join("crlf_broken");
    fs::create_dir(&crlf_broken).unwrap();
    fs::write(crlf_broken.join("broken.txt"), broken.replace('\n', "\r\n")).unwrap();

    let pairs = [
        (root().join("corpus"), crlf.clone()),
        (lf.clone(), crlf_broken.clone()),
    ];
    for (a, b) in &pairs {
        let va = json(&run(&["classify", p(a)], None, 0).0);
        let vb = json(&run(&["classify", p(b)], None, 0).0);
        assert_eq!(ids(&va), ids(&vb));
        assert!(!ids(&va).is_empty());
        for id in ids(&va) {
            let (da, db) = (doc(&va, id), doc(&vb, id));
            assert_eq!(labels(da), labels(db), "{id}: CRLF changes the labels");
            assert_eq!(cues(da), cues(db), "{id}: CRLF changes the evidence");
            let file = db["file"].as_str().unwrap();
            check_offsets(db, &fs::read_to_string(b.join(file)).unwrap());
        }
    }
    let vb = json(&run(&["classify", p(&crlf_broken)], None, 0).0);
    let broken = doc(&vb, "broken");
    assert_eq!(broken["questions"]["instrument"]["label"], "support");
    assert!(
        broken["questions"]["instrument"]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["text"].as_str().unwrap().contains("legally\r\nbinding")),
        "a cue across a CRLF line break: {}",
        broken["questions"]["instrument"]
    );
}

// ---------------------------------------------------------------------------
// 2. Size: one 200 MB statement, 100,000 tiny documents
// ---------------------------------------------------------------------------

/// A paragraph about autonomous weapons that holds no cue.
const FILLER: &str =
    "Autonomous weapons systems raise profound questions for humanity and for the \
future of warfare. Our delegation has listened carefully to the views on lethal autonomous weapons \
systems expressed in Geneva this year. The characteristics of these systems, and the role of human \
judgement in the use of force, deserve further study.\n\n";

const BIG_HEAD: &str =
    "We call for the negotiation of a legally binding instrument on autonomous weapons systems.\n\n";
const BIG_TAIL: &str = "Lethal autonomous weapons systems must be prohibited.\n";

/// A statement of about 200 MB: a position, the filler paragraph repeated, a position.
fn big_statement() -> String {
    const SIZE: usize = 200_000_000;
    let n = (SIZE - BIG_HEAD.len() - BIG_TAIL.len()) / FILLER.len();
    let mut text = String::with_capacity(SIZE);
    text.push_str(BIG_HEAD);
    for _ in 0..n {
        text.push_str(FILLER);
    }
    text.push_str(BIG_TAIL);
    text
}

#[test]
fn one_200_mb_statement_is_classified() {
    let dir = tempfile::tempdir().unwrap();
    let text = big_statement();
    fs::write(dir.path().join("big.txt"), &text).unwrap();
    let (out, _) = run(&["classify", p(dir.path()), "--format", "jsonl"], None, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "one JSON line");
    let d: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(d["id"], "big");
    assert_eq!(d["status"], "ok");
    assert_eq!(d["bytes"], text.len());
    assert_eq!(d["questions"]["instrument"]["label"], "support");
    assert_eq!(d["questions"]["regulation"]["label"], "support");
    check_offsets(&d, &text);
    let last = d["questions"]["regulation"]["evidence"]
        .as_array()
        .unwrap()
        .last()
        .expect("the evidence at the end")["end"]
        .as_u64()
        .unwrap() as usize;
    assert!(
        last > text.len() - BIG_TAIL.len(),
        "the last sentence, {last} bytes in"
    );
}

#[test]
fn one_hundred_thousand_tiny_documents() {
    const N: usize = 100_000;
    let mut input = String::with_capacity(N * 80);
    for i in 0..N {
        let text = if i % 10 == 0 {
            "We support a treaty on autonomous weapons systems."
        } else {
            "Thank you, Chair."
        };
        input.push_str(&json!({"id": format!("d{i}"), "text": text}).to_string());
        input.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tiny.jsonl");
    fs::write(&file, &input).unwrap();

    // A file, JSON Lines out: one line per document, in input order.
    let (out, _) = run(&["classify", p(&file), "--format", "jsonl"], None, 0);
    let mut n = 0;
    for (i, line) in out.lines().enumerate() {
        let d: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("line {} is not JSON ({e}): {line}", i + 1));
        assert_eq!(d["id"], format!("d{i}"));
        assert_eq!(d["status"], "ok");
        n += 1;
    }
    assert_eq!(n, N, "output lines");

    // Standard input, JSON out.
    let (out, _) = run(&["classify", "-"], Some(input.into_bytes()), 0);
    let v = json(&out);
    assert_eq!(v["meta"]["documents"], N);
    assert_eq!(failures(&v), &Vec::<Value>::new());
    let docs = documents(&v);
    assert_eq!(docs.len(), N);
    assert_eq!(docs[0]["questions"]["instrument"]["label"], "support");
    assert_eq!(docs[N - 1]["id"], format!("d{}", N - 1));
}

// ---------------------------------------------------------------------------
// 3. Manifests
// ---------------------------------------------------------------------------

/// A folder with `manifest.csv` = `manifest` and the texts given as (file, text).
fn manifest_folder(manifest: &str, texts: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("manifest.csv"), manifest).unwrap();
    for (file, text) in texts {
        fs::write(dir.path().join(file), text).unwrap();
    }
    dir
}

#[test]
fn manifest_without_id_or_file_column_exits_2_naming_line_1() {
    for header in ["file,actor", "id,actor", "identifier,path"] {
        let dir = manifest_folder(&format!("{header}\nA.txt,A\n"), &[("A.txt", SUPPORT)]);
        let (out, err) = run(&["classify", p(dir.path())], None, 2);
        assert!(out.is_empty(), "{header}: stdout {out:?}");
        assert!(
            err.contains("manifest.csv:1"),
            "{header}: stderr names manifest.csv:1: {err:?}"
        );
    }
}

#[test]
fn manifest_unknown_column_is_a_warning() {
    let dir = manifest_folder(
        "id,file,actor,colour\nA,A.txt,A,blue\nB,B.txt,B,red\n",
        &[("A.txt", SUPPORT), ("B.txt", OPPOSE)],
    );
    let (out, err) = run(&["classify", p(dir.path())], None, 0);
    assert_eq!(ids(&json(&out)), ["A", "B"]);
    assert!(
        line_with(&err, &["manifest.csv", "colour"]),
        "a warning naming manifest.csv and the column: {err:?}"
    );
}

#[test]
fn manifest_duplicate_id_exits_2_naming_the_line() {
    // (manifest, line of the duplicate)
    let cases = [
        (
            "id,file\nA,A.txt\nDUPE,B.txt\nC,C.txt\nDUPE,A.txt\n".to_string(),
            5,
        ),
        // A quoted field with a line break: lines are lines of the file, not records.
        (
            "id,file,actor_name\nA,A.txt,\"Group of\nStates\"\nDUPE,B.txt,x\nDUPE,C.txt,y\n"
                .to_string(),
            5,
        ),
    ];
    for (manifest, line) in cases {
        let dir = manifest_folder(
            &manifest,
            &[("A.txt", SUPPORT), ("B.txt", OPPOSE), ("C.txt", SUPPORT)],
        );
        let (out, err) = run(&["classify", p(dir.path())], None, 2);
        assert!(out.is_empty(), "stdout {out:?}");
        assert!(
            line_with(&err, &[&format!("manifest.csv:{line}"), "DUPE"]),
            "{manifest:?}: stderr names manifest.csv:{line} and the id: {err:?}"
        );
    }
}

#[test]
fn manifest_missing_file_fails_that_document_only() {
    let dir = manifest_folder(
        "id,file\nA,A.txt\nGONE,gone.txt\nB,B.txt\n",
        &[("A.txt", SUPPORT), ("B.txt", OPPOSE)],
    );
    for (extra, code) in [(None, 2), (Some("--keep-going"), 0)] {
        let mut args = vec!["classify", p(dir.path())];
        args.extend(extra);
        let (out, err) = run(&args, None, code);
        let v = json(&out);
        assert_eq!(ids(&v), ["A", "B"], "{extra:?}");
        let f = failures(&v);
        assert_eq!(f.len(), 1, "{extra:?}: {f:?}");
        assert_eq!(f[0]["id"], "GONE");
        assert_eq!(f[0]["file"], "gone.txt");
        assert!(err.contains("gone.txt"), "{extra:?}: stderr {err:?}");
    }
}

/// A corpus folder inside a temporary folder that also holds `secret.txt`
/// (outside the corpus), with `manifest` and a symbolic link `link.txt` to the secret.
fn corpus_beside_a_secret(manifest: &str) -> (tempfile::TempDir, PathBuf) {
    let top = tempfile::tempdir().unwrap();
    fs::write(top.path().join("secret.txt"), SUPPORT).unwrap();
    let corpus = top.path().join("corpus");
    fs::create_dir_all(corpus.join("sub")).unwrap();
    fs::write(corpus.join("A.txt"), OPPOSE).unwrap();
    fs::write(corpus.join("sub").join("B.txt"), OPPOSE).unwrap();
    std::os::unix::fs::symlink(top.path().join("secret.txt"), corpus.join("link.txt")).unwrap();
    fs::write(corpus.join("manifest.csv"), manifest).unwrap();
    (top, corpus)
}

#[test]
fn manifest_files_outside_the_corpus_folder_fail_with_the_line() {
    let (top, corpus) = corpus_beside_a_secret("");
    let secret = top.path().join("secret.txt");
    let inside_abs = corpus.join("A.txt");
    let manifest = format!(
        "id,file\nA,A.txt\nB,sub/../sub/B.txt\nABS,{}\nUP,../secret.txt\nLINK,link.txt\nDEEP,sub/../../secret.txt\nIN,{}\n",
        secret.display(),
        inside_abs.display()
    );
    fs::write(corpus.join("manifest.csv"), &manifest).unwrap();
    let (out, err) = run(&["classify", p(&corpus)], None, 2);
    let v = json(&out);
    // Inside the folder, however written: read.
    assert_eq!(ids(&v), ["A", "B", "IN"]);
    let f = failures(&v);
    let failed: Vec<&str> = f.iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert_eq!(failed, ["ABS", "UP", "LINK", "DEEP"]);
    for (x, line) in f.iter().zip([4, 5, 6, 7]) {
        let msg = x["error"].as_str().unwrap();
        assert!(
            msg.contains(&format!("manifest.csv:{line}:"))
                && msg.contains("outside the corpus folder"),
            "{msg}"
        );
        assert!(msg.contains("--allow-outside-files"), "{msg}");
    }
    assert!(
        line_with(&err, &["manifest.csv:5", "UP", "outside the corpus folder"]),
        "stderr {err:?}"
    );
    // The secret's text never reaches the output.
    assert!(!out.contains("legally binding instrument"), "{out}");
    // Told to, every file is read.
    let (out, _) = run(&["classify", p(&corpus), "--allow-outside-files"], None, 0);
    let v = json(&out);
    assert_eq!(ids(&v), ["A", "B", "ABS", "UP", "LINK", "DEEP", "IN"]);
    assert_eq!(labels(doc(&v, "UP"))["instrument"], "support");
}

#[test]
fn outside_files_are_refused_by_every_command_that_opens_a_corpus() {
    let (_top, corpus) = corpus_beside_a_secret("id,file\nA,A.txt\nUP,../secret.txt\n");
    // explain: the document is not read.
    let (_, err) = run(&["explain", p(&corpus), "--id", "UP"], None, 2);
    assert!(err.contains("outside the corpus folder"), "{err}");
    let (out, _) = run(
        &["explain", p(&corpus), "--id", "UP", "--allow-outside-files"],
        None,
        0,
    );
    assert!(out.contains("support"), "{out}");
    // kwic: the secret's phrase is not found, unless allowed.
    let (out, err) = run(&["kwic", p(&corpus), "legally binding", "--tsv"], None, 2);
    assert!(!out.contains("UP\t"), "{out}");
    assert!(err.contains("outside the corpus folder"), "{err}");
    let (out, _) = run(
        &[
            "kwic",
            p(&corpus),
            "legally binding",
            "--tsv",
            "--allow-outside-files",
        ],
        None,
        0,
    );
    assert!(out.contains("UP\t"), "{out}");
    // lexicon check --corpus: skipped with a warning, unless allowed.
    let lexicon = root().join("lexicons").join("laws-en.toml");
    let (_, err) = run(
        &["lexicon", "check", p(&lexicon), "--corpus", p(&corpus)],
        None,
        0,
    );
    assert!(err.contains("outside the corpus folder"), "{err}");
    let (_, err) = run(
        &[
            "lexicon",
            "check",
            p(&lexicon),
            "--corpus",
            p(&corpus),
            "--allow-outside-files",
        ],
        None,
        0,
    );
    assert!(!err.contains("outside the corpus folder"), "{err}");
}

#[test]
fn folder_corpus_symlink_out_of_the_folder_fails_alone() {
    let (_top, corpus) = corpus_beside_a_secret("");
    fs::remove_file(corpus.join("manifest.csv")).unwrap();
    let (out, err) = run(&["classify", p(&corpus)], None, 2);
    let v = json(&out);
    assert_eq!(ids(&v), ["A"]);
    assert_eq!(failures(&v)[0]["id"], "link");
    assert!(err.contains("outside the corpus folder"), "{err}");
    let (out, _) = run(&["classify", p(&corpus), "--allow-outside-files"], None, 0);
    assert_eq!(ids(&json(&out)), ["A", "link"]);
}

#[test]
fn txt_file_not_in_manifest_is_a_warning() {
    let dir = manifest_folder(
        "id,file\nA,A.txt\n",
        &[("A.txt", SUPPORT), ("EXTRA.txt", OPPOSE)],
    );
    let (out, err) = run(&["classify", p(dir.path())], None, 0);
    assert_eq!(ids(&json(&out)), ["A"]);
    assert!(
        line_with(&err, &["EXTRA.txt", "not listed in", "manifest.csv"]),
        "stderr {err:?}"
    );
    assert!(
        !err.lines()
            .any(|l| l.contains("not listed") && mentions_token(l, "A.txt")),
        "{err:?}"
    );
}

#[test]
fn malformed_members_codes_are_warnings_naming_the_line() {
    let dir = manifest_folder(
        "id,file,actor_kind,members\nA,A.txt,state,\nG,G.txt,group,FRA;FRANCE;fr;DEU\nH,H.txt,group,ESP;ITA\n",
        &[("A.txt", SUPPORT), ("G.txt", SUPPORT), ("H.txt", OPPOSE)],
    );
    let (out, err) = run(&["classify", p(dir.path())], None, 0);
    assert_eq!(ids(&json(&out)), ["A", "G", "H"]);
    for code in ["FRANCE", "fr"] {
        assert!(
            err.lines()
                .any(|l| l.contains("manifest.csv:3") && mentions_token(l, code)),
            "a warning naming manifest.csv:3 and {code:?}: {err:?}"
        );
    }
    assert!(
        !err.contains("manifest.csv:4"),
        "line 4 has valid codes only: {err:?}"
    );
}

#[test]
fn quoted_manifest_field_keeps_its_line_break() {
    let dir = manifest_folder(
        "id,file,actor_name,actor_kind\n\"G\",G.txt,\"Group of\nStates\",group\nB,B.txt,\"Republic of \"\"B\"\"\",state\n",
        &[("G.txt", SUPPORT), ("B.txt", OPPOSE)],
    );
    let (out, _) = run(&["classify", p(dir.path())], None, 0);
    let v = json(&out);
    assert_eq!(ids(&v), ["G", "B"]);
    assert_eq!(doc(&v, "G")["actor_name"], "Group of\nStates");
    assert_eq!(doc(&v, "G")["actor_kind"], "group");
    assert_eq!(doc(&v, "B")["actor_name"], "Republic of \"B\"");
    assert_eq!(doc(&v, "G")["questions"]["instrument"]["label"], "support");
}

// ---------------------------------------------------------------------------
// 4. Lexicons
// ---------------------------------------------------------------------------

/// A valid lexicon, 13 lines, without any cue.
const LEXICON_HEAD: &str = r#"[lexicon]
name = "mini"
language = "en"

[[question]]
id = "instrument"
labels = ["support", "oppose", "undecided"]
default = "undecided"
min_score = 1.0

[topic]
terms = ["autonomous weapon*"]

"#;

#[test]
fn lexicon_errors_exit_2_naming_file_and_line() {
    assert_eq!(LEXICON_HEAD.lines().count(), 13);
    // (file name, cue block after the head, line of the error in the file)
    let cases: &[(&str, &str, usize)] = &[
        (
            "syntax.toml",
            "[[cues]]\nquestion = \"instrument\"\nlabel = support\nphrases = [\"treaty\"]\n",
            16,
        ),
        (
            "syntax2.toml",
            "[[cues]\nquestion = \"instrument\"\n",
            14,
        ),
        (
            "empty.toml",
            "[[cues]]\nquestion = \"instrument\"\nlabel = \"support\"\nphrases = [\"treaty\", \"\"]\n",
            17,
        ),
        (
            "blank.toml",
            "[[cues]]\nquestion = \"instrument\"\nlabel = \"support\"\n\nphrases = [\"   \"]\n",
            18,
        ),
        (
            "question.toml",
            "[[cues]]\nquestion = \"venue\"\nlabel = \"support\"\nphrases = [\"treaty\"]\n",
            15,
        ),
        (
            "label.toml",
            "[[cues]]\nquestion = \"instrument\"\nlabel = \"perhaps\"\nphrases = [\"treaty\"]\n",
            16,
        ),
        (
            "weight.toml",
            "[[cues]]\nquestion = \"instrument\"\nlabel = \"support\"\nweight = \"heavy\"\nphrases = [\"treaty\"]\n",
            17,
        ),
        (
            "nan.toml",
            "[[cues]]\nquestion = \"instrument\"\nlabel = \"support\"\nweight = nan\nphrases = [\"treaty\"]\n",
            17,
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let corpus = root().join("corpus");
    for (name, cues, line) in cases {
        let file = dir.path().join(name);
        fs::write(&file, format!("{LEXICON_HEAD}{cues}")).unwrap();
        let want = format!("line {line}");

        let (out, err) = run(&["classify", p(&corpus), "--lexicon", p(&file)], None, 2);
        assert!(out.is_empty(), "{name}: stdout {out:?}");
        assert!(
            err.contains(name) && err.contains(&want),
            "{name}: stderr names the file and {want:?}: {err:?}"
        );

        let (out, err) = run(&["lexicon", "check", p(&file)], None, 2);
        let all = format!("{out}{err}");
        assert!(
            all.contains(name) && all.contains(&want),
            "lexicon check {name}: output names the file and {want:?}: {all:?}"
        );
    }
}

#[test]
fn regex_like_cue_is_taken_literally() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("regex.toml");
    fs::write(
        &lexicon,
        format!(
            "{LEXICON_HEAD}[[cues]]\nquestion = \"instrument\"\nlabel = \"support\"\nweight = 2.0\n\
             phrases = [\"(a|b)\", \"(ban|prohibit)\", \"treat.\"]\n"
        ),
    )
    .unwrap();
    let input = [
        json!({"id": "literal", "text": "On autonomous weapons systems the note reads (a|b) and (ban|prohibit)."}),
        json!({"id": "alternatives", "text": "On autonomous weapons systems: we ban a and b, prohibit b, and treat a treaty."}),
    ]
    .iter()
    .map(|o| format!("{o}\n"))
    .collect::<String>();
    let (out, _) = run(
        &["classify", "--lexicon", p(&lexicon), "-"],
        Some(input.into_bytes()),
        0,
    );
    let v = json(&out);
    let literal = &doc(&v, "literal")["questions"]["instrument"];
    let texts: Vec<&str> = literal["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["(a|b)", "(ban|prohibit)"], "{literal}");
    assert_eq!(literal["label"], "support");
    let alternatives = &doc(&v, "alternatives")["questions"]["instrument"];
    assert_eq!(alternatives["evidence"], json!([]), "{alternatives}");
    assert_eq!(alternatives["label"], "undecided");
}

// ---------------------------------------------------------------------------
// 5. Gold files
// ---------------------------------------------------------------------------

/// A tiny corpus (A supports, B opposes, C says nothing) classified to `DIR/labelled.json`.
fn tiny_labelled() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = [
        json!({"id": "A", "text": SUPPORT}),
        json!({"id": "B", "text": OPPOSE}),
        json!({"id": "C", "text": "Autonomous weapons systems were discussed."}),
    ]
    .iter()
    .map(|o| format!("{o}\n"))
    .collect::<String>();
    let corpus = dir.path().join("tiny.jsonl");
    fs::write(&corpus, input).unwrap();
    let labelled = dir.path().join("labelled.json");
    run(&["classify", p(&corpus), "-o", p(&labelled)], None, 0);
    (dir, labelled)
}

#[test]
fn gold_file_errors_name_file_and_line() {
    let (dir, labelled) = tiny_labelled();
    // (file, content, line, what stderr also names)
    let cases = [
        (
            "label.csv",
            "id,instrument\nA,support\nB,opose\nC,undecided\n",
            3,
            "opose",
        ),
        (
            "dup.csv",
            "id,instrument\nA,support\nB,oppose\nA,support\n",
            4,
            "A",
        ),
    ];
    for (name, content, line, also) in cases {
        let gold = dir.path().join(name);
        fs::write(&gold, content).unwrap();
        let (out, err) = run(
            &["eval", p(&labelled), "--gold", p(&gold), "--resamples", "0"],
            None,
            2,
        );
        assert!(out.is_empty(), "{name}: stdout {out:?}");
        assert!(
            line_with(&err, &[&format!("{name}:{line}"), also]),
            "{name}: stderr names {name}:{line} and {also:?}: {err:?}"
        );
    }

    // Ids the predictions lack are reported, not an error.
    let gold = dir.path().join("extra.csv");
    fs::write(
        &gold,
        "id,instrument\nA,support\nB,oppose\nC,undecided\nZZZ,support\n",
    )
    .unwrap();
    let (out, err) = run(
        &[
            "eval",
            p(&labelled),
            "--gold",
            p(&gold),
            "--question",
            "instrument",
            "--format",
            "json",
            "--resamples",
            "0",
        ],
        None,
        0,
    );
    let v = json(&out);
    assert_eq!(v["missing_in_predictions"], json!(["ZZZ"]), "{v}");
    assert!(err.contains("ZZZ"), "stderr {err:?}");
}

/// A labelled file that names one document twice cannot be evaluated or
/// reported on: both commands stop, naming the file and the id.
#[test]
fn labelled_file_with_a_repeated_id_is_refused() {
    // classify refuses an input that names a document twice, so the
    // labelled file is edited: document A given again.
    let (dir, once) = tiny_labelled();
    let mut v = json(&fs::read_to_string(&once).unwrap());
    let docs = v["documents"].as_array_mut().unwrap();
    docs.push(docs[0].clone());
    let labelled = dir.path().join("twice.json");
    fs::write(&labelled, v.to_string()).unwrap();
    let gold = dir.path().join("gold.csv");
    fs::write(&gold, "id,instrument\nA,support\n").unwrap();
    let report = dir.path().join("report.html");
    for args in [
        vec!["eval", p(&labelled), "--gold", p(&gold), "--resamples", "0"],
        vec!["report", p(&labelled), "-o", p(&report)],
    ] {
        let (out, err) = run(&args, None, 2);
        assert!(out.is_empty(), "{args:?}: stdout {out:?}");
        assert!(
            line_with(&err, &["twice.json", "`A`", "more than once"]),
            "{args:?}: stderr {err:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// 6. JSON Lines with a malformed line
// ---------------------------------------------------------------------------

#[test]
fn malformed_jsonl_line_with_and_without_keep_going() {
    let input = format!(
        "{}\n{}\n{{\"id\": \"broken\", \"text\": \"unterminated\n{}\n",
        json!({"id": "A", "text": SUPPORT}),
        json!({"id": "B", "text": OPPOSE}),
        json!({"id": "D", "text": SUPPORT}),
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.jsonl");
    fs::write(&file, &input).unwrap();
    let name = format!("{}:3", p(&file));

    let (out, err) = run(&["classify", p(&file)], None, 2);
    assert!(out.is_empty(), "stdout {out:?}");
    assert!(err.contains(&name), "stderr names {name}: {err:?}");

    for (source, stdin, label) in [
        (p(&file).to_string(), None, name.clone()),
        (
            "-".to_string(),
            Some(input.clone().into_bytes()),
            "-:3".to_string(),
        ),
    ] {
        let (out, err) = run(&["classify", &source, "--keep-going"], stdin, 0);
        let v = json(&out);
        assert_eq!(ids(&v), ["A", "B", "D"], "{source}");
        assert_eq!(doc(&v, "D")["questions"]["instrument"]["label"], "support");
        let f = failures(&v);
        assert_eq!(f.len(), 1, "{source}: failures {f:?}");
        assert!(
            f[0]["id"].as_str().is_some_and(|id| id.contains("line 3")),
            "{source}: the failure is named by its line: {}",
            f[0]
        );
        assert!(
            err.contains(&label),
            "{source}: stderr names {label}: {err:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// 7. -o to a FIFO; SIGINT during a run
// ---------------------------------------------------------------------------

/// Waits for `child` up to `limit`; kills it (and fails) when it is still running.
#[cfg(unix)]
fn wait_or_kill(
    child: &mut std::process::Child,
    limit: Duration,
    what: &str,
) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `.stancer-*.tmp` files in `dir`.
fn temp_leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".stancer-") && n.ends_with(".tmp"))
        .collect()
}

#[cfg(unix)]
#[test]
fn output_to_a_fifo_is_written_through_and_stays_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let corpus = root().join("corpus");
    for format in ["jsonl", "json"] {
        let fifo = dir.path().join(format!("out-{format}.fifo"));
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(status.success(), "mkfifo {}", fifo.display());
        let copy = dir.path().join(format!("copy.{format}"));
        let mut cat = std::process::Command::new("cat")
            .arg(&fifo)
            .stdout(fs::File::create(&copy).unwrap())
            .spawn()
            .expect("cat runs");

        let result = stancer()
            .args(["classify", p(&corpus), "--format", format, "-o", p(&fifo)])
            .timeout(Duration::from_secs(60))
            .output();
        // However stancer ended, cat ends (killed if it still waits on the FIFO).
        let cat_status = wait_or_kill(&mut cat, Duration::from_secs(10), "cat reading the FIFO");
        let result = result.expect("stancer runs");
        assert!(
            result.status.success(),
            "{format}: stancer -o FIFO: {:?}\n{}",
            result.status,
            String::from_utf8_lossy(&result.stderr)
        );
        assert!(cat_status.success());
        assert!(result.stdout.is_empty(), "{format}: nothing on stdout");

        let md = fs::symlink_metadata(&fifo).expect("the FIFO is still there");
        assert!(md.file_type().is_fifo(), "{format}: the FIFO was replaced");
        let (expected, _) = run(&["classify", p(&corpus), "--format", format], None, 0);
        assert_eq!(
            fs::read_to_string(&copy).unwrap(),
            expected,
            "{format}: the reader got what stdout would get"
        );
        assert_eq!(temp_leftovers(dir.path()), Vec::<String>::new());
    }
}

#[cfg(unix)]
#[test]
fn sigint_keeps_the_old_output_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    fs::write(corpus.join("big.txt"), big_statement()).unwrap();
    let out_dir = dir.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("labelled.json");
    fs::write(&out, "old content\n").unwrap();

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("stancer"))
        .current_dir(root())
        .args(["classify", p(&corpus), "-o", p(&out)])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("stancer runs");
    // About 0.3 s in: by then the temporary output file exists (or, at the
    // latest, wait until it does, for up to 2 s).
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(300)
        || (temp_leftovers(&out_dir).is_empty() && start.elapsed() < Duration::from_secs(2))
    {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "stancer finished before SIGINT: the statement is too small to interrupt"
    );
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(kill.success());
    let status = wait_or_kill(&mut child, Duration::from_secs(30), "stancer after SIGINT");
    assert!(
        !status.success(),
        "an interrupted run does not exit 0: {status:?}"
    );
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        "old content\n",
        "the old output is intact"
    );
    assert_eq!(
        temp_leftovers(&out_dir),
        Vec::<String>::new(),
        "no temporary file is left beside the output"
    );
}
