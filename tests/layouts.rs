//! One invented e-paper page (a fictional county paper, `tests/fixtures/epaper-page.txt`:
//! a kicker over a headline, a headline closed by its column tag, a headline with a
//! dashed deck, a box label, a layout credit, a byline line) read in the layouts a
//! dump comes in: indented as the e-paper exports it, flat as a PDF text layer, as
//! markdown with blank lines, and as the text layer of a narrow column whose every
//! paragraph wraps. Needs nothing outside the repository.

use jianbao::model::Issue;

fn page() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/epaper-page.txt")).unwrap()
}

/// The same page with its indentation gone (a PDF text layer).
fn flat() -> String {
    page().lines().map(|l| l.trim_start_matches('\u{3000}').trim()).collect::<Vec<_>>().join("\n") + "\n"
}

/// The same page as markdown: head lines marked at levels that mean nothing, blank lines between blocks.
fn markdown() -> String {
    let mut out = String::new();
    for (k, line) in page().lines().enumerate() {
        let body = line.starts_with('\u{3000}');
        let text = line.trim_start_matches('\u{3000}').trim();
        if body {
            out.push_str(text);
        } else {
            out.push_str(&format!("{} {text}", "#".repeat(1 + k % 3)));
        }
        out.push_str("\n\n");
    }
    out
}

/// The same page as a PDF text layer of a column `width` characters wide: head
/// lines whole (they span the columns), every paragraph wrapped — the first line
/// indented, a line ending wherever the column does, after a stop too, and never
/// opening with a comma or a stop (a typesetter keeps those on the line before).
fn wrapped(width: usize) -> String {
    wrap(&page(), width, true)
}

/// Any page's paragraphs (its `　　` lines) wrapped at `width`; `indent` keeps the
/// paragraph's first line indented, without it the text layer is flush throughout.
fn wrap(page: &str, width: usize, indent: bool) -> String {
    let mut out = String::new();
    for line in page.lines() {
        let Some(text) = line.strip_prefix("\u{3000}\u{3000}") else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let mut row = String::from(if indent { "\u{3000}\u{3000}" } else { "" });
        for c in text.chars() {
            let closing = matches!(c, '，' | '。' | '、' | '：' | '”' | '）');
            if row.chars().count() >= width && !closing {
                out.push_str(&row);
                out.push('\n');
                row.clear();
            }
            row.push(c);
        }
        out.push_str(&row);
        out.push('\n');
    }
    out
}

fn detect(text: &str) -> Issue {
    jianbao::detect_bytes(text.as_bytes(), "page.txt").unwrap()
}

/// The three articles with their kicker, headline and deck.
fn check_heads(issue: &Issue, layout: &str) {
    let heads: Vec<(Option<&str>, Option<&str>, Option<&str>)> = issue
        .articles
        .iter()
        .map(|a| (a.kicker.value().as_deref(), a.headline.value().as_deref(), a.deck.value().as_deref()))
        .collect();
    assert_eq!(
        heads,
        [
            (Some("云溪县召开春季农业生产工作会议强调"), Some("抓好春耕备耕 确保粮食丰收"), None),
            (None, Some("溪口古街迎来客流高峰（文旅观察）"), None),
            (None, Some("青石村的“新农人”"), Some("——记返乡创业青年刘志刚")),
        ],
        "{layout}"
    );
}

fn check(issue: &Issue, layout: &str) {
    check_heads(issue, layout);
    // The column tag closing a headline is the column; it does not make a commentary.
    let second = &issue.articles[1];
    assert_eq!(second.column.value().as_deref(), Some("文旅观察"), "{layout}");
    assert_ne!(*second.genre.value(), jianbao::model::Genre::Commentary, "{layout}");
    // A box label and a layout credit are neither articles nor authors.
    for a in &issue.articles {
        for c in a.contributors.value() {
            assert!(!["核心阅读", "陈晓", "版式设计"].contains(&c.name.as_str()), "{layout}: {} credited", c.name);
        }
    }
    let names: Vec<&str> = issue.articles[2].contributors.value().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["何丽"], "{layout}");
    // Nothing here is broken: every paragraph stays a paragraph of its own.
    for a in &issue.articles {
        for p in &a.paragraphs {
            let lines = (p.lines.first..=p.lines.last)
                .filter(|&n| !issue.source.lines().nth(n as usize - 1).unwrap_or("").trim().is_empty())
                .count();
            assert_eq!(lines, 1, "{layout}: lines {}–{} joined", p.lines.first, p.lines.last);
        }
    }
    // The confidence of a head line is the tagger's probability: high here, not a fixed number.
    assert!(issue.articles[0].kicker.confidence > 0.8, "{layout}");
}

#[test]
fn an_e_paper_page_as_exported_indented() {
    check(&detect(&page()), "indented");
}

#[test]
fn the_same_page_as_a_flat_pdf_text_layer() {
    check(&detect(&flat()), "flat");
}

#[test]
fn the_same_page_with_every_line_set_two_spaces_in() {
    // A margin every line shares (heads too) is no indentation: read as the flat page.
    let text: String = flat().lines().map(|l| format!("  {l}\n")).collect();
    check(&detect(&text), "uniform margin");
}

#[test]
fn the_same_page_with_its_indentation_made_one_space() {
    // A converter made `　　` half-width and collapsed the two spaces (as HTML does): the
    // paragraphs are set in by one space, the heads flush — still the e-paper's indentation.
    let text: String = page().lines().map(|l| l.replacen("\u{3000}\u{3000}", " ", 1) + "\n").collect();
    assert!(text.lines().any(|l| l.starts_with(" 会议指出")));
    check(&detect(&text), "one-space indentation");
}

#[test]
fn the_same_page_as_an_html_pages_text() {
    // `&nbsp;&nbsp;` before each paragraph becomes two no-break spaces.
    let text: String = page().lines().map(|l| l.replacen("\u{3000}\u{3000}", "\u{a0}\u{a0}", 1) + "\n").collect();
    assert!(text.lines().any(|l| l.starts_with("\u{a0}\u{a0}会议指出")));
    check(&detect(&text), "no-break spaces");
}

#[test]
fn the_same_page_as_markdown_with_its_pictures_as_references() {
    // A converter leaves each picture as `![](…)` under the head it illustrates: no
    // headline, no paragraph, and it parts blocks as a blank line does.
    let mut text = String::new();
    for (k, line) in markdown().lines().enumerate() {
        text.push_str(line);
        text.push('\n');
        if line.starts_with('#') {
            text.push_str(&format!("\n![](images/page2_{k}.jpg)\n"));
        }
    }
    let issue = detect(&text);
    check(&issue, "markdown with pictures");
    for a in &issue.articles {
        assert!(a.paragraphs.iter().all(|p| !p.text.contains("![")), "a picture's reference read as text");
    }
}

#[test]
fn the_same_page_under_its_folio_line() {
    // An e-paper dump prints the paper, the date and the page over each page: a page
    // marker, never the first article's headline.
    let text = format!("云溪日报 2019年3月2日 星期六 第2版 要闻\n{}", page());
    let issue = detect(&text);
    check(&issue, "folio line");
    assert_eq!((issue.articles[0].page, issue.articles[0].page_name.as_deref()), (Some(2), Some("要闻")));
}

#[test]
fn the_same_page_as_markdown_with_meaningless_levels() {
    check(&detect(&markdown()), "markdown");
}

#[test]
fn the_same_page_as_markdown_with_underlined_headings() {
    // turndown (and older pandoc) underline the first two heading levels (Setext):
    // `===` a mark per character, `---` a mark per half-cell; the third stays `###`.
    let mut text = String::new();
    for line in markdown().lines() {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        let head = line[hashes..].trim();
        match hashes {
            1 => text.push_str(&format!("{head}\n{}\n", "=".repeat(head.chars().count()))),
            2 => text.push_str(&format!("{head}\n{}\n", "-".repeat(2 * head.chars().count()))),
            _ => text.push_str(&format!("{line}\n")),
        }
    }
    assert!(text.contains("=\n") && text.contains("-\n") && text.contains("### "));
    let issue = detect(&text);
    check(&issue, "markdown, Setext headings");
    // The underlines are no text of any article.
    for a in &issue.articles {
        assert!(
            a.paragraphs.iter().all(|p| !p.text.contains("==") && !p.text.contains("--")),
            "an underline read as text"
        );
    }
}

#[test]
fn the_same_page_wrapped_in_a_narrow_column() {
    let text = wrapped(14);
    let issue = detect(&text);
    check_heads(&issue, "wrapped");
    // The lead's credit is cut by the column (`本报云溪3月2日电  （` | `记者李明、周芳）3月1日…`):
    // it is read whole.
    let names: Vec<&str> = issue.articles[0].contributors.value().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["李明", "周芳"]);
    // The lines of the column are joined, and nothing else is.
    assert_paragraphs_whole(&issue);
}

#[test]
fn the_same_page_wrapped_flush_at_any_width() {
    // A text layer with no indentation at all: the heads are told from the paragraphs'
    // wrapped lines only by what they say. Read line by line, at twelve characters the
    // dashed deck (`——记返乡创业青年刘志刚`) sat between two column fragments and was lost;
    // read again with the column's lines joined, it is under its headline.
    for width in (10..=24).step_by(2) {
        check_heads(&detect(&wrap(&page(), width, false)), &format!("flush, wrapped at {width}"));
    }
}

/// Every paragraph of the page comes back whole, word for word.
fn assert_paragraphs_whole(issue: &Issue) {
    let want: Vec<String> = page()
        .lines()
        .filter_map(|l| l.strip_prefix("\u{3000}\u{3000}"))
        .filter(|l| !["核心阅读", "本报记者  何丽"].contains(l) && !l.starts_with("版式设计"))
        .map(|l| l.to_string())
        .collect();
    let got: Vec<String> = issue.articles.iter().flat_map(|a| a.paragraphs.iter().map(|p| p.text.clone())).collect();
    for paragraph in &want {
        assert!(got.contains(paragraph), "not whole: {paragraph}\ngot {got:#?}");
    }
}

#[test]
fn a_column_edge_right_after_a_stop_does_not_end_the_paragraph() {
    // Fifteen characters wide, one line of the second story ends on a full stop that
    // the column cut (`…两旁的木结构老屋修葺一新。` | `游客王女士说，…`): it is joined.
    let text = wrapped(15);
    assert!(text.contains("修葺一新。\n游客王女士说"), "{text}");
    let issue = detect(&text);
    check_heads(&issue, "wrapped at 15");
    assert_paragraphs_whole(&issue);
    // The flag left for the editor says what was seen: not a sentence broken off.
    let edge = issue
        .articles
        .iter()
        .flat_map(|a| &a.flags)
        .find(|f| f.message.contains("修葺一新。” | “游客王女士"))
        .expect("the join at the column's edge is flagged");
    assert!(edge.message.contains("fills its column"), "{}", edge.message);
}

/// A second invented page (`tests/fixtures/feature-page.txt`): a feature in three parts,
/// each under a two-line subhead (`石桥村` / `年货网上买`) set indented like its
/// paragraphs, then a brief. Without the indentation a subhead pair reads exactly like
/// a kicker over a headline; the markdown a converter makes of the page marks the
/// subheads as headings or sets them in bold, flush, while the paragraphs keep their `　　`.
fn feature_page() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/feature-page.txt")).unwrap()
}

/// The feature page as a converter's markdown: head lines marked at meaningless levels,
/// subheads marked too (`#`) or set in bold, paragraphs still indented, blank lines between.
fn feature_markdown(bold_subheads: bool) -> String {
    let mut out = String::new();
    let mut text_seen = false;
    for (k, line) in feature_page().lines().enumerate() {
        let text = line.trim_start_matches('\u{3000}');
        let paragraph = line.starts_with('\u{3000}') && text.chars().count() > 10;
        let subhead = line.starts_with('\u{3000}') && !paragraph && text_seen && !text.starts_with("本报记者");
        if paragraph {
            text_seen = true;
            out.push_str(line);
        } else if subhead && bold_subheads {
            out.push_str(&format!("**{text}**"));
        } else if subhead || !line.starts_with('\u{3000}') {
            if !subhead {
                text_seen = false;
            }
            out.push_str(&format!("{} {text}", "#".repeat(1 + k % 3)));
        } else {
            out.push_str(line);
        }
        out.push_str("\n\n");
    }
    out
}

/// The feature and the brief, with the feature's subheads inside it and every paragraph whole.
fn check_feature(issue: &Issue, layout: &str) {
    let headlines: Vec<Option<&str>> = issue.articles.iter().map(|a| a.headline.value().as_deref()).collect();
    assert_eq!(headlines, [Some("山乡过大年"), Some("县医院开通夜间门诊")], "{layout}");
    // Each line of a two-line subhead is a subhead of the feature.
    let feature = &issue.articles[0];
    let subheads: Vec<&str> = feature.subheads.value().iter().map(|s| s.text.as_str()).collect();
    assert_eq!(subheads, ["石桥村", "年货网上买", "柳河村", "新房迎新春", "青石村", "村晚唱起来"], "{layout}");
    let paragraphs: Vec<&str> =
        issue.articles.iter().flat_map(|a| a.paragraphs.iter().map(|p| p.text.as_str())).collect();
    for line in feature_page().lines().filter_map(|l| l.strip_prefix("\u{3000}\u{3000}")) {
        if line.chars().count() > 10 && !line.starts_with("本报记者") {
            assert!(paragraphs.contains(&line), "{layout}: not whole: {line}\ngot {paragraphs:#?}");
        }
    }
}

#[test]
fn a_feature_with_indented_subheads_as_the_e_paper_exports_it() {
    check_feature(&detect(&feature_page()), "indented");
}

#[test]
fn the_feature_as_markdown_that_keeps_the_indentation() {
    let text = feature_markdown(false);
    assert!(text.lines().any(|l| l.starts_with('#') && l.ends_with(" 石桥村")), "{text}");
    assert!(text.contains("\n\n\u{3000}\u{3000}一进石桥村"), "{text}");
    check_feature(&detect(&text), "markdown, indented");
}

#[test]
fn the_feature_as_markdown_with_its_subheads_in_bold() {
    let text = feature_markdown(true);
    assert!(text.contains("\n\n**石桥村**\n\n"), "{text}");
    check_feature(&detect(&text), "markdown, bold subheads");
}

#[test]
fn the_feature_wrapped_in_a_narrow_column() {
    // Read line by line, the feature's headline over its deck (`山乡过大年` / `年味里的新变化`)
    // read as a kicker over a headline at every width: under them stood a byline and a
    // column's fragments, not a paragraph. Read again with each paragraph's lines joined,
    // the head is a headline, and the two-line subheads stay inside the feature, lines of
    // their own: no column's line is joined to one, nor one to the next.
    for width in (10..=24).step_by(2) {
        let issue = detect(&wrap(&feature_page(), width, true));
        let headlines: Vec<Option<&str>> = issue.articles.iter().map(|a| a.headline.value().as_deref()).collect();
        assert_eq!(headlines, [Some("山乡过大年"), Some("县医院开通夜间门诊")], "wrapped at {width}");
        // A subhead read as one is out of the paragraphs; read as a short paragraph, it is one.
        let mut whole: Vec<&str> =
            issue.articles.iter().flat_map(|a| a.paragraphs.iter().map(|p| p.text.as_str())).collect();
        whole.extend(issue.articles.iter().flat_map(|a| a.subheads.value().iter().map(|s| s.text.as_str())));
        for line in feature_page().lines().filter_map(|l| l.strip_prefix("\u{3000}\u{3000}")) {
            if !line.starts_with("本报记者") {
                assert!(whole.contains(&line), "wrapped at {width}: not whole: {line}\ngot {whole:#?}");
            }
        }
    }
}
