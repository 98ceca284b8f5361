//! Box labels, bulleted subheads and write-up credits are never authors, on an invented
//! feature from a county paper: a profile box (`人物小传`) under the head, a bulleted
//! subhead (`■守住一方好水`) and a talk written up by a reporter
//! (`（本报记者 林小梅采访整理）`). Read as the e-paper exports it (indented) and as a
//! PDF text layer (flat). Needs nothing outside the repository.

use jianbao::model::Issue;

const PAGE: &str = "\
云溪县水利站站长洪立新和他的团队二十年守护一条河——
让青溪河水清岸绿（身边的榜样）
　　人物小传
　　洪立新，1971年生于云溪县城关镇，县水利站站长，高级工程师，2018年获评省级劳动模范。
　　清晨六点，青溪河上的薄雾还没散去，洪立新已经沿着河堤走了三公里。二十年来，这条路他走了不知多少遍。
　　“河水好不好，看一眼就知道。”他蹲下身，捧起一把河水，仔细端详。
　　■守住一方好水
　　2003年，青溪河沿岸还有十几家小造纸厂，污水直排，河面常年泛着白沫。洪立新带着站里的年轻人，一家一家上门做工作。
　　“那几年，吃过不少闭门羹。”他笑着说，“但只要把道理讲清楚，大家都明白。”
　　如今，青溪河断面水质常年保持在二类以上，河边成了群众散步的好去处。
　　（本报记者 林小梅采访整理）
";

fn flat() -> String {
    PAGE.lines().map(|l| l.trim_start_matches('\u{3000}').trim()).collect::<Vec<_>>().join("\n") + "\n"
}

fn detect(text: &str) -> Issue {
    jianbao::detect_bytes(text.as_bytes(), "page.txt").unwrap()
}

fn contributors(issue: &Issue) -> Vec<String> {
    issue.articles.iter().flat_map(|a| a.contributors.value().iter().map(|c| c.name.clone())).collect()
}

fn check(issue: &Issue, layout: &str) {
    let names = contributors(issue);
    assert!(!names.iter().any(|n| n.contains("小传")), "{layout}: a box label is no author: {names:?}");
    assert!(!names.iter().any(|n| n.contains("好水")), "{layout}: a bulleted subhead is no author: {names:?}");
    assert!(names.contains(&"林小梅".to_string()), "{layout}: the reporter who wrote it up: {names:?}");
    assert!(!names.iter().any(|n| n.contains("整理")), "{layout}: `整理` is no part of a name: {names:?}");
}

#[test]
fn the_feature_as_the_e_paper_exports_it() {
    check(&detect(PAGE), "indented");
}

#[test]
fn the_feature_as_a_flat_pdf_text_layer() {
    check(&detect(&flat()), "flat");
}
