//! `stancer report`: one self-contained HTML file, checked as text and in a
//! real browser.
//!
//! * As text: self-contained (no URL to another host, no external style,
//!   script or font), a Content Security Policy that allows no request, every
//!   document and State present, the map's colours as `tally --by state` says
//!   (read from the shapes' attributes), votes beside the States, size.
//! * In headless Chromium (Debian package `chromium`): the page's own
//!   self-test (`report.html#selftest`, read back with `--dump-dom`) on the
//!   bundled corpus and on the development set `../shared/corpora/unsg-2024`:
//!   no console error and nothing blocked, one shape per State whose computed
//!   colour is its label's colour in the legend (for every question),
//!   filtering the table changes the rows, sorting reorders them; a
//!   screenshot is taken and is not blank; the development set's report loads
//!   in under 2 seconds. Statements with `<script>`, `<img onerror=...>`,
//!   `</style>` and `javascript:` URLs show as text and run nothing.
//!
//! Without Chromium the browser tests print `SKIPPED` and return; under CI
//! (`CI` set) they fail instead, so that CI always runs them.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::util::{p, root, run_stancer, shared_corpus};

/// Writes `stancer classify CORPUS` to `dir/labelled.json`.
fn classify(corpus: &Path, dir: &Path) -> PathBuf {
    let out = dir.join("labelled.json");
    run_stancer(&["classify", p(corpus), "-o", p(&out), "--quiet"], 0);
    out
}

/// Writes `stancer report LABELLED EXTRA... -o dir/NAME` and returns its path and text.
fn report(labelled: &Path, extra: &[&str], dir: &Path, name: &str) -> (PathBuf, String) {
    let out = dir.join(name);
    let mut args = vec!["report", p(labelled), "-o", p(&out)];
    args.extend_from_slice(extra);
    run_stancer(&args, 0);
    let html = fs::read_to_string(&out).expect("the report is UTF-8");
    (out, html)
}

/// Per question, in the file's order: label → States.
type StateTally = Vec<(String, BTreeMap<String, Vec<String>>)>;

/// `stancer tally --by state --format json`: per question, label → States.
fn state_tally(labelled: &Path) -> StateTally {
    let (out, _) = run_stancer(
        &["tally", p(labelled), "--by", "state", "--format", "json"],
        0,
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let members = t["members"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(label, ids)| {
                    let ids = ids
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|i| i.as_str().unwrap().to_string())
                        .collect();
                    (label.clone(), ids)
                })
                .collect();
            (t["question"].as_str().unwrap().to_string(), members)
        })
        .collect()
}

/// The value of attribute `name` in the tag text `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// Every opening tag of the page that has a `data-iso` attribute.
fn state_tags(html: &str) -> Vec<&str> {
    html.match_indices("data-iso=\"")
        .map(|(i, _)| {
            let start = html[..i].rfind('<').unwrap();
            let end = i + html[i..].find('>').unwrap();
            &html[start..=end]
        })
        .collect()
}

/// The labels of question `qi` in the order of the page's legend.
fn legend_labels(html: &str, qi: usize) -> Vec<String> {
    let key = format!("<ul class=\"legend perq\" data-qi=\"{qi}\"");
    let start = html.find(&key).expect("a legend per question");
    let end = start + html[start..].find("</ul>").unwrap();
    let legend = &html[start..end];
    legend
        .match_indices("data-label=\"")
        .map(|(i, k)| {
            let s = i + k.len();
            legend[s..s + legend[s..].find('"').unwrap()].to_string()
        })
        .collect()
}

/// The report is one file that needs nothing from anywhere.
fn assert_self_contained(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-"
    ));
    let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    for needle in ["@import", "url(", "@font-face"] {
        assert!(
            !style.contains(needle),
            "the style sheet contains {needle:?}"
        );
    }
    for needle in [
        "<link rel=\"stylesheet\"",
        "<iframe",
        "<img",
        "<object",
        "<embed",
    ] {
        assert!(!html.contains(needle), "the report contains {needle:?}");
    }
    // Every src and href points into the page.
    for key in [" src=\"", " href=\""] {
        for (i, k) in html.match_indices(key) {
            let v = &html[i + k.len()..];
            assert!(
                v.starts_with('#') || v.starts_with("data:,\""),
                "{key} to {:?}",
                &v[..v.len().min(40)]
            );
        }
    }
    assert_eq!(
        html.matches("<script").count(),
        2,
        "the data and the script"
    );
    assert_eq!(html.matches("<style").count(), 1);
}

#[test]
fn report_of_the_bundled_corpus_is_one_self_contained_file() {
    let dir = tempfile::tempdir().unwrap();
    let labelled = classify(&root().join("corpus"), dir.path());
    let gold = root().join("corpus").join("gold.csv");
    let (_, html) = report(&labelled, &["--gold", p(&gold)], dir.path(), "r.html");
    assert_self_contained(&html);
    // Every document, with its evidence or in the block of those without.
    let docs = stancer::export::read_labelled(&labelled).unwrap().documents;
    for (i, d) in docs.iter().enumerate() {
        assert!(html.contains(&format!(" id=\"d{i}\"")), "{}", d.meta.id);
        assert!(html.contains(&format!("<a href=\"#d{i}\">{}</a>", d.meta.id)));
    }
    // A switch per question; headlines with their denominators.
    assert_eq!(html.matches("role=\"tab\" data-qi=").count(), 3);
    for q in ["instrument", "regulation", "forum"] {
        assert!(html.contains(&format!(">{q}</button>")), "{q}");
    }
    assert!(
        html.contains(
            "<b>7 of 20</b> submissions (35.0%) support a new legally binding instrument"
        ),
        "headline"
    );
    // The evaluation.
    assert!(html.contains("id=\"evaluation\""));
    assert!(html.contains("accuracy <b>1.000</b>"));
    // Evidence as explain shows it: ODM's negated cue and the decision.
    assert!(html.contains("legally binding</mark>"), "a marked cue");
    assert!(html.contains("decision: oppose"), "a decision");
}

#[test]
fn map_shapes_are_coloured_as_tally_by_state_says() {
    let dir = tempfile::tempdir().unwrap();
    let mut corpora = vec![root().join("corpus")];
    corpora.extend(shared_corpus("unsg-2024"));
    for corpus in corpora {
        let sub = dir.path().join(corpus.file_name().unwrap());
        fs::create_dir_all(&sub).unwrap();
        let labelled = classify(&corpus, &sub);
        let (_, html) = report(&labelled, &[], &sub, "r.html");
        let tally = state_tally(&labelled);
        let tags = state_tags(&html);
        for (qi, (q, members)) in tally.iter().enumerate() {
            // The page's questions are in the file's order; tally's JSON too.
            let legend = legend_labels(&html, qi);
            let mut seen = 0;
            for (label, states) in members {
                for s in states {
                    let shapes: Vec<&&str> = tags
                        .iter()
                        .filter(|t| attr(t, "data-iso") == Some(s))
                        .collect();
                    assert_eq!(shapes.len(), 1, "{q}: {s} has one shape");
                    let li: usize = attr(shapes[0], &format!("data-q{qi}"))
                        .unwrap_or_else(|| panic!("{q}: {s} has a label"))
                        .parse()
                        .unwrap();
                    // The label index is the legend's label.
                    let rule = format!("body[data-q=\"{qi}\"] .st[data-q{qi}=\"{li}\"]{{fill:");
                    assert!(html.contains(&rule), "{rule}");
                    assert!(legend.contains(label), "{q}: {label} in the legend");
                    let shown = state_label(&html, qi, li);
                    assert_eq!(&shown, label, "{q}: {s}");
                    seen += 1;
                }
            }
            // Shapes of States without a label for this question have none.
            let labelled_shapes = tags
                .iter()
                .filter(|t| attr(t, &format!("data-q{qi}")).is_some())
                .count();
            assert_eq!(labelled_shapes, seen, "{q}: no other shape has a label");
        }
    }
}

/// The label of index `li` of question `qi`, from the data the script reads.
fn state_label(html: &str, qi: usize, li: usize) -> String {
    let start = html
        .find("<script type=\"application/json\" id=\"stancer-data\">")
        .unwrap();
    let start = start + html[start..].find('>').unwrap() + 1;
    let end = start + html[start..].find("</script>").unwrap();
    let data: Value = serde_json::from_str(&html[start..end]).unwrap();
    data["questions"][qi]["labels"][li]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn report_of_the_development_set_has_votes_and_is_small() {
    let Some(corpus) = shared_corpus("unsg-2024") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let labelled = classify(&corpus, dir.path());
    let votes = root()
        .join("..")
        .join("shared")
        .join("data")
        .join("un-votes-laws")
        .join("votes.csv");
    let gold = corpus.join("gold.csv");
    let (path, html) = report(
        &labelled,
        &["--gold", p(&gold), "--votes", p(&votes)],
        dir.path(),
        "r.html",
    );
    assert_self_contained(&html);
    let size = fs::metadata(&path).unwrap().len();
    eprintln!("report of unsg-2024: {size} bytes");
    assert!(size <= 2_000_000, "{size} bytes");
    // 65 States, each in the table of States with its votes.
    assert_eq!(html.matches("<tr id=\"s-").count(), 65);
    let rus = &html[html.find("<tr id=\"s-RUS\">").unwrap()..];
    let rus = &rus[..rus.find("</tr>").unwrap()];
    assert!(rus.contains("<td title=\"no\">N</td>"), "{rus}");
    assert!(html.contains("A/C.1/79/L.77 (First Committee, 2024-11-05)"));
    // The headline of the README.
    assert!(html.contains("support some form of prohibition or regulation"));
    assert!(html.contains("<b>62 of 65</b> States (95.4%) support some form of prohibition or regulation: 61 UN Member States and 1 observer State."));
}

#[test]
fn report_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let labelled = classify(&root().join("corpus"), dir.path());
    let (_, err) = run_stancer(&["report", p(&labelled), "--question", "nope"], 2);
    assert!(err.contains("no question `nope`"), "{err}");
    let votes = dir.path().join("votes.csv");
    fs::write(
        &votes,
        "vote_id,date,body,symbol,iso3,vote\nV,2024,B,S,AUT,maybe\n",
    )
    .unwrap();
    let (_, err) = run_stancer(&["report", p(&labelled), "--votes", p(&votes)], 2);
    assert!(err.contains("votes.csv:2:"), "{err}");
    let (_, err) = run_stancer(&["report", p(&dir.path().join("absent.json"))], 2);
    assert!(err.contains("absent.json"), "{err}");
    // Only one question.
    let (_, html) = report(&labelled, &["--question", "forum"], dir.path(), "f.html");
    assert!(html.contains(">forum</button>"));
    assert!(!html.contains(">instrument</button>"));
}

// ---------------------------------------------------------------------------
// In a real browser
// ---------------------------------------------------------------------------

/// The Chromium binary, or `None` (after printing SKIPPED) when there is
/// none; under CI a missing browser is a failure.
fn chromium() -> Option<PathBuf> {
    let from_env = std::env::var_os("STANCER_CHROMIUM").map(PathBuf::from);
    let found = from_env.or_else(|| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path).find_map(|dir| {
            [
                "chromium",
                "chromium-browser",
                "google-chrome",
                "google-chrome-stable",
            ]
            .iter()
            .map(|n| dir.join(n))
            .find(|c| c.is_file())
        })
    });
    if found.is_none() {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
        assert!(
            !ci,
            "CI must run the browser tests: install Chromium (apt-get install -y chromium)"
        );
        eprintln!("SKIPPED: no Chromium (Debian package chromium) to run the browser tests");
    }
    found
}

/// Runs headless Chromium with `args` on `url`; returns stdout, after at most 90 s.
fn run_chromium(browser: &Path, args: &[&str], url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--mute-audio",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 90 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = out.join().unwrap();
    let err = err.join().unwrap();
    assert!(
        status.success(),
        "chromium failed on {url}: {status}\n{err}"
    );
    // Console messages are logged on stderr (`--enable-logging=stderr`), all
    // at one level: the report writes nothing to the console, so any is an error.
    let console: Vec<&str> = err.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(
        console.is_empty(),
        "console messages on {url}: {console:#?}"
    );
    out
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

/// The page's self-test result (`report.html#selftest`).
fn selftest(browser: &Path, report: &Path) -> (Value, String) {
    let url = format!("{}#selftest", file_url(report));
    let dom = run_chromium(browser, &["--enable-logging=stderr", "--dump-dom"], &url);
    let key = "<pre id=\"selftest-result\">";
    let start = dom.find(key).unwrap_or_else(|| {
        panic!(
            "no self-test result in the page:\n{}",
            &dom[..dom.len().min(2000)]
        )
    }) + key.len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let text = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (v, dom)
}

/// Takes a screenshot of `report` and checks that it is not blank.
fn screenshot(browser: &Path, report: &Path, png: &Path) {
    run_chromium(
        browser,
        &[
            "--window-size=1280,1800",
            &format!("--screenshot={}", png.display()),
        ],
        &file_url(report),
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let background = pixels[0];
    let differ = pixels
        .iter()
        .filter(|px| px[..3] != background[..3])
        .count();
    let colours: std::collections::HashSet<&[u8]> = pixels.iter().map(|px| &px[..3]).collect();
    eprintln!(
        "screenshot {}: {}x{}, {:.1}% not background, {} colours",
        png.display(),
        info.width,
        info.height,
        differ as f64 * 100.0 / pixels.len() as f64,
        colours.len()
    );
    assert!((info.width, info.height) == (1280, 1800));
    assert!(
        differ * 10 > pixels.len(),
        "the screenshot is (nearly) blank"
    );
    assert!(
        colours.len() > 50,
        "the screenshot has {} colours",
        colours.len()
    );
}

/// Checks a self-test result against `tally --by state`.
fn check_selftest(v: &Value, tally: &StateTally) {
    assert_eq!(v["errors"], json!([]), "errors in the page");
    let sec = &v["security"];
    assert_eq!(sec["scripts"], 2, "{sec}");
    assert_eq!(sec["styles"], 1, "{sec}");
    assert_eq!(sec["embedded"], 0, "{sec}");
    assert_eq!(sec["on_attributes"], 0, "{sec}");
    assert_eq!(sec["javascript_urls"], 0, "{sec}");
    assert_eq!(sec["pwned"], "undefined", "{sec}");
    let questions = v["questions"].as_array().unwrap();
    assert_eq!(questions.len(), tally.len());
    for q in questions {
        let id = q["id"].as_str().unwrap();
        let members = &tally
            .iter()
            .find(|(q, _)| q == id)
            .expect("the question is tallied")
            .1;
        let legend = q["legend"].as_object().unwrap();
        let none = q["none"].as_str().unwrap();
        let shapes = q["shapes"].as_object().unwrap();
        // Colours tell labels apart.
        let mut colours: Vec<&str> = legend.values().map(|c| c.as_str().unwrap()).collect();
        colours.push(none);
        let n = colours.len();
        colours.sort_unstable();
        colours.dedup();
        assert_eq!(colours.len(), n, "{id}: distinct colours {legend:?} {none}");
        let mut counted = 0;
        for (label, states) in members {
            for s in states {
                let fills = shapes
                    .get(s)
                    .unwrap_or_else(|| panic!("{id}: no shape for {s}"));
                assert_eq!(fills.as_array().unwrap().len(), 1, "{id}: {s}: one shape");
                assert_eq!(
                    fills[0], legend[label],
                    "{id}: {s} is {label}, coloured {}",
                    fills[0]
                );
                counted += 1;
            }
        }
        let counted_shapes = shapes
            .iter()
            .filter(|(_, f)| f[0].as_str() != Some(none))
            .count();
        assert_eq!(
            counted_shapes, counted,
            "{id}: every other shape has no label"
        );
    }
    let f = &v["filter"];
    let total = f["total"].as_u64().unwrap();
    assert_eq!(f["shown"], total, "every row shown at first");
    let by_label = f["by_label"]["shown"]
        .as_u64()
        .expect("a label filter changes the rows");
    assert!(by_label > 0 && by_label < total, "{f}");
    assert_eq!(v["sort_changes_order"], true);
}

#[test]
fn browser_bundled_corpus_report() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let labelled = classify(&root().join("corpus"), dir.path());
    let gold = root().join("corpus").join("gold.csv");
    let (path, _) = report(&labelled, &["--gold", p(&gold)], dir.path(), "report.html");
    let (v, _) = selftest(&browser, &path);
    check_selftest(&v, &state_tally(&labelled));
    // Kinds differ in the bundled corpus: the kind filter changes the rows too.
    assert!(
        v["filter"]["by_kind"]["shown"].as_u64().is_some(),
        "{}",
        v["filter"]
    );
    screenshot(&browser, &path, &dir.path().join("report.png"));
}

#[test]
fn browser_development_set_report() {
    let Some(browser) = chromium() else {
        return;
    };
    let Some(corpus) = shared_corpus("unsg-2024") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let labelled = classify(&corpus, dir.path());
    let votes = root().join("../shared/data/un-votes-laws/votes.csv");
    let gold = corpus.join("gold.csv");
    let (path, _) = report(
        &labelled,
        &["--gold", p(&gold), "--votes", p(&votes)],
        dir.path(),
        "report.html",
    );
    let started = Instant::now();
    let (v, _) = selftest(&browser, &path);
    let wall = started.elapsed();
    check_selftest(&v, &state_tally(&labelled));
    let t = &v["timing"];
    eprintln!(
        "unsg-2024 report: {} bytes; in the browser: DOMContentLoaded {:.0} ms, load {:.0} ms, \
         script {:.1} ms; chromium run {:.1} s",
        fs::metadata(&path).unwrap().len(),
        t["dom_content_loaded_ms"].as_f64().unwrap(),
        t["load_ms"].as_f64().unwrap(),
        t["script_ms"].as_f64().unwrap(),
        wall.as_secs_f64()
    );
    assert!(
        t["load_ms"].as_f64().unwrap() < 2000.0,
        "the report loads in under 2 s: {t}"
    );
    screenshot(&browser, &path, &dir.path().join("report.png"));
}

/// Statements, ids, names and sources that would run something if they were
/// not escaped.
fn hostile_jsonl() -> String {
    let payloads = [
        "<script>window.__stancer_pwned = 'script';</script>",
        "<img src=x onerror=\"window.__stancer_pwned = 'img'\">",
        "</style><style>body{display:none}</style>",
        "<a href=\"javascript:window.__stancer_pwned = 'link'\">click</a>",
        "</script><script>window.__stancer_pwned = 'data'</script>",
        "<svg onload=\"window.__stancer_pwned = 'svg'\"></svg>",
        "\" onmouseover=\"window.__stancer_pwned = 'attr'\" x=\"",
        "<!-- comment --><iframe src=\"javascript:parent.__stancer_pwned='iframe'\"></iframe>",
    ];
    let mut lines = String::new();
    for (i, p) in payloads.iter().enumerate() {
        let text = format!(
            "We call for the negotiation of a legally binding instrument {p} on autonomous weapons systems. \
             Lethal autonomous weapons systems {p} must be prohibited."
        );
        let v = json!({
            "id": format!("H{i}{p}"),
            "text": text,
            "actor": format!("A{i}{p}"),
            "actor_name": format!("Name {p}"),
            "actor_kind": if i % 2 == 0 { "state".to_string() } else { format!("group{p}") },
            "members": [format!("M{i}{p}"), "AUT"],
            "language": "en",
            "source": format!("javascript:window.__stancer_pwned='source'{p}"),
            "date": p,
            "forum": p,
        });
        lines.push_str(&v.to_string());
        lines.push('\n');
    }
    lines
}

#[test]
fn hostile_statements_render_as_text_in_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("hostile.jsonl");
    fs::write(&corpus, hostile_jsonl()).unwrap();
    let labelled = classify(&corpus, dir.path());
    let (path, html) = report(
        &labelled,
        &["--title", "<script>t</script>"],
        dir.path(),
        "r.html",
    );
    assert_self_contained(&html);
    assert!(!html.contains("<script>window"), "raw script in the report");
    assert!(!html.contains("onerror=\""), "raw onerror in the report");
    assert!(html.contains("&lt;script&gt;window.__stancer_pwned"));
    assert!(html.contains("&lt;/style&gt;"));
    let Some(browser) = chromium() else {
        return;
    };
    let (v, dom) = selftest(&browser, &path);
    assert_eq!(v["errors"], json!([]), "errors in the page");
    let sec = &v["security"];
    assert_eq!(sec["pwned"], "undefined", "something ran: {sec}");
    assert_eq!(sec["scripts"], 2, "{sec}");
    assert_eq!(sec["styles"], 1, "{sec}");
    assert_eq!(sec["embedded"], 0, "{sec}");
    assert_eq!(sec["on_attributes"], 0, "{sec}");
    assert_eq!(sec["javascript_urls"], 0, "{sec}");
    // The statements show as text, as written.
    for shown in [
        "&lt;script&gt;window.__stancer_pwned = 'script';&lt;/script&gt;",
        "&lt;img src=x onerror=\"window.__stancer_pwned = 'img'\"&gt;",
        "&lt;/style&gt;&lt;style&gt;body{display:none}&lt;/style&gt;",
        "javascript:window.__stancer_pwned='source'",
    ] {
        assert!(dom.contains(shown), "{shown} is not shown as text");
    }
    screenshot(&browser, &path, &dir.path().join("hostile.png"));
}

#[test]
fn report_over_the_general_debate_stays_usable() {
    let Some(corpus) = shared_corpus("ungdc-2013-2024") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let labelled = classify(&corpus, dir.path());
    let (path, html) = report(&labelled, &[], dir.path(), "report.html");
    assert_self_contained(&html);
    let size = fs::metadata(&path).unwrap().len();
    let docs = stancer::export::read_labelled(&labelled).unwrap().documents;
    // Documents without evidence are one collapsed list; the others are
    // collapsed too, one block each.
    let open_blocks = html.matches("<details class=\"doc\" open").count();
    let blocks = html.matches("<details class=\"doc\" id=\"d").count();
    let start = html
        .find("<details class=\"doc noev\" id=\"noevidence\">")
        .unwrap();
    let listed = html[start..].matches("<li id=\"d").count();
    eprintln!(
        "General Debate report: {} documents, {blocks} with evidence, {listed} without, {size} bytes",
        docs.len()
    );
    assert_eq!(open_blocks, 0);
    assert_eq!(blocks + listed, docs.len());
    assert!(blocks * 10 < docs.len(), "most speeches have no evidence");
    assert!(size < 4_000_000, "{size} bytes");
    let Some(browser) = chromium() else {
        return;
    };
    let (v, _) = selftest(&browser, &path);
    assert_eq!(v["errors"], json!([]));
    let t = &v["timing"];
    eprintln!("General Debate report in the browser: {t}");
    assert!(t["load_ms"].as_f64().unwrap() < 10_000.0, "{t}");
    assert_eq!(v["filter"]["total"], docs.len());
}
