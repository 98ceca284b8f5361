//! The language layer on the real county page, and learning from editors.

mod common;

use std::collections::BTreeSet;

use jianbao::language::{learn, Language, UserDictionary};
use jianbao::model::{Contributor, Review, Role};

const PEOPLE_ON_THE_PAGE: [&str; 24] = [
    "郭新杰",
    "杨正栋",
    "郭树勋",
    "王伟",
    "董继明",
    "孙聚波",
    "张新雨",
    "原钰恒",
    "程飞",
    "杨帆",
    "刘阳",
    "狄丽珠",
    "卫国宾",
    "李永波",
    "琚伟",
    "王小亮",
    "王国强",
    "陈二联",
    "朱保平",
    "高健",
    "习近平",
    "蔡奇",
    "楼阳生",
    "李亦博",
];

#[test]
fn people_and_organisations_of_the_real_page() {
    let Some(path) = common::shared_file("samples/qinyang-page.txt") else { return };
    let issue = jianbao::open(&path).unwrap();
    let found: BTreeSet<&str> =
        issue.articles.iter().flat_map(|a| a.people.value().iter().map(String::as_str)).collect();
    let want: BTreeSet<&str> = PEOPLE_ON_THE_PAGE.into_iter().collect();
    let hits = found.intersection(&want).count();
    let not_people: Vec<&&str> = found.difference(&want).collect();
    eprintln!("people: {hits}/24 found, not people: {not_people:?}");
    assert!(hits >= 23, "only {hits} of the 24 people: missing {:?}", want.difference(&found).collect::<Vec<_>>());
    assert!(not_people.len() <= 2, "too many that are not people: {not_people:?}");
    let orgs: BTreeSet<&str> =
        issue.articles.iter().flat_map(|a| a.organizations.value().iter().map(String::as_str)).collect();
    for o in ["河南省科学院", "焦作工贸职业学院", "吉利远程新能源商用车集团"] {
        assert!(orgs.contains(o), "{o} not whole in {orgs:?}");
    }
    // Keywords say what the stories are about, and the town every story names is not one of them.
    let talks = &issue.articles[3];
    assert!(talks.keywords.value().iter().any(|k| k == "新能源" || k == "商用车"), "{:?}", talks.keywords.value());
    assert!(issue.articles.iter().all(|a| !a.keywords.value().iter().any(|k| k == "沁阳")));
    // Sections are proposed, with a confidence.
    assert_eq!(issue.articles[7].section.value().as_deref(), Some("评论"));
    assert_eq!(issue.articles[4].section.value().as_deref(), Some("图片"));
    assert!(issue.articles.iter().all(|a| a.section.value().is_some()));
}

#[test]
fn the_word_broken_across_the_break_is_the_evidence_of_the_join() {
    let Some(path) = common::shared_file("samples/qinyang-page.txt") else { return };
    let issue = jianbao::open(&path).unwrap();
    let flag = issue.articles[3].flags.iter().find(|f| f.lines.first == 59).expect("the 介|绍 break is flagged");
    assert!(flag.message.contains("介绍"), "{}", flag.message);
}

#[test]
fn a_name_typed_into_a_byline_is_known_in_the_next_issue() {
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("day1.md");
    std::fs::write(&raw, "# 县里召开春耕动员会\n\n本报讯（记者李明）３月２日上午，县委召开春耕生产动员会议。\n")
        .unwrap();
    let mut issue = jianbao::open(&raw).unwrap();
    // The editor adds a contributor the detector missed: an unusual name.
    let mut byline = issue.articles[0].contributors.value().clone();
    byline.push(Contributor::new("冼梓荞", Role::Photographer));
    issue.articles[0].contributors.corrected = Some(byline);
    issue.articles[0].section.corrected = Some(Some("农业农村".into()));
    issue.articles[0].review = Review::Reviewed;
    jianbao::store::save(&issue, &dir.path().join("day1.ron")).unwrap();

    let (dict, stats) = learn::learn_folder(dir.path(), UserDictionary::default()).unwrap();
    assert_eq!((stats.issues, stats.reviewed_articles), (1, 1));
    assert!(dict.people.contains("冼梓荞"));
    dict.save(&learn::dictionary_path(dir.path())).unwrap();
    let text = std::fs::read_to_string(learn::dictionary_path(dir.path())).unwrap();
    assert!(text.contains("person\t冼梓荞"), "the dictionary is human-readable:\n{text}");

    // The next issue of the folder segments the name as one word and finds the person.
    let lang = Language::for_folder(dir.path()).unwrap();
    assert!(lang.is_word("冼梓荞"));
    let day2 = dir.path().join("day2.md");
    std::fs::write(&day2, "# 县里举办摄影展\n\n本报讯 冼梓荞拍摄的春耕组图昨天在县文化馆展出。\n").unwrap();
    let issue = jianbao::open_with(&day2, &lang).unwrap();
    assert!(issue.articles[0].people.value().iter().any(|p| p == "冼梓荞"), "{:?}", issue.articles[0].people.value());
    let without = jianbao::open(&day2).unwrap();
    assert!(
        !without.articles[0].people.value().iter().any(|p| p == "冼梓荞"),
        "only the archive's dictionary knows her"
    );
}

#[test]
fn learn_and_eval_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("a.md");
    std::fs::copy(common::asset("yunxi-county-news.md"), &raw).unwrap();
    let mut issue = jianbao::open(&raw).unwrap();
    for a in issue.articles.iter_mut().take(4) {
        a.review = Review::Reviewed;
    }
    issue.articles[0].headline.corrected = Some(Some("县委常委会部署春季工作".into()));
    jianbao::store::save(&issue, &dir.path().join("a.ron")).unwrap();
    let bin = env!("CARGO_BIN_EXE_jianbao");
    let o = std::process::Command::new(bin).args(["eval", dir.path().to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("4 reviewed articles"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("headline") && l.contains("75.0%") && l.contains("(3/4)")), "{out}");
    let o = std::process::Command::new(bin).args(["learn", dir.path().to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(learn::dictionary_path(dir.path()).exists());
    let empty = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(bin).args(["eval", empty.path().to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no reviewed articles"));
}
