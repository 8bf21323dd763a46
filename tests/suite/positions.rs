//! `stancer positions`: timelines, changes, policies, votes and the JSON
//! shape on hand-made documents (through the library), the development set
//! against `tally`, and the command line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use stancer::classify::{Labelled, Questions, Scores, Status};
use stancer::corpus::DocMeta;
use stancer::positions::{self, positions, read_votes, Options, Positions, NO_VOTE};
use stancer::tally::{self, Coverage, Policy, Tier, UNSUPPORTED_LANGUAGE};

use super::util::{
    classify_corpus, classify_into, instrument_doc, p, root, shared_corpus, stancer,
    INSTRUMENT_LABELS,
};

/// A labelled document with one question, `instrument`: `label` with score 1
/// (`silent`: every score 0, as a text that says nothing on the question).
fn doc(id: &str, kind: &str, members: &[&str], date: Option<&str>, label: &str) -> Labelled {
    let meta = DocMeta {
        id: id.into(),
        actor: id.split('_').next().unwrap().into(),
        actor_kind: Some(kind.into()),
        members: members.iter().map(|m| m.to_string()).collect(),
        date: date.map(String::from),
        forum: Some("test-forum".into()),
        ..DocMeta::default()
    };
    let mut d = instrument_doc(meta, label);
    let q = &mut d.questions.0[0].1;
    q.score = 1.0;
    q.confidence = 0.75;
    q.scores = Scores(
        INSTRUMENT_LABELS
            .iter()
            .map(|l| (l.to_string(), if *l == label { 1.0 } else { 0.0 }))
            .collect(),
    );
    d
}

fn state(id: &str, date: Option<&str>, label: &str) -> Labelled {
    doc(id, "state", &[], date, label)
}

fn silent(mut d: Labelled) -> Labelled {
    let r = &mut d.questions.0[0].1;
    r.label = "undecided".into();
    r.score = 0.0;
    r.confidence = 1.0;
    r.scores.0.iter_mut().for_each(|(_, s)| *s = 0.0);
    d
}

fn opts(policy: Policy) -> Options {
    Options {
        policy,
        ..Options::default()
    }
}

fn of<'a>(p: &'a Positions, code: &str) -> &'a positions::StatePositions {
    p.states
        .iter()
        .find(|s| s.state == code)
        .unwrap_or_else(|| panic!("no State {code}"))
}

fn ids(s: &positions::StatePositions) -> Vec<&str> {
    s.positions.iter().map(|p| p.id.as_str()).collect()
}

/// NZL speaks five times (one undated, one with a year only in the year of a
/// full date); the group G covers NZL and AUS.
fn timeline_set() -> Vec<Labelled> {
    vec![
        state("NZL_X", None, "support"),
        state("NZL_2018B", Some("2018-05-01"), "oppose"),
        state("NZL_2018", Some("2018"), "oppose"),
        state("NZL_2013", Some("2013"), "support"),
        doc("G", "group", &["NZL", "aus"], Some("2016"), "undecided"),
    ]
}

#[test]
fn positions_sort_by_date_undated_last_and_list_changes() {
    let p = positions(&timeline_set(), "instrument", &opts(Policy::Own), None);
    assert_eq!(p.question, "instrument");
    let nzl = of(&p, "NZL");
    assert_eq!(nzl.name.as_deref(), Some("New Zealand"));
    // A year alone sorts before the full dates of that year; undated last.
    assert_eq!(
        ids(nzl),
        ["NZL_2013", "G", "NZL_2018", "NZL_2018B", "NZL_X"]
    );
    assert_eq!(nzl.positions[1].via, Tier::Group);
    assert_eq!(nzl.positions[1].group.as_deref(), Some("G"));
    assert_eq!(nzl.positions[0].via, Tier::Own);
    assert_eq!(nzl.positions[0].group, None);
    assert_eq!(nzl.positions[0].confidence, Some(0.75));
    assert_eq!(nzl.positions[4].date, None);
    // Policy own: NZL's own positions make its timeline; G is listed only.
    assert_eq!(nzl.latest, "support");
    let changes: Vec<(&str, &str, &str, &str)> = nzl
        .changes
        .iter()
        .map(|c| {
            (
                c.from.as_str(),
                c.to.as_str(),
                c.from_id.as_str(),
                c.to_id.as_str(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("support", "oppose", "NZL_2013", "NZL_2018"),
            ("oppose", "support", "NZL_2018B", "NZL_X"),
        ]
    );
    assert_eq!(nzl.changes[0].from_date.as_deref(), Some("2013"));
    assert_eq!(nzl.changes[0].to_date.as_deref(), Some("2018"));
    assert_eq!(nzl.changes[1].to_date, None);

    // AUS: covered by G only (codes compared in upper case).
    let aus = of(&p, "AUS");
    assert_eq!(ids(aus), ["G"]);
    assert_eq!(aus.latest, "undecided");
    assert!(aus.changes.is_empty());

    let s = &p.summary;
    assert_eq!((s.single_position, s.unchanged, s.changed), (1, 0, 1));
    assert_eq!(s.changes, 2);
    assert_eq!(s.undated, ["NZL_X"]);
    assert_eq!(s.member_states, 2);
    assert_eq!(s.documents, 5);
    assert_eq!(
        s.latest,
        [
            ("support".to_string(), 1),
            ("oppose".to_string(), 0),
            ("undecided".to_string(), 1)
        ]
    );
}

#[test]
fn positions_policy_decides_which_positions_make_the_timeline() {
    let docs = timeline_set();
    // group: G's positions decide for NZL (one point, no change).
    let p = positions(&docs, "instrument", &opts(Policy::Group), None);
    let nzl = of(&p, "NZL");
    assert_eq!(nzl.positions.len(), 5, "every position is listed");
    assert_eq!(nzl.latest, "undecided");
    assert!(nzl.changes.is_empty());
    assert_eq!(p.summary.unchanged, 1);

    // own-only: group positions are not listed; AUS (group only) is left out.
    let p = positions(&docs, "instrument", &opts(Policy::OwnOnly), None);
    assert_eq!(
        ids(of(&p, "NZL")),
        ["NZL_2013", "NZL_2018", "NZL_2018B", "NZL_X"]
    );
    assert!(p.states.iter().all(|s| s.state != "AUS"));
    assert_eq!(p.summary.group_only, ["AUS"]);
}

#[test]
fn positions_one_date_is_one_point_majority_or_default_on_a_tie() {
    let docs = vec![
        doc("G1", "group", &["FRA"], Some("2020"), "support"),
        doc("G2", "group", &["FRA"], Some("2020"), "oppose"),
        doc("G3", "group", &["FRA"], Some("2021"), "oppose"),
        doc("G4", "group", &["FRA"], Some("2021"), "oppose"),
        doc("G5", "group", &["FRA"], Some("2021"), "support"),
    ];
    let p = positions(&docs, "instrument", &opts(Policy::Own), None);
    let fra = of(&p, "FRA");
    // 2020: a tie, the default label; 2021: oppose by majority.
    assert_eq!(fra.latest, "oppose");
    assert_eq!(fra.changes.len(), 1);
    let c = &fra.changes[0];
    assert_eq!((c.from.as_str(), c.to.as_str()), ("undecided", "oppose"));
    assert_eq!(c.to_id, "G3", "the first document that gave the label");
    assert_eq!(c.from_id, "G1", "on a tie, the first document of the date");
}

#[test]
fn positions_unreadable_documents_are_listed_but_change_nothing() {
    let mut unreadable = state("BEL_2019", Some("2019"), "support");
    unreadable.status = Status::UnsupportedLanguage;
    unreadable.questions = Questions::default();
    let docs = vec![
        state("BEL_2018", Some("2018"), "support"),
        unreadable,
        state("BEL_2020", Some("2020"), "support"),
    ];
    let p = positions(&docs, "instrument", &opts(Policy::Own), None);
    let bel = of(&p, "BEL");
    assert_eq!(bel.positions[1].label, UNSUPPORTED_LANGUAGE);
    assert_eq!(bel.positions[1].confidence, None);
    assert_eq!(bel.latest, "support");
    assert!(bel.changes.is_empty());

    // Only unreadable documents: the latest says so, never a silent undecided.
    let mut only = state("CHE_2019", Some("2019"), "support");
    only.status = Status::UnsupportedLanguage;
    only.questions = Questions::default();
    let p = positions(
        &[only, state("X", None, "oppose")],
        "instrument",
        &opts(Policy::Own),
        None,
    );
    assert_eq!(of(&p, "CHE").latest, UNSUPPORTED_LANGUAGE);
}

#[test]
fn positions_skip_silent_leaves_out_documents_that_say_nothing() {
    let docs = vec![
        state("AUT_2013", Some("2013"), "support"),
        silent(state("AUT_2014", Some("2014"), "undecided")),
        state("AUT_2015", Some("2015"), "support"),
        silent(state("BEL_2015", Some("2015"), "undecided")),
        state("CHE_2015", Some("2015"), "undecided"),
    ];
    let all = positions(&docs, "instrument", &opts(Policy::Own), None);
    assert_eq!(
        of(&all, "AUT").changes.len(),
        2,
        "kept: the silence reads as undecided"
    );
    assert_eq!(all.summary.silent, 2);
    assert!(!all.summary.skip_silent);

    let said = positions(
        &docs,
        "instrument",
        &Options {
            skip_silent: true,
            ..Options::default()
        },
        None,
    );
    let aut = of(&said, "AUT");
    assert_eq!(ids(aut), ["AUT_2013", "AUT_2015"]);
    assert!(aut.changes.is_empty());
    assert!(
        said.states.iter().all(|s| s.state != "BEL"),
        "no position left"
    );
    // An undecided with evidence is a position, not silence.
    assert_eq!(of(&said, "CHE").latest, "undecided");
    assert_eq!(said.summary.silent, 2);
    assert!(said.summary.skip_silent);
}

#[test]
fn positions_dates_in_no_known_form_are_undated_and_reported() {
    let docs = vec![
        state("DNK_A", Some("May 2019"), "oppose"),
        state("DNK_B", Some("2019-05-02"), "support"),
        state("DNK_C", Some(""), "support"),
    ];
    let p = positions(&docs, "instrument", &opts(Policy::Own), None);
    let dnk = of(&p, "DNK");
    assert_eq!(ids(dnk), ["DNK_B", "DNK_A", "DNK_C"]);
    assert_eq!(dnk.positions[1].date, None);
    assert_eq!(p.summary.undated, ["DNK_A", "DNK_C"]);
    assert_eq!(
        p.summary.bad_dates,
        [("DNK_A".to_string(), "May 2019".to_string())]
    );
    // The undated ones form one last point: tie support / oppose → default.
    assert_eq!(dnk.latest, "undecided");
}

fn votes_fixture() -> PathBuf {
    root().join("tests/data/positions/votes.csv")
}

#[test]
fn positions_votes_are_joined_and_cross_tabulated() {
    let votes = read_votes(&votes_fixture()).unwrap();
    // By date, whatever the file's order.
    let order: Vec<&str> = votes.votes.iter().map(|v| v.vote_id.as_str()).collect();
    assert_eq!(order, ["V1", "V2"]);
    assert_eq!(votes.votes[0].symbol.as_deref(), Some("A/C.1/79/L.1"));

    let docs = vec![
        state("NZL_2024", Some("2024"), "support"),
        state("AUS_2024", Some("2024"), "oppose"),
        state("DEU_2024", Some("2024"), "support"),
        doc("NGO", "civil_society", &[], Some("2024"), "support"),
    ];
    let p = positions(&docs, "instrument", &opts(Policy::Own), Some(&votes));
    let pairs = |code: &str| -> Vec<(String, String)> { of(&p, code).votes.clone() };
    let v = |a: &str, b: &str| {
        vec![
            ("V1".to_string(), a.to_string()),
            ("V2".to_string(), b.to_string()),
        ]
    };
    assert_eq!(pairs("NZL"), v("Y", "Y"));
    assert_eq!(pairs("AUS"), v("A", "N"));
    // Missing from both roll calls: `none`, never dropped.
    assert_eq!(pairs("DEU"), v(NO_VOTE, NO_VOTE));
    assert_eq!(p.summary.left_out[0].id, "NGO");

    let t = &p.summary.votes[0];
    assert_eq!(t.vote.vote_id, "V1");
    let row = |label: &str| &t.rows.iter().find(|(l, _)| l == label).unwrap().1;
    // Columns Y N A X none.
    assert_eq!(row("support")[0], ["NZL"]);
    assert_eq!(row("support")[4], ["DEU"]);
    assert_eq!(row("oppose")[2], ["AUS"]);
    assert!(row("undecided").iter().all(Vec::is_empty));
    // In the roll call, covered by no document.
    assert_eq!(t.no_position[0], ["BEL"]);
    let t2 = &p.summary.votes[1];
    assert_eq!(t2.no_position[3], ["FRA"], "X in V2");
    assert_eq!(t2.no_position[4], ["BEL"], "BEL is not in V2's roll call");
}

#[test]
fn positions_bad_votes_files_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("vote_id,iso3,vote\nV1,NZL,Y\nV1,AUS,maybe\n", ":3", "maybe"),
        ("vote_id,iso3,vote\nV1,NZL,Y\nV1,nzl,N\n", ":3", "twice"),
        ("vote_id,iso3\nV1,NZL\n", ":1", "vote"),
        (
            "vote_id,date,iso3,vote\nV1,2024-01-01,NZL,Y\nV1,2024-01-02,AUS,Y\n",
            ":3",
            "two dates",
        ),
    ];
    for (i, (text, line, what)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("votes{i}.csv"));
        std::fs::write(&path, text).unwrap();
        let e = read_votes(&path).unwrap_err().to_string();
        assert!(e.contains(&format!("votes{i}.csv{line}")), "{e}");
        assert!(e.contains(what), "{e}");
    }
}

#[test]
fn positions_json_has_exactly_the_documented_shape() {
    let votes = read_votes(&votes_fixture()).unwrap();
    let p = positions(
        &timeline_set(),
        "instrument",
        &opts(Policy::Own),
        Some(&votes),
    );
    let mut buf = Vec::new();
    positions::write_json(&p, &mut buf).unwrap();
    let v: Value = serde_json::from_slice(&buf).unwrap();
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let sorted = |mut k: Vec<&str>| {
        k.sort();
        k.into_iter().map(String::from).collect::<Vec<_>>()
    };
    assert_eq!(keys(&v), sorted(vec!["question", "states", "summary"]));
    assert_eq!(v["question"], "instrument");
    let nzl = v["states"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["state"] == "NZL")
        .unwrap();
    assert_eq!(
        keys(nzl),
        sorted(vec![
            "state",
            "name",
            "un_status",
            "positions",
            "latest",
            "changes",
            "votes"
        ])
    );
    assert_eq!(nzl["name"], "New Zealand");
    assert_eq!(nzl["un_status"], "member");
    assert_eq!(nzl["latest"], "support");
    assert_eq!(nzl["votes"], serde_json::json!({"V1": "Y", "V2": "Y"}));
    for pos in nzl["positions"].as_array().unwrap() {
        assert_eq!(
            keys(pos),
            sorted(vec![
                "date",
                "id",
                "forum",
                "label",
                "confidence",
                "via",
                "group"
            ])
        );
    }
    assert_eq!(
        nzl["positions"][1],
        serde_json::json!({"date": "2016", "id": "G", "forum": "test-forum", "label": "undecided",
                           "confidence": 0.75, "via": "group", "group": "G"})
    );
    assert_eq!(nzl["positions"][0]["via"], "own");
    assert_eq!(nzl["positions"][0]["group"], Value::Null);
    assert_eq!(nzl["positions"][4]["date"], Value::Null);
    assert_eq!(
        nzl["changes"][1],
        serde_json::json!({"from": "oppose", "to": "support", "from_id": "NZL_2018B",
                           "to_id": "NZL_X", "from_date": "2018-05-01", "to_date": null})
    );
    // Positions in date order in the text too.
    let text = String::from_utf8(buf).unwrap();
    assert!(text.find("\"NZL_2013\"").unwrap() < text.find("\"NZL_X\"").unwrap());
    let s = &v["summary"];
    for k in [
        "documents",
        "states",
        "single_position",
        "unchanged",
        "changed",
        "changes",
        "latest",
        "undated",
        "votes",
    ] {
        assert!(s.get(k).is_some(), "summary.{k}");
    }
    assert_eq!(s["undated"], serde_json::json!(["NZL_X"]));
    assert_eq!(s["votes"][0]["vote_id"], "V1");
    assert_eq!(
        s["votes"][0]["states"]["support"]["Y"],
        serde_json::json!(["NZL"])
    );
    assert_eq!(
        s["votes"][0]["counts"]["undecided"]["A"], 1,
        "AUS abstained"
    );
    // Without votes: an empty object per State, no cross-table.
    let p = positions(&timeline_set(), "instrument", &opts(Policy::Own), None);
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(v["states"][0]["votes"], serde_json::json!({}));
    assert_eq!(v["summary"]["votes"], serde_json::json!([]));
}

// ---------------------------------------------------------------------------
// The development set
// ---------------------------------------------------------------------------

#[test]
fn positions_dev_set_agrees_with_tally_and_covers_every_submission() {
    let Some(dir) = shared_corpus("unsg-2024") else {
        return;
    };
    let docs = classify_corpus(&dir);
    for question in ["instrument", "regulation", "forum"] {
        let p = positions(&docs, question, &opts(Policy::Own), None);
        let t = tally::by_state(&docs, question, Policy::Own);
        // The same States as tally.
        let codes: Vec<&str> = p.states.iter().map(|s| s.state.as_str()).collect();
        let mut tallied: Vec<&str> = t
            .buckets
            .iter()
            .flat_map(|b| b.ids.iter().map(String::as_str))
            .collect();
        tallied.sort();
        assert_eq!(codes, tallied, "{question}");
        // One position per covering submission.
        let mut covering: BTreeMap<String, usize> = BTreeMap::new();
        for d in &docs {
            match tally::coverage(d) {
                Coverage::Own(s) => *covering.entry(s).or_default() += 1,
                Coverage::Group(ms) => ms
                    .into_iter()
                    .for_each(|s| *covering.entry(s).or_default() += 1),
                Coverage::None => {}
            }
        }
        for s in &p.states {
            assert_eq!(
                s.positions.len(),
                covering[&s.state],
                "{question} {}",
                s.state
            );
        }
        // A State with its own (single) submission: the same label as tally.
        for s in p
            .states
            .iter()
            .filter(|s| s.positions.iter().any(|x| x.via == Tier::Own))
        {
            let bucket = t.buckets.iter().find(|b| b.ids.contains(&s.state)).unwrap();
            assert_eq!(s.latest, bucket.label, "{question} {}", s.state);
        }
        assert!(p.summary.undated.is_empty(), "every submission is dated");
        let s = &p.summary;
        assert_eq!(s.single_position + s.unchanged + s.changed, p.states.len());
    }
}

// ---------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------

/// Writes `docs` as JSON Lines to `dir/name`.
fn jsonl(dir: &Path, name: &str, docs: &[Labelled]) -> PathBuf {
    let path = dir.join(name);
    let text: String = docs
        .iter()
        .map(|d| serde_json::to_string(d).unwrap() + "\n")
        .collect();
    std::fs::write(&path, text).unwrap();
    path
}

fn run_ok(args: &[&str]) -> (String, String) {
    let out = stancer().arg("positions").args(args).assert().success();
    let o = out.get_output();
    (
        String::from_utf8(o.stdout.clone()).unwrap(),
        String::from_utf8(o.stderr.clone()).unwrap(),
    )
}

#[test]
fn positions_cli_reads_several_files_with_votes_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let docs = timeline_set();
    let a = jsonl(dir.path(), "a.jsonl", &docs[..2]);
    let b = jsonl(dir.path(), "b.jsonl", &docs[2..]);
    let votes = votes_fixture();

    let (json, stderr) = run_ok(&[p(&a), p(&b), "--votes", p(&votes), "--format", "json"]);
    assert!(
        stderr.contains("1 document without a date (sorted last): NZL_X"),
        "{stderr}"
    );
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["question"], "instrument", "the first question by default");
    let nzl = &v["states"].as_array().unwrap()[1];
    assert_eq!(nzl["state"], "NZL");
    assert_eq!(nzl["positions"].as_array().unwrap().len(), 5);
    assert_eq!(nzl["votes"]["V1"], "Y");

    let (table, _) = run_ok(&[p(&a), p(&b), "--votes", p(&votes)]);
    assert!(
        table.starts_with("instrument: positions of 2 States from 5 documents (policy own)\n"),
        "{table}"
    );
    assert!(
        table.contains("NZL  New Zealand (UN Member State)"),
        "{table}"
    );
    assert!(
        table.contains("    support → oppose: NZL_2013 (2013) → NZL_2018 (2018)"),
        "{table}"
    );
    assert!(table.contains("  votes: V1 Y, V2 Y"), "{table}");
    assert!(
        table.contains("documents without a date, sorted last: 1"),
        "{table}"
    );
    assert!(
        table.contains(
            "V1 (First Committee, 2024-11-05, A/C.1/79/L.1): latest instrument label × vote"
        ),
        "{table}"
    );
    assert!(table.contains("  undecided × A (1):\n    AUS\n"), "{table}");
    assert!(
        table.contains("  (no position) × Y (1):\n    BEL\n"),
        "{table}"
    );

    let (csv, _) = run_ok(&[p(&a), p(&b), "--votes", p(&votes), "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("question,state,name,un_status,date,id,forum,label,confidence,via,group,latest,changes,V1,V2")
    );
    assert_eq!(
        lines.next(),
        Some("instrument,AUS,Australia,member,2016,G,test-forum,undecided,0.75,group,G,undecided,0,A,N")
    );
    assert_eq!(csv.lines().count(), 1 + 6);

    // --state keeps only the States asked for; one no document covers is said.
    let (json, stderr) = run_ok(&[
        p(&a),
        p(&b),
        "--state",
        "aus",
        "--state",
        "CHE",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["states"].as_array().unwrap().len(), 1);
    assert_eq!(v["summary"]["not_covered"], serde_json::json!(["CHE"]));
    assert!(
        stderr.contains("CHE: no document covers this State"),
        "{stderr}"
    );
}

#[test]
fn positions_cli_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let a = jsonl(dir.path(), "a.jsonl", &timeline_set());
    let again = jsonl(dir.path(), "again.jsonl", &timeline_set()[..1]);
    stancer()
        .args(["positions", p(&a), p(&again)])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("again.jsonl")
                .and(predicate::str::contains("NZL_X"))
                .and(predicate::str::contains("a.jsonl")),
        );
    stancer()
        .args(["positions", p(&a), "--question", "nonsense"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nonsense").and(predicate::str::contains("instrument")));
    let bad = dir.path().join("votes.csv");
    std::fs::write(&bad, "vote_id,iso3,vote\nV1,NZL,Q\n").unwrap();
    stancer()
        .args(["positions", p(&a), "--votes", p(&bad)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("votes.csv:2"));
    stancer().args(["positions"]).assert().code(2);
}

#[test]
fn positions_cli_dev_set_with_the_real_votes() {
    let Some(dir) = shared_corpus("unsg-2024") else {
        return;
    };
    let votes = root().join("../shared/data/un-votes-laws/votes.csv");
    if !votes.is_file() {
        eprintln!("SKIPPED: {} is absent", votes.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let labelled = tmp.path().join("unsg.json");
    classify_into(&dir, &labelled);
    let (json, _) = run_ok(&[p(&labelled), "--votes", p(&votes), "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let states = v["states"].as_array().unwrap();
    assert_eq!(
        states.len(),
        65,
        "64 UN Member States and the State of Palestine"
    );
    for s in states {
        let votes = s["votes"].as_object().unwrap();
        assert_eq!(votes.len(), 2, "{}", s["state"]);
        for (_, x) in votes {
            assert!(["Y", "N", "A", "X", "none"].contains(&x.as_str().unwrap()));
        }
    }
    let pse = states.iter().find(|s| s["state"] == "PSE").unwrap();
    assert_eq!(pse["un_status"], "observer");
    assert_eq!(
        pse["votes"]["FC79_L77"], "none",
        "not in the roll call, never dropped"
    );
    let rus = states.iter().find(|s| s["state"] == "RUS").unwrap();
    assert_eq!(rus["votes"]["FC79_L77"], "N");
    // Each cross-table places every listed State once, and every State of the roll call.
    for t in v["summary"]["votes"].as_array().unwrap() {
        let mut placed = 0;
        for row in t["states"].as_object().unwrap().values() {
            for cell in row.as_object().unwrap().values() {
                placed += cell.as_array().unwrap().len();
            }
        }
        assert_eq!(placed, 65);
    }
}
