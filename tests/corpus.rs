//! The development corpus (82 real pages with ground truth) must stay above
//! the bar the detector is held to. `cargo run --release --example eval` prints
//! the same figures with the errors behind them.

mod common;

#[test]
fn dev_corpus_meets_the_accuracy_bar() {
    let Some(dir) = common::shared_file("corpus/pd1998-dev") else { return };
    let scores = jianbao::evaluate::score_dir(&dir).expect("the corpus reads");
    assert!(scores.pages >= 80, "only {} pages scored", scores.pages);
    let b = scores.boundaries;
    eprintln!(
        "boundaries F1 {:.4}, headlines {:.4}, names F1 {:.4} (as given) / {:.4} (non-names removed)",
        b.f1(),
        scores.headline_accuracy(),
        scores.names.f1(),
        scores.names_clean.f1()
    );
    assert!(b.f1() >= 0.95, "article boundary F1 {:.4} < 0.95", b.f1());
    assert!(scores.headline_accuracy() >= 0.95, "headline exact match {:.4} < 0.95", scores.headline_accuracy());
    assert!(scores.names.f1() >= 0.88, "contributor-name F1 {:.4} < 0.88", scores.names.f1());
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
