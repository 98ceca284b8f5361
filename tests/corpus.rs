//! The development corpora must stay above the bar the detector is held to, in
//! every layout a dump takes (`corpus::Form`: the pages written out blank-line,
//! indented, flat, as markdown with broken paragraphs and half-width marks).
//! `cargo run --release --example forms -- DIRS…` prints the same figures for
//! every form, and `--crossval` the figures on days left out of training.

mod common;

use jianbao::corpus::{self, Form};
use jianbao::evaluate::{score_form, FormScores};
use jianbao::language::Language;

fn scores(corpus_dir: &str, form: Form) -> Option<FormScores> {
    let dir = common::shared_file(corpus_dir)?;
    let pages = corpus::read_corpora(&[dir]).expect("the corpus reads");
    assert!(pages.len() >= 80, "only {} pages", pages.len());
    let lang = Language::shared();
    assert!(lang.tagger.is_some(), "the built-in line model loads");
    let s = score_form(&pages, form, &lang);
    eprintln!(
        "{corpus_dir} {}: boundaries F1 {:.4}, headlines {:.4}, kickers {:.4}, invented {:.4}, names F1 {:.4}, joins P {:.3} R {:.3}, {:.2}/page",
        form.name,
        s.boundaries.f1(),
        s.headline_accuracy(),
        s.kicker_accuracy(),
        s.invented_rate(),
        s.names.f1(),
        s.join_precision(),
        s.join_recall(),
        s.joins_per_page()
    );
    Some(s)
}

#[test]
fn pd1998_plain_and_as_broken_markdown() {
    for form in [Form::BLANK, Form::MARKDOWN_BROKEN] {
        let Some(s) = scores("corpus/pd1998-dev", form) else { return };
        assert!(s.boundaries.f1() >= 0.95, "{}: boundary F1 {:.4}", form.name, s.boundaries.f1());
        assert!(s.headline_accuracy() >= 0.94, "{}: headlines {:.4}", form.name, s.headline_accuracy());
        assert!(s.names.f1() >= 0.90, "{}: names F1 {:.4}", form.name, s.names.f1());
        if form.breaks {
            assert!(s.join_precision() >= 0.95, "{}: join precision {:.3}", form.name, s.join_precision());
        } else {
            assert!(s.joins_per_page() <= 0.2, "{}: {:.2} joins per clean page", form.name, s.joins_per_page());
        }
    }
}

#[test]
fn pd2019_e_paper_indented_and_as_broken_markdown() {
    for form in [Form::INDENTED, Form::MARKDOWN_BROKEN] {
        let Some(s) = scores("corpus/pd2019-dev", form) else { return };
        assert!(s.boundaries.f1() >= 0.97, "{}: boundary F1 {:.4}", form.name, s.boundaries.f1());
        assert!(s.headline_accuracy() >= 0.95, "{}: headlines {:.4}", form.name, s.headline_accuracy());
        assert!(s.kicker_accuracy() >= 0.90, "{}: kickers {:.4}", form.name, s.kicker_accuracy());
        assert!(s.invented_rate() <= 0.04, "{}: kicker or deck invented on {:.4}", form.name, s.invented_rate());
    }
}

#[test]
fn pd2019_as_a_flat_pdf_text_layer() {
    // The hardest form: no indentation, no blank lines, nothing but the words.
    let Some(s) = scores("corpus/pd2019-dev", Form::FLAT) else { return };
    assert!(s.boundaries.f1() >= 0.85, "boundary F1 {:.4}", s.boundaries.f1());
    assert!(s.joins_per_page() <= 0.2, "{:.2} joins per clean page", s.joins_per_page());
}

#[test]
fn every_dev_page_decodes_and_round_trips() {
    let Some(dir) = common::shared_file("corpus/pd1998-dev") else { return };
    let mut pages = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let issue = jianbao::open(&path).unwrap();
        let ron = jianbao::store::to_ron(&issue).unwrap();
        let back = jianbao::store::from_ron(&ron, "page.ron").unwrap();
        assert_eq!(back, issue, "{}", path.display());
        assert_eq!(jianbao::store::to_ron(&back).unwrap(), ron, "{}", path.display());
        pages += 1;
    }
    assert!(pages >= 80);
}
