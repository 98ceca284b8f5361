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

/// An e-paper page as a PDF text layer: a wire brief closed by its layout credit in the
/// short form (`版式：…`), then the next item's kicker and headline. The credit closes
/// the brief; it is never an item's head, and the dashed line under it is the kicker.
const CREDITED: &str = "\
县城春节市场供应充足
本报云溪2月10日电  （记者周小燕）记者从县商务局获悉：春节期间，全县主要商场、超市蔬菜、肉类、粮油供应充足，价格总体平稳。
县商务局有关负责人介绍，节前全县组织储备蔬菜三百吨、猪肉五十吨，确保节日市场不断档、不脱销。
版式：王小明
云溪县石桥村——
年货网上买 日子节节高（乡村新貌）
“过去办年货要跑三十里山路进城，现在手机上点一点，快递就送到家门口。”石桥村村民李大娘一边拆包裹，一边笑着说。
近年来，石桥村建起电商服务站，村里的土鸡蛋、笋干、茶叶也通过网店卖到了全国各地。
";

#[test]
fn a_layout_credit_closes_its_item_and_heads_nothing() {
    let issue = detect(CREDITED);
    let heads: Vec<String> = issue
        .articles
        .iter()
        .flat_map(|a| [a.kicker.value().clone(), a.headline.value().clone(), a.deck.value().clone()])
        .flatten()
        .collect();
    assert!(!heads.iter().any(|h| h.contains("版式")), "a layout credit is no head: {heads:?}");
    let next =
        issue.articles.iter().find(|a| a.headline.value().as_deref() == Some("年货网上买 日子节节高（乡村新貌）"));
    let next = next.unwrap_or_else(|| panic!("the item under the credit: {heads:?}"));
    assert_eq!(next.kicker.value().as_deref(), Some("云溪县石桥村——"), "{heads:?}");
    assert_eq!(issue.articles.len(), 2, "the brief and the item: {heads:?}");
}
