//! `stancer tally`: the policy on hand-made documents (through the library),
//! the State expansion of the development set against counts worked out by
//! hand from its manifest, and the command line on the bundled corpus.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use stancer::classify::{Labelled, Questions, Scores, Status};
use stancer::corpus::DocMeta;
use stancer::review::Reason;
use stancer::tally::{
    self, by_state, by_submission, By, Options, Policy, Rule, Tally, Tier, UNSUPPORTED_LANGUAGE,
};

use super::util::{
    classify_corpus, classify_into, instrument_doc, p, shared_corpus, stancer, INSTRUMENT_LABELS,
};

// ---------------------------------------------------------------------------
// Hand-made documents
// ---------------------------------------------------------------------------

/// A labelled document with one question, `instrument`, labelled `label`.
fn doc(id: &str, kind: &str, members: &[&str], label: &str) -> Labelled {
    let meta = DocMeta {
        id: id.into(),
        actor: id.into(),
        actor_kind: Some(kind.into()),
        members: members.iter().map(|m| m.to_string()).collect(),
        ..DocMeta::default()
    };
    instrument_doc(meta, label)
}

/// A document no lexicon could read.
fn unreadable(id: &str, kind: &str) -> Labelled {
    let mut d = doc(id, kind, &[], "support");
    d.status = Status::UnsupportedLanguage;
    d.lexicon = None;
    d.questions = Questions::default();
    d
}

/// AUT and FRA (FRA unreadable) and the observer PSE speak for themselves;
/// three groups overlap; ZZZ is a code of no State; an NGO covers no State.
fn set() -> Vec<Labelled> {
    vec![
        doc("AUT", "state", &[], "support"),
        doc("PSE", "observer_state", &[], "undecided"),
        doc(
            "G1",
            "group",
            &["AUT", "BEL", "CHE", "PSE", "ZZZ"],
            "oppose",
        ),
        doc(
            "G2",
            "regional_org",
            &["BEL", "CHE", "DNK", "FRA"],
            "support",
        ),
        doc("G3", "group", &["che", "DNK", "DNK"], "oppose"),
        doc("NGO", "civil_society", &[], "support"),
        unreadable("FRA", "state"),
    ]
}

fn ids(t: &Tally, label: &str) -> Vec<String> {
    t.bucket(label)
        .unwrap_or_else(|| panic!("no bucket {label}"))
        .ids
        .clone()
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn tally_by_submission_counts_every_document_once() {
    let t = by_submission(&set(), "instrument");
    assert_eq!(t.total, 7);
    let order: Vec<&str> = t.buckets.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(
        order,
        ["support", "oppose", "undecided", UNSUPPORTED_LANGUAGE]
    );
    assert_eq!(ids(&t, "support"), ["AUT", "G2", "NGO"]);
    assert_eq!(ids(&t, "oppose"), ["G1", "G3"]);
    assert_eq!(ids(&t, "undecided"), ["PSE"]);
    // Never silently undecided.
    assert_eq!(ids(&t, UNSUPPORTED_LANGUAGE), ["FRA"]);
    assert!(t.states.is_none());
}

#[test]
fn tally_policy_own_own_submission_wins_and_conflicts_are_listed() {
    let t = by_state(&set(), "instrument", Policy::Own);
    // AUT: own support beats G1 oppose. PSE: own undecided beats G1 oppose.
    assert_eq!(ids(&t, "support"), ["AUT"]);
    // CHE: G1 oppose, G2 support, G3 oppose: majority oppose. ZZZ: G1 only.
    assert_eq!(ids(&t, "oppose"), ["CHE", "ZZZ"]);
    // BEL: G1 oppose vs G2 support, DNK: G2 support vs G3 oppose: ties, the default.
    assert_eq!(ids(&t, "undecided"), ["BEL", "DNK", "PSE"]);
    // FRA's own submission could not be read: it wins, and says so.
    assert_eq!(ids(&t, UNSUPPORTED_LANGUAGE), ["FRA"]);
    assert_eq!(t.total, 7);

    let st = t.states.as_ref().unwrap();
    assert_eq!(strs(&st.member_states), ["AUT", "BEL", "CHE", "DNK", "FRA"]);
    assert_eq!(strs(&st.observer_states), ["PSE"]);
    assert_eq!(strs(&st.other_states), ["ZZZ"]);
    assert_eq!(st.left_out.len(), 1);
    assert_eq!(st.left_out[0].id, "NGO");
    assert_eq!(st.left_out[0].actor_kind.as_deref(), Some("civil_society"));
    assert!(st.group_only.is_empty());

    let conflicted: Vec<&str> = st.conflicts.iter().map(|c| c.state.as_str()).collect();
    assert_eq!(conflicted, ["AUT", "BEL", "CHE", "DNK", "FRA", "PSE"]);
    let aut = &st.conflicts[0];
    assert_eq!(
        (aut.label.as_str(), aut.from, aut.rule),
        ("support", Tier::Own, Rule::Unanimous)
    );
    let subs: Vec<(&str, Tier, &str)> = aut
        .submissions
        .iter()
        .map(|v| (v.id.as_str(), v.coverage, v.label.as_str()))
        .collect();
    assert_eq!(
        subs,
        [("AUT", Tier::Own, "support"), ("G1", Tier::Group, "oppose")]
    );
    let bel = &st.conflicts[1];
    assert_eq!(
        (bel.label.as_str(), bel.from, bel.rule),
        ("undecided", Tier::Group, Rule::TieDefault)
    );
    let che = &st.conflicts[2];
    assert_eq!((che.label.as_str(), che.rule), ("oppose", Rule::Majority));
    assert_eq!(che.submissions.len(), 3, "G3 lists CHE in lower case");
    let dnk = &st.conflicts[3];
    assert_eq!(dnk.submissions.len(), 2, "G3 lists DNK twice: one vote");
    let fra = &st.conflicts[4];
    assert_eq!(fra.label, UNSUPPORTED_LANGUAGE);
}

#[test]
fn tally_policy_group_groups_win() {
    let t = by_state(&set(), "instrument", Policy::Group);
    assert_eq!(ids(&t, "support"), ["FRA"]);
    assert_eq!(ids(&t, "oppose"), ["AUT", "CHE", "PSE", "ZZZ"]);
    assert_eq!(ids(&t, "undecided"), ["BEL", "DNK"]);
    assert!(ids(&t, UNSUPPORTED_LANGUAGE).is_empty());
    assert_eq!(t.total, 7);
    let st = t.states.as_ref().unwrap();
    let aut = st.conflicts.iter().find(|c| c.state == "AUT").unwrap();
    assert_eq!((aut.label.as_str(), aut.from), ("oppose", Tier::Group));
    assert_eq!(st.conflicts.len(), 6);
}

#[test]
fn tally_policy_own_only_leaves_group_only_states_out() {
    let t = by_state(&set(), "instrument", Policy::OwnOnly);
    assert_eq!(ids(&t, "support"), ["AUT"]);
    assert!(ids(&t, "oppose").is_empty());
    assert_eq!(ids(&t, "undecided"), ["PSE"]);
    assert_eq!(ids(&t, UNSUPPORTED_LANGUAGE), ["FRA"]);
    assert_eq!(t.total, 3);
    let st = t.states.as_ref().unwrap();
    assert_eq!(strs(&st.group_only), ["BEL", "CHE", "DNK", "ZZZ"]);
    assert!(st.conflicts.is_empty(), "own submissions only: no conflict");
    assert_eq!(strs(&st.member_states), ["AUT", "FRA"]);
    assert_eq!(strs(&st.observer_states), ["PSE"]);
}

#[test]
fn tally_tie_gives_the_default_label_of_the_question() {
    // Forum-like labels: the default is `unspecified`, wherever it stands.
    let forum = |id: &str, members: &[&str], label: &str| {
        let mut d = doc(id, "group", members, label);
        let r = &mut d.questions.0[0];
        r.0 = "forum".into();
        r.1.scores = Scores(
            ["ccw", "unspecified", "open"]
                .iter()
                .map(|l| (l.to_string(), 0.0))
                .collect(),
        );
        d
    };
    let docs = [forum("A", &["AUT"], "ccw"), forum("B", &["AUT"], "open")];
    let t = by_state(&docs, "forum", Policy::Own);
    assert_eq!(ids(&t, "unspecified"), ["AUT"]);
    let order: Vec<&str> = t.buckets.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(order, ["ccw", "unspecified", "open", UNSUPPORTED_LANGUAGE]);
    // No label named undecided / unspecified: the last label seen.
    let mut docs = docs.to_vec();
    for d in &mut docs {
        d.questions.0[0].1.scores = Scores(
            ["ccw", "open", "elsewhere"]
                .iter()
                .map(|l| (l.to_string(), 0.0))
                .collect(),
        );
    }
    let t = by_state(&docs, "forum", Policy::Own);
    assert_eq!(ids(&t, "elsewhere"), ["AUT"]);
}

#[test]
fn tally_json_object_has_the_documented_keys() {
    let options = Options {
        question: None,
        by: By::State,
        policy: Policy::Own,
        flagged: false,
    };
    let tallies = tally::tally(&set(), &options);
    let mut buf = Vec::new();
    tally::write_json(&tallies, &mut buf).unwrap();
    let v: Value = serde_json::from_slice(&buf).unwrap();
    let t = &v.as_array().unwrap()[0];
    let keys: Vec<&str> = t.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "question",
        "by",
        "total",
        "counts",
        "members",
        "policy",
        "member_states",
        "observer_states",
        "other_states",
        "conflicts",
        "left_out",
        "states",
    ] {
        assert!(keys.contains(&k), "missing {k} in {keys:?}");
    }
    assert_eq!(t["by"], "state");
    assert_eq!(t["policy"], "own");
    assert_eq!(t["total"], 7);
    assert_eq!(t["member_states"], 5);
    assert_eq!(t["observer_states"], 1);
    assert_eq!(t["other_states"], 1);
    assert_eq!(t["counts"]["oppose"], 2);
    assert_eq!(t["members"]["oppose"], serde_json::json!(["CHE", "ZZZ"]));
    assert_eq!(t["conflicts"][0]["state"], "AUT");
    assert_eq!(t["conflicts"][0]["submissions"][1]["id"], "G1");
    assert_eq!(t["conflicts"][1]["rule"], "tie_default");
    // Counts in label order: check the raw text, key order matters.
    let text = String::from_utf8(buf).unwrap();
    let pos = |k: &str| text.find(&format!("\"{k}\": ")).unwrap();
    assert!(pos("support") < pos("oppose") && pos("oppose") < pos("undecided"));
}

// ---------------------------------------------------------------------------
// --flagged: the documents whose label needs review
// ---------------------------------------------------------------------------

/// `d` with its `instrument` label flagged `needs_review` for `reasons`.
fn flag(mut d: Labelled, reasons: &[Reason]) -> Labelled {
    let r = &mut d.questions.0[0].1;
    r.needs_review = true;
    r.review_reasons = reasons.to_vec();
    d
}

/// [`set`] with AUT (two reasons), G3 and NGO (flagged without a reason, as in
/// a hand-edited file) flagged, and FRA unreadable but carrying a flagged
/// answer, which must not be listed.
fn flagged_set() -> Vec<Labelled> {
    let mut docs = set();
    for d in &mut docs {
        let id = d.meta.id.clone();
        *d = match id.as_str() {
            "AUT" => flag(d.clone(), &[Reason::Hedged, Reason::Thin]),
            "G3" => flag(d.clone(), &[Reason::Conflicting]),
            "NGO" => flag(d.clone(), &[]),
            "FRA" => {
                let mut f = flag(doc("FRA", "state", &[], "support"), &[Reason::Thin]);
                f.status = Status::UnsupportedLanguage;
                f
            }
            _ => continue,
        };
    }
    docs
}

fn options(by: By, policy: Policy, flagged: bool) -> Options {
    Options {
        question: None,
        by,
        policy,
        flagged,
    }
}

/// Every way of counting: the flagged list is the same (flags belong to submissions).
const COUNTINGS: [(By, Policy); 4] = [
    (By::Submission, Policy::Own),
    (By::State, Policy::Own),
    (By::State, Policy::Group),
    (By::State, Policy::OwnOnly),
];

#[test]
fn tally_flagged_lists_flagged_submissions_whatever_is_counted() {
    let docs = flagged_set();
    let expected = [
        ("AUT", "support", "hedged;thin"),
        ("G3", "oppose", "conflicting"),
        ("NGO", "support", ""),
    ];
    for (by, policy) in COUNTINGS {
        let case = format!("{by:?} {policy:?}");
        let with = tally::tally(&docs, &options(by, policy, true));
        let without = tally::tally(&docs, &options(by, policy, false));
        assert_eq!(with.len(), 1, "{case}");
        assert_eq!(without[0].flagged, None, "{case}: not asked for");
        let listed = with[0].flagged.as_ref().expect("asked for");
        let got: Vec<(&str, &str, String)> = listed
            .iter()
            .map(|f| (f.id.as_str(), f.label.as_str(), f.reasons_joined()))
            .collect();
        let want: Vec<(&str, &str, String)> = expected
            .iter()
            .map(|&(id, label, reasons)| (id, label, reasons.to_string()))
            .collect();
        assert_eq!(got, want, "{case}");
        assert!(listed.iter().all(|f| f.actor == f.id), "{case}");
        // Everything else is the same tally.
        let mut stripped = with.clone();
        stripped[0].flagged = None;
        assert_eq!(stripped, without, "{case}");
    }
    // Nothing flagged: an empty list, not None.
    let t = tally::tally(&set(), &options(By::Submission, Policy::Own, true));
    assert_eq!(t[0].flagged, Some(vec![]));
}

#[test]
fn tally_flagged_outputs_and_unchanged_without() {
    let docs = flagged_set();
    let render = |tallies: &[Tally]| {
        let (mut table, mut json, mut csv) = (Vec::new(), Vec::new(), Vec::new());
        tally::write_table(tallies, &mut table).unwrap();
        tally::write_json(tallies, &mut json).unwrap();
        tally::write_csv(tallies, &mut csv, true).unwrap();
        [table, json, csv].map(|b| String::from_utf8(b).unwrap())
    };
    let block = "  needs review: 3 submissions flagged\n\
                 \x20   id   actor  label    reasons\n\
                 \x20   AUT  AUT    support  hedged;thin\n\
                 \x20   G3   G3     oppose   conflicting\n\
                 \x20   NGO  NGO    support  -\n";
    for (by, policy) in COUNTINGS {
        let case = format!("{by:?} {policy:?}");
        let with = tally::tally(&docs, &options(by, policy, true));
        let without = tally::tally(&docs, &options(by, policy, false));
        let [table, json, csv] = render(&with);
        let [table0, json0, csv0] = render(&without);

        // Without --flagged: no trace of it.
        assert!(!table0.contains("needs review"), "{case}");
        assert!(!json0.contains("\"flagged\""), "{case}");
        assert!(csv0.starts_with("question,by,label,count,total,percent,ids\n"));
        assert!(
            !csv0.contains("flagged") && !csv0.contains("tally"),
            "{case}"
        );

        // Table: the same report, then the flagged block.
        assert_eq!(table, format!("{table0}{block}"), "{case}");

        // JSON: the same object, plus `flagged` last.
        let v: Value = serde_json::from_str(&json).unwrap();
        let mut v0: Value = serde_json::from_str(&json0).unwrap();
        let t = &v[0];
        // Last in the raw text (the parsed object sorts its keys).
        let last_key = ["\"members\": {", "\"conflicts\": ["]
            .iter()
            .filter_map(|k| json.find(k))
            .max()
            .unwrap();
        assert!(json.find("\"flagged\": [").unwrap() > last_key, "{case}");
        assert_eq!(
            t["flagged"],
            serde_json::json!([
                {"id": "AUT", "actor": "AUT", "label": "support", "reasons": ["hedged", "thin"]},
                {"id": "G3", "actor": "G3", "label": "oppose", "reasons": ["conflicting"]},
                {"id": "NGO", "actor": "NGO", "label": "support", "reasons": []},
            ]),
            "{case}"
        );
        v0[0]["flagged"] = t["flagged"].clone();
        assert_eq!(v, v0, "{case}");

        // CSV: three more columns; `tally` rows as before, then `flagged` rows.
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("question,by,label,count,total,percent,ids,kind,actor,reasons")
        );
        let rows: Vec<&str> = lines.collect();
        let old_rows: Vec<&str> = csv0.lines().skip(1).collect();
        let (tally_rows, flagged_rows) = rows.split_at(old_rows.len());
        for (row, old) in tally_rows.iter().zip(&old_rows) {
            assert_eq!(*row, format!("{old},tally,,"), "{case}");
        }
        let by_name = by.as_str();
        assert_eq!(
            flagged_rows,
            [
                format!("instrument,{by_name},support,,,,AUT,flagged,AUT,hedged;thin"),
                format!("instrument,{by_name},oppose,,,,G3,flagged,G3,conflicting"),
                format!("instrument,{by_name},support,,,,NGO,flagged,NGO,"),
            ],
            "{case}"
        );
    }

    // Cells a spreadsheet would run are neutralised in the flagged rows too.
    let mut risky = flag(doc("=cmd", "state", &[], "oppose"), &[Reason::Hedged]);
    risky.meta.actor = "@actor".into();
    let t = tally::tally(&[risky], &options(By::Submission, Policy::Own, true));
    let mut csv = Vec::new();
    tally::write_csv(&t, &mut csv, true).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.ends_with("instrument,submission,oppose,,,,'=cmd,flagged,'@actor,hedged\n"),
        "{csv}"
    );
}

// ---------------------------------------------------------------------------
// The development set, against counts worked out by hand
// ---------------------------------------------------------------------------

/// Counts worked out by hand from `../shared/corpora/unsg-2024/manifest.csv`
/// (30 rows), not with the code under test:
///
/// * 26 `state` submissions: AUS AUT BGR CAN CRI CUB FJI FIN FRA DEU GRC GTM
///   ITA JPN KIR LUX MWI NLD NOR PAK MDA RUS SRB SGP ESP USA (all Member States);
///   1 `observer_state`: PSE; 2 `group`s; 1 `regional_org` (EU). 26+1+2+1 = 30.
/// * IBERO_AMERICAN_SUMMIT_GROUP, 22 members, of which CRI CUB GTM ESP have
///   their own submission: 22 - 4 = 18 new (AND ARG BOL BRA COL CHL DOM ECU SLV
///   HND MEX NIC PAN PRY PER PRT URY VEN). 26 + 18 = 44.
/// * GROUP_OF_16_CCW, 14 members: CRI GTM (own), CHL COL DOM ECU SLV PAN PER
///   (Ibero), PSE (observer): 4 new Member States (KAZ NGA PHL SLE). 44 + 4 = 48.
/// * EU, 27 members: AUT BGR FIN FRA DEU GRC ITA LUX NLD ESP (own, 10) and PRT
///   (Ibero): 27 - 11 = 16 new (BEL HRV CYP CZE DNK EST HUN IRL LVA LTU MLT POL
///   ROU SVK SVN SWE). 48 + 16 = 64.
///
/// So 64 UN Member States and 1 observer State (PSE), 65 States, no other code,
/// no submission left out. With `own-only`: 26 Member States + PSE = 27, and
/// 64 - 26 = 38 States covered only by groups.
const DEV_MEMBER_STATES: usize = 64;
const DEV_OBSERVER_STATES: usize = 1;
const DEV_OWN_ONLY_MEMBER_STATES: usize = 26;
const DEV_GROUP_ONLY_STATES: usize = 38;

/// States covered by more than one submission, by hand: own and a group (CRI
/// CUB GTM ESP with Ibero; CRI GTM PSE with G16; the 10 EU States with their
/// own: AUT BGR FIN FRA DEU GRC ITA LUX NLD ESP), and two groups without an
/// own submission (CHL COL DOM ECU SLV PAN PER: Ibero and G16; PRT: Ibero and
/// EU): 14 + 8 = 22. Only these can be in conflict.
const DEV_MULTIPLY_COVERED: [&str; 22] = [
    "AUT", "BGR", "CHL", "COL", "CRI", "CUB", "DEU", "DOM", "ECU", "ESP", "FIN", "FRA", "GRC",
    "GTM", "ITA", "LUX", "NLD", "PAN", "PER", "PRT", "PSE", "SLV",
];

#[test]
fn tally_dev_set_state_expansion_matches_hand_counts() {
    let Some(dir) = shared_corpus("unsg-2024") else {
        return;
    };
    let docs = classify_corpus(&dir);
    assert_eq!(docs.len(), 30);
    for question in ["instrument", "regulation", "forum"] {
        assert_eq!(by_submission(&docs, question).total, 30);
        for policy in [Policy::Own, Policy::Group] {
            let t = by_state(&docs, question, policy);
            let st = t.states.as_ref().unwrap();
            assert_eq!(st.member_states.len(), DEV_MEMBER_STATES, "{question}");
            assert_eq!(strs(&st.observer_states), ["PSE"]);
            assert_eq!(st.observer_states.len(), DEV_OBSERVER_STATES);
            assert!(st.other_states.is_empty(), "{:?}", st.other_states);
            assert!(st.left_out.is_empty());
            assert_eq!(t.total, DEV_MEMBER_STATES + DEV_OBSERVER_STATES);
            let sum: usize = t.buckets.iter().map(|b| b.count()).sum();
            assert_eq!(sum, t.total);
            for c in &st.conflicts {
                assert!(
                    DEV_MULTIPLY_COVERED.contains(&c.state.as_str()),
                    "{question}: {} is covered once, cannot conflict",
                    c.state
                );
                assert!(c.submissions.len() >= 2);
            }
        }
        let t = by_state(&docs, question, Policy::OwnOnly);
        let st = t.states.as_ref().unwrap();
        assert_eq!(st.member_states.len(), DEV_OWN_ONLY_MEMBER_STATES);
        assert_eq!(strs(&st.observer_states), ["PSE"]);
        assert_eq!(st.group_only.len(), DEV_GROUP_ONLY_STATES);
        assert_eq!(t.total, DEV_OWN_ONLY_MEMBER_STATES + DEV_OBSERVER_STATES);
    }
}

// ---------------------------------------------------------------------------
// The command line on the bundled corpus
// ---------------------------------------------------------------------------

/// Classifies `corpus/` into `dir/NAME` with `--format FORMAT`.
fn classified(dir: &Path, name: &str, format: &str) -> PathBuf {
    let out = dir.join(name);
    stancer()
        .args(["classify", "corpus", "--format", format, "-o", p(&out)])
        .assert()
        .success();
    out
}

fn tally_stdout(args: &[&str]) -> String {
    let out = stancer().arg("tally").args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn tally_cli_json_by_submission_on_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let labelled = classified(dir.path(), "tmp.json", "json");
    let out = tally_stdout(&[p(&labelled), "--format", "json"]);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    let arr = v.as_array().expect("an array, one object per question");
    let questions: Vec<&str> = arr
        .iter()
        .map(|t| t["question"].as_str().unwrap())
        .collect();
    assert_eq!(questions, ["instrument", "regulation", "forum"]);
    for t in arr {
        let keys: Vec<&str> = t.as_object().unwrap().keys().map(String::as_str).collect();
        for k in ["question", "by", "total", "counts", "members"] {
            assert!(keys.contains(&k), "missing {k}");
        }
        assert_eq!(t["by"], "submission");
        assert_eq!(t["total"], 20, "the 20 submissions of corpus/");
        let counts = t["counts"].as_object().unwrap();
        let sum: u64 = counts.values().map(|n| n.as_u64().unwrap()).sum();
        assert_eq!(sum, 20);
        assert_eq!(counts[UNSUPPORTED_LANGUAGE], 0);
        for (label, n) in counts {
            let members = t["members"][label].as_array().unwrap();
            assert_eq!(members.len() as u64, n.as_u64().unwrap(), "{label}");
            let ids: Vec<&str> = members.iter().map(|m| m.as_str().unwrap()).collect();
            assert!(ids.windows(2).all(|w| w[0] < w[1]), "sorted ids");
        }
    }
    // Labels in the lexicon's order.
    assert!(out.find("\"support\"").unwrap() < out.find("\"oppose\"").unwrap());
    assert!(out.find("\"ccw\"").unwrap() < out.find("\"unspecified\"").unwrap());
}

#[test]
fn tally_cli_by_state_on_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let labelled = classified(dir.path(), "tmp.json", "json");
    let out = tally_stdout(&[
        p(&labelled),
        "--by",
        "state",
        "--question",
        "instrument",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 1);
    let t = &arr[0];
    // By hand from corpus/manifest.csv: 16 `state` submissions, HVN
    // (observer_state), TIDEWATER_GROUP (5 members) and MERIDIAN_UNION (5),
    // none shared: 16 + 1 + 5 + 5 = 27 codes, all fictional, so all "other";
    // LANTERNA_COALITION (civil_society) is left out.
    assert_eq!(t["total"], 27);
    assert_eq!(t["member_states"], 0);
    assert_eq!(t["observer_states"], 0);
    assert_eq!(t["other_states"], 27);
    assert_eq!(t["policy"], "own");
    assert_eq!(t["left_out"][0]["id"], "LANTERNA_COALITION");
    assert_eq!(t["conflicts"], serde_json::json!([]));
    let table = tally_stdout(&[p(&labelled), "--by", "state"]);
    assert!(
        table.contains("instrument — by State, policy own (27"),
        "{table}"
    );
    assert!(table.contains("other codes (neither UN Member nor observer States): 27"));
    assert!(table.contains("left out: 1 submission that covers no State"));
}

#[test]
fn tally_cli_table_csv_output_file_and_jsonl_input() {
    let dir = tempfile::tempdir().unwrap();
    let json = classified(dir.path(), "tmp.json", "json");
    let jsonl = classified(dir.path(), "tmp.jsonl", "jsonl");

    let table = tally_stdout(&[p(&json)]);
    assert!(
        table.starts_with("instrument — by submission (20)\n"),
        "{table}"
    );
    assert!(
        table.contains(" of 20 submissions ("),
        "counts with denominators: {table}"
    );

    let csv = tally_stdout(&[p(&json), "--format", "csv", "--question", "forum"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("question,by,label,count,total,percent,ids")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(
        rows.len(),
        4,
        "ccw, open, unspecified, unsupported_language"
    );
    assert!(rows[0].starts_with("forum,submission,ccw,"));
    assert!(rows[3].starts_with("forum,submission,unsupported_language,0,20,0.0,"));

    // JSON Lines input gives the same tally; -o writes the same bytes.
    let a = tally_stdout(&[p(&json), "--format", "json", "--by", "state"]);
    let b = tally_stdout(&[p(&jsonl), "--format", "json", "--by", "state"]);
    assert_eq!(a, b);
    let file = dir.path().join("tally.json");
    stancer()
        .args(["tally", p(&json), "--format", "json", "--by", "state"])
        .args(["-o", p(&file)])
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), a);
}

#[test]
fn tally_cli_flagged_matches_the_labelled_file() {
    let dir = tempfile::tempdir().unwrap();
    let labelled = classified(dir.path(), "tmp.json", "json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&labelled).unwrap()).unwrap();
    let docs = file["documents"].as_array().unwrap();
    // Per question, what the labelled file flags: (id, label, reasons), sorted by id.
    let expected = |q: &str| {
        let mut out: Vec<(String, String, Vec<String>)> = docs
            .iter()
            .filter(|d| d["questions"][q]["needs_review"] == true)
            .map(|d| {
                let r = &d["questions"][q];
                let reasons = r["review_reasons"]
                    .as_array()
                    .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
                    .unwrap_or_default();
                let label = r["label"].as_str().unwrap().to_string();
                (d["id"].as_str().unwrap().to_string(), label, reasons)
            })
            .collect();
        out.sort();
        out
    };

    for by in ["submission", "state"] {
        let out = tally_stdout(&[p(&labelled), "--flagged", "--format", "json", "--by", by]);
        let v: Value = serde_json::from_str(&out).unwrap();
        let mut total = 0;
        for t in v.as_array().unwrap() {
            let q = t["question"].as_str().unwrap();
            let got: Vec<(String, String, Vec<String>)> = t["flagged"]
                .as_array()
                .unwrap_or_else(|| panic!("{by} {q}: no flagged array in {t}"))
                .iter()
                .map(|f| {
                    assert_eq!(f["actor"], f["id"], "corpus/ actors are the ids");
                    let reasons = f["reasons"].as_array().unwrap();
                    (
                        f["id"].as_str().unwrap().to_string(),
                        f["label"].as_str().unwrap().to_string(),
                        reasons
                            .iter()
                            .map(|x| x.as_str().unwrap().to_string())
                            .collect(),
                    )
                })
                .collect();
            assert_eq!(got, expected(q), "{by} {q}");
            total += got.len();
        }
        let without = tally_stdout(&[p(&labelled), "--format", "json", "--by", by]);
        assert!(!without.contains("\"flagged\""), "{by}");

        let csv = tally_stdout(&[p(&labelled), "--flagged", "--format", "csv", "--by", by]);
        let mut rdr = csv::Reader::from_reader(csv.as_bytes());
        let kinds: Vec<String> = rdr
            .records()
            .map(|r| {
                let r = r.unwrap();
                assert_eq!(r.len(), 10);
                r[7].to_string()
            })
            .collect();
        let flagged_rows = kinds.iter().filter(|k| *k == "flagged").count();
        assert_eq!(flagged_rows, total, "{by}");
        assert_eq!(
            kinds.len() - flagged_rows,
            4 * 3,
            "{by}: 4 buckets per question"
        );

        let table = tally_stdout(&[p(&labelled), "--flagged", "--by", by]);
        let blocks = table.matches("  needs review: ").count();
        assert_eq!(blocks, 3, "one block per question:\n{table}");
    }
}

#[test]
fn tally_cli_bad_input_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    stancer()
        .args(["tally", p(&missing)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.json"));

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"not\": \"stancer\"}\n").unwrap();
    stancer().args(["tally", p(&bad)]).assert().code(2).stderr(
        predicate::str::contains("bad.json").and(predicate::str::contains("panicked").not()),
    );

    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "").unwrap();
    stancer()
        .args(["tally", p(&empty)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty.json"));

    let labelled = classified(dir.path(), "tmp.json", "json");
    stancer()
        .args(["tally", p(&labelled), "--question", "nonsense"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("tmp.json")
                .and(predicate::str::contains("nonsense"))
                .and(predicate::str::contains("instrument")),
        );
}

// ---------------------------------------------------------------------------
// Counts adjusted for the classifier's error (`tally --adjust`)
// ---------------------------------------------------------------------------

use stancer::adjust::{self, EvalQuestion, Status as AdjustStatus};
use stancer::eval::SplitMix64;

/// An evaluation of `question` with the instrument labels and `confusion`
/// (rows: true label; columns: predicted).
fn evaluation(question: &str, confusion: Vec<Vec<usize>>) -> EvalQuestion {
    EvalQuestion {
        question: question.into(),
        labels: INSTRUMENT_LABELS.iter().map(|l| l.to_string()).collect(),
        confusion,
    }
}

/// Counts per instrument label, in label order.
fn label_counts(predicted: &[usize]) -> Vec<(String, usize)> {
    INSTRUMENT_LABELS
        .iter()
        .map(|l| l.to_string())
        .zip(predicted.iter().copied())
        .collect()
}

/// Draws an index from `weights` (summing to 1).
fn draw(rng: &mut SplitMix64, weights: &[f64]) -> usize {
    let u = rng.next_u64() as f64 / (u64::MAX as f64 + 1.0);
    let mut acc = 0.0;
    for (i, w) in weights.iter().enumerate() {
        acc += w;
        if u < acc {
            return i;
        }
    }
    weights.len() - 1
}

/// `P(predicted | gold)`, rows gold: the classifier of the synthetic tests
/// misses a third of the opposition (calls it undecided) and over-calls
/// support.
const ERRORS: [[f64; 3]; 3] = [[0.85, 0.03, 0.12], [0.10, 0.60, 0.30], [0.15, 0.05, 0.80]];

#[test]
fn adjust_recovers_a_known_truth_exactly_in_expectation() {
    // Truth 2200 / 600 / 1200 of 4000; the counts the classifier would give
    // in expectation are N·Mπ; the evaluation holds the exact rates.
    let truth = [2200.0, 600.0, 1200.0];
    let predicted: Vec<usize> = (0..3)
        .map(|p| (0..3).map(|g| truth[g] * ERRORS[g][p]).sum::<f64>().round() as usize)
        .collect();
    assert_eq!(predicted, [2110, 486, 1404]);
    let eval = evaluation(
        "instrument",
        ERRORS
            .iter()
            .map(|row| row.iter().map(|r| (r * 1000.0).round() as usize).collect())
            .collect(),
    );
    let mut counts = label_counts(&predicted);
    counts.push((UNSUPPORTED_LANGUAGE.to_string(), 7));
    let a = adjust::adjust(
        "instrument",
        &counts,
        Some(&eval),
        &adjust::Options::default(),
    );
    assert_eq!(a.status, AdjustStatus::Corrected, "{:?}", a.message);
    for (row, t) in a.rows.iter().zip(truth) {
        let got = row.adjusted.unwrap();
        assert!((got - t).abs() < 1e-6, "{}: {got} vs {t}", row.label);
        let [lo, hi] = row.interval.unwrap();
        assert!(
            lo <= t && t <= hi,
            "{}: {t} outside [{lo}, {hi}]",
            row.label
        );
    }
    // The unreadable bucket is kept as counted.
    assert_eq!(a.rows[3].adjusted, Some(7.0));
    assert!(!a.rows[3].corrected);
    assert_eq!(a.total, 4007);
    assert_eq!(a.counted, 4000);
}

#[test]
fn adjust_corrects_a_simulated_count_toward_the_truth() {
    // A world of 3000 statements with known true labels, classified with
    // ERRORS; a hand-labelled evaluation sample of 1500 from the same world.
    let shares = [0.55, 0.15, 0.30];
    let mut rng = SplitMix64::new(2024);
    let mut truth = [0usize; 3];
    let mut predicted = [0usize; 3];
    for _ in 0..3000 {
        let g = draw(&mut rng, &shares);
        truth[g] += 1;
        predicted[draw(&mut rng, &ERRORS[g])] += 1;
    }
    let mut confusion = vec![vec![0usize; 3]; 3];
    for _ in 0..1500 {
        let g = draw(&mut rng, &shares);
        confusion[g][draw(&mut rng, &ERRORS[g])] += 1;
    }
    let eval = evaluation("instrument", confusion);
    let counts = label_counts(&predicted);
    let a = adjust::adjust(
        "instrument",
        &counts,
        Some(&eval),
        &adjust::Options::default(),
    );
    assert_eq!(a.status, AdjustStatus::Corrected);
    // The raw count of `oppose` is far off (a third is called undecided) ...
    let oppose_raw = predicted[1] as f64;
    let oppose_true = truth[1] as f64;
    assert!(
        oppose_true - oppose_raw > 40.0,
        "{oppose_raw} vs {oppose_true}"
    );
    for (i, row) in a.rows.iter().enumerate() {
        let (got, t) = (row.adjusted.unwrap(), truth[i] as f64);
        // ... the adjusted one is within 5% of the total, and the truth is in
        // the interval (nearer than raw on average: see the next test).
        assert!(
            (got - t).abs() < 0.05 * 3000.0,
            "{}: {got} vs {t}",
            row.label
        );
        let [lo, hi] = row.interval.unwrap();
        assert!(
            lo <= t && t <= hi,
            "{}: {t} outside [{lo}, {hi}]",
            row.label
        );
        assert!(lo <= got && got <= hi);
    }
    let sum: f64 = a.rows.iter().map(|r| r.adjusted.unwrap()).sum();
    assert!(
        (sum - 3000.0).abs() < 1e-6,
        "clipped to the simplex, times N"
    );
    // Same seed, same interval.
    let again = adjust::adjust(
        "instrument",
        &counts,
        Some(&eval),
        &adjust::Options::default(),
    );
    assert_eq!(a, again);
}

#[test]
fn adjust_clips_impossible_shares_to_the_simplex() {
    // Everything counted is `support`, but the classifier calls 20% of
    // support `oppose`: the inverse gives support > 100%; clipped, 100%.
    let eval = EvalQuestion {
        question: "q".into(),
        labels: vec!["support".into(), "oppose".into()],
        confusion: vec![vec![80, 20], vec![0, 50]],
    };
    let counts = vec![("support".to_string(), 40), ("oppose".to_string(), 0)];
    let a = adjust::adjust("q", &counts, Some(&eval), &adjust::Options::default());
    assert_eq!(a.rows[0].adjusted, Some(40.0));
    assert_eq!(a.rows[1].adjusted, Some(0.0));
}

/// The JSON of `stancer eval` on `labelled` against `corpus/gold.csv`, in `dir`.
fn eval_json(dir: &Path, labelled: &Path) -> PathBuf {
    let out = dir.join("eval.json");
    stancer()
        .args([
            "eval",
            p(labelled),
            "--gold",
            "corpus/gold.csv",
            "--format",
            "json",
        ])
        .args(["-o", p(&out)])
        .assert()
        .success();
    out
}

#[test]
fn tally_cli_adjust_shows_raw_and_adjusted_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let labelled = classified(dir.path(), "tmp.json", "json");
    let eval = eval_json(dir.path(), &labelled);

    // The bundled corpus's evaluation is small (a label has 2 gold
    // documents): lower the bar to see a correction.
    let eval_file: Value = serde_json::from_str(&std::fs::read_to_string(&eval).unwrap()).unwrap();
    let json = tally_stdout(&[
        p(&labelled),
        "--adjust",
        p(&eval),
        "--min-gold-per-label",
        "1",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&json).unwrap();
    for t in v.as_array().unwrap() {
        let keys: Vec<&String> = t.as_object().unwrap().keys().collect();
        let a = &t["adjusted"];
        assert_eq!(a["status"], "corrected", "{a}");
        assert_eq!(a["method"], "adjusted classify-and-count");
        assert_eq!(a["evaluation"]["n"], 20);
        assert_eq!(a["bootstrap"]["resamples"], 1000);
        // Where the evaluation found no error (a diagonal confusion matrix),
        // the correction is the identity.
        let e = eval_file["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["question"] == t["question"])
            .unwrap();
        let confusion = e["confusion"].as_array().unwrap();
        let diagonal = confusion.iter().enumerate().all(|(g, row)| {
            row.as_array()
                .unwrap()
                .iter()
                .enumerate()
                .all(|(p, n)| g == p || n == 0)
        });
        let mut sum = 0.0;
        for row in a["counts"].as_array().unwrap() {
            let label = row["label"].as_str().unwrap();
            assert_eq!(row["raw"], t["counts"][label], "{label}");
            if label == UNSUPPORTED_LANGUAGE {
                assert_eq!(row["corrected"], false);
                assert_eq!(row["adjusted"].as_f64(), row["raw"].as_f64());
                continue;
            }
            let adjusted = row["adjusted"].as_f64().unwrap();
            sum += adjusted;
            if diagonal {
                assert_eq!(Some(adjusted), row["raw"].as_f64(), "{label}");
            }
            let (lo, hi) = (row["low"].as_f64().unwrap(), row["high"].as_f64().unwrap());
            assert!(lo <= hi && lo >= 0.0 && hi <= 20.0, "{label}: [{lo}, {hi}]");
        }
        assert!((sum - a["counted"].as_f64().unwrap()).abs() < 1e-3, "{sum}");
        assert!(keys.contains(&&"counts".to_string()));
    }
    // Without --adjust, the same JSON but for the `adjusted` key.
    let plain = tally_stdout(&[p(&labelled), "--format", "json"]);
    let mut stripped = v.clone();
    for t in stripped.as_array_mut().unwrap() {
        t.as_object_mut().unwrap().remove("adjusted");
    }
    assert_eq!(stripped, serde_json::from_str::<Value>(&plain).unwrap());

    // The table: the usual block, then the correction.
    let plain = tally_stdout(&[p(&labelled), "--question", "instrument"]);
    let table = tally_stdout(&[
        p(&labelled),
        "--question",
        "instrument",
        "--adjust",
        p(&eval),
        "--min-gold-per-label",
        "1",
    ]);
    assert!(table.starts_with(&plain), "{table}");
    let extra = &table[plain.len()..];
    assert!(
        extra.starts_with(
            "  adjusted for the classifier's measured error (adjusted classify-and-count, evaluation of 20 documents)\n"
        ),
        "{extra}"
    );
    assert!(extra.contains("raw"), "{extra}");
    assert!(extra.contains("95% interval"), "{extra}");
    // Each label's raw count and its adjusted count, as in the JSON.
    for row in v[0]["adjusted"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .take(3)
    {
        let raw = row["raw"].as_u64().unwrap();
        let adjusted = row["adjusted"].as_f64().unwrap();
        let (rp, ap) = (raw as f64 * 5.0, adjusted * 5.0);
        let line = format!("{raw} ({rp:.1}%)  ");
        assert!(extra.contains(&line), "{line} in {extra}");
        let line = format!("{adjusted:.1} ({ap:.1}%)  [");
        assert!(extra.contains(&line), "{line} in {extra}");
    }
    assert!(extra.contains("1000 rounds (seed 42)"), "{extra}");

    // CSV: three more columns.
    let csv = tally_stdout(&[
        p(&labelled),
        "--question",
        "forum",
        "--format",
        "csv",
        "--adjust",
        p(&eval),
        "--min-gold-per-label",
        "1",
    ]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("question,by,label,count,total,percent,ids,adjusted,low,high")
    );
    let ccw = lines.next().unwrap();
    assert!(ccw.starts_with("forum,submission,ccw,"), "{ccw}");
    let cells: Vec<&str> = ccw.split(',').collect();
    let adjusted: f64 = cells[7].parse().unwrap();
    assert!((0.0..=20.0).contains(&adjusted), "{ccw}");
    assert_eq!(
        cells[7].split('.').nth(1).map(str::len),
        Some(4),
        "four decimals"
    );
    let csv = tally_stdout(&[
        p(&labelled),
        "--format",
        "csv",
        "--flagged",
        "--adjust",
        p(&eval),
    ]);
    assert!(csv.starts_with(
        "question,by,label,count,total,percent,ids,kind,actor,reasons,adjusted,low,high\n"
    ));
}

#[test]
fn tally_cli_adjust_says_plainly_when_nothing_can_be_corrected() {
    let dir = tempfile::tempdir().unwrap();
    let labelled = classified(dir.path(), "tmp.json", "json");
    let eval = eval_json(dir.path(), &labelled);
    let table = tally_stdout(&[
        p(&labelled),
        "--question",
        "instrument",
        "--adjust",
        p(&eval),
        "--min-gold-per-label",
        "10",
    ]);
    assert!(
        table.contains("evaluation of 20 documents): not corrected"),
        "{table}"
    );
    assert!(
        table.contains(
            "evaluation too small to correct anything: gold label `support` has 7 documents"
        ),
        "{table}"
    );
    assert!(table.contains("the raw counts stand"), "{table}");
    let json = tally_stdout(&[
        p(&labelled),
        "--question",
        "instrument",
        "--adjust",
        p(&eval),
        "--min-gold-per-label",
        "10",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let a = &v[0]["adjusted"];
    assert_eq!(a["status"], "too_small");
    assert_eq!(a["counts"][0]["adjusted"], Value::Null);
    assert_eq!(a["counts"][0]["raw"], 7);

    // An evaluation of another question only.
    let only_forum = dir.path().join("forum.json");
    let mut e: Value = serde_json::from_str(&std::fs::read_to_string(&eval).unwrap()).unwrap();
    e["questions"]
        .as_array_mut()
        .unwrap()
        .retain(|q| q["question"] == "forum");
    std::fs::write(&only_forum, e.to_string()).unwrap();
    let table = tally_stdout(&[
        p(&labelled),
        "--question",
        "instrument",
        "--adjust",
        p(&only_forum),
    ]);
    assert!(
        table
            .contains("no evaluation of `instrument` in the evaluation file: the raw counts stand"),
        "{table}"
    );

    // Not an eval output: exit 2 naming the file.
    stancer()
        .args(["tally", p(&labelled), "--adjust", p(&labelled)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("tmp.json").and(predicate::str::contains("stancer eval")));
}

#[test]
fn tally_adjust_dev_set_says_which_questions_the_evaluation_is_too_small_for() {
    let Some(dir) = shared_corpus("unsg-2024") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let labelled = tmp.path().join("unsg.json");
    classify_into(&dir, &labelled);
    let eval = tmp.path().join("eval.json");
    stancer()
        .args([
            "eval",
            p(&labelled),
            "--gold",
            p(&dir.join("gold.csv")),
            "--format",
            "json",
        ])
        .args(["-o", p(&eval)])
        .assert()
        .success();
    let json = tally_stdout(&[p(&labelled), "--adjust", p(&eval), "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    for t in v.as_array().unwrap() {
        let a = &t["adjusted"];
        let gold = a["evaluation"]["gold"].as_object().unwrap();
        let smallest = gold.values().map(|n| n.as_u64().unwrap()).min().unwrap();
        let expected = if smallest < 5 {
            "too_small"
        } else {
            "corrected"
        };
        assert_eq!(a["status"], expected, "{}", t["question"]);
        if expected == "corrected" {
            let sum: f64 = a["counts"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|r| r["adjusted"].as_f64())
                .sum();
            assert!((sum - 30.0).abs() < 1e-3, "{sum}");
        }
    }
}

/// One simulated world (seed `seed`): `n` statements with true shares
/// `shares` classified with [`ERRORS`], and an evaluation sample of `eval_n`.
/// Returns (truth, raw counts, the correction).
fn simulate(
    seed: u64,
    n: usize,
    eval_n: usize,
    resamples: usize,
) -> ([usize; 3], [usize; 3], adjust::Adjustment) {
    let shares = [0.55, 0.15, 0.30];
    let mut rng = SplitMix64::new(seed);
    let mut truth = [0usize; 3];
    let mut predicted = [0usize; 3];
    for _ in 0..n {
        let g = draw(&mut rng, &shares);
        truth[g] += 1;
        predicted[draw(&mut rng, &ERRORS[g])] += 1;
    }
    let mut confusion = vec![vec![0usize; 3]; 3];
    for _ in 0..eval_n {
        let g = draw(&mut rng, &shares);
        confusion[g][draw(&mut rng, &ERRORS[g])] += 1;
    }
    let eval = evaluation("q", confusion);
    let counts = label_counts(&predicted);
    let options = adjust::Options {
        resamples,
        seed: seed + 1,
        ..adjust::Options::default()
    };
    (
        truth,
        predicted,
        adjust::adjust("q", &counts, Some(&eval), &options),
    )
}

#[test]
fn adjust_intervals_cover_the_truth_about_95_percent_of_the_time() {
    // 100 simulated worlds of 2000 statements, each with an evaluation of
    // 600: the 95% intervals must hold the true count in most of them, and
    // the adjusted count of the label the classifier misses must be nearer the
    // truth than the raw count on average.
    let runs = 100;
    let mut covered = [0usize; 3];
    let (mut raw_error, mut adjusted_error) = ([0.0; 3], [0.0; 3]);
    for seed in 0..runs {
        let (truth, predicted, a) = simulate(seed, 2000, 600, 200);
        assert_eq!(a.status, AdjustStatus::Corrected);
        for i in 0..3 {
            let t = truth[i] as f64;
            let [lo, hi] = a.rows[i].interval.unwrap();
            covered[i] += usize::from(lo <= t && t <= hi);
            raw_error[i] += (predicted[i] as f64 - t).abs();
            adjusted_error[i] += (a.rows[i].adjusted.unwrap() - t).abs();
        }
    }
    for i in 0..3 {
        assert!(
            covered[i] >= 88,
            "{}: covered {} of {runs}",
            INSTRUMENT_LABELS[i],
            covered[i]
        );
        assert!(
            adjusted_error[i] < raw_error[i],
            "{}: adjusted off by {} on average, raw by {}",
            INSTRUMENT_LABELS[i],
            adjusted_error[i] / runs as f64,
            raw_error[i] / runs as f64
        );
    }
}
