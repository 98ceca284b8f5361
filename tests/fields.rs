//! The field table, driven through the editor's commands: every field an editor
//! corrects survives a split and a merge, and undo/redo walk back and forth exactly.

use jianbao::document::{Document, Origin};
use jianbao::fields::{self, FieldName, FieldValue, Shape};
use jianbao::model::{Contributor, Genre, Paragraph, Review, Role};
use proptest::prelude::*;

/// A county paper's page with two stories in the first article's span (the editor will
/// split it) and a second article.
const PAGE: &str = "# 县里召开春耕动员会\n\n本报讯（记者李明）３月２日上午，县委召开春耕生产动员会议。\n\n会议要求各乡镇抓好落实，确保春耕生产顺利进行。\n\n小城春色\n\n春天来了，小城的街道两旁开满了花。\n\n市民纷纷走出家门，赏花踏青。\n\n## 县图书馆开展读书活动\n\n本报讯（通讯员何丽）3月10日，县图书馆启动全民阅读活动。\n";

fn document() -> Document {
    Document::new(jianbao::detect_bytes(PAGE.as_bytes(), "page.md").unwrap(), Origin::Unsaved)
}

/// An editor's value for `field`, built from `word` so that it differs from anything detected.
fn correction(doc: &Document, field: FieldName, word: &str) -> FieldValue {
    let article = &doc.issue.articles[0];
    match field.shape() {
        Shape::Text | Shape::Note => FieldValue::Text(Some(format!("{word}{}", field.names().1))),
        Shape::List => FieldValue::List(vec![format!("{word}甲"), format!("{word}乙")]),
        Shape::Genre => FieldValue::Genre(Genre::Commentary),
        Shape::Contributors => FieldValue::Contributors(vec![Contributor::new(format!("王{word}"), Role::Author)]),
        Shape::Review => FieldValue::Review(Review::NeedsWork),
        Shape::Paragraphs => {
            // The editor fixes a word in the first paragraph.
            let mut body: Vec<Paragraph> = article.body().to_vec();
            body[0].text = body[0].text.replace("县委", &format!("{word}县委"));
            FieldValue::Paragraphs(body)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// correct → split → merge → undo → redo, for every field and any split line.
    #[test]
    fn every_correction_survives_split_and_merge(
        field in proptest::sample::select(FieldName::ALL.to_vec()),
        split_at in 2u32..=11,
        word in "[甲乙丙丁春夏秋冬]{1,3}",
    ) {
        let mut doc = document();
        let original = doc.issue.clone();
        let span = doc.issue.articles[0].lines;
        let first_paragraph = doc.issue.articles[0].body()[0].lines;
        // A split must fall inside the article; a corrected paragraph stays in the first part.
        prop_assume!(split_at > span.first && split_at <= span.last);
        prop_assume!(field != FieldName::Paragraphs || split_at > first_paragraph.last);
        prop_assume!(!doc.source.line(split_at).trim().is_empty());

        let want = correction(&doc, field, &word);
        let edit = doc.set_field(0, field, want.clone()).unwrap().expect("a correction changes the article");
        doc.apply(edit);
        prop_assert_eq!(fields::value(&doc.issue.articles[0], field), want.clone());
        let corrected = doc.issue.clone();

        let edit = doc.split(0, split_at).unwrap();
        doc.apply(edit);
        match (&want, fields::value(&doc.issue.articles[0], field)) {
            // The first part's body is the corrected text of its own lines.
            (FieldValue::Paragraphs(w), FieldValue::Paragraphs(got)) => prop_assert_eq!(&got[..], &w[..got.len()]),
            (w, got) => prop_assert_eq!(&got, w, "after the split"),
        }

        let edit = doc.merge_with_next(0).unwrap();
        doc.apply(edit);
        let merged = doc.issue.clone();
        prop_assert_eq!(fields::value(&merged.articles[0], field), want.clone(), "after the merge");
        prop_assert!(fields::is_corrected(&merged.articles[0], field));
        prop_assert_eq!(merged.articles[0].lines, corrected.articles[0].lines);

        doc.undo();
        doc.undo();
        prop_assert_eq!(&doc.issue, &corrected);
        doc.undo();
        prop_assert_eq!(&doc.issue, &original);
        doc.redo();
        doc.redo();
        doc.redo();
        prop_assert_eq!(&doc.issue, &merged);
    }
}

#[test]
fn the_undo_history_names_the_field_and_the_article() {
    let mut doc = document();
    let edit =
        doc.set_field(1, FieldName::Headline, FieldValue::Text(Some("县图书馆启动阅读月".into()))).unwrap().unwrap();
    assert_eq!(edit.describe().0, "headline of article 2");
    assert_eq!(edit.describe().1, "第 2 篇的主题");
    doc.apply(edit);
    assert_eq!(doc.history.undo_label(), Some("headline"));
}

#[test]
fn corrected_text_is_what_every_export_writes() {
    let mut doc = document();
    let typed = "本报讯（记者李明）３月２日上午，县委召开春耕生产动员会议。\n\n会议要求各乡镇抓好落实。[…]";
    let edit = doc.set_body_text(0, typed).unwrap().unwrap();
    doc.apply(edit);
    let a = &doc.issue.articles[0];
    assert!(a.paragraphs.iter().any(|p| p.text.contains("确保春耕生产顺利进行")), "the detected text stays beside");
    let json = jianbao::export::to_json(&doc.issue);
    let markdown = jianbao::export::render(&doc.issue, jianbao::export::Format::Markdown).unwrap();
    let text = jianbao::export::render(&doc.issue, jianbao::export::Format::Text).unwrap();
    // Markdown escapes the brackets it would read as a link.
    let marked = ["会议要求各乡镇抓好落实。[…]", "会议要求各乡镇抓好落实。\\[…\\]", "会议要求各乡镇抓好落实。[…]"];
    for (out, marked) in [&json, &markdown, &text].into_iter().zip(marked) {
        assert!(out.contains(marked), "{out}");
        assert!(!out.contains("确保春耕生产顺利进行"));
    }
    let xml = jianbao::export::render_files(&doc.issue).remove(0).1;
    assert!(xml.contains("[…]"));
    // Reverting brings the detected text back.
    let edit = doc.revert_field(0, FieldName::Paragraphs).unwrap().unwrap();
    doc.apply(edit);
    assert!(jianbao::export::to_json(&doc.issue).contains("确保春耕生产顺利进行"));
}
