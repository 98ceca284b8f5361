//! The archive, not only the issue: index a folder of issues, search it, keep the
//! index in step with the editors' corrections, and export for OpenSearch.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use jianbao::index::{self, SearchOptions};

fn jianbao(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jianbao")).args(args).output().expect("the binary runs")
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// An archive of two issues: the bundled sample as a raw dump (March 2026), and a
/// second county page annotated and corrected by an editor (April 2026).
fn archive(dir: &Path) -> PathBuf {
    let root = dir.join("archive");
    std::fs::create_dir_all(root.join("2026/03")).unwrap();
    std::fs::create_dir_all(root.join("2026/04")).unwrap();
    let sample = std::fs::read_to_string(common::asset("yunxi-county-news.md")).unwrap();
    std::fs::write(root.join("2026/03/0314.md"), sample).unwrap();
    let page = "第01版：要闻\n\n# 县里召开春耕动员会\n\n本报讯（记者李明）４月２日上午，县委召开春耕生产动员会议，部署全年农业生产工作。\n\n会议要求各乡镇抓好落实，确保春耕生产顺利进行。\n\n# 青石村的新茶上市了\n\n本报讯（记者王海）清明前后，青石村的茶农忙着采摘新茶。\n";
    let raw = root.join("2026/04/0402.txt");
    std::fs::write(&raw, page).unwrap();
    let mut issue = jianbao::open(&raw).unwrap();
    // The editor corrects the reporter's name (李明 was misprinted; it is 李铭) and the date.
    let byline = issue.articles[0].contributors.value().clone();
    let fixed: Vec<_> = byline
        .into_iter()
        .map(|mut c| {
            if c.name == "李明" {
                c.name = "李铭".into();
            }
            c
        })
        .collect();
    issue.articles[0].contributors.corrected = Some(fixed);
    let people: Vec<String> = issue.articles[0]
        .people
        .value()
        .iter()
        .map(|n| if n == "李明" { "李铭".to_string() } else { n.clone() })
        .collect();
    issue.articles[0].people.corrected = Some(if people.is_empty() { vec!["李铭".into()] } else { people });
    issue.articles[0].review = jianbao::model::Review::Reviewed;
    issue.meta.date.corrected = Some(Some("2026-04-02".into()));
    jianbao::store::save(&issue, &root.join("2026/04/0402.ron")).unwrap();
    root
}

fn options() -> SearchOptions {
    SearchOptions { limit: 10, ..SearchOptions::default() }
}

#[test]
fn an_archive_is_indexed_and_searched_by_words_names_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let root = archive(dir.path());
    let report = index::index_archive(&root, &|_, _| {}).unwrap();
    assert_eq!(report.files_indexed, 2, "{}", report.summary());
    assert!(report.failed.is_empty());
    // The raw dump with an annotated issue beside it is not indexed twice.
    let hits = index::search(&root, "春耕 动员", &options()).unwrap();
    assert_eq!(hits.iter().filter(|h| h.headline == "县里召开春耕动员会").count(), 1, "{hits:?}");
    let first = &hits[0];
    assert_eq!(first.headline, "县里召开春耕动员会");
    assert_eq!(first.date.as_deref(), Some("2026-04-02"));
    assert_eq!(first.file, "2026/04/0402.ron");
    assert!(first.snippet.contains("【春耕】"), "{}", first.snippet);
    // The name the editor corrected is found; the misprint it replaced is not.
    let hits = index::search(&root, "person:李铭", &options()).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(index::search(&root, "person:李明", &options()).unwrap().is_empty());
    // Dates: the March dump's date is detected from its text; the April issue's the editor set.
    let march = SearchOptions { to: Some("2026-03-31".into()), ..options() };
    let hits = index::search(&root, "会议", &march).unwrap();
    assert!(!hits.is_empty() && hits.iter().all(|h| h.file.starts_with("2026/03/")), "{hits:?}");
    // The archive's issues with their review progress, newest first.
    let issues = index::overview(&root);
    assert_eq!(issues.len(), 2);
    assert_eq!((issues[0].file.as_str(), issues[0].date.as_deref()), ("2026/04/0402.ron", Some("2026-04-02")));
    assert_eq!((issues[0].articles, issues[0].reviewed), (2, 1));
    // A field of its own.
    let headline_only = SearchOptions { fields: vec!["headline".into()], ..options() };
    assert!(index::search(&root, "采摘", &headline_only).unwrap().is_empty());
    assert_eq!(index::search(&root, "采摘", &options()).unwrap().len(), 1);
}

#[test]
fn indexing_again_reads_only_what_changed_and_survives_damage() {
    let dir = tempfile::tempdir().unwrap();
    let root = archive(dir.path());
    index::index_archive(&root, &|_, _| {}).unwrap();
    let again = index::index_archive(&root, &|_, _| {}).unwrap();
    assert_eq!((again.files_indexed, again.files_unchanged), (0, 2), "{}", again.summary());
    // An interrupted run is simulated by a state that lost a file: it is indexed again,
    // its old documents replaced, never doubled.
    let state = root.join(index::INDEX_DIR).join("files.json");
    let text = std::fs::read_to_string(&state).unwrap();
    let mut map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
    map.remove("2026/04/0402.ron");
    std::fs::write(&state, serde_json::to_string(&map).unwrap()).unwrap();
    let resumed = index::index_archive(&root, &|_, _| {}).unwrap();
    assert_eq!((resumed.files_indexed, resumed.files_unchanged), (1, 1));
    assert_eq!(index::search(&root, "采摘", &options()).unwrap().len(), 1, "not doubled");
    // A file removed from the archive leaves the index.
    std::fs::remove_file(root.join("2026/04/0402.ron")).unwrap();
    let after = index::index_archive(&root, &|_, _| {}).unwrap();
    assert_eq!(after.files_removed, 1);
    // The raw dump is indexed now that its annotated issue is gone.
    assert_eq!(after.files_indexed, 1);
    // A damaged index is rebuilt with a message.
    let meta = root.join(index::INDEX_DIR).join("meta.json");
    std::fs::write(&meta, "{ not json").unwrap();
    let rebuilt = index::index_archive(&root, &|_, _| {}).unwrap();
    assert!(rebuilt.rebuilt.is_some(), "{}", rebuilt.summary());
    assert!(rebuilt.summary().contains("rebuilt"));
    assert_eq!(rebuilt.files_indexed, 2);
    assert!(!index::search(&root, "青石村", &options()).unwrap().is_empty());
}

#[test]
fn index_and_search_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = archive(dir.path());
    let o = jianbao(&["search", p(&root), "春耕"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("jianbao index"), "says how to make the index");
    let o = jianbao(&["index", p(&root)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("2 files indexed"));
    let o = jianbao(&["search", p(&root), "青石村 新茶", "--json", "--limit", "3"]);
    assert!(o.status.success());
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["headline"], "青石村的新茶上市了");
    assert_eq!(lines[0]["file"], "2026/04/0402.ron");
    let o = jianbao(&["search", p(&root), "会议", "--from", "2026-04-01", "--section", "时政"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = jianbao(&["search", p(&root), "会议", "--from", "April"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a date"));
}

#[test]
fn the_opensearch_bulk_file_and_its_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let root = archive(dir.path());
    let out = dir.path().join("0402.ndjson");
    let o = jianbao(&["export", p(&root.join("2026/04/0402.ron")), "--format", "opensearch", "-o", p(&out)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 4, "an action and a document per article");
    for pair in lines.chunks(2) {
        let action = &pair[0]["index"];
        assert_eq!(action["_index"], jianbao::export::opensearch::INDEX_NAME);
        assert!(action["_id"].as_str().unwrap().contains(":p1-"));
        assert!(pair[1]["headline"].is_string() && pair[1]["body"].is_string());
    }
    assert_eq!(lines[1]["person"][0], "李铭", "the editor's correction");
    assert_eq!(lines[1]["date"], "2026-04-02");
    let mapping: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("0402.mapping.json")).unwrap()).unwrap();
    let props = &mapping["mappings"]["properties"];
    assert_eq!(props["body"]["analyzer"], "smartcn");
    assert_eq!(props["person"]["type"], "keyword");
    assert_eq!(props["date"]["format"], "yyyy-MM-dd");
    // Every field a document carries is mapped.
    for key in lines[1].as_object().unwrap().keys() {
        assert!(props.get(key).is_some(), "{key} is not in the mapping");
    }
}

/// For every headline of the dev corpora, a query of two of its words finds its article
/// among the first ten (the corpora indexed as an archive).
#[test]
fn two_words_of_a_headline_find_its_article() {
    let Some(corpus) = common::shared_file("corpus/pd1998-dev") else { return };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    std::fs::create_dir_all(&root).unwrap();
    let mut pages = 0;
    for entry in std::fs::read_dir(&corpus).unwrap().filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "txt") && pages < 20 {
            std::fs::copy(&path, root.join(path.file_name().unwrap())).unwrap();
            pages += 1;
        }
    }
    // The real county page too.
    if let Some(page) = common::shared_file("samples/qinyang-page.txt") {
        std::fs::copy(page, root.join("qinyang.txt")).unwrap();
    }
    let report = index::index_archive(&root, &|_, _| {}).unwrap();
    assert!(report.failed.is_empty(), "{}", report.summary());
    assert!(!index::search(&root, "沁阳", &SearchOptions { limit: 10, ..SearchOptions::default() })
        .unwrap()
        .is_empty());
    let (found, asked) = index::relevance(&root).unwrap();
    let share = found as f64 / asked.max(1) as f64;
    eprintln!("two words of a headline find its article in the top 10: {found} of {asked} ({share:.3})");
    assert!(asked > 100 && share >= 0.95, "{found} of {asked}");
}

/// `jianbao index` killed part-way (as a power cut would) and run again: every issue is
/// in the index once, none twice.
#[cfg(unix)]
#[test]
fn an_index_killed_part_way_is_completed_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    let issues = 400;
    for i in 0..issues {
        let folder = root.join(format!("{}", 2000 + i / 100));
        std::fs::create_dir_all(&folder).unwrap();
        let page = format!(
            "县里召开春耕动员会\n\n本报讯（记者李明）３月２日上午，县委召开第{i}次春耕生产动员会议。\n\n青石村的新茶上市了\n\n本报讯 清明前后，茶农忙着采摘新茶。\n"
        );
        std::fs::write(folder.join(format!("{i:04}.txt")), page).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["index", p(&root)])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed once the first commit is on disk (or after a while on a fast machine).
    let state = root.join(index::INDEX_DIR).join("files.json");
    let started = std::time::Instant::now();
    while !state.exists() && started.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    let o = jianbao(&["index", p(&root)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let again = index::index_archive(&root, &|_, _| {}).unwrap();
    assert_eq!((again.files_indexed, again.files_unchanged), (0, issues), "{}", again.summary());
    let all = SearchOptions { limit: 10 * issues, ..SearchOptions::default() };
    let hits = index::search(&root, "春耕 动员", &all).unwrap();
    assert_eq!(hits.len(), issues, "each issue's article once");
}
