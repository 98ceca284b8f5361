//! Head lines and signatures whose punctuation once hid them, on an invented county page
//! (`tests/fixtures/signed-page.txt`): a commentary closed by its writer's note
//! (`（作者为…）`), a headline that cries out before its column tag
//! (`乱倒垃圾，停！（美丽家园）`), one that cries out in its middle
//! (`首破十亿元！县城年货市场火爆`), and readers' notes signed with a dash, a name and
//! where the writer lives (`———王文西（云溪）`). Read as the e-paper exports it
//! (indented) and as a PDF text layer (flat). Needs nothing outside the repository.

use jianbao::model::Issue;

fn page() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/signed-page.txt")).unwrap()
}

fn flat() -> String {
    page().lines().map(|l| l.trim_start_matches('\u{3000}').trim()).collect::<Vec<_>>().join("\n") + "\n"
}

fn detect(text: &str) -> Issue {
    jianbao::detect_bytes(text.as_bytes(), "page.txt").unwrap()
}

fn headlines(issue: &Issue) -> Vec<String> {
    issue.articles.iter().map(|a| a.headline.value().clone().unwrap_or_default()).collect()
}

/// Every contributor of the page, by name.
fn contributors(issue: &Issue) -> Vec<String> {
    issue.articles.iter().flat_map(|a| a.contributors.value().iter().map(|c| c.name.clone())).collect()
}

fn check_cried_out_heads(issue: &Issue, layout: &str) {
    let heads = headlines(issue);
    assert_eq!(
        heads[..3],
        ["让乡村夜晚亮起来", "乱倒垃圾，停！（美丽家园）", "首破十亿元！县城年货市场火爆"],
        "{layout}"
    );
    // The tag after the exclamation is the column.
    assert_eq!(issue.articles[1].column.value().as_deref(), Some("美丽家园"), "{layout}");
    // The writer's note closes the commentary and stays in its text.
    let first = &issue.articles[0];
    assert_eq!(first.paragraphs.last().map(|p| p.text.as_str()), Some("（作者为云溪县委党校教授）"), "{layout}");
    // …and makes it a signed piece, no news report.
    assert_eq!(*first.genre.value(), jianbao::model::Genre::Feature, "{layout}");
    // Where a reader writes from is no pen name.
    let names = contributors(issue);
    assert!(!names.iter().any(|n| n == "云溪" || n == "溪口"), "{layout}: {names:?}");
}

#[test]
fn the_page_as_the_e_paper_exports_it() {
    let issue = detect(&page());
    check_cried_out_heads(&issue, "indented");
    assert_eq!(headlines(&issue).len(), 4);
    // The readers' notes stay one article, signed by their writers.
    let readers = &issue.articles[3];
    assert_eq!(readers.headline.value().as_deref(), Some("我看乡风新变化"));
    let names: Vec<&str> = readers.contributors.value().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["王文西", "李东旭", "马丽静"]);
}

#[test]
fn the_page_as_a_flat_pdf_text_layer() {
    let issue = detect(&flat());
    check_cried_out_heads(&issue, "flat");
}
