//! The real county-paper page in ../shared/samples: every item exactly.
//!
//! The page is markdown-style: `#`/`##` headlines whose level means nothing, a
//! deck as `###`, subheads as `###`, bylines in the lead and on their own lines,
//! a photo caption with no headline, a commentary with a pen name and a column.

mod common;

use jianbao::model::{FlagKind, Genre, Role};

struct Want {
    lines: (u32, u32),
    genre: Genre,
    headline: Option<&'static str>,
    deck: Option<&'static str>,
    contributors: &'static [(&'static str, Role)],
    dateline: Option<&'static str>,
    column: Option<&'static str>,
    subheads: usize,
}

const R: Role = Role::Reporter;
const C: Role = Role::Correspondent;

fn wanted() -> Vec<Want> {
    vec![
        Want {
            lines: (3, 21),
            genre: Genre::News,
            headline: Some("沁阳市委常委会召开会议"),
            deck: None,
            contributors: &[("郭树勋", R), ("王伟", C)],
            dateline: Some("11月29日下午"),
            column: None,
            subheads: 0,
        },
        Want {
            lines: (23, 41),
            genre: Genre::News,
            headline: Some("沁阳市领导到职教中心讲授思政课"),
            deck: None,
            contributors: &[("郭树勋", R), ("董继明", C)],
            dateline: Some("11月27日下午"),
            column: None,
            subheads: 0,
        },
        Want {
            lines: (43, 53),
            genre: Genre::News,
            headline: Some("沁阳市领导调研怀府恐龙园项目建设工作"),
            deck: None,
            contributors: &[("郭树勋", R), ("董继明", C)],
            dateline: Some("11月27日上午"),
            column: None,
            subheads: 0,
        },
        Want {
            lines: (55, 65),
            genre: Genre::News,
            headline: Some("沁阳市领导与吉利远程客人举行工作座谈"),
            deck: None,
            contributors: &[("郭树勋", R), ("孙聚波", C)],
            dateline: Some("11月28日上午"),
            column: None,
            subheads: 0,
        },
        Want {
            lines: (69, 69),
            genre: Genre::Photo,
            headline: None,
            deck: None,
            contributors: &[("杨帆", Role::Photographer)],
            dateline: Some("11月30日"),
            column: None,
            subheads: 0,
        },
        Want {
            lines: (71, 79),
            genre: Genre::News,
            headline: Some("沁阳市领导到信访局接待来访群众"),
            deck: None,
            contributors: &[("郭树勋", R), ("董继明", C)],
            dateline: Some("11月26日"),
            column: None,
            subheads: 0,
        },
        Want {
            lines: (81, 124),
            genre: Genre::Feature,
            headline: Some("锚定千亿级产业集群当示范"),
            deck: Some("——看沁阳如何以创建国家级经开区挺起新型工业化示范引领“脊梁”"),
            contributors: &[("郭树勋", R), ("原钰恒", C)],
            dateline: None,
            column: None,
            subheads: 3,
        },
        Want {
            lines: (126, 148),
            genre: Genre::Commentary,
            headline: Some("助“蓝领”闯“蓝海”"),
            deck: None,
            contributors: &[("沁声", Role::Author)],
            dateline: None,
            column: Some("覃怀之声"),
            subheads: 0,
        },
        Want {
            lines: (150, 158),
            genre: Genre::News,
            headline: Some("沁阳市领导到焦作工贸职业学院调研"),
            deck: None,
            contributors: &[("郭树勋", R), ("张新雨", C)],
            dateline: Some("11月27日上午"),
            column: None,
            subheads: 0,
        },
    ]
}

#[test]
fn every_item_of_the_real_page_is_detected_exactly() {
    let Some(path) = common::shared_file("samples/qinyang-page.txt") else { return };
    let issue = jianbao::open(&path).expect("the sample page opens");
    let want = wanted();
    assert_eq!(issue.articles.len(), want.len(), "8 articles and the photo caption");
    for (a, w) in issue.articles.iter().zip(&want) {
        let at = format!("article at line {}", w.lines.0);
        assert_eq!((a.lines.first, a.lines.last), w.lines, "{at}: span");
        assert_eq!(*a.genre.value(), w.genre, "{at}: genre");
        assert_eq!(a.headline.value().as_deref(), w.headline, "{at}: headline");
        assert_eq!(a.deck.value().as_deref(), w.deck, "{at}: deck");
        assert_eq!(a.kicker.value().as_deref(), None, "{at}: kicker");
        let got: Vec<(&str, Role)> = a.contributors.value().iter().map(|c| (c.name.as_str(), c.role)).collect();
        assert_eq!(got, w.contributors, "{at}: contributors");
        assert_eq!(a.dateline.value().as_deref(), w.dateline, "{at}: dateline");
        assert_eq!(a.column.value().as_deref(), w.column, "{at}: column");
        assert_eq!(a.subheads.value().len(), w.subheads, "{at}: subheads");
        // Every detected field says where it came from.
        if let Some(ev) = a.headline.evidence {
            assert!(a.lines.contains(ev.first), "{at}: headline evidence inside the article");
        }
    }
    let feature = &issue.articles[6];
    let subheads: Vec<&str> = feature.subheads.value().iter().map(|s| s.text.as_str()).collect();
    assert_eq!(subheads, ["院地合作赋能,创新驱动发展", "产业集群聚势,激活工业动能", "优化营商环境,完善配套服务"]);
}

#[test]
fn a_broken_paragraph_flag_at_every_mid_sentence_break() {
    let Some(path) = common::shared_file("samples/qinyang-page.txt") else { return };
    let issue = jianbao::open(&path).expect("the sample page opens");
    // (line that breaks off, line that carries on), read off the page by hand.
    let breaks = [
        (7, 9),
        (9, 11),
        (15, 17),
        (17, 19),
        (27, 29),
        (31, 33),
        (37, 39),
        (49, 51),
        (59, 61),
        (61, 63),
        (77, 79),
        (100, 102),
        (110, 112),
        (116, 118),
        (132, 134),
        (138, 140),
    ];
    let flagged: Vec<(u32, u32)> = issue
        .articles
        .iter()
        .flat_map(|a| a.flags.iter())
        .filter(|f| f.kind == FlagKind::BrokenParagraph)
        .map(|f| (f.lines.first, f.lines.last))
        .collect();
    assert_eq!(flagged, breaks);
    // And the cleaned text has them rejoined: `介|绍` becomes `介绍`.
    let talks = &issue.articles[3];
    assert!(talks.paragraphs.iter().any(|p| p.text.contains("表示欢迎，介绍了沁阳市的产业优势")));
}

#[test]
fn missing_text_truncation_gap_and_foreign_word_are_flagged() {
    let Some(path) = common::shared_file("samples/qinyang-page.txt") else { return };
    let issue = jianbao::open(&path).expect("the sample page opens");
    let has = |i: usize, kind: FlagKind, first: u32| {
        issue.articles[i].flags.iter().any(|f| f.kind == kind && f.lines.first == first)
    };
    assert!(has(0, FlagKind::MissingText, 9), "三要 | 组)要: text lost at the break");
    assert!(has(0, FlagKind::UnbalancedBrackets, 7), "the orphan 组) bracket");
    assert!(has(6, FlagKind::TruncatedEnd, 124), "the feature stops at 完备的要");
    assert!(has(8, FlagKind::EnumerationGap, 156), "一要 … 三要 with no 二要");
    assert!(has(4, FlagKind::ForeignText, 69), "建成后 will 开辟");
    assert!(has(0, FlagKind::HalfWidthPunctuation, 5));
    // Half-width punctuation is full-width in the cleaned text, never in the source.
    let lead = &issue.articles[0].paragraphs[0].text;
    assert!(lead.starts_with("本报讯（记者郭树勋 通讯员王伟）11月29日下午，沁阳市委书记"), "{lead}");
    assert!(issue.source.contains("本报讯(记者郭树勋 通讯员王伟)11月29日下午,"));
}
