//! raw → detect → save → load → save is byte-identical, for generated issues
//! and with an editor's corrections on top.

use jianbao::model::{Contributor, FlagStatus, Review, Role};
use jianbao::store;
use proptest::prelude::*;

/// Pieces newspaper dumps are made of; the generator strings them together.
fn piece() -> impl Strategy<Value = String> {
    let han = "[县乡镇村会议工作发展建设人民群众企业项目经济社会文化教育调研部署推进落实坚持加强]{2,30}";
    prop_oneof![
        // Headlines, markdown or plain.
        han.prop_map(|h| format!("# {h}")),
        han.prop_map(|h| format!("## {h}")),
        han.prop_map(|h| h.chars().take(14).collect::<String>()),
        // Decks and subheads.
        han.prop_map(|h| format!("### ——{h}")),
        // Leads with bylines and datelines.
        (han, 1u32..13, 1u32..29).prop_map(|(t, m, d)| format!("本报讯(记者李明 通讯员王伟){m}月{d}日上午,{t}。")),
        (han, 1u32..13).prop_map(|(t, d)| format!("新华社北京{d}月{d}日电（记者张华）{t}。")),
        Just("本报记者 赵刚  ".to_string()),
        Just("□溪言".to_string()),
        // Body, sometimes broken mid-sentence, with half-width marks and stray Latin.
        han.prop_map(|t| format!("{t},{t}。")),
        han.prop_map(|t| format!("{t},一要{t}")),
        han.prop_map(|t| format!("{t} will {t}(试点)。")),
        han.prop_map(|t| format!("{t}。杨松摄")),
        Just("（陆明沈建国）".to_string()),
        Just("第02版：综合".to_string()),
        Just(String::new()),
        Just("\u{c}".to_string()),
        "[ -~]{0,20}",
    ]
}

fn issue_text() -> impl Strategy<Value = String> {
    (prop::collection::vec(piece(), 1..40), prop_oneof![Just("\n"), Just("\r\n"), Just("\n\n")])
        .prop_map(|(pieces, eol)| pieces.join(eol))
        .prop_filter("not blank", |t| !t.trim().is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn detect_save_load_save_is_byte_identical(text in issue_text()) {
        let issue = jianbao::detect_bytes(text.as_bytes(), "generated.txt").unwrap();
        let first = store::to_ron(&issue).unwrap();
        let loaded = store::from_ron(&first, "generated.ron").unwrap();
        prop_assert_eq!(&loaded, &issue);
        let second = store::to_ron(&loaded).unwrap();
        prop_assert_eq!(first, second);
        // The source is kept exactly, and every article lies inside it.
        prop_assert_eq!(&loaded.source, &text);
        let lines = jianbao::ingest::Source::from_text(text.clone(), "UTF-8").line_count();
        for a in &loaded.articles {
            prop_assert!(a.lines.first >= 1 && a.lines.first <= a.lines.last && a.lines.last <= lines);
        }
    }

    #[test]
    fn any_text_is_detected_without_panic(text in "(\\PC|[\n\r（）()#□—“”：:,，。]){1,400}") {
        if let Ok(issue) = jianbao::detect_bytes(text.as_bytes(), "any.txt") {
            let ron = store::to_ron(&issue).unwrap();
            prop_assert_eq!(store::from_ron(&ron, "any.ron").unwrap(), issue);
        }
    }

    #[test]
    fn detection_is_deterministic(text in issue_text()) {
        let a = jianbao::detect_bytes(text.as_bytes(), "x.txt").unwrap();
        let b = jianbao::detect_bytes(text.as_bytes(), "x.txt").unwrap();
        prop_assert_eq!(a, b);
    }
}

#[test]
fn corrections_review_and_notes_survive_save_and_load() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/yunxi-county-news.md")).unwrap();
    let mut issue = jianbao::detect_bytes(text.as_bytes(), "yunxi-county-news.md").unwrap();
    let a = &mut issue.articles[0];
    let detected = a.headline.detected.clone();
    a.headline.corrected = Some(Some("县委常委会部署春季重点工作".into()));
    a.contributors.corrected =
        Some(vec![Contributor::new("林海峰", Role::Reporter), Contributor::new("周晓", Role::Photographer)]);
    a.section.corrected = Some(Some("时政".into()));
    a.review = Review::Reviewed;
    a.note = Some("标题按编辑部意见修改。\n第二行带\"引号\"和\\反斜杠".into());
    a.flags[0].status = FlagStatus::Rejected;
    issue.meta.newspaper.corrected = Some(Some("云溪县报".into()));
    issue.meta.date.corrected = Some(Some("2024-03-16".into()));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("yunxi.ron");
    store::save(&issue, &path).unwrap();
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded, issue);
    let a = &loaded.articles[0];
    assert_eq!(a.headline.value().as_deref(), Some("县委常委会部署春季重点工作"));
    assert_eq!(a.headline.detected, detected, "the detected value is kept beside the correction");
    store::save(&loaded, &path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), store::to_ron(&issue).unwrap());

    // The JSON export carries the effective values.
    let json: serde_json::Value = serde_json::from_str(&jianbao::export::to_json(&loaded)).unwrap();
    assert_eq!(json["meta"]["newspaper"], "云溪县报");
    assert_eq!(json["meta"]["date"], "2024-03-16");
    assert_eq!(json["articles"][0]["headline"], "县委常委会部署春季重点工作");
    assert_eq!(json["articles"][0]["contributors"][1]["role"], "photographer");
    assert_eq!(json["articles"][0]["section"], "时政");
    assert_eq!(json["articles"][0]["review"], "reviewed");
    assert_eq!(json["articles"][0]["flags"][0]["status"], "rejected");
}

#[test]
fn save_refuses_to_write_over_the_raw_dump() {
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("issue.txt");
    std::fs::write(&raw, "县里开会\n\n本报讯 会议决定了三件事。\n").unwrap();
    let issue = jianbao::open(&raw).unwrap();
    let err = store::save(&issue, &raw).unwrap_err();
    assert!(err.to_string().contains("raw dump"), "{err}");
    assert_eq!(std::fs::read_to_string(&raw).unwrap(), "县里开会\n\n本报讯 会议决定了三件事。\n");
    // Any other existing text file that is not an annotated issue is protected too.
    let other = dir.path().join("notes.md");
    std::fs::write(&other, "编辑部备忘").unwrap();
    assert!(store::save(&issue, &other).is_err());
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "编辑部备忘");
}
