//! PDF input: small PDFs written here, read with poppler's `pdftotext`.
//!
//! The tests that need `pdftotext` print `SKIPPED: pdftotext not installed`
//! and return when it is not on `PATH` (CI installs poppler-utils).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use stancer::pdf::{self, Pdftotext, NO_TEXT_LAYER};

/// Whether `pdftotext` can be run; prints why the caller skips otherwise.
fn have_pdftotext() -> bool {
    let ok = pdf::pdftotext_available();
    if !ok {
        eprintln!("SKIPPED: pdftotext not installed (apt-get install poppler-utils)");
    }
    ok
}

/// One line of text drawn on a page.
struct Line<'a> {
    x: u32,
    y: u32,
    size: u32,
    text: &'a str,
}

/// A PDF string literal: `(`, `)` and `\` escaped; characters beyond ASCII
/// written as octal escapes of their WinAnsi (Latin-1) code.
fn pdf_string(text: &str) -> String {
    let mut s = String::from("(");
    for c in text.chars() {
        match c {
            '(' | ')' | '\\' => {
                s.push('\\');
                s.push(c);
            }
            ' '..='~' => s.push(c),
            _ => {
                let code = u32::from(c);
                assert!((0xA0..=0xFF).contains(&code), "not in Latin-1: {c:?}");
                s.push_str(&format!("\\{code:03o}"));
            }
        }
    }
    s.push(')');
    s
}

/// The content stream of a page: each line in its own text object, at its
/// own place, in Helvetica.
fn text_page(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| {
            format!(
                "BT /F1 {} Tf {} {} Td {} Tj ET\n",
                l.size,
                l.x,
                l.y,
                pdf_string(l.text)
            )
        })
        .collect()
}

/// The content stream of a page of body text: paragraphs of lines in 11 pt
/// Helvetica from the top left, 14 pt apart (`'` moves to the next line), with
/// a larger gap between paragraphs.
fn body(paragraphs: &[&[&str]]) -> String {
    let mut s = String::from("BT /F1 11 Tf 14 TL 72 720 Td\n");
    for (i, para) in paragraphs.iter().enumerate() {
        if i > 0 {
            // Two empty lines: a gap that pdftotext takes for a new block.
            s.push_str("T* T*\n");
        }
        for (j, line) in para.iter().enumerate() {
            let op = if i == 0 && j == 0 { "Tj" } else { "'" };
            s.push_str(&format!("{} {op}\n", pdf_string(line)));
        }
    }
    s.push_str("ET\n");
    s
}

/// A PDF 1.4 file with one page per content stream (US Letter), one Type1
/// Helvetica font in WinAnsi encoding, and a cross-reference table with
/// the right offsets.
fn write_pdf(pages: &[String]) -> Vec<u8> {
    let n = pages.len();
    let mut objects: Vec<Vec<u8>> = Vec::new();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    for (i, content) in pages.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content.as_bytes());
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    assemble(&objects)
}

/// A PDF file of `objects` (numbered from 1, object 1 the catalogue): header,
/// the objects, the cross-reference table and the trailer.
fn assemble(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Writes `bytes` to `name` in a new temporary folder.
fn write_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// A page of the sample statement: running header `A/79/88` at the top, the
/// body, and a footer with the document number and the page number.
fn statement_page(number: usize, of: usize, paragraphs: &[&[&str]]) -> String {
    let mut s = text_page(&[Line {
        x: 72,
        y: 760,
        size: 9,
        text: "A/79/88",
    }]);
    s.push_str(&body(paragraphs));
    s.push_str(&text_page(&[
        Line {
            x: 72,
            y: 40,
            size: 9,
            text: "24-09815",
        },
        Line {
            x: 500,
            y: 40,
            size: 9,
            text: &format!("{number}/{of}"),
        },
    ]));
    s
}

/// A three-page statement on autonomous weapons with a running header, page
/// footers, and words broken across lines and across a page.
fn statement() -> Vec<u8> {
    write_pdf(&[
        statement_page(
            1,
            3,
            &[
                &[
                    "Examplia welcomes the work of the Group of Governmental",
                    "Experts on lethal autonomous weapons systems and calls for",
                    "the negotiation of a legally binding instrument that ensures respon-",
                    "sible use and meaningful human control.",
                ],
                &[
                    "Semi-",
                    "autonomous systems also need rules, as do anti-",
                    "personnel uses. Human-machine interaction and the human-",
                    "machine interface must be designed with care.",
                ],
            ],
        ),
        statement_page(
            2,
            3,
            &[&[
                "Examplia supports the Franco-",
                "German proposal of a two-tier approach and asks all States to act",
                "without delay in a respon-",
            ]],
        ),
        statement_page(
            3,
            3,
            &[&[
                "sible manner. C\u{f4}te d'Ivoire and Examplia will table a draft",
                "resolution in 2026.",
            ]],
        ),
    ])
}

#[test]
fn statement_text_is_clean() {
    if !have_pdftotext() {
        return;
    }
    let (_dir, path) = write_file("examplia.pdf", &statement());
    let extracted = pdf::extract(&path).unwrap();
    println!("{}", extracted.text);
    let expected = "\
Examplia welcomes the work of the Group of Governmental
Experts on lethal autonomous weapons systems and calls for
the negotiation of a legally binding instrument that ensures responsible use and meaningful human control.

Semi-autonomous systems also need rules, as do anti-personnel uses. Human-machine interaction and the human-machine interface must be designed with care.

Examplia supports the Franco-German proposal of a two-tier approach and asks all States to act
without delay in a responsible manner. C\u{f4}te d'Ivoire and Examplia will table a draft
resolution in 2026.
";
    assert_eq!(extracted.text, expected);
    assert_eq!(extracted.pages, 3);
    assert!(extracted.warnings.is_empty(), "{:?}", extracted.warnings);
    assert_eq!(pdf::extract_text(&path).unwrap(), expected);
}

/// A page with only a filled rectangle: no text.
fn drawing() -> String {
    "0.2 0.4 0.8 rg 100 300 400 200 re f\n".to_string()
}

#[test]
fn pdf_without_text_layer_is_a_clear_error() {
    if !have_pdftotext() {
        return;
    }
    let (_dir, path) = write_file("scan.pdf", &write_pdf(&[drawing(), drawing()]));
    let err = pdf::extract_text(&path).unwrap_err().to_string();
    assert!(err.contains(NO_TEXT_LAYER), "{err}");
    assert!(err.contains("scan.pdf"), "{err}");
    assert!(err.contains("none of its 2 pages"), "{err}");
}

#[test]
fn pdf_with_only_page_numbers_has_no_text_layer() {
    if !have_pdftotext() {
        return;
    }
    let page = |n: &str| {
        let mut s = drawing();
        s.push_str(&text_page(&[Line {
            x: 300,
            y: 40,
            size: 9,
            text: n,
        }]));
        s
    };
    let (_dir, path) = write_file("numbered-scan.pdf", &write_pdf(&[page("1"), page("2")]));
    let err = pdf::extract_text(&path).unwrap_err().to_string();
    assert!(err.contains(NO_TEXT_LAYER), "{err}");
}

#[test]
fn pages_without_text_are_a_warning() {
    if !have_pdftotext() {
        return;
    }
    let text = body(&[&["We call for a legally binding instrument on autonomous weapons."]]);
    let (_dir, path) = write_file("mixed.pdf", &write_pdf(&[text, drawing()]));
    let extracted = pdf::extract(&path).unwrap();
    assert_eq!(
        extracted.text,
        "We call for a legally binding instrument on autonomous weapons.\n"
    );
    assert_eq!(extracted.pages, 2);
    assert_eq!(extracted.warnings.len(), 1, "{:?}", extracted.warnings);
    assert!(
        extracted.warnings[0].contains("1 of 2 pages hold no text"),
        "{:?}",
        extracted.warnings
    );
}

#[test]
fn single_page_keeps_its_first_line() {
    if !have_pdftotext() {
        return;
    }
    let page = statement_page(1, 1, &[&["Japan", "Japan supports the work of the Group."]]);
    let (_dir, path) = write_file("one.pdf", &write_pdf(&[page]));
    let text = pdf::extract_text(&path).unwrap();
    // One page: nothing repeats, so the header stays; the page number goes.
    assert!(text.starts_with("A/79/88\n"), "{text:?}");
    assert!(
        text.contains("Japan\nJapan supports the work of the Group.\n"),
        "{text:?}"
    );
    assert!(!text.contains("1/1"), "{text:?}");
}

#[test]
fn garbage_with_pdf_extension_is_a_clear_error() {
    // Deterministic bytes that are not a PDF (no poppler needed: the header
    // check comes first).
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let garbage: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u8
        })
        .collect();
    let (_dir, path) = write_file("garbage.pdf", &garbage);
    let err = pdf::extract_text(&path).unwrap_err().to_string();
    assert!(err.contains("garbage.pdf"), "{err}");
    assert!(err.contains("not a PDF file"), "{err}");

    let (_dir, path) = write_file("empty.pdf", b"");
    let err = pdf::extract_text(&path).unwrap_err().to_string();
    assert!(err.contains("not a PDF file (empty file)"), "{err}");
}

#[test]
fn broken_pdf_is_a_clear_error() {
    if !have_pdftotext() {
        return;
    }
    // A PDF header, then nothing poppler can parse.
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let (_dir, path) = write_file("broken.pdf", &bytes);
    let err = pdf::extract_text(&path).unwrap_err().to_string();
    assert!(err.contains("broken.pdf"), "{err}");
    assert!(err.contains("could not open or parse this PDF"), "{err}");
    assert!(err.len() < 1000, "the message is short: {err}");

    // A PDF cut in the middle: poppler may recover some of it or none; either
    // way there is an answer, not a crash.
    let whole = statement();
    let (_dir, path) = write_file("truncated.pdf", &whole[..whole.len() / 2]);
    match pdf::extract(&path) {
        Ok(e) => assert!(e.text.contains("Examplia"), "{:?}", e.text),
        Err(e) => assert!(e.to_string().contains("truncated.pdf"), "{e}"),
    }
}

#[test]
fn missing_file_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = pdf::extract_text(&dir.path().join("absent.pdf")).unwrap_err();
    assert!(matches!(err, stancer::Error::Io { .. }), "{err}");
}

#[test]
fn missing_pdftotext_says_to_install_poppler() {
    let (_dir, path) = write_file("examplia.pdf", &statement());
    let tool = Pdftotext {
        program: PathBuf::from("/nonexistent/stancer-test/pdftotext"),
        ..Pdftotext::default()
    };
    assert!(!tool.is_available());
    let err = tool.extract(&path).unwrap_err().to_string();
    assert!(err.contains("examplia.pdf"), "{err}");
    assert!(err.contains("was not found"), "{err}");
    assert!(err.contains("poppler-utils"), "{err}");
}

/// A stand-in for `pdftotext`: a shell script in its own folder.
#[cfg(unix)]
fn fake_tool(script: &str) -> (tempfile::TempDir, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pdftotext");
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    (dir, path)
}

/// Runs `tool` on `path`, again while the script is "busy" (another test
/// thread forked while it was being written: ETXTBSY).
#[cfg(unix)]
fn extract_with(tool: &Pdftotext, path: &Path) -> stancer::Result<pdf::Extracted> {
    for _ in 0..50 {
        match tool.extract(path) {
            Err(e) if e.to_string().contains("busy") => {
                std::thread::sleep(Duration::from_millis(20))
            }
            r => return r,
        }
    }
    tool.extract(path)
}

#[cfg(unix)]
#[test]
fn hanging_pdftotext_is_killed_at_the_timeout() {
    let (_dir, path) = write_file("examplia.pdf", &statement());
    let (_tool_dir, program) = fake_tool("exec sleep 30");
    let tool = Pdftotext {
        program,
        timeout: Duration::from_millis(300),
        ..Pdftotext::default()
    };
    let start = Instant::now();
    let err = extract_with(&tool, &path).unwrap_err().to_string();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert!(err.contains("did not finish within 0.3 s"), "{err}");
    assert!(err.contains("examplia.pdf"), "{err}");
}

#[cfg(unix)]
#[test]
fn crashing_pdftotext_is_an_error() {
    let (_dir, path) = write_file("examplia.pdf", &statement());
    let (_tool_dir, program) = fake_tool("kill -SEGV $$");
    let tool = Pdftotext {
        program,
        ..Pdftotext::default()
    };
    let err = extract_with(&tool, &path).unwrap_err().to_string();
    assert!(err.contains("crashed on this PDF"), "{err}");
}

#[cfg(unix)]
#[test]
fn failing_pdftotext_reports_its_last_messages() {
    let (_dir, path) = write_file("examplia.pdf", &statement());
    let (_tool_dir, program) = fake_tool(
        "for i in 1 2 3 4 5 6 7 8 9; do echo \"Syntax Error ($i): Illegal character\" >&2; done\n\
         echo \"Syntax Error: Couldn't read xref table\" >&2\nexit 1",
    );
    let tool = Pdftotext {
        program,
        ..Pdftotext::default()
    };
    let err = extract_with(&tool, &path).unwrap_err().to_string();
    assert!(err.contains("could not open or parse this PDF"), "{err}");
    assert!(err.ends_with("Couldn't read xref table"), "{err}");
    assert!(!err.contains("(1)"), "only the last messages: {err}");
}

#[cfg(unix)]
#[test]
fn flooding_pdftotext_is_stopped() {
    let (_dir, path) = write_file("examplia.pdf", &statement());
    let (_tool_dir, program) = fake_tool("exec yes 'a line of text'");
    let tool = Pdftotext {
        program,
        max_output: 1 << 20,
        ..Pdftotext::default()
    };
    let start = Instant::now();
    let err = extract_with(&tool, &path).unwrap_err().to_string();
    assert!(err.contains("wrote more than 1 MiB of text"), "{err}");
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn dash_leading_file_name_is_not_an_option() {
    if !have_pdftotext() {
        return;
    }
    // An absolute path never starts with `-`; a relative one is made `./-…`.
    let (_dir, path) = write_file("-statement.pdf", &statement());
    let text = pdf::extract_text(&path).unwrap();
    assert!(text.starts_with("Examplia welcomes"), "{text:?}");
}

#[test]
fn hyphen_is_restored_when_it_is_the_only_one() {
    if !have_pdftotext() {
        return;
    }
    // pdftotext's first pass drops the only hyphen of the text, so nothing in
    // its output shows that there was one: the second pass must run anyway.
    let page = body(&[&["Semi-", "autonomous weapons need rules."]]);
    let (_dir, path) = write_file("semi.pdf", &write_pdf(&[page]));
    assert_eq!(
        pdf::extract_text(&path).unwrap(),
        "Semi-autonomous weapons need rules.\n"
    );
}

/// A corpus folder may hold PDFs beside text files: they are classified like
/// the text files, and a PDF without text fails alone.
#[test]
fn classify_reads_pdfs_in_a_corpus_folder() {
    if !have_pdftotext() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("examplia.pdf"), statement()).unwrap();
    std::fs::write(dir.path().join("scan.pdf"), write_pdf(&[drawing()])).unwrap();
    std::fs::write(
        dir.path().join("plain.txt"),
        "There is no need for a new treaty on autonomous weapons systems.",
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("stancer")
        .unwrap()
        .args(["classify", dir.path().to_str().unwrap(), "--keep-going"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["examplia", "plain"]);
    assert_eq!(docs[0]["questions"]["instrument"]["label"], "support");
    assert_eq!(docs[0]["questions"]["regulation"]["label"], "support");
    assert_eq!(docs[1]["questions"]["instrument"]["label"], "oppose");
    let failures = v["meta"]["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0]["id"], "scan");
    assert!(failures[0]["error"]
        .as_str()
        .unwrap()
        .contains("no text layer"));
}

// ---------------------------------------------------------------------------
// An Arabic PDF
// ---------------------------------------------------------------------------

/// A PDF 1.4 file whose text is drawn with a Type 0 font (Identity-H
/// encoding, one glyph id per character) and a ToUnicode map, as PDFs of
/// Arabic documents are: each line in its own text object. Lines with Arabic
/// letters are drawn in visual order (right to left: the first letter of the
/// line is the rightmost glyph), which is what `pdftotext` puts back in
/// reading order. The font is not embedded: text extraction needs only the
/// ToUnicode map.
fn write_unicode_pdf(pages: &[Vec<Line>]) -> Vec<u8> {
    let mut chars: Vec<char> = pages
        .iter()
        .flatten()
        .flat_map(|l| l.text.chars())
        .collect();
    chars.sort_unstable();
    chars.dedup();
    let gid = |c: char| chars.binary_search(&c).unwrap() + 1;
    let rtl = |t: &str| {
        t.chars().any(|c| {
            ('\u{0600}'..='\u{06ff}').contains(&c) || ('\u{fb50}'..='\u{feff}').contains(&c)
        })
    };
    let content = |lines: &[Line]| -> String {
        lines
            .iter()
            .map(|l| {
                let glyphs: Vec<char> = if rtl(l.text) {
                    l.text.chars().rev().collect()
                } else {
                    l.text.chars().collect()
                };
                let hex: String = glyphs.iter().map(|&c| format!("{:04X}", gid(c))).collect();
                format!("BT /F1 {} Tf {} {} Td <{hex}> Tj ET\n", l.size, l.x, l.y)
            })
            .collect()
    };
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
         1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    for chunk in chars.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for &c in chunk {
            let mut units = [0u16; 2];
            let utf16: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            cmap.push_str(&format!("<{:04X}> <{utf16}>\n", gid(c)));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap CMapName currentdict /CMap defineresource pop end end");
    let stream = |body: &str| {
        let mut s = format!("<< /Length {} >>\nstream\n", body.len()).into_bytes();
        s.extend_from_slice(body.as_bytes());
        s.extend_from_slice(b"\nendstream");
        s
    };
    // 1 catalog, 2 pages, 3 font, 4 CID font, 5 ToUnicode, 6 descriptor,
    // then a page and its content per page.
    let n = pages.len();
    let mut objects: Vec<Vec<u8>> =
        vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            (0..n).map(|i| format!("{} 0 R", 7 + 2 * i)).collect::<Vec<_>>().join(" ")
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /StatementFont /Encoding /Identity-H \
           /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /StatementFont \
           /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
           /FontDescriptor 6 0 R /DW 500 >>"
            .to_vec(),
        stream(&cmap),
        b"<< /Type /FontDescriptor /FontName /StatementFont /Flags 4 /FontBBox [0 -200 1000 900] \
           /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>"
            .to_vec(),
    ];
    for (i, lines) in pages.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                8 + 2 * i
            )
            .into_bytes(),
        );
        objects.push(stream(&content(lines)));
    }
    assemble(&objects)
}

/// A two-page Arabic statement: running header and page numbers, a first
/// paragraph whose first line comes in presentation forms (as PDFs with
/// shaped Arabic fonts give it), harakat and tatweel in the second.
fn arabic_statement() -> Vec<u8> {
    let page = |number: &'static str, body: &[&'static str]| -> Vec<Line<'static>> {
        let mut lines = vec![Line {
            x: 72,
            y: 760,
            size: 9,
            text: "A/79/88",
        }];
        lines.extend(body.iter().enumerate().map(|(i, &text)| Line {
            x: 72,
            y: 700 - 16 * i as u32,
            size: 12,
            text,
        }));
        lines.push(Line {
            x: 500,
            y: 40,
            size: 9,
            text: number,
        });
        lines
    };
    write_unicode_pdf(&[
        page(
            "1/2",
            &[
                "بيان وفد جمهورية فيلمورا",
                "",
                "\u{fee7}\u{fe86}\u{fef3}\u{feaa} \u{fe8d}\u{fedf}\u{fe98}\u{fed4}\u{fe8e}\u{0648}\u{febf} \u{fecb}\u{fee0}\u{fef0} \u{febb}\u{fedc} \u{fee3}\u{fee0}\u{feb0}\u{0645} \u{fed7}\u{fe8e}\u{fee7}\u{feee}\u{fee7}\u{fe8e}",
                "بشأن منظومات الأسلحة الفتاكة الذاتية التشغيل،",
                "يحظر الأسلحة التي تستهدف البشر.",
            ],
        ),
        page(
            "2/2",
            &[
                "وَنَدْعُو إلى بَدْءِ المُفَاوَضَـــات دون تأخير،",
                "ونرى أن الجمعية العامة محفل مناسب لها.",
            ],
        ),
    ])
}

#[test]
fn arabic_pdf_text_comes_in_reading_order() {
    if !have_pdftotext() {
        return;
    }
    let (_dir, path) = write_file("arabic.pdf", &arabic_statement());
    let extracted = pdf::extract(&path).unwrap();
    assert_eq!(extracted.pages, 2);
    let folded = stancer::normalize::fold(&extracted.text).text;
    for phrase in [
        "بيان وفد جمهوريه فيلمورا",
        "نويد التفاوض علي صك ملزم قانونا بشان منظومات الاسلحه الفتاكه الذاتيه التشغيل",
        "وندعو الي بدء المفاوضات دون تاخير",
    ] {
        assert!(folded.contains(phrase), "{phrase:?} not in {folded:?}");
    }
    // The running header and the page numbers are gone.
    assert!(!extracted.text.contains("A/79/88"), "{}", extracted.text);
    assert!(!extracted.text.contains("1/2"), "{}", extracted.text);
}

#[test]
fn classify_reads_an_arabic_pdf() {
    if !have_pdftotext() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("arabic.pdf");
    std::fs::write(&path, arabic_statement()).unwrap();
    let out = assert_cmd::Command::cargo_bin("stancer")
        .unwrap()
        .args(["classify", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc = &v["documents"][0];
    // No manifest: the language is detected from the text.
    assert_eq!(doc["language"], "ar");
    assert_eq!(doc["lexicon"], "laws-ar");
    assert_eq!(doc["questions"]["instrument"]["label"], "support");
    assert_eq!(doc["questions"]["regulation"]["label"], "support");
    assert_eq!(doc["questions"]["forum"]["label"], "open");
    // Evidence offsets point into the extracted text.
    let text = pdf::extract_text(&path).unwrap();
    let mut n = 0;
    for q in ["instrument", "regulation", "forum"] {
        for e in doc["questions"][q]["evidence"].as_array().unwrap() {
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(text.get(s..t), e["text"].as_str(), "{q} {}", e["cue"]);
            n += 1;
        }
    }
    assert!(n >= 3, "only {n} evidence items");
}
