//! One invented page in the older dumps' manner (a fictional county paper,
//! `tests/fixtures/older-page.txt`: blank-line blocks, full-width digits, a headline
//! over its deck, `本报讯` briefs closed by their writers' names in brackets, a signed
//! commentary, a wire item with no headline) read as it comes and as a converter that
//! normalises the text (NFKC) leaves it: digits, letters and brackets half-width. The
//! model reads the era of a page from its conventions; a page whose digits a converter
//! made half-width must not be read as the e-paper's (whose first head line over a
//! second is more often a kicker). Needs nothing outside the repository.

use jianbao::model::Issue;

fn page() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/older-page.txt")).unwrap()
}

/// What NFKC does to the page's full-width forms: ASCII's full-width twins to ASCII,
/// the ideographic space to a space (the library's own folding does just that).
fn normalised(text: &str) -> String {
    jianbao::text::to_halfwidth(text)
}

fn detect(text: &str) -> Issue {
    jianbao::detect_bytes(text.as_bytes(), "page.txt").unwrap()
}

type Heads = Vec<(u32, Option<String>, Option<String>, Option<String>)>;

/// Each article's first line, kicker, headline and deck, with full-width forms folded.
fn heads(issue: &Issue) -> Heads {
    let fold = |s: &Option<String>| s.as_deref().map(normalised);
    issue
        .articles
        .iter()
        .map(|a| (a.lines.first, fold(a.kicker.value()), fold(a.headline.value()), fold(a.deck.value())))
        .collect()
}

fn check(issue: &Issue, layout: &str) {
    let heads = heads(issue);
    // The stacked head is a headline over its deck, as the older pages' truth has it.
    assert_eq!(heads[0].1, None, "{layout}: {heads:?}");
    assert_eq!(heads[0].2.as_deref(), Some("云溪县冬春水利建设全面铺开"), "{layout}: {heads:?}");
    assert!(heads[0].3.as_deref().is_some_and(|d| d.starts_with("全县投入劳力三万人")), "{layout}: {heads:?}");
    // The credits in brackets close the briefs above them; none opens an article.
    let starts: Vec<u32> = heads.iter().map(|h| h.0).collect();
    for (n, line) in issue.source.lines().enumerate() {
        if line.trim().starts_with(['（', '(']) {
            assert!(!starts.contains(&(n as u32 + 1)), "{layout}: an article opens on {line}");
        }
    }
    assert!(heads.iter().any(|h| h.2.as_deref() == Some("溪口镇办起农民夜校")), "{layout}: {heads:?}");
}

#[test]
fn an_older_page_as_it_comes() {
    check(&detect(&page()), "as it comes");
}

#[test]
fn the_same_page_normalised_reads_the_same() {
    let original = detect(&page());
    let normalised_issue = detect(&normalised(&page()));
    check(&normalised_issue, "normalised");
    assert_eq!(heads(&normalised_issue), heads(&original));
}
