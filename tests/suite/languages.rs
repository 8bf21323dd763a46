//! Statements in several languages: routing by the manifest's `language`,
//! detection when it is empty, `unsupported_language` when no lexicon reads
//! the language, and tallies over the mixed corpus (`tests/data/mixed`); then
//! the same for Arabic, Chinese and Russian over a corpus of the six UN
//! languages written here, offsets into the original text of every script, and
//! the traditional-to-simplified table against the Chinese lexicon.

use assert_cmd::Command;

use super::util::root;

fn stancer(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("stancer")
        .unwrap()
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn classify_mixed(dir: &std::path::Path) -> serde_json::Value {
    let out = dir.join("mixed.json");
    let (code, _, err) = stancer(&["classify", "tests/data/mixed", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

#[test]
fn each_document_is_read_with_the_lexicon_of_its_language() {
    let dir = tempfile::tempdir().unwrap();
    let v = classify_mixed(dir.path());
    let lexicons: Vec<&str> = v["meta"]["lexicons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        lexicons,
        ["laws-en", "laws-es", "laws-fr", "laws-ar", "laws-zh", "laws-ru"]
    );
    let docs = v["documents"].as_array().unwrap();
    let by_id = |id: &str| docs.iter().find(|d| d["id"] == id).unwrap();
    for (id, lexicon, language) in [
        ("QMB", "laws-es", "es"),
        ("ZLT", "laws-fr", "fr"),
        ("JVK", "laws-en", "en"),
        ("QSR", "laws-es", "es"),
    ] {
        let d = by_id(id);
        assert_eq!(d["status"], "ok", "{id}");
        assert_eq!(d["lexicon"], lexicon, "{id}");
        assert_eq!(d["language"], language, "{id}");
    }
    // QSR's manifest row has no language: it was detected, and says so.
    assert_eq!(by_id("QSR")["language_detected"], true);
    assert!(by_id("QMB").get("language_detected").is_none());
    // No lexicon reads German: an explicit status, never a silent undecided.
    let zhw = by_id("ZHW");
    assert_eq!(zhw["status"], "unsupported_language");
    assert!(zhw["lexicon"].is_null());
    assert_eq!(zhw["questions"].as_object().unwrap().len(), 0);
}

#[test]
fn mixed_corpus_matches_its_gold_labels() {
    let dir = tempfile::tempdir().unwrap();
    classify_mixed(dir.path());
    let labelled = dir.path().join("mixed.json");
    let (code, out, err) = stancer(&[
        "eval",
        labelled.to_str().unwrap(),
        "--gold",
        "tests/data/mixed/gold.csv",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for q in v["questions"].as_array().unwrap() {
        assert_eq!(
            q["n"], 4,
            "{}: the four readable documents are compared",
            q["question"]
        );
        assert_eq!(
            q["accuracy"], 1.0,
            "{}: {}",
            q["question"], q["disagreements"]
        );
    }
}

#[test]
fn tallies_over_a_mixed_corpus_count_unsupported_languages_apart() {
    let dir = tempfile::tempdir().unwrap();
    classify_mixed(dir.path());
    let labelled = dir.path().join("mixed.json");
    let (code, out, err) = stancer(&[
        "tally",
        labelled.to_str().unwrap(),
        "--question",
        "instrument",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let t = &v[0];
    assert_eq!(t["total"], 5);
    assert_eq!(t["counts"]["unsupported_language"], 1);
    assert_eq!(t["members"]["unsupported_language"][0], "ZHW");
    assert_eq!(t["counts"]["support"], 1);
    assert_eq!(t["counts"]["oppose"], 2);
    assert_eq!(t["counts"]["undecided"], 1);
}

// ---------------------------------------------------------------------------
// The six UN languages
// ---------------------------------------------------------------------------

/// One statement of the six-language corpus: id, manifest language (empty:
/// detected), the language it is in, its text and its gold labels
/// (instrument, regulation, forum; `None` for a language no lexicon reads).
struct Statement {
    id: &'static str,
    language: &'static str,
    detected: &'static str,
    text: &'static str,
    gold: Option<[&'static str; 3]>,
}

/// Statements written for this test in the register of CCW and First
/// Committee statements and civil-society submissions; actors are invented.
const UN6: &[Statement] = &[
    Statement {
        id: "AR_CSO",
        language: "ar",
        detected: "ar",
        text: "مذكرة مقدمة من تحالف منظمات المجتمع المدني في منطقة فيلمورا\n\n\
تشعر منظماتنا بقلق بالغ إزاء تطوير منظومات الأسلحة الفتاكة الذاتية التشغيل واستخدامها. \
إن تفويض قرارات الحياة والموت إلى الآلات أمر غير مقبول أخلاقيا وقانونيا.\n\n\
ولذلك نطالب الدول بالشروع دون تأخير في التفاوض على صك دولي جديد ملزم قانونا يحظر الأسلحة \
التي تستهدف البشر والأسلحة التي لا يمكن إخضاعها لسيطرة بشرية هادفة، ويضع قيودا صارمة على سائر المنظومات. \
ونؤيد دعوة الأمين العام إلى إبرام هذا الصك بحلول عام 2026.\n\n\
ونرى أن المفاوضات يمكن أن تجرى في الجمعية العامة أو في أي محفل مفتوح أمام جميع الدول.",
        gold: Some(["support", "support", "open"]),
    },
    Statement {
        id: "AR_STATE",
        language: "",
        detected: "ar",
        text: "بيان وفد مملكة زهران أمام فريق الخبراء الحكوميين\n\n\
السيد الرئيس، يرى وفد بلادي أن القانون الدولي الإنساني القائم كاف لمعالجة منظومات الأسلحة الذاتية التشغيل، \
ولا توجد ثغرات قانونية تستدعي وضع صك جديد. \
إن التفاوض على معاهدة في هذه المسألة سابق لأوانه. \
ونرى أن الاتفاقية المتعلقة بأسلحة تقليدية معينة هي المحفل المناسب لمواصلة المناقشات، ونحذر من إطلاق عمليات موازية.",
        gold: Some(["oppose", "undecided", "ccw"]),
    },
    Statement {
        id: "ZH_STATE",
        language: "zh",
        detected: "zh",
        text: "泽兰共和国代表团在政府专家组会议上的发言\n\n\
主席先生，致命自主武器系统问题关系到国际和平与安全。\
我们支持两级办法：禁止不可接受的自主武器系统，并对其他系统加以规范，确保人类控制。\
至于是否制定具有法律约束力的文书，只有在就定义达成共识之后才能考虑。\
我们认为，《特定常规武器公约》是讨论这一问题的最适当平台，不赞成另起炉灶。",
        gold: Some(["undecided", "support", "ccw"]),
    },
    Statement {
        id: "ZH_TRAD",
        language: "",
        detected: "zh",
        text: "瓦倫聯邦代表團的發言\n\n\
本國認為，致命自主武器系統帶來嚴重的人道、法律和倫理關切。\
我們呼籲儘快啟動談判，制定一項關於自主武器系統的具有法律約束力的文書，\
禁止不受人類控制的系統。聯合國大會的討論與日內瓦政府專家組的工作互為補充。",
        gold: Some(["support", "support", "open"]),
    },
    Statement {
        id: "RU_STATE",
        language: "ru",
        detected: "ru",
        text: "Выступление делегации Республики Корвания в Первом комитете\n\n\
Господин Председатель, мы считаем Конвенцию о «негуманном» оружии единственной оптимальной площадкой \
для обсуждения смертоносных автономных систем вооружений. \
Действующее международное гуманитарное право является вполне достаточным, правовых пробелов нет. \
Нет убедительных оснований для введения каких-либо новых ограничений в отношении САС. \
Считаем контрпродуктивным переносить этот вопрос на любую другую площадку.",
        gold: Some(["oppose", "oppose", "ccw"]),
    },
    Statement {
        id: "RU_DETECTED",
        language: "",
        detected: "ru",
        text: "Заявление Республики Лантерия\n\n\
Мы выступаем за безотлагательное начало переговоров о юридически обязывающем документе \
по автономным системам вооружений, который запретит системы, действующие без значимого человеческого контроля.",
        gold: Some(["support", "support", "unspecified"]),
    },
    Statement {
        id: "EN_STATE",
        language: "en",
        detected: "en",
        text: "Statement of the Republic of Orvania\n\n\
Orvania supports the negotiation of a legally binding instrument on autonomous weapons systems \
and believes such negotiations should start without delay.",
        gold: Some(["support", "support", "unspecified"]),
    },
    Statement {
        id: "FA_STATE",
        language: "",
        detected: "fa",
        text: "بیانیه هیئت نمایندگی\n\n\
جمهوری ما از آغاز مذاکرات برای یک سند الزام آور حقوقی درباره سامانه های تسلیحاتی خودمختار مرگبار حمایت می کند \
و از همه کشورها می خواهد که در این روند مشارکت کنند.",
        gold: None,
    },
    Statement {
        id: "HE_STATE",
        language: "he",
        detected: "he",
        text: "הצהרת המשלחת\n\nאנו תומכים במשא ומתן על מכשיר מחייב משפטית בנושא מערכות נשק אוטונומיות קטלניות.",
        gold: None,
    },
];

/// Writes the six-language corpus (manifest, texts, gold labels) to `dir`.
fn write_un6(dir: &std::path::Path) {
    let mut manifest = String::from(
        "id,file,actor,actor_name,actor_kind,members,language,original_language,date,forum,source\n",
    );
    let mut gold = String::from("id,instrument,regulation,forum\n");
    for s in UN6 {
        std::fs::write(dir.join(format!("{}.txt", s.id)), s.text).unwrap();
        manifest.push_str(&format!(
            "{id},{id}.txt,{id},,state,,{lang},{lang},2026-05-01,fictional-2026,stancer test\n",
            id = s.id,
            lang = s.language
        ));
        if let Some([i, r, f]) = s.gold {
            gold.push_str(&format!("{},{i},{r},{f}\n", s.id));
        }
    }
    std::fs::write(dir.join("manifest.csv"), manifest).unwrap();
    std::fs::write(dir.join("gold.csv"), gold).unwrap();
}

fn classify_un6(dir: &std::path::Path) -> serde_json::Value {
    write_un6(dir);
    let out = dir.join("labelled.json");
    let (code, _, err) = stancer(&[
        "classify",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

#[test]
fn arabic_chinese_and_russian_are_routed_to_their_lexicons() {
    let dir = tempfile::tempdir().unwrap();
    let v = classify_un6(dir.path());
    let docs = v["documents"].as_array().unwrap();
    for s in UN6 {
        let d = docs.iter().find(|d| d["id"] == s.id).unwrap();
        assert_eq!(d["language"], s.detected, "{}: language", s.id);
        assert_eq!(
            d.get("language_detected").is_some(),
            s.language.is_empty(),
            "{}: language_detected",
            s.id
        );
        match s.gold {
            Some(_) => {
                assert_eq!(d["status"], "ok", "{}", s.id);
                assert_eq!(d["lexicon"], format!("laws-{}", s.detected), "{}", s.id);
            }
            None => {
                // No lexicon reads Persian or Hebrew: an explicit status.
                assert_eq!(d["status"], "unsupported_language", "{}", s.id);
                assert!(d["lexicon"].is_null(), "{}", s.id);
            }
        }
    }
}

#[test]
fn six_language_corpus_matches_its_gold_labels() {
    let dir = tempfile::tempdir().unwrap();
    classify_un6(dir.path());
    let (code, out, err) = stancer(&[
        "eval",
        dir.path().join("labelled.json").to_str().unwrap(),
        "--gold",
        dir.path().join("gold.csv").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let readable = UN6.iter().filter(|s| s.gold.is_some()).count();
    for q in v["questions"].as_array().unwrap() {
        assert_eq!(q["n"], readable, "{}", q["question"]);
        assert_eq!(
            q["accuracy"], 1.0,
            "{}: {}",
            q["question"], q["disagreements"]
        );
    }
}

#[test]
fn tallies_over_six_languages_count_unsupported_ones_apart() {
    let dir = tempfile::tempdir().unwrap();
    classify_un6(dir.path());
    let (code, out, err) = stancer(&[
        "tally",
        dir.path().join("labelled.json").to_str().unwrap(),
        "--question",
        "instrument",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let t = &v[0];
    assert_eq!(t["total"], UN6.len());
    assert_eq!(t["counts"]["unsupported_language"], 2);
    assert_eq!(t["counts"]["support"], 4);
    assert_eq!(t["counts"]["oppose"], 2);
    assert_eq!(t["counts"]["undecided"], 1);
}

/// Checks that every evidence item of `labelled` points into `text`: its
/// offsets slice the text to its `text`, on char boundaries, inside its
/// sentence, and the text folds to the cue.
fn check_offsets(text: &str, labelled: &stancer::classify::Labelled) -> usize {
    let mut n = 0;
    for (q, r) in &labelled.questions.0 {
        for e in &r.evidence {
            n += 1;
            let at = format!("{} {q} {:?}", labelled.meta.id, e.cue);
            assert_eq!(text.get(e.start..e.end), Some(e.text.as_str()), "{at}");
            assert!(
                super::util::matches_cue(&e.text, &e.cue),
                "{at}: {:?}",
                e.text
            );
            let s_end = e.sentence_start + e.sentence.len();
            assert_eq!(
                text.get(e.sentence_start..s_end),
                Some(e.sentence.as_str()),
                "{at}"
            );
            assert!(e.sentence_start <= e.start && e.end <= s_end, "{at}");
            for m in &e.modifiers {
                assert!(
                    text.get(m.start..m.end).is_some() && m.start < m.end,
                    "{at}: modifier {:?}",
                    m.phrase
                );
            }
        }
    }
    n
}

#[test]
fn evidence_points_into_the_original_in_every_script() {
    use stancer::{classify::classify, Document, Lexicon};
    let lexicons = Lexicon::builtins();
    let mut n = 0;
    for s in UN6.iter().filter(|s| s.gold.is_some()) {
        let lexicon = lexicons.iter().find(|l| l.language == s.detected).unwrap();
        let out = classify(lexicon, &Document::new(s.id, s.text));
        n += check_offsets(s.text, &out);
    }
    assert!(n > 25, "only {n} evidence items");
    // Text that folding changes in length: harakat, tatweel, bidirectional
    // marks, presentation forms, full-width forms, traditional characters,
    // «ёлочки».
    for (lang, text) in [
        (
            "ar",
            "\u{200f}نُؤَيِّدُ التَّفَاوُضَ عَلَى صَكٍّ مُلْزِمٍ قَانُونًا بِشَأْنِ الأَسْلِحَةِ الذَّاتِيَّـــةِ التَّشْغِيلِ\u{200f}.",
        ),
        (
            "ar",
            "ﻧﺆﻳﺪ اﻟﺘﻔﺎوض ﻋﻠﻰ ﺻﻚ ﻣﻠﺰم ﻗﺎﻧﻮﻧﺎ ﺑﺸﺄن اﻷﺳﻠﺤﺔ اﻟﺬاﺗﻴﺔ اﻟﺘﺸﻐﻴﻞ؟ ﻧﻌﻢ.",
        ),
        (
            "zh",
            "我們支持在ＣＣＷ框架下於２０２６年前締結一項關於自主武器系統的具有法律約束力的文書。",
        ),
        (
            "ru",
            "Мы ПОДДЕРЖИВАЕМ «юридически\u{00a0}обязывающий» документ по САС — ещё в 2026 г. Вот.",
        ),
    ] {
        let lexicon = lexicons.iter().find(|l| l.language == lang).unwrap();
        let out = classify(lexicon, &Document::new("x", text));
        assert!(check_offsets(text, &out) > 0, "{text}");
        assert_eq!(
            out.questions.get("instrument").unwrap().label,
            "support",
            "{text}"
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, failure_persistence: None, ..Default::default() })]
    /// Any mix of pieces of the three scripts (cues, modifiers, marks,
    /// controls, punctuation) classifies without panic, with evidence that
    /// points into the original.
    #[test]
    fn any_mix_of_scripts_keeps_offsets(
        picks in proptest::collection::vec(proptest::sample::select(vec![
            "صك ملزم قانونا", "الأسلحة الذاتية التشغيل", "لا نؤيد", "ولا", "حظر", "سابق لأوانه", "\u{064e}", "\u{0640}",
            "\u{200f}", "؟ ", "، ", "ﻧﺆﻳﺪ", "\u{fefb}", "具有法律约束力的文书", "自主武器系统", "不支持", "禁止", "。", "，",
            "約束力", "ＣＣＷ", "юридически обязывающий документ", "САС", "не поддерживаем", "«", "»", "ё", " ", "\n\n", "x",
        ]), 0..40),
        lang in proptest::sample::select(vec!["ar", "zh", "ru"]),
    ) {
        use stancer::{classify::classify, Document, Lexicon};
        static LEXICONS: std::sync::OnceLock<Vec<Lexicon>> = std::sync::OnceLock::new();
        let lexicons = LEXICONS.get_or_init(Lexicon::builtins);
        let text: String = picks.concat();
        let lexicon = lexicons.iter().find(|l| l.language == lang).unwrap();
        let out = classify(lexicon, &Document::new("x", &text));
        check_offsets(&text, &out);
    }
}

#[test]
fn every_character_of_the_chinese_lexicon_has_its_traditional_forms() {
    // Characters written the same in simplified and traditional Chinese; every
    // other character of laws-zh.toml must be a simplified form in the table.
    const SAME: &str = "仍本身一上下不中主久之乏也了予事互些亟交人今他付代令以件任但何作佳使依促保信修候倡假停充免入全公六共其具再出刀分切列判利到制刻削前割力加助努包化十即反取受口另只可台各合同后向否告呼命和唯商喻器因在地型域基塑外多大契奠如妨始委字存完定宜害家容小少尚就展工已巴希席常干平年并底府度延建式弱形影待很律得心必快忽怖急性恐恰情惕意懈成或所手才打托批扼承技抑投拒拖括持指授排接控推措提支改攻放政效散敦整文料新方施既日旦早明易映是智暖更替最有服望期未束果架某核格框案概次款止正此步武死段毫民水求治法泛注洋洞流海深渠渡源漏漠然熟片物特犯球理瓦生用由留疑痛白皂的益盟目相眉看真督睫研破碎示票禁科秘移程究空突立符第策算管系纂缺罪置署考者而能腐自致若苦范草荒行衡表被裁要解言警走起足路迎迫述逆透逐通道避部都重阻附限除集雷需青非面黎";
    use stancer::normalize::{fold, T2S};
    let lexicon =
        std::fs::read_to_string(super::util::root().join("lexicons/laws-zh.toml")).unwrap();
    let phrases: String = lexicon
        .lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .collect();
    let simplified: std::collections::HashSet<char> = T2S.iter().map(|&(_, s)| s).collect();
    let missing: String = phrases
        .chars()
        .filter(|&c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        .filter(|c| !simplified.contains(c) && !SAME.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "characters to add to T2S or SAME: {missing}"
    );
    // The table is sorted (binary search), maps into the lexicon and never to
    // a character that is itself mapped.
    assert!(T2S.windows(2).all(|w| w[0].0 < w[1].0));
    for &(t, s) in T2S {
        assert!(phrases.contains(s), "{t} → {s}: not in the lexicon");
        assert!(!phrases.contains(t), "{t}: traditional form in the lexicon");
        assert_eq!(fold(&t.to_string()).text, s.to_string());
    }
    assert_eq!(
        fold("締結具有法律約束力的國際條約，禁止並規範").text,
        fold("缔结具有法律约束力的国际条约，禁止并规范").text
    );
}
