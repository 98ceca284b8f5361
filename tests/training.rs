//! Retraining the line tagger: from an archive's reviewed issues (no truth corpus
//! needed, so this never skips), the model then used for that folder; and from a
//! truth corpus in every layout.

mod common;

use std::process::Command;

use jianbao::model::Review;

fn jianbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jianbao")).args(args).output().expect("the binary runs")
}

#[test]
fn an_archive_trains_its_own_model_from_reviewed_issues_and_uses_it() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir_all(archive.join("2024/03")).unwrap();
    // An editor has reviewed every article of one issue and corrected a headline.
    let mut issue = jianbao::open(&common::asset("yunxi-county-news.md")).unwrap();
    for a in &mut issue.articles {
        a.review = Review::Reviewed;
    }
    jianbao::store::save(&issue, &archive.join("2024/03/0310.ron")).unwrap();

    let model = archive.join(jianbao::tagger::FOLDER_MODEL);
    let o = jianbao(&["train", archive.to_str().unwrap(), "-o", model.to_str().unwrap(), "--iterations", "30"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("runs of reviewed articles"), "{err}");
    assert!(!err.contains(" 0 runs"), "the reviewed articles were read: {err}");

    // The folder now uses its own model, in the command line and the window alike.
    let lang = jianbao::language::Language::for_folder(&archive).unwrap();
    let origin = lang.tagger.as_ref().map(|t| t.origin.clone()).unwrap_or_default();
    assert!(origin.ends_with(jianbao::tagger::FOLDER_MODEL), "{origin}");
    // And it has learnt this paper: the issue it was trained on comes out the same.
    let again = jianbao::open_with(&common::asset("yunxi-county-news.md"), &lang).unwrap();
    let heads = |i: &jianbao::model::Issue| i.articles.iter().map(|a| a.headline.value().clone()).collect::<Vec<_>>();
    assert_eq!(heads(&again), heads(&issue));
}

#[test]
fn a_damaged_folder_model_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(jianbao::tagger::FOLDER_MODEL), b"lCRF\x00\x01 damaged").unwrap();
    let err = jianbao::language::Language::for_folder(dir.path()).unwrap_err();
    assert!(err.contains(jianbao::tagger::FOLDER_MODEL), "{err}");
}

#[test]
fn nothing_to_train_on_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.crf");
    let o = jianbao(&["train", dir.path().to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing to train on"));
    assert!(!out.exists(), "no half-written model");
}

#[test]
fn a_truth_corpus_trains_in_every_layout() {
    let Some(dir) = common::shared_file("corpus/pd2019-dev") else { return };
    // A few pages are enough to check the path from truth pages to a working model.
    let pages: Vec<_> = jianbao::corpus::read_corpora(&[dir]).unwrap().into_iter().take(12).collect();
    let examples = jianbao::training::corpus_examples(&pages, &jianbao::corpus::Form::ALL);
    assert_eq!(examples.len(), pages.len() * jianbao::corpus::Form::ALL.len());
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("m.crf");
    let options = jianbao::tagger::TrainOptions { max_iterations: 40, ..Default::default() };
    jianbao::tagger::train(&examples, &path, options).unwrap();
    let tagger = jianbao::tagger::LineTagger::load(&path).unwrap();
    // Scored on the pages it saw, indented: the head lines are flush, so this must be near perfect.
    let tagged: usize = examples
        .iter()
        .skip(1) // Form::ALL[1] is the indented e-paper form
        .step_by(jianbao::corpus::Form::ALL.len())
        .map(|(xs, ys)| tagger.tag(xs).labels.iter().zip(ys).filter(|(a, b)| a == b).count())
        .sum();
    let total: usize = examples.iter().skip(1).step_by(jianbao::corpus::Form::ALL.len()).map(|(xs, _)| xs.len()).sum();
    assert!(tagged as f64 / total as f64 > 0.9, "{tagged}/{total} lines right");
}

/// A county paper's page in the e-paper's export: a story, then its standing column
/// `数读` over an item of figures. Written here, so the test never skips.
fn write_truth_page(dir: &std::path::Path, day: &str, story_head: &str, story: &str, figure: &str) {
    let text = format!(
        "{story_head}\n　　{story}\n　　县里将继续抓好各项工作，确保完成全年目标任务。\n数读\n{figure}\n　　这是全县去年的数字，比上年增长百分之八。\n"
    );
    std::fs::write(dir.join(format!("{day}-02.txt")), text).unwrap();
    let truth = format!(
        r#"{{"articles": [{{"start_line": 1, "end_line": 3, "headline": "{story_head}"}}, {{"start_line": 4, "end_line": 6, "headline": "数读"}}]}}"#
    );
    std::fs::write(dir.join(format!("{day}-02.json")), truth).unwrap();
}

#[test]
fn a_model_carries_the_standing_heads_of_its_training_days() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    write_truth_page(
        &corpus,
        "20240301",
        "城关大桥建成通车",
        "本报讯 城关大桥昨日建成通车，两岸群众往来更方便了。",
        "３.２亿元",
    );
    write_truth_page(
        &corpus,
        "20240302",
        "春耕备耕有序推进",
        "本报讯 全县春耕备耕工作有序推进，农资供应充足。",
        "１２万亩",
    );
    let model = dir.path().join("m.crf");
    let o = jianbao(&["train", corpus.to_str().unwrap(), "-o", model.to_str().unwrap(), "--iterations", "30"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let tagger = jianbao::tagger::LineTagger::load(&model).unwrap();
    // `数读` heads an item on both days: a standing column. Each story's head is one day's news.
    assert!(tagger.standing_heads.contains("数读"), "{:?}", tagger.standing_heads);
    assert!(!tagger.standing_heads.contains("城关大桥建成通车"));
    assert_eq!(tagger.standing_heads.len(), 1);
}

#[test]
fn an_archive_teaches_its_standing_heads_too() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    // Two issues reviewed by an editor, dated apart: the heads they share are columns.
    let mut issue = jianbao::open(&common::asset("yunxi-county-news.md")).unwrap();
    for a in &mut issue.articles {
        a.review = Review::Reviewed;
    }
    for (file, date) in [("0310.ron", "2024-03-10"), ("0311.ron", "2024-03-11")] {
        issue.meta.date.corrected = Some(Some(date.to_string()));
        jianbao::store::save(&issue, &archive.join(file)).unwrap();
    }
    let model = dir.path().join("m.crf");
    let o = jianbao(&["train", archive.to_str().unwrap(), "-o", model.to_str().unwrap(), "--iterations", "30"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let tagger = jianbao::tagger::LineTagger::load(&model).unwrap();
    let short_heads: Vec<String> = issue
        .articles
        .iter()
        .filter_map(|a| a.headline.value().as_deref().and_then(jianbao::features::standing_head_key))
        .collect();
    assert!(!short_heads.is_empty(), "the sample has short headlines");
    for h in &short_heads {
        assert!(tagger.standing_heads.contains(h), "{h} in {:?}", tagger.standing_heads);
    }
}
